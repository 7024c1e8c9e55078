"""The PostgreSQL tier: tests against the session's throw-away cluster (tests/pg_cluster.py). Every
test here asks for ``pg_server`` (directly or through ``pg_url``), so all of them skip, with the
reason printed at the end of the run, where PostgreSQL cannot be installed or started."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "io"))  # zgc_io_helpers


@pytest.fixture
def db_path_pg(pg_url):
    """A fresh database on the test server, open for the test (the PostgreSQL twin of ``db_path``)."""
    from zgc_desk.db import open_database

    return open_database(pg_url)
