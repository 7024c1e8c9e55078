"""PostgreSQL beside SQLite, in one run: the same synthetic portfolio imported into each, then the
deadlines, the subsidy check, the window's start to its painted list and the list filter on each,
printed as seconds and as the ratio PostgreSQL / SQLite.

Usage: ``python -m benchmarks.run --postgres auto [--sizes 100000]`` (or ``python -m
benchmarks.postgres``). ``auto`` starts a throw-away cluster the way the tests do (tests/pg_cluster.py:
initdb, a free loopback port, fsync off — so the server's figures exclude disk flushes, as a server
with a battery-backed cache would); a ``postgresql://USER@HOST[:PORT]/DBNAME`` address uses that server
instead, creating and dropping databases named ``zgc_bench_*`` beside DBNAME (needs CREATEDB).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.qt_wait import wait_until

AS_OF = "2026-11-25"
SEARCHES = ("2019", "芯片", "zzz-nothing")

_START_PROBE = r"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["ZGC_DESK_DATA_DIR"] = sys.argv[2]
from PySide6.QtCore import QTimer
from zgc_desk.ui.app import create_application, open_window
from zgc_desk.ui.settings import CURRENT_PAGE, UiSettings
app = create_application()
settings = UiSettings()
settings.set(CURRENT_PAGE, "patents")
window = open_window(sys.argv[1], False, settings)
page = window.pages["patents"]
def shown():
    window.repaint()
    print(f"shown {page.model.rowCount()} {time.time() - float(sys.argv[3]):.3f}", flush=True)
    app.quit()
page.loaded.connect(lambda: QTimer.singleShot(0, shown))
app.exec()
"""


class Server:
    """Fresh databases on a PostgreSQL server: a throw-away cluster, or the one named."""

    def __init__(self, address: str):
        self.cluster = None
        if address == "auto":
            sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
            import pg_cluster

            self.cluster = pg_cluster.start_cluster()
            address = self.cluster.url
        self.admin_url = address
        self.created: list[str] = []

    def new_database(self, label: str) -> str:
        import psycopg

        name = f"zgc_bench_{label}_{len(self.created)}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return self.admin_url.rsplit("/", 1)[0] + "/" + name

    def close(self) -> None:
        import psycopg

        with contextlib.suppress(Exception), psycopg.connect(self.admin_url, autocommit=True) as conn:
            for name in self.created:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if self.cluster is not None:
            self.cluster.stop()


def _timed(func, *args) -> tuple[float, str]:
    started = time.perf_counter()
    note = func(*args)
    return time.perf_counter() - started, note


def import_into(target, workbook: Path) -> str:
    from zgc_desk.db import close_database, open_database
    from zgc_desk.services.transfer import import_workbook

    open_database(target)
    result = import_workbook(workbook)
    close_database()
    return f"{sum(c.added for c in result.counts.values())} records added"


def deadlines(target) -> str:
    from zgc_desk.cli import main

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(["deadlines", "--db", str(target), "--as-of", AS_OF, "--json"])
    assert code == 0
    return f"{len(json.loads(buffer.getvalue()))} deadlines"


def check(target) -> str:
    from zgc_desk.cli import main

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(["check", "--db", str(target), "--as-of", AS_OF, "--json"])
    assert code == 0
    return f"{len(json.loads(buffer.getvalue()))} decisions"


def window_start(target, workdir: Path) -> tuple[float, str]:
    """Seconds from launching the program to the Patents list painted, as the program measures it."""
    started = time.time()
    probe = subprocess.run([sys.executable, "-c", _START_PROBE, str(target), str(workdir / "userdata"),
                            repr(started)], capture_output=True, text=True, timeout=600)
    line = next((ln for ln in probe.stdout.splitlines() if ln.startswith("shown")), None)
    if line is None:
        raise RuntimeError(f"the window did not show its list: {probe.stderr[-2000:]}")
    _word, rows, seconds = line.split()
    return float(seconds), f"{int(rows):,} rows shown"


def window_filter(target, workdir: Path) -> tuple[float, str]:
    """The worst of a few searches typed into the Patents page of the first firm (filtering only)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ZGC_DESK_DATA_DIR"] = str(workdir / "userdata-filter")
    from PySide6.QtCore import QEvent

    from zgc_desk.db import close_database, open_database
    from zgc_desk.ui.app import create_application
    from zgc_desk.ui.main_window import MainWindow
    from zgc_desk.ui.settings import CURRENT_PAGE, UiSettings

    app = create_application()
    open_database(target)
    settings = UiSettings()
    settings.set(CURRENT_PAGE, "patents")
    window = MainWindow(settings, contributions=[])
    window.show()
    page = window.pages["patents"]

    def wait(condition) -> None:
        wait_until(condition, 120)

    window.load()
    wait(lambda: page.model.rowCount() > 0)
    wait(lambda: page._index is not None and page._index.built and not window.ctx.tasks.busy)
    worst, loaded = 0.0, []
    page.loaded.connect(lambda: loaded.append(time.perf_counter()))
    for text in SEARCHES:
        loaded.clear()
        page.search.setText(text)
        page._typing.stop()
        started = time.perf_counter()
        page._reload()
        wait(lambda: bool(loaded))
        worst = max(worst, loaded[0] - started)
    rows = page.model.rowCount()
    page.search.clear()
    window.ctx.tasks.shutdown()
    window.close()
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    close_database()
    return worst, f"worst of {len(SEARCHES)} searches ({rows} rows left by the last)"


def run(address: str, size: int) -> list[tuple[str, float, float, str]]:
    from benchmarks.synthetic import generate
    from zgc_desk.db import close_database, open_database
    from zgc_desk.services.transfer import export_workbook

    server = Server(address)
    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="zgc-bench-pg-") as tmp:
            root = Path(tmp)
            synthetic = root / "synthetic.db"
            generate(synthetic, size)
            workbook = root / "portfolio.xlsx"
            open_database(synthetic)
            export_workbook(workbook)
            close_database()
            targets = {"sqlite": root / "imported.db", "postgresql": server.new_database("import")}
            results: dict[str, dict[str, tuple[float, str]]] = {name: {} for name in targets}
            for name, target in targets.items():
                results[name]["import"] = _timed(import_into, target, workbook)
                results[name]["deadlines --json"] = _timed(deadlines, target)
                results[name]["check --json"] = _timed(check, target)
                results[name]["window start to painted list"] = window_start(target, root / name)
                results[name]["list filter (worst search)"] = window_filter(target, root / name)
                for bench, (seconds, note) in results[name].items():
                    print(f"{name:<11} {bench:<30} {seconds:>8.3f} s  {note}", file=sys.stderr)
            for bench in results["sqlite"]:
                lite, pg = results["sqlite"][bench][0], results["postgresql"][bench][0]
                rows.append((bench, lite, pg, results["postgresql"][bench][1]))
    finally:
        close_database()
        server.close()
    return rows


def report(rows, size: int) -> None:
    print(f"PostgreSQL beside SQLite, {size:,} patents, one run")
    print(f"{'benchmark':<32} {'SQLite s':>9} {'PostgreSQL s':>13} {'ratio':>7}  note")
    for bench, lite, pg, note in rows:
        print(f"{bench:<32} {lite:>9.3f} {pg:>13.3f} {pg / lite if lite else float('nan'):>6.2f}×  {note}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="auto", metavar="auto|URL")
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args(argv)
    report(run(args.postgres, args.size), args.size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
