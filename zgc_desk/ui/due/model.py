"""Deadlines grouped under headings (months, or firms) as a two-level Qt item model.

The model holds the computed deadlines (the engine's answer, already in memory) and formats a cell
only when a view asks for it. A new answer is applied with precise insert/remove signals when it
differs by a few rows (a deadline marked done, a filter narrowing a short list), so that expanded
groups, the selection and the scroll position stay; a large change is one reset.

Group rows have no parent; a deadline row's internal id is its group's serial number (stable while
groups come and go around it), from which ``parent`` finds the group's current position.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from zgc_desk.deadlines import Deadline
from zgc_desk.deadlines.basis import deadline_basis
from zgc_desk.i18n import _
from zgc_desk.services.due_columns import DueColumn, provisional_note
from zgc_desk.services.due_list import URGENCY_LABELS, Group, urgency, what_label
from zgc_desk.ui.due.look import URGENCY_COLOURS, provisional_icon
from zgc_desk.ui.models.row_runs import inserted_runs, removed_runs

DEADLINE_ROLE = Qt.ItemDataRole.UserRole + 1
URGENCY_ROLE = Qt.ItemDataRole.UserRole + 2
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3

_NO_PARENT = 0  # internal id of group rows; group serials start at 1
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def identity(d: Deadline) -> tuple:
    """What a deadline is, whatever its state or date: the row it keeps across reloads."""
    return (d.matter_kind, d.matter_id, d.kind, d.office, d.year, d.notice_id)


@dataclass
class _Node:
    serial: int
    group: Group


class DeadlineTreeModel(QAbstractItemModel):
    PRECISE_LIMIT = 200  # beyond this many rows in or out, one reset is cheaper than many signals
    # Comparing long answers row by row costs more than a reset does (about 0.3 s against 0.05 s
    # for 60,000 rows, with only the first groups expanded): beyond this, always a reset.
    PRECISE_ROWS = 10_000

    def __init__(self, columns: list[DueColumn], as_of: dt.date, parent: QObject | None = None):
        super().__init__(parent)
        self.columns = columns
        self.as_of = as_of
        self._nodes: list[_Node] = []
        self._position: dict[int, int] = {}  # serial -> row of the group
        self._serials = itertools.count(1)
        self._brushes = {key: (QBrush(QColor(fg)) if fg else None, QBrush(QColor(bg)) if bg else None)
                         for key, (fg, bg) in URGENCY_COLOURS.items()}
        self._bold = QFont()
        self._bold.setBold(True)

    # ---- structure -------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(self.columns) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_PARENT) if row < len(self._nodes) else QModelIndex()
        if parent.internalId() != _NO_PARENT:
            return QModelIndex()
        node = self._nodes[parent.row()]
        if row >= len(node.group.deadlines):
            return QModelIndex()
        return self.createIndex(row, column, node.serial)

    def parent(self, index: QModelIndex | None = None):
        if index is None:  # QObject.parent()
            return QObject.parent(self)
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return QModelIndex()
        position = self._position.get(index.internalId())
        return QModelIndex() if position is None else self.createIndex(position, 0, _NO_PARENT)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._nodes)
        if parent.internalId() != _NO_PARENT or parent.column() != 0:
            return 0
        return len(self._nodes[parent.row()].group.deadlines)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.columns[section].label)
        return None

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        # Asked of every row when a view lays the tree out: answer without counting.
        if not parent.isValid():
            return bool(self._nodes)
        return parent.internalId() == _NO_PARENT and parent.column() == 0 \
            and bool(self._nodes[parent.row()].group.deadlines)

    def flags(self, index: QModelIndex):
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    # ---- access ----------------------------------------------------------------------------

    def deadline(self, index: QModelIndex) -> Deadline | None:
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return None
        position = self._position.get(index.internalId())
        return None if position is None else self._nodes[position].group.deadlines[index.row()]

    def group(self, index: QModelIndex) -> Group | None:
        if not index.isValid() or index.internalId() != _NO_PARENT:
            return None
        return self._nodes[index.row()].group

    @property
    def groups(self) -> list[Group]:
        return [node.group for node in self._nodes]

    def deadlines(self) -> list[Deadline]:
        """Every deadline, in display order (what an export of the visible list writes)."""
        return [d for node in self._nodes for d in node.group.deadlines]

    def index_of(self, key: tuple, column: int = 0) -> QModelIndex:
        """The row of the deadline with this :func:`identity`, if shown."""
        for position, node in enumerate(self._nodes):
            for row, d in enumerate(node.group.deadlines):
                if identity(d) == key:
                    return self.index(row, column, self.index(position, 0))
        return QModelIndex()

    # ---- cells -----------------------------------------------------------------------------

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _NO_PARENT:
            return self._group_data(self._nodes[index.row()].group, index.column(), role)
        d = self.deadline(index)
        if d is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(d)
        if role == DEADLINE_ROLE:
            return d
        if role == URGENCY_ROLE:
            return urgency(d, self.as_of)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            foreground, background = self._brushes[urgency(d, self.as_of)]
            return foreground if role == Qt.ItemDataRole.ForegroundRole else background
        if role == Qt.ItemDataRole.DecorationRole and column.key == "due" and d.provisional:
            return provisional_icon()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(d)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _group_data(self, group: Group, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            # yuan, then each foreign currency on its own (in yuan too only at a rate the user entered)
            return group.label + group.fee_heading()
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == GROUP_ROLE:
            return group.key
        return None

    def tooltip(self, d: Deadline) -> str:
        """Rich text, so that Qt wraps the long basis sentence."""
        lines = [f"<b>{html.escape(what_label(d))}</b> — {html.escape(d.matter)} {html.escape(d.office)}",
                 html.escape(_(URGENCY_LABELS[urgency(d, self.as_of)]))]
        if d.provisional:
            lines.append(f"<span style='color:#8a5a00'>* {html.escape(provisional_note(d))}</span>")
        lines.append(html.escape(deadline_basis(d)))
        return "<p style='white-space:pre-wrap'>" + "<br>".join(lines) + "</p>"

    # ---- applying a new answer -------------------------------------------------------------

    def set_groups(self, groups: list[Group], as_of: dt.date | None = None) -> None:
        """Show these groups: precise signals for a small change, a reset otherwise."""
        if as_of is not None and as_of != self.as_of:
            self.as_of = as_of
            self._reset(groups)
            return
        old_keys = [node.group.key for node in self._nodes]
        new_keys = [group.key for group in groups]
        kept = [key for key in old_keys if key in set(new_keys)]
        if not self._nodes or kept != [key for key in new_keys if key in set(old_keys)] \
                or self._rows_moved(groups) > self.PRECISE_LIMIT:
            self._reset(groups)
            return
        if not self._apply_precisely(groups):
            self._reset(groups)

    def _reset(self, groups: list[Group]) -> None:
        self.beginResetModel()
        self._nodes = [_Node(next(self._serials), group) for group in groups]
        self._reindex()
        self.endResetModel()

    def _reindex(self) -> None:
        self._position = {node.serial: position for position, node in enumerate(self._nodes)}

    def _rows_moved(self, groups: list[Group]) -> int:
        old_count = sum(len(node.group.deadlines) for node in self._nodes)
        new_count = sum(len(group.deadlines) for group in groups)
        if abs(old_count - new_count) > self.PRECISE_LIMIT or max(old_count, new_count) > self.PRECISE_ROWS:
            return self.PRECISE_LIMIT + 1  # a reset, without comparing rows one by one
        old = {identity(d) for node in self._nodes for d in node.group.deadlines}
        new = {identity(d) for group in groups for d in group.deadlines}
        return len(old ^ new)

    def _apply_precisely(self, groups: list[Group]) -> bool:
        by_key = {group.key: group for group in groups}
        # 1. groups that are gone, from the end
        for position in range(len(self._nodes) - 1, -1, -1):
            if self._nodes[position].group.key not in by_key:
                self.beginRemoveRows(QModelIndex(), position, position)
                del self._nodes[position]
                self._reindex()
                self.endRemoveRows()
        # 2. rows within the groups both answers hold
        for position, node in enumerate(self._nodes):
            if not self._update_children(position, node, by_key[node.group.key]):
                return False
        # 3. new groups, at their place
        for position, group in enumerate(groups):
            if position < len(self._nodes) and self._nodes[position].group.key == group.key:
                continue
            self.beginInsertRows(QModelIndex(), position, position)
            self._nodes.insert(position, _Node(next(self._serials), group))
            self._reindex()
            self.endInsertRows()
        return True

    def _update_children(self, position: int, node: _Node, new: Group) -> bool:
        parent = self.index(position, 0)
        old_ids = [identity(d) for d in node.group.deadlines]
        new_ids = [identity(d) for d in new.deadlines]
        new_set, old_set = set(new_ids), set(old_ids)
        if [i for i in old_ids if i in new_set] != [i for i in new_ids if i in old_set]:
            return False  # the order changed: let the caller reset
        items = node.group.deadlines
        for first, last in removed_runs(old_ids, new_set):
            self.beginRemoveRows(parent, first, last)
            del items[first:last + 1]
            self.endRemoveRows()
        for first, last in inserted_runs(new_ids, old_set):
            self.beginInsertRows(parent, first, last)
            items[first:first] = new.deadlines[first:last + 1]
            self.endInsertRows()
        node.group = new  # the same rows now; states, fees and labels may have changed
        last = len(self.columns) - 1
        self.dataChanged.emit(parent, self.index(position, last))
        if new.deadlines:
            self.dataChanged.emit(self.index(0, 0, parent), self.index(len(new.deadlines) - 1, last, parent))
        return True
