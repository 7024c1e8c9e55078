"""Desktop window benchmarks (offscreen): time from starting the program to the first list shown,
and time to filter a list by a search string — the worst case being one firm holding every patent
(target for 100,000: well under 1 s for the filter).

The start-up figure is measured from outside: a fresh interpreter is started and the time until it
reports the Patents page filled is taken (Python and Qt start-up included). The notes give the
figures; the runner's own column also counts building the test database where one is needed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.qt_wait import wait_until
from benchmarks.run import synthetic_db
from benchmarks.synthetic import generate

SEARCHES = ("2019", "20191", "ZL 2019 1 01", "芯片", "神经网络传感器", "zzz-nothing")

_START_PROBE = r"""
import os, sys, time
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["ZGC_DESK_DATA_DIR"] = sys.argv[2]
from PySide6.QtCore import QTimer
from zgc_desk.ui.app import create_application, open_window
from zgc_desk.ui.settings import CURRENT_PAGE, UiSettings
app = create_application()
settings = UiSettings()
settings.set(CURRENT_PAGE, "patents")
window = open_window(Path(sys.argv[1]), False, settings)
page = window.pages["patents"]
def shown():
    window.repaint()  # painted, not only loaded
    print(f"shown {page.model.rowCount()} {time.time() - float(sys.argv[3]):.3f}", flush=True)
    app.quit()
page.loaded.connect(lambda: QTimer.singleShot(0, shown))
app.exec()
"""


def _one_firm_db(workdir: Path, size: int) -> Path:
    """A database where one firm holds all ``size`` patents (built once per run, then copied)."""
    import shutil

    from zgc_desk.db import close_database

    master = workdir.parent / f"synthetic-one-firm-{size}.db"
    if not master.exists():
        generate(master, size, n_firms=1)
        close_database()
    copy = workdir / "one-firm.db"
    shutil.copyfile(master, copy)
    return copy


def _start(db: Path, workdir: Path) -> str:
    """Seconds from launching the program to the list painted, measured by the program itself (the
    process then still finishes its background start-up work before it exits, which is not counted)."""
    started = time.time()
    probe = subprocess.run([sys.executable, "-c", _START_PROBE, str(db), str(workdir / "userdata"), repr(started)],
                           capture_output=True, text=True, timeout=300)
    line = next((ln for ln in probe.stdout.splitlines() if ln.startswith("shown")), None)
    if line is None:
        raise RuntimeError(f"the window did not show its list: {probe.stderr[-2000:]}")
    _word, rows, seconds = line.split()
    exited = time.time() - started
    return f"first list shown after {float(seconds):.2f} s ({int(rows):,} rows); process done after {exited:.2f} s"


def start_fifty_firms(workdir: Path, size: int) -> str:
    return _start(synthetic_db(workdir, size), workdir)


def start_one_firm(workdir: Path, size: int) -> str:
    return _start(_one_firm_db(workdir, size), workdir)


def filter_one_firm(workdir: Path, size: int) -> str:
    """Type each search string into the Patents page of a firm with ``size`` patents."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ZGC_DESK_DATA_DIR"] = str(workdir / "userdata")
    from PySide6.QtCore import QEvent

    from zgc_desk.db import close_database, open_database
    from zgc_desk.ui.app import create_application
    from zgc_desk.ui.main_window import MainWindow
    from zgc_desk.ui.pages.records import TYPING_PAUSE_MS
    from zgc_desk.ui.settings import CURRENT_PAGE, UiSettings

    app = create_application()
    open_database(_one_firm_db(workdir, size))
    settings = UiSettings()
    settings.set(CURRENT_PAGE, "patents")
    window = MainWindow(settings, contributions=[])
    window.show()
    page = window.pages["patents"]

    def wait(condition) -> None:
        wait_until(condition, 60)

    window.load()
    wait(lambda: page.model.rowCount() > 0)
    started = time.perf_counter()
    wait(lambda: page._index is not None and page._index.built and not window.ctx.tasks.busy)
    notes = [f"search prepared {time.perf_counter() - started:.2f} s"]
    worst = 0.0
    loaded: list[float] = []
    page.loaded.connect(lambda: loaded.append(time.perf_counter()))
    for text in SEARCHES:
        loaded.clear()
        page.search.setText(text)
        page._typing.stop()  # time the filtering itself; the typing pause is added below
        started = time.perf_counter()
        page._reload()
        wait(lambda: bool(loaded))
        elapsed = loaded[0] - started
        worst = max(worst, elapsed)
        notes.append(f"'{text}' {elapsed * 1000:.0f} ms ({page.model.rowCount():,})")
    page.search.clear()
    window.ctx.tasks.shutdown()
    window.close()
    window.deleteLater()  # gone before the interpreter ends, not during its finalisation
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    close_database()
    notes.append(f"worst {worst * 1000:.0f} ms + {TYPING_PAUSE_MS} ms typing pause")
    return "; ".join(notes)


BENCHMARKS = [
    ("ui: start to first list (50 firms)", start_fifty_firms),
    ("ui: start to first list (one firm has all)", start_one_firm),
    ("ui: filter by search string (one firm has all)", filter_one_firm),
]
