"""Bylines in every common form give every name (sentences written for the tests)."""
import pytest

from govkg.extract.byline_names import byline_people
from govkg.extract.read import Document
from govkg.extract.split import split_document

HEAD = "县委常委会召开会议研究部署防汛工作"
BODY = "5月11日，县委书记王建华主持召开县委常委会会议，研究部署全县防汛工作。"


@pytest.mark.parametrize("page,names", [
    # reporter and correspondent in a bracket after the dateline, spaced or run together
    (f"{HEAD}\n本报讯（记者 周海燕 通讯员 金立）{BODY}\n", {"周海燕", "金立"}),
    (f"{HEAD}\n本报讯（记者周海燕 通讯员金立）{BODY}\n", {"周海燕", "金立"}),
    (f"{HEAD}\n本报讯（记者 周海燕 李 明 通讯员 金立 吴磊）{BODY}\n", {"周海燕", "李明", "金立", "吴磊"}),
    # a two-character name spaced to the width of three, under the headline
    (f"{HEAD}\n本报记者 徐 静\n{BODY}\n", {"徐静"}),
    (f"{HEAD}\n本报记者 徐 静 通讯员 金立\n{BODY}\n", {"徐静", "金立"}),
    # a byline ending the last line of the body, and the next article's headline after it
    (f"{HEAD}\n{BODY[:-1]}，确保全县安全度汛。 记者 陆佳\n全县招商引资推进会召开\n5月10日，全县招商引资推进会召开。\n",
     {"陆佳"}),
    (f"{HEAD}\n{BODY[:-1]}，确保全县安全度汛。 记者 陆 佳 通讯员 金立\n", {"陆佳", "金立"}),
])
def test_every_byline_form_gives_every_name(extractor, page, names):
    arts = split_document(Document(text=page, source="page.txt"))
    reported = {(t["subject"], t["object"]) for t in extractor.extract_articles(arts) if t["predicate"] == "REPORTED"}
    assert reported == {(n, HEAD) for n in names}
    assert arts[0].title == HEAD and HEAD not in arts[0].text[arts[0].body_start:]


def test_the_byline_at_a_line_end_stays_with_its_article():
    page = f"{HEAD}\n{BODY[:-1]}，确保全县安全度汛。 记者 陆佳\n全县招商引资推进会召开\n5月10日，全县招商引资推进会召开。\n"
    arts = split_document(Document(text=page, source="page.txt"))
    assert [a.title for a in arts] == [HEAD, "全县招商引资推进会召开"]
    assert [[b for b, _ in a.bylines] for a in arts] == [["记者 陆佳"], []]


def test_byline_people_reads_roles_and_names():
    names = lambda s: [s] if 2 <= len(s) <= 3 else []  # noqa: E731
    assert byline_people("（记者 周海燕 通讯员 金立）", names) == [("记者", "周海燕"), ("通讯员", "金立")]
    assert byline_people("记者周海燕通讯员金立", names) == [("记者", "周海燕"), ("通讯员", "金立")]
    assert byline_people("全媒体记者 王芳", names) == [("全媒体记者", "王芳")]
    assert byline_people("本报记者 徐 静", names) == [("本报记者", "徐静")]
