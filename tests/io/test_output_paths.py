"""No output path can overwrite the database, its -wal/-shm, a backup or the input file (links
resolved; a hard link is the same file), and every output is written atomically: on a full disk
(a real size-limited tmpfs) the old file stays whole and no temporary is left."""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess

import pytest
from zgc_io_helpers import basic_book, patent_row

from zgc_desk.cli import main
from zgc_desk.io import atomic
from zgc_desk.io.output_paths import check_output_path
from zgc_desk.services.errors import UserError


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo(tmp_path, capsys):
    db = tmp_path / "port.db"
    assert main(["demo", "--db", str(db), "--as-of", "2026-11-25"]) == 0
    capsys.readouterr()
    return db


def _a_firm(db) -> str:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT credit_code FROM firm ORDER BY id").fetchone()[0]
    finally:
        conn.close()


def _commands(db, out, firm):
    return {
        "ics": ["ics", "--db", db, "--out", out],
        "export": ["export", "--db", db, "--out", out],
        "template": ["template", "--db", db, "--out", out],
        "report": ["report", "--db", db, "--firm", firm, "--out", out],
        "fill": ["fill", "--db", db, "--firm", firm, "--policy", "zgc_patent", "--out", out],
    }


@pytest.mark.parametrize("command", ["ics", "export", "template", "report", "fill"])
@pytest.mark.parametrize("target", ["database", "wal", "link", "hard link"])
def test_no_command_writes_over_the_database(demo, tmp_path, capsys, english, command, target):
    out = {"database": demo, "wal": demo.with_name(demo.name + "-wal"), "link": tmp_path / "alias.db",
           "hard link": tmp_path / "same.db"}[target]
    if target == "link":
        out.symlink_to(demo)
    elif target == "hard link":
        os.link(demo, out)
    before = _digest(demo)
    args = [str(a) for a in _commands(demo, out, _a_firm(demo))[command]]
    assert main(["--lang", "en", *args]) == 1
    err = capsys.readouterr().err
    assert "is the database itself" in err and "Nothing was written" in err
    assert _digest(demo) == before
    assert not (target == "wal" and out.exists())


def test_no_output_goes_over_a_backup_or_into_the_backups_folder(demo, tmp_path, capsys, english):
    backup = next((demo.parent / "backups").glob("*.db"), None)
    if backup is None:
        from zgc_desk.db import close_database, open_database
        from zgc_desk.io.backups import backup_database
        from zgc_desk.models import database

        open_database(demo)
        backup = backup_database(database, demo, "manual")
        close_database()
    before = _digest(backup)
    assert main(["--lang", "en", "ics", "--db", str(demo), "--out", str(backup)]) == 1
    assert "backups folder" in capsys.readouterr().err
    assert _digest(backup) == before


def test_errors_out_never_overwrites_the_input_workbook(demo, tmp_path, capsys, english):
    book = basic_book(tmp_path / "bad.xlsx", patent_row(number="202110344405.3"))
    before = _digest(book)
    for out in (book, tmp_path / "link.xlsx"):
        if out != book:
            out.symlink_to(book)
        assert main(["--lang", "en", "import", str(book), "--db", str(demo), "--errors-out", str(out)]) == 1
        assert "is the file being read" in capsys.readouterr().err
        assert _digest(book) == before


def test_an_output_that_is_a_fifo_or_a_folder_is_refused(tmp_path, english):
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    for out in (fifo, tmp_path):
        with pytest.raises(UserError, match="not a regular file"):
            check_output_path(out, database=tmp_path / "port.db")


def test_the_service_refuses_too(demo, english):
    from zgc_desk.db import close_database, open_database
    from zgc_desk.services.transfer import export_workbook, write_template

    open_database(demo)
    try:
        for write in (lambda: export_workbook(demo), lambda: write_template(demo.with_name("port.db-shm"))):
            with pytest.raises(UserError, match="database itself"):
                write()
    finally:
        close_database()


# ---- atomic writes on a full disk -------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path):
    """A real 256 KB tmpfs (needs root, as on the developers' machines and CI; skipped elsewhere)."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    yield mount
    subprocess.run(["umount", str(mount)], capture_output=True)


def _fill_disk(folder, leave: int = 8192) -> None:
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    with open(folder / "ballast", "wb") as fh, contextlib.suppress(OSError):
        fh.write(b"\0" * max(free - leave, 0))


@pytest.mark.parametrize("command", ["ics", "export"])
def test_a_full_disk_leaves_the_previous_output_whole(demo, small_disk, cli, command):
    out = small_disk / ("cal.ics" if command == "ics" else "all.xlsx")
    out.write_bytes(b"the previous file")
    _fill_disk(small_disk)
    args = ["ics", "--db", str(demo), "--out", str(out)] if command == "ics" else \
        ["export", "--db", str(demo), "--out", str(out)]
    result = cli("--lang", "en", *args)
    assert result.returncode == 1
    assert "No space left" in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr
    assert out.read_bytes() == b"the previous file"
    assert sorted(p.name for p in small_disk.iterdir()) == sorted([out.name, "ballast"])


def test_leftovers_of_a_killed_write_are_removed_at_the_next_start(tmp_path):
    temp = atomic.new_temporary(tmp_path, "export.xlsx")  # recorded, as while a write is under way
    temp.write_bytes(b"half a workbook")
    assert atomic.clean_leftovers() == []  # this process still runs: it may be writing it
    killed = subprocess.run(["python3", "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    registry = atomic._registry()
    registry.write_text(registry.read_text().replace(f"{os.getpid()}\t", f"{killed.stdout.strip()}\t"))
    assert atomic.clean_leftovers() == [temp]
    assert not temp.exists()
    assert atomic.clean_leftovers() == []


@pytest.fixture
def read_only_disk(tmp_path):
    """A real read-only file system (a tmpfs remounted ro; needs root) holding an older output."""
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    (mount / "old.xlsx").write_bytes(b"the previous file")
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", str(mount)], capture_output=True)


def _writes(demo, tmp_path, out) -> dict[str, list[str]]:
    bad = basic_book(tmp_path / "bad.xlsx", patent_row(code=_a_firm(demo), filed="2021-02-30"))
    return {"export": ["export", "--db", str(demo), "--out", str(out)],
            "template": ["template", "--out", str(out)],
            "errors-out": ["import", str(bad), "--db", str(demo), "--errors-out", str(out)],
            "deadlines": ["deadlines", "--db", str(demo), "--as-of", "2026-11-25", "--out", str(out)]}


@pytest.mark.parametrize("where", ["full disk", "read-only folder"])
@pytest.mark.parametrize("command", ["export", "template", "errors-out"])
def test_a_workbook_that_cannot_be_written_is_one_plain_line(demo, tmp_path, request, cli, where, command):
    """No "Exception ignored in WriteOnlyWorksheet" blocks, no traceback: the one line names the file."""
    folder = request.getfixturevalue("small_disk" if where == "full disk" else "read_only_disk")
    out = folder / "old.xlsx"
    if where == "full disk":
        out.write_bytes(b"the previous file")
        _fill_disk(folder, leave=0)
    result = cli("--lang", "en", *_writes(demo, tmp_path, out)[command])
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    if command == "errors-out":  # the import's own errors come first, then why they were not saved
        assert lines[:2] == ['Patents row 2 Filing date "2021-02-30": 2021-02-30 is not a real date',
                             "1 error(s); nothing was imported."], lines
        lines = lines[2:]
    assert len(lines) == 1, result.stderr
    assert "Exception ignored" not in result.stderr and "Traceback" not in result.stderr
    assert str(out) in result.stderr or "old.xlsx" in result.stderr, result.stderr
    problem = "No space left" if where == "full disk" else "Read-only file system"
    assert problem in result.stderr, result.stderr
    assert out.read_bytes() == b"the previous file"
    assert sorted(p.name for p in folder.iterdir()) == sorted(["old.xlsx"] + (["ballast"] if where == "full disk" else []))
