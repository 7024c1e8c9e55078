"""Due list and advisor view in the real window (offscreen): the time until the list is shown (the
engine runs off the GUI thread) and how long the GUI thread is held by applying the answer
(narrowing, grouping, the model reset, expanding the groups) and by changing a filter — the part
that decides whether the window stays responsive with thousands of deadlines."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from benchmarks.bench_ui import _one_firm_db
from benchmarks.run import synthetic_db

AS_OF = dt.date(2026, 11, 25)


def _window(db: Path, workdir: Path):
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ZGC_DESK_DATA_DIR"] = str(workdir / "userdata")
    from zgc_desk.db import open_database
    from zgc_desk.ui.app import create_application
    from zgc_desk.ui.contrib import deadlines
    from zgc_desk.ui.due.dialogs import SUMMARY_AT_START
    from zgc_desk.ui.main_window import MainWindow
    from zgc_desk.ui.settings import UiSettings

    app = create_application()
    open_database(db)
    settings = UiSettings(workdir / "settings.ini")
    settings.set(SUMMARY_AT_START, False)
    window = MainWindow(settings, db_path=db, today=lambda: AS_OF, contributions=[deadlines])
    window.resize(1400, 860)
    window.show()
    return app, window


def _wait(app, condition, timeout: float = 300.0) -> None:
    ends = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > ends:
            raise RuntimeError("timed out")
        app.processEvents()
        time.sleep(0.005)


def _timed_apply(page) -> list[float]:
    """Wrap the page's ``apply`` to collect how long each call holds the GUI thread."""
    held: list[float] = []
    original = page.apply

    def apply():
        started = time.perf_counter()
        original()
        held.append(time.perf_counter() - started)
    page.apply = apply
    return held


def _run(db: Path, workdir: Path, key: str) -> str:
    app, window = _window(db, workdir)
    page = window.pages[key]
    held = _timed_apply(page)
    started = time.perf_counter()
    window.load()
    window.show_page(key)
    if key == "due":
        page.view_choice.setCurrentIndex(page.view_choice.findData("year"))
    _wait(app, lambda: page.data is not None and not window.ctx.tasks.busy)
    app.processEvents()
    shown_after = time.perf_counter() - started
    rows = len(page.shown_deadlines())
    first = max(held) if held else 0.0
    held.clear()
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("annuity"))
    page.kind_filter.setCurrentIndex(0)
    window.ctx.tasks.shutdown()
    window.close()
    from zgc_desk.db import close_database

    close_database()
    return (f"{rows:,} deadlines shown after {shown_after:.2f} s; GUI thread held {first * 1000:.0f} ms to apply, "
            f"{max(held) * 1000:.0f} ms per filter change")


def advisor_all_firms(workdir: Path, size: int) -> str:
    return _run(synthetic_db(workdir, size), workdir, "advisor")


def due_list_one_firm(workdir: Path, size: int) -> str:
    return _run(_one_firm_db(workdir, size), workdir, "due")


BENCHMARKS = [
    ("advisor view, all firms, next 90 days", advisor_all_firms),
    ("Due list of one firm holding every patent, next 12 months", due_list_one_firm),
]
