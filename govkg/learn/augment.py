"""Training sentences made from the annotation's own names (no third-party text).

The corpus annotation lists, for every article, the names of meetings, sites, people and
posts as the text writes them. Those strings are the project's own annotation, committed
with the article's id, so they may be trained on even where the article's text (a page
read with the search tool) may not. Put into carrier sentences written here
(``11月3日，{post}{person}主持召开{meeting}。``), they teach the mention tagger what local
meeting names and sites look like (理论学习中心组（扩大）学习会, 暨-joined names, addresses
in front of a village) in the contexts where they occur.

Sets kept for measurement are never used (``exclude_batches`` and the sealed sets); the
draw is seeded, so the sentences are the same in every run.
"""
from __future__ import annotations

import random
import re
from typing import Dict, Iterable, List, Sequence, Tuple

from govkg.corpus import Item, entity_surfaces

Span = Tuple[int, int, str]

#: carrier sentences; each {slot} is filled with a name of that kind
TEMPLATES = (
    "{date}，{post}{person}主持召开{meeting}。",
    "{date}，{meeting}召开，{post}{person}出席并讲话。",
    "{post}{person}在{meeting}上强调，要抓好各项工作落实。",
    "{date}上午，{org}召开{meeting}，{post}{person}主持会议。",
    "会议由{post}{person}主持，{post2}{person2}、{person3}参加{meeting}。",
    "{post}{person}带队深入{place}、{place2}调研。",
    "{date}，{post}{person}一行先后来到{place}、{place2}和{place3}，实地察看项目建设情况。",
    "{post}{person}到{place}检查安全生产工作，{post2}{person2}陪同。",
    "在{place}，{person}详细了解产业发展情况。",
    "随后，{person}还走进{place}，与群众亲切交流。",
    "{post}{person}，{post2}{person2}参加调研。",
    "{org}召开{meeting}，传达学习{meeting2}精神。",
    "{date}，{person}出席{meeting}并作总结讲话。",
    "{post}{person}在{meeting}上作工作报告。",
)
LABELS = {"Meeting": "MTG", "Place": "LOC", "Person": "PER", "Position": "POS", "Organization": "ORG"}
DATES = ("3月5日", "11月18日", "昨天", "6月2日下午", "近日", "9月26日上午", "1月10日")


def name_pools(items: Iterable[Item], *, exclude_batches: Sequence[str] = ()) -> Dict[str, List[str]]:
    """Distinct annotated names by kind, from annotation alone (texts are not read)."""
    pools: Dict[str, set] = {k: set() for k in LABELS}
    for item in items:
        if item.meta.get("batch") in set(exclude_batches):
            continue
        for name, kind in entity_surfaces(item).items():
            name = re.sub(r"\s+", "", name)
            if kind in pools and 2 <= len(name) <= 40 and not re.search(r"[。！？\n]", name):
                pools[kind].add(name)
    return {k: sorted(v) for k, v in pools.items()}


def sentences(pools: Dict[str, List[str]], n: int, *, seed: int = 20261127) -> List[Tuple[str, List[Span]]]:
    """``n`` carrier sentences with the spans of the names put into them."""
    rng = random.Random(seed)
    out = []
    need = {"meeting": "Meeting", "meeting2": "Meeting", "place": "Place", "place2": "Place", "place3": "Place",
            "person": "Person", "person2": "Person", "person3": "Person", "post": "Position", "post2": "Position",
            "org": "Organization"}
    if not all(pools.get(k) for k in set(need.values())):
        return out
    for _ in range(n):
        tpl = rng.choice(TEMPLATES)
        text, spans, pos = "", [], 0
        for lit, slot in re.findall(r"([^{]*)(?:\{(\w+)\})?", tpl):
            text += lit
            if not slot:
                continue
            value = rng.choice(DATES) if slot == "date" else rng.choice(pools[need[slot]])
            if slot != "date":
                spans.append((len(text), len(text) + len(value), LABELS[need[slot]]))
            text += value
        out.append((text, spans))
    return out
