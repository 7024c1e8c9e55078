"""Field maps: which fact goes into which column of an application form, per form version.

``maps/_common.yaml`` holds what every 申报表 shares (the firm block, the declaration, the signature
boxes, the firm-level attachments, the fixed wording); ``maps/<policy>_v<N>.yaml`` holds one form
version of one policy (title, columns; ``landscape: true/false``, else landscape when the columns
are wider than A4 portrait) and may override any common key. The version
used for a round is the highest whose ``from_round`` is not after the round's year, so a new form
next year is a new file, not new code. The writers (``excel.py``, ``pdf.py``) are generic over it.

A column's ``source`` is ``<namespace>.<name>``:
- ``item.<field>``: the facts of the claimed item (:class:`~zgc_desk.subsidy_rules.facts.ItemFacts`);
- ``decision.<field>``: the rule result (:class:`~zgc_desk.subsidy_rules.results.Decision`);
- ``row.index`` (1, 2, ...), ``row.note`` (unverified or capped amounts, in the form's words),
  ``row.reasons`` (the criteria met, with their facts), ``row.computation`` (how the amount was
  reached: the amount rule, the caps);
and a firm-block line's ``source`` is ``firm.<field>`` of the firm record, or ``input: true`` for a
blank the applicant completes (bank name, account).
A policy with no map of its own (e.g. one an advisor imported) gets ``_generic.yaml``: the items,
the reasons they qualify and the amounts, under the policy's own title.
Forms for the authorities are in Chinese whatever the interface language: the words here are data.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from zgc_desk.errors import UserError
from zgc_desk.i18n import _
from zgc_desk.models import Firm
from zgc_desk.subsidy_rules.facts import ItemFacts
from zgc_desk.subsidy_rules.results import Decision
from zgc_desk.subsidy_rules.yamlmarks import MarkedList, MarkedMap, YamlSyntaxError, load_marked

MAPS_DIR = Path(__file__).resolve().parent / "maps"
COMMON_FILE = "_common.yaml"
GENERIC_FILE = "_generic.yaml"
COLUMN_TYPES = ("text", "int", "date", "money", "list", "office")
ROW_SOURCES = ("index", "note", "reasons", "computation")
PORTRAIT_WIDTH = 100  # character widths that fit across A4 portrait; wider forms print landscape
_MAP_FILE = re.compile(r"^(?P<policy>[a-z_]+)_v(?P<version>\d+)\.yaml$")
_TOP_KEYS = ("form", "version", "from_round", "title", "landscape", "columns", "firm_block", "declaration",
             "signatures", "firm_attachments", "texts", "office_names")
_REQUIRED = ("form", "version", "from_round", "title", "columns")
_TEXT_KEYS = (
    "sheet_main", "sheet_attachments", "heading_firm", "heading_items", "heading_declaration",
    "heading_attachments", "subtitle", "basis", "total_nominal", "total_claimed", "unverified_mark",
    "unverified_note", "capped_note", "no_items", "unavailable", "attachment_headers", "firm_level",
    "checkbox_empty", "page_label",
)


@dataclass(frozen=True)
class Column:
    header: str
    source: str
    type: str = "text"
    width: float = 12  # Excel character widths; the PDF scales them to the page
    total: bool = False  # summed on the totals line


@dataclass(frozen=True)
class FirmLine:
    label: str
    source: str | None  # firm.<field>; None for a blank the applicant fills in
    input: bool = False


@dataclass(frozen=True)
class FormMap:
    policy: str
    version: int
    from_round: int
    title: str
    landscape: bool
    columns: tuple[Column, ...]
    firm_block: tuple[FirmLine, ...]
    declaration: str
    signatures: tuple[str, ...]
    firm_attachments: tuple[str, ...]
    texts: dict
    office_names: dict[str, str]
    path: str

    def text(self, key: str, **values) -> str:
        return self.texts[key].format(**values) if values else self.texts[key]

    def office_name(self, code: str) -> str:
        """``美国（US）``: the regional name from the map, else the country's Chinese name."""
        if not code:
            return ""
        name = self.office_names.get(code) or _country_name(code)
        return f"{name}（{code}）" if name else code


class FormMapError(UserError):
    """A field map that cannot be used; the message names the file, the line and the problem."""

    def __init__(self, file: str, line: int, problem: str):
        super().__init__(_("{file} line {line}: {problem}").format(file=file, line=line, problem=problem))


def _country_name(code: str) -> str:
    from babel import Locale

    return Locale.parse("zh_CN").territories.get(code, "")


def _field_names(cls) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


_SOURCE_FIELDS = {
    "item": _field_names(ItemFacts),
    "decision": _field_names(Decision),
    "row": frozenset(ROW_SOURCES),
}


class _Checker:
    def __init__(self, path: Path):
        self.file = path.name

    def fail(self, line: int, problem: str):
        raise FormMapError(self.file, line, problem)

    def text(self, mapping: MarkedMap, key: str) -> str:
        value = mapping.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(mapping.line_of(key), _("'{key}' must be a non-empty text").format(key=key))
        return _join_lines(value)

    def texts(self, value, line: int, key: str) -> tuple[str, ...]:
        if not isinstance(value, MarkedList) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(line, _("'{key}' must be a list of texts").format(key=key))
        return tuple(v.strip() for v in value)

    def column(self, raw, line: int) -> Column:
        if not isinstance(raw, MarkedMap):
            self.fail(line, _("a column must be a mapping with header, source and type"))
        unknown = set(raw) - {"header", "source", "type", "width", "total"}
        if unknown:
            self.fail(raw.line, _("unknown column field '{key}'").format(key=sorted(unknown)[0]))
        header, source = self.text(raw, "header"), self.text(raw, "source")
        namespace, _dot, name = source.partition(".")
        if name not in _SOURCE_FIELDS.get(namespace, ()):
            self.fail(raw.line_of("source"), _("unknown source '{source}' (expected item.<field>, "
                                               "decision.<field>, row.index or row.note)").format(source=source))
        kind = raw.get("type", "text")
        if kind not in COLUMN_TYPES:
            self.fail(raw.line_of("type"), _("unknown column type '{type}' (expected one of: {known})").format(
                type=kind, known=", ".join(COLUMN_TYPES)))
        width = raw.get("width", 12)
        if not isinstance(width, int | float) or isinstance(width, bool) or not 2 <= width <= 80:
            self.fail(raw.line_of("width"), _("column width must be a number from 2 to 80, got {value!r}").format(
                value=width))
        return Column(header, source, kind, float(width), raw.get("total") is True)

    def firm_line(self, raw, line: int) -> FirmLine:
        if not isinstance(raw, MarkedMap):
            self.fail(line, _("a firm block line must be a mapping with label and source (or input: true)"))
        label = self.text(raw, "label")
        if raw.get("input") is True:
            return FirmLine(label, None, True)
        source = self.text(raw, "source")
        namespace, _dot, name = source.partition(".")
        if namespace != "firm" or name not in Firm._meta.fields:
            self.fail(raw.line_of("source"), _("unknown firm field '{source}'").format(source=source))
        return FirmLine(label, name)


def _read(path: Path) -> MarkedMap:
    try:
        document = load_marked(path.read_text(encoding="utf-8"))
    except YamlSyntaxError as exc:
        raise FormMapError(path.name, exc.line, exc.problem) from None
    if not isinstance(document, MarkedMap):
        raise FormMapError(path.name, 1, _("expected a mapping of fields"))
    for key in document:
        if key not in _TOP_KEYS:
            raise FormMapError(path.name, document.line_of(key), _("unknown field '{key}'").format(key=key))
    return document


def parse_form_map(path: Path, common: MarkedMap | None = None) -> FormMap:
    """Read one form version, completed by the common file; raises :class:`FormMapError`."""
    own = _read(path)
    check = _Checker(path)
    for key in _REQUIRED:
        if key not in own:
            check.fail(own.line, _("missing field '{key}'").format(key=key))
    merged = MarkedMap({**(common or {}), **own})
    merged.lines = {**getattr(common, "lines", {}), **own.lines}
    texts = {**(common or {}).get("texts", {}), **own.get("texts", {})}
    missing = [key for key in _TEXT_KEYS if key not in texts]
    if missing:
        check.fail(own.line, _("missing text '{key}'").format(key=missing[0]))
    columns = own["columns"]
    if not isinstance(columns, MarkedList) or not columns:
        check.fail(own.line_of("columns"), _("'columns' must be a non-empty list"))
    for key in ("version", "from_round"):
        if not isinstance(own[key], int) or isinstance(own[key], bool):
            check.fail(own.line_of(key), _("'{key}' must be a whole number").format(key=key))
    block = merged.get("firm_block", MarkedList())
    parsed = tuple(check.column(raw, columns.line_of(i)) for i, raw in enumerate(columns))
    landscape = merged.get("landscape")
    if landscape is None:  # not said: landscape where the columns are too wide for portrait
        landscape = sum(column.width for column in parsed) > PORTRAIT_WIDTH
    return FormMap(
        policy=check.text(own, "form"), version=own["version"], from_round=own["from_round"],
        title=check.text(own, "title"), landscape=landscape is True, columns=parsed,
        firm_block=tuple(check.firm_line(raw, block.line_of(i)) for i, raw in enumerate(block)),
        declaration=check.text(merged, "declaration"),
        signatures=check.texts(merged.get("signatures"), merged.line_of("signatures"), "signatures"),
        firm_attachments=check.texts(merged.get("firm_attachments", MarkedList()),
                                     merged.line_of("firm_attachments"), "firm_attachments"),
        texts={key: _plain(value) for key, value in texts.items()},
        office_names={str(k): str(v) for k, v in dict(merged.get("office_names") or {}).items()}, path=str(path),
    )


def _join_lines(text: str) -> str:
    """A block of Chinese text written over several lines, joined without spaces."""
    return "".join(line.strip() for line in text.strip().splitlines())


def _plain(value):
    return [str(v) for v in value] if isinstance(value, list) else _join_lines(str(value))


@functools.cache
def _common(folder: Path) -> MarkedMap:
    return _read(folder / COMMON_FILE)


@functools.cache
def form_versions(policy: str, folder: Path = MAPS_DIR) -> tuple[FormMap, ...]:
    """Every form version of a policy, oldest first."""
    found = []
    for path in sorted(folder.glob(f"{policy}_v*.yaml")):
        match = _MAP_FILE.match(path.name)
        if match and match["policy"] == policy:
            found.append(parse_form_map(path, _common(folder)))
    return tuple(sorted(found, key=lambda form: form.version))


@functools.cache
def _generic(folder: Path) -> FormMap:
    return parse_form_map(folder / GENERIC_FILE, _common(folder))


def form_for(policy: str, round_year: int, folder: Path = MAPS_DIR, title: str | None = None) -> FormMap:
    """The form version in use for a round: the newest one whose ``from_round`` has come; for a
    policy with no form of its own, the generic application titled after the policy (``title``)."""
    versions = form_versions(policy, folder)
    if not versions:
        generic = _generic(folder)
        return dataclasses.replace(generic, policy=policy, title=generic.title.format(policy=title or policy))
    usable = [form for form in versions if form.from_round <= round_year]
    return usable[-1] if usable else versions[0]
