"""The second pass of :mod:`govkg.graph.resolved`: relationships on entities, with their time."""
from __future__ import annotations

import hashlib
import heapq
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Dict, Optional

from govkg.graph import versions as V
from govkg.graph.dates import complete, sentence_date, sentence_day
from govkg.graph.identity import _record
from govkg.graph.places import gazetteer
from govkg.graph.store import article_name
from govkg.schema import ENTITY_TYPES, PREDICATES, node_id

_FULL = 10   # len("YYYY-MM-DD")


def _iso(date: Optional[str]) -> Optional[str]:
    return date if date and len(date) == _FULL and date[:4].isdigit() else None


def _positions(st, nodes: Dict[str, dict]) -> list:
    """Position and Organisation nodes of every post, and the OF relationships."""
    gaz = gazetteer()
    of = {}
    for post in st.posts.values():
        qid = node_id("Position", post.name)
        q = nodes.setdefault(qid, {"id": qid, "label": "Position", "name": post.name,
                                   "organisation": post.organisation, "role": post.role,
                                   "level": post.level, "wordings": []})
        if post.wording not in q["wordings"]:
            q["wordings"].append(post.wording)
            q["wordings"].sort()
        if post.organisation:
            oid = node_id("Organisation", post.organisation)
            code = (post.jurisdiction or "").split(":")[0]
            nodes.setdefault(oid, {"id": oid, "label": "Organisation", "name": post.organisation,
                                   "level": post.level,
                                   "locality": gaz.full_name(code) if gaz.get(code) and code != "CN" else
                                   ("中央" if code == "CN" else None)})
            rid = "rel-of-" + hashlib.sha1(f"{qid}\x1f{oid}".encode()).hexdigest()[:16]
            of[rid] = {"id": rid, "type": "OF", "start": qid, "end": oid}
    return [of[k] for k in sorted(of)]


def _holds_time(st, people) -> Dict[tuple, dict]:
    pairs: Dict[tuple, dict] = defaultdict(lambda: {"dates": [], "articles": set()})
    for _rid, pkey, post_name, date, former in st.holds:
        pair = (people[pkey], node_id("Position", post_name))
        pairs[pair]["articles"].add(pkey[1])
        if not former and _iso(date):
            pairs[pair]["dates"].append(date)
    return {k: {"first_seen": min(v["dates"]) if v["dates"] else None,
                "last_seen": max(v["dates"]) if v["dates"] else None,
                "articles": sorted(v["articles"])} for k, v in pairs.items()}


def write_graph(d: Path, shards, dead, out: Path, st, decided) -> Dict[str, Any]:
    from govkg.graph.resolved import NODE_PROPS, REL_PROPS, _write
    assign = {lab: decided[lab][0] for lab in decided}
    props = {lab: decided[lab][1] for lab in decided}
    records = [r for lab in decided for r in decided[lab][2]]
    nodes: Dict[str, dict] = {}
    of_rels = _positions(st, nodes)
    holds = _holds_time(st, assign["Person"])
    arts = {}
    for a in _read(out / "articles.jsonl"):
        arts[a["id"]] = a
        nodes[a["id"]] = {"id": a["id"], "label": "Article", "name": a.get("name") or article_name(a),
                          **{k: a.get(k) for k in NODE_PROPS["Article"]}}
    used = set()

    def entity(raw_id: str, aid: str, r: dict) -> str:
        lab, name = st.raw[raw_id]
        if lab in assign:
            eid = assign[lab][(raw_id, aid)]
            nodes.setdefault(eid, {"id": eid, "label": lab, **{"name": props[lab][eid]["name"]},
                                   **{k: props[lab][eid].get(k) for k in NODE_PROPS[lab]}})
            return eid
        if lab == "Position":
            return node_id("Position", st.posts[r["id"]].name)
        if lab == "Date":
            day = sentence_date(name, (r or {}).get("evidence") or "", (arts.get(aid) or {}).get("date"))
            eid = node_id("Date", day)
            nodes.setdefault(eid, {"id": eid, "label": "Date", "name": day})
            return eid
        if lab == "Article":
            if raw_id not in nodes:
                nodes[raw_id] = {"id": raw_id, "label": "Article", "name": name}
            return raw_id
        nodes.setdefault(raw_id, {"id": raw_id, "label": lab, "name": name})
        return raw_id

    def rels():
        for r in V.live_records(d, "relationships", shards, dead):
            aid = r.get("article_id") or ""
            if r["id"] in st.dropped:
                records.append(_record("drop", "historical", "Meeting", st.raw[r["start"]][1], st.raw[r["start"]][1],
                                       f"HELD_ON {st.raw[r['end']][1]} not taken from the article's date: "
                                       f"{st.dropped[r['id']]}", [(r["start"], aid)], [r.get("evidence")]))
                continue
            s, e = entity(r["start"], aid, r), entity(r["end"], aid, r)
            rec = {"id": r["id"], "type": r["type"], "start": s, "end": e}
            rec.update({k: r.get(k) for k in REL_PROPS})
            rec.update(_time(r, s, e, aid, arts, nodes, st, holds))
            used.update((s, e))
            yield rec
        for r in of_rels:
            used.update((r["start"], r["end"]))

    n_rels = _write(out / "relationships.jsonl",
                    heapq.merge(rels(), ({**r, **{k: None for k in REL_PROPS}} for r in of_rels),
                                key=lambda r: r["id"]))
    keep = [nodes[i] for i in sorted(nodes) if i in used or nodes[i]["label"] == "Article"]
    _write(out / "nodes.jsonl", keep)
    _write(out / "resolutions.jsonl", sorted({r["id"]: r for r in records}.values(), key=lambda r: r["id"]))
    by_label = Counter(n["label"] for n in keep)
    rel_types = Counter(r["type"] for r in _read(out / "relationships.jsonl"))
    return {"articles": len(arts), "nodes": len(keep), "relationships": n_rels,
            "nodes_by_label": {lab: by_label.get(lab, 0) for lab in ENTITY_TYPES},
            "relationships_by_type": {p: rel_types.get(p, 0) for p in PREDICATES},
            "resolutions": dict(sorted(Counter(f"{r['decision']}:{r['rule']}" for r in records).items()))}


def _time(r, s, e, aid, arts, nodes, st, holds) -> dict:
    """``date`` of a claim (and, on HOLDS, the person's time in the post)."""
    art_date = _iso((arts.get(aid) or {}).get("date"))
    t = r["type"]
    out: Dict[str, Any] = {"date": art_date}
    if t == "HELD_ON":
        out["date"] = _iso(nodes[e]["name"])
    elif t in ("CHAIRED", "SPOKE_AT", "ATTENDED", "CONCERNS"):
        m = nodes[e if t != "CONCERNS" else s]
        out["date"] = m.get("date") if len(m.get("dates") or []) == 1 else art_date
        if st.raw[r["end" if t != "CONCERNS" else "start"]][1] != m["name"]:
            out["wording"] = st.raw[r["end" if t != "CONCERNS" else "start"]][1]
    elif t == "INSPECTED":   # a tour's day when its sentence gives one (11月25日，…带队深入…)
        day = sentence_day(r.get("evidence") or "")
        out["date"] = _iso(complete(day, art_date)) if day and art_date else art_date
    elif t == "HOLDS":
        post = st.posts[r["id"]]
        out.update(holds.get((s, e), {}), wording=post.wording, former=post.former or None)
        if post.former:
            out["date"] = None
    return out


def _read(path: Path):
    import json
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
