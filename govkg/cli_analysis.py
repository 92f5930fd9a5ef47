"""govkg centrality | communities | export | person | holders: thin layers over govkg.graph
analysis, export and profile. A snapshot is read as its resolved graph (``--raw``: as extracted)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from govkg.cli import app
from govkg.cli_graph import _DATABASE, _RAW, _USER, _password

_SNAP = typer.Option(None, "--snapshot", help="Snapshot directory from `govkg build`.")
_NEO = typer.Option(None, "--neo4j", help="Read the graph from this Bolt URI instead of a snapshot.")
_SINCE = typer.Option(None, "--since", help="From this date (YYYY-MM-DD or --MM-DD; meeting dates, else article dates).")
_UNTIL = typer.Option(None, "--until", help="Until this date (inclusive).")
_LOCALITY = typer.Option(None, "--locality", help="Only relationships whose article or evidence names this place.")


def _graph_source(snapshot: Optional[Path], neo4j: Optional[str], user: str,
                  database: Optional[str], raw: bool = False):
    """The Snapshot named by exactly one of --snapshot and --neo4j (a snapshot's resolved graph
    unless ``raw``; a database holds what `govkg load` put there)."""
    from govkg.graph.views import FilterError
    if (snapshot is None) == (neo4j is None):
        raise FilterError("give exactly one of --snapshot DIR and --neo4j URI")
    if snapshot is not None:
        from govkg.graph.store import read_snapshot
        return read_snapshot(snapshot, resolved=not raw)
    if raw:
        raise FilterError("--raw reads a snapshot; a database holds the graph `govkg load` gave it")
    from govkg.graph.neo4j import connect
    from govkg.graph.views import snapshot_from_neo4j
    with connect(neo4j, user, _password(neo4j)) as driver:
        return snapshot_from_neo4j(driver, database=database)


def _emit(text: str, output: Optional[Path]) -> None:
    if output is None:
        typer.echo(text.rstrip("\n"))
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {output}", err=True)


@app.command("centrality")
def centrality_cmd(snapshot: Optional[Path] = _SNAP, neo4j: Optional[str] = _NEO, user: str = _USER,
                   database: Optional[str] = _DATABASE, raw: bool = _RAW,
                   top: Optional[int] = typer.Option(None, "--top", min=1, help="Show the first N people."),
                   since: Optional[str] = _SINCE, until: Optional[str] = _UNTIL,
                   locality: Optional[str] = _LOCALITY,
                   sort: str = typer.Option("degree", "--sort", help="degree, weighted_degree, betweenness, eigenvector or pagerank."),
                   k: Optional[int] = typer.Option(None, "--k", min=1, help="Betweenness pivots (default: exact up to 2000 people, then sampled)."),
                   seed: int = typer.Option(0, "--seed", help="Seed of sampled betweenness."),
                   fmt: str = typer.Option("table", "--format", help="table, csv, json or markdown."),
                   chart: Optional[Path] = typer.Option(None, "--chart", help="Also draw a bar chart (PNG/SVG) of the --sort metric."),
                   output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the report here.")):
    """Rank people by degree, weighted degree, betweenness, eigenvector and PageRank."""
    from govkg.graph.analysis import bar_chart, centrality_report, render
    report = centrality_report(_graph_source(snapshot, neo4j, user, database, raw), top=top, k=k,
                               seed=seed, sort=sort, since=since, until=until, locality=locality)
    _emit(render(report, fmt), output)
    if chart is not None:
        bar_chart(report, chart, metric=sort)
        typer.echo(f"wrote {chart}", err=True)


@app.command("communities")
def communities_cmd(snapshot: Optional[Path] = _SNAP, neo4j: Optional[str] = _NEO, user: str = _USER,
                    database: Optional[str] = _DATABASE, raw: bool = _RAW,
                    since: Optional[str] = _SINCE, until: Optional[str] = _UNTIL,
                    locality: Optional[str] = _LOCALITY,
                    seed: int = typer.Option(0, "--seed", help="Louvain seed (same seed, same communities)."),
                    resolution: float = typer.Option(1.0, "--resolution", help="Above 1: smaller communities."),
                    min_size: int = typer.Option(2, "--min-size", min=1, help="List communities of at least N people."),
                    method: str = typer.Option("auto", "--method", help="louvain, leiden (igraph) or auto "
                                               "(Louvain up to 20,000 people, Leiden above)."),
                    fmt: str = typer.Option("table", "--format", help="table, csv, json or markdown."),
                    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the report here.")):
    """Communities of people who share meetings (Louvain, or Leiden when large), with the meetings they share."""
    from govkg.graph.analysis import communities, render
    report = communities(_graph_source(snapshot, neo4j, user, database, raw), seed=seed,
                         resolution=resolution, min_size=min_size, since=since, until=until, locality=locality,
                         method=method)
    _emit(render(report, fmt), output)


@app.command("export")
def export_cmd(snapshot: Optional[Path] = _SNAP, neo4j: Optional[str] = _NEO, user: str = _USER,
               database: Optional[str] = _DATABASE, raw: bool = _RAW,
               fmt: str = typer.Option(..., "--format", help="html, graphml, gexf, json, png or svg."),
               output: Path = typer.Option(..., "-o", "--output", help="Output file."),
               since: Optional[str] = _SINCE, until: Optional[str] = _UNTIL, locality: Optional[str] = _LOCALITY,
               types: Optional[str] = typer.Option(None, "--types", help="Comma-separated predicates and/or entity types to keep."),
               title: Optional[str] = typer.Option(None, "--title", help="Title of the HTML page or drawing."),
               view: str = typer.Option("auto", "--view", help="html: auto (whole graph up to --max-nodes, else "
                                        "top), full, top (most connected people) or communities."),
               focus: Optional[str] = typer.Option(None, "--focus", help="html: the ego network of this person."),
               hops: int = typer.Option(2, "--hops", min=1, help="html: links from --focus."),
               max_nodes: int = typer.Option(2000, "--max-nodes", min=10, help="html: nodes drawn at most."),
               profiles: bool = typer.Option(False, "--profiles", help="html: also write each drawn person's "
                                             "profile page into OUTPUT's name + '.profiles/', linked from the graph.")):
    """Export the typed graph (html: one offline file; graphml/gexf: Gephi, yEd; json: node-link)."""
    from govkg.graph.export import export
    from govkg.graph.views import FilterError, typed_graph
    if profiles and fmt != "html":
        raise FilterError("--profiles goes with --format html")
    snap = _graph_source(snapshot, neo4j, user, database, raw)
    G = typed_graph(snap, since=since, until=until, types=types, locality=locality)
    pages = None
    if profiles:
        from govkg.graph.profile_render import profile_pages
        pages = profile_pages(snap, output, resolutions=_resolutions(snapshot, raw))
    export(G, fmt, output, title=title, view=view, focus=focus, hops=hops, max_nodes=max_nodes,
           profiles=pages)
    typer.echo(f"wrote {output}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges"
               + (f"; profile pages in {output.name}.profiles/" if profiles else ""))


def _resolutions(snapshot: Optional[Path], raw: bool):
    if snapshot is None or raw:
        return []
    from govkg.graph import resolved as R
    return list(R.iter_resolved(snapshot, "resolutions"))


@app.command("person")
def person_cmd(name: str = typer.Argument(..., help="A person's name, an alias (习近平主席) or an id (person:…)."),
               locality: Optional[str] = typer.Option(None, "--locality", help="Only the person of this place "
                                                      "(part of a division's name: 二七区) when namesakes are apart."),
               snapshot: Optional[Path] = _SNAP, neo4j: Optional[str] = _NEO, user: str = _USER,
               database: Optional[str] = _DATABASE,
               fmt: str = typer.Option("text", "--format", help="text, html (a page) or json."),
               output: Optional[Path] = typer.Option(None, "-o", "--out", "--output",
                                                     help="Write here instead of stdout.")):
    """An official's profile: posts over time, meetings by role, co-participants, places
    inspected, each with its evidence sentence and article. A name that is several people
    (namesakes kept apart) lists them in one line and asks for --locality (exit code 10)."""
    from govkg.graph.profile import person_profile, profile_from_neo4j
    from govkg.graph.profile_render import render
    from govkg.graph.views import FilterError
    if (snapshot is None) == (neo4j is None):
        raise FilterError("give exactly one of --snapshot DIR and --neo4j URI")
    if snapshot is not None:
        from govkg.graph.store import read_snapshot
        result = person_profile(read_snapshot(snapshot, resolved=True), name, locality=locality,
                                resolutions=_resolutions(snapshot, False))
    else:
        from govkg.graph.neo4j import connect
        with connect(neo4j, user, _password(neo4j)) as driver:
            result = profile_from_neo4j(driver, name, locality=locality, database=database)
    _emit(render(result, fmt), output)


@app.command("holders")
def holders_cmd(post: str = typer.Argument(..., help="A post as written (区委书记) or part of a normalised one."),
                of: str = typer.Option(..., "--of", help="The organisation or place (二七区)."),
                on: str = typer.Option(..., "--on", help="The day, YYYY-MM-DD."),
                snapshot: Path = typer.Option(..., "--snapshot", help="Snapshot directory from `govkg build`.")):
    """Who held POST of --of on --on (seen in it on both sides of that day, or on it)."""
    from govkg.graph.profile import holders
    from govkg.graph.profile_render import plain
    from govkg.graph.store import read_snapshot
    rows = holders(read_snapshot(snapshot, resolved=True), post, of=of, on=on)
    if not rows:
        typer.echo(f"nobody is seen as {post} of {of} on {on}")
    for r in rows:
        ev = r["evidence"][0] if r["evidence"] else {}
        typer.echo(plain(f"{r['person']}\t{r['post']}\t{r['first_seen']} – {r['last_seen']}\t"
                         f"“{ev.get('sentence') or ''}” — {ev.get('article') or ''}"))
