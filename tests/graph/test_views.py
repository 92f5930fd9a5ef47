"""networkx views of snapshots (govkg.graph.views)."""
from __future__ import annotations

import pytest

import govkg.graph.neo4j as neo4j_mod
from analysis_fixtures import *  # noqa: F401,F403  (fixtures)
from analysis_fixtures import write_triples_snapshot
from govkg.graph.store import Snapshot, read_snapshot
from govkg.graph.views import (FilterError, coparticipation_graph, date_in_range, event_graph,
                               parse_date, snapshot_from_neo4j, typed_graph)
from govkg.schema import node_id


def T(s, st, p, o, ot):
    return {"subject": s, "subject_type": st, "predicate": p, "object": o, "object_type": ot}


SMALL = [
    T("甲", "Person", "HOLDS", "区委书记", "Position"),
    T("甲", "Person", "CHAIRED", "会一", "Meeting"), T("乙", "Person", "ATTENDED", "会一", "Meeting"),
    T("丙", "Person", "SPOKE_AT", "会一", "Meeting"),
    T("甲", "Person", "SPOKE_AT", "会二", "Meeting"), T("乙", "Person", "SPOKE_AT", "会二", "Meeting"),
    T("甲", "Person", "INSPECTED", "某街道", "Place"), T("丙", "Person", "INSPECTED", "某街道", "Place"),
    T("会一", "Meeting", "HELD_ON", "--11-18", "Date"), T("会二", "Meeting", "HELD_ON", "--12-02", "Date"),
    T("会一", "Meeting", "CONCERNS", "换届", "Project"),
    T("记者丁", "Person", "REPORTED", "示例", "Article"),
]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """Three officials: 会一 (甲 乙 丙), 会二 (甲 乙), 某街道 inspected by 甲 and 丙; article dated 2020-12-05."""
    out = write_triples_snapshot(SMALL, tmp_path_factory.mktemp("small") / "snap", title="二七区示例",
                                 text="二七区示例正文", date="2020-12-05")
    return read_snapshot(out)


def pid(name):
    return node_id("Person", name)


def test_parse_date_and_range_rules():
    assert parse_date("2020-11-18") == (2020, 11, 18)
    assert parse_date("--11-18") == (None, 11, 18)
    assert parse_date("2020-13-01") is None and parse_date("") is None
    # a yearless date is kept when some year of the range fits it
    assert date_in_range((None, 11, 18), (2020, 11, 1), (2020, 11, 30))
    assert not date_in_range((None, 12, 18), (2020, 11, 1), (2020, 11, 30))
    assert date_in_range((None, 1, 5), (2020, 11, 1), (2021, 2, 1))  # 2021-01-05
    assert date_in_range((None, 1, 5), (2020, 11, 1), None)  # open end: always
    # --MM-DD bounds compare month and day only
    assert date_in_range((2019, 11, 18), (None, 11, 1), (None, 11, 30))
    assert not date_in_range((2019, 10, 18), (None, 11, 1), None)


def test_typed_graph_nodes_edges_and_provenance(small):
    G = typed_graph(small)
    assert G.number_of_nodes() == len(small.nodes)
    assert G.number_of_edges() == len(small.relationships)
    assert G.nodes[pid("甲")] == {"label": "Person", "name": "甲"}
    meeting = G.nodes[node_id("Meeting", "会一")]
    assert meeting["label"] == "Meeting" and meeting["date"] == "--11-18"
    rel = small.relationships[0]
    data = G.edges[rel["start"], rel["end"], rel["id"]]
    assert data["type"] == rel["type"] and data["id"] == rel["id"]
    for k in ("article_id", "evidence", "evidence_start", "evidence_end", "rule", "confidence", "source"):
        assert data[k] == rel[k]
    assert None not in (v for *_, d in G.edges(data=True) for v in d.values())


def test_types_filter_predicates_and_labels(small):
    G = typed_graph(small, types=["CHAIRED,ATTENDED"])
    assert {d["type"] for *_, d in G.edges(data=True)} == {"CHAIRED", "ATTENDED"}
    assert G.number_of_nodes() == 3  # 甲, 乙, 会一
    H = typed_graph(small, types="Person,Meeting")
    assert {d["label"] for _, d in H.nodes(data=True)} == {"Person", "Meeting"}
    assert H.number_of_edges() == 5
    with pytest.raises(FilterError, match="unknown type"):
        typed_graph(small, types="FRIEND_OF")


def test_date_filter_uses_meeting_dates_completed_by_article_year(small):
    # article 2020-12-05: --11-18 -> 2020-11-18, --12-02 -> 2020-12-02
    nov = typed_graph(small, since="2020-11-01", until="2020-11-30")
    assert {nov.nodes[v]["name"] for v in nov if nov.nodes[v]["label"] == "Meeting"} == {"会一"}
    # edges without a meeting take the article date (2020-12-05): outside November
    assert not any(d["type"] in ("HOLDS", "INSPECTED") for *_, d in nov.edges(data=True))
    dec = typed_graph(small, since="2020-12-01")
    assert {dec.nodes[v]["name"] for v in dec if dec.nodes[v]["label"] == "Meeting"} == {"会二"}
    assert any(d["type"] == "HOLDS" for *_, d in dec.edges(data=True))
    assert typed_graph(small, since="2021-01-01").number_of_edges() == 0
    md = typed_graph(small, since="--11-01", until="--11-30")
    assert set(nov.edges(keys=True)) == set(md.edges(keys=True))
    with pytest.raises(FilterError):
        typed_graph(small, until="yesterday")


def test_date_filter_without_article_dates(gold_snapshot):
    """The example page has no date: meetings keep --MM-DD and are filtered on month-day."""
    G = typed_graph(gold_snapshot, since="2020-11-19", until="2020-11-20")
    meetings = {G.nodes[v]["name"] for v in G if G.nodes[v]["label"] == "Meeting"}
    assert meetings == {"二七区委人大工作会议", "二七区委政协工作会议"}


def test_locality_filter(small):
    assert typed_graph(small, locality="二七区").number_of_edges() == len(small.relationships)
    assert typed_graph(small, locality="金水区").number_of_edges() == 0


def test_event_graph_is_bipartite_with_roles(small):
    B = event_graph(small)
    people = {v for v, d in B.nodes(data=True) if d["bipartite"] == 0}
    assert {B.nodes[v]["name"] for v in people} == {"甲", "乙", "丙"}
    assert all(B.nodes[v]["label"] == "Person" for v in people)
    assert B.number_of_edges() == 7
    e = B.edges[pid("甲"), node_id("Meeting", "会一")]
    assert e["roles"] == ["CHAIRED"] and len(e["relationships"]) == 1
    events = {B.nodes[v]["name"] for v in B if B.nodes[v]["bipartite"] == 1}
    assert events == {"会一", "会二", "某街道"}


def test_coparticipation_weights_by_hand(small):
    C = coparticipation_graph(small)
    a, b, c = pid("甲"), pid("乙"), pid("丙")
    assert set(C) == {a, b, c}  # the reporter 记者丁 is left out
    assert C.edges[a, b]["weight"] == 2 and C.edges[a, b]["events"] == ["会一", "会二"]
    assert C.edges[a, c]["weight"] == 2 and C.edges[a, c]["events"] == ["会一", "某街道"]
    assert C.edges[b, c]["weight"] == 1
    assert C.nodes[a]["posts"] == ["区委书记"]
    assert (C.nodes[a]["chaired"], C.nodes[a]["spoke_at"], C.nodes[a]["inspected"], C.nodes[a]["events"]) \
        == (1, 1, 1, 3)
    # the same from the typed graph as from the snapshot
    D = coparticipation_graph(typed_graph(small))
    assert sorted(D.edges(data="weight")) == sorted(C.edges(data="weight"))
    with pytest.raises(FilterError):
        coparticipation_graph(typed_graph(small), since="2020-01-01")


def test_gold_coparticipation(gold_snapshot):
    C = coparticipation_graph(gold_snapshot)
    names = {C.nodes[v]["name"] for v in C}
    assert names == {"陈红民", "时博", "王升建", "高天翼", "苏建设", "马广学"}
    chen = C.nodes[pid("陈红民")]
    assert chen["posts"] == ["区委书记"]
    assert (chen["spoke_at"], chen["attended"], chen["inspected"]) == (5, 2, 4)
    assert C.edges[pid("陈红民"), pid("王升建")]["weight"] == 2


def test_snapshot_from_neo4j_conversion(gold_snapshot, monkeypatch):
    """The Cypher rows -> Snapshot conversion, with run_query serving the snapshot's own records."""
    def fake_run_query(driver, cypher, *, params=None, write=False, database=None):
        assert not write
        if "labels(n)" in cypher:
            rows = [[n["id"], [n["label"]], {k: v for k, v in n.items() if k != "label" and v is not None}]
                    for n in gold_snapshot.nodes]
            return ["id", "labels", "props"], rows
        rows = [[r["start"], r["type"], r["end"],
                 {k: v for k, v in r.items() if k not in ("type", "start", "end") and v is not None}]
                for r in gold_snapshot.relationships]
        return ["start", "type", "end", "props"], rows

    monkeypatch.setattr(neo4j_mod, "run_query", fake_run_query)
    snap = snapshot_from_neo4j(object())
    assert isinstance(snap, Snapshot)
    a, b = typed_graph(snap), typed_graph(gold_snapshot)
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(a.edges(keys=True, data=True), key=str) == sorted(b.edges(keys=True, data=True), key=str)
    assert [x["id"] for x in snap.articles] == [x["id"] for x in gold_snapshot.articles]


def test_views_on_real_extraction(example_snapshot):
    G = typed_graph(example_snapshot)
    assert G.number_of_edges() == len(example_snapshot.relationships)
    assert pid("陈红民") in coparticipation_graph(example_snapshot)
