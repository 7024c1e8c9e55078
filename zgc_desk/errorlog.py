"""Where bugs go: the traceback is appended to ``<data folder>/logs/errors.log``; the user is told
in one plain line where it is, never shown the traceback itself.

Logging must never be the second failure: when the data folder cannot be written, the log goes to
the system's temporary folder, and when that fails too nothing is logged (the caller says so). The
log is started afresh (the old one kept as ``errors.log.1``) past a few megabytes."""

from __future__ import annotations

import contextlib
import os
import tempfile
import traceback
from pathlib import Path

from zgc_desk.paths import user_data_dir

LOG_MAX_BYTES = 2_000_000


def _candidates() -> list[Path]:
    folders = []
    with contextlib.suppress(Exception):
        folders.append(user_data_dir() / "logs")
    with contextlib.suppress(Exception):
        folders.append(Path(tempfile.gettempdir()) / "zgc_desk-logs")
    return folders


def log_exception(exc: BaseException) -> Path | None:
    """Append the traceback to the first log that can be written; its path, or None."""
    text = "".join(traceback.format_exception(exc)) + "\n"
    for folder in _candidates():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "errors.log"
            if path.exists() and path.stat().st_size > LOG_MAX_BYTES:
                os.replace(path, path.with_name("errors.log.1"))
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(text)
            return path
        except OSError:
            continue
    return None
