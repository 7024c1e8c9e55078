"""Helpers for the workbook tests: write small workbooks by hand, read workbooks back, dump tables."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from openpyxl import Workbook, load_workbook

from zgc_desk.io.workbook_layout import SHEET_BY_KIND
from zgc_desk.numbers import make_cn_application, make_credit_code

CODE_A = make_credit_code("91110108MA01R8KX3")
CODE_B = make_credit_code("91110114MA04C7TN8")
APP_1 = "202110344405.7"  # the contract's example, valid


def header(kind: str, key: str) -> str:
    return SHEET_BY_KIND[kind].column(key).header


def write_book(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook with one sheet per entry: ``{sheet name: [header row, row, ...]}``."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        ws = workbook.create_sheet(name)
        for row in rows:
            ws.append(row)
    workbook.save(path)
    return path


def firm_rows(*codes_names) -> list[list]:
    rows = [["企业名称", "统一社会信用代码", "是否中小企业"]]
    for code, name in codes_names:
        rows.append([name, code, "是"])
    return rows


def patent_row(code=CODE_A, number=APP_1, kind="发明", title="一种芯片", filed=dt.date(2021, 3, 31), **extra):
    return {"firm_credit_code": code, "application_no": number, "kind": kind, "title": title,
            "filing_date": filed, **extra}


def patent_sheet(*rows: dict) -> list[list]:
    keys = []
    for row in rows:
        keys += [k for k in row if k not in keys]
    keys = keys or ["firm_credit_code", "application_no", "kind", "title", "filing_date"]
    return [[header("patent", k) for k in keys], *[[row.get(k) for k in keys] for row in rows]]


def basic_book(path: Path, *patents: dict, firms=((CODE_A, "北京甲科技有限公司"),)) -> Path:
    return write_book(path, {"企业信息": firm_rows(*firms), "专利": patent_sheet(*(patents or (patent_row(),)))})


def sheet_values(path: Path) -> dict[str, list[tuple]]:
    workbook = load_workbook(path)
    return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}


def dump_tables(db_path: Path | str) -> dict[str, list[tuple]]:
    """Every row of every table (via a separate connection), to compare database states exactly;
    ``db_path`` may be a PostgreSQL URL (the ``both_databases`` tests)."""
    if isinstance(db_path, str) and db_path.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db_path) as pg:
            tables = [r[0] for r in pg.execute("SELECT tablename FROM pg_tables WHERE schemaname = "
                                               "current_schema() ORDER BY tablename")]
            return {t: pg.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    conn = sqlite3.connect(str(db_path))
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        conn.close()


def write_big_workbook(path: Path, n_patents: int, n_firms: int = 50) -> Path:
    """A firms sheet and ``n_patents`` valid patents (streamed: constant memory, ~9 s for 100,000)."""
    from openpyxl import Workbook as StreamingWorkbook

    from zgc_desk.io.workbook_layout import FIRM, PATENT

    codes = [make_credit_code(f"911101{8 + i % 7:02d}MA01{i:05d}") for i in range(n_firms)]
    workbook = StreamingWorkbook(write_only=True)
    firms = workbook.create_sheet(FIRM.name)
    firms.append(["企业名称", "统一社会信用代码", "是否中小企业", "中关村分园"])
    for i, code in enumerate(codes):
        firms.append([f"北京合成科技{i:03d}有限公司", code, "是", "海淀园"])
    patents = workbook.create_sheet(PATENT.name)
    keys = ["firm_credit_code", "application_no", "kind", "title", "filing_date", "applicants", "inventors",
            "status", "annuity_paid_through", "fee_reduction_pct", "abnormal", "ipc"]
    patents.append([PATENT.column(key).title for key in keys])
    kinds = ((1, "发明"), (2, "实用新型"), (3, "外观设计"))
    for i in range(n_patents):
        year = 2008 + i % 18
        digit, kind = kinds[i % 3]
        filed = dt.date(year, 1 + i % 12, 1 + i % 28)
        patents.append([codes[i % n_firms], make_cn_application(year, digit, i), kind, f"一种数据处理方法及装置{i}",
                        filed, f"北京合成科技{i % n_firms:03d}有限公司; 清华大学", "张三; 李四",
                        ("审查中", "有效", "失效")[i % 3], 1 + i % 10, (0, 70, 85)[i % 3], "否", "G06F 16/00"])
    workbook.save(path)
    return path
