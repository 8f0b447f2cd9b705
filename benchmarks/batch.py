"""Batch letters: one letter per tambon (878 of them), drafted from a CSV list, then a batch of
100 issued with PDF/A; every baseline measured in the same run.

    .venv/bin/python benchmarks/batch.py [--count 878] [--issue 100] [--cli-loop 5]

1. Drafts: ``gen-letter new SPEC --for LIST.csv`` (:func:`generator.render.batch.render_batch`)
   against a plain docxtpl loop over the same rows (per row: the spec with the row's values,
   validated, a new ``DocxTemplate``, rendered and saved, written to disk), and, for reference,
   the project's own one-letter renderer called per row.
2. Issue: the first ``--issue`` drafts issued as one batch (:func:`generator.issuing.batch.
   issue_batch`, real LibreOffice) on 1 and on 2 workers, each in a fresh register, against
   calling ``gen-letter issue DRAFT`` once per letter (a fresh process each time). The CLI loop
   is timed on ``--cli-loop`` letters and scaled to ``--issue`` (said in its line).
3. Shared attachments: the same drafts sending an attachment document (the example guideline
   booklet), prepared for issue with the documents rendered once for the batch (as
   ``issue_batch`` does) against once per letter (the conversion is the same in both, so not
   timed).
4. Checks: the batch's running numbers are 1..N with no gap; a batch in which letter 57's PDF
   fails (the letters before it converted) leaves the register empty, nothing in
   ``output/issued`` and the next number still 1.

The list is generated: 878 tambons named ``<prefix><n>`` in 25 districts, each with a figure
(households), so it is the same on every run.

Last line: ``drafts_speedup_vs_docxtpl: X issue_speedup_vs_cli_loop: Y`` (Y: the better of 1
and 2 workers against the CLI loop).
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
sys.path.insert(0, str(REPO))

DAY = date(2024, 1, 15)
SPEC = """\
kind: external
office: ub-cdd
recipient: นายอำเภอ${district}
subject: เป้าหมายการพัฒนาตำบล${tambon} ประจำปีงบประมาณ พ.ศ. 2567
body:
  - >-
    ด้วยจังหวัดได้กำหนดเป้าหมายการพัฒนาตำบลเข้มแข็ง ประจำปีงบประมาณ พ.ศ. 2567 โดยตำบล${tambon}
    อำเภอ${district} มีเป้าหมายครัวเรือนที่ต้องพัฒนา จำนวน ${households} ครัวเรือน
    คิดเป็นงบประมาณ ${households * 250} บาท
  - ขอให้อำเภอแจ้งตำบล${tambon}ดำเนินการตามเป้าหมาย และรายงานผลภายในวันที่ ${date 2024-03-29}
closing: จึงเรียนมาเพื่อโปรดทราบและดำเนินการต่อไป
signer: pista
"""
TAMBON = ("หนองบัว", "โนนสูง", "ดอนแดง", "บ้านใหม่", "นาคำ", "โพนทอง", "คำน้ำแซบ")
DISTRICTS = ("เมืองอุบลราชธานี", "วารินชำราบ", "เดชอุดม", "พิบูลมังสาหาร", "ตระการพืชผล",
             "เขื่องใน", "ม่วงสามสิบ", "ศรีเมืองใหม่", "โขงเจียม", "บุณฑริก", "น้ำยืน", "นาจะหลวย",
             "ตาลสุม", "โพธิ์ไทร", "สำโรง", "ดอนมดแดง", "สิรินธร", "ทุ่งศรีอุดม", "นาเยีย",
             "นาตาล", "เหล่าเสือโก้ก", "สว่างวีระวงศ์", "น้ำขุ่น", "เขมราฐ", "กุดข้าวปุ้น")


def workspace(root: Path) -> Path:
    """A copy of the examples workspace with the tambon spec and list in it."""
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns("output", "*.sqlite*"))
    (root / "letters" / "tambon.yaml").write_text(SPEC, encoding="utf-8")
    return root


def write_list(path: Path, count: int) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["tambon", "district", "households"])
        for n in range(count):
            writer.writerow([f"{TAMBON[n % len(TAMBON)]}{n + 1}", DISTRICTS[n % len(DISTRICTS)],
                             str(50 + (n * 37) % 1900)])
    return path


def spec_of_row(row: dict[str, str]) -> str:
    """The spec with one row's values written in by hand, as a loop without the batch would."""
    text = SPEC
    for key, value in row.items():
        text = text.replace("${%s}" % key, value)
    return text.replace("${households * 250}", f"{int(row['households']) * 250:,}")


def docxtpl_loop(ws: Path, table_path: Path, out: Path) -> int:
    """A plain docxtpl program: per row, the spec with the row's values, a new DocxTemplate,
    rendered (same context, sandboxed autoescaping Jinja, the Garuda image) and saved."""
    from docx.shared import Cm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from generator.render import load_offices_for, template_path
    from generator.render.batch import read_table
    from generator.render.context import build_context
    from generator.spec import spec_from_text

    offices = load_offices_for(ws)
    table = read_table(table_path)
    out.mkdir()
    for n, row in enumerate(table.rows, 1):
        spec = spec_from_text(spec_of_row(row), str(ws / "letters" / "tambon.yaml"))
        prepared = build_context(spec, offices)
        tpl = DocxTemplate(str(template_path(ws, prepared.template_name)))
        garuda_file = prepared.context["garuda_file"]
        context = dict(prepared.context,
                       garuda=lambda h, tpl=tpl: InlineImage(tpl, garuda_file, height=Cm(h)))
        tpl.render(context, jinja_env=SandboxedEnvironment(autoescape=True,
                                                           undefined=StrictUndefined))
        buffer = io.BytesIO()
        tpl.save(buffer)
        (out / f"tambon-{n:03d}.docx").write_bytes(buffer.getvalue())
    return len(table.rows)


def render_loop(ws: Path, table_path: Path, out: Path) -> int:
    """The project's one-letter renderer (templates compiled once) called per row."""
    from generator.render import load_offices_for, render
    from generator.render.batch import read_table
    from generator.spec import spec_from_text

    offices = load_offices_for(ws)
    table = read_table(table_path)
    out.mkdir()
    for n, row in enumerate(table.rows, 1):
        spec = spec_from_text(spec_of_row(row), str(ws / "letters" / "tambon.yaml"))
        (out / f"tambon-{n:03d}.docx").write_bytes(render(spec, ws, offices=offices))
    return len(table.rows)


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def drafts_for_issue(root: Path, name: str, count: int) -> tuple[Path, Path]:
    """A fresh workspace with a batch folder of ``count`` drafts."""
    from generator.render.batch import render_batch

    ws = workspace(root / name)
    table = write_list(ws / "list.csv", count)
    return ws, render_batch(ws / "letters" / "tambon.yaml", table, ws).folder


ATTACHED = """\
attachments:
  - title: แนวทางการขับเคลื่อนตำบลเข้มแข็ง
    quantity: 1
    unit: ฉบับ
    document: ../attachments/001_guideline.yaml
"""


def shared_attachments(root: Path, count: int) -> tuple[float, float]:
    """Seconds to prepare ``count`` drafts that send an attachment document: once per letter,
    and with the documents shared by the batch."""
    from generator.issuing import prepare, read_draft
    from generator.registry import Registry
    from generator.render.batch import render_batch

    ws = workspace(root / "attached")
    spec = ws / "letters" / "tambon.yaml"
    spec.write_text(SPEC + ATTACHED, encoding="utf-8")
    folder = render_batch(spec, write_list(ws / "list.csv", count), ws).folder
    drafts = [read_draft(p) for p in sorted(folder.glob("*.docx"))
              if not p.name.endswith(".bundle.docx")]
    with Registry.open(ws) as registry:
        prepare(drafts[0], ws, registry)  # templates compiled once
        _, each_s = timed(lambda: [prepare(d, ws, registry) for d in drafts])
        shared: dict = {}
        _, shared_s = timed(lambda: [prepare(d, ws, registry, shared=shared) for d in drafts])
    assert len(shared) == 1
    return each_s, shared_s


def registered(ws: Path) -> list[int]:
    """The running numbers the register holds (any status: a number taken is a number)."""
    import sqlalchemy as sa

    from generator.registry import Registry, database
    from generator.registry.schema import letters

    with Registry.open(ws) as registry, database.read(registry.engine) as connection:
        return sorted(connection.execute(sa.select(letters.c.running)).scalars())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=878, help="batch letters (default 878)")
    parser.add_argument("--issue", type=int, default=100, help="letters issued (default 100)")
    parser.add_argument("--cli-loop", type=int, default=5,
                        help="letters issued by the CLI loop, scaled to --issue (default 5)")
    parser.add_argument("--fail-at", type=int, default=57, help="the letter that fails")
    args = parser.parse_args()

    from generator import pdf
    from generator.errors import UserError
    from generator.issuing.batch import issue_batch
    from generator.render.batch import render_batch

    with tempfile.TemporaryDirectory(prefix="gen-letter-batch-") as tmp:
        root = Path(tmp)
        # --- drafts ---------------------------------------------------------------------
        ws = workspace(root / "drafts")
        table = write_list(ws / "list.csv", args.count)
        spec = ws / "letters" / "tambon.yaml"
        render_batch(spec, write_list(root / "warm.csv", 3), ws, root / "warm")  # compile once
        batch, batch_s = timed(render_batch, spec, table, ws)
        assert len(batch.drafts) == args.count
        plain, plain_s = timed(docxtpl_loop, ws, table, root / "docxtpl")
        own, own_s = timed(render_loop, ws, table, root / "render")
        print(f"drafts: {args.count} (one per tambon, {len(DISTRICTS)} districts); "
              f"{batch.whole} rendered whole")
        print(f"batch_new_s: {batch_s:.2f}  ({args.count / batch_s:.0f} drafts/s)")
        print(f"docxtpl_loop_s: {plain_s:.2f}  ({plain / plain_s:.0f} drafts/s)")
        print(f"render_per_row_s: {own_s:.2f}  ({own / own_s:.0f} drafts/s, the project's "
              "renderer called per row)")
        drafts_speedup = plain_s / batch_s

        # --- attachment documents shared by the batch ------------------------------------
        each_s, shared_s = shared_attachments(root, args.issue)
        print(f"prepare_with_attachment_per_letter_s: {each_s:.2f}  shared_by_batch_s: "
              f"{shared_s:.2f}  ({args.issue} drafts, {each_s / shared_s:.1f}x)")

        # --- issue ----------------------------------------------------------------------
        rates = {}
        for workers in (1, 2):
            ws, folder = drafts_for_issue(root, f"issue{workers}", args.issue)
            letters, seconds = timed(lambda: issue_batch([folder], ws, date=DAY,
                                                         workers=workers))
            runnings = registered(ws)
            assert runnings == list(range(1, args.issue + 1)), runnings
            assert all(letter.pdf.is_file() for letter in letters)
            rates[workers] = args.issue / seconds
            print(f"issue_batch_workers_{workers}_s: {seconds:.1f}  ({rates[workers]:.2f} "
                  f"letters/s); numbers 1..{args.issue} contiguous: yes")

        ws, folder = drafts_for_issue(root, "cli", args.cli_loop)
        exe = Path(sys.executable).with_name("gen-letter")
        command = [str(exe)] if exe.exists() else [sys.executable, "-m", "generator"]
        start = time.perf_counter()
        for draft in sorted(folder.glob("*.docx")):
            subprocess.run([*command, "--workspace", str(ws), "issue", "--date", DAY.isoformat(),
                            str(draft)], check=True, capture_output=True)
        loop_s = time.perf_counter() - start
        loop_rate = args.cli_loop / loop_s
        print(f"cli_issue_loop_s: {loop_s:.1f} for {args.cli_loop} letters ({loop_rate:.2f} "
              f"letters/s; {args.issue / loop_rate:.0f} s scaled to {args.issue})")

        # --- all or nothing -------------------------------------------------------------
        ws, folder = drafts_for_issue(root, "fail", args.issue)
        failing = sorted(folder.glob("*.docx"))[args.fail_at - 1].stem
        real = pdf.convert

        def convert(pairs, **kw):  # the letters before it are converted, then it fails
            at = next((n for n, (_d, p) in enumerate(pairs)
                       if Path(p).stem.endswith(f"-{args.fail_at}")), None)
            if at is None:
                return real(pairs, **kw)
            real(pairs[:at], **kw)
            raise UserError(f"LibreOffice could not convert letter {args.fail_at}")

        pdf.convert = convert
        try:
            issue_batch([folder], ws, date=DAY, workers=2)
            raise SystemExit("the failing batch was issued")
        except UserError:
            pass
        finally:
            pdf.convert = real
        left = [p for p in (ws / "output" / "issued").rglob("*") if p.is_file()] \
            if (ws / "output" / "issued").exists() else []
        assert registered(ws) == [] and left == [], (registered(ws), left)
        one = issue_batch([sorted(folder.glob("*.docx"))[0]], ws, date=DAY)
        assert one[0].running == 1
        print(f"failure_in_letter_{args.fail_at} ({failing}): nothing taken, nothing in "
              "output/issued, next number 1")

        issue_speedup = max(rates.values()) / loop_rate
        print(f"issue_speedup_workers_1: {rates[1] / loop_rate:.1f}  workers_2: "
              f"{rates[2] / loop_rate:.1f}")
        print(f"drafts_speedup_vs_docxtpl: {drafts_speedup:.1f} "
              f"issue_speedup_vs_cli_loop: {issue_speedup:.1f}")


if __name__ == "__main__":
    main()
