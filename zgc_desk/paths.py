"""Where the program's own files and the user's data live.

Program files (fonts, icons, compiled translations) are found in one of three places, first match:
a PyInstaller bundle's data folder (``sys._MEIPASS``); inside the installed package, ``zgc_desk/_data/``
— where setup.py puts ``resources/`` and the compiled catalogues when it builds a wheel —; else the
checkout the package is imported from (a source tree or an editable install), whose top-level
``resources/`` and ``i18n/`` folders are the sources. Rule data (deadline tables, subsidy policies,
form maps) is package data beside the modules that read it. User data always lives in the per-user
data folder, never next to the program.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import platformdirs

from zgc_desk import APP_AUTHOR, APP_NAME

PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def program_root() -> Path:
    """The folder holding ``resources/`` and ``i18n/``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    installed = PACKAGE_DIR / "_data"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent


def resources_dir() -> Path:
    return program_root() / "resources"


def i18n_dir() -> Path:
    """``<lang>/LC_MESSAGES/zgc_desk.mo`` (and, in a checkout, the ``.po`` sources) live here."""
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


def user_cache_dir() -> Path:
    """Per-user folder of derived data that may be deleted at any time (the kept deadlines:
    ``services.deadline_store``); under ``ZGC_DESK_DATA_DIR`` when that is set."""
    override = os.environ.get("ZGC_DESK_DATA_DIR")
    if override:
        return Path(override) / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))


def default_database_path() -> Path:
    return user_data_dir() / "zgc_desk.db"


def backups_dir_for(db_path: Path) -> Path:
    """Backups go to ``backups/`` beside the database file."""
    return Path(db_path).resolve().parent / "backups"


def attachments_dir_for(db_path: Path) -> Path:
    """Attachments' files go to ``attachments/`` beside the database file. A backup's copy lies in
    ``backups/``, so its files are in ``backups/attachments/`` by the same rule."""
    return Path(db_path).resolve().parent / "attachments"
