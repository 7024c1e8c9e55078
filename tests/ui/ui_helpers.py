"""Helpers shared by the UI tests (plain functions; fixtures are in conftest.py)."""

from __future__ import annotations


def wait_idle(qtbot, window) -> None:
    """Until no background task is running (lists loaded, counts shown)."""
    qtbot.waitUntil(lambda: not window.ctx.tasks.busy, timeout=10000)


def show_list(qtbot, window, key: str):
    """Switch to a list page and wait for its rows."""
    page = window.pages[key]
    window.show_page(key)
    wait_idle(qtbot, window)
    return page


def type_text(qtbot, widget, text: str) -> None:
    """Type as a user would: keys for ASCII, an input-method commit for Chinese (QTest has no
    key codes for it, and that is how Chinese arrives from an IME anyway)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


class ScriptedDialogs:
    """Answers confirmations as told and records every message shown."""

    def __init__(self):
        self.answer = True
        self.asked: list[str] = []
        self.messages: list[str] = []

    def confirm(self, title: str, text: str) -> bool:
        self.asked.append(text)
        return self.answer

    def error(self, title: str, text: str) -> None:
        self.messages.append(text)

    def info(self, title: str, text: str) -> None:
        self.messages.append(text)
