"""Subsidy check over a synthetic portfolio (target: under 5 s for 100,000 patents and 50 firms).

Runs the ``check`` command in-process, as a user would, with its JSON written to a file: a past
round where every policy is in force (2024 counts 2023's grants; the most work), today's round,
and every item listed with its reasons (``--all-items``).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from benchmarks.run import synthetic_db


def _check(workdir: Path, size: int, *extra: str) -> str:
    from zgc_desk.cli import main

    db = synthetic_db(workdir, size)
    out = workdir / "check.json"
    with open(out, "w", encoding="utf-8") as fh, contextlib.redirect_stdout(fh):
        code = main(["check", "--db", str(db), "--as-of", "2026-11-25", "--json", *extra])
    if code != 0:
        raise RuntimeError(f"check exited {code}")
    records = json.loads(out.read_text(encoding="utf-8"))
    eligible = sum(1 for r in records if r["eligible"])
    return f"{len(records)} decisions, {eligible} eligible"


def check_past_round(workdir: Path, size: int) -> str:
    return _check(workdir, size, "--year", "2024")


def check_today(workdir: Path, size: int) -> str:
    return _check(workdir, size)


def check_all_items(workdir: Path, size: int) -> str:
    return _check(workdir, size, "--year", "2024", "--all-items")


BENCHMARKS = [
    ("check --json, round 2024 (all policies in force)", check_past_round),
    ("check --json, today's round", check_today),
    ("check --json --all-items, round 2024", check_all_items),
]
