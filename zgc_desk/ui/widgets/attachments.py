"""The Files tab of a record: its attachments with name, size, date added and who added them; Add…
copies a file in, Open shows a copy with the system's viewer, Remove… asks first (undo brings it back).
Everything goes through ``zgc_desk.services.attachments``; the list reloads when attachments change
(Undo included)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zgc_desk.changes import View
from zgc_desk.errors import UserError
from zgc_desk.i18n import N_, _, format_datetime, format_file_size
from zgc_desk.services import attachments as service
from zgc_desk.ui.files import open_file, remember_folder, remembered_folder
from zgc_desk.ui.settings import Setting

HEADERS = (N_("File"), N_("Size"), N_("Added"), N_("By"), N_("State"))
ATTACH_FOLDER = Setting("files/attach_folder", "")


def _local(at: dt.datetime) -> dt.datetime:
    return at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def viewing_folder() -> Path:
    """Where copies opened with the system's viewer go (the stored files are never handed out)."""
    return Path(tempfile.gettempdir()) / "zgc-desk-files"


class AttachmentsPanel(QWidget):
    changed = Signal()  # the list was reloaded (tests wait on it)

    def __init__(self, ctx, kind: str, record_id: int | None, parent=None):
        super().__init__(parent)
        self.ctx, self.kind, self.record_id = ctx, kind, record_id
        self.items: list[service.AttachmentInfo] = []
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # sizes and dates shown whole
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.add_button = QPushButton(_("Add…"), self)
        self.add_button.clicked.connect(self.add_file)
        self.open_button = QPushButton(_("Open"), self)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button = QPushButton(_("Remove…"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        ctx.hub.changed.connect(self._on_changed)
        self.reload()

    def _on_changed(self, changed) -> None:
        if self.record_id is not None and changed.affects(View.ATTACHMENTS):
            self.reload()

    def reload(self) -> None:
        self.items = service.attachments_of(self.kind, self.record_id) if self.record_id is not None else []
        problems = {p.attachment_id: p.problem for p in service.check_attachments_of(self.kind, self.record_id)} \
            if self.record_id is not None else {}
        self.table.setRowCount(len(self.items))
        for row, info in enumerate(self.items):
            state = {"missing": _("file missing"), "altered": _("file altered")}.get(problems.get(info.id), _("file present"))
            cells = (info.file_name, format_file_size(info.size), format_datetime(_local(info.added_at), "short"),
                     info.added_by, state)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.note.setText(_("Restore a backup to get back a missing or altered file.") if problems else "")
        self.add_button.setEnabled(self.record_id is not None)
        self._update_buttons()
        self.changed.emit()

    def selected(self) -> service.AttachmentInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def add_file(self) -> None:
        path = open_file(self.ctx, _("Attach a file"), remembered_folder(self.ctx, ATTACH_FOLDER), _("All files (*)"))
        if path is None or self.record_id is None:
            return
        remember_folder(self.ctx, ATTACH_FOLDER, path.parent)
        try:
            _id, changed = service.add_attachment(self.kind, self.record_id, path)
        except UserError as exc:
            self.ctx.show_error(exc)
            return
        self.ctx.edits.done(changed)

    def open_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        try:
            copy = service.viewing_copy(info.id, viewing_folder())
        except (UserError, OSError) as exc:
            self.ctx.show_error(exc)
            return
        self.ctx.dialogs.open_with_viewer(copy)

    def remove_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        if not self.ctx.dialogs.confirm(_("Remove attachment"), _(
                "Remove {file} from this record? Undo (Ctrl+Z) brings it back.").format(file=info.file_name)):
            return
        try:
            changed = service.remove_attachment(info.id)
        except UserError as exc:
            self.ctx.show_error(exc)
            return
        self.ctx.edits.done(changed)
