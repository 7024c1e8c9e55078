"""Tools → Exchange rates…: the rates foreign fees are shown in yuan at, entered by the user.

Each "Set" and "Remove" is one undoable operation of ``services.rates`` (Ctrl+Z takes it back); the
Due list, the forecast and the session report show a total in yuan only where a rate is entered here,
and name the rate and its date.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from zgc_desk.i18n import _, format_date, format_rate
from zgc_desk.services import rates


class RatesDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent or ctx.window)
        self.ctx = ctx
        self.setWindowTitle(_("Exchange rates"))
        intro = QLabel(_("Foreign fees are shown in their own currency. Where you enter a rate here, totals "
                         "also show the amount in yuan, converted at your rate and naming its date. No rate "
                         "is ever assumed."), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([_("Currency"), _("Yuan for one unit"), _("Rate of"), _("Source")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)

        self.currency = QLineEdit(self)
        self.currency.setPlaceholderText("USD")
        self.currency.setMaxLength(3)
        self.rate = QLineEdit(self)
        self.rate.setPlaceholderText("7.1234")
        self.as_of = QDateEdit(self)
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        today = ctx.today()
        self.as_of.setDate(QDate(today.year, today.month, today.day))
        self.source = QLineEdit(self)
        self.source.setPlaceholderText(_("e.g. PBOC central parity"))
        form = QFormLayout()
        form.addRow(_("Currency:"), self.currency)
        form.addRow(_("Yuan for one unit:"), self.rate)
        form.addRow(_("Rate of:"), self.as_of)
        form.addRow(_("Source:"), self.source)
        self.set_button = QPushButton(_("&Set rate"), self)
        self.set_button.clicked.connect(self.set_rate)
        self.remove_button = QPushButton(_("&Remove rate"), self)
        self.remove_button.clicked.connect(self.remove_rate)
        self.remove_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.set_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(560, 420)
        self.reload()

    def reload(self) -> None:
        found = list(rates.list_rates().values())
        self.table.setRowCount(len(found))
        for row, rate in enumerate(found):
            cells = (rate.currency, format_rate(rate.cny_per_unit), format_date(rate.as_of, "iso"), rate.source)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self._selected()

    def _selected(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        self.remove_button.setEnabled(bool(rows))
        if rows:  # fill the form, so that a new rate for the same currency is one edit away
            row = min(rows)
            self.currency.setText(self.table.item(row, 0).text())

    def set_rate(self) -> bool:
        day = self.as_of.date()
        try:
            changed = rates.set_rate(self.currency.text(), self.rate.text(),
                                     dt.date(day.year(), day.month(), day.day()), self.source.text())
        except Exception as exc:  # a bad code or rate: said plainly, nothing changed
            self.ctx.show_error(exc)
            return False
        self.ctx.edits.done(changed)
        self.rate.clear()
        self.source.clear()
        self.reload()
        return True

    def remove_rate(self) -> bool:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if not rows:
            return False
        currency = self.table.item(min(rows), 0).text()
        try:
            changed = rates.remove_rate(currency)
        except Exception as exc:
            self.ctx.show_error(exc)
            return False
        self.ctx.edits.done(changed)
        self.reload()
        return True
