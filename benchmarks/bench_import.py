"""Portfolio workbook benchmarks: export the synthetic portfolio, then import that workbook into an
empty database, compared in the same run with merely reading it with openpyxl in read-only mode
(the floor; the aim is at most 2× the floor), and importing it again (nothing changes).

The workbook is the exporter's own output (openpyxl's streaming writer: inline strings, no sheet
dimension) — the slow case for openpyxl's reader, so also the honest case for the floor.
"""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.run import synthetic_db

_FLOOR: dict[int, float] = {}  # seconds, by size: measured by the floor row, quoted by the import row


def _workbook(workdir: Path, size: int) -> Path:
    """The synthetic portfolio exported once per size (shared by the rows below)."""
    from zgc_desk.db import close_database, open_database
    from zgc_desk.services.transfer import export_workbook

    path = workdir.parent / f"portfolio-{size}.xlsx"
    if not path.exists():
        open_database(synthetic_db(workdir, size))
        export_workbook(path)
        close_database()
    return path


def export(workdir: Path, size: int) -> str:
    """Export the synthetic portfolio (this is also the workbook the rows below read)."""
    from zgc_desk.db import close_database, open_database
    from zgc_desk.services.transfer import export_workbook

    path = workdir.parent / f"portfolio-{size}.xlsx"
    open_database(synthetic_db(workdir, size))
    counts = export_workbook(path)
    close_database()
    return f"{sum(counts.values())} rows, {path.stat().st_size // 1024} KiB"


def read_floor(workdir: Path, size: int) -> str:
    """openpyxl read-only, values only: what any import of this file costs at the least."""
    from openpyxl import load_workbook

    path = _workbook(workdir, size)
    started = time.perf_counter()
    workbook = load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for ws in workbook.worksheets for _row in ws.iter_rows(values_only=True))
    workbook.close()
    _FLOOR[size] = time.perf_counter() - started
    return f"{rows} rows read in {_FLOOR[size]:.2f} s"


def import_empty(workdir: Path, size: int) -> str:
    from zgc_desk.db import close_database, open_database
    from zgc_desk.services.transfer import import_workbook

    path = _workbook(workdir, size)
    open_database(workdir / "empty.db")
    started = time.perf_counter()
    result = import_workbook(path)
    seconds = time.perf_counter() - started
    close_database()
    ratio = f", {seconds / _FLOOR[size]:.2f}× the openpyxl floor" if size in _FLOOR else ""
    return f"{sum(c.added for c in result.counts.values())} records added{ratio}"


def reimport_unchanged(workdir: Path, size: int) -> str:
    """Import the export of a database into that database: every row compared, nothing written."""
    from zgc_desk.db import close_database, open_database
    from zgc_desk.services.transfer import import_workbook

    path = _workbook(workdir, size)
    open_database(synthetic_db(workdir, size))
    result = import_workbook(path)
    close_database()
    return f"{sum(c.unchanged for c in result.counts.values())} unchanged, " \
           f"{sum(c.added + c.updated for c in result.counts.values())} changed"


BENCHMARKS = [
    ("workbook export", export),
    ("workbook read: openpyxl read-only (floor)", read_floor),
    ("workbook import into an empty database", import_empty),
    ("workbook re-import, nothing changed", reimport_unchanged),
]
