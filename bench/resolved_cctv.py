"""The resolved graph against the graph as extracted, on a snapshot (issue 8's CCTV figures).

    .venv/bin/govkg build /work/shared/eval-candidates/xwlb-cctv/articles.jsonl --out /tmp/cctv8 --workers 1
    .venv/bin/python bench/resolved_cctv.py /tmp/cctv8 [--list]

With namesakes of national leaders in a county (a page written for this, not news):

    .venv/bin/python bench/resolved_cctv.py --write-page /tmp/changxing-2024-03-12.txt
    .venv/bin/govkg build /work/shared/eval-candidates/xwlb-cctv/articles.jsonl /tmp/changxing-2024-03-12.txt \
        --out /tmp/cctv8n --workers 1
    .venv/bin/python bench/resolved_cctv.py /tmp/cctv8n --list

Prints, for both graphs:

* Person and Meeting nodes;
* Meeting nodes whose dates fall in more than one year: the days they were held on (HELD_ON
  dates with a year, the resolved node's ``dates``) and the dates of the articles of every
  relationship touching them;
* people holding posts of more than one level (central, province, city, county) where no one
  article gives them both: a namesake merge, or a career the graph must show in time. The
  graph as extracted is measured as it merges, one person per name;
* the five most central people (degree) and the communities (number, modularity).
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from govkg.graph.analysis import centrality_report, communities  # noqa: E402
from govkg.graph.store import read_snapshot  # noqa: E402

LEVELS = ("central", "province", "city", "county")
#: a county page written for this measurement: a 县长 李强 and a 县委书记 王伟 (namesakes)
PAGE = """长兴县召开乡村振兴工作推进会

本报讯 3月10日，长兴县召开乡村振兴工作推进会。县委副书记、县长李强主持会议并讲话。县委书记王伟出席会议。

林城镇开展春季植树活动

本报讯 3月12日，长兴县县长李强到林城镇调研春季造林工作。
"""


def _year(d):
    return d[:4] if d and len(d) >= 4 and d[:4].isdigit() else None


def cross_year_meetings(snap):
    nodes = {n["id"]: n for n in snap.nodes}
    art_date = {a["id"]: a.get("date") for a in snap.articles}
    years = defaultdict(set)
    for n in snap.nodes:
        if n["label"] == "Meeting":
            years[n["id"]].update(filter(None, (_year(d) for d in n.get("dates") or [])))
    for r in snap.relationships:
        for end in (r["start"], r["end"]):
            if nodes.get(end, {}).get("label") != "Meeting":
                continue
            if r["type"] == "HELD_ON":
                y = _year(nodes.get(r["end"], {}).get("name"))
                years[end].update([y] if y else [])
            for d in (r.get("date"), art_date.get(r.get("article_id"))):
                y = _year(d)
                if y:
                    years[end].add(y)
    return sorted((nodes[m]["name"], sorted(ys)) for m, ys in years.items() if len(ys) > 1)


def level_conflicts(resolved, by_name: bool):
    """People (or names) whose posts are of two levels that no one article gives together, with
    ``in time order`` (each level's days apart from the others': a career) or ``overlapping``."""
    nodes = {n["id"]: n for n in resolved.nodes}
    per = defaultdict(lambda: defaultdict(set))   # who -> article -> levels
    days = defaultdict(lambda: defaultdict(list))  # who -> level -> dates
    for r in resolved.relationships:
        if r["type"] != "HOLDS":
            continue
        level = nodes[r["end"]].get("level")
        if level in LEVELS:
            who = nodes[r["start"]]["name"] if by_name else r["start"]
            per[who][r.get("article_id")].add(level)
            if r.get("date"):
                days[who][level].append(r["date"])
    out = []
    for who, arts in per.items():
        levels = set().union(*arts.values())
        if len(levels) < 2 or any(len(ls) > 1 for ls in arts.values()):
            continue
        spans = sorted((min(d), max(d)) for d in days[who].values() if d)
        apart = len(spans) == len(levels) and all(a[1] < b[0] for a, b in zip(spans, spans[1:]))
        out.append((nodes[who]["name"] if who in nodes else who, sorted(levels),
                    "in time order" if apart else "overlapping"))
    return sorted(out)


def summary(name, snap, conflicts, show):
    people = sum(1 for n in snap.nodes if n["label"] == "Person")
    meetings = sum(1 for n in snap.nodes if n["label"] == "Meeting")
    cross = cross_year_meetings(snap)
    cent = centrality_report(snap, top=5)
    comm = communities(snap, seed=0)
    print(f"## {name}")
    print(f"Person nodes {people}, Meeting nodes {meetings}")
    print(f"Meeting nodes with dates of different years: {len(cross)}")
    over = sum(1 for c in conflicts if c[2] == "overlapping")
    print(f"people with posts of two levels no one article gives together: {len(conflicts)} "
          f"({over} overlapping in time, {len(conflicts) - over} in time order)")
    if show:
        for m, ys in cross:
            print(f"  meeting {m}: {', '.join(ys)}")
        for p, ls, how in conflicts:
            print(f"  person {p}: {', '.join(ls)} ({how})")
    top = ", ".join(f"{r['name']} {r['degree']:.3f}" for r in cent["rows"])
    print(f"top 5 by degree: {top}")
    rows = comm["rows"]
    mod = comm.get("metadata", {}).get("modularity")
    print(f"communities (Louvain, seed 0, at least 2 people): {len(rows)}, modularity {mod}")
    print()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("snapshot", type=Path, nargs="?")
    ap.add_argument("--list", action="store_true", help="list the meetings and people counted")
    ap.add_argument("--write-page", type=Path, help="write the namesakes' county page here and stop")
    a = ap.parse_args(argv)
    if a.write_page:
        a.write_page.write_text(PAGE, encoding="utf-8")
        return
    raw, res = read_snapshot(a.snapshot), read_snapshot(a.snapshot, resolved=True)
    summary("as extracted (one entity per name)", raw, level_conflicts(res, by_name=True), a.list)
    summary("resolved", res, level_conflicts(res, by_name=False), a.list)


if __name__ == "__main__":
    main()
