"""Run every benchmark and print a table of timings.

Usage: ``python -m benchmarks.run [--only NAME] [--sizes 1000,10000,100000]``; with ``--postgres auto|URL``
the PostgreSQL comparison of ``benchmarks/postgres.py`` instead (at the largest size).

Each ``benchmarks/bench_*.py`` module defines ``BENCHMARKS``: a list of ``(name, func)`` where
``func(workdir: Path, size: int) -> str`` (or ``func(workdir)`` for size-independent ones) does the
work and returns a short note (e.g. a count); the runner times it. Synthetic databases are built once
per size (timed as their own row) and shared by benchmarks through :func:`synthetic_db`.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
import shutil
import sys
import tempfile
import time
from pathlib import Path

import benchmarks
from benchmarks.synthetic import generate


def synthetic_db(workdir: Path, size: int) -> Path:
    """A private copy of the synthetic database of ``size`` patents (built once per run)."""
    from zgc_desk.db import close_database

    master = workdir.parent / f"synthetic-{size}.db"
    if not master.exists():
        generate(master, size)
        close_database()
    copy = workdir / "portfolio.db"
    shutil.copyfile(master, copy)
    return copy


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="run benchmarks whose name contains this")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--postgres", default="", metavar="auto|URL",
                        help="compare PostgreSQL with SQLite (auto: a throw-away local cluster)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.postgres:
        from benchmarks import postgres

        postgres.report(postgres.run(args.postgres, sizes[-1]), sizes[-1])
        return 0
    modules = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_"))
    rows = []
    with tempfile.TemporaryDirectory(prefix="zgc-bench-") as tmp:
        root = Path(tmp)
        from zgc_desk.db import close_database

        for size in sizes:
            started = time.perf_counter()
            generate(root / f"synthetic-{size}.db", size)
            close_database()
            rows.append(("synthetic portfolio generation", size, time.perf_counter() - started, ""))
        for name in modules:
            module = importlib.import_module(f"benchmarks.{name}")
            for bench_name, func in module.BENCHMARKS:
                if args.only and args.only not in bench_name:
                    continue
                takes_size = len(inspect.signature(func).parameters) >= 2
                for size in sizes if takes_size else sizes[-1:]:
                    workdir = root / f"{name}-{size}-{len(rows)}"
                    workdir.mkdir()
                    t0 = time.perf_counter()
                    note = func(workdir, size) if takes_size else func(workdir)
                    rows.append((bench_name, size, time.perf_counter() - t0, note or ""))
                    print(f"{bench_name:<45} {size:>8} {rows[-1][2]:>9.3f} s  {rows[-1][3]}", file=sys.stderr)
    print(f"{'benchmark':<45} {'patents':>8} {'seconds':>9}  note")
    for bench_name, size, seconds, note in rows:
        print(f"{bench_name:<45} {size:>8} {seconds:>9.3f}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
