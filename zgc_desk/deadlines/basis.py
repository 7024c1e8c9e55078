"""Deadlines in words, in the active language: the basis sentence, kind and state labels."""

from __future__ import annotations

import functools

from zgc_desk.deadlines.kinds import kind_label  # noqa: F401 - re-exported for the views
from zgc_desk.deadlines.model import Basis, Deadline
from zgc_desk.i18n import N_, LanguageCache, _, current_language, format_number, ngettext

STATE_LABELS = {
    "open": N_("open"),
    "done": N_("done"),
    "missed": N_("missed"),
    "lapsed": N_("lapsed"),
}


def yuan(amount: int) -> str:
    """A whole-yuan amount as text in the active locale; cached, since babel's formatter parses the
    locale on every call (about 0.3 ms) and a long list repeats a few dozen amounts."""
    return _yuan(current_language(), amount)


@functools.lru_cache(maxsize=4096)
def _yuan(language: str, amount: int) -> str:
    return format_number(amount)


def state_label(state: str) -> str:
    return _(STATE_LABELS[state]) if state in STATE_LABELS else state


def _period(count: int, unit: str) -> str:
    if unit == "years":
        return ngettext("{n} year", "{n} years", abs(count)).format(n=abs(count))
    if unit == "days":
        return ngettext("{n} day", "{n} days", abs(count)).format(n=abs(count))
    return ngettext("{n} month", "{n} months", abs(count)).format(n=abs(count))


# A list of 170,000 deadlines repeats a few hundred rules, periods, notes and sources: their words are
# built once per translation (``LanguageCache``: a new, empty cache when the language changes). The
# opening sentence is kept as a template of the two dates that differ from record to record.
_words = LanguageCache()  # ("head", rule, params, base, count, unit) -> template of the dates;
#                           ("note", note, params) -> text; ("source", source) -> "source: ..."
_DATE, _END = "\x00date\x00", "\x00end\x00"  # stand-ins for the dates while the template is made


def _head(words: dict, basis: Basis) -> str:
    """The opening sentence as a template of its dates (see ``_split``)."""
    count, unit = basis.period
    key = ("head", basis.rule, basis.rule_params, basis.base, count, unit)
    try:
        template = words.get(key)
    except TypeError:  # a parameter that cannot be a key (a notice's type): built each time
        return _head_template(basis)
    if template is None:
        template = words[key] = _head_template(basis)
    return template


def _head_template(basis: Basis) -> str:
    count, unit = basis.period
    rule = _(basis.rule).format(**dict(basis.rule_params))
    base = _(basis.base)
    if count == 0:
        text = _("{rule}: the {base} {date}").format(rule=rule, base=base, date=_DATE)
    elif count < 0:
        text = _("{rule}: {period} before the {base} {date}, i.e. {end}").format(
            rule=rule, period=_period(count, unit), base=base, date=_DATE, end=_END)
    else:
        text = _("{rule}: {period} from the {base} {date}, i.e. {end}").format(
            rule=rule, period=_period(count, unit), base=base, date=_DATE, end=_END)
    return _split(text)


def _split(text: str) -> str:
    """``text`` as a template of its two dates, ``{0}`` (base date) and ``{1}`` (period end), with
    every other brace escaped."""
    escaped = text.replace("{", "{{").replace("}", "}}")
    return escaped.replace(_DATE, "{0}").replace(_END, "{1}")


def _note(words: dict, note: str, params: tuple) -> str:
    key = ("note", note, params)
    try:
        text = words.get(key)
    except TypeError:  # a parameter that cannot be a key: built each time
        return _(note).format(**dict(params))
    if text is None:
        text = words[key] = _(note).format(**dict(params))
    return text


def basis_text(basis: Basis, due=None) -> str:
    """One sentence: the rule, base date and period, any holiday move, notes, and the source."""
    words = _words.current()
    parts = [_head(words, basis).format(basis.base_date.isoformat(), basis.unadjusted.isoformat())]
    if due is not None and due != basis.unadjusted:
        parts.append(_("moved to the next working day {due}").format(due=due.isoformat()))
    if basis.provisional:
        parts.append(_("PROVISIONAL: no official holiday calendar for {year} yet "
                       "(weekends and statutory holidays used)").format(year=basis.unadjusted.year))
    for note, params in basis.notes:
        parts.append(_note(words, note, params))
    key = ("source", basis.source)
    source = words.get(key)
    if source is None:
        source = words[key] = _("source: {source}").format(source=basis.source)
    parts.append(source)
    return _("; ").join(parts)


class IsoDates(dict):
    """Dates as ISO text, each written once (a long list repeats a few thousand dates)."""

    def __missing__(self, day) -> str:
        text = self[day] = day.isoformat()
        return text


def basis_writer():
    """``basis_text`` for one long list, faster: what follows the opening sentence and the day moved
    (the notes and the source) is written once per notes tuple, and deadlines read back from the
    kept ones share theirs (``stored.Decoder``). Keyed by identity, each entry holding its tuple so
    that the id stays its own; meant to be dropped with the list."""
    words = _words.current()
    separator = _("; ")
    moved = _("moved to the next working day {due}")
    tails: dict[int, tuple[tuple, str, str]] = {}
    iso = IsoDates()
    provisional: dict[int, str] = {}  # year -> the warning (most of a two-year list is beyond the calendar)

    def text(basis: Basis, due=None) -> str:
        parts = [_head(words, basis).format(iso[basis.base_date], iso[basis.unadjusted])]
        if due is not None and due != basis.unadjusted:
            parts.append(moved.format(due=iso[due]))
        if basis.provisional:
            year = basis.unadjusted.year
            warning = provisional.get(year)
            if warning is None:
                warning = provisional[year] = _("PROVISIONAL: no official holiday calendar for {year} yet "
                                                "(weekends and statutory holidays used)").format(year=year)
            parts.append(warning)
        known = tails.get(id(basis.notes))
        if known is None or known[0] is not basis.notes or known[1] != basis.source:
            tail = [_note(words, note, params) for note, params in basis.notes]
            key = ("source", basis.source)
            source = words.get(key)
            if source is None:
                source = words[key] = _("source: {source}").format(source=basis.source)
            tail.append(source)
            known = tails[id(basis.notes)] = (basis.notes, basis.source, separator.join(tail))
        parts.append(known[2])
        return separator.join(parts)

    return text


def deadline_basis(deadline: Deadline) -> str:
    return basis_text(deadline.basis, deadline.due)
