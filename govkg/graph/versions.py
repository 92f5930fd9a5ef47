"""Versions of input files and removed articles: which shard records are still live.

Shards are never rewritten. When a file is built again with other content, the new shard
records the file's new *generation* in ``shard.json`` (``"versions": {path: [sha256, gen]}``,
``gen`` one more than the highest generation any shard gives the path); every article record
carries the sha256 of the file version it came from (``input_sha``). An article is live when its
file's newest generation is the version it came from: rebuilding an edited file replaces its
old articles and their triples. ``govkg build --remove ARTICLE_ID`` writes a shard holding no
records and ``"removed": [ids]``: those articles and their triples are no longer read.

Articles of shards written before versions existed carry no ``input_sha``; their version is the
one their shard's ``inputs`` records, else unknown, and an unknown version is live until the
file is rebuilt.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Set, Tuple

from govkg.graph import shards as S

Version = Tuple[str, int]


def state(d: Path, shards: Optional[List[Path]] = None) -> Tuple[Dict[str, Version], Set[str]]:
    """``({path: (live sha256, generation)}, removed article ids)`` of snapshot ``d``."""
    shards = S.shard_dirs(d) if shards is None else shards
    live: Dict[str, Version] = {}
    removed: Set[str] = set()
    for s in shards:
        meta = S.shard_meta(s)
        for path, sha in (meta.get("inputs") or {}).items():
            live.setdefault(path, (sha, 0))
        for path, (sha, gen) in (meta.get("versions") or {}).items():
            old = live.get(path)
            if old is None or (gen, sha) > (old[1], old[0]):
                live[path] = (sha, int(gen))
        removed.update(meta.get("removed") or ())
    return live, removed


def known_inputs(d: Path) -> Set[str]:
    """The sha256 of every live file version (a file with one of them is skipped by a build)."""
    if not (Path(d) / S.HEADER).exists() and not (Path(d) / S.V1_MANIFEST).exists():
        return set()
    return {sha for sha, _ in state(d)[0].values()}


def next_versions(d: Path, inputs: Dict[str, str]) -> Dict[str, List]:
    """``{path: [sha256, generation]}`` to record for files being built with ``inputs``."""
    live, _ = state(d) if (Path(d) / S.HEADER).exists() else ({}, set())
    out = {}
    for path, sha in inputs.items():
        old = live.get(path)
        out[path] = [sha, 1 if old is None else (old[1] if old[0] == sha else old[1] + 1)]
    return out


def dead_articles(d: Path, shards: Optional[List[Path]] = None) -> Dict[int, Set[str]]:
    """``{shard index: ids of its article records that are no longer live}``."""
    shards = S.shard_dirs(d) if shards is None else shards
    live, removed = state(d, shards)
    versioned = {p for p, (_, gen) in live.items() if gen > 0}
    dead: Dict[int, Set[str]] = {}
    for i, s in enumerate(shards):
        own = S.shard_meta(s).get("inputs") or {}
        path = s / "articles.jsonl"
        if not path.is_file():
            continue
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = json.loads(line)
                f = rec.get("file")
                sha = rec.get("input_sha") or own.get(f)
                gone = rec["id"] in removed
                if not gone and f in versioned:   # rebuilt: only its newest version is live
                    gone = sha != live[f][0]
                if gone:
                    dead.setdefault(i, set()).add(rec["id"])
    return dead


def live_records(d: Path, kind: str, shards: Optional[List[Path]] = None,
                 dead: Optional[Dict[int, Set[str]]] = None) -> Iterator[dict]:
    """The merged records of one kind without those of dead articles (sorted by id)."""
    shards = S.shard_dirs(d) if shards is None else shards
    dead = dead_articles(d, shards) if dead is None else dead
    if not any(dead.values()):
        yield from S.iter_records(d, kind, shards)
        return
    if kind == "nodes":   # nodes belong to no article: the resolved graph keeps those still used
        yield from S.iter_records(d, kind, shards)
        return
    key = "id" if kind == "articles" else "article_id"
    yield from S.iter_records(d, kind, shards,
                              keep=lambda i, rec: rec.get(key) not in dead.get(i, ()))
