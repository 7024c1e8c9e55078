"""Edits of a policy's rule text: a new dated value, a value removed, the differences from the
shipped file. Pure text in, text out — the database side (where the texts are kept, so that a
shared database shares them and a backup restores them) is ``zgc_desk.services.subsidies``.

Every edited text is checked by the same loader before it is returned, so the caller stores only
texts that load, and a bad edit is refused with file/line messages.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from zgc_desk.errors import NotFound, UserError
from zgc_desk.i18n import _
from zgc_desk.subsidy_rules.checks import Problem
from zgc_desk.subsidy_rules.loader import (
    SHIPPED_POLICIES,
    RuleFileError,
    load_sources,
    policy_from_text,
    shipped_policy_path,
)
from zgc_desk.subsidy_rules.model import Policy
from zgc_desk.subsidy_rules.yamlmarks import MarkedList, MarkedMap, YamlSyntaxError, dump, load_marked

HEADER = ("# ZGC Desk rule file for {id}, saved from the Policies page.\n"
          "# Kept in the database; it replaces the shipped rules for this policy until it is reverted.\n")


def shipped_path(policy_id: str, shipped_dir: Path = SHIPPED_POLICIES) -> Path:
    return shipped_policy_path(policy_id, shipped_dir)


def shipped_text(policy_id: str, shipped_dir: Path = SHIPPED_POLICIES) -> str | None:
    """The shipped file's text, or None when the program ships no policy of that id."""
    path = shipped_path(policy_id, shipped_dir)
    return path.read_text(encoding="utf-8") if path.is_file() else None


def check_text(text: str, shown: str, expected_id: str | None = None, shipped: bool = False) -> Policy:
    """The policy a text defines; raises :class:`RuleFileError` with every problem and its line."""
    return policy_from_text(text, shown, load_sources(), expected_id=expected_id, overridden=True, shipped=shipped)


def _jsonish(value):
    """Dates become ISO text (the rule files keep dates as text); tuples lists."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _jsonish(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_jsonish(item) for item in value]
    return value


def with_value(text: str, policy_id: str, parameter: str, effective_from: dt.date, value, source: dict,
               verified: bool, last_checked: dt.date | None, why: dict | None = None) -> str:
    """``text`` with one dated value of a parameter added (or replaced, for the same date).

    ``source`` is a source mapping as in the rule files (``{"ref": ...}`` or ``{"document": ...}``).
    """
    document = _document(text, policy_id)
    values = _values_of(document, parameter)
    entry = {"from": effective_from.isoformat(), "value": _jsonish(value), "source": dict(source),
             "verified": bool(verified), "last_checked": last_checked.isoformat() if last_checked else None}
    if why:
        entry["why"] = dict(why)
    kept = [item for item in values if str(item.get("from")) != entry["from"]]
    kept.append(entry)
    kept.sort(key=lambda item: str(item.get("from")))
    document["parameters"][parameter]["values"] = kept
    return HEADER.format(id=policy_id) + dump(document)


def without_value(text: str, policy_id: str, parameter: str, effective_from: dt.date) -> str:
    """``text`` without the value of a parameter that takes effect on ``effective_from``."""
    document = _document(text, policy_id)
    values = _values_of(document, parameter)
    kept = [item for item in values if str(item.get("from")) != effective_from.isoformat()]
    if len(kept) == len(values):
        raise NotFound(_("{parameter} has no value from {date}").format(parameter=parameter,
                                                                       date=effective_from.isoformat()))
    document["parameters"][parameter]["values"] = kept
    return HEADER.format(id=policy_id) + dump(document)


def changes(shipped: Policy, copy: Policy) -> list[str]:
    """How a copy differs from the shipped policy, one line per difference, in words: parameter values
    added, removed or changed (value, verified flag, source), and any other part changed."""
    lines = []
    for part in ("title", "stage", "basis", "items", "criteria", "amount", "attachments"):
        if getattr(shipped, part) != getattr(copy, part):
            lines.append(_("{part}: changed").format(part=part))
    for name in [*shipped.parameters, *(n for n in copy.parameters if n not in shipped.parameters)]:
        old, new = shipped.parameters.get(name), copy.parameters.get(name)
        if old is None or new is None:
            lines.append((_("{name}: parameter added") if old is None else _("{name}: parameter removed")).format(
                name=name))
            continue
        before = {v.effective_from: v for v in old.values}
        after = {v.effective_from: v for v in new.values}
        for day in sorted(set(before) | set(after)):
            a, b = before.get(day), after.get(day)
            if a is None:
                lines.append(_("{name} from {date}: added {value} ({verified}; {source})").format(
                    name=name, date=day.isoformat(), value=_shown(b.value), verified=_flag(b),
                    source=b.source.citation()))
            elif b is None:
                lines.append(_("{name} from {date}: removed (was {value})").format(
                    name=name, date=day.isoformat(), value=_shown(a.value)))
            elif (a.value, a.verified, a.source) != (b.value, b.verified, b.source):
                lines.append(_("{name} from {date}: {old} ({old_verified}) → {new} ({new_verified}; {source})").format(
                    name=name, date=day.isoformat(), old=_shown(a.value), old_verified=_flag(a), new=_shown(b.value),
                    new_verified=_flag(b), source=b.source.citation()))
    return lines


def _shown(value) -> str:
    return "—" if value is None else str(_jsonish(value))


def _flag(value) -> str:
    return _("verified") if value.verified else _("unverified")


def differences(policy_id: str, text: str, shipped_dir: Path = SHIPPED_POLICIES) -> str:
    """How a kept copy's text differs from the shipped file, as a unified diff ("" when not shipped)."""
    shipped = shipped_text(policy_id, shipped_dir)
    if shipped is None:
        return ""
    shipped_word, copy_word = _("shipped"), _("database copy")  # outside the f-strings, for the extractor
    lines = difflib.unified_diff(shipped.splitlines(keepends=True), text.splitlines(keepends=True),
                                 fromfile=f"{policy_id}/policy.yaml ({shipped_word})",
                                 tofile=f"{policy_id} ({copy_word})")
    return "".join(lines)


def _document(text: str, policy_id: str) -> MarkedMap:
    try:
        document = load_marked(text)
    except YamlSyntaxError as exc:
        raise RuleFileError([Problem(policy_id, exc.line, exc.problem)]) from None
    if not isinstance(document, MarkedMap) or not isinstance(document.get("parameters"), MarkedMap):
        raise UserError(_("{id} is not a policy file").format(id=policy_id))
    return document


def _values_of(document: MarkedMap, parameter: str) -> MarkedList:
    spec = document["parameters"].get(parameter)
    if not isinstance(spec, MarkedMap) or not isinstance(spec.get("values"), list):
        raise NotFound(_("No parameter {name} in policy {id}").format(name=parameter, id=document.get("id")))
    return spec["values"]
