"""Graph snapshot writer and reader (format: ``docs/snapshot.md``, version 1).

A snapshot is a directory of sorted JSON Lines files plus ``manifest.json`` and
the CSV files that ``neo4j-admin database import full`` reads.  Building the same
input twice gives byte-identical files; building into an existing snapshot merges
(records already present are kept, inputs already recorded are skipped).
"""
from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional

from govkg.errors import SnapshotError
from govkg.schema import ENTITY_TYPES, PREDICATES, node_id, relationship_id

FORMAT = "govkg-snapshot"
VERSION = 1
FILES = ("manifest.json", "articles.jsonl", "nodes.jsonl", "relationships.jsonl")
ARTICLE_KEYS = ("id", "title", "subtitle", "date", "source", "url", "file", "text")
REL_KEYS = ("id", "type", "start", "end", "article_id", "evidence", "evidence_start",
            "evidence_end", "rule", "confidence", "source")
#: node properties beyond ``id``, ``label`` and ``name``, by label
NODE_PROPS = {"Meeting": ("date",), "Article": ("title", "date", "source", "url")}
#: neo4j-admin column types of the non-string relationship properties
REL_CSV_TYPES = {"evidence_start": "int", "evidence_end": "int", "confidence": "double"}


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
    if dataclasses.is_dataclass(article) and not isinstance(article, type):
        article = dataclasses.asdict(article)
    rec = {k: _get(article, k) for k in ARTICLE_KEYS}
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


def _date_key(date: str):
    # a full ISO date beats --MM-DD; then the earliest
    return (date.startswith("--"), date)


# ----------------------------------------------------------------------------- reader

def _read_jsonl(path: Path, snap_dir: Path) -> List[Dict[str, Any]]:
    rows = []
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    rows.append(json.loads(line))
    except (OSError, UnicodeDecodeError) as e:
        raise SnapshotError(f"snapshot {snap_dir}: cannot read {path.name}: {e}") from e
    except json.JSONDecodeError as e:
        raise SnapshotError(f"snapshot {snap_dir}: {path.name} line {n} is not JSON: {e.msg}") from e
    return rows


def read_snapshot(directory: Path) -> Snapshot:
    """Read and check a snapshot directory.

    Parameters
    ----------
    directory : Path
        A directory written by :func:`build_snapshot`.

    Returns
    -------
    Snapshot
        ``.manifest`` (dict) and ``.articles``, ``.nodes``, ``.relationships``
        (lists of dicts, sorted by id).

    Raises
    ------
    SnapshotError
        One line naming the directory when it is missing, incomplete, of an
        unknown format or version, or inconsistent with its manifest.
    """
    d = Path(directory)
    if not d.is_dir():
        raise SnapshotError(f"snapshot {d}: no such directory (create one with `govkg build PATH... --out {d}`)")
    missing = [f for f in FILES if not (d / f).is_file()]
    if missing:
        raise SnapshotError(f"snapshot {d}: incomplete, missing {', '.join(missing)}")
    try:
        manifest = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise SnapshotError(f"snapshot {d}: manifest.json unreadable: {e}") from e
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise SnapshotError(f"snapshot {d}: manifest.json is not a {FORMAT} manifest")
    if manifest.get("version") != VERSION:
        raise SnapshotError(f"snapshot {d}: version {manifest.get('version')!r} not supported "
                            f"(this govkg reads version {VERSION})")
    snap = Snapshot(d, manifest, _read_jsonl(d / "articles.jsonl", d),
                    _read_jsonl(d / "nodes.jsonl", d), _read_jsonl(d / "relationships.jsonl", d))
    counts = manifest.get("counts") or {}
    for key in ("articles", "nodes", "relationships"):
        if counts.get(key) != len(getattr(snap, key)):
            raise SnapshotError(f"snapshot {d}: {key}.jsonl has {len(getattr(snap, key))} records, "
                                f"manifest says {counts.get(key)}")
    labels = {}
    for n in snap.nodes:
        if n.get("label") not in ENTITY_TYPES:
            raise SnapshotError(f"snapshot {d}: node {n.get('id')} has unknown label {n.get('label')!r}")
        labels[n["id"]] = n["label"]
    for r in snap.relationships:
        want = PREDICATES.get(r.get("type"))
        if want is None:
            raise SnapshotError(f"snapshot {d}: relationship {r.get('id')} has unknown type {r.get('type')!r}")
        if (labels.get(r.get("start")), labels.get(r.get("end"))) != want:
            raise SnapshotError(f"snapshot {d}: relationship {r.get('id')} ({r['type']}) does not join "
                                f"a {want[0]} node to a {want[1]} node")
    return snap


# ----------------------------------------------------------------------------- writer

def _dump_jsonl(records: Iterable[Mapping[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    os.replace(tmp, path)


def _csv_text(header: List[str], rows: Iterable[List[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


def import_files(nodes: List[Dict[str, Any]], rels: List[Dict[str, Any]]) -> Dict[str, str]:
    """The neo4j-admin CSV files (name -> text) and ``import.sh`` for sorted nodes and relationships."""
    files: Dict[str, str] = {}
    for label in ENTITY_TYPES:
        mine = [n for n in nodes if n["label"] == label]
        if not mine:
            continue
        props = list(NODE_PROPS.get(label, ()))
        header = ["id:ID", "name"] + props + [":LABEL"]
        files[f"nodes_{label}.csv"] = _csv_text(
            header, ([n["id"], n["name"]] + [n.get(p) for p in props] + [label] for n in mine))
    rprops = [k for k in REL_KEYS if k not in ("type", "start", "end")]
    rheader = [":START_ID", ":END_ID", ":TYPE"] + [
        f"{k}:{REL_CSV_TYPES[k]}" if k in REL_CSV_TYPES else k for k in rprops]
    for rtype in PREDICATES:
        mine = [r for r in rels if r["type"] == rtype]
        if mine:
            files[f"relationships_{rtype}.csv"] = _csv_text(
                rheader, ([r["start"], r["end"], rtype] + [r.get(k) for k in rprops] for r in mine))
    args = [f'  --nodes="$D/{name}"' for name in files if name.startswith("nodes_")]
    args += [f'  --relationships="$D/{name}"' for name in files if name.startswith("relationships_")]
    files["import.sh"] = "\n".join([
        "#!/bin/sh",
        "# Generated by govkg build: offline bulk import of this snapshot into an EMPTY,",
        "# STOPPED database (it replaces the database). Usage: sh import.sh [DATABASE]",
        "# The report of bad entries goes to ./import.report (the current directory).",
        "set -e",
        'D="$(cd "$(dirname "$0")" && pwd)"',
        'neo4j-admin database import full "${1:-neo4j}" --overwrite-destination=true \\',
        "  --multiline-fields=true \\",
        " \\\n".join(args),
        ""])
    return files


def build_snapshot(results: Iterable[Any], out: Path, *,
                   inputs: Optional[Mapping[Any, str]] = None,
                   progress: Optional[Callable[[Any], None]] = None) -> Dict[str, Any]:
    """Write (or merge into) a snapshot from extraction results.

    Parameters
    ----------
    results : iterable of FileResult-like objects
        Each has ``path``, ``errors``, ``articles`` (dataclasses or dicts with
        the article keys) and ``triples`` (dicts with the contract and
        provenance keys). Consumed lazily, one file at a time.
    out : Path
        Snapshot directory; created if missing, merged into if it holds a snapshot.
    inputs : dict, optional
        ``{path: sha256}`` of the input files. A result whose file's sha256 is
        already in the manifest is skipped. Without it, sha256 is computed from
        ``result.path`` when that is a file. Only results without errors are
        recorded as inputs, so that a failed file is retried next time.
    progress : callable, optional
        Called with each result after it is merged (skipped ones too).

    Returns
    -------
    dict
        The manifest written, plus ``"skipped"``: the inputs skipped as already built, and
        ``"rejected"``: one message per triple left out because it breaks the schema (its
        file is not recorded as built, so that it is read again next time).

    Raises
    ------
    SnapshotError
        ``out`` exists and is not a snapshot.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise SnapshotError(f"snapshot {out}: exists and is not a directory")
    if (out / "manifest.json").exists():
        old = read_snapshot(out)
    elif out.is_dir() and any(out.iterdir()):
        raise SnapshotError(f"snapshot {out}: directory is not empty and holds no manifest.json; "
                            f"choose an empty or new directory")
    else:
        old = Snapshot(out, {"inputs": {}})
    known_inputs: Dict[str, str] = dict(old.manifest.get("inputs") or {})
    known_shas = set(known_inputs.values())
    inputs = {str(k): v for k, v in (inputs or {}).items()}

    articles = {a["id"]: a for a in old.articles}
    nodes = {n["id"]: n for n in old.nodes}
    rels = {r["id"]: r for r in old.relationships}
    skipped: List[str] = []
    rejected: List[str] = []

    def add_node(label: str, name: str, nid: Optional[str] = None) -> str:
        nid = nid or node_id(label, name)
        if nid not in nodes:
            nodes[nid] = {"id": nid, "label": label, "name": str(name).strip()}
        return nid

    for fr in results:
        path = str(_get(fr, "path", ""))
        sha = inputs.get(path)
        if sha is None and path and Path(path).is_file():
            sha = sha256_file(Path(path))
        if sha is not None and sha in known_shas:
            skipped.append(path)
            if progress:
                progress(fr)
            continue
        shadowed = set()  # read before with another layout: its triples (offsets) are already there
        for art in _get(fr, "articles", None) or []:
            rec = _article_record(art)
            if rec["id"] in articles and articles[rec["id"]]["text"] != rec["text"]:
                shadowed.add(rec["id"])
            articles.setdefault(rec["id"], rec)
            if rec["id"] not in nodes:
                nodes[rec["id"]] = {"id": rec["id"], "label": "Article", "name": article_name(rec),
                                    "title": rec["title"], "date": rec["date"],
                                    "source": rec["source"], "url": rec["url"]}
        bad_file = False
        for t in _get(fr, "triples", None) or []:
            if t.get("article_id") in shadowed:
                continue
            try:
                _check_triple(t)
            except SnapshotError as e:  # one bad triple is left out, not the whole build
                rejected.append(f"{path or '?'}: {e}; triple left out")
                bad_file = True
                continue
            pred, art_id = t["predicate"], t.get("article_id")
            sid = add_node(t["subject_type"], t["subject"])
            if t["object_type"] == "Article":
                oid = add_node("Article", t["object"], art_id or None)
            else:
                oid = add_node(t["object_type"], t["object"])
            start = t.get("start")
            rid = relationship_id(sid, pred, oid, art_id or "", start if start is not None else -1)
            if rid not in rels:
                rels[rid] = {"id": rid, "type": pred, "start": sid, "end": oid,
                             "article_id": art_id, "evidence": t.get("evidence"),
                             "evidence_start": start, "evidence_end": t.get("end"),
                             "rule": t.get("rule"), "confidence": t.get("confidence"),
                             "source": None if t.get("source") is None else str(t["source"])}
        if sha is not None and not _get(fr, "errors", None) and not bad_file:
            known_inputs[path] = sha
            known_shas.add(sha)
        if progress:
            progress(fr)

    # derived property: a meeting's date is its first HELD_ON date (full ISO dates first)
    dates: Dict[str, List[str]] = {}
    for r in rels.values():
        if r["type"] == "HELD_ON":
            dates.setdefault(r["start"], []).append(nodes[r["end"]]["name"])
    for n in nodes.values():
        if n["label"] == "Meeting":
            ds = dates.get(n["id"])
            n["date"] = min(ds, key=_date_key) if ds else None
    node_list = [_node_record(nodes[k]) for k in sorted(nodes)]
    rel_list = [{k: rels[i].get(k) for k in REL_KEYS} for i in sorted(rels)]
    art_list = [{k: articles[i].get(k) for k in ARTICLE_KEYS} for i in sorted(articles)]
    manifest = _manifest(known_inputs, art_list, node_list, rel_list)

    out.mkdir(parents=True, exist_ok=True)
    _write_atomic(out / "articles.jsonl", _dump_jsonl(art_list))
    _write_atomic(out / "nodes.jsonl", _dump_jsonl(node_list))
    _write_atomic(out / "relationships.jsonl", _dump_jsonl(rel_list))
    imp = out / "import"
    stale = {p.name for p in imp.glob("*.csv")} if imp.is_dir() else set()
    for name, text in import_files(node_list, rel_list).items():
        _write_atomic(imp / name, text)
        stale.discard(name)
    for name in stale:
        (imp / name).unlink()
    # the manifest goes last: a build interrupted before here leaves the old manifest,
    # whose counts no longer match, so read_snapshot refuses the half-written snapshot
    _write_atomic(out / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2,
                                                     sort_keys=True) + "\n")
    return dict(manifest, skipped=skipped, rejected=rejected)


def _node_record(n: Dict[str, Any]) -> Dict[str, Any]:
    rec = {"id": n["id"], "label": n["label"], "name": n["name"]}
    for p in NODE_PROPS.get(n["label"], ()):
        rec[p] = n.get(p)
    return rec


def _manifest(inputs, articles, nodes, rels) -> Dict[str, Any]:
    by_label = {lab: 0 for lab in ENTITY_TYPES}
    for n in nodes:
        by_label[n["label"]] += 1
    by_type = {p: 0 for p in PREDICATES}
    for r in rels:
        by_type[r["type"]] += 1
    return {
        "format": FORMAT, "version": VERSION,
        "schema": {"entity_types": list(ENTITY_TYPES),
                   "predicates": {p: list(st) for p, st in PREDICATES.items()}},
        "inputs": dict(sorted(inputs.items())),
        "counts": {"articles": len(articles), "nodes": len(nodes), "relationships": len(rels),
                   "nodes_by_label": by_label, "relationships_by_type": by_type},
    }


def build(paths: Iterable[Path], *, out: Path, year: Optional[int] = None,
          segmenter: str = "pkuseg", progress: Optional[Callable[[Any], None]] = None,
          extract: Optional[Callable[..., Iterable[Any]]] = None, guard: Any = None) -> Dict[str, Any]:
    """Extract triples from input files and write them into the snapshot ``out``.

    Parameters
    ----------
    paths : iterable of Path
        Files or directories (expanded by :func:`govkg.extract.read.iter_input_files`;
        a path it reports as bad is passed on to the extractor, which reports it).
    out : Path
        Snapshot directory (merged into when it exists).
    year, segmenter :
        Passed to the extractor.
    progress : callable, optional
        Called with each FileResult; use it to report ``fr.errors``.
    extract : callable, optional
        The extractor, ``extract(paths, year=..., segmenter=...)``; defaults to
        :func:`govkg.extract.pipeline.extract_paths`.
    guard : govkg.extract.guard.Guard, optional
        Per-article budgets, passed to the extractor as ``guard=`` when given.

    Returns
    -------
    dict
        The manifest plus ``"skipped"`` (unchanged inputs not re-read),
        ``"files"`` (files read) and ``"failed"`` (one message per bad file).
    """
    from govkg.extract.read import iter_input_files
    if extract is None:
        from govkg.extract.pipeline import extract_paths as extract
    known: set = set()
    if (Path(out) / "manifest.json").exists():
        known = set((read_snapshot(Path(out)).manifest.get("inputs") or {}).values())
    inputs, todo, skipped = {}, [], []
    for f, err in iter_input_files(paths):
        try:
            sha = sha256_file(f) if err is None and f.is_file() else None
        except OSError:  # unreadable: the extractor reports it, the other files go on
            sha = None
        if sha is not None and sha in known:
            skipped.append(str(f))
            continue
        if sha is not None:
            inputs[str(f)] = sha
        todo.append(f)
    failed: List[str] = []

    def _progress(fr: Any) -> None:
        failed.extend(str(e) for e in (_get(fr, "errors", None) or []))
        if progress:
            progress(fr)

    options = {"guard": guard} if guard is not None else {}
    manifest = build_snapshot(extract(todo, year=year, segmenter=segmenter, **options) if todo else [],
                              Path(out), inputs=inputs, progress=_progress)
    manifest["skipped"] = sorted(set(manifest["skipped"]) | set(skipped))
    manifest["files"] = len(todo)
    manifest["failed"] = failed + manifest.get("rejected", [])
    return manifest
