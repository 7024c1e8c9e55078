"""Which files are opened as the database: only an empty file, one carrying ZGC Desk's
``application_id``, or an older ZGC Desk database (its schema_migration rows); another program's
SQLite file is refused byte for byte unchanged (no WAL switch, no tables added). A damaged, truncated
or altered database gives a plain message, never an internal error."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from peewee import SqliteDatabase

from zgc_desk.cli import main
from zgc_desk.db import APPLICATION_ID, PRAGMAS, DatabaseError, close_database, open_database
from zgc_desk.migrations import latest_version, migration_modules, upgrade

pytestmark = pytest.mark.usefixtures("english")


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sqlite(path, *statements):
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def test_a_new_database_carries_the_mark(db_path):
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID == 0x5A474344
    conn.close()
    assert migration_modules()[8].APPLICATION_ID == APPLICATION_ID


@pytest.mark.parametrize("statements", [
    ["CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)", "INSERT INTO notes VALUES (1, 'x')"],
    ["CREATE TABLE firm (id INTEGER PRIMARY KEY, name TEXT)"],  # a table of the same name, half ours
    ["CREATE TABLE firm (id INTEGER)", "CREATE TABLE schema_migration (version INTEGER, name TEXT)",
     "INSERT INTO schema_migration VALUES (1, 'their_own_start')"],
    ["PRAGMA application_id = 1234", "CREATE TABLE t (a)"],
])
def test_another_programs_database_is_refused_and_left_byte_for_byte(tmp_path, capsys, statements):
    path = _sqlite(tmp_path / "other.db", *statements)
    before = _digest(path)
    assert main(["--lang", "en", "deadlines", "--db", str(path)]) == 1
    assert "the database of another program" in capsys.readouterr().err
    assert _digest(path) == before
    assert not path.with_name("other.db-wal").exists() and not (tmp_path / "backups").exists()


def test_an_empty_sqlite_file_becomes_a_zgc_database(tmp_path):
    path = _sqlite(tmp_path / "empty.db", "PRAGMA user_version = 0")
    open_database(path)
    close_database()
    assert sqlite3.connect(path).execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_an_older_zgc_database_is_recognised_and_marked(tmp_path):
    path = tmp_path / "v2.db"
    old = SqliteDatabase(str(path), pragmas=PRAGMAS)
    upgrade(old, target=2)
    migration_modules()[1].seed(old)
    old.close()
    assert sqlite3.connect(path).execute("PRAGMA application_id").fetchone()[0] == 0
    open_database(path)
    close_database()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    conn.close()


def test_a_negative_schema_version_is_a_plain_refusal(db_path, capsys):
    close_database()
    _sqlite(db_path, "PRAGMA user_version = -1")
    with pytest.raises(DatabaseError, match="impossible schema version"):
        open_database(db_path)


@pytest.mark.parametrize("damage", ["truncated", "garbage after the header", "a table dropped", "a column gone"])
def test_a_damaged_or_altered_database_is_a_plain_message(demo_file, tmp_path, capsys, damage):
    path = tmp_path / "port.db"
    path.write_bytes(demo_file.read_bytes())
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:4096 * 3])
    elif damage == "garbage after the header":
        data = bytearray(path.read_bytes())
        data[100:len(data)] = bytes((i * 7) % 251 for i in range(len(data) - 100))
        path.write_bytes(bytes(data))
    elif damage == "a table dropped":
        _sqlite(path, "PRAGMA foreign_keys = OFF", "DROP TABLE trademark")
    else:
        _sqlite(path, "ALTER TABLE patent DROP COLUMN ipc")
    for command in (["deadlines", "--as-of", "2026-11-25"], ["export", "--out", str(tmp_path / "x.xlsx")]):
        code = main(["--lang", "en", command[0], "--db", str(path), *command[1:]])
        err = capsys.readouterr().err
        assert "internal error" not in err and "Traceback" not in err and "Exception ignored" not in err
        if command[0] == "export" or damage != "a column gone":  # deadlines reads no patent.ipc
            assert code == 1 and "database" in err, err


@pytest.fixture
def read_only_folder(tmp_path, demo_file):
    """A real read-only file system (a tmpfs remounted ro, needs root) holding a copy of the demo."""
    import shutil
    import subprocess

    folder = tmp_path / "ro"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    shutil.copy(demo_file, folder / "port.db")
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    yield folder
    subprocess.run(["umount", str(folder)], capture_output=True)


def test_a_database_in_a_read_only_folder_is_a_plain_message(read_only_folder, capsys):
    for command in (["deadlines", "--as-of", "2026-11-25"], ["import", str(read_only_folder / "none.xlsx")]):
        code = main(["--lang", "en", *command, "--db", str(read_only_folder / "port.db")])
        err = capsys.readouterr().err
        assert code == 1 and "internal error" not in err and "Traceback" not in err, err


def test_an_unwritable_log_folder_never_shows_a_traceback(tmp_path, monkeypatch):
    from zgc_desk import errorlog

    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("ZGC_DESK_DATA_DIR", str(blocker))
    monkeypatch.setattr(errorlog.tempfile, "gettempdir", lambda: str(blocker))
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        assert errorlog.log_exception(exc) is None
