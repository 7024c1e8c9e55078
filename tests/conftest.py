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


# ---- the database: SQLite, and PostgreSQL for modules marked ``both_databases`` ------------------

BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config):
    config.addinivalue_line("markers", "both_databases: run the module's db_path / demo_db tests on SQLite "
                                       "and on PostgreSQL (skipped with a printed reason where it cannot run)")
    config.addinivalue_line("markers", "sqlite_only: in a both_databases module, a test of SQLite's own behaviour")


def pytest_generate_tests(metafunc):
    if metafunc.definition.get_closest_marker("both_databases") is None:
        return
    backends = ("sqlite",) if metafunc.definition.get_closest_marker("sqlite_only") else BACKENDS
    for name in ("db_path", "demo_db"):
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, backends, indirect=True)


def pytest_terminal_summary(terminalreporter):
    import pg_cluster

    if pg_cluster.skip_reason():
        terminalreporter.write_line(pg_cluster.skip_reason(), yellow=True)


def pytest_unconfigure(config):
    import pg_cluster

    pg_cluster.stop_session_server()


@pytest.fixture
def pg_server():
    """The session's throw-away PostgreSQL cluster (skips the test where PostgreSQL cannot run)."""
    import pg_cluster

    return pg_cluster.session_server()


@pytest.fixture
def pg_url(pg_server):
    """An empty database at the latest schema on the test cluster (the session's one, emptied)."""
    from zgc_desk.db import close_database

    yield pg_server.clean_database()
    close_database()


def _open_fresh(request, tmp_path, name: str):
    """Open a fresh database of the requested backend; returns what open_database returned."""
    from zgc_desk.db import open_database

    if getattr(request, "param", "sqlite") == "postgresql":
        return open_database(request.getfixturevalue("pg_url"))
    return open_database(tmp_path / name)


@pytest.fixture
def db_path(request, tmp_path):
    """A fresh, migrated database, open for the test: a file (its path), or on PostgreSQL (its URL)
    in modules marked ``both_databases``."""
    from zgc_desk.db import close_database

    yield _open_fresh(request, tmp_path, "test.db")
    close_database()


@pytest.fixture
def english():
    from zgc_desk.i18n import set_language

    set_language("en")
    yield
    set_language("zh_CN")


DEMO_ANCHOR = dt.date(2026, 11, 25)


@pytest.fixture
def demo_db(request, tmp_path):
    """The demo database, built for a fixed anchor date so tests are deterministic."""
    from zgc_desk.db import close_database
    from zgc_desk.demo import write_demo

    path = _open_fresh(request, tmp_path, "demo.db")
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


# ---- the deadline cache: what a list read, and the list without it ----------------------------

@pytest.fixture
def reads(monkeypatch):
    """What each deadline list read of the portfolio's facts: 'all', or the ids asked for by kind."""
    from zgc_desk.services import deadlines as deadline_service

    seen = []
    real = deadline_service.load_facts

    def recording(firm_id=None, wanted=None):
        seen.append("all" if wanted is None else {k: set(v) for k, v in wanted.items()})
        return real(firm_id, wanted)

    monkeypatch.setattr(deadline_service, "load_facts", recording)
    return seen


@pytest.fixture
def computed(monkeypatch):
    """A listing (``fn``, default ``list_deadlines``) computed by the engine, the deadline cache
    turned off for the call."""
    def compute(fn=None, **kwargs):
        from zgc_desk.services.deadlines import list_deadlines

        with monkeypatch.context() as m:
            m.setenv("ZGC_DESK_DEADLINE_STORE", "0")
            return (fn or list_deadlines)(**kwargs)
    return compute
