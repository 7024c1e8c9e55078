"""The Policies page's services: list parameters, edit a value into the database's copy of a policy
(checked on save), export, import, revert and remove — read back through the real loader, in a real
database file (so a shared database shares them and a backup restores them)."""

from __future__ import annotations

import datetime as dt

import pytest

from zgc_desk.services.errors import NotFound
from zgc_desk.services.subsidies import (
    check,
    export_policy,
    import_policy,
    list_parameters,
    list_policies,
    remove_parameter_value,
    revert_policy,
    rules,
    set_parameter_value,
    stored_texts,
)
from zgc_desk.subsidy_rules import RuleFileError
from zgc_desk.subsidy_rules.overrides import shipped_path

pytestmark = pytest.mark.usefixtures("db_path")

NOTICE = {"document": "中关村管委会2027年度支持资金申报通知", "number": "中科园发〔2027〕1号", "article": "第三条"}


def test_every_parameter_is_listed_with_value_source_and_verified_flag():
    rows = list_parameters()
    assert {r.policy for r in rows} == {p.id for p in list_policies()}
    cap = [r for r in rows if r.policy == "invention_grant" and r.parameter == "official_fee_cap"]
    assert [(r.effective_from, r.value, r.verified) for r in cap] == [
        (dt.date(2019, 1, 1), None, False), (dt.date(2021, 1, 27), 0.5, True)]
    assert "国知发保字〔2021〕1号" in cap[1].source and not cap[1].overridden
    assert any("illustrative" in r.document and not r.verified for r in rows)


def test_a_new_value_for_a_round_is_kept_in_the_database_and_used():
    policy = set_parameter_value("madrid_trademark", "amount_per_designation", dt.date(2026, 1, 1),
                                 {"US": 6000, "EM": 6000, "NO": 3000, "other": 2500}, NOTICE, True, dt.date(2026, 11, 25))
    assert policy.overridden and "madrid_trademark" in stored_texts()
    value = rules().policies["madrid_trademark"].parameter("amount_per_designation").at(dt.date(2026, 6, 1))
    assert value.value == {"US": 6000, "EM": 6000, "NO": 3000, "other": 2500} and value.verified
    assert value.source.number == "中科园发〔2027〕1号"
    older = rules().policies["madrid_trademark"].parameter("amount_per_designation").at(dt.date(2025, 6, 1))
    assert older.value["US"] == 5000  # earlier rounds keep their figures
    assert all(r.overridden for r in list_parameters("madrid_trademark"))


def test_a_bad_value_is_refused_with_the_file_and_line_and_nothing_is_saved():
    with pytest.raises(RuleFileError) as caught:
        set_parameter_value("pct_filing", "amount_per_pct", dt.date(2021, 1, 1), "abc", NOTICE, True, None)
    assert "pct_filing" in str(caught.value) and "'abc'" in str(caught.value)
    assert caught.value.problems[0].line > 0
    assert stored_texts() == {}


def test_editing_twice_keeps_one_value_per_date_and_removing_restores():
    set_parameter_value("pct_filing", "amount_per_pct", dt.date(2021, 1, 1), 15000, NOTICE, False, None)
    set_parameter_value("pct_filing", "amount_per_pct", dt.date(2021, 1, 1), 16000, NOTICE, False, None)
    values = rules().policies["pct_filing"].parameter("amount_per_pct").values
    assert [(v.effective_from, v.value) for v in values] == [(dt.date(2019, 1, 1), 10000), (dt.date(2021, 1, 1), 16000)]
    remove_parameter_value("pct_filing", "amount_per_pct", dt.date(2021, 1, 1))
    assert len(rules().policies["pct_filing"].parameter("amount_per_pct").values) == 1
    with pytest.raises(NotFound):
        remove_parameter_value("pct_filing", "amount_per_pct", dt.date(2021, 1, 1))
    with pytest.raises(NotFound):
        set_parameter_value("pct_filing", "no_such_parameter", dt.date(2021, 1, 1), 1, NOTICE, False, None)


def test_an_end_of_availability_needs_its_reason():
    with pytest.raises(RuleFileError) as caught:
        set_parameter_value("madrid_trademark", "available", dt.date(2027, 1, 1), False, NOTICE, True, None)
    assert "why" in str(caught.value)
    set_parameter_value("madrid_trademark", "available", dt.date(2027, 1, 1), False, NOTICE, True, None,
                        why={"zh": "2027年起停止国际商标支持", "en": "international trademark support stopped in 2027"})
    assert not rules().policies["madrid_trademark"].parameter("available").at(dt.date(2027, 3, 31)).value


def test_export_then_import_round_trips_and_reverting_restores_the_shipped_rules(tmp_path, demo_db):
    out = export_policy("invention_grant", tmp_path / "export" / "invention_grant.yaml")
    assert out.read_text(encoding="utf-8") == shipped_path("invention_grant").read_text(encoding="utf-8")
    edited = out.read_text(encoding="utf-8").replace("value: 2000\n", "value: 3000\n")
    (tmp_path / "from_colleague.yaml").write_text(edited, encoding="utf-8")
    policy = import_policy(tmp_path / "from_colleague.yaml")
    assert policy.id == "invention_grant" and policy.overridden
    # a what-if: the grant of 2021 now capped by fees rather than by the amount
    assert rules().policies["invention_grant"].parameter("amount_per_grant").values[0].value == 3000
    assert revert_policy("invention_grant") and not revert_policy("invention_grant")
    assert not rules().policies["invention_grant"].overridden
    assert check(dt.date(2026, 11, 25), 2022).totals


def test_a_broken_import_is_refused_naming_the_imported_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(shipped_path("pct_filing").read_text(encoding="utf-8").replace("- firm_in_zone", "- firm_in_zon"),
                    encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        import_policy(path)
    assert str(path) in str(caught.value) and "firm_in_zon" in str(caught.value)
    assert stored_texts() == {}


def test_unknown_policies_are_user_errors(tmp_path):
    with pytest.raises(NotFound):
        export_policy("no_such_policy", tmp_path / "x.yaml")
    with pytest.raises(NotFound):
        revert_policy("no_such_policy")


def test_a_changed_copy_shows_its_differences_from_the_shipped_file():
    from zgc_desk.services.subsidies import policy_differences, policy_infos, policy_text_differences

    assert policy_differences("pct_filing") == [] and policy_text_differences("pct_filing") == ""
    set_parameter_value("pct_filing", "amount_per_pct", dt.date(2021, 1, 1), 15000, NOTICE, False, None)
    (line,) = policy_differences("pct_filing")
    assert "amount_per_pct" in line and "2021-01-01" in line and "15000" in line and "中科园发〔2027〕1号" in line
    assert policy_text_differences("pct_filing").startswith("---")
    assert {i.id: i.origin for i in policy_infos()}["pct_filing"] == "changed"


def test_the_policies_live_in_the_database_file_so_a_backup_restores_them(tmp_path, db_path):
    from zgc_desk.io.backups import backup_database, restore_into
    from zgc_desk.models import database
    from zgc_desk.services.subsidies import remove_policy

    set_parameter_value("pct_filing", "amount_per_pct", dt.date(2021, 1, 1), 15000, NOTICE, False, None)
    backup = backup_database(database, db_path, reason="test")
    assert remove_policy("pct_filing")[0] == "reverted" and stored_texts() == {}
    restore_into(database, backup)
    assert rules().policies["pct_filing"].parameter("amount_per_pct").at(dt.date(2022, 1, 1)).value == 15000


def test_a_shipped_policy_without_a_copy_cannot_be_removed():
    from zgc_desk.services.errors import UserError
    from zgc_desk.services.subsidies import remove_policy

    with pytest.raises(UserError, match="pct_filing"):
        remove_policy("pct_filing")
