"""A restore checks what it brought in (``PRAGMA quick_check`` on the restored database) and, should
the copy have gone wrong on its way in, puts back the data as it was before the restore."""

from __future__ import annotations

import datetime as dt

import pytest
from test_backup_safety import MORNING, _damage, _fill

from zgc_desk.db import close_database, open_database
from zgc_desk.errors import UserError
from zgc_desk.io import backups
from zgc_desk.models import Patent, database
from zgc_desk.services import transfer


@pytest.fixture
def port(tmp_path):
    path = open_database(tmp_path / "port.db")
    _fill(1500)
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    yield path
    close_database()


def test_the_check_sees_a_damaged_database(port):
    assert transfer.restored_problem() == ""
    close_database()
    _damage(port)
    open_database(port, migrate=False)
    assert transfer.restored_problem() != ""


def test_a_restore_that_fails_its_check_puts_the_data_back(port, monkeypatch, english):
    backup = backups.backup_database(database, port, "manual", now=MORNING)
    Patent.delete().where(Patent.id <= 10).execute()
    before = Patent.select().count()
    assert before == 1490
    verdicts = iter(["*** in database main *** Page 7: btreeInitPage() returns error code 11", ""])
    monkeypatch.setattr(transfer, "restored_problem", lambda: next(verdicts))
    with pytest.raises(UserError, match="failed its check .*Page 7.*put back"):
        transfer.restore_backup(backup, now=MORNING + dt.timedelta(minutes=1))
    assert Patent.select().count() == before  # the data as it was before the restore
    assert database.execute_sql("PRAGMA quick_check").fetchone()[0] == "ok"
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    reasons = [info.reason for info in backups.list_backups_with_counts(port)]
    assert "before-restore" in reasons  # and the copy of it stays listed


def test_a_sound_restore_passes_its_check(port, english):
    backup = backups.backup_database(database, port, "manual", now=MORNING)
    Patent.delete().where(Patent.id <= 10).execute()
    transfer.restore_backup(backup, now=MORNING + dt.timedelta(minutes=1))
    assert Patent.select().count() == 1500
