"""Official letter codes: the 77 provinces and the ministries, looked up both ways.

A letter number starts with two Thai letters naming the ministry (``มท``) or the province
(``นค``), written without full stops (thai-correspondence.md §4). The province codes are the
standard province abbreviations — the table below is checked against pythainlp's
``provinces(details=True)`` in the tests — except Bangkok, whose letter code is ``กท``
(pythainlp gives the everyday ``กทม``). The table is kept here, not read from pythainlp at run
time, so that this layer stays free of I/O and the postal-code prefixes sit beside the codes.
"""

from __future__ import annotations

from dataclasses import dataclass

from .digits import to_arabic_digits
from .errors import ThaiValueError


@dataclass(frozen=True)
class Province:
    name: str        # Thai name, as in จังหวัด…
    code: str        # letter code
    postal: str      # first two digits of the province's postal codes
    name_en: str


# name, letter code, postal-code prefix, English name
_PROVINCES = """
กรุงเทพมหานคร กท 10 Bangkok
สมุทรปราการ สป 10 Samut Prakan
นนทบุรี นบ 11 Nonthaburi
ปทุมธานี ปท 12 Pathum Thani
พระนครศรีอยุธยา อย 13 Phra Nakhon Si Ayutthaya
อ่างทอง อท 14 Ang Thong
ลพบุรี ลบ 15 Lop Buri
สิงห์บุรี สห 16 Sing Buri
ชัยนาท ชน 17 Chai Nat
สระบุรี สบ 18 Saraburi
ชลบุรี ชบ 20 Chon Buri
ระยอง รย 21 Rayong
จันทบุรี จบ 22 Chanthaburi
ตราด ตร 23 Trat
ฉะเชิงเทรา ฉช 24 Chachoengsao
ปราจีนบุรี ปจ 25 Prachin Buri
นครนายก นย 26 Nakhon Nayok
สระแก้ว สก 27 Sa Kaeo
นครราชสีมา นม 30 Nakhon Ratchasima
บุรีรัมย์ บร 31 Buri Ram
สุรินทร์ สร 32 Surin
ศรีสะเกษ ศก 33 Si Sa Ket
อุบลราชธานี อบ 34 Ubon Ratchathani
ยโสธร ยส 35 Yasothon
ชัยภูมิ ชย 36 Chaiyaphum
อำนาจเจริญ อจ 37 Amnat Charoen
บึงกาฬ บก 38 Bueng Kan
หนองบัวลำภู นภ 39 Nong Bua Lam Phu
ขอนแก่น ขก 40 Khon Kaen
อุดรธานี อด 41 Udon Thani
เลย ลย 42 Loei
หนองคาย นค 43 Nong Khai
มหาสารคาม มค 44 Maha Sarakham
ร้อยเอ็ด รอ 45 Roi Et
กาฬสินธุ์ กส 46 Kalasin
สกลนคร สน 47 Sakon Nakhon
นครพนม นพ 48 Nakhon Phanom
มุกดาหาร มห 49 Mukdahan
เชียงใหม่ ชม 50 Chiang Mai
ลำพูน ลพ 51 Lamphun
ลำปาง ลป 52 Lampang
อุตรดิตถ์ อต 53 Uttaradit
แพร่ พร 54 Phrae
น่าน นน 55 Nan
พะเยา พย 56 Phayao
เชียงราย ชร 57 Chiang Rai
แม่ฮ่องสอน มส 58 Mae Hong Son
นครสวรรค์ นว 60 Nakhon Sawan
อุทัยธานี อน 61 Uthai Thani
กำแพงเพชร กพ 62 Kamphaeng Phet
ตาก ตก 63 Tak
สุโขทัย สท 64 Sukhothai
พิษณุโลก พล 65 Phitsanulok
พิจิตร พจ 66 Phichit
เพชรบูรณ์ พช 67 Phetchabun
ราชบุรี รบ 70 Ratchaburi
กาญจนบุรี กจ 71 Kanchanaburi
สุพรรณบุรี สพ 72 Suphan Buri
นครปฐม นฐ 73 Nakhon Pathom
สมุทรสาคร สค 74 Samut Sakhon
สมุทรสงคราม สส 75 Samut Songkhram
เพชรบุรี พบ 76 Phetchaburi
ประจวบคีรีขันธ์ ปข 77 Prachuap Khiri Khan
นครศรีธรรมราช นศ 80 Nakhon Si Thammarat
กระบี่ กบ 81 Krabi
พังงา พง 82 Phangnga
ภูเก็ต ภก 83 Phuket
สุราษฎร์ธานี สฎ 84 Surat Thani
ระนอง รน 85 Ranong
ชุมพร ชพ 86 Chumphon
สงขลา สข 90 Songkhla
สตูล สต 91 Satun
ตรัง ตง 92 Trang
พัทลุง พท 93 Phatthalung
ปัตตานี ปน 94 Pattani
ยะลา ยล 95 Yala
นราธิวาส นธ 96 Narathiwat
"""

PROVINCES: tuple[Province, ...] = tuple(
    Province(name, code, postal, name_en)
    for name, code, postal, name_en in (
        line.split(" ", 3) for line in _PROVINCES.strip().splitlines()
    )
)

# The ministries' letter codes (ระเบียบงานสารบรรณ, ministry code list of the Office of the
# Prime Minister), limited to those confirmed in published letters.
MINISTRIES: dict[str, str] = {
    "นร": "สำนักนายกรัฐมนตรี",
    "กห": "กระทรวงกลาโหม",
    "กค": "กระทรวงการคลัง",
    "กต": "กระทรวงการต่างประเทศ",
    "กก": "กระทรวงการท่องเที่ยวและกีฬา",
    "พม": "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์",
    "อว": "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม",
    "กษ": "กระทรวงเกษตรและสหกรณ์",
    "คค": "กระทรวงคมนาคม",
    "ทส": "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม",
    "ดศ": "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
    "พน": "กระทรวงพลังงาน",
    "พณ": "กระทรวงพาณิชย์",
    "มท": "กระทรวงมหาดไทย",
    "ยธ": "กระทรวงยุติธรรม",
    "รง": "กระทรวงแรงงาน",
    "วธ": "กระทรวงวัฒนธรรม",
    "ศธ": "กระทรวงศึกษาธิการ",
    "สธ": "กระทรวงสาธารณสุข",
    "อก": "กระทรวงอุตสาหกรรม",
}

_BY_NAME = {p.name: p for p in PROVINCES}
_BY_NAME["กรุงเทพฯ"] = _BY_NAME["กรุงเทพมหานคร"]
_BY_CODE = {p.code: p for p in PROVINCES}
_BY_EN = {p.name_en.lower(): p for p in PROVINCES}
_MINISTRY_BY_NAME = {name: code for code, name in MINISTRIES.items()}


def _clean_code(code: str) -> str:
    return "".join(code.replace(".", "").split())


def province(name_or_code: str) -> Province:
    """A province by its Thai or English name (``จังหวัด`` optional) or its letter code.

    >>> province("จังหวัดหนองคาย").code, province("นค").name, province("Chachoengsao").postal
    ('นค', 'หนองคาย', '24')
    """
    key = " ".join(name_or_code.split()).removeprefix("จังหวัด").strip()
    found = (_BY_NAME.get(key) or _BY_CODE.get(_clean_code(key)) or _BY_EN.get(key.lower())
             or (_BY_CODE["กท"] if _clean_code(key) == "กทม" else None))
    if found is None:
        raise ThaiValueError(f"{name_or_code!r} is not one of the 77 provinces or their letter codes")
    return found


def province_code(name: str) -> str:
    """The letter code of a province.

    >>> province_code("หนองคาย"), province_code("กรุงเทพมหานคร")
    ('นค', 'กท')
    """
    return province(name).code


def province_name(code: str) -> str:
    """The province a letter code stands for.

    >>> province_name("อบ"), province_name("ฉ.ช.")
    ('อุบลราชธานี', 'ฉะเชิงเทรา')
    """
    return province(code).name


def provinces_by_postal(postal_code: str) -> tuple[Province, ...]:
    """The provinces whose postal codes start like this one (Bangkok and Samut Prakan share 10).

    >>> [p.name for p in provinces_by_postal("๔๓๐๐๐")]
    ['หนองคาย']
    >>> [p.code for p in provinces_by_postal("10270")]
    ['กท', 'สป']
    """
    digits = to_arabic_digits(postal_code).strip()
    if not (digits.isdigit() and len(digits) in (2, 5)):
        raise ThaiValueError(f"{postal_code!r} is not a postal code (five digits, e.g. 43000)")
    found = tuple(p for p in PROVINCES if p.postal == digits[:2])
    if not found:
        raise ThaiValueError(f"no province has postal codes starting {digits[:2]}")
    return found


def ministry_name(code: str) -> str:
    """The ministry a letter code stands for.

    >>> ministry_name("มท")
    'กระทรวงมหาดไทย'
    """
    try:
        return MINISTRIES[_clean_code(code)]
    except KeyError:
        raise ThaiValueError(f"{code!r} is not a ministry letter code") from None


def ministry_code(name: str) -> str:
    """The letter code of a ministry (``กระทรวง`` optional).

    >>> ministry_code("มหาดไทย"), ministry_code("สำนักนายกรัฐมนตรี")
    ('มท', 'นร')
    """
    key = " ".join(name.split())
    code = _MINISTRY_BY_NAME.get(key) or _MINISTRY_BY_NAME.get("กระทรวง" + key)
    if code is None:
        raise ThaiValueError(f"{name!r} is not a ministry with a known letter code")
    return code


def lookup(code: str) -> str:
    """What a two-letter code stands for: a province or a ministry.

    >>> lookup("นค"), lookup("มท"), lookup("กท")
    ('จังหวัดหนองคาย', 'กระทรวงมหาดไทย', 'กรุงเทพมหานคร')
    """
    cleaned = _clean_code(code)
    if cleaned in MINISTRIES:
        return MINISTRIES[cleaned]
    if cleaned in ("กท", "กทม"):
        return "กรุงเทพมหานคร"
    if cleaned in _BY_CODE:
        return "จังหวัด" + _BY_CODE[cleaned].name
    raise ThaiValueError(f"{code!r} is not a province or ministry letter code")


def translate(text: str) -> str:
    """A code's name, or a name's code: whichever way ``text`` goes.

    >>> translate("หนองคาย"), translate("นค"), translate("กระทรวงมหาดไทย"), translate("มท")
    ('นค', 'จังหวัดหนองคาย', 'มท', 'กระทรวงมหาดไทย')
    """
    for way in (lookup, province_code, ministry_code):
        try:
            return way(text)
        except ThaiValueError:
            continue
    raise ThaiValueError(f"{text!r} is not a province, a ministry, or the letter code of one")
