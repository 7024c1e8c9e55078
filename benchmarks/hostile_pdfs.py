"""The hostile notice PDFs of tests/notices, each read in a process of its own as ``zgc-desk notice add
FILE.pdf --dry-run`` reads it: the count, how each was answered, and the worst wall time and peak
memory (ru_maxrss of the child, so the interpreter and its imports are included).

    .venv/bin/python -m benchmarks.hostile_pdfs
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.child_process import demo_database, report, run_cli

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(ROOT / "tests"))
    from notices.hostile_pdfs import corpus_paths

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        db = demo_database(folder)
        # Written by a process of its own: a child's ru_maxrss starts from its parent's at the fork, so
        # this process stays small for the figures to be the readings' own.
        subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
                        "from notices.hostile_pdfs import hostile_pdfs; list(hostile_pdfs(Path(sys.argv[2])))",
                        str(ROOT / "tests"), str(folder / "corpus")], check=True)
        rows = [(name, *run_cli(["notice", "add", str(path), "--db", str(db), "--dry-run"], folder / "data"))
                for name, path in corpus_paths(folder / "corpus")]
        return report("hostile PDFs", rows, "exit 1 (refused, or fields missing): {refused}; exit 0: {ok}")


if __name__ == "__main__":
    sys.exit(main())
