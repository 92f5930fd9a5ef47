"""Reading input: text files, folders of them, and JSON Lines of articles.

Every file is decoded with a detector (UTF-8 first, then charset-normalizer for
GB18030/GBK/Big5 and others) and checked to hold Chinese text. A bad file raises
:class:`~govkg.errors.InputError` naming it; :func:`iter_documents` reports it and
goes on with the rest, so bad input never loses the good input beside it.
"""
from __future__ import annotations

import datetime
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Iterable, Iterator, List, Optional, Tuple

from govkg.errors import InputError

TEXT_SUFFIXES = (".txt", ".text", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ISO_DATE = re.compile(r"^(\d{4})-?(\d{1,2})-?(\d{1,2})")
_SPACE = re.compile(r"\s+")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: a file larger than this is refused before it is read (bounded memory); override with $GOVKG_MAX_FILE_BYTES
MAX_FILE_BYTES = 256 * 2 ** 20
#: a JSON Lines line longer than this is refused before it is parsed (an article of the largest size
#: allowed, each character escaped as \uXXXX, fits)
MAX_LINE_CHARS = 8_000_000


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
    """Share of CJK ideographs among the non-space characters of ``text``.

    >>> chinese_ratio("二七区 ok")
    0.6
    """
    solid = len(text) - sum(len(m) for m in _SPACE.findall(text))
    return _cjk_count(text) / solid if solid else 0.0


def _cjk_count(text: str) -> int:
    return len(text) - len(_CJK.sub("", text))


_CONTROLS = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u1680\u2000-\u200a\u202f\u205f]")


def clean_text(text: str) -> str:
    """``text`` with control characters (tabs too, but not line breaks) and unusual spaces as plain
    spaces, a lone carriage return and U+2028/U+2029 as line breaks and lone surrogates as U+FFFD,
    so that no name or evidence holds them. Character for character (the carriage return of
    ``\\r\\n`` becomes a space): every character keeps its offset, so offsets into the input hold.

    >>> clean_text("二\\x00七区\\r会议\\u2028\\u2003\\ud800\\r\\n")
    '二 七区\\n会议\\n \\ufffd \\n'
    """
    text = text.replace("\r\n", " \n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return _SURROGATE.sub("\ufffd", _CONTROLS.sub(" ", text))


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
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: not valid UTF-16 ({e.reason} at byte {e.start}); "
                             "re-save it as UTF-8") from e
    elif data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            # UTF-8 cut inside its last character (a truncated copy): keep it, the cut one as U+FFFD
            cut = e.reason == "unexpected end of data" and e.end == len(data)
            text = data.decode("utf-8", errors="replace") if cut else _detect(data, name)
    if "\x00" in text or _control_ratio(text) > 0.05:
        raise InputError(f"{name}: looks like a binary file, not text; give a .txt or .jsonl file")
    if _cjk_count(text) < 4 or chinese_ratio(text) < 0.2:
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


def read_file_bytes(path: Path, *, limit: Optional[int] = None) -> bytes:
    """The bytes of a regular file, at most ``limit`` (default :data:`MAX_FILE_BYTES`).

    A FIFO, device or socket is refused without reading from it (it is opened non-blocking and
    checked first), and so is a file over the limit. An object that is not a path but has
    ``read_bytes()`` (a part of a file) gives what that returns.
    """
    limit = limit or int(os.environ.get("GOVKG_MAX_FILE_BYTES") or MAX_FILE_BYTES)
    if not isinstance(path, PurePath) and hasattr(path, "read_bytes"):
        data = path.read_bytes()  # a part of a regular file (govkg.extract.pipeline's chunks) reads itself
        if len(data) > limit:
            raise InputError(f"{path}: over the {limit:,}-byte limit for one file; not read "
                             "(split it, or set GOVKG_MAX_FILE_BYTES)")
        return data
    try:
        _regular(path, os.stat(path))  # a socket cannot even be opened: say what it is
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from e
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        _regular(path, st)  # what was opened, in case the path changed since
        if st.st_size > limit:
            raise InputError(f"{path}: {st.st_size:,} bytes, over the {limit:,}-byte limit for one file; "
                             "not read (split it, or set GOVKG_MAX_FILE_BYTES)")
        try:
            data = fh.read(limit + 1)
        except OSError as e:
            raise InputError(f"{path}: cannot read ({e.strerror or e})") from e
    if len(data) > limit:
        raise InputError(f"{path}: over the {limit:,}-byte limit for one file; not read "
                         "(split it, or set GOVKG_MAX_FILE_BYTES)")
    return data


def _regular(path: Path, st: os.stat_result) -> None:
    if not stat.S_ISREG(st.st_mode):
        kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
                else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "a folder"
                if stat.S_ISDIR(st.st_mode) else "something else")
        raise InputError(f"{path}: {kind}, not a regular file; not read (give a .txt or .jsonl file)")


def read_text_file(path: Path) -> Document:
    """Read one plain-text file (a page or an article)."""
    data = read_file_bytes(path)
    return Document(text=decode_bytes(data, name=str(path)), source=str(path), kind="page")


def _iso_date(value) -> Optional[str]:
    """``YYYY-MM-DD`` of a record's date, or None when it gives none or no real day.

    >>> _iso_date("20220412"), _iso_date("2022-04-31"), _iso_date("0000-01-01")
    ('2022-04-12', None, None)
    """
    if value in (None, "") or not isinstance(value, (str, int)):
        return None
    m = _ISO_DATE.match(str(value).strip()[:40])
    if not m:
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:  # 2022-04-31, year 0
        return None


def read_jsonl_file(path: Path) -> Tuple[List[Document], List[InputError]]:
    """Read JSON Lines of articles (``title``, ``date``, ``text``; optional ``url``, ``source``).

    Each line is one article. A broken line gives an error naming ``file:line``;
    the other lines are still read.
    """
    data = read_file_bytes(path)
    if not data.strip():
        raise InputError(f"{path}: empty file, nothing to read")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raw = _detect(data, str(path))
    docs, errors = [], []
    for lineno, line in enumerate(raw.split("\n"), 1):  # JSON Lines end at \n, not at U+2028 or \x1c
        if not line.strip():
            continue
        doc = _record(line.rstrip("\r"), f"{path}:{lineno}", f"{path}#{lineno}", errors)
        if doc is not None:
            docs.append(doc)
    if not docs and not errors:
        errors.append(InputError(f"{path}: no records found"))
    return docs, errors


def _record(line: str, where: str, source: str, errors: List[InputError]) -> Optional[Document]:
    """One JSON Lines record as a Document, or None with its problem (naming ``where``) in ``errors``."""
    if len(line) > MAX_LINE_CHARS:
        errors.append(InputError(f"{where}: {len(line):,} characters, over the {MAX_LINE_CHARS:,} limit "
                                 "for one line; line skipped"))
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        errors.append(InputError(f"{where}: not valid JSON ({e.msg} at column {e.colno}); line skipped"))
        return None
    except (ValueError, RecursionError) as e:  # a 5,000-digit number, arrays nested 10,000 deep
        reason = "nested too deeply" if isinstance(e, RecursionError) else " ".join(str(e).split())[:120]
        errors.append(InputError(f"{where}: not valid JSON for govkg ({reason}); line skipped"))
        return None
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
        errors.append(InputError(f"{where}: expected an object with a non-empty \"text\" string; line skipped"))
        return None
    fields = {k: obj[k] for k in ("title", "url", "id", "source") if isinstance(obj.get(k), (str, int))
              and not isinstance(obj.get(k), bool)}
    text, title = obj["text"], fields.get("title") if isinstance(fields.get("title"), str) else None
    if any(_SURROGATE.search(v) for v in [text, *fields.values()] if isinstance(v, str)):
        errors.append(InputError(f"{where}: holds a lone surrogate (such as \\ud800), not valid Unicode; "
                                 "line skipped"))
        return None
    if _cjk_count((title or "") + text) < 4:
        errors.append(InputError(f"{where}: no Chinese text found; line skipped"))
        return None
    date = _iso_date(obj.get("date"))
    if date is None and isinstance(obj.get("date"), str) and _ISO_DATE.match(obj["date"].strip()[:40]):
        errors.append(InputError(f"{where}: \"date\" {str(obj.get('date'))[:30]!r} is not a real day "
                                 "(YYYY-MM-DD); article read without a date"))
    url = fields.get("url")
    return Document(text=text.replace("\r\n", "\n"), source=source, kind="article", title=title, date=date,
                    url=url if isinstance(url, str) else None,
                    meta={k: fields[k] for k in ("id", "source") if k in fields})


def iter_input_files(paths: Iterable[Path]) -> Iterator[Tuple[Path, Optional[InputError]]]:
    """Expand files and folders (recursively, sorted) into input files.

    Yields ``(path, None)`` for readable candidates; ``(path, InputError)`` for paths that do
    not exist, folders that cannot be listed and, inside folders, input files that are not
    regular files (FIFOs, devices, sockets: never opened); and ``(folder, InputNote)`` saying
    which files of a folder were left out (its README, files of other kinds, the ``NAME_files``
    folder a browser saves beside ``NAME.html``). Symbolic links to folders are not followed
    inside a folder.
    """
    from govkg.extract.inputs import folder_files
    for p in paths:
        p = Path(p)
        if not p.exists():
            yield p, InputError(f"{p}: no such file or directory")
        elif p.is_dir():
            files, errors, note = folder_files(p)
            yield from sorted([(f, None) for f in files] + errors, key=lambda x: x[0])
            if not files:
                yield p, InputError(f"{p}: folder holds no .txt, .jsonl, .html or .pdf files")
            if note is not None:
                yield p, note
        else:
            yield p, None


def read_path(path: Path) -> Tuple[List[Document], List[InputError]]:
    """Read one input file into documents; errors in part of a file come back beside the good part."""
    from govkg.extract.inputs import read_other
    try:
        _regular(path, os.stat(path))  # a FIFO or device is never opened, whatever its kind
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from e
    other = read_other(path)
    if other is not None:
        return other
    if path.suffix.lower() in JSONL_SUFFIXES:
        return read_jsonl_file(path)
    return [read_text_file(path)], []
