"""Identity resolution over a corpus written for this test (no third-party text).

Two counties of 湖州市: 王伟 is 安吉县委书记 and, in the same months, 长兴县县长 (two people);
张明 is 安吉县县长 in 2020 and 安吉县委书记 in 2022 (one person); 安吉县委常委会 sits weekly for
a month (five sittings); an annual 开幕式 of the 余村 festival over three years (three sittings).
"""
from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import pytest

from govkg.graph import resolved as R
from govkg.graph.neo4j import clear_database, connect, load_snapshot, run_query
from govkg.graph.store import build_snapshot, read_snapshot, remove_articles
from govkg.schema import article_id


def _art(title, date, text, file):
    return {"id": article_id(title, text), "title": title, "subtitle": None, "date": date, "source": file,
            "url": None, "file": file, "text": text}


def _t(s, st, p, o, ot, art, evidence, rule="post+name", start=0):
    return {"subject": s, "subject_type": st, "predicate": p, "object": o, "object_type": ot,
            "article_id": art["id"], "evidence": evidence, "start": start, "end": start + len(evidence),
            "rule": rule, "confidence": 0.9, "source": art["file"]}


def corpus():
    results = []

    def add(file, title, date, sentences, triples_of):
        text = title + "\n" + "".join(sentences)
        art = _art(title, date, text, file)
        results.append(SimpleNamespace(path=file, articles=[art], triples=triples_of(art), errors=[]))

    for k, day in enumerate(("2021-03-01", "2021-03-08", "2021-03-15", "2021-03-22", "2021-03-29")):
        ev = f"{int(day[5:7])}月{int(day[8:])}日，安吉县委书记王伟主持召开安吉县委常委会。"
        add(f"anji-{day}.txt", f"安吉县委常委会研究部署近期工作（{k + 1}）", day, [ev], lambda a, ev=ev, day=day: [
            _t("王伟", "Person", "HOLDS", "安吉县委书记", "Position", a, ev),
            _t("王伟", "Person", "CHAIRED", "安吉县委常委会", "Meeting", a, ev, "verb+meeting"),
            _t("安吉县委常委会", "Meeting", "HELD_ON", day, "Date", a, ev, "date-in-sentence")])
    ev = "3月10日，长兴县县长王伟到长兴县林城镇调研乡村振兴工作。"
    add("changxing-2021-03-10.txt", "长兴县县长王伟调研乡村振兴", "2021-03-10", [ev], lambda a: [
        _t("王伟", "Person", "HOLDS", "县长", "Position", a, ev),
        _t("王伟", "Person", "INSPECTED", "长兴县林城镇", "Place", a, ev, "move+inspect")])
    for day, post in (("2020-06-02", "县长"), ("2022-05-06", "县委书记")):
        ev = f"安吉县{post}张明出席安吉县乡村振兴工作推进会并讲话。"
        add(f"anji-{day}.txt", f"安吉县召开乡村振兴推进会（{day[:4]}）", day, [ev], lambda a, ev=ev, post=post, day=day: [
            _t("张明", "Person", "HOLDS", post, "Position", a, ev),
            _t("张明", "Person", "SPOKE_AT", "安吉县乡村振兴工作推进会", "Meeting", a, ev, "verb+meeting"),
            _t("安吉县乡村振兴工作推进会", "Meeting", "HELD_ON", day, "Date", a, ev, "date-in-sentence")])
    for year in (2019, 2020, 2021):
        ev = f"8月15日，安吉余村“两山”文化节开幕，县委书记王伟出席开幕式。"
        day = f"{year}-08-15"
        add(f"yucun-{day}.txt", f"安吉余村“两山”文化节开幕（{year}）", day, [ev], lambda a, ev=ev, day=day: [
            _t("王伟", "Person", "ATTENDED", "开幕式", "Meeting", a, ev, "verb+meeting"),
            _t("开幕式", "Meeting", "HELD_ON", day, "Date", a, ev, "date-in-sentence"),
            _t("王伟", "Person", "INSPECTED", "安吉余村" if year == 2019 else "余村", "Place", a, ev, "move+inspect")])
    return results


@pytest.fixture(scope="module")
def snap(tmp_path_factory):
    out = tmp_path_factory.mktemp("identity") / "snap"
    build_snapshot(corpus(), out)
    return out


def test_people_meetings_and_their_reasons(snap):
    s = read_snapshot(snap, resolved=True)
    people = Counter(n["name"] for n in s.nodes if n["label"] == "Person")
    assert people == {"王伟": 2, "张明": 1}
    meetings = [n for n in s.nodes if n["label"] == "Meeting"]
    by_series = Counter(n["series"] for n in meetings)
    assert by_series["安吉县委常委会"] == 5 and by_series["安吉县乡村振兴工作推进会"] == 2
    assert sum(v for k, v in by_series.items() if k.startswith("开幕式")) == 3
    assert all(len({d[:4] for d in n["dates"]}) == 1 for n in meetings)
    zhang = next(n for n in s.nodes if n["name"] == "张明")
    assert any("posts of one division" in r for r in zhang["reasons"])
    recs = list(R.iter_resolved(snap, "resolutions"))
    assert any(r["decision"] == "split" and r["name"] == "王伟" for r in recs)
    places = [n for n in s.nodes if n["label"] == "Place" and n["name"] == "余村"]
    assert len(places) == 1 and "安吉余村" in places[0]["aliases"]


def test_posts_are_posts_of_organisations_with_time(snap):
    s = read_snapshot(snap, resolved=True)
    nodes = {n["id"]: n for n in s.nodes}
    zhang = next(n["id"] for n in s.nodes if n["name"] == "张明")
    held = {nodes[r["end"]]["name"]: r for r in s.relationships if r["type"] == "HOLDS" and r["start"] == zhang}
    assert set(held) == {"湖州市安吉县人民政府县长", "中共湖州市安吉县委书记"}
    assert held["湖州市安吉县人民政府县长"]["first_seen"] == "2020-06-02"
    assert held["中共湖州市安吉县委书记"]["wording"] == "县委书记"
    orgs = {nodes[r["end"]]["name"] for r in s.relationships if r["type"] == "OF"}
    assert {"中共湖州市安吉县委", "湖州市长兴县人民政府"} <= orgs


def test_remove_and_replace_leave_neo4j_equal_to_the_snapshot(snap, tmp_path, neo4j_server):
    uri, user, password = neo4j_server
    out = tmp_path / "snap"
    build_snapshot(corpus(), out)
    victim = next(a["id"] for a in read_snapshot(out).articles if a["file"] == "changxing-2021-03-10.txt")
    with connect(uri, user, password) as driver:
        clear_database(driver)
        load_snapshot(driver, out, resolved=True, mirror=True)
        remove_articles(out, [victim])
        s = read_snapshot(out, resolved=True)
        assert Counter(n["name"] for n in s.nodes if n["label"] == "Person")["王伟"] == 1
        load_snapshot(driver, out, resolved=True, mirror=True)
        _, rows = run_query(driver, "MATCH (n) RETURN n.id ORDER BY n.id")
        assert [r[0] for r in rows] == sorted(n["id"] for n in s.nodes)
        _, rows = run_query(driver, "MATCH ()-[r]->() RETURN r.id ORDER BY r.id")
        assert [r[0] for r in rows] == sorted(r["id"] for r in s.relationships)
        _, rows = run_query(driver, "MATCH (p:Person {name: '王伟'}) RETURN p.reasons")
        assert len(rows) == 1 and rows[0][0]
