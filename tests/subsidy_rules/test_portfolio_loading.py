"""The portfolio the subsidy engine is given, read by ``load_portfolio``, is exactly what the
previous loader (kept below, as it was, for reference) read: on the demo database, on a synthetic
one, and on rows with the unusual values a database may hold (empty dates, lists split on ；, a
repeated application number)."""

from __future__ import annotations

import datetime as dt
import inspect
from dataclasses import FrozenInstanceError, fields

import pytest

from benchmarks.synthetic import generate
from zgc_desk.demo import CODE_A
from zgc_desk.models import (
    Firm,
    OverseasFiling,
    Patent,
    PCTApplication,
    PledgeLoan,
    SubsidyClaim,
    Trademark,
    database,
    split_list,
)
from zgc_desk.services.subsidies import load_portfolio, record_claim
from zgc_desk.subsidy_rules.facts import ClaimFacts, FirmFacts, ItemFacts, Portfolio, new_item

pytestmark = pytest.mark.both_databases


# ---- the loader before issue 12, unchanged but for its names ---------------------------------

def _where_firm(model, firm_id: int | None):
    query = model.select()
    return query if firm_id is None else query.where(model.firm == firm_id)


def _rows(query, *date_columns: int):
    """Raw rows of a query, with the given columns turned into dates.

    Bypasses peewee's per-value converters, which cost seconds on 100,000 patents; SQLite holds
    dates as ISO text, which ``date.fromisoformat`` reads directly.
    """
    to_date = dt.date.fromisoformat
    for row in database.execute(query):
        if date_columns:
            row = list(row)
            for index in date_columns:
                if row[index]:
                    row[index] = to_date(str(row[index])[:10])
        yield row


def _names(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    if ";" not in text and "；" not in text:
        return (text.strip(),)
    return tuple(split_list(text))


def reference_portfolio(firm_id: int | None = None) -> Portfolio:
    """The facts of one firm (or all firms), in bulk queries."""
    firm_query = Firm.select(Firm.id, Firm.credit_code, Firm.name, Firm.zgc_park, Firm.is_sme, Firm.is_hnte,
                             Firm.hnte_valid_until, Firm.blacklisted, Firm.revenue_cny)
    if firm_id is not None:
        firm_query = firm_query.where(Firm.id == firm_id)
    code_of, firms = {}, {}
    for fid, code, name, park, sme, hnte, hnte_until, black, revenue in _rows(firm_query, 6):
        code_of[fid] = code
        firms[code] = FirmFacts(code, name, park or "", bool(sme), bool(hnte), hnte_until, bool(black), revenue)
    items: list[ItemFacts] = []
    titles = _patents(firm_id, code_of, items)
    pct_titles = _pcts(firm_id, code_of, items)
    _overseas(firm_id, code_of, items, titles, pct_titles)
    _trademarks(firm_id, code_of, items)
    _pledge_loans(firm_id, code_of, items)
    return Portfolio(firms, items, _claims(firm_id, code_of))


def _patents(firm_id, code_of, items) -> dict[str, str]:
    titles = {}
    query = _where_firm(Patent, firm_id).select(
        Patent.firm, Patent.application_no, Patent.kind, Patent.title, Patent.applicants, Patent.filing_date,
        Patent.grant_date, Patent.grant_no, Patent.status, Patent.abnormal, Patent.official_fees_cny,
        Patent.fee_reduction_pct)
    for fid, number, kind, title, applicants, filed, granted, grant_no, status, abnormal, fees, reduction in _rows(
            query, 5, 6):
        titles[number] = title
        items.append(ItemFacts("cn_patent", code_of[fid], number, "CN", kind, title, _names(applicants),
                               filing_date=filed, grant_date=granted, grant_no=grant_no or "", status=status,
                               abnormal=bool(abnormal), family=number, official_fees_cny=fees,
                               fee_reduction_pct=reduction or 0))
    return titles


def _pcts(firm_id, code_of, items) -> dict[str, str]:
    titles = {}
    query = _where_firm(PCTApplication, firm_id).select(
        PCTApplication.firm, PCTApplication.pct_no, PCTApplication.title, PCTApplication.applicants,
        PCTApplication.intl_filing_date, PCTApplication.isr_date, PCTApplication.cn_priority_no)
    for fid, number, title, applicants, filed, isr, priority_no in _rows(query, 4, 5):
        titles[number] = title
        items.append(ItemFacts("pct", code_of[fid], number, "WO", "invention", title, _names(applicants),
                               filing_date=filed, isr_date=isr, family=priority_no or number))
    return titles


def _overseas(firm_id, code_of, items, titles, pct_titles) -> None:
    query = _where_firm(OverseasFiling, firm_id).select(
        OverseasFiling.firm, OverseasFiling.office, OverseasFiling.application_no, OverseasFiling.kind,
        OverseasFiling.applicants, OverseasFiling.filing_date, OverseasFiling.grant_date, OverseasFiling.grant_no,
        OverseasFiling.status, OverseasFiling.pct_no, OverseasFiling.cn_application_no,
        OverseasFiling.official_fees_cny)
    for fid, office, number, kind, applicants, filed, granted, grant_no, status, pct_no, cn_no, fees in _rows(
            query, 5, 6):
        family = pct_no or cn_no or f"{office} {number}"
        title = pct_titles.get(pct_no, "") or titles.get(cn_no, "")
        items.append(ItemFacts("overseas", code_of[fid], number, office, kind or "invention", title,
                               _names(applicants), filing_date=filed, grant_date=granted,
                               grant_no=grant_no or "", status=status, family=family, official_fees_cny=fees))


def _trademarks(firm_id, code_of, items) -> None:
    query = _where_firm(Trademark, firm_id).select(
        Trademark.firm, Trademark.mark, Trademark.registration_no, Trademark.filing_date,
        Trademark.registration_date, Trademark.madrid_no, Trademark.designations, Trademark.status)
    for fid, mark, number, filed, registered, madrid_no, designations, status in _rows(query, 3, 4):
        code = code_of[fid]
        items.append(ItemFacts("trademark", code, number, "CN", "trademark", mark, filing_date=filed,
                               registration_date=registered, status=status, family=number))
        if madrid_no:
            for office in split_list(designations):
                items.append(ItemFacts("madrid_designation", code, madrid_no, office, "trademark", mark,
                                       filing_date=filed, registration_date=registered, madrid_no=madrid_no,
                                       status=status, family=madrid_no))


def _pledge_loans(firm_id, code_of, items) -> None:
    query = _where_firm(PledgeLoan, firm_id).select(
        PledgeLoan.firm, PledgeLoan.loan_no, PledgeLoan.lender, PledgeLoan.lender_type, PledgeLoan.principal_cny,
        PledgeLoan.ip_share_pct, PledgeLoan.annual_rate_pct, PledgeLoan.start_date, PledgeLoan.maturity_date,
        PledgeLoan.settled_on, PledgeLoan.interest_paid_cny, PledgeLoan.valuation_fee_cny, PledgeLoan.guarantee_fee_cny,
        PledgeLoan.insurance_fee_cny, PledgeLoan.other_cost_cny, PledgeLoan.pledge_registered_on,
        PledgeLoan.pledge_registration_no, PledgeLoan.pledged)
    for (fid, number, lender, lender_type, principal, share, rate, start, maturity, settled, interest, valuation,
         guarantee, insurance, other, registered, registration_no, pledged) in _rows(query, 7, 8, 9, 15):
        items.append(ItemFacts(
            "pledge_loan", code_of[fid], number, "", "pledge_loan", lender, family=number, lender=lender,
            lender_type=lender_type or "bank", principal_cny=principal, ip_share_pct=share or 100,
            annual_rate_pct=rate, start_date=start, maturity_date=maturity, settled_on=settled,
            interest_paid_cny=interest, valuation_fee_cny=valuation, guarantee_fee_cny=guarantee,
            insurance_fee_cny=insurance, other_cost_cny=other, pledge_registered_on=registered,
            pledge_registration_no=registration_no or "", pledged=tuple(split_list(pledged))))


def _claims(firm_id, code_of) -> list[ClaimFacts]:
    query = _where_firm(SubsidyClaim, firm_id).select(
        SubsidyClaim.firm, SubsidyClaim.policy, SubsidyClaim.round_year, SubsidyClaim.matter_no, SubsidyClaim.office,
        SubsidyClaim.amount_cny, SubsidyClaim.status)
    return [ClaimFacts(code_of[fid], policy, year, number, office or "", amount or 0, status)
            for fid, policy, year, number, office, amount, status in _rows(query)]


# ---- the comparison ----------------------------------------------------------------------------

def _values(facts) -> tuple:
    """Every field with its type: a date must stay a date, an empty text an empty text."""
    return tuple((type(getattr(facts, f.name)), getattr(facts, f.name)) for f in fields(facts))


def _assert_same(firm_id=None):
    new, old = load_portfolio(firm_id), reference_portfolio(firm_id)
    assert list(new.firms) == list(old.firms)
    assert [_values(f) for f in new.firms.values()] == [_values(f) for f in old.firms.values()]
    assert [_values(i) for i in new.items] == [_values(i) for i in old.items]
    assert [_values(c) for c in new.claims] == [_values(c) for c in old.claims]
    return new


def test_the_demo_portfolio_reads_as_before(demo_db):
    record_claim(CODE_A, "invention_grant", 2025, "202110344405.7", "CN", 1000, status="paid")
    record_claim(CODE_A, "pct_filing", 2021, "PCT/CN2021/075891", "", 0, status="refused")
    portfolio = _assert_same()
    assert {item.source for item in portfolio.items} >= {"cn_patent", "pct", "overseas", "trademark",
                                                         "madrid_designation", "pledge_loan"}
    assert portfolio.claims
    for (firm_id,) in Firm.select(Firm.id).tuples():
        _assert_same(firm_id)


def test_a_synthetic_portfolio_reads_as_before(db_path):
    generate(db_path, 500, n_firms=7, seed=3)
    assert Patent.select().count() == 500
    _assert_same()
    _assert_same(Firm.select(Firm.id).order_by(Firm.id.desc()).scalar())


@pytest.mark.sqlite_only
def test_unusual_stored_values_read_as_before(demo_db):
    """What SQLite lets a hand-edited or old database hold: lists split on the full-width ；with
    blanks, an empty date text, a date with a time, an application number in two firms (its title:
    the last one read)."""
    first, second = [pid for (pid,) in Patent.select(Patent.id).order_by(Patent.id).limit(2).tuples()]
    third = Patent.select(Patent.id).where(Patent.firm != Patent.get_by_id(first).firm_id).scalar()
    for sql, params in (
            ("UPDATE patent SET applicants = ? WHERE id = ?", ("甲公司；乙公司; 丙 ;；", first)),
            ("UPDATE patent SET applicants = ?, grant_date = ? WHERE id = ?", ("  丁公司  ", "", second)),
            ("UPDATE patent SET filing_date = ?, application_no = (SELECT application_no FROM patent WHERE id = ?),"
             " title = ? WHERE id = ?", ("2021-03-04 10:11:12", first, "另一个名称", third)),
            ("UPDATE firm SET hnte_valid_until = ?", ("2027-01-01",)),
            ("UPDATE trademark SET designations = ?, madrid_no = ?", ("US；EM; ;JP", "1234567")),
            ("UPDATE overseas_filing SET kind = '', grant_date = ''", ())):
        database.execute_sql(sql, params)
    portfolio = _assert_same()
    assert ("甲公司", "乙公司", "丙") in {item.applicants for item in portfolio.items}


def test_new_item_takes_the_arguments_of_item_facts_and_builds_the_same_item():
    own = list(inspect.signature(ItemFacts).parameters.values())
    direct = list(inspect.signature(new_item).parameters.values())
    assert [(p.name, p.kind, p.default) for p in direct] == [(p.name, p.kind, p.default) for p in own]
    every = {f.name: f"value of {f.name}" for f in fields(ItemFacts)}
    for args, kwargs in ((("cn_patent", "F", "N"), {}), ((), every), (("pct", "F", "N", "WO"), {"isr_date": None})):
        made, expected = new_item(*args, **kwargs), ItemFacts(*args, **kwargs)
        assert type(made) is ItemFacts and _values(made) == _values(expected) and hash(made) == hash(expected)
    with pytest.raises(FrozenInstanceError):
        made.status = "granted"
