"""Translations: the Chinese catalogue covers every message in the code (extracted afresh, so a new
``_()`` string without a translation fails here), placeholders survive translation, the compiled .mo
is current, and dates, numbers and money follow the active language."""

from __future__ import annotations

import ast
import datetime as dt
import gettext
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from zgc_desk import i18n
from zgc_desk.i18n import (
    _,
    format_date,
    format_datetime,
    format_money,
    format_number,
    format_percent,
    ngettext,
    normalise_language,
    set_language,
    system_language,
)
from zgc_desk.paths import i18n_dir

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "zgc_desk"
PO = i18n_dir() / "zh_CN" / "LC_MESSAGES" / "zgc_desk.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    """The messages of the code as it is now, extracted with babel's API (as ``tools/i18n.py extract``)."""
    catalog = Catalog(locale=None)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


@pytest.fixture(scope="module")
def chinese() -> Catalog:
    with open(PO, "rb") as fh:
        return read_po(fh, locale="zh_CN")


def _where(message) -> str:
    return ", ".join(f"{file}:{line}" for file, line in message.locations[:2])


def _complete(string) -> bool:
    strings = string if isinstance(string, tuple | list) else (string,)
    return bool(strings) and all(s.strip() for s in strings)


def test_extraction_finds_the_messages_of_every_area(extracted):
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in extracted if m.id}
    assert len(ids) > 500
    assert "&File" in ids  # a menu title (N_ at module level)
    assert ("{n} deadline", "{n} deadlines") in {m.id for m in extracted if isinstance(m.id, tuple)}


def test_every_message_in_the_code_has_a_chinese_translation(extracted, chinese):
    missing = []
    for message in extracted:
        if not message.id:
            continue
        entry = chinese.get(message.id, message.context)
        if entry is None or not _complete(entry.string):
            missing.append(f"{message.id!r} ({_where(message)})")
        elif entry.fuzzy:
            missing.append(f"fuzzy: {message.id!r} ({_where(message)})")
    assert not missing, (
        f"{len(missing)} messages lack a Chinese translation; write them into i18n/parts/<area>.po and run "
        "`python3 dev.py i18n`:\n" + "\n".join(missing))


def test_plural_messages_are_plural_in_the_catalogue(extracted, chinese):
    for message in extracted:
        if isinstance(message.id, tuple):
            entry = chinese.get(message.id, message.context)
            assert entry is not None and isinstance(entry.id, tuple), message.id


_FIELD = re.compile(r"\{([^{}!:]*)(?:[!:][^{}]*)?\}")


def _fields(text) -> set[str]:
    texts = text if isinstance(text, tuple | list) else (text,)
    return {name for t in texts for name in _FIELD.findall(t.replace("{{", "").replace("}}", ""))}


def test_translations_keep_the_placeholders_of_their_message(chinese):
    wrong = [f"{m.id!r} -> {m.string!r}" for m in chinese
             if m.id and _complete(m.string) and _fields(m.id) != _fields(m.string)]
    assert not wrong, "\n".join(wrong)


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


def _gettext_calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
                "_", "N_", "ngettext", "pgettext") and node.args:
            yield node


def test_no_message_is_built_before_it_is_translated():
    """``_(f"...")``, ``_("..." + x)`` or ``_("...".format())`` can never be found in the catalogue."""
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _gettext_calls(tree):
            literal_args = call.args[1:2] if call.func.id == "pgettext" else call.args[:2]
            for arg in literal_args:
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
    assert format_date(day) == "Mar 5, 2026"
    assert format_money(1234567) == "CN¥1,234,567.00"
    assert format_number(1234567) == "1,234,567"
    assert "PM" in format_datetime(dt.datetime(2026, 3, 5, 14, 30))
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
