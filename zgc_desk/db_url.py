"""Where the data lives: a SQLite file (a path) or a PostgreSQL server (``postgresql://USER@HOST[:PORT]/DBNAME``).

The password is never part of the address, nor stored in settings or logs: libpq finds it the usual
way (``PGPASSWORD``, the pgpass file, a service file), or the system keyring holds it under the
service ``zgc-desk`` and the name ``USER@HOST:PORT``.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

SCHEMES = ("postgresql", "postgres")
DEFAULT_PORT = 5432
KEYRING_SERVICE = "zgc-desk"


class AddressError(ValueError):
    """A server address that cannot be used (message in plain words)."""


@dataclass(frozen=True)
class ServerAddress:
    user: str
    host: str
    port: int
    dbname: str

    @property
    def url(self) -> str:
        """The address as the user writes it (never with a password)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"postgresql://{self.user}@{host}:{self.port}/{self.dbname}"

    @property
    def keyring_name(self) -> str:
        return f"{self.user}@{self.host}:{self.port}"

    def connect_params(self) -> dict:
        """psycopg's keyword arguments; the password only when the keyring holds one."""
        params = {"user": self.user, "host": self.host, "port": self.port, "dbname": self.dbname,
                  "connect_timeout": 10, "application_name": "ZGC Desk"}
        password = _session_passwords.get(self.keyring_name) or keyring_password(self)
        if password:
            params["password"] = password
        return params


def is_server_address(target: str | Path | None) -> bool:
    return isinstance(target, str) and target.split("://", 1)[0].lower() in SCHEMES and "://" in target


def parse_server_address(text: str) -> ServerAddress:
    """``postgresql://USER@HOST[:PORT]/DBNAME`` -> :class:`ServerAddress`; AddressError otherwise."""
    from zgc_desk.i18n import _

    try:
        parts = urlsplit(text.strip())
        port = parts.port or DEFAULT_PORT
    except ValueError:
        raise AddressError(_("{address} is not a server address like postgresql://USER@HOST:PORT/DBNAME")
                           .format(address=text)) from None
    if parts.password is not None:
        raise AddressError(_("Leave the password out of the address: give it in PGPASSWORD, the pgpass "
                             "file or the system keyring"))
    dbname = unquote(parts.path.lstrip("/"))
    if parts.scheme.lower() not in SCHEMES or not parts.hostname or not parts.username or not dbname \
            or "/" in dbname or parts.query or parts.fragment:
        raise AddressError(_("{address} is not a server address like postgresql://USER@HOST:PORT/DBNAME")
                           .format(address=text))
    return ServerAddress(user=unquote(parts.username), host=parts.hostname, port=port, dbname=dbname)


# Passwords typed into the window for this run only: memory, never settings, logs or files.
_session_passwords: dict[str, str] = {}


def remember_for_session(address: ServerAddress, password: str) -> None:
    if password:
        _session_passwords[address.keyring_name] = password
    else:
        _session_passwords.pop(address.keyring_name, None)


def keyring_password(address: ServerAddress) -> str | None:
    """The password the system keyring holds for this server and user, if any (no keyring: None)."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    with contextlib.suppress(KeyringError, RuntimeError, OSError):
        return keyring.get_password(KEYRING_SERVICE, address.keyring_name)
    return None


def store_keyring_password(address: ServerAddress, password: str) -> bool:
    """Keep the password in the system keyring; False when there is no usable keyring."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, address.keyring_name, password)
    except (KeyringError, RuntimeError, OSError):
        return False
    return True
