"""Backups of a server database: the program's own portable copy (a SQLite file, no pg_dump needed) in
the user's data folder, taken before an import; restoring one puts its records back on the server."""

from __future__ import annotations

import datetime as dt

from zgc_io_helpers import basic_book, patent_row

from zgc_desk.db import backup_anchor
from zgc_desk.io.backups import check_backup
from zgc_desk.migrations import latest_version
from zgc_desk.models import Patent
from zgc_desk.paths import user_data_dir
from zgc_desk.services import transfer


def test_import_into_a_server_database_backs_it_up_first_and_restore_brings_it_back(db_path_pg, tmp_path):
    first = transfer.import_workbook(basic_book(tmp_path / "a.xlsx", patent_row()))
    assert first.backup is None  # nothing to lose yet
    second = transfer.import_workbook(basic_book(tmp_path / "b.xlsx", patent_row(title="新标题")))
    assert second.backup is not None and second.backup.is_file()
    assert user_data_dir() in second.backup.parents and "before-import" in second.backup.name
    check_backup(second.backup, latest_version())  # a sound database file of this program
    assert Patent.get().title == "新标题"
    listed = transfer.list_backups_with_counts()
    assert listed[0].path == second.backup and listed[0].counts["patent"] == 1

    safety = transfer.restore_backup(second.backup, now=dt.datetime(2026, 11, 25, 9, 0))
    assert safety.is_file() and safety.parent == backup_anchor().parent / "backups"
    assert Patent.get().title != "新标题"  # the records of before the second import
    assert transfer.startup_backup(dt.datetime(2026, 11, 26, 8, 0)) is not None  # the daily copy
