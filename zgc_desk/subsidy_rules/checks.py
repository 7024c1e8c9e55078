"""Checking rule documents field by field, each problem tied to its line.

:class:`Reader` collects problems for one file instead of stopping at the first, so an advisor
fixing a file by hand sees them all at once. The value checks here (dates, money, ratios, texts,
sources, dated values) are shared by the policy files and the shared data files.
"""

from __future__ import annotations

import datetime as dt
import re

from zgc_desk import ruledata
from zgc_desk.i18n import _
from zgc_desk.numbers import NumberError, normalise_office
from zgc_desk.ruledata import Problem  # noqa: F401 - the loaders and the Policies page import it from here
from zgc_desk.subsidy_rules.model import Parameter, Source, Text
from zgc_desk.subsidy_rules.yamlmarks import MarkedMap

PARAMETER_TYPES = ("bool", "money", "cap_money", "cap_ratio", "cap_count", "money_by_office", "window", "multiple",
                   "percent", "lender_types")
SOURCE_KEYS = ("document", "number", "article", "url", "date", "quote", "note")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")


class Reader(ruledata.Reader):
    """Problems found in one file (``file`` is the name shown to the user); structure, dates,
    numbers and dated values are read as :mod:`zgc_desk.ruledata` reads them."""

    def __init__(self, file: str, sources: dict[str, Source] | None = None):
        super().__init__(file)
        self.sources = sources or {}
        self.declared: set[str] = set()  # parameter names a policy file declares (even broken ones)

    # ---- values ------------------------------------------------------------------------------
    def month_day(self, value, line: int, what: str) -> str | None:
        match = _MONTH_DAY.match(str(value))
        if match:
            try:
                dt.date(2001, int(match[1]), int(match[2]))
                return str(value)
            except ValueError:
                pass
        self.fail(line, _("{what}: expected a day of the year MM-DD (not 02-29), got {value!r}").format(
            what=what, value=value))
        return None

    def text(self, value, line: int, what: str) -> Text | None:
        if isinstance(value, str) and value.strip():
            return Text(value.strip(), value.strip())
        if isinstance(value, MarkedMap) and self.fields(value, what, ("zh", "en")):
            zh, en = value["zh"], value["en"]
            if isinstance(zh, str) and isinstance(en, str) and zh.strip() and en.strip():
                return Text(zh.strip(), en.strip())
        if not isinstance(value, MarkedMap):
            self.fail(line, _("{what}: expected a text or {{zh: ..., en: ...}}, got {value!r}").format(
                what=what, value=value))
        elif "zh" in value and "en" in value:
            self.fail(line, _("{what}: zh and en must be non-empty texts").format(what=what))
        return None

    def choice(self, value, line: int, what: str, allowed) -> str | None:
        if isinstance(value, str) and value in allowed:
            return value
        self.fail(line, _("{what}: {value!r} is not one of {allowed}").format(
            what=what, value=value, allowed=", ".join(allowed)))
        return None

    def source(self, value, line: int, what: str) -> Source | None:
        mapping = self.mapping(value, line, what)
        if mapping is None:
            return None
        base: dict = {}
        if "ref" in mapping:
            self.fields(mapping, what, ("ref",), tuple(k for k in SOURCE_KEYS if k != "document"))
            ref = mapping["ref"]
            if ref not in self.sources:
                self.fail(mapping.line_of("ref"), _("{what}: unknown source '{ref}' (known: {known})").format(
                    what=what, ref=ref, known=", ".join(sorted(self.sources))))
                return None
            base = self.sources[ref].__dict__.copy()
        elif not self.fields(mapping, what, ("document",), SOURCE_KEYS[1:]):
            return None
        for key in SOURCE_KEYS:
            if key == "note" and isinstance(mapping.get(key), MarkedMap):  # {zh: ..., en: ...}: one per language
                note = self.text(mapping[key], mapping.line_of(key), what)
                if note is not None:
                    base[key] = note
                continue
            if key in mapping:
                if not isinstance(mapping[key], str | int) or isinstance(mapping[key], bool):
                    self.fail(mapping.line_of(key), _("{what}: {key} must be text").format(what=what, key=key))
                    continue
                base[key] = str(mapping[key]).strip()
        if not base.get("document"):
            self.fail(mapping.line, _("{what}: the source needs a document title").format(what=what))
            return None
        return Source(**base)

    # ---- parameters --------------------------------------------------------------------------
    def parameter_value(self, ptype: str, value, line: int, what: str):
        """Check one value of a parameter of type ``ptype``; returns the value (or None)."""
        if ptype in ("cap_money", "cap_ratio", "cap_count") and value is None:
            return None  # no cap
        if ptype == "bool":
            return self.boolean(value, line, what)
        if ptype in ("money", "cap_money"):
            return self.integer(value, line, what)
        if ptype == "cap_count":
            return self.integer(value, line, what, minimum=1)
        if ptype == "cap_ratio":
            if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 1:
                return value
            self.fail(line, _("{what}: expected a fraction above 0 and at most 1 (e.g. 0.5) or null, got {value!r}")
                      .format(what=what, value=value))
            return None
        if ptype == "money_by_office":
            return self._money_by_office(value, line, what)
        if ptype == "multiple":
            if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 10:
                return value
            self.fail(line, _("{what}: expected a multiple above 0 and at most 10 (e.g. 1.4), got {value!r}").format(
                what=what, value=value))
            return None
        if ptype == "percent":
            if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 100:
                return value
            self.fail(line, _("{what}: expected a rate in per cent from 0 to 100 (e.g. 3.45), got {value!r}").format(
                what=what, value=value))
            return None
        if ptype == "lender_types":
            return self._lender_types(value, line, what)
        return self._window(value, line, what)

    def _lender_types(self, value, line: int, what: str) -> tuple | None:
        from zgc_desk.subsidy_rules.facts import LENDER_TYPES

        listed = self.sequence(value, line, what)
        if listed is None:
            return None
        if not listed:
            self.fail(line, _("{what}: give at least one value").format(what=what))
            return None
        chosen = tuple(self.choice(v, listed.line_of(i), what, LENDER_TYPES) for i, v in enumerate(listed))
        return None if None in chosen else chosen

    def _money_by_office(self, value, line: int, what: str) -> dict | None:
        mapping = self.mapping(value, line, what)
        if mapping is None:
            return None
        amounts = {}
        for office, amount in mapping.items():
            key_line = mapping.line_of(office)
            if office != "other":
                try:
                    normalise_office(str(office))
                except NumberError as exc:
                    self.fail(key_line, f"{what}: {exc.message}")
                    continue
            amounts[str(office)] = self.integer(amount, key_line, f"{what} {office}")
        if "other" not in mapping:
            self.fail(mapping.line, _("{what}: add an amount for 'other' offices").format(what=what))
        return amounts

    def _window(self, value, line: int, what: str) -> dict | None:
        mapping = self.mapping(value, line, what)
        if mapping is None or not self.fields(mapping, what, ("years_back", "starts", "assessed_on")):
            return None
        return {
            "years_back": self.integer(mapping["years_back"], mapping.line_of("years_back"), f"{what} years_back",
                                       maximum=5),
            "starts": self.month_day(mapping["starts"], mapping.line_of("starts"), f"{what} starts"),
            "assessed_on": self.month_day(mapping["assessed_on"], mapping.line_of("assessed_on"),
                                          f"{what} assessed_on"),
        }

    def parameters(self, section, line: int) -> dict[str, Parameter]:
        mapping = self.mapping(section, line, "parameters")
        if mapping is None:
            return {}
        found = {}
        for name, spec in mapping.items():
            parameter = self.parameter(str(name), spec, mapping.line_of(name))
            if parameter is not None:
                found[str(name)] = parameter
        return found

    def parameter(self, name: str, spec, line: int) -> Parameter | None:
        mapping = self.mapping(spec, line, name)
        if mapping is None or not self.fields(mapping, name, ("label", "type", "values")):
            return None
        label = self.text(mapping["label"], mapping.line_of("label"), f"{name} label")
        ptype = self.choice(mapping["type"], mapping.line_of("type"), f"{name} type", PARAMETER_TYPES)
        if ptype is None:
            return None
        dated = self.dated_values(name, mapping["values"], mapping.line_of("values"),
                                  value=lambda raw, at, what: self.parameter_value(ptype, raw, at, what),
                                  source=self.source, why=self.text)
        if dated is None or label is None:
            return None
        for item in dated:
            if ptype == "bool" and item.value is False and item.why is None:
                self.fail(item.line, _("{name}: a false value needs 'why', the reason shown to the user").format(name=name))
                return None
        return Parameter(name, ptype, label, dated)
