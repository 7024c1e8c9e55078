"""The History tab: a record's change log (who changed what and when), newest first."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from zgc_desk.i18n import N_, _, format_datetime
from zgc_desk.schema import FIELD_BY_KEY
from zgc_desk.services.changes import history

ACTIONS = {"create": N_("Added"), "update": N_("Edited"), "delete": N_("Deleted"), "restore": N_("Restored"),
           "undo": N_("Undone"), "redo": N_("Redone")}
HEADERS = (N_("When"), N_("Who"), N_("What"), N_("Changes"))
# Stored field names that differ from the schema's keys.
_STORED_LABELS = {"revenue_cny": N_("Last year's revenue (yuan)"), "cn_priority": N_("Linked priority patent"),
                  "pct": N_("Linked PCT application"), "cn_patent": N_("Linked Chinese patent"), "attachment": N_("Attachment"),
                  "payment": N_("Payment")}


def _local(at: dt.datetime) -> dt.datetime:
    """The log is in UTC; show the machine's local time."""
    return at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def shown_value(value) -> str:
    """A stored value as the history and the profile show it: "—" for nothing, Yes / No."""
    if value is None or value == "":
        return "—"
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    return str(value)


def describe_changes(kind: str, changes: dict) -> str:
    labels = FIELD_BY_KEY.get(kind, {})
    parts = []
    for key, (old, new) in changes.items():
        label = _(labels[key].label) if key in labels else _(_STORED_LABELS.get(key, key))
        parts.append(f"{label}: {shown_value(old)} → {shown_value(new)}")
    return "; ".join(parts)


class HistoryModel(QAbstractTableModel):
    def __init__(self, kind: str, record_id: int | None, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.entries = list(reversed(history(kind, record_id))) if record_id is not None else []

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if column == 0:
            return format_datetime(_local(entry["at"]), "short")
        if column == 1:
            return entry["user"]
        if column == 2:
            return _(ACTIONS.get(entry["action"], entry["action"]))
        return describe_changes(self.kind, entry["changes"]) or entry["summary"]


class HistoryView(QTableView):
    def __init__(self, kind: str, record_id: int | None, parent=None):
        super().__init__(parent)
        self.setModel(HistoryModel(kind, record_id, self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def reload(self, record_id: int | None) -> None:
        self.setModel(HistoryModel(self.model().kind, record_id, self))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
