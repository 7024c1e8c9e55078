"""Pledged rights (issue 16 §2): the annual fees and renewals of a patent or trademark that secures a
loan not yet settled are marked "pledged", and the window warns before such a right is dropped."""

from __future__ import annotations

import datetime as dt

from zgc_desk.deadlines.basis import deadline_basis
from zgc_desk.demo import CODE_A
from zgc_desk.models import Patent, Trademark
from zgc_desk.services import pledges, records
from zgc_desk.services.deadlines import list_deadlines

AS_OF = dt.date(2026, 11, 25)  # the demo_db fixture's anchor


def _granted(firm_id: int) -> Patent:
    return (Patent.select().where((Patent.firm == firm_id) & (Patent.status == "granted"))
            .order_by(Patent.application_no).first())


def _loan(firm_id: int, loan_no: str, pledged: list[str], settled_on: str | None = None) -> int:
    loan_id, _ = records.create_record("pledge_loan", {
        "loan_no": loan_no, "lender": "北京银行中关村分行", "principal_cny": 2_000_000, "annual_rate_pct": "3.9",
        "start_date": "2026-03-01", "settled_on": settled_on, "pledged": "; ".join(pledged)}, firm_id=firm_id)
    return loan_id


def test_fees_of_a_right_securing_an_open_loan_are_marked_pledged(demo_db):
    firm = records.find_firm(CODE_A)
    patent = _granted(firm.id)
    mark = Trademark.select().where(Trademark.firm == firm.id).order_by(Trademark.registration_no).first()
    _loan(firm.id, "JK-2026-088", [patent.application_no, mark.registration_no])
    end = AS_OF + dt.timedelta(days=3 * 365)
    found = list_deadlines(as_of=AS_OF, firm=firm.id, start=AS_OF, end=end)
    fees = [d for d in found if d.matter == patent.application_no and d.kind == "annuity"]
    assert fees and all(d.pledged == "JK-2026-088" for d in fees)
    assert "JK-2026-088" in deadline_basis(fees[0]) and "四百四十四" in deadline_basis(fees[0])
    renewals = [d for d in list_deadlines(as_of=AS_OF, firm=firm.id, start=AS_OF, end=AS_OF + dt.timedelta(days=3650))
                if d.matter == mark.registration_no and d.kind.startswith("trademark_renewal")]
    assert renewals and all(d.pledged == "JK-2026-088" for d in renewals if d.kind == "trademark_renewal")
    others = [d for d in found if d.kind == "annuity" and d.matter != patent.application_no]
    assert others and not any(d.pledged for d in others)  # only what the loan names
    from zgc_desk.deadlines.kinds import is_fee

    assert not any(d.pledged for d in found if not is_fee(d.kind))


def test_a_settled_loan_no_longer_marks_anything(demo_db):
    firm = records.find_firm(CODE_A)
    patent = _granted(firm.id)
    _loan(firm.id, "JK-2025-001", [patent.application_no], settled_on=(AS_OF - dt.timedelta(days=1)).isoformat())
    found = list_deadlines(as_of=AS_OF, firm=firm.id, start=AS_OF, end=AS_OF + dt.timedelta(days=800))
    assert not any(d.pledged for d in found)
    assert pledges.pledged_warning("patent", patent.id, AS_OF) is None
    # the day before it was settled, it was still pledged
    assert "JK-2025-001" in pledges.pledged_warning("patent", patent.id, AS_OF - dt.timedelta(days=2))


def test_the_warning_names_the_loans_and_the_contract_json_carries_them(demo_db, capsys):
    import json

    from zgc_desk.cli import main

    firm = records.find_firm(CODE_A)
    patent = _granted(firm.id)
    _loan(firm.id, "JK-2026-088", [patent.application_no])
    _loan(firm.id, "JK-2026-090", [patent.application_no])
    warning = pledges.pledged_warning("patent", patent.id, AS_OF)
    assert "JK-2026-088, JK-2026-090" in warning and "质权人" in warning
    assert pledges.pledged_warning("pct", 1, AS_OF) is None

    assert main(["deadlines", "--db", str(demo_db), "--firm", CODE_A, "--as-of", AS_OF.isoformat(),
                 "--from", AS_OF.isoformat(), "--to", (AS_OF + dt.timedelta(days=800)).isoformat(), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    mine = [r for r in rows if r["matter"] == patent.application_no and r["kind"] == "annuity"]
    assert mine and all(r["pledged"] == "JK-2026-088, JK-2026-090" for r in mine)
    assert all(r["pledged"] is None for r in rows if r["matter"] != patent.application_no)


def test_the_due_list_says_pledged_beside_the_kind(demo_db):
    from zgc_desk.services.due_list import what_label

    firm = records.find_firm(CODE_A)
    patent = _granted(firm.id)
    _loan(firm.id, "JK-2026-088", [patent.application_no])
    fee = next(d for d in list_deadlines(as_of=AS_OF, firm=firm.id, start=AS_OF, end=AS_OF + dt.timedelta(days=800))
               if d.matter == patent.application_no and d.kind == "annuity")
    assert what_label(fee).endswith("·已出质") and f"第{fee.year}年" in what_label(fee)
