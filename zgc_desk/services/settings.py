"""Per-database settings (reminder lead times, backups kept): JSON values in ``app_setting``."""

from __future__ import annotations

import json

from zgc_desk.changes import Changed
from zgc_desk.deadlines.kinds import default_lead_days
from zgc_desk.i18n import N_
from zgc_desk.models import AppSetting
from zgc_desk.operations import Label, operation

DEFAULTS = {
    "backups_kept": 10,
    # days before a deadline it starts to show as coming (per kind; "default" for the rest), as the
    # kinds table (zgc_desk.deadlines.kinds) says
    "lead_days": default_lead_days(),
}
LABELS = {"backups_kept": N_("Backups kept"), "lead_days": N_("Reminder lead times")}


def get_setting(key: str):
    row = AppSetting.get_or_none(AppSetting.key == key)
    if row is None:
        return DEFAULTS.get(key)
    return json.loads(row.value)


def set_settings(values: dict) -> Changed:
    """Store several settings as one undoable operation (the Settings dialog's OK)."""
    with operation(Label(N_("Change settings"))) as op:
        for key, value in values.items():
            set_setting(key, value)
    return op.changed


def set_setting(key: str, value) -> Changed:
    """Store a setting (one undoable operation). An upsert, not REPLACE: SQLite's REPLACE deletes
    without telling delete triggers, and undo would not see the value it replaced."""
    label = Label(N_("Change setting: {name}"), name=Label(LABELS[key]) if key in LABELS else key)
    with operation(label) as op:
        text = json.dumps(value, ensure_ascii=False)
        (AppSetting.insert(key=key, value=text)  # an upsert SQLite and PostgreSQL share
         .on_conflict(conflict_target=[AppSetting.key], preserve=[AppSetting.value]).execute())
    return op.changed
