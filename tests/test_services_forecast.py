"""The portfolio cost forecast (services.forecast) against a hand computation from the fee table.

Fee figures: CNIPA annual fees as listed in the WIPO PCT Applicant's Guide, Annex CN.I (in force
from 2024-04-04): invention years 7-9 ¥2,000, 10-12 ¥4,000, 13-15 ¥6,000; utility model years
6-8 ¥1,200, 9-10 ¥2,000. Fee reduction of 85% (the firm pays 15%) for the annual fees of the first
ten years from the grant year (CNIPA fee-reduction rules from 2019-07-01).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import load_workbook

from zgc_desk import services
from zgc_desk.numbers import make_cn_application
from zgc_desk.services.errors import UserError
from zgc_desk.services.forecast import forecast

AS_OF = dt.date(2026, 12, 1)
FIRM_A = {"name": "北京预测科技有限公司", "credit_code": "91110108551385082Q", "zgc_park": "海淀园"}
FIRM_B = {"name": "另一家公司", "credit_code": "914403001922038216"}
INVENTION = make_cn_application(2019, 1, 1001)
UTILITY = make_cn_application(2020, 2, 1002)


@pytest.fixture
def portfolio(db_path):
    firm_a, _ = services.create_record("firm", FIRM_A)
    firm_b, _ = services.create_record("firm", FIRM_B)
    # Invention filed 2019-06-15, fees paid through year 8 (the year-8 fee fell due 2026-06-15).
    services.create_record("patent", {
        "application_no": INVENTION, "kind": "invention", "title": "一种测量方法", "filing_date": "2019-06-15",
        "grant_date": "2022-05-10", "status": "granted", "annuity_paid_through": 8}, firm_id=firm_a)
    # Utility model filed 2020-09-01, granted 2021-03-01, 85% reduction, paid through year 7.
    services.create_record("patent", {
        "application_no": UTILITY, "kind": "utility_model", "title": "一种夹具", "filing_date": "2020-09-01",
        "grant_date": "2021-03-01", "status": "granted", "annuity_paid_through": 7, "fee_reduction_pct": 85},
        firm_id=firm_a)
    services.create_record("trademark", {
        "mark": "预测", "registration_no": "23456789", "nice_classes": "9", "registration_date": "2018-05-14",
        "status": "registered"}, firm_id=firm_b)
    # classes not recorded: its renewal fee (charged per class) is unknown
    services.create_record("trademark", {
        "mark": "未知", "registration_no": "34567890", "registration_date": "2018-06-01",
        "status": "registered"}, firm_id=firm_b)
    return firm_a, firm_b


def _hand_computed() -> dict[int, int]:
    """Year -> yuan, worked out from the fee table by hand (see the module docstring)."""
    invention = {2027: 2000, 2028: 4000, 2029: 4000, 2030: 4000, 2031: 6000}  # patent years 9-13
    utility = {2027: 1200 * 15 // 100, 2028: 2000 * 15 // 100, 2029: 2000 * 15 // 100}  # years 8-10; term ends 2030
    return {year: invention.get(year, 0) + utility.get(year, 0) for year in range(2027, 2032)}


def test_forecast_equals_the_hand_computation_from_the_fee_table(portfolio):
    result = forecast(as_of=AS_OF, firm=FIRM_A["credit_code"], first_year=2027, years=5)
    assert [t.year for t in result.totals] == [2027, 2028, 2029, 2030, 2031]
    assert {t.year: t.amounts.get("CNY", 0) for t in result.totals} == _hand_computed()
    assert result.grand_total().amounts == {"CNY": sum(_hand_computed().values())} == {"CNY": 20780}
    assert all(t.unknown == 0 for t in result.totals)
    # one line per fee: the grace-end rows that repeat a fee are not counted again
    assert sorted((line.matter, line.patent_year) for line in result.lines) == sorted(
        [(INVENTION, y) for y in (9, 10, 11, 12, 13)] + [(UTILITY, y) for y in (8, 9, 10)])
    assert {line.kind for line in result.lines} == {"annuity"}


def test_a_fee_already_paid_or_outside_the_span_is_not_counted(portfolio):
    result = forecast(as_of=AS_OF, firm=FIRM_A["credit_code"], first_year=2026, years=1)
    # 2026: the invention's year 8 is paid; the utility model's year 7 (due 2026-09-01) is paid
    assert result.lines == []
    assert result.totals[0].amounts == {}


def test_a_missed_fee_still_payable_counts_in_the_year_it_fell_due(db_path):
    firm, _ = services.create_record("firm", FIRM_A)
    services.create_record("patent", {
        "application_no": INVENTION, "kind": "invention", "title": "一种测量方法", "filing_date": "2019-06-15",
        "grant_date": "2022-05-10", "status": "granted", "annuity_paid_through": 7}, firm_id=firm)
    result = forecast(as_of=AS_OF, firm=firm, first_year=2026, years=2)
    assert [(line.year, line.patent_year, line.state, line.amount) for line in result.lines] == [
        (2026, 8, "missed", 2000), (2027, 9, "open", 2000)]


def test_unknown_amounts_are_counted_apart_never_as_zero(portfolio):
    result = forecast(as_of=AS_OF, first_year=2027, years=2)
    marks = [line for line in result.lines if line.matter == "23456789"]
    assert [line.kind for line in marks] == ["trademark_renewal"]  # renewal due 2028-05-13, not its grace end
    # one class at the online fee (unverified); the mark without classes has no amount
    assert [(marks[0].amount, marks[0].verified)] == [(450, False)]
    unknown = [line for line in result.lines if line.matter == "34567890"]
    assert [(line.kind, line.amount) for line in unknown] == [("trademark_renewal", None)]
    for total in result.totals:
        lines = [line for line in result.lines if line.year == total.year]
        assert total.count == len(lines)
        assert total.unknown == sum(line.amount is None for line in lines)
        assert total.amounts.get("CNY", 0) == sum(line.amount or 0 for line in lines if line.currency == "CNY")


def test_all_firms_is_the_sum_of_each_firm(portfolio):
    whole = forecast(as_of=AS_OF, first_year=2027, years=5)
    parts = [forecast(as_of=AS_OF, firm=code, first_year=2027, years=5)
             for code in (FIRM_A["credit_code"], FIRM_B["credit_code"])]
    assert sorted(line.record()["matter"] for line in whole.lines) == sorted(
        line.record()["matter"] for part in parts for line in part.lines)
    assert whole.grand_total().amounts == {"CNY": sum(p.grand_total().amounts.get("CNY", 0) for p in parts)}


@pytest.mark.parametrize("years", [0, 11])
def test_a_span_outside_one_to_ten_years_is_refused(portfolio, years):
    with pytest.raises(UserError, match="10"):
        forecast(as_of=AS_OF, first_year=2027, years=years)


def test_a_first_year_far_from_today_is_refused(portfolio):
    with pytest.raises(UserError, match="2090"):
        forecast(as_of=AS_OF, first_year=2090, years=1)


def test_cli_json_has_the_contract_keys(cli, tmp_path, portfolio, db_path):
    run = cli("forecast", "--db", db_path, "--firm", FIRM_A["credit_code"], "--from", "2027", "--years", "5",
              "--as-of", AS_OF.isoformat(), "--json")
    assert run.returncode == 0, run.stderr
    records = json.loads(run.stdout)
    assert len(records) == 8
    for record in records:
        assert {"firm", "matter", "year", "kind", "office", "due", "amount", "currency"} <= set(record)
        assert record["firm"] == FIRM_A["credit_code"] and record["currency"] == "CNY"
        assert dt.date.fromisoformat(record["due"]).year == record["year"]
    assert sum(r["amount"] for r in records) == 20780


def test_cli_table_and_workbook(cli, tmp_path, portfolio, db_path):
    out = tmp_path / "forecast.xlsx"
    run = cli("--lang", "zh_CN", "forecast", "--db", db_path, "--from", "2027", "--years", "5",
              "--as-of", AS_OF.isoformat(), "--out", out)
    assert run.returncode == 0, run.stderr
    # firm A's 20,780 and firm B's one-class renewal, 450; the renewal without classes counted apart
    assert "2031" in run.stdout and "¥21,230" in run.stdout and "1 项金额未知" in run.stdout
    assert "假设" in run.stdout  # the assumptions are said, in Chinese
    wb = load_workbook(out)
    totals = wb.worksheets[0]
    rows = list(totals.iter_rows(min_row=3, max_row=8, values_only=True))
    assert [r[0] for r in rows[:5]] == [2027, 2028, 2029, 2030, 2031]
    mark_renewal = {2028: 450}  # firm B's one-class mark, renewal due 2028-05-13
    assert [r[1] for r in rows[:5]] == [v + mark_renewal.get(y, 0) for y, v in _hand_computed().items()]
    assert rows[5][1] == 21230
    per_record = wb.worksheets[1]
    matters = {row[1] for row in per_record.iter_rows(min_row=2, values_only=True)}
    assert {INVENTION, UTILITY, "23456789"} <= matters


def test_cli_bad_years_is_a_usage_error(cli, db_path):
    run = cli("forecast", "--db", db_path, "--years", "12")
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
