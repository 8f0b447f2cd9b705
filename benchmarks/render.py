"""Rendering speed: a circular to every district (878 letters) with the compiled renderer, and the
same batch with a plain docxtpl loop (a new DocxTemplate per letter), in the same run.

    .venv/bin/python benchmarks/render.py [--count 878] [--new-runs 5]

Prints the single-letter ``gen-letter new`` wall time (a fresh process each time, start-up
included) and, as its last line, ``speedup_vs_naive_docxtpl: X.X``.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
sys.path.insert(0, str(REPO))


def batch(count: int) -> list:
    """``count`` letters: the seed letters in turn, each to one district office."""
    from generator.spec import load_spec

    specs = [load_spec(p) for p in sorted((EXAMPLES / "letters").glob("[0-9][0-9][0-9]_*.yaml"))]
    return [dataclasses.replace(specs[i % len(specs)], recipient=f"นายอำเภอ อำเภอที่ {i + 1}")
            for i in range(count)]


def compiled_run(letters: list, offices: dict) -> list[bytes]:
    from generator.render import render

    return [render(spec, EXAMPLES, offices=offices) for spec in letters]


def naive_run(letters: list, offices: dict) -> list[bytes]:
    """What a plain docxtpl program does: open the template and render, letter by letter (with
    the same context, the same sandboxed, autoescaping Jinja settings and the Garuda image)."""
    from docx.shared import Cm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from generator.render import template_path
    from generator.render.context import build_context

    out = []
    for spec in letters:
        prepared = build_context(spec, offices)
        tpl = DocxTemplate(str(template_path(EXAMPLES, prepared.template_name)))
        garuda_file = prepared.context["garuda_file"]
        context = dict(prepared.context,
                       garuda=lambda h, tpl=tpl: InlineImage(tpl, garuda_file, height=Cm(h)))
        env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
        tpl.render(context, jinja_env=env)
        buffer = io.BytesIO()
        tpl.save(buffer)
        out.append(buffer.getvalue())
    return out


def new_wall_times(runs: int) -> list[float]:
    """Wall time of ``gen-letter new`` on one letter, a fresh process each run."""
    exe = Path(sys.executable).with_name("gen-letter")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "generator"]
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp) / "ws"
        shutil.copytree(EXAMPLES, workspace)
        spec = workspace / "letters" / "001_5e28ea4e505824d1.yaml"
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([*command, "--workspace", str(workspace), "new", "--force", str(spec)],
                           check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=878, help="letters per batch (default 878)")
    parser.add_argument("--new-runs", type=int, default=5, help="gen-letter new runs (default 5)")
    args = parser.parse_args()

    from generator.render import load_offices_for

    times = new_wall_times(args.new_runs)
    print(f"gen_letter_new_wall_s: min {min(times):.3f}  median {statistics.median(times):.3f}"
          f"  max {max(times):.3f}  ({args.new_runs} runs, start-up included)")

    offices = load_offices_for(EXAMPLES)
    letters = batch(args.count)
    compiled_run(letters[:5], offices)  # compile the templates once, outside the timing

    start = time.perf_counter()
    fast = compiled_run(letters, offices)
    compiled_s = time.perf_counter() - start
    start = time.perf_counter()
    slow = naive_run(letters, offices)
    naive_s = time.perf_counter() - start
    assert len(fast) == len(slow) == args.count

    print(f"letters: {args.count}")
    print(f"compiled_renderer_s: {compiled_s:.2f}  ({args.count / compiled_s:.0f} letters/s, "
          f"{1000 * compiled_s / args.count:.1f} ms each)")
    print(f"naive_docxtpl_s: {naive_s:.2f}  ({args.count / naive_s:.0f} letters/s, "
          f"{1000 * naive_s / args.count:.1f} ms each)")
    print(f"speedup_vs_naive_docxtpl: {naive_s / compiled_s:.1f}")


if __name__ == "__main__":
    main()
