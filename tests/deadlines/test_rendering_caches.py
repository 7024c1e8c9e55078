"""The words of a deadline are built from cached pieces (``zgc_desk.deadlines.basis``, ``zgc_desk.i18n``)
and the JSON is written by orjson: what a user sees must still follow the active language at once, and
the JSON must say what ``json`` said."""

from __future__ import annotations

import datetime as dt
import gettext
import io
import json
from dataclasses import dataclass

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from tests.deadlines.conftest import patent
from zgc_desk import i18n
from zgc_desk.deadlines import compute_deadlines
from zgc_desk.deadlines.basis import basis_text, deadline_basis
from zgc_desk.deadlines.model import Basis
from zgc_desk.deadlines.output import deadline_record, write_json
from zgc_desk.i18n import _, ngettext, pgettext, set_language

AS_OF = dt.date(2026, 11, 25)


def _annuity_year_10():
    # Guidelines Part V Ch. 9 §2: year N's fee is due on the (N-1)th anniversary of filing; filed
    # 2017-10-30, the year-10 fee falls on 2026-10-30 (a Friday, a working day: not moved).
    found = compute_deadlines([patent(grant_date=dt.date(2019, 5, 10), paid_through=9)], as_of=AS_OF,
                              start=dt.date(2026, 10, 30), end=dt.date(2026, 10, 30))
    return next(d for d in found if d.kind == "annuity" and d.year == 10)


def test_the_basis_follows_a_language_switch_both_ways():
    deadline = _annuity_year_10()
    set_language("zh_CN")
    chinese = deadline_basis(deadline)
    set_language("en")
    english = deadline_basis(deadline)
    set_language("zh_CN")
    again = deadline_basis(deadline)
    assert english.startswith("Annual fee for patent year 10: 9 years from the filing date 2017-10-30, i.e. 2026-10-30")
    assert "source: " in english and "第10年度年费" not in english
    assert chinese.startswith("第10年度年费") and "2017-10-30" in chinese and "2026-10-30" in chinese
    assert again == chinese and english != chinese


def test_a_catalogue_put_in_place_without_set_language_is_used_at_once(monkeypatch):
    set_language("zh_CN")
    assert _("open") != "open"  # cached from the shipped catalogue
    catalog = Catalog(locale="zh_CN")
    catalog.add("open", "待办（测试）")
    catalog.add("Office", "受理局（测试）", context="patent office")
    catalog.add(("{n} year", "{n} years"), ("{n} 年（测试）",))
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    monkeypatch.setattr(i18n, "_translation", gettext.GNUTranslations(buffer))
    assert _("open") == "待办（测试）"
    assert pgettext("patent office", "Office") == "受理局（测试）"
    assert ngettext("{n} year", "{n} years", 3) == "{n} 年（测试）"
    monkeypatch.undo()
    assert _("open") != "待办（测试）"


def test_a_context_and_the_plain_message_keep_their_own_translations():
    set_language("zh_CN")
    assert pgettext("patent office", "Office") == "受理局"
    assert _(i18n.NP_("country or region", "Office")) == "国家/地区"
    assert _(i18n.NP_("patent office", "Office")) == "受理局"


@dataclass(frozen=True)
class _Named:
    """A parameter that cannot be a dict key (like a notice type's name, which holds dicts)."""

    names: dict

    def __hash__(self):
        raise TypeError("unhashable")

    def __format__(self, spec):
        return self.names[i18n.current_language()]


def test_braces_and_unhashable_parameters_are_taken_as_they_are():
    set_language("en")
    basis = Basis(rule="Rule {what}", source="Art. {7}", base="filing date", base_date=dt.date(2020, 1, 2),
                  period=(3, "months"), unadjusted=dt.date(2020, 4, 2),
                  notes=(("note {x}", (("x", "{y}"),)), ("named {n}", (("n", _Named({"en": "E", "zh_CN": "中"})),))),
                  rule_params=(("what", _Named({"en": "{curly}", "zh_CN": "中"})),))
    text = basis_text(basis, dt.date(2020, 4, 3))
    assert text == ("Rule {curly}: 3 months from the filing date 2020-01-02, i.e. 2020-04-02; moved to the next "
                    "working day 2020-04-03; note {y}; named E; source: Art. {7}")
    set_language("zh_CN")
    assert "中" in basis_text(basis) and "{curly}" not in basis_text(basis)


def test_json_is_the_same_as_json_dumps_and_keeps_chinese_as_is():
    set_language("zh_CN")
    deadlines = compute_deadlines([patent(grant_date=dt.date(2019, 5, 10), paid_through=9, title="一种测试装置")],
                                  as_of=AS_OF, start=dt.date(2020, 1, 1), end=dt.date(2030, 12, 31))
    assert len(deadlines) > 10
    raw = io.BytesIO()
    text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    text.write("before\n")  # what the text stream holds is written first
    write_json(deadlines, text)
    text.flush()
    data = raw.getvalue()
    assert data.startswith(b"before\n[\n{")
    assert "一种测试装置".encode() in data and b"\\u" not in data
    expected = [deadline_record(d) for d in deadlines]
    parsed = json.loads(data.decode("utf-8").removeprefix("before\n"))
    assert parsed == expected and [list(r) for r in parsed] == [list(r) for r in expected]
    lines = data.decode("utf-8").splitlines()[1:]
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == len(expected) + 2

    plain = io.StringIO()  # no byte stream under it
    write_json(deadlines, plain)
    assert json.loads(plain.getvalue()) == expected


def test_more_records_than_a_batch_and_none_at_all():
    set_language("en")
    one = _annuity_year_10()
    many = io.StringIO()
    write_json([one] * 2500, many)
    assert len(json.loads(many.getvalue())) == 2500 and many.getvalue().count("\n") == 2502
    empty = io.StringIO()
    write_json([], empty)
    assert empty.getvalue() == "[]\n" and json.loads(empty.getvalue()) == []


def test_a_late_write_under_the_old_language_never_reaches_the_new_one():
    """A computation off the GUI thread may still be filling a cache when the language changes: what
    it writes goes to the old language's dict, which the new language never reads."""
    set_language("zh_CN")
    cache = i18n.LanguageCache()
    before = cache.current()
    before["greeting"] = "你好"
    _translation, messages_before = i18n._messages.pair()
    set_language("en")
    after = cache.current()
    assert after is not before and "greeting" not in after
    before["late"] = "迟到的"  # the thread still rendering in Chinese
    messages_before["open"] = "迟到的"
    assert "late" not in cache.current() and _("open") == "open"
    set_language("zh_CN")
    assert cache.current() is not before and _("open") not in ("open", "迟到的")
