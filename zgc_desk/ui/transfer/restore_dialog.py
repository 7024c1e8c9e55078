"""File → Restore backup…: the backups of this database (when, why, size, records of each kind; a
damaged copy is listed greyed out with what is wrong), and Restore after a confirmation that says the
current file is backed up first. Afterwards the window re-reads everything it shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from zgc_desk.i18n import _, format_date, format_number
from zgc_desk.io.backups import COUNTED_TABLES, BackupInfo
from zgc_desk.io.workbook_layout import SHEET_BY_KIND
from zgc_desk.paths import backups_dir_for
from zgc_desk.services.transfer import list_backups_with_counts, restore_backup
from zgc_desk.ui.icons import icon
from zgc_desk.ui.transfer.progress import ProgressTask, window_now
from zgc_desk.ui.transfer.texts import reason_text, size_text

KINDS = tuple(COUNTED_TABLES)  # firm, patent, pct, overseas, trademark
FIRST_COUNT_COLUMN = 3
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
DAMAGED_COLOUR = "#8a8a8a"


def reload_window(ctx) -> None:
    """After the data was replaced wholesale (the core has cleared the undo history): have the firm
    list and every page read the database afresh."""
    window = ctx.window
    window.refresh()  # the firm list (keeping the firm if it still exists) and the current page
    current = window.current_page()
    for page in window.pages.values():
        if page is not current:
            page.refresh()
    window.update_actions()


def taken_text(info: BackupInfo) -> str:
    """When a backup was taken: "2026年11月25日 09:30" (the file name when it does not say)."""
    if info.taken_at is None:
        return info.path.name
    return f"{format_date(info.taken_at.date(), 'medium')} {info.taken_at:%H:%M}"


class RestoreDialog(QDialog):
    loaded = Signal()  # the list was (re)read
    restored = Signal(object)  # Path of the backup taken of the data replaced

    def __init__(self, ctx, parent=None):
        super().__init__(parent or ctx.window)
        self.ctx = ctx
        self.backups: list[BackupInfo] = []
        self.setWindowTitle(_("Restore backup"))
        self.setWindowIcon(icon("restore"))
        folder = backups_dir_for(Path(ctx.db_path)) if ctx.db_path else None
        intro = QLabel(_("Restoring replaces all the data by the backup's. The current data is backed up first, "
                         "so you can return to it from this list.") + (
            "<br><span style='color:gray'>{}</span>".format(_("Backups are kept in {folder}").format(folder=folder))
            if folder else ""), self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = self._table()
        self.empty = QLabel(_("No backups yet. A copy is made every day at start-up and before each import."),
                            self)
        self.empty.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton(icon("restore"), _("Restore…"), self)
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(900, 420)
        self.reload()

    def _table(self) -> QTableWidget:
        headers = [_("Taken"), _("Reason"), _("Size")] + [SHEET_BY_KIND[kind].shown() for kind in KINDS]
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(False)
        table.itemSelectionChanged.connect(self._selection_changed)
        table.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        return table

    # ---- the list --------------------------------------------------------------------------

    def reload(self) -> None:
        self.restore_button.setEnabled(False)
        self.ctx.tasks.run(list_backups_with_counts, on_result=self._fill, label=_("Reading the backups…"))

    def _fill(self, backups: list[BackupInfo]) -> None:
        self.backups = backups
        table = self.table
        table.clearSpans()
        table.setRowCount(len(backups))
        for row, info in enumerate(backups):
            self._fill_row(row, info)
        self.empty.setVisible(not backups)
        self._selection_changed()
        self.loaded.emit()

    def _fill_row(self, row: int, info: BackupInfo) -> None:
        cells = [taken_text(info), reason_text(info.reason), size_text(info.size)]
        if info.readable:
            cells += [format_number(info.counts.get(kind, 0)) for kind in KINDS]
        else:
            cells += [_("Cannot be restored: {problem}").format(problem=info.problem)]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(PATH_ROLE, str(info.path))
            item.setToolTip(str(info.path) if info.readable else f"{info.path}\n{info.problem}")
            if column == 2 or (column >= FIRST_COUNT_COLUMN and info.readable):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if not info.readable:
                item.setFlags(Qt.ItemFlag.NoItemFlags)  # greyed out, cannot be chosen
                item.setForeground(QBrush(QColor(DAMAGED_COLOUR)))
            self.table.setItem(row, column, item)
        if not info.readable:
            self.table.setSpan(row, FIRST_COUNT_COLUMN, 1, len(KINDS))

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        info = self.backups[rows[0].row()]
        return info if info.readable else None

    def select_backup(self, path: Path) -> bool:
        for row, info in enumerate(self.backups):
            if info.path == Path(path) and info.readable:
                self.table.selectRow(row)
                return True
        return False

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    # ---- restoring -------------------------------------------------------------------------

    def restore_selected(self) -> ProgressTask | None:
        info = self.selected()
        if info is None:
            return None
        when = taken_text(info)
        question = _("Replace all the current data by the backup of {when} ({reason})?").format(
            when=when, reason=reason_text(info.reason)) + "\n\n" + _(
            "The current database is backed up first, so you can return to it from this list.")
        if not self.ctx.dialogs.confirm(_("Restore backup"), question):
            return None
        self.restore_button.setEnabled(False)
        task = ProgressTask(self.ctx, _("Restoring the backup of {when}…").format(when=when), parent=self)
        # Alone: the reads running finish first, those asked for meanwhile wait for the restored data.
        return task.start(_restore, info.path, now=window_now(self.ctx), exclusive=True,
                          on_result=lambda safety: self._restored(when, safety), on_error=self._failed)

    def _restored(self, when: str, safety: Path) -> None:
        reload_window(self.ctx)
        self.ctx.edits.history_cleared(_("Restored the backup of {when}. The data replaced was backed up to {file}.")
                                       .format(when=when, file=Path(safety).name))
        self.restored.emit(Path(safety))
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self._selection_changed()
        self.ctx.show_error(exc)


def _restore(path: Path, *, now, progress=None) -> Path:
    """``restore_backup`` reports no progress; the dialog shows a busy bar meanwhile."""
    return restore_backup(path, now=now)


def restore_dialog(ctx) -> RestoreDialog:
    dialog = RestoreDialog(ctx)
    dialog.open()
    return dialog
