"""Sharded snapshots (format version 2): one shard per input batch, merged by id when read.

A snapshot directory holds ``snapshot.json`` (format, version, schema; written once) and
``shards/<name>/``, each with ``articles.jsonl``, ``nodes.jsonl``, ``relationships.jsonl``
(sorted by id) and ``shard.json`` (its inputs and counts). A shard is written into a hidden
temporary directory and renamed into place when complete, so readers never see half a
shard and several writers can add shards at once; its name is a hash of its content, so
the same batch written twice is one shard. Nothing already written is ever rewritten.

Reading merges the shards' sorted files by id (:func:`iter_records`, a k-way merge that
holds one line per shard): records with the same id are one record, the smallest JSON
line wins, and a Meeting's ``date`` is its earliest date in any shard. The merged view
depends only on the set of records, not on how they were batched into shards.

A version-1 snapshot (one set of files beside ``manifest.json``) is read as one shard;
building into it first moves those files into ``shards/`` (:func:`upgrade`).
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import heapq
import json
import os
import shutil
import uuid
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple

from govkg.errors import SnapshotError
from govkg.schema import ENTITY_TYPES, PREDICATES

FORMAT = "govkg-snapshot"
VERSION = 2
HEADER = "snapshot.json"
SHARD_META = "shard.json"
SHARDS = "shards"
KINDS = ("articles", "nodes", "relationships")
V1_MANIFEST = "manifest.json"
ARTICLE_KEYS = ("id", "title", "subtitle", "date", "source", "url", "file", "text")
REL_KEYS = ("id", "type", "start", "end", "article_id", "evidence", "evidence_start",
            "evidence_end", "rule", "confidence", "source")
#: node properties beyond ``id``, ``label`` and ``name``, by label
NODE_PROPS = {"Meeting": ("date",), "Article": ("title", "date", "source", "url")}


def header() -> Dict[str, Any]:
    """The content of ``snapshot.json``."""
    return {"format": FORMAT, "version": VERSION,
            "schema": {"entity_types": list(ENTITY_TYPES),
                       "predicates": {p: list(st) for p, st in PREDICATES.items()}}}


def dump_line(record: Mapping[str, Any]) -> str:
    """One record as written in a shard (id first; the canonical form records are compared in)."""
    return json.dumps(record, ensure_ascii=False) + "\n"


def date_key(date: str) -> Tuple[bool, str]:
    """A full ISO date beats ``--MM-DD``; then the earliest."""
    return (date.startswith("--"), date)


# ----------------------------------------------------------------------------- locating shards

def snapshot_version(d: Path) -> int:
    """2 for a sharded snapshot, 1 for the old layout; SnapshotError for anything else."""
    d = Path(d)
    if not d.is_dir():
        raise SnapshotError(f"snapshot {d}: no such directory (create one with `govkg build PATH... --out {d}`)")
    if (d / HEADER).is_file():
        head = _read_json(d / HEADER, d)
        if head.get("format") != FORMAT:
            raise SnapshotError(f"snapshot {d}: {HEADER} is not a {FORMAT} header")
        if head.get("version") != VERSION:
            raise SnapshotError(f"snapshot {d}: version {head.get('version')!r} not supported "
                                f"(this govkg reads versions 1 and {VERSION}); upgrade govkg")
        return VERSION
    if (d / V1_MANIFEST).is_file():
        man = _read_json(d / V1_MANIFEST, d)
        if man.get("format") != FORMAT:
            raise SnapshotError(f"snapshot {d}: {V1_MANIFEST} is not a {FORMAT} manifest")
        if man.get("version") != 1:
            raise SnapshotError(f"snapshot {d}: version {man.get('version')!r} not supported "
                                f"(this govkg reads versions 1 and {VERSION}); upgrade govkg")
        missing = [f"{k}.jsonl" for k in KINDS if not (d / f"{k}.jsonl").is_file()]
        if missing:
            raise SnapshotError(f"snapshot {d}: incomplete, missing {', '.join(missing)}")
        return 1
    raise SnapshotError(f"snapshot {d}: not a govkg snapshot (no {HEADER}); "
                        f"create one with `govkg build PATH... --out {d}`")


def _read_json(path: Path, d: Path) -> Dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise SnapshotError(f"snapshot {d}: {path.name} unreadable: {e}") from e
    if not isinstance(data, dict):
        raise SnapshotError(f"snapshot {d}: {path.name} is not a JSON object")
    return data


def shard_dirs(d: Path) -> List[Path]:
    """The complete shards of snapshot ``d``, by name (a v1 snapshot is its own one shard)."""
    d = Path(d)
    if snapshot_version(d) == 1:
        return [d]
    root = d / SHARDS
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir()
                  if p.is_dir() and not p.name.startswith(".") and (p / SHARD_META).is_file())


def shard_meta(shard: Path) -> Dict[str, Any]:
    """``shard.json`` of a shard (for a v1 snapshot: its manifest)."""
    meta = shard / SHARD_META
    return _read_json(meta if meta.is_file() else shard / V1_MANIFEST, shard)


def inputs(d: Path) -> Dict[str, str]:
    """``{path: sha256}`` of every input recorded by any shard."""
    out: Dict[str, str] = {}
    for s in shard_dirs(d):
        out.update(shard_meta(s).get("inputs") or {})
    return dict(sorted(out.items()))


# ----------------------------------------------------------------------------- merged reading

def _line_id(line: str, path: Path) -> str:
    # every record is written as {"id": "...", ...}; ids are plain ASCII
    if not line.startswith('{"id": "'):
        raise SnapshotError(f"snapshot shard {path.parent}: a line of {path.name} does not start with its id")
    return line[8:line.index('"', 8)]


def _lines(path: Path, rank: int) -> Iterator[Tuple[str, int, str]]:
    try:
        with open(path, encoding="utf-8") as fh:
            prev = None
            for line in fh:
                if not line.strip():
                    continue
                rid = _line_id(line, path)
                if prev is not None and rid < prev:
                    raise SnapshotError(f"snapshot shard {path.parent}: {path.name} is not sorted by id")
                prev = rid
                yield rid, rank, line
    except (OSError, UnicodeDecodeError) as e:
        raise SnapshotError(f"snapshot shard {path.parent}: cannot read {path.name}: {e}") from e


def _parse(line: str, path: Path) -> Dict[str, Any]:
    try:
        return json.loads(line)
    except json.JSONDecodeError as e:
        raise SnapshotError(f"snapshot {path}: a record is not JSON: {e.msg}") from e


def merge_group(kind: str, lines: List[str], where: Path) -> Dict[str, Any]:
    """One record from the lines of several shards with the same id (see the module docstring)."""
    if len(lines) == 1 or all(x == lines[0] for x in lines):
        return _parse(lines[0], where)
    records = [_parse(x, where) for x in lines]
    if kind != "nodes" or records[0].get("label") != "Meeting":
        return _parse(min(lines), where)
    dates = [r["date"] for r in records if r.get("date")]
    best = min(records, key=lambda r: dump_line(dict(r, date=None)))
    return dict(best, date=min(dates, key=date_key) if dates else None)


def iter_records(d: Path, kind: str, shards: Optional[List[Path]] = None) -> Iterator[Dict[str, Any]]:
    """The merged records of one kind (articles, nodes, relationships), sorted by id.

    Memory holds one line per shard and the records of one id, whatever the snapshot's size.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    shards = shard_dirs(d) if shards is None else shards
    streams = [_lines(s / f"{kind}.jsonl", i) for i, s in enumerate(shards)]
    group: List[str] = []
    gid = None
    for rid, _rank, line in heapq.merge(*streams):
        if rid != gid and group:
            yield merge_group(kind, group, d)
            group = []
        gid = rid
        group.append(line)
    if group:
        yield merge_group(kind, group, d)


def iter_ids(d: Path, kind: str, shards: Optional[List[Path]] = None) -> Iterator[str]:
    """The distinct ids of one kind, sorted, without parsing the records (for counting)."""
    shards = shard_dirs(d) if shards is None else shards
    prev = None
    for rid, _r, _l in heapq.merge(*(_lines(s / f"{kind}.jsonl", i) for i, s in enumerate(shards))):
        if rid != prev:
            yield rid
            prev = rid


# ----------------------------------------------------------------------------- writing

@contextlib.contextmanager
def locked(d: Path) -> Iterator[None]:
    """An exclusive lock on snapshot ``d`` (creating the header or upgrading; adding a shard needs none)."""
    d.mkdir(parents=True, exist_ok=True)
    with open(d / ".govkg-snapshot.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def init(d: Path) -> None:
    """Make ``d`` a sharded snapshot: create it, or upgrade a v1 snapshot in place."""
    if d.exists() and not d.is_dir():
        raise SnapshotError(f"snapshot {d}: exists and is not a directory")
    if d.is_dir() and not (d / HEADER).exists() and not (d / V1_MANIFEST).exists() \
            and _visible(d) and not (d / SHARDS).is_dir():
        raise SnapshotError(f"snapshot {d}: directory is not empty and holds no {HEADER}; "
                            f"choose an empty or new directory")   # early, before creating a lock file there
    with locked(d):   # another writer may be creating the snapshot: decide under the lock
        if (d / HEADER).exists():
            snapshot_version(d)
            return
        if (d / V1_MANIFEST).exists():
            upgrade(d)
            return
        if _visible(d):
            raise SnapshotError(f"snapshot {d}: directory is not empty and holds no {HEADER}; "
                                f"choose an empty or new directory")
        _write_text(d / HEADER, json.dumps(header(), ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        (d / SHARDS).mkdir(exist_ok=True)


def _visible(d: Path) -> bool:
    """Whether ``d`` holds anything but hidden files (the lock, a header being written)."""
    return any(not p.name.startswith(".") for p in d.iterdir())


def upgrade(d: Path) -> None:
    """Turn a v1 snapshot into a v2 one by moving its files into one shard (nothing is rewritten)."""
    snapshot_version(d)
    man = shard_meta(d)
    tmp = d / SHARDS / f".v1-{uuid.uuid4().hex}"
    tmp.mkdir(parents=True)
    for k in KINDS:
        os.replace(d / f"{k}.jsonl", tmp / f"{k}.jsonl")
    meta = {"inputs": man.get("inputs") or {}, "counts": man.get("counts") or {}, "from_version": 1}
    _write_text(tmp / SHARD_META, json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    os.replace(tmp, d / SHARDS / "shard-v1")
    _write_text(d / HEADER, json.dumps(header(), ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    (d / V1_MANIFEST).unlink()
    shutil.rmtree(d / "import", ignore_errors=True)   # v1's neo4j-admin CSVs: now made by `load --bulk`


def _write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    os.replace(tmp, path)


def write_shard(d: Path, records: Mapping[str, Iterable[Mapping[str, Any]]],
                meta: Mapping[str, Any]) -> Optional[Path]:
    """Write one shard of sorted records into snapshot ``d``; None if an identical shard exists.

    ``records`` maps each kind to its records, sorted by id; ``meta`` goes into ``shard.json``
    (with the counts added). The shard's name hashes its content.
    """
    tmp = d / SHARDS / f".tmp-{uuid.uuid4().hex}"
    tmp.mkdir(parents=True)
    h = hashlib.sha256()
    counts = {}
    try:
        for kind in KINDS:
            n = 0
            with open(tmp / f"{kind}.jsonl", "w", encoding="utf-8", newline="") as fh:
                for rec in records.get(kind, ()):
                    line = dump_line(rec)
                    fh.write(line)
                    h.update(line.encode("utf-8"))
                    n += 1
            counts[kind] = n
            h.update(b"\x00")
        body = dict(meta, counts=counts)
        text = json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        h.update(text.encode("utf-8"))
        (tmp / SHARD_META).write_text(text, encoding="utf-8")
        final = d / SHARDS / f"shard-{h.hexdigest()[:24]}"
        try:
            os.rename(tmp, final)
        except OSError:
            if (final / SHARD_META).is_file():   # the same shard, written by another writer
                shutil.rmtree(tmp, ignore_errors=True)
                return None
            raise
        return final
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
