"""Before and after in one run: the operations of issue 12, timed on this machine for an earlier
commit (``--before``, by default the commit before this work) and for the working tree.

Usage: ``python -m benchmarks.compare [--before REV] [--size 100000] [--million] [--only NAME]``

Each tree is run by the same interpreter (the same dependencies), with its own copy of the code in
front of ``sys.path``; each tree builds its own synthetic database (so that either tree's migrations
fit) with its own ``benchmarks/synthetic.py``. Every figure is one fresh process: its wall time
(interpreter start included) and its peak memory (maximum resident set size, from ``wait4``). The
window's figures are measured by the program itself (offscreen) and printed by the probe.
``--million`` adds the import of a 1,000,000-patent workbook (the working tree only; it takes
several minutes to build and import).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
BEFORE = "aea1c82"  # main when issue 12's work began
AS_OF = "2026-11-25"
TWO_YEARS = ("2026-11-25", "2028-11-25")

_GENERATE = r"""
import sys
from benchmarks.synthetic import generate
generate(sys.argv[1], int(sys.argv[2]), **({"n_firms": int(sys.argv[3])} if len(sys.argv) > 3 else {}))
"""

_EXPORT = r"""
import sys
from zgc_desk.db import open_database
from zgc_desk.services.transfer import export_workbook
open_database(sys.argv[1])
export_workbook(sys.argv[2])
"""

_FLOOR = r"""
import sys
from openpyxl import load_workbook
workbook = load_workbook(sys.argv[1], read_only=True, data_only=True)
cells = sum(len(row) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True))
print(f"result {cells} cells")
"""

# The advisor view (all firms, next 90 days) after opening the window on an existing database: from
# the window's creation to the list shown with its rows (painted).
_DUE_PROBE = r"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["ZGC_DESK_DATA_DIR"] = sys.argv[2]
import datetime as dt
from pathlib import Path
from zgc_desk.ui.app import create_application, open_window
from zgc_desk.ui.settings import CURRENT_PAGE, UiSettings
from zgc_desk.ui.due.dialogs import SUMMARY_AT_START
app = create_application()
settings = UiSettings()
settings.set(CURRENT_PAGE, "advisor")
settings.set(SUMMARY_AT_START, False)
started = time.perf_counter()
window = open_window(Path(sys.argv[1]), False, settings, today=lambda: dt.date(2026, 11, 25))
page = window.pages["advisor"]
ends = started + 300
while not (page.data is not None and not window.ctx.tasks.busy) and time.perf_counter() < ends:
    app.processEvents()
    time.sleep(0.002)
window.repaint()
print(f"result {len(page.shown_deadlines())} deadlines shown after {time.perf_counter() - started:.2f} s")
window.ctx.tasks.shutdown()
os._exit(0)
"""

# Close the window as soon as it is shown, while its start-up work (opening the database, loading
# the lists) still runs: the time from the close to the end of the process.
_CLOSE_PROBE = r"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["ZGC_DESK_DATA_DIR"] = sys.argv[2]
from pathlib import Path
from PySide6.QtCore import QTimer
from zgc_desk.ui.app import create_application, open_window
from zgc_desk.ui.settings import UiSettings
app = create_application()
window = open_window(Path(sys.argv[1]), False, UiSettings())
def close():
    print(f"closing {time.time():.3f}", flush=True)
    window.close()
QTimer.singleShot(50, close)
app.exec()
"""


def measure(command: list, cwd: Path, env: dict) -> tuple[float, float, str]:
    """Wall seconds, peak resident MB and the process's ``result ...`` line (or the last line)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen([str(c) for c in command], cwd=cwd, env=env, stdout=out,
                                   stderr=subprocess.PIPE)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        stderr = process.stderr.read().decode(errors="replace")
        out.seek(0)
        lines = out.read().decode(errors="replace").splitlines()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command[:4]} failed: {stderr[-1500:]}")
    note = next((ln.removeprefix("result ") for ln in lines if ln.startswith("result ")), "")
    closing = next((float(ln.split()[1]) for ln in lines if ln.startswith("closing ")), None)
    if closing is not None:
        note = f"{time.time() - closing:.2f} s from close() to exit"
    return seconds, usage.ru_maxrss / 1024, note, lines


class Tree:
    """One copy of the code and the databases built with it."""

    def __init__(self, label: str, root: Path, work: Path):
        self.label, self.root, self.work = label, root, work
        work.mkdir(parents=True, exist_ok=True)
        self.env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen",
                    "ZGC_DESK_DATA_DIR": str(work / "userdata")}

    def python(self, *args) -> tuple[float, float, str, list[str]]:
        return measure([sys.executable, *args], self.root, self.env)

    def cli(self, *args) -> tuple[float, float, str, list[str]]:
        return self.python("-m", "zgc_desk", *args)

    def database(self, size: int, n_firms: int | None = None) -> Path:
        path = self.work / f"synthetic-{size}-{n_firms or 50}.db"
        if not path.exists():
            self.python("-c", _GENERATE, path, size, *([n_firms] if n_firms else []))
        return path

    def workbook(self, size: int) -> Path:
        path = self.work / f"portfolio-{size}.xlsx"
        if not path.exists():
            self.python("-c", _EXPORT, self.database(size), path)
        return path


def operations(size: int):
    """(name, function(tree) -> (seconds, MB, note)); the seconds of the window rows are the
    program's own figure (in the note), the process's wall time otherwise."""

    def deadlines_json(tree: Tree):
        s, mb, _note, lines = tree.cli("deadlines", "--db", tree.database(size), "--json", "--as-of", AS_OF,
                                       "--from", TWO_YEARS[0], "--to", TWO_YEARS[1])
        import json

        return s, mb, f"{len(json.loads(chr(10).join(lines))):,} deadlines"

    def check_json(tree: Tree):
        s, mb, _note, lines = tree.cli("check", "--db", tree.database(size), "--json", "--as-of", AS_OF)
        import json

        return s, mb, f"{len(json.loads(chr(10).join(lines))):,} items"

    def due_list(tree: Tree):
        _s, mb, note, _lines = tree.python("-c", _DUE_PROBE, tree.database(size), tree.work / "ui")
        return float(note.split(" after ")[1].split()[0]), mb, note

    def close_at_start(tree: Tree):
        _s, mb, note, _lines = tree.python("-c", _CLOSE_PROBE, tree.database(size), tree.work / "ui")
        return float(note.split()[0]), mb, note

    def import_workbook(tree: Tree):
        book = tree.workbook(size)
        floor, _mb, _note, _lines = tree.python("-c", _FLOOR, book)
        target = tree.work / f"imported-{time.monotonic_ns()}.db"
        s, mb, _note, _lines = tree.cli("import", book, "--db", target)
        return s, mb, f"{s / floor:.2f}× a bare openpyxl read-only pass ({floor:.1f} s)"

    return [
        ("deadlines --json, two-year window", deadlines_json),
        ("Due list shown after opening, all firms, 90 days", due_list),
        ("closing the window right after start", close_at_start),
        ("check --json", check_json),
        ("import of the exported workbook", import_workbook),
    ]


def cell(figures) -> str:
    return "—" if figures is None else f"{figures[0]:.2f} s, {figures[1]:.0f} MB"


def source_of(rev: str, into: Path) -> Path:
    """The tree of ``rev`` (git archive: no worktree to clean up)."""
    into.mkdir(parents=True)
    archive = into.with_suffix(".tar")
    subprocess.run(["git", "-C", str(HERE), "archive", "--format=tar", "-o", str(archive), rev], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    subprocess.run([sys.executable, str(into / "tools" / "i18n.py"), "compile"], cwd=into, check=False,
                   capture_output=True)
    return into


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE, help=f"the commit to compare with (default {BEFORE})")
    parser.add_argument("--size", type=int, default=100_000, help="patents in the synthetic portfolio")
    parser.add_argument("--only", default="", help="only the operations whose name contains this")
    parser.add_argument("--million", action="store_true", help="also import a 1,000,000-patent workbook")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="zgc-compare-") as folder:
        tmp = Path(folder)
        trees = [Tree(f"before ({args.before})", source_of(args.before, tmp / "before"), tmp / "work-before"),
                 Tree("now", HERE, tmp / "work-now")]
        rows = []
        for name, run in operations(args.size):
            if args.only and args.only not in name:
                continue
            figures = []
            for tree in trees:
                seconds, mb, note = run(tree)
                figures.append((seconds, mb, note))
                print(f"{name} [{tree.label}]: {seconds:.2f} s, {mb:.0f} MB, {note}", file=sys.stderr, flush=True)
            rows.append((name, figures))
        if args.million:
            seconds, mb, note = operations(1_000_000)[-1][1](trees[-1])
            rows.append(("import of a 1,000,000-patent workbook", [None, (seconds, mb, note)]))
    print(f"\n{args.size:,} patents over 50 firms, {dt.date.today().isoformat()}, {os.cpu_count()} CPUs")
    header = f"| operation | before ({args.before}) | now | note (now) |"
    print(header)
    print("|---|---|---|---|")
    for name, (before, now) in rows:
        print(f"| {name} | {cell(before)} | {cell(now)} | {now[2]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
