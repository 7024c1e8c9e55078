"""Where the database lives: a path too long for SQLite is a plain message (and one just short of
the limit works), and a backups/ folder that cannot be written does not block the upgrade of an old
database: its copy goes to the per-user data folder and the user is told where."""

from __future__ import annotations

import os
import sqlite3

import pytest
from peewee import SqliteDatabase

from zgc_desk.db import PRAGMAS, SQLITE_MAX_PATH
from zgc_desk.io.backups import quick_check
from zgc_desk.migrations import latest_version, upgrade


def _deep_path(root, total: int, name: str = "port.db"):
    """A path of exactly ``total`` bytes under ``root`` (folders of at most 200 characters)."""
    room = total - len(os.fsencode(str(root))) - 1 - len(name)
    parts = []
    while room > 0:
        size = min(200, room - 1) if room > 201 else room - 1
        if size <= 0:
            break
        parts.append("d" * size)
        room -= size + 1
    folder = root.joinpath(*parts)
    path = folder / (("x" * room) + name if room > 0 else name)
    assert len(os.fsencode(str(path))) == total
    return path


def test_a_path_too_long_for_sqlite_is_a_plain_message_and_a_long_one_works(tmp_path, cli):
    limit = SQLITE_MAX_PATH - len("-journal")
    fits = _deep_path(tmp_path / "a", limit)
    result = cli("--lang", "en", "demo", "--db", fits, "--as-of", "2026-11-25")
    assert result.returncode == 0, result.stderr
    assert cli("--lang", "en", "deadlines", "--db", fits, "--as-of", "2026-11-25").returncode == 0
    for total in (limit + 1, 600, 1000):
        too_long = _deep_path(tmp_path / "b", total)
        result = cli("--lang", "en", "deadlines", "--db", too_long, "--as-of", "2026-11-25")
        assert result.returncode == 1
        assert result.stderr.strip().endswith("the path is too long for SQLite "
                                              f"({total} bytes; at most {limit}). Move the database to a folder "
                                              "with a shorter path."), result.stderr
        assert "Traceback" not in result.stderr and not too_long.exists()


def _old_database(path, version: int = latest_version() - 1):
    old = SqliteDatabase(str(path), pragmas=PRAGMAS)
    upgrade(old, target=version)  # its tables are data enough: an upgrade of it backs it up first
    old.close()
    return version


def _user_version(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.skipif(latest_version() < 2, reason="needs an earlier schema")
def test_an_unwritable_backups_folder_does_not_block_the_upgrade(tmp_path, cli):
    db = tmp_path / "port.db"
    version = _old_database(db)
    (tmp_path / "backups").write_text("a file where the backups folder should be")
    data = tmp_path / "data"
    result = cli("--lang", "en", "deadlines", "--db", db, "--as-of", "2026-11-25",
                 env_extra={"ZGC_DESK_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    assert _user_version(db) == latest_version() > version
    note = [line for line in result.stderr.splitlines() if "cannot be written" in line]
    assert len(note) == 1 and str(tmp_path / "backups") in note[0], result.stderr
    copies = list((data / "upgrade-backups").rglob("port-*.db"))
    assert len(copies) == 1 and str(copies[0]) in note[0]
    assert quick_check(copies[0]) == "ok" and _user_version(copies[0]) == version


@pytest.mark.skipif(latest_version() < 2, reason="needs an earlier schema")
def test_no_writable_place_for_the_backup_refuses_the_upgrade_saying_why(tmp_path, cli):
    db = tmp_path / "port.db"
    version = _old_database(db)
    (tmp_path / "backups").write_text("a file")
    (tmp_path / "data").write_text("a file where the data folder should be")
    result = cli("--lang", "en", "deadlines", "--db", db, "--as-of", "2026-11-25",
                 env_extra={"ZGC_DESK_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode == 1
    assert "must be upgraded" in result.stderr and str(tmp_path / "backups") in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert _user_version(db) == version  # nothing changed
