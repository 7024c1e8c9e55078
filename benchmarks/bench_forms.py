"""Documents for the largest firm of a synthetic portfolio: the application form of round 2024
(every policy in force; 2023's grants) as Excel and as PDF, and the session report — each run in
process through the commands, as a user would.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.run import synthetic_db


def _largest_firm(db: Path) -> str:
    from peewee import fn

    from zgc_desk.db import close_database, open_database
    from zgc_desk.models import Firm, Patent

    open_database(db)
    try:
        row = (Firm.select(Firm.credit_code, fn.COUNT(Patent.id).alias("n")).join(Patent)
               .group_by(Firm.id).order_by(fn.COUNT(Patent.id).desc()).limit(1).tuples().get())
    finally:
        close_database()
    return row[0]


def _run(*args: str) -> None:
    from zgc_desk.cli import main

    code = main(list(args))
    if code != 0:
        raise RuntimeError(f"{args[0]} exited {code}")


def _fill(workdir: Path, size: int, suffix: str) -> str:
    db = synthetic_db(workdir, size)
    firm = _largest_firm(db)
    out = workdir / f"form{suffix}"
    _run("fill", "--db", str(db), "--firm", firm, "--policy", "invention_grant", "--year", "2024",
         "--out", str(out), "--as-of", "2026-11-25", "--allow-empty")
    return f"{out.stat().st_size // 1024} KiB"


def fill_excel(workdir: Path, size: int) -> str:
    return _fill(workdir, size, ".xlsx")


def fill_pdf(workdir: Path, size: int) -> str:
    return _fill(workdir, size, ".pdf")


def session_report(workdir: Path, size: int) -> str:
    db = synthetic_db(workdir, size)
    out = workdir / "report.pdf"
    _run("report", "--db", str(db), "--firm", _largest_firm(db), "--out", str(out), "--as-of", "2026-11-25")
    return f"{out.stat().st_size // 1024} KiB"


BENCHMARKS = [
    ("fill invention_grant 2024, largest firm, .xlsx", fill_excel),
    ("fill invention_grant 2024, largest firm, .pdf", fill_pdf),
    ("report, largest firm", session_report),
]
