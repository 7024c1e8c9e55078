"""Before and after in one run: the operations of issue 12, timed on this machine for an earlier
commit (``--before``, by default the commit before this work) and for the working tree.

Usage: ``python -m benchmarks.compare [--before REV] [--size 100000] [--import] [--million] [--only NAME]``

Each tree is run by the same interpreter (the same dependencies), with its own copy of the code in
front of ``sys.path``; each tree builds its own synthetic database (so that either tree's migrations
fit) with its own ``benchmarks/synthetic.py``. Every figure is one fresh process: its wall time
(interpreter start included), its CPU time (user + system: the steadier figure on a shared
machine) and its peak memory (maximum resident set size), from ``wait4``. The window's figures are
measured by the program itself (offscreen) and printed by the probe. ``--import`` adds the import
of the exported workbook; ``--million`` the import of a 300,000-patent workbook (the most one
sheet may hold) and of a 1,000,000-patent one, refused (the working tree only; it takes a quarter of
an hour to build and import).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
BEFORE = "aea1c82"
LAST_CPU = [0.0]
OUT_DIR: list[str | None] = [None]  # where the processes' outputs go (the run's temporary folder)  # main when issue 12's work began
AS_OF = "2026-11-25"
TWO_YEARS = ("2026-11-25", "2028-11-25")
MAX_IMPORT_ROWS = 300_000  # the rows a sheet may hold (zgc_desk.io.importer.MAX_FILLED_ROWS)
SHARED_DB: dict[int, Path] = {}  # --db: a synthetic database both trees copy (same schema only)

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

# What the window does in the background once its lists are shown (ui.due.keeping_ahead); a tree
# without it keeps nothing ahead.
_KEEP_AHEAD = r"""
import datetime as dt, sys
from zgc_desk.db import open_database
try:
    from zgc_desk.services.deadlines import keep_deadlines
except ImportError:
    sys.exit(0)
open_database(sys.argv[1])
print(f"result {keep_deadlines(as_of=dt.date.fromisoformat(sys.argv[2]))} records kept ahead")
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

# The program as started by a user (run_app), closed as soon as its database is open and the window
# has begun loading its lists: the time from the close to the end of the process.
_CLOSE_PROBE = r"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["ZGC_DESK_DATA_DIR"] = sys.argv[2]
from pathlib import Path
from PySide6.QtCore import QTimer
from zgc_desk.ui.app import create_application, run_app
from zgc_desk.ui.due.dialogs import SUMMARY_AT_START
from zgc_desk.ui.settings import UiSettings
settings = UiSettings()
settings.set(SUMMARY_AT_START, False)
settings.sync()
app = create_application()
def poll():
    for widget in app.topLevelWidgets():
        if type(widget).__name__ == "MainWindow" and widget.isVisible() and widget.isEnabled():
            QTimer.singleShot(20, lambda: (print(f"closing {time.time():.3f}", flush=True), widget.close()))
            return
    QTimer.singleShot(5, poll)
QTimer.singleShot(5, poll)
sys.exit(run_app(db_path=Path(sys.argv[1])))
"""


def measure(command: list, cwd: Path, env: dict, refused_ok: bool = False) -> tuple[float, float, str, Path]:
    """Wall seconds, peak resident MB, the process's ``result ...`` note and the file holding its
    output; the CPU seconds go to ``LAST_CPU``. The output goes to a file and is read line by line:
    this process stays small, and a child's peak memory counts the parent's pages it was forked with."""
    started = time.perf_counter()
    handle, name = tempfile.mkstemp(prefix="output-", dir=OUT_DIR[0])
    os.close(handle)
    out_path = Path(name)
    with open(out_path, "wb") as out:
        process = subprocess.Popen([str(c) for c in command], cwd=cwd, env=env, stdout=out,
                                   stderr=subprocess.PIPE)
        stderr = process.stderr.read().decode(errors="replace")
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    code = os.waitstatus_to_exitcode(status)
    if code == 1 and refused_ok:  # a command that refused its input (exit 1): its first message is the note
        lines = [line for line in stderr.splitlines() if line.strip()]
        return seconds, usage.ru_maxrss / 1024, "refused: " + (lines[0] if lines else ""), out_path
    if code != 0:
        raise RuntimeError(f"{command[:4]} failed: {stderr[-1500:]}")
    note, closing = "", None
    with open(out_path, "rb") as lines:
        for line in lines:
            if line.startswith(b"result "):
                note = line.decode().removeprefix("result ").strip()
            elif line.startswith(b"closing "):
                closing = float(line.split()[1])
    if closing is not None:
        note = f"{time.time() - closing:.2f} s from close() to exit"
    return seconds, usage.ru_maxrss / 1024, note, out_path


def count_records(path: Path) -> int:
    """Objects in a JSON list of flat records, counted without loading it (``"firm":`` once each,
    with or without the blank ``json`` puts after the colon)."""
    count, tail = 0, b""
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            block = tail + chunk
            count += block.count(b'"firm":')
            tail = block[-16:]
            count -= tail.count(b'"firm":')
    return count + tail.count(b'"firm":')


class Tree:
    """One copy of the code and the databases built with it."""

    def __init__(self, label: str, root: Path, work: Path):
        self.label, self.root, self.work = label, root, work
        work.mkdir(parents=True, exist_ok=True)
        # without PYTHONDONTWRITEBYTECODE (set on the development machine): a user's installation
        # keeps its compiled modules, so only a tree's first process compiles them
        environ = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        self.env = {**environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen",
                    "ZGC_DESK_DATA_DIR": str(work / "userdata")}

    def python(self, *args, data_dir: Path | None = None, refused_ok: bool = False) -> tuple[float, float, str, Path]:
        env = self.env if data_dir is None else {**self.env, "ZGC_DESK_DATA_DIR": str(data_dir)}
        return measure([sys.executable, *args], self.root, env, refused_ok)

    def cli(self, *args, data_dir: Path | None = None, refused_ok: bool = False) -> tuple[float, float, str, Path]:
        return self.python("-m", "zgc_desk", *args, data_dir=data_dir, refused_ok=refused_ok)

    def fresh_data_dir(self) -> Path:
        """A user data folder of its own: nothing kept from an earlier run (the deadline cache)."""
        return self.work / f"userdata-{time.monotonic_ns()}"

    def kept_from_the_day_before(self, size: int) -> Path:
        """A user data folder whose deadline cache holds what a day's work in the window left the
        day before ``AS_OF``: a listing, and what the window then kept ahead in the background
        (the tree before this work keeps nothing)."""
        data_dir = self.work / "userdata-day-before"
        if not data_dir.exists():
            day_before = (dt.date.fromisoformat(AS_OF) - dt.timedelta(days=1)).isoformat()
            self.cli("deadlines", "--db", self.database(size), "--json", "--as-of", day_before, data_dir=data_dir)
            self.python("-c", _KEEP_AHEAD, self.database(size), day_before, data_dir=data_dir)
        return data_dir

    def database(self, size: int, n_firms: int | None = None) -> Path:
        path = self.work / f"synthetic-{size}-{n_firms or 50}.db"
        if not path.exists() and size in SHARED_DB:
            shutil.copyfile(SHARED_DB[size], path)
        if not path.exists():
            self.python("-c", _GENERATE, path, size, *([n_firms] if n_firms else []))
        return path

    def workbook(self, size: int) -> Path:
        path = self.work / f"portfolio-{size}.xlsx"
        if not path.exists():
            self.python("-c", _EXPORT, self.database(size), path)
        return path


def operations(size: int, with_import: bool = True):
    """(name, function(tree) -> (seconds, MB, note)); the seconds of the window rows are the
    program's own figure (in the note), the process's wall time otherwise."""

    def deadlines_json(tree: Tree, data_dir: Path | None = None):
        s, mb, _note, out = tree.cli("deadlines", "--db", tree.database(size), "--json", "--as-of", AS_OF,
                                     "--from", TWO_YEARS[0], "--to", TWO_YEARS[1],
                                     data_dir=data_dir or tree.fresh_data_dir())
        return s, mb, f"{count_records(out):,} deadlines"

    def deadlines_json_kept(tree: Tree):
        return deadlines_json(tree, tree.kept_from_the_day_before(size))

    def check_json(tree: Tree):
        s, mb, _note, out = tree.cli("check", "--db", tree.database(size), "--json", "--as-of", AS_OF)
        return s, mb, f"{count_records(out):,} items"

    def due_list(tree: Tree, data_dir: Path | None = None):
        _s, mb, note, _out = tree.python("-c", _DUE_PROBE, tree.database(size), data_dir or tree.fresh_data_dir())
        return float(note.split(" after ")[1].split()[0]), mb, note

    def due_list_kept(tree: Tree):
        return due_list(tree, tree.kept_from_the_day_before(size))

    def close_at_start(tree: Tree):
        _s, mb, note, _out = tree.python("-c", _CLOSE_PROBE, tree.database(size), tree.work / "ui")
        return float(note.split()[0]), mb, note

    def import_workbook(tree: Tree):
        book = tree.workbook(size)
        floor, _mb, _note, _out = tree.python("-c", _FLOOR, book)
        target = tree.work / f"imported-{time.monotonic_ns()}.db"
        s, mb, note, _out = tree.cli("import", book, "--db", target, refused_ok=True)
        ratio = f"{s / floor:.2f}× a bare openpyxl read-only pass ({floor:.1f} s)"
        return s, mb, f"{note}; {ratio}" if note.startswith("refused") else ratio

    return [
        ("deadlines --json, two-year window, nothing kept yet", deadlines_json),
        ("deadlines --json, two-year window, kept from the day before", deadlines_json_kept),
        ("Due list shown after opening, all firms, 90 days, nothing kept yet", due_list),
        ("Due list shown after opening, all firms, 90 days, kept from the day before", due_list_kept),
        ("closing the window right after start", close_at_start),
        ("check --json", check_json),
        *([("import of the exported workbook", import_workbook)] if with_import else []),
    ]


def cell(figures) -> str:
    if figures is None:
        return "—"
    return f"{figures[0]:.2f} s ({figures[3]:.2f} s CPU), {figures[1]:.0f} MB"


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
    parser.add_argument("--import", dest="with_import", action="store_true",
                        help="also import the exported workbook (minutes at 100,000 patents)")
    parser.add_argument("--million", action="store_true", help="also import a 1,000,000-patent workbook")
    parser.add_argument("--db", type=Path, help="a synthetic database of --size patents for both trees "
                        "(built by benchmarks/synthetic.py; only when both trees have the same migrations)")
    args = parser.parse_args(argv)
    if args.db:
        SHARED_DB[args.size] = args.db.resolve()
    with tempfile.TemporaryDirectory(prefix="zgc-compare-") as folder:
        tmp = Path(folder)
        OUT_DIR[0] = folder
        trees = [Tree(f"before ({args.before})", source_of(args.before, tmp / "before"), tmp / "work-before"),
                 Tree("now", HERE, tmp / "work-now")]
        rows = []
        for name, run in operations(args.size, args.with_import):
            if args.only and args.only not in name:
                continue
            figures = []
            for tree in trees:
                seconds, mb, note = run(tree)
                figures.append((seconds, mb, note, LAST_CPU[0]))
                print(f"{name} [{tree.label}]: {seconds:.2f} s, {LAST_CPU[0]:.2f} s CPU, {mb:.0f} MB, {note}",
                      file=sys.stderr, flush=True)
            rows.append((name, figures))
        if args.million:  # how the cost grows: the largest workbook a sheet may hold, then a million rows
            for size in (MAX_IMPORT_ROWS, 1_000_000):
                seconds, mb, note = operations(size)[-1][1](trees[-1])
                print(f"import of {size:,} patents [now]: {seconds:.2f} s, {LAST_CPU[0]:.2f} s CPU, {mb:.0f} MB, "
                      f"{note}", file=sys.stderr, flush=True)
                rows.append((f"import of a {size:,}-patent workbook", [None, (seconds, mb, note, LAST_CPU[0])]))
    print(f"\n{args.size:,} patents over 50 firms, {dt.date.today().isoformat()}, {os.cpu_count()} CPUs")
    header = f"| operation | before ({args.before}) | now | note (now) |"
    print(header)
    print("|---|---|---|---|")
    for name, (before, now) in rows:
        print(f"| {name} | {cell(before)} | {cell(now)} | {now[2]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
