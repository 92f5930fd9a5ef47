"""Which files govkg reads, and the readers for the kinds beyond text: e-paper PDFs
(:mod:`govkg.extract.read_pdf`) and saved web pages (:mod:`govkg.extract.read_html`).

A file is a PDF or a web page by its suffix, or, whatever its suffix, by its first bytes
(``%PDF-``, ``<!DOCTYPE html``, ``<html``). In a folder, a README is documentation, not
news, and the ``NAME_files`` folder a browser saves beside ``NAME.html`` holds the page's
images and scripts: both are left out, and so are files of other kinds; one note says so.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import List, Optional, Tuple

from govkg.errors import InputError, InputNote

TEXT_SUFFIXES = (".txt", ".text", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
PDF_SUFFIXES = (".pdf",)
READ = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES
_HTML_HEAD = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)


def kind_of(path: Path) -> str:
    """``pdf``, ``html``, ``jsonl`` or ``text``: by the first bytes of a regular file, else by suffix."""
    head = b""
    if path.is_file():
        try:
            with open(path, "rb") as fh:
                head = fh.read(1024).lstrip(b"\xef\xbb\xbf")
        except OSError:
            head = b""
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF-") or suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in HTML_SUFFIXES or _HTML_HEAD.match(head):
        return "html"
    return "jsonl" if suffix in JSONL_SUFFIXES else "text"


def read_other(path: Path):
    """Documents of a PDF or a web page, or None for text and JSON Lines (read by ``read.py``)."""
    kind = kind_of(path)
    if kind == "pdf":
        from govkg.extract.read_pdf import read_pdf
        return read_pdf(path)
    if kind == "html":
        from govkg.extract.read_html import read_html
        return read_html(path)
    return None


def folder_files(folder: Path) -> Tuple[List[Path], List[Tuple[Path, InputError]], Optional[InputNote]]:
    """The input files of ``folder`` (recursively, sorted), the problems met (sub-folders that
    cannot be listed, input files that are not regular files: FIFOs, devices, sockets, never
    opened) and a note on what was left out. Symbolic links to folders are not followed."""
    files: List[Path] = []
    errors: List[Tuple[Path, InputError]] = []
    readme: List[str] = []
    other: List[str] = []
    assets = 0

    def unlistable(e: OSError) -> None:
        where = Path(e.filename or folder)
        errors.append((where, InputError(f"{where}: cannot list the folder ({e.strerror or e}); "
                                         "its files are not read")))

    found: List[Path] = []
    for root, dirs, names in os.walk(folder, onerror=unlistable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # hidden folders are not read
        found.extend(Path(root) / name for name in names if not name.startswith("."))
    pages = {p.parent / (p.stem + "_files") for p in found if p.suffix.lower() in HTML_SUFFIXES}
    for f in sorted(found):
        rel = f.relative_to(folder)
        try:
            mode = f.stat().st_mode
        except OSError as e:
            if f.suffix.lower() in READ:
                errors.append((f, InputError(f"{f}: cannot read ({e.strerror or e})")))
            continue
        if not stat.S_ISREG(mode):
            if f.suffix.lower() in READ and not stat.S_ISDIR(mode):
                errors.append((f, InputError(f"{f}: not a regular file (a FIFO, device or socket); not read")))
            continue
        if any(parent in pages for parent in f.parents):
            assets += 1
        elif f.name.endswith(".gold.jsonl"):
            continue  # gold annotation beside an input (govkg eval)
        elif f.stem.lower() == "readme":
            readme.append(str(rel))
        elif f.suffix.lower() in READ:
            files.append(f)
        else:
            other.append(str(rel))
    return files, sorted(errors, key=lambda x: x[0]), _note(folder, readme, other, assets)


def _note(folder: Path, readme: List[str], other: List[str], assets: int) -> Optional[InputNote]:
    parts = []
    if readme:
        parts.append(f"{', '.join(readme)} (a README is not news)")
    if other:
        shown = ", ".join(other[:3]) + (", …" if len(other) > 3 else "")
        parts.append(f"{len(other)} file(s) of other kinds ({shown})")
    if assets:
        parts.append(f"{assets} file(s) in the NAME_files folders of saved pages")
    if not parts:
        return None
    return InputNote(f"{folder}: left out {'; '.join(parts)}; govkg reads {' '.join(READ)}")
