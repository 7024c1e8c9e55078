"""A portfolio on a PostgreSQL server: connecting through psycopg 3, telling connection problems in
plain words, and creating or upgrading the schema on the first connection.

psycopg 3 rather than psycopg2: it is the maintained driver, ships binary wheels for Windows and
Linux (no compiler, no libpq to install beside the program), and peewee's PostgresqlDatabase drives
it directly (``prefer_psycopg3``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from peewee import PostgresqlDatabase

from zgc_desk.db_url import AddressError, ServerAddress, parse_server_address
from zgc_desk.models import database


class Problem(enum.Enum):
    UNREACHABLE = "unreachable"
    AUTHENTICATION = "authentication"
    DATABASE_MISSING = "database_missing"
    SCHEMA_TOO_NEW = "schema_too_new"
    NO_DRIVER = "no_driver"
    OTHER = "other"


@dataclass
class ConnectionCheck:
    """What "Test connection" found: ok, or the problem in plain words."""

    ok: bool
    problem: Problem | None = None
    message: str = ""
    schema_version: int | None = None  # None: the database holds no ZGC Desk schema yet
    is_empty: bool = False


def server_database(address: ServerAddress) -> PostgresqlDatabase:
    params = address.connect_params()
    dbname = params.pop("dbname")
    return PostgresqlDatabase(dbname, prefer_psycopg3=True, **params)


def _original(exc: BaseException) -> BaseException:
    """peewee wraps the driver's exception; the driver's own carries the SQLSTATE."""
    for candidate in (exc, exc.__cause__, exc.__context__, *(getattr(exc, "args", ()) or ())):
        if isinstance(candidate, BaseException) and getattr(candidate, "sqlstate", None):
            return candidate
    return exc


def classify(exc: BaseException, address: ServerAddress) -> tuple[Problem, str]:
    """A connection failure as one of the problems the user can act on, with its message."""
    from zgc_desk.i18n import _

    original = _original(exc)
    state = getattr(original, "sqlstate", None) or ""
    text = str(original)
    lowered = text.lower()
    if state == "3D000" or ("database" in lowered and "does not exist" in lowered):
        return Problem.DATABASE_MISSING, _(
            "The server {host} has no database named {dbname}; ask its administrator to create it "
            "(an empty one is enough: ZGC Desk sets it up)").format(host=address.host, dbname=address.dbname)
    if state.startswith("28") or "password" in lowered or "authentication" in lowered \
            or ("role" in lowered and "does not exist" in lowered):
        return Problem.AUTHENTICATION, _(
            "The server {host} did not accept the user {user}: check the user name and the password "
            "(PGPASSWORD, the pgpass file or the system keyring)").format(host=address.host, user=address.user)
    if not state or state.startswith("08"):
        return Problem.UNREACHABLE, _(
            "The server {host} port {port} cannot be reached: check the address, the network and that "
            "PostgreSQL runs there ({problem})").format(host=address.host, port=address.port,
                                                        problem=text.strip().splitlines()[-1] if text.strip() else "")
    return Problem.OTHER, _("The server {host} refused the connection: {problem}").format(
        host=address.host, problem=text.strip())


def _driver_missing_message() -> str:
    from zgc_desk.i18n import _

    return _("This installation cannot reach PostgreSQL servers (the psycopg driver is missing)")


def _connect(target: str) -> tuple[PostgresqlDatabase, ServerAddress]:
    from zgc_desk.db import DatabaseError

    try:
        address = parse_server_address(target)
    except AddressError as exc:
        raise DatabaseError(str(exc)) from None
    try:
        import psycopg  # noqa: F401 - only to say plainly when the driver is missing
    except ImportError:
        raise DatabaseError(_driver_missing_message()) from None
    db = server_database(address)
    try:
        db.connect()
    except Exception as exc:  # psycopg's OperationalError, wrapped by peewee
        raise DatabaseError(classify(exc, address)[1]) from None
    return db, address


def _migrate(db: PostgresqlDatabase) -> None:
    from zgc_desk.db import DatabaseError
    from zgc_desk.migrations import upgrade

    try:
        upgrade(db, None)
    except DatabaseError:
        db.close()
        raise


def open_server(target: str, *, migrate: bool = True) -> str:
    """Bind the models to the server database at ``target``; create or upgrade its schema."""
    db, address = _connect(target)
    database.initialize(db)
    if migrate:
        _migrate(db)
    return address.url


def connect_server(target: str) -> PostgresqlDatabase:
    """A connection of its own (not bound to the models), schema brought up to date."""
    db, _address = _connect(target)
    _migrate(db)
    return db


def check_connection(target: str) -> ConnectionCheck:
    """Try the server at ``target`` without opening it for the program: the window's "Test connection"."""
    from zgc_desk.i18n import _
    from zgc_desk.migrations import current_version, latest_version

    try:
        address = parse_server_address(target)
    except AddressError as exc:
        return ConnectionCheck(False, Problem.OTHER, str(exc))
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return ConnectionCheck(False, Problem.NO_DRIVER, _driver_missing_message())
    db = server_database(address)
    try:
        db.connect()
    except Exception as exc:
        problem, message = classify(exc, address)
        return ConnectionCheck(False, problem, message)
    try:
        version = current_version(db)
        empty = not db.get_tables()
    finally:
        db.close()
    if version > latest_version():
        return ConnectionCheck(False, Problem.SCHEMA_TOO_NEW, schema_too_new_message(version, latest_version()),
                               schema_version=version)
    if empty:
        return ConnectionCheck(True, message=_("Connected. The database is empty: ZGC Desk will set it up."),
                               schema_version=None, is_empty=True)
    return ConnectionCheck(True, message=_("Connected."), schema_version=version)


def read_only_reason(db: PostgresqlDatabase) -> str | None:
    """Why this role may not change records (database grants), or None when it may."""
    from zgc_desk.i18n import _

    tables = [t for t in ("firm", "patent", "change_log") if t in db.get_tables()]
    if not tables:
        return None
    allowed = all(db.execute_sql("SELECT has_table_privilege(current_user, %s, 'INSERT, UPDATE, DELETE')",
                                 (table,)).fetchone()[0] for table in tables)
    if allowed:
        return None
    role = (db.connect_params or {}).get("user", "")
    return _("The database role {user} may only read this portfolio: browsing, checking and exporting work; "
             "ask the database's administrator for the right to change records").format(user=role)


def schema_too_new_message(found: int, known: int) -> str:
    from zgc_desk.i18n import _

    return _("This database was written by a newer ZGC Desk (schema {found}, this program knows {known}); "
             "please update the program").format(found=found, known=known)
