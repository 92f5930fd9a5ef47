"""Graph snapshot writer and reader (format: ``docs/snapshot.md``, version 2, sharded).

:func:`build_snapshot` turns extraction results into shards as it goes, one shard per
batch of about ``shard_chars`` characters of article text, so memory stays flat in the
corpus size; :func:`read_snapshot` merges the shards by id into a :class:`Snapshot`
(lists in memory, for analysis); :func:`iter_records` (from :mod:`govkg.graph.shards`)
streams the merged records for loaders. Version-1 snapshots are read as they are.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional

from govkg.errors import SnapshotError
from govkg.graph import shards as S
from govkg.graph import versions as V
from govkg.graph.shards import ARTICLE_KEYS, NODE_PROPS, REL_KEYS, iter_records  # noqa: F401
from govkg.schema import ENTITY_TYPES, PREDICATES, node_id, relationship_id

FORMAT, VERSION = S.FORMAT, S.VERSION
#: characters of article text per shard (about 4.5 MB of UTF-8 Chinese)
SHARD_CHARS = 1_500_000


@dataclass
class Snapshot:
    """A snapshot read from disk: each record is a plain ``dict``, sorted by id."""

    path: Path
    manifest: Dict[str, Any]
    articles: List[Dict[str, Any]] = field(default_factory=list)
    nodes: List[Dict[str, Any]] = field(default_factory=list)
    relationships: List[Dict[str, Any]] = field(default_factory=list)


# ----------------------------------------------------------------------------- helpers

def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(key, default)
    return getattr(obj, key, default)


def _article_record(article: Any) -> Dict[str, Any]:
    rec = {k: _get(article, k) for k in ARTICLE_KEYS}  # (no asdict: an article's offset maps stay uncopied)
    if not rec["id"]:
        raise SnapshotError(f"article without an id in {rec.get('file') or '?'}")
    for k in ("file", "source"):
        if rec[k] is not None:
            rec[k] = str(rec[k])
    return rec


def article_name(article: Mapping[str, Any]) -> str:
    """The Article node's name: its title, or the first 20 characters of its text."""
    title = (article.get("title") or "").strip()
    return title or "".join((article.get("text") or "").split())[:20]


def _check_triple(t: Mapping[str, Any]) -> None:
    pred = t.get("predicate")
    if pred not in PREDICATES:
        raise SnapshotError(f"triple with unknown predicate {pred!r} (article {t.get('article_id')})")
    want = PREDICATES[pred]
    got = (t.get("subject_type"), t.get("object_type"))
    if got != want:
        raise SnapshotError(f"{pred} triple typed {got[0]}->{got[1]}, schema says "
                            f"{want[0]}->{want[1]} (article {t.get('article_id')})")
    for side in ("subject", "object"):
        if not str(t.get(side) or "").strip():
            raise SnapshotError(f"{pred} triple with an empty {side} (article {t.get('article_id')})")


def _keep(table: Dict[str, Dict[str, Any]], rec: Dict[str, Any]) -> None:
    """Add ``rec`` to ``table``; of two different records with one id the smallest JSON line wins."""
    old = table.get(rec["id"])
    if old is None:
        table[rec["id"]] = rec
    elif old != rec and S.dump_line(rec) < S.dump_line(old):
        table[rec["id"]] = rec


# ----------------------------------------------------------------------------- one batch

class ShardBuffer:
    """The records of one input batch, written as one shard by :meth:`flush`."""

    def __init__(self) -> None:
        self.articles: Dict[str, Dict[str, Any]] = {}
        self.nodes: Dict[str, Dict[str, Any]] = {}
        self.rels: Dict[str, Dict[str, Any]] = {}
        self.inputs: Dict[str, str] = {}
        self.versions: Dict[str, List] = {}
        self.chars = 0
        self.rejected: List[str] = []   # triples left out because they break the schema

    def __bool__(self) -> bool:
        return bool(self.articles or self.nodes or self.rels or self.inputs)

    def _node(self, label: str, name: str, nid: Optional[str] = None) -> str:
        nid = nid or node_id(label, name)
        _keep(self.nodes, {"id": nid, "label": label, "name": str(name).strip()})
        return nid

    def add(self, fr: Any, sha: Optional[str] = None) -> bool:
        """Add the articles and triples of one extraction result (``sha``: its file's sha256);
        False when a triple broke the schema (it is left out, with one line in :attr:`rejected`,
        and the others are kept).

        An article already in the batch with another text (the same article read again with
        another layout: the same id, text equal but for white space) keeps its first text, and
        the later reading's triples, whose offsets index the other text, are left out."""
        shadowed = set()
        for art in _get(fr, "articles", None) or []:
            rec = _article_record(art)
            rec["input_sha"] = rec.get("input_sha") or sha
            old = self.articles.get(rec["id"])
            if old is not None and old["text"] != rec["text"]:
                shadowed.add(rec["id"])
                continue
            self.chars += len(rec.get("text") or "")
            _keep(self.articles, rec)
            _keep(self.nodes, {"id": rec["id"], "label": "Article", "name": article_name(rec),
                               "title": rec["title"], "date": rec["date"], "source": rec["source"],
                               "url": rec["url"]})
        good = True
        for t in _get(fr, "triples", None) or []:
            if t.get("article_id") in shadowed:
                continue
            try:
                _check_triple(t)
            except SnapshotError as e:  # one bad triple is left out, not the whole build
                self.rejected.append(f"{_get(fr, 'path', None) or '?'}: {e}; triple left out")
                good = False
                continue
            pred, art_id = t["predicate"], t.get("article_id")
            sid = self._node(t["subject_type"], t["subject"])
            if t["object_type"] == "Article":
                oid = art_id or node_id("Article", t["object"])
                if oid not in self.nodes:
                    self._node("Article", t["object"], oid)
            else:
                oid = self._node(t["object_type"], t["object"])
            start = t.get("start")
            rid = relationship_id(sid, pred, oid, art_id or "", start if start is not None else -1)
            _keep(self.rels, {"id": rid, "type": pred, "start": sid, "end": oid, "article_id": art_id,
                              "evidence": t.get("evidence"), "evidence_start": start,
                              "evidence_end": t.get("end"), "rule": t.get("rule"),
                              "confidence": t.get("confidence"),
                              "source": None if t.get("source") is None else str(t["source"])})
        return good

    def flush(self, out: Path) -> Optional[Path]:
        """Write the batch as a shard of ``out`` and empty the buffer."""
        if not self:
            return None
        dates: Dict[str, List[str]] = {}
        for r in self.rels.values():
            if r["type"] == "HELD_ON":
                dates.setdefault(r["start"], []).append(self.nodes[r["end"]]["name"])
        for n in self.nodes.values():
            if n["label"] == "Meeting":
                ds = dates.get(n["id"])
                n["date"] = min(ds, key=S.date_key) if ds else None
        records = {
            "articles": ({k: self.articles[i].get(k) for k in ARTICLE_KEYS} for i in sorted(self.articles)),
            "nodes": (_node_record(self.nodes[i]) for i in sorted(self.nodes)),
            "relationships": ({k: self.rels[i].get(k) for k in REL_KEYS} for i in sorted(self.rels)),
        }
        meta: Dict[str, Any] = {"inputs": dict(sorted(self.inputs.items()))}
        if self.versions:
            meta["versions"] = dict(sorted(self.versions.items()))
        path = S.write_shard(out, records, meta)
        rejected = self.rejected
        self.__init__()
        self.rejected = rejected
        return path


def _node_record(n: Dict[str, Any]) -> Dict[str, Any]:
    rec = {"id": n["id"], "label": n["label"], "name": n["name"]}
    for p in NODE_PROPS.get(n["label"], ()):
        rec[p] = n.get(p)
    return rec


# ----------------------------------------------------------------------------- building

def build_snapshot(results: Iterable[Any], out: Path, *,
                   inputs: Optional[Mapping[Any, str]] = None,
                   progress: Optional[Callable[[Any], None]] = None,
                   shard_chars: int = SHARD_CHARS) -> Dict[str, Any]:
    """Add extraction results to the snapshot ``out``, one shard per batch, as they come.

    Parameters
    ----------
    results : iterable of FileResult-like objects
        Each has ``path``, ``errors``, ``articles`` (dataclasses or dicts with the
        article keys) and ``triples`` (dicts with the contract and provenance keys).
        A file read in parts gives several results with ``part = (index, count)``.
        Consumed lazily; at most one batch is held in memory.
    out : Path
        Snapshot directory; created if missing, added to if it holds a snapshot
        (a version-1 snapshot is first upgraded in place).
    inputs : dict, optional
        ``{path: sha256}`` of the input files. A result whose file's sha256 is
        already recorded is skipped. Without it, sha256 is computed from
        ``result.path`` when that is a file. A file is recorded as an input once
        all its parts came without errors, so a failed file is retried next time.
    progress : callable, optional
        Called with each result after it is added (skipped ones too).
    shard_chars : int
        Article characters per shard.

    Returns
    -------
    dict
        The manifest of the whole snapshot (:func:`manifest`), plus ``"skipped"``
        (inputs skipped as already built), ``"shards_written"`` and ``"rejected"``: one
        message per triple left out because it breaks the schema (its file is not
        recorded as built, so that it is read again next time).

    Raises
    ------
    SnapshotError
        ``out`` exists and is not a snapshot.
    """
    out = Path(out)
    S.init(out)
    live, _ = V.state(out)
    known = {sha for sha, _ in live.values()}
    inputs = {str(k): v for k, v in (inputs or {}).items()}
    buf, skipped, written = ShardBuffer(), [], 0
    failed_files: set = set()
    for fr in results:
        path = str(_get(fr, "path", ""))
        sha = inputs.get(path)
        if sha is None and path and Path(path).is_file():
            try:
                sha = inputs[path] = sha256_file(Path(path))
            except OSError:  # unreadable: the extractor reports it, the other files go on
                sha = None
        if sha is not None and sha in known:
            if path not in skipped:
                skipped.append(path)
        else:
            good = buf.add(fr, sha)
            index, count = _get(fr, "part", None) or (0, 1)
            if _get(fr, "errors", None) or not good:
                failed_files.add(path)
            if sha is not None and index == count - 1 and path not in failed_files:
                buf.inputs[path] = sha
                old = live.get(path)
                buf.versions[path] = [sha, 1 if old is None else old[1] + (old[0] != sha)]
                known.add(sha)
            if buf.chars >= shard_chars:
                written += buf.flush(out) is not None
        if progress:
            progress(fr)
    written += buf.flush(out) is not None
    return dict(manifest(out), skipped=skipped, shards_written=written, rejected=buf.rejected)


def manifest(out: Path) -> Dict[str, Any]:
    """Format, inputs and counts of a snapshot (one streaming pass over its shards)."""
    out = Path(out)
    version = S.snapshot_version(out)
    shards = S.shard_dirs(out)
    dead = V.dead_articles(out, shards)
    if any(dead.values()):
        counts: Dict[str, Any] = {k: sum(1 for _ in V.live_records(out, k, shards, dead)) for k in S.KINDS}
    else:
        counts = {k: sum(1 for _ in S.iter_ids(out, k, shards)) for k in S.KINDS}
    by_label = {lab: 0 for lab in ENTITY_TYPES}
    for n in V.live_records(out, "nodes", shards, dead):
        by_label[n["label"]] = by_label.get(n["label"], 0) + 1
    by_type = {p: 0 for p in PREDICATES}
    for r in V.live_records(out, "relationships", shards, dead):
        by_type[r["type"]] = by_type.get(r["type"], 0) + 1
    counts.update(nodes_by_label=by_label, relationships_by_type=by_type)
    head = S.header()
    return {"format": FORMAT, "version": version, "schema": head["schema"], "shards": len(shards),
            "inputs": S.inputs(out), "counts": counts}


# ----------------------------------------------------------------------------- reading

def read_snapshot(directory: Path, *, resolved: bool = False) -> Snapshot:
    """Read, merge and check a snapshot directory (version 3, 2 or 1).

    Parameters
    ----------
    directory : Path
        A directory written by :func:`build_snapshot`.
    resolved : bool
        The resolved graph (:mod:`govkg.graph.resolved`: people, sittings, posts of
        organisations, time on every claim; made and kept beside the shards when missing);
        by default the records as extracted (one entity per name), without those of
        replaced or removed articles.

    Returns
    -------
    Snapshot
        ``.manifest`` (format, version, inputs, counts) and ``.articles``,
        ``.nodes``, ``.relationships`` (lists of dicts, merged by id, sorted by id).

    Raises
    ------
    SnapshotError
        One line naming the directory when it is missing, incomplete, of an
        unknown format or version, or inconsistent.
    """
    d = Path(directory)
    version = S.snapshot_version(d)
    shards = S.shard_dirs(d)
    missing = [f"{s.name}/{k}.jsonl" for s in shards for k in S.KINDS if not (s / f"{k}.jsonl").is_file()]
    if missing:
        raise SnapshotError(f"snapshot {d}: incomplete, missing {', '.join(missing)}")
    if resolved:
        from govkg.graph import resolved as R
        arts = list(R.iter_resolved(d, "articles"))
        want = {a["id"] for a in arts}
        texts = {a["id"]: a.get("text") for a in V.live_records(d, "articles", shards) if a["id"] in want}
        for a in arts:
            a["text"] = texts.get(a["id"])
        snap = Snapshot(d, {}, arts, list(R.iter_resolved(d, "nodes")), list(R.iter_resolved(d, "relationships")))
    else:
        dead = V.dead_articles(d, shards)
        snap = Snapshot(d, {}, *(list(V.live_records(d, k, shards, dead)) for k in S.KINDS))
    if version == 1 and not resolved:
        counts = S.shard_meta(d).get("counts") or {}
        for key in S.KINDS:
            if counts.get(key) != len(getattr(snap, key)):
                raise SnapshotError(f"snapshot {d}: {key}.jsonl has {len(getattr(snap, key))} records, "
                                    f"manifest says {counts.get(key)}")
    labels = {}
    by_label = {lab: 0 for lab in ENTITY_TYPES}
    for n in snap.nodes:
        if n.get("label") not in ENTITY_TYPES:
            raise SnapshotError(f"snapshot {d}: node {n.get('id')} has unknown label {n.get('label')!r}")
        labels[n["id"]] = n["label"]
        by_label[n["label"]] += 1
    by_type = {p: 0 for p in PREDICATES}
    for r in snap.relationships:
        want = PREDICATES.get(r.get("type"))
        if want is None:
            raise SnapshotError(f"snapshot {d}: relationship {r.get('id')} has unknown type {r.get('type')!r}")
        if (labels.get(r.get("start")), labels.get(r.get("end"))) != want:
            raise SnapshotError(f"snapshot {d}: relationship {r.get('id')} ({r['type']}) does not join "
                                f"a {want[0]} node to a {want[1]} node")
        by_type[r["type"]] += 1
    snap.manifest = {"format": FORMAT, "version": version, "schema": S.header()["schema"],
                     "shards": len(shards), "inputs": S.inputs(d),
                     "counts": {"articles": len(snap.articles), "nodes": len(snap.nodes),
                                "relationships": len(snap.relationships),
                                "nodes_by_label": by_label, "relationships_by_type": by_type}}
    return snap


def _confident(fr: Any, least: float) -> Any:
    """The result with its triples below ``least`` confidence left out."""
    kept = [t for t in (_get(fr, "triples", None) or []) if _get(t, "confidence", 1.0) >= least]
    if isinstance(fr, dict):
        return dict(fr, triples=kept)
    fr.triples = kept
    return fr


@dataclass
class _Noted:
    """What ``progress`` is given for a note on input left out (no articles, no errors)."""

    path: Path
    notes: List[Any]
    errors: List[Any] = field(default_factory=list)
    articles: List[Any] = field(default_factory=list)


def build(paths: Iterable[Path], *, out: Path, year: Optional[int] = None,
          segmenter: str = "pkuseg", progress: Optional[Callable[[Any], None]] = None,
          extract: Optional[Callable[..., Iterable[Any]]] = None, workers: Optional[int] = None,
          dask: Optional[str] = None, chunk_bytes: Optional[int] = None,
          total: Optional[Callable[[int], None]] = None, min_confidence: float = 0.0,
          guard: Any = None) -> Dict[str, Any]:
    """Extract triples from input files and add them to the snapshot ``out``.

    Parameters
    ----------
    paths : iterable of Path
        Files or directories (expanded by :func:`govkg.extract.read.iter_input_files`;
        a path it reports as bad is reported in ``"failed"``).
    out : Path
        Snapshot directory (added to when it exists).
    year, segmenter :
        Passed to the extractor.
    progress : callable, optional
        Called with each result (a file, or a part of a large JSON Lines file).
    extract : callable, optional
        An extractor ``extract(paths, year=..., segmenter=...)`` yielding one
        FileResult per file; by default govkg's own, run by :mod:`govkg.parallel`.
    workers : int, optional
        Local worker processes (default: the machine's cores).
    dask : str, optional
        ``tcp://HOST:PORT`` of a Dask scheduler, or ``local`` for a LocalCluster.
    chunk_bytes : int, optional
        Size of the parts a large JSON Lines file is read in.
    total : callable, optional
        Called once with the bytes to extract, when they are known.
    min_confidence : float
        Triples whose ``confidence`` is below this are left out of the snapshot.
    guard : govkg.extract.guard.Guard, optional
        Per-article budgets, passed to the extractor as ``guard=`` when given.

    Returns
    -------
    dict
        The manifest plus ``"skipped"`` (unchanged inputs not re-read),
        ``"files"`` (files read) and ``"failed"`` (one message per problem).
    """
    from govkg.parallel.tasks import plan
    known = V.known_inputs(Path(out))
    tasks, skipped = plan(paths, known=known, chunk_bytes=chunk_bytes)
    if total:
        total(tasks.total_bytes)
    failed: List[str] = []
    for f, note in tasks.notes:  # files a folder leaves out: said, not read, not failed
        if progress:
            progress(_Noted(f, [note]))

    def _progress(fr: Any) -> None:
        failed.extend(str(e) for e in (_get(fr, "errors", None) or []))
        if progress:
            progress(fr)

    if extract is not None:
        options = {"guard": guard} if guard is not None else {}
        results = extract(tasks.files, year=year, segmenter=segmenter, **options) if tasks.files else []
    else:
        from govkg.parallel import run
        results = run(tasks, segmenter=segmenter, year=year, workers=workers, dask=dask, guard=guard)
    if min_confidence:
        results = (_confident(fr, min_confidence) for fr in results)
    manifest_ = build_snapshot(results, Path(out), inputs=tasks.inputs, progress=_progress)
    manifest_["skipped"] = sorted(set(manifest_["skipped"]) | set(skipped))
    manifest_["files"] = len(tasks.files)
    manifest_["failed"] = failed + manifest_.get("rejected", [])
    return manifest_


def remove_articles(out: Path, ids: Iterable[str]) -> Dict[str, Any]:
    """Remove articles (and the triples read from them) from snapshot ``out``.

    Writes a shard that holds no records and ``"removed": [ids]`` in its ``shard.json``;
    readers then leave those articles out (:mod:`govkg.graph.versions`).

    Raises
    ------
    SnapshotError
        ``out`` is not a snapshot, or an id is not a live article of it (names the id).
    """
    out = Path(out)
    S.snapshot_version(out)
    want = sorted(set(ids))
    live = {a["id"] for a in V.live_records(out, "articles")}
    unknown = [i for i in want if i not in live]
    if unknown:
        raise SnapshotError(f"snapshot {out}: no article {', '.join(unknown)} "
                            f"(ids are listed in `govkg person`, the HTML export, or the shards' articles.jsonl)")
    S.init(out)
    S.write_shard(out, {k: () for k in S.KINDS}, {"inputs": {}, "removed": want})
    return dict(manifest(out), removed=want)
