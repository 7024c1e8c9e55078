"""Two people save the same record: exactly one save wins, the other is refused with who changed it
and when, and nothing is lost. Two real processes, each with its own connection, on PostgreSQL and
on a SQLite file alike; the saves are released at the same moment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from zgc_desk import services
from zgc_desk.db import close_database, open_database
from zgc_desk.services.errors import EditConflict

EDITOR = textwrap.dedent("""
    import json, pathlib, sys, time
    from zgc_desk.db import open_database
    from zgc_desk.i18n import set_language
    from zgc_desk.services import records
    from zgc_desk.services.errors import EditConflict
    set_language("en")
    target, record_id, title, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3], pathlib.Path(sys.argv[4])
    open_database(target)
    version = records.record_version("patent", record_id)      # the editor opens the record
    (folder / f"ready-{title}").write_text("")
    while not (folder / "go").exists():
        time.sleep(0.005)
    try:
        records.update_record("patent", record_id, {"title": title}, expected_version=version)
        print(json.dumps({"saved": True}))
    except EditConflict as exc:
        print(json.dumps({"saved": False, "message": str(exc), "who": exc.who}))
""")


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_target(request, tmp_path):
    if request.param == "postgresql":
        return request.getfixturevalue("pg_url")
    return str(tmp_path / "shared.db")


@pytest.fixture
def as_user(shared_target):
    """The target as each person opens it: on a server, as their own database role (which the change
    log names); a file is shared as it is, the login name telling them apart."""
    if not shared_target.startswith("postgresql://"):
        yield lambda user: shared_target
        return
    import psycopg

    with psycopg.connect(shared_target, autocommit=True) as conn:
        for user in ("alice", "bob"):
            conn.execute(f"DROP ROLE IF EXISTS {user}")
            conn.execute(f"CREATE ROLE {user} LOGIN")
            conn.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {user}")
            conn.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {user}")
    yield lambda user: shared_target.replace("zgc_test@", f"{user}@")
    close_database()
    with psycopg.connect(shared_target, autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename IN ('alice', 'bob')")
        for user in ("alice", "bob"):
            conn.execute(f"DROP OWNED BY {user}")
            conn.execute(f"DROP ROLE {user}")


def _patent(target) -> int:
    open_database(target)
    firm_id, _ = services.create_record("firm", {"name": "甲", "credit_code": "91110108551385082Q"})
    record_id, _ = services.create_record("patent", {"application_no": "202110344405.7", "kind": "invention",
                                                     "title": "原题", "filing_date": "2021-03-05"}, firm_id=firm_id)
    close_database()
    return record_id


def test_two_processes_save_one_record_exactly_one_wins(shared_target, as_user, tmp_path):
    record_id = _patent(shared_target)
    processes = {}
    for user in ("alice", "bob"):
        env = {**os.environ, "LOGNAME": user, "USER": user, "USERNAME": user}
        processes[user] = subprocess.Popen([sys.executable, "-c", EDITOR, as_user(user), str(record_id),
                                            f"title-{user}", str(tmp_path)], stdout=subprocess.PIPE,
                                           stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-title-{u}").exists() for u in processes):
        assert time.monotonic() < deadline, "the editors never opened the record"
        assert all(p.poll() is None for p in processes.values()), [p.stderr.read() for p in processes.values()]
        time.sleep(0.01)
    (tmp_path / "go").write_text("")
    results = {}
    for user, process in processes.items():
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        results[user] = json.loads(out)
    winners = [u for u, r in results.items() if r["saved"]]
    assert len(winners) == 1, results
    (loser,) = set(results) - set(winners)
    assert results[loser]["who"] == winners[0]
    assert winners[0] in results[loser]["message"] and "overwrite" in results[loser]["message"]
    open_database(shared_target)
    try:
        assert services.get_record("patent", record_id).title == f"title-{winners[0]}"
        assert services.records.record_version("patent", record_id) == 2  # one save, not two
    finally:
        close_database()


def test_a_stale_save_is_refused_then_overwrites_knowingly(shared_target, english):
    record_id = _patent(shared_target)
    open_database(shared_target)
    try:
        opened_at = services.records.record_version("patent", record_id)
        services.update_record("patent", record_id, {"title": "他人的修改"})  # someone else saves meanwhile
        with pytest.raises(EditConflict) as refused:
            services.update_record("patent", record_id, {"title": "我的修改"}, expected_version=opened_at)
        assert services.get_record("patent", record_id).title == "他人的修改"  # nothing was written
        assert refused.value.current_version == opened_at + 1 and refused.value.when is not None
        services.update_record("patent", record_id, {"title": "我的修改"},
                               expected_version=refused.value.current_version)  # overwrite, knowing
        assert services.get_record("patent", record_id).title == "我的修改"
    finally:
        close_database()


def test_an_import_raises_the_version_so_an_open_editor_does_not_overwrite_it(shared_target, tmp_path):
    from zgc_io_helpers import basic_book, patent_row

    from zgc_desk.services.transfer import import_workbook

    open_database(shared_target)
    try:
        import_workbook(basic_book(tmp_path / "a.xlsx", patent_row()))
        record_id = services.list_ids("patent", None)[0]
        opened_at = services.records.record_version("patent", record_id)
        import_workbook(basic_book(tmp_path / "b.xlsx", patent_row(title="导入的新标题")))
        with pytest.raises(EditConflict):
            services.update_record("patent", record_id, {"title": "x"}, expected_version=opened_at)
    finally:
        close_database()
