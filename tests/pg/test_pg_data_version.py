"""The data version on a PostgreSQL server (``zgc_desk.data_version``): deferred triggers change it
when a writer commits, never before, so that a list cannot trust facts it read without a write
another person has not committed yet; a clerk's role granted before the version table existed can
still write; a missing trigger means every record is checked until the owner opens the database."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest

from zgc_desk import data_version
from zgc_desk.db import close_database, open_database
from zgc_desk.demo import write_demo
from zgc_desk.models import Notice, Patent
from zgc_desk.services.deadlines import keep_deadlines, list_deadlines

START = dt.date(2026, 11, 25)
ROLE = "clerk_version"


@pytest.fixture
def shared(pg_url):
    open_database(pg_url)
    write_demo(anchor=START)
    yield pg_url
    close_database()


def listed():
    return list_deadlines(as_of=START, include_subsidies=False)


def test_the_version_changes_when_a_writer_commits_and_not_before(shared):
    version = data_version.current()
    assert version is not None
    with psycopg.connect(shared) as other:  # a transaction of another person
        other.execute("UPDATE patent SET title = title || '改' WHERE id = (SELECT min(id) FROM patent)")
        other.execute("UPDATE trademark SET mark = mark || '新'")
        assert data_version.current() == version  # written, not committed: nothing to see yet
        other.commit()
    changed = data_version.current()
    assert changed not in (None, version)
    Patent.select().count()
    assert data_version.current() == changed  # reading changes nothing
    with psycopg.connect(shared) as first, psycopg.connect(shared) as second:
        first.execute("UPDATE patent SET title = title || '甲' WHERE id = (SELECT min(id) FROM patent)")
        second.execute("SET lock_timeout = '3s'")  # the version row is not held from a write to its commit:
        second.execute("UPDATE trademark SET mark = mark || '乙'")  # writers do not queue behind each other
        second.commit()
        first.commit()
    assert data_version.current() not in (None, changed)
    changed = data_version.current()
    with psycopg.connect(shared, autocommit=True) as other:
        other.execute("TRUNCATE notice")  # TRUNCATE has no row trigger: the statement one
    assert data_version.current() not in (None, changed)


def test_a_list_read_during_anothers_write_is_checked_again_once_it_commits(shared, reads, computed):
    listed()
    keep_deadlines(as_of=START)
    before = computed(as_of=START, include_subsidies=False)
    reads.clear()
    assert listed() == before
    assert reads == []  # checked in full, nothing written since: no fact read
    with psycopg.connect(shared) as other:
        other.execute("UPDATE patent SET annuity_paid_through = annuity_paid_through + 1 "
                      "WHERE status = 'granted' AND annuity_paid_through IS NOT NULL")
        reads.clear()
        assert listed() == before  # the write is not visible yet: the same list, still trusted
        assert reads == []
        other.commit()
    after = computed(as_of=START, include_subsidies=False)
    assert after != before
    reads.clear()
    assert listed() == after
    assert reads[0] == "all"


def test_a_clerk_granted_before_the_version_table_existed_still_writes_and_lists(shared, pg_server, computed):
    base = shared.rsplit("@", 1)[1]
    with psycopg.connect(shared, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (ROLE,)).fetchone():
            conn.execute(f"DROP OWNED BY {ROLE}")
            conn.execute(f"DROP ROLE {ROLE}")
        conn.execute(f"CREATE ROLE {ROLE} LOGIN")
        conn.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {ROLE}")
        conn.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {ROLE}")
        conn.execute(f"REVOKE ALL ON {data_version.TABLE} FROM {ROLE}")  # as if granted before it existed
    close_database()
    try:
        open_database(f"postgresql://{ROLE}@{base}")
        version = data_version.current()
        assert version is not None
        Notice.update(outcome="已答复").where(Notice.id == Notice.select().first().id).execute()
        assert data_version.current() not in (None, version)
        assert listed() == computed(as_of=START, include_subsidies=False)
    finally:
        close_database()
        with psycopg.connect(shared, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (ROLE,))
            conn.execute(f"DROP OWNED BY {ROLE}")
            conn.execute(f"DROP ROLE {ROLE}")
        open_database(shared)


def test_a_missing_trigger_means_a_full_check_until_the_owner_reopens(shared, reads, computed):
    listed()
    keep_deadlines(as_of=START)
    with psycopg.connect(shared, autocommit=True) as conn:
        conn.execute(f"DROP TRIGGER {data_version.PG_TRIGGER} ON patent")
        conn.execute("UPDATE patent SET annuity_paid_through = NULL")  # unseen by any trigger
    assert data_version.current() is None
    expected = computed(as_of=START, include_subsidies=False)
    reads.clear()
    assert listed() == expected
    assert reads[0] == "all"
    close_database()
    open_database(shared)
    assert data_version.current() is not None  # put back by the owner's opening
    reads.clear()
    assert listed() == expected
    assert reads[0] == "all"  # and changed: what it missed is not taken as seen
