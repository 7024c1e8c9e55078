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
    assert [h["action"] for h in history("pledge_loan", loan_id)] == ["create", "undo"]  # who undid the delete


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


def test_one_loan_eligible_under_both_interest_supports_is_counted_once(demo_db):
    """pledge_interest and zgc_pledge_interest each refuse a loan the other funded (their
    not_claimed_before criteria name both): before any claim both say eligible, but the firm gets one.
    The larger (pledge_interest, 63,000) counts; the ZGC one (50,400) is its alternative, shown with
    its amount and left out of the firm's total, the Due list's round row and the session report."""
    from zgc_desk.services.documents import build_session_report
    from zgc_desk.services.subsidy_deadlines import subsidy_window_deadlines

    result = check(AS_OF, 2026, firm=CODE_A, policies=["pledge_interest", "pledge_costs", "zgc_pledge_interest"])
    by = {(d.policy, d.matter): d for d in result.decisions}
    zgc = by[("zgc_pledge_interest", "0123JK2024-001")]
    assert zgc.eligible and zgc.amount_cny == 50400 and zgc.alternative_to == "pledge_interest"
    assert zgc.as_dict()["alternative_to"] == "pledge_interest"
    assert by[("pledge_interest", "0123JK2024-001")].alternative_to is None
    assert by[("pledge_costs", "0123JK2024-001")].alternative_to is None  # costs are not interest: both paid
    total = result.totals[CODE_A]
    assert total.per_policy["zgc_pledge_interest"] == 50400
    assert total.total == 63000 + 39060 + 9000 + 11000  # the ZGC interest left out

    report = build_session_report(CODE_A, AS_OF)
    pledge_lines = [line for line in report.claimable if line.matter in ("0123JK2024-001", "ZGCDB2024-017")]
    assert sum(line.amount_cny for line in pledge_lines if not line.alternative_to) == 63000 + 39060 + 9000 + 11000
    assert [line.alternative_to for line in pledge_lines if line.alternative_to] == ["知识产权质押贷款贴息"] or all(
        "贴息" in line.alternative_to for line in pledge_lines if line.alternative_to)

    rows = {d.title: d for d in subsidy_window_deadlines(as_of=AS_OF, firm_id=records.find_firm(CODE_A).id,
                                                          start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))}
    zgc_row = next(d for title, d in rows.items() if "中关村" in title)
    assert zgc_row.subsidy_cny == 0  # its one eligible loan is counted under the Beijing support
    assert any("50,400" in str(dict(params).get("amount", "")) for _note, params in zgc_row.basis.notes)


def test_exclusive_policies_come_from_the_rule_files(demo_db):
    from zgc_desk.services.subsidies import rules
    from zgc_desk.subsidy_rules.alternatives import exclusive_policies

    exclusive = exclusive_policies(rules().policies)
    assert exclusive["pledge_interest"] == {"zgc_pledge_interest"}
    assert exclusive["zgc_pledge_interest"] == {"pledge_interest"}
    assert "pledge_interest" not in exclusive["pledge_costs"]
