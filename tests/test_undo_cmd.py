"""``zgc-desk undo`` / ``zgc-desk redo`` (zgc_desk/commands/undo_cmd.py, redo_cmd.py) as a user's
script runs them: real processes on a real SQLite file."""

from __future__ import annotations

from operations_helpers import build_portfolio, tables_of

from zgc_desk import services
from zgc_desk.db import close_database, open_database


def _portfolio_with_a_firm_deleted(path) -> tuple[dict, dict]:
    open_database(path)
    try:
        ids = build_portfolio()
        before = tables_of(path)
        services.delete_record("firm", ids["firm"])
        return before, tables_of(path)
    finally:
        close_database()


def test_undo_on_the_command_line_brings_back_a_deleted_firm_row_for_row(cli, tmp_path):
    path = tmp_path / "portfolio.db"
    before, after = _portfolio_with_a_firm_deleted(path)

    result = cli("--lang", "en", "undo", "--db", path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Undone: Delete Firm 北京示例科技有限公司"
    assert "Patent: 2" in lines[1] and "Subsidy claim: 2" in lines[1] and "Trademark: 1" in lines[1]
    assert tables_of(path) == before

    result = cli("--lang", "en", "redo", "--db", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Redone: Delete Firm 北京示例科技有限公司")
    assert tables_of(path) == after


def test_nothing_to_undo_or_redo_exits_1_with_a_plain_message(cli, tmp_path):
    path = tmp_path / "empty.db"
    for command, message in (("undo", "Nothing to undo"), ("redo", "Nothing to redo")):
        result = cli("--lang", "en", command, "--db", path)
        assert result.returncode == 1
        assert result.stderr.strip() == message and "Traceback" not in result.stderr


def test_the_window_and_the_command_line_share_one_history(cli, tmp_path):
    path = tmp_path / "portfolio.db"
    open_database(path)
    try:
        ids = build_portfolio()
        services.update_record("patent", ids["patent"], {"title": "改过的名称"})
    finally:
        close_database()
    result = cli("--lang", "en", "undo", "--db", path)
    assert result.returncode == 0 and result.stdout.startswith("Undone: Edit Patent 202110344405.7")
    open_database(path)
    try:
        assert services.get_record("patent", ids["patent"]).title == "一种数据处理方法"
        assert services.next_redo().endswith("202110344405.7")  # in the language of the reader
    finally:
        close_database()
