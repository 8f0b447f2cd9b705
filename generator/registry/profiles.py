"""Office profiles: ``registry/*.yaml``, one office per file, validated on load.

An office profile holds what an office prints on every letter (code, agency, address, phones,
slogan, Garuda image), its units (the ``.๓`` sub-codes) and signers, and its numbering and digit
settings. The format is described in ``registry/README.md``. ``test_office: true`` marks an office
whose letters are tests or examples: only such an office may issue a letter that still carries
the placeholder Garuda (:mod:`generator.issuing.garuda`). Every problem is a
:class:`~generator.errors.UserError` naming the file, the line and the field: the YAML is
composed into nodes first so that each value keeps the line it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import UserError
from ..thai.digits import digits as _digits
from ..thai.digits import to_arabic_digits
from ..thai.errors import ThaiValueError
from .numbers import Code, format_number

from ..thai.vocabulary import ACTING as ACTING_PHRASES
DIGIT_STYLES = ("thai", "arabic")
CIRCULAR_MODES = ("separate", "shared")
#: Does the office print its announcements' numbers (rules §1: not unless it says so)? Either
#: way each announcement takes the next number of the office's series of announcements, which the
#: register keeps.
ANNOUNCEMENT_MODES = ("unnumbered", "numbered")

REQUIRED = ("id", "code", "agency", "name", "address", "province", "postal_code")
OPTIONAL = ("phone", "fax", "email", "slogan", "garuda", "digit_style", "numbering", "units",
            "signers", "trusted_folders", "ecms", "signing", "test_office", "page")
# e-CMS and signing settings: plain mappings here, their keys checked by generator.exchange.
ECMS_KEYS = {"ministry_id": False, "department_id": False, "speed_codes": False,
             "secret_codes": False}
SIGNING_KEYS = {"pkcs12": False, "password_env": False, "trust": False}
UNIT_KEYS = {"name": True, "parent": False, "phone": False, "fax": False, "email": False}
SIGNER_KEYS = {"name": True, "position": True, "acting": False, "principal": False}
NUMBERING_KEYS = {"circulars": False, "announcements": False}
#: ``page:`` — the page geometry thai-correspondence.md §3 marks [C] (a setting, the rule's value
#: the default, :class:`PageSettings`): key → (lowest, highest, unit). The lowest top margin
#: leaves the page number room above the text; outside these bounds a value is a typing mistake.
PAGE_KEYS = {"top_margin_cm": (2.0, 4.0, "cm"), "bottom_margin_cm": (1.0, 4.0, "cm"),
             "space_before_pt": (0.0, 24.0, "pt")}


@dataclass(frozen=True)
class PageSettings:
    """An office's page geometry (``page:``), the rules' [C] values by default; the renderer
    applies it (:mod:`generator.docx.page`, which the profile loader does not import: reading a
    profile stays light)."""

    top_margin_cm: float = 2.5      # the text's top from page 2 (page 1: the Garuda's 1.5 cm)
    bottom_margin_cm: float = 2.0
    space_before_pt: float = 6.0

    @property
    def is_default(self) -> bool:
        return self == PageSettings()


@dataclass(frozen=True)
class Unit:
    """A unit of an office with its sub-code (``"3"`` → ``นค ๐๐๑๙.๓``)."""

    code: str
    name: str
    parent: str | None = None
    phone: str | None = None
    fax: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Signer:
    """Someone who signs letters: name, own position, and the acting phrase and principal's
    position when signing for someone else
    (``ปฏิบัติราชการแทน`` / ``ผู้ว่าราชการจังหวัดหนองคาย``)."""

    id: str
    name: str
    position: str
    acting: str | None = None
    principal: str | None = None

    @property
    def position_lines(self) -> tuple[str, ...]:
        """The lines under the name in brackets.

        >>> Signer("p", "นางสาวปราณี วงศ์บุตร", "รองผู้ว่าราชการจังหวัด", "ปฏิบัติราชการแทน",
        ...        "ผู้ว่าราชการจังหวัดหนองคาย").position_lines
        ('รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน', 'ผู้ว่าราชการจังหวัดหนองคาย')
        """
        if self.acting:
            return (f"{self.position} {self.acting}", self.principal or "")
        return (self.position,)


@dataclass(frozen=True)
class Office:
    """One office profile. ``code`` is canonical (Arabic digits, ``นค 0019``); the texts printed
    on letters come from :meth:`letter_code` and :meth:`number_text` in the office digit style."""

    id: str
    code: str
    agency: str
    name: str
    address: tuple[str, ...]
    province: str
    postal_code: str
    phone: str | None = None
    fax: str | None = None
    email: str | None = None
    slogan: str | None = None
    garuda: Path | None = None
    digit_style: str = "thai"
    circulars: str = "separate"
    announcements: str = "unnumbered"
    units: dict[str, Unit] = field(default_factory=dict, hash=False, compare=False)
    signers: dict[str, Signer] = field(default_factory=dict, hash=False, compare=False)
    ecms: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    signing: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    source: Path | None = field(default=None, compare=False)
    #: Folders outside the workspace whose files letters may send (relative to the profile).
    trusted_folders: tuple[Path, ...] = field(default=(), compare=False)
    #: A test or example office: its letters may be issued with the placeholder Garuda.
    test_office: bool = False
    #: The page geometry its letters and their attachment documents are set with (``page:``).
    page: PageSettings = field(default_factory=PageSettings)

    @property
    def province_code(self) -> str:
        """The province's letter code (``หนองคาย`` → ``นค``), used after the address."""
        from ..thai.codes import province_code

        return province_code(self.province)

    @property
    def code_key(self) -> str:
        """The counter key of this office's series: ``นค0019``."""
        return Code.parse(self.code).key

    def letter_code(self, unit: str | None = None, digit_style: str | None = None) -> str:
        """``นค ๐๐๑๙`` or, with a unit, ``นค ๐๐๑๙.๓`` in the office digit style."""
        if unit is not None:
            unit = self.unit(unit).code
        return Code.parse(self.code).with_unit(unit).text(digit_style or self.digit_style)

    def number_text(self, running: int, *, unit: str | None = None, circular: bool = False,
                    digit_style: str | None = None) -> str:
        """The full number of one of this office's letters, e.g. ``นค ๐๐๑๙.๓/ว ๑๕๕๕๗``."""
        if unit is not None:
            unit = self.unit(unit).code
        return format_number(self.code, running, unit=unit, circular=circular,
                             digit_style=digit_style or self.digit_style)

    def series(self, circular: bool) -> str:
        """The series a letter's number comes from: ``"ว"`` for circulars with their own
        series, ``""`` for the ordinary one."""
        return "ว" if circular and self.circulars == "separate" else ""

    def unit(self, code: str | int) -> Unit:
        key = _unit_key(code)
        if key not in self.units:
            known = ", ".join(sorted(self.units)) or "none"
            raise UserError(f"unknown unit {str(code)!r} of office {self.id!r}",
                            file=_show(self.source), field="unit", hint=f"units: {known}")
        return self.units[key]

    def signer(self, signer_id: str) -> Signer:
        if signer_id not in self.signers:
            known = ", ".join(sorted(self.signers)) or "none"
            raise UserError(f"unknown signer {signer_id!r} of office {self.id!r}",
                            file=_show(self.source), field="signer", hint=f"signers: {known}")
        return self.signers[signer_id]

    def text(self, value: str) -> str:
        """Running text in this office's digit style."""
        return _digits(value, self.digit_style)


def load_offices(workspace: Path) -> dict[str, Office]:
    """Every office profile of a workspace (``registry/*.yaml``), by id.

    An empty dict when there is no profile; :class:`UserError` for the first bad one.
    """
    folder = Path(workspace) / "registry"
    offices: dict[str, Office] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        office = load_office(path)
        if office.id in offices:
            raise UserError(f"office id {office.id!r} is also used by "
                            f"{_show(offices[office.id].source)}", file=_show(path), field="id")
        offices[office.id] = office
    return offices


def load_office(path: Path) -> Office:
    """One office profile file, validated."""
    from ..spec.loader import MAX_BYTES

    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise UserError(f"is larger than {MAX_BYTES // 1024} KB, too large for an office "
                            "profile", file=_show(path))
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"cannot read the office profile: {error}", file=_show(path)) from None
    return parse_office(text, path)


def parse_office(text: str, path: Path) -> Office:
    """An office profile from YAML text; ``path`` names it in errors and anchors ``garuda``."""
    from ..spec.loader import compose_yaml

    node = compose_yaml(text, _show(path))  # the one YAML reader: aliases refused, one wording
    return _Reader(path).office(node)


class _Reader:
    """Turns composed YAML nodes into an :class:`Office`, keeping lines for errors."""

    def __init__(self, path: Path):
        self.path = path
        from ..spec.loader import scalar_constructor

        self.constructor = scalar_constructor()

    def fail(self, message: str, node: yaml.Node | None, field: str | None) -> UserError:
        line = node.start_mark.line + 1 if node is not None else None
        return UserError(message, file=_show(self.path), field=field, line=line)

    def mapping(self, node: yaml.Node, field: str | None, allowed: dict[str, bool] | tuple,
                where: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(f"{where} must be a mapping of keys to values", node, field)
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node)
            key = str(key)
            name = f"{field}.{key}" if field else key
            if allowed is not None and key not in allowed:
                known = ", ".join(allowed)
                raise self.fail(f"unknown key in {where} (known keys: {known})", key_node, name)
            if key in out:
                raise self.fail(f"duplicate key in {where}", key_node, name)
            out[key] = (key_node, value_node)
        return out

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return node
        return self.constructor.construct_object(node, deep=True)

    def text(self, node: yaml.Node, field: str, *, numeric_ok: bool = False) -> str:
        value = self.scalar(node)
        if isinstance(value, bool) or not isinstance(value, (str, int) if numeric_ok else str):
            raise self.fail(f"must be text, not {_kind(value)}", node, field)
        value = str(value).strip()
        if not value:
            raise self.fail("must not be empty", node, field)
        return value

    def flag(self, node: yaml.Node, field: str) -> bool:
        value = self.scalar(node)
        if not isinstance(value, bool):
            raise self.fail(f"must be true or false, not {_kind(value)}", node, field)
        return value

    def choice(self, node: yaml.Node, field: str, choices: tuple[str, ...]) -> str:
        value = self.text(node, field)
        if value not in choices:
            raise self.fail(f"{value!r} is not one of: {', '.join(choices)}", node, field)
        return value

    def office(self, root: yaml.Node | None) -> Office:
        if root is None:
            raise UserError("the office profile is empty", file=_show(self.path))
        items = self.mapping(root, None, REQUIRED + OPTIONAL, "an office profile")
        for key in REQUIRED:
            if key not in items:
                raise self.fail(f"missing required key {key!r}", root, key)
        get = {key: value for key, (_, value) in items.items()}
        values: dict[str, Any] = {}

        office_id = self.text(get["id"], "id", numeric_ok=True)
        if any(ch.isspace() or ch == "/" for ch in office_id):
            raise self.fail("an office id has no spaces or slashes (e.g. nk-cdd)", get["id"], "id")
        values["id"] = office_id
        code_text = self.text(get["code"], "code")
        try:
            code = Code.parse(code_text)
        except UserError as error:
            raise self.fail(error.message, get["code"], "code") from None
        values["code"] = code.text("arabic")
        values["agency"] = self.text(get["agency"], "agency")
        values["name"] = self.text(get["name"], "name")
        values["address"] = self.address(get["address"])
        values["province"] = self.province(get["province"])
        values["postal_code"] = self.postal_code(get["postal_code"])
        for key in ("phone", "fax", "slogan"):
            if key in get:
                values[key] = self.text(get[key], key, numeric_ok=True)
        if "email" in get:
            values["email"] = self.email(get["email"], "email")
        if "trusted_folders" in get:  # before garuda: the image may lie in a trusted folder
            values["trusted_folders"] = self.folders(get["trusted_folders"], "trusted_folders")
        if "garuda" in get:
            values["garuda"] = self.garuda(get["garuda"], values.get("trusted_folders", ()))
        if "digit_style" in get:
            values["digit_style"] = self.choice(get["digit_style"], "digit_style", DIGIT_STYLES)
        if "numbering" in get:
            numbering = self.mapping(get["numbering"], "numbering", NUMBERING_KEYS, "numbering")
            if "circulars" in numbering:
                values["circulars"] = self.choice(numbering["circulars"][1],
                                                  "numbering.circulars", CIRCULAR_MODES)
            if "announcements" in numbering:
                values["announcements"] = self.choice(numbering["announcements"][1],
                                                      "numbering.announcements",
                                                      ANNOUNCEMENT_MODES)
        if "units" in get:
            values["units"] = self.units(get["units"])
        if "signers" in get:
            values["signers"] = self.signers(get["signers"])
        if "test_office" in get:
            values["test_office"] = self.flag(get["test_office"], "test_office")
        if "page" in get:
            values["page"] = self.page(get["page"])
        for key, allowed in (("ecms", ECMS_KEYS), ("signing", SIGNING_KEYS)):
            if key in get:
                values[key] = {name: self.plain(value, f"{key}.{name}") for name, (_, value)
                               in self.mapping(get[key], key, tuple(allowed), key).items()}
        return Office(**values, source=self.path)

    def page(self, node: yaml.Node) -> PageSettings:
        """``page:`` — margins in centimetres, space before in points, each within
        :data:`PAGE_KEYS`' bounds; a key left out keeps the rule's value."""
        values = {}
        for key, (_, value) in self.mapping(node, "page", tuple(PAGE_KEYS), "page").items():
            low, high, unit = PAGE_KEYS[key]
            number = self.scalar(value)
            name = f"page.{key}"
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                raise self.fail(f"must be a number of {unit}, not {_kind(number)}", value, name)
            if not low <= number <= high:
                raise self.fail(f"{number} {unit} is outside {low:g}–{high:g} {unit}", value, name)
            values[key] = float(number)
        return PageSettings(**values)

    def folders(self, node: yaml.Node, field: str) -> tuple[Path, ...]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail("must be a list of folders", node, field)
        found = []
        for i, item in enumerate(node.value):
            value = Path(self.text(item, f"{field}[{i}]"))
            path = (value if value.is_absolute() else self.path.parent / value).resolve()
            if not path.is_dir():
                raise self.fail(f"no such folder: {path}", item, f"{field}[{i}]")
            found.append(path)
        return tuple(found)

    def plain(self, node: yaml.Node, field: str) -> Any:
        """Text, or a mapping of text to text (a code table)."""
        if isinstance(node, yaml.MappingNode):
            return {str(self.scalar(k)): self.text(v, f"{field}.{self.scalar(k)}", numeric_ok=True)
                    for k, v in node.value}
        return self.text(node, field, numeric_ok=True)

    def address(self, node: yaml.Node) -> tuple[str, ...]:
        if isinstance(node, yaml.ScalarNode):
            return (self.text(node, "address"),)
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            raise self.fail("must be a list of address lines", node, "address")
        return tuple(self.text(item, f"address[{i}]") for i, item in enumerate(node.value))

    def province(self, node: yaml.Node) -> str:
        from ..thai.codes import province

        name = self.text(node, "province")
        try:
            return province(name).name
        except ThaiValueError as error:
            raise self.fail(str(error), node, "province") from None

    def postal_code(self, node: yaml.Node) -> str:
        value = to_arabic_digits(self.text(node, "postal_code", numeric_ok=True))
        if not (value.isascii() and value.isdigit() and len(value) == 5):
            raise self.fail(f"{value!r} is not a five-digit postal code", node, "postal_code")
        return value

    def email(self, node: yaml.Node, field: str) -> str:
        value = self.text(node, field)
        if "@" not in value or " " in value:
            raise self.fail(f"{value!r} is not an e-mail address", node, field)
        return value

    def garuda(self, node: yaml.Node, trusted: tuple[Path, ...] = ()) -> Path:
        """The Garuda image: inside the workspace (the folder holding ``registry/``) or a
        trusted folder, symlinks followed."""
        from ..paths import confined

        value = Path(self.text(node, "garuda"))
        path = value if value.is_absolute() else self.path.parent / value
        confined(path, [self.workspace, *trusted], file=_show(self.path), field="garuda",
                 line=node.start_mark.line + 1)
        if not path.is_file():
            raise self.fail(f"image file not found: {path}", node, "garuda")
        return path

    @property
    def workspace(self) -> Path:
        """The workspace a profile belongs to: the folder holding its ``registry/``."""
        folder = self.path.resolve().parent
        return folder.parent if folder.name == "registry" else folder

    def units(self, node: yaml.Node) -> dict[str, Unit]:
        units: dict[str, Unit] = {}
        for key, (key_node, value_node) in self.mapping(node, "units", None, "units").items():
            code = _unit_key(key)
            if not code.replace(".", "").isdigit():
                raise self.fail(f"a unit sub-code is digits, like \"3\" (got {key!r})", key_node,
                                f"units.{key}")
            if code in units:
                raise self.fail("duplicate unit sub-code", key_node, f"units.{key}")
            field_name = f"units.{key}"
            items = self.mapping(value_node, field_name, tuple(UNIT_KEYS), f"unit {key}")
            values = self.fields(items, UNIT_KEYS, field_name, value_node)
            if "email" in values:
                values["email"] = self.email(items["email"][1], f"{field_name}.email")
            units[code] = Unit(code=code, **values)
        return units

    def signers(self, node: yaml.Node) -> dict[str, Signer]:
        signers: dict[str, Signer] = {}
        for key, (key_node, value_node) in self.mapping(node, "signers", None, "signers").items():
            field_name = f"signers.{key}"
            items = self.mapping(value_node, field_name, tuple(SIGNER_KEYS), f"signer {key}")
            values = self.fields(items, SIGNER_KEYS, field_name, value_node)
            if "acting" in values:
                values["acting"] = self.choice(items["acting"][1], f"{field_name}.acting",
                                               ACTING_PHRASES)
                if "principal" not in values:
                    raise self.fail("an acting signer needs 'principal' (the position signed "
                                    "for)", value_node, f"{field_name}.principal")
            signers[key] = Signer(id=key, **values)
        return signers

    def fields(self, items: dict, spec: dict[str, bool], where: str, node: yaml.Node) -> dict:
        for key, required in spec.items():
            if required and key not in items:
                raise self.fail(f"missing required key {key!r}", node, f"{where}.{key}")
        return {key: self.text(value, f"{where}.{key}", numeric_ok=True)
                for key, (_, value) in items.items()}


def _unit_key(code: str | int) -> str:
    return "".join(to_arabic_digits(str(code)).split())


def _kind(value: Any) -> str:
    if isinstance(value, yaml.Node):
        return {"MappingNode": "a mapping", "SequenceNode": "a list"}.get(type(value).__name__,
                                                                          "a node")
    if value is None:
        return "empty"
    return {bool: "true/false", int: "a number", float: "a number"}.get(type(value),
                                                                        type(value).__name__)


def _show(path: Path | None) -> str | None:
    return str(path) if path is not None else None
