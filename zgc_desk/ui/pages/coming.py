"""A page whose content another part of the program provides (Due list, Subsidies): until that part
is installed it says what the page will do, rather than showing an empty frame."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from zgc_desk.i18n import _
from zgc_desk.ui.icons import icon
from zgc_desk.ui.pages.base import Page


class ComingPage(Page):
    def __init__(self, ctx, title: str, icon_name: str, text: str, points: list[str], parent=None):
        super().__init__(ctx, parent)
        picture = QLabel(self)
        picture.setPixmap(icon(icon_name).pixmap(64, 64))
        heading = QLabel(f"<h2>{title}</h2>", self)
        body = QLabel(self)
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.RichText)
        items = "".join(f"<li>{point}</li>" for point in points)
        note = _("This page is being prepared.")
        body.setText(f"<p>{text}</p><ul>{items}</ul><p><i>{note}</i></p>")
        body.setMaximumWidth(720)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.addWidget(picture)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)
