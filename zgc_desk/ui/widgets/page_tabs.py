"""The window's page tabs: with their icons where the tabs fit, text only where they would not,
so every page's name stays visible on a 1280-px screen in either language."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QTabWidget


class PageTabs(QTabWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._icons: list[QIcon] = []
        self._icons_shown = True
        self._icon_room = 0  # how much wider each tab is with its icon

    def add_page(self, page, page_icon: QIcon, title: str) -> int:
        self._icons.append(page_icon)
        index = self.addTab(page, page_icon if self._icons_shown else QIcon(), title)
        self.fit_icons()
        return index

    def icons_shown(self) -> bool:
        return self._icons_shown

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_icons()

    def fit_icons(self) -> None:
        bar = self.tabBar()
        room = self.width()
        if self._icons_shown and bar.sizeHint().width() > room:
            wide = bar.sizeHint().width()
            self._show_icons(False)
            self._icon_room = (wide - bar.sizeHint().width()) // max(1, bar.count())
        elif not self._icons_shown and bar.sizeHint().width() + self._icon_room * bar.count() <= room:
            self._show_icons(True)

    def _show_icons(self, shown: bool) -> None:
        self._icons_shown = shown
        for index, page_icon in enumerate(self._icons):
            self.setTabIcon(index, page_icon if shown else QIcon())
