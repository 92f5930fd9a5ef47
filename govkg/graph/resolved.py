"""The resolved graph: the snapshot's mentions turned into people, events, posts of organisations.

The shards hold what the extractor read, one name per entity. The resolved graph is made
from the live shard records (:mod:`govkg.graph.versions`) in three streaming passes and kept
beside them, in ``DIR/resolved/<key>/`` (``key`` hashes the shard names and the rules'
version, so it is made again whenever a shard is added and reused otherwise):

1. articles: each article's date and its source (:mod:`govkg.graph.dates`) and its locality
   (:mod:`govkg.graph.places`);
2. relationships, first pass: the mention groups (one name in one article) with their posts
   (:mod:`govkg.graph.posts`) and meeting days; then the identity decisions
   (:mod:`govkg.graph.identity`, :mod:`govkg.graph.events`);
3. relationships, second pass: each relationship with its ends replaced by the entities and
   its time (``date``; HOLDS also ``first_seen``, ``last_seen`` and ``articles`` of the person
   and post), plus ``OF`` from each post to its organisation.

Files: ``articles.jsonl`` (no text), ``nodes.jsonl``, ``relationships.jsonl``,
``resolutions.jsonl`` (one decision a line) and ``resolved.json`` (counts). Relationships keep
the ids of the shard records they come from. Memory holds the mention groups and one entry
per HOLDS claim, not the evidence of every relationship.
"""
from __future__ import annotations

import functools
import hashlib
import heapq
import json
import shutil
import tempfile
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

from govkg.errors import SnapshotError
from govkg.graph import shards as S
from govkg.graph import versions as V
from govkg.graph.dates import article_date, complete, is_historical, sentence_date
from govkg.graph.events import resolve_meetings, resolve_places
from govkg.graph.identity import Group, resolve_people
from govkg.graph.places import DATA, gazetteer
from govkg.graph.posts import Post, normalise_post
from govkg.graph.store import article_name
from govkg.schema import ENTITY_TYPES, PREDICATES, RESOLVED_NODE_PROPS, RESOLVED_REL_PROPS, node_id

#: bump when a rule changes what the resolved graph holds
RULES_VERSION = "3"
KINDS = ("articles", "nodes", "relationships", "resolutions")
ART_KEYS = ("id", "title", "subtitle", "date", "date_source", "locality", "source", "url", "file", "input_sha")
NODE_PROPS = RESOLVED_NODE_PROPS
REL_PROPS = RESOLVED_REL_PROPS
GROUPED = ("Person", "Meeting", "Place")


@functools.lru_cache(maxsize=1)
def _data_hash() -> str:
    h = hashlib.sha256(RULES_VERSION.encode())
    for f in sorted(DATA.glob("*")):
        h.update(f.read_bytes())
    return h.hexdigest()


def key(d: Path, shards: Optional[List[Path]] = None) -> str:
    shards = S.shard_dirs(d) if shards is None else shards
    h = hashlib.sha256(_data_hash().encode())
    for s in shards:
        h.update(s.name.encode() + b"\0")
    return h.hexdigest()[:20]


_TMP_CACHE: Dict[Tuple[str, str], Path] = {}


def ensure(d: Path) -> Path:
    """The directory of the resolved graph of snapshot ``d``, made if missing or out of date."""
    d = Path(d)
    S.snapshot_version(d)
    shards = S.shard_dirs(d)
    k = key(d, shards)
    final = d / "resolved" / k
    if (final / "resolved.json").is_file():
        return final
    if (str(d.resolve()), k) in _TMP_CACHE:
        return _TMP_CACHE[(str(d.resolve()), k)]
    try:
        (d / "resolved").mkdir(exist_ok=True)
        tmp = d / "resolved" / f".tmp-{uuid.uuid4().hex}"
        tmp.mkdir()
    except OSError:   # a read-only snapshot: resolve into a temporary directory for this process
        tmp = Path(tempfile.mkdtemp(prefix="govkg-resolved-"))
        build(d, tmp, shards)
        _TMP_CACHE[(str(d.resolve()), k)] = tmp
        return tmp
    try:
        build(d, tmp, shards)
        try:
            tmp.rename(final)
        except OSError:
            if not (final / "resolved.json").is_file():
                raise
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    for old in (d / "resolved").iterdir():   # earlier resolutions of fewer shards
        if old.name != k and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)
    return final


def iter_resolved(d: Path, kind: str) -> Iterator[Dict[str, Any]]:
    """The resolved records of one kind, sorted by id (``articles`` without their text)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    path = ensure(d) / f"{kind}.jsonl"
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def counts(d: Path) -> Dict[str, Any]:
    """``resolved.json``'s counts: totals, by label and type, and decisions by rule."""
    return json.loads((ensure(d) / "resolved.json").read_text(encoding="utf-8"))["counts"]


# ----------------------------------------------------------------------------- building

def _write(path: Path, records) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for rec in records:
            fh.write(S.dump_line(rec))
            n += 1
    return n


class _State:
    """What the first passes learn: articles, raw nodes, mention groups, posts, meeting days."""

    def __init__(self):
        self.arts: Dict[str, Tuple[Optional[str], Optional[str], str]] = {}
        self.raw: Dict[str, Tuple[str, str]] = {}
        self.groups: Dict[str, Dict[Tuple[str, str], Group]] = {lab: {} for lab in GROUPED}
        self.holds: List[Tuple[str, Tuple[str, str], str, Optional[str], bool]] = []
        self.dropped: Dict[str, str] = {}
        self.posts: Dict[str, Post] = {}


def _post(state: _State, name: str, sentence: str, loc: Optional[str]) -> Post:
    return normalise_post(name, sentence=sentence or "", article_locality=loc, gaz=gazetteer())


def _group(state: _State, label: str, rid: str, aid: str) -> Group:
    table = state.groups[label]
    g = table.get((rid, aid))
    if g is None:
        date, loc, title = state.arts.get(aid, (None, None, ""))
        name = state.raw[rid][1]
        if label != "Person":
            own = gazetteer().codes_in(name)
            if own:
                depth = {"province": 1, "city": 2, "county": 3}
                loc = max(own, key=lambda c: (depth.get(gazetteer().by_code[c].level, 0), own[c], c))
        g = table[(rid, aid)] = Group((rid, aid), label, name, aid, date, loc, title=title)
    return g


def _first_pass(d: Path, shards, dead, out: Path) -> _State:
    st, gaz = _State(), gazetteer()

    def arts():
        for a in V.live_records(d, "articles", shards, dead):
            date, src = article_date(a)
            code = gaz.article_locality(a.get("title") or "", a.get("text") or "")
            st.arts[a["id"]] = (date, code, a.get("title") or "")
            rec = {k: a.get(k) for k in ART_KEYS}
            rec.update(date=date, date_source=src, locality=gaz.full_name(code) if code else None,
                       locality_code=code, name=article_name(a))
            yield rec
    _write(out / "articles.jsonl", arts())
    for n in V.live_records(d, "nodes", shards, dead):
        st.raw[n["id"]] = (n["label"], n["name"])
    for r in V.live_records(d, "relationships", shards, dead):
        aid = r.get("article_id") or ""
        for end in (r["start"], r["end"]):
            lab = st.raw.get(end, ("", ""))[0]
            if lab in GROUPED:
                g = _group(st, lab, end, aid)
                if r.get("evidence") and len(g.sentences) < 3 and r["evidence"] not in g.sentences:
                    g.sentences.append(r["evidence"])
        if r["type"] == "HOLDS":
            date, loc, _ = st.arts.get(aid, (None, None, ""))
            post = _post(st, st.raw[r["end"]][1], r.get("evidence"), loc)
            st.posts[r["id"]] = post
            _group(st, "Person", r["start"], aid).posts.append((post, r.get("evidence") or ""))
            st.holds.append((r["id"], (r["start"], aid), post.name, date, post.former))
        elif r["type"] == "HELD_ON":
            date = st.arts.get(aid, (None, None, ""))[0]
            why = is_historical(r.get("evidence") or "", date) if r.get("rule") == "date-context" else None
            if why:
                st.dropped[r["id"]] = why
            else:
                day = sentence_date(st.raw[r["end"]][1], r.get("evidence") or "", date)
                _group(st, "Meeting", r["start"], aid).dates.add(day)
    return st


def build(d: Path, out: Path, shards: Optional[List[Path]] = None) -> Dict[str, Any]:
    """Resolve snapshot ``d`` into directory ``out`` (see the module docstring)."""
    from govkg.graph.resolved_write import write_graph
    shards = S.shard_dirs(d) if shards is None else shards
    dead = V.dead_articles(d, shards)
    out.mkdir(parents=True, exist_ok=True)
    st = _first_pass(d, shards, dead, out)
    gaz = gazetteer()
    decided = {"Person": resolve_people(list(st.groups["Person"].values()), gaz),
               "Meeting": resolve_meetings(list(st.groups["Meeting"].values()), gaz),
               "Place": resolve_places(list(st.groups["Place"].values()), gaz)}
    result = write_graph(d, shards, dead, out, st, decided)
    (out / "resolved.json").write_text(json.dumps({"shards": [s.name for s in shards], "counts": result},
                                                  ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                       encoding="utf-8")
    return result
