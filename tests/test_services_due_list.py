"""What the Due list and the advisor view show, without Qt: views, lead times, urgency bands,
narrowing, grouping, the start-up summary, the columns and the basis in parts."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from zgc_desk.deadlines import Basis, Deadline
from zgc_desk.models import Firm
from zgc_desk.services.deadlines import calendar_deadlines, list_deadlines
from zgc_desk.services.due_columns import basis_parts, due_columns
from zgc_desk.services.due_list import (
    DueFilter,
    due_summary,
    group_by_firm,
    group_by_month,
    is_coming,
    load_advisor,
    load_due,
    month_label,
    narrow,
    select_view,
    summary_headline,
    summary_lines,
    urgency,
    within_days,
)

pytestmark = pytest.mark.both_databases

AS_OF = dt.date(2026, 11, 25)


def deadline(due: dt.date, state: str = "open", kind: str = "annuity", *, main_due=None, provisional=False,
             firm_id: int = 1, office: str = "CN", matter: str = "202110310118.4") -> Deadline:
    basis = Basis("Annual fee for patent year {year}", "专利审查指南第五部分第九章第2节", "filing date",
                  dt.date(2021, 9, 25), (5, "years"), dt.date(2026, 9, 25), provisional=provisional,
                  rule_params=(("year", 6),))
    return Deadline(f"code{firm_id}", firm_id, matter, "patent", 7, "芯片", kind, office, due, state, 180, basis,
                    year=6, main_due=main_due)


@pytest.fixture
def firm_a(demo_db):
    return Firm.select().order_by(Firm.id).first()


@pytest.mark.parametrize(("due", "state", "band"), [
    (AS_OF - dt.timedelta(days=1), "missed", "overdue"),
    (AS_OF - dt.timedelta(days=400), "lapsed", "overdue"),
    (AS_OF, "open", "soon"),
    (AS_OF + dt.timedelta(days=30), "open", "soon"),
    (AS_OF + dt.timedelta(days=31), "open", "near"),
    (AS_OF + dt.timedelta(days=90), "open", "near"),
    (AS_OF + dt.timedelta(days=91), "open", "later"),
    (AS_OF - dt.timedelta(days=3), "done", "done"),
])
def test_urgency_bands(due, state, band):
    assert urgency(deadline(due, state), AS_OF) == band


def test_coming_means_within_the_kind_s_lead_time_or_already_needing_action():
    leads = {"default": 90, "annuity": 60}
    assert is_coming(deadline(AS_OF + dt.timedelta(days=60)), AS_OF, leads)
    assert not is_coming(deadline(AS_OF + dt.timedelta(days=61)), AS_OF, leads)
    assert is_coming(deadline(AS_OF + dt.timedelta(days=90), kind="exam_request"), AS_OF, leads)
    assert not is_coming(deadline(AS_OF + dt.timedelta(days=91), kind="exam_request"), AS_OF, leads)
    assert is_coming(deadline(AS_OF - dt.timedelta(days=20), "missed"), AS_OF, leads)
    grace = deadline(AS_OF + dt.timedelta(days=150), kind="annuity_grace_end", main_due=AS_OF - dt.timedelta(days=20))
    assert is_coming(grace, AS_OF, leads)  # the last chance of a missed fee shows, however far
    assert not is_coming(deadline(AS_OF - dt.timedelta(days=3), "done"), AS_OF, leads)


def test_views_of_the_due_list_on_the_demo(firm_a):
    todo = load_due("year", as_of=AS_OF, firm_id=firm_a.id)
    assert [d.sort_key for d in todo.deadlines] == [d.sort_key for d in list_deadlines(as_of=AS_OF, firm=firm_a.id)]
    assert todo.firm_names == {firm_a.id: firm_a.name} and "default" in todo.leads
    coming = select_view(todo, "coming", AS_OF)
    assert 0 < len(coming) < len(todo.deadlines)
    everything = load_due("all", as_of=AS_OF, firm_id=firm_a.id)
    assert len(everything.deadlines) == len(calendar_deadlines(as_of=AS_OF, firm=firm_a.id))
    assert {d.state for d in everything.deadlines} > {"open", "missed"}


def test_narrow_by_kind_office_firm_and_text():
    items = [deadline(AS_OF, office="CN"), deadline(AS_OF, kind="pct_national_phase", office="JP",
                                                     matter="PCT/CN2025/119092", firm_id=2)]
    assert narrow(items, DueFilter()) == items
    assert narrow(items, DueFilter(kind="annuity")) == items[:1]
    assert narrow(items, DueFilter(office="JP")) == items[1:]
    assert narrow(items, DueFilter(firm_id=2)) == items[1:]
    assert narrow(items, DueFilter(text="pct/cn2025")) == items[1:]
    assert narrow(items, DueFilter(text="芯片")) == items


def test_group_by_month_in_date_order(english):
    items = [deadline(dt.date(2027, 1, 4)), deadline(dt.date(2026, 9, 28), "missed"), deadline(dt.date(2027, 1, 25))]
    groups = group_by_month(sorted(items, key=lambda d: d.due))
    assert [g.key for g in groups] == [(2026, 9), (2027, 1)]
    assert groups[1].label == "January 2027 — 2 deadlines" and groups[1].fees == 360
    assert month_label(2027, 1) == "January 2027"


def test_month_label_in_chinese():
    assert month_label(2027, 1) == "2027年1月"


def test_group_by_firm_lists_clear_firms_too(english):
    items = [deadline(AS_OF, firm_id=2), deadline(AS_OF, firm_id=2)]
    names = {1: "Alpha", 2: "Beta"}
    groups = group_by_firm(items, names, every_firm=True)
    assert [(g.key, len(g.deadlines)) for g in groups] == [(1, 0), (2, 2)]
    assert groups[0].label == "Alpha — nothing due" and groups[1].label == "Beta — 2 deadlines"
    assert [g.key for g in group_by_firm(items, names)] == [2]


def test_advisor_loads_every_firm(demo_db):
    data = load_advisor(as_of=AS_OF)
    assert set(data.firm_names) == {f.id for f in Firm.select()}
    assert {d.firm_id for d in data.deadlines} == set(data.firm_names)
    near = within_days(data.deadlines, AS_OF, 90)
    assert near and all(d.due <= AS_OF + dt.timedelta(days=90) for d in near)


def test_start_up_summary(english):
    soon = deadline(AS_OF + dt.timedelta(days=12))
    missed = deadline(AS_OF - dt.timedelta(days=58), "missed", matter="202110310118.4")
    later = deadline(AS_OF + dt.timedelta(days=31))
    summary = due_summary([missed, soon, later], AS_OF)
    assert summary.missed == [missed] and summary.due_soon == [soon]
    assert summary_headline(summary) == "1 deadline due in the next 30 days; 1 deadline missed."
    (missed_heading, missed_lines), (soon_heading, soon_lines) = summary_lines(summary)
    assert missed_heading.startswith("Missed") and missed_lines == ["2026-09-28 Annual fee (year 6) 202110310118.4 CN¥180.00"]
    assert soon_heading.startswith("Due in the next 30 days")
    assert summary_headline(due_summary([later], AS_OF)) == "Nothing due in the next 30 days and nothing missed."
    many = due_summary([dataclasses.replace(soon, matter=str(n)) for n in range(8)], AS_OF)
    assert summary_lines(many, limit=5)[0][1][-1] == "… and 3 more"


def test_the_demo_summary_names_the_missed_annual_fee(firm_a, english):
    data = load_due("year", as_of=AS_OF, firm_id=firm_a.id)
    summary = due_summary(data.deadlines, AS_OF)
    assert [d.state for d in summary.missed] == ["missed"] * len(summary.missed) and summary.missed
    assert all(0 <= (d.due - AS_OF).days <= 30 for d in summary.due_soon)


def test_columns_give_typed_values_and_text(english):
    d = deadline(dt.date(2027, 1, 4), provisional=True)
    columns = {c.key: c for c in due_columns(AS_OF, {1: "Alpha"})}
    assert columns["due"].value(d) == dt.date(2027, 1, 4) and columns["due"].text(d) == "2027-01-04*"
    assert columns["days"].value(d) == 40 and columns["fee"].value(d) == 180
    assert columns["fee"].text(d) == "CN¥180.00" and columns["surcharge"].text(d) == ""
    assert columns["firm"].text(d) == "Alpha" and columns["provisional"].text(d) == "Yes"
    assert columns["what"].text(d) == "Annual fee (year 6)"
    assert "PROVISIONAL" in columns["basis"].text(d) and "source:" in columns["basis"].text(d)


def test_basis_in_parts(english):
    d = deadline(dt.date(2026, 9, 28), "missed", provisional=True)
    parts = dict(basis_parts(d, AS_OF))
    assert parts["Rule"] == "Annual fee for patent year 6"
    assert parts["Base date"] == "filing date 2021-09-25" and parts["Period"] == "5 years"
    assert parts["Source"] == "专利审查指南第五部分第九章第2节"
    assert parts["Due"] == "2026-09-28 (the period ends 2026-09-25, a non-working day)"
    assert "No official holiday calendar for 2026" in parts["Provisional"]



def test_the_advisor_view_s_horizon_computes_the_same_deadlines_as_filtering_the_whole_list(demo_db):
    from zgc_desk.deadlines.output import deadline_record

    whole = list_deadlines(as_of=AS_OF)  # the whole to-do list of every firm
    for days in (30, 90, 180):
        near = load_advisor(as_of=AS_OF, days=days).deadlines
        assert near and [deadline_record(d) for d in near] == [deadline_record(d) for d in
                                                                within_days(whole, AS_OF, days)]


@pytest.mark.parametrize("leads", [{}, {"default": 20}, {"annuity": 400, "default": 10}, {"notice_response": 200}])
def test_as_reminded_the_advisor_view_reads_only_what_can_be_coming_and_shows_the_same(demo_db, leads, monkeypatch):
    """The list is cut at the longest lead time (missed deadlines and backups kept wherever they
    fall), read back from the kept deadlines and computed with the cache off."""
    from zgc_desk.deadlines.output import deadline_record
    from zgc_desk.services.due_list import is_coming
    from zgc_desk.services.settings import set_setting

    set_setting("lead_days", leads)
    whole = list_deadlines(as_of=AS_OF)
    expected = [deadline_record(d) for d in whole if is_coming(d, AS_OF, leads)]
    assert any(d.main_due is not None for d in whole) and any(d.state == "missed" for d in whole)
    for cache in ("1", "0"):
        monkeypatch.setenv("ZGC_DESK_DEADLINE_STORE", cache)
        data = load_advisor(as_of=AS_OF)
        assert [deadline_record(d) for d in select_view(data, "coming", AS_OF)] == expected
        longest = max([*leads.values(), leads.get("default", 90)])
        assert all(d.due <= AS_OF + dt.timedelta(days=longest) for d in data.deadlines
                   if d.state == "open" and d.main_due is None)
        if longest < 365:
            assert len(data.deadlines) < len(whole)  # the rest is not even read
