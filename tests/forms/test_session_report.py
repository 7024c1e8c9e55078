"""The advisor's session report: its content from the database and the engines, and its PDF."""

from __future__ import annotations

import datetime as dt

from zgc_desk.dates import add_months
from zgc_desk.demo import FIRM_A
from zgc_desk.i18n import _, format_money
from zgc_desk.models import Patent
from zgc_desk.services.deadlines import list_deadlines
from zgc_desk.services.documents import build_session_report, session_report
from zgc_desk.services.records import find_firm
from zgc_desk.services.subsidies import check

from .conftest import AS_OF, pdf_fonts, pdf_text, render_png


def _squeeze(text: str) -> str:
    return "".join(text.split())


def test_portfolio_counts_match_the_database(code_a):
    report = build_session_report(code_a, AS_OF)
    firm = find_firm(code_a)
    inventions = Patent.select().where((Patent.firm == firm) & (Patent.kind == "invention"))
    first = report.kinds[0]
    assert first.total == inventions.count()
    assert sum(n for _label, n in first.by_status) == first.total
    assert dict(first.by_status)["有效"] == inventions.where(Patent.status == "granted").count()
    assert [y.year for y in report.years] == list(range(AS_OF.year - 9, AS_OF.year + 1))
    granted_2021 = Patent.select().where((Patent.firm == firm) & (Patent.grant_date.year == 2021)).count()
    assert next(y for y in report.years if y.year == 2021).granted == granted_2021


def test_deadlines_cover_the_next_180_days_and_overdue_ones(code_a):
    report = build_session_report(code_a, AS_OF)
    assert report.deadlines
    assert all(line.due <= AS_OF + dt.timedelta(days=180) for line in report.deadlines)
    expected = list_deadlines(as_of=AS_OF, firm=code_a, start=AS_OF, end=AS_OF + dt.timedelta(days=180),
                              states={"open", "missed"})
    assert {d.matter for d in expected} <= {line.matter for line in report.deadlines}
    assert any(line.overdue for line in report.deadlines)  # the demo's annual fee in its grace period


def test_subsidies_now_and_what_blocks_them(code_a):
    report = build_session_report(code_a, AS_OF)
    result = check(AS_OF, AS_OF.year, firm=code_a)
    now = [d for d in result.decisions if d.eligible]
    assert [(line.matter, line.amount_cny) for line in report.claimable] == [
        (f"{d.office} {d.matter}".strip() if d.office not in ("CN", "WO") else d.matter, d.amount_cny) for d in now]
    assert report.claimable_total == sum(d.counted_cny for d in now)  # an alternative counted once
    closed = [p for p in result.policies if not p.available]
    assert closed  # patent supports ended before 2025 (国知发保字〔2021〕1号)
    for standing in closed:
        assert any(line.reason == standing.unavailable_reason for line in report.blocked)


def test_report_pdf_in_chinese_by_default(code_a, tmp_path):
    path = session_report(code_a, tmp_path / "report.pdf", AS_OF)
    text = _squeeze(pdf_text(path))
    assert FIRM_A in text and code_a in text
    assert "2026年11月25日" in text
    assert _squeeze(_("IP session report")) in text and "知识产权" in text
    assert "国家/地区" in text  # the column of the deadlines' and subsidies' offices: a country, not 局
    report = build_session_report(code_a, AS_OF)
    for line in report.deadlines[:5]:
        assert _squeeze(line.matter) in text
    late = [line for line in report.deadlines if line.surcharge_cny]
    assert late and f"¥{late[0].surcharge_cny:,.2f}" in text and "滞纳" in text  # an overdue fee shows its surcharge
    # (the words wrap inside the narrow fee cell, so they are looked for apart)
    assert all(font["emb"] == "yes" for font in pdf_fonts(path))
    assert render_png(path, tmp_path).stat().st_size > 10_000


def test_report_follows_the_interface_language(code_a, tmp_path, english):
    path = session_report(code_a, tmp_path / "report.pdf", AS_OF)
    text = pdf_text(path)
    assert "IP session report" in text and "Deadlines in the next 180 days" in text
    assert FIRM_A in text


def test_fee_total_counts_each_fee_once(code_a, tmp_path):
    """Issue 14 item 5: an overdue annual fee is listed on its due date (missed, with the surcharge so
    far) and on its grace-end date (with the top surcharge); the 已知官费 total adds the fee once, on
    the due-date line (Implementing Regulations Art. 115: one fee, payable late with a surcharge)."""
    listed = list_deadlines(as_of=AS_OF, firm=code_a, start=add_months(AS_OF, -6),
                            end=AS_OF + dt.timedelta(days=180), states={"open", "missed"})
    grace = [d for d in listed if d.kind.endswith("_grace_end") and d.amount_cny is not None]
    assert grace, "the demo has an annual fee in its grace period"
    for d in grace:  # its due-date line is listed too, with the same fee
        assert any(o.kind == "annuity" and (o.matter, o.year) == (d.matter, d.year) for o in listed)
    # the demo's notices: a restoration window backs up an answer still due, its fee owed only if the
    # answer is missed, so it is no fee to pay (not in the total), as a grace row is no second fee
    yuan = [d for d in listed if d.currency == "CNY" and d.kind != "notice_restoration"]
    distinct = sum((d.amount_cny or 0) + (d.surcharge_cny or 0) for d in yuan if not d.kind.endswith("_grace_end"))
    counted_twice = distinct + sum(d.amount_cny + (d.surcharge_cny or 0) for d in grace if d.currency == "CNY")
    text = _squeeze(pdf_text(session_report(code_a, tmp_path / "report.pdf", AS_OF)))
    assert "已知官费合计" + _squeeze(format_money(distinct)) in text
    assert _squeeze(format_money(counted_twice)) not in text
    assert build_session_report(code_a, AS_OF).fees_total == distinct


def test_a_foreign_fee_is_shown_in_its_currency_and_never_added_to_the_yuan_total(code_a, tmp_path):
    """Issue 14, Overseas: the demo's US patent granted 2023-05-16 owes the fee due at 3.5 years
    (2026-11-16, 35 U.S.C. 41(b)), small entity 860 USD + 216 USD surcharge (37 CFR 1.20(e), (h));
    the report's 已知官费合计 stays in yuan and names the dollars apart."""
    report = build_session_report(code_a, AS_OF)
    us = [line for line in report.deadlines if line.office == "US" and line.currency == "USD" and line.in_total]
    assert us and us[0].amount_cny == 860 and us[0].surcharge_cny == 216
    yuan = sum((line.amount_cny or 0) + (line.surcharge_cny or 0) for line in report.deadlines
               if line.in_total and line.currency == "CNY")
    assert report.fees_total == yuan
    assert report.foreign_fees_total["USD"] == sum(line.amount_cny + (line.surcharge_cny or 0) for line in us)
    text = _squeeze(pdf_text(session_report(code_a, tmp_path / "report.pdf", AS_OF)))
    assert _squeeze(format_money(yuan)) in text and _squeeze(format_money(1076, "USD")) in text
    assert _squeeze(format_money(yuan + 1076)) not in text


def test_with_a_rate_entered_the_fee_total_also_shows_yuan_at_that_rate_and_names_it(code_a, tmp_path, english):
    """Issue 14: totals in CNY only where a rate is entered. The demo's US fee (860 + 216 USD, as
    above) at the user's rate 7.1234 of 2026-11-20 (the test's own input): 1076 × 7.1234 = 7664.78
    → ¥7,665 added to the yuan total, the rate and its date named; without a rate nothing converts."""
    from zgc_desk.services.rates import set_rate

    without = build_session_report(code_a, AS_OF)
    assert without.fees_converted is None
    set_rate("USD", "7.1234", dt.date(2026, 11, 20), "PBOC central parity")
    report = build_session_report(code_a, AS_OF)
    assert report.foreign_fees_total == {"USD": 1076}
    assert report.fees_converted.cny == report.fees_total + 7665
    text = _squeeze(pdf_text(session_report(code_a, tmp_path / "report.pdf", AS_OF)))
    assert _squeeze(format_money(report.fees_total + 7665)) in text
    assert _squeeze("converted at your rates: USD 1 = CNY 7.1234 (rate of 2026-11-20)") in text


def test_fees_ahead_are_the_forecast_of_the_next_five_years(code_a, tmp_path):
    """The budget holder's section: the forecast's own yearly totals (services.forecast), unknown fees
    counted apart, never as zero; the PDF shows each year and the CNY total."""
    from zgc_desk.services.forecast import forecast

    report = build_session_report(code_a, AS_OF)
    expected = forecast(as_of=AS_OF, firm=code_a, years=5)
    assert [f.year for f in report.fees_ahead] == list(range(AS_OF.year, AS_OF.year + 5))
    assert [f.amounts for f in report.fees_ahead] == [t.amounts for t in expected.totals]
    assert [f.unknown for f in report.fees_ahead] == [t.unknown for t in expected.totals]
    by_year: dict[int, int] = {}
    for line in expected.lines:
        if line.amount is not None and line.currency == "CNY":
            by_year[line.year] = by_year.get(line.year, 0) + line.amount
    assert {f.year: f.amounts.get("CNY", 0) for f in report.fees_ahead if f.amounts.get("CNY")} == by_year
    assert sum(by_year.values()) > 0  # the demo firm has annual fees ahead

    text = _squeeze(pdf_text(session_report(code_a, tmp_path / "report.pdf", AS_OF)))
    assert "三、未来5年的官费" in text and "四、现在可申领的资金" in text
    busiest = max(report.fees_ahead, key=lambda f: f.amounts.get("CNY", 0))
    assert _squeeze(format_money(busiest.amounts["CNY"])) in text


def test_fees_ahead_say_what_the_decisions_to_drop_save(code_a, tmp_path):
    from zgc_desk import services
    from zgc_desk.services.forecast import forecast

    patent = Patent.get((Patent.firm == find_firm(code_a)) & (Patent.status == "granted"))
    services.update_record("patent", patent.id, {"drop_from": dt.date(2027, 1, 1)})
    report = build_session_report(code_a, AS_OF)
    result = forecast(as_of=AS_OF, firm=code_a, years=5)
    assert report.rights_dropped == 1
    assert report.fees_saved["CNY"] == sum(line.amount for line in result.dropped if line.amount)
    text = _squeeze(pdf_text(session_report(code_a, tmp_path / "report.pdf", AS_OF)))
    assert "放弃1项权利的决定" in text and _squeeze(format_money(report.fees_saved["CNY"])) in text
