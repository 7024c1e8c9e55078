"""The installed program's checks, shared by the bundle (build_bundle.py) and the wheel (check_wheel.py).

Run from a temporary folder outside the checkout, on a fresh demo database: the command line in both
languages (Chinese help text: the compiled catalogue was found), ``--smoke`` in both languages (the
window starts offscreen; Qt's own translation found), and the commands of docs/cli.md that read the
program's files at run time — rule data (deadlines, check), form maps and the Chinese font (fill as
PDF and Excel, report), the calendar export (ics). Each check prints one line; problems are returned.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

CJK = re.compile(r"[\u4e00-\u9fff]")


def run(label: str, command: list, env: dict, problems: list[str], expect_out: Path | None = None,
        cwd: Path | None = None, expect_stdout: re.Pattern | None = None):
    result = subprocess.run([str(c) for c in command], env=env, capture_output=True, text=True, cwd=cwd,
                            encoding="utf-8", errors="replace", timeout=180)
    ok = (result.returncode == 0 and (expect_out is None or expect_out.exists() and expect_out.stat().st_size)
          and (expect_stdout is None or expect_stdout.search(result.stdout)))
    print(f"  {'ok  ' if ok else 'FAIL'} {label}", flush=True)
    if not ok:
        problems.append(f"{label}: exit {result.returncode}\n{result.stdout[-600:]}{result.stderr[-2000:]}")
    return result


def check_programs(console: list, window: list | None = None, env: dict | None = None) -> list[str]:
    """``console`` runs the command line (``zgc-desk``), ``window`` the windowed program if separate."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="zgc-check-") as folder:
        tmp = Path(folder)
        env = {**(env or os.environ), "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "ZGC_DESK_DATA_DIR": str(tmp / "userdata"), "PYTHONIOENCODING": "utf-8"}

        def check(label, args, expect_out=None, expect_stdout=None):
            return run(label, [*console, *args], env, problems, expect_out, tmp, expect_stdout)

        if window:
            run(f"{Path(str(window[-1])).name} --smoke (the window program)", [*window, "--smoke"], env,
                problems, cwd=tmp)
        check("zgc-desk --lang zh_CN deadlines --help (in Chinese)", ["--lang", "zh_CN", "deadlines", "--help"],
              expect_stdout=CJK)
        check("zgc-desk --lang en deadlines --help (in English)", ["--lang", "en", "deadlines", "--help"],
              expect_stdout=re.compile(r"^usage: ", re.M))
        for language in ("zh_CN", "en"):
            # the program says which language won (a windowed .exe may have no stderr on Windows)
            said = check(f"zgc-desk --smoke --lang {language}", ["--lang", language, "--smoke"]).stderr
            cancel = {"zh_CN": "取消", "en": "Cancel"}[language]  # Qt's own translation found
            if f"language {language}, Qt's Cancel button: {cancel}" not in said:
                problems.append(f"the smoke run in {language} said: {said.strip()[-300:]}")
        db = tmp / "demo.db"
        check("zgc-desk --version", ["--version"])
        check("zgc-desk demo", ["demo", "--db", db], db)
        listing = check("zgc-desk deadlines --json", ["deadlines", "--db", db, "--json"])
        checked = check("zgc-desk check --json", ["check", "--db", db, "--json"])
        firm = _first(checked, "firm") or _first(listing, "firm")
        if firm is None:
            problems.append("no firm in the demo's deadlines or check output")
            return problems
        policy = _first(checked, "policy", eligible=True) or "invention_grant"
        fill = ["fill", "--db", db, "--firm", firm, "--policy", policy, "--allow-empty", "--out"]
        check("zgc-desk fill (PDF)", [*fill, tmp / "form.pdf"], tmp / "form.pdf")
        check("zgc-desk fill (Excel)", [*fill, tmp / "form.xlsx"], tmp / "form.xlsx")
        check("zgc-desk report", ["report", "--db", db, "--firm", firm, "--out", tmp / "report.pdf"],
              tmp / "report.pdf")
        check("zgc-desk export", ["export", "--db", db, "--out", tmp / "all.xlsx"], tmp / "all.xlsx")
        check("zgc-desk template", ["template", "--out", tmp / "blank.xlsx"], tmp / "blank.xlsx")
        check("zgc-desk ics", ["ics", "--db", db, "--out", tmp / "due.ics"], tmp / "due.ics")
    return problems


def _first(result, key: str, **where):
    try:
        rows = json.loads(result.stdout)
    except ValueError:
        return None
    return next((row[key] for row in rows if all(row.get(k) == v for k, v in where.items())), None)
