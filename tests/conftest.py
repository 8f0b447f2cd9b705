"""Shared test fixtures: where the seed letters live."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


def seed_path(stem_prefix: str) -> Path:
    """The seed letter whose file name starts with ``stem_prefix`` (e.g. ``"001"``)."""
    matches = sorted(SEEDS.glob(f"{stem_prefix}*.txt"))
    if len(matches) != 1:
        raise FileNotFoundError(f"expected one seed letter {stem_prefix}*.txt in {SEEDS}")
    return matches[0]


def normalise_space(text: str) -> str:
    """Collapse every run of white space (including line breaks) to one space."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    """The five seed letters by their three-digit prefix, with white space collapsed."""
    if not SEEDS.is_dir():
        pytest.fail(f"the seed letters are missing: {SEEDS} (../shared beside the repository)")
    return {p.name[:3]: normalise_space(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}
