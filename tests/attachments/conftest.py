"""Fixtures for the attachment tests: the examples workspace and bundle rendering helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, REPO, copy_examples  # noqa: F401  (re-exported)


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    """A copy of the examples workspace (profiles, letter and attachment specs) to write into."""
    return copy_examples(tmp_path / "ws")


def render_bundle(spec_path: Path, workspace: Path, *, draft: bool = True) -> tuple[bytes, bytes]:
    """The letter and the combined DOCX (letter + attachments) of a letter spec."""
    from generator.render import load_offices_for, render
    from generator.render.bundle import attachment_parts, combine
    from generator.spec import load_spec

    spec = load_spec(spec_path)
    offices = load_offices_for(workspace)
    letter = render(spec, workspace, draft=draft, offices=offices)
    return letter, combine(letter, attachment_parts(spec, workspace, offices, draft=draft))
