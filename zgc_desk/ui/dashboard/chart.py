"""The forecast as a bar chart: official fees in yuan per year, an unknown amount said under its bar
(never drawn as zero). Foreign-currency fees are named in the caption, not converted. What the firm's
decisions to drop rights save is drawn pale on top of each bar: the whole bar is the portfolio
without the decisions, the dark part the portfolio with them."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from zgc_desk.i18n import _, format_money, ngettext

BAR = QColor("#4472C4")
SAVED = QColor("#C9D6EE")  # the fees the decisions leave out


class ForecastChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.totals = []
        self.saved: dict[int, int] = {}  # year -> yuan the decisions save
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_totals(self, totals, saved=()) -> None:
        """``totals``: the forecast's YearTotal per year; ``saved``: its ``saved`` (the same years)."""
        self.totals = list(totals)
        self.saved = {t.year: t.amounts.get("CNY", 0) for t in saved if t.amounts.get("CNY")}
        self.update()

    def paintEvent(self, _event) -> None:
        if not self.totals:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        top, bottom = line + 4, self.height() - 2 * line - 6
        highest = max((t.amounts.get("CNY", 0) + self.saved.get(t.year, 0) for t in self.totals), default=0) or 1
        slot = self.width() / len(self.totals)
        for i, total in enumerate(self.totals):
            amount = total.amounts.get("CNY", 0)
            height = (bottom - top) * amount / highest
            spared = (bottom - top) * self.saved.get(total.year, 0) / highest
            x = i * slot + slot * 0.2
            painter.fillRect(QRectF(x, bottom - height, slot * 0.6, height), BAR)
            if spared:
                painter.fillRect(QRectF(x, bottom - height - spared, slot * 0.6, spared), SAVED)
            painter.setPen(self.palette().windowText().color())
            label = QRectF(i * slot, bottom - height - spared - line - 2, slot, line)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, format_money(amount, "CNY").split(".")[0])
            painter.drawText(QRectF(i * slot, bottom + 2, slot, line), Qt.AlignmentFlag.AlignCenter, str(total.year))
            if total.unknown:
                note = ngettext("+{count} unknown", "+{count} unknown", total.unknown).format(count=total.unknown)
                painter.drawText(QRectF(i * slot, bottom + line + 2, slot, line), Qt.AlignmentFlag.AlignCenter, note)
        painter.end()

    def caption(self) -> str:
        foreign = sorted({c for t in self.totals for c in t.amounts if c != "CNY"})
        text = _("Official fees per year (CNY)")
        if foreign:
            text += " — " + _("also in {currencies}, not converted").format(currencies=", ".join(foreign))
        if self.saved:
            text += " — " + _("pale: saved by the decisions to drop")
        return text
