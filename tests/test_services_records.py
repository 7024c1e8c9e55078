import pytest

from zgc_desk import services
from zgc_desk.models import ChangeLog, Patent, PCTApplication

pytestmark = pytest.mark.both_databases

FIRM = {"name": "北京测试科技有限公司", "credit_code": "91110108551385082Q", "zgc_park": "海淀园"}


def add_patent(firm_id, number="202110344405.7", **extra):
    values = {"application_no": number, "kind": "invention", "title": "一种方法", "filing_date": "2021-03-05",
              **extra}
    return services.create_record("patent", values, firm_id=firm_id)


def test_create_returns_id_and_what_changed(db_path):
    firm_id, changed = services.create_record("firm", FIRM)
    patent_id, changed = add_patent(firm_id, "ZL 2021 1034 4405.7")
    assert changed.ids == {"patent": {patent_id}}
    assert changed.firm_ids == {firm_id}
    assert Patent.get_by_id(patent_id).application_no == "202110344405.7"


def test_invalid_input_raises_field_messages_and_writes_nothing(db_path):
    firm_id, _ = services.create_record("firm", FIRM)
    with pytest.raises(services.ValidationError) as err:
        add_patent(firm_id, "202110344405.3", filing_date="2021-02-30")
    assert set(err.value.errors) == {"application_no", "filing_date"}
    assert "7" in err.value.errors["application_no"]
    assert Patent.select().count() == 0


def test_duplicate_number_is_refused_in_the_same_firm_and_in_another_naming_it(db_path):
    firm_id, _ = services.create_record("firm", FIRM)
    other_id, _ = services.create_record("firm", {"name": "另一家", "credit_code": "914403001922038216"})
    add_patent(firm_id)
    with pytest.raises(services.ValidationError):
        add_patent(firm_id, "CN202110344405.7")
    # One CN application number names one right: under a second firm it is a mistake (README).
    with pytest.raises(services.ValidationError, match=FIRM["name"]):
        add_patent(other_id)
    assert Patent.select().count() == 1


def test_update_logs_old_and_new_values(db_path):
    firm_id, _ = services.create_record("firm", FIRM)
    patent_id, _ = add_patent(firm_id)
    changed = services.update_record("patent", patent_id, {"title": "一种新方法", "status": "有效"})
    assert changed.ids == {"patent": {patent_id}}
    entries = services.history("patent", patent_id)
    assert [e["action"] for e in entries] == ["create", "update"]
    assert entries[1]["changes"]["title"] == ["一种方法", "一种新方法"]
    assert entries[1]["changes"]["status"] == ["pending", "granted"]


def test_update_without_change_changes_nothing(db_path):
    firm_id, _ = services.create_record("firm", FIRM)
    patent_id, _ = add_patent(firm_id)
    assert not services.update_record("patent", patent_id, {"title": "一种方法"})
    assert ChangeLog.select().where(ChangeLog.action == "update").count() == 0


def test_delete_and_undo_firm_brings_back_its_records(db_path):
    firm_id, _ = services.create_record("firm", FIRM)
    patent_id, _ = add_patent(firm_id)
    changed = services.delete_record("firm", firm_id)
    assert changed.of("patent") == {patent_id} and changed.firm_ids == {firm_id}  # the cascade is named
    assert Patent.select().count() == 0  # cascade
    services.undo()
    assert Patent.get_by_id(patent_id).firm_id == firm_id


def test_pct_links_to_its_chinese_priority_application(db_path):
    firm_id, _ = services.create_record("firm", FIRM)
    patent_id, _ = add_patent(firm_id)
    pct_id, _ = services.create_record("pct", {"pct_no": "pct/cn2022/12345", "intl_filing_date": "2022-03-04",
                                               "priority_date": "2021-03-05", "cn_priority_no": "202110344405.7"},
                                       firm_id=firm_id)
    pct = PCTApplication.get_by_id(pct_id)
    assert pct.pct_no == "PCT/CN2022/012345"
    assert pct.cn_priority_id == patent_id


def test_trademark_expiry_is_derived_when_not_given(db_path):
    firm_id, _ = services.create_record("firm", FIRM)
    tm_id, _ = services.create_record("trademark", {"mark": "甲", "registration_no": "12345678",
                                                    "registration_date": "2017-07-21"}, firm_id=firm_id)
    assert str(services.get_record("trademark", tm_id).expiry_date) == "2027-07-20"


def test_search_finds_numbers_in_any_written_form(db_path):
    firm_id, _ = services.create_record("firm", FIRM)
    patent_id, _ = add_patent(firm_id, applicants="北京测试科技有限公司; 清华大学")
    for query in ("2021 1034", "ZL202110344405.7", "44405", "清华", "一种方"):
        assert services.list_ids("patent", firm_id, search=query) == [patent_id], query
    assert services.list_ids("patent", firm_id, search="999999") == []


def test_unknown_firm_code_is_a_field_error(db_path):
    with pytest.raises(services.ValidationError) as err:
        services.create_record("patent", {"firm_credit_code": "914403001922038216", "application_no": "202110344405.7",
                                          "kind": "invention", "title": "x", "filing_date": "2021-03-05"})
    assert "firm_credit_code" in err.value.errors


def test_firms_are_found_by_name_or_by_code_in_any_case(db_path):
    services.create_record("firm", FIRM)
    services.create_record("firm", {"name": "另一家公司", "credit_code": "914403001922038216"})
    assert [f.name for f in services.list_firms("测试")] == ["北京测试科技有限公司"]
    assert [f.name for f in services.list_firms("9144 0300")] == ["另一家公司"]
    assert len(services.list_firms("")) == 2
