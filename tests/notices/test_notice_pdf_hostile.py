"""The hostile notice PDFs (tests/notices/hostile_pdfs.py, generated here, never committed): damaged,
malformed, protected, bomb and slow files. Each is answered with a plain message or a reading
(usually with nothing found) — never an internal error — within the reader's bounds, and
``notice add`` writes nothing for any of them. benchmarks/hostile_pdfs.py runs the same corpus in
separate processes and reports the worst time and memory."""

from __future__ import annotations

import time

import pytest

from notices.hostile_pdfs import CORPUS, hostile_pdfs
from zgc_desk.io.notice_pdf import MAX_SECONDS, NoticePdfError, read_notice_pdf

pytestmark = pytest.mark.usefixtures("english")


def test_every_hostile_pdf_is_answered_plainly_within_the_bounds(tmp_path):
    outcomes, slowest = {}, 0.0
    for name, path in hostile_pdfs(tmp_path / "corpus"):
        started = time.perf_counter()
        try:
            reading, _content = read_notice_pdf(path)
        except NoticePdfError as exc:
            outcomes[name] = "refused"
            assert path.name in str(exc) and "Traceback" not in str(exc), name
        else:
            outcomes[name] = "read"
            assert not reading.complete or name.endswith(("(seed 3)", "(seed 4)")), name
        slowest = max(slowest, time.perf_counter() - started)
    assert len(outcomes) == len(CORPUS) >= 30
    # refused whatever the machine's speed (the slow ones are refused or read depending on it)
    for name in ("empty file", "text, not a PDF", "cut at a third", "flate bomb (1 GB of zeros)",
                 "run-length bomb (512 MB)", "fax stream without rows", "encrypted with a password"):
        assert outcomes[name] == "refused", (name, outcomes[name])
    assert slowest < MAX_SECONDS + 5  # the clock is looked at between objects, not inside one


def test_notice_add_writes_nothing_for_a_bomb(cli, demo_file, tmp_path):
    import shutil
    import sqlite3

    db = tmp_path / "demo.db"
    shutil.copy(demo_file, db)
    conn = sqlite3.connect(db)
    demo_notices = conn.execute("SELECT COUNT(*) FROM notice").fetchone()[0]  # the demo's own
    conn.close()
    name, path = next((n, p) for n, p in hostile_pdfs(tmp_path / "corpus") if n.startswith("flate bomb"))
    result = cli("--lang", "en", "notice", "add", path, "--db", db, "--matter", "202210310119.3",
                 "--type", "cn_correction", "--dispatch-date", "2026-10-09")
    assert result.returncode == 1 and "more than 32 MB" in result.stderr and "Traceback" not in result.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM notice").fetchone()[0] == demo_notices
    assert conn.execute("SELECT COUNT(*) FROM attachment").fetchone()[0] == 0
    conn.close()
