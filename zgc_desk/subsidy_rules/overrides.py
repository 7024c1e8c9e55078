"""A user's rule files: complete policy files in the user's rule folder that replace the shipped ones.

Every write is checked first (the same loader, so the same file/line messages) and then written
whole through a temporary file, so a bad edit never leaves a broken rule file behind. Functions
take the folder explicitly; ``zgc_desk.services.subsidies`` passes the per-user one.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from zgc_desk.errors import NotFound, UserError
from zgc_desk.i18n import _
from zgc_desk.subsidy_rules.checks import Problem
from zgc_desk.subsidy_rules.loader import (
    SHIPPED_POLICIES,
    RuleFileError,
    load_sources,
    policy_from_text,
    user_rule_path,
)
from zgc_desk.subsidy_rules.model import POLICY_IDS, Policy
from zgc_desk.subsidy_rules.yamlmarks import MarkedList, MarkedMap, YamlSyntaxError, dump, load_marked

HEADER = ("# ZGC Desk rule file for {id}, saved from the Policies page.\n"
          "# It replaces the shipped rules for this policy until it is removed (\"revert\").\n")


def _check_id(policy_id: str) -> None:
    if policy_id not in POLICY_IDS:
        raise NotFound(_("Unknown policy {id} (known: {known})").format(id=policy_id, known=", ".join(POLICY_IDS)))


def shipped_path(policy_id: str) -> Path:
    return SHIPPED_POLICIES / policy_id / "policy.yaml"


def effective_path(policy_id: str, user_dir: Path) -> Path:
    _check_id(policy_id)
    override = user_rule_path(user_dir, policy_id)
    return override if override.is_file() else shipped_path(policy_id)


def effective_text(policy_id: str, user_dir: Path) -> str:
    return effective_path(policy_id, user_dir).read_text(encoding="utf-8")


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".yaml.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def save_override(policy_id: str, text: str, user_dir: Path) -> Policy:
    """Check ``text`` as the rule file of ``policy_id`` and store it as the user's override."""
    _check_id(policy_id)
    path = user_rule_path(user_dir, policy_id)
    policy = policy_from_text(text, str(path), load_sources(), expected_id=policy_id, overridden=True)
    _write_atomically(path, text)
    return policy


def revert(policy_id: str, user_dir: Path) -> bool:
    """Remove the user's override; True if there was one."""
    _check_id(policy_id)
    path = user_rule_path(user_dir, policy_id)
    if path.is_file():
        path.unlink()
        return True
    return False


def export_policy(policy_id: str, out: Path, user_dir: Path) -> Path:
    """Write the policy file in force (the user's, else the shipped one) to ``out``, unchanged."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(effective_text(policy_id, user_dir), encoding="utf-8")
    return out


def import_policy(path: Path, user_dir: Path) -> Policy:
    """Check a policy file from elsewhere and store it as the override of the policy it names."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RuleFileError([Problem(str(path), 0, _("the file is not UTF-8 text"))]) from None
    policy = policy_from_text(text, str(path), load_sources())  # names the imported file in messages
    return save_override(policy.id, text, user_dir)


def _jsonish(value):
    """Dates become ISO text (the rule files keep dates as text)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _jsonish(item) for key, item in value.items()}
    return value


def set_value(policy_id: str, parameter: str, effective_from: dt.date, value, source: dict, verified: bool,
              last_checked: dt.date | None, user_dir: Path, why: dict | None = None) -> Policy:
    """Add (or replace, for the same effective date) one dated value of a parameter and save.

    ``source`` is a source mapping as in the rule files (``{"ref": ...}`` or ``{"document": ...}``).
    The whole file is checked before it is written; a bad value raises :class:`RuleFileError`.
    """
    document = _document(policy_id, user_dir)
    values = _values_of(document, parameter)
    entry = {"from": effective_from.isoformat(), "value": _jsonish(value), "source": dict(source),
             "verified": bool(verified), "last_checked": last_checked.isoformat() if last_checked else None}
    if why:
        entry["why"] = dict(why)
    kept = [item for item in values if str(item.get("from")) != entry["from"]]
    kept.append(entry)
    kept.sort(key=lambda item: str(item.get("from")))
    document["parameters"][parameter]["values"] = kept
    return save_override(policy_id, HEADER.format(id=policy_id) + dump(document), user_dir)


def remove_value(policy_id: str, parameter: str, effective_from: dt.date, user_dir: Path) -> Policy:
    """Remove the value of a parameter that takes effect on ``effective_from`` and save."""
    document = _document(policy_id, user_dir)
    values = _values_of(document, parameter)
    kept = [item for item in values if str(item.get("from")) != effective_from.isoformat()]
    if len(kept) == len(values):
        raise NotFound(_("{parameter} has no value from {date}").format(parameter=parameter,
                                                                       date=effective_from.isoformat()))
    document["parameters"][parameter]["values"] = kept
    return save_override(policy_id, HEADER.format(id=policy_id) + dump(document), user_dir)


def _document(policy_id: str, user_dir: Path) -> MarkedMap:
    path = effective_path(policy_id, user_dir)
    try:
        document = load_marked(path.read_text(encoding="utf-8"))
    except YamlSyntaxError as exc:
        raise RuleFileError([Problem(str(path), exc.line, exc.problem)]) from None
    if not isinstance(document, MarkedMap) or not isinstance(document.get("parameters"), MarkedMap):
        raise UserError(_("{path} is not a policy file").format(path=path))
    return document


def _values_of(document: MarkedMap, parameter: str) -> MarkedList:
    spec = document["parameters"].get(parameter)
    if not isinstance(spec, MarkedMap) or not isinstance(spec.get("values"), list):
        raise NotFound(_("No parameter {name} in policy {id}").format(name=parameter, id=document.get("id")))
    return spec["values"]
