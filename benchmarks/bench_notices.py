"""Official notices at scale (issue 15): the synthetic portfolio with one notice for every second
patent — 50,000 notices for 100,000 patents, of every CNIPA type, most answered, some open, some
extended, a few with a stated date — then ``deadlines --json`` end to end and the Due list of one
firm holding every patent and every notice (the window offscreen, as ``bench_due``).

Run: ``python -m benchmarks.run --only notices --sizes 100000``.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import shutil
import time
from contextlib import contextmanager, redirect_stdout
from pathlib import Path

from benchmarks.bench_due import _run as run_window
from benchmarks.bench_ui import _one_firm_db
from benchmarks.run import synthetic_db

AS_OF = dt.date(2026, 11, 25)
# CNIPA notice types a pending or granted Chinese patent receives, with their weights (first office
# actions the most frequent), as the synthetic mix.
_TYPES = (("cn_oa_first", 5), ("cn_oa_further", 3), ("cn_correction", 3), ("cn_grant", 2),
          ("cn_rejection", 1), ("cn_reexam", 1), ("cn_loss_of_rights", 1))


def add_notices(path: Path, per_patents: int = 2, seed: int = 1) -> int:
    """One notice for every ``per_patents`` patents of the database at ``path``: dispatched within the
    last 18 months, nine in ten answered when their dispatch is more than two months old, one in
    twenty extended by a month, one in fifty on paper. Returns how many were added."""
    from zgc_desk.db import close_database, open_database
    from zgc_desk.models import Notice, Patent, database

    rng = random.Random(seed)
    kinds, weights = zip(*_TYPES, strict=True)
    open_database(path)
    rows = []
    patents = Patent.select(Patent.id, Patent.firm, Patent.application_no).order_by(Patent.id).tuples()
    for position, (patent_id, firm_id, number) in enumerate(patents):
        if position % per_patents:
            continue
        dispatched = AS_OF - dt.timedelta(days=rng.randint(1, 540))
        answered = dispatched + dt.timedelta(days=rng.randint(20, 100)) \
            if (AS_OF - dispatched).days > 60 and rng.random() < 0.9 else None
        rows.append({"firm": firm_id, "matter_kind": "patent", "matter_id": patent_id, "matter_no": number,
                     "notice_type": rng.choices(kinds, weights)[0], "dispatch_date": dispatched,
                     "delivery": "paper" if rng.random() < 0.02 else "electronic",
                     "extension_months": 1 if rng.random() < 0.05 else 0,
                     "answered_on": answered if answered is None or answered <= AS_OF else None})
    with database.atomic():
        for start in range(0, len(rows), 2000):
            Notice.insert_many(rows[start:start + 2000]).execute()
    close_database()
    return len(rows)


def _with_notices(master: Path, workdir: Path, name: str) -> Path:
    """A copy of ``master`` with the notices added (built once per run and size, then copied)."""
    built = master.with_name(master.stem + "-notices.db")
    if not built.exists():
        shutil.copyfile(master, built)
        add_notices(built)
    copy = workdir / name
    shutil.copyfile(built, copy)
    return copy


def _all_firms(workdir: Path, size: int) -> Path:
    synthetic_db(workdir, size)  # builds the shared master when needed
    return _with_notices(workdir.parent / f"synthetic-{size}.db", workdir, "notices.db")


def _one_firm(workdir: Path, size: int) -> Path:
    _one_firm_db(workdir, size)
    return _with_notices(workdir.parent / f"synthetic-one-firm-{size}.db", workdir, "one-firm-notices.db")


def build(workdir: Path, size: int) -> str:
    """Adding the notices to both synthetic portfolios (timed apart from what is measured below)."""
    from zgc_desk.db import close_database, open_database
    from zgc_desk.models import Notice

    path = _all_firms(workdir, size)
    _one_firm(workdir, size)
    open_database(path)
    count = Notice.select().count()
    close_database()
    return f"{count:,} notices"


def deadlines_json(workdir: Path, size: int) -> str:
    """``zgc-desk deadlines --json`` end to end (in process), every firm, the default to-do list."""
    from zgc_desk.cli import main

    path = _all_firms(workdir, size)
    with _stdout_bytes() as buffer:
        main(["deadlines", "--db", str(path), "--as-of", AS_OF.isoformat(), "--json"])
    text = buffer.getvalue().decode("utf-8")
    answers = text.count('"notice_response"')
    return f"{text.count(chr(10)):,} deadlines, {answers:,} notice answers"


@contextmanager
def _stdout_bytes():
    """Standard output as the command line has it: UTF-8 text over a byte stream, which
    ``deadlines --json`` writes to directly (a StringIO would make it decode every record)."""
    buffer = io.BytesIO()
    text = io.TextIOWrapper(buffer, encoding="utf-8", write_through=True)
    with redirect_stdout(text):
        yield buffer
    text.flush()
    text.detach()


def due_list_one_firm(workdir: Path, size: int) -> str:
    return run_window(_one_firm(workdir, size), workdir, "due")


def _kept_from_the_day_before(path: Path, workdir: Path) -> Path:
    """What a day's work in the window leaves in the deadline cache the day before ``AS_OF``: a
    listing, then keeping ahead (not timed), in the user folder the window of ``bench_due`` uses."""
    from zgc_desk.db import close_database, open_database
    from zgc_desk.services.deadlines import keep_deadlines, list_deadlines

    os.environ["ZGC_DESK_DATA_DIR"] = str(workdir / "userdata")  # as bench_due._window
    day_before = AS_OF - dt.timedelta(days=1)
    open_database(path)
    list_deadlines(as_of=day_before)
    keep_deadlines(as_of=day_before)
    close_database()
    return path


def deadlines_json_kept(workdir: Path, size: int) -> str:
    """``deadlines --json`` over two years (in process), kept from the day before."""
    from zgc_desk.cli import main

    path = _kept_from_the_day_before(_all_firms(workdir, size), workdir)
    started = time.perf_counter()
    with _stdout_bytes() as buffer:
        main(["deadlines", "--db", str(path), "--as-of", AS_OF.isoformat(), "--json",
              "--from", AS_OF.isoformat(), "--to", AS_OF.replace(year=AS_OF.year + 2).isoformat()])
    seconds = time.perf_counter() - started
    text = buffer.getvalue().decode("utf-8")
    return (f"{text.count(chr(10)):,} deadlines, {text.count(chr(34) + 'notice_response'):,} notice answers "
            f"in {seconds:.2f} s")


def advisor_kept(workdir: Path, size: int) -> str:
    return run_window(_kept_from_the_day_before(_all_firms(workdir, size), workdir), workdir, "advisor")


BENCHMARKS = [
    ("notices: add one notice per 2 patents", build),
    ("notices: deadlines --json (default window)", deadlines_json),
    ("notices: Due list, one firm, next 12 months", due_list_one_firm),
    ("notices: deadlines --json, two years, kept from the day before", deadlines_json_kept),
    ("notices: advisor view, all firms, kept from the day before", advisor_kept),
]
