"""Start-up of the desktop window: the Qt application (fonts, icon, translations, high-DPI), the
database opened off the GUI thread, and ``--smoke`` for checking an installer bundle."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import tempfile
from pathlib import Path

log = logging.getLogger("zgc_desk.ui")

CJK_FAMILIES: list[str] = []  # families of the bundled font, once registered


def create_application(argv: list[str] | None = None):
    """The QApplication, created once, with the bundled Chinese font and the app icon."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from zgc_desk import APP_NAME, __version__
    from zgc_desk.ui.icons import app_icon

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("ZGC Desk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    install_fonts(app)
    app.setWindowIcon(app_icon())
    _windows_taskbar_identity()
    return app


def install_fonts(app) -> None:
    """Register the bundled Chinese font and make it the fallback of the UI font, so Chinese never shows
    as boxes where the system has no CJK font. On Windows the system fonts serve already."""
    from PySide6.QtGui import QFont, QFontDatabase

    from zgc_desk.paths import cjk_font_path

    if CJK_FAMILIES or sys.platform == "win32":
        return
    font_id = QFontDatabase.addApplicationFont(str(cjk_font_path()))
    if font_id < 0:
        log.warning("cannot load the bundled Chinese font %s", cjk_font_path())
        return
    CJK_FAMILIES.extend(QFontDatabase.applicationFontFamilies(font_id))
    font = app.font()
    families = [font.family()] + [f for f in CJK_FAMILIES if f != font.family()]
    font.setFamilies(families)
    app.setFont(font)
    for family in {font.family(), "Sans Serif", "DejaVu Sans", "monospace"}:
        QFont.insertSubstitutions(family, CJK_FAMILIES)


def install_qt_translations(app, language: str) -> None:
    """Qt's own strings (buttons of standard dialogs, context menus of text fields) in Chinese."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    previous = getattr(app, "_zgc_qt_translator", None)
    if previous is not None:
        app.removeTranslator(previous)
        app._zgc_qt_translator = None
    if language != "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
        app._zgc_qt_translator = translator
    else:
        log.info("Qt's Chinese translation not found in %s", folder)


def _windows_taskbar_identity() -> None:
    """Without this, Windows groups the window under python.exe and shows its icon in the task bar."""
    if sys.platform != "win32":
        return
    try:
        import ctypes

        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID("ZGCDesk.ZGCDesk")
    except Exception:  # an older Windows: the task bar icon is only cosmetic
        log.debug("cannot set the app user model id", exc_info=True)


def prepare_database(path: Path | str, with_demo: bool, today: dt.date) -> bool:
    """Open (and migrate) the database; write the demo portfolio into a new one if asked. Runs off the
    GUI thread. A server address (a shared portfolio) is opened as it is: never a demo there. True
    when it wrote the demo (the window then says it opened a demo database)."""
    from zgc_desk.db import open_database
    from zgc_desk.db_url import is_server_address
    from zgc_desk.demo import write_demo

    if is_server_address(path):
        open_database(path)
        return False
    from zgc_desk.io.atomic import clean_at_start

    path = Path(path)
    is_new = not path.exists() or path.stat().st_size == 0
    clean_at_start(open_database(path))  # what a killed run left behind
    from zgc_desk.services.old_rules import adopt_old_rule_files

    adopt_old_rule_files()  # the previous version's Policies-page edits, carried into the database once
    if is_new and with_demo:
        write_demo(anchor=today)
        return True
    return False


def open_window(db_path: Path, with_demo: bool, settings=None, today=dt.date.today, dialogs=None):
    """Show the main window at once and open the database behind it (busy indicator meanwhile)."""
    from zgc_desk.db import close_database
    from zgc_desk.i18n import _
    from zgc_desk.ui.main_window import MainWindow
    from zgc_desk.ui.settings import UiSettings

    settings = settings or UiSettings()
    window = MainWindow(settings, db_path=db_path, today=today)
    window.startup_error = None
    if dialogs is not None:
        window.ctx.dialogs = dialogs
    window.setEnabled(False)
    window.show()
    close_database()  # this thread's connection; the worker opens the file afresh

    def opened(wrote_demo: bool) -> None:
        from zgc_desk.migrations import take_notes

        window.ctx.extras["demo_written"] = wrote_demo  # the help contribution's note, at ready
        window.setEnabled(True)
        window.load()
        for note in take_notes():  # e.g. where the backup before an upgrade went
            window.ctx.dialogs.info("ZGC Desk", note)

    def failed(exc) -> None:
        window.startup_error = exc  # run_app's exit code says the program could not open its database
        window.ctx.show_error(exc)
        window.close()

    window.ctx.tasks.run(prepare_database, db_path, with_demo, today(), on_result=opened, on_error=failed,
                         label=_("Opening the database…"))
    return window


def choose_language(requested: str | None, settings) -> str:
    """Set and return the language: ``--lang`` first, then the one saved in Settings, then the system's."""
    from zgc_desk.i18n import set_language
    from zgc_desk.ui.settings import LANGUAGE

    try:
        return set_language(requested or settings.get(LANGUAGE) or None)
    except ValueError:  # a hand-edited settings file naming a language we lack
        return set_language(None)


def run_app(db_path: Path | None = None, language: str | None = None, smoke: bool = False) -> int:
    if smoke:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from zgc_desk.ui.errors import describe
    from zgc_desk.ui.settings import UiSettings

    app = create_application()
    settings = UiSettings()
    chosen = choose_language(language, settings)
    install_qt_translations(app, chosen)
    if smoke:
        return _smoke(app, settings)
    _install_excepthook()
    from zgc_desk.errorlog import quiet_writer_cleanup

    quiet_writer_cleanup()  # a failed workbook save: its message box, no "Exception ignored" on stderr
    from zgc_desk.db_url import is_server_address

    path = db_path if is_server_address(db_path) else Path(db_path) if db_path else settings.database_path()
    with_demo = db_path is None  # the first start shows the demo; a named new database starts empty
    try:
        window = open_window(path, with_demo, settings)
    except Exception as exc:  # e.g. the settings file cannot be written
        print(describe(exc), file=sys.stderr)
        return 1
    app.aboutToQuit.connect(window.save_state)
    window.ctx.tasks.abandon_reads_at_close = True
    code = app.exec()
    code = 1 if window.startup_error is not None else code
    _end_now(code)
    return code  # not reached


def _end_now(code: int) -> None:
    """End the process as soon as the window has closed: the settings are saved and the writes have
    finished (closeEvent waited for them). Neither the reads left running (Qt's thread pool would
    join them) nor the interpreter's tidying of a large portfolio in memory (seconds at 100,000
    patents) is waited for; logs and output are flushed, this thread's connection closed."""
    from zgc_desk.db import close_database

    close_database()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _smoke(app, settings) -> int:
    """Open a fresh demo database offscreen, show the window until it is ready, close, exit 0."""
    from PySide6.QtCore import QEventLoop, QTimer

    from zgc_desk.ui.context import StderrDialogs

    problems: list[str] = []
    previous_hook = sys.excepthook
    sys.excepthook = lambda kind, exc, tb: (problems.append(repr(exc)), previous_hook(kind, exc, tb))
    with tempfile.TemporaryDirectory(prefix="zgc-smoke-") as folder:
        window = open_window(Path(folder) / "smoke.db", True, settings, dialogs=StderrDialogs(problems))
        outcome = {"ok": False}
        loop = QEventLoop()
        window.ready.connect(lambda: outcome.update(ok=True))
        window.ready.connect(loop.quit)
        window.destroyed.connect(loop.quit)
        QTimer.singleShot(60_000, loop.quit)
        loop.exec()
        app.processEvents()
        window.close()
        from zgc_desk.db import close_database

        close_database()
    sys.excepthook = previous_hook
    problems += missing_program_files()
    ok = outcome["ok"] and not problems
    from PySide6.QtCore import QCoreApplication

    from zgc_desk.i18n import current_language

    # which language won (--lang, Settings, system) and whether Qt's own translation was found
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    print(f"smoke: ok (language {current_language()}, Qt's Cancel button: {cancel})" if ok else
          f"smoke: failed {problems or 'the window did not become ready'}", file=sys.stderr)
    return 0 if ok else 1


def missing_program_files() -> list[str]:
    """The program's own files it could not find (a wheel or bundle built without them): the window
    would still open, in English, with boxes for Chinese and without icons."""
    import gettext

    from zgc_desk.i18n import DOMAIN, current_language
    from zgc_desk.paths import cjk_font_path, i18n_dir
    from zgc_desk.ui.icons import app_icon

    missing = []
    if not cjk_font_path().is_file():
        missing.append(f"the Chinese font {cjk_font_path()}")
    if app_icon().isNull():
        missing.append("the application icon")
    language = current_language()
    if language != "en" and gettext.find(DOMAIN, str(i18n_dir()), [language]) is None:
        missing.append(f"the {language} catalogue in {i18n_dir()}")
    return missing


def _install_excepthook() -> None:
    """A bug in a slot must not pass silently nor kill the window: log it and say so."""
    previous = sys.excepthook

    def hook(kind, exc, tb):
        from PySide6.QtWidgets import QApplication, QMessageBox

        from zgc_desk.ui.errors import describe

        if not isinstance(exc, Exception):
            previous(kind, exc, tb)
            return
        QMessageBox.warning(QApplication.activeWindow(), "ZGC Desk", describe(exc))

    sys.excepthook = hook
