"""An official's profile: posts over time, meetings by role, co-participants, places inspected.

:func:`person_profile` reads a snapshot (the resolved graph: one Person per person, posts of
organisations with ``first_seen``/``last_seen``, meetings as sittings) and returns a plain
structure; :func:`profile_from_neo4j` reads the same from a database loaded with ``govkg
load`` (the person's neighbourhood, two hops, with a few Cypher reads of
:mod:`govkg.graph.queries`) and gives the same answer. :func:`holders` answers "who held
this post of this place on this day". Every line carries its evidence: the sentence and the
article it was read from (``{"sentence", "article", "date"}``), and ``articles`` describes
each article cited (title, date and where the date came from, source).

``govkg person NAME`` prints it (:mod:`govkg.graph.profile_render`: text, JSON or a page).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Dict, Iterable, List, Optional

from govkg.errors import AmbiguousPerson, PersonNotFound
from govkg.schema import PARTICIPATION

#: roles at a meeting, in the order a profile lists them
ROLES = ("CHAIRED", "SPOKE_AT", "ATTENDED")
ROLE_WORDS = {"CHAIRED": "chaired", "SPOKE_AT": "spoke at", "ATTENDED": "attended", "INSPECTED": "inspected"}
ART_KEYS = ("title", "date", "date_source", "locality", "source", "url")
_LAST = "~"   # sorts after every date


class Index:
    """A snapshot's nodes, articles and relationships by node, built once for many profiles."""

    def __init__(self, snap: Any, resolutions: Iterable[dict] = ()):
        self.nodes = {n["id"]: n for n in snap.nodes}
        self.articles = {a["id"]: a for a in snap.articles}
        for n in snap.nodes:   # from Neo4j the Article nodes are the articles
            if n.get("label") == "Article" and n["id"] not in self.articles:
                self.articles[n["id"]] = n
        self.out: Dict[str, List[dict]] = defaultdict(list)
        self.into: Dict[str, List[dict]] = defaultdict(list)
        for r in sorted(snap.relationships, key=lambda r: r["id"]):
            self.out[r["start"]].append(r)
            self.into[r["end"]].append(r)
        self.resolutions: Dict[str, List[dict]] = defaultdict(list)
        for rec in resolutions:
            self.resolutions[rec.get("entity")].append(rec)

    def name(self, nid: str) -> str:
        return str(self.nodes.get(nid, {}).get("name") or nid)


def _evidence(r: dict) -> dict:
    return {"sentence": r.get("evidence"), "article": r.get("article_id"), "date": r.get("date"),
            "rule": r.get("rule")}


def _sorted_evidence(rels: List[dict]) -> List[dict]:
    seen, out = set(), []
    for r in sorted(rels, key=lambda r: (r.get("date") or _LAST, r.get("article_id") or "", r.get("evidence_start") or 0)):
        key = (r.get("evidence"), r.get("article_id"))
        if key not in seen:
            seen.add(key)
            out.append(_evidence(r))
    return out


def find_people(ix: Index, name: str, locality: Optional[str] = None) -> List[str]:
    """Ids of the people called ``name`` (or with it as an alias, or whose id it is), in
    ``locality`` when given.

    A person is in a locality when one of their posts' divisions (``jurisdictions``) or one of
    the articles that name them says it (``郑州市二七区`` is in ``二七区``).

    Raises
    ------
    PersonNotFound
        No such person (in that locality).
    AmbiguousPerson
        Several people (kept apart by identity resolution) answer and ``locality`` does not
        choose one: the one line lists each with their places and posts.
    """
    found = sorted(nid for nid, n in ix.nodes.items() if n.get("label") == "Person"
                   and (nid == name or n.get("name") == name or name in (n.get("aliases") or [])))
    if not found:
        raise PersonNotFound(f"no person named {name} in the graph")
    kept = [p for p in found if locality in " ".join(_places_of(ix, p))] if locality else found
    if not kept:
        raise PersonNotFound(f"no {name} in {locality} ({_who(ix, found)})")
    if len(kept) > 1:
        hint = "a more precise --locality" if locality else "--locality PLACE"
        raise AmbiguousPerson(f"{name}{' in ' + locality if locality else ''} is {len(kept)} people: "
                              f"{_who(ix, kept)}; give {hint} or the person's id")
    return kept


def _who(ix: Index, pids: List[str]) -> str:
    """``person:… (郑州市二七区: 中共郑州市二七区委书记); …`` for an error line."""
    parts = []
    for p in pids:
        posts = sorted({ix.name(r["end"]) for r in ix.out[p] if r["type"] == "HOLDS"})[:3]
        places = "、".join(_places_of(ix, p)) or "nowhere known"
        parts.append(f"{p} ({places}" + (f": {'、'.join(posts)}" if posts else "") + ")")
    return "; ".join(parts)


def _places_of(ix: Index, pid: str) -> List[str]:
    n = ix.nodes[pid]
    places = list(n.get("jurisdictions") or [])
    for r in ix.out[pid]:
        a = ix.articles.get(r.get("article_id")) or {}
        if a.get("locality") and a["locality"] not in places:
            places.append(a["locality"])
    return places


def _posts(ix: Index, pid: str) -> List[dict]:
    by_post: Dict[str, List[dict]] = defaultdict(list)
    for r in ix.out[pid]:
        if r["type"] == "HOLDS":
            by_post[r["end"]].append(r)
    out = []
    for qid, rels in by_post.items():
        q = ix.nodes.get(qid, {})
        dated = sorted(r["date"] for r in rels if r.get("date"))
        first = min((r["first_seen"] for r in rels if r.get("first_seen")), default=dated[0] if dated else None)
        last = max((r["last_seen"] for r in rels if r.get("last_seen")), default=dated[-1] if dated else None)
        out.append({"post": ix.name(qid), "position_id": qid, "organisation": q.get("organisation"),
                    "role": q.get("role"), "level": q.get("level"),
                    "wordings": sorted({r.get("wording") for r in rels if r.get("wording")}),
                    "first_seen": first, "last_seen": last,
                    "former": all(bool(r.get("former")) for r in rels),
                    "articles": sorted({r.get("article_id") for r in rels if r.get("article_id")}),
                    "evidence": _sorted_evidence(rels)})
    return sorted(out, key=lambda p: (p["first_seen"] or _LAST, p["post"]))


def _events(ix: Index, pid: str, types: Iterable[str]) -> List[dict]:
    by_event: Dict[tuple, List[dict]] = defaultdict(list)
    for r in ix.out[pid]:
        if r["type"] in types:
            by_event[(r["type"], r["end"])].append(r)
    out = []
    for (rtype, eid), rels in by_event.items():
        e = ix.nodes.get(eid, {})
        dates = sorted({r["date"] for r in rels if r.get("date")})
        out.append({"role": rtype, "event": ix.name(eid), "event_id": eid, "label": e.get("label"),
                    "date": e.get("date") or (dates[0] if dates else None), "dates": e.get("dates") or dates,
                    "locality": e.get("locality"), "series": e.get("series"),
                    "evidence": _sorted_evidence(rels)})
    return sorted(out, key=lambda m: (m["date"] or _LAST, m["event"], m["role"]))


def _co_participants(ix: Index, pid: str) -> List[dict]:
    mine = {r["end"] for r in ix.out[pid] if r["type"] in PARTICIPATION}
    shared: Dict[str, Dict[str, List[dict]]] = defaultdict(lambda: defaultdict(list))
    for eid in mine:
        for r in ix.into[eid]:
            if r["type"] in PARTICIPATION and r["start"] != pid:
                shared[r["start"]][eid].append(r)
    out = []
    for other, events in shared.items():
        items = []
        for eid, rels in sorted(events.items(), key=lambda kv: (ix.nodes.get(kv[0], {}).get("date") or _LAST, kv[0])):
            items.append({"event": ix.name(eid), "event_id": eid, "date": ix.nodes.get(eid, {}).get("date"),
                          "roles": sorted({r["type"] for r in rels}), "evidence": _sorted_evidence(rels)[:2]})
        out.append({"name": ix.name(other), "person_id": other, "count": len(items), "shared": items})
    return sorted(out, key=lambda c: (-c["count"], c["name"], c["person_id"]))


def profile_of(ix: Index, pid: str) -> Dict[str, Any]:
    """The profile of one person (by node id)."""
    n = ix.nodes[pid]
    posts, meetings = _posts(ix, pid), _events(ix, pid, ROLES)
    places, coparts = _events(ix, pid, ("INSPECTED",)), _co_participants(ix, pid)
    reported = sorted({r["end"] for r in ix.out[pid] if r["type"] == "REPORTED"})
    cited = set(reported)
    for line in posts + meetings + places:
        cited.update(e["article"] for e in line["evidence"] if e["article"])
    for c in coparts:
        cited.update(e["article"] for s in c["shared"] for e in s["evidence"] if e["article"])
    return {"id": pid, "name": n.get("name"), "aliases": n.get("aliases") or [],
            "jurisdictions": n.get("jurisdictions") or [], "first_seen": n.get("first_seen"),
            "last_seen": n.get("last_seen"), "article_count": n.get("article_count"),
            "identity": {"reasons": n.get("reasons") or [], "records": ix.resolutions.get(pid, [])},
            "posts": posts,
            "meetings": {role: [m for m in meetings if m["role"] == role] for role in ROLES},
            "places": places, "co_participants": coparts, "reported": reported,
            "articles": {a: _article(ix, a) for a in sorted(cited) if a}}


def _article(ix: Index, aid: str) -> dict:
    a = ix.articles.get(aid) or {}
    node = ix.nodes.get(aid) or {}
    return {"id": aid, **{k: a.get(k) if a.get(k) is not None else node.get(k) for k in ART_KEYS},
            "name": node.get("name") or a.get("title") or aid}


def person_profile(snap: Any, name: str, *, locality: Optional[str] = None,
                   resolutions: Iterable[dict] = ()) -> Dict[str, Any]:
    """The profile of the person called ``name`` (in ``locality`` when namesakes were kept apart).

    Parameters
    ----------
    snap : Snapshot
        Usually ``read_snapshot(DIR, resolved=True)``.
    name : str
        A person's name, alias or id (``person:…``).
    locality : str, optional
        Only the people of this place (part of a division's name: ``二七区``).
    resolutions : iterable of dict, optional
        Resolution records (``resolutions.jsonl``) to show under each person's identity.

    Returns
    -------
    dict
        ``{"name", "locality", "people": [profile]}``; a profile has ``id``, ``name``,
        ``aliases``, ``jurisdictions``, ``first_seen``, ``last_seen``, ``identity``, ``posts``
        (in order of ``first_seen``), ``meetings`` (``CHAIRED``/``SPOKE_AT``/``ATTENDED``, by
        date), ``places``, ``co_participants`` (most shared events first), ``reported`` and
        ``articles``.

    Raises
    ------
    PersonNotFound
        No such person (in that locality): one line saying where the name is found.
    AmbiguousPerson
        The name is several people and ``locality`` does not choose one (one line listing them).
    """
    ix = snap if isinstance(snap, Index) else Index(snap, resolutions)
    return {"name": name, "locality": locality,
            "people": [profile_of(ix, pid) for pid in find_people(ix, name, locality)]}


def holders(snap: Any, post: str, *, of: Optional[str] = None, on: Optional[str] = None) -> List[dict]:
    """Who held ``post`` (words of the normalised post or of its wording) of the organisation or
    place ``of``, seen in it on day ``on`` (``first_seen <= on <= last_seen``).

    The same answer as the README's Cypher (``who was 区委书记 of 二七区 on 2020-11-20``).
    """
    ix = snap if isinstance(snap, Index) else Index(snap)
    rows = {}
    for pid, n in ix.nodes.items():
        if n.get("label") != "Person":
            continue
        for p in _posts(ix, pid):
            q = ix.nodes.get(p["position_id"], {})
            if post not in p["post"] and post not in (q.get("wordings") or []):
                continue
            org = ix.nodes.get(_organisation(ix, p["position_id"]), {})
            if of and of not in str(org.get("name") or "") + " " + str(org.get("locality") or ""):
                continue
            if on and not (p["first_seen"] and p["first_seen"] <= on <= (p["last_seen"] or p["first_seen"])):
                continue
            rows[(pid, p["post"])] = {"person": n["name"], "person_id": pid, "post": p["post"],
                                      "first_seen": p["first_seen"], "last_seen": p["last_seen"],
                                      "evidence": p["evidence"]}
    return [rows[k] for k in sorted(rows, key=lambda k: (rows[k]["first_seen"] or _LAST, rows[k]["person"], k))]


def _organisation(ix: Index, qid: str) -> Optional[str]:
    return next((r["end"] for r in ix.out[qid] if r["type"] == "OF"), None)


def profile_from_neo4j(driver: Any, name: str, *, locality: Optional[str] = None,
                       database: Optional[str] = None) -> Dict[str, Any]:
    """:func:`person_profile` of a database loaded by ``govkg load``: the people called ``name``
    and their neighbourhood are read with the Cypher of :mod:`govkg.graph.queries`, then
    profiled as a snapshot is (the same answer)."""
    from types import SimpleNamespace

    from govkg.graph import queries as Q
    from govkg.graph.neo4j import run_query
    from govkg.schema import PREDICATES
    _, rows = run_query(driver, Q.PEOPLE_NAMED, params={"name": name}, database=database)
    ids = [r[0] for r in rows]
    if not ids:
        raise PersonNotFound(f"no person named {name} in the graph")
    second = list(PARTICIPATION) + ["OF"]
    _, rows = run_query(driver, Q.PROFILE_RELATIONSHIPS, params={"ids": ids, "second": second},
                        database=database)
    rels, want = [], defaultdict(set)
    want["Person"].update(ids)
    for start, rtype, end, props in rows:
        if rtype not in PREDICATES:
            continue
        rels.append({**props, "type": rtype, "start": start, "end": end})
        want[PREDICATES[rtype][0]].add(start)
        want[PREDICATES[rtype][1]].add(end)
        if props.get("article_id"):
            want["Article"].add(props["article_id"])
    nodes = []
    for lab, lab_ids in sorted(want.items()):
        _, found = run_query(driver, Q.nodes_by_id(lab), params={"ids": sorted(lab_ids)}, database=database)
        nodes.extend({**props, "id": nid, "label": lab} for nid, props in found)
    snap = SimpleNamespace(nodes=nodes, relationships=rels, articles=[])
    return person_profile(snap, name, locality=locality)
