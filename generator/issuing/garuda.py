"""A letter is not issued with the placeholder Garuda, except by a test office.

An office that names no Garuda image gets a placeholder that says ตราครุฑ
(:data:`generator.render.PLACEHOLDER_GARUDA`), and so does a draft made before its image was in
place. Issuing looks at the images the draft carries: one that is a placeholder, byte for byte
(today's, or the grey cross of earlier versions), stops the issue before a number is taken,
unless the office profile says ``test_office: true`` (the example workspace's offices do).
"""

from __future__ import annotations

import hashlib

from ..errors import UserError


#: The grey cross earlier versions drew (200 × 220 pixels, once the example workspace's
#: ``garuda.png``; the tests draw it again: ``tests/conftest.py``, ``placeholder_garuda_png``).
EARLIER_PLACEHOLDER = "780329d0c84c016fed610c37fe65a7433bfb23d39842197b7e9ffc14fe8c751f"


def placeholder_checksums() -> set[str]:
    """SHA-256 of every image gen-letter ever drew as the placeholder Garuda."""
    from ..render import placeholder_garuda

    return {hashlib.sha256(placeholder_garuda()).hexdigest(), EARLIER_PLACEHOLDER}


def refuse_placeholder(draft, office) -> None:
    """UserError when the draft still shows the placeholder Garuda and ``office`` is no test
    office."""
    if getattr(office, "test_office", False):
        return
    known = placeholder_checksums()
    for name, blob in draft.package.parts.items():
        if name.startswith("word/media/") and hashlib.sha256(blob).hexdigest() in known:
            profile = str(office.source) if getattr(office, "source", None) else None
            raise UserError("the letter still carries the placeholder Garuda (ตราครุฑ), not the "
                            f"office's own image; {draft.name} is not issued", file=profile,
                            field="garuda",
                            hint="put the office's Garuda image beside the profile, name it "
                                 "under garuda: and make the draft again (or set test_office: "
                                 "true for a test office)")
