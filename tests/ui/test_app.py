"""Start-up: the smoke run used to check bundles, the Chinese font, Qt's own translations, and a
new database opened off the GUI thread."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QRawFont

from zgc_desk.ui.app import CJK_FAMILIES, create_application, install_qt_translations, open_window


def test_smoke_run_exits_cleanly(tmp_path):
    env = {**os.environ, "ZGC_DESK_DATA_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "zgc_desk", "--smoke"], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "smoke: ok" in result.stderr
    assert not any(tmp_path.glob("**/*.db"))  # the smoke database lives in a temporary folder


def test_the_bundled_font_covers_chinese(qapp):
    create_application()
    if sys.platform == "win32":
        return  # the system fonts serve
    assert CJK_FAMILIES
    assert QRawFont.fromFont(QFont(CJK_FAMILIES[0])).supportsCharacter("专")
    assert CJK_FAMILIES[0] in qapp.font().families()


def test_qt_dialog_buttons_are_translated(qapp):
    install_qt_translations(qapp, "zh_CN")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    install_qt_translations(qapp, "en")


def test_a_new_named_database_opens_empty_with_its_prompt(qtbot, tmp_path):
    from zgc_desk.ui.settings import UiSettings

    path = tmp_path / "new" / "firm.db"
    window = open_window(path, with_demo=False, settings=UiSettings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=10000):
        pass
    assert path.exists()
    assert window.isEnabled()
    assert window.ctx.firm_id is None
    profile = window.pages["profile"]
    assert profile._stack.currentIndex() == 0  # "No firm yet" with a New firm button
    window.ctx.tasks.shutdown()


def test_a_file_that_is_not_a_database_is_refused_in_plain_words(qtbot, tmp_path):
    from ui_helpers import ScriptedDialogs

    from zgc_desk.ui.settings import UiSettings

    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database", encoding="utf-8")
    dialogs = ScriptedDialogs()
    window = open_window(bogus, with_demo=False, settings=UiSettings(tmp_path / "s.ini"), dialogs=dialogs)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(dialogs.messages), timeout=10000)
    assert str(bogus) in dialogs.messages[0]
    assert "Traceback" not in dialogs.messages[0]
    assert not window.isVisible()
    assert window.startup_error is not None


def test_the_smoke_run_names_the_program_files_it_cannot_find(qapp, tmp_path, monkeypatch):
    from zgc_desk import paths
    from zgc_desk.i18n import set_language
    from zgc_desk.ui import icons
    from zgc_desk.ui.app import missing_program_files

    set_language("zh_CN")
    assert missing_program_files() == []
    monkeypatch.setattr(paths, "program_root", lambda: tmp_path)  # e.g. a wheel built without them
    icons.icon.cache_clear()
    try:
        missing = missing_program_files()
    finally:
        icons.icon.cache_clear()
    assert [m.split(" ")[1] for m in missing] == ["Chinese", "application", "zh_CN"]


_CLOSE_AT_ONCE = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from zgc_desk.ui.app import create_application, run_app
app = create_application()
def poll():
    for widget in app.topLevelWidgets():
        if type(widget).__name__ == "MainWindow" and widget.isVisible() and widget.isEnabled():
            print("closing", flush=True)
            widget.close()  # the lists are still being loaded
            return
    QTimer.singleShot(5, poll)
QTimer.singleShot(5, poll)
sys.exit(run_app(db_path=Path(sys.argv[1])))
"""


def test_closing_right_after_start_ends_the_program_cleanly(tmp_path, cli):
    """The lists still loading are left behind; the settings are saved and the exit code is 0."""
    db = tmp_path / "demo.db"
    assert cli("demo", "--db", db).returncode == 0
    env = {**os.environ, "ZGC_DESK_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", _CLOSE_AT_ONCE, str(db)], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "closing" in result.stdout
    settings = (tmp_path / "data" / "settings.ini").read_text(encoding="utf-8")
    assert "geometry" in settings.lower()


def test_an_upgrade_whose_backups_folder_cannot_be_written_says_where_its_backup_went(qtbot, tmp_path, english):
    from peewee import SqliteDatabase
    from ui_helpers import ScriptedDialogs

    from zgc_desk.db import PRAGMAS
    from zgc_desk.migrations import latest_version, upgrade
    from zgc_desk.paths import user_data_dir
    from zgc_desk.ui.settings import UiSettings

    path = tmp_path / "old.db"
    old = SqliteDatabase(str(path), pragmas=PRAGMAS)
    upgrade(old, target=latest_version() - 1)
    old.close()
    (tmp_path / "backups").write_text("a file where the backups folder should be")
    dialogs = ScriptedDialogs()
    window = open_window(path, with_demo=False, settings=UiSettings(tmp_path / "s.ini"), dialogs=dialogs)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=10000):
        pass
    assert window.startup_error is None and window.isEnabled()
    assert len(dialogs.messages) == 1 and "cannot be written" in dialogs.messages[0]
    assert str(user_data_dir() / "upgrade-backups") in dialogs.messages[0]
    window.ctx.tasks.shutdown()
