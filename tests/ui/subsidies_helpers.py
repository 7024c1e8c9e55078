"""Helpers of the Subsidies, Policies and documents UI tests: scripted dialogs that also answer the
file pickers and record "open the folder" instead of launching a file manager."""

from __future__ import annotations

from pathlib import Path


class FileDialogs:
    """Answers questions as told (``answer``), returns the scripted paths, records what was shown."""

    def __init__(self):
        self.answer = True
        self.asked: list[str] = []
        self.messages: list[str] = []
        self.save_to: Path | None = None
        self.open_from: Path | None = None
        self.folder: Path | None = None
        self.opened: list[Path] = []

    def confirm(self, title: str, text: str) -> bool:
        self.asked.append(text)
        return self.answer

    def error(self, title: str, text: str) -> None:
        self.messages.append(text)

    def info(self, title: str, text: str) -> None:
        self.messages.append(text)

    def save_file(self, title: str, suggested: Path, file_filter: str):
        return self.save_to

    def open_file(self, title: str, folder: Path, file_filter: str):
        return self.open_from

    def choose_folder(self, title: str, folder: Path):
        return self.folder

    def open_folder(self, folder: Path) -> None:
        self.opened.append(Path(folder))


def open_subsidy_window(make_window):
    """The main window (on the open database) with the Subsidies and Policies pages and scripted dialogs."""
    from zgc_desk.ui.contrib import subsidies as contribution

    window = make_window(contributions=[contribution])
    window.ctx.dialogs = FileDialogs()
    return window


def show_subsidies(qtbot, window, year: int | None = None):
    """The Subsidies page, shown and freshly checked (for round ``year`` if given)."""
    page = window.pages["subsidies"]
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.show_page("subsidies")
        if year is not None:
            page.set_round(year)
        page.refresh()  # only the newest check is shown: exactly one ``loaded``
    return page
