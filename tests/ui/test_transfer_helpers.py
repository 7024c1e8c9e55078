"""Helpers of the import / export / backup window tests (no tests here): scripted dialogs that also
answer file pickers, small workbooks written by hand, a window with this area's contribution."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from openpyxl import Workbook

from zgc_desk.io.workbook_layout import SHEET_BY_KIND
from zgc_desk.numbers import make_cn_application


class FileDialogs:
    """Answers questions as told (``answer``), gives the scripted paths, records what was shown."""

    def __init__(self):
        self.answer = True
        self.asked: list[str] = []
        self.messages: list[str] = []
        self.save_to: Path | None = None
        self.open_from: Path | None = None
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

    def open_folder(self, folder: Path) -> None:
        self.opened.append(Path(folder))


def transfer_window(make_window):
    """The main window on the open database, with the transfer actions and scripted dialogs."""
    from zgc_desk.ui.contrib import transfer

    window = make_window(contributions=[transfer])
    window.ctx.dialogs = FileDialogs()
    return window


def wait_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.ctx.tasks.busy, timeout=10000)


def patent(code: str, serial: int, **extra) -> dict:
    values = {"firm_credit_code": code, "application_no": make_cn_application(2025, 1, 8800000 + serial),
              "kind": "发明", "title": f"一种导入测试方法{serial}", "filing_date": dt.date(2025, 3, 5)}
    return {**values, **extra}


def write_patents(path: Path, rows: list[dict]) -> Path:
    """A workbook with a 专利 sheet holding ``rows`` (contract headers; other keys are headers as they are)."""
    keys = list(dict.fromkeys(key for row in rows for key in row))
    sheet = SHEET_BY_KIND["patent"]
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet.name
    known = {column.key for column in sheet.columns}
    ws.append([sheet.column(key).header if key in known else key for key in keys])
    for row in rows:
        ws.append([row.get(key) for key in keys])
    workbook.save(path)
    return path


def dump_tables(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of every table through a separate connection, to compare database states exactly."""
    conn = sqlite3.connect(str(db_path))
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        conn.close()


def preview(qtbot, window, path: Path):
    """Check ``path`` as File → Import workbook… does; returns the preview dialog once shown."""
    from zgc_desk.ui.transfer.import_flow import import_workbook

    window.ctx.dialogs.open_from = path
    flow = import_workbook(window.ctx)
    with qtbot.waitSignal(flow.previewed, timeout=15000) as blocker:
        pass
    return blocker.args[0]
