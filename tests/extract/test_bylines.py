"""Bylines in linear time (govkg.extract.bylines): the same lines as the backtracking regular
expressions they replace, which stay here as the specification (run on short strings only)."""
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govkg.extract.bylines import default_bylines
from govkg.extract.layout import blocks, byline_role, is_byline

NAME = r"[\u4e00-\u9fff·]{2,4}"
#: a byline's name: also a two-character name spaced to the width of three (``徐 静``)
BYLINE_NAME = rf"(?:{NAME}|[\u4e00-\u9fff][ \t\u3000][\u4e00-\u9fff](?![\u4e00-\u9fff]))"
ROLE = byline_role()
BYLINE = rf"{ROLE}[ \t\u3000:：]*{BYLINE_NAME}(?:[ \t\u3000、，,]+{BYLINE_NAME})*"
FULL = re.compile(rf"^[□■◆●]?[ \t\u3000]*[（(]?(?:{BYLINE}[ \t\u3000]*)+[）)]?(?:/[文图]{{1,2}})?$")
TAIL = re.compile(rf"(?<=[。！？”’）)])[ \t\u3000]*((?:{BYLINE}[ \t\u3000]*)+"
                  rf"|[（(](?:{ROLE}[ \t\u3000:：]*[\u4e00-\u9fff·][\u4e00-\u9fff· \t\u3000]{{1,15}})+[）)])$")
UNITS = ["记者", "通讯员", "本报记者", "见习记者", "全媒体记者", "记者站", "实习生", "张改华", "李四", "王", "·",
         " ", "\u3000", "、", "，", "：", "（", "）", "(", ")", "。", "！", "”", "会议召开", "本报"]
#: the forms main's layout added: a mark, a closing /文 or /图, two-character names spaced (徐 静)
NEW_UNITS = ["记者", "本报记者", "通讯员", "徐", "静", "王", "张改华", " ", "\t", "\u3000", "、", "（", "）", "。",
             "□", "■", "◆", "●", "/", "/文", "/图", "文", "图", "·"]
SETTINGS = settings(max_examples=400, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(st.sampled_from(UNITS), max_size=9).map("".join))
def test_same_lines_as_the_regular_expressions(line):
    b = default_bylines()
    assert b.full(line) == bool(FULL.match(line.strip()))
    m = TAIL.search(line)
    assert b.tail(line) == ((m.start(), m.start(1)) if m else None)


@SETTINGS
@given(st.lists(st.sampled_from(NEW_UNITS), max_size=10).map("".join))
def test_same_lines_as_the_regular_expressions_in_the_added_forms(line):
    b = default_bylines()
    assert b.full(line) == bool(FULL.match(line.strip()))
    m = TAIL.search(line)
    assert b.tail(line) == ((m.start(), m.start(1)) if m else None)


def test_known_bylines():
    assert is_byline("记者 张改华") and is_byline("（记者 方耀星 见习记者 李静静）")
    assert is_byline("通讯员 左学彬 周祎") and not is_byline("记者从会上获悉，全区换届工作进展顺利。")
    assert is_byline("本报记者 徐 静") and is_byline("本报记者 徐 静 通讯员 金立")
    assert is_byline("□ 记者 杜少华 田亚楠/文") and is_byline("■记者 王芳/图") and not is_byline("记者 王芳/文 图")
    assert default_bylines().tail("确保全县安全度汛。 记者 陆 佳 通讯员 金立") == (9, 10)


@pytest.mark.timeout(120)  # a hang guard: with the regular expressions this did not end (bench/ times it)
def test_many_bylines_and_an_exclamation_mark_end():
    """18 bylines and ！ did not finish in 120 s with the regular expressions (one line of 292 bytes)."""
    for unit in ("记者 张改华 ", "记者张改华", "（记者张改华通讯员李四"):
        line = "会议召开。" + unit * 400 + "！"
        assert [b.kind for b in blocks(line)] == ["para"]
        assert not is_byline(line)
    assert is_byline("记者 张改华 " * 40) and is_byline("记者张改华" * 40)
    for unit in ("记者 徐 静 ", "□记者 徐 静/文", "记者 徐 静、王 芳"):
        line = "会议召开。" + unit * 400 + "！"
        assert [b.kind for b in blocks(line)] == ["para"] and not is_byline(line)
