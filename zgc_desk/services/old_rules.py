"""The Policies page's edits of the program before this one, carried into the database once.

That version kept a user's edited rule files in the per-user folder (``<data folder>/rules/<id>.yaml``)
on one machine; this one keeps policies with the database (``policy_file``), so that a shared
database shares them and a backup restores them. Without this step an upgraded clerk's own figures
(the amounts of the current round they had entered) would silently stop counting.

On opening a database, each old file is checked with the loader of today; one that loads is kept in
the database as that policy's copy unless the database already has a copy of its own (which wins).
When every file was carried over (or already had a copy) the folder is renamed
``rules-moved-into-database`` — never deleted — so that this happens once; a file that does not load
leaves the folder in place, and the user is told which file and why, each time, until it is fixed.
"""

from __future__ import annotations

from pathlib import Path

from zgc_desk.i18n import _
from zgc_desk.migrations import add_note
from zgc_desk.paths import user_data_dir
from zgc_desk.services.subsidies import keep_policy_text, stored_texts
from zgc_desk.subsidy_rules import RuleFileError
from zgc_desk.subsidy_rules.loader import read_rule_text
from zgc_desk.subsidy_rules.overrides import check_text

MOVED_NAME = "rules-moved-into-database"


def old_rules_folder() -> Path:
    return user_data_dir() / "rules"


def adopt_old_rule_files(folder: Path | None = None) -> list[str]:
    """Carry the old folder's rule files into the open database; returns the ids kept. Notes for the
    user (what was carried, what could not be) go to the front end's start-up notes."""
    from zgc_desk.db import is_sqlite, read_only_reason

    folder = old_rules_folder() if folder is None else Path(folder)
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files or not is_sqlite() or read_only_reason():  # that version knew only its own SQLite file
        return []
    stored = stored_texts()
    adopted, kept_own, problems = [], [], []
    for path in files:
        try:
            text = read_rule_text(path)
            policy = check_text(text, str(path))
        except RuleFileError as exc:
            problems.append(str(exc))
            continue
        if policy.id in stored:
            kept_own.append(policy.id)
            continue
        keep_policy_text(policy.id, text, _("{file} (the Policies page's edit, from the old rules folder)").format(file=path.name))
        adopted.append(policy.id)
    if adopted:
        add_note(_("Your edited policy rules ({ids}) were kept on this computer by the previous version; they are "
                   "now kept in this database (the Policies page shows them).").format(ids=", ".join(adopted)))
    if kept_own:
        add_note(_("The old rules folder's copies of {ids} were not used: this database has its own.").format(
            ids=", ".join(kept_own)))
    if problems:
        add_note(_("Some edited policy rules of the previous version could not be used and were left in {folder}: "
                   "{problems}").format(folder=folder, problems="; ".join(problems)))
        return adopted
    target = folder.with_name(MOVED_NAME)
    if not target.exists():
        folder.rename(target)  # done once; the files stay there for reference
    return adopted
