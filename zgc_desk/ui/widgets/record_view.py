"""The table view of a record list: row selection, Enter opens, a message when empty, and a header
menu to choose the visible columns (remembered per list)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QPainter
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTableView

from zgc_desk.columns import Column
from zgc_desk.i18n import _

# Default widths by what a column holds (at least its header's width); the last column takes the rest.
_WIDTHS = {"title": 300, "mark": 220, "applicants": 220, "inventors": 180, "planned_offices": 120,
           "designations": 120, "office": 60, "nice_classes": 90,
           "status": 170}  # "Lapsed as of 2026-04-20" (a patent lapsed by an unpaid fee) fits


def paint_empty_text(view: QAbstractItemView, text: str) -> None:
    """Write ``text`` over an item view whose model has no rows (from the view's ``paintEvent``)."""
    if text and view.model() is not None and view.model().rowCount() == 0:
        painter = QPainter(view.viewport())
        painter.setPen(view.palette().placeholderText().color())
        rect = view.viewport().rect().adjusted(24, 24, -24, -24)
        painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                         text)


def _default_width(column: Column) -> int:
    if column.key in _WIDTHS:
        return _WIDTHS[column.key]
    if column.key.endswith("_date"):
        return 100
    if column.key.endswith("_no") or column.key == "application_no":
        return 160
    return 110


class RecordTableView(QTableView):
    open_requested = Signal()
    columns_changed = Signal(list)  # keys of the visible columns

    def __init__(self, parent=None):
        super().__init__(parent)
        self.empty_text = ""
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(True)
        self.setWordWrap(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.doubleClicked.connect(lambda _index: self.open_requested.emit())

    def setup_columns(self, columns: list[Column], visible_keys: list[str] | None) -> None:
        self._columns = columns
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        metrics = header.fontMetrics()
        for position, column in enumerate(columns):
            label_width = metrics.horizontalAdvance(_(column.label)) + 30  # room for the sort arrow
            self.setColumnWidth(position, max(_default_width(column), label_width))
            shown = column.visible if visible_keys is None else column.key in visible_keys
            self.setColumnHidden(position, not shown)

    def visible_keys(self) -> list[str]:
        return [c.key for i, c in enumerate(self._columns) if not self.isColumnHidden(i)]

    def _header_menu(self, point) -> None:
        menu = QMenu(self)
        for position, column in enumerate(self._columns):
            action = QAction(_(column.label), menu, checkable=True, checked=not self.isColumnHidden(position))
            action.toggled.connect(lambda on, p=position: self._toggle(p, on))
            menu.addAction(action)
        menu.exec(self.horizontalHeader().mapToGlobal(point))

    def _toggle(self, position: int, shown: bool) -> None:
        if not shown and len(self.visible_keys()) <= 1:
            return  # keep at least one column
        self.setColumnHidden(position, not shown)
        self.columns_changed.emit(self.visible_keys())

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        paint_empty_text(self, self.empty_text)
