"""The hostile corpus of tests/io (damaged, malformed and bomb workbooks), each read in a process of
its own as ``zgc-desk import --dry-run`` reads it: the count, how each was answered, and the worst
wall time and peak memory (ru_maxrss of the child).

    .venv/bin/python -m benchmarks.hostile_files
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks.child_process import demo_database, report, run_cli

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(ROOT / "tests" / "io"))
    from hostile_corpus import hostile_workbooks

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        db = demo_database(folder)
        rows = [(name, *run_cli(["import", str(path), "--db", str(db), "--dry-run"], folder / "data"))
                for name, path in hostile_workbooks(folder / "corpus")]
        return report("hostile workbooks", rows,
                      "exit 0 (read, nothing wrong): {ok}; exit 1 (refused or errors listed): {refused}")


if __name__ == "__main__":
    sys.exit(main())
