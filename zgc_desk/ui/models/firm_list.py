"""The firms for the switcher: a list model over firm summaries, narrowed by what is typed."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from zgc_desk.services.browse import firm_matches

ID_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2


class FirmListModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[dict] = []
        self._shown: list[dict] = []
        self._search = ""

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        firm = self._shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return firm["name"]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(p for p in (firm["name"], firm["credit_code"], firm.get("zgc_park") or "") if p)
        if role == ID_ROLE:
            return firm["id"]
        if role == CODE_ROLE:
            return firm["credit_code"]
        return None

    def set_firms(self, firms: list[dict]) -> None:
        self._all = list(firms)
        self._apply()

    def set_search(self, text: str) -> None:
        self._search = text
        self._apply()

    def _apply(self) -> None:
        self.beginResetModel()
        self._shown = [f for f in self._all if firm_matches(f, self._search)]
        self.endResetModel()

    @property
    def total(self) -> int:
        return len(self._all)

    def row_of(self, firm_id: int) -> int | None:
        for row, firm in enumerate(self._shown):
            if firm["id"] == firm_id:
                return row
        return None

    def has(self, firm_id: int) -> bool:
        return any(f["id"] == firm_id for f in self._all)

    def first_id(self) -> int | None:
        return self._all[0]["id"] if self._all else None

    def summary(self, firm_id: int | None) -> dict | None:
        """The firm's summary as listed (services.browse.firm_summaries: id, name, credit code...)."""
        return next((f for f in self._all if f["id"] == firm_id), None) if firm_id is not None else None
