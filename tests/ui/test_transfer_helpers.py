"""Helpers of the import / export / backup window tests (no tests here): a window with this area's
contribution, small workbooks written with the workbook tests' helpers, the import preview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zgc_io_helpers import patent_sheet, write_book

from zgc_desk.numbers import make_cn_application


def transfer_window(make_window, **options):
    """The main window on the open database, with the transfer actions (scripted dialogs)."""
    from zgc_desk.ui.contrib import transfer

    return make_window(contributions=[transfer], **options)


def patent(code: str, serial: int, **extra) -> dict:
    values = {"firm_credit_code": code, "application_no": make_cn_application(2025, 1, 8800000 + serial),
              "kind": "发明", "title": f"一种导入测试方法{serial}", "filing_date": dt.date(2025, 3, 5)}
    return {**values, **extra}


def write_patents(path: Path, rows: list[dict]) -> Path:
    """A workbook with a 专利 sheet holding ``rows`` under the contract's headers."""
    return write_book(path, {"专利": patent_sheet(*rows)})


def preview(qtbot, window, path: Path):
    """Check ``path`` as File → Import workbook… does; returns the preview dialog once shown."""
    from zgc_desk.ui.transfer.import_flow import import_workbook

    window.ctx.dialogs.files_to_open.append(path)
    flow = import_workbook(window.ctx)
    with qtbot.waitSignal(flow.previewed, timeout=15000) as blocker:
        pass
    return blocker.args[0]
