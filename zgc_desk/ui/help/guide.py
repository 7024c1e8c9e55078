"""Help → User guide (F1): the short guide bundled as HTML in the user's language, shown in a
QTextBrowser (no web engine, no network)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from zgc_desk.i18n import _, current_language
from zgc_desk.paths import resources_dir

FALLBACK = "en"


def guide_path(language: str | None = None) -> Path:
    """``resources/help/guide.<language>.html``; the English one for a language without its own."""
    folder = resources_dir() / "help"
    wanted = folder / f"guide.{language or current_language()}.html"
    return wanted if wanted.is_file() else folder / f"guide.{FALLBACK}.html"


class GuideDialog(QDialog):
    def __init__(self, parent=None, language: str | None = None):
        super().__init__(parent)
        self.setObjectName("help_guide")
        self.language = language or current_language()
        self.setWindowTitle(_("ZGC Desk user guide"))
        self.resize(860, 680)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)  # the guide is offline; its links are its own anchors
        path = guide_path(self.language)
        if path.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(path)))
        else:  # a build that lost its resources: say so rather than show an empty window
            self.browser.setPlainText(_("The user guide is missing from this installation ({path}).").format(
                path=path))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


def show_guide(ctx) -> GuideDialog:
    """Open the guide (non-modal) in the current language, or raise the one already open."""
    dialog = ctx.extras.get("help_guide")
    if dialog is not None and dialog.language != current_language():  # the language was switched
        dialog.deleteLater()
        dialog = None
    if dialog is None:
        dialog = GuideDialog(ctx.window)
        ctx.extras["help_guide"] = dialog
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
