"""Random workbooks (hypothesis writing random cells under real and made-up headers): the import never
raises anything but a user error, a refused workbook leaves the database exactly as it was, and an
accepted one imports completely — importing it again changes nothing."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from zgc_io_helpers import CODE_A, CODE_B, dump_tables

from zgc_desk.io.workbook_layout import SHEETS
from zgc_desk.numbers import make_cn_application
from zgc_desk.services.errors import UserError
from zgc_desk.services.transfer import ImportRefused, apply_import, preview_import

printable = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=25)
numbers_like = st.builds(make_cn_application, st.integers(2003, 2030), st.sampled_from([1, 2, 3, 8]),
                         st.integers(0, 40))
cells = st.one_of(
    st.none(),
    printable,
    st.sampled_from([CODE_A, CODE_B, CODE_A[:-1] + "X", "发明", "实用新型", "外观设计", "有效", "是", "否", "Y", "0",
                     "PCT/CN2021/075891", "US", "EP", "9; 42", "=1+1", "#N/A", "2021-02-30", "2021年3月5日"]),
    numbers_like,
    st.integers(-10, 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)),
    st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2035, 12, 31)),
)


NUMBER_KEYS = {"firm": "credit_code", "patent": "application_no", "pct": "pct_no", "overseas": "application_no",
               "trademark": "registration_no", "notice": "matter_no", "pledge_loan": "loan_no"}


def _number(kind: str, serial: int):
    return {"firm": (CODE_A, CODE_B)[serial % 2], "patent": make_cn_application(2021, 1, serial),
            "pct": f"PCT/CN2021/{serial:06d}", "overseas": f"17/201,{serial:03d}",
            "trademark": str(45612378 + serial), "pledge_loan": f"JK2024-{serial:03d}",
            "notice": make_cn_application(2021, 1, serial)}[kind]  # a notice on one of the patents


@st.composite
def rows_of(draw, sheet, columns):
    """Rows that are mostly valid (the layout's examples with other numbers, names and gaps), some with a
    random cell: so that some workbooks are accepted and imported, and others refused."""
    rows = []
    serials = draw(st.lists(st.integers(0, 30), max_size=2 if sheet.kind == "firm" else 6, unique=True))
    if serials and draw(st.integers(0, 9)) == 0:
        serials.append(serials[0])  # the same record twice
    for serial in serials:
        row = {c.key: c.example for c in sheet.columns}
        row[NUMBER_KEYS[sheet.kind]] = _number(sheet.kind, serial)
        if "firm_credit_code" in row:
            row["firm_credit_code"] = draw(st.sampled_from([CODE_A, CODE_A, CODE_B]))
        for key in ("name", "title", "mark", "applicants", "address"):
            if key in row and draw(st.booleans()):
                row[key] = draw(printable)
        for column in sheet.columns:
            if not column.required and draw(st.integers(0, 3)) == 0:
                row[column.key] = None
        values = [row[c.key] for c in columns]
        if values and draw(st.integers(0, 5)) == 0:
            values[draw(st.integers(0, len(values) - 1))] = draw(cells)
        rows.append(values)
    return rows


@st.composite
def sheets(draw):
    """A few sheets of the layout (sometimes a made-up one) with real or made-up headers and rows."""
    layout = draw(st.lists(st.sampled_from(SHEETS[1:]), min_size=1, max_size=4, unique_by=lambda s: s.kind))
    if draw(st.integers(0, 4)):
        layout.insert(0, SHEETS[0])  # usually the firms too (else only those already imported are known)
    result = {}
    for sheet in layout:
        columns = [c for c in sheet.columns if c.required or draw(st.integers(0, 3))]
        columns = draw(st.permutations(columns))
        headers = [draw(st.sampled_from([c.title, c.header, c.key])) for c in columns]
        rows = draw(rows_of(sheet, columns))
        if draw(st.integers(0, 3)) == 0:
            headers.append(draw(printable))
            for row in rows:
                row.append(draw(cells))
        result[sheet.name] = [headers, *rows]
    if draw(st.integers(0, 9)) == 0:
        result["备注"] = [[draw(printable)], [draw(cells)]]
    return result


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(book=sheets())
def test_random_workbooks(db_path, tmp_path, book):
    path = tmp_path / "fuzz.xlsx"
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in book.items():
        ws = workbook.create_sheet(name)
        for row in rows:
            ws.append(row)
    workbook.save(path)
    before = dump_tables(db_path)
    try:
        plan = preview_import(path)
        event(("refused: " + plan.errors[0].message[:40]) if not plan.ok else "accepted")
    except UserError:
        assert dump_tables(db_path) == before
        return
    if not plan.ok:
        try:
            apply_import(plan)
            raise AssertionError("a plan with errors was applied")
        except ImportRefused:
            pass
        assert dump_tables(db_path) == before
        return
    event(f"imported {sum(len(r.rows) for r in plan.records.values())} rows")
    apply_import(plan, backup=False)
    again = preview_import(path)
    assert again.ok, again.error_lines()
    assert all(c.added == 0 and c.updated == 0 for c in again.counts.values()), again.counts
