#!/usr/bin/env python3
"""Build the package as a user gets it and check that it works outside the checkout.

Builds the source distribution and, from it, the wheel (``python -m build``: a fresh clone must build
a complete wheel); checks that the wheel holds every file the program reads at run time (the rule
data, form maps, fonts, icons and compiled catalogues of the source tree); installs it, with its
dependencies (from pip's cache when there), into a new virtual environment in a temporary folder; then
runs tools/program_checks.py there with that environment's ``zgc-desk``, from a folder outside the
checkout. Exits non-zero if anything fails.

    python tools/check_wheel.py                 build, install, check
    python tools/check_wheel.py --wheel X.whl   install and check a wheel already built
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import program_checks  # tools/program_checks.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
BIN = "Scripts" if os.name == "nt" else "bin"
EXE = ".exe" if os.name == "nt" else ""
NOT_READ_AT_RUN_TIME = {".py", ".pyc", ".md"}


def say(message: str) -> None:
    print(message, flush=True)


def step(label: str, command: list, **kwargs) -> subprocess.CompletedProcess:
    started = time.perf_counter()
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True, encoding="utf-8",
                            errors="replace", **kwargs)
    say(f"  {'ok  ' if result.returncode == 0 else 'FAIL'} {label} ({time.perf_counter() - started:.0f} s)")
    if result.returncode:
        say(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(1)
    return result


def required_files() -> list[str]:
    """Where each run-time file of the source tree must sit inside the wheel (see setup.py)."""
    package = [p.relative_to(ROOT).as_posix() for p in (ROOT / "zgc_desk").rglob("*")
               if p.is_file() and p.suffix not in NOT_READ_AT_RUN_TIME and "__pycache__" not in p.parts]
    resources = [f"zgc_desk/_data/{p.relative_to(ROOT).as_posix()}" for p in (ROOT / "resources").rglob("*")
                 if p.is_file()]
    catalogues = [f"zgc_desk/_data/{p.relative_to(ROOT).with_suffix('.mo').as_posix()}"
                  for p in (ROOT / "i18n").glob("*/LC_MESSAGES/zgc_desk.po")]
    return sorted(package + resources + catalogues)


def build(out: Path) -> Path:
    # --no-isolation: built with this environment's setuptools and babel (build checks that they meet
    # [build-system] requires) instead of downloading them into two new environments on every run
    result = step("build the sdist, then the wheel from it (python -m build)",
                  [sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ROOT])
    warnings = sorted({line.strip() for line in (result.stdout + result.stderr).splitlines()
                       if "Warning:" in line or "deprecated" in line.lower()})
    for line in warnings:
        say(f"  note: the build said: {line}")
    return next(out.glob("*.whl"))


def check_contents(wheel: Path) -> list[str]:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in required_files() if name not in names]
    say(f"  {'ok  ' if not missing else 'FAIL'} the wheel holds the {len(required_files())} run-time files")
    return [f"missing from the wheel: {name}" for name in missing]


def install(wheel: Path, venv: Path) -> Path:
    # a bare environment (no pip of its own, nothing from the system's site-packages), filled by our pip
    step("create a fresh virtual environment", [sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / BIN / f"python{EXE}"
    step("pip install the wheel (dependencies from the cache when there)",
         [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-compile", wheel])
    return python


def check_installed(python: Path, outside: Path) -> list[str]:
    where = subprocess.run([python, "-c", "import zgc_desk; print(zgc_desk.__file__)"], cwd=outside,
                           capture_output=True, text=True, env=clean_env(python)).stdout.strip()
    ok = where.startswith(str(python.parent.parent))
    say(f"  {'ok  ' if ok else 'FAIL'} zgc_desk is imported from the new environment ({where})")
    return [] if ok else [f"zgc_desk was imported from {where!r}, not from the wheel"]


def clean_env(python: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PATH"] = str(python.parent) + os.pathsep + env.get("PATH", "")
    return env


def main(argv: list[str]) -> int:
    say("wheel check: the package as built, installed outside the checkout")
    with tempfile.TemporaryDirectory(prefix="zgc-wheel-") as folder:
        tmp = Path(folder)
        wheel = Path(argv[argv.index("--wheel") + 1]).resolve() if "--wheel" in argv else build(tmp / "dist")
        problems = check_contents(wheel)
        python = install(wheel, tmp / "venv")
        problems += check_installed(python, tmp)
        problems += program_checks.check_programs([python.parent / f"zgc-desk{EXE}"], env=clean_env(python))
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    say(f"wheel check: {wheel.name}: " + ("ok" if not problems else f"{len(problems)} problem(s)"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
