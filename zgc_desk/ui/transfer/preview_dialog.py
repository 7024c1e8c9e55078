"""The import preview: what the workbook would add, update and leave unchanged per sheet, every error
(one line each, as the command line prints them) and warning. Nothing is written until Import is
pressed, and Import stays disabled while the workbook has errors."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from zgc_desk.i18n import _, format_number, ngettext
from zgc_desk.io.import_issues import Counts, ImportPlan, changed_fields_text
from zgc_desk.services.transfer import apply_import, save_error_workbook
from zgc_desk.ui.files import offer_to_open
from zgc_desk.ui.icons import icon
from zgc_desk.ui.transfer.files import save_workbook, workbook_folder
from zgc_desk.ui.transfer.progress import ProgressTask, window_now
from zgc_desk.ui.transfer.texts import import_summary

ERROR_COLOUR = "#b3261e"
WARNING_COLOUR = "#8a5a00"


class ImportPreviewDialog(QDialog):
    imported = Signal(object)  # the services' ImportResult
    errors_saved = Signal(object)  # Path of the error workbook

    def __init__(self, ctx, plan: ImportPlan, parent=None):
        super().__init__(parent or ctx.window)
        self.ctx, self.plan = ctx, plan
        self.setWindowTitle(_("Import {file}").format(file=plan.path.name))
        self.setWindowIcon(icon("import"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self._heading_text(), self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        where = QLabel(str(plan.path), self)
        where.setStyleSheet("color: gray")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setWordWrap(True)
        layout.addWidget(where)
        self.counts = self._counts_table()
        layout.addWidget(self.counts)
        self.errors_title, self.errors = self._lines_box(layout, plan.listed_error_lines(), ERROR_COLOUR, ngettext(
            "{count} error", "{count} errors", len(plan.errors)).format(count=format_number(len(plan.errors))), 3)
        self.warnings_title, self.warnings = self._lines_box(layout, plan.listed_warning_lines(), WARNING_COLOUR, ngettext(
            "{count} warning (imported anyway)", "{count} warnings (imported anyway)", len(plan.warnings))
            .format(count=format_number(len(plan.warnings))), 1)
        self.note = QLabel(self._note_text(), self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self._build_buttons(layout)
        self.resize(780, min(self.sizeHint().height(), 620))

    # ---- parts -----------------------------------------------------------------------------

    def _heading_text(self) -> str:
        if self.plan.errors:
            text = ngettext("The workbook has {count} error. Nothing can be imported until it is corrected.",
                            "The workbook has {count} errors. Nothing can be imported until they are corrected.",
                            len(self.plan.errors)).format(count=format_number(len(self.plan.errors)))
            return f'<b style="color:{ERROR_COLOUR}">{text}</b>'
        return "<b>{}</b>".format(_("The workbook is correct. Importing it will make these changes:"))

    def _note_text(self) -> str:
        if self.plan.errors:
            return _("Save the error list as Excel to get a copy of the workbook with the bad rows and cells "
                     "highlighted, correct it, and import it again.")
        return _("Nothing has been written yet. The database is backed up before the import, and the import "
                 "is all or nothing.")

    def _counts_table(self) -> QTableWidget:
        headers = [_("Sheet"), _("Added"), _("Updated"), _("Unchanged"), _("Changes (records per column)")]
        counts = self.plan.counts or {}
        table = QTableWidget(len(self.plan.records), len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for row, (kind, records) in enumerate(self.plan.records.items()):
            count = counts.get(kind, Counts())
            cells = [records.sheet.shown(), count.added, count.updated, count.unchanged,
                     changed_fields_text(records.sheet, count)]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value if isinstance(value, str) else format_number(value))
                item.setToolTip(value if isinstance(value, str) else "")
                if not isinstance(value, str):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setMinimumSectionSize(72)  # short Chinese headers (新增) would give cramped columns
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        rows_height = sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(rows_height + header.sizeHint().height() + 2 * table.frameWidth())
        table.setVisible(self.plan.counts is not None)  # counted only for a workbook without errors
        return table

    def _lines_box(self, layout, lines: list[str], colour: str, title: str, stretch: int):
        label = QLabel(f'<b style="color:{colour}">{title}</b>', self)
        text = QPlainTextEdit(self)
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        text.setPlainText("\n".join(lines))
        text.setMaximumHeight(self._height_for(text, len(lines)))  # a few lines get a small box
        label.setVisible(bool(lines))
        text.setVisible(bool(lines))
        layout.addWidget(label)
        layout.addWidget(text, stretch)
        return label, text

    @staticmethod
    def _height_for(text: QPlainTextEdit, lines: int) -> int:
        if lines > 30:
            return 16777215  # Qt's "no maximum"
        margins = 2 * (text.frameWidth() + int(text.document().documentMargin())) + 4
        scroll_bar = text.horizontalScrollBar().sizeHint().height()  # long lines scroll sideways
        return text.fontMetrics().lineSpacing() * max(lines, 2) + margins + scroll_bar

    def _build_buttons(self, layout) -> None:
        self.buttons = QDialogButtonBox(self)
        self.save_errors_button = QPushButton(icon("export"), _("Save error list as Excel…"), self)
        self.save_errors_button.clicked.connect(self.save_errors)
        self.import_button = QPushButton(icon("import"), _("Import"), self)
        self.import_button.setEnabled(self.plan.ok)
        self.import_button.setDefault(self.plan.ok)
        self.import_button.clicked.connect(self.start_import)
        self.buttons.addButton(self.save_errors_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_errors_button.setVisible(bool(self.plan.errors or self.plan.warnings))  # after addButton shows it
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # ---- actions ---------------------------------------------------------------------------

    def save_errors(self) -> None:
        suggested = workbook_folder(self.ctx) / _("{name} errors.xlsx").format(name=self.plan.path.stem)
        out = save_workbook(self.ctx, _("Save error list as Excel"), suggested)
        if out is None:
            return
        self.ctx.tasks.run(save_error_workbook, self.plan, out, on_result=self._errors_saved,
                           label=_("Writing the error list…"))

    def _errors_saved(self, out: Path) -> None:
        self.errors_saved.emit(Path(out))
        offer_to_open(self.ctx, out, _("Save error list as Excel"),
                      _("The rows with errors are highlighted in {path}").format(path=out))

    def start_import(self) -> ProgressTask | None:
        if not self.plan.ok:
            return None
        self.import_button.setEnabled(False)
        task = ProgressTask(self.ctx, _("Importing {file}…").format(file=self.plan.path.name), parent=self)
        return task.start(apply_import, self.plan, now=window_now(self.ctx), on_result=self._imported,
                          on_error=self._failed)

    def _imported(self, result) -> None:
        self.ctx.hub.publish(result.changed)
        self.ctx.edits.history_cleared(import_summary(self.plan.path.name, result.counts))
        self.imported.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        self.ctx.show_error(exc)
