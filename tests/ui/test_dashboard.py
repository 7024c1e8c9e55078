"""The firm dashboard through the real window on the demo database: its figures are those of the
lists behind it, and its links lead there."""

from __future__ import annotations

import datetime as dt

from ui_helpers import wait_idle

from zgc_desk.models import Firm
from zgc_desk.services.dashboard import RISK_DAYS, firm_dashboard
from zgc_desk.services.due_list import load_due, select_view

DEMO_ANCHOR = dt.date(2026, 11, 25)


def _window(make_window):
    from zgc_desk.ui.contrib import dashboard

    return make_window(contributions=[dashboard])


def _shown(qtbot, window):
    window.show_page("dashboard")
    page = window.pages["dashboard"]
    qtbot.waitUntil(lambda: page.data is not None and page.data.firm_id == window.ctx.firm_id, timeout=10000)
    return page


def test_the_dashboard_is_the_first_page(demo_db, make_window):
    window = _window(make_window)
    assert window.tabs.widget(0) is window.pages["dashboard"]


def test_at_risk_lists_what_the_due_list_has_missed_or_due_within_the_month(qtbot, demo_db, make_window):
    window = _window(make_window)
    page = _shown(qtbot, window)
    data = page.data
    todo = select_view(load_due("coming", as_of=DEMO_ANCHOR, firm_id=data.firm_id), "coming", DEMO_ANCHOR)
    expected = {(d.kind, d.matter, d.due) for d in todo if d.kind not in ("subsidy_window", "notice_response")
                and not d.is_idle_backup(DEMO_ANCHOR)
                and (d.state == "missed" or (d.due - DEMO_ANCHOR).days <= RISK_DAYS)}
    assert {(d.kind, d.matter, d.due) for d in data.at_risk} == expected
    assert data.at_risk, "the demo has a missed annual fee"
    assert data.at_risk_fees.amounts["CNY"] == sum((d.amount_cny or 0) + (d.surcharge_cny or 0)
                                                   for d in data.at_risk if d.kind == "annuity" and d.currency == "CNY")
    # the demo's missed US maintenance fee stays in dollars (35 U.S.C. 41(b); 37 CFR 1.20(e), (h))
    assert data.at_risk_fees.amounts["USD"] == 860 + 216
    text = page.sections["risk"].text()
    assert data.at_risk[0].matter in text and "¥" in text


def test_a_deadline_link_opens_its_record(qtbot, demo_db, make_window):
    window = _window(make_window)
    page = _shown(qtbot, window)
    target = next(d for d in page.data.at_risk if d.matter_kind == "patent")
    page.follow(f"rec:patent:{target.matter_id}:{target.firm_id}")
    wait_idle(qtbot, window)
    assert window.current_page_key() == "patents"
    qtbot.waitUntil(lambda: window.pages["patents"].selected_ids() == [target.matter_id], timeout=5000)


def test_the_forecast_chart_holds_the_next_five_years(qtbot, demo_db, make_window):
    window = _window(make_window)
    page = _shown(qtbot, window)
    assert [t.year for t in page.chart.totals] == [2026, 2027, 2028, 2029, 2030]
    fresh = firm_dashboard(page.data.firm_id, DEMO_ANCHOR)
    assert [t.amounts for t in page.chart.totals] == [t.amounts for t in fresh.forecast.totals]


def test_every_firm_has_a_dashboard(demo_db):
    for firm in Firm.select():
        data = firm_dashboard(firm.id, DEMO_ANCHOR)
        assert data.firm_name == firm.name
        assert data.fees_ahead.count >= len([d for d in data.at_risk if d.kind == "annuity"])


def test_a_decision_to_drop_shows_its_saving_on_the_dashboard(qtbot, demo_db, make_window):
    """Keep-or-drop (issue 17 item 3): a patent whose fees stop from 2027 leaves the forecast chart, and
    the fee box says what the decision saves — the forecast's own dropped fees."""
    from zgc_desk import services
    from zgc_desk.i18n import format_money
    from zgc_desk.models import Patent

    window = _window(make_window)
    patent = Patent.get(Patent.firm == window.ctx.firm_id, Patent.status == "granted")
    services.update_record("patent", patent.id, {"drop_from": dt.date(2027, 1, 1), "drop_reason": "不再实施"})
    page = _shown(qtbot, window)
    page.refresh()
    qtbot.waitUntil(lambda: page.data is not None and page.data.dropped_rights == 1, timeout=10000)
    saved = page.data.saved.amounts["CNY"]
    assert saved == sum(line.amount for line in page.data.forecast.dropped if line.amount)
    assert saved > 0 and all(line.matter_id == patent.id for line in page.data.forecast.dropped)
    text = page.sections["fees"].text()
    assert "放弃1项权利的决定" in text and format_money(saved, "CNY") in text
    # the chart: the portfolio without the decision, its saved part drawn pale on top of each bar
    from zgc_desk.ui.dashboard.chart import SAVED

    assert page.chart.saved == {t.year: t.amounts["CNY"] for t in page.data.forecast.saved if t.amounts.get("CNY")}
    assert sum(page.chart.saved.values()) == saved and "浅色" in page.chart.caption()
    assert _pixels(page.chart, SAVED) > 0
    services.update_record("patent", patent.id, {"drop_from": None})
    page.refresh()
    qtbot.waitUntil(lambda: page.data is not None and page.data.dropped_rights == 0 and not window.ctx.tasks.busy,
                    timeout=10000)
    assert page.chart.saved == {} and _pixels(page.chart, SAVED) == 0


def _pixels(widget, colour) -> int:
    image = widget.grab().toImage()
    return sum(image.pixelColor(x, y) == colour for x in range(0, image.width(), 2)
               for y in range(0, image.height(), 2))


def test_the_forecast_exports_to_excel_from_the_dashboard(qtbot, demo_db, make_window, tmp_path):
    """Issue 17 item 2: the firm's 10-year forecast, written from the fee box's link; its yearly
    totals are the forecast's own, read back with openpyxl."""
    from openpyxl import load_workbook

    from zgc_desk.services.forecast import forecast

    window = _window(make_window)
    page = _shown(qtbot, window)
    window.ctx.dialogs.files_to_save.append(tmp_path / "forecast")  # no suffix: .xlsx is added
    assert "导出为 Excel" in page.sections["fees"].text()
    page.follow("export:forecast")
    out = tmp_path / "forecast.xlsx"
    qtbot.waitUntil(lambda: out.exists() and not window.ctx.tasks.busy, timeout=20000)
    expected = forecast(as_of=DEMO_ANCHOR, firm=page.data.firm_id, first_year=2026, years=10)
    totals = load_workbook(out).worksheets[0]
    years = {row[0]: row[1] for row in totals.iter_rows(min_row=3, values_only=True) if isinstance(row[0], int)}
    assert sorted(years) == list(range(2026, 2036))
    assert years == {t.year: t.amounts.get("CNY", 0) for t in expected.totals}
    assert any(years.values())
    assert window.ctx.dialogs.asked and "forecast.xlsx" in window.ctx.dialogs.asked[-1]


def test_the_standing_against_the_zone_plan_links_to_the_subsidies_page(qtbot, demo_db, make_window):
    from zgc_desk.ui.contrib import dashboard, subsidies

    window = make_window(contributions=[dashboard, subsidies])
    page = _shown(qtbot, window)
    text = page.sections["portfolio"].text()
    assert page.data.standing
    for standing in page.data.standing:
        assert f'<a href="page:subsidies">{standing.label}</a>' in text
    page.follow("page:subsidies")
    assert window.current_page_key() == "subsidies"
