"""Serialization failures and deadlocks are retried a bounded number of times, then reported; a real
deadlock between two server connections is one of them."""

from __future__ import annotations

import threading

import pytest

from zgc_desk.db import RETRY_ATTEMPTS, is_retryable, retrying
from zgc_desk.services.errors import UserError


class _ServerSaid(Exception):
    def __init__(self, sqlstate):
        super().__init__(f"server said {sqlstate}")
        self.sqlstate = sqlstate


def test_a_serialization_failure_is_tried_again_and_then_reported(english):
    calls = []

    @retrying
    def flaky():
        calls.append(1)
        if len(calls) < RETRY_ATTEMPTS:
            raise _ServerSaid("40001")
        return "done"

    assert flaky() == "done" and len(calls) == RETRY_ATTEMPTS

    @retrying
    def hopeless():
        raise _ServerSaid("40P01")

    with pytest.raises(UserError, match="nothing was saved"):
        hopeless()

    @retrying
    def broken():
        calls.append(1)
        raise _ServerSaid("23505")  # a unique violation is not the others' doing: never retried

    calls.clear()
    with pytest.raises(_ServerSaid):
        broken()
    assert len(calls) == 1


def test_a_real_deadlock_between_two_connections_is_recognised(pg_url):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as setup:
        setup.execute("CREATE TABLE dl (id int PRIMARY KEY, v int)")
        setup.execute("INSERT INTO dl VALUES (1, 0), (2, 0)")
    first, second = psycopg.connect(pg_url), psycopg.connect(pg_url)
    errors = []
    try:
        first.execute("UPDATE dl SET v = 1 WHERE id = 1")
        second.execute("UPDATE dl SET v = 2 WHERE id = 2")
        barrier = threading.Barrier(2)

        def cross(conn, row):
            barrier.wait()
            try:
                conn.execute("UPDATE dl SET v = 3 WHERE id = %s", (row,))
            except psycopg.Error as exc:
                errors.append(exc)
                conn.rollback()

        threads = [threading.Thread(target=cross, args=(first, 2)), threading.Thread(target=cross, args=(second, 1))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
    finally:
        first.close()
        second.close()
        with psycopg.connect(pg_url, autocommit=True) as cleanup:
            cleanup.execute("DROP TABLE dl")  # the shared test database keeps the program's tables only
    assert len(errors) == 1 and is_retryable(errors[0])
