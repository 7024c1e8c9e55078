"""Subsidy services on a real database: facts in bulk, checks of the demo, claims with history."""

from __future__ import annotations

import datetime as dt

import pytest

from zgc_desk.demo import CODE_A, CODE_B, TSINGHUA
from zgc_desk.models import database
from zgc_desk.services.changes import history
from zgc_desk.services.errors import NotFound, ValidationError
from zgc_desk.services.records import create_record
from zgc_desk.services.subsidies import (
    check,
    claim_decision,
    delete_claim,
    list_claims,
    load_portfolio,
    record_claim,
    update_claim,
)

pytestmark = pytest.mark.both_databases

TODAY = dt.date(2026, 11, 25)


def _decision(result, policy, matter, office=None):
    found = [d for d in result.decisions if d.policy == policy and d.matter == matter
             and (office is None or d.office == office)]
    assert len(found) == 1, [(d.policy, d.matter) for d in result.decisions]
    return found[0]


def test_facts_come_in_bulk_queries_whatever_the_number_of_records(demo_db, monkeypatch):
    statements = []
    original = database.execute_sql
    monkeypatch.setattr(database.obj, "execute_sql", lambda sql, *a, **k: statements.append(sql) or original(sql, *a, **k))
    portfolio = load_portfolio()
    assert len(statements) <= 7  # one per table: firms, patents, PCT, overseas, trademarks, pledge loans, claims
    assert set(portfolio.firms) == {CODE_A, CODE_B}
    sources = {item.source for item in portfolio.items}
    assert sources == {"cn_patent", "pct", "overseas", "madrid_designation", "trademark", "pledge_loan"}
    designations = sorted(i.office for i in portfolio.items if i.source == "madrid_designation")
    assert designations == ["EM", "JP", "KR", "US"]


def test_one_firm_loads_only_its_own_facts(demo_db):
    portfolio = load_portfolio(firm_id=2)
    assert set(portfolio.firms) == {CODE_B} and {i.firm for i in portfolio.items} == {CODE_B}


def test_today_the_patent_policies_are_not_available_and_madrid_is(demo_db):
    result = check(TODAY)
    assert result.round_year == 2026
    states = {p.id: p.available for p in result.policies}
    assert states == {"invention_grant": False, "first_overseas_filing": False, "pct_filing": False,
                      "overseas_grant": False, "madrid_trademark": True,
                      # the pledge-financing supports are alive (their 2026 round not yet confirmed)
                      "pledge_interest": True, "pledge_costs": True, "zgc_pledge_interest": True}
    grant = _decision(result, "invention_grant", CODE_A)
    assert "2025-01-01" in grant.reasons[0].detail and grant.verified
    madrid = {d.office: d.amount_cny for d in result.decisions if d.policy == "madrid_trademark" and d.eligible}
    assert madrid == {"US": 5000, "EM": 5000, "JP": 5000, "KR": 2000}
    # and the demo's two loans settled in 2025 (see test_pledge_loans.py for the figures)
    assert result.totals[CODE_A].per_policy == {"madrid_trademark": 17000, "pledge_interest": 102060,
                                                "pledge_costs": 20000, "zgc_pledge_interest": 50400}
    assert not result.totals[CODE_A].verified


def test_round_2022_pays_two_grants_of_2021_and_names_the_ended_application_support(demo_db):
    result = check(TODAY, 2022)
    eligible = [d for d in result.decisions if d.eligible]
    assert [(d.policy, d.firm, d.amount_cny) for d in eligible] == [("invention_grant", CODE_A, 280)] * 2
    assert result.totals[CODE_A].per_policy == {"invention_grant": 560} and not result.totals[CODE_A].verified
    first = _decision(result, "first_overseas_filing", CODE_B)
    assert first.unavailable_reason and "17/236,554" in first.reasons[0].detail


def test_round_2021_pays_the_pct_of_2020_and_round_2020_the_first_foreign_filing(demo_db):
    pct = _decision(check(TODAY, 2021), "pct_filing", "PCT/CN2020/078412")
    assert pct.eligible and pct.amount_cny == 10000
    first = _decision(check(TODAY, 2020), "first_overseas_filing", "16/556,201")
    assert first.eligible and first.amount_cny == 20000 and first.office == "US"


def test_round_2024_the_last_funded_one_shows_every_kind_of_grant_decision(demo_db):
    result = check(TODAY, 2024, firm=CODE_A)
    grants = {d.matter: d for d in result.decisions if d.policy == "invention_grant"}
    assert sorted((d.eligible, d.amount_cny) for d in grants.values()) == [(False, 0), (False, 0), (True, 280)]
    failed = sorted(r.criterion for d in grants.values() for r in d.failed)
    assert failed == ["firm_is_first_applicant", "item_not_abnormal"]
    abroad = {d.office: d.amount_cny for d in result.decisions if d.policy == "overseas_grant"}
    assert abroad == {"US": 12300, "EP": 19100}  # half the official fees recorded, under the amounts per office
    assert result.totals[CODE_A].per_policy == {"invention_grant": 280, "overseas_grant": 31400}


def test_listing_all_items_explains_the_co_owned_and_the_abnormal_patents(demo_db):
    result = check(TODAY, 2024, firm=CODE_A, policies=["invention_grant"], scope="all")
    reasons = {d.matter: {r.criterion: r for r in d.reasons} for d in result.decisions}
    co_owned = [m for m, r in reasons.items() if not r["firm_is_first_applicant"].passed]
    assert len(co_owned) == 1 and TSINGHUA in reasons[co_owned[0]]["firm_is_first_applicant"].detail
    assert sum(not r["item_not_abnormal"].passed for r in reasons.values()) == 1


def test_a_recorded_claim_blocks_double_funding_and_is_logged(demo_db):
    first = next(d for d in check(TODAY, 2022).decisions if d.eligible)
    claim_id, changed = claim_decision(first, claimed_on=dt.date(2022, 4, 1))
    assert changed.ids == {"subsidy_claim": {claim_id}}
    assert history("subsidy_claim", claim_id)[0]["action"] == "create"
    again = _decision(check(TODAY, 2022), "invention_grant", first.matter)
    assert not again.eligible and not {r.criterion: r for r in again.reasons}["not_claimed_before"].passed
    with pytest.raises(ValidationError):
        claim_decision(first)
    update_claim(claim_id, status="refused")
    assert _decision(check(TODAY, 2022), "invention_grant", first.matter).eligible
    assert [c["status"] for c in list_claims(CODE_A)] == ["refused"]
    delete_claim(claim_id)
    assert list_claims() == [] and [h["action"] for h in history("subsidy_claim", claim_id)][-1] == "delete"


def test_bad_claims_are_refused_in_plain_words(demo_db):
    with pytest.raises(ValidationError) as caught:
        record_claim(CODE_A, "no_such_policy", 1999, "", amount_cny=-1, status="maybe")
    assert set(caught.value.errors) == {"policy", "round_year", "amount_cny", "status", "matter_no"}
    with pytest.raises(NotFound):
        record_claim("91110108551385082Q", "invention_grant", 2022, "202110344405.7")
    with pytest.raises(NotFound):
        update_claim(999, status="paid")


def test_an_unknown_firm_or_policy_is_a_user_error(demo_db):
    with pytest.raises(NotFound):
        check(TODAY, firm="91110108551385082Q")
    with pytest.raises(NotFound):
        check(TODAY, policies=["no_such_policy"])


def test_a_firm_outside_the_zone_is_told_so(db_path):
    firm_id, _ = create_record("firm", {"name": "北京区外科技有限公司", "credit_code": "91110108551385082Q"})
    create_record("patent", {"application_no": "202010344405.2", "kind": "invention", "title": "一种方法",
                             "filing_date": dt.date(2020, 3, 5), "grant_date": dt.date(2021, 6, 15),
                             "status": "granted", "applicants": "北京区外科技有限公司"}, firm_id=firm_id)
    decision = _decision(check(TODAY, 2022), "invention_grant", "202010344405.2")
    assert not decision.eligible and [r.criterion for r in decision.failed] == ["firm_in_zone"]
