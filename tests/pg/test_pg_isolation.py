"""An import killed (SIGKILL) half-way through writing leaves the server database exactly as it was:
the whole import is one transaction, which the server rolls back when the connection dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from zgc_io_helpers import dump_tables, write_big_workbook

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL")]


def test_sigkill_while_importing_into_postgresql_leaves_it_as_before(pg_url, cli, tmp_path):
    book = write_big_workbook(tmp_path / "big.xlsx", 20_000)
    assert cli("demo", "--db", pg_url, "--as-of", "2026-11-25").returncode == 0
    before = dump_tables(pg_url)
    process = subprocess.Popen(
        [sys.executable, "-m", "zgc_desk", "--lang", "en", "import", str(book), "--db", pg_url, "--progress"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        seen = []
        for line in process.stderr:
            seen.append(line)
            if line.startswith("Writing: "):
                done, total = (int(n) for n in line.split(": ")[1].split("/"))
                if done == 0:
                    continue
                assert done < total  # well inside the write phase: rows were sent to the server
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
    assert dump_tables(pg_url) == before
