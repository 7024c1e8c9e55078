"""Exchange rates the user enters (issue 14: "totals in CNY only where a rate is entered — never a
made-up rate"): kept per database, undoable, refused plainly when wrong, and used by the Due list's
month headings, the forecast (text and --json) and the session report — and nowhere else.

Fee figures: USPTO small-entity 3.5-year maintenance fee USD 860 (37 CFR 1.20(e), 89 FR 91898, in
force 2025-01-19). The rate 7.1234 is the test's own input (a rate the user typed), not a real quote.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from zgc_desk import services
from zgc_desk.errors import UserError
from zgc_desk.exchange import Rate, conversion_words, convert
from zgc_desk.numbers import make_cn_application
from zgc_desk.operations import undo
from zgc_desk.services.due_list import group_by_month, load_due
from zgc_desk.services.forecast import forecast
from zgc_desk.services.rates import list_rates, remove_rate, set_rate

AS_OF = dt.date(2026, 12, 1)
FIRM = {"name": "北京汇率科技有限公司", "credit_code": "91110108551385082Q"}


@pytest.fixture
def portfolio(db_path):
    firm_id, _ = services.create_record("firm", FIRM)
    # granted 2024-03-08 in the US, small entity: the 3.5-year fee USD 860 falls due 2027-09-08
    services.create_record("overseas", {"office": "US", "application_no": "17/201,554", "route": "direct",
                                        "filing_date": "2021-03-01", "grant_date": "2024-03-08",
                                        "status": "granted", "entity_size": "small"}, firm_id=firm_id)
    # a Chinese invention, fee due 2027-06-15 (year 9, ¥2,000: WIPO PCT Applicant's Guide Annex CN.I)
    services.create_record("patent", {"application_no": make_cn_application(2019, 1, 1001), "kind": "invention", "title": "一种方法",
                                      "filing_date": "2019-06-15", "grant_date": "2022-05-10", "status": "granted",
                                      "annuity_paid_through": 8}, firm_id=firm_id)
    return firm_id


def test_a_rate_is_kept_with_its_date_and_source_and_undone(db_path):
    assert list_rates() == {}
    set_rate("usd", "7.1234", dt.date(2026, 11, 20), "PBOC central parity")
    assert list_rates() == {"USD": Rate("USD", Decimal("7.1234"), dt.date(2026, 11, 20), "PBOC central parity")}
    set_rate("USD", "7.2", dt.date(2026, 11, 27))
    assert list_rates()["USD"].cny_per_unit == Decimal("7.2")
    undo()  # back to the first rate
    assert list_rates()["USD"].cny_per_unit == Decimal("7.1234")
    remove_rate("USD")
    assert list_rates() == {}
    undo()
    assert "USD" in list_rates()


@pytest.mark.parametrize(("currency", "rate", "message"), [
    ("US", "7.1", "three-letter"), ("CNY", "1", "yuan need no rate"), ("USD", "0", "positive"),
    ("USD", "-3", "positive"), ("USD", "abc", "positive"), ("USD", "7.1234567", "6 decimals"),
])
def test_a_bad_rate_is_refused_plainly_and_nothing_changes(db_path, english, currency, rate, message):
    set_rate("EUR", "7.9", dt.date(2026, 11, 20))
    with pytest.raises(UserError, match=message):
        set_rate(currency, rate, dt.date(2026, 11, 20))
    assert list(list_rates()) == ["EUR"]


def test_removing_a_currency_without_a_rate_says_so(db_path, english):
    with pytest.raises(UserError, match="No rate is entered for JPY"):
        remove_rate("JPY")


def test_conversion_adds_only_the_currencies_with_a_rate_and_names_the_rest(english):
    rates = {"USD": Rate("USD", Decimal("7.1234"), dt.date(2026, 11, 20))}
    assert convert(2000, {"EUR": 100}, rates) is None  # nothing convertible: nothing to show
    conversion = convert(2000, {"USD": 860, "EUR": 100}, rates)
    assert conversion.cny == 2000 + 6126  # 860 × 7.1234 = 6126.124
    assert conversion.missing == ("EUR",)
    words = conversion_words(conversion)
    assert "USD 1 = CNY 7.1234 (rate of 2026-11-20)" in words and "EUR" in words


def test_forecast_totals_and_json_gain_the_yuan_only_with_a_rate(portfolio, english):
    before = forecast(as_of=AS_OF, firm=portfolio)
    year_2027 = next(t for t in before.totals if t.year == 2027)
    assert year_2027.amounts == {"CNY": 2000, "USD": 860}
    assert before.converted(year_2027) is None
    assert all("amount_cny_converted" not in r for r in before.records())

    set_rate("USD", "7.1234", dt.date(2026, 11, 20))
    after = forecast(as_of=AS_OF, firm=portfolio)
    total = after.converted(next(t for t in after.totals if t.year == 2027))
    assert total.cny == 2000 + 6126 and total.used[0].as_of == dt.date(2026, 11, 20)
    us = [r for r in after.records() if r["currency"] == "USD"]
    assert [(r["amount"], r["amount_cny_converted"], r["rate_cny"], r["rate_as_of"]) for r in us] == [
        (860, 6126, "7.1234", "2026-11-20")]
    cn = [r for r in after.records() if r["currency"] == "CNY"]
    assert cn and all("amount_cny_converted" not in r for r in cn)  # yuan need no conversion


def test_due_list_month_heading_names_the_rate(portfolio, english):
    set_rate("USD", "7.1234", dt.date(2026, 11, 20), "PBOC")
    data = load_due("all", as_of=dt.date(2027, 8, 1), firm_id=portfolio)
    groups = group_by_month([d for d in data.deadlines if d.kind == "annuity" and d.due.year == 2027
                             and d.due.month == 9], rates=data.rates)
    heading = groups[0].fee_heading()
    assert "$860.00" in heading and "≈ CN¥6,126.00 in all" in heading and "rate of 2026-11-20" in heading
    plain = group_by_month(groups[0].deadlines)[0].fee_heading()  # no rates given: per currency only
    assert "≈" not in plain and "$860.00" in plain


def test_the_command_line_sets_lists_and_uses_a_rate(cli, tmp_path):
    db = tmp_path / "rates.db"
    assert cli("demo", "--db", db, "--as-of", "2026-11-25").returncode == 0
    bad = cli("rates", "set", "USD", "seven", "--db", db, "--lang", "en")
    assert bad.returncode == 1 and "Rate:" in bad.stderr and "Traceback" not in bad.stderr
    done = cli("rates", "set", "USD", "7.1234", "--as-of", "2026-11-20", "--source", "PBOC", "--db", db, "--lang", "en")
    assert done.returncode == 0, done.stderr
    listed = json.loads(cli("rates", "--json", "--db", db).stdout)
    assert listed == [{"currency": "USD", "rate_cny": "7.1234", "as_of": "2026-11-20", "source": "PBOC"}]
    shown = cli("forecast", "--db", db, "--as-of", "2026-11-25", "--lang", "en")
    assert shown.returncode == 0, shown.stderr
    assert "converted at your rates: USD 1 = CNY 7.1234 (rate of 2026-11-20)" in shown.stdout
    records = json.loads(cli("forecast", "--json", "--db", db, "--as-of", "2026-11-25").stdout)
    us = [r for r in records if r["currency"] == "USD" and r["amount"] is not None]
    assert us and all(r["rate_as_of"] == "2026-11-20" and r["amount_cny_converted"] ==
                      int((Decimal(r["amount"]) * Decimal("7.1234")).quantize(Decimal(1), "ROUND_HALF_UP"))
                      for r in us)
    assert all("amount_cny_converted" not in r for r in records if r["currency"] not in ("USD",))
    assert cli("undo", "--db", db).returncode == 0
    assert json.loads(cli("rates", "--json", "--db", db).stdout) == []
