"""Helpers shared by the UI tests: plain functions and the scripted dialogs (fixtures are in conftest.py)."""

from __future__ import annotations

from collections import deque
from pathlib import Path

from zgc_desk.ui.context import Dialogs


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


class ScriptedDialogs(Dialogs):
    """The window's dialogs, scripted: confirmations answered with ``answer``, file pickers from the
    queues ``files_to_save``, ``files_to_open`` and ``folders_to_choose`` (one path per question; an
    empty queue or None is Cancel). Every question and message is recorded, and "open the folder"
    is recorded in ``opened`` instead of launching a file manager."""

    def __init__(self):
        super().__init__(None)
        self.answer = True
        self.asked: list[str] = []
        self.messages: list[str] = []
        self.files_to_save: deque[Path | None] = deque()
        self.files_to_open: deque[Path | None] = deque()
        self.folders_to_choose: deque[Path | None] = deque()
        self.opened: list[Path] = []
        self.viewed: list[Path] = []  # files handed to the system's viewer
        self.choices: deque[int] = deque()  # answers to choose(), by option index; empty: the last (cancel)

    def confirm(self, title: str, text: str) -> bool:
        self.asked.append(text)
        return self.answer

    def choose(self, title: str, text: str, options: list[str]) -> int:
        self.asked.append(text)
        return self.choices.popleft() if self.choices else len(options) - 1

    def error(self, title: str, text: str) -> None:
        self.messages.append(text)

    def info(self, title: str, text: str) -> None:
        self.messages.append(text)

    def save_file(self, title: str, suggested: Path, file_filter: str) -> str:
        return _next(self.files_to_save)

    def open_file(self, title: str, folder: Path, file_filter: str) -> str:
        return _next(self.files_to_open)

    def choose_folder(self, title: str, folder: Path) -> str:
        return _next(self.folders_to_choose)

    def open_folder(self, folder: Path) -> None:
        self.opened.append(Path(folder))

    def open_with_viewer(self, path: Path) -> None:
        self.viewed.append(Path(path))


def _next(answers: deque) -> str:
    answer = answers.popleft() if answers else None
    return str(answer) if answer else ""
