"""Fixtures of the workbook tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def big_workbook(tmp_path_factory) -> Path:
    """100,000 patents of 50 firms, written once per test session."""
    from zgc_io_helpers import write_big_workbook

    return write_big_workbook(tmp_path_factory.mktemp("big") / "big.xlsx", 100_000)
