"""Deadlines in words, in the active language: the basis sentence, kind and state labels."""

from __future__ import annotations

import functools

from zgc_desk.deadlines.kinds import kind_label  # noqa: F401 - re-exported for the views
from zgc_desk.deadlines.model import Basis, Deadline
from zgc_desk.i18n import N_, _, current_language, format_number, ngettext

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


def basis_text(basis: Basis, due=None) -> str:
    """One sentence: the rule, base date and period, any holiday move, notes, and the source."""
    rule = _(basis.rule).format(**dict(basis.rule_params))
    base = _(basis.base)
    count, unit = basis.period
    if count == 0:
        text = _("{rule}: the {base} {date}").format(rule=rule, base=base, date=basis.base_date.isoformat())
    elif count < 0:
        text = _("{rule}: {period} before the {base} {date}, i.e. {end}").format(
            rule=rule, period=_period(count, unit), base=base, date=basis.base_date.isoformat(),
            end=basis.unadjusted.isoformat())
    else:
        text = _("{rule}: {period} from the {base} {date}, i.e. {end}").format(
            rule=rule, period=_period(count, unit), base=base, date=basis.base_date.isoformat(),
            end=basis.unadjusted.isoformat())
    parts = [text]
    if due is not None and due != basis.unadjusted:
        parts.append(_("moved to the next working day {due}").format(due=due.isoformat()))
    if basis.provisional:
        parts.append(_("PROVISIONAL: no official holiday calendar for {year} yet "
                       "(weekends and statutory holidays used)").format(year=basis.unadjusted.year))
    parts.extend(_(note).format(**dict(params)) for note, params in basis.notes)
    parts.append(_("source: {source}").format(source=basis.source))
    return _("; ").join(parts)


def deadline_basis(deadline: Deadline) -> str:
    return basis_text(deadline.basis, deadline.due)
