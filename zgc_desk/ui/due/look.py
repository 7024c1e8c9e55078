"""How deadlines look: urgency colours (soft backgrounds, readable with dark text), the mark of a
provisional date, and the legend that explains both."""

from __future__ import annotations

import functools

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from zgc_desk.i18n import _
from zgc_desk.services.due_list import URGENCY_LABELS
from zgc_desk.ui.widgets.flow import FlowLayout

# urgency -> (text colour, background); None leaves the palette's
URGENCY_COLOURS = {
    "overdue": ("#9b1c1c", "#fbe1df"),
    "soon": ("#7a4100", "#fde9cf"),
    "near": (None, "#fff6cc"),
    "later": (None, None),
    "done": ("#8a8a8a", None),
}
PROVISIONAL_COLOUR = "#c77c00"


@functools.cache
def provisional_icon() -> QIcon:
    """An amber disc with an asterisk: "this date may still move"."""
    icon = QIcon()
    for size in (16, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(PROVISIONAL_COLOUR))
        painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * 0.8))
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(0, size * 0.12, size, size), Qt.AlignmentFlag.AlignCenter, "*")
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def _chip(text: str, foreground: str | None, background: str | None, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    style = "padding: 1px 8px; border-radius: 3px; border: 1px solid #d0d0d0;"
    if background:
        style += f"background: {background};"
    if foreground:
        style += f"color: {foreground};"
    label.setStyleSheet(style)
    return label


class Legend(QWidget):
    """The colour bands and the provisional mark, on one line where there is room, wrapping where not."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = FlowLayout(self)
        for key in ("overdue", "soon", "near", "later"):
            foreground, background = URGENCY_COLOURS[key]
            layout.addWidget(_chip(_(URGENCY_LABELS[key]), foreground, background, self))
        provisional = QWidget(self)  # the mark and its explanation stay together when the line wraps
        row = QHBoxLayout(provisional)
        row.setContentsMargins(8, 0, 0, 0)
        row.setSpacing(6)
        mark = QLabel(provisional)
        mark.setPixmap(provisional_icon().pixmap(14, 14))
        note = QLabel(_("* provisional date (holiday calendar not yet published)"), provisional)
        note.setToolTip(_("No official holiday calendar for that year yet: the date counts weekends and "
                          "statutory holidays only, and may move when the year's arrangement is published."))
        row.addWidget(mark)
        row.addWidget(note)
        layout.addWidget(provisional)
