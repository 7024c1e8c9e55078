"""A process killed (SIGKILL) in the middle of writing a 100,000-row import leaves the database exactly
as it was before, and sound. The import runs as a user would run it (``python -m zgc_desk import``);
``--progress`` tells us when it is writing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys

import pytest
from zgc_io_helpers import dump_tables

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL")]


def test_sigkill_while_writing_leaves_the_database_as_before(big_workbook, tmp_path):
    env = {**os.environ, "ZGC_DESK_DATA_DIR": str(tmp_path / "data")}
    db = tmp_path / "portfolio.db"
    subprocess.run([sys.executable, "-m", "zgc_desk", "demo", "--db", str(db), "--as-of", "2026-11-25"],
                   check=True, env=env, capture_output=True, timeout=120)
    before = dump_tables(db)
    process = subprocess.Popen(
        [sys.executable, "-m", "zgc_desk", "--lang", "en", "import", str(big_workbook), "--db", str(db),
         "--progress"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        seen = []
        for line in process.stderr:
            seen.append(line)
            if line.startswith("Writing: "):
                done, total = (int(n) for n in line.split(": ")[1].split("/"))
                assert done < total  # well inside the write phase
                process.send_signal(signal.SIGKILL)
                break
        else:
            pytest.fail("the import never reached the write phase: " + "".join(seen[-5:]))
        assert process.wait(timeout=60) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()
    assert dump_tables(db) == before
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()

