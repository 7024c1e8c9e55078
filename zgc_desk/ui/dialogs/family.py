"""The family view: the Chinese priority application, the PCT application claiming it, and the
overseas filings and grants derived from them, as one tree. Double-click opens a record's editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from zgc_desk import vocab
from zgc_desk.i18n import N_, _, format_date
from zgc_desk.offices import office_name
from zgc_desk.services.browse import FamilyNode, family_tree
from zgc_desk.ui.icons import icon

HEADERS = (N_("Application"), N_("Title or office"), N_("Status"), N_("Filed"), N_("Grant / publication"),
           N_("Granted / published"))
KIND_ICONS = {"patent": "patent", "pct": "pct", "overseas": "overseas"}
ID_ROLE = Qt.ItemDataRole.UserRole + 1
class FamilyDialog(QDialog):
    def __init__(self, ctx, kind: str, record_id: int, parent=None):
        super().__init__(parent or ctx.window)
        self.ctx, self.kind, self.record_id = ctx, kind, record_id
        self.setWindowTitle(_("Patent family"))
        self.setWindowIcon(icon("family"))
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([_(h) for h in HEADERS])
        self.tree.setAlternatingRowColors(True)
        self.tree.itemDoubleClicked.connect(self._open)
        note = QLabel(_("Chinese priority application → PCT application claiming it → national phases and "
                        "other filings abroad. Double-click a line to open it."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(900, 420)
        self.root = family_tree(kind, record_id)
        self._fill()

    def _fill(self) -> None:
        self.tree.clear()
        self.tree.addTopLevelItem(self._item(self.root))
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def _item(self, node: FamilyNode) -> QTreeWidgetItem:
        description = node.description
        if node.kind == "overseas":
            description = office_name(node.description)
        elif node.record_id is None:
            description = _("(not in this database)")
        status = _(vocab.PATENT_STATUSES[node.status]) if node.status in vocab.PATENT_STATUSES else ""
        item = QTreeWidgetItem([node.number, description, status, format_date(node.filing_date, "iso"),
                                node.grant_no, format_date(node.grant_date, "iso")])
        item.setIcon(0, icon(KIND_ICONS[node.kind]))
        item.setData(0, ID_ROLE, (node.kind, node.record_id))
        item.setToolTip(1, node.description)
        if node.kind == self.kind and node.record_id == self.record_id:
            font = QFont(item.font(0))
            font.setBold(True)
            for column in range(len(HEADERS)):
                item.setFont(column, font)
        if node.status in vocab.DEAD_PATENT_STATUSES:
            for column in range(len(HEADERS)):
                item.setForeground(column, QBrush(QColor("#8a8a8a")))
        for child in node.children:
            item.addChild(self._item(child))
        return item

    def _open(self, item: QTreeWidgetItem, _column: int) -> None:
        kind, record_id = item.data(0, ID_ROLE)
        if record_id is not None:
            self.ctx.open_editor(kind, record_id)
