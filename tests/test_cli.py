"""The command line as users' scripts see it: real processes, exit codes, stderr."""

from zgc_desk.cli import COMMANDS


def test_help_lists_every_contract_command(cli):
    result = cli("--help")
    assert result.returncode == 0
    for name in ("demo", "template", "import", "export", "deadlines", "check", "fill", "report", "ics"):
        assert name in result.stdout
    assert set(COMMANDS) >= {"demo", "template", "import", "export", "deadlines", "check", "fill", "report", "ics"}


def test_every_command_has_help(cli):
    for name in COMMANDS:
        result = cli(name, "--help")
        assert result.returncode == 0, (name, result.stderr)


def test_demo_writes_a_database_creating_its_folder(cli, tmp_path):
    path = tmp_path / "new" / "folder" / "demo.db"
    result = cli("demo", "--db", str(path), "--as-of", "2026-11-25")
    assert result.returncode == 0, result.stderr
    assert path.exists()
    again = cli("demo", "--db", str(path))
    assert again.returncode == 1
    assert "Traceback" not in again.stderr and again.stderr.strip()


def test_bad_usage_exits_2(cli):
    assert cli("demo", "--no-such-flag").returncode == 2
    assert cli("--lang", "fr", "demo").returncode == 2


def test_a_corrupt_database_is_a_user_error_without_traceback(cli, tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"\x00garbage" * 100)
    result = cli("demo", "--db", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr


def test_messages_follow_the_language(cli, tmp_path):
    path = tmp_path / "d.db"
    cli("demo", "--db", str(path))
    english = cli("demo", "--db", str(path), "--lang", "en")
    assert "already holds firms" in english.stderr
