"""A process killed while it writes a workbook leaves its temporaries beside the target (never in the
system's temp folder), and the next start removes them — only ours: recorded, of a process that no
longer runs; openpyxl's in the temp folder only when older than the process and idle."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from zgc_desk.io import atomic

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")

KILLED_EXPORT = textwrap.dedent("""
    import os, signal, sys
    from zgc_desk.db import open_database
    from zgc_desk.io import exporter, template

    open_database(sys.argv[1])
    rows = exporter._rows

    def rows_then_killed(sheet, firm_id):
        yield from rows(sheet, firm_id)
        if sheet.kind == "patent":  # every patent row streamed into its sheet's temporary: killed
            os.kill(os.getpid(), signal.SIGKILL)

    def killed_while_saving(self):
        self._archive.writestr("xl/half.xml", "x" * 100000)  # half a workbook in the temporary
        self._archive.fp.flush()
        os.kill(os.getpid(), signal.SIGKILL)

    if sys.argv[3] == "rows":
        exporter._rows = rows_then_killed
    else:
        template.ExcelWriter.save = killed_while_saving
    exporter.export_workbook(sys.argv[2])
""")


@pytest.mark.parametrize("phase", ["rows", "save"])
def test_an_export_killed_mid_way_leaves_nothing_once_the_program_starts_again(demo_db, tmp_path, cli, phase):
    from zgc_desk.db import close_database

    close_database()
    system_temp, out_folder = tmp_path / "system-temp", tmp_path / "out"
    system_temp.mkdir()
    out_folder.mkdir()
    env = {**os.environ, "TMPDIR": str(system_temp)}
    killed = subprocess.run([sys.executable, "-c", KILLED_EXPORT, str(demo_db), str(out_folder / "export.xlsx"), phase],
                            env=env, capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert list(system_temp.iterdir()) == []  # the streamed rows were never in the system's temp folder
    left = sorted(p.name for p in out_folder.iterdir())
    assert left and all(name.startswith(".") and name.endswith(atomic.TEMP_SUFFIX) for name in left), left
    assert any(name.startswith(".openpyxl.") for name in left)  # a sheet's rows
    assert any(name.startswith(".export.xlsx.") for name in left) == (phase == "save")  # the half-saved copy
    assert not (out_folder / "export.xlsx").exists()

    result = cli("--lang", "en", "deadlines", "--db", demo_db, "--as-of", "2026-11-25", env_extra={"TMPDIR": str(system_temp)})
    assert result.returncode == 0, result.stderr
    assert list(out_folder.iterdir()) == []


def test_openpyxl_temporaries_in_the_temp_folder_go_only_when_old_and_idle(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    now = time.time()
    stale = tmp_path / "openpyxl.ab12cd34"  # a killed export of an earlier version
    fresh = tmp_path / "openpyxl.ef56gh78"  # another program's export, writing right now
    recent = tmp_path / "openpyxl.ij90kl12"  # older than this process but touched a minute ago
    other = tmp_path / "report.xlsx.part"  # not openpyxl's: a browser's download, say
    for path in (stale, fresh, recent, other):
        path.write_bytes(b"<sheetData>")
    os.utime(stale, (now - 7200, now - 7200))
    os.utime(recent, (now - 60, now - 60))
    os.utime(other, (now - 7200, now - 7200))
    removed = atomic.clean_openpyxl_leftovers(started_at=now - 30)
    assert removed == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, recent.name, other.name])


def test_a_workbook_written_here_streams_beside_its_target(tmp_path, monkeypatch):
    """While the sheets are filled (before the save), their temporaries are in the target's folder."""
    from openpyxl import Workbook

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "system"))
    (tmp_path / "system").mkdir()
    seen = []

    @atomic.streams_beside("out")
    def write(out):
        workbook = Workbook(write_only=True)
        workbook.create_sheet().append(["x"])
        seen.extend(p.name for p in out.parent.iterdir())
        from zgc_desk.io.template import save_workbook

        save_workbook(workbook, out)

    write(tmp_path / "book" / "a.xlsx")
    assert any(name.startswith(".openpyxl.") for name in seen)
    assert list((tmp_path / "system").iterdir()) == []
    assert sorted(p.name for p in (tmp_path / "book").iterdir()) == ["a.xlsx"]


KILLED_BACKUP = textwrap.dedent("""
    import os, signal, sqlite3, sys
    from zgc_desk.db import open_database
    from zgc_desk.io import backups
    from zgc_desk.models import database

    path = open_database(sys.argv[1])

    def half_a_copy(db, partial):
        dest = sqlite3.connect(str(partial))
        dest.execute("PRAGMA journal_mode=DELETE")
        dest.execute("BEGIN")
        dest.execute("CREATE TABLE half (x)")
        dest.execute("INSERT INTO half VALUES (zeroblob(100000))")  # its -journal beside it, as mid-copy
        os.kill(os.getpid(), signal.SIGKILL)

    backups._copy = half_a_copy
    backups.backup_database(database, path, "manual")
""")


def test_a_backup_killed_mid_copy_leaves_nothing_in_backups_after_the_next_start(demo_db, cli):
    from zgc_desk.db import close_database
    from zgc_desk.paths import backups_dir_for

    close_database()
    folder = backups_dir_for(demo_db)
    before = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    killed = subprocess.run([sys.executable, "-c", KILLED_BACKUP, str(demo_db)], capture_output=True, text=True,
                            timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    left = sorted(set(p.name for p in folder.iterdir()) - set(before))
    assert any(name.endswith(atomic.TEMP_SUFFIX) for name in left), left
    assert any(name.endswith(atomic.TEMP_SUFFIX + "-journal") for name in left), left  # SQLite's, of the copy
    result = cli("--lang", "en", "deadlines", "--db", demo_db, "--as-of", "2026-11-25")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == before
