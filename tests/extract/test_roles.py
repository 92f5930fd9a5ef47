"""Role-scorer features (govkg.extract.roles): the people-between count and the first person,
given precomputed once per verb, are what the passes over all the sentence's people give."""
import bisect

from hypothesis import given, settings
from hypothesis import strategies as st

from govkg.extract.mentions import Person
from govkg.extract.roles import person_features

SETTINGS = settings(max_examples=400, deadline=None, derandomize=True, database=None)
TEXT = "区委书记张三、区长李四出席会议并讲话，王五主持。"


@st.composite
def people_and_verb(draw):
    n = len(TEXT)
    ps = []
    for a, k, rule in draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, 3),
                                              st.sampled_from(["post+name", "pronoun", "ner"])), min_size=1, max_size=8)):
        b = min(n, a + k)
        ps.append(Person(TEXT[a:b], a, b, [], rule=rule, clause_start=a % 2 == 0))
    ps.sort(key=lambda p: p.start)
    vpos = draw(st.integers(0, n - 1))
    return ps, vpos, draw(st.lists(st.sampled_from(ps), max_size=3))


@SETTINGS
@given(people_and_verb())
def test_person_features_with_precomputed_people(case):
    ps, vpos, subjects = case
    ends_before = sorted(q.start for q in ps if q.end <= vpos)
    first = min(q.start for q in ps)
    for p in ps:
        assert person_features(TEXT, p, ps, vpos, vpos + 2, subjects, ends_before=ends_before, first=first) == \
            person_features(TEXT, p, ps, vpos, vpos + 2, subjects)
