#!/usr/bin/env python3
"""Build the PyInstaller bundle (build_installer.spec) and check it.

The checks: the data files are there (translations, fonts, rule data, icons); the window starts with
``--smoke``, in both languages and with Qt's own translation; the console program runs the commands of
docs/cli.md on a demo database (deadlines, check, an application form and the session report as PDF:
fonts and rule data in use). Prints the build time and the bundle's size; exits non-zero if anything fails.

    python tools/build_bundle.py            build, then check
    python tools/build_bundle.py --check    check the bundle already built
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def run(label: str, command: list, env: dict, problems: list[str], expect_out: Path | None = None):
    result = subprocess.run([str(c) for c in command], env=env, capture_output=True, text=True,
                            encoding="utf-8", errors="replace", timeout=180)
    ok = result.returncode == 0 and (expect_out is None or expect_out.exists() and expect_out.stat().st_size)
    print(f"  {'ok  ' if ok else 'FAIL'} {label}")
    if not ok:
        problems.append(f"{label}: exit {result.returncode}\n{result.stderr[-2000:]}")
    return result


def check_programs() -> list[str]:
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="zgc-bundle-") as folder:
        tmp = Path(folder)
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "ZGC_DESK_DATA_DIR": str(tmp / "userdata"), "PYTHONIOENCODING": "utf-8"}
        run("ZGCDesk --smoke (the window program)", [WINDOW, "--smoke"], env, problems)
        for language in ("zh_CN", "en"):
            # the console program says which language won (a windowed .exe may have no stderr on Windows)
            said = run(f"zgc-desk --smoke --lang {language}", [CONSOLE, "--lang", language, "--smoke"], env,
                       problems).stderr
            cancel = {"zh_CN": "取消", "en": "Cancel"}[language]  # Qt's own translation found in the bundle
            if f"language {language}, Qt's Cancel button: {cancel}" not in said:
                problems.append(f"the smoke run in {language} said: {said.strip()[-300:]}")
        db = tmp / "demo.db"
        run("zgc-desk --version", [CONSOLE, "--version"], env, problems)
        run("zgc-desk demo", [CONSOLE, "demo", "--db", db], env, problems, db)
        listing = run("zgc-desk deadlines --json", [CONSOLE, "deadlines", "--db", db, "--json"], env, problems)
        checked = run("zgc-desk check --json", [CONSOLE, "check", "--db", db, "--json"], env, problems)
        firm = _first(checked, "firm") or _first(listing, "firm")
        if firm is None:
            problems.append("no firm in the demo's deadlines or check output")
            return problems
        policy = _first(checked, "policy", eligible=True) or "invention_grant"
        run("zgc-desk fill (PDF)", [CONSOLE, "fill", "--db", db, "--firm", firm, "--policy", policy,
                                    "--out", tmp / "form.pdf", "--allow-empty"], env, problems, tmp / "form.pdf")
        run("zgc-desk fill (Excel)", [CONSOLE, "fill", "--db", db, "--firm", firm, "--policy", policy,
                                      "--out", tmp / "form.xlsx", "--allow-empty"], env, problems, tmp / "form.xlsx")
        run("zgc-desk report", [CONSOLE, "report", "--db", db, "--firm", firm, "--out", tmp / "report.pdf"],
            env, problems, tmp / "report.pdf")
        run("zgc-desk export", [CONSOLE, "export", "--db", db, "--out", tmp / "all.xlsx"], env, problems,
            tmp / "all.xlsx")
        run("zgc-desk template", [CONSOLE, "template", "--out", tmp / "blank.xlsx"], env, problems,
            tmp / "blank.xlsx")
        run("zgc-desk ics", [CONSOLE, "ics", "--db", db, "--out", tmp / "due.ics"], env, problems, tmp / "due.ics")
    return problems


def _first(result, key: str, **where):
    try:
        rows = json.loads(result.stdout)
    except ValueError:
        return None
    return next((row[key] for row in rows if all(row.get(k) == v for k, v in where.items())), None)


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
