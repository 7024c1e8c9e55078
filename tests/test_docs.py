"""The project's own documentation: nothing points outside the repository, links between the pages
resolve, and the reference pages name everything the code offers — every command and option
(docs/cli.md), every JSON key (docs/json.md), every sheet and column of the workbook (docs/workbook.md).
A command, key or column added without its documentation fails here."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
AS_OF = dt.date(2026, 11, 25)

# Spelled in pieces so that this file does not match itself.
OUTSIDE = ("../" + "shared", "/work/" + "shared")
# Reference files that live outside the repository; the docs/ pages replace them.
FOREIGN_FILES = ("CONTRACT" + ".md", "TECH-NOTES" + ".md", "ARCHITECTURE" + ".md")


def _tracked_files() -> list[Path]:
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [ROOT / name for name in listed.decode("utf-8").split("\0") if name]


def test_no_tracked_file_points_outside_the_repository():
    wrong = []
    for path in _tracked_files():
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images, fonts
        for number, line in enumerate(text.splitlines(), start=1):
            if any(word in line for word in OUTSIDE + FOREIGN_FILES):
                wrong.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not wrong, ("point to the docs/ pages instead (cli.md, json.md, workbook.md, development.md):\n"
                       + "\n".join(wrong))


def test_the_check_sees_a_pointer_outside(tmp_path):
    line = "see " + OUTSIDE[0] + "/" + FOREIGN_FILES[0]
    assert any(word in line for word in OUTSIDE + FOREIGN_FILES)


def test_links_between_the_pages_resolve():
    broken = []
    for page in sorted(DOCS.glob("*.md")) + [ROOT / "README.md"]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" not in target and not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert not broken, "\n".join(broken)


def test_every_command_and_option_is_in_cli_md():
    from zgc_desk.cli import COMMANDS, build_parser
    from zgc_desk.i18n import set_language

    set_language("en")
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    parser = build_parser()
    missing = [option for action in parser._actions for option in action.option_strings
               if option.startswith("--") and f"`{option}" not in text and option not in text]
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name in COMMANDS:
        if not re.search(rf"^### {re.escape(name)}$", text, re.MULTILINE):
            missing.append(f"section '### {name}'")
        usage = re.search(rf"^### {re.escape(name)}\n+(.*?)(?=^### |\Z)", text, re.MULTILINE | re.DOTALL)
        section = usage.group(1) if usage else ""
        for action in sub.choices[name]._actions:
            for option in action.option_strings:
                if option.startswith("--") and option not in ("--help", "--db", "--lang") and option not in section:
                    missing.append(f"{name} {option}")
    assert not missing, "docs/cli.md lacks: " + ", ".join(missing)


def _keys_documented(page: str) -> set[str]:
    return set(re.findall(r"^\| `([a-z_0-9]+)` \|", (DOCS / page).read_text(encoding="utf-8"), re.MULTILINE))


def test_every_key_of_deadlines_json_is_in_json_md(demo_db):
    from zgc_desk.deadlines import KINDS
    from zgc_desk.deadlines.output import deadline_record
    from zgc_desk.services.deadlines import list_deadlines

    records = [deadline_record(d) for d in list_deadlines(as_of=AS_OF, start=dt.date(2000, 1, 1),
                                                            end=dt.date(2060, 1, 1))]
    keys = {key for record in records for key in record}
    documented = _keys_documented("json.md")
    assert keys - documented == set(), f"docs/json.md lacks the keys {sorted(keys - documented)}"
    assert set(KINDS) - documented == set(), f"docs/json.md lacks the kinds {sorted(set(KINDS) - documented)}"


def test_every_key_of_check_json_is_in_json_md(demo_db):
    from zgc_desk.services.subsidies import check
    from zgc_desk.subsidy_rules.loader import shipped_policy_ids

    decisions = [d.as_dict() for d in check(as_of=AS_OF, round_year=2026).decisions]
    keys = {key for decision in decisions for key in decision}
    reason_keys = {key for decision in decisions for reason in decision["reasons"] for key in reason}
    text = (DOCS / "json.md").read_text(encoding="utf-8")
    missing = keys - _keys_documented("json.md")
    missing |= {key for key in reason_keys | set(shipped_policy_ids()) if f'"{key}"' not in text and f"`{key}`" not in text}
    assert not missing, f"docs/json.md lacks {sorted(missing)}"


def test_every_sheet_and_column_is_in_workbook_md():
    from zgc_desk.io.workbook_layout import SHEETS

    text = (DOCS / "workbook.md").read_text(encoding="utf-8")
    missing = [f"sheet {sheet.name}" for sheet in SHEETS if f"### {sheet.name}" not in text]
    for sheet in SHEETS:
        for column in sheet.columns:
            row = f"| {column.header}{'*' if column.required else ''} | `{column.key}` |"
            if row not in text:
                missing.append(f"{sheet.name}: {row}")
    assert not missing, "docs/workbook.md lacks:\n" + "\n".join(missing)
