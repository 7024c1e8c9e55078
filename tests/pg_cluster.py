"""A throw-away PostgreSQL cluster for the tests: initdb into a temporary folder, started with pg_ctl
on a free loopback port with its socket in that folder, stopped and removed at the end.

The server refuses to run as root, so as root the cluster belongs to the ``postgres`` system user
(created by Debian's package) or, failing that, to ``nobody``. Nothing here touches a cluster the
machine may already run: a private data folder, port and socket directory.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "zgc_test"


class ClusterUnavailable(Exception):
    """PostgreSQL cannot be run here (message says why)."""


def find_bindir() -> Path:
    """The folder holding initdb and pg_ctl: on PATH, else Debian's versioned folder (newest)."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    if not candidates:
        raise ClusterUnavailable("PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql)")
    return Path(candidates[-1]).parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as() -> pwd.struct_passwd | None:
    """The unprivileged account the server runs as when we are root; None when we are not."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise ClusterUnavailable("running as root and no unprivileged account (postgres, nobody) to run the server")


class Cluster:
    def __init__(self) -> None:
        self.bindir = find_bindir()
        self.account = _run_as()
        self.folder = Path(tempfile.mkdtemp(prefix="zgc-pg-"))
        self.data = self.folder / "data"
        self.port = 0
        self.started = False

    @property
    def url(self) -> str:
        return self.url_for("postgres")

    def url_for(self, dbname: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def _tool(self, name: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        kwargs = {}
        if self.account is not None:
            kwargs = {"user": self.account.pw_uid, "group": self.account.pw_gid, "extra_groups": []}
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        result = subprocess.run([str(self.bindir / name), *args], capture_output=True, text=True, env=env,
                                cwd=self.folder, timeout=120, **kwargs)
        if check and result.returncode:
            raise ClusterUnavailable(f"{name} failed: {(result.stderr or result.stdout).strip()[-800:]}")
        return result

    def start(self) -> Cluster:
        if self.account is not None:
            os.chown(self.folder, self.account.pw_uid, self.account.pw_gid)
        # trust on loopback: a private, short-lived cluster; UTF-8 so Chinese text and LOWER() behave
        # as on an incubator's server.
        self._tool("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                   "--locale=C.UTF-8", "--no-sync")
        for _attempt in range(3):  # the free port may be taken between choosing and binding
            self.port = _free_port()
            options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
            result = self._tool("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"),
                                "-o", options, "-w", "-t", "60", "start", check=False)
            if result.returncode == 0:
                self.started = True
                self._start_reaper()
                return self
        log = (self.folder / "server.log")
        raise ClusterUnavailable("pg_ctl could not start the server: "
                                 + (log.read_text(errors="replace")[-800:] if log.exists() else result.stderr))

    def _start_reaper(self) -> None:
        """A watchdog process that stops the server once this process is gone, however it ends (a
        timeout's SIGKILL skips atexit and pytest's hooks): no orphaned cluster is left running."""
        import sys

        code = ("import os, shutil, subprocess, sys, time\n"
                "parent, pg_ctl, data, folder = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]\n"
                "while os.path.isdir(data):\n"
                "    try:\n        os.kill(parent, 0)\n    except OSError:\n        break\n"
                "    time.sleep(1)\n"
                "if os.path.isdir(data):\n"
                "    subprocess.run([pg_ctl, '-D', data, '-m', 'immediate', 'stop'], capture_output=True, "
                "user=int(sys.argv[5]) if sys.argv[5] != '-' else None)\n"
                "    shutil.rmtree(folder, ignore_errors=True)\n")
        user = str(self.account.pw_uid) if self.account is not None else "-"
        subprocess.Popen([sys.executable, "-c", code, str(os.getpid()), str(self.bindir / "pg_ctl"), str(self.data),
                          str(self.folder), user], start_new_session=True, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self) -> None:
        if self.started:
            self._tool("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)
            self.started = False
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> Cluster:
    cluster = Cluster()
    try:
        return cluster.start()
    except BaseException:
        cluster.stop()
        raise


# ---- pytest fixtures (imported by tests/conftest.py) ----------------------------------------------

REQUIRE_ENV = "ZGC_REQUIRE_POSTGRES"  # set by .ci/run: there the PostgreSQL tier must run, not skip
TEMPLATE = "zgc_template"


class Server:
    """The session's cluster, with a migrated template database copied for each test."""

    def __init__(self, cluster: Cluster):
        import itertools

        self.cluster = cluster
        self._names = itertools.count(1)
        self._template_ready = False

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.cluster.url, autocommit=True) as conn:
            conn.execute(sql)

    def _ensure_template(self) -> None:
        if self._template_ready:
            return
        from zgc_desk.db import close_database, open_database

        self.admin(f'CREATE DATABASE "{TEMPLATE}"')
        open_database(self.cluster.url_for(TEMPLATE))
        close_database()
        self._template_ready = True

    def new_database(self, migrated: bool = True) -> str:
        """A fresh database (schema at the latest version, or empty); returns its URL."""
        name = f"test_{os.getpid()}_{next(self._names)}"
        if migrated:
            self._ensure_template()
            self.admin(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
        else:
            self.admin(f'CREATE DATABASE "{name}"')
        return self.cluster.url_for(name)

    def clean_database(self) -> str:
        """The session's reusable database, emptied: deleting the rows of a few small tables takes
        ~15 ms where copying a template database takes ~0.4 s on this machine. Ids start again at 1."""
        import psycopg

        if "shared" not in self.__dict__:
            self.shared = self.new_database()
        with psycopg.connect(self.shared, autocommit=True) as conn:
            # a connection a test left behind must not hold a lock for ever
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = current_database() AND pid <> pg_backend_pid()")
            with conn.transaction():
                conn.execute("SET LOCAL session_replication_role = replica")  # no foreign key order needed
                tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = "
                                                     "current_schema() AND tablename <> 'schema_migration'")]
                for table in tables:
                    conn.execute(f'DELETE FROM "{table}"')
                for (sequence,) in conn.execute("SELECT sequencename FROM pg_sequences "
                                                "WHERE schemaname = current_schema()").fetchall():
                    conn.execute("SELECT setval(%s, 1, false)", (sequence,))
        return self.shared

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_state: dict = {}


def skip_reason() -> str | None:
    return _state.get("skipped")


def session_server() -> Server:
    """The session's server, started on first use; skips (or fails where required) when it cannot run."""
    import atexit

    import pytest

    if "server" in _state:
        return _state["server"]
    if "skipped" not in _state:
        try:
            import psycopg  # noqa: F401

            cluster = start_cluster()
        except (ClusterUnavailable, ImportError, OSError, subprocess.SubprocessError) as exc:
            _state["skipped"] = f"PostgreSQL tier skipped: {exc}"
        else:
            atexit.register(cluster.stop)  # also when the session is interrupted
            _state["server"] = Server(cluster)
            return _state["server"]
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{REQUIRE_ENV} is set but {_state['skipped']}", pytrace=False)
    pytest.skip(_state["skipped"])


def stop_session_server() -> None:
    server = _state.pop("server", None)
    if server is not None:
        server.cluster.stop()
