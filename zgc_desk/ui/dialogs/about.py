"""About box: version, where the data lives, and the third-party parts shipped."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout

from zgc_desk import __version__
from zgc_desk.i18n import _
from zgc_desk.paths import user_data_dir
from zgc_desk.ui.icons import app_icon
from zgc_desk.ui.settings import DATA_FOLDER


class AboutDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent or ctx.window)
        self.setWindowTitle(_("About ZGC Desk"))
        picture = QLabel(self)
        picture.setPixmap(app_icon().pixmap(96, 96))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        data_folder = ctx.settings.get(DATA_FOLDER) or str(user_data_dir())
        database = str(ctx.db_path) if ctx.db_path else "—"
        text = QLabel(self)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        text.setOpenExternalLinks(False)
        text.setWordWrap(True)
        blurb = _("IP portfolio, deadlines and subsidy claims for Zhongguancun firms. Works offline; "
                  "your data stays on this computer.")
        credits = _("Built with Qt {qt} (PySide6 {pyside}). Chinese font: Droid Sans Fallback "
                    "(Apache License 2.0).").format(qt=qVersion(), pyside=PySide6.__version__)
        name = _("ZGC Desk")
        places = [(_("Data folder"), data_folder), (_("Database"), database), (_("Settings file"), ctx.settings.path)]
        heading = _("{label}:")
        lines = "".join(f"<p><b>{heading.format(label=label)}</b><br>{value}</p>" for label, value in places)
        text.setText(f"<h2>{name} {__version__}</h2><p>{blurb}</p>{lines}<p style='color:gray'>{credits}</p>")
        self.text = text
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(picture)
        row.addWidget(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(560, 380)


def show_about(ctx) -> AboutDialog:
    dialog = AboutDialog(ctx)
    dialog.open()
    return dialog
