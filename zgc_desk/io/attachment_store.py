"""Where attachments' bytes are kept: once per content, named by their SHA-256, never overwritten.

- A SQLite database keeps them as files in ``attachments/`` beside it (``attachments/ab/abcd…``):
  the database stays small, and the files are plain copies anyone can find. Several databases in
  one folder share the folder harmlessly, since a name is its content.
- PostgreSQL keeps them in the table ``attachment_blob`` (bytea), so every advisor sharing the
  server sees them; a SQLite copy of a server database (its backup, ``copy-db``) carries that table.

So a SQLite database looks in its table first, then in its folder. A file is written atomically
(a temporary file beside it, then renamed); an existing file is left alone when its content is right
and replaced only when it no longer is (a repair, never a different content under the same name).
Bytes are never removed when an attachment is removed: undo and older backups need them.

:func:`carry_files` gives a copy of a database (a backup, a restore, ``copy-db``) every file its
attachments name, so that backups include the files they reference.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from zgc_desk.io.atomic import write_bytes_atomically
from zgc_desk.paths import attachments_dir_for

MAX_BYTES = 64 * 1024 * 1024  # a scanned notice is a few MB; a bigger file is not an office paper


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _real(db):
    return getattr(db, "obj", db)


@dataclass(frozen=True)
class FileProblem:
    """An attachment whose stored file is missing or no longer has the content it was added with."""

    attachment_id: int
    record_kind: str
    record_id: int
    file_name: str
    sha256: str
    problem: str  # "missing" / "altered"


class Store:
    """The attachments' bytes of one open database (a peewee database, not the proxy's binding)."""

    def __init__(self, db):
        self.db = _real(db)
        self.is_sqlite = isinstance(self.db, SqliteDatabase)
        self.folder = attachments_dir_for(Path(self.db.database)) if self.is_sqlite else None

    def _file(self, sha: str) -> Path:
        return self.folder / sha[:2] / sha

    def _from_table(self, sha: str) -> bytes | None:
        row = self.db.execute_sql(f"SELECT content FROM attachment_blob WHERE sha256 = {self.db.param}",
                                  (sha,)).fetchone()
        return None if row is None else bytes(row[0])

    def read(self, sha: str) -> bytes | None:
        """The bytes stored under ``sha``, or None when they are not there (checked: a file whose
        content no longer matches its name is not returned)."""
        content = self._from_table(sha)
        if content is None and self.folder is not None:
            try:
                content = self._file(sha).read_bytes()
            except OSError:
                return None
        if content is None or digest(content) != sha:
            return None
        return content

    def problem(self, sha: str) -> str | None:
        """None when the bytes are there and right; else "missing" or "altered"."""
        content = self._from_table(sha)
        if content is None and self.folder is not None:
            path = self._file(sha)
            if not path.is_file():
                return "missing"
            try:
                content = path.read_bytes()
            except OSError:
                return "missing"
        if content is None:
            return "missing"
        return None if digest(content) == sha else "altered"

    def holds(self, sha: str, size: int) -> bool:
        """Whether bytes of this name and size are stored (a quick look, no reading: what a copy
        needs to know; :meth:`problem` is the integrity check that reads them)."""
        row = self.db.execute_sql(f"SELECT size FROM attachment_blob WHERE sha256 = {self.db.param}", (sha,)).fetchone()
        if row is not None:
            return row[0] == size
        if self.folder is None:
            return False
        try:
            return self._file(sha).stat().st_size == size
        except OSError:
            return False

    def put(self, content: bytes) -> str:
        """Store ``content`` (if not stored yet) and return its SHA-256."""
        sha = digest(content)
        if self.folder is None:
            existing = self._from_table(sha)
            if existing is None:
                self.db.execute_sql(
                    f"INSERT INTO attachment_blob (sha256, size, content) VALUES ({self.db.param}, "
                    f"{self.db.param}, {self.db.param}) ON CONFLICT (sha256) DO NOTHING", (sha, len(content), content))
            elif digest(existing) != sha:
                self.db.execute_sql(f"UPDATE attachment_blob SET content = {self.db.param} WHERE sha256 = "
                                    f"{self.db.param}", (content, sha))
            return sha
        path = self._file(sha)
        if path.is_file():
            with contextlib.suppress(OSError):
                if digest(path.read_bytes()) == sha:
                    return sha  # never rewritten: the same name is the same content
        write_bytes_atomically(path, content)
        return sha


def referenced(db, record: tuple[str, int] | None = None) -> list[tuple[int, str, int, str, str]]:
    """(id, record kind, record id, file name, sha256) of every attachment row of ``db`` (or of one
    record's)."""
    db = _real(db)
    if "attachment" not in db.get_tables():  # a database from before schema 10 (backed up before its upgrade)
        return []
    sql, params = "SELECT id, record_kind, record_id, file_name, sha256 FROM attachment", ()
    if record is not None:
        sql, params = sql + f" WHERE record_kind = {db.param} AND record_id = {db.param}", tuple(record)
    return db.execute_sql(sql + " ORDER BY id", params).fetchall()


def check_files(db, record: tuple[str, int] | None = None) -> list[FileProblem]:
    """Every attachment (of one record) whose stored bytes are missing or altered (each content
    checked once)."""
    store = Store(db)
    verdicts: dict[str, str | None] = {}
    problems = []
    for attachment_id, kind, record_id, name, sha in referenced(db, record):
        if sha not in verdicts:
            verdicts[sha] = store.problem(sha)
        if verdicts[sha]:
            problems.append(FileProblem(attachment_id, kind, record_id, name, sha, verdicts[sha]))
    return problems


def carry_files(source, target) -> list[str]:
    """Give ``target`` (a copy of ``source``'s rows) every file its attachments name that it lacks,
    read from ``source``. Returns the SHA-256 of those that neither has (reported, not invented)."""
    source_store, target_store = Store(source), Store(target)
    missing = []
    sizes = _sizes(target)
    for sha in sorted(sizes):
        if target_store.holds(sha, sizes[sha]):  # every backup finds most files already there
            continue
        content = source_store.read(sha)
        if content is None:
            missing.append(sha)
            continue
        target_store.put(content)
    return missing


def _sizes(db) -> dict[str, int]:
    """SHA-256 -> size of every content the attachments of ``db`` name."""
    db = _real(db)
    if "attachment" not in db.get_tables():
        return {}
    return dict(db.execute_sql("SELECT sha256, MAX(size) FROM attachment GROUP BY sha256").fetchall())
