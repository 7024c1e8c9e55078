"""Fonts, crash-safe writing, width fitting, and the application content built from rule results."""

from __future__ import annotations

import datetime as dt

import pytest

from zgc_desk.forms.application import build_application, cn_date, cn_money
from zgc_desk.forms.atomic import atomic_output
from zgc_desk.forms.fieldmap import form_for
from zgc_desk.forms.fonts import CJK, LATIN, LATIN_BOLD, markup, runs, unbreakable_width
from zgc_desk.forms.pdf_tables import fit_widths
from zgc_desk.subsidy_rules.engine import policy_round
from zgc_desk.subsidy_rules.facts import ItemFacts
from zgc_desk.subsidy_rules.loader import load_rules as rules  # the shipped rules (no database here)
from zgc_desk.subsidy_rules.results import Decision, FirmTotal


def test_text_is_cut_into_runs_each_font_can_show():
    assert runs("专利 CN110824111B，¥280") == [(CJK, "专利"), (LATIN, " CN110824111B"), (CJK, "，"),
                                              (LATIN, "¥280")]
    assert runs("AB", bold=True) == [(LATIN_BOLD, "AB")]
    # no font has a ballot box: a look-alike keeps the text readable and searchable
    assert runs("☐") == [(LATIN, "[ ]")]


def test_markup_escapes_database_text():
    text = markup("<b>A&B</b>\n第二行")
    assert "&lt;b&gt;A&amp;B&lt;/b&gt;" in text and "<br/>" in text


def test_numbers_are_unbreakable_chinese_is_not():
    assert unbreakable_width("中文中文中文", 10) == 0
    assert unbreakable_width("美国（US）", 10) == unbreakable_width("US", 10) > 0


def test_fit_widths_keeps_minimums_and_the_total():
    widths = fit_widths([5, 30, 10], [40, 20, 60], 300)
    assert sum(widths) == pytest.approx(300)
    assert widths[0] >= 40 and widths[2] >= 60
    squeezed = fit_widths([1, 1], [200, 200], 300)
    assert sum(squeezed) == pytest.approx(300)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "form.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["form.pdf"]
    with atomic_output(target) as tmp:
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"new" and len(list(tmp_path.iterdir())) == 1


def test_chinese_formats():
    assert cn_money(1234) == "¥1,234.00"
    assert cn_date(dt.date(2021, 6, 5)) == "2021年6月5日"


FIRM = {"name": "测试科技有限公司", "credit_code": "91110108MA01R8KX3B", "address": "北京", "zgc_park": "海淀园",
        "legal_rep": "张三", "contact_name": "李四", "contact_phone": "010-1"}


def _decision(number, eligible=True, amount=280, nominal=2000, verified=False):
    item = ItemFacts("cn_patent", FIRM["credit_code"], number, "CN", "invention", "一种方法", ("测试科技有限公司",),
                     filing_date=dt.date(2019, 1, 2), grant_date=dt.date(2023, 3, 4), grant_no="CN1B")
    return Decision("invention_grant", FIRM["credit_code"], number, "cn_patent", 2024, eligible=eligible,
                    amount_cny=amount if eligible else 0, amount_before_cap=nominal if eligible else None,
                    verified=verified, office="CN", title="一种方法", item=item)


def test_application_rows_totals_notes_and_attachments(tmp_path):
    ruleset = rules()
    standing = policy_round(ruleset.policies["invention_grant"], 2024)
    decisions = [_decision("202010310117.5"), _decision("202010310118.3", eligible=False),
                 _decision("202010310119.1", amount=2000, verified=True)]
    total = FirmTotal(FIRM["credit_code"], {"invention_grant": 2280})
    app = build_application(form_for("invention_grant", 2024), standing, decisions, total, FIRM, dt.date(2026, 1, 5))
    assert [row.decision.matter for row in app.rows] == ["202010310117.5", "202010310119.1"]
    first = app.rows[0].cells
    assert first[0] == 1 and first[3] == dt.date(2019, 1, 2) and first[8] == 280
    assert first[9] == "金额待核实；已按封顶规定核减"
    assert app.rows[1].cells[9] == ""
    assert app.column_totals == {7: 4000, 8: 2280} and app.total_claimed == 2280
    assert not app.verified and app.statement is None
    assert app.attachments[0] == ("申报单位", "营业执照复印件")
    assert sum(1 for label, _doc in app.attachments if "202010310117.5" in label) == 2
    assert [line.value for line in app.firm_lines if line.input] == ["", ""]


def test_an_unavailable_round_is_stated_in_chinese(english):
    ruleset = rules()
    standing = policy_round(ruleset.policies["invention_grant"], 2026)
    assert not standing.available
    app = build_application(form_for("invention_grant", 2026), standing, [], None, FIRM, dt.date(2026, 1, 5))
    assert app.rows == [] and app.statement.startswith("本政策在2026年度不予受理申报：国家知识产权局")
