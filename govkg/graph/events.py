"""Meetings as events and places by locality (the rules are in :mod:`govkg.graph.identity`)."""
from __future__ import annotations

import datetime as _dt
import re
from collections import defaultdict
from typing import Dict, List, Optional, Tuple

from govkg.graph.identity import _ORDINAL, _QUAL_STOP, GENERIC, Group, Key, _record, _UF
from govkg.graph.places import Gazetteer
from govkg.schema import node_id, normalize_name

REPORT_DAYS = 7


def qualifier(name: str, sentences: List[str], title: str) -> Optional[str]:
    """What a generic meeting name belongs to: the words before it in its sentence, else the headline.

    >>> qualifier("开幕式", ["习近平出席第十九届亚运会开幕式。"], "")
    '第十九届亚运会'
    >>> qualifier("推进会", ["会上，他表示"], "安吉县召开美丽乡村建设推进会")
    '安吉县召开美丽乡村建设推进会'
    """
    if normalize_name(name) not in GENERIC:
        return None
    for s in sentences:
        at = s.find(name)
        if at <= 0:
            continue
        before = s[:at]
        cut = max((m.end() for m in _QUAL_STOP.finditer(before)), default=0)
        q = before[cut:]
        if len(q) >= 2:
            return q
    t = re.sub(r"\s+", "", title or "")[:20]
    return t or None


def _day(d: str) -> Optional[_dt.date]:
    try:
        return _dt.date.fromisoformat(d)
    except (TypeError, ValueError):
        return None


def resolve_meetings(groups: List[Group], gaz: Gazetteer) -> Tuple[Dict[Key, str], Dict[str, dict], List[dict]]:
    """``(group key -> meeting id, meeting id -> node properties, resolution records)``."""
    series: Dict[str, List[Group]] = defaultdict(list)
    quals: Dict[Key, Optional[str]] = {}
    for g in groups:
        q = qualifier(g.name, g.sentences, g.title)
        quals[g.key] = q
        series[normalize_name(g.name) + (f"（{q}）" if q else "")].append(g)
    assign: Dict[Key, str] = {}
    meetings: Dict[str, dict] = {}
    records: List[dict] = []
    for s in sorted(series):
        gs = sorted(series[s], key=lambda g: (min(g.dates) if g.dates else "~", g.article, g.key))
        for members, rule_reasons in _sittings(s, gs, gaz):
            dates = sorted(set().union(*(g.dates for g in members)))
            loc = next((g.locality for g in members if g.locality), None)
            anchor = dates[0] if dates else ("" if _ORDINAL.search(s) else members[0].article)
            mid = node_id("Meeting", f"{s}@{anchor}@{loc or ''}")
            for g in members:
                assign[g.key] = mid
            names = sorted((g.name for g in members), key=lambda n: (-sum(x.name == n for x in members), n))
            meetings[mid] = {"name": names[0], "series": s, "date": dates[0] if dates else None,
                             "dates": dates, "qualifier": quals[members[0].key],
                             "locality": gaz.full_name(loc) if loc else None,
                             "reasons": [r[2] for r in rule_reasons]}
            for decision, rule, reason, ms, ev in rule_reasons:
                records.append(_record(decision, rule, "Meeting", mid, names[0], reason, [g.key for g in ms], ev))
    return assign, meetings, records


def _compatible(a: Optional[str], b: Optional[str], gaz: Gazetteer) -> bool:
    return a is None or b is None or gaz.related(a, b)


def _sittings(s: str, gs: List[Group], gaz: Gazetteer):
    """The sittings of one series: lists of groups with the reasons they are one."""
    uf = _UF(len(gs))
    why: Dict[int, list] = defaultdict(list)
    by_day: Dict[str, List[int]] = defaultdict(list)
    ordinal = bool(_ORDINAL.search(s))
    for i, g in enumerate(gs):
        for d in sorted(g.dates):
            for j in by_day[d]:
                if _compatible(gs[j].locality, g.locality, gaz) and uf.union(j, i):
                    why[i].append(("merge", "same-day", f"{s}: held on {d} in {gs[j].article} and in {g.article}",
                                   [gs[j], g], g.sentences[:1]))
                    break
            by_day[d].append(i)
    if ordinal:
        for i in range(1, len(gs)):
            if uf.union(0, i):
                why[i].append(("merge", "ordinal", f"{s}: a numbered session is one event ({gs[0].article}, "
                                                   f"{gs[i].article})", [gs[0], gs[i]], gs[i].sentences[:1]))
    sat = {i for i, g in enumerate(gs) if g.dates}
    for i, g in enumerate(gs):
        if g.dates or ordinal:
            continue
        day = _day(g.date or "")
        fits = set()
        if day:
            for j in sat:
                for d in gs[j].dates:
                    dd = _day(d)
                    if dd and 0 <= (day - dd).days <= REPORT_DAYS and _compatible(gs[j].locality, g.locality, gaz):
                        fits.add(uf.find(j))
        if len(fits) == 1:
            root = fits.pop()
            uf.union(root, i)
            why[i].append(("attach", "report-after", f"{s}: no date in {g.article} ({g.date}); the sitting "
                                                     f"a few days before it", [g], g.sentences[:1]))
        else:
            why[i].append(("own", "undated", f"{s}: no date in {g.article} and no sitting of the series "
                                             f"within {REPORT_DAYS} days before it: its own event", [g],
                           g.sentences[:1]))
    comps: Dict[int, List[int]] = defaultdict(list)
    for i in range(len(gs)):
        comps[uf.find(i)].append(i)
    out = []
    for root in sorted(comps):
        idx = comps[root]
        reasons = [w for i in idx for w in why.get(i, [])]
        out.append(([gs[i] for i in idx], reasons))
    return out


# ----------------------------------------------------------------------------- places

def place_core(name: str, gaz: Gazetteer) -> Tuple[str, Optional[str]]:
    """A place's name without leading divisions, and the last of them (``安吉余村`` -> ``余村``, 安吉县)."""
    code, rest = None, name
    while True:
        hits = gaz.mentions(rest)
        if not hits or hits[0][0] != 0 or hits[0][1] >= len(rest) - 1:
            break
        got = gaz.resolve(hits[0][2], [code] if code else [])
        if got is None:
            break
        code, rest = got, rest[hits[0][1]:]
    return rest, code


def resolve_places(groups: List[Group], gaz: Gazetteer) -> Tuple[Dict[Key, str], Dict[str, dict], List[dict]]:
    """``(group key -> place id, place id -> node properties, resolution records)``."""
    by_core: Dict[str, List[Tuple[Group, Optional[str]]]] = defaultdict(list)
    for g in groups:
        core, code = place_core(g.name, gaz)
        by_core[normalize_name(core)].append((g, code))
    assign: Dict[Key, str] = {}
    places: Dict[str, dict] = {}
    records: List[dict] = []
    for core in sorted(by_core):
        items = by_core[core]
        anchored = sorted({c for _, c in items if c})
        for g, code in items:
            anchor, rule = code, "named"
            if anchor is None and len(anchored) == 1:
                anchor, rule = anchored[0], "only-one"
            elif anchor is None and g.locality and any(gaz.related(g.locality, a) for a in anchored):
                anchor, rule = next(a for a in anchored if gaz.related(g.locality, a)), "locality"
            pid = node_id("Place", core if len(anchored) <= 1 else f"{core}@{anchor}")
            assign[g.key] = pid
            p = places.setdefault(pid, {"name": core, "aliases": [], "locality": gaz.full_name(anchor)
                                        if anchor else None, "reasons": []})
            if g.name != core and g.name not in p["aliases"]:
                p["aliases"].append(g.name)
                reason = f"{g.name} is {core} of {gaz.full_name(code)}" if code else f"{g.name} is {core}"
                p["reasons"].append(reason)
                records.append(_record("alias", "division-prefix", "Place", pid, core, reason, [g.key]))
            elif rule != "named" and anchor:
                reason = f"{g.name} in {g.article} is the {core} of {gaz.full_name(anchor)} ({rule})"
                records.append(_record("attach", rule, "Place", pid, core, reason, [g.key]))
    for p in places.values():
        p["aliases"].sort()
    return assign, places, records
