"""Where bugs go: the traceback is appended to ``<data folder>/logs/errors.log``; the user is told
in one plain line where it is, never shown the traceback itself."""

from __future__ import annotations

import traceback
from pathlib import Path

from zgc_desk.paths import user_data_dir


def log_exception(exc: BaseException) -> Path:
    folder = user_data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "errors.log"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("".join(traceback.format_exception(exc)))
        fh.write("\n")
    return path
