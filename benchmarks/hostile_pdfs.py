"""The hostile notice PDFs of tests/notices, each read in a process of its own as ``zgc-desk notice add
FILE.pdf --dry-run`` reads it: the count, how each was answered, and the worst wall time and peak
memory (ru_maxrss of the child, so the interpreter and its imports are included).

    .venv/bin/python -m benchmarks.hostile_pdfs
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(path: Path, db: Path) -> tuple[float, int, int, str]:
    """(seconds, peak KB, exit code, last stderr line) of one dry run in a child process."""
    env = {**os.environ, "ZGC_DESK_DATA_DIR": str(db.parent / "data")}
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "zgc_desk", "--lang", "en", "notice", "add", str(path), "--db",
                              str(db), "--dry-run"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    stderr = child.stderr.read().decode("utf-8", "replace")
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss, code, (stderr.strip().splitlines() or [""])[-1][:100]


def main() -> int:
    sys.path.insert(0, str(ROOT / "tests"))
    from notices.hostile_pdfs import corpus_paths

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        db = folder / "port.db"
        subprocess.run([sys.executable, "-m", "zgc_desk", "demo", "--db", str(db)], check=True,
                       capture_output=True, env={**os.environ, "ZGC_DESK_DATA_DIR": str(folder / "data")})
        # Written by a process of its own: a child's ru_maxrss starts from its parent's at the fork, so
        # this process stays small for the figures to be the readings' own.
        subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
                        "from notices.hostile_pdfs import hostile_pdfs; list(hostile_pdfs(Path(sys.argv[2])))",
                        str(ROOT / "tests"), str(folder / "corpus")], check=True)
        rows = [(name, *_run(path, db)) for name, path in corpus_paths(folder / "corpus")]
        internal = [row for row in rows if "internal error" in row[4] or "Traceback" in row[4]]
        print(f"hostile PDFs: {len(rows)}; exit 1 (refused, or fields missing): {sum(r[3] == 1 for r in rows)}; "
              f"exit 0: {sum(r[3] == 0 for r in rows)}; internal errors: {len(internal)}")
        slowest = max(rows, key=lambda r: r[1])
        biggest = max(rows, key=lambda r: r[2])
        print(f"worst time: {slowest[1]:.2f} s ({slowest[0]})")
        print(f"worst peak memory: {biggest[2] / 1024:.0f} MB ({biggest[0]})")
        for name, seconds, peak, code, last in sorted(rows, key=lambda r: -r[1])[:8]:
            print(f"  {seconds:6.2f} s {peak / 1024:6.0f} MB exit {code}  {name}: {last}")
        return 1 if internal else 0


if __name__ == "__main__":
    sys.exit(main())
