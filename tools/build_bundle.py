#!/usr/bin/env python3
"""Build the PyInstaller bundle (build_installer.spec) and check it with ``--smoke``.

Prints the build time and the bundle's size; exits non-zero if the build or the smoke run fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> int:
    started = time.perf_counter()
    build = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                            str(ROOT / "build_installer.spec")], cwd=ROOT)
    if build.returncode:
        return build.returncode
    seconds = time.perf_counter() - started
    bundle = ROOT / "dist" / "ZGCDesk"
    exe = bundle / ("ZGCDesk.exe" if os.name == "nt" else "ZGCDesk")
    print(f"bundle: {bundle} — {folder_size(bundle) / 1e6:.0f} MB, built in {seconds:.0f} s")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    smoke = subprocess.run([str(exe), "--smoke"], env=env, timeout=120)
    print(f"smoke run: exit {smoke.returncode}")
    return smoke.returncode


if __name__ == "__main__":
    sys.exit(main())
