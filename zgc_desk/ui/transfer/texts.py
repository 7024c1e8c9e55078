"""Words for what the transfer dialogs show: why a backup was taken, file sizes, summaries."""

from __future__ import annotations

import re

from zgc_desk.i18n import N_, _, format_number
from zgc_desk.io.import_issues import Counts

REASONS = {
    "daily": N_("Daily backup"),
    "before-import": N_("Before an import"),
    "before-restore": N_("Before a restore"),
    "manual": N_("Made by hand"),
}
_MIGRATION = re.compile(r"^before-migration-(\d+)-to-(\d+)$")


def reason_text(reason: str) -> str:
    """A backup's reason (from its file name) in words."""
    if reason in REASONS:
        return _(REASONS[reason])
    match = _MIGRATION.match(reason)
    if match:
        return _("Before a database update (version {old} to {new})").format(old=match.group(1),
                                                                          new=match.group(2))
    return reason or _("Unknown")


def size_text(size: int) -> str:
    """Bytes as KB or MB, e.g. "850 KB", "12.4 MB"."""
    if size < 1024 * 1024:
        return _("{size} KB").format(size=format_number(max(1, round(size / 1024))))
    return _("{size} MB").format(size=format_number(round(size / (1024 * 1024), 1)))


def totals(counts: dict[str, Counts]) -> Counts:
    total = Counts()
    for count in counts.values():
        total.added += count.added
        total.updated += count.updated
        total.unchanged += count.unchanged
    return total


def import_summary(file_name: str, counts: dict[str, Counts]) -> str:
    """One line for the status bar: "Imported x.xlsx: 3 added, 1 updated, 40 unchanged"."""
    total = totals(counts)
    return _("Imported {file}: {added} added, {updated} updated, {unchanged} unchanged").format(
        file=file_name, added=format_number(total.added), updated=format_number(total.updated),
        unchanged=format_number(total.unchanged))
