"""Kept deadlines (``services.deadline_store``): a listing read from what is kept is the listing
computed, day after day, after edits and undo, with a damaged, altered or busy cache file, on SQLite
and on PostgreSQL. Each comparison is with the engine run directly on the same facts."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

import pytest

from zgc_desk.deadlines.common import add_months
from zgc_desk.deadlines.tracked import Bounds, TrackedDate
from zgc_desk.models import Firm, OverseasFiling, Patent, PCTApplication, Trademark, database
from zgc_desk.numbers import make_cn_application
from zgc_desk.schema import trademark_expiry
from zgc_desk.services import deadline_store
from zgc_desk.services.deadlines import calendar_deadlines, list_deadlines, mark_annuity_paid

pytestmark = pytest.mark.both_databases

START = dt.date(2026, 11, 25)


def _varied_portfolio(seed: int = 7, n_patents: int = 90, n_marks: int = 25) -> None:
    """Patents and marks whose fees, graces, lapses and renewals fall all over the next years."""
    rng = random.Random(seed)
    firm_ids = [fid for (fid,) in Firm.select(Firm.id).tuples()]
    patents, marks = [], []
    for i in range(n_patents):
        digit = (1, 2, 3)[i % 3]
        filed = START - dt.timedelta(days=rng.randint(20, 365 * 19))
        granted = rng.random() < 0.7
        grant = filed + dt.timedelta(days=rng.randint(150, 1500)) if granted else None
        status = "granted" if grant and grant <= START else "pending"
        years = START.year - filed.year
        patents.append({
            "firm": firm_ids[i % len(firm_ids)], "kind": ("invention", "utility_model", "design")[digit - 1],
            "application_no": make_cn_application(filed.year, digit, 500000 + i), "title": f"测试专利{i}",
            "filing_date": filed, "status": status, "grant_date": grant if status == "granted" else None,
            "priority_date": filed - dt.timedelta(days=rng.randint(30, 360)) if rng.random() < 0.3 else None,
            "annuity_paid_through": (rng.choice((None, max(1, years - 1), years, years + 1))
                                     if status == "granted" else None),
            "fee_reduction_pct": rng.choice((0, 70, 85)),
        })
    for i in range(n_marks):
        registered = START - dt.timedelta(days=rng.randint(10, 365 * 11))
        marks.append({"firm": firm_ids[i % len(firm_ids)], "mark": f"测{i}", "registration_no": str(20000000 + i),
                      "nice_classes": "9", "registration_date": registered,
                      "expiry_date": trademark_expiry(registered), "status": "registered"})
    with database.atomic():
        Patent.insert_many(patents).execute()
        Trademark.insert_many(marks).execute()


@pytest.fixture
def portfolio(demo_db):
    _varied_portfolio()
    return demo_db


@pytest.fixture
def recomputed(monkeypatch):
    """How many records each listing computed afresh (the rest was read back)."""
    counts = [0]
    real = deadline_store.computed_for_keeping

    def counting(*args):
        counts[-1] += 1
        return real(*args)

    monkeypatch.setattr(deadline_store, "computed_for_keeping", counting)

    def start():
        counts.append(0)
        return counts

    return start


def _todo(as_of):
    return dict(fn=list_deadlines, as_of=as_of, include_subsidies=False)


def test_the_same_list_every_day_for_two_years_and_most_of_it_read_back(portfolio, computed, recomputed):
    records = Patent.select().count() + Trademark.select().count()
    counts = None
    days = [START + dt.timedelta(days=n) for n in range(0, 200)]
    days += [START + dt.timedelta(days=n) for n in range(200, 760, 9)]
    for as_of in days:
        counts = recomputed()
        kept = list_deadlines(as_of=as_of, include_subsidies=False)
        assert kept == computed(**_todo(as_of)), as_of
    # the first day computes everything; each later day only what a passing date changed
    first, daily = counts[1], counts[2:201]
    print("records", records, "first day", first, "daily", daily)
    assert first >= records * 0.9
    assert sum(daily) < 0.1 * records * len(daily), daily
    assert any(daily)  # and the days that pass a due date are computed again


def test_a_large_first_listing_keeps_a_part_and_the_cache_fills_over_the_next(portfolio, computed, recomputed,
                                                                               monkeypatch):
    monkeypatch.setattr(deadline_store, "KEEP_PER_LISTING", 40)
    records = Patent.select().count() + Trademark.select().count()
    counts = None
    for n in range(12):
        as_of = START + dt.timedelta(days=n)
        counts = recomputed()
        assert list_deadlines(as_of=as_of, include_subsidies=False) == computed(**_todo(as_of)), as_of
    kept_per_day = counts[1:]
    assert kept_per_day[:3] == [40, 40, 40]  # a part each time, the rest listed as before
    assert max(kept_per_day[6:]) < 40  # then only what a passing date changed
    store = deadline_store.open_store()
    try:
        assert len(store.index(None)) >= records
    finally:
        store.close()


def test_keeping_ahead_fills_what_a_listing_left_so_that_the_next_lists_compute_nothing(portfolio, computed,
                                                                                          recomputed, monkeypatch):
    from zgc_desk.services.deadlines import keep_deadlines

    monkeypatch.setattr(deadline_store, "KEEP_PER_LISTING", 40)
    records = sum(model.select().count() for model in (Patent, Trademark, PCTApplication, OverseasFiling))
    counts = recomputed()
    list_deadlines(as_of=START, include_subsidies=False)
    assert counts[-1] == 40
    ahead = keep_deadlines(as_of=START)
    store = deadline_store.open_store()
    try:
        assert len(store.index(None)) == 40 + ahead > records * 0.6  # every record that owes anything
    finally:
        store.close()
    assert keep_deadlines(as_of=START) == 0  # nothing left to keep
    for lister, kwargs in ((list_deadlines, dict(as_of=START, include_subsidies=False)), (calendar_deadlines, dict(as_of=START)),
                           (list_deadlines, dict(as_of=START, start=START, end=add_months(START, 24),
                                                 include_subsidies=False))):
        counts = recomputed()
        assert lister(**kwargs) == computed(fn=lister, **kwargs)
        assert counts[-1] == 0, lister
    # the next day only what a passing date changed is computed again, by either
    counts = recomputed()
    kept_next_day = keep_deadlines(as_of=START + dt.timedelta(days=1))
    assert 0 < kept_next_day == counts[-1] < records * 0.1


def test_keeping_ahead_stops_when_asked_and_keeps_nothing_with_the_cache_off(portfolio, monkeypatch):
    import threading

    from zgc_desk.services.deadlines import keep_deadlines

    stop = threading.Event()
    stop.set()
    assert keep_deadlines(as_of=START, stop=stop) == 0
    monkeypatch.setattr(deadline_store, "BATCH", 10)
    calls = [0]
    real = deadline_store._keep

    def stop_after_two(*args):
        calls[0] += 1
        if calls[0] == 2:
            stop.set()
        return real(*args)

    stop.clear()
    monkeypatch.setattr(deadline_store, "_keep", stop_after_two)
    assert keep_deadlines(as_of=START, stop=stop) == 20  # two batches, then it stopped
    monkeypatch.setenv("ZGC_DESK_DEADLINE_STORE", "0")
    assert keep_deadlines(as_of=START + dt.timedelta(days=3)) == 0


def test_the_calendar_range_and_explicit_ranges_agree(portfolio, computed):
    for as_of in (START, START + dt.timedelta(days=45), dt.date(2027, 3, 1)):
        assert calendar_deadlines(as_of=as_of) == computed(fn=calendar_deadlines, as_of=as_of)
        for start, end in ((as_of, add_months(as_of, 24)), (add_months(as_of, -6), as_of), (as_of, as_of)):
            for states in (None, {"done"}, {"lapsed", "missed"}):
                kwargs = dict(fn=list_deadlines, as_of=as_of, start=start, end=end, states=states,
                              include_subsidies=False)
                assert list_deadlines(**{k: v for k, v in kwargs.items() if k != "fn"}) == computed(**kwargs)


def test_one_firm_and_all_firms_from_the_same_store(portfolio, computed):
    firms = [fid for (fid,) in Firm.select(Firm.id).tuples()]
    list_deadlines(as_of=START, include_subsidies=False)  # all kept
    for firm_id in firms:
        kwargs = dict(fn=list_deadlines, as_of=START, firm=firm_id, include_subsidies=False)
        assert list_deadlines(as_of=START, firm=firm_id, include_subsidies=False) == computed(**kwargs)


def test_a_range_beyond_the_kept_span_is_computed(portfolio, computed, recomputed):
    counts = recomputed()
    far = dict(as_of=START, start=dt.date(2020, 1, 1), end=dt.date(2040, 1, 1), include_subsidies=False)
    assert list_deadlines(**far) == computed(fn=list_deadlines, **far)
    assert counts[-1] == 0  # not through the store at all


def test_an_edit_and_its_undo_show_at_once(portfolio, computed):
    from zgc_desk.operations import undo

    before = list_deadlines(as_of=START, include_subsidies=False)
    owed = next(d for d in before if d.kind == "annuity" and d.state == "open" and d.matter_kind == "patent")
    mark_annuity_paid(owed.matter_id, owed.year)
    after = list_deadlines(as_of=START, include_subsidies=False)
    assert after == computed(**_todo(START))
    assert not any(d.matter_id == owed.matter_id and d.kind == "annuity" and d.year == owed.year for d in after)
    undo()
    assert list_deadlines(as_of=START, include_subsidies=False) == before


def test_a_change_by_someone_else_directly_in_the_database_shows(portfolio, computed):
    list_deadlines(as_of=START, include_subsidies=False)
    # another program (or another advisor's machine) writes the record: nothing tells the store
    Patent.update(annuity_paid_through=Patent.annuity_paid_through + 1).where(
        Patent.status == "granted", Patent.annuity_paid_through.is_null(False)).execute()
    assert list_deadlines(as_of=START, include_subsidies=False) == computed(**_todo(START))


def test_new_rules_drop_everything_kept(portfolio, computed, recomputed, monkeypatch):
    list_deadlines(as_of=START, include_subsidies=False)
    monkeypatch.setattr(deadline_store, "STAMP", deadline_store.STAMP + " other rules")
    counts = recomputed()
    assert list_deadlines(as_of=START, include_subsidies=False) == computed(**_todo(START))
    assert counts[-1] >= Patent.select().count() * 0.9


@pytest.mark.sqlite_only
@pytest.mark.parametrize("damage", ["garbage", "truncated", "shape", "row"])
def test_a_damaged_or_altered_cache_changes_nothing(portfolio, computed, damage):
    expected = list_deadlines(as_of=START, include_subsidies=False)
    path = deadline_store.store_path()
    assert path.exists()
    if damage in ("garbage", "truncated"):
        size = path.stat().st_size
        path.write_bytes(b"not a database at all" * 100 if damage == "garbage" else path.read_bytes()[:size // 3])
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    else:
        conn = sqlite3.connect(path)
        if damage == "shape":
            conn.execute("UPDATE shape SET body = '{' || id")
        else:
            conn.execute("UPDATE deadline SET shape = 999999")
        conn.commit()
        conn.close()
    assert list_deadlines(as_of=START, include_subsidies=False) == expected
    # and the next listing works from a new file
    assert list_deadlines(as_of=START, include_subsidies=False) == expected


@pytest.mark.sqlite_only
def test_a_busy_cache_is_read_around(portfolio, computed):
    list_deadlines(as_of=START, include_subsidies=False)
    later = START + dt.timedelta(days=40)
    other = sqlite3.connect(deadline_store.store_path(), timeout=0)
    other.execute("BEGIN EXCLUSIVE")  # another process writing it
    try:
        assert list_deadlines(as_of=later, include_subsidies=False) == computed(**_todo(later))
    finally:
        other.rollback()
        other.close()
    assert list_deadlines(as_of=later, include_subsidies=False) == computed(**_todo(later))


@pytest.mark.sqlite_only
def test_a_cache_another_process_is_laying_out_is_left_to_it(portfolio, computed):
    list_deadlines(as_of=START, include_subsidies=False)
    path = deadline_store.store_path()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = 'older rules' WHERE key = 'engine'")
    conn.commit()
    inode = path.stat().st_ino
    conn.execute("BEGIN EXCLUSIVE")  # that process starts the file again for its rules
    try:
        assert list_deadlines(as_of=START, include_subsidies=False) == computed(**_todo(START))
        assert path.stat().st_ino == inode  # not taken for damage and removed under it
    finally:
        conn.rollback()
        conn.close()
    assert list_deadlines(as_of=START, include_subsidies=False) == computed(**_todo(START))


@pytest.mark.sqlite_only
def test_two_writers_taking_turns_number_their_shared_parts_apart(portfolio, computed):
    """Two processes (two connections) write batches in turn: each reads what the other added before
    numbering a new part, so nothing collides and the listing read back is the computed one."""
    from zgc_desk.deadlines.engine import make_context
    from zgc_desk.deadlines.stored import KIND_CODES, computed_for_keeping, fingerprint
    from zgc_desk.services.deadlines import load_patent_facts

    list_deadlines(as_of=START, include_subsidies=False)  # lays the file out
    path = deadline_store.store_path()
    first, second = deadline_store.Store(path), deadline_store.Store(path)
    for store in (first, second):
        store.conn.execute("DELETE FROM deadline")
        store.conn.execute("DELETE FROM record")
    first.prune()
    ctx = make_context(START)
    patents = load_patent_facts()

    def batch(facts_list):
        out = []
        for facts in facts_list:
            ctx.start, ctx.end = deadline_store.fresh_span(START, facts.id)
            out.append((KIND_CODES["patent"], facts.id, facts.firm_id, fingerprint(facts),
                        computed_for_keeping(KIND_CODES["patent"], facts, ctx, START)))
        return out

    for turn, at in enumerate(range(0, len(patents), 10)):
        (first if turn % 2 == 0 else second).keep(batch(patents[at:at + 10]), ())
    first.close()
    second.close()
    assert list_deadlines(as_of=START, include_subsidies=False) == computed(**_todo(START))


@pytest.mark.sqlite_only
def test_turned_off_nothing_is_written(portfolio, monkeypatch):
    monkeypatch.setenv("ZGC_DESK_DEADLINE_STORE", "0")
    list_deadlines(as_of=START, include_subsidies=False)
    assert not deadline_store.store_path().exists()


# ---- the tracked as-of date ------------------------------------------------------------------

def _tracked(day=dt.date(2026, 3, 5)):
    bounds = Bounds()
    return TrackedDate(day, bounds), bounds


def _days(bounds):
    return dt.date.fromordinal(bounds.lo), dt.date.fromordinal(bounds.hi)


def test_each_comparison_splits_the_calendar_on_either_side():
    as_of, bounds = _tracked()
    assert as_of <= dt.date(2026, 3, 10)
    assert dt.date(2026, 1, 1) < as_of  # the reflected comparison is seen too
    assert _days(bounds) == (dt.date(2026, 1, 2), dt.date(2026, 3, 10))
    assert not as_of > dt.date(2026, 3, 9)
    assert _days(bounds)[1] == dt.date(2026, 3, 9)
    assert as_of == dt.date(2026, 3, 5)
    assert _days(bounds) == (dt.date(2026, 3, 5), dt.date(2026, 3, 6))


def test_the_year_holds_for_its_year_and_anything_else_for_the_day():
    as_of, bounds = _tracked()
    assert as_of.year == 2026
    assert _days(bounds) == (dt.date(2026, 1, 1), dt.date(2027, 1, 1))
    assert as_of.month == 3
    assert _days(bounds) == (dt.date(2026, 3, 1), dt.date(2026, 4, 1))
    assert as_of + dt.timedelta(days=1) == dt.date(2026, 3, 6)
    assert _days(bounds) == (dt.date(2026, 3, 5), dt.date(2026, 3, 6))
    for use in (lambda d: d.isoformat(), lambda d: d.toordinal(), lambda d: str(d), lambda d: d.day,
                lambda d: d.weekday(), lambda d: d - dt.date(2026, 1, 1)):
        as_of, bounds = _tracked()
        use(as_of)
        assert _days(bounds) == (dt.date(2026, 3, 5), dt.date(2026, 3, 6))


# ---- through the command line ----------------------------------------------------------------

@pytest.mark.sqlite_only
def test_the_command_prints_the_same_json_kept_or_computed(demo_db, cli, tmp_path):
    """Three processes: one that keeps, one that reads back, one with keeping off; in both languages."""
    from zgc_desk.db import close_database

    _varied_portfolio()
    close_database()
    data = {"ZGC_DESK_DATA_DIR": str(tmp_path / "userdata")}
    for lang in ("zh_CN", "en"):
        args = ("--lang", lang, "deadlines", "--db", demo_db, "--json", "--as-of", "2026-11-25",
                "--from", "2026-06-01", "--to", "2028-11-25")
        first = cli(*args, env_extra=data)
        again = cli(*args, env_extra=data)
        computed = cli(*args, env_extra={**data, "ZGC_DESK_DEADLINE_STORE": "0"})
        assert first.returncode == again.returncode == computed.returncode == 0, first.stderr + again.stderr
        assert len(first.stdout) > 10_000
        assert first.stdout == again.stdout == computed.stdout
    assert list((tmp_path / "userdata" / "cache" / "deadlines").glob("*.sqlite3"))


# ---- what is kept comes back equal, or is not kept -------------------------------------------

def test_a_deadline_that_would_not_come_back_equal_is_refused(portfolio):
    from dataclasses import replace

    from zgc_desk.deadlines.stored import Decoder, Encoder, decode_shape, decode_who

    deadline = next(d for d in list_deadlines(as_of=START, include_subsidies=False) if d.basis.notes)
    encoder = Encoder()
    shape, who, row = encoder.encode(deadline)
    assert Decoder({0: decode_shape(shape)}, {0: decode_who(who)}).deadline(0, 0, *row) == deadline
    as_list = replace(deadline, basis=replace(deadline.basis, notes=(("a note {x}", [("x", 1)]),)))
    as_float = replace(deadline, amount_cny=1.0 if deadline.amount_cny is None else float(deadline.amount_cny))
    tracked_due = replace(deadline, due=TrackedDate(deadline.due, Bounds()))
    unknown_state = replace(deadline, state="pending")
    assert encoder.encode(as_list) is None  # a list would come back a tuple
    assert encoder.encode(tracked_due) is None and encoder.encode(unknown_state) is None
    shape, who, row = encoder.encode(as_float)  # a float stays a float
    assert Decoder({0: decode_shape(shape)}, {0: decode_who(who)}).deadline(0, 0, *row) == as_float


@pytest.mark.parametrize("states", [None, ("open",), ("done",), ("missed", "lapsed"), ("open", "missed"), ()])
def test_states_asked_of_the_kept_deadlines_are_the_computed_ones_in_those_states(portfolio, computed, states):
    """The cache's query picks the states (and, in the default window, drops idle backups) itself."""
    start, end = START - dt.timedelta(days=200), START + dt.timedelta(days=730)  # within the kept span
    assert deadline_store.fits(START, start, end)
    list_deadlines(as_of=START, start=start, end=end, include_subsidies=False)  # all kept
    asked = dict(as_of=START, start=start, end=end, states=states, include_subsidies=False)
    rows = []
    real = deadline_store.Store.rows
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(deadline_store.Store, "rows", lambda self, *a, **k: rows.append(1) or real(self, *a, **k))
        kept = list_deadlines(**asked)
    assert rows  # read back from the cache, not computed
    assert kept == computed(fn=list_deadlines, **asked)
    assert {d.state for d in kept} <= set(states if states is not None else ("open", "done", "missed", "lapsed"))
    if states is None:
        assert {"open", "done", "missed"} <= {d.state for d in kept}  # the portfolio has them all
    default = list_deadlines(as_of=START, include_subsidies=False)
    assert default == computed(fn=list_deadlines, as_of=START, include_subsidies=False)
    assert not any(d.main_due is not None and d.state == "open" and d.main_due >= START for d in default)


@pytest.mark.parametrize("per_query", [None, 2])
def test_the_records_a_listing_computes_again_are_read_alone_with_the_facts_a_full_read_gives(
        portfolio, per_query, monkeypatch):
    """What a listing reads when only a few records are out of date (``load_facts`` with ``wanted``):
    exactly those records, each with what reading everything gives it — also when the ids take
    several queries (``per_query``)."""
    from zgc_desk import db
    from zgc_desk.services import deadlines

    if per_query:
        monkeypatch.setattr(db, "IDS_PER_QUERY", per_query)
    full = deadlines.load_facts(None)
    rng = random.Random(3)
    wanted = {}
    for name, items in full.items():
        assert len(items) >= 3, name  # the demo portfolio holds every kept kind
        wanted[name] = {facts.id for facts in rng.sample(items, max(2, len(items) // 3))}
    part = deadlines.load_facts(None, wanted)
    def by_id(items):  # in what order a database gives rows without ORDER BY is its own
        return sorted(items, key=lambda facts: facts.id)

    for name, items in full.items():
        assert by_id(part[name]) == by_id(facts for facts in items if facts.id in wanted[name]), name
