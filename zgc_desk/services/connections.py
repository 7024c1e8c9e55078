"""The database connection of the calling thread, for front ends that run work on worker threads."""

from __future__ import annotations

from zgc_desk.models import database


def close_thread_connection() -> None:
    """Close this thread's own connection, if it has one (peewee keeps one per thread): a worker's
    connection must not outlive its task or point at a database the window has since closed."""
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()
