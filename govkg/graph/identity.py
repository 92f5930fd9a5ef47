"""Who is who: people, meetings and places decided from the whole corpus, each decision recorded.

The extractor names one entity per name *within a file*. Across files a name is not an
identity: the same name may be two people in two counties, a recurring meeting name is a
series of sittings. This module works on *mention groups* -- one name in one article, with
what that article says about it -- and decides which groups are one entity:

**People.** A group's *jurisdictions* are the divisions its posts belong to
(:mod:`govkg.graph.posts`: ``县长`` in an 安吉 article is a post of 安吉县; ``国务院总理`` of
the centre). Groups of one name sharing a jurisdiction are one person, whatever the post and
the year (a 县长 who later appears as 县委书记 of the same county; rule ``same-jurisdiction``);
posts an article gives one name together bridge their divisions (``市委常委、区委书记``).
Groups of one name with posts of different divisions that no article links stay apart
(a ``split`` record). A group without a post joins the person of that name whose
jurisdiction contains or lies in the article's locality (``locality``), else the only person
of that name with a post (``only-one``); a name that never has a post is one person
(``name-only``, as before); otherwise it stays apart, ``ambiguous``. Trailing titles are
aliases (``习近平主席`` is ``习近平``; rule ``alias``).

**Meetings.** A meeting is a name, a date and a locality. Groups of one *series* (the name;
a generic name such as ``开幕式`` qualified by what the sentence or the headline says it
belongs to) held on the same day are one sitting (``same-day``); another day is another
sitting of the series. A group without a date joins the sitting of its series held up to a
week before its article (``report-after``); a name with an ordinal (``二十届三中全会``,
``第五次``) is one event whatever the article (``ordinal``); else it is its own event.

**Places.** A place's name without a leading division (``安吉余村`` is ``余村`` of 安吉县)
in its division, or the article's; one anchored place of a name takes the mentions without one.

Every decision is a record: ``{"id", "decision": merge|split|attach|alias|own, "rule",
"label", "entity", "name", "reason", "mentions": ["<raw node id>@<article id>", ...],
"evidence": [...]}``.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set, Tuple

from govkg.graph.places import CENTRAL, Gazetteer
from govkg.graph.posts import Post
from govkg.schema import node_id, normalize_name

Key = Tuple[str, str]   # (raw node id, article id)
#: trailing words of a name that are a title, not the name (``习近平主席``)
_TITLES = re.compile(r"(总书记|主席|总理|副总理|委员长|同志|书记|省长|市长|县长|区长|部长|主任|先生|女士)$")
#: meeting names that say nothing of what they belong to
GENERIC = {"开幕式", "闭幕式", "座谈会", "宣讲报告", "宣讲报告会", "报告会", "全体会议", "会议", "常委会",
           "常务会议", "推进会", "工作会议", "颁奖仪式", "仪式", "揭牌仪式", "签约仪式", "发布会", "新闻发布会",
           "培训班", "专题会", "调度会", "现场会", "审议", "分组审议", "升旗仪式", "纪念大会", "大会",
           "表彰大会", "动员大会", "誓师大会", "启动仪式", "欢迎仪式", "招待会", "音乐会", "晚会", "论坛"}
_ORDINAL = re.compile(r"(第[一二三四五六七八九十百零〇\d]+[届次期]|[一二三四五六七八九十百\d]+届[一二三四五六七八九十\d]*[中次]全会)")
_QUAL_STOP = re.compile(r"[，。；：、,;:！？“”\s]|在|出席|参加|举行|召开|主持|作|发表|上|的|于|和|与|及|同")


@dataclass
class Group:
    """One name in one article, with what the article says about it."""

    key: Key
    label: str
    name: str
    article: str
    date: Optional[str] = None              # the article's date (ISO, YYYY-MM or --MM-DD)
    locality: Optional[str] = None          # the article's (or, for meetings/places, the name's) division
    posts: List[Tuple[Post, str]] = field(default_factory=list)    # (post, evidence)
    dates: Set[str] = field(default_factory=set)                  # meetings: the days it sat
    sentences: List[str] = field(default_factory=list)
    title: str = ""

    @property
    def jurisdictions(self) -> Set[str]:
        """Divisions of the posts it holds at the article's time (former posts say where, not when)."""
        return {p.jurisdiction for p, _ in self.posts if p.jurisdiction and not p.former}

    @property
    def former_places(self) -> Set[str]:
        return {p.jurisdiction for p, _ in self.posts if p.jurisdiction and p.former}


class _UF:
    def __init__(self, n: int):
        self.p = list(range(n))

    def find(self, i: int) -> int:
        while self.p[i] != i:
            self.p[i] = self.p[self.p[i]]
            i = self.p[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.p[max(ra, rb)] = min(ra, rb)
        return True


def _record(decision: str, rule: str, label: str, entity: str, name: str, reason: str,
            mentions: List[Key], evidence: List[str] = ()) -> dict:
    ms = sorted({f"{k[0]}@{k[1]}" for k in mentions})
    rid = "res-" + hashlib.sha1(f"{decision}\x1f{rule}\x1f{entity}\x1f{','.join(ms)}\x1f{reason}".encode()).hexdigest()[:20]
    return {"id": rid, "decision": decision, "rule": rule, "label": label, "entity": entity, "name": name,
            "reason": reason, "mentions": ms, "evidence": [e for e in evidence if e][:4]}


def core_name(name: str) -> str:
    """A person's name without a trailing title (``习近平主席`` -> ``习近平``).

    >>> core_name("习近平主席"), core_name("王伟"), core_name("李书记")
    ('习近平', '王伟', '李书记')
    """
    m = _TITLES.search(name)
    if m and len(name) - len(m.group(0)) >= 2:
        return name[: m.start()]
    return name


def _where(g: Group, gaz: Gazetteer) -> str:
    j = sorted(g.jurisdictions)
    names = [("中央" if c == CENTRAL else c[4:] if c.startswith("org:") else
              (gaz.full_name(c.split(":")[0]) if gaz.get(c.split(":")[0]) else c)) for c in j]
    return "、".join(names) or "?"


def _desc(g: Group, gaz: Gazetteer) -> str:
    posts = "、".join(sorted({p.wording for p, _ in g.posts})) or "no post"
    return f"{posts} of {_where(g, gaz)} ({g.article}, {g.date or 'undated'})"


# ----------------------------------------------------------------------------- people

def resolve_people(groups: List[Group], gaz: Gazetteer) -> Tuple[Dict[Key, str], Dict[str, dict], List[dict]]:
    """``(group key -> person id, person id -> node properties, resolution records)``."""
    by_name: Dict[str, List[Group]] = defaultdict(list)
    for g in groups:
        by_name[core_name(g.name)].append(g)
    assign: Dict[Key, str] = {}
    people: Dict[str, dict] = {}
    records: List[dict] = []
    for name in sorted(by_name):
        gs = sorted(by_name[name], key=lambda g: (g.date or "", g.article, g.key))
        clusters, recs = _cluster_people(name, gs, gaz)
        for members, anchor, reasons in clusters:
            pid = node_id("Person", name if anchor is None else f"{name}@{anchor}")
            for g in members:
                assign[g.key] = pid
            people[pid] = _person_props(name, members, reasons, gaz)
            for r in reasons:
                records.append(_record(r[0], r[1], "Person", pid, name, r[2], [g.key for g in r[3]], r[4]))
        records.extend(_rec_with_ids(recs, clusters, name))
    return assign, people, records


def _rec_with_ids(recs: List[tuple], clusters, name: str) -> List[dict]:
    out = []
    for a, b, reason in recs:
        ids = []
        for members, anchor, _ in (a, b):
            ids.append(node_id("Person", name if anchor is None else f"{name}@{anchor}"))
        out.append(_record("split", "different-jurisdiction", "Person", ids[0], name, reason,
                           [g.key for g in a[0] + b[0]], [ids[1]]))
    return out


def _cluster_people(name: str, gs: List[Group], gaz: Gazetteer):
    uf = _UF(len(gs))
    why: Dict[int, List[tuple]] = defaultdict(list)
    first: Dict[str, int] = {}
    for i, g in enumerate(gs):
        for j in sorted(g.jurisdictions):
            if j in first and uf.union(first[j], i):
                h = gs[first[j]]
                why[i].append(("merge", "same-jurisdiction",
                               f"{name}: {_desc(h, gaz)} and {_desc(g, gaz)}: posts of one division", [h, g],
                               [h.posts[0][1] if h.posts else "", g.posts[0][1] if g.posts else ""]))
            first.setdefault(j, i)
        if len(g.jurisdictions) > 1:
            why[i].append(("merge", "one-article", f"{name}: one article gives posts of {_where(g, gaz)}",
                           [g], [g.posts[0][1]]))
    _career_moves(name, gs, uf, why, gaz)
    posted = defaultdict(list)
    for i, g in enumerate(gs):
        if g.jurisdictions:
            posted[uf.find(i)].append(i)
    clusters: Dict[object, List[int]] = {r: list(m) for r, m in posted.items()}
    attach: Dict[int, tuple] = {}
    for i, g in enumerate(gs):
        if g.jurisdictions:
            continue
        target, rule, reason = _attach(name, g, gs, clusters, gaz)
        clusters.setdefault(target, []).append(i)
        attach[i] = (rule, reason)
    out = []
    for root in sorted(clusters, key=lambda r: min(clusters[r])):
        idx = sorted(clusters[root])
        members = [gs[i] for i in idx]
        juris = sorted(set().union(*(g.jurisdictions for g in members)))
        anchor = juris[0] if juris else (root[1] if isinstance(root, tuple) and root[0] == "?" else None)
        reasons = [w for i in idx for w in why.get(i, [])]
        for g in members:
            if g.name != name:
                reasons.append(("alias", "alias", f"{g.name} is {name} with a title ({g.article})", [g], []))
        for i in idx:
            if i in attach:
                rule, reason = attach[i]
                decision = "own" if rule == "ambiguous" else "attach"
                reasons.append((decision, rule, reason, [gs[i]], [gs[i].sentences[0] if gs[i].sentences else ""]))
        out.append((members, anchor, reasons))
    splits = []
    posted_clusters = [c for c in out if any(g.jurisdictions for g in c[0])]
    for k, a in enumerate(posted_clusters):
        for b in posted_clusters[k + 1:]:
            splits.append((a, b, f"{name}: {_desc(a[0][0], gaz)} and {_desc(b[0][0], gaz)}: posts of "
                                 f"different divisions and no article gives both"))
    return out, splits


def _span(gs: List[Group], idx: List[int]) -> Tuple[Optional[str], Optional[str]]:
    ds = sorted(gs[i].date for i in idx if gs[i].date and len(gs[i].date) == 10 and gs[i].date[:1].isdigit())
    return (ds[0], ds[-1]) if ds else (None, None)


def _career_moves(name: str, gs: List[Group], uf: _UF, why, gaz: Gazetteer) -> None:
    """Join people of one name whose provincial or central posts follow one another in time
    (``career-move``): a namesake among provincial leaders is rare, a move between provinces
    is not. Posts below the provinces never join this way (many officials share a name)."""
    comps: Dict[int, List[int]] = defaultdict(list)
    for i, g in enumerate(gs):
        if g.jurisdictions:
            comps[uf.find(i)].append(i)
    high = []
    for root, idx in comps.items():
        juris = set().union(*(gs[i].jurisdictions for i in idx))
        lo, hi = _span(gs, idx)
        if lo and all(j == CENTRAL or (gaz.get(j) and gaz.get(j).level == "province") for j in juris):
            high.append([lo, hi, root, idx])
    high.sort()
    merged: List[list] = []
    for lo, hi, root, idx in high:
        fits = [m for m in merged if m[1] < lo]
        overlapping = [m for m in merged if not m[1] < lo]
        if len(fits) == 1 and not overlapping:
            m = fits[0]
            uf.union(m[2], root)
            a, b = gs[m[3][0]], gs[idx[0]]
            why[idx[0]].append(("merge", "career-move",
                                f"{name}: {_desc(a, gaz)} until {m[1]}, then {_desc(b, gaz)} from {lo}: "
                                f"provincial or central posts one after another", [a, b],
                                [a.posts[0][1] if a.posts else "", b.posts[0][1] if b.posts else ""]))
            m[1], m[3] = max(m[1], hi), m[3] + idx
        else:
            merged.append([lo, hi, root, list(idx)])


def _attach(name: str, g: Group, gs: List[Group], clusters, gaz: Gazetteer):
    posted = [r for r in clusters if isinstance(r, int)]
    where = g.locality
    if g.former_places:   # only former posts here: they say where to look
        where = sorted(g.former_places)[0] if gaz.get(sorted(g.former_places)[0]) else where
    if where:
        fits = [r for r in posted if any(
            gaz.get(j) and gaz.related(where, j) and j != CENTRAL
            for i in clusters[r] for j in gs[i].jurisdictions)]
        if len(fits) == 1:
            return fits[0], "locality", (f"{name} ({g.article}) has no current post there; it is about "
                                         f"{gaz.full_name(where)}, where this {name} holds posts")
    if len(posted) == 1:
        return posted[0], "only-one", f"{name} ({g.article}) has no post there; the only {name} with a post"
    if not posted:
        return ("name",), "name-only", f"{name} never has a post: one person per name"
    loc = g.locality or "-"
    return ("?", loc), "ambiguous", (f"{name} ({g.article}) has no post there and {len(posted)} people of that "
                                     f"name hold posts elsewhere: kept apart")


def _person_props(name: str, members: List[Group], reasons, gaz: Gazetteer) -> dict:
    dates = sorted(g.date for g in members if g.date and g.date[:1].isdigit())
    juris = sorted(set().union(*(g.jurisdictions for g in members)))
    return {"name": name, "aliases": sorted({g.name for g in members} - {name}),
            "jurisdictions": [("中央" if j == CENTRAL else j[4:] if j.startswith("org:") else
                               gaz.full_name(j.split(":")[0]) if gaz.get(j.split(":")[0]) else j) for j in juris],
            "article_count": len({g.article for g in members}),
            "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
            "reasons": [r[2] for r in reasons]}
