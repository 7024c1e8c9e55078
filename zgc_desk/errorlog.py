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


# Modules whose clean-up, after a failed write, raises again where Python can only print it: openpyxl's
# streaming sheets and their XML writer, collected after a save failed for lack of space or rights.
_NOISY_CLEANUP = ("openpyxl", "et_xmlfile")


def _is_writer_cleanup(unraisable) -> bool:
    code = getattr(unraisable.object, "gi_code", None) or getattr(unraisable.object, "__code__", None)
    where = getattr(code, "co_filename", "") or ""
    if not where and unraisable.exc_traceback is not None:
        where = traceback.extract_tb(unraisable.exc_traceback)[-1].filename
    return any(f"{os.sep}{name}{os.sep}" in where for name in _NOISY_CLEANUP)


def quiet_writer_cleanup() -> None:
    """Send the "Exception ignored in WriteOnlyWorksheet…" blocks a failed workbook save leaves behind
    to the log instead of stderr: the save's own error has been reported plainly already. Any other
    unraisable exception is printed as before."""
    import sys

    previous = sys.unraisablehook
    if getattr(previous, "_zgc_quiet", False):
        return

    def hook(unraisable) -> None:
        if unraisable.exc_value is not None and _is_writer_cleanup(unraisable):
            with contextlib.suppress(Exception):
                log_exception(unraisable.exc_value)
            return
        previous(unraisable)

    hook._zgc_quiet = True
    sys.unraisablehook = hook
