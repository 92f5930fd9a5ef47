"""Reading input: encodings, bad files, JSON Lines (sentences from the example page and written for the test)."""
import json

import pytest

from govkg.errors import InputError
from govkg.extract.read import decode_bytes, iter_input_files, read_jsonl_file, read_path

# from the example page (examples/erqi-2020-11.txt) and, in traditional characters, one written for the test
SIMPLIFIED = "本报讯 11月28日，二七区召开村（社区）“两委”换届工作推进会。会议由区委副书记时博主持。"
TRADITIONAL = "本報訊 十一月二十八日，臺北市政府召開防疫工作會議，會議由市長主持。"


@pytest.mark.parametrize("text,encoding", [
    (SIMPLIFIED, "utf-8"), (SIMPLIFIED, "gb18030"), (SIMPLIFIED, "gbk"), (SIMPLIFIED, "utf-16"),
    (TRADITIONAL, "big5"), (TRADITIONAL, "utf-8-sig"),
])
def test_decodes_chinese_encodings(text, encoding):
    assert decode_bytes(text.encode(encoding)).strip() == text


@pytest.mark.parametrize("data,message", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (bytes(range(256)) * 8, "binary"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
    ("The county held a meeting on road repairs today.".encode(), "no Chinese text"),
])
def test_bad_bytes_say_what_is_wrong(data, message):
    with pytest.raises(InputError, match=message):
        decode_bytes(data, name="page.txt")


def test_jsonl_bad_line_keeps_the_good_ones(tmp_path):
    p = tmp_path / "news.jsonl"
    good = {"title": "二七区委人大工作会议召开", "date": "2020-11-19", "text": "11月19日，二七区委人大工作会议召开。"}
    p.write_text(json.dumps(good, ensure_ascii=False) + "\n{not json\n" + json.dumps({"text": 5}) + "\n",
                 encoding="utf-8")
    docs, errors = read_jsonl_file(p)
    assert [d.title for d in docs] == ["二七区委人大工作会议召开"]
    assert docs[0].date == "2020-11-19" and docs[0].kind == "article"
    assert len(errors) == 2
    assert f"{p}:2" in str(errors[0]) and "not valid JSON" in str(errors[0])
    assert f"{p}:3" in str(errors[1])


def test_jsonl_dates_in_compact_form(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text(json.dumps({"title": "标题", "date": "20220412", "text": "省委书记主持召开会议。"},
                            ensure_ascii=False), encoding="utf-8")
    docs, _ = read_jsonl_file(p)
    assert docs[0].date == "2022-04-12"


def test_folders_and_missing_paths(tmp_path):
    (tmp_path / "a.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes(SIMPLIFIED.encode("gbk"))
    (tmp_path / "sub" / "b.gold.jsonl").write_text("{}", encoding="utf-8")
    found = list(iter_input_files([tmp_path, tmp_path / "nope.txt"]))
    assert [p.name for p, e in found if e is None] == ["a.txt", "b.txt"]
    missing = [e for p, e in found if e is not None]
    assert len(missing) == 1 and "no such file" in str(missing[0])
    docs, errors = read_path(tmp_path / "sub" / "b.txt")
    assert docs[0].text == SIMPLIFIED and not errors
