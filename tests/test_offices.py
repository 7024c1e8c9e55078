"""Office names beside codes (issue 17 item 7): people read "US 美国", scripts keep "US"."""

from __future__ import annotations

from zgc_desk.columns import columns_for
from zgc_desk.offices import office_name


def test_an_office_is_shown_with_its_name_in_the_interface_language(english):
    from zgc_desk.i18n import set_language

    assert office_name("US") == "US United States" and office_name("EP") == "EP European Patent Office"
    set_language("zh_CN")
    try:
        assert office_name("US") == "US 美国" and office_name("JP") == "JP 日本"
        assert office_name("EP") == "EP 欧洲专利局" and office_name("WO") == "WO 世界知识产权组织"
        assert office_name("") == "" and office_name("XX") == "XX"
        column = next(c for c in columns_for("overseas") if c.key == "office")
        assert column.text({"office": "KR"}) == "KR 韩国" and column.value({"office": "KR"}) == "KR"
    finally:
        set_language("en")
