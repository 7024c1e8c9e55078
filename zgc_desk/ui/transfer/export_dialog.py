"""File → Export workbook… (the current firm or every firm, in the import layout) and File → Blank
import template…; both offer to show the folder afterwards."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QRadioButton, QVBoxLayout

from zgc_desk.i18n import _, format_date, format_number
from zgc_desk.services import records
from zgc_desk.services.transfer import export_workbook, write_template
from zgc_desk.ui.files import offer_to_open
from zgc_desk.ui.icons import icon
from zgc_desk.ui.transfer.files import save_workbook, workbook_folder
from zgc_desk.ui.transfer.progress import ProgressTask, show_status

_UNSAFE_IN_NAMES = str.maketrans({c: "_" for c in '\\/:*?"<>|'})



def _current_firm(ctx) -> dict | None:
    """The current firm's name and credit code: the firm list's, or read when the window keeps none."""
    if ctx.firm_id is None:
        return None
    listed = ctx.current_firm()
    if listed is not None:
        return listed
    try:
        firm = records.read_record("firm", ctx.firm_id)
    except records.NotFound:  # deleted meanwhile
        return None
    return {"id": ctx.firm_id, "name": firm.name, "credit_code": firm.credit_code}


class ExportDialog(QDialog):
    exported = Signal(object)  # Path of the workbook written

    def __init__(self, ctx, parent=None):
        super().__init__(parent or ctx.window)
        self.ctx = ctx
        self.setWindowTitle(_("Export workbook"))
        self.setWindowIcon(icon("export"))
        firm = _current_firm(ctx)
        self.firm = firm
        self.one_firm = QRadioButton(_("Only {firm}").format(firm=firm["name"]) if firm else _("Only the current firm"),
                                     self)
        self.one_firm.setEnabled(firm is not None)
        self.all_firms = QRadioButton(_("All firms ({count})").format(count=format_number(records.count_firms())),
                                      self)
        (self.one_firm if firm is not None else self.all_firms).setChecked(True)
        note = QLabel(_("The workbook has the layout of the import workbook: it can be edited in Excel and "
                        "imported again."), self)
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export…"))
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Records to export:"), self))
        layout.addWidget(self.one_firm)
        layout.addWidget(self.all_firms)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(460, 200)

    def suggested_name(self) -> str:
        day = format_date(self.ctx.today(), "iso")
        if self.one_firm.isChecked() and self.firm is not None:
            name = _("{firm} {date}.xlsx").format(firm=self.firm["name"], date=day)
        else:
            name = _("ZGC Desk export {date}.xlsx").format(date=day)
        return name.translate(_UNSAFE_IN_NAMES)

    def export(self) -> ProgressTask | None:
        """Ask where to write, then export with progress (Cancel leaves no file)."""
        code = self.firm["credit_code"] if self.one_firm.isChecked() and self.firm is not None else None
        out = save_workbook(self.ctx, _("Export workbook"), workbook_folder(self.ctx) / self.suggested_name())
        if out is None:
            return None  # the choice stays on screen
        self.hide()
        task = ProgressTask(self.ctx, _("Exporting to {file}…").format(file=out.name), cancellable=True)
        return task.start(export_workbook, out, code, on_result=lambda rows: self._exported(out, rows),
                          on_error=self._failed, on_cancel=self._cancelled)

    def _exported(self, out: Path, rows: dict[str, int]) -> None:
        self.accept()
        self.exported.emit(out)
        count = sum(rows.values())
        message = _("{count} records were exported to {path}.").format(count=format_number(count), path=out)
        show_status(self.ctx, message)
        offer_to_open(self.ctx, out, _("Export workbook"), message)

    def _cancelled(self) -> None:
        show_status(self.ctx, _("Export cancelled; no file was written."))
        self.reject()

    def _failed(self, exc: BaseException) -> None:
        self.reject()
        self.ctx.show_error(exc)


def export_dialog(ctx) -> ExportDialog:
    dialog = ExportDialog(ctx)
    dialog.open()
    return dialog


def write_blank_template(ctx):
    """Ask where, write the blank import workbook (instructions and one sheet per kind), offer the folder."""
    suggested = workbook_folder(ctx) / _("ZGC Desk import template.xlsx")
    out = save_workbook(ctx, _("Blank import template"), suggested)
    if out is None:
        return None

    def written(path) -> None:
        message = _("The blank import workbook was written to {path}.").format(path=path)
        show_status(ctx, message)
        offer_to_open(ctx, Path(path), _("Blank import template"), message)

    return ctx.tasks.run(write_template, out, on_result=written, label=_("Writing the template…"))
