"""Browsing queries: the in-memory search agrees with the services' SQL search, counts, families."""

from __future__ import annotations

import datetime as dt

import pytest

from zgc_desk.models import Firm, OverseasFiling, Patent, PCTApplication
from zgc_desk.services import create_record, delete_record, list_ids, update_record
from zgc_desk.services.browse import (
    ListQuery,
    SearchIndex,
    family_tree,
    firm_counts,
    firm_matches,
    firm_summaries,
    ordered_ids,
    search_ids,
)

pytestmark = pytest.mark.both_databases


@pytest.fixture
def firm_a(demo_db):
    return Firm.select().order_by(Firm.id).first()


@pytest.mark.parametrize("kind", ["patent", "pct", "overseas", "trademark"])
@pytest.mark.parametrize("typed", ["2019", "ZL2019 1", "cn2021", "202", "pct/cn20", "芯片", "清华", "US", "x", "9; 42", ""])
def test_in_memory_search_finds_what_the_sql_search_finds(firm_a, kind, typed):
    query = ListQuery(kind, firm_a.id, order_by=None, search=typed)
    ordered = ordered_ids(query)
    found = search_ids(query, ordered, SearchIndex(kind, firm_a.id))
    assert found == list_ids(kind, firm_a.id, search=typed)


def test_a_number_matches_however_it_is_written(firm_a):
    patent = Patent.select().where(Patent.firm == firm_a).first()
    digits = patent.application_no.replace(".", "")
    index = SearchIndex("patent", firm_a.id)
    ids = ordered_ids(ListQuery("patent", firm_a.id))
    for typed in (patent.application_no, digits, f"CN{digits}", f"ZL {digits[:4]} {digits[4:8]} {digits[8:]}",
                  f"{digits[:4]}．{digits[4:]}".replace("．", "")):
        assert patent.id in index.filter(ids, typed), typed


def test_the_index_follows_adds_edits_and_deletes(firm_a):
    index = SearchIndex("patent", firm_a.id).build()
    record_id, _changed = _add(firm_a)
    index.refresh([record_id])
    ids = list_ids("patent", firm_a.id)
    assert index.filter(ids, "斑马") == [record_id]
    update_record("patent", record_id, {"title": "一种长颈鹿测试方法"})
    index.refresh([record_id])
    assert index.filter(ids, "斑马") == []
    delete_record("patent", record_id)
    index.refresh([record_id])
    assert index.filter(ids + [record_id], "长颈鹿") == []


def _add(firm):
    from zgc_desk.numbers import make_cn_application

    return create_record("patent", {"application_no": make_cn_application(2024, 1, 9999991), "kind": "invention",
                                    "title": "一种斑马测试方法", "filing_date": "2024-05-06"}, firm_id=firm.id)


def test_orders_and_filters_come_from_the_database(firm_a):
    query = ListQuery("patent", firm_a.id, filters=(("status", "granted"),), order_by="filing_date", descending=True)
    ids = ordered_ids(query)
    dates = [Patent.get_by_id(i).filing_date for i in ids]
    assert dates == sorted(dates, reverse=True)
    assert {Patent.get_by_id(i).status for i in ids} == {"granted"}


def test_firm_summaries_and_the_switcher_match(demo_db):
    firms = firm_summaries()
    assert [f["name"] for f in firms] == sorted(f["name"] for f in firms)
    first = firms[0]
    assert firm_matches(first, first["name"][2:5])
    assert firm_matches(first, first["credit_code"][-5:].lower())
    assert not firm_matches(first, "不存在的公司")


def test_counts_by_status(firm_a):
    counts = firm_counts(firm_a.id)
    assert sum(counts["patent"].values()) == Patent.select().where(Patent.firm == firm_a).count()
    assert sum(counts["patent_kind"].values()) == sum(counts["patent"].values())
    assert counts["pct"]["all"] == PCTApplication.select().where(PCTApplication.firm == firm_a).count()


def test_a_family_from_any_member_has_the_chinese_priority_at_its_root(firm_a):
    pct = PCTApplication.select().where(PCTApplication.cn_priority.is_null(False)).first()
    phases = list(pct.national_phases)
    assert phases
    for kind, record_id in [("patent", pct.cn_priority_id), ("pct", pct.id), ("overseas", phases[0].id)]:
        root = family_tree(kind, record_id)
        assert (root.kind, root.record_id) == ("patent", pct.cn_priority_id)
        pct_nodes = [n for n in root.children if n.kind == "pct"]
        assert [n.record_id for n in pct_nodes] == [pct.id]
        assert {n.record_id for n in pct_nodes[0].children} == {p.id for p in phases}


def test_a_paris_route_filing_hangs_from_its_chinese_application(firm_a):
    filing = OverseasFiling.select().where(OverseasFiling.route == "paris",
                                           OverseasFiling.cn_patent.is_null(False)).first()
    root = family_tree("overseas", filing.id)
    assert (root.kind, root.record_id) == ("patent", filing.cn_patent_id)
    assert filing.id in [n.record_id for n in root.children if n.kind == "overseas"]


def test_a_priority_outside_the_database_is_shown_as_a_number(firm_a):
    pct_id, _ = create_record("pct", {"pct_no": "PCT/CN2026/000123", "intl_filing_date": dt.date(2026, 3, 1),
                                      "priority_date": dt.date(2025, 4, 1), "cn_priority_no": _valid_cn()},
                              firm_id=firm_a.id)
    root = family_tree("pct", pct_id)
    assert root.record_id is None and root.kind == "patent"
    assert root.children[0].record_id == pct_id


def _valid_cn() -> str:
    from zgc_desk.numbers import make_cn_application

    return make_cn_application(2025, 1, 8887771)
