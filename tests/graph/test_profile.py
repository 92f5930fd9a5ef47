"""govkg person: an official's profile from the resolved graph, as text and as a page.

The example page (``examples/erqi-2020-11.txt``, the README's bundled example) is extracted for
real; the namesakes are the corpus written for ``test_identity``; hostile names are written here.
"""
from __future__ import annotations

import json
import re

import pytest

from analysis_fixtures import *  # noqa: F401,F403  (fixtures)
from analysis_fixtures import write_triples_snapshot
from test_identity import corpus

from govkg.cli import main
from govkg.errors import AmbiguousPerson, PersonNotFound
from govkg.graph.export import export
from govkg.graph.profile import person_profile
from govkg.graph.profile_render import profile_pages, render_html
from govkg.graph.store import build_snapshot, read_snapshot
from govkg.graph.views import typed_graph

HOSTILE = "王</script><script>alert(1)</script>"
HOSTILE_MEETING = "<img src=x onerror=alert(2)>推进会"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def chen(example_resolved):
    return person_profile(example_resolved, "陈红民")["people"][0]


def test_chen_hongmin_posts_meetings_places_with_evidence(chen, example_resolved):
    arts = {a["id"] for a in example_resolved.articles}
    post = next(q for q in chen["posts"] if q["post"] == "中共郑州市二七区委书记")
    assert post["wordings"] == ["区委书记"] and post["first_seen"] == "2020-11-18"
    assert post["last_seen"] == "2020-11-28" and len(post["articles"]) >= 3
    spoke = {m["event"]: m for m in chen["meetings"]["SPOKE_AT"]}
    assert spoke["二七区委人大工作会议"]["date"] == "2020-11-19"
    assert spoke["村（社区）“两委”换届工作推进会"]["date"] == "2020-11-28"
    places = {m["event"]: m["date"] for m in chen["places"]}
    assert places["淮河路街道勤劳街3号院"] == "2020-11-18" and places["陇海路"] == "2020-11-25"
    assert {"时博", "王升建"} <= {c["name"] for c in chen["co_participants"]}
    lines = chen["posts"] + [m for ms in chen["meetings"].values() for m in ms] + chen["places"]
    for line in lines:   # every line has its evidence: a sentence naming him, from a known article
        assert line["evidence"] and all(e["article"] in arts and e["sentence"] for e in line["evidence"])
        assert any("陈红民" in e["sentence"] for e in line["evidence"]) or line in chen["meetings"]["SPOKE_AT"]


def test_cli_person_text(capsys, example_snapshot_dir, chen):
    code, out, err = run(capsys, "person", "陈红民", "--snapshot", example_snapshot_dir)
    assert code == 0, err
    assert "中共郑州市二七区委书记" in out and "as written: 区委书记" in out
    assert "2020-11-18 – 2020-11-28" in out
    for section in ("Posts", "chaired", "spoke at", "attended", "Places inspected", "Co-participants"):
        assert section in out
    assert "11月25日，陈红民带队深入陇海路沿线" in out and "art-" in out
    code, out, err = run(capsys, "person", "陈红民", "--snapshot", example_snapshot_dir, "--format", "json")
    assert code == 0 and json.loads(out)["people"][0]["id"] == chen["id"]


@pytest.fixture(scope="module")
def namesakes(tmp_path_factory):
    out = tmp_path_factory.mktemp("namesakes") / "snap"
    build_snapshot(corpus(), out)
    return out


def test_ambiguous_name_lists_the_people_in_one_line(capsys, namesakes):
    code, out, err = run(capsys, "person", "王伟", "--snapshot", namesakes)
    assert code == AmbiguousPerson.exit_code != 0 and out == ""
    assert err.count("\n") == 1 and err.startswith("govkg: 王伟 is 2 people: ")
    assert "安吉县" in err and "长兴县" in err and "--locality" in err
    code, out, err = run(capsys, "person", "王伟", "--snapshot", namesakes, "--locality", "长兴县")
    assert code == 0 and "湖州市长兴县人民政府县长" in out and "安吉县委书记" not in out
    pid = next(n["id"] for n in read_snapshot(namesakes, resolved=True).nodes
               if n["name"] == "王伟" and "湖州市长兴县" in (n.get("jurisdictions") or []))
    code, out, err = run(capsys, "person", pid, "--snapshot", namesakes)
    assert code == 0 and "长兴县林城镇" in out
    code, out, err = run(capsys, "person", "王伟", "--snapshot", namesakes, "--locality", "二七区")
    assert code == PersonNotFound.exit_code and err.count("\n") == 1 and "no 王伟 in 二七区" in err
    code, out, err = run(capsys, "person", "李四", "--snapshot", namesakes)
    assert code == PersonNotFound.exit_code and err.count("\n") == 1


def test_zhang_ming_rises_from_county_head_to_party_secretary(namesakes):
    zhang = person_profile(read_snapshot(namesakes, resolved=True), "张明")["people"][0]
    assert [q["post"] for q in zhang["posts"]] == ["湖州市安吉县人民政府县长", "中共湖州市安吉县委书记"]
    assert [q["first_seen"] for q in zhang["posts"]] == ["2020-06-02", "2022-05-06"]
    assert any("posts of one division" in r for r in zhang["identity"]["reasons"])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile") / "snap"
    triples = [
        {"subject": HOSTILE, "subject_type": "Person", "predicate": "HOLDS", "object": "区委书记",
         "object_type": "Position"},
        {"subject": HOSTILE, "subject_type": "Person", "predicate": "CHAIRED", "object": HOSTILE_MEETING,
         "object_type": "Meeting"},
        {"subject": "李&amp;四", "subject_type": "Person", "predicate": "ATTENDED", "object": HOSTILE_MEETING,
         "object_type": "Meeting"}]
    return write_triples_snapshot(triples, out, title="二七区<b>新闻</b>", text="本报讯 11月18日，二七区。")


def test_html_page_escapes_hostile_names(hostile, tmp_path):
    page = render_html(person_profile(read_snapshot(hostile, resolved=True), HOSTILE))
    assert "<script" not in page and "<img" not in page and "<b>新闻" not in page
    assert "王&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page and "李&amp;amp;四" in page


def test_text_has_no_terminal_escapes_and_pages_link_only_web_urls(capsys, tmp_path):
    """An article whose title, source and sentence hold terminal escapes and whose URL is
    ``javascript:``: the text outputs show U+FFFD for the controls, the page shows the URL as text."""
    from types import SimpleNamespace
    from govkg.schema import article_id
    title, text = "二七区新闻\x1b[31m", "本报讯 11月18日，二七区召开会议。区委书记王五主持。"
    aid = article_id(title, text)
    art = {"id": aid, "title": title, "subtitle": None, "date": "2020-11-18", "source": "报\x07",
           "url": "javascript:alert(3)", "file": "f", "text": text}
    triple = {"subject": "王五", "subject_type": "Person", "predicate": "HOLDS", "object": "区委书记",
              "object_type": "Position", "article_id": aid, "evidence": "区委书记\x1b]0;owned\x07王五主持",
              "start": 0, "end": 1, "rule": "r", "confidence": 1.0, "source": "f"}
    snap = tmp_path / "snap"
    build_snapshot([SimpleNamespace(path="f", errors=[], articles=[art], triples=[triple])], snap, inputs={})
    for argv in (["person", "王五"], ["holders", "区委书记", "--of", "二七区", "--on", "2020-11-18"]):
        code, out, err = run(capsys, *argv, "--snapshot", snap)
        assert code == 0 and "王五" in out and "\ufffd]0;owned\ufffd" in out, err
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)
    page = render_html(person_profile(read_snapshot(snap, resolved=True), "王五"))
    assert "javascript:alert(3)" in page and 'href="javascript' not in page


# ----------------------------------------------------------------------------- real browser

def _need_browser():
    from chromium_cdp import chromium_path
    pytest.importorskip("websocket", reason="pip install websocket-client")
    if chromium_path() is None:
        pytest.skip("chromium not installed (scripts/setup-browser.sh)")


@pytest.mark.browser
def test_profile_page_in_chromium(capsys, example_snapshot_dir, chen, tmp_path):
    _need_browser()
    from chromium_cdp import open_page
    html_file = tmp_path / "chen.html"
    code, out, err = run(capsys, "person", "陈红民", "--snapshot", example_snapshot_dir, "--format", "html",
                         "--out", html_file)
    assert code == 0, err
    res = open_page(html_file.as_uri(), values={
        "title": "document.title", "h1": "document.querySelector('h1').textContent",
        "posts": "document.querySelectorAll('h2 + table')[0].querySelectorAll('tbody tr').length",
        "spoke": "document.querySelector('h3[data-role=SPOKE_AT] + table').querySelectorAll('tbody tr').length",
        "evidence": "document.querySelectorAll('.ev q').length",
        "anchors": "[...document.querySelectorAll('.ev a')].every(a => document.getElementById("
                   "a.getAttribute('href').slice(1)))",
        "text": "document.body.innerText", "width": "document.documentElement.scrollWidth"})
    assert res.errors == [] and res.requests == []
    v = res.values
    assert v["title"] == "陈红民 — govkg profile" and v["h1"] == "陈红民"
    assert v["posts"] == len(chen["posts"]) and v["spoke"] == len(chen["meetings"]["SPOKE_AT"]) >= 4
    assert v["evidence"] >= 10 and v["anchors"] and v["width"] <= 1280
    assert "11月25日，陈红民带队深入陇海路沿线" in v["text"] and "2020-11-19" in v["text"]
    from PIL import Image
    shot = tmp_path / "shot.png"
    shot.write_bytes(res.screenshot)
    img = Image.open(shot).convert("RGB")
    dark = sum(c for c, rgb in img.getcolors(maxcolors=1 << 20) if max(rgb) < 100)
    assert dark > 0.005 * img.size[0] * img.size[1]   # text is drawn (CJK fonts present)


@pytest.mark.browser
def test_hostile_page_runs_no_script(hostile, tmp_path):
    _need_browser()
    from chromium_cdp import open_page
    html_file = tmp_path / "hostile.html"
    html_file.write_text(render_html(person_profile(read_snapshot(hostile, resolved=True), HOSTILE)),
                         encoding="utf-8")
    res = open_page(html_file.as_uri(), values={
        "h1": "document.querySelector('h1').textContent", "scripts": "document.scripts.length",
        "imgs": "document.images.length", "text": "document.body.innerText"})
    assert res.errors == [] and res.requests == []
    assert res.values["h1"] == HOSTILE and res.values["scripts"] == 0 and res.values["imgs"] == 0
    assert HOSTILE_MEETING in res.values["text"] and "李&amp;四" in res.values["text"]


@pytest.mark.browser
def test_graph_export_links_each_person_to_their_page(capsys, example_snapshot_dir, example_resolved, tmp_path):
    _need_browser()
    from chromium_cdp import chromium_page
    graph = tmp_path / "graph.html"
    code, out, err = run(capsys, "export", "--snapshot", example_snapshot_dir, "--format", "html", "-o", graph,
                         "--profiles")
    assert code == 0 and "graph.html.profiles/" in out, err
    data = json.loads(re.search(r'application/json">(.*?)</script>', graph.read_text(encoding="utf-8"),
                                re.S).group(1))
    people = [n for n in data["nodes"] if n["type"] == "Person"]
    assert people and all((graph.parent / n["profile"]).is_file() for n in people)
    chen = next(n for n in people if n["name"] == "陈红民")
    with chromium_page(graph.as_uri(), ready="window.govkg && window.govkg.ready") as page:
        page.evaluate("document.getElementById('search').value = '陈红民';"
                      "document.getElementById('search').dispatchEvent(new Event('input'))")
        href = page.evaluate("document.getElementById('profile-link').getAttribute('href')")
        assert href == chen["profile"]
        page.evaluate("document.getElementById('profile-link').click()")
        for _ in range(50):
            page.pump(0.1)
            if page.evaluate("document.readyState === 'complete' && !!document.querySelector('h1')"):
                break
        assert page.evaluate("document.querySelector('h1').textContent") == "陈红民"
        back = page.evaluate("document.querySelector('.nav a').getAttribute('href')")
        assert back == "../graph.html" and page.result.errors == [] and page.result.requests == []


def test_profile_pages_written_beside_the_graph(tmp_path, gold_resolved):
    pages = profile_pages(gold_resolved, tmp_path / "g.html")
    assert pages([]) == {}
    G = typed_graph(gold_resolved)
    page = export(G, "html", tmp_path / "g.html", profiles=pages).read_text(encoding="utf-8")
    nodes = json.loads(re.search(r'application/json">(.*?)</script>', page, re.S).group(1))["nodes"]
    people = sorted(n["profile"] for n in nodes if n["type"] == "Person")
    assert len(people) == sum(1 for _, d in G.nodes(data=True) if d["label"] == "Person") >= 6
    assert sorted(f"g.html.profiles/{f.name}" for f in (tmp_path / "g.html.profiles").iterdir()) == people
