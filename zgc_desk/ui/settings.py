"""Per-machine window state, declared once with defaults (docs/development.md, practice 10).

Every value goes through :class:`UiSettings`, a typed registry over ``QSettings`` in INI format
kept in the per-user data folder (so ``ZGC_DESK_DATA_DIR`` moves it too). Values are stored as JSON
text or base64 (window geometry) — never pickles. Firm data, reminder lead times and the number of
backups kept live in the database instead (``zgc_desk.services.settings``).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from zgc_desk.paths import default_database_path, user_data_dir


@dataclass(frozen=True)
class Setting:
    key: str
    default: object
    binary: bool = False  # bytes (Qt's saveGeometry / saveState), stored base64


GEOMETRY = Setting("window/geometry", b"", binary=True)
WINDOW_STATE = Setting("window/state", b"", binary=True)
SPLITTER_SIZES = Setting("window/splitter_sizes", [])
CURRENT_PAGE = Setting("window/current_page", "")
LAST_FIRM_ID = Setting("session/last_firm_id", 0)
# Not "general/...": QSettings writes a group of that name as [%General] and reads it back as
# "General", so the value was lost at the next start.
LANGUAGE = Setting("preferences/language", "")  # "" = the system's
DATA_FOLDER = Setting("preferences/data_folder", "")  # "" = the per-user data folder; applied at next start


def visible_columns(table: str) -> Setting:
    """The column keys a list shows; ``None`` = the columns' own defaults."""
    return Setting(f"columns/{table}", None)


class UiSettings:
    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else user_data_dir() / "settings.ini"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)

    def get(self, setting: Setting):
        raw = self._store.value(setting.key)
        if raw is None or raw == "":
            return setting.default
        try:
            if setting.binary:
                return base64.b64decode(str(raw))
            return json.loads(str(raw))
        except ValueError:  # a hand-edited or damaged value: fall back to the default
            return setting.default

    def set(self, setting: Setting, value) -> None:
        if setting.binary:
            text = base64.b64encode(bytes(value)).decode("ascii")
        else:
            text = json.dumps(value, ensure_ascii=False)
        self._store.setValue(setting.key, text)

    def sync(self) -> None:
        self._store.sync()

    def database_path(self) -> Path:
        """The database used when none is named on the command line."""
        folder = self.get(DATA_FOLDER)
        return Path(folder) / default_database_path().name if folder else default_database_path()
