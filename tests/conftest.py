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


def placeholder_garuda_png(width: int = 200, height: int = 220) -> bytes:
    """A plain PNG: a grey frame with a cross through it, clearly not the emblem. At its default
    size it is the placeholder earlier versions drew where the Garuda goes
    (:data:`generator.issuing.garuda.EARLIER_PLACEHOLDER`); at another, an office's "own" image.
    Written with zlib, so the tests need no imaging library for it.

    >>> import hashlib
    >>> from generator.issuing.garuda import EARLIER_PLACEHOLDER
    >>> hashlib.sha256(placeholder_garuda_png()).hexdigest() == EARLIER_PLACEHOLDER
    True
    """
    import struct
    import zlib

    rows = []
    for y in range(height):
        row = bytearray([0])  # filter type 0
        for x in range(width):
            edge = x < 6 or y < 6 or x >= width - 6 or y >= height - 6
            diagonal = abs(x * height - y * width) < 3 * width or \
                abs((width - 1 - x) * height - y * width) < 3 * width
            row += bytes((120, 120, 120)) if edge or diagonal else bytes((236, 236, 236))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))
