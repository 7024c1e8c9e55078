"""Opening a portfolio on a PostgreSQL server: the address, the first connection to an empty database,
the schema check, and connection problems told in plain words."""

from __future__ import annotations

import socket

import pytest

from zgc_desk.db import DatabaseError, close_database, open_database
from zgc_desk.db_url import AddressError, parse_server_address
from zgc_desk.migrations import current_version, latest_version
from zgc_desk.pgsql import Problem, check_connection


def test_the_address_of_the_contract_is_understood():
    address = parse_server_address("postgresql://advisor@db.incubator.lan:5433/portfolio")
    assert (address.user, address.host, address.port, address.dbname) == ("advisor", "db.incubator.lan", 5433,
                                                                          "portfolio")
    assert parse_server_address("postgresql://advisor@db/portfolio").port == 5432
    assert address.url == "postgresql://advisor@db.incubator.lan:5433/portfolio"


@pytest.mark.parametrize("text", ["postgresql://db/portfolio", "postgresql://advisor@db/", "mysql://a@b/c",
                                  "postgresql://advisor@db:99999/portfolio"])
def test_an_incomplete_address_is_refused(text):
    with pytest.raises(AddressError):
        parse_server_address(text)


def test_a_password_in_the_address_is_refused_so_it_is_never_kept_in_settings_or_logs():
    with pytest.raises(AddressError, match="PGPASSWORD"):
        parse_server_address("postgresql://advisor:secret@db/portfolio")
    with pytest.raises(DatabaseError) as refused:
        open_database("postgresql://advisor:secret@db/portfolio")
    assert "secret" not in str(refused.value)


def test_the_first_connection_to_an_empty_database_creates_the_schema(pg_server):
    url = pg_server.new_database(migrated=False)
    assert check_connection(url).is_empty
    try:
        assert open_database(url) == url
        from zgc_desk.models import Firm, database

        assert current_version(database) == latest_version()
        assert {"firm", "patent", "change_log", "schema_migration"} <= set(database.get_tables())
        assert Firm.select().count() == 0
        close_database()
        open_database(url)  # a second connection finds it up to date and changes nothing
        rows = database.execute_sql("SELECT version FROM schema_migration ORDER BY version").fetchall()
        assert [r[0] for r in rows] == list(range(1, latest_version() + 1))
    finally:
        close_database()
        pg_server.drop(url)


def test_a_database_from_a_newer_program_is_refused(pg_server):
    url = pg_server.new_database()
    try:
        open_database(url)
        from zgc_desk.models import database

        database.execute_sql("INSERT INTO schema_migration (version, name, applied_at) VALUES (%s, 'future', '')",
                             (latest_version() + 1,))
        close_database()
        with pytest.raises(DatabaseError, match=str(latest_version() + 1)):
            open_database(url)
        check = check_connection(url)
        assert not check.ok and check.problem is Problem.SCHEMA_TOO_NEW
    finally:
        close_database()
        pg_server.drop(url)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connection_problems_are_told_in_plain_words(pg_server, english):
    port = pg_server.cluster.port
    unreachable = check_connection(f"postgresql://zgc_test@127.0.0.1:{_closed_port()}/postgres")
    assert unreachable.problem is Problem.UNREACHABLE and "cannot be reached" in unreachable.message
    missing = check_connection(f"postgresql://zgc_test@127.0.0.1:{port}/no_such_portfolio")
    assert missing.problem is Problem.DATABASE_MISSING and "no_such_portfolio" in missing.message
    stranger = check_connection(f"postgresql://nobody_here@127.0.0.1:{port}/postgres")
    assert stranger.problem is Problem.AUTHENTICATION and "nobody_here" in stranger.message
    assert check_connection(pg_server.cluster.url).ok


def test_a_wrong_password_is_an_authentication_problem(pg_server, english, monkeypatch):
    """A role with a password, on a server that asks for it (scram on loopback for this role)."""
    import psycopg

    with psycopg.connect(pg_server.cluster.url, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS clerk_pw")
        conn.execute("CREATE ROLE clerk_pw LOGIN PASSWORD 'right'")
    hba = pg_server.cluster.data / "pg_hba.conf"
    original = hba.read_text()
    hba.write_text("host all clerk_pw 127.0.0.1/32 scram-sha-256\n" + original)
    try:
        pg_server.admin("SELECT pg_reload_conf()")
        url = f"postgresql://clerk_pw@127.0.0.1:{pg_server.cluster.port}/postgres"
        monkeypatch.setenv("PGPASSWORD", "wrong")
        refused = check_connection(url)
        assert refused.problem is Problem.AUTHENTICATION, refused.message
        assert "wrong" not in refused.message
        monkeypatch.setenv("PGPASSWORD", "right")  # libpq's own convention supplies it
        assert check_connection(url).ok
    finally:
        hba.write_text(original)
        pg_server.admin("SELECT pg_reload_conf()")
