"""The firm dashboard page: at risk now, the next 90 days, notices awaiting an answer, money to claim,
the fees of the next 12 months with the forecast chart, the portfolio and its standing — each line a
link to the record or the list behind it. The figures are ``services.dashboard``'s; this only shows."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from zgc_desk import vocab
from zgc_desk.i18n import _, format_date, format_money, ngettext
from zgc_desk.services.dashboard import (
    FEE_MONTHS,
    NEAR_DAYS,
    RISK_DAYS,
    Money,
    export_forecast_workbook,
    firm_dashboard,
)
from zgc_desk.services.due_list import days_left, what_label
from zgc_desk.services.forecast import MAX_YEARS
from zgc_desk.ui.dashboard.chart import ForecastChart
from zgc_desk.ui.navigation import go_to_page, go_to_record
from zgc_desk.ui.pages.base import Page
from zgc_desk.ui.pages.profile import PORTFOLIO

SHOWN = 8  # lines per section; the link to the list shows the rest


def money_text(money: Money) -> str:
    parts = [format_money(amount, currency) for currency, amount in
             sorted(money.amounts.items(), key=lambda item: (item[0] != "CNY", item[0]))]
    text = "; ".join(parts) or format_money(0)
    if money.unknown:
        text += " " + ngettext("(+{count} fee of unknown amount)", "(+{count} fees of unknown amount)",
                               money.unknown).format(count=money.unknown)
    return text


def deadline_line(d, as_of) -> str:
    link = f"rec:{d.matter_kind}:{d.matter_id}:{d.firm_id}"
    days = days_left(d, as_of)
    when = (ngettext("{count} day overdue", "{count} days overdue", -days).format(count=-days) if days < 0
            else ngettext("in {count} day", "in {count} days", days).format(count=days))
    amount = ""
    if d.amount_cny is not None:
        amount = " · " + format_money(d.amount_cny + (d.surcharge_cny or 0), d.currency or "CNY")
    return (f'<a href="{link}">{html.escape(d.matter)}</a> {html.escape(what_label(d))} — '
            f'{format_date(d.due)} ({when}){amount}')


def lines_html(items: list[str], empty: str, more_link: str = "", more: int = 0) -> str:
    if not items:
        return f"<i>{html.escape(empty)}</i>"
    text = "<br>".join(items[:SHOWN])
    rest = len(items) - SHOWN if len(items) > SHOWN else more
    if rest > 0 and more_link:
        text += "<br>" + f'<a href="{more_link}">' + html.escape(
            ngettext("… and {count} more on the Due list", "… and {count} more on the Due list", rest).format(
                count=rest)) + "</a>"
    return text


class DashboardPage(Page):
    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.firm_id: int | None = None
        self.data = None
        self._task = None
        self._stale = False
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        scroll.setWidget(body)
        QVBoxLayout(self).addWidget(scroll)
        grid = QGridLayout(body)
        grid.setContentsMargins(16, 12, 16, 12)
        self.heading = QLabel(body)
        grid.addWidget(self.heading, 0, 0, 1, 2)
        self.sections: dict[str, QLabel] = {}
        self.boxes: dict[str, QGroupBox] = {}
        for key, row, column in (("risk", 1, 0), ("near", 2, 0), ("notices", 3, 0),
                                 ("money", 1, 1), ("fees", 2, 1), ("portfolio", 3, 1)):
            box = QGroupBox(body)
            label = QLabel(box)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            label.linkActivated.connect(self.follow)
            layout = QVBoxLayout(box)
            layout.addWidget(label)
            if key == "fees":
                self.chart = ForecastChart(box)
                layout.addWidget(self.chart)
            grid.addWidget(box, row, column)
            self.sections[key], self.boxes[key] = label, box
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(4, 1)
        ctx.hub.changed.connect(self._on_changed)

    # ---- loading ---------------------------------------------------------------------------

    def set_firm(self, firm_id: int | None) -> None:
        self.firm_id = firm_id
        self.reload()

    def refresh(self) -> None:
        self.reload()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _on_changed(self, changed) -> None:
        if not changed.firm_ids or self.firm_id in changed.firm_ids:
            self.reload()

    def reload(self) -> None:
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        if self._task is not None:
            self._task.discard()
        if self.firm_id is None:
            self.data = None
            self.heading.setText(_("<h2>No firm chosen</h2>"))
            return
        self._task = self.ctx.tasks.run(firm_dashboard, self.firm_id, self.ctx.today(), on_result=self.show_data,
                                        label=_("Loading the dashboard…"), abandon_on_close=True)

    # ---- showing ---------------------------------------------------------------------------

    def show_data(self, data) -> None:
        self._task = None
        self.data = data
        self.status_changed.emit()  # the window's actions: the dashboard can now be printed
        as_of = data.as_of
        self.heading.setText(_("<h2>{name}</h2><p>As of {date}</p>").format(
            name=html.escape(data.firm_name), date=format_date(as_of, "long")))
        self.boxes["risk"].setTitle(_("At risk now: missed or due within {days} days").format(days=RISK_DAYS))
        risk = [deadline_line(d, as_of) for d in data.at_risk]
        self.sections["risk"].setText(
            (f"<b>{html.escape(money_text(data.at_risk_fees))}</b><br>" if data.at_risk else "")
            + lines_html(risk, _("Nothing missed, nothing due within the month."), "page:due"))
        self.boxes["near"].setTitle(_("Next {days} days").format(days=NEAR_DAYS))
        self.sections["near"].setText(lines_html([deadline_line(d, as_of) for d in data.near],
                                                 _("Nothing else due."), "page:due"))
        self.boxes["notices"].setTitle(_("Official notices awaiting an answer"))
        self.sections["notices"].setText(lines_html([deadline_line(d, as_of) for d in data.notices],
                                                    _("No notice awaits an answer."), "page:due"))
        self._money(data)
        self._fees(data)
        self._portfolio(data)

    def _money(self, data) -> None:
        self.boxes["money"].setTitle(_("Money to claim in open subsidy rounds"))
        if not data.claimable:
            self.sections["money"].setText('<i>' + html.escape(_("No open round with eligible items.")) + '</i> '
                                           '<a href="page:subsidies">' + html.escape(_("Subsidies page")) + '</a>')
            return
        lines = [f'{html.escape(d.title or d.matter)} — {format_date(d.due)}: {format_money(d.subsidy_cny, "CNY")}'
                 for d in data.claimable]
        text = f"<b>{format_money(data.claimable_cny, 'CNY')}</b><br>" + "<br>".join(lines)
        if data.claimable_unverified:
            text += "<br><i>" + html.escape(_("Some figures are unverified: check the current notice.")) + "</i>"
        text += '<br><a href="page:subsidies">' + html.escape(_("Claim on the Subsidies page")) + "</a>"
        self.sections["money"].setText(text)

    def _fees(self, data) -> None:
        self.boxes["fees"].setTitle(_("Official fees of the next {months} months").format(months=FEE_MONTHS))
        self.chart.set_totals(data.forecast.totals, data.forecast.saved)
        text = f"<b>{html.escape(money_text(data.fees_ahead))}</b><br>"
        if data.fees_ahead_converted is not None:  # only at the rates the user entered, named
            from zgc_desk.exchange import conversion_words

            text += html.escape(conversion_words(data.fees_ahead_converted)) + "<br>"
        text += html.escape(self.chart.caption())
        if data.dropped_rights:  # the keep-or-drop decisions, and what they spare the budget
            text += "<br>" + html.escape(ngettext(
                "Decision to drop {count} right: {saved} saved in {first}–{last}",
                "Decisions to drop {count} rights: {saved} saved in {first}–{last}", data.dropped_rights).format(
                count=data.dropped_rights, saved=money_text(data.saved), first=data.forecast.first_year,
                last=data.forecast.last_year))
        text += '<br><a href="export:forecast">' + html.escape(
            _("Export the forecast of the next {years} years to Excel…").format(years=MAX_YEARS)) + "</a>"
        self.sections["fees"].setText(text)

    def _portfolio(self, data) -> None:
        self.boxes["portfolio"].setTitle(_("Portfolio and standing"))
        counts = data.portfolio
        rows = []
        for kind, label, page in PORTFOLIO:
            by_status = counts.get(kind, {})
            total = sum(by_status.values())
            statuses = vocab.TRADEMARK_STATUSES if kind == "trademark" else vocab.PATENT_STATUSES
            detail = ", ".join(f"{_(statuses.get(s, s))} {n}" for s, n in sorted(by_status.items()) if n and s != "all")
            rows.append(f'<a href="page:{page}">{html.escape(_(label))}</a>: {total}'
                        + (f" ({html.escape(detail)})" if detail else ""))
        for standing in data.standing:
            mark = "✓" if standing.met else ("—" if standing.met is None else "✗")
            rows.append(f'{mark} <a href="page:subsidies">{html.escape(standing.label)}</a>: '  # the round behind it
                        f"{html.escape(standing.detail)}")
        self.sections["portfolio"].setText("<br>".join(rows))

    # ---- links -----------------------------------------------------------------------------

    def follow(self, link: str) -> None:
        kind, _sep, rest = link.partition(":")
        if kind == "page":
            go_to_page(self.ctx, rest)
        elif kind == "export":
            self.export_forecast()
        elif kind == "rec":
            record_kind, record_id, firm_id = rest.split(":")
            go_to_record(self.ctx, record_kind, int(record_id), int(firm_id))

    def export_forecast(self):
        """Ask where, then write the firm's 10-year forecast workbook off the GUI thread."""
        if self.data is None:
            return None
        from pathlib import Path

        from zgc_desk.ui import files

        title = _("Export the forecast")
        suggested = _("Official fee forecast {firm} {date}.xlsx").format(
            firm=self.data.firm_name, date=format_date(self.data.as_of, "iso"))
        path = files.save_file(self.ctx, title, Path(suggested), files.workbook_filter())
        if path is None:
            return None
        path = files.ensure_suffix(path, ".xlsx")
        return self.ctx.tasks.run(export_forecast_workbook, path, self.data.firm_id, self.data.as_of,
                                  on_result=lambda written: files.offer_to_open(self.ctx, Path(written), title),
                                  label=_("Exporting…"))

    def status_text(self) -> str:
        return ""
