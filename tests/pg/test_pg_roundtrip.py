"""Either database, same results: a portfolio imported into PostgreSQL gives the deadlines and the
eligibility checks the SQLite file gives (compared as sets), and copy-db moves a whole database
between the two, verified, in both directions."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

AS_OF = "2026-11-25"


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory, cli):
    """The demo portfolio as an import workbook (written by the program's own export)."""
    folder = tmp_path_factory.mktemp("portfolio")
    demo = folder / "demo.db"
    assert cli("demo", "--db", demo, "--as-of", AS_OF).returncode == 0
    book = folder / "portfolio.xlsx"
    result = cli("export", "--db", demo, "--out", book)
    assert result.returncode == 0, result.stderr
    return book


def as_set(text: str) -> set[str]:
    return {json.dumps(item, sort_keys=True, ensure_ascii=False) for item in json.loads(text)}


def run_json(cli, *args) -> set[str]:
    result = cli(*args, "--json")
    assert result.returncode == 0, result.stderr
    return as_set(result.stdout)


def test_import_into_postgresql_gives_the_deadlines_and_checks_of_sqlite(portfolio, pg_url, cli, tmp_path):
    sqlite_db = tmp_path / "file.db"
    for target in (sqlite_db, pg_url):
        result = cli("import", portfolio, "--db", target)
        assert result.returncode == 0, result.stderr
    file_deadlines = run_json(cli, "deadlines", "--db", sqlite_db, "--as-of", AS_OF)
    server_deadlines = run_json(cli, "deadlines", "--db", pg_url, "--as-of", AS_OF)
    assert len(file_deadlines) > 20
    assert server_deadlines == file_deadlines
    file_checks = run_json(cli, "check", "--db", sqlite_db, "--as-of", AS_OF)
    assert file_checks
    assert run_json(cli, "check", "--db", pg_url, "--as-of", AS_OF) == file_checks
    again = cli("import", portfolio, "--db", pg_url)  # a re-import changes nothing, after a backup
    assert again.returncode == 0, again.stderr
    assert run_json(cli, "deadlines", "--db", pg_url, "--as-of", AS_OF) == file_deadlines


def table_rows(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT IN "
                                             "('sqlite_sequence', 'schema_migration', 'zgc_data_version') ORDER BY name")]  # each file's own
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        conn.close()


def test_copy_db_sqlite_to_postgresql_and_back_keeps_every_row(pg_url, cli, tmp_path, english):
    demo = tmp_path / "demo.db"
    assert cli("demo", "--db", demo, "--as-of", AS_OF).returncode == 0
    there = cli("--lang", "en", "copy-db", "--from", demo, "--to", pg_url)
    assert there.returncode == 0, there.stderr
    assert "verified" in there.stdout and "patent:" in there.stdout
    back = tmp_path / "back.db"
    home = cli("--lang", "en", "copy-db", "--from", pg_url, "--to", back)
    assert home.returncode == 0, home.stderr
    assert table_rows(back) == table_rows(demo)
    # the checksums printed on the way there and back agree table by table
    assert sorted(there.stdout.splitlines()[:-1]) == sorted(home.stdout.splitlines()[:-1])
    assert run_json(cli, "deadlines", "--db", pg_url, "--as-of", AS_OF) == \
        run_json(cli, "deadlines", "--db", demo, "--as-of", AS_OF)


def test_copy_db_refuses_a_target_with_records_unless_told(pg_url, cli, tmp_path, english):
    demo = tmp_path / "demo.db"
    assert cli("demo", "--db", demo, "--as-of", AS_OF).returncode == 0
    assert cli("copy-db", "--from", demo, "--to", pg_url).returncode == 0
    refused = cli("--lang", "en", "copy-db", "--from", demo, "--to", pg_url)
    assert refused.returncode == 1 and "already holds records" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert cli("copy-db", "--from", demo, "--to", pg_url, "--replace").returncode == 0
    same = cli("--lang", "en", "copy-db", "--from", demo, "--to", demo)
    assert same.returncode == 1 and "same database" in same.stderr


def test_after_a_copy_new_records_get_new_ids(pg_url, tmp_path):
    """The server's id sequences are moved past the copied ids (else the next record would collide)."""
    from zgc_desk import services
    from zgc_desk.copy_db import copy_database
    from zgc_desk.db import close_database, open_database
    from zgc_desk.demo import write_demo
    from zgc_desk.models import Patent

    demo = tmp_path / "demo.db"
    open_database(demo)
    write_demo(anchor=dt.date(2026, 11, 25))
    close_database()
    copy_database(str(demo), pg_url)
    open_database(pg_url)
    highest = max(p.id for p in Patent.select())
    firm_id = Patent.get().firm_id
    new_id, _changes = services.create_record("patent", {"application_no": "202410000001.X",
                                                         "kind": "invention", "title": "新", "filing_date":
                                                         "2024-01-02"}, firm_id=firm_id)
    assert new_id > highest


def test_a_copy_that_does_not_verify_leaves_the_target_unchanged(pg_url, tmp_path, monkeypatch):
    from zgc_desk import copy_db
    from zgc_desk.db import close_database, connect_standalone, open_database
    from zgc_desk.demo import write_demo

    demo = tmp_path / "demo.db"
    open_database(demo)
    write_demo(anchor=dt.date(2026, 11, 25))
    close_database()
    real = copy_db._write

    def lossy(db, model, rows):  # a copy that drops a row of the patents on the way
        real(db, model, rows[1:] if model._meta.table_name == "patent" else rows)

    monkeypatch.setattr(copy_db, "_write", lossy)
    with pytest.raises(copy_db.CopyError, match="patent"):
        copy_db.copy_database(str(demo), pg_url)
    server = connect_standalone(pg_url)
    try:
        assert copy_db.is_empty(server)
    finally:
        server.close()
