"""Settings: language and data folder (this computer, applied at next start), reminder lead times
and backups kept (this database)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from zgc_desk.deadlines.kinds import KIND_TABLE, default_lead_days
from zgc_desk.i18n import N_, _
from zgc_desk.paths import user_data_dir
from zgc_desk.services.settings import get_setting, set_settings
from zgc_desk.ui.settings import DATA_FOLDER, LANGUAGE

LANGUAGES = (("", N_("As the system")), ("zh_CN", "中文（简体）"), ("en", "English"))
# Lead times the dialog offers: the general one and those of the kinds with a default of their own
# (the kinds table); key in the "lead_days" setting -> label. The Due list's dialog offers every kind.
LEAD_TIMES = (("default", N_("Deadlines in general")),
              *((key, KIND_TABLE[key].label) for key in default_lead_days() if key != "default"))


class SettingsDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent or ctx.window)
        self.ctx = ctx
        self.setWindowTitle(_("Settings"))
        self.language = QComboBox(self)
        for code, label in LANGUAGES:
            self.language.addItem(_(label), code)
        self.language.setCurrentIndex(max(self.language.findData(ctx.settings.get(LANGUAGE)), 0))
        self.folder = QLineEdit(ctx.settings.get(DATA_FOLDER) or "", self)
        self.folder.setPlaceholderText(str(user_data_dir()))
        browse = QPushButton(_("Browse…"), self)
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        machine = QGroupBox(_("This computer"), self)
        machine_form = QFormLayout(machine)
        machine_form.addRow(_("Language:"), self.language)
        machine_form.addRow(_("Data folder:"), folder_row)
        note = QLabel(_("Language and data folder take effect the next time ZGC Desk starts."), machine)
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        machine_form.addRow(note)

        self.lead = get_setting("lead_days") or {}
        self.lead_boxes: dict[str, QSpinBox] = {}
        database = QGroupBox(_("This database"), self)
        database_form = QFormLayout(database)
        for key, label in LEAD_TIMES:
            box = QSpinBox(self)
            box.setRange(0, 730)
            box.setSuffix(" " + _("days"))
            box.setValue(int(self.lead.get(key, self.lead.get("default", 90))))
            self.lead_boxes[key] = box
            database_form.addRow(_("Remind before: {what}").format(what=_(label)), box)
        self.backups = QSpinBox(self)
        self.backups.setRange(1, 200)
        self.backups.setValue(int(get_setting("backups_kept") or 10))
        database_form.addRow(_("Backups kept:"), self.backups)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(machine)
        layout.addWidget(database)
        layout.addWidget(buttons)
        self.resize(560, 0)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Data folder"), self.folder.text() or str(user_data_dir()))
        if folder:
            self.folder.setText(folder)

    def accept(self) -> None:
        self.ctx.settings.set(LANGUAGE, self.language.currentData())
        self.ctx.settings.set(DATA_FOLDER, self.folder.text().strip())
        # Only the lead times changed here: a kind left "as in general" in the Due list's own
        # lead-time dialog keeps following the general value.
        lead = dict(self.lead)
        for key, box in self.lead_boxes.items():
            shown = int(self.lead.get(key, self.lead.get("default", 90)))
            if box.value() != shown:
                lead[key] = box.value()
        self.ctx.edits.done(set_settings({"lead_days": lead, "backups_kept": self.backups.value()}))
        super().accept()
