"""Deadline engine benchmarks: compute and list the to-do deadlines of the synthetic portfolio
(target for 100,000 patents: under 5 s), the JSON/table rendering, and a calendar export."""

from __future__ import annotations

import datetime as dt
import io
import json
from contextlib import redirect_stdout
from pathlib import Path

from benchmarks.run import synthetic_db

AS_OF = dt.date(2026, 11, 25)


def _open(workdir: Path, size: int) -> None:
    from zgc_desk.db import open_database

    open_database(synthetic_db(workdir, size))


def list_default(workdir: Path, size: int) -> str:
    """Load every matter, compute, filter to the default window (what the Due list shows)."""
    from zgc_desk.services.deadlines import list_deadlines

    _open(workdir, size)
    return f"{len(list_deadlines(as_of=AS_OF))} deadlines"


def list_json(workdir: Path, size: int) -> str:
    """The same, rendered as the contract JSON (every basis sentence written out)."""
    from zgc_desk.deadlines.output import deadline_record
    from zgc_desk.services.deadlines import list_deadlines

    _open(workdir, size)
    text = json.dumps([deadline_record(d) for d in list_deadlines(as_of=AS_OF)], ensure_ascii=False)
    return f"{len(text) // 1024} KiB"


def cli_table(workdir: Path, size: int) -> str:
    """``zgc-desk deadlines`` end to end (in process), table output."""
    from zgc_desk.cli import main

    path = synthetic_db(workdir, size)
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        main(["deadlines", "--db", str(path), "--as-of", AS_OF.isoformat()])
    return f"{buffer.getvalue().count(chr(10))} lines"


def ics_export(workdir: Path, size: int) -> str:
    """One firm's calendar (the synthetic portfolio spreads patents over 50 firms); icalendar costs
    about 0.3 ms an event, so a whole 100,000-patent portfolio (170,000 events) takes about a minute."""
    from zgc_desk.io.ics import write_ics
    from zgc_desk.models import Firm
    from zgc_desk.services.deadlines import calendar_deadlines

    _open(workdir, size)
    firm = Firm.select().order_by(Firm.id).first()
    deadlines = calendar_deadlines(as_of=AS_OF, firm=firm.id)
    stamp = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
    return f"{write_ics(workdir / 'out.ics', deadlines, as_of=AS_OF, stamp=stamp)} events (one firm)"


BENCHMARKS = [
    ("deadlines: compute + list (default window)", list_default),
    ("deadlines: compute + JSON", list_json),
    ("deadlines: CLI table", cli_table),
    ("deadlines: ICS export, one firm (24 months)", ics_export),
]
