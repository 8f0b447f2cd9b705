"""Fixtures for the letter tests: the examples workspace and rendering helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    """A copy of the examples workspace (profiles, Garuda, letter specs) to write into."""
    target = tmp_path / "ws"
    shutil.copytree(EXAMPLES, target, ignore=shutil.ignore_patterns("output"))
    return target
