"""Dated, sourced values: the one format and reader of rule data shared by the deadline fees
(``zgc_desk/deadlines/data/fees.yaml``) and the subsidy parameters (``zgc_desk/subsidy_rules``).

A value that changes over time is a list, each entry in force from its date until the next::

    values:
      - from: 2024-04-04
        value: 900
        source: ...            # a citation (the deadline fees) or {ref: ...} (the subsidy rules)
        verified: true         # false: the figure is not settled by the sources
        last_checked: 2026-11-25

:class:`Reader` collects every problem of a file with its line (the YAML is read by
:mod:`zgc_desk.yamlmarks`), so whoever fixes a file by hand sees them all at once. What a value or a
source must look like is the caller's: both are passed in as checks.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from zgc_desk.i18n import _
from zgc_desk.yamlmarks import MarkedList, MarkedMap

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATED_FIELDS = ("from", "value", "source", "verified", "last_checked")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return _("{file} line {line}: {problem}").format(file=self.file, line=self.line, problem=self.message)


@dataclass(frozen=True)
class DatedValue:
    """One value, in force from ``effective_from`` until the next value's date."""

    effective_from: dt.date
    value: Any
    source: Any  # the caller's source object (a citation text, a subsidy ``Source``)
    verified: bool
    last_checked: dt.date | None
    why: Any = None  # subsidy availability: the reason shown when a policy is not available
    line: int = 0


def _effective_from(value: DatedValue) -> dt.date:
    return value.effective_from


def value_at(values: Sequence[DatedValue], on: dt.date) -> DatedValue | None:
    """The value in force on ``on`` (values ascending), or None before the first date."""
    index = bisect_right(values, on, key=_effective_from)  # no list of dates built on every call
    return values[index - 1] if index else None


class Reader:
    """Problems found in one file (``file`` is the name shown to the user)."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def fail(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    # ---- structure ---------------------------------------------------------------------------
    def mapping(self, value, line: int, what: str) -> MarkedMap | None:
        if isinstance(value, MarkedMap):
            return value
        self.fail(line, _("{what}: expected a mapping of fields, got {value!r}").format(what=what, value=value))
        return None

    def sequence(self, value, line: int, what: str) -> MarkedList | None:
        if isinstance(value, MarkedList):
            return value
        self.fail(line, _("{what}: expected a list, got {value!r}").format(what=what, value=value))
        return None

    def fields(self, mapping: MarkedMap, what: str, required: tuple, optional: tuple = ()) -> bool:
        """Report unknown and missing fields; True when all required fields are present."""
        ok = True
        for key in mapping:
            if key not in required and key not in optional:
                self.fail(mapping.line_of(key), _("{what}: unknown field '{key}' (expected: {known})").format(
                    what=what, key=key, known=", ".join((*required, *optional))))
        for key in required:
            if key not in mapping:
                self.fail(mapping.line, _("{what}: missing field '{key}'").format(what=what, key=key))
                ok = False
        return ok

    # ---- values ------------------------------------------------------------------------------
    def date(self, value, line: int, what: str) -> dt.date | None:
        text = str(value) if value is not None else ""
        if _ISO_DATE.match(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        self.fail(line, _("{what}: expected a date YYYY-MM-DD, got {value!r}").format(what=what, value=value))
        return None

    def integer(self, value, line: int, what: str, minimum: int = 0, maximum: int | None = None) -> int | None:
        number = value
        if isinstance(value, float) and value.is_integer():
            number = int(value)
        if isinstance(number, bool) or not isinstance(number, int) or number < minimum or (
                maximum is not None and number > maximum):
            bounds = f"{minimum}-{maximum}" if maximum is not None else f">= {minimum}"
            self.fail(line, _("{what}: expected a whole number ({bounds}), got {value!r}").format(
                what=what, bounds=bounds, value=value))
            return None
        return number

    def boolean(self, value, line: int, what: str) -> bool | None:
        if isinstance(value, bool):
            return value
        self.fail(line, _("{what}: expected true or false, got {value!r}").format(what=what, value=value))
        return None

    # ---- dated values ------------------------------------------------------------------------
    def dated_value(self, name: str, raw, line: int, *, value: Callable, source: Callable,
                    why: Callable | None = None) -> DatedValue | None:
        """One entry of a ``values`` list; ``value(raw, line, what)`` and ``source(raw, line, what)``
        check the caller's value and source (reporting through this reader), ``why`` an optional
        reason text."""
        mapping = self.mapping(raw, line, name)
        if mapping is None or not self.fields(mapping, name, DATED_FIELDS, ("why",) if why else ()):
            return None
        before = len(self.problems)
        start = self.date(mapping["from"], mapping.line_of("from"), f"{name} from")
        checked_value = value(mapping["value"], mapping.line_of("value"), f"{name} value")
        checked_source = source(mapping["source"], mapping.line_of("source"), f"{name} source")
        verified = self.boolean(mapping["verified"], mapping.line_of("verified"), f"{name} verified")
        checked = mapping["last_checked"]
        last_checked = None if checked is None else self.date(checked, mapping.line_of("last_checked"),
                                                               f"{name} last_checked")
        reason = why(mapping["why"], mapping.line_of("why"), f"{name} why") if why and "why" in mapping else None
        if len(self.problems) > before:
            return None
        return DatedValue(start, checked_value, checked_source, verified, last_checked, reason, line)

    def dated_values(self, name: str, raw, line: int, *, value: Callable, source: Callable,
                     why: Callable | None = None) -> tuple[DatedValue, ...] | None:
        """A whole ``values`` list: at least one entry, dates ascending without repeats."""
        values = self.sequence(raw, line, f"{name} values")
        if values is None:
            return None
        if not values:
            self.fail(values.line, _("{name}: give at least one dated value").format(name=name))
            return None
        dated = [self.dated_value(name, item, values.line_of(i), value=value, source=source, why=why)
                 for i, item in enumerate(values)]
        if None in dated:
            return None
        for earlier, later in zip(dated, dated[1:], strict=False):
            if later.effective_from <= earlier.effective_from:
                self.fail(later.line, _("{name}: effective dates must ascend without repeats; {later} follows {earlier}")
                          .format(name=name, later=later.effective_from, earlier=earlier.effective_from))
                return None
        return tuple(dated)
