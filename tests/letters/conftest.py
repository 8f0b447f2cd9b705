"""Fixtures for the letter tests: the examples workspace and rendering helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, REPO, copy_examples  # noqa: F401  (re-exported)


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    """A copy of the examples workspace (profiles, Garuda, letter specs) to write into."""
    return copy_examples(tmp_path / "ws")
