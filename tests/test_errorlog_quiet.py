"""The clean-up noise of a failed workbook save goes to the log, not to stderr; any other exception
Python can only print is still printed."""

from __future__ import annotations

import sys
import types

from zgc_desk import errorlog


def _unraisable(obj, exc):
    return types.SimpleNamespace(exc_type=type(exc), exc_value=exc, exc_traceback=exc.__traceback__,
                                 err_msg=None, object=obj)


def test_openpyxl_writer_noise_is_logged_and_the_rest_still_printed(monkeypatch, tmp_path):
    from openpyxl.worksheet._writer import WorksheetWriter

    printed = []
    monkeypatch.setattr(sys, "unraisablehook", printed.append)
    errorlog.quiet_writer_cleanup()
    errorlog.quiet_writer_cleanup()  # installed once
    writer_stream = WorksheetWriter.get_stream(types.SimpleNamespace(out=str(tmp_path / "never")))  # not started
    sys.unraisablehook(_unraisable(writer_stream, OSError(28, "No space left on device")))
    assert printed == []
    log = errorlog._candidates()[0] / "errors.log"
    assert "No space left on device" in log.read_text(encoding="utf-8")

    def ours():
        yield

    other = _unraisable(ours(), RuntimeError("a bug of ours"))
    sys.unraisablehook(other)
    assert printed == [other]


BUG_WITH_NO_LOG = """
import argparse, sys
from zgc_desk import errorlog
from zgc_desk.cli import run_command
errorlog.tempfile.gettempdir = lambda: sys.argv[1]  # the fallback log folder is blocked too

def buggy(args):
    raise RuntimeError("a bug")

sys.exit(run_command(buggy, argparse.Namespace()))
"""


def test_a_bug_with_no_writable_log_folder_is_one_line_and_no_traceback(tmp_path):
    import os
    import subprocess

    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    env = {**os.environ, "ZGC_DESK_DATA_DIR": str(blocker)}
    result = subprocess.run([sys.executable, "-c", BUG_WITH_NO_LOG, str(blocker)], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr
    assert "(RuntimeError)" in result.stderr
    assert blocker.read_text() == "a file where the data folder should be"
