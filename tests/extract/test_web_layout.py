"""Web pages copied as text: one paragraph a line, short navigation and source lines between
(pages written for the test; the officials and sites are invented)."""
from pathlib import Path

from govkg.extract.layout import blocks, is_meta_line, wrap_width
from govkg.extract.read import Document
from govkg.extract.split import split_document
from govkg.extract.visits import is_destination

BODY = ("5月12日上午，青河区委书记周明远带队深入青河街道滨江社区、青河经济开发区，实地调研城市更新和产业项目建设情况，"
        "听取有关情况汇报，并就下一步工作提出要求。区委常委、组织部长林晓燕参加调研。")
PAGE = ("首页 >> 新闻中心 >> 青河要闻\n"
        "周明远调研城市更新和产业项目建设\n"
        "来源：青河融媒 | 作者：陈雨桐 郭立 | 日期：2024-05-13\n"
        "\n"
        f"{BODY}\n"
        "周明远强调，要坚持项目为王，扎实推进城市更新，不断提升群众获得感。各相关部门要压实责任，加快项目进度，"
        "确保年度目标任务如期完成，为全区高质量发展提供有力支撑。\n")


def test_short_lines_of_a_wide_page_are_not_glued_to_the_next():
    got = [b.text for b in blocks(PAGE)]
    assert "首页>>新闻中心>>青河要闻" in got or "首页 >> 新闻中心 >> 青河要闻" in got
    assert not any(t.startswith("首页") and "周明远" in t for t in got)


def test_a_source_line_opens_the_article_under_its_headline():
    kinds = [(b.kind, b.text[:8]) for b in blocks(PAGE)]
    assert ("headline", "周明远调研城市更") in kinds
    assert any(k == "byline" and t.startswith("来源") for k, t in kinds)
    arts = split_document(Document(text=PAGE, source="page.txt"))
    main = next(a for a in arts if "滨江社区" in a.text)
    assert main.title == "周明远调研城市更新和产业项目建设"


def test_a_source_line_is_a_block_of_its_own():
    """The names on it are not read as the subject of the next sentence."""
    assert not any("作者" in b.text and "调研" in b.text for b in blocks(PAGE))


def test_the_authors_of_a_source_line_reported_the_article(extractor, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    got = {(t["subject"], t["object"]) for t in extractor.extract_file(Path(page)).triples
           if t["predicate"] == "REPORTED"}
    assert got == {("陈雨桐", "周明远调研城市更新和产业项目建设"), ("郭立", "周明远调研城市更新和产业项目建设")}


def test_a_date_cut_across_lines_of_a_wide_page_is_joined():
    page = "2月\n" + "6日 " + BODY + "\n" + "8日 " + BODY + "\n"
    assert blocks(page)[0].text.startswith("2月6日")


def test_meta_lines():
    assert is_meta_line("来源：青河融媒 | 作者：陈雨桐 郭立 | 日期：2024-05-13")
    assert is_meta_line("作者：陈雨桐")
    assert not is_meta_line("会议时间：下午三点")
    assert wrap_width(["一" * 10] + ["一" * 100] * 9 + [""]) == 100


def test_a_district_or_city_is_a_destination_not_a_site():
    assert is_destination("青河区") and is_destination("云州市青河区") and is_destination("平山县")
    assert not is_destination("青河经济开发区") and not is_destination("滨江社区") and not is_destination("老街历史文化街区")
