"""Whole newspaper pages: furniture, the page's date, bylines ending a line, jump lines.
Every page here is written for the tests (a county paper's page, 长兴, May 2023)."""
from govkg.extract.page import furniture_kind, join_continuations, page_date, page_label
from govkg.extract.read import Document
from govkg.extract.split import split_document
from pages import CHANGXING

TITLES = ["县委常委会召开会议研究部署防汛工作", "全县招商引资推进会召开", "县领导检查防汛备汛工作", "长兴召开乡村振兴工作座谈会"]


def test_the_realistic_page_splits_into_its_four_articles_with_the_page_date():
    arts = split_document(Document(text=CHANGXING, source="changxing.txt"))
    assert [a.title for a in arts] == TITLES
    assert {a.date for a in arts} == {"2023-05-12"}
    assert {a.outlet for a in arts} == {"长兴新闻"}
    assert [[b for b, _ in a.bylines] for a in arts] == [[], ["本报记者 徐 静"], ["记者 陆佳"], []]
    text = "\n".join(a.text for a in arts)
    for furniture in ("长兴新闻", "责任编辑", "星期五", "图为", "摄"):
        assert furniture not in text
    assert arts[1].text.endswith("提质增效。") and "县领导" not in arts[1].text


def test_the_realistic_page_gives_its_triples_and_no_masthead_junk(extractor):
    arts = split_document(Document(text=CHANGXING, source="changxing.txt"))
    triples = {(t["subject"], t["predicate"], t["object"]) for t in extractor.extract_articles(arts)}
    assert {("周海燕", "REPORTED", TITLES[0]), ("金立", "REPORTED", TITLES[0]), ("徐静", "REPORTED", TITLES[1]),
            ("陆佳", "REPORTED", TITLES[2]), ("王建华", "CHAIRED", "县委常委会会议"),
            ("县委常委会会议", "HELD_ON", "2023-05-11"), ("赵敏", "CHAIRED", "乡村振兴工作座谈会"),
            ("乡村振兴工作座谈会", "HELD_ON", "2023-05-09")} <= triples
    assert not any("吴敏" in s or "长兴新闻" in s or "吴敏" in o for s, _, o in triples)
    assert not any(p == "REPORTED" and s in ("吴敏", "张帆") for s, p, _ in triples)


def test_furniture_lines():
    assert furniture_kind("责任编辑：吴敏  版式：张帆  校对：李强") == "credit-line"
    assert furniture_kind("本版编辑 王芳") == "credit-line"
    assert furniture_kind("2023年5月12日 星期五 农历癸卯年三月廿三 第1版 要闻") == "date"
    assert furniture_kind("长兴新闻 2023年5月12日 星期五 第2版 综合") == "date"
    assert furniture_kind("A2 要闻") == "edition"
    assert furniture_kind("▲ 防汛应急演练现场。") == "caption"
    assert furniture_kind("记者 陆佳 摄") == "caption"
    for body in ("县委常委会召开会议研究部署防汛工作", "统筹兼顾抓落实 提升居民幸福感获得感", "记者 陆佳",
                 "5月11日，县委书记王建华主持召开县委常委会会议。", "主编寄语", "本报记者 徐 静"):
        assert furniture_kind(body) is None, body
    assert page_date(["二〇二三年五月十二日 星期五"]) == "2023-05-12"
    assert page_label("第十二版") == "12" and page_label("A3") == "A3"


def test_a_page_date_feeds_lead_dates_and_the_year(extractor):
    arts = split_document(Document(text=CHANGXING, source="changxing.txt"))
    triples = {(t["subject"], t["predicate"], t["object"]) for t in extractor.extract_articles(arts)}
    assert ("全县招商引资推进会", "HELD_ON", "2023-05-10") in triples  # 5月10日 with the page's year


JUMP_PAGES = ("长兴新闻 2023年5月12日 星期五 第1版 要闻\n\n"
              "县委常委会召开会议研究部署防汛工作\n"
              "本报讯 5月11日，县委书记王建华主持召开县委常委会会议。会议要求，各乡镇要修订完善防汛应急预案，并要进一步\n"
              "（下转第二版）\n"
              "全县招商引资推进会召开\n"
              "本报讯 5月10日，全县招商引资推进会召开。县长李明出席会议并讲话。\n"
              "\f长兴新闻 2023年5月12日 星期五 第2版 综合\n\n"
              "长兴召开乡村振兴工作座谈会\n"
              "本报讯 5月9日，长兴召开乡村振兴工作座谈会。副县长赵敏主持会议。\n"
              "县委常委会召开会议研究部署防汛工作\n"
              "（上接第一版）加强隐患排查和应急值守。县委副书记、县长李明出席会议并讲话。\n")


def test_jump_lines_are_removed_and_the_continuation_joined_across_pages():
    parts = split_document(Document(text=JUMP_PAGES, source="issue.txt"))
    assert [(a.title, a.page, a.jump_to, a.jump_from) for a in parts] == [
        (TITLES[0], "1", "2", None), ("全县招商引资推进会召开", "1", None, None),
        ("长兴召开乡村振兴工作座谈会", "2", None, None), (TITLES[0], "2", None, "1")]
    arts = join_continuations(parts)
    assert [a.title for a in arts] == [TITLES[0], "全县招商引资推进会召开", "长兴召开乡村振兴工作座谈会"]
    flood = arts[0]
    assert "转第" not in flood.text and "上接" not in flood.text
    assert "并要进一步加强隐患排查和应急值守。" in flood.text  # the cut sentence runs on
    assert flood.text.count(TITLES[0]) == 1
    # the joined text still maps back to the input, across the page break
    start = flood.text.index("并要进一步")
    fields = flood.input_fields(start, start + len("并要进一步加强隐患"))
    assert "".join(JUMP_PAGES[a:b] for a, b in fields["input_spans"]) == "并要进一步加强隐患"


def test_the_joined_article_gives_triples_from_both_pages(extractor):
    from pathlib import Path
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "issue.txt"
        p.write_text(JUMP_PAGES, encoding="utf-8")
        res = extractor.extract_file(p)
    flood = [t for t in res.triples if t["object"] == "县委常委会会议"]
    assert {(t["subject"], t["predicate"]) for t in flood} >= {("王建华", "CHAIRED"), ("李明", "ATTENDED")}
    assert len({t["article_id"] for t in flood}) == 1


#: the text of an e-paper web page (数字报) as a browser copies it: edition with its section and
#: "PDF版", picture placeholders, a reporter line with /文 and a photographer line with /图, and
#: the site's trailer (date, numbers, paper, file name)
EPAPER_COPY = """2023年05月12日
第02版:长兴新闻 PDF版

全县招商引资推进会召开

图一

□ 记者 徐静 吴磊/文

张帆 王 芳/图

5月10日,全县招商引资推进会召开。县委副书记、县长李明出席会议并讲话。

2023-05-12 1 1 长兴新闻 content_1001.html 1
"""


def test_an_epaper_web_page_copied_as_text():
    arts = split_document(Document(text=EPAPER_COPY, source="page.txt"))
    assert [(a.title, a.date, a.page, a.outlet) for a in arts] == [
        ("全县招商引资推进会召开", "2023-05-12", "2", "长兴新闻")]
    assert [b for b, _ in arts[0].bylines] == ["□ 记者 徐静 吴磊/文"]
    for furniture in ("PDF版", "图一", "张帆", "content_1001", "2023-05-12"):
        assert furniture not in arts[0].text


def test_reporters_with_a_slash_and_not_the_photographers(extractor):
    arts = split_document(Document(text=EPAPER_COPY, source="page.txt"))
    reported = {t["subject"] for t in extractor.extract_articles(arts) if t["predicate"] == "REPORTED"}
    assert reported == {"徐静", "吴磊"}
