"""Refusing an output path that would overwrite what the user cannot afford to lose.

``--out port.db`` once turned the live database into a calendar. Before anything is written, an
output is compared with the database and its companion files (``-wal``, ``-shm``, ``-journal``),
every file in its ``backups/`` folder, and the input being read — after resolving links, and with
``os.path.samefile`` where both exist (hard links; a case-insensitive file system where ``PORT.DB``
is ``port.db``). An existing output that is not a regular file (a folder, a FIFO, a device) is
refused too.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from zgc_desk.errors import UserError
from zgc_desk.i18n import _
from zgc_desk.paths import backups_dir_for

DATABASE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def _key(path: Path) -> str:
    return os.path.normcase(str(path))


def _resolved(path: str | Path) -> Path:
    return Path(os.path.abspath(Path(path).expanduser())).resolve()


def _same(a: Path, b: Path) -> bool:
    if _key(a) == _key(b):
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output_path(out: str | Path, *, database: str | Path | None = None,
                      inputs: Iterable[str | Path] = ()) -> Path:
    """``out`` resolved, or :class:`UserError` when writing it could destroy data."""
    target = _resolved(out)
    if target.exists() or target.is_symlink():
        try:
            mode = os.stat(target).st_mode
        except OSError:
            mode = 0
        if not stat.S_ISREG(mode):
            raise UserError(_("{path} is not a regular file (a folder, pipe or device); choose a file name for "
                              "the output. Nothing was written.").format(path=out))
    if database is not None and "://" not in str(database):  # a server database has no file here
        db = _resolved(database)
        for suffix in DATABASE_COMPANIONS:
            if _same(target, db.with_name(db.name + suffix)):
                raise UserError(_("{path} is the database itself (or one of its files); writing there would "
                                  "destroy it. Choose another file name. Nothing was written.").format(path=out))
        folder = backups_dir_for(db)
        if _key(target.parent) == _key(folder) or (target.parent.exists() and folder.exists()
                                                   and _same(target.parent, folder)):
            raise UserError(_("{path} is in the backups folder of the database; choose another folder. "
                              "Nothing was written.").format(path=out))
    for source in inputs:
        if source is not None and _same(target, _resolved(source)):
            raise UserError(_("{path} is the file being read; writing there would overwrite it. Choose "
                              "another file name. Nothing was written.").format(path=out))
    return target
