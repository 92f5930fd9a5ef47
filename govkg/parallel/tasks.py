"""Planning: input paths -> the chunks workers extract, in input order.

A text file is one chunk. A JSON Lines file larger than ``chunk_bytes`` is cut at line
ends into chunks of about ``chunk_bytes`` (whole records; the cut points depend only on
the file, never on the number of workers). One streaming pass per file also gives its
sha256, so planning holds one block of the file in memory at a time.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set, Tuple

from govkg.errors import InputError, InputNote
from govkg.extract.pipeline import Chunk
from govkg.extract.read import JSONL_SUFFIXES, iter_input_files

#: bytes of a JSON Lines file per chunk (about 200 CCTV news articles)
CHUNK_BYTES = 1 << 20
_BLOCK = 1 << 20


@dataclass
class Task:
    """One unit of work: a chunk of a file (``part`` = (index, count)), or a path that cannot be read."""

    chunk: Chunk
    part: Tuple[int, int] = (0, 1)
    size: int = 0
    error: Optional[InputError] = None


@dataclass
class Plan:
    tasks: List[Task] = field(default_factory=list)
    files: List[Path] = field(default_factory=list)     # every file to extract (bad paths included)
    inputs: Dict[str, str] = field(default_factory=dict)   # {path: sha256} of readable files
    notes: List[Tuple[Path, object]] = field(default_factory=list)  # files a folder leaves out, said not failed

    @property
    def total_bytes(self) -> int:
        return sum(t.size for t in self.tasks)


def _scan(path: Path, chunk_bytes: int) -> Tuple[str, List[Tuple[int, int, int]]]:
    """sha256 of the file and its chunks ``(start, end, first_line)`` cut at line ends."""
    h = hashlib.sha256()
    cuts: List[Tuple[int, int, int]] = []
    start, line, pos, first_line, content = 0, 1, 0, 1, False
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_BLOCK), b""):
            h.update(block)
            i = 0
            while True:
                nl = block.find(b"\n", i)
                if nl < 0:
                    content = content or bool(block[i:].strip())
                    break
                content = content or bool(block[i:nl].strip())
                line += 1
                i = nl + 1
                if pos + i - start >= chunk_bytes:
                    if content:
                        cuts.append((start, pos + i, first_line))
                    start, first_line, content = pos + i, line, False
            pos += len(block)
    if pos > start and content:
        cuts.append((start, pos, first_line))
    return h.hexdigest(), cuts


def _chunkable(path: Path, size: int, chunk_bytes: int) -> bool:
    if path.suffix.lower() not in JSONL_SUFFIXES or size <= chunk_bytes:
        return False
    with open(path, "rb") as fh:
        head = fh.read(4096)
    return b"\x00" not in head   # UTF-16 and binary files are read whole


def plan(paths: Iterable[Path], *, known: Set[str] = frozenset(), chunk_bytes: Optional[int] = None
         ) -> Tuple[Plan, List[str]]:
    """The tasks for ``paths`` and the files skipped because their sha256 is in ``known``."""
    chunk_bytes = chunk_bytes or CHUNK_BYTES
    out, skipped = Plan(), []
    for f, err in iter_input_files(paths):
        if isinstance(err, InputNote):
            out.notes.append((f, err))
            continue
        if err is not None or not f.is_file():
            out.files.append(f)
            out.tasks.append(Task(Chunk(str(f)), error=err))
            continue
        try:
            size = f.stat().st_size
            if _chunkable(f, size, chunk_bytes):
                sha, cuts = _scan(f, chunk_bytes)
            else:
                sha, cuts = _sha256(f), [(0, None, 1)]
        except OSError as e:
            out.files.append(f)
            out.tasks.append(Task(Chunk(str(f)), error=InputError(f"{f}: cannot read ({e.strerror or e})")))
            continue
        if sha in known:
            skipped.append(str(f))
            continue
        out.files.append(f)
        out.inputs[str(f)] = sha
        if not cuts:   # nothing but blank lines: read whole, so the reader reports it
            cuts = [(0, None, 1)]
        for i, (s, e, first) in enumerate(cuts):
            out.tasks.append(Task(Chunk(str(f), s, e if len(cuts) > 1 else None, first),
                                  part=(i, len(cuts)), size=(e if e is not None else size) - s))
    return out, skipped


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_BLOCK), b""):
            h.update(block)
    return h.hexdigest()
