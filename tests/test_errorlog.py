"""A bug reaches the user as one plain line naming the log file; the traceback goes to the log."""

import os

from zgc_desk.cli import run_command
from zgc_desk.paths import user_data_dir


def test_an_unexpected_error_is_one_line_and_logged(capsys):
    def broken(args):
        raise ZeroDivisionError("boom")

    assert run_command(broken, object()) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    log = user_data_dir() / "logs" / "errors.log"
    assert str(log) in err
    assert "ZeroDivisionError: boom" in log.read_text(encoding="utf-8")
    assert os.environ["ZGC_DESK_DATA_DIR"] in str(log)  # never the real user folder in tests


def test_a_user_error_is_its_message_only(capsys):
    from zgc_desk.services import UserError

    def refuses(args):
        raise UserError("没有这家企业")

    assert run_command(refuses, object()) == 1
    assert capsys.readouterr().err.strip() == "没有这家企业"
