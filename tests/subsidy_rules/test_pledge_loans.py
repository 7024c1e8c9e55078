"""Pledge loans as records (the 质押融资 kind) and the pledge-financing supports on them: the demo's
two loans settled last year, checked for round 2026 and filled as the interest-subsidy 申报书."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from zgc_desk.demo import CODE_A
from zgc_desk.services import records
from zgc_desk.services.documents import fill_application
from zgc_desk.services.errors import ValidationError
from zgc_desk.services.subsidies import check

AS_OF = dt.date(2026, 11, 25)


def _loans(firm_code=CODE_A):
    firm = records.find_firm(firm_code)
    return {row["loan_no"]: row for row in records.fetch_rows("pledge_loan", records.list_ids("pledge_loan", firm.id))
            .values()}


def test_a_loan_is_a_record_with_validation_history_and_undo(demo_db):
    firm = records.find_firm(CODE_A)
    with pytest.raises(ValidationError) as caught:
        records.create_record("pledge_loan", {"loan_no": "X-1", "lender": "某银行", "principal_cny": 1000,
                                              "annual_rate_pct": "abc", "start_date": "2024-01-01",
                                              "pledged": "202110999999.9"}, firm_id=firm.id)
    assert "annual_rate_pct" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        records.create_record("pledge_loan", {"loan_no": "X-1", "lender": "某银行", "principal_cny": 1000,
                                              "annual_rate_pct": "4.35%", "start_date": "2024-01-01",
                                              "pledged": "99999999"}, firm_id=firm.id)
    assert "99999999" in caught.value.errors["pledged"]
    loan_id, _ = records.create_record("pledge_loan", {
        "loan_no": "X-1", "lender": "某银行", "lender_type": "担保机构", "principal_cny": 1000,
        "annual_rate_pct": "4.35%", "start_date": "2024-01-01", "settled_on": "2024年12月31日"}, firm_id=firm.id)
    row = records.fetch_rows("pledge_loan", [loan_id])[loan_id]
    assert (row["lender_type"], row["annual_rate_pct"], row["ip_share_pct"]) == ("guarantor", 4.35, 100)
    assert row["settled_on"] == dt.date(2024, 12, 31)
    records.delete_record("pledge_loan", loan_id)
    from zgc_desk.operations import undo
    from zgc_desk.services.changes import history

    undo()  # the loan comes back as it was, and its change log with it
    assert records.fetch_rows("pledge_loan", [loan_id])[loan_id] == row
    assert [h["action"] for h in history("pledge_loan", loan_id)] == ["create"]


def test_round_2026_checks_each_demo_loan_with_its_facts(demo_db):
    result = check(AS_OF, 2026, firm=CODE_A, policies=["pledge_interest", "pledge_costs", "zgc_pledge_interest"])
    by = {(d.policy, d.matter): d for d in result.decisions}
    bank = by[("pledge_interest", "0123JK2024-001")]
    # 126,000 × 50% at 4.2%, under LPR 3.45% (announced 2023-08-21) × 1.4 = 4.83%
    assert bank.eligible and bank.amount_cny == 63000 and not bank.verified
    assert any("2023-08-21" in r.detail and "4.83%" in r.detail for r in bank.reasons if r.criterion == "amount")
    combined = by[("pledge_interest", "ZGCDB2024-017")]
    # 174,000 × 60% × 50% × 4.34% / 5.8% (LPR 3.1% of 2024-10-21 × 1.4) = 39,060, a guarantee institution admitted
    assert combined.eligible and combined.amount_cny == 39060
    assert by[("zgc_pledge_interest", "0123JK2024-001")].amount_cny == 50400  # 40% of 126,000
    zgc_combined = by[("zgc_pledge_interest", "ZGCDB2024-017")]
    assert not zgc_combined.eligible and any(r.criterion == "rate_within_lpr_multiple" and not r.passed
                                             for r in zgc_combined.reasons)
    costs = by[("pledge_costs", "0123JK2024-001")]
    assert costs.amount_cny == 9000  # (15,000 + 3,000) × 50%
    assert by[("pledge_costs", "ZGCDB2024-017")].amount_cny == 11000  # 15,000 cut to the 20,000 cap
    assert {d.as_dict()["matter"] for d in result.decisions} == {"0123JK2024-001", "ZGCDB2024-017"}


def test_the_interest_subsidy_form_lists_each_loan_with_its_computation(demo_db, tmp_path):
    out = fill_application(CODE_A, "pledge_interest", 2026, tmp_path / "贴息.xlsx", AS_OF)
    sheet = openpyxl.load_workbook(out)["申报表"]
    assert sheet["A1"].value == "北京市促进知识产权质押融资服务高质量发展专项资金知识产权质押贷款贴息申报书"
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "0123JK2024-001" in values and "ZGCDB2024-017" in values and 63000 + 39060 in values
    assert any(isinstance(v, str) and "4.83%" in v for v in values)
    attachments = [cell for row in openpyxl.load_workbook(out)["附件清单"].iter_rows(values_only=True)
                   for cell in row if cell]
    for document in ("贷款合同", "利息支付凭证", "用于质押的知识产权授权证书", "营业执照复印件"):
        assert any(isinstance(a, str) and document in a for a in attachments), document
