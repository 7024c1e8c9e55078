"""The demo portfolio holds what the brief promises, all valid."""

from zgc_desk import numbers
from zgc_desk.models import Firm, OverseasFiling, Patent, PCTApplication, Trademark
from zgc_desk.schema import clean_record
from zgc_desk.services import record_values


def test_demo_has_two_firms_and_a_varied_portfolio(demo_db):
    assert Firm.select().count() == 2
    assert 35 <= Patent.select().count() <= 45
    kinds = {p.kind for p in Patent.select()}
    assert kinds == {"invention", "utility_model", "design"}
    statuses = {p.status for p in Patent.select()}
    assert {"pending", "granted", "lapsed"} <= statuses
    assert PCTApplication.select().count() >= 2
    assert OverseasFiling.select().where(OverseasFiling.grant_date.is_null(False)).count() >= 2
    assert Trademark.select().count() >= 5


def test_demo_has_a_co_owned_patent_an_abnormal_one_and_a_madrid_mark(demo_db):
    assert Patent.select().where(Patent.abnormal == True).count() >= 1  # noqa: E712
    assert any(p.applicants.split("; ")[0] == "清华大学" for p in Patent.select())
    assert Trademark.select().where(Trademark.madrid_no != "").count() >= 1


def test_some_pct_national_phases_are_entered_and_some_not(demo_db):
    for pct in PCTApplication.select():
        if pct.planned_offices:
            entered = {f.office for f in pct.national_phases}
            planned = set(pct.planned_offices.split("; "))
            assert entered & planned and planned - entered


def test_every_demo_record_passes_validation_again(demo_db):
    for kind, model in (("firm", Firm), ("patent", Patent), ("pct", PCTApplication),
                        ("overseas", OverseasFiling), ("trademark", Trademark)):
        for record in model.select():
            values = {k: v for k, v in record_values(kind, record).items() if k not in ("id", "firm_id")}
            result = clean_record(kind, values)
            assert result.ok, (kind, record.id, {k: str(e) for k, e in result.errors.items()})
    for patent in Patent.select():
        numbers.parse_cn_application(patent.application_no)
