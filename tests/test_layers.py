"""The layers contract (ARCHITECTURE practice 15, ``[tool.importlinter]`` in pyproject.toml), checked by
import-linter: ui -> services -> {io, forms, deadlines, subsidy_rules} -> operations ->
{schema, models, db} -> {errors, changes, i18n}; nothing imports upward, even through a chain."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_RUN = ("import sys; from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))")


def test_no_module_imports_a_layer_above_its_own():
    result = subprocess.run([sys.executable, "-c", _RUN], cwd=ROOT, capture_output=True, text=True,
                            encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_contract_names_every_layer_of_the_architecture():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = config["contracts"]
    layers = [{name.strip() for name in layer.split(":")} for layer in contract["layers"]]
    expected = [{"ui"}, {"services"}, {"io", "forms", "deadlines", "subsidy_rules"}, {"operations"},
                {"schema", "models", "db", "migrations"}, {"errors", "changes", "i18n"}]
    assert layers == [{f"zgc_desk.{name}" for name in layer} for layer in expected]
    assert contract["ignore_imports"] == ["zgc_desk.migrations -> zgc_desk.io.backups"]  # the one, explained
