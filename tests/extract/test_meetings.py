"""Meeting mentions (govkg.extract.meetings): the tagger's spans merged with the rules' in linear time,
the same as the quadratic merge it replaces (kept here as the specification)."""
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govkg.extract.lexicon import Lexicon
from govkg.extract.meetings import _MEETING_END, TAGGER_ALONE_MIN, TAGGER_MIN
from govkg.extract.mentions import Finder

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def finder():
    return Finder(Lexicon.load())


def merge_spec(self, text, spans, ner):
    """``_merge_tagged`` as it was: every tagged span compared with every span so far."""
    out = list(spans)
    for s2, e2, lab, p in ner:
        if lab != "MTG" or p < TAGGER_MIN or e2 - s2 < 3:
            continue
        tail = re.search(r"(?:上|中|时|后|期间|上的)$", text[s2:e2])
        if tail and _MEETING_END.search(text[s2:tail.start() + s2]):
            e2 = s2 + tail.start()
        year = re.search(r"(?:\d{4}|[〇零一二三四五六七八九]{4})$", text[max(0, s2 - 4):s2])
        if text[s2] == "年" and year:
            s2 -= len(year.group(0))
        verb = re.search(r"(?<=[院部委局厅办])作(?=[^，。]{0,6}(?:报告|讲话))", text[s2:e2])
        if verb:
            s2 += verb.end()
        if text[s2] == "“" and "”" not in text[s2:e2]:
            s2 += 1
        joints = [j for j in re.finditer(r"(?<=[会议班式礼坛])(?:、|和|及|与|以及)", text[s2:e2]) if j.end() < e2 - s2]
        if joints:
            s2 += joints[-1].end()
        hit = [x for x in out if x[0] < e2 and s2 < x[1]]
        same_end = [x for x in hit if abs(x[1] - e2) <= 1]
        if same_end:
            for x in same_end:
                if s2 > x[0] and not any(lab2 == "PER" and x[0] <= a < s2 for a, _b, lab2, _p in ner):
                    continue
                out[out.index(x)] = (s2, max(x[1], e2), x[2], "both")
        elif not hit and p >= TAGGER_ALONE_MIN and _MEETING_END.search(text[s2:e2]):
            while s2 < e2 and text[s2] in "的在和及与由于":
                s2 += 1
            if text[s2:e2].count("“") != text[s2:e2].count("”"):
                continue
            head = next((h for h in sorted(self.heads, key=len, reverse=True) if text[s2:e2].endswith(h)),
                        text[max(s2, e2 - 2):e2])
            out.append((s2, e2, head, "ner"))
    return list(dict.fromkeys(out))


UNITS = ["会议", "会", "上", "期间", "年", "2020", "二〇二〇", "区委", "作", "报告", "“", "”", "、", "和", "的",
         "在", "张三", "，", "。", "座谈会", "党组会议"]


@st.composite
def merge_cases(draw):
    text = "".join(draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=30)))
    n = len(text)
    pos = st.integers(0, n - 1)
    spans = []
    for s, k in draw(st.lists(st.tuples(pos, st.integers(0, 12)), max_size=8)):
        spans.append((s, min(n, s + k), "会议", "rule"))
    spans += draw(st.lists(st.sampled_from(spans), max_size=2)) if spans else []  # the same span twice
    ner = []
    for s, k, lab, p in draw(st.lists(st.tuples(pos, st.integers(0, 14), st.sampled_from(["MTG", "MTG", "PER", "ORG"]),
                                                st.sampled_from([0.4, 0.6, 0.8])), max_size=10)):
        ner.append((s, min(n, s + k), lab, p))
    return text, sorted(spans), ner


@SETTINGS
@given(merge_cases())
def test_merge_tagged_as_the_quadratic_merge(finder, case):
    text, spans, ner = case
    assert finder._merge_tagged(text, spans, ner) == merge_spec(finder, text, spans, ner)


def test_merge_tagged_at_scale(finder):
    """20,000 rule spans and 20,000 tagged ones: the quadratic merge compared 4 × 10^8 pairs."""
    unit = "区委召开工作会议，张三出席。"
    text = unit * 20000
    spans = [(i * len(unit) + 2, i * len(unit) + 8, "会议", "rule") for i in range(20000)]
    ner = [x for i in range(20000) for x in ((i * len(unit) + 2, i * len(unit) + 8, "MTG", 0.9),
                                              (i * len(unit) + 9, i * len(unit) + 11, "PER", 0.9))]
    out = finder._merge_tagged(text, spans, ner)  # (how long it takes: bench/scaling_bench.py)
    assert out == [(s, e, h, "both") for s, e, h, _ in spans]
