"""Offsets into what the user gave: every triple's evidence sliced out of the input, exactly,
as well as out of the article text (the example page, the CCTV corpus read from ../shared
at run time, and JSON Lines titles)."""
import json
from pathlib import Path

import pytest

from govkg.extract.origin import OffsetMap, Segment, align, crop, join

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "erqi-2020-11.txt"


def input_text(t: dict) -> str:
    """The text the input offsets index: a text file read with universal newlines, or the
    ``text``/``title`` of a JSON Lines record."""
    path, _, line = t["source"].partition("#")
    if not line:
        return Path(path).read_text(encoding="utf-8-sig")
    rec = json.loads(Path(path).read_text(encoding="utf-8").splitlines()[int(line) - 1])
    return rec[t.get("input_field", "text")].replace("\r\n", "\n")


def assert_sliced_exactly(triples, texts):
    assert triples
    for t in triples:
        assert texts[t["article_id"]][t["start"]:t["end"]] == t["evidence"], t
        src = input_text(t)
        assert "".join(src[a:b] for a, b in t["input_spans"]) == t["evidence"], t
        assert t["input_spans"][0][0] == t["input_start"] and t["input_spans"][-1][1] == t["input_end"]
        assert src[t["input_start"]:t["input_end"]].replace("\n", "").replace(" ", "") \
            .startswith(t["evidence"][:4].replace(" ", ""))


def test_every_triple_of_the_example_page_slices_out_of_the_file(extractor):
    res = extractor.extract_file(EXAMPLE)
    assert len(res.triples) >= 57
    assert_sliced_exactly(res.triples, {a.id: a.text for a in res.articles})
    # a sentence broken over three lines of the page comes back as its pieces
    t = next(t for t in res.triples if t["evidence"].startswith("区委书记陈红民要求各单位"))
    assert len(t["input_spans"]) >= 3


def test_every_triple_of_the_cctv_corpus_slices_out_of_its_record(extractor, tmp_path):
    from govkg.corpus import iter_items, materialize, shared_dir
    assert (shared_dir() / "xwlb-cctv").is_dir(), f"{shared_dir()}: the shared CCTV texts are needed (../shared)"
    n = materialize(iter_items([ROOT / "corpus" / "xwlb-cctv"]), tmp_path)
    assert n >= 50
    total = 0
    for f in sorted(tmp_path.glob("*.jsonl")):
        if f.name.endswith(".gold.jsonl"):
            continue
        res = extractor.extract_file(f)
        assert not res.errors
        assert_sliced_exactly(res.triples, {a.id: a.text for a in res.articles})
        total += len(res.triples)
    assert total > 700


def test_a_headline_triple_points_into_the_record_title(extractor, tmp_path):
    p = tmp_path / "news.jsonl"
    p.write_text(json.dumps({"title": "区委召开“双改”工作推进会", "date": "2020-11-18",
                             "text": "11月18日，二七区召开“双改”工作推进会。区委书记陈红民主持会议并讲话。"},
                            ensure_ascii=False) + "\n", encoding="utf-8")
    res = extractor.extract_file(p)
    fields = {t.get("input_field") for t in res.triples}
    assert fields <= {"text", "title"} and "text" in fields
    assert_sliced_exactly(res.triples, {a.id: a.text for a in res.articles})


def test_offset_maps_compose_crop_and_join():
    # "ab" "cd" from a source "xab  cd" (layout deleted the gap)
    m, end = align("abcd", "xab  cd", 1)
    assert m.pieces(0, 4) == [("", 1, 3), ("", 5, 7)] and end == 7
    outer = OffsetMap([Segment(0, 3, "p2", 10, 13), Segment(3, 7, "p2", 20, 24)])
    assert m.then(outer).pieces(0, 4) == [("p2", 11, 13), ("p2", 22, 24)]
    assert crop(m, 1, 3).pieces(0, 2) == [("", 2, 3), ("", 5, 6)]
    joined = join([(0, crop(m, 0, 2)), (3, crop(m, 2, 4))])
    assert joined.pieces(0, 5) == [("", 1, 3), ("", 5, 7)]
    entity = OffsetMap([Segment(0, 1, "", 5, 12)])  # “ written as &ldquo;
    assert entity.pieces(0, 1) == [("", 5, 12)]


def test_align_refuses_text_that_is_not_the_source():
    from govkg.extract.origin import AlignmentError
    with pytest.raises(AlignmentError):
        align("abc", "axc", 0)
