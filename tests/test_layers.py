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
    assert "2 kept, 0 broken" in result.stdout


def test_the_contract_names_every_layer_of_the_architecture():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    contract, no_orm = config["contracts"]
    assert no_orm["source_modules"] == ["zgc_desk.ui"] and no_orm["forbidden_modules"] == ["zgc_desk.models"]
    layers = [{name.strip() for name in layer.split(":")} for layer in contract["layers"]]
    expected = [{"ui"}, {"services"}, {"io", "forms", "deadlines", "subsidy_rules"}, {"operations"},
                {"schema", "models", "db", "migrations"}, {"errors", "changes", "i18n"}]
    assert layers == [{f"zgc_desk.{name}" for name in layer} for layer in expected]
    assert contract["ignore_imports"] == ["zgc_desk.migrations -> zgc_desk.io.backups"]  # the one, explained


def _lint_copy(tmp_path, module: str, line: str):
    """import-linter over a copy of the package with ``line`` added to ``module``: the check itself
    must catch a wrong import, or a green run proves nothing."""
    import shutil

    shutil.copytree(ROOT / "zgc_desk", tmp_path / "zgc_desk", ignore=shutil.ignore_patterns("_data", "__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "zgc_desk" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    env = {**__import__("os").environ, "PYTHONPATH": str(tmp_path)}
    return subprocess.run([sys.executable, "-c", _RUN], cwd=tmp_path, capture_output=True, text=True,
                          encoding="utf-8", timeout=300, env=env)


def test_an_upward_import_and_an_orm_row_in_the_window_are_both_caught(tmp_path):
    result = _lint_copy(tmp_path, "deadlines/engine.py", "import zgc_desk.services.records  # noqa")
    assert result.returncode != 0
    assert "zgc_desk.deadlines.engine -> zgc_desk.services.records" in result.stdout
    assert "1 kept, 1 broken" in result.stdout
    (tmp_path / "zgc_desk" / "deadlines" / "engine.py").write_text(
        (ROOT / "zgc_desk" / "deadlines" / "engine.py").read_text(encoding="utf-8"), encoding="utf-8")
    target = tmp_path / "zgc_desk" / "ui" / "pages" / "profile.py"
    target.write_text(target.read_text(encoding="utf-8") + "\nfrom zgc_desk.models import Firm  # noqa\n",
                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", _RUN], cwd=tmp_path, capture_output=True, text=True,
                            encoding="utf-8", timeout=300, env={**__import__("os").environ, "PYTHONPATH": str(tmp_path)})
    assert result.returncode != 0
    assert "zgc_desk.ui.pages.profile -> zgc_desk.models" in result.stdout
