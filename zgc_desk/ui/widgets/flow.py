"""A layout that wraps its items onto further lines when the width runs out (Qt's "flow layout"
example), so a row of buttons or legend chips never forces the window wider than the screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout


class FlowLayout(QLayout):
    """Items left to right, wrapping; a stretch (``add_stretch``) pushes the items after it to the
    right end of their line. Its minimum width is its widest item, its height follows its width."""

    def __init__(self, parent=None, spacing: int = 6):
        super().__init__(parent)
        self._items: list = []
        self._breaks: set[int] = set()  # indexes of items placed after a stretch
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    # ---- QLayout ---------------------------------------------------------------------------

    def addItem(self, item) -> None:
        self._items.append(item)

    def add_stretch(self) -> None:
        """What follows goes to the right end of the line it lands on."""
        self._breaks.add(len(self._items))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        if not 0 <= index < len(self._items):
            return None
        self._breaks = {b - 1 if b > index else b for b in self._breaks}
        return self._items.pop(index)

    def spacing(self) -> int:
        return self._spacing

    def expandingDirections(self):
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, apply=True)

    def sizeHint(self) -> QSize:
        """All items on one line."""
        left, top, right, bottom = self.getContentsMargins()
        shown = [item for item in self._items if not item.isEmpty()]
        width = sum(item.sizeHint().width() for item in shown) + self._spacing * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width + left + right, height + top + bottom)

    def minimumSize(self) -> QSize:
        left, top, right, bottom = self.getContentsMargins()
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        return size + QSize(left + right, top + bottom)

    # ---- placing ---------------------------------------------------------------------------

    def _place(self, rect: QRect, apply: bool) -> int:
        """Lay the items out in ``rect`` (or only measure); returns the height used."""
        left, top, right, bottom = self.getContentsMargins()
        area = rect.adjusted(left, top, -right, -bottom)
        lines: list[list[tuple[object, QSize, bool]]] = [[]]
        x = 0
        for index, item in enumerate(self._items):
            if item.isEmpty():
                continue
            size = item.sizeHint().boundedTo(QSize(area.width(), 1 << 24)).expandedTo(item.minimumSize())
            if item.hasHeightForWidth():
                size.setHeight(item.heightForWidth(size.width()))
            gap = self._spacing if lines[-1] else 0
            if lines[-1] and x + gap + size.width() > area.width():
                lines.append([])
                x, gap = 0, 0
            lines[-1].append((item, size, index in self._breaks))
            x += gap + size.width()
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(size.height() for _item, size, _b in line)
            if apply:
                self._apply_line(line, area, y, height)
            y += height + self._spacing
        return max(0, y - self._spacing - area.y()) + top + bottom

    def _apply_line(self, line, area: QRect, y: int, height: int) -> None:
        width = sum(size.width() for _item, size, _b in line) + self._spacing * (len(line) - 1)
        pushed = next((i for i, (_item, _size, after_break) in enumerate(line) if after_break and i > 0), None)
        x = area.x()
        for i, (item, size, _after_break) in enumerate(line):
            if i == pushed:
                x += area.width() - width  # the stretch takes the room left on this line
            item.setGeometry(QRect(QPoint(x, y + (height - size.height()) // 2), size))
            x += size.width() + self._spacing


def flow_row(widgets_left: list, widgets_right: list = (), parent=None) -> FlowLayout:
    """A wrapping row: ``widgets_left`` from the left, ``widgets_right`` pushed to the right end."""
    layout = FlowLayout(parent)
    for widget in widgets_left:
        layout.addWidget(widget)
    if widgets_right:
        layout.add_stretch()
    for widget in widgets_right:
        layout.addWidget(widget)
    return layout

