"""Fill in a policy's application form (申报表) for the current firm: choose policy, round, format
and folder; the form is written off the GUI thread with a progress dialog. With nothing eligible
the service's reason is shown and the form can be written anyway, stating so."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from zgc_desk.errors import UserError
from zgc_desk.i18n import _
from zgc_desk.services import records, subsidies
from zgc_desk.services.documents import NothingToClaim, fill_application
from zgc_desk.subsidy_rules.loader import shipped_policy_ids
from zgc_desk.ui import files
from zgc_desk.ui.errors import describe
from zgc_desk.ui.subsidies import texts
from zgc_desk.ui.subsidies.files import DOCUMENTS_FOLDER
from zgc_desk.ui.widgets.fields import error_label

FORMATS = (("xlsx", ".xlsx"), ("pdf", ".pdf"))
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')  # characters a file name may not hold on Windows


def round_spin(parent: QWidget, year: int) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(2000, 2100)
    spin.setValue(year)
    spin.setGroupSeparatorShown(False)
    return spin


def file_name(firm_name: str, what: str, when, suffix: str) -> str:
    """A file name such as 北京某某科技有限公司_invention_grant_2024.xlsx (safe on every system)."""
    return _UNSAFE.sub("_", f"{firm_name}_{what}_{when}").strip("_") + suffix


class FillApplicationDialog(QDialog):
    written = Signal(object)  # the Path written

    def __init__(self, ctx, firm_id: int, policy: str | None = None, round_year: int | None = None, parent=None):
        super().__init__(parent or ctx.window)
        self.ctx, self.firm_id = ctx, firm_id
        self.firm = records.read_record("firm", firm_id)
        self.task = None
        self.setWindowTitle(_("Fill application"))
        self.setMinimumWidth(560)
        self._build(policy, round_year or ctx.today().year)
        self._update_name()

    def _build(self, policy: str | None, year: int) -> None:
        head = QLabel(f"<b>{self.firm.name}</b> {self.firm.credit_code}", self)
        self.policy = QComboBox(self)
        try:
            choices = [(f"{item.title} ({item.id})", item.id) for item in subsidies.list_policies()]
        except UserError:  # a broken rule file: the ids still serve; writing then names the problem
            choices = [(policy_id, policy_id) for policy_id in shipped_policy_ids()]
        for label, policy_id in choices:
            self.policy.addItem(label, policy_id)
        if policy is not None and self.policy.findData(policy) >= 0:
            self.policy.setCurrentIndex(self.policy.findData(policy))
        self.round = round_spin(self, year)
        self.excel, self.pdf = QRadioButton(_("Excel workbook"), self), QRadioButton(_("PDF, ready to print"), self)
        self.excel.setChecked(True)
        self.format_group = QButtonGroup(self)
        formats = QHBoxLayout()
        for button in (self.excel, self.pdf):
            self.format_group.addButton(button)
            formats.addWidget(button)
        formats.addStretch(1)
        self.folder = QLineEdit(str(files.remembered_folder(self.ctx, DOCUMENTS_FOLDER)), self)
        self.browse_button = QPushButton(_("Browse…"), self)
        self.browse_button.clicked.connect(self.browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse_button)
        self.name_label = QLabel(self)
        self.name_label.setStyleSheet("color: palette(placeholder-text);")
        self.name_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Policy:"), self.policy)
        form.addRow(_("Round:"), self.round)
        form.addRow(_("Format:"), formats)
        form.addRow(_("Folder:"), folder_row)
        form.addRow("", self.name_label)
        note = QLabel(_("Amounts resting on unverified parameters are marked on the form ({mark}).").format(
            mark=texts.UNVERIFIED_MARK), self)
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {texts.UNVERIFIED_COLOUR.name()};")
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Write"))
        self.buttons.accepted.connect(lambda: self.write())
        self.buttons.rejected.connect(self.reject)
        for signal in (self.policy.currentIndexChanged, self.round.valueChanged, self.folder.textChanged,
                       self.format_group.buttonToggled):
            signal.connect(self._update_name)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    # ---- choices ---------------------------------------------------------------------------

    def suffix(self) -> str:
        return ".pdf" if self.pdf.isChecked() else ".xlsx"

    def out_path(self) -> Path:
        name = file_name(self.firm.name, self.policy.currentData(), self.round.value(), self.suffix())
        return Path(self.folder.text().strip()).expanduser() / name

    def _update_name(self, *_args) -> None:
        self.name_label.setText(_("File: {name}").format(name=self.out_path().name))

    def browse(self) -> None:
        chosen = files.choose_folder(self.ctx, _("Folder for the application"), Path(self.folder.text()))
        if chosen is not None:
            self.folder.setText(str(chosen))

    # ---- writing ---------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def write(self, allow_empty: bool = False) -> None:
        self._say("")
        path = self.out_path()
        if not path.parent.is_dir():
            self._say(_("The folder {folder} does not exist. Choose another with Browse…").format(folder=path.parent))
            return
        if path.exists() and not allow_empty and not self.ctx.dialogs.confirm(
                _("Fill application"), _("{name} exists already. Replace it?").format(name=path.name)):
            return
        self.buttons.setEnabled(False)
        label = _("Writing the application for {policy}, round {year}…").format(
            policy=self.policy.currentData(), year=self.round.value())
        self.task = self.ctx.tasks.run(fill_application, self.firm_id, self.policy.currentData(), self.round.value(),
                                       path, self.ctx.today(), allow_empty=allow_empty, progress=True, modal=True,
                                       label=label, on_result=self._written, on_error=self._failed)

    def _written(self, path: Path) -> None:
        self.task = None
        files.remember_folder(self.ctx, DOCUMENTS_FOLDER, Path(path).parent)
        self.written.emit(Path(path))
        self.accept()
        files.offer_to_open(self.ctx, Path(path), _("Application written"))

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.buttons.setEnabled(True)
        if isinstance(exc, NothingToClaim):
            question = str(exc) + "\n\n" + _("Write the form anyway, stating that there is nothing to claim?")
            self._say(str(exc))
            if self.ctx.dialogs.confirm(_("Nothing to claim"), question):
                self.write(allow_empty=True)
            return
        self._say(describe(exc))
