"""Per-database settings (reminder lead times, backups kept): JSON values in ``app_setting``."""

from __future__ import annotations

import json

from zgc_desk.deadlines.kinds import default_lead_days
from zgc_desk.models import AppSetting

DEFAULTS = {
    "backups_kept": 10,
    # days before a deadline it starts to show as coming (per kind; "default" for the rest), as the
    # kinds table (zgc_desk.deadlines.kinds) says
    "lead_days": default_lead_days(),
}


def get_setting(key: str):
    row = AppSetting.get_or_none(AppSetting.key == key)
    if row is None:
        return DEFAULTS.get(key)
    return json.loads(row.value)


def set_setting(key: str, value) -> None:
    (AppSetting.insert(key=key, value=json.dumps(value, ensure_ascii=False))  # an upsert SQLite and PostgreSQL share
     .on_conflict(conflict_target=[AppSetting.key], preserve=[AppSetting.value]).execute())
