"""The data version (``zgc_desk.data_version``) and the lists it lets skip reading the facts: after
a list that checked every record, the next one reads only the records out of date for its day —
until anything is written to the tables the facts come from, by anyone, which the triggers see."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

from zgc_desk import data_version
from zgc_desk.db import open_database
from zgc_desk.models import Firm, Patent, PCTApplication, Trademark, database
from zgc_desk.services import deadline_store
from zgc_desk.services.deadlines import keep_deadlines, list_deadlines, mark_annuity_paid

START = dt.date(2026, 11, 25)


def todo(as_of):
    return dict(as_of=as_of, include_subsidies=False)


def test_every_write_to_a_watched_table_changes_the_version_and_nothing_else_does(demo_db):
    version = data_version.current()
    assert version is not None
    firm = Firm.select().first()
    for write in (lambda: Firm.update(name=Firm.name).where(Firm.id == firm.id).execute(),  # even to the same
                  lambda: Patent.update(title="改").where(Patent.id == Patent.select().first().id).execute(),
                  lambda: PCTApplication.delete().where(PCTApplication.id == PCTApplication.select().first().id)
                  .execute(),
                  lambda: Trademark.update(mark="新").execute()):
        write()
        assert data_version.current() != version
        version = data_version.current()
    database.execute_sql("SELECT count(*) FROM patent").fetchone()
    assert data_version.current() == version


def test_after_a_full_check_a_list_reads_only_what_is_out_of_date_and_agrees(demo_db, reads, computed):
    firm_id = Firm.select().first().id
    assert list_deadlines(**todo(START)) == computed(**todo(START))  # the first: every record checked
    assert reads[0] == "all"
    expected = computed(**todo(START)), computed(as_of=START, firm=firm_id, include_subsidies=False)
    reads.clear()
    assert list_deadlines(**todo(START)) == expected[0]
    assert list_deadlines(as_of=START, firm=firm_id, include_subsidies=False) == expected[1]
    assert reads == []  # nothing written, the same day: no fact read at all
    # the next days: only the records a passing date changed, and still the same list
    patents = Patent.select().count()
    for days in (1, 2, 30, 45, 200):
        as_of = START + dt.timedelta(days=days)
        expected = computed(**todo(as_of))
        reads.clear()
        assert list_deadlines(**todo(as_of)) == expected, as_of
        assert "all" not in reads
        if days == 1:  # a day later most records still hold
            assert sum(len(ids) for read in reads for ids in read.values()) < patents / 2


def test_a_write_by_anyone_makes_the_next_list_check_every_record(demo_db, reads, computed):
    from zgc_desk.operations import undo

    list_deadlines(**todo(START))
    owed = next(d for d in list_deadlines(**todo(START)) if d.kind == "annuity" and d.year)
    for write in (lambda: mark_annuity_paid(owed.matter_id, owed.year),  # through the program
                  undo,  # and its undo
                  _another_program):
        write()
        reads.clear()
        assert list_deadlines(**todo(START)) == computed(**todo(START))
        assert reads[0] == "all"
        reads.clear()
        list_deadlines(**todo(START))
        assert reads == []  # checked in full again: trusted until the next write


def _another_program() -> None:
    con = sqlite3.connect(str(database.database))  # a connection of its own, not the program's
    con.execute("UPDATE patent SET annuity_paid_through = annuity_paid_through + 1 WHERE status = 'granted' "
                "AND annuity_paid_through IS NOT NULL")
    con.commit()
    con.close()


def test_a_missing_trigger_means_every_record_is_checked_until_reopening_puts_it_back(demo_db, reads, computed):
    list_deadlines(**todo(START))
    database.execute_sql('DROP TRIGGER "zgc_version_patent_update"')  # as a table rebuild would
    assert data_version.current() is None
    Patent.update(annuity_paid_through=None).execute()  # unseen by any trigger
    reads.clear()
    assert list_deadlines(**todo(START)) == computed(**todo(START))
    assert reads[0] == "all"
    before = database.execute_sql("SELECT version FROM zgc_data_version").fetchone()[0]
    path = database.database
    database.close()
    open_database(path)
    assert data_version.current() not in (None, before)  # put back, and changed: what it missed is unknown


def test_a_restored_older_copy_is_never_taken_for_what_was_kept(demo_db, tmp_path, reads, computed):
    from pathlib import Path

    path = Path(database.database)
    copy = tmp_path / "copy.db"
    database.close()
    shutil.copyfile(path, copy)
    open_database(path)
    list_deadlines(**todo(START))
    Patent.update(annuity_paid_through=None).execute()
    list_deadlines(**todo(START))  # checked in full at the new version
    database.close()
    shutil.copyfile(copy, path)  # the older file back under the same name (the cache is by name)
    for suffix in ("-wal", "-shm"):
        (path.parent / (path.name + suffix)).unlink(missing_ok=True)
    open_database(path)
    reads.clear()
    assert list_deadlines(**todo(START)) == computed(**todo(START))
    assert reads[0] == "all"


def test_keeping_ahead_notes_the_full_check_and_a_write_by_another_list_in_between_forbids_it(demo_db, reads,
                                                                                               monkeypatch, computed):
    monkeypatch.setattr(deadline_store, "KEEP_PER_LISTING", 5)
    list_deadlines(**todo(START))  # kept only a part: no note
    reads.clear()
    list_deadlines(**todo(START))
    assert reads[0] == "all"
    keep_deadlines(as_of=START)
    expected = computed(**todo(START))
    reads.clear()
    assert list_deadlines(**todo(START)) == expected
    assert reads == []
    # a listing that read other facts writes to the file between another's look and its note
    store = deadline_store.open_store()
    try:
        store.writes_seen = store.writes()
        other = deadline_store.open_store()
        try:
            other.keep([], [(1, 999_999)], version=12345)
        finally:
            other.close()
        assert store.checked_at() is None  # the other's write forgot the note of a full check
        assert not store.mark_checked(data_version.current())
    finally:
        store.close()


def _triggers_seen_by_another_connection() -> set[str]:
    con = sqlite3.connect(str(database.database))
    try:
        return {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    finally:
        con.close()


def test_an_import_changes_the_version_once_and_no_other_connection_ever_sees_a_trigger_missing(demo_db, tmp_path):
    from zgc_desk.services.transfer import export_workbook, import_workbook

    workbook = tmp_path / "all.xlsx"
    export_workbook(workbook)
    triggers = _triggers_seen_by_another_connection()
    assert len(triggers) == len(data_version.WATCHED) * len(data_version.EVENTS)
    version = data_version.current()
    import_workbook(workbook)  # every row the same: nothing written, the version stays
    assert data_version.current() == version
    seen_during = []
    with database.atomic(), data_version.changed_once(database, ["patent", "firm"]):
        Patent.update(title="改").where(Patent.id == Patent.select().first().id).execute()
        seen_during.append(_triggers_seen_by_another_connection())
        assert data_version.current() is None  # this connection sees them gone: not to be trusted meanwhile
    assert seen_during == [triggers]  # the other connection saw the triggers all along
    assert _triggers_seen_by_another_connection() == triggers
    assert data_version.current() not in (None, version)


def test_triggers_dropped_for_a_bulk_write_come_back_when_it_fails(demo_db):
    version = data_version.current()
    try:
        with database.atomic(), data_version.changed_once(database, ["patent"]):
            Patent.update(title="改").execute()
            raise RuntimeError("disk full")
    except RuntimeError:
        pass
    assert data_version.current() == version  # rolled back: triggers, version and the write alike
    assert Patent.select().where(Patent.title == "改").count() == 0
