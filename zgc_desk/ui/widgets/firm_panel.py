"""The firm switcher: type part of a name or credit code, pick a firm (an advisor may hold 50)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from zgc_desk.i18n import _, format_number
from zgc_desk.ui.icons import icon
from zgc_desk.ui.models.firm_list import CODE_ROLE, ID_ROLE, FirmListModel


class _FirmDelegate(QStyledItemDelegate):
    """Name on the first line, credit code smaller and grey below it."""

    def sizeHint(self, option, index) -> QSize:
        metrics = option.fontMetrics
        return QSize(200, metrics.height() * 2 + 12)

    def paint(self, painter, option, index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        name, code = option.text, index.data(CODE_ROLE)
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = option.state & QStyle.StateFlag.State_Selected
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = option.rect.adjusted(8, 5, -6, -5)
        line = option.fontMetrics.height()
        painter.save()
        painter.setPen(option.palette.color(group))
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        elided = option.fontMetrics.elidedText(name, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect.adjusted(0, 0, 0, -line), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, elided)
        small = QFont(option.font)
        small.setPointSizeF(max(option.font.pointSizeF() * 0.88, 7))
        painter.setFont(small)
        if not selected:
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(rect.adjusted(0, line + 1, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, code)
        painter.restore()


class FirmPanel(QWidget):
    firm_chosen = Signal(int)
    new_firm_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = FirmListModel(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Find a firm (name or credit code)"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._choose_first)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(_FirmDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.count = QLabel(self)
        add = QToolButton(self)
        add.setIcon(icon("add"))
        add.setText(_("New firm…"))
        add.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        add.setAutoRaise(True)
        add.clicked.connect(lambda: self.new_firm_requested.emit())
        heading = QLabel(_("Your firms"), self)
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 4)
        layout.addWidget(heading)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)
        self._current: int | None = None
        self._quiet = False

    def set_firms(self, firms: list[dict], current: int | None) -> None:
        self._quiet = True
        self.model.set_firms(firms)
        self._quiet = False
        self._update_count()
        self.select(current)

    def select(self, firm_id: int | None) -> None:
        """Highlight a firm without emitting ``firm_chosen``."""
        self._current = firm_id
        row = self.model.row_of(firm_id) if firm_id is not None else None
        self._quiet = True
        if row is None:
            self.list.clearSelection()
        else:
            self.list.setCurrentIndex(self.model.index(row))
            self.list.scrollTo(self.model.index(row))
        self._quiet = False

    def _search_changed(self, text: str) -> None:
        self._quiet = True
        self.model.set_search(text)
        self._quiet = False
        self._update_count()
        self.select(self._current)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        if shown == total:
            self.count.setText(_("{count} firms").format(count=format_number(total)))
        else:
            self.count.setText(_("{shown} of {total} firms").format(shown=format_number(shown), total=format_number(total)))

    def _current_changed(self, current, _previous) -> None:
        if self._quiet or not current.isValid():
            return
        firm_id = current.data(ID_ROLE)
        if firm_id != self._current:
            self._current = firm_id
            self.firm_chosen.emit(firm_id)

    def _choose_first(self) -> None:
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))
            self.list.setFocus()
