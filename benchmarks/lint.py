"""Lint speed: 1,000 letters (the five seeds as text and as a DOCX made from their text, in
turn) linted in one process, against pythainlp's ``word_tokenize`` (its default engine) over the
same text as the baseline, in the same run.

    .venv/bin/python benchmarks/lint.py [--count 1000]

Lint includes reading each letter (the DOCX is unzipped and parsed every time). Prints letters
per second for both and, as its last line, ``lint_cost_vs_one_tokenizer_pass: X.XX`` (lint time
over tokenizer time; the target is at most 1).
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
sys.path.insert(0, str(REPO))


def documents() -> list[tuple[str, bytes | str]]:
    import docx

    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append(("text", text))
        document = docx.Document()
        for line in text.splitlines():
            document.add_paragraph(line)
        buffer = io.BytesIO()
        document.save(buffer)
        out.append(("docx", buffer.getvalue()))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()

    from pythainlp.tokenize import word_tokenize

    from generator.docx.text import paragraphs
    from generator.lint import lint_letter
    from generator.reader import read_docx, read_text

    docs = documents()
    batch = [docs[i % len(docs)] for i in range(args.count)]
    texts = [d if kind == "text" else "\n".join(paragraphs(d)) for kind, d in docs]
    text_batch = [texts[i % len(texts)] for i in range(args.count)]
    word_tokenize(texts[0])  # load the dictionary before timing
    lint_letter(read_text(texts[0]))

    start = time.perf_counter()
    findings = 0
    for kind, doc in batch:
        letter = read_text(doc) if kind == "text" else read_docx(doc)
        findings += len(lint_letter(letter))
    lint_time = time.perf_counter() - start

    start = time.perf_counter()
    words = 0
    for text in text_batch:
        words += len(word_tokenize(text))
    tokenize_time = time.perf_counter() - start

    chars = sum(len(t) for t in text_batch)
    print(f"letters: {args.count} ({chars:,} characters; {findings} findings, {words:,} words)")
    print(f"lint (read + all checks): {args.count / lint_time:,.0f} letters/s ({lint_time:.2f} s)")
    print(f"pythainlp word_tokenize:  {args.count / tokenize_time:,.0f} letters/s ({tokenize_time:.2f} s)")
    print(f"lint_cost_vs_one_tokenizer_pass: {lint_time / tokenize_time:.2f}")


if __name__ == "__main__":
    main()
