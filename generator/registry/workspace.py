"""``gen-letter init``: a new one-office workspace.

::

    registry/office.yaml      the office profile, a worked example with a comment on each field
    registry/register.sqlite  the register (unless a PostgreSQL URL is given)
    letter_templates/         the stock DOCX templates, for the office to adapt in Word
    output/                   drafts/, issued/, exports/
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError

PROFILE_NAME = "office.yaml"

EXAMPLE_PROFILE = """\
# Office profile: what this office prints on its letters and how it numbers them.
# One file per office; several files in registry/ share one register.
# Digits may be typed Thai or Arabic; letters print them in the office's digit_style.

# Short id of the office. A letter spec names it as `office:` when registry/ holds several.
id: nk-cdd

# Letter code: the two Thai letters of the province (or ministry) and the department digits.
# Unit sub-codes (below) are added after a dot: นค ๐๐๑๙.๓
code: นค 0019

# The agency the letter is from, as cited by others: "หนังสือจังหวัดหนองคาย ที่ …"
agency: จังหวัดหนองคาย

# The office that keeps this register.
name: สำนักงานพัฒนาชุมชนจังหวัดหนองคาย

# Address lines at the top right of a letter. The last line gets the province code and
# postal code added: "ถนนมิตรภาพ นค ๔๓๐๐๐".
address:
  - ศาลากลางจังหวัดหนองคาย
  - ถนนมิตรภาพ

# Province of the address (its letter code, นค, comes from the list of 77 provinces).
province: หนองคาย

# Postal code, five digits, in quotes.
postal_code: "43000"

# Phone and fax of the office (optional); printed with Thai digits: ๐ ๔๒๔๑ ๑๑๘๒
phone: 0 4241 1182
fax: 0 4241 1182

# E-mail (optional; its digits always stay Arabic).
email: nongkhai@cdd.go.th

# Slogan line printed at the foot of letters (optional).
slogan: หนองคาย “เมืองน่าอยู่ มุ่งสู่เกษตรอินทรีย์ ท่องเที่ยววิถีกลุ่มน้ำโขง เชื่อมโยงการค้าชายแดน”

# Garuda image, relative to this folder, inside the workspace (or a trusted folder). Without
# it letters show a placeholder that says ตราครุฑ, and only a test office may issue them.
# garuda: garuda.png

# This profile is a worked example, so it is marked as a test office: its letters may be issued
# with the placeholder Garuda. Delete this line once garuda: names the office's own image.
test_office: true

# Digits on letters: thai (the rule for official letters) or arabic.
digit_style: thai

# Page geometry of the office's letters and their attachment documents (optional; these are
# the defaults, common practice: top margin from page 2, bottom margin, space before a
# paragraph). Page 1's top is fixed by the Garuda, 1.5 cm from the top edge.
page:
  top_margin_cm: 2.5
  bottom_margin_cm: 2
  space_before_pt: 6

numbering:
  # Circulars (ว): `separate` gives them their own series from ๑ each year;
  # `shared` numbers them in the ordinary series, still marked ว.
  circulars: separate

# Units: sub-code → name and phones. A letter owned by unit "3" is numbered นค ๐๐๑๙.๓/…
# and shows the unit at its foot.
units:
  "3":
    name: กลุ่มงานส่งเสริมการพัฒนาชุมชน
    parent: สำนักงานพัฒนาชุมชนจังหวัด    # optional line above the unit name
    phone: 0 4241 1182
    fax: 0 4241 1182                     # optional; "โทร./โทรสาร" when equal to phone

# Signers: id → name and position. Someone signing for another adds `acting`
# (ปฏิบัติราชการแทน, รักษาราชการแทน or รักษาการในตำแหน่ง) and `principal`, the position
# signed for. A letter spec names the signer by id.
signers:
  governor:
    name: นายสมชาย ใจดี
    position: ผู้ว่าราชการจังหวัดหนองคาย
  pranee:
    name: นางสาวปราณี วงศ์บุตร
    position: รองผู้ว่าราชการจังหวัด
    acting: ปฏิบัติราชการแทน
    principal: ผู้ว่าราชการจังหวัดหนองคาย
"""


@dataclass
class Workspace:
    root: Path
    profile: Path
    database: str
    templates: list[Path] = field(default_factory=list)


def stock_templates() -> Path | None:
    """The package's stock templates folder, when the package provides one."""
    try:
        from .. import paths
    except ImportError:
        return None
    finder = getattr(paths, "stock_templates_dir", None)
    if finder is None:
        return None
    folder = Path(finder())
    return folder if folder.is_dir() else None


def init_workspace(directory: Path, url: str | None = None) -> Workspace:
    """Make a one-office workspace in ``directory`` (created if needed).

    Refuses a folder that already has office profiles. With a PostgreSQL ``url`` the register
    lives there and is checked before any file is written; either way nothing is left behind
    when a step fails.
    """
    from .database import safe_url
    from .store import DB_NAME, Registry

    root = Path(directory)
    if root.exists() and not root.is_dir():
        raise UserError(f"{root} exists and is not a folder")
    if any((root / "registry").glob("*.yaml")):
        raise UserError(f"{root} is already a workspace (registry/ has office profiles)")
    url = url or None
    if url is not None:
        # Reach the server (and bring its schema up to date) before writing anything here.
        _check_url(url)

    made: list[Path] = []

    def mkdir(path: Path) -> None:
        if not path.exists():
            for parent in reversed([path, *path.parents]):
                if not parent.exists():
                    parent.mkdir()
                    made.append(parent)

    try:
        for folder in ("registry", "letter_templates", "output/drafts", "output/issued",
                       "output/exports"):
            mkdir(root / folder)
        profile = root / "registry" / PROFILE_NAME
        profile.write_text(EXAMPLE_PROFILE, encoding="utf-8")
        made.append(profile)
        templates = []
        source = stock_templates()
        if source is not None:
            for item in sorted(source.iterdir()):
                target = root / "letter_templates" / item.name
                if item.is_file() and not target.exists():
                    shutil.copy2(item, target)
                    made.append(target)
                    templates.append(target)
        if url is None and not (root / "registry" / DB_NAME).exists():
            made.append(root / "registry" / DB_NAME)
        Registry.open(root, url).close()
    except BaseException:
        for path in reversed(made):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                for extra in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                    extra.unlink(missing_ok=True)
        raise
    database = safe_url(url) if url else str(root / "registry" / DB_NAME)
    return Workspace(root, profile, database, templates)


def _check_url(url: str) -> None:
    from .database import check_connection, make_engine, upgrade

    engine = make_engine(url)
    try:
        check_connection(engine)
        upgrade(engine)
    finally:
        engine.dispose()
