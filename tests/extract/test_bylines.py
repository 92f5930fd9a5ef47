"""Bylines in linear time (govkg.extract.bylines): the same lines as the backtracking regular
expressions they replace, which stay here as the specification (run on short strings only)."""
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govkg.extract.bylines import default_bylines
from govkg.extract.layout import blocks, byline_role, is_byline

NAME = r"[\u4e00-\u9fff·]{2,4}"
ROLE = byline_role()
BYLINE = rf"{ROLE}[ \t\u3000:：]*{NAME}(?:[ \t\u3000、，,]+{NAME})*"
FULL = re.compile(rf"^[（(]?(?:{BYLINE}[ \t\u3000]*)+[）)]?$")
TAIL = re.compile(rf"(?<=[。！？”’）)])[ \t\u3000]*((?:{BYLINE}[ \t\u3000]*)+"
                  rf"|[（(](?:{ROLE}[ \t\u3000:：]*[\u4e00-\u9fff·][\u4e00-\u9fff· \t\u3000]{{1,15}})+[）)])$")
UNITS = ["记者", "通讯员", "本报记者", "见习记者", "全媒体记者", "记者站", "实习生", "张改华", "李四", "王", "·",
         " ", "\u3000", "、", "，", "：", "（", "）", "(", ")", "。", "！", "”", "会议召开", "本报"]
SETTINGS = settings(max_examples=400, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(st.sampled_from(UNITS), max_size=9).map("".join))
def test_same_lines_as_the_regular_expressions(line):
    b = default_bylines()
    assert b.full(line) == bool(FULL.match(line.strip()))
    m = TAIL.search(line)
    assert b.tail(line) == ((m.start(), m.start(1)) if m else None)


def test_known_bylines():
    assert is_byline("记者 张改华") and is_byline("（记者 方耀星 见习记者 李静静）")
    assert is_byline("通讯员 左学彬 周祎") and not is_byline("记者从会上获悉，全区换届工作进展顺利。")


@pytest.mark.timeout(120)  # a hang guard: with the regular expressions this did not end (bench/ times it)
def test_many_bylines_and_an_exclamation_mark_end():
    """18 bylines and ！ did not finish in 120 s with the regular expressions (one line of 292 bytes)."""
    for unit in ("记者 张改华 ", "记者张改华", "（记者张改华通讯员李四"):
        line = "会议召开。" + unit * 400 + "！"
        assert [b.kind for b in blocks(line)] == ["para"]
        assert not is_byline(line)
    assert is_byline("记者 张改华 " * 40) and is_byline("记者张改华" * 40)
