"""Writing a file so that it is either the old one or the whole new one, never half of either.

Every output goes to a temporary file in the target's own folder (same file system, so the final
``os.replace`` is atomic; a temporary file in the system's temp folder could fill another disk and
would be left there after a kill), then replaces the target. The temporaries' paths are recorded in
the per-user data folder while they exist; :func:`clean_leftovers`, run at start-up, removes those a
killed program left behind. openpyxl's streaming writer keeps one temporary file per sheet: while a
workbook is saved through :func:`atomic_output`, those go beside the target too.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

TEMP_SUFFIX = ".zgc-part"
_REGISTRY_NAME = "temporaries.txt"
_local = threading.local()
_registry_lock = threading.Lock()


def _registry() -> Path:
    from zgc_desk.paths import user_data_dir

    return user_data_dir() / _REGISTRY_NAME


def _record(path: Path, add: bool) -> None:
    """Best effort: an unwritable data folder only means a killed run's leftovers stay."""
    with _registry_lock, contextlib.suppress(OSError):
        registry = _registry()
        lines = registry.read_text(encoding="utf-8").splitlines() if registry.is_file() else []
        text = f"{os.getpid()}\t{path}"
        if add:
            lines.append(text)
        else:
            lines = [line for line in lines if line.partition("\t")[2] != str(path)]
        if lines or registry.exists():
            registry.parent.mkdir(parents=True, exist_ok=True)
            registry.write_text("".join(f"{line}\n" for line in lines[-1000:]), encoding="utf-8")


def new_temporary(folder: Path, name: str) -> Path:
    """An empty temporary file in ``folder`` (recorded until :func:`forget_temporary`)."""
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder)
    os.close(fd)
    path = Path(temp)
    _record(path, True)
    return path


def forget_temporary(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
    _record(path, False)


@contextlib.contextmanager
def atomic_output(out: str | Path) -> Iterator[Path]:
    """``with atomic_output(out) as temp: write(temp)`` — ``out`` is replaced only if the block ends
    without an exception; the temporary file is removed in every case."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = new_temporary(out.parent, out.name)
    previous = getattr(_local, "folder", None), getattr(_local, "created", None)
    _local.folder, _local.created = out.parent, []
    try:
        yield temp
        _keep_mode(out, temp)
        os.replace(temp, out)
    finally:
        for extra in _local.created:
            forget_temporary(extra)
        _local.folder, _local.created = previous
        forget_temporary(temp)


def _keep_mode(out: Path, temp: Path) -> None:
    """mkstemp makes the file private (0600); give the output the permissions a plain open would."""
    with contextlib.suppress(OSError):
        if out.exists():
            os.chmod(temp, out.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)


def write_bytes_atomically(out: str | Path, data: bytes) -> None:
    with atomic_output(out) as temp, open(temp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def clean_leftovers() -> list[Path]:
    """Remove the temporaries a killed program left: only files we named and recorded, and only those
    of a process that no longer runs (another window or command may be writing right now)."""
    removed = []
    with _registry_lock, contextlib.suppress(OSError):
        registry = _registry()
        if not registry.is_file():
            return removed
        kept = []
        for line in registry.read_text(encoding="utf-8").splitlines():
            pid_text, _tab, name = line.partition("\t")
            path = Path(name)
            if not (path.name.endswith(TEMP_SUFFIX) and path.name.startswith(".")):
                continue
            if _may_be_running(pid_text, path):
                kept.append(line)
                continue
            for leftover in (path, path.with_name(path.name + "-journal")):  # SQLite's, for a backup copy
                with contextlib.suppress(OSError):
                    if leftover.is_file():
                        leftover.unlink()
                        removed.append(leftover)
        registry.write_text("".join(f"{line}\n" for line in kept), encoding="utf-8")
    return removed


def clean_at_start(db_path: str | Path | None = None) -> list[Path]:
    """What a killed run left, removed when a front end (command or window) has opened a database:
    recorded temporaries, half-written backup copies beside ``db_path`` (a file; None for a server),
    openpyxl's old files in the temp folder. Never what is being written now."""
    from zgc_desk.io.backups import clean_partial_copies  # imports this module

    removed = clean_leftovers()
    if db_path is not None:
        removed += clean_partial_copies(db_path)
    return removed + clean_openpyxl_leftovers()


STALE_AFTER_S = 12 * 3600  # where a process cannot be asked whether it runs (Windows), by age


def _may_be_running(pid_text: str, path: Path) -> bool:
    try:
        pid = int(pid_text)
    except ValueError:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill would terminate the process there
        try:
            return time.time() - path.stat().st_mtime < STALE_AFTER_S
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


# ---- openpyxl's temporaries ------------------------------------------------------------------------

@contextlib.contextmanager
def temporaries_beside(out: str | Path) -> Iterator[None]:
    """While a streaming workbook is built for ``out``: openpyxl's temporaries (one per sheet, holding
    the rows until the save) go beside ``out``, recorded, instead of the system's temp folder — where
    a killed export left them for ever."""
    _redirect_openpyxl_temporaries()
    previous = getattr(_local, "folder", None), getattr(_local, "created", None)
    _local.folder, _local.created = Path(out).parent, []  # made when the first sheet is (after any check)
    try:
        yield
    finally:
        for extra in _local.created:
            forget_temporary(extra)
        _local.folder, _local.created = previous


def streams_beside(parameter: str):
    """Decorate a function writing a streaming workbook to its argument ``parameter``: see
    :func:`temporaries_beside`."""
    import functools
    import inspect

    def decorate(function):
        signature = inspect.signature(function)

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            out = signature.bind(*args, **kwargs).arguments[parameter]
            try:
                with temporaries_beside(out):
                    return function(*args, **kwargs)
            except OSError as exc:
                named = str(exc.filename or "")
                if exc.errno is None or (named and not named.endswith(TEMP_SUFFIX)):
                    raise
                # openpyxl's writers name no file, or our temporary: the user knows the output's name
                raise OSError(exc.errno, exc.strerror, str(out)) from exc

        return wrapper

    return decorate


def clean_openpyxl_leftovers(started_at: float | None = None, *, idle_s: float = 600) -> list[Path]:
    """openpyxl's temporaries (``openpyxl.*``) in the system's temp folder, left by a killed export of
    an earlier version: removed at start-up when they are ours (our user's), older than this process
    and untouched for ``idle_s`` (another program's export still writing touches its file)."""
    started_at = PROCESS_STARTED if started_at is None else started_at
    limit = min(started_at, time.time() - idle_s)
    removed = []
    folder = Path(tempfile.gettempdir())
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith("openpyxl.")]
    except OSError:
        return removed
    for path in candidates:
        with contextlib.suppress(OSError):
            info = path.lstat()
            if not path.is_file() or path.is_symlink() or info.st_mtime >= limit:
                continue
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                continue
            path.unlink()
            removed.append(path)
    return removed


PROCESS_STARTED = time.time()  # this module is imported at start-up, before any workbook is written

def _openpyxl_temporary(suffix: str = "") -> str:
    folder = getattr(_local, "folder", None)
    if folder is None:
        return _original_create(suffix)
    folder.mkdir(parents=True, exist_ok=True)
    path = new_temporary(folder, "openpyxl")
    _local.created.append(path)
    _writer_module.ALL_TEMP_FILES.append(str(path))  # openpyxl removes it after the save, or at exit
    return str(path)


_writer_module = _original_create = None
_redirecting = threading.Lock()


def _redirect_openpyxl_temporaries() -> None:
    """Patch openpyxl's temporary files once, when the first workbook is streamed rather than at
    import: every command imports this module at start-up (for :func:`clean_at_start`), and
    openpyxl costs a sixth of a second to import. Outside :func:`temporaries_beside` the patched
    function is openpyxl's own, so patching late changes nothing."""
    global _writer_module, _original_create
    with _redirecting:
        if _writer_module is not None:
            return
        from openpyxl.worksheet import _writer

        if _writer.create_temporary_file is not _openpyxl_temporary:
            _original_create = _writer.create_temporary_file
            _writer.create_temporary_file = _openpyxl_temporary
        _writer_module = _writer
