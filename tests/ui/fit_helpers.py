"""What "fits the screen" means for a window, checked on real widgets: its minimum size, and each
visible text shown whole (labels, buttons, combo boxes, group titles, page tabs, tool bar)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QToolBar, QToolButton, QWidget


def _text(widget) -> str:
    if isinstance(widget, QComboBox):
        return widget.currentText()
    text = getattr(widget, "text", None) if isinstance(widget, (QLabel, QAbstractButton)) else None
    if isinstance(widget, QGroupBox):
        return widget.title()
    return text() if callable(text) else ""


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0


def clipped_texts(window: QWidget) -> list[str]:
    """Each visible text of the window that its widget is too small to show whole, saying how."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not _shown(widget, window) or widget.window() is not window:
            continue
        if isinstance(widget, QToolButton) and isinstance(widget.parent(), QToolBar):
            continue  # the tool bar is checked as a whole below
        text = _text(widget)
        if not text.strip() or not isinstance(widget, (QLabel, QAbstractButton, QComboBox, QGroupBox)):
            continue
        name = f"{type(widget).__name__} {text[:50]!r}"
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if widget.height() < needed:
                problems.append(f"{name}: {widget.height()} px high, needs {needed}")
            continue
        needed = widget.minimumSizeHint().width()
        if isinstance(widget, QLabel):
            needed = widget.sizeHint().width()  # a label's minimum is its text, unless it wraps
        if widget.width() < needed:
            problems.append(f"{name}: {widget.width()} px wide, needs {needed}")
    return problems


def hidden_tabs_and_tools(window) -> list[str]:
    """Tabs that do not fit their bar (scroll arrows would hide them) and tool-bar buttons pushed
    into the overflow menu."""
    problems = []
    bar = window.tabs.tabBar()
    if bar.sizeHint().width() > window.tabs.width():
        problems.append(f"the page tabs need {bar.sizeHint().width()} px, have {window.tabs.width()}")
    for action in window.toolbar.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        button = window.toolbar.widgetForAction(action)
        if button is None or not button.isVisible():
            problems.append(f"tool bar button {action.iconText()!r} hidden in the overflow menu")
    return problems
