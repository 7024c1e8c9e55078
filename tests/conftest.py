"""Shared fixtures. Core tests need no QApplication; UI tests use pytest-qt's ``qtbot``."""

from __future__ import annotations

import datetime as dt
import os

import pytest

# Qt aborts without a display unless told to draw offscreen (docs/development.md).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_sessionstart(session):
    """Compile the catalogues if a .po changed since the last run, so tests see current translations."""
    import subprocess
    import sys
    from pathlib import Path

    tool = Path(__file__).resolve().parent.parent / "tools" / "i18n.py"
    subprocess.run([sys.executable, str(tool), "compile"], check=True)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    """Never touch the real per-user data folder; messages in Chinese unless a test says otherwise."""
    monkeypatch.setenv("ZGC_DESK_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))
    from zgc_desk.i18n import set_language

    set_language("zh_CN")
    yield
    set_language("zh_CN")


@pytest.fixture
def db_path(tmp_path):
    """A fresh, migrated database file, open for the test."""
    from zgc_desk.db import close_database, open_database

    path = open_database(tmp_path / "test.db")
    yield path
    close_database()


@pytest.fixture
def english():
    from zgc_desk.i18n import set_language

    set_language("en")
    yield
    set_language("zh_CN")


DEMO_ANCHOR = dt.date(2026, 11, 25)


@pytest.fixture
def demo_db(tmp_path):
    """The demo database, built for a fixed anchor date so tests are deterministic."""
    from zgc_desk.db import close_database, open_database
    from zgc_desk.demo import write_demo

    path = open_database(tmp_path / "demo.db")
    write_demo(anchor=DEMO_ANCHOR)
    yield path
    close_database()


def _run_cli(*args, env_extra=None, timeout=120):
    """``python -m zgc_desk ARGS`` as a user's script runs it: a real process, text in UTF-8."""
    import subprocess
    import sys

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "zgc_desk", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=timeout)


@pytest.fixture(scope="session")
def cli():
    return _run_cli


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory, cli):
    """A demo database written by the command line (anchor 2026-11-25), shared by a module's tests
    that only read it."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = cli("demo", "--db", path, "--as-of", DEMO_ANCHOR.isoformat())
    assert result.returncode == 0, result.stderr
    return path
