"""The kinds of official notice as rule data: ``data/notice_types.yaml`` loaded into plain objects.

One definition per notice type (its office, the matters it may concern, its names, what the answer
is, and dated values of its period), plus the offices' service rules and the extension rule. A
malformed file raises :class:`RuleDataError` naming the file, the line and the problem.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from zgc_desk.deadlines.rules import DATA_DIR, RuleDataError, _need, load_yaml

# The contract's keys, in the order lists show them.
NOTICE_TYPE_KEYS = (
    "cn_oa_first", "cn_oa_further", "cn_correction", "cn_grant", "cn_rejection", "cn_reexam",
    "cn_loss_of_rights", "tm_opinion", "tm_correction", "tm_refusal", "tm_opposition", "foreign_oa", "other",
)
OFFICES = ("CNIPA", "CNTMO", "FOREIGN", "ANY")
DELIVERIES = ("electronic", "paper")


@dataclass(frozen=True)
class DatedValue:
    """One entry of a ``values:`` list: in force for notices dispatched from ``valid_from`` on."""

    valid_from: dt.date
    data: dict
    source: str
    verified: bool
    note: str = ""

    def get(self, key: str, default=None):
        return self.data.get(key, default)


def _in_force(entries: tuple[DatedValue, ...], on: dt.date) -> DatedValue | None:
    index = bisect_right([e.valid_from for e in entries], on)
    return entries[index - 1] if index else None


@dataclass(frozen=True)
class NoticeType:
    key: str
    office: str  # CNIPA / CNTMO / FOREIGN / ANY
    matters: tuple[str, ...]
    name: dict[str, str]  # zh / en
    aliases: tuple[str, ...]
    answer: dict[str, str]
    restorable: bool
    needs_stated_due: bool
    fee_cny: int | None
    values: tuple[DatedValue, ...]

    def rule(self, dispatched: dt.date) -> DatedValue | None:
        return _in_force(self.values, dispatched)

    def label(self, language: str) -> str:
        return self.name["zh" if language.startswith("zh") else "en"]

    def answer_label(self, language: str) -> str:
        return self.answer["zh" if language.startswith("zh") else "en"]


@dataclass(frozen=True)
class NoticeRules:
    types: dict[str, NoticeType]
    service: dict[tuple[str, str], tuple[DatedValue, ...]]  # (office, delivery) -> values
    extension: tuple[DatedValue, ...]

    def service_rule(self, office: str, delivery: str, dispatched: dt.date) -> DatedValue | None:
        return _in_force(self.service.get((office, delivery), ()), dispatched)

    def extension_rule(self, dispatched: dt.date) -> DatedValue | None:
        return _in_force(self.extension, dispatched)

    def aliases(self) -> dict[str, str]:
        """Every accepted spelling (key, Chinese and English names, aliases) -> key."""
        out: dict[str, str] = {}
        for key, kind in self.types.items():
            for word in (key, *kind.name.values(), *kind.aliases):
                out[normalise_word(word)] = key
        return out


def normalise_word(word: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(word))).lower()


def _values(mapping: dict, path: Path) -> tuple[DatedValue, ...]:
    out = []
    for entry in _need(mapping, "values", list, path):
        line = getattr(entry, "line", "?")
        if not isinstance(entry, dict):
            raise RuleDataError(f"{path.name}, line {line}: a value should be a mapping")
        start = _need(entry, "from", dt.date, path)
        _need(entry, "last_checked", dt.date, path)
        data = {k: v for k, v in entry.items() if k not in ("from", "source", "verified", "note", "last_checked")}
        for key in ("months", "days", "max_months", "outer_limit_years"):
            if key in data and (not isinstance(data[key], int) or isinstance(data[key], bool) or data[key] < 0):
                raise RuleDataError(f"{path.name}, line {line}: '{key}' should be a whole number, not {data[key]!r}")
        out.append(DatedValue(start, data, _need(entry, "source", str, path), _need(entry, "verified", bool, path),
                              str(entry.get("note", ""))))
    if not out:
        raise RuleDataError(f"{path.name}, line {getattr(mapping, 'line', '?')}: 'values' is empty")
    out.sort(key=lambda v: v.valid_from)
    return tuple(out)


def _names(mapping: dict, key: str, path: Path) -> dict[str, str]:
    names = _need(mapping, key, dict, path)
    for language in ("zh", "en"):
        _need(names, language, str, path)
    return dict(names)


def _type(key: str, entry: dict, path: Path) -> NoticeType:
    line = getattr(entry, "line", "?")
    office = _need(entry, "office", str, path)
    if office not in OFFICES:
        raise RuleDataError(f"{path.name}, line {line}: office '{office}' is not one of {', '.join(OFFICES)}")
    matters = tuple(_need(entry, "matters", list, path))
    unknown = set(matters) - {"patent", "pct", "overseas", "trademark"}
    if unknown:
        raise RuleDataError(f"{path.name}, line {line}: unknown matters {sorted(unknown)}")
    kind = NoticeType(
        key=key, office=office, matters=matters, name=_names(entry, "name", path),
        aliases=tuple(str(a) for a in entry.get("aliases", [])), answer=_names(entry, "answer", path),
        restorable=bool(entry.get("restorable", False)), needs_stated_due=bool(entry.get("needs_stated_due", False)),
        fee_cny=entry.get("fee_cny"), values=_values(entry, path))
    for value in kind.values:
        if not kind.needs_stated_due and "months" not in value.data and "days" not in value.data:
            raise RuleDataError(f"{path.name}, line {line}: '{key}' needs months or days in every value")
    return kind


def load_notice_rules(path: Path = DATA_DIR / "notice_types.yaml") -> NoticeRules:
    data = load_yaml(path)
    if _need(data, "format", int, path) != 1:
        raise RuleDataError(f"{path.name}, line {data.line}: unknown format {data['format']!r}")
    types_data = _need(data, "types", dict, path)
    missing = [k for k in NOTICE_TYPE_KEYS if k not in types_data]
    if missing:
        raise RuleDataError(f"{path.name}, line {types_data.line}: missing notice types {', '.join(missing)}")
    types = {key: _type(key, types_data[key], path) for key in types_data}
    service = {}
    for office, by_delivery in _need(data, "service", dict, path).items():
        for delivery in DELIVERIES:
            service[(office, delivery)] = _values(_need(by_delivery, delivery, dict, path), path)
    for kind in types.values():
        if kind.office not in ("ANY",) and (kind.office, "paper") not in service:
            raise RuleDataError(f"{path.name}: no service rule for office {kind.office} ({kind.key})")
    return NoticeRules(types=types, service=service, extension=_values(_need(data, "extension", dict, path), path))


@functools.cache
def default_notice_rules() -> NoticeRules:
    return load_notice_rules()
