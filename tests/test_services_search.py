"""Search everything (services.search) on a real database: every kind, every firm, any number form."""

from __future__ import annotations

from zgc_desk import services
from zgc_desk.services.search import SHOWN_PER_KIND, GlobalSearch

FIRM_A = {"name": "北京甲科技有限公司", "credit_code": "91110108551385082Q"}
FIRM_B = {"name": "北京乙科技有限公司", "credit_code": "914403001922038216"}


def _portfolio():
    a, _ = services.create_record("firm", FIRM_A)
    b, _ = services.create_record("firm", FIRM_B)
    p, _ = services.create_record("patent", {"application_no": "202110344405.7", "kind": "invention",
                                             "title": "一种芯片散热方法", "filing_date": "2021-03-05"}, firm_id=a)
    t, _ = services.create_record("trademark", {"mark": "芯片星", "registration_no": "12345678"}, firm_id=b)
    return a, b, p, t


def _found(results):
    return [(hit.kind, hit.record_id) for group in results.kinds for hit in group.hits]


def test_a_number_in_any_form_finds_the_record(db_path):
    a, b, p, t = _portfolio()
    search = GlobalSearch().build()
    for written in ("202110344405.7", "ZL 2021 1034 4405.7", "2021103444057", "zl202110344405.7"):
        assert _found(search.search(written)) == [("patent", p)], written


def test_words_find_several_kinds_of_several_firms_grouped(db_path):
    a, b, p, t = _portfolio()
    results = GlobalSearch().build().search("芯片")
    assert [g.kind for g in results.kinds] == ["patent", "trademark"]
    assert _found(results) == [("patent", p), ("trademark", t)]
    assert results.kinds[0].hits[0].firm_name == FIRM_A["name"]
    assert results.kinds[1].by_firm()[0][:2] == (b, FIRM_B["name"])
    firms = GlobalSearch().build().search("科技")
    assert [g.kind for g in firms.kinds] == ["firm"] and firms.kinds[0].count == 2


def test_changes_are_patched_into_a_built_index(db_path):
    a, b, p, t = _portfolio()
    search = GlobalSearch().build()
    changed = services.update_record("patent", p, {"title": "一种量子存储装置"})
    search.refresh(changed.ids)
    assert _found(search.search("量子")) == [("patent", p)]
    assert search.search("散热").count == 0
    changed = services.delete_record("trademark", t)
    search.refresh(changed.ids)
    assert search.search("芯片星").count == 0


def test_only_the_first_hits_are_read_but_all_are_counted(db_path):
    a, _ = services.create_record("firm", FIRM_A)
    for serial in range(SHOWN_PER_KIND + 5):
        services.create_record("trademark", {"mark": f"星{serial}", "registration_no": str(20000000 + serial)},
                               firm_id=a)
    results = GlobalSearch().build().search("星")
    assert results.kinds[0].count == SHOWN_PER_KIND + 5
    assert len(results.kinds[0].hits) == SHOWN_PER_KIND


def test_blank_text_finds_nothing(db_path):
    _portfolio()
    assert GlobalSearch().build().search("  ").count == 0
