"""UI fixtures: the real main window on a temporary demo database, with scripted answers to
questions (``dialogs``) instead of modal message boxes."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from ui_helpers import ScriptedDialogs

# The workbook tests' helpers (tests/io/zgc_io_helpers.py) write and read back workbooks here too.
sys.path.append(str(Path(__file__).resolve().parent.parent / "io"))

DEMO_ANCHOR = dt.date(2026, 11, 25)  # as tests/conftest.py's demo_db


@pytest.fixture
def ui_settings(tmp_path):
    from zgc_desk.ui.settings import UiSettings

    return UiSettings(tmp_path / "settings.ini")


@pytest.fixture
def make_window(qtbot, ui_settings):
    """Build, show and load a main window on the database that is open; returns it once ready."""
    from zgc_desk.db import database_path
    from zgc_desk.ui.main_window import MainWindow

    windows = []

    def make(settings=None, contributions=None, today: dt.date = DEMO_ANCHOR):
        window = MainWindow(settings or ui_settings, db_path=database_path(), today=lambda: today,
                            contributions=[] if contributions is None else contributions)
        window.ctx.dialogs = ScriptedDialogs()
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.ready, timeout=10000):
            window.load()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.ctx.tasks.shutdown()


@pytest.fixture
def window(demo_db, make_window):
    return make_window()
