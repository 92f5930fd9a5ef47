"""E-paper PDFs: the text layer of each page, in reading order, with the box of every character.

PyMuPDF reads the text layer (chosen by measurement, see ``bench/README.md``: on pages
printed by Chromium with CJK fonts it returns the text exactly, where pdfminer, under
pdfplumber, returns Kangxi radicals such as ``⼯`` for ``工``). Each page becomes one
``page`` document: its lines ordered by :mod:`govkg.extract.pdf_layout`, headlines marked
by their type size, captions under pictures left out; page furniture, the page's date and
number and jump lines are then handled like those of any page (:mod:`govkg.extract.page`).

Refused in one line naming the file: a PDF over the size limit (``GOVKG_MAX_PDF_MB``,
default 64), a damaged file, an encrypted one, and pages without a text layer (scans:
OCR them first; the pages with text are still read).
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import List, Optional, Tuple

from govkg.errors import InputError
from govkg.extract import pdf_layout
from govkg.extract.origin import InputText, OffsetMap
from govkg.extract.page import furniture_lines, page_date
from govkg.extract.read import Document, chinese_ratio

DEFAULT_MAX_MB = 64
_MIN_CHARS = 20           # a page with fewer characters in its text layer is a scan (or a picture page)


def max_bytes() -> int:
    """The size limit of one PDF: ``GOVKG_MAX_PDF_MB`` megabytes (default 64)."""
    try:
        mb = float(os.environ.get("GOVKG_MAX_PDF_MB") or DEFAULT_MAX_MB)
    except ValueError:
        mb = DEFAULT_MAX_MB
    return int(mb * 1024 * 1024)


def _open(path: Path):
    try:
        import pymupdf
    except ImportError as e:  # pragma: no cover - a dependency of govkg
        raise InputError("PyMuPDF is missing: pip install 'pymupdf<2' (needed for PDF input)") from e
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from e
    if size > max_bytes():
        raise InputError(f"{path}: PDF of {size / 2**20:.0f} MB is over the {max_bytes() / 2**20:.0f} MB limit; "
                         "split it into pages (e.g. qpdf --split-pages) or raise GOVKG_MAX_PDF_MB")
    if size == 0:
        raise InputError(f"{path}: empty file, nothing to read")
    try:
        doc = pymupdf.open(str(path), filetype="pdf")
    except Exception as e:  # MuPDF raises FileDataError, RuntimeError… on damaged files
        raise InputError(f"{path}: not a readable PDF (damaged or not a PDF: {_short(e)})") from e
    if doc.needs_pass:
        doc.close()
        raise InputError(f"{path}: encrypted PDF, a password is needed; decrypt it first (e.g. qpdf --decrypt)")
    if doc.page_count == 0:
        doc.close()
        raise InputError(f"{path}: not a readable PDF (damaged: no pages)")
    return doc


def _short(e: Exception) -> str:
    return re.sub(r"\s+", " ", str(e)).strip()[:80] or type(e).__name__


def read_pdf(path: Path) -> Tuple[List[Document], List[InputError]]:
    """One document a page with a text layer; pages without one are reported, the rest read."""
    doc = _open(path)
    inp = InputText("pdf")
    docs: List[Document] = []
    scanned: List[int] = []
    broken: List[str] = []
    try:
        for n in range(1, doc.page_count + 1):
            try:
                lines, images = _page_lines(doc.load_page(n - 1))
            except Exception as e:  # a damaged page: read the others
                broken.append(f"{n} ({_short(e)})")
                continue
            if sum(len(ln.text.strip()) for ln in lines) < _MIN_CHARS:
                scanned.append(n)
                continue
            docs.append(_page_document(path, n, lines, images, inp))
    finally:
        doc.close()
    return _checked(path, docs, scanned, broken)


def _checked(path: Path, docs: List[Document], scanned: List[int], broken: List[str]):
    errors: List[InputError] = []
    if broken:
        errors.append(InputError(f"{path}: page(s) {', '.join(broken)} cannot be read (damaged); the others were read"))
    if scanned and not docs and not broken:
        raise InputError(f"{path}: no text layer on its {len(scanned)} page(s) (a scanned PDF); govkg reads the "
                         "text of a PDF: OCR it first (e.g. ocrmypdf -l chi_sim) or give its text")
    if scanned:
        errors.append(InputError(f"{path}: page(s) {_ranges(scanned)} have no text layer (scanned) and were "
                                 "skipped; OCR them first (e.g. ocrmypdf -l chi_sim)"))
    text = "".join(d.text for d in docs)
    if docs and chinese_ratio(text) < 0.2:
        raise InputError(f"{path}: the PDF's text layer is not Chinese text (fonts without a Unicode map?); "
                         "OCR the pages instead")
    _issue_date(docs)
    return docs, errors


def _ranges(pages: List[int]) -> str:
    return ", ".join(str(p) for p in pages[:10]) + (", …" if len(pages) > 10 else "")


def _page_lines(page) -> Tuple[List[pdf_layout.Line], List[pdf_layout.Box]]:
    """The lines of type of a page (characters and boxes) and the boxes of its pictures."""
    raw = page.get_text("rawdict", flags=0)
    lines: List[pdf_layout.Line] = []
    for block in raw.get("blocks", []):
        for ln in block.get("lines", []):
            chars, boxes, sizes = [], [], []
            for span in ln.get("spans", []):
                for ch in span.get("chars", []):
                    if ch["c"] in "\n\r\x00":
                        continue
                    chars.append(ch["c"])
                    boxes.append(tuple(round(v, 2) for v in ch["bbox"]))
                    sizes.append(span["size"])
            text = "".join(chars)
            if text.strip():
                lines.append(pdf_layout.Line(text, boxes, max(set(sizes), key=sizes.count), tuple(ln["bbox"])))
    images = [tuple(info["bbox"]) for info in page.get_image_info() if info.get("bbox")]
    return lines, images


def _page_document(path: Path, n: int, lines, images, inp: InputText) -> Document:
    body = pdf_layout.classify(lines, images)
    leaves = pdf_layout.reading_order(lines, body)
    text, boxes, heads, captions = pdf_layout.page_text(leaves)
    inp.boxes[f"p{n}"] = boxes
    meta = {"input": inp, "headlines": heads, "captions": captions, "pdf_page": n}
    return Document(text=text, source=str(path), kind="page", meta=meta,
                    origin=OffsetMap.identity(len(text), field=f"p{n}"))


def _issue_date(docs: List[Document]) -> None:
    """The date a page gives (its masthead or edition line), else the issue's: the first page's."""
    dates: List[Optional[str]] = []
    for d in docs:
        lines = d.text.split("\n")
        found = furniture_lines(lines)
        dates.append(page_date([lines[i] for i in sorted(found)]))
    first = next((x for x in dates if x), None)
    for d, own in zip(docs, dates):
        d.date = own or first
