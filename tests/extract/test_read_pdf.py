"""E-paper PDFs: a two-page issue printed by headless Chromium (tests/extract/epaper.py): every
article in reading order with its headline and date, the jump joined, captions and furniture
out, boxes that give the evidence back; and bad PDFs reported beside good ones."""
import json
import subprocess
import sys

import pytest

from epaper import CHECK, FLOOD, INVEST, ISSUE_TITLES, RURAL, TOWN, issue_pdf
from govkg.extract import pdf_layout
from govkg.extract.pdf_layout import Line


@pytest.fixture(scope="module")
def issue(tmp_path_factory):
    return issue_pdf(tmp_path_factory.mktemp("epaper") / "changxing-20230512.pdf")


@pytest.fixture(scope="module")
def result(issue, extractor):
    return extractor.extract_file(issue)


def govkg(*args):
    return subprocess.run([sys.executable, "-m", "govkg", *map(str, args)], capture_output=True, text=True)


def test_every_article_in_reading_order_with_headline_date_and_page(result):
    arts = result.articles
    assert not result.errors
    assert [a.title for a in arts] == ISSUE_TITLES
    assert arts[0].subtitle == FLOOD.subtitle
    assert {a.date for a in arts} == {"2023-05-12"} and {a.outlet for a in arts} == {"长兴新闻"}
    assert [a.page for a in arts] == ["1", "1", "1", "2", "2"]
    for art, story in zip(arts, (FLOOD, INVEST, CHECK, RURAL, TOWN)):
        body = art.text.replace("\n", "")
        for para in story.paras:  # every paragraph, whole and in order, in its own article
            words = para.replace(" ", "").replace("（下转第二版）", "")
            assert words[:12] in body.replace(" ", "") and words[-8:] in body.replace(" ", ""), (art.title, para)


def test_the_jump_is_joined_and_furniture_and_captions_are_left_out(result):
    flood = result.articles[0]
    assert "下转" not in flood.text and "上接" not in flood.text
    assert "并要进一步加强隐患排查和应急值守" in flood.text.replace("\n", "")
    assert flood.text.endswith("会议还研究了其他事项。")
    every = "\n".join(a.text for a in result.articles)
    for furniture in ("责任编辑", "星期五", "第1版", "图为", "摄", "长兴新闻"):
        assert furniture not in every


def test_the_issue_gives_its_bylines_and_meetings(result):
    got = {(t["subject"], t["predicate"], t["object"]) for t in result.triples}
    assert {("周海燕", "REPORTED", FLOOD.title), ("金立", "REPORTED", FLOOD.title), ("徐静", "REPORTED", INVEST.title),
            ("陆佳", "REPORTED", CHECK.title), ("陆佳", "REPORTED", RURAL.title), ("吴磊", "REPORTED", RURAL.title),
            ("金立", "REPORTED", TOWN.title), ("王建华", "CHAIRED", "县委常委会会议"),
            ("县委常委会会议", "HELD_ON", "2023-05-11"), ("赵敏", "CHAIRED", "乡村振兴工作座谈会"),
            ("陈刚", "CHAIRED", "基层治理工作推进会")} <= got
    assert not any(p == "REPORTED" and s in ("吴敏", "张帆", "李强", "王芳") for s, p, _ in got)


def test_page_and_boxes_give_the_evidence_back(result, issue):
    import pymupdf
    pdf = pymupdf.open(str(issue))
    chars = {}
    for n, page in enumerate(pdf, 1):
        chars[n] = [(c["c"], c["bbox"]) for b in page.get_text("rawdict")["blocks"] for ln in b.get("lines", [])
                    for s in ln["spans"] for c in s["chars"]]
    assert result.triples
    for t in result.triples:  # the characters whose centre lies in the boxes, box by box
        got = "".join(c for p, x0, y0, x1, y1 in t["boxes"] for c, (a, b, cc, d) in chars[p]
                      if x0 <= (a + cc) / 2 <= x1 and y0 <= (b + d) / 2 <= y1)
        assert got == t["evidence"], t
        assert t["page"] == t["boxes"][0][0]
    assert {t["page"] for t in result.triples} == {1, 2}


def test_bad_pdfs_get_one_line_each_and_the_good_files_are_read(issue, tmp_path):
    import pymupdf
    good = tmp_path / "good.pdf"
    good.write_bytes(issue.read_bytes())
    (tmp_path / "corrupt.pdf").write_bytes(issue.read_bytes()[:2000])
    (tmp_path / "notapdf.pdf").write_bytes("县委常委会召开会议".encode("utf-8") * 50)
    with pymupdf.open(str(issue)) as doc:
        doc.save(str(tmp_path / "locked.pdf"), encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret",
                 owner_pw="owner")
    scan = pymupdf.open()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 300, 200), False)
    pix.clear_with(220)
    scan.new_page().insert_image(pymupdf.Rect(50, 50, 550, 400), pixmap=pix)
    scan.save(str(tmp_path / "scan.pdf"))
    with open(tmp_path / "huge.pdf", "wb") as fh:  # 100 MB: a real PDF grown to 100 MB
        fh.write(issue.read_bytes())
        fh.truncate(100 * 1024 * 1024)
    run = govkg("extract", tmp_path)
    assert run.returncode == 2
    errors = run.stderr.strip().splitlines()
    by_file = {name: [e for e in errors if f"{name}:" in e] for name in
               ("corrupt.pdf", "notapdf.pdf", "locked.pdf", "scan.pdf", "huge.pdf")}
    assert all(len(v) == 1 for v in by_file.values()), errors
    assert len(errors) == 5
    assert "encrypted" in by_file["locked.pdf"][0] and "password" in by_file["locked.pdf"][0]
    assert "no text layer" in by_file["scan.pdf"][0] and "OCR" in by_file["scan.pdf"][0]
    assert "100 MB" in by_file["huge.pdf"][0] and "GOVKG_MAX_PDF_MB" in by_file["huge.pdf"][0]
    assert "not a readable PDF" in by_file["corrupt.pdf"][0] or "no text layer" in by_file["corrupt.pdf"][0]
    sources = {json.loads(line)["source"] for line in run.stdout.splitlines()}
    assert sources == {str(good)}


# --------------------------------------------------------------------------- geometry alone

def _line(text, x0, top, width=None, size=10.0, kind="body"):
    width = width if width is not None else size * len(text)
    return Line(text, [(x0 + i * size, top, x0 + (i + 1) * size, top + size) for i in range(len(text))],
                size, (x0, top, x0 + width, top + size * 1.1), kind)


def _column(texts, x0, top, size=10.0):
    return [_line(t, x0, top + i * size * 1.5, size=size) for i, t in enumerate(texts)]


def test_side_by_side_articles_with_headlines_at_one_height_are_read_article_by_article():
    left = [_line("左边标题", 0, 0, size=20)] + _column(["左一", "左二", "左三"], 0, 30)
    right = [_line("右边标题", 200, 0, size=20)] + _column(["右一", "右二"], 200, 30)
    lines = left + right
    body = pdf_layout.classify(lines, [])
    order = [ln.text for leaf in pdf_layout.reading_order(lines, body) for ln in leaf]
    assert order == ["左边标题", "左一", "左二", "左三", "右边标题", "右一", "右二"]


def test_a_four_column_article_over_two_articles_keeps_its_columns_together():
    top = [_line("通栏标题", 0, 0, width=330, size=20)]  # a headline over all four columns
    cols = [_column([f"甲{c}{i}" for i in range(4)], c * 100, 30) for c in range(4)]
    below = [_line("左下标题", 0, 110, size=20)] + _column(["左下一", "左下二"], 0, 140) + \
            [_line("右下标题", 200, 110, size=20)] + _column(["右下一", "右下二"], 200, 140)
    lines = top + [ln for c in cols for ln in c] + below
    body = pdf_layout.classify(lines, [])
    order = [ln.text for leaf in pdf_layout.reading_order(lines, body) for ln in leaf]
    assert order == ["通栏标题"] + [f"甲{c}{i}" for c in range(4) for i in range(4)] + \
        ["左下标题", "左下一", "左下二", "右下标题", "右下一", "右下二"]


def test_a_caption_under_a_picture_and_a_wrapped_headline():
    picture = (0.0, 0.0, 120.0, 80.0)
    lines = [_line("图为演练现场", 0, 84, size=8)] + [_line("一个很长的标题", 0, 100, size=20),
                                                   _line("换了一行", 0, 124, size=20)] + \
        _column(["正文第一行文字", "正文第二行文字", "正文第三行文字"], 0, 160)
    body = pdf_layout.classify(lines, [picture])
    text, boxes, heads, captions = pdf_layout.page_text(pdf_layout.reading_order(lines, body))
    assert captions == ["图为演练现场"] and "图为" not in text
    assert text.split("\n")[heads[0]] == "一个很长的标题换了一行"
    assert len(boxes) == len(text)
