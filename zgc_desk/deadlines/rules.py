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
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from zgc_desk import ruledata
from zgc_desk.ruledata import DatedValue, value_at
from zgc_desk.yamlmarks import YamlSyntaxError, c_parser_reads_alike, load_marked

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

_CLineLoader = None
if yaml.__with_libyaml__:
    class _CLineLoader(yaml.CSafeLoader):
        """:class:`_LineLoader` over libyaml: the rule files are read on the first listing of
        every process, and the pure-Python scanner took 0.15 s of it."""

    _CLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> dict:
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = _parsed(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else "?"
        raise RuleDataError(f"{path.name}, line {line}: {exc.problem}") from None
    if not isinstance(data, dict):
        raise RuleDataError(f"{path.name}, line 1: expected a mapping at the top level")
    return data


def _parsed(text: str):
    """libyaml where it reads the text as PyYAML's own parser does (see ``yamlmarks``); a text it
    refuses is read again by the pure-Python parser, whose message is the one given."""
    if _CLineLoader is not None and c_parser_reads_alike(text):
        try:
            return yaml.load(text, Loader=_CLineLoader)  # noqa: S506 - a CSafeLoader subclass
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass


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
    """One annual-fee table: the bands of a dated value of ``fees.yaml``."""

    right: str
    valid_from: dt.date
    source: str
    bands: tuple[tuple[int, int, int | None], ...]
    verified: bool = True
    last_checked: dt.date | None = None

    def amount(self, year: int) -> int | None:
        for first, last, amount in self.bands:
            if first <= year <= last:
                return amount
        return None


@dataclass(frozen=True)
class Fee:
    """An official fee in force on a day: amount, source and whether the sources settle it."""

    amount: int
    source: str
    verified: bool
    reducible: bool = False
    currency: str = "CNY"


@dataclass(frozen=True)
class Dated:
    """A value in force from ``valid_from`` on, with its source."""

    valid_from: dt.date
    value: object
    source: str


def _valid_from(entry) -> dt.date:
    return entry.valid_from


def in_force(entries: list[Dated], on: dt.date) -> Dated | None:
    """The entry in force on ``on`` (entries sorted by valid_from), or None before the first."""
    index = bisect_right(entries, on, key=_valid_from)
    return entries[index - 1] if index else None


@dataclass
class Rules:
    fee_tables: dict[str, list[FeeTable]]
    late_payment: dict
    reduction_regimes: list[Dated]
    other_fees: dict[str, tuple[bool, tuple[DatedValue, ...]]]  # name -> (reducible, values)
    periods: dict
    patent_terms: dict[str, list[Dated]]
    office_months: dict[str, tuple[int | None, int | None]]
    holidays: dict
    # foreign.yaml: periods as plain values; each ``fees`` mapping holds name -> dated values
    foreign: dict = field(default_factory=dict)

    # The lookups below are asked the same questions hundreds of thousands of times for a large
    # portfolio (a few thousand distinct days): the answers are kept on this object, which holds
    # the rule data they come from (a changed file is a new Rules object, so they cannot go stale).
    _answers: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def fee_table(self, right: str, on: dt.date) -> FeeTable | None:
        key = ("fee_table", right, on)
        try:
            return self._answers[key]
        except KeyError:
            tables = self.fee_tables.get(right, [])
            found = self._answers[key] = in_force(tables, on)
            return found

    def term_years(self, right: str, filed: dt.date) -> Dated | None:
        key = ("term", right, filed)
        try:
            return self._answers[key]
        except KeyError:
            found = self._answers[key] = in_force(self.patent_terms.get(right, []), filed)
            return found

    def reduction_years(self, due: dt.date) -> Dated | None:
        key = ("reduction", due)
        try:
            return self._answers[key]
        except KeyError:
            found = self._answers[key] = in_force(self.reduction_regimes, due)
            return found

    def fee(self, name: str, on: dt.date) -> Fee | None:
        """The official fee ``name`` (``other_fees`` of fees.yaml) in force on ``on``; None before the
        first value or for an unknown name."""
        reducible, values = self.other_fees.get(name, (False, ()))
        value = value_at(values, on)
        if value is None:
            return None
        return Fee(value.value, value.source, value.verified, reducible)

    def foreign_fee(self, scheme: str, name, on: dt.date) -> DatedValue | None:
        """A foreign office's fee ``name`` of ``scheme`` (foreign.yaml) in force on ``on``; None before
        the first value or for a fee not in the data."""
        values = self.foreign.get(scheme, {}).get("fees", {}).get(name)
        return value_at(values, on) if values else None

    def surcharge_percents(self, on: dt.date) -> DatedValue:
        key = ("surcharge", on)
        try:
            return self._answers[key]
        except KeyError:
            found = self._answers[key] = value_at(self.late_payment["surcharge_percent_by_month"], on)
            return found

    def reduced_fee_base(self, on: dt.date) -> DatedValue | None:
        """Which fee a late-payment surcharge is a percentage of, in force on ``on`` (fees.yaml)."""
        key = ("reduced_fee_base", on)
        try:
            return self._answers[key]
        except KeyError:
            found = self._answers[key] = value_at(self.late_payment["reduced_fee_base"], on)
            return found


def _date(mapping: dict, key: str, path: Path) -> dt.date:
    return _need(mapping, key, dt.date, path)


# ---- fees.yaml: the dated-value format of zgc_desk.ruledata -------------------------------------

class _FeeReader(ruledata.Reader):
    """Reads fees.yaml; sources are citation texts, values are checked by the caller's type."""

    def citation(self, value, line: int, what: str) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.fail(line, f"{what}: expected the source's citation as text, got {value!r}")
        return None

    def bands(self, value, line: int, what: str):
        ok = isinstance(value, list) and value and all(
            isinstance(b, list) and len(b) == 3 and all(isinstance(n, int) and not isinstance(n, bool) for n in b[:2])
            and (b[2] is None or isinstance(b[2], int) and not isinstance(b[2], bool)) for b in value)
        if not ok:
            self.fail(line, f"{what}: a band should be [first year, last year, amount or null], not {value!r}")
            return None
        return tuple(tuple(b) for b in value)

    def percents(self, value, line: int, what: str):
        if isinstance(value, list) and value and all(isinstance(n, int) and not isinstance(n, bool) for n in value):
            return tuple(value)
        self.fail(line, f"{what}: expected a list of whole per cents, got {value!r}")
        return None

    def choice_of(self, allowed):
        def check(value, line: int, what: str):
            if value in allowed:
                return value
            self.fail(line, f"{what}: expected one of {', '.join(allowed)}, got {value!r}")
            return None
        return check

    def values(self, mapping, key: str, what: str, check) -> tuple[DatedValue, ...] | None:
        spec = self.mapping(mapping.get(key), mapping.line_of(key), what)
        if spec is None or not self.fields(spec, what, ("values",), ("reducible",)):
            return None
        return self.dated_values(what, spec["values"], spec.line_of("values"), value=check, source=self.citation)


def _load_fees(path: Path) -> dict:
    """fees.yaml as plain objects; every problem (file, line, what) raised at once."""
    try:
        document = load_marked(path.read_text(encoding="utf-8"))
    except YamlSyntaxError as exc:
        raise RuleDataError(f"{path.name}, line {exc.line}: {exc.problem}") from None
    reader = _FeeReader(path.name)
    out: dict = {}
    if reader.mapping(document, 1, path.name) is not None and reader.fields(
            document, path.name, ("format", "annual_fees", "annuity_late_payment", "fee_reduction", "other_fees")):
        annual = reader.mapping(document["annual_fees"], document.line_of("annual_fees"), "annual_fees") or {}
        out["annual_fees"] = {right: reader.values(annual, right, f"annual_fees {right}", reader.bands)
                              for right in annual}
        late = reader.mapping(document["annuity_late_payment"], document.line_of("annuity_late_payment"),
                              "annuity_late_payment")
        if late is not None and reader.fields(late, "annuity_late_payment", (
                "grace_months", "source", "surcharge_percent_by_month", "reduced_fee_base")):
            out["late"] = {
                "grace_months": reader.integer(late["grace_months"], late.line_of("grace_months"), "grace_months", 1),
                "source": reader.citation(late["source"], late.line_of("source"), "annuity_late_payment source"),
                "surcharge_percent_by_month": reader.values(late, "surcharge_percent_by_month",
                                                            "surcharge_percent_by_month", reader.percents),
                "reduced_fee_base": reader.values(late, "reduced_fee_base", "reduced_fee_base",
                                                  reader.choice_of(("full", "reduced"))),
            }
            for value in out["late"]["surcharge_percent_by_month"] or ():
                if len(value.value) != out["late"]["grace_months"]:
                    reader.fail(value.line, "surcharge_percent_by_month: one surcharge per month of grace expected")
        reduction = reader.mapping(document["fee_reduction"], document.line_of("fee_reduction"), "fee_reduction")
        if reduction is not None and reader.fields(reduction, "fee_reduction", ("rates", "annual_fee_years_from_grant"),
                                                   ("unverified_changes",)):
            out["reduction_years"] = reader.values(reduction, "annual_fee_years_from_grant",
                                                   "annual_fee_years_from_grant",
                                                   lambda v, at, what: reader.integer(v, at, what, 1))
        others = reader.mapping(document["other_fees"], document.line_of("other_fees"), "other_fees") or {}
        out["other_fees"] = {}
        for name in others:
            spec = reader.mapping(others[name], others.line_of(name), name)
            values = reader.values(others, name, name, lambda v, at, what: reader.integer(v, at, what))
            if spec is not None:
                out["other_fees"][name] = (spec.get("reducible") is True, values)
    if reader.problems:
        raise RuleDataError("\n".join(f"{path.name}, line {p.line}: {p.message}" for p in reader.problems))
    return out


_FOREIGN_SCHEMES = {"us_maintenance": "entities", "ep_renewal": "bands"}
_ENTITIES = ("large", "small", "micro")


def _load_foreign(path: Path) -> dict:
    """foreign.yaml: each scheme's periods as written, its ``fees`` read as dated values (amounts by
    entity size for the US, year bands for the EPO); every problem (file, line, what) raised at once."""
    try:
        document = load_marked(path.read_text(encoding="utf-8"))
    except YamlSyntaxError as exc:
        raise RuleDataError(f"{path.name}, line {exc.line}: {exc.problem}") from None
    reader = _FeeReader(path.name)

    def entities(value, line: int, what: str):
        ok = isinstance(value, dict) and set(value) == set(_ENTITIES) and all(
            v is None or isinstance(v, int) and not isinstance(v, bool) for v in value.values())
        if not ok:
            reader.fail(line, f"{what}: expected {{large: ..., small: ..., micro: ...}} amounts (or null), not {value!r}")
            return None
        return dict(value)

    out: dict = {}
    if reader.mapping(document, 1, path.name) is not None:
        for scheme, spec in document.items():
            if scheme == "format":
                continue
            if reader.mapping(spec, document.line_of(scheme), scheme) is None:
                continue
            plain = {key: value for key, value in spec.items() if key != "fees"}
            if "source" not in plain:
                reader.fail(spec.line, f"{scheme}: missing field 'source'")
            fees = {}
            if "fees" in spec:
                check = entities if _FOREIGN_SCHEMES.get(scheme) == "entities" else reader.bands
                table = reader.mapping(spec["fees"], spec.line_of("fees"), f"{scheme} fees") or {}
                for name in table:
                    fees[name] = reader.values(table, name, f"{scheme} fees {name}", check)
            out[scheme] = {**plain, "fees": fees}
    if reader.problems:
        raise RuleDataError("\n".join(f"{path.name}, line {p.line}: {p.message}" for p in reader.problems))
    return out


def _fee_tables(fees: dict) -> dict[str, list[FeeTable]]:
    return {right: [FeeTable(right, v.effective_from, v.source, v.value, v.verified, v.last_checked) for v in values]
            for right, values in fees["annual_fees"].items()}


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
    fees, periods, holidays = _load_fees(fees_path), load_yaml(periods_path), load_yaml(holidays_path)
    terms = {right: _dated_list(entries, "years", periods_path)
             for right, entries in _need(periods, "patent_terms", dict, periods_path).items()}
    pct = _need(periods, "pct", dict, periods_path)
    months_file = data_dir / _need(pct, "office_months_file", str, periods_path)
    return Rules(
        fee_tables=_fee_tables(fees),
        late_payment=fees["late"],
        reduction_regimes=[Dated(v.effective_from, v.value, v.source) for v in fees["reduction_years"]],
        other_fees=fees["other_fees"],
        periods=periods,
        patent_terms=terms,
        office_months=_office_months(months_file),
        holidays=holidays,
        foreign=_load_foreign(data_dir / "foreign.yaml"),
    )


@functools.cache
def default_rules() -> Rules:
    """The rules shipped in the package (loaded once)."""
    return load_rules()
