"""Dialogs of the Due list: recording a national-phase entry, the reminder lead times per kind of
deadline, and the start-up summary of what is due soon and what was missed."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from zgc_desk.dates import DateError, parse_date
from zgc_desk.deadlines import Deadline
from zgc_desk.deadlines.basis import kind_label
from zgc_desk.errors import UserError, ValidationError
from zgc_desk.i18n import _, format_date
from zgc_desk.schema import clean_record
from zgc_desk.services import records
from zgc_desk.services.due_list import (
    REMINDER_KINDS,
    DueSummary,
    summary_headline,
    summary_lines,
    what_label,
)
from zgc_desk.services.settings import get_setting, set_setting
from zgc_desk.ui.due.commands import record_entry
from zgc_desk.ui.settings import Setting
from zgc_desk.ui.widgets.fields import DateInput, TextInput, error_label

SUMMARY_AT_START = Setting("due/summary_at_start", True)
MAX_LEAD_DAYS = 730


class NationalPhaseDialog(QDialog):
    """The application number and entry date of a national/regional phase, checked as typed."""

    saved = Signal()

    def __init__(self, ctx, deadline: Deadline, parent=None):
        super().__init__(parent or ctx.window)
        self.ctx, self.deadline = ctx, deadline
        self.pct = records.read_record("pct", deadline.matter_id)
        self.setWindowTitle(_("Record national phase entry"))
        intro = QLabel(_("{pct} enters the {office} national/regional phase ({what}, due {due}).").format(
            pct=deadline.matter, office=deadline.office, what=what_label(deadline),
            due=format_date(deadline.due, "iso")), self)
        intro.setWordWrap(True)
        self.number = TextInput(_("the number the office gave the application"), self)
        self.date = DateInput("", self)
        self.date.set_value(ctx.today())
        self.number_error, self.date_error, self.general_error = (error_label(self) for _i in range(3))
        form = QFormLayout()
        form.addRow(_("Application number *"), self.number)
        form.addRow("", self.number_error)
        form.addRow(_("Entry date *"), self.date)
        form.addRow("", self.date_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.number.edited.connect(self.validate)
        self.date.edited.connect(self.validate)
        self.validate()
        self.resize(520, 0)

    def _problems(self) -> dict[str, str]:
        raw = {"office": self.deadline.office, "application_no": self.number.value(),
               "filing_date": self.date.value()}
        cleaned = clean_record("overseas", raw, partial=True)
        problems = {key: error.message for key, error in cleaned.errors.items()}
        if "filing_date" in problems:
            return problems
        entered = cleaned.values.get("filing_date")
        if entered is None:
            problems["filing_date"] = _("required")
        elif entered > self.ctx.today():
            problems["filing_date"] = _("{date} is in the future").format(date=format_date(entered, "iso"))
        elif entered < self.pct.intl_filing_date:
            problems["filing_date"] = _("{date} is before the international filing date {filed}").format(
                date=format_date(entered, "iso"), filed=format_date(self.pct.intl_filing_date, "iso"))
        return problems

    def validate(self) -> bool:
        problems = self._problems()
        typed = bool(str(self.number.value()).strip())
        for key, label in (("application_no", self.number_error), ("filing_date", self.date_error)):
            show = key in problems and (key != "application_no" or typed)
            label.setText(problems.get(key, ""))
            label.setVisible(show)
        self.general_error.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        return not problems

    def accept(self) -> None:
        if not self.validate():
            return
        try:
            record_entry(self.ctx.edits, self.deadline, self.number.value().strip(), parse_date(self.date.value()))
        except ValidationError as exc:
            labels = {"application_no": self.number_error, "filing_date": self.date_error}
            for key, message in exc.errors.items():
                if key in labels:
                    labels[key].setText(message)
                    labels[key].show()
            other = [message for key, message in exc.errors.items() if key not in labels]
            if other:
                self._show_general(_("; ").join(other))
            return
        except (UserError, DateError) as exc:
            self._show_general(str(exc))
            return
        self.saved.emit()
        super().accept()

    def _show_general(self, text: str) -> None:
        self.general_error.setText(text)
        self.general_error.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)


class LeadTimesDialog(QDialog):
    """Days before a deadline it shows as coming, per kind; "as in general" follows the general value.
    Kept in the database (``lead_days``), so every computer using it reminds alike."""

    saved = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent or ctx.window)
        self.ctx = ctx
        self.setWindowTitle(_("Reminder lead times"))
        current = dict(get_setting("lead_days") or {})
        intro = QLabel(_("How many days before its due date a deadline appears in the Due list's "
                         "“Coming” view. Missed deadlines always show."), self)
        intro.setWordWrap(True)
        form = QFormLayout()
        self.general = QSpinBox(self)
        self.general.setRange(0, MAX_LEAD_DAYS)
        self.general.setSuffix(" " + _("days"))
        self.general.setValue(int(current.get("default", 90)))
        form.addRow(_("In general:"), self.general)
        self.boxes: dict[str, QSpinBox] = {}
        for kind in REMINDER_KINDS:
            box = QSpinBox(self)
            box.setRange(-1, MAX_LEAD_DAYS)
            box.setSpecialValueText(_("as in general"))  # shown at -1
            box.setSuffix(" " + _("days"))
            box.setValue(int(current[kind]) if kind in current else -1)
            self.boxes[kind] = box
            form.addRow(_("{what}:").format(what=kind_label(kind)), box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(460, 0)

    def values(self) -> dict[str, int]:
        chosen = {"default": self.general.value()}
        chosen.update({kind: box.value() for kind, box in self.boxes.items() if box.value() >= 0})
        return chosen

    def accept(self) -> None:
        self.ctx.edits.done(set_setting("lead_days", self.values()))
        self.saved.emit()
        super().accept()


def summary_html(summary: DueSummary, firm_name: str = "") -> str:
    parts = []
    if firm_name:
        parts.append(f"<p><b>{html.escape(firm_name)}</b></p>")
    parts.append(f"<p>{html.escape(summary_headline(summary))}</p>")
    for heading, lines in summary_lines(summary):
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        parts.append(f"<p style='margin-bottom:0'>{html.escape(heading)}</p><ul style='margin-top:2px'>{items}</ul>")
    return "".join(parts)


class SummaryDialog(QDialog):
    """Non-modal: what is due in the next 30 days and what was missed, with a way to the Due list."""

    show_list = Signal()

    def __init__(self, ctx, summary: DueSummary, firm_name: str, parent=None):
        super().__init__(parent or ctx.window)
        self.ctx = ctx
        self.setWindowTitle(_("Deadlines as of {date}").format(date=format_date(summary.as_of, "iso")))
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.text = QLabel(summary_html(summary, firm_name), self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.at_start = QCheckBox(_("Show this summary when ZGC Desk starts"), self)
        self.at_start.setChecked(bool(ctx.settings.get(SUMMARY_AT_START)))
        self.at_start.toggled.connect(lambda on: ctx.settings.set(SUMMARY_AT_START, bool(on)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_list = QPushButton(_("Open the Due list"), self)
        buttons.addButton(self.open_list, QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_list.clicked.connect(lambda: self.show_list.emit())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.at_start)
        layout.addWidget(buttons)
        self.resize(560, 0)
