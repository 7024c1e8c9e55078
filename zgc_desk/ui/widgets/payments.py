"""The Payments tab of a patent, an overseas filing or a trademark: every fee marked paid on it, with
the day paid, the amount (and the late-payment surcharge it included), the receipt and who recorded
it, newest first. Payments are recorded by marking a fee paid on the Due list; undo takes them away,
and the list reloads when they change (``services.payments``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zgc_desk.changes import View
from zgc_desk.i18n import N_, _, format_date, format_money
from zgc_desk.services import payments as service

HEADERS = (N_("Fee"), N_("Due"), N_("Paid on"), N_("Amount"), N_("Of which surcharge"), N_("Receipt"),
           N_("Recorded by"))
PAYABLE_KINDS = ("patent", "overseas", "trademark")


def fee_name(info: service.PaymentInfo) -> str:
    return service.fee_name(info.deadline_kind, info.fee_year, info.office)


class PaymentsPanel(QWidget):
    changed = Signal()  # the list was reloaded (tests wait on it)

    def __init__(self, ctx, kind: str, record_id: int | None, parent=None):
        super().__init__(parent)
        self.ctx, self.kind, self.record_id = ctx, kind, record_id
        self.items: list[service.PaymentInfo] = []
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.note = QLabel(_("Fees are recorded here when they are marked paid on the Due list."), self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.note)
        ctx.hub.changed.connect(self._on_changed)
        self.reload()

    def _on_changed(self, changed) -> None:
        if self.record_id is not None and changed.affects(View.PAYMENTS):
            self.reload()

    def reload(self) -> None:
        self.items = service.payments_of(self.kind, self.record_id) if self.record_id is not None else []
        self.table.setRowCount(len(self.items))
        for row, info in enumerate(self.items):
            late = info.late and info.due_date is not None
            cells = (fee_name(info), format_date(info.due_date, "iso") if info.due_date else "",
                     format_date(info.paid_on, "iso") + (" " + _("(late)") if late else ""),
                     format_money(info.amount, info.currency),
                     format_money(info.surcharge, info.currency) if info.surcharge else "",
                     info.receipt_no, info.recorded_by)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(service.history_text(info))
                self.table.setItem(row, column, item)
        self.changed.emit()
