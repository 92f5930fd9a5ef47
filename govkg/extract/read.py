"""Reading input: text files, folders of them, and JSON Lines of articles.

Every file is decoded with a detector (UTF-8 first, then charset-normalizer for
GB18030/GBK/Big5 and others) and checked to hold Chinese text. A bad file raises
:class:`~govkg.errors.InputError` naming it; :func:`iter_documents` reports it and
goes on with the rest, so bad input never loses the good input beside it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, List, Optional, Tuple

from govkg.errors import InputError

TEXT_SUFFIXES = (".txt", ".text", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ISO_DATE = re.compile(r"^(\d{4})-?(\d{1,2})-?(\d{1,2})")


@dataclass
class Document:
    """One unit of input: a whole page (``kind='page'``) or one article (``kind='article'``)."""

    text: str
    source: str                      # file path, with ``#line`` for JSON Lines records
    kind: str = "page"
    title: Optional[str] = None
    date: Optional[str] = None       # ISO YYYY-MM-DD when the input gives it
    url: Optional[str] = None
    meta: dict = field(default_factory=dict)
    origin: Optional[object] = None  # OffsetMap: text -> the input (govkg.extract.origin); None: the same


def chinese_ratio(text: str) -> float:
    """Share of CJK ideographs among the non-space characters of ``text``."""
    chars = [c for c in text if not c.isspace()]
    return sum(1 for c in chars if _CJK.match(c)) / len(chars) if chars else 0.0


def decode_bytes(data: bytes, *, name: str = "<bytes>") -> str:
    """Decode ``data`` as Chinese text, detecting UTF-8, GB18030/GBK, Big5 and UTF-16.

    Raises
    ------
    InputError
        When the bytes are empty, binary, or decode to something that is not Chinese.
    """
    if not data.strip():
        raise InputError(f"{name}: empty file, nothing to read")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detect(data, name)
    if "\x00" in text or _control_ratio(text) > 0.05:
        raise InputError(f"{name}: looks like a binary file, not text; give a .txt or .jsonl file")
    if len(_CJK.findall(text)) < 4 or chinese_ratio(text) < 0.2:
        raise InputError(f"{name}: no Chinese text found (govkg reads Chinese news); check the file and its encoding")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_ratio(text: str) -> float:
    sample = text[:4096]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return bad / max(1, len(sample))


def _detect(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: looks like a binary file, not text; give a .txt or .jsonl file")
    try:
        from charset_normalizer import from_bytes
    except ImportError as e:  # pragma: no cover - a dependency of govkg
        raise InputError("charset-normalizer is missing: pip install charset-normalizer") from e
    matches = from_bytes(data)
    # among the plausible decodings, prefer the one that reads as the most Chinese
    best, best_score = None, -1.0
    for m in list(matches)[:6]:
        text = str(m)
        score = chinese_ratio(text) - m.chaos
        if score > best_score:
            best, best_score = text, score
    if best is None:
        raise InputError(f"{name}: cannot detect the text encoding (not UTF-8, GB18030, Big5...); is it a binary file?")
    return best


def read_text_file(path: Path) -> Document:
    """Read one plain-text file (a page or an article)."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from e
    return Document(text=decode_bytes(data, name=str(path)), source=str(path), kind="page")


def _iso_date(value) -> Optional[str]:
    if value in (None, ""):
        return None
    m = _ISO_DATE.match(str(value).strip())
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def read_jsonl_file(path: Path) -> Tuple[List[Document], List[InputError]]:
    """Read JSON Lines of articles (``title``, ``date``, ``text``; optional ``url``, ``source``).

    Each line is one article. A broken line gives an error naming ``file:line``;
    the other lines are still read.
    """
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from e
    if not data.strip():
        raise InputError(f"{path}: empty file, nothing to read")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raw = _detect(data, str(path))
    docs, errors = [], []
    for lineno, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(InputError(f"{where}: not valid JSON ({e.msg} at column {e.colno}); line skipped"))
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            errors.append(InputError(f"{where}: expected an object with a non-empty \"text\" string; line skipped"))
            continue
        title = obj.get("title") if isinstance(obj.get("title"), str) else None
        text = obj["text"]
        if len(_CJK.findall((title or "") + text)) < 4:
            errors.append(InputError(f"{where}: no Chinese text found; line skipped"))
            continue
        docs.append(Document(
            text=text.replace("\r\n", "\n"), source=f"{path}#{lineno}", kind="article", title=title,
            date=_iso_date(obj.get("date")), url=obj.get("url"),
            meta={k: obj[k] for k in ("id", "source") if k in obj},
        ))
    if not docs and not errors:
        errors.append(InputError(f"{path}: no records found"))
    return docs, errors


def iter_input_files(paths: Iterable[Path]) -> Iterator[Tuple[Path, Optional[InputError]]]:
    """Expand files and folders (recursively, sorted) into input files.

    Yields ``(path, None)`` for readable candidates, ``(path, InputError)`` for paths that do
    not exist, and ``(folder, InputNote)`` saying which files of a folder were left out (its
    README, files of other kinds, the ``NAME_files`` folder a browser saves beside ``NAME.html``).
    """
    from govkg.extract.inputs import folder_files
    for p in paths:
        p = Path(p)
        if not p.exists():
            yield p, InputError(f"{p}: no such file or directory")
        elif p.is_dir():
            files, note = folder_files(p)
            for f in files:
                yield f, None
            if not files:
                yield p, InputError(f"{p}: folder holds no .txt, .jsonl, .html or .pdf files")
            if note is not None:
                yield p, note
        else:
            yield p, None


def read_path(path: Path) -> Tuple[List[Document], List[InputError]]:
    """Read one input file into documents; errors in part of a file come back beside the good part."""
    from govkg.extract.inputs import read_other
    other = read_other(path)
    if other is not None:
        return other
    if path.suffix.lower() in JSONL_SUFFIXES:
        return read_jsonl_file(path)
    return [read_text_file(path)], []
