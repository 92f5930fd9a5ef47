"""Which PDF library reads e-paper pages best: PyMuPDF vs pdfplumber (pdfminer.six), and
pypdfium2 for reference, in one run on the same pages.

Pages: the two-page county-paper issue of ``tests/extract/epaper.py`` (written for the
tests: masthead, four-column and two-column articles, a picture with its caption, a jump),
printed to PDF by headless Chromium with the Noto CJK fonts, ``--copies`` times over.

Measured for each library:

* characters: of the Han characters written on the pages, the share the library gives back
  as the same characters (multiset recall), and how many it returns as Kangxi radicals or
  CJK radical supplements (U+2E80-U+2FDF) instead of the ideograph (``⼯`` for ``工``);
* time: seconds to read every character with its box (what govkg needs), best of
  ``--repeat``.

    .venv/bin/pip install pdfplumber      # not a govkg dependency; only for this comparison
    .venv/bin/python bench/pdf_bench.py [--copies 10] [--repeat 3]
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "extract"))
import epaper  # noqa: E402

HAN = re.compile(r"[\u4e00-\u9fff]")
RADICAL = re.compile(r"[\u2e80-\u2fdf]")


def source_chars(pages) -> Counter:
    text = "".join(p.header + p.credit + (p.masthead or "") + "".join(
        s.title + (s.subtitle or "") + (s.byline or "") + (s.picture or "") + "".join(s.paras) for s in p.stories)
        for p in pages)
    return Counter(HAN.findall(text))


def read_pymupdf(path: Path) -> str:
    import pymupdf
    out = []
    with pymupdf.open(str(path)) as doc:
        for page in doc:
            for b in page.get_text("rawdict", flags=0)["blocks"]:
                for ln in b.get("lines", []):
                    for s in ln["spans"]:
                        out.extend(c["c"] for c in s["chars"])
    return "".join(out)


def read_pdfplumber(path: Path) -> str:
    import logging
    import pdfplumber
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with pdfplumber.open(str(path)) as pdf:
        return "".join(c["text"] for page in pdf.pages for c in page.chars)


def read_pypdfium2(path: Path) -> str:
    import pypdfium2
    pdf = pypdfium2.PdfDocument(str(path))
    out = []
    for page in pdf:
        tp = page.get_textpage()
        for i in range(tp.count_chars()):
            tp.get_charbox(i)
        out.append(tp.get_text_range())
    return "".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=10, help="issues printed into one PDF")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    pages = epaper.ISSUE * args.copies
    want = source_chars(pages)
    with tempfile.TemporaryDirectory() as d:
        pdf = epaper.print_pdf(epaper.issue_html(pages), Path(d) / "issue.pdf")
        print(f"{len(pages)} pages, {sum(want.values()):,} Han characters written, {pdf.stat().st_size:,} bytes")
        for name, fn in (("PyMuPDF", read_pymupdf), ("pdfplumber", read_pdfplumber), ("pypdfium2", read_pypdfium2)):
            try:
                best, text = None, ""
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    text = fn(pdf)
                    dt = time.perf_counter() - t0
                    best = dt if best is None else min(best, dt)
            except ImportError:
                print(f"{name:10s} not installed")
                continue
            got = Counter(HAN.findall(text))
            recall = sum((got & want).values()) / sum(want.values())
            print(f"{name:10s} Han characters back {recall:7.2%}   radicals instead {len(RADICAL.findall(text)):6,}   "
                  f"{best:6.3f} s = {best / len(pages) * 1000:6.1f} ms/page")


if __name__ == "__main__":
    main()
