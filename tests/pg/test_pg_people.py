"""People on a shared database: each connection works as its database role, which the change log
records; a role granted only SELECT browses, checks and exports, and is told plainly why it cannot
change records — in the services and in the window, whose edit actions are off with that reason."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest

from zgc_desk import services
from zgc_desk.db import close_database, open_database, read_only_reason
from zgc_desk.demo import write_demo
from zgc_desk.services.errors import UserError


@pytest.fixture
def roles(pg_url, pg_server):
    """The demo portfolio on the server, a clerk who may change it and a reader who may only read."""
    open_database(pg_url)
    write_demo(anchor=dt.date(2026, 11, 25))
    close_database()
    base = pg_url.rsplit("@", 1)[1]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for role in ("clerk_li", "reader_wang"):
            conn.execute(f"DROP OWNED BY {role}" if _exists(conn, role) else "SELECT 1")
            conn.execute(f"DROP ROLE IF EXISTS {role}")
            conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO clerk_li")
        conn.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO clerk_li")
        conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader_wang")
    yield {"clerk": f"postgresql://clerk_li@{base}", "reader": f"postgresql://reader_wang@{base}"}
    close_database()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename IN "
                     "('clerk_li', 'reader_wang')")
        for role in ("clerk_li", "reader_wang"):
            conn.execute(f"DROP OWNED BY {role}")
            conn.execute(f"DROP ROLE {role}")


def _exists(conn, role) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is not None


def test_the_change_log_names_the_database_role(roles):
    open_database(roles["clerk"])
    patent_id = services.list_ids("patent", None)[0]
    services.update_record("patent", patent_id, {"title": "李的修改"})
    assert services.history("patent", patent_id)[-1]["user"] == "clerk_li"
    assert read_only_reason() is None


def test_a_read_only_role_browses_checks_and_exports_but_changes_nothing(roles, cli, tmp_path, english):
    open_database(roles["reader"])
    reason = read_only_reason()
    assert reason and "reader_wang" in reason and "only read" in reason
    patent_id = services.list_ids("patent", None)[0]
    with pytest.raises(UserError, match="only read"):
        services.update_record("patent", patent_id, {"title": "x"})
    close_database()
    for args in (("deadlines", "--as-of", "2026-11-25", "--json"), ("check", "--as-of", "2026-11-25", "--json"),
                 ("export", "--out", tmp_path / "out.xlsx")):
        result = cli(*args, "--db", roles["reader"])
        assert result.returncode == 0, result.stderr
    refused = cli("--lang", "en", "import", tmp_path / "out.xlsx", "--db", roles["reader"])
    assert refused.returncode == 1 and "only read" in refused.stderr and "Traceback" not in refused.stderr
