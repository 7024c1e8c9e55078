"""A record's deadlines in a form that can be kept and reused on later days (no database here).

``computed_for_keeping`` computes one record's deadlines over a span of due dates with a tracked
as-of date (``zgc_desk.deadlines.tracked``): the answer comes with the as-of days on which it holds.
``Encoder`` / ``Decoder`` turn a deadline into storable values and back; ``Encoder.encode`` refuses
(returns None) anything that would not come back equal, so a kept deadline is always the computed one.
``ENGINE_STAMP`` names the rules that computed it: the code and data of this package and the
calendar and locale libraries it reads; kept answers are dropped when it changes.

``zgc_desk.services.deadline_store`` keeps them; see its docstring for the whole scheme.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import operator
from dataclasses import dataclass
from pathlib import Path

import orjson

from zgc_desk.deadlines.common import Context
from zgc_desk.deadlines.model import Basis, Deadline
from zgc_desk.deadlines.notices import matter_notice_deadlines
from zgc_desk.deadlines.overseas import overseas_deadlines
from zgc_desk.deadlines.patents import patent_deadlines
from zgc_desk.deadlines.pct import pct_deadlines
from zgc_desk.deadlines.tracked import Bounds, TrackedDate
from zgc_desk.deadlines.trademarks import trademark_deadlines
from zgc_desk.deadlines.worded import from_storable, is_storable, to_storable

log = logging.getLogger(__name__)

# The record kinds whose deadlines are kept, by a small code stored with them, and their rules. A
# matter's notices are kept as one record (``notices.MatterNotices``: their deadlines depend on each
# other), which the engine takes as the notices it holds.
# name: (code, rules, the engine's ``compute_deadlines`` argument for such facts)
KEPT_KINDS = {"patent": (1, patent_deadlines, "patents"), "pct": (2, pct_deadlines, "pcts"),
              "trademark": (3, trademark_deadlines, "trademarks"), "overseas": (4, overseas_deadlines, "overseas"),
              "notices": (5, matter_notice_deadlines, "notices")}
KIND_CODES = {name: code for name, (code, _rules, _argument) in KEPT_KINDS.items()}
RULES_OF = {code: rules for code, rules, _argument in KEPT_KINDS.values()}
ENGINE_ARGUMENTS = {code: argument for code, _rules, argument in KEPT_KINDS.values()}
_GROUPED = {KIND_CODES["notices"]}


def engine_facts(kind_code: int, facts) -> tuple:
    """What the engine's ``compute_deadlines`` takes for one kept record: the record, or the
    notices of a matter's group."""
    return facts.notices if kind_code in _GROUPED else (facts,)

# Unknown types come back as an error rather than in orjson's own form (a dataclass as a dict, a
# date as text), so that the round trip can be checked.
_STRICT = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_SUBCLASS


# Modules that only put kept deadlines into words or forecast from them: a change there keeps them.
_WORDS_ONLY = ("basis.py", "output.py", "forecast.py")


def _engine_stamp() -> str:
    """Changes whenever anything that decides a deadline may have: this package's modules and rule
    data (or, in a bundle without sources, the program version), the holiday library and babel."""
    import babel
    import chinese_calendar

    import zgc_desk

    digest = hashlib.blake2b(digest_size=16)
    here = Path(__file__).resolve().parent
    for path in sorted([*here.glob("*.py"), *here.glob("data/*"), here.parent / "dates.py"]):
        if path.is_file() and path.name not in _WORDS_ONLY:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update(f"{zgc_desk.__version__} {chinese_calendar.__version__} {babel.__version__}".encode())
    return digest.hexdigest()


ENGINE_STAMP = _engine_stamp()


@dataclass(slots=True)
class Kept:
    """One record's deadlines due in ``[cover_from, cover_to]``, valid for the as-of days
    ``[valid_from, valid_until)`` (ordinals)."""

    deadlines: list[Deadline]
    valid_from: int
    valid_until: int
    cover_from: dt.date
    cover_to: dt.date


def computed_for_keeping(kind_code: int, facts, ctx: Context, as_of: dt.date) -> Kept:
    """``facts``' deadlines due in ``ctx``'s window, whatever their state, as of ``as_of``; ``ctx``
    holds no states filter and its as-of date is replaced by a tracked one."""
    bounds = Bounds()
    ctx.as_of = TrackedDate(as_of, bounds)
    try:
        found = list(RULES_OF[kind_code](facts, ctx))
    except (OverflowError, ValueError) as exc:  # as engine._computable: a date beyond the calendar
        log.warning("no deadlines for %s: a date out of range (%s)", getattr(facts, "number", facts), exc)
        found = []
        bounds.only(as_of.toordinal())
    finally:
        ctx.as_of = as_of
    return Kept(found, bounds.lo, bounds.hi, ctx.start, ctx.end)


# ---- storable values -------------------------------------------------------------------------
# A deadline is kept as a short row of numbers (``encode``) naming two parts many deadlines share,
# each kept once as JSON text: its ``shape`` (kind, office, amounts, the basis's rule, source,
# period and notes…) and its ``who`` (the firm and the matter). Reading 170,000 rows is then mostly
# numbers, and the shared parts are made once.

STATES = ("open", "done", "missed", "lapsed")
_STATE_CODES = {state: code for code, state in enumerate(STATES)}


def ordinal_or_none(day: dt.date | None) -> int | None:
    return None if day is None else day.toordinal()


class _Decoded(dict):
    """Parts decoded from their JSON text on first use, by the text."""

    def __init__(self, decode_part):
        super().__init__()
        self.decode_part = decode_part

    def __missing__(self, body: bytes):
        value = self[body] = self.decode_part(body)
        return value


class Encoder:
    """``encode`` for many deadlines: each shared part's text is decoded once, to check it."""

    def __init__(self):
        self.shapes, self.whos = _Decoded(decode_shape), _Decoded(decode_who)

    def encode(self, d: Deadline) -> tuple[bytes, bytes, tuple] | None:
        """(shape, who, row) of ``d`` — row: (due, state code, main_due, base_date, unadjusted) —, or
        None when they would not decode equal. JSON keeps ints, floats, booleans, text and null
        apart, so comparing the decoded parts with the values they came from finds anything that
        would change on the way (a list that would come back a tuple, a date or object refused)."""
        b = d.basis
        # a notice's id goes with whom it concerns, not in the shape: notices of one type dispatched
        # on one day then share their shape (43,000 shapes -> 8,000 with 50,000 notices)
        shape_values = (d.kind, d.office, d.amount_cny, d.year, d.surcharge_cny, d.subsidy_cny, d.amount_verified,
                        d.currency, d.notice_type, d.pledged, b.rule, b.source, b.base, b.period,
                        b.provisional, b.notes, b.rule_params)
        who_values = (d.firm, d.firm_id, d.matter, d.matter_kind, d.matter_id, d.title, d.notice_id)
        try:
            shape = orjson.dumps(shape_values, option=_STRICT, default=to_storable)
            who = orjson.dumps(who_values, option=_STRICT)
            row = (d.due.toordinal(), _STATE_CODES[d.state], ordinal_or_none(d.main_due), b.base_date.toordinal(),
                   b.unadjusted.toordinal())
            same = self.shapes[shape] == shape_values and self.whos[who] == who_values
        except (TypeError, KeyError, AttributeError, ValueError):
            return None
        if not (same and type(d.due) is dt.date and type(b.base_date) is dt.date and type(b.unadjusted) is dt.date
                and (d.main_due is None or type(d.main_due) is dt.date)):
            return None
        return shape, who, row


def _tuples(value):
    """JSON's lists back as tuples, and worded values (``worded``) as themselves."""
    kind = type(value)
    if kind is list:
        return tuple([_tuples(v) for v in value])
    return from_storable(value) if kind is dict and is_storable(value) else value


def _params(params: list) -> tuple:
    """(name, value) pairs back as tuples: the params of a rule or a note (by far the most of a
    shape's text, decoded here without a call per name)."""
    return tuple([(name, value if type(value) in _PLAIN else _tuples(value)) for name, value in params])


_PLAIN = frozenset({str, int, float, bool, type(None)})


def decode_shape(shape: bytes) -> tuple:
    """A shape's values as ``Encoder.encode`` took them; anything other than what it writes (a
    note that is not a (text, params) pair) fails here, and such a shape is never kept."""
    values = orjson.loads(shape)
    values[13] = _tuples(values[13])  # the period
    values[15] = _shared(tuple([(note, _params(params)) for note, params in values[15]]))
    values[16] = _params(values[16])
    return tuple(values)


_SHARED_NOTES: dict[tuple, tuple] = {}


def _shared(notes: tuple) -> tuple:
    """One tuple for equal notes: 170,000 deadlines of a large portfolio carry some 700 different
    notes over 27,000 shapes, and a long list writes each notes tuple's sentences once (by identity,
    ``basis.basis_writer``) — once per shape would be 100 MB of sentences at 100,000 patents."""
    found = _SHARED_NOTES.get(notes)
    if found is None:
        if len(_SHARED_NOTES) >= 50_000:  # notes carry amounts and dates: bounded in a long session
            _SHARED_NOTES.clear()
        found = _SHARED_NOTES[notes] = notes
    return found


def decode_who(who: bytes) -> tuple:
    return tuple(orjson.loads(who))


class Decoder:
    """Deadlines back from rows; the dates and bases that rows share are made once and shared (they
    are immutable), which also lets a long list's basis sentences be written once per basis."""

    def __init__(self, shapes: dict, whos: dict):
        self.shapes, self.whos = shapes, whos
        self.days = _Days()
        self.bases: dict[tuple, Basis] = {}

    def deadline(self, shape_id, who_id, due: int, state: int, main_due: int | None, base_date: int,
                 unadjusted: int) -> Deadline:
        (kind, office, amount, year, surcharge, subsidy, verified, currency, notice_type, pledged,
         rule, source, base, period, provisional, notes, rule_params) = self.shapes[shape_id]
        days = self.days  # a read of a known day without a call: 550,000 of them in a two-year list
        key = (shape_id, base_date, unadjusted)
        basis = self.bases.get(key)
        if basis is None:
            basis = self.bases[key] = Basis(rule, source, base, days[base_date], period, days[unadjusted],
                                            provisional, notes, rule_params)
        firm, firm_id, matter, matter_kind, matter_id, title, notice_id = self.whos[who_id]
        return Deadline(firm, firm_id, matter, matter_kind, matter_id, title, kind, office, days[due],
                        STATES[state], amount, basis, year, surcharge, days[main_due], subsidy, verified,
                        currency, notice_type, notice_id, pledged)


class _Days(dict):
    """Ordinal -> date, each made once (None stays None)."""

    def __missing__(self, ordinal: int | None) -> dt.date | None:
        found = self[ordinal] = None if ordinal is None else dt.date.fromordinal(ordinal)
        return found


def fingerprint(facts) -> bytes:
    """What a record's deadlines are computed from, condensed: the same facts give the same digest
    in every process (orjson's text of the facts' fields in order, with the type's name; a field
    added to a facts class changes every digest of that kind)."""
    kind = type(facts)
    fields = _FIELDS.get(kind)
    if fields is None:
        fields = _FIELDS[kind] = operator.attrgetter(*(f.name for f in dataclasses.fields(kind)))
    return hashlib.blake2b(orjson.dumps(fields(facts)), digest_size=16, person=kind.__name__[:16].encode()).digest()


_FIELDS: dict[type, operator.attrgetter] = {}
