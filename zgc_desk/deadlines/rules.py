"""The deadline rules as data: loads ``data/*.yaml`` (and the PCT office CSV) into plain objects.

Each figure comes with its source; a table with a ``valid_from`` date applies from that date on, so a
new fee table or a new holiday rule is a new YAML entry, not new code. A malformed file raises
:class:`RuleDataError` naming the file, the line and the problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).with_name("data")


class RuleDataError(ValueError):
    """A rule file that cannot be used; the message names file, line and problem."""


class _LineLoader(yaml.SafeLoader):
    """Safe loader that remembers the line of every mapping, for error messages."""


def _construct_mapping(loader, node):
    mapping = _LinedDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


class _LinedDict(dict):
    line = 0


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else "?"
        raise RuleDataError(f"{path.name}, line {line}: {exc.problem}") from None
    if not isinstance(data, dict):
        raise RuleDataError(f"{path.name}, line 1: expected a mapping at the top level")
    return data


def _need(mapping: dict, key: str, kind, path: Path):
    """``mapping[key]`` checked to be of ``kind``; otherwise a message with file and line."""
    line = getattr(mapping, "line", "?")
    if key not in mapping:
        raise RuleDataError(f"{path.name}, line {line}: missing key '{key}'")
    value = mapping[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        expected = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise RuleDataError(f"{path.name}, line {line}: '{key}' should be {expected}, not {value!r}")
    return value


@dataclass(frozen=True)
class FeeTable:
    right: str
    valid_from: dt.date
    source: str
    bands: tuple[tuple[int, int, int | None], ...]
    unverified_years: frozenset[int]

    def amount(self, year: int) -> int | None:
        for first, last, amount in self.bands:
            if first <= year <= last:
                return amount
        return None


@dataclass(frozen=True)
class Dated:
    """A value in force from ``valid_from`` on, with its source."""

    valid_from: dt.date
    value: object
    source: str


def in_force(entries: list[Dated], on: dt.date) -> Dated | None:
    """The entry in force on ``on`` (entries sorted by valid_from), or None before the first."""
    index = bisect_right([e.valid_from for e in entries], on)
    return entries[index - 1] if index else None


@dataclass
class Rules:
    fee_tables: dict[str, list[FeeTable]]
    late_payment: dict
    reduction_regimes: list[Dated]
    other_fees: dict[str, dict]
    periods: dict
    patent_terms: dict[str, list[Dated]]
    office_months: dict[str, tuple[int | None, int | None]]
    holidays: dict

    def fee_table(self, right: str, on: dt.date) -> FeeTable | None:
        tables = self.fee_tables.get(right, [])
        index = bisect_right([t.valid_from for t in tables], on)
        return tables[index - 1] if index else None

    def term_years(self, right: str, filed: dt.date) -> Dated | None:
        return in_force(self.patent_terms.get(right, []), filed)

    def reduction_years(self, due: dt.date) -> Dated | None:
        return in_force(self.reduction_regimes, due)


def _date(mapping: dict, key: str, path: Path) -> dt.date:
    return _need(mapping, key, dt.date, path)


def _fee_tables(data: dict, path: Path) -> dict[str, list[FeeTable]]:
    tables: dict[str, list[FeeTable]] = {}
    for entry in _need(data, "annual_fees", list, path):
        bands = []
        for band in _need(entry, "bands", list, path):
            if not (isinstance(band, list) and len(band) == 3 and all(isinstance(b, int) for b in band[:2])
                    and (band[2] is None or isinstance(band[2], int))):
                raise RuleDataError(f"{path.name}, line {entry.line}: a band should be "
                                    f"[first year, last year, amount or null], not {band!r}")
            bands.append(tuple(band))
        table = FeeTable(
            right=_need(entry, "right", str, path), valid_from=_date(entry, "valid_from", path),
            source=_need(entry, "source", str, path), bands=tuple(bands),
            unverified_years=frozenset(entry.get("unverified_years", [])),
        )
        tables.setdefault(table.right, []).append(table)
    for right_tables in tables.values():
        right_tables.sort(key=lambda t: t.valid_from)
    return tables


def _dated_list(entries: list, value_key: str, path: Path) -> list[Dated]:
    out = [Dated(_date(e, "valid_from", path), _need(e, value_key, int, path), _need(e, "source", str, path))
           for e in entries]
    return sorted(out, key=lambda d: d.valid_from)


def _office_months(path: Path) -> dict[str, tuple[int | None, int | None]]:
    """code -> (Art. 22 months, Art. 39 months); None where the CSV gives none or the route is closed."""
    def months(text: str) -> int | None:
        text = text.strip()
        return int(text) if text.isdigit() else None

    with open(path, encoding="utf-8", newline="") as fh:
        return {row["code"]: (months(row["art22_months"]), months(row["art39_months"]))
                for row in csv.DictReader(fh)}


def load_rules(data_dir: Path = DATA_DIR) -> Rules:
    fees_path, periods_path, holidays_path = (data_dir / n for n in ("fees.yaml", "periods.yaml", "holidays.yaml"))
    fees, periods, holidays = load_yaml(fees_path), load_yaml(periods_path), load_yaml(holidays_path)
    fee_tables = _fee_tables(fees, fees_path)
    reduction = _need(fees, "fee_reduction", dict, fees_path)
    terms = {right: _dated_list(entries, "years", periods_path)
             for right, entries in _need(periods, "patent_terms", dict, periods_path).items()}
    pct = _need(periods, "pct", dict, periods_path)
    months_file = data_dir / _need(pct, "office_months_file", str, periods_path)
    late = _need(fees, "annuity_late_payment", dict, fees_path)
    if len(_need(late, "surcharge_percent_by_month", list, fees_path)) != _need(late, "grace_months", int, fees_path):
        raise RuleDataError(f"{fees_path.name}, line {late.line}: one surcharge per month of grace expected")
    return Rules(
        fee_tables=fee_tables,
        late_payment=late,
        reduction_regimes=_dated_list(_need(reduction, "regimes", list, fees_path),
                                      "annual_fee_years_from_grant", fees_path),
        other_fees=_need(fees, "other_fees", dict, fees_path),
        periods=periods,
        patent_terms=terms,
        office_months=_office_months(months_file),
        holidays=holidays,
    )


@functools.cache
def default_rules() -> Rules:
    """The rules shipped in the package (loaded once)."""
    return load_rules()
