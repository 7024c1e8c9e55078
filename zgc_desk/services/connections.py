"""The database connection of the calling thread, for front ends that run work on worker threads."""

from __future__ import annotations

from zgc_desk.models import database


def close_thread_connection(*, only_if_idle: bool = False) -> None:
    """Close this thread's own connection, if it has one (peewee keeps one per thread): a worker's
    connection must not outlive its task or point at a database the window has since closed. With
    ``only_if_idle``, one inside a transaction is left alone (the GUI thread before a restore)."""
    db = database.obj
    if db is None or db.is_closed() or (only_if_idle and db.in_transaction()):
        return
    db.close()
