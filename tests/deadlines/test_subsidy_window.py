"""subsidy_window deadlines: a round's assessment day for firms with unclaimed eligible items."""

import datetime as dt

from zgc_desk.deadlines.output import deadline_record
from zgc_desk.demo import CODE_A, CODE_B
from zgc_desk.services.deadlines import default_window, list_deadlines
from zgc_desk.services.subsidies import check


def windows(**kwargs):
    return [d for d in list_deadlines(**kwargs) if d.kind == "subsidy_window"]


def test_an_open_round_shows_what_each_firm_can_claim_before_its_day(demo_db):
    found = windows(as_of=dt.date(2024, 1, 15), start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    by_policy = {(d.firm, d.title): d for d in found}
    result = check(as_of=dt.date(2024, 1, 15), round_year=2024, firm=CODE_A)
    expected = {d.policy for d in result.decisions if d.eligible}
    assert {d.firm for d in found} == {CODE_A}
    assert len(by_policy) == len(expected) >= 2
    for deadline in found:
        assert deadline.due == dt.date(2024, 3, 31)
        assert deadline.state == "open"
        assert deadline.amount_cny is None and deadline.subsidy_cny > 0
    totals = {p: sum(d.amount_cny for d in result.decisions if d.policy == p and d.eligible) for p in expected}
    assert sorted(d.subsidy_cny for d in found) == sorted(totals.values())


def test_a_passed_round_day_is_lapsed_and_left_out_of_the_to_do_list(demo_db):
    as_of = dt.date(2026, 11, 25)
    ranged = windows(as_of=as_of, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    # the Madrid round of 2026 and the three pledge-financing supports (the demo's loans settled in 2025)
    assert sorted((d.firm, d.state, d.due) for d in ranged) == [(CODE_A, "lapsed", dt.date(2026, 3, 31))] + [
        (CODE_A, "lapsed", dt.date(2026, 6, 30))] * 3
    assert CODE_B not in {d.firm for d in ranged}
    assert windows(as_of=as_of) == []


def test_the_json_record_names_the_amount_and_says_it_is_unverified(demo_db, english):
    [deadline] = [d for d in windows(as_of=dt.date(2026, 2, 1), start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
                  if d.due == dt.date(2026, 3, 31)]  # the Madrid round
    record = deadline_record(deadline)
    assert record["kind"] == "subsidy_window" and record["matter"] == CODE_A and record["office"] == ""
    assert record["state"] == "open" and record["subsidy_cny"] == deadline.subsidy_cny
    assert "UNVERIFIED" in record["basis"] and "2026-03-31" in record["basis"]


def test_claiming_the_items_removes_the_window(demo_db):
    from zgc_desk.services.subsidies import claim_decision

    as_of = dt.date(2026, 2, 1)
    result = check(as_of=as_of, round_year=2026, firm=CODE_A)
    for decision in result.decisions:
        if decision.eligible:
            claim_decision(decision, claimed_on=as_of)
    assert windows(as_of=as_of, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)) == []


def test_the_to_do_list_does_not_load_the_portfolio_for_a_round_already_assessed(demo_db, monkeypatch):
    """The default list's window reaches 6 months back; a round assessed then is lapsed, which the
    to-do list never shows: the portfolio is not loaded for it (the same list, without the cost)."""
    from zgc_desk.services import subsidies

    as_of = dt.date(2026, 7, 15)  # the pledge supports' round of 2026-06-30 is within 6 months back
    everything = windows(as_of=as_of, start=dt.date(2026, 1, 15), end=dt.date(2027, 7, 15))
    assert {d.state for d in everything if d.due < as_of} == {"lapsed"}

    def refuse(*args, **kwargs):
        raise AssertionError("the portfolio was loaded")

    monkeypatch.setattr(subsidies, "load_portfolio", refuse)
    assert windows(as_of=as_of, end=dt.date(2026, 10, 13), start=dt.date(2026, 1, 15),
                   states={"open", "missed"}) == []
    assert windows(as_of=as_of, due_by=dt.date(2026, 10, 13)) == []


def _ranges():
    """Ranges over several years of rounds: Madrid and pledge rounds alone (the patents left out),
    and ranges that hold an invention-grant round (the patents loaded)."""
    for year in (2023, 2024, 2025, 2026, 2027):
        for as_of in (dt.date(year, 1, 15), dt.date(year, 5, 1), dt.date(year, 11, 25)):
            yield dict(as_of=as_of, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
            yield dict(as_of=as_of, start=dt.date(year, 4, 1), end=dt.date(year, 12, 31))
            start, end = default_window(as_of)  # the to-do list's
            yield dict(as_of=as_of, start=start, end=end)


def test_rounds_without_a_patent_policy_are_decided_the_same_without_loading_the_patents(demo_db, monkeypatch):
    from zgc_desk.models import Firm
    from zgc_desk.services import subsidies
    from zgc_desk.services.subsidy_deadlines import subsidy_window_deadlines

    loaded = []
    real = subsidies.load_portfolio

    def recording(firm_id=None, *, with_patents=True):
        loaded.append(with_patents)
        return real(firm_id, with_patents=with_patents)

    monkeypatch.setattr(subsidies, "load_portfolio", recording)
    compared = 0
    for kwargs in _ranges():
        for firm_id in (None, *(f.id for f in Firm.select())):
            found = subsidy_window_deadlines(firm_id=firm_id, states=None, **kwargs)
            rule_set = subsidies.rules()
            whole = real(firm_id)
            # the same deadlines from the whole portfolio, evaluated as before this change
            expected = subsidy_window_deadlines(firm_id=firm_id, states=None, inputs=(rule_set, whole), **kwargs)
            assert found == expected, kwargs
            compared += bool(found)
    assert compared > 10
    assert False in loaded and True in loaded  # both ways were taken


def test_a_check_that_reads_the_patents_left_out_loads_them_and_decides_the_same(demo_db, monkeypatch):
    from zgc_desk.services import subsidies
    from zgc_desk.services.subsidy_deadlines import subsidy_window_deadlines
    from zgc_desk.subsidy_rules import facts

    kwargs = dict(as_of=dt.date(2026, 2, 1), start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    expected = subsidy_window_deadlines(firm_id=None, states=None, **kwargs)
    assert expected
    real_items_of = facts.Portfolio.items_of
    asked = []

    def reads_patents_too(self, source, firm):
        asked.append(source)
        real_items_of(self, "cn_patent", firm)  # as a check about another item's patent would
        return real_items_of(self, source, firm)

    monkeypatch.setattr(facts.Portfolio, "items_of", reads_patents_too)
    loaded = []
    real = subsidies.load_portfolio
    monkeypatch.setattr(subsidies, "load_portfolio",
                        lambda firm_id=None, *, with_patents=True: loaded.append(with_patents) or real(
                            firm_id, with_patents=with_patents))
    assert subsidy_window_deadlines(firm_id=None, states=None, **kwargs) == expected
    assert loaded == [False, True] and asked


def test_a_partial_portfolio_refuses_to_answer_for_what_it_left_out(demo_db):
    import pytest

    from zgc_desk.demo import CODE_A
    from zgc_desk.services.subsidies import load_portfolio
    from zgc_desk.subsidy_rules.facts import LeftOut

    partial, whole = load_portfolio(with_patents=False), load_portfolio()
    assert whole.items_of("cn_patent", CODE_A)
    with pytest.raises(LeftOut):
        partial.items_of("cn_patent", CODE_A)
    for source in ("pct", "overseas", "trademark", "madrid_designation", "pledge_loan"):
        assert partial.items_of(source, CODE_A) == whole.items_of(source, CODE_A), source
