"""Saved web pages: the same triples as the article's text, the page's metadata, offsets into
the HTML source, and pages without an article refused (pages written for the tests)."""
import html
import json
import re
import subprocess
import sys

import pytest

from govkg.extract.read_html import read_html

TITLE = "县委常委会召开会议研究部署防汛工作"
PARAS = ["本报讯（记者 周海燕 通讯员 金立）5月11日，县委书记王建华主持召开县委常委会会议，传达学习省委有关会议精神，"
         "研究部署全县“防汛备汛”工作。",
         "会议强调，要压紧压实防汛责任，加强隐患排查，确保全县安全度汛。县委副书记、县长李明出席会议并讲话。",
         "5月10日，县委副书记孙伟带队检查防汛备汛工作，先后察看了合溪水库、西苕溪堤防。",
         "记者 陆佳"]


def news_page(paras=PARAS, charset="utf-8") -> str:
    body = "\n".join(f"<p>{html.escape(p).replace('“', '&ldquo;').replace('”', '&rdquo;')}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}">
<title>{TITLE}_长兴新闻网</title>
<meta property="og:title" content="{TITLE}">
<meta property="og:url" content="http://www.cx.example.cn/news/2023/0512/1.html">
<meta property="og:site_name" content="长兴新闻网">
<meta name="publishdate" content="2023-05-12">
<script>var s = "县委书记张三主持召开会议";</script>
<style>.nav {{ color: red }}</style>
</head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/yw">要闻</a> &gt; <a href="/ms">民生</a></div>
<div class="article"><h1>{TITLE}</h1>
<div class="info">来源：长兴新闻网&nbsp;&nbsp;发布时间：2023-05-12 09:30</div>
<div class="content">
{body}
</div><div class="editor">责任编辑：吴敏</div></div>
<div class="footer">版权所有 长兴县融媒体中心 联系电话：0572-0000000</div>
</body></html>
"""


def triples(lines):
    return {(t["subject"], t["predicate"], t["object"]) for t in lines}


def govkg(*args):
    return subprocess.run([sys.executable, "-m", "govkg", *map(str, args)], capture_output=True, text=True)


def test_the_page_metadata_and_body(tmp_path):
    p = tmp_path / "news.html"
    p.write_text(news_page(), encoding="utf-8")
    docs, errors = read_html(p)
    assert not errors and len(docs) == 1
    d = docs[0]
    assert (d.title, d.date, d.url, d.meta["source"]) == (
        TITLE, "2023-05-12", "http://www.cx.example.cn/news/2023/0512/1.html", "长兴新闻网")
    assert d.kind == "article" and "首页" not in d.text and "张三" not in d.text and "版权所有" not in d.text
    for para in PARAS:
        assert para in d.text


def test_a_saved_page_gives_the_same_triples_as_its_text(extractor, tmp_path):
    page = tmp_path / "news.html"
    page.write_text(news_page(), encoding="utf-8")
    record = tmp_path / "news.jsonl"
    record.write_text(json.dumps({"title": TITLE, "date": "2023-05-12", "text": "\n".join(PARAS)},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    from_page, from_text = extractor.extract_file(page), extractor.extract_file(record)
    assert not from_page.errors and not from_text.errors
    assert triples(from_page.triples) == triples(from_text.triples)
    assert {("周海燕", "REPORTED", TITLE), ("金立", "REPORTED", TITLE), ("陆佳", "REPORTED", TITLE),
            ("王建华", "CHAIRED", "县委常委会会议")} <= triples(from_page.triples)


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_offsets_point_into_the_html_source(extractor, tmp_path, charset):
    p = tmp_path / "news.html"
    p.write_bytes(news_page(charset=charset).encode(charset))
    source = p.read_bytes().decode("gb18030" if charset == "gbk" else charset)
    res = extractor.extract_file(p)
    assert res.triples
    for t in res.triples:
        pieces = "".join(source[a:b] for a, b in t["input_spans"])
        assert re.sub(r"\s", " ", html.unescape(pieces)) == t["evidence"], t
        assert t["input_start"] < t["input_end"] <= len(source)
    quoted = next(t for t in res.triples if "“防汛备汛”" in t["evidence"])
    assert "&ldquo;" in "".join(source[a:b] for a, b in quoted["input_spans"])


def test_a_page_without_an_article_and_a_broken_one_get_one_line_each(tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"><title>长兴新闻网</title></head><body>'
        '<div class="nav"><a href="/">首页</a> <a href="/a">要闻</a> <a href="/b">民生</a></div><ul>'
        '<li><a href="/1">县委常委会召开会议研究部署防汛工作</a></li><li><a href="/2">全县招商引资推进会召开</a></li>'
        '</ul></body></html>', encoding="utf-8")
    (tmp_path / "empty.htm").write_text("<html><body></body></html>", encoding="utf-8")
    (tmp_path / "news.html").write_text(news_page(), encoding="utf-8")
    run = govkg("extract", tmp_path)
    assert run.returncode == 2
    errors = run.stderr.strip().splitlines()
    assert len(errors) == 2 and all("no Chinese news article" in e for e in errors)
    assert any("index.html" in e for e in errors) and any("empty.htm" in e for e in errors)
    assert {json.loads(l)["source"] for l in run.stdout.splitlines()} == {str(tmp_path / "news.html")}


def test_a_saved_page_folder_is_read_without_its_assets(tmp_path):
    (tmp_path / "news.html").write_text(news_page(), encoding="utf-8")
    (tmp_path / "news_files").mkdir()
    (tmp_path / "news_files" / "ad.html").write_text("<html><body>广告</body></html>", encoding="utf-8")
    (tmp_path / "news_files" / "app.js").write_text("var a = 1;", encoding="utf-8")
    (tmp_path / "README.md").write_text("# 长兴新闻网的存档页面\n下载于2023年。", encoding="utf-8")
    run = govkg("extract", tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().count("\n") == 0 and "note:" in run.stderr
    assert "README.md" in run.stderr and "2 file(s) in the NAME_files folders" in run.stderr
    assert {json.loads(l)["source"] for l in run.stdout.splitlines()} == {str(tmp_path / "news.html")}
