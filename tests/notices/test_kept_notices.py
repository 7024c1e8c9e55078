"""Notice deadlines kept between listings (``services.deadline_store``): a matter's notices are kept
as one record, since a recorded loss-of-rights notice fixes the restoration window of the answer it
follows. The kept lists must be the computed ones on every day, in both languages, and follow every
write to a notice at once — through the program, its undo, or another program."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

import pytest

from zgc_desk.deadlines.basis import deadline_basis
from zgc_desk.deadlines.notice_types import default_notice_rules
from zgc_desk.deadlines.notices import AnswerName, Months, NoticeName, by_matter
from zgc_desk.deadlines.stored import KIND_CODES, Decoder, Encoder, decode_shape, decode_who
from zgc_desk.i18n import set_language
from zgc_desk.models import Firm, Notice, Patent, database
from zgc_desk.operations import undo
from zgc_desk.services import deadline_store
from zgc_desk.services import deadlines as deadline_service
from zgc_desk.services.deadlines import keep_deadlines, list_deadlines
from zgc_desk.services.notices import load_notice_facts, mark_answered

pytestmark = pytest.mark.both_databases

START = dt.date(2026, 11, 25)
NOTICES = KIND_CODES["notices"]
_TYPES = ("cn_oa_first", "cn_oa_further", "cn_correction", "cn_grant", "cn_rejection", "cn_reexam")
_EXTENSIBLE = ("cn_oa_first", "cn_oa_further", "cn_correction")  # as the rule data says


def _add_notices(seed: int = 3) -> None:
    """Notices on the demo's patents: every CNIPA type, answered or not, extended, on paper, and on
    some matters a later loss-of-rights notice after a missed answer."""
    rng = random.Random(seed)
    rows = []
    patents = Patent.select(Patent.id, Patent.firm, Patent.application_no).order_by(Patent.id).tuples()
    for position, (patent_id, firm_id, number) in enumerate(patents):
        base = {"firm": firm_id, "matter_kind": "patent", "matter_id": patent_id, "matter_no": number}
        for _ in range(1 + position % 3):
            dispatched = START - dt.timedelta(days=rng.randint(1, 400))
            answered = dispatched + dt.timedelta(days=rng.randint(10, 90))
            notice_type = rng.choice(_TYPES)
            rows.append({**base, "notice_type": notice_type, "dispatch_date": dispatched,
                         "delivery": "paper" if rng.random() < 0.2 else "electronic",
                         "extension_months": 1 if notice_type in _EXTENSIBLE and rng.random() < 0.3 else 0,
                         "answered_on": answered if answered <= START and rng.random() < 0.5 else None})
        if position % 4 == 0:  # a missed answer, and the loss of rights it led to
            missed = START - dt.timedelta(days=rng.randint(130, 200))
            rows.append({**base, "notice_type": "cn_oa_first", "dispatch_date": missed, "delivery": "electronic"})
            rows.append({**base, "notice_type": "cn_loss_of_rights", "delivery": "electronic",
                         "dispatch_date": missed + dt.timedelta(days=rng.randint(130, 150))})
    with database.atomic():
        Notice.insert_many(rows).execute()


@pytest.fixture
def notices(demo_db):
    _add_notices()
    return demo_db


@pytest.fixture
def recomputed(monkeypatch):
    """The kind codes of the records each listing computed afresh."""
    seen: list[list[int]] = []
    real = deadline_store.computed_for_keeping

    def counting(code, *args):
        seen[-1].append(code)
        return real(code, *args)

    monkeypatch.setattr(deadline_store, "computed_for_keeping", counting)

    def start():
        seen.append([])
        return seen

    return start


def _notice_deadlines(deadlines) -> list:
    return [d for d in deadlines if d.notice_id is not None]


def _kept_groups() -> int:
    store = deadline_store.open_store()
    try:
        return sum(1 for kind, _rid in store.index(None) if kind == NOTICES)
    finally:
        store.close()


def test_notice_deadlines_are_kept_per_matter_and_the_same_every_day(notices, computed, recomputed):
    groups = by_matter(load_notice_facts())
    assert any(len(g.notices) > 2 for g in groups)
    seen, listed = None, 0
    days = [START + dt.timedelta(days=n) for n in range(0, 40)] + [START + dt.timedelta(days=n)
                                                                    for n in range(40, 400, 13)]
    for as_of in days:
        seen = recomputed()
        kept = list_deadlines(as_of=as_of, include_subsidies=False)
        expected = computed(as_of=as_of, include_subsidies=False)
        assert kept == expected, as_of
        listed += len(_notice_deadlines(kept))
    assert listed > 100  # notices were among them
    assert _kept_groups() == len(groups)  # every matter's notices kept as one record
    first, daily = seen[0], seen[1:40]
    assert first.count(NOTICES) == len(groups)
    # later days compute again only the groups a passing date changed: a few, not all
    assert sum(day.count(NOTICES) for day in daily) < 0.2 * len(groups) * len(daily)
    assert any(NOTICES in day for day in daily)


def test_restoration_windows_follow_the_loss_of_rights_notice_in_every_range(notices, computed):
    for start, end in ((START - dt.timedelta(days=200), START + dt.timedelta(days=300)),
                       (START, START + dt.timedelta(days=60))):
        for as_of in (START, START + dt.timedelta(days=20)):
            kept = list_deadlines(as_of=as_of, start=start, end=end, include_subsidies=False)
            assert kept == computed(as_of=as_of, start=start, end=end, include_subsidies=False)
    wide = list_deadlines(as_of=START, start=START - dt.timedelta(days=200), end=START + dt.timedelta(days=300),
                          include_subsidies=False)
    restorations = [d for d in _notice_deadlines(wide) if d.kind == "notice_restoration"]
    assert restorations  # estimates of missed answers with no loss-of-rights notice yet…
    # …and, where one was recorded, the answer to that notice instead
    assert any(d.notice_type == "cn_loss_of_rights" and d.kind == "notice_response" for d in wide)


def test_a_kept_notice_deadline_comes_back_equal_and_reads_the_same_in_both_languages(notices):
    found = _notice_deadlines(list_deadlines(as_of=START, include_subsidies=False))
    extended = next(d for d in found if any(note for note, _params in d.basis.notes if "extension" in note))
    encoder = Encoder()
    for deadline in (extended, *found[:20]):
        shape, who, row = encoder.encode(deadline)  # kept, not refused
        back = Decoder({0: decode_shape(shape)}, {0: decode_who(who)}).deadline(0, 0, *row)
        assert back == deadline
        for language in ("en", "zh_CN"):
            set_language(language)
            assert deadline_basis(back) == deadline_basis(deadline)
    params = dict(extended.basis.rule_params)
    assert isinstance(params["notice"], NoticeName) and isinstance(params["answer"], AnswerName)
    assert any(isinstance(value, Months) for _note, note_params in extended.basis.notes for _k, value in note_params)
    kind = default_notice_rules().types[extended.notice_type]
    set_language("en")
    assert kind.label("en") in deadline_basis(extended) and "1 month" in deadline_basis(extended)
    set_language("zh_CN")
    assert kind.label("zh_CN") in deadline_basis(extended) and "1个月" in deadline_basis(extended)


def test_a_notices_answer_and_its_undo_show_at_once(notices, computed):
    list_deadlines(as_of=START, include_subsidies=False)
    keep_deadlines(as_of=START)
    open_one = next(d for d in _notice_deadlines(list_deadlines(as_of=START, include_subsidies=False))
                    if d.state == "open" and d.kind == "notice_response")
    mark_answered(open_one.notice_id, START)
    kept = list_deadlines(as_of=START, include_subsidies=False)
    assert kept == computed(as_of=START, include_subsidies=False)
    assert not any(d.notice_id == open_one.notice_id and d.state == "open" for d in kept)
    undo()
    kept = list_deadlines(as_of=START, include_subsidies=False)
    assert kept == computed(as_of=START, include_subsidies=False)
    assert any(d.notice_id == open_one.notice_id and d.state == "open" for d in kept)


def test_a_new_loss_of_rights_notice_fixes_the_kept_estimate(notices, computed):
    wide = dict(as_of=START, start=START - dt.timedelta(days=200), end=START + dt.timedelta(days=300),
                include_subsidies=False)
    estimate = next(d for d in _notice_deadlines(list_deadlines(**wide)) if d.kind == "notice_restoration")
    firm = Firm.get_by_id(estimate.firm_id)
    missed = Notice.get_by_id(estimate.notice_id)
    Notice.create(firm=firm, matter_kind=missed.matter_kind, matter_id=missed.matter_id, matter_no=missed.matter_no,
                  notice_type="cn_loss_of_rights", delivery="electronic",
                  dispatch_date=estimate.main_due + dt.timedelta(days=25))
    kept = list_deadlines(**wide)
    assert kept == computed(**wide)
    assert not any(d.kind == "notice_restoration" and d.notice_id == estimate.notice_id for d in kept)


def test_only_the_matters_asked_for_are_read(notices):
    every = load_notice_facts()
    groups = by_matter(every)
    asked = {groups[0].id, groups[5].id, groups[-1].id}
    got = by_matter(load_notice_facts(matters_of=asked))
    assert [g.id for g in got] == sorted(asked)
    assert got == [g for g in groups if g.id in asked]  # all of each matter's notices, not only the one asked
    assert load_notice_facts(matters_of=set(range(1, 1200))) == every  # past a query's parameter limit


@pytest.mark.sqlite_only
def test_with_the_data_version_notices_are_not_read_until_one_is_written(notices, computed, monkeypatch):
    reads = []
    real = deadline_service.load_notice_facts

    def recording(firm_id=None, matters_of=None):
        reads.append("all" if matters_of is None else set(matters_of))
        return real(firm_id, matters_of)

    monkeypatch.setattr(deadline_service, "load_notice_facts", recording)
    list_deadlines(as_of=START, include_subsidies=False)
    keep_deadlines(as_of=START)
    expected = computed(as_of=START, include_subsidies=False)
    reads.clear()
    assert list_deadlines(as_of=START, include_subsidies=False) == expected
    assert reads == []  # nothing written: no notice read at all
    as_of = START + dt.timedelta(days=3)
    expected = computed(as_of=as_of, include_subsidies=False)
    reads.clear()
    assert list_deadlines(as_of=as_of, include_subsidies=False) == expected
    assert "all" not in reads  # days later: only the matters whose notices a passing date changed
    con = sqlite3.connect(str(database.database))  # another program answers a notice
    con.execute("UPDATE notice SET answered_on = ? WHERE answered_on IS NULL",
                (as_of.isoformat(),))
    con.commit()
    con.close()
    expected = computed(as_of=as_of, include_subsidies=False)
    reads.clear()
    kept = list_deadlines(as_of=as_of, include_subsidies=False)
    assert reads[0] == "all"
    assert kept == expected
    assert not any(d.state == "open" and d.kind == "notice_response" for d in kept)
