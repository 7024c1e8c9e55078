"""The one resolver of the program's own files (zgc_desk/paths.py): a PyInstaller bundle's folder, the
installed package's ``_data/`` (what setup.py builds into a wheel), else the checkout."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from zgc_desk import paths


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A stand-in package folder inside a stand-in checkout; the resolver's cache cleared around it."""
    folder = tmp_path / "checkout" / "zgc_desk"
    folder.mkdir(parents=True)
    monkeypatch.setattr(paths, "PACKAGE_DIR", folder)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    paths.program_root.cache_clear()
    yield folder
    paths.program_root.cache_clear()


def test_a_checkout_or_editable_install_reads_the_top_level_folders(package):
    assert paths.resources_dir() == package.parent / "resources"
    assert paths.i18n_dir() == package.parent / "i18n"


def test_an_installed_wheel_reads_the_data_built_into_the_package(package):
    (package / "_data").mkdir()
    assert paths.cjk_font_path() == package / "_data" / "resources" / "fonts" / "DroidSansFallbackFull.ttf"
    assert paths.i18n_dir() == package / "_data" / "i18n"


def test_a_bundle_reads_its_data_folder(package, monkeypatch, tmp_path):
    (package / "_data").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    assert paths.resources_dir() == tmp_path / "bundle" / "resources"


def test_this_checkout_has_what_the_resolver_promises():
    paths.program_root.cache_clear()
    assert paths.cjk_font_path().is_file()
    assert (paths.i18n_dir() / "zh_CN" / "LC_MESSAGES" / "zgc_desk.po").is_file()
    assert Path(paths.resources_dir(), "icons", "app.svg").is_file()


def test_derived_data_goes_to_the_cache_folder_under_the_data_override(monkeypatch, tmp_path):
    monkeypatch.setenv("ZGC_DESK_DATA_DIR", str(tmp_path))
    assert paths.user_cache_dir() == tmp_path / "cache"
    monkeypatch.delenv("ZGC_DESK_DATA_DIR")
    assert paths.user_cache_dir() != paths.user_data_dir()
