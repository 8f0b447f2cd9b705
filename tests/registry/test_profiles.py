"""Office profiles: the worked example loads; every kind of mistake names file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import UserError
from generator.registry import Registry, load_offices
from generator.registry.profiles import load_office
from generator.registry.workspace import EXAMPLE_PROFILE

from .conftest import assert_one_line_error, cli


def write_profile(folder: Path, text: str, name: str = "office.yaml") -> Path:
    (folder / "registry").mkdir(parents=True, exist_ok=True)
    path = folder / "registry" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_worked_example_loads_with_every_field(tmp_path):
    write_profile(tmp_path, EXAMPLE_PROFILE)
    offices = load_offices(tmp_path)
    office = offices["nk-cdd"]
    assert office.code == "นค 0019" and office.code_key == "นค0019"
    assert office.letter_code() == "นค ๐๐๑๙"
    assert office.letter_code("3") == "นค ๐๐๑๙.๓"
    assert office.number_text(15557, unit="3") == "นค ๐๐๑๙.๓/ ๑๕๕๕๗"
    assert office.address == ("ศาลากลางจังหวัดหนองคาย", "ถนนมิตรภาพ")
    assert office.province == "หนองคาย" and office.province_code == "นค"
    assert office.postal_code == "43000"
    assert office.digit_style == "thai" and office.circulars == "separate"
    assert office.units["3"].name == "กลุ่มงานส่งเสริมการพัฒนาชุมชน"
    assert office.units["3"].parent == "สำนักงานพัฒนาชุมชนจังหวัด"
    signer = office.signer("pranee")
    assert signer.position_lines == ("รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน",
                                     "ผู้ว่าราชการจังหวัดหนองคาย")
    assert office.series(True) == "ว" and office.series(False) == ""
    assert office.page.is_default  # the worked example writes the defaults out


def test_the_example_offices_page_geometry():
    """The geometry the seed letters were set with (examples/registry/*.yaml say why)."""
    from generator.docx.page import PageGeometry
    from generator.registry.profiles import PageSettings
    from tests.conftest import EXAMPLES

    offices = load_offices(EXAMPLES)
    seeds = PageSettings(bottom_margin_cm=1.5, space_before_pt=0)
    assert offices["cc-cdd"].page == offices["nk-cdd"].page == seeds
    geometry = PageGeometry.of(seeds)
    assert (geometry.top, geometry.bottom, geometry.space_before) == (1417, 850, 0)
    assert offices["ub-cdd"].page.is_default


def _replace(old: str, new: str) -> str:
    assert old in EXAMPLE_PROFILE, old
    return EXAMPLE_PROFILE.replace(old, new, 1)


def _line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


@pytest.mark.parametrize("text, field, message, line_of", [
    (_replace("code: นค 0019", "code: 0019"), "code", "not a letter code", "code: 0019"),
    (_replace("code: นค 0019", "kode: นค 0019"), "kode", "unknown key", "kode:"),
    (_replace("id: nk-cdd\n", ""), "id", "missing required key", None),
    (_replace("postal_code: \"43000\"", "postal_code: \"4300\""), "postal_code",
     "five-digit", "postal_code:"),
    (_replace("province: หนองคาย", "province: แอตแลนติส"), "province", "77 provinces",
     "province:"),
    (_replace("digit_style: thai", "digit_style: roman"), "digit_style", "not one of",
     "digit_style:"),
    (_replace("  circulars: separate", "  circulars: both"), "numbering.circulars",
     "not one of", "circulars: both"),
    (_replace("    principal: ผู้ว่าราชการจังหวัดหนองคาย\n", ""), "signers.pranee.principal",
     "needs 'principal'", "    name: นางสาวปราณี"),
    (_replace("    acting: ปฏิบัติราชการแทน", "    acting: แทน"), "signers.pranee.acting",
     "not one of", "acting: แทน"),
    (_replace("    position: ผู้ว่าราชการจังหวัดหนองคาย\n", ""),
     "signers.governor.position", "missing required key", "    name: นายสมชาย"),
    (_replace("address:\n  - ศาลากลางจังหวัดหนองคาย\n  - ถนนมิตรภาพ", "address: {a: b}"),
     "address", "list of address lines", "address:"),
    (_replace("agency: จังหวัดหนองคาย", "agency: 12.5"), "agency", "must be text", "agency:"),
    (_replace("  \"3\":\n", "  \"3x\":\n"), "units.3x", "sub-code is digits", "\"3x\":"),
    (_replace("name: สำนักงานพัฒนาชุมชนจังหวัดหนองคาย",
              "name: สำนักงานพัฒนาชุมชนจังหวัดหนองคาย\nname: อีกชื่อ"), "name", "duplicate key",
     "name: อีกชื่อ"),
    (_replace("# garuda: garuda.png", "garuda: missing.png"), "garuda", "not found",
     "garuda: missing.png"),
    (_replace("  bottom_margin_cm: 2\n", "  bottom_margin_cm: 0.3\n"), "page.bottom_margin_cm",
     "outside 1–4 cm", "bottom_margin_cm: 0.3"),
    (_replace("  top_margin_cm: 2.5\n", "  top_margin_cm: 1.5\n"), "page.top_margin_cm",
     "outside 2–4 cm", "top_margin_cm: 1.5"),
    (_replace("  space_before_pt: 6\n", "  space_before_pt: six\n"), "page.space_before_pt",
     "must be a number of pt", "space_before_pt: six"),
    (_replace("  space_before_pt: 6\n", "  space_after_pt: 6\n"), "page.space_after_pt",
     "unknown key in page", "space_after_pt: 6"),
    (_replace("  top_margin_cm: 2.5\n  bottom_margin_cm: 2\n  space_before_pt: 6\n",
              "  - 2.5\n"), "page", "must be a mapping", "  - 2.5"),
])
def test_malformed_profiles_name_file_line_and_field(tmp_path, text, field, message, line_of):
    path = write_profile(tmp_path, text)
    with pytest.raises(UserError) as caught:
        load_offices(tmp_path)
    error = caught.value
    assert error.file == str(path)
    assert error.field == field
    assert message in error.message
    if line_of is not None:
        assert error.line == _line_of(text, line_of)
    assert error.line is not None
    assert "\n" not in str(error)
    assert str(error).startswith(f"{path}:{error.line}: {field}: ")


def test_yaml_syntax_errors_give_the_line(tmp_path):
    text = _replace("agency: จังหวัดหนองคาย", "agency: [จังหวัดหนองคาย")
    path = write_profile(tmp_path, text)
    with pytest.raises(UserError, match="YAML syntax error") as caught:
        load_office(path)
    assert caught.value.line is not None and caught.value.file == str(path)


def test_an_empty_profile_and_a_list_profile_are_errors(tmp_path):
    path = write_profile(tmp_path, "# nothing yet\n")
    with pytest.raises(UserError, match="empty"):
        load_office(path)
    path.write_text("- id: x\n", encoding="utf-8")
    with pytest.raises(UserError, match="mapping") as caught:
        load_office(path)
    assert caught.value.line == 1


def test_two_profiles_with_one_id_are_an_error(tmp_path):
    write_profile(tmp_path, EXAMPLE_PROFILE, "a.yaml")
    second = write_profile(tmp_path, EXAMPLE_PROFILE, "b.yaml")
    with pytest.raises(UserError, match="also used by") as caught:
        load_offices(tmp_path)
    assert caught.value.file == str(second)


def test_several_offices_share_one_register(tmp_path):
    write_profile(tmp_path, EXAMPLE_PROFILE, "a.yaml")
    write_profile(tmp_path, EXAMPLE_PROFILE.replace("id: nk-cdd", "id: nk-dola")
                  .replace("code: นค 0019", "code: นค 0017"), "b.yaml")
    with Registry.open(tmp_path) as reg:
        assert sorted(reg.offices) == ["nk-cdd", "nk-dola"]
        with pytest.raises(UserError, match="several offices"):
            reg.office()
        assert reg.reserve(office_id="nk-dola", date="2024-05-01") == ["นค ๐๐๑๗/ ๑"]
        assert reg.reserve(office_id="nk-cdd", date="2024-05-01") == ["นค ๐๐๑๙/ ๑"]
        with pytest.raises(UserError, match="unknown office"):
            reg.office("nowhere")


def test_unknown_signer_and_unit_lookups(tmp_path):
    write_profile(tmp_path, EXAMPLE_PROFILE)
    office = load_offices(tmp_path)["nk-cdd"]
    with pytest.raises(UserError, match="unknown signer 'somsak'") as caught:
        office.signer("somsak")
    assert caught.value.field == "signer" and "governor, pranee" in str(caught.value)
    with pytest.raises(UserError, match="unknown unit '7'"):
        office.unit("7")
    assert office.unit("๓").code == "3"


def test_cli_with_a_malformed_profile_is_one_line_and_writes_nothing(tmp_path, db_url):
    workspace = tmp_path / "ws"
    assert cli(workspace, db_url, "init").exit_code == 0
    assert cli(workspace, db_url, "reserve", "--date", "2024-03-01").stdout.strip() == "นค ๐๐๑๙/ ๑"
    profile = workspace / "registry" / "office.yaml"
    good = profile.read_text(encoding="utf-8")
    profile.write_text(good.replace("code: นค 0019", "code: NK 0019"), encoding="utf-8")
    result = cli(workspace, db_url, "reserve", "--date", "2024-03-01")
    assert_one_line_error(result, str(profile), "code", "not a letter code",
                          f":{_line_of(good, 'code: นค 0019')}:")
    profile.write_text(good, encoding="utf-8")
    assert cli(workspace, db_url, "reserve", "--date", "2024-03-01").stdout.strip() == "นค ๐๐๑๙/ ๒"
    log = cli(workspace, db_url, "log", "--json")
    assert [entry["action"] for entry in __import__("json").loads(log.stdout)] == ["reserve"] * 2
