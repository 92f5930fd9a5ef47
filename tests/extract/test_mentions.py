"""People found by the rules and the tagger (govkg.extract.mentions): the tagger checks in time
linear in the number of spans, the same as the quadratic expressions they replace."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govkg.extract.lexicon import Lexicon
from govkg.extract.mentions import Finder, Person, _person_tags, _tagged_as_person

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None)


@pytest.fixture(scope="module")
def finder():
    return Finder(Lexicon.load())


UNITS = ["张三", "李明远", "王", "区委", "书记", "会议", "青山区", "，", "。", "出席", "欧阳", "华"]
LABELS = st.sampled_from(["PER", "PER", "ORG", "LOC", "MTG", "POS", "DATE"])


@st.composite
def tagged_text(draw):
    text = "".join(draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=20)))
    n = len(text)
    span = st.tuples(st.integers(0, n), st.integers(0, 6)).map(lambda x: (x[0], min(n, x[0] + x[1])))
    ner = [(a, b, lab, p) for (a, b), lab, p in draw(st.lists(st.tuples(span, LABELS, st.sampled_from([0.3, 0.6, 0.95])),
                                                             max_size=12))]
    taken = [Person(text[a:b], a, b, []) for a, b in draw(st.lists(span, max_size=8))]
    return text, ner, taken


@SETTINGS
@given(tagged_text())
def test_tagged_people_as_the_quadratic_rule(finder, case):
    text, ner, taken = case
    heads = {text[a:b][:4] for a, b, lab, _p in ner if lab in ("POS", "ORG", "LOC", "MTG")}
    want = [(text[s:e], s, e) for s, e, lab, p in ner
            if not (lab != "PER" or p < finder.NER_PERSON_MIN or any(q.start < e and s < q.end for q in taken)
                    or not finder.is_name(text[s:e]) or any(h.startswith(text[s:e]) for h in heads))]
    assert [(p.name, p.start, p.end) for p in finder.tagged_people(text, ner, taken)] == want


@SETTINGS
@given(tagged_text())
def test_tagged_as_person_as_the_quadratic_rule(finder, case):
    text, ner, taken = case
    tags = _person_tags(ner)
    for p in taken:
        s = p.end - len(p.name)
        assert _tagged_as_person(p, tags) == any(lab == "PER" and a < p.end and s < b for a, b, lab, _p in ner)


def test_tagged_people_at_scale(finder):
    """30,000 names after posts and 30,000 tagged ones: the quadratic checks compared 9 × 10^8 pairs."""
    unit = "区委书记李明远出席。"
    text = unit * 30000
    ner = [(i * len(unit) + 4, i * len(unit) + 7, "PER", 0.99) for i in range(30000)]
    people = finder.titled_people(text, ner=ner)  # (how long it takes: bench/scaling_bench.py)
    persons = finder.tagged_people(text, ner, people)
    assert len(people) == 30000 and persons == []
