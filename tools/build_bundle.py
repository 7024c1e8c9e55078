#!/usr/bin/env python3
"""Build the PyInstaller bundle (build_installer.spec) and check it.

The checks: the data files are there (translations, fonts, rule data, icons); then those of
tools/program_checks.py, shared with the wheel's check: the window starts with ``--smoke``, in both
languages and with Qt's own translation; the console program runs the commands of docs/cli.md on a
demo database (deadlines, check, an application form and the session report as PDF: fonts and rule
data in use). Prints the build time and the bundle's size; exits non-zero if anything fails.

    python tools/build_bundle.py            build, then check
    python tools/build_bundle.py --check    check the bundle already built
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import program_checks  # tools/program_checks.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "ZGCDesk"
EXE_SUFFIX = ".exe" if os.name == "nt" else ""
WINDOW = BUNDLE / f"ZGCDesk{EXE_SUFFIX}"
CONSOLE = BUNDLE / f"zgc-desk{EXE_SUFFIX}"
# Files the program reads at run time, relative to the bundle's data folder (_internal/).
REQUIRED = [
    "i18n/zh_CN/LC_MESSAGES/zgc_desk.mo",
    "resources/fonts/DroidSansFallbackFull.ttf",
    "resources/icons/app.svg", "resources/icons/png/app-256.png", "resources/icons/app.ico",
    "reportlab/fonts/Vera.ttf", "reportlab/fonts/VeraBd.ttf",
    "zgc_desk/deadlines/data/fees.yaml", "zgc_desk/deadlines/data/periods.yaml",
    "zgc_desk/deadlines/data/holidays.yaml", "zgc_desk/deadlines/data/pct_national_phase_months.csv",
    "zgc_desk/subsidy_rules/data/sources.yaml", "zgc_desk/subsidy_rules/policies/invention_grant/policy.yaml",
    "zgc_desk/forms/maps/_common.yaml", "zgc_desk/forms/maps/invention_grant_v1.yaml",
    "PySide6/**/qtbase_zh_CN.qm",  # PySide6/Qt/translations on Linux, PySide6/translations on Windows
]


def folder_size(path: Path) -> int:
    """Bytes on disk; symbolic links (PyInstaller links Qt's libraries on Linux) count once."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def build() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    str(ROOT / "build_installer.spec")], cwd=ROOT, check=True)
    return time.perf_counter() - started


def data_folder() -> Path:
    internal = BUNDLE / "_internal"
    return internal if internal.is_dir() else BUNDLE


def check_files() -> list[str]:
    return [f"missing from the bundle: {name}" for name in REQUIRED if not any(data_folder().glob(name))]


def check_programs() -> list[str]:
    return program_checks.check_programs([CONSOLE], window=[WINDOW])


def main(argv: list[str]) -> int:
    seconds = None if "--check" in argv else build()
    size = folder_size(BUNDLE) / 1e6
    print(f"bundle: {BUNDLE} — {size:.0f} MB" + (f", built in {seconds:.0f} s" if seconds is not None else ""))
    problems = check_files()
    print("checking the programs:")
    problems += check_programs()
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    print("bundle check: ok" if not problems else f"bundle check: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
