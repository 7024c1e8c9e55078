"""Payment records through the services on a real database (SQLite file and PostgreSQL): the
defaults for the day paid, the surcharge of a fee paid late, the checks that name their field and
write nothing, and ONE undoable operation holding the paid-through year and the payment.

Worked examples:
- CNIPA annual fee, Implementing Regulations 2023 Art. 115: an invention filed 2016-06-10 owes its
  year-11 fee (4,000 yuan, WIPO PCT Applicant's Guide Annex CN.I) on 2026-06-10; paid within the first
  month after that no surcharge, within the second 5 % (200), within the third 10 % (400).
- USPTO maintenance fee, 35 U.S.C. 41(b), 37 CFR 1.20(e) and (h): a patent granted 2023-05-16 owes
  its 3.5-year fee on 2026-11-16; small entity 860 USD, in the grace period plus 216 USD.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from zgc_desk.deadlines.basis import deadline_basis
from zgc_desk.models import ChangeLog, OverseasFiling, Patent, Payment, Trademark
from zgc_desk.operations import redo, undo
from zgc_desk.services import create_record, history
from zgc_desk.services.deadlines import list_deadlines, mark_done
from zgc_desk.services.errors import UserError, ValidationError
from zgc_desk.services.payments import (
    PaymentEntry,
    all_payments,
    parse_amount,
    payments_of,
    proposal,
    record_payment,
)

pytestmark = pytest.mark.both_databases

D = dt.date
AS_OF = D(2026, 11, 25)
CODE = "91110108551385082Q"


@pytest.fixture
def firm(db_path):
    return create_record("firm", {"name": "测试科技有限公司", "credit_code": CODE})[0]


@pytest.fixture
def patent(firm):
    return create_record("patent", {
        "application_no": "201610000001.5", "kind": "invention", "title": "一种方法", "filing_date": D(2016, 6, 10),
        "status": "granted", "grant_date": D(2019, 3, 1), "annuity_paid_through": 10}, firm_id=firm)[0]


def fee_of(patent_id, kind="annuity"):
    return next(d for d in list_deadlines(as_of=AS_OF) if d.matter_id == patent_id and d.kind == kind)


def test_the_defaults_are_the_fee_and_its_surcharge_for_the_day_paid(patent):
    fee = fee_of(patent)
    assert (fee.year, fee.due, fee.state, fee.amount_cny) == (11, D(2026, 6, 10), "missed", 4000)
    on_time = proposal(fee, D(2026, 6, 10))
    assert (on_time.late, on_time.surcharge, on_time.amount) == (False, None, Decimal(4000))
    first_month = proposal(fee, D(2026, 6, 11))
    assert first_month.late and first_month.amount == Decimal(4000)  # late, but no surcharge in the 1st month
    assert proposal(fee, D(2026, 7, 10)).amount == Decimal(4000)  # the 1st month ends on 07-10 (a Friday)
    assert proposal(fee, D(2026, 7, 13)).surcharge == Decimal(200)  # 2nd month: 5 %
    third = proposal(fee, D(2026, 8, 20))
    assert (third.surcharge, third.amount, third.grace_end) == (Decimal(400), Decimal(4400), D(2026, 12, 10))
    # the grace row of the same fee proposes the same
    assert proposal(fee_of(patent, "annuity_grace_end"), D(2026, 8, 20)) == third


def test_paying_stores_the_payment_with_the_paid_through_year_as_one_undoable_operation(patent):
    fee = fee_of(patent, "annuity_grace_end")
    changed = record_payment(fee, PaymentEntry("2026-08-20", "4,400", " 2026 0820 0001 "), as_of=AS_OF)
    assert changed.of("patent") == {patent} and changed.of("payment")
    assert Patent.get_by_id(patent).annuity_paid_through == 11
    [paid] = payments_of("patent", patent)
    assert (paid.deadline_kind, paid.fee_year, paid.office, paid.due_date, paid.paid_on) == (
        "annuity", 11, "CN", D(2026, 6, 10), D(2026, 8, 20))
    assert (paid.amount, paid.surcharge, paid.currency, paid.receipt_no) == (
        Decimal("4400.00"), Decimal("400.00"), "CNY", "2026 0820 0001")
    assert paid.late and paid.recorded_by is not None
    moved, entry = history("patent", patent)[-2:]  # the paid-through year moved on, then the payment
    assert moved["changes"] == {"annuity_paid_through": [10, 11]}
    assert "2026-08-20" in entry["changes"]["payment"][1] and "2026 0820 0001" in entry["changes"]["payment"][1]
    assert [code for code, _p in all_payments()] == [CODE]

    undo()
    assert Patent.get_by_id(patent).annuity_paid_through == 10
    assert Payment.select().count() == 0 and payments_of("patent", patent) == []
    redo()
    assert Patent.get_by_id(patent).annuity_paid_through == 11 and len(payments_of("patent", patent)) == 1


def test_mark_done_with_a_payment_records_it(patent):
    fee = fee_of(patent)
    mark_done(fee, payment=PaymentEntry(D(2026, 7, 1), 4000), as_of=AS_OF)
    [paid] = payments_of("patent", patent)
    assert (paid.amount, paid.surcharge, paid.receipt_no) == (Decimal("4000.00"), None, "")


@pytest.mark.parametrize(("entry", "field", "words"), [
    (PaymentEntry("2026-11-26", "4000"), "paid_on", "future"),
    (PaymentEntry("2016-06-09", "4000"), "paid_on", "before the filing date 2016-06-10"),
    (PaymentEntry("2026-02-30", "4000"), "paid_on", "not a real date"),
    (PaymentEntry("", "4000"), "paid_on", "required"),
    (PaymentEntry("2026-08-20", "4千"), "amount", "not an amount"),
    (PaymentEntry("2026-08-20", "-5"), "amount", "not an amount"),
    (PaymentEntry("2026-08-20", "0"), "amount", "not an amount"),
    (PaymentEntry("2026-08-20", "12.345"), "amount", "not an amount"),
    (PaymentEntry("2026-08-20", ""), "amount", "required"),
    (PaymentEntry("2026-08-20", "4000", "x" * 101), "receipt_no", "at most 100"),
])
def test_a_wrong_field_is_named_and_nothing_is_written(patent, english, entry, field, words):
    fee = fee_of(patent)
    before = ChangeLog.select().count()
    with pytest.raises(ValidationError) as raised:
        record_payment(fee, entry, as_of=AS_OF)
    assert list(raised.value.errors) == [field] and words in raised.value.errors[field]
    label = {"paid_on": "Date paid", "amount": "Amount paid", "receipt_no": "Receipt number"}[field]
    assert str(raised.value).startswith(label)
    assert Patent.get_by_id(patent).annuity_paid_through == 10
    assert Payment.select().count() == 0 and ChangeLog.select().count() == before


def test_a_refusal_by_the_paid_through_check_writes_no_payment(patent):
    fee = fee_of(patent)
    Patent.update(annuity_paid_through=12).where(Patent.id == patent).execute()  # paid meanwhile elsewhere
    with pytest.raises(UserError):
        record_payment(fee, PaymentEntry("2026-08-20", "4400"), as_of=AS_OF)
    assert Payment.select().count() == 0


def test_amounts_are_read_as_people_type_them():
    assert parse_amount("¥1,234.50") == Decimal("1234.50")
    assert parse_amount("９００元") == Decimal(900)
    assert parse_amount("USD 860") == Decimal(860)
    assert parse_amount(1076) == Decimal(1076)
    for wrong in ("1.2.3", "abc", "1e3", "NaN", True, "0.001"):
        with pytest.raises(ValueError):
            parse_amount(wrong)


def test_a_us_maintenance_fee_paid_in_the_grace_period_carries_the_surcharge(firm):
    filing = create_record("overseas", {
        "office": "US", "application_no": "17/100,200", "kind": "invention", "filing_date": D(2020, 9, 1),
        "grant_date": D(2023, 5, 16), "status": "granted", "route": "paris", "entity_size": "small"},
        firm_id=firm)[0]
    fee = next(d for d in list_deadlines(as_of=AS_OF) if d.matter_id == filing and d.kind == "annuity")
    assert (fee.office, fee.due, fee.currency, fee.amount_cny, fee.surcharge_cny) == (
        "US", D(2026, 11, 16), "USD", 860, 216)
    assert proposal(fee, D(2026, 11, 16)).amount == Decimal(860)
    late = proposal(fee, D(2026, 11, 17))
    assert (late.surcharge, late.amount, late.currency) == (Decimal(216), Decimal(1076), "USD")
    record_payment(fee, PaymentEntry("2026-11-20", "1076.00", "USPTO-55501"), as_of=AS_OF)
    assert OverseasFiling.get_by_id(filing).annuity_paid_through == 4
    [paid] = payments_of("overseas", filing)
    assert (paid.currency, paid.amount, paid.surcharge, paid.fee_year, paid.office) == (
        "USD", Decimal("1076.00"), Decimal("216.00"), 4, "US")


def test_a_trademark_renewal_is_paid_with_its_receipt(firm):
    mark = create_record("trademark", {"mark": "智源", "registration_no": "18834571",
                                       "filing_date": D(2016, 3, 1), "registration_date": D(2017, 4, 25)},
                         firm_id=firm)[0]
    renewal = next(d for d in list_deadlines(as_of=AS_OF) if d.kind == "trademark_renewal")
    offer = proposal(renewal, D(2026, 11, 20))
    assert not offer.late and offer.due == D(2027, 4, 24)
    record_payment(renewal, PaymentEntry("2026-11-20", "500", "TM-1"), as_of=AS_OF)
    assert Trademark.get_by_id(mark).expiry_date == D(2037, 4, 24)
    [paid] = payments_of("trademark", mark)
    assert (paid.deadline_kind, paid.fee_year, paid.amount, paid.receipt_no) == (
        "trademark_renewal", None, Decimal("500.00"), "TM-1")
    with pytest.raises(ValidationError):  # before the mark was even filed
        record_payment(next(d for d in list_deadlines(as_of=AS_OF, start=D(2037, 1, 1), end=D(2037, 12, 31))
                            if d.kind == "trademark_renewal"), PaymentEntry("2016-02-01", "500"), as_of=AS_OF)


def test_a_renewal_in_the_grace_period_proposes_the_fee_and_the_late_fee_per_class(firm):
    # expired 2026-10-31, two classes: 2 × 450 yuan, and renewing late adds 2 × 225 yuan (fees.yaml)
    create_record("trademark", {"mark": "青枫", "registration_no": "17720345", "nice_classes": "9; 42",
                                "registration_date": D(2016, 11, 1), "expiry_date": D(2026, 10, 31)},
                  firm_id=firm)
    renewal = next(d for d in list_deadlines(as_of=AS_OF) if d.kind == "trademark_renewal")
    assert (renewal.state, renewal.amount_cny, renewal.surcharge_cny, renewal.amount_verified) == (
        "missed", 900, 450, False)
    assert "2个类别 × 450元" in deadline_basis(renewal)
    on_time = proposal(renewal, D(2026, 10, 30))
    assert (on_time.late, on_time.amount) == (False, Decimal(900))
    late = proposal(renewal, D(2026, 11, 20))
    assert (late.late, late.surcharge, late.amount) == (True, Decimal(450), Decimal(1350))


def test_deleting_the_firm_takes_its_payments(patent, firm):
    from zgc_desk.services.records import delete_record

    record_payment(fee_of(patent), PaymentEntry("2026-07-01", "4000"), as_of=AS_OF)
    delete_record("firm", firm)
    assert Payment.select().count() == 0
    undo()
    assert Payment.select().count() == 1
