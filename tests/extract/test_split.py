"""Page -> articles on the bundled example page (examples/erqi-2020-11.txt, 6 articles)."""
from pathlib import Path

from govkg.extract.read import read_text_file
from govkg.extract.split import split_document

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "erqi-2020-11.txt"


def test_example_page_has_six_articles_with_titles_and_bylines():
    arts = split_document(read_text_file(EXAMPLE))
    assert len(arts) == 6
    assert arts[0].title == "二七区对“双改”工作进行再部署再安排"
    assert arts[0].subtitle == "统筹兼顾抓落实 提升居民幸福感获得感"
    assert [a.title for a in arts[1:]] == [None] * 5
    assert arts[2].name == "11月19日，二七区委人大工作会议召开。"
    assert arts[1].name.startswith("11月28日，二七区召开村（社区）")
    assert [b for b, _ in arts[2].bylines] == ["记者 张改华", "通讯员 左学彬 周祎"]
    for a in arts:  # byline offsets point into the article text
        for line, off in a.bylines:
            assert a.text[off:off + len(line)] == line


def test_article_ids_are_stable_content_hashes():
    first = [a.id for a in split_document(read_text_file(EXAMPLE))]
    again = [a.id for a in split_document(read_text_file(EXAMPLE))]
    assert first == again and len(set(first)) == 6
    assert all(i.startswith("art-") for i in first)


def test_bylines_under_the_headline_open_their_article():
    from govkg.extract.read import Document
    # the layout of pages that put the byline under the headline (sentences from the example page)
    page = ("二七区委人大工作会议召开\n本报记者 张改华\n会议由区委常委、组织部长王升建主持。\n区委书记陈红民出席会议并讲话。\n\n"
            "二七区委政协工作会议召开\n本报记者 左学彬 通讯员 周祎\n区委书记陈红民肯定了区政协工作开展情况。\n")
    arts = split_document(Document(text=page, source="page.txt"))
    assert [a.title for a in arts] == ["二七区委人大工作会议召开", "二七区委政协工作会议召开"]
    assert [[b for b, _ in a.bylines] for a in arts] == [["本报记者 张改华"], ["本报记者 左学彬 通讯员 周祎"]]
    assert "陈红民出席会议" in arts[0].text and "政协" not in arts[0].text
