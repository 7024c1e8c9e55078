"""The note the first start shows above the pages: the database just opened is the demo, and how to
start a real one. Shown once — the start that wrote the demo (``ctx.extras["demo_written"]``, set by
``zgc_desk.ui.app.open_window``) — until the user closes it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from zgc_desk.i18n import _
from zgc_desk.ui.main_window import button_text


class DemoNote(QFrame):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.setObjectName("demo_note")
        self.setStyleSheet("#demo_note { background: #e3effb; border: 1px solid #9fc2e7; border-radius: 4px; }")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setText("<b>{}</b><br>{}".format(
            _("This is a demo database: the two firms in it are made up, to show what every page does."),
            _("To keep your own portfolio, add your firm with File → New firm… (and delete the demo firms), "
              "import a filled workbook with File → Import workbook…, or start with a new, empty database "
              "file: zgc-desk --db PATH.")))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.text, 1)
        window = ctx.window
        for key in ("new_firm", "import"):
            try:
                action = window.action(key)
            except KeyError:  # a window built without that contribution
                continue
            button = QPushButton(action.icon(), button_text(action.text()) + "…", self)
            button.setObjectName(f"demo_note_{key}")
            button.clicked.connect(action.trigger)
            layout.addWidget(button)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(_("Hide this note"))
        close.clicked.connect(self.hide)
        layout.addWidget(close)


def show_demo_note(ctx) -> DemoNote:
    """Put the note above the window's pages (the central widget moves into a frame with it)."""
    window = ctx.window
    pages = window.takeCentralWidget()
    holder = QWidget(window)
    column = QVBoxLayout(holder)
    column.setContentsMargins(6, 6, 6, 0)
    column.setSpacing(4)
    note = DemoNote(ctx, holder)
    column.addWidget(note)
    column.addWidget(pages, 1)
    window.setCentralWidget(holder)
    ctx.extras["demo_note"] = note
    return note
