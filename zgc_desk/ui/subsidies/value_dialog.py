"""Entering a parameter's value for a new round (e.g. the amount of this year's notice) with its
source. Saved as the user's rule file for the policy, checked first: a problem is shown in plain
words next to the field it concerns, and nothing is saved."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from zgc_desk.dates import DateError, parse_date
from zgc_desk.errors import UserError
from zgc_desk.i18n import _
from zgc_desk.services import subsidies
from zgc_desk.subsidy_rules.loader import RuleFileError, load_sources
from zgc_desk.subsidy_rules.model import DatedValue, Policy
from zgc_desk.ui.subsidies import values
from zgc_desk.ui.widgets.fields import DateInput, error_label

OTHER = ""  # the source combo's entry for a document not in the shared list


class ParameterValueDialog(QDialog):
    saved = Signal(object)  # the checked Policy now in force

    def __init__(self, ctx, policy: Policy, parameter: str, start_from: DatedValue | None = None, parent=None):
        super().__init__(parent or ctx.window)
        self.ctx, self.policy, self.name = ctx, policy, parameter
        self.parameter = policy.parameter(parameter)
        self.setWindowTitle(_("New value of a parameter"))
        self.setMinimumWidth(620)
        self.sources = load_sources()
        self.errors: dict[str, QLabel] = {}
        self._build()
        self._fill(start_from or self.parameter.values[-1])

    # ---- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        head = QLabel(f"<b>{self.policy.title}</b> — {self.parameter.label}<br><small>{self.policy.id} · {self.name}"
                      f"</small>", self)
        head.setWordWrap(True)
        note = QLabel(_("The value applies to every round assessed on or after its date. It is saved as your own "
                        "rule file for this policy, which replaces the shipped one until you revert it."), self)
        note.setWordWrap(True)
        form = QFormLayout()
        self.start = DateInput(parent=self)
        self._row(form, _("Effective from:"), self.start, "from")
        self.value_box = QCheckBox(_("In force"), self) if self.parameter.type == "bool" else None
        self.value_line = QLineEdit(self) if self.value_box is None else None
        value_widget = self.value_box or self.value_line
        self._row(form, _("Value:"), value_widget, "value", values.hint(self.parameter.type))
        self.why_zh = self.why_en = None
        if self.value_box is not None:
            self.why_zh, self.why_en = QLineEdit(self), QLineEdit(self)
            self._row(form, _("Reason when not in force (Chinese):"), self.why_zh, "why")
            form.addRow(_("Reason when not in force (English):"), self.why_en)
            self.value_box.toggled.connect(self._why_needed)
        self.source = QComboBox(self)
        self.source.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source.setMinimumContentsLength(30)  # long document titles must not widen the dialog
        for ref, source in self.sources.items():
            self.source.addItem(source.citation() if source.number else source.document, ref)
        self.source.addItem(_("Another document…"), OTHER)
        self.source.currentIndexChanged.connect(self._source_changed)
        self._row(form, _("Source:"), self.source, "source")
        self.document, self.number, self.article, self.url = (QLineEdit(self) for _i in range(4))
        self.document.setPlaceholderText(_("e.g. the title of this year's application notice"))
        self.number.setPlaceholderText(_("e.g. 中科园发〔2026〕3号"))
        form.addRow(_("Document:"), self.document)
        form.addRow(_("Document number (文号):"), self.number)
        form.addRow(_("Article:"), self.article)
        form.addRow(_("Web address:"), self.url)
        self.verified = QCheckBox(_("Checked against the source document"), self)
        self._row(form, _("Verified:"), self.verified, "verified")
        self.last_checked = DateInput(parent=self)
        self._row(form, _("Last checked:"), self.last_checked, "last_checked")
        self.errors["general"] = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.errors["general"])
        layout.addWidget(self.buttons)

    def _row(self, form: QFormLayout, label: str, widget: QWidget, field: str, hint: str = "") -> None:
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            tip = QLabel(hint, holder)
            tip.setWordWrap(True)
            tip.setStyleSheet("color: palette(placeholder-text);")
            column.addWidget(tip)
        self.errors[field] = error_label(holder)
        column.addWidget(self.errors[field])
        form.addRow(label, holder)

    def _fill(self, start_from: DatedValue) -> None:
        self.start.set_value(dt.date(self.ctx.today().year, 1, 1))
        if self.value_box is not None:
            self.value_box.setChecked(bool(start_from.value))
            if start_from.why is not None:
                self.why_zh.setText(start_from.why.zh)
                self.why_en.setText(start_from.why.en)
            self._why_needed(self.value_box.isChecked())
        else:
            self.value_line.setText(values.as_text(self.parameter.type, start_from.value))
        source = start_from.source
        ref = next((ref for ref, known in self.sources.items() if known.document == source.document), OTHER)
        self.source.setCurrentIndex(self.source.findData(ref))
        self._source_changed()
        if ref == OTHER:
            for line, text in ((self.document, source.document), (self.number, source.number),
                               (self.url, source.url)):
                line.setText(text)
        self.article.setText(source.article)
        self.last_checked.set_value(self.ctx.today())

    def _why_needed(self, in_force: bool) -> None:
        for line in (self.why_zh, self.why_en):
            line.setEnabled(not in_force)

    def _source_changed(self) -> None:
        known = self.sources.get(self.source.currentData())
        for line, key in ((self.document, "document"), (self.number, "number"), (self.url, "url")):
            line.setReadOnly(known is not None)
            line.setText(getattr(known, key) if known is not None else "")
            line.setCursorPosition(0)  # a long title reads from its start
        self.article.setText(known.article if known is not None else "")

    # ---- saving ----------------------------------------------------------------------------

    def _show(self, field: str, text: str) -> None:
        label = self.errors.get(field) or self.errors["general"]
        label.setText((label.text() + "\n" if label.text() else "") + text)
        label.show()
        self.layout().activate()  # grow to show the message rather than squeeze the fields
        needed = self.layout().totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _date(self, widget: DateInput, field: str, required: bool) -> tuple[bool, dt.date | None]:
        text = widget.value().strip()
        if not text and not required:
            return True, None
        try:
            return True, parse_date(text)
        except DateError as exc:
            self._show(field, str(exc))
            return False, None

    def _source(self) -> dict:
        ref = self.source.currentData()
        if ref:
            source = {"ref": ref}
            if self.article.text().strip():
                source["article"] = self.article.text().strip()
            return source
        pairs = (("document", self.document), ("number", self.number), ("article", self.article), ("url", self.url))
        source = {key: line.text().strip() for key, line in pairs if line.text().strip()}
        source.setdefault("document", "")
        return source

    def _why(self, value) -> dict | str | None:
        if value is not False or self.why_zh is None:
            return None
        zh, en = self.why_zh.text().strip(), self.why_en.text().strip()
        if zh and en:
            return {"zh": zh, "en": en}
        return zh or en or None

    def save(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        ok_start, start = self._date(self.start, "from", True)
        ok_checked, checked = self._date(self.last_checked, "last_checked", False)
        if not (ok_start and ok_checked):
            return
        if self.value_box is not None:
            value = self.value_box.isChecked()
        else:
            value = values.parse(self.parameter.type, self.value_line.text())
        try:
            policy = subsidies.set_parameter_value(self.policy.id, self.name, start, value, self._source(),
                                                   self.verified.isChecked(), checked, self._why(value))
        except RuleFileError as exc:
            for problem in exc.problems:
                self._show(*values.place(problem, self.name))
            return
        except UserError as exc:
            self._show("general", str(exc))
            return
        self.saved.emit(policy)
        self.accept()

    def error_text(self, field: str) -> str:
        """The message shown next to a field ("" when none)."""
        label = self.errors[field]
        return label.text() if not label.isHidden() else ""
