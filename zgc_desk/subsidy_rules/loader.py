"""Loading the rule data: shipped policy files, the copies kept in the database, the shared data files.

Layout (``zgc_desk/subsidy_rules/``)::

    data/sources.yaml            documents the rule data cites (referred to as ``{ref: id}``)
    data/official_fees_cn.yaml   CNIPA fees to obtain an invention (for the 50% cap estimate)
    data/plan_targets.yaml       the action plan's thresholds (firm standing, information only)
    data/lpr_1y.yaml             the one-year loan prime rate, dated (pledge-loan rate caps)
    policies/<id>/policy.yaml    one folder per shipped policy (folder name = policy id)

The set of policies is open: every folder under ``policies/`` is a shipped default, and the texts
kept in the database (``stored``: id -> YAML text, edited or imported by an advisor) replace a
shipped policy of the same id or add a new one. Any problem raises :class:`RuleFileError` naming
file, line and problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zgc_desk.errors import UserError
from zgc_desk.i18n import _
from zgc_desk.subsidy_rules.amount_rules import AMOUNT_RULES
from zgc_desk.subsidy_rules.checks import Problem, Reader
from zgc_desk.subsidy_rules.facts import AMOUNT_FIELDS, DATE_FIELDS, ITEM_SOURCES
from zgc_desk.subsidy_rules.model import (
    POLICY_ID,
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
STAGES = ("application", "grant", "registration", "loan")
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
    lpr: Parameter | None = None  # the one-year loan prime rate (percent), dated by announcement


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
                     overridden: bool = False, shipped: bool = False) -> Policy:
    """Check a policy file's text; raises :class:`RuleFileError` with every problem found."""
    reader = Reader(shown, sources)
    document = parse_text(text, reader)
    policy = None
    if document is not None:
        policy = _policy(document, reader, expected_id, shown, overridden, shipped)
    _raise_if_problems(reader)
    return policy


def read_rule_text(path: Path, shown: str | None = None) -> str:
    """A rule file's text; a file that is not UTF-8 is a :class:`RuleFileError`."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RuleFileError([Problem(shown or str(path), 0, _("the file is not UTF-8 text"))]) from None


def load_policy_file(path: Path, sources: dict[str, Source], shown: str | None = None,
                     expected_id: str | None = None, overridden: bool = False, shipped: bool = False) -> Policy:
    shown = shown or str(path)
    return policy_from_text(read_rule_text(path, shown), shown, sources, expected_id, overridden, shipped)


def shipped_policy_ids(shipped_dir: Path = SHIPPED_POLICIES) -> list[str]:
    """The ids of the shipped policies: every folder holding a ``policy.yaml``."""
    return sorted(path.parent.name for path in Path(shipped_dir).glob("*/policy.yaml"))


def shipped_policy_path(policy_id: str, shipped_dir: Path = SHIPPED_POLICIES) -> Path:
    return Path(shipped_dir) / policy_id / "policy.yaml"


def stored_name(policy_id: str) -> str:
    """How a copy kept in the database is named in messages."""
    return _("database copy of {id}").format(id=policy_id)


def load_lpr(sources: dict[str, Source], path: Path = DATA_DIR / "lpr_1y.yaml") -> Parameter | None:
    document, reader = _read(path, path.name)
    reader.sources = sources
    found = None
    if document is not None and reader.fields(document, path.name, ("format", "parameters")):
        _check_format(document, reader)
        parameters = reader.parameters(document["parameters"], document.line_of("parameters"))
        found = parameters.get("lpr_1y")
        if found is None and not reader.problems:
            reader.fail(document.line_of("parameters"), _("parameters: missing 'lpr_1y' (type percent)"))
    _raise_if_problems(reader)
    return found


def load_rules(stored: dict[str, str] | None = None, shipped_dir: Path = SHIPPED_POLICIES) -> RuleSet:
    """Every policy — the database's copy where there is one, else the shipped file — and the shared data.

    ``stored`` maps a policy id to the text kept for it in the database (see
    ``zgc_desk.services.subsidies``); an id that is not shipped adds a policy.
    """
    sources = load_sources()
    stored = dict(stored or {})
    shipped = shipped_policy_ids(shipped_dir)
    policies: dict[str, Policy] = {}
    for policy_id in [*shipped, *sorted(set(stored) - set(shipped))]:
        is_shipped = policy_id in shipped
        if policy_id in stored:
            policies[policy_id] = policy_from_text(stored[policy_id], stored_name(policy_id), sources,
                                                   expected_id=policy_id, overridden=True, shipped=is_shipped)
        else:
            policies[policy_id] = load_policy_file(shipped_policy_path(policy_id, shipped_dir), sources,
                                                   f"{policy_id}/policy.yaml", policy_id, shipped=True)
    targets, years_back = load_targets(sources)
    return RuleSet(policies, load_fee_table(sources), targets, years_back, sources, load_lpr(sources))


# ---- one policy document -----------------------------------------------------------------------

def _policy_id(value, line: int, reader: Reader) -> str | None:
    if isinstance(value, str) and POLICY_ID.match(value):
        return value
    reader.fail(line, _("id: {value!r} is not a policy id (lower-case letters, digits and _, starting with a "
                        "letter, 2 to 48 characters)").format(value=value))
    return None


def _policy(doc: MarkedMap, reader: Reader, expected_id: str | None, shown: str, overridden: bool,
            shipped: bool) -> Policy | None:
    if not reader.fields(doc, "policy", _POLICY_FIELDS):
        return None
    _check_format(doc, reader)
    policy_id = _policy_id(doc["id"], doc.line_of("id"), reader)
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
    amount = _amount(doc["amount"], doc.line_of("amount"), reader, parameters, items.source if items else None)
    attachments = reader.sequence(doc["attachments"], doc.line_of("attachments"), "attachments") or []
    texts = tuple(reader.text(a, attachments.line_of(i), "attachment") for i, a in enumerate(attachments))
    if reader.problems:
        return None
    return Policy(policy_id, title, stage, basis, items, criteria, amount, texts, parameters, shown, overridden,
                  shipped)


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
        elif arg.kind == "policies":
            items = reader.sequence(value, at, what)
            if items is not None and not items:
                reader.fail(at, _("{what}: give at least one value").format(what=what))
            checked[key] = tuple(_policy_id(v, items.line_of(i), reader) for i, v in enumerate(items or []))
        else:
            items = reader.sequence(value, at, what)
            if items is not None and not items:
                reader.fail(at, _("{what}: give at least one value").format(what=what))
            checked[key] = tuple(reader.choice(v, items.line_of(i), what, arg.allowed)
                                 for i, v in enumerate(items or []))
    return checked


def _amount(value, line: int, reader: Reader, parameters: dict, source: str | None) -> AmountRule | None:
    """The amount section: a rule of ``amount_rules.AMOUNT_RULES`` (``fixed`` when ``rule`` is not
    given, the original form) with its parameters and the item's amount fields it reads."""
    mapping = reader.mapping(value, line, "amount")
    if mapping is None:
        return None
    rule_name = mapping.get("rule", "fixed")
    spec = AMOUNT_RULES.get(rule_name) if isinstance(rule_name, str) else None
    if spec is None:
        reader.fail(mapping.line_of("rule"), _("amount rule: {value!r} is not one of {allowed}").format(
            value=rule_name, allowed=", ".join(AMOUNT_RULES)))
        return None
    required = tuple(name for name, arg in spec.args.items() if arg.required)
    optional = ("rule", *(name for name, arg in spec.args.items() if not arg.required))
    if not reader.fields(mapping, "amount", required, optional):
        return None
    checked: dict = {}
    ok = True
    for name, arg in spec.args.items():
        if name not in mapping:
            continue
        at, what = mapping.line_of(name), f"amount {name}"
        if arg.kind == "fields":
            allowed = AMOUNT_FIELDS.get(source or "", ())
            listed = mapping[name] if isinstance(mapping[name], list) else [mapping[name]]
            if not allowed:
                reader.fail(at, _("{what}: items from {source} carry no amounts").format(what=what, source=source))
                ok = False
                continue
            fields = tuple(reader.choice(f, at, what, allowed) for f in listed)
            ok = ok and None not in fields and bool(fields)
            checked[name] = fields
        else:
            checked[name] = _parameter_ref(mapping[name], at, reader, parameters, arg.param_types, what)
            ok = ok and checked[name] is not None
    if not ok:
        return None
    return AmountRule(rule=rule_name, **checked)
