"""Search everything (services.search) on a real database: every kind, every firm, any number form."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zgc_desk import services
from zgc_desk.models import Patent
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


# ---- what a hit shows, and typing that narrows -----------------------------------------------------

def _reference(search: GlobalSearch, text: str):
    """A fresh search of ``text`` on new indexes: what narrowing must give."""
    fresh = GlobalSearch().build().search(text)
    return [(g.kind, g.count, g.hits) for g in fresh.kinds]


def test_a_hit_shows_the_records_own_number_title_and_firm(demo_db):
    from zgc_desk.columns import display_number
    from zgc_desk.models import MODEL_BY_KIND, Firm

    search = GlobalSearch().build()
    seen = set()
    for text in ("北京", "2021", "芯片", "EP", "17/", "科技", "智源"):
        for group in search.search(text).kinds:
            for hit in group.hits:
                row = MODEL_BY_KIND[hit.kind].select().where(MODEL_BY_KIND[hit.kind].id == hit.record_id).dicts().get()
                assert hit.number == display_number(hit.kind, row)
                assert hit.title == (row.get("name") or "" if hit.kind == "firm" else
                                     row.get("mark") or "" if hit.kind == "trademark" else row.get("title") or "")
                firm = Firm.get_by_id(row["id"] if hit.kind == "firm" else row["firm"])
                assert (hit.firm_id, hit.firm_name) == (firm.id, firm.name)
                seen.add(hit.kind)
    assert seen == {"firm", "patent", "pct", "overseas", "trademark"}


def test_typing_narrows_to_the_same_answer_as_a_fresh_search(demo_db):
    """Each prefix typed (and a backspace, a replaced word) gives exactly a fresh search's answer."""
    patent = Patent.select().order_by(Patent.id.desc()).get()
    digits = patent.application_no.replace(".", "")
    written = f"ZL {digits[:4]} {digits[4:8]} {digits[8:12]}.{digits[12:]}"
    search = GlobalSearch().build()
    typed = [written[:n] for n in range(1, len(written) + 1)]
    typed += ["芯", "芯片", "芯片散", "芯片", "芯", "北", "北京", "北京智", "2", "20", "202", "20", "PCT/", "PCT/CN"]
    for text in typed:
        found = search.search(text)
        assert [(g.kind, g.count, g.hits) for g in found.kinds] == _reference(search, text), text
    assert [h.record_id for g in search.search(written).kinds for h in g.hits if h.kind == "patent"] == [patent.id]


def test_a_change_of_records_is_seen_by_the_next_narrowed_search(demo_db):
    search = GlobalSearch().build()
    assert search.search("量子").count == 0
    patent = Patent.select().order_by(Patent.id).get()
    changed = services.update_record("patent", patent.id, {"title": "一种量子芯片"})
    search.refresh(changed.ids)
    assert [h.record_id for g in search.search("量子芯").kinds for h in g.hits] == [patent.id]


def test_which_texts_narrow_which():
    from zgc_desk.services.search import narrows, search_terms

    assert narrows(search_terms("2019"), search_terms("201910"))
    assert narrows(search_terms("芯"), search_terms("芯片"))
    assert narrows(search_terms("ZL 2019"), search_terms("ZL 2019 1"))  # "zl 2019" in "zl 2019 1"; "2019" in "20191"
    assert not narrows(search_terms("芯片"), search_terms("芯"))  # a backspace widens
    assert not narrows(search_terms("2019"), search_terms("2018"))
    # "2019 1" (words "2019 1", key "20191") then "2019 1x": the key of the new text "20191x" holds "20191"
    assert narrows(search_terms("2019 1"), search_terms("2019 1x"))


# ---- the ASCII part: the same matches, found in one byte per character ----------------------------

@given(st.text(alphabet="ab1.2 芯片ßK\x1fÄ-", max_size=30), st.text(alphabet="ab1.2 芯片ßK\x1fÄ-", min_size=1, max_size=5))
def test_an_ascii_text_is_in_the_ascii_part_exactly_where_it_is_in_the_text(text, term):
    from zgc_desk.services.search import SEPARATOR, ascii_part

    part = ascii_part(text)
    assert part.isascii()
    if term.isascii() and SEPARATOR not in term:
        assert (term in part) == (term in text)


def test_the_index_finds_what_the_record_lists_find(demo_db):
    """KindIndex (ASCII part for ASCII texts) against browse.SearchIndex (the full texts) on every kind,
    before and after a change that mixes scripts in one field."""
    from zgc_desk.services.browse import SearchIndex
    from zgc_desk.services.search import KindIndex

    texts = ("2021", "zl 2021 1", "202110", "ai", "AI推理", "推理", "芯片", "ep", "PCT/CN", "17/", "v2", "k", "ss",
             "北京智源", "a-b", "1.2", "x", "9")
    kinds = ("firm", "patent", "pct", "overseas", "trademark")
    ours = {kind: KindIndex(kind).build() for kind in kinds}
    plain = {kind: SearchIndex(kind, None).build() for kind in kinds}

    def same():
        for kind in kinds:
            for text in texts:
                assert ours[kind].matches(text) == plain[kind].matches(text), (kind, text)
                every = plain[kind].matches(text[:1])
                assert ours[kind].filter(every, text) == plain[kind].filter(every, text), (kind, text)

    same()
    patent = Patent.select().order_by(Patent.id).get()
    changed = services.update_record("patent", patent.id, {"title": "AI推理v2芯片 Straße"})
    for index in (ours["patent"], plain["patent"]):  # the changed record moves last in both
        index.refresh(changed.ids["patent"])
    assert ours["patent"].matches("ai推理v2") == [patent.id] and patent.id in ours["patent"].matches("v2")
    same()
