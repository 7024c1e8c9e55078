"""What a clerk keeps on every record — 我方案号, 代理机构, 代理人, 备注, 标签 — imported, stored, exported
and read back, on every sheet of the workbook (the contract: "All sheets may also carry …")."""

from __future__ import annotations

import pytest
from zgc_io_helpers import CODE_A, basic_book, patent_row, sheet_values

from zgc_desk.io.workbook_layout import SHEETS
from zgc_desk.models import Firm, Patent
from zgc_desk.services import records
from zgc_desk.services.transfer import export_workbook, import_workbook

KEEPING = {"docket_no": "ZY-2021-007", "agency": "北京某某专利代理有限公司", "attorney": "王律师",
           "notes": "核心专利，质押中", "tags": "核心; 质押"}


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: s.kind)
def test_every_sheet_carries_the_keeping_columns(sheet):
    headers = {column.key: column.header for column in sheet.columns}
    assert {k: headers.get(k) for k in KEEPING} == {"docket_no": "我方案号", "agency": "代理机构",
                                                   "attorney": "代理人", "notes": "备注", "tags": "标签"}


def test_imported_kept_and_exported_back(db_path, tmp_path):
    book = basic_book(tmp_path / "in.xlsx", patent_row(**KEEPING))
    import_workbook(book)
    patent = Patent.get()
    assert (patent.docket_no, patent.agency, patent.attorney, patent.notes, patent.tags) == (
        "ZY-2021-007", "北京某某专利代理有限公司", "王律师", "核心专利，质押中", "核心; 质押")
    out = tmp_path / "out.xlsx"
    export_workbook(out)
    rows = sheet_values(out)["专利"]
    header = [str(h) for h in rows[0]]
    values = dict(zip(header, rows[1], strict=False))
    assert values["我方案号(docket_no)"] == "ZY-2021-007"
    assert values["标签(tags)"] == "核心; 质押"
    assert values["备注(notes)"] == "核心专利，质押中"


def test_edited_through_the_record_rules_like_any_field(db_path):
    firm_id, _ = records.create_record("firm", {"name": "北京甲科技有限公司", "credit_code": CODE_A,
                                                "docket_no": "F-001", "tags": "孵化；重点"})
    firm = Firm.get_by_id(firm_id)
    assert (firm.docket_no, firm.tags) == ("F-001", "孵化; 重点")
    with pytest.raises(records.ValidationError) as err:
        records.update_record("firm", firm_id, {"docket_no": "x" * 61})
    assert set(err.value.errors) == {"docket_no"}
