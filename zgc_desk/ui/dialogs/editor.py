"""Add / edit dialog for every kind of record, built from ``zgc_desk.schema.FIELDS``.

Validation runs as the user types, with the same ``clean_record`` the services use: each problem is
shown under its field in plain words (a wrong check character names the right one and offers to use
it), required fields are marked, and OK stays disabled while anything is invalid. Saving goes
through ``ctx.edits`` (undoable, logged); a refusal by the services (a number already recorded) is
shown the same way. The History tab shows the record's change log, the Files tab its attachments.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zgc_desk import numbers
from zgc_desk.errors import EditConflict, UserError, ValidationError
from zgc_desk.i18n import _
from zgc_desk.schema import DEFAULTS, FIELD_BY_KEY, FIELDS, clean_record
from zgc_desk.services import pledges, records
from zgc_desk.ui.icons import icon
from zgc_desk.ui.widgets.attachments import AttachmentsPanel
from zgc_desk.ui.widgets.fields import FieldInput, corrected_check_character, error_label, input_for
from zgc_desk.ui.widgets.history import HistoryView
from zgc_desk.ui.widgets.payments import PAYABLE_KINDS, PaymentsPanel
from zgc_desk.vocab import DEAD_PATENT_STATUSES, DEAD_TRADEMARK_STATUSES, RECORD_KINDS

DROPPED_STATUSES = DEAD_PATENT_STATUSES | DEAD_TRADEMARK_STATUSES  # a right given up or lost

KIND_ICONS = {"firm": "firm", "patent": "patent", "pct": "pct", "overseas": "overseas", "trademark": "trademark",
              "pledge_loan": "subsidy",
              "notice": "form"}


TITLE_BAR_PX = 40  # room the window frame takes above a dialog


class RecordEditor(QDialog):
    saved = Signal(int)  # the record's id

    def __init__(self, ctx, kind: str, record_id: int | None = None, firm_id: int | None = None, parent=None):
        super().__init__(parent or ctx.window)
        self.ctx, self.kind, self.record_id, self.firm_id = ctx, kind, record_id, firm_id
        self.inputs: dict[str, FieldInput] = {}
        self.errors: dict[str, QLabel] = {}
        self._touched: set[str] = set()
        self._fixes: dict[str, str] = {}
        self.pending_file: tuple[str, bytes] | None = None  # (name, bytes) attached with a new record
        record = records.read_record(kind, record_id) if record_id is not None else None
        self._version = record.row_version if record is not None else None  # saved against (optimistic lock)
        self._firm_code = self._firm_code_for(record, firm_id)
        self.setWindowIcon(icon(KIND_ICONS[kind]))
        what = _(RECORD_KINDS[kind])
        self.setWindowTitle(_("New {what}").format(what=what) if record is None else _("Edit {what}").format(what=what))
        self._build(record)
        values = record if record is not None else DEFAULTS.get(kind, {})
        for key, field_input in self.inputs.items():
            if key in values:
                field_input.set_value(values[key])
        self.validate()
        self._initial = self.raw()  # what Esc / Cancel compares with before discarding
        self._initial_status = values.get("status")
        self._initial_drop_from = values.get("drop_from")
        self._fit_screen(620, 680 if len(self.inputs) > 10 else 480)

    def _fit_screen(self, width: int, height: int) -> None:
        """The wished size, within the screen's work area less a title bar (a 1280 × 720 screen with
        a task bar leaves about 640 px): the fields scroll, the buttons stay in view."""
        from PySide6.QtGui import QGuiApplication

        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else None
        if area is not None and area.height() > 0:
            width, height = min(width, area.width()), min(height, area.height() - TITLE_BAR_PX)
        self.resize(width, height)

    def has_changes(self) -> bool:
        return self.raw() != self._initial

    def reject(self) -> None:
        """Esc, Cancel or the close button: ask before throwing away what was typed."""
        if self.has_changes() and not self.ctx.dialogs.confirm(
                self.windowTitle(), _("Discard the changes made in this form?")):
            return
        super().reject()

    def _firm_code_for(self, record, firm_id: int | None) -> str | None:
        if self.kind == "firm":
            return None
        if record is not None:
            return record.firm_credit_code
        return records.read_record("firm", int(firm_id)).credit_code if firm_id is not None else None

    # ---- layout ----------------------------------------------------------------------------

    def _build(self, record) -> None:
        form_holder = QWidget()
        form = QFormLayout(form_holder)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for spec in FIELDS[self.kind]:
            if spec.key == "firm_credit_code":
                continue  # the firm is the one the record belongs to
            form.addRow(self._label(spec), self._field_cell(spec))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_holder)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(scroll, _("Details"))
        self.history = HistoryView(self.kind, self.record_id)
        self.tabs.addTab(self.history, _("History"))
        self.tabs.setTabEnabled(1, record is not None)
        self.files = AttachmentsPanel(self.ctx, self.kind, self.record_id, self)
        self.tabs.addTab(self.files, _("Files"))
        self.tabs.setTabEnabled(2, record is not None)  # a new record gets files once saved
        if self.kind in PAYABLE_KINDS and record is not None:  # the fees marked paid on the Due list
            self.payments = PaymentsPanel(self.ctx, self.kind, self.record_id, self)
            self.tabs.addTab(self.payments, _("Payments"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: palette(placeholder-text);")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.note = QLabel(self)  # what a form opened from a file says about it (see prefill)
        self.note.setWordWrap(True)
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.tabs)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def prefill(self, values: dict, note: str = "", file: tuple[str, bytes] | None = None) -> None:
        """A new record's form filled from a file (a notice read from its PDF), for the user to
        confirm: ``note`` says what was found and what not; ``file`` is attached when it is saved."""
        for key, value in values.items():
            if key in self.inputs and value is not None:
                self.inputs[key].set_value(value)
                self._touched.add(key)
        self.pending_file = file
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.validate()

    def _label(self, spec) -> QLabel:
        text = _(spec.label) + (" *" if spec.required else "")
        label = QLabel(text)
        if spec.help:
            label.setToolTip(_(spec.help))
        return label

    def _field_cell(self, spec) -> QWidget:
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        field_input = input_for(self.kind, spec, cell)
        field_input.edited.connect(lambda key=spec.key: self._edited(key))
        error = error_label(cell)
        error.setTextFormat(Qt.TextFormat.RichText)
        error.linkActivated.connect(lambda _link, key=spec.key: self._apply_fix(key))
        column.addWidget(field_input)
        column.addWidget(error)
        self.inputs[spec.key], self.errors[spec.key] = field_input, error
        return cell

    # ---- validation ------------------------------------------------------------------------

    def raw(self) -> dict:
        values = {key: field_input.value() for key, field_input in self.inputs.items()}
        if self._firm_code is not None:
            values["firm_credit_code"] = self._firm_code
        return values

    def _edited(self, key: str) -> None:
        self._touched.add(key)
        if self.kind == "patent" and key == "application_no":
            self._suggest_patent_kind()
        self.validate()

    def _suggest_patent_kind(self) -> None:
        """The type digit of the number gives the patent type; fill it while the user has not."""
        if "kind" in self._touched:
            return
        try:
            kind = numbers.parse_cn_application(self.inputs["application_no"].value()).kind
        except numbers.NumberError:
            return
        self.inputs["kind"].set_value(kind)

    def validate(self) -> bool:
        cleaned = clean_record(self.kind, self.raw())
        editing = self.record_id is not None
        self._fixes = {}
        for key, label in self.errors.items():
            error = cleaned.errors.get(key)
            has_text = self.inputs[key].value() not in ("", None, False)
            if error is None or not (key in self._touched or editing or has_text):
                label.hide()
                continue
            text = error.message
            if error.expected:
                fixed = corrected_check_character(FIELD_BY_KEY[self.kind][key], str(self.inputs[key].value()),
                                                  error.expected)
                if fixed:
                    self._fixes[key] = fixed
                    use = _("Use {number}").format(number=fixed)
                    text += f' &nbsp;<a href="fix">{use}</a>'
            label.setText(text)
            label.show()
        missing = [_(FIELD_BY_KEY[self.kind][k].label) for k, e in cleaned.errors.items()
                   if k in self.inputs and self.errors[k].isHidden()]
        separator = _(", ")  # between items of a list in a sentence (Chinese: 、)
        self.summary.setText(_("Still to fill in: {fields}").format(fields=separator.join(missing)) if missing else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(cleaned.ok)
        return cleaned.ok

    def _apply_fix(self, key: str) -> None:
        if key in self._fixes:
            self.inputs[key].set_value(self._fixes[key])
            self._edited(key)

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, message in errors.items():
            if key in self.errors:
                self.errors[key].setText(message)
                self.errors[key].show()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    # ---- saving ----------------------------------------------------------------------------

    def accept(self) -> None:
        if not self.validate():
            return
        if not self._pledge_allows_dropping():
            return
        try:
            if self.record_id is None:
                firm_id = None if self.kind == "firm" else self.firm_id
                if self.pending_file is not None:  # the record and its file: one operation, one Undo
                    self.record_id = self.ctx.edits.create_with_file(self.kind, self.raw(), firm_id, *self.pending_file)
                else:
                    self.record_id = self.ctx.edits.create(self.kind, self.raw(), firm_id=firm_id)
            else:
                self.ctx.edits.update(self.kind, self.record_id, self.raw(), expected_version=self._version)
        except EditConflict as exc:
            if not self._resolve_conflict(exc):
                return
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        except UserError as exc:
            self.ctx.dialogs.error(self.windowTitle(), str(exc))
            return
        self.saved.emit(self.record_id)
        super().accept()

    def _pledge_allows_dropping(self) -> bool:
        """A pledged patent or trademark about to be recorded as lapsed, withdrawn or invalid, or
        decided to be dropped (fees stop from a day): the lender's security goes with it, so ask first
        (services.pledges)."""
        if self.record_id is None or self.kind not in ("patent", "trademark"):
            return True
        values = clean_record(self.kind, self.raw()).values
        status = values.get("status")
        newly_lapsing = status in DROPPED_STATUSES and status != self._initial_status
        newly_dropped = values.get("drop_from") is not None and self._initial_drop_from is None
        if not (newly_lapsing or newly_dropped):
            return True
        warning = pledges.pledged_warning(self.kind, self.record_id, self.ctx.today())
        return warning is None or self.ctx.dialogs.confirm(self.windowTitle(), warning + "\n\n" + _("Save anyway?"))

    def _resolve_conflict(self, conflict: EditConflict) -> bool:
        """Someone saved the record since it was opened here: reload their version, overwrite it
        knowingly, or go on editing. True when the record was saved (overwritten)."""
        choice = self.ctx.dialogs.choose(_("Changed by someone else"), str(conflict),
                                         [_("Reload their version"), _("Overwrite with mine"), _("Keep editing")])
        if choice == 0:
            values = records.read_record(self.kind, self.record_id)
            self._version = values.row_version
            for key, field_input in self.inputs.items():
                if key in values:
                    field_input.set_value(values[key])
            self.validate()
            return False
        if choice == 1:
            self._version = conflict.current_version
            self.ctx.edits.update(self.kind, self.record_id, self.raw(), expected_version=self._version)
            return True
        return False
