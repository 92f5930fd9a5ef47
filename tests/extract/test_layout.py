"""Undoing OCR layout, on lines of the example page (examples/erqi-2020-11.txt) and one byline written for the test."""
import pytest

from govkg.extract.layout import blocks, is_byline, squeeze


@pytest.mark.parametrize("raw,joined", [
    ("本报讯 11月18日、25日，二\n\n七区分别召开老旧小区改造工作调\n研推进会。", "本报讯11月18日、25日，二七区分别召开老旧小区改造工作调研推进会。"),
    ("陈红民带队到淮\n河路街道勤劳街 3号院、五里堡\n街道瑞光片区。", "陈红民带队到淮河路街道勤劳街3号院、五里堡街道瑞光片区。"),
    ("本报讯 11月 28日，二七区\n召开村（社区）“两委”换届工作推\n进会。", "本报讯11月28日，二七区召开村（社区）“两委”换届工作推进会。"),
])
def test_lines_broken_inside_a_sentence_are_joined(raw, joined):
    assert [b.text for b in blocks(raw)] == [joined]


def test_sentence_end_keeps_the_paragraph_break():
    raw = "区委书记陈红民出席会议并讲话。\n陈红民对近年来全区人大\n工作取得的成绩给予肯定。"
    assert [b.text for b in blocks(raw)] == ["区委书记陈红民出席会议并讲话。", "陈红民对近年来全区人大工作取得的成绩给予肯定。"]


def test_headlines_and_bylines_are_kept_apart():
    raw = (" 二七区对“双改”工作进行再部署再安排\n\n统筹兼顾抓落实 提升居民幸福感获得感\n"
           "本报讯 11月18日，二\n\n七区召开推进会。记者 张改华\n\n本报讯 11月 19日，会议召开。\n记者 张改华\n通讯员 左学彬 周祎\n")
    got = [(b.kind, b.text) for b in blocks(raw)]
    assert got == [
        ("headline", "二七区对“双改”工作进行再部署再安排"),
        ("headline", "统筹兼顾抓落实 提升居民幸福感获得感"),
        ("dateline", "本报讯11月18日，二七区召开推进会。"),
        ("byline", "记者 张改华"),
        ("dateline", "本报讯11月19日，会议召开。"),
        ("byline", "记者 张改华"),
        ("byline", "通讯员 左学彬 周祎"),
    ]


@pytest.mark.parametrize("line,expected", [
    ("记者 张改华", True), ("通讯员 左学彬 周祎", True), ("（记者 杜文静 通讯员彭永刚）", True),
    ("记者从会上获悉，全区换届工作进展顺利。", False), ("区委书记陈红民出席", False),
])
def test_byline_lines(line, expected):
    assert is_byline(line) is expected


def test_squeeze_keeps_latin_spaces():
    assert squeeze("勤劳街 3号院") == "勤劳街3号院"
    assert squeeze("“互联网 +”和 AI 新模式") == "“互联网+”和AI新模式"
