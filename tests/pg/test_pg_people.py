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

ROLES = ("clerk_li", "clerk_zhao", "reader_wang")


@pytest.fixture
def roles(pg_url, pg_server):
    """The demo portfolio on the server, a clerk who may change it and a reader who may only read."""
    open_database(pg_url)
    write_demo(anchor=dt.date(2026, 11, 25))
    close_database()
    base = pg_url.rsplit("@", 1)[1]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for role in ROLES:
            conn.execute(f"DROP OWNED BY {role}" if _exists(conn, role) else "SELECT 1")
            conn.execute(f"DROP ROLE IF EXISTS {role}")
            conn.execute(f"CREATE ROLE {role} LOGIN")
        for clerk in ("clerk_li", "clerk_zhao"):
            conn.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {clerk}")
            conn.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {clerk}")
        conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader_wang")
    yield {"clerk": f"postgresql://clerk_li@{base}", "reader": f"postgresql://reader_wang@{base}",
           "other_clerk": f"postgresql://clerk_zhao@{base}"}
    close_database()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ANY(%s)",
                     (list(ROLES),))
        for role in ROLES:
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


def test_each_person_undoes_only_their_own_work_on_the_shared_database(roles, cli):
    """Two clerks on one server database, each connected as their own role: undo (in the services and
    through the CLI) takes back the last operation of the one who asks, never the other's."""
    open_database(roles["clerk"])
    first, second = services.list_ids("patent", None)[:2]
    services.update_record("patent", first, {"title": "李的修改"})
    close_database()

    open_database(roles["other_clerk"])
    services.update_record("patent", second, {"title": "赵的修改"})
    assert services.next_undo() and "赵的修改" not in (services.next_undo() or "")
    close_database()

    result = cli("undo", "--db", roles["clerk"])  # Li's undo, in another process
    assert result.returncode == 0, result.stderr
    open_database(roles["clerk"])
    assert services.read_record("patent", first).title != "李的修改"  # Li's edit is taken back
    assert services.read_record("patent", second).title == "赵的修改"  # Zhao's stays
    assert services.next_undo() is None or "赵" not in services.next_undo()
    entry = services.history("patent", first)[-1]
    assert (entry["action"], entry["user"]) == ("undo", "clerk_li")
    close_database()

    open_database(roles["other_clerk"])
    step = services.undo()  # Zhao's own, still there for Zhao
    assert services.read_record("patent", second).title != "赵的修改" and step.changed.of("patent") == {second}
    with pytest.raises(services.NothingToUndo):
        services.undo()  # nothing else of Zhao's: Li's work is not Zhao's to undo
    close_database()


def test_the_owner_installs_undo_capture_so_a_clerk_without_create_rights_can_work(roles, pg_url, english):
    """The undo triggers are schema objects: the migration runner installs them as the owner. Where one is
    missing and the clerk may not create it, the clerk's change is refused plainly and nothing changes;
    the owner opening the database once puts it back."""
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'zgc_undo'").fetchone()[0] > 5
        conn.execute('DROP TRIGGER zgc_undo ON "patent"')
    open_database(roles["clerk"])
    patent_id = services.list_ids("patent", None)[0]
    before = services.read_record("patent", patent_id).title
    with pytest.raises(UserError, match="owns the database"):
        services.update_record("patent", patent_id, {"title": "李的修改"})
    assert services.read_record("patent", patent_id).title == before
    close_database()

    open_database(pg_url)  # the owner
    close_database()
    open_database(roles["clerk"])
    services.update_record("patent", patent_id, {"title": "李的修改"})
    services.undo()
    assert services.read_record("patent", patent_id).title == before


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
