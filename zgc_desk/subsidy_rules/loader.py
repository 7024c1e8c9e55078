"""Loading the rule data: shipped policy files, a user's overrides, and the shared data files.

Layout (``zgc_desk/subsidy_rules/``)::

    data/sources.yaml            documents the rule data cites (referred to as ``{ref: id}``)
    data/official_fees_cn.yaml   CNIPA fees to obtain an invention (for the 50% cap estimate)
    data/plan_targets.yaml       the action plan's thresholds (firm standing, information only)
    policies/<id>/policy.yaml    one folder per policy (folder name = policy id)

A user's rule folder (``<user data>/rules/<id>.yaml``) holds complete policy files that replace
the shipped ones. Any problem raises :class:`RuleFileError` naming file, line and problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zgc_desk.errors import UserError
from zgc_desk.i18n import _
from zgc_desk.subsidy_rules.checks import Problem, Reader
from zgc_desk.subsidy_rules.facts import DATE_FIELDS, ITEM_SOURCES
from zgc_desk.subsidy_rules.model import (
    POLICY_IDS,
    AmountRule,
    Criterion,
    ItemSelection,
    Parameter,
    Policy,
    Source,
    Text,
)
from zgc_desk.subsidy_rules.predicates import ITEM_KINDS, PREDICATES
from zgc_desk.subsidy_rules.yamlmarks import MarkedMap, YamlSyntaxError, load_marked

PACKAGE_DIR = Path(__file__).resolve().parent
SHIPPED_POLICIES = PACKAGE_DIR / "policies"
DATA_DIR = PACKAGE_DIR / "data"
FORMAT = 1
STAGES = ("application", "grant", "registration")
_POLICY_FIELDS = ("format", "id", "title", "stage", "basis", "items", "criteria", "amount", "attachments",
                  "parameters")


class RuleFileError(UserError):
    """A rule file that cannot be used; ``problems`` lists (file, line, message)."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class FeeTable:
    """CNIPA fees to obtain an invention patent, as dated parameters; ``reducible`` names the fees
    a fee reduction (费用减缴) applies to."""

    parameters: dict[str, Parameter]
    reducible: frozenset[str]


@dataclass(frozen=True)
class Target:
    """One threshold of the action plan: a measure computed per firm and a comparison."""

    id: str
    label: Text
    measure: str
    comparison: str  # greater / at_least
    threshold: float
    source: Source


@dataclass
class RuleSet:
    """All rule data the engine needs."""

    policies: dict[str, Policy]
    fees: FeeTable
    targets: list[Target]
    standing_years_back: int = 1
    sources: dict[str, Source] = field(default_factory=dict)


# ---- files -------------------------------------------------------------------------------------

def _read(path: Path, shown: str) -> tuple[MarkedMap | None, Reader]:
    reader = Reader(shown)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        reader.fail(0, _("the file is not UTF-8 text"))
        return None, reader
    return parse_text(text, reader), reader


def parse_text(text: str, reader: Reader) -> MarkedMap | None:
    try:
        document = load_marked(text)
    except YamlSyntaxError as exc:
        reader.fail(exc.line, _("not valid YAML: {problem}").format(problem=exc.problem))
        return None
    if not isinstance(document, MarkedMap):
        reader.fail(getattr(document, "line", 1) or 1, _("expected a mapping of fields at the top of the file"))
        return None
    return document


def _raise_if_problems(reader: Reader) -> None:
    if reader.problems:
        raise RuleFileError(reader.problems)


def _check_format(document: MarkedMap, reader: Reader) -> None:
    if document.get("format") != FORMAT:
        reader.fail(document.line_of("format"), _("format: expected {format}, got {value!r}").format(
            format=FORMAT, value=document.get("format")))


def load_sources(path: Path = DATA_DIR / "sources.yaml") -> dict[str, Source]:
    document, reader = _read(path, path.name)
    sources: dict[str, Source] = {}
    if document is not None:
        reader.fields(document, "sources.yaml", ("format", "sources"))
        _check_format(document, reader)
        entries = reader.mapping(document.get("sources"), document.line_of("sources"), "sources") or {}
        for key, raw in entries.items():
            source = reader.source(raw, entries.line_of(key), str(key))
            if source is not None:
                sources[str(key)] = source
    _raise_if_problems(reader)
    return sources


def load_fee_table(sources: dict[str, Source], path: Path = DATA_DIR / "official_fees_cn.yaml") -> FeeTable:
    document, reader = _read(path, path.name)
    reader.sources = sources
    table = FeeTable({}, frozenset())
    if document is not None and reader.fields(document, path.name, ("format", "reducible", "parameters")):
        _check_format(document, reader)
        parameters = reader.parameters(document["parameters"], document.line_of("parameters"))
        reducible = reader.sequence(document["reducible"], document.line_of("reducible"), "reducible") or []
        for i, name in enumerate(reducible):
            if name not in parameters:
                reader.fail(reducible.line_of(i), _("reducible: unknown fee '{name}'").format(name=name))
        table = FeeTable(parameters, frozenset(reducible))
    _raise_if_problems(reader)
    return table


def load_targets(sources: dict[str, Source], path: Path = DATA_DIR / "plan_targets.yaml") -> tuple[list[Target], int]:
    from zgc_desk.subsidy_rules.standing import MEASURES

    document, reader = _read(path, path.name)
    reader.sources = sources
    targets: list[Target] = []
    years_back = 1
    if document is not None and reader.fields(document, path.name, ("format", "years_back", "targets")):
        _check_format(document, reader)
        years_back = reader.integer(document["years_back"], document.line_of("years_back"), "years_back",
                                    maximum=5) or 0
        entries = reader.sequence(document["targets"], document.line_of("targets"), "targets") or []
        for i, raw in enumerate(entries):
            entry = reader.mapping(raw, entries.line_of(i), "target")
            if entry is None or not reader.fields(entry, "target", ("id", "label", "measure", "comparison",
                                                                   "threshold", "source")):
                continue
            targets.append(Target(
                id=str(entry["id"]),
                label=reader.text(entry["label"], entry.line_of("label"), "label"),
                measure=reader.choice(entry["measure"], entry.line_of("measure"), "measure", tuple(MEASURES)),
                comparison=reader.choice(entry["comparison"], entry.line_of("comparison"), "comparison",
                                         ("greater", "at_least")),
                threshold=reader.integer(entry["threshold"], entry.line_of("threshold"), "threshold"),
                source=reader.source(entry["source"], entry.line_of("source"), "source"),
            ))
    _raise_if_problems(reader)
    return targets, years_back


def policy_from_text(text: str, shown: str, sources: dict[str, Source], expected_id: str | None = None,
                     overridden: bool = False) -> Policy:
    """Check a policy file's text; raises :class:`RuleFileError` with every problem found."""
    reader = Reader(shown, sources)
    document = parse_text(text, reader)
    policy = None
    if document is not None:
        policy = _policy(document, reader, expected_id, shown, overridden)
    _raise_if_problems(reader)
    return policy


def load_policy_file(path: Path, sources: dict[str, Source], shown: str | None = None,
                     expected_id: str | None = None, overridden: bool = False) -> Policy:
    shown = shown or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RuleFileError([Problem(shown, 0, _("the file is not UTF-8 text"))]) from None
    return policy_from_text(text, shown, sources, expected_id, overridden)


def user_rule_path(user_dir: Path, policy_id: str) -> Path:
    return Path(user_dir) / f"{policy_id}.yaml"


def load_rules(user_dir: Path | None = None, shipped_dir: Path = SHIPPED_POLICIES) -> RuleSet:
    """Every policy (the user's file where there is one, else the shipped one) and the shared data."""
    sources = load_sources()
    policies: dict[str, Policy] = {}
    for policy_id in POLICY_IDS:
        override = user_rule_path(user_dir, policy_id) if user_dir else None
        if override is not None and override.is_file():
            policies[policy_id] = load_policy_file(override, sources, expected_id=policy_id, overridden=True)
            continue
        path = shipped_dir / policy_id / "policy.yaml"
        policies[policy_id] = load_policy_file(path, sources, f"{policy_id}/policy.yaml", policy_id)
    targets, years_back = load_targets(sources)
    return RuleSet(policies, load_fee_table(sources), targets, years_back, sources)


# ---- one policy document -----------------------------------------------------------------------

def _policy(doc: MarkedMap, reader: Reader, expected_id: str | None, shown: str, overridden: bool) -> Policy | None:
    if not reader.fields(doc, "policy", _POLICY_FIELDS):
        return None
    _check_format(doc, reader)
    policy_id = reader.choice(doc["id"], doc.line_of("id"), "id", POLICY_IDS)
    if policy_id and expected_id and policy_id != expected_id:
        reader.fail(doc.line_of("id"), _("id '{id}' does not match the file's place '{expected}'").format(
            id=policy_id, expected=expected_id))
    title = reader.text(doc["title"], doc.line_of("title"), "title")
    stage = reader.choice(doc["stage"], doc.line_of("stage"), "stage", STAGES)
    basis = reader.source(doc["basis"], doc.line_of("basis"), "basis")
    items = _items(doc["items"], doc.line_of("items"), reader)
    parameters = reader.parameters(doc["parameters"], doc.line_of("parameters"))
    reader.declared = set(doc["parameters"]) if isinstance(doc["parameters"], MarkedMap) else set()
    _required_parameters(parameters, doc, reader)
    criteria = _criteria(doc["criteria"], doc.line_of("criteria"), reader, parameters)
    amount = _amount(doc["amount"], doc.line_of("amount"), reader, parameters)
    attachments = reader.sequence(doc["attachments"], doc.line_of("attachments"), "attachments") or []
    texts = tuple(reader.text(a, attachments.line_of(i), "attachment") for i, a in enumerate(attachments))
    if reader.problems:
        return None
    return Policy(policy_id, title, stage, basis, items, criteria, amount, texts, parameters, shown, overridden)


def _items(value, line: int, reader: Reader) -> ItemSelection | None:
    mapping = reader.mapping(value, line, "items")
    if mapping is None or not reader.fields(mapping, "items", ("source", "date", "describe"), ("kinds",)):
        return None
    source = reader.choice(mapping["source"], mapping.line_of("source"), "items source", ITEM_SOURCES)
    date_field = None
    if source:
        date_field = reader.choice(mapping["date"], mapping.line_of("date"), "items date", DATE_FIELDS[source])
    describe = reader.text(mapping["describe"], mapping.line_of("describe"), "items describe")
    kinds: tuple = ()
    if "kinds" in mapping:
        listed = reader.sequence(mapping["kinds"], mapping.line_of("kinds"), "items kinds") or []
        kinds = tuple(reader.choice(k, listed.line_of(i), "items kinds", ITEM_KINDS) for i, k in enumerate(listed))
    return ItemSelection(source, date_field, describe, kinds) if source and date_field and describe else None


def _required_parameters(parameters: dict[str, Parameter], doc: MarkedMap, reader: Reader) -> None:
    for name, ptype in (("available", "bool"), ("window", "window")):
        parameter = parameters.get(name)
        if parameter is None:
            if name not in (doc.get("parameters") or {}):
                reader.fail(doc.line_of("parameters"), _("parameters: missing '{name}' (type {type})").format(
                    name=name, type=ptype))
        elif parameter.type != ptype:
            reader.fail(doc["parameters"].line_of(name), _("parameters: '{name}' must be of type {type}").format(
                name=name, type=ptype))


def _parameter_ref(name, line: int, reader: Reader, parameters: dict, types: tuple, what: str) -> str | None:
    """A reference to a parameter of one of ``types``. A parameter that is declared but broken has
    already been reported, so it is not reported again here."""
    if not isinstance(name, str) or name not in parameters:
        if name not in reader.declared:
            reader.fail(line, _("{what}: no parameter named {name!r}").format(what=what, name=name))
        return None
    if parameters[name].type not in types:
        reader.fail(line, _("{what}: parameter '{name}' has type {type}, expected {expected}").format(
            what=what, name=name, type=parameters[name].type, expected=" or ".join(types)))
        return None
    return name


def _criteria(value, line: int, reader: Reader, parameters: dict) -> tuple[Criterion, ...]:
    entries = reader.sequence(value, line, "criteria")
    if entries is None:
        return ()
    found = []
    for i, raw in enumerate(entries):
        at = entries.line_of(i)
        if isinstance(raw, MarkedMap) and len(raw) == 1:
            name, args = next(iter(raw.items()))
        elif isinstance(raw, str):
            name, args = raw, MarkedMap()
        else:
            reader.fail(at, _("criteria: expected a predicate name or {{name: {{arguments}}}}, got {value!r}").format(
                value=raw))
            continue
        spec = PREDICATES.get(name)
        if spec is None:
            reader.fail(at, _("criteria: unknown predicate '{name}' (known: {known})").format(
                name=name, known=", ".join(PREDICATES)))
            continue
        checked = _predicate_args(spec, args, at, reader, parameters)
        if checked is not None:
            found.append(Criterion(name, checked, at))
    return tuple(found)


def _predicate_args(spec, args, line: int, reader: Reader, parameters: dict) -> dict | None:
    if args is None:
        args = MarkedMap()
    mapping = reader.mapping(args, line, spec.name)
    if mapping is None:
        return None
    if not reader.fields(mapping, spec.name, tuple(k for k, a in spec.args.items() if a.required),
                         tuple(k for k, a in spec.args.items() if not a.required)):
        return None
    checked = {}
    for key, arg in spec.args.items():
        if key not in mapping:
            continue
        at, what, value = mapping.line_of(key), f"{spec.name} {key}", mapping[key]
        if arg.kind == "choice":
            checked[key] = reader.choice(value, at, what, arg.allowed)
        elif arg.kind == "parameter":
            checked[key] = _parameter_ref(value, at, reader, parameters, (arg.param_type,), what)
        else:
            items = reader.sequence(value, at, what)
            if items is not None and not items:
                reader.fail(at, _("{what}: give at least one value").format(what=what))
            checked[key] = tuple(reader.choice(v, items.line_of(i), what, arg.allowed)
                                 for i, v in enumerate(items or []))
    return checked


def _amount(value, line: int, reader: Reader, parameters: dict) -> AmountRule | None:
    mapping = reader.mapping(value, line, "amount")
    if mapping is None or not reader.fields(mapping, "amount", ("per_item",), ("fee_cap", "firm_cap")):
        return None
    per_item = _parameter_ref(mapping["per_item"], mapping.line_of("per_item"), reader, parameters,
                              ("money", "money_by_office"), "amount per_item")
    fee_cap = firm_cap = None
    if "fee_cap" in mapping:
        fee_cap = _parameter_ref(mapping["fee_cap"], mapping.line_of("fee_cap"), reader, parameters,
                                 ("cap_ratio",), "amount fee_cap")
    if "firm_cap" in mapping:
        firm_cap = _parameter_ref(mapping["firm_cap"], mapping.line_of("firm_cap"), reader, parameters,
                                  ("cap_money",), "amount firm_cap")
    return AmountRule(per_item, fee_cap, firm_cap) if per_item else None
