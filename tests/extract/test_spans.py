"""Linear-time span helpers (govkg.extract.spans) against the quadratic expressions they replace."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from govkg.extract.spans import Occupied, group_by_span, occurrences, outermost, span_at

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None)
spans = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)).map(lambda x: (x[0], x[0] + x[1])),
                 max_size=25)


@SETTINGS
@given(spans)
def test_outermost(items):
    want = [m for m in items if not any(o is not m and o[0] <= m[0] and m[1] <= o[1]
                                        and o[1] - o[0] > m[1] - m[0] for o in items)]
    assert outermost(items, lambda x: x) == want


@SETTINGS
@given(spans, st.integers(-2, 60), st.integers(-2, 60))
def test_occupied(taken, s, e):
    occ = Occupied(50, taken)
    assert occ.overlaps(s, e) == any(a < e and s < b for a, b in taken)
    assert occ.covers(s) == any(a <= s < b for a, b in taken)


@SETTINGS
@given(st.text("张三李四王五", max_size=40), st.lists(st.text("张三李四王五", min_size=1, max_size=3), max_size=8),
       st.booleans())
def test_occurrences(text, names, many):
    padding = [f"𠀀{i}" for i in range(60)] if many else []  # more than _FEW_NAMES: the one-pass path
    found = occurrences(text, names + padding)
    for n in names:
        assert found[n] == [m.start() for m in re.finditer(re.escape(n), text)]


@SETTINGS
@given(st.lists(st.integers(0, 12), min_size=1, max_size=10), st.lists(st.integers(0, 80), max_size=30))
def test_group_by_span_and_span_at(lengths, positions):
    bounds, pos = [], 0
    for n in lengths:
        bounds.append((pos, pos + n + 1))
        pos += n + 2  # a gap of one between spans
    groups = group_by_span(positions, bounds, lambda p: p)
    for i, (s, e) in enumerate(bounds):
        assert groups.get(i, []) == [p for p in positions if s <= p < e]
    for p in positions:
        assert span_at(bounds, p, (-1, -1)) == next(((s, e) for s, e in bounds if s <= p < e), (-1, -1))


@SETTINGS
@given(spans, st.lists(st.tuples(st.integers(-2, 60), st.integers(-2, 60)), max_size=10))
def test_overlaps(taken, queries):
    from govkg.extract.spans import Overlaps
    ix = Overlaps(taken)
    for s, e in queries:
        assert ix.overlaps(s, e) == any(a < e and s < b for a, b in taken)


@SETTINGS
@given(spans, st.lists(st.tuples(st.sampled_from(["add", "set", "ask"]), st.integers(0, 200),
                                 st.integers(0, 200), st.integers(0, 30)), max_size=30))
def test_span_buckets(start, ops):
    """Spans replaced and added as the meeting merge does, each query against the list as it is."""
    from govkg.extract.spans import SpanBuckets
    sb, model = SpanBuckets(start), list(start)
    for op, i, a, n in ops:
        if op == "add":
            sb.add((a, a + n))
            model.append((a, a + n))
        elif op == "set" and model:
            sb.set(i % len(model), (a, a + n))
            model[i % len(model)] = (a, a + n)
        else:
            assert sb.overlapping(a, a + n) == [k for k, (x, y) in enumerate(model) if x < a + n and a < y]
    assert sb.spans == model
