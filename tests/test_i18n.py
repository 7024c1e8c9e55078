"""Translations: the one Chinese catalogue passes ``tools/i18n.py check`` (every message of the code,
extracted afresh, translated — so a new ``_()`` string without a translation fails here —, nothing
obsolete or fuzzy, placeholders kept, compiles), words with two meanings are told apart by context, the
compiled .mo is current, and dates, numbers and money follow the active language."""

from __future__ import annotations

import ast
import datetime as dt
import gettext
import importlib.util
import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from zgc_desk import i18n
from zgc_desk.i18n import (
    NP_,
    _,
    format_date,
    format_datetime,
    format_money,
    format_number,
    format_percent,
    ngettext,
    normalise_language,
    npgettext,
    pgettext,
    set_language,
    system_language,
)
from zgc_desk.paths import i18n_dir

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "zgc_desk"
PO = i18n_dir() / "zh_CN" / "LC_MESSAGES" / "zgc_desk.po"
MO = PO.with_suffix(".mo")
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


def _load_tool():
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    """The messages of the code as it is now, extracted as ``tools/i18n.py`` extracts them."""
    return tool.extracted()


@pytest.fixture(scope="module")
def chinese() -> Catalog:
    with open(PO, "rb") as fh:
        return read_po(fh, locale="zh_CN")


def _complete(string) -> bool:
    strings = string if isinstance(string, tuple | list) else (string,)
    return bool(strings) and all(s.strip() for s in strings)


def test_one_catalogue_per_language_and_nothing_else_to_edit():
    assert PO == tool.po_path("zh_CN") == ROOT / "i18n" / "zh_CN" / "LC_MESSAGES" / "zgc_desk.po"
    assert sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "i18n").rglob("*.po")) == [
        "i18n/zh_CN/LC_MESSAGES/zgc_desk.po"]


def test_extraction_finds_the_messages_of_every_area(extracted):
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in extracted if m.id}
    assert len(ids) > 500
    assert "&File" in ids  # a menu title (N_ at module level)
    assert ("{n} deadline", "{n} deadlines") in {m.id for m in extracted if isinstance(m.id, tuple)}
    contexts = {(m.id, m.context) for m in extracted if m.context}
    assert ("Office", "patent office") in contexts  # NP_ (a column label)
    assert ("Office", "country or region") in contexts  # pgettext (the session report)


def test_the_catalogue_check_passes(extracted):
    """``tools/i18n.py check``: every message of the code translated, no obsolete or fuzzy entry,
    placeholders kept, the catalogue compiles. Fix a failure by running ``.venv/bin/python tools/i18n.py update``
    and filling the new msgstr lines in i18n/zh_CN/LC_MESSAGES/zgc_desk.po."""
    found = tool.problems("zh_CN", extracted)
    assert not found, f"{len(found)} problems in the Chinese catalogue:\n" + "\n".join(found)


def test_the_check_finds_each_kind_of_problem(tmp_path, monkeypatch, extracted):
    """The check can fail: a catalogue with a missing, an obsolete, an untranslated and a fuzzy entry
    and a dropped placeholder is reported line by line."""
    with open(PO, "rb") as fh:
        broken = read_po(fh, locale="zh_CN")
    broken.delete("&File")
    broken.add("A message the code no longer has", "旧消息")
    broken.get(("{n} deadline", "{n} deadlines")).string = ("",)
    broken.get("Patents").flags.add("fuzzy")
    broken.get("Office", "country or region").string = "国家/地区 {extra}"
    monkeypatch.setattr(tool, "I18N", tmp_path)
    tool.write_catalogue("zh_CN", broken)
    found = "\n".join(tool.problems("zh_CN", extracted))
    assert "missing: '&File'" in found
    assert "obsolete (not in the code): 'A message the code no longer has'" in found
    assert "untranslated: '{n} deadline'" in found
    assert "fuzzy: 'Patents'" in found
    assert "placeholders differ: 'Office' (context 'country or region')" in found


def test_update_adds_new_messages_and_drops_gone_ones(tmp_path, monkeypatch):
    """``update`` keeps the catalogue in line with the code and keeps the header's dates (no merge
    conflicts between branches that each add messages)."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.py").write_text('_("Kept")\npgettext("patent office", "Office")\n_("New")\n', encoding="utf-8")
    po = tmp_path / "zh_CN" / "LC_MESSAGES" / "zgc_desk.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n"POT-Creation-Date: 2026-01-01 00:00+0000\\n"\n\n'
                  'msgid "Kept"\nmsgstr "保留"\n\nmsgctxt "patent office"\nmsgid "Office"\nmsgstr "受理局"\n\n'
                  'msgid "Gone"\nmsgstr "已删"\n', encoding="utf-8")
    monkeypatch.setattr(tool, "I18N", tmp_path)
    monkeypatch.setattr(tool, "SOURCE", source)
    assert tool.update() == {"zh_CN": (1, 1)}
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "保留"' in text and 'msgstr "受理局"' in text and "Gone" not in text and "#~" not in text
    assert 'msgid "New"\nmsgstr ""' in text and "2026-01-01 00:00" in text
    assert tool.problems("zh_CN") == ["untranslated: 'New'"]


_fields = tool.placeholders


def test_placeholder_rule_tells_a_dropped_field():
    assert _fields("{count} items, {amount:,} yuan") == {"count", "amount"}
    assert _fields("{count} 项") != _fields("{count} items, {amount} yuan")
    assert _fields("braces {{kept}} literally") == set()


def test_translations_keep_accelerators_and_ellipses(chinese):
    """A menu entry with an accelerator keeps one (Chinese style "导入(&I)…"), and a label's "…" stays."""
    wrong = []
    for m in chinese:
        if not m.id or not isinstance(m.id, str) or not m.string:
            continue
        if re.search(r"&\w", m.id) and not re.search(r"&\w", m.string):
            wrong.append(f"accelerator: {m.id!r} -> {m.string!r}")
        if m.id.endswith("…") and ". " not in m.id and not m.string.endswith("…"):  # a label, not a sentence
            wrong.append(f"ellipsis: {m.id!r} -> {m.string!r}")
    assert not wrong, "\n".join(wrong)


def test_the_compiled_catalogue_is_the_current_one(chinese):
    """What the program loads (.mo) says what the .po says (conftest compiles before the tests)."""
    with open(MO, "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = []
    for m in chinese:
        if not m.id or not _complete(m.string) or m.fuzzy:
            continue
        if isinstance(m.id, tuple):
            got = compiled.ngettext(m.id[0], m.id[1], 1)
            want = m.string[0]
        else:
            got, want = (compiled.pgettext(m.context, m.id), m.string) if m.context else (compiled.gettext(m.id),
                                                                                          m.string)
        if got != want:
            stale.append(f"{m.id!r}: {got!r} != {want!r}")
    assert not stale, "\n".join(stale[:20])


def test_the_program_uses_that_catalogue():
    set_language("zh_CN")
    assert _("&File") == "文件(&F)"
    plural = ngettext("{n} deadline", "{n} deadlines", 3)
    assert CJK.search(plural) and "{n}" in plural
    set_language("en")
    assert _("&File") == "&File"
    assert ngettext("{n} deadline", "{n} deadlines", 1) == "{n} deadline"
    assert ngettext("{n} deadline", "{n} deadlines", 2) == "{n} deadlines"


def test_a_word_with_two_meanings_is_translated_by_its_context():
    """"Office": the patent office of a deadline in the Due list and the command line's table, the
    country or region in the session report (the report once said 局 where 国家/地区 was meant)."""
    from zgc_desk.services.due_columns import due_columns

    set_language("zh_CN")
    assert pgettext("patent office", "Office") == "受理局"
    assert pgettext("country or region", "Office") == "国家/地区"
    label = next(c.label for c in due_columns(dt.date(2026, 11, 25)) if c.key == "office")
    assert label == "Office" and _(label) == "受理局"  # NP_ keeps the context for the later _()
    assert _(NP_("country or region", "Office")) == "国家/地区"
    set_language("en")
    assert _(label) == pgettext("country or region", "Office") == "Office"


def test_plural_messages_with_a_context(monkeypatch):
    catalog = Catalog(locale="zh_CN")
    catalog.add(("{n} office", "{n} offices"), ("{n} 个受理局",), context="patent office")
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    monkeypatch.setattr(i18n, "_translation", gettext.GNUTranslations(buffer))
    assert npgettext("patent office", "{n} office", "{n} offices", 2) == "{n} 个受理局"
    set_language("en")
    assert npgettext("patent office", "{n} office", "{n} offices", 2) == "{n} offices"


MESSAGE_ARGUMENTS = {"_": (0,), "N_": (0,), "ngettext": (0, 1), "pgettext": (1,), "npgettext": (1, 2),
                     "NP_": (1,)}


def _gettext_calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
                MESSAGE_ARGUMENTS) and node.args:
            yield node


def test_no_message_is_built_before_it_is_translated():
    """``_(f"...")``, ``_("..." + x)`` or ``_("...".format())`` can never be found in the catalogue."""
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _gettext_calls(tree):
            for arg in [call.args[i] for i in MESSAGE_ARGUMENTS[call.func.id] if i < len(call.args)]:
                built = isinstance(arg, ast.JoinedStr | ast.BinOp) or (
                    isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "format")
                if built:
                    wrong.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert not wrong, "messages built before translation:\n" + "\n".join(wrong)


# ---- languages ---------------------------------------------------------------------------------

def test_chinese_is_the_default_and_english_follows_an_english_system(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert system_language() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert system_language() == "zh_CN"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")  # a language we lack: Chinese, the program's own
    assert system_language() == "zh_CN"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")  # LC_ALL wins over LANG, as for every program
    assert system_language() == "en"


def test_language_names_are_normalised_and_unknown_ones_refused():
    assert normalise_language("en_US") == "en"
    assert normalise_language("zh-CN") == "zh_CN"
    assert normalise_language("zh_Hans_CN") == "zh_CN"
    with pytest.raises(ValueError):
        normalise_language("fr")


# ---- formatting ------------------------------------------------------------------------------

def test_dates_numbers_and_money_follow_the_language():
    day = dt.date(2026, 3, 5)
    set_language("zh_CN")
    assert format_date(day) == "2026年3月5日"
    assert format_money(1234567) == "¥1,234,567.00"
    assert format_number(1234567) == "1,234,567"
    assert format_percent(0.85) == "85%"
    assert format_datetime(dt.datetime(2026, 3, 5, 14, 30)).startswith("2026年3月5日")
    set_language("en")
    assert format_date(day) == "March 5, 2026"  # the long style (see the two-styles test below)
    assert format_money(1234567) == "CN¥1,234,567.00"
    assert format_number(1234567) == "1,234,567"
    assert format_datetime(dt.datetime(2026, 3, 5, 14, 30)) == "March 5, 2026 14:30"
    assert format_date(day, "iso") == "2026-03-05"
    assert format_date(None) == format_money(None) == ""


def test_switching_language_takes_effect_on_the_next_call():
    set_language("en")
    label = _("Patents")
    set_language("zh_CN")
    assert label == "Patents" and _("Patents") == "专利"
    assert i18n.current_language() == "zh_CN" and i18n.current_locale().language == "zh"


# ---- command line ------------------------------------------------------------------------------

def _help_texts():
    from zgc_desk.cli import COMMANDS, build_parser

    parser = build_parser()
    yield "zgc-desk", parser.format_help()
    actions = [a for a in parser._actions if a.choices and set(COMMANDS) <= set(a.choices)]
    for name, sub in actions[0].choices.items():
        yield name, sub.format_help()


def without_quoted_chinese(text: str) -> str:
    """English may name a Chinese document in brackets, e.g. "application form (申报表)"."""
    return re.sub(r"[(（][^()（）]*[)）]", "", text)


def test_command_line_help_in_english_has_no_chinese():
    set_language("en")
    for name, text in _help_texts():
        assert not CJK.search(without_quoted_chinese(text)), f"{name}: {CJK.findall(text)}"


def test_command_line_help_in_chinese_is_chinese():
    set_language("zh_CN")
    for name, text in _help_texts():
        assert "用法" in text, name  # argparse's own words come through the catalogue too
        english = re.findall(r"\b[a-z]{4,}(?: [a-z]{3,}){2,}\b", text)
        assert not english, f"{name}: English sentences in the Chinese help: {english}"


def test_months_are_named_in_each_language():
    import datetime as dt

    from zgc_desk.i18n import format_month, set_language

    set_language("zh_CN")
    assert format_month(dt.date(2027, 1, 1)) == "2027年1月"
    set_language("en")
    assert format_month(dt.date(2027, 1, 1)) == "January 2027"
    set_language("zh_CN")


def test_two_date_styles_per_language_short_iso_and_long(english):
    """Issue 17 item 7: dates came in four styles. Short is ISO in both languages, long is the
    language's own; every other style name gives the long one."""
    import datetime as dt

    from zgc_desk.i18n import format_date, format_datetime, set_language

    day = dt.date(2026, 11, 5)
    assert format_date(day, "iso") == format_date(day, "short") == "2026-11-05"
    assert format_date(day) == format_date(day, "medium") == format_date(day, "long") == "November 5, 2026"
    assert format_datetime(dt.datetime(2026, 11, 5, 9, 7), "short") == "2026-11-05 09:07"
    set_language("zh_CN")
    try:
        assert format_date(day) == format_date(day, "medium") == "2026年11月5日"
        assert format_datetime(dt.datetime(2026, 11, 5, 9, 7)) == "2026年11月5日 09:07"
    finally:
        set_language("en")


def test_no_message_is_translated_inside_an_f_string():
    """The extractor does not look inside f-strings: a _("...") there never reaches the catalogue and
    stays English in the Chinese window (the printed dashboard's headings did)."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "zgc_desk"
    found = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name)
                            and inner.func.id in ("_", "ngettext", "pgettext", "npgettext")
                            and inner.args and isinstance(inner.args[0], ast.Constant)):
                        found.append(f"{path.relative_to(package)}:{inner.lineno}")
    assert not found, "translated inside an f-string: " + ", ".join(found)
