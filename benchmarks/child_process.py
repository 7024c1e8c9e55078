"""One command of the program in a process of its own, with its wall time and peak memory: what the
hostile-file benchmarks report for each file (a child's ru_maxrss, from ``wait4``)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path


def run_cli(args: list[str], data_dir: Path) -> tuple[float, int, int, str]:
    """(seconds, peak KB, exit code, last stderr line) of ``zgc-desk --lang en ARGS``."""
    env = {**os.environ, "ZGC_DESK_DATA_DIR": str(data_dir)}
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "zgc_desk", "--lang", "en", *args],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    stderr = child.stderr.read().decode("utf-8", "replace")
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss, code, (stderr.strip().splitlines() or [""])[-1][:100]


def demo_database(folder: Path) -> Path:
    """A demo database for the dry runs to read against."""
    db = folder / "port.db"
    subprocess.run([sys.executable, "-m", "zgc_desk", "demo", "--db", str(db)], check=True,
                   capture_output=True, env={**os.environ, "ZGC_DESK_DATA_DIR": str(folder / "data")})
    return db


def report(kind: str, rows: list[tuple], exits: str) -> int:
    """Print the counts, the worst time and memory and the eight slowest; 1 if any internal error."""
    internal = [row for row in rows if "internal error" in row[4] or "Traceback" in row[4]]
    print(f"{kind}: {len(rows)}; {exits.format(ok=sum(r[3] == 0 for r in rows), refused=sum(r[3] == 1 for r in rows))}; "
          f"internal errors: {len(internal)}")
    slowest = max(rows, key=lambda r: r[1])
    biggest = max(rows, key=lambda r: r[2])
    print(f"worst time: {slowest[1]:.2f} s ({slowest[0]})")
    print(f"worst peak memory: {biggest[2] / 1024:.0f} MB ({biggest[0]})")
    for name, seconds, peak, code, last in sorted(rows, key=lambda r: -r[1])[:8]:
        print(f"  {seconds:6.2f} s {peak / 1024:6.0f} MB exit {code}  {name}: {last}")
    for name, seconds, peak, code, last in internal:
        print(f"internal error: {name} (exit {code}, {seconds:.2f} s, {peak / 1024:.0f} MB): {last}")
    return 1 if internal else 0
