"""A list of records as a Qt table model: it holds ids in display order and fetches rows lazily.

Rows are read through ``services.patent_standing.list_rows`` (the model fields, and a patent's
standing) in chunks around the first row a view asks for, and
kept in a bounded cache. A new id list is applied with precise insert/remove signals when the
order of the records both lists hold is unchanged and few rows come or go (an add, a delete, a
filter narrowing a short list), and with a reset otherwise (a new sort order, another firm, a
filter over thousands of rows).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from zgc_desk.columns import Column, row_state
from zgc_desk.i18n import N_, _
from zgc_desk.services.patent_standing import list_rows, standing_sentence
from zgc_desk.ui.models.row_runs import inserted_runs, removed_runs

ID_ROLE = Qt.ItemDataRole.UserRole + 1

# Colours for records that no longer need attention (soft, readable with dark text).
_STATE_COLOURS = {
    "dead": ("#8a8a8a", "#f2f2f2"),
    "rejected": ("#a33a3a", "#fbe9e9"),
    "expired": ("#a33a3a", "#fbe9e9"),
}
_STATE_TIPS = {
    "dead": N_("No longer in force"),
    "rejected": N_("Rejected"),
    "expired": N_("Registration expired"),
}


class RecordTableModel(QAbstractTableModel):
    sort_requested = Signal(str, bool)  # model field, descending

    CHUNK = 200
    # Beyond this many rows in or out (a filter narrowing 100,000 rows), one reset is far cheaper
    # than thousands of remove signals; adds and deletes by hand stay precise.
    PRECISE_LIMIT = 200
    CACHE_LIMIT = 20_000

    def __init__(self, kind: str, columns: list[Column], as_of: dt.date, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.columns = columns
        self.as_of = as_of
        self._ids: list[int] = []
        self._cache: dict[int, dict] = {}
        self._brushes = {state: (QBrush(QColor(fg)), QBrush(QColor(bg)))
                         for state, (fg, bg) in _STATE_COLOURS.items()}

    # ---- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.columns[section].label)
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(self.row(index.row()))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole):
            row = self.row(index.row())
            state = row_state(self.kind, row, self.as_of)
            standing = row.get("standing")
            if role == Qt.ItemDataRole.ToolTipRole and standing is not None and standing_sentence(standing):
                return standing_sentence(standing)  # lapsed by an unpaid fee, or fees assumed paid: why
            if not state:
                return column.text(row) if role == Qt.ItemDataRole.ToolTipRole else None
            if role == Qt.ItemDataRole.ToolTipRole:
                return _(_STATE_TIPS[state])
            foreground, background = self._brushes[state]
            return foreground if role == Qt.ItemDataRole.ForegroundRole else background
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        field = self.columns[column].sort_field
        if field:
            self.sort_requested.emit(field, order == Qt.SortOrder.DescendingOrder)

    # ---- rows ------------------------------------------------------------------------------

    def row(self, position: int) -> dict:
        record_id = self._ids[position]
        row = self._cache.get(record_id)
        if row is None:
            self._fetch_around(position)
            row = self._cache.get(record_id, {})
        return row

    def _fetch_around(self, position: int) -> None:
        if len(self._cache) > self.CACHE_LIMIT:
            self._cache.clear()
        start = position - position % self.CHUNK
        wanted = [i for i in self._ids[start:start + self.CHUNK] if i not in self._cache]
        self._cache.update(list_rows(self.kind, wanted, self.as_of))

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, position: int) -> int:
        return self._ids[position]

    def position_of(self, record_id: int) -> int | None:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    def forget(self, record_ids) -> None:
        """Drop cached rows (records changed); views repaint them from the database."""
        for record_id in record_ids:
            self._cache.pop(record_id, None)
            position = self.position_of(record_id)
            if position is not None:
                self.dataChanged.emit(self.index(position, 0), self.index(position, len(self.columns) - 1))

    def set_ids(self, ids: list[int]) -> None:
        """Show these ids, with insert/remove signals when that is what the change amounts to."""
        old = self._ids
        if ids == old:
            return
        new_set, old_set = set(ids), set(old)
        kept_old = [i for i in old if i in new_set]
        kept_new = [i for i in ids if i in old_set]
        moved = len(old) - len(kept_old) + len(ids) - len(kept_new)
        if kept_old != kept_new or not kept_old or moved > self.PRECISE_LIMIT:
            self.beginResetModel()
            self._ids = list(ids)
            self.endResetModel()
            return
        self._remove_missing(new_set)
        self._insert_new(ids, old_set)

    def _remove_missing(self, new_set: set[int]) -> None:
        for first, last in removed_runs(self._ids, new_set):
            self.beginRemoveRows(QModelIndex(), first, last)
            for record_id in self._ids[first:last + 1]:
                self._cache.pop(record_id, None)
            del self._ids[first:last + 1]
            self.endRemoveRows()

    def _insert_new(self, ids: list[int], old_set: set[int]) -> None:
        for first, last in inserted_runs(ids, old_set):
            self.beginInsertRows(QModelIndex(), first, last)
            self._ids[first:first] = ids[first:last + 1]
            self.endInsertRows()
