"""Where the program's own files and the user's data live.

Program files (fonts, icons, translations) sit next to the package in a source checkout or an
editable install, and under ``sys._MEIPASS`` in a PyInstaller bundle. User data always lives in the
per-user data folder, never next to the program.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from zgc_desk import APP_AUTHOR, APP_NAME


def program_root() -> Path:
    """The folder holding ``resources/`` and ``i18n/``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return program_root() / "resources"


def i18n_dir() -> Path:
    return program_root() / "i18n"


def cjk_font_path() -> Path:
    """The bundled TrueType Chinese font (Qt fallback, embedded in PDFs).

    It has CJK glyphs only — no digits, Latin letters or ¥ — so PDFs set Latin runs in another
    embedded TrueType font (reportlab's Vera) and Qt falls back to a Latin font on its own."""
    return resources_dir() / "fonts" / "DroidSansFallbackFull.ttf"


def user_data_dir() -> Path:
    """Per-user data folder; ``ZGC_DESK_DATA_DIR`` overrides it (portable use, tests)."""
    override = os.environ.get("ZGC_DESK_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=True))


def default_database_path() -> Path:
    return user_data_dir() / "zgc_desk.db"


def backups_dir_for(db_path: Path) -> Path:
    """Backups go to ``backups/`` beside the database file."""
    return Path(db_path).resolve().parent / "backups"
