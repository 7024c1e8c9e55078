"""Parameter values as an advisor reads and types them, and the rule checker's problems placed next
to the field they concern. Checking itself is the rule loader's (``set_parameter_value`` raises
``RuleFileError``); this only turns text into the plain value and back."""

from __future__ import annotations

import re

from zgc_desk.i18n import _, format_money, format_number
from zgc_desk.subsidy_rules.checks import Problem

MAPPING_TYPES = ("money_by_office", "window")
NUMBER_TYPES = ("money", "cap_money", "cap_count")
FIELDS = ("from", "value", "source", "verified", "last_checked", "why")
_SEPARATORS = re.compile(r"\s*[;；\n]\s*")
_PAIR = re.compile(r"^\s*([^\s:=：]+)\s*[:=：]?\s*(.*?)\s*$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def hint(ptype: str) -> str:
    """What to type for a parameter of this type."""
    return {
        "money": _("Whole yuan, e.g. 20000"),
        "cap_money": _("Whole yuan, e.g. 300000; empty: no cap"),
        "cap_count": _("A number of 1 or more; empty: no cap"),
        "cap_ratio": _("A share of at most 100%, e.g. 50% or 0.5; empty: no cap"),
        "money_by_office": _("Office and amount pairs, e.g. US: 30000; EP: 30000; other: 10000"),
        "window": _("years_back: 1; starts: 01-01 (first day counted); assessed_on: 03-31 (day whose rules apply)"),
        "bool": _("Ticked: the policy is in force from this date"),
    }.get(ptype, "")


def _number(text: str):
    cleaned = text.replace(",", "").replace("，", "").replace("¥", "").replace("元", "").replace(" ", "")
    if _NUMBER.match(cleaned):
        number = float(cleaned)
        return int(number) if number.is_integer() else number
    return text  # left as typed: the checker says what is expected


def _mapping(text: str) -> dict | str:
    pairs = {}
    for part in _SEPARATORS.split(text.strip()):
        if not part:
            continue
        match = _PAIR.match(part)
        if match is None:
            return text
        key, raw = match.groups()
        pairs[key] = _number(raw) if raw else None
    return pairs


def parse(ptype: str, text: str):
    """The value typed for a parameter of type ``ptype`` (booleans come from a tick box)."""
    text = text.strip()
    if ptype in ("cap_money", "cap_count", "cap_ratio") and not text:
        return None
    if ptype == "cap_ratio" and text.endswith(("%", "％")):
        number = _number(text[:-1])
        return number / 100 if isinstance(number, int | float) else text
    if ptype in MAPPING_TYPES:
        value = _mapping(text)
        if ptype == "window" and isinstance(value, dict):  # month-days stay text (01-01), not numbers
            value = {key: (str(item) if key != "years_back" and item is not None else item)
                     for key, item in value.items()}
        return value
    return _number(text) if text else None


def as_text(ptype: str, value) -> str:
    """A value in the form :func:`parse` reads back."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return "; ".join(f"{key}: {item}" for key, item in value.items())
    if ptype == "cap_ratio":
        return f"{format_number(value * 100)}%"
    return str(value)


def shown(ptype: str, value) -> str:
    """A value for reading in a table."""
    if ptype == "bool":
        return _("in force") if value else _("not in force")
    if value is None:
        return _("no cap") if ptype.startswith("cap_") else "—"
    if ptype in ("money", "cap_money"):
        return format_money(value)
    if ptype == "cap_ratio":
        return f"{format_number(value * 100)}%"
    if ptype == "money_by_office":
        other = _("other offices")
        return "; ".join(f"{other if key == 'other' else key} {format_money(amount)}" for key, amount in value.items())
    if ptype == "window":
        return _("{years} year(s) back from {starts}; rules of {assessed_on}").format(
            years=value.get("years_back"), starts=value.get("starts"), assessed_on=value.get("assessed_on"))
    return format_number(value) if isinstance(value, int | float) else str(value)


def place(problem: Problem, parameter: str) -> tuple[str, str]:
    """(field, plain words) for a checker's problem about ``parameter`` (field ``general`` if unsure)."""
    message = problem.message
    rest = message[len(parameter):].lstrip() if message.startswith(parameter) else message
    for field in FIELDS:
        if rest.startswith(field):
            return field, rest[len(field):].lstrip(" :").strip()
    words = rest.lstrip(" :").strip()
    return ("why" if "'why'" in rest else "general"), words
