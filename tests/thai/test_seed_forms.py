"""Every date, time, amount and number form in the five seed letters, produced by the layer.

Each row quotes the seed line it comes from. The test checks that the quote really is in the
seed (white space collapsed), that the expected form is part of the quote, and that the layer
produces exactly that form from plain values (ISO dates, integers, Decimals, raw phone numbers).
Corrections — places where the seed letter is wrong — are listed separately with the reason, and
the test checks that the seed really says something else there.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from generator import thai
from tests.conftest import normalise_space
from generator.thai import (baht_text, baht_with_text, every_month, format_date, format_number,
                            format_phone, format_time, item_label, month_range, percent,
                            to_thai_digits, year_range)

D = date.fromisoformat

# (seed, quoted seed line, what the layer is asked, the form it must give)
FORMS = [
    # --- 000: Chachoengsao circular, 10 March 2566 -------------------------------------------
    ("000", "ที่ นข ๐๐๑๙/ว ๑๖๐๗", lambda: to_thai_digits("ที่ นข 0019/ว 1607"), "ที่ นข ๐๐๑๙/ว ๑๖๐๗"),
    ("000", "๑๐ มีนาคม ๒๕๖๖", lambda: format_date(D("2023-03-10")), "๑๐ มีนาคม ๒๕๖๖"),
    ("000", "ที่ นข ๐๐๑๙/ว ๖๓๒ ลงวันที่ ๓๑ มกราคม ๒๕๖๖",
     lambda: "ลง" + format_date(D("2023-01-31"), "day"), "ลงวันที่ ๓๑ มกราคม ๒๕๖๖"),
    ("000", "ที่ นข ๐๐๑๙/ว ๑๑๕๑ ลงวันที่ ๒๐ กุมภาพันธ์ ๒๕๖๖",
     lambda: format_date(D("2023-02-20")), "๒๐ กุมภาพันธ์ ๒๕๖๖"),
    ("000", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ โดยให้จัดทำแผน",
     lambda: format_date(D("2023-03-10"), "fiscal"), "ปีงบประมาณ พ.ศ. ๒๕๖๖"),
    ("000", "๑. เกณฑ์การประเมินผลการพัฒนาตำบลเข้มแข็งฯ จำนวน ๑ ชุด", lambda: item_label([1]), "๑."),
    ("000", "๓. QR Code ระบบรายงานและคู่มือการรายงานฯ จำนวน ๑ ชุด", lambda: item_label([3]), "๓."),
    ("000", "๑) มิติด้านความมั่นคง ๒) มิติด้านความมั่งคั่ง และ ๓) มิติด้านความยั่งยืน",
     lambda: "{} มิติด้านความมั่นคง {} มิติด้านความมั่งคั่ง และ {} มิติด้านความยั่งยืน".format(
         *(item_label([n], "paren") for n in (1, 2, 3))), None),
    ("000", "ตามประเด็นการพัฒนา ๓ มิติ", lambda: format_number(3), "๓"),
    ("000", "(สิ่งที่ส่งมาด้วย ๑ - ๒)", lambda: f"(สิ่งที่ส่งมาด้วย {thai.number_range(1, 2)})",
     "(สิ่งที่ส่งมาด้วย ๑ - ๒)"),
    ("000", "(สิ่งที่ส่งมาด้วย ๓)", lambda: f"(สิ่งที่ส่งมาด้วย {thai.number_range(3, 3)})",
     "(สิ่งที่ส่งมาด้วย ๓)"),
    ("000", "ทุกวันที่ ๑๕ ของเดือน", lambda: every_month(15, every=False), "ทุกวันที่ ๑๕ ของเดือน"),
    ("000", "ภายในวันที่ ๒๕ กรกฎาคม ๒๕๖๖",
     lambda: "ภายใน" + format_date(D("2023-07-25"), "day"), "ภายในวันที่ ๒๕ กรกฎาคม ๒๕๖๖"),
    ("000", "คัดสรรกิจกรรมพัฒนาชุมชนดีเด่น ประจำปี ๒๕๖๖", lambda: to_thai_digits("ประจำปี 2566"),
     "ประจำปี ๒๕๖๖"),
    # --- 001: Nong Khai circular, 25 October 2567 ---------------------------------------------
    ("001", "ที่ นค ๐๐๑๙.๓/ ๑๕๕๕๗", lambda: to_thai_digits("นค 0019.3/ 15557"), "นค ๐๐๑๙.๓/ ๑๕๕๕๗"),
    ("001", "ถนนมิตรภาพ นค ๔๓๐๐๐", lambda: to_thai_digits("43000"), "๔๓๐๐๐"),
    ("001", "๒๕ ตุลาคม ๒๕๖๗", lambda: format_date(D("2024-10-25")), "๒๕ ตุลาคม ๒๕๖๗"),
    ("001", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", lambda: format_date(D("2024-10-25"), "fiscal"),
     "ปีงบประมาณ พ.ศ. ๒๕๖๘"),
    ("001", "เป้าหมายดำเนินการ ๘๗๘ ตำบล", lambda: format_number(878), "๘๗๘"),
    ("001", "ภายในวันพุธที่ ๓๐ ตุลาคม ๒๕๖๗", lambda: format_date(D("2024-10-30"), "weekday"),
     "วันพุธที่ ๓๐ ตุลาคม ๒๕๖๗"),
    ("001", "ทุกวันที่ ๒๐ ของทุกเดือน", lambda: every_month(20), "ทุกวันที่ ๒๐ ของทุกเดือน"),
    ("001", "ให้แล้วเสร็จภายในวันจันทร์ที่ ๒๓ ธันวาคม ๒๕๖๗",
     lambda: format_date(D("2024-12-23"), "weekday"), "วันจันทร์ที่ ๒๓ ธันวาคม ๒๕๖๗"),
    ("001", "โทร./โทรสาร ๐ ๔๒๔๑ ๑๑๘๒", lambda: format_phone("042411182"), "๐ ๔๒๔๑ ๑๑๘๒"),
    ("001", "แผนยุทธศาสตร์ชาติ ๒๐ ปี (พ.ศ. ๒๕๖๑ - ๒๕๘๐)", lambda: year_range(2561, 2580, "-"),
     "พ.ศ. ๒๕๖๑ - ๒๕๘๐"),
    ("001", "ในระยะ ๕ ปี (พ.ศ. ๒๕๖๖ - ๒๕๗๐)", lambda: year_range(2566, 2570, "-"), "พ.ศ. ๒๕๖๖ - ๒๕๗๐"),
    ("001", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ – ๒๕๖๗",
     lambda: year_range(2566, 2567, prefix="ปีงบประมาณ พ.ศ. "), "ปีงบประมาณ พ.ศ. ๒๕๖๖ – ๒๕๖๗"),
    ("001", "ฉบับที่ ๑๓", lambda: to_thai_digits("ฉบับที่ 13"), "ฉบับที่ ๑๓"),
    ("001", "๓.๑ ไม่เป็นพื้นที่เป้าหมาย", lambda: item_label([3, 1]), "๓.๑"),
    ("001", "๑) เพื่อส่งเสริมให้ผู้นำ", lambda: item_label([1], "paren"), "๑)"),
    ("001", "/๓. พื้นที่...", lambda: "/" + item_label([3]) + " พื้นที่...", "/๓. พื้นที่..."),
    ("001", "(๗ ภาคี)	ตุลาคม ๒๕๖๗", lambda: format_date(D("2024-10-01"), "month"), "ตุลาคม ๒๕๖๗"),
    ("001", "ภายในวันที่ ๓๑ ตุลาคม ๒๕๖๗", lambda: format_date(D("2024-10-31"), "day"),
     "วันที่ ๓๑ ตุลาคม ๒๕๖๗"),
    ("001", "ภายในวันที่ ๒๕ ธันวาคม ๒๕๖๗", lambda: format_date(D("2024-12-25"), "day"),
     "วันที่ ๒๕ ธันวาคม ๒๕๖๗"),
    ("001", "ระดับจังหวัด อำเภอ และตำบล มกราคม – มิถุนายน ๒๕๖๘",
     lambda: month_range(D("2025-01-01"), D("2025-06-30")), "มกราคม – มิถุนายน ๒๕๖๘"),
    ("001", "ทุกวันที่ ๒๕ ของเดือน (มกราคม - สิงหาคม ๒๕๖๘)",
     lambda: f"{every_month(25, every=False)} ({month_range(D('2025-01-01'), D('2025-08-31'), '-')})",
     "ทุกวันที่ ๒๕ ของเดือน (มกราคม - สิงหาคม ๒๕๖๘)"),
    ("001", "ตามเกณฑ์ที่กำหนด มิถุนายน - กรกฎาคม ๒๕๖๘",
     lambda: month_range(D("2025-06-01"), D("2025-07-31"), "-"), "มิถุนายน - กรกฎาคม ๒๕๖๘"),
    ("001", "ภายในวันที่ ๓๐ สิงหาคม ๒๕๖๘", lambda: format_date(D("2025-08-30"), "day"),
     "วันที่ ๓๐ สิงหาคม ๒๕๖๘"),
    ("001", "จำนวน ๗๖ จังหวัด", lambda: format_number(76), "๗๖"),
    ("001", "กรกฎาคม - กันยายน ๒๕๖๘", lambda: month_range(D("2025-07-01"), D("2025-09-30"), "-"),
     "กรกฎาคม - กันยายน ๒๕๖๘"),
    ("001", "๒.๕ จังหวัดรวบรวมข้อมูล", lambda: item_label([2, 5]), "๒.๕"),
    ("001", "QR Code ฐานข้อมูลตำบลเข้มแข็งฯ เป้าหมาย ปี ๒๕๖๖ - ๒๕๖๗",
     lambda: year_range(2566, 2567, "-", prefix="ปี "), "ปี ๒๕๖๖ - ๒๕๖๗"),
    ("001", "วันพัฒนา ๕ ธันวาคม", lambda: format_date(D("2024-12-05")).rsplit(" ", 1)[0], "๕ ธันวาคม"),
    # --- 002: Chachoengsao circular with the guideline booklet, 27 November 2567 --------------
    ("002", "๒๗ พฤศจิกายน ๒๕๖๗", lambda: format_date(D("2024-11-27")), "๒๗ พฤศจิกายน ๒๕๖๗"),
    ("002", "ในระดับอำเภอและตำบล พ.ศ. ๒๕๖๒", lambda: to_thai_digits("พ.ศ. 2562"), "พ.ศ. ๒๕๖๒"),
    ("002", "ภายในวันที่ ๒๕ ธันวาคม ๒๕๖๗", lambda: format_date(D("2024-12-25"), "day"),
     "วันที่ ๒๕ ธันวาคม ๒๕๖๗"),
    ("002", "ภายในวันที่ ๓๑ มีนาคม ๒๕๖๘", lambda: format_date(D("2025-03-31"), "day"),
     "วันที่ ๓๑ มีนาคม ๒๕๖๘"),
    ("002", "ภายในวันที่ ๓๑ กรกฎาคม ๒๕๖๘", lambda: format_date(D("2025-07-31"), "day"),
     "วันที่ ๓๑ กรกฎาคม ๒๕๖๘"),
    ("002", "ภายในวันที่ ๒๗ ธันวาคม ๒๕๖๗", lambda: format_date(D("2024-12-27"), "day"),
     "วันที่ ๒๗ ธันวาคม ๒๕๖๗"),
    ("002", "โทร./โทรสาร ๐ ๓๘๕๑ ๑๒๓๙", lambda: format_phone("038511239"), "๐ ๓๘๕๑ ๑๒๓๙"),
    ("002", "- ๓.๑ คำสั่งแต่งตั้งคณะกรรมการบริหารงานตำบลแบบบูรณาการ", lambda: item_label([3, 1]), "๓.๑"),
    ("002", "อำเภอละ ๕ คน ประกอบด้วย", lambda: format_number(5), "๕"),
    ("002", "๒,๙๕๖,๖๐๐ บาท (สองล้านเก้าแสนห้าหมื่นหกพันหกร้อยบาทถ้วน)",
     lambda: baht_with_text(Decimal("2956600")),
     "๒,๙๕๖,๖๐๐ บาท (สองล้านเก้าแสนห้าหมื่นหกพันหกร้อยบาทถ้วน)"),
    ("002", "๘,๗๘๐,๐๐๐ บาท (แปดล้านเจ็ดแสนแปดหมื่นบาทถ้วน)", lambda: baht_with_text(878 * 10_000),
     "๘,๗๘๐,๐๐๐ บาท (แปดล้านเจ็ดแสนแปดหมื่นบาทถ้วน)"),
    ("002", "ไตรมาสที่ ๑ จำนวน ๑ วัน", lambda: format_date(D("2024-11-27"), "quarter"), "ไตรมาสที่ ๑"),
    ("002", "ไตรมาสที่ ๒ ตำบลละ ๑ วัน", lambda: format_date(D("2025-02-01"), "quarter"), "ไตรมาสที่ ๒"),
    ("002", "ไตรมาสที่ ๓ (มิถุนายน ๒๕๖๘)",
     lambda: f"{format_date(D('2025-06-01'), 'quarter')} ({format_date(D('2025-06-01'), 'month')})",
     "ไตรมาสที่ ๓ (มิถุนายน ๒๕๖๘)"),
    ("002", "จำนวน ๗,๐๓๖ ตำบล ๆ ละไม่น้อยกว่า ๒๐ คน รวมทั้งสิ้น ๑๔๐,๗๒๐ คน",
     lambda: f"จำนวน {format_number(7036)} ตำบล ๆ ละไม่น้อยกว่า {format_number(20)} คน "
             f"รวมทั้งสิ้น {format_number(7036 * 20)} คน",
     "จำนวน ๗,๐๓๖ ตำบล ๆ ละไม่น้อยกว่า ๒๐ คน รวมทั้งสิ้น ๑๔๐,๗๒๐ คน"),
    ("002", "ร้อยละ ๘๕ ของตำบล", lambda: percent(85), "ร้อยละ ๘๕"),
    ("002", "ร้อยละ ๑๐๐ ของศูนย์ประสานงาน", lambda: percent(100), "ร้อยละ ๑๐๐"),
    ("002", "ภายใน ๗ วัน หลังดำเนินการแล้วเสร็จ", lambda: to_thai_digits("ภายใน 7 วัน"), "ภายใน ๗ วัน"),
    ("002", "ข้อมูลพื้นฐานระดับหมู่บ้าน (กชช.๒ค)", lambda: to_thai_digits("(กชช.2ค)"), "(กชช.๒ค)"),
    ("002", "(E-mail) subdistrictplan@gmail.com ภายในวันที่ ๒๗ ธันวาคม ๒๕๖๗",
     lambda: to_thai_digits("(E-mail) subdistrictplan@gmail.com ภายในวันที่ 27 ธันวาคม 2567"),
     "(E-mail) subdistrictplan@gmail.com ภายในวันที่ ๒๗ ธันวาคม ๒๕๖๗"),
    ("002", "(รายงานครั้งที่ ๑)", lambda: to_thai_digits("(รายงานครั้งที่ 1)"), "(รายงานครั้งที่ ๑)"),
    ("002", "๒.๑ กิจกรรมที่ ๒ ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล",
     lambda: f"{item_label([2, 1])} {to_thai_digits('กิจกรรมที่ 2')}", "๒.๑ กิจกรรมที่ ๒"),
    # --- 003: Chachoengsao circular with the visit schedule, 3 April 2567 ----------------------
    ("003", "๓ เมษายน ๒๕๖๗", lambda: format_date(D("2024-04-03")), "๓ เมษายน ๒๕๖๗"),
    ("003", "ในห้วงเดือนเมษายน ๒๕๖๗", lambda: format_date(D("2024-04-03"), "month"), "เมษายน ๒๕๖๗"),
    ("003", "โทร./โทรสาร ๐ ๓๘๕๑ ๑๒๓๔", lambda: format_phone("038-511234"), "๐ ๓๘๕๑ ๑๒๓๔"),
    *[("003", f"{label}\t{cell}\t{clock}", (lambda d=d, t=t: f"{format_date(D(d), 'abbr-weekday')}\t"
                                                              f"{format_time(t)}"), f"{cell}\t{clock}")
      for label, d, cell, t, clock in [
          ("๑", "2024-04-17", "พุธ ๑๗ เม.ย. ๖๗", time(8, 30), "๐๘.๓๐ น."),
          ("๒", "2024-04-17", "พุธ ๑๗ เม.ย. ๖๗", time(13, 30), "๑๓.๓๐ น."),
          ("๓", "2024-04-18", "พฤหัสบดี ๑๘ เม.ย. ๖๗", time(8, 30), "๐๘.๓๐ น."),
          ("๔", "2024-04-19", "ศุกร์ ๑๙ เม.ย. ๖๗", time(8, 30), "๐๘.๓๐ น."),
          ("๕", "2024-04-22", "จันทร์ ๒๒ เม.ย. ๖๗", time(8, 30), "๐๘.๓๐ น."),
          ("๖", "2024-04-23", "อังคาร ๒๓ เม.ย. ๖๗", time(8, 30), "๐๘.๓๐ น."),
          ("๗", "2024-04-24", "พุธ ๒๔ เม.ย. ๖๗", time(8, 30), "๐๘.๓๐ น."),
          ("๘", "2024-04-25", "พฤหัสบดี ๒๕ เม.ย. ๖๗", time(8, 30), "๐๘.๓๐ น."),
          ("๙", "2024-04-26", "ศุกร์ ๒๖ เม.ย. ๖๗", time(8, 30), "๐๘.๓๐ น."),
          ("๑๐", "2024-04-29", "จันทร์ ๒๙ เม.ย. ๖๗", time(8, 30), "๐๘.๓๐ น."),
          ("๑๑", "2024-04-30", "อังคาร ๓๐ เม.ย. ๖๗", time(8, 30), "๐๘.๓๐ น."),
      ]],
    ("003", "ที่อธิบดีกรมการพัฒนาชุมชนเน้นย้ำ ๑๐+๑", lambda: to_thai_digits("เน้นย้ำ 10+1"), "เน้นย้ำ ๑๐+๑"),
    ("003", "- ๑) พัฒนาการจังหวัดฉะเชิงเทรา", lambda: item_label([1], "paren"), "๑)"),
    ("003", "- ๕) นักวิชาการผู้รับผิดชอบงานนิเทศ", lambda: item_label([5], "paren"), "๕)"),
    ("003", "๒.๑) การดำเนินงานภารกิจสำคัญ", lambda: item_label([2, 1], "paren"), "๒.๑)"),
    ("003", "๑.๒) แบ่งปันพันธุ์ไม้", lambda: item_label([1, 2], "paren"), "๑.๒)"),
    ("003", "เฉลิมพระชนมพรรษา ๗๒ พรรษา ๒๘ กรกฎาคม ๒๕๖๗", lambda: format_date(D("2024-07-28")),
     "๒๘ กรกฎาคม ๒๕๖๗"),
    ("003", "วันที่ ๔ พฤษภาคม ๒๕๖๗", lambda: format_date(D("2024-05-04"), "day"), "วันที่ ๔ พฤษภาคม ๒๕๖๗"),
    ("003", "วันที่ ๓ มิถุนายน ๒๕๖๗", lambda: format_date(D("2024-06-03"), "day"), "วันที่ ๓ มิถุนายน ๒๕๖๗"),
    ("003", "ต่ำกว่าร้อยละ ๑๐", lambda: percent(10), "ร้อยละ ๑๐"),
    ("003", "ในปี ๒๕๖๕ และปี ๒๕๖๖", lambda: to_thai_digits("ในปี 2565 และปี 2566"),
     "ในปี ๒๕๖๕ และปี ๒๕๖๖"),
    # --- 004: Ubon Ratchathani circular, 14 February 2566 --------------------------------------
    ("004", "ที่ อบ ๐๐๑๙/ว ๕๓๑", lambda: to_thai_digits("ที่ อบ 0019/ว 531"), "ที่ อบ ๐๐๑๙/ว ๕๓๑"),
    ("004", "๑๔ กุมภาพันธ์ ๒๕๖๖", lambda: format_date(D("2023-02-14")), "๑๔ กุมภาพันธ์ ๒๕๖๖"),
    ("004", "ภายในวันจันทร์ที่ ๑๕ พฤษภาคม ๒๕๖๖", lambda: format_date(D("2023-05-15"), "weekday"),
     "วันจันทร์ที่ ๑๕ พฤษภาคม ๒๕๖๖"),
    ("004", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ที่กรมการพัฒนาชุมชนกำหนด",
     lambda: format_date(D("2023-02-14"), "fiscal"), "ปีงบประมาณ พ.ศ. ๒๕๖๖"),
    ("004", "๒. แนวทางการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล จำนวน ๑ ชุด",
     lambda: f"{item_label([2])} แนวทางการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล จำนวน "
             f"{format_number(1)} ชุด",
     "๒. แนวทางการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล จำนวน ๑ ชุด"),
]

# (seed, what the seed says, what the layer is asked, the intended form, why the seed is wrong)
CORRECTIONS = [
    ("002", "๒๗,๔๕๐,๕๐๐ บาท (ยี่สิบเจ็ดล้านสี่แสนสี่หมื่นสี่ร้อยบาทถ้วน)",
     lambda: baht_with_text(27440400),
     "๒๗,๔๔๐,๔๐๐ บาท (ยี่สิบเจ็ดล้านสี่แสนสี่หมื่นสี่ร้อยบาทถ้วน)",
     "the figure says 27,450,500 while the words say 27,440,400 = 7,036 × 3,900 = 140,720 × 195 "
     "(the figure divides by neither): the figure is mistyped; figure and words made from one "
     "amount cannot disagree"),
    ("002", "<https://forms.gle/ppGUYQsXQTE๑wNS๓A>",
     lambda: to_thai_digits("<https://forms.gle/ppGUYQsXQTE1wNS3A>"),
     "<https://forms.gle/ppGUYQsXQTE1wNS3A>", "digits inside a link were turned Thai; the link broke"),
    ("002", "https://docs.google.com/spreadsheets/d/๑๙AtVJtp๒๑nnS๙cjALrecsd๕Sv_๓LxsWdNGRIRyTuClc/edit?usp=sharing",
     lambda: thai.repair_links(
         "https://docs.google.com/spreadsheets/d/๑๙AtVJtp๒๑nnS๙cjALrecsd๕Sv_๓LxsWdNGRIRyTuClc/edit?usp=sharing"),
     "https://docs.google.com/spreadsheets/d/19AtVJtp21nnS9cjALrecsd5Sv_3LxsWdNGRIRyTuClc/edit?usp=sharing",
     "digits inside a link were turned Thai; the link broke"),
    ("000", "โทร./โทรสาร ๐-๓๘๕๑-๑๒๓๙", lambda: format_phone("๐-๓๘๕๑-๑๒๓๙"), "๐ ๓๘๕๑ ๑๒๓๙",
     "the office's other letters (seed 002) write the same number in the grouped official form"),
    ("004", "โทร/โทรสาร ๐๔๕-๓๔๕๖๒๘", lambda: format_phone("๐๔๕-๓๔๕๖๒๘"), "๐ ๔๕๓๔ ๕๖๒๘",
     "phone numbers are written in the grouped official form ๐ ๔๒๔๑ ๑๑๘๒"),
    ("004", "ประจำปีงบประมาณพ.ศ ๒๕๖๖", lambda: format_date(D("2023-02-14"), "fiscal"),
     "ปีงบประมาณ พ.ศ. ๒๕๖๖", "พ.ศ. lost its space and final full stop"),
    ("004", "ประจำปีงบประมาณ พ.ศ.๒๕๖๖", lambda: format_date(D("2023-02-14"), "fiscal"),
     "ปีงบประมาณ พ.ศ. ๒๕๖๖", "no space between พ.ศ. and the year"),
    ("004", "คิวอาร์โค้ด สิ่งทีส่งมาด้วย ๑-๓", lambda: thai.number_range(1, 3),
     "๑ - ๓", "attachment ranges are written with spaces round the dash, as in (สิ่งที่ส่งมาด้วย ๑ - ๒)"),
]


def _id(row) -> str:
    return f"{row[0]}:{row[1][:40]}"


@pytest.mark.parametrize("seed, quote, make, expected", FORMS, ids=[_id(r) for r in FORMS])
def test_seed_form(seeds, seed, quote, make, expected):
    quote = normalise_space(quote)
    assert quote in seeds[seed], f"the quoted line is not in seed {seed}"
    expected = quote if expected is None else normalise_space(expected)
    assert expected in quote
    assert normalise_space(make()) == expected


@pytest.mark.parametrize("seed, quote, make, intended, why", CORRECTIONS,
                         ids=[_id(r) for r in CORRECTIONS])
def test_seed_correction(seeds, seed, quote, make, intended, why):
    assert quote in seeds[seed], f"the quoted line is not in seed {seed}"
    assert intended not in quote, "the seed is not wrong here: drop the correction"
    assert make() == intended, why


def test_every_seed_is_covered():
    covered = {row[0] for row in FORMS}
    assert covered == {"000", "001", "002", "003", "004"}


def test_the_quoted_budget_words_are_wrong_and_ours_parse_back():
    """Seed 002's words for ๒๗,๔๕๐,๕๐๐ read back as another number; ours read back as the figure."""
    assert thai.parse_baht_text("ยี่สิบเจ็ดล้านสี่แสนสี่หมื่นสี่ร้อยบาทถ้วน") == Decimal("27440400")
    assert thai.parse_baht_text(baht_text(27450500)) == Decimal("27450500")
