"""Shared test fixtures: where the seed letters live."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
EXAMPLES = REPO / "examples"
#: The example letter specs that reproduce the seed letters (``NNN_<id>.yaml``), and those of the
#: other document kinds (orders …), which ``tests/issuing/test_kinds.py`` issues in order (an
#: amendment needs its order in the register).
SEED_SPECS = sorted(p for p in (EXAMPLES / "letters").glob("*.yaml") if p.name[:3].isdigit())
KIND_SPECS = sorted(p for p in (EXAMPLES / "letters").glob("*.yaml") if not p.name[:3].isdigit())


def copy_examples(target: Path) -> Path:
    """A copy of the examples workspace to write into: profiles, Garuda, letter and attachment
    specs, without what running it left behind (drafts, issued letters, the register)."""
    shutil.copytree(EXAMPLES, target, ignore=shutil.ignore_patterns("output", "*.sqlite*"))
    return target


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="session", autouse=True)
def examples_are_not_written():
    """Tests work on copies: the examples workspace is the same after the run as before it."""
    before = _snapshot(EXAMPLES)
    yield
    after = _snapshot(EXAMPLES)
    changed = sorted(set(before) ^ set(after) | {k for k in before if after.get(k) != before[k]})
    assert not changed, f"tests wrote into examples/: {changed[:5]}"


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
