"""Salutation and complimentary close by recipient (thai-correspondence.md §6).

>>> choose("นายอำเภอ ทุกอำเภอ")
('เรียน', 'ขอแสดงความนับถือ')
>>> choose("นายกรัฐมนตรี")
('กราบเรียน', 'ขอแสดงความนับถืออย่างยิ่ง')
>>> choose("สมเด็จพระราชาคณะ …")
('นมัสการ', 'ขอนมัสการด้วยความเคารพอย่างยิ่ง')
>>> choose("พระครูสมุห์ …", "นมัสการ")
('นมัสการ', 'ขอนมัสการด้วยความเคารพ')
"""

from __future__ import annotations

HIGH = ("ประธานองคมนตรี", "นายกรัฐมนตรี", "ประธานรัฐสภา", "ประธานสภาผู้แทนราษฎร", "ประธานวุฒิสภา",
        "ประธานศาลฎีกา", "ประธานศาลรัฐธรรมนูญ", "ประธานศาลปกครองสูงสุด",
        "ประธานกรรมการการเลือกตั้ง", "ประธานกรรมการสิทธิมนุษยชนแห่งชาติ", "ประธานกรรมการ ป.ป.ช.",
        "ประธานกรรมการตรวจเงินแผ่นดิน", "ผู้ตรวจการแผ่นดิน", "รัฐบุรุษ")
SUPREME_MONKS = ("สมเด็จพระราชาคณะ", "รองสมเด็จพระราชาคณะ")
ROYAL_MONKS = ("พระราชาคณะ",)

CLOSES = {
    "เรียน": "ขอแสดงความนับถือ",
    "กราบเรียน": "ขอแสดงความนับถืออย่างยิ่ง",
}


def choose(recipient: str, salutation: str | None = None) -> tuple[str, str]:
    """(opening, close) for a recipient; ``salutation`` overrides the opening the table gives."""
    text = recipient.strip()
    if any(text.startswith(title) for title in SUPREME_MONKS):
        return "นมัสการ", "ขอนมัสการด้วยความเคารพอย่างยิ่ง"
    if any(text.startswith(title) for title in ROYAL_MONKS):
        return "นมัสการ", "ขอนมัสการด้วยความเคารพอย่างสูง"
    if salutation == "นมัสการ":
        return "นมัสการ", "ขอนมัสการด้วยความเคารพ"
    if salutation is None:
        salutation = "กราบเรียน" if any(text.startswith(title) for title in HIGH) else "เรียน"
    return salutation, CLOSES[salutation]
