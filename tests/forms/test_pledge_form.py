"""The interest-subsidy 申报书 of a pledge loan, read back by independent readers (issue 16 acceptance):
the workbook converted by LibreOffice, the PDF through pdftotext."""

from __future__ import annotations

import datetime as dt

from zgc_desk.services.documents import fill_application

from .conftest import libreoffice_csv, pdf_text

AS_OF = dt.date(2026, 11, 25)


def _squeeze(text: str) -> str:
    return "".join(text.split())


def test_libreoffice_reads_the_loans_and_the_total(code_a, tmp_path):
    out = fill_application(code_a, "pledge_interest", 2026, tmp_path / "贴息.xlsx", AS_OF)
    csv = libreoffice_csv(out, tmp_path)
    assert "知识产权质押贷款贴息申报书" in csv
    assert "0123JK2024-001" in csv and "ZGCDB2024-017" in csv
    assert "102060" in csv.replace(",", "")  # 63,000 + 39,060 after the caps, as a number cell
    assert "4.83%" in csv  # the capped rate of the bank loan: LPR 3.45% × 1.4


def test_the_pdf_form_carries_each_loan_its_computation_and_the_attachments(code_a, tmp_path):
    out = fill_application(code_a, "pledge_interest", 2026, tmp_path / "贴息.pdf", AS_OF)
    text = _squeeze(pdf_text(out))
    assert "知识产权质押贷款贴息" in text
    assert "0123JK2024-001" in text and "ZGCDB2024-017" in text
    assert "63,000" in text and "39,060" in text and "4.83%" in text
    for document in ("贷款合同", "利息支付凭证", "营业执照"):
        assert document in text, document
