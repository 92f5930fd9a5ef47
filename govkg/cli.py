"""govkg command line: each command is a thin layer over a library function.

Library code raises :class:`govkg.errors.GovkgError`; :func:`main` turns it into
one line on stderr and the error's exit code (a traceback only with ``--debug``).
"""
from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path
from typing import List, Optional

import typer

from govkg.errors import GovkgError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Knowledge graphs from Chinese local-governance news.")
STATE = {"debug": False}


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors.")):
    STATE["debug"] = debug


def echo_err(message: str) -> None:
    typer.echo(f"govkg: {message}", err=True)


_MAX_CHARS = typer.Option(None, "--max-article-chars", min=1,
                          help="Skip an article longer than this [default: 1,000,000 characters].")
_MAX_SECONDS = typer.Option(None, "--max-article-seconds", min=0.0,
                            help="Stop an article after this much CPU time, 0 for no limit [default: 60].")


def _guard(max_chars: Optional[int], max_seconds: Optional[float]):
    from govkg.extract.guard import Guard
    g = Guard()
    return Guard(max_chars=max_chars or g.max_chars,
                 max_seconds=g.max_seconds if max_seconds is None else max_seconds)


# --- extraction commands (issue 2) ---
_WORKERS = typer.Option(None, "--workers", "-w", min=1,
                        help="Worker processes, one pipeline each [default: the machine's cores].")


@app.command()
def extract(
    paths: List[Path] = typer.Argument(..., readable=False,  # an unreadable file is one error, not a refusal
                                       help="Text files (.txt, any Chinese encoding), JSON Lines (.jsonl), "
                                       "saved web pages (.html), e-paper PDFs (.pdf) or folders of them."),
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl (the guideline contract + provenance) or table."),
    year: Optional[int] = typer.Option(None, "--year", help="Year for dates the text gives without one."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here instead of stdout."),
    segmenter: str = typer.Option("pkuseg", "--segmenter", help="pkuseg (default) or jieba (faster)."),
    all_evidence: bool = typer.Option(False, "--all-evidence", help="One line per (triple, evidence sentence)."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0,
                                         help="Leave out triples whose confidence is below this."),
    workers: Optional[int] = _WORKERS,
    max_article_chars: Optional[int] = _MAX_CHARS,
    max_article_seconds: Optional[float] = _MAX_SECONDS,
):
    """Extract triples from news pages; one JSON object a line, files in input order."""
    import json

    from govkg.extract.pipeline import contract
    from govkg.parallel import run
    from govkg.parallel.files import by_file
    from govkg.parallel.tasks import plan

    if format not in ("jsonl", "table"):
        raise typer.BadParameter("--format must be jsonl or table")
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    failed = 0
    rows = []
    try:
        tasks, _ = plan(paths)
        for _f, note in tasks.notes:
            echo_err(f"note: {note}")
        guard = _guard(max_article_chars, max_article_seconds)
        for fr in by_file(run(tasks, segmenter=segmenter, year=year, workers=workers, guard=guard)):
            for note in getattr(fr, "notes", None) or []:
                echo_err(f"note: {note}")
            for err in fr.errors:
                echo_err(str(err))
                failed += 1
            triples = fr.triples if all_evidence else fr.unique_triples()
            for t in triples:
                if t.get("confidence", 1.0) < min_confidence:
                    continue
                if format == "jsonl":
                    out.write(json.dumps(contract(t), ensure_ascii=False) + "\n")
                else:
                    rows.append(t)
            out.flush()
    finally:
        if output:
            out.close()
    if format == "table":
        from govkg.cells import print_triples
        print_triples(rows)
    if failed:
        raise typer.Exit(2)


@app.command("eval")
def eval_cmd(
    gold_dir: Path = typer.Argument(..., help="Folder of NAME.txt/NAME.jsonl with NAME.gold.jsonl beside each, "
                                   "or a corpus folder of annotation files (corpus/<set>)."),
    year: Optional[int] = typer.Option(None, "--year"),
    segmenter: str = typer.Option("pkuseg", "--segmenter"),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
):
    """Precision, recall and F1 per predicate, micro and macro F1, against gold files."""
    import json

    from govkg.extract.evaluate import evaluate
    from govkg.extract.pipeline import Extractor

    ex = Extractor(segmenter=segmenter, year=year)

    def predict(path: Path):
        fr = ex.extract_file(path)
        for err in fr.errors:
            echo_err(str(err))
        return fr.unique_triples()

    with _gold_folder(gold_dir) as folder:
        rep = evaluate(folder, predict)
    if as_json:
        typer.echo(json.dumps(rep.to_dict(), ensure_ascii=False))
        return
    for k, v in rep.by_predicate.items():
        typer.echo(f"{k:10s} P={v['precision']:.2f} R={v['recall']:.2f} F1={v['f1']:.2f}  "
                   f"(tp={v['tp']} fp={v['fp']} fn={v['fn']})")
    t = rep.total
    typer.echo(f"TOTAL      P={t['precision']:.3f} R={t['recall']:.3f} F1={t['f1']:.3f}  "
               f"macro-F1={t['macro_f1']:.3f}  (tp={t['tp']} fp={t['fp']} fn={t['fn']})  files={len(rep.files)}")


@app.command("train")
def train_cmd(
    out: Optional[Path] = typer.Option(None, "--out", help="Where to write the models [default: the package's "
                                                          "govkg/extract/models, which extraction uses]."),
    only: Optional[str] = typer.Option(None, "--only", help="Rebuild only 'ner' (the mention tagger) or 'roles' "
                                                            "(the role and topic scorer)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Training recipe [default: govkg/learn/config.toml]."),
):
    """Rebuild the learned models from ../shared data and the committed annotation; print the
    cross-validated figures of the role scorer."""
    from govkg.extract.ner import MODEL_DIR
    from govkg.learn.train import train_all
    if only not in (None, "ner", "roles"):
        raise GovkgError(f"--only must be 'ner' or 'roles', not {only!r}")
    res = train_all(Path(out) if out else MODEL_DIR, config=config, only=only, progress=echo_err)
    if "roles" in res:
        cv = res["roles"]
        for k, v in cv["by_predicate"].items():
            typer.echo(f"{k:10s} P={v['precision']:.2f} R={v['recall']:.2f} F1={v['f1']:.2f}  "
                       f"(tp={v['tp']} fp={v['fp']} fn={v['fn']})")
        t = cv["total"]
        typer.echo(f"CV TOTAL   P={t['precision']:.3f} R={t['recall']:.3f} F1={t['f1']:.3f}  "
                   f"macro-F1={t['macro_f1']:.3f}  (tp={t['tp']} fp={t['fp']} fn={t['fn']})")


@contextlib.contextmanager
def _gold_folder(path: Path):
    """A scorer's folder as it is, or a corpus folder (``corpus/<set>``) materialised to a temporary one."""
    from govkg.corpus import is_corpus_path, iter_items, materialize
    if not is_corpus_path(path):
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="govkg-eval-") as tmp:
        materialize(iter_items([path]), Path(tmp))
        yield Path(tmp)


# --- graph commands (issue 3) ---
neo4j_app = typer.Typer(no_args_is_help=True,
                        help="A local Neo4j server without Docker (Neo4j 5.26 Community, Java 17).")
app.add_typer(neo4j_app, name="neo4j")
_DATA_DIR_OPT = typer.Option(None, "--data-dir", envvar="GOVKG_NEO4J_HOME",
                             help="Server data directory [default: ~/.local/share/govkg/neo4j].")


@neo4j_app.command("start")
def neo4j_start(
    data_dir: Optional[Path] = _DATA_DIR_OPT,
    port: int = typer.Option(7687, "--port", help="Bolt port on 127.0.0.1."),
    browser: bool = typer.Option(False, "--browser", help="Also serve Neo4j Browser on 127.0.0.1."),
    browser_port: int = typer.Option(7474, "--browser-port", help="Port of Neo4j Browser (with --browser)."),
    timeout: float = typer.Option(120.0, "--timeout", help="Seconds to wait for Bolt."),
):
    """Start the server (building it on first use) and print its Bolt URI and where its password is.

    The first start of a data directory generates the password of user neo4j (or takes
    NEO4J_PASSWORD) and stores it in DATA_DIR/password, readable by you only; later starts
    never change it. load, query and the analysis commands read it from there.
    """
    import os

    from govkg.graph import server

    info = server.start(data_dir=data_dir, port=port, password=os.environ.get("NEO4J_PASSWORD") or None,
                        timeout=timeout, browser_port=browser_port if browser else None)
    typer.echo(info.uri)
    how = "generated now and stored" if info.generated else "stored"
    typer.echo(f"password of user neo4j: {how} in {info.password_file} (mode 0600; load/query read it there)")
    if info.browser:
        typer.echo(f"Neo4j Browser: {info.browser} (user neo4j, same password)")


@neo4j_app.command("stop")
def neo4j_stop(data_dir: Optional[Path] = _DATA_DIR_OPT):
    """Stop the server of the data directory (a no-op if none is running)."""
    from govkg.graph import server

    if server.stop(data_dir=data_dir):
        typer.echo("stopped")
    else:
        echo_err(f"no Neo4j server was running for {server.resolve_data_dir(data_dir)}")


@neo4j_app.command("status")
def neo4j_status(data_dir: Optional[Path] = _DATA_DIR_OPT):
    """Print the Bolt URI and pid of the running server (exit code 1 if none)."""
    from govkg.graph import server

    info = server.status(data_dir=data_dir)
    if info is None:
        echo_err(f"no Neo4j server running for {server.resolve_data_dir(data_dir)}")
        raise typer.Exit(1)
    typer.echo(f"{info.uri} pid={info.pid} data_dir={info.data_dir}"
               + (f" browser={info.browser}" if info.browser else ""))

_URI = typer.Option("bolt://127.0.0.1:7687", "--uri", envvar="NEO4J_URI", help="Bolt URI [env NEO4J_URI].")
_USER = typer.Option("neo4j", "--user", envvar="NEO4J_USER", help="User [env NEO4J_USER].")


def _password(uri: str) -> str:
    """$NEO4J_PASSWORD, else the local server's stored password (never an argument: ps shows those)."""
    from govkg.graph.password import resolve
    return resolve(uri=uri)

_DATABASE = typer.Option(None, "--database", help="Database name (default: the server's).")


@app.command("build")
def build_cmd(paths: List[Path] = typer.Argument(..., readable=False, help="Input files or folders."),
              out: Path = typer.Option(..., "--out", help="Snapshot directory (added to if it exists)."),
              year: Optional[int] = typer.Option(None, "--year", help="Year for dates the text gives without one."),
              segmenter: str = typer.Option("pkuseg", "--segmenter", help="pkuseg or jieba."),
              workers: Optional[int] = _WORKERS,
              dask: Optional[str] = typer.Option(None, "--dask", help="Extract on a Dask cluster: tcp://HOST:8786, or local."),
              neo4j: Optional[str] = typer.Option(None, "--neo4j", help="Also load the snapshot into this Bolt URI."),
              min_confidence: float = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0,
                                                   help="Leave out triples whose confidence is below this."),
              max_article_chars: Optional[int] = _MAX_CHARS,
              max_article_seconds: Optional[float] = _MAX_SECONDS):
    """Extract triples from PATH... and add them to the graph snapshot --out, shard by shard."""
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
    from govkg.errors import InputError
    from govkg.graph.store import build
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    n_articles = [0]
    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("extracting", total=None)

        def progress(fr):
            n_articles[0] += len(getattr(fr, "articles", None) or [])
            for n in getattr(fr, "notes", None) or []:
                bar.console.print(f"govkg: note: {n}", markup=False)
            for e in getattr(fr, "errors", None) or []:
                bar.console.print(f"govkg: {e}", markup=False, emoji=False, highlight=False)
            bar.update(task, advance=getattr(fr, "size", 0), description=f"extracting ({n_articles[0]} articles)")
        manifest = build(paths, out=out, year=year, segmenter=segmenter, progress=progress,
                         workers=workers, dask=dask, total=lambda n: bar.update(task, total=n),
                         min_confidence=min_confidence, guard=_guard(max_article_chars, max_article_seconds))
    for message in manifest.get("rejected", []):
        echo_err(message)
    c = manifest["counts"]
    typer.echo(f"snapshot {out}: {c['articles']} articles, {c['nodes']} nodes, {c['relationships']} "
               f"relationships in {manifest['shards']} shards ({manifest['files']} files read, "
               f"{len(manifest['skipped'])} unchanged skipped)")
    if neo4j:
        load_cmd(snapshot=out, uri=neo4j, user=_env("NEO4J_USER", "neo4j"), batch_size=1000, database=None,
                 bulk=False, data_dir=None, csv_out=None)
    if manifest["failed"]:
        raise InputError(f"{len(manifest['failed'])} input problem(s) reported above; the rest is in {out}")


def _env(name: str, default: str) -> str:
    import os
    return os.environ.get(name) or default


@app.command("load")
def load_cmd(snapshot: Path = typer.Option(..., "--snapshot", help="Snapshot directory from `govkg build`."),
             uri: str = _URI, user: str = _USER,
             batch_size: int = typer.Option(1000, "--batch-size", min=1, help="Rows per transaction."),
             database: Optional[str] = _DATABASE,
             bulk: bool = typer.Option(False, "--bulk", help="Empty database: neo4j-admin import on the local "
                                       "server (stopped and restarted), then constraints and indexes."),
             data_dir: Optional[Path] = _DATA_DIR_OPT,
             csv_out: Optional[Path] = typer.Option(None, "--csv-out", help="With --bulk: only write the "
                                                    "neo4j-admin CSV files and import.sh here (e.g. for Docker).")):
    """Load a snapshot into Neo4j: over Bolt (idempotent: MERGE on ids), or --bulk with neo4j-admin."""
    from rich.console import Console
    from rich.progress import Progress
    if bulk:
        return _bulk_load(snapshot, uri, user, data_dir, csv_out)
    from govkg.graph import shards
    from govkg.graph.neo4j import connect, load_snapshot
    shards.snapshot_version(Path(snapshot))
    with connect(uri, user, _password(uri)) as driver, \
            Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("loading rows", total=None)
        counts = load_snapshot(driver, snapshot, batch_size=batch_size, database=database,
                               progress=lambda done, total: bar.update(task, completed=done, total=total))
    typer.echo(f"loaded {snapshot} into {uri}: {counts['nodes']} nodes, {counts['relationships']} "
               f"relationships in {counts['batches']} transactions")


def _bulk_load(snapshot: Path, uri: str, user: str, data_dir: Optional[Path],
               csv_out: Optional[Path]) -> None:
    from govkg.graph import bulk, shards
    shards.snapshot_version(Path(snapshot))
    if csv_out is not None:
        rows = bulk.write_import_files(snapshot, csv_out)
        typer.echo(f"wrote {len(rows)} CSV files and {csv_out / 'import.sh'}: run it with neo4j-admin "
                   f"on a stopped server, start it, then `govkg load --snapshot {snapshot}` adds the schema")
        return
    port = int(uri.rsplit(":", 1)[1]) if uri.rsplit(":", 1)[-1].isdigit() else 7687
    import os
    res = bulk.bulk_load(snapshot, data_dir=data_dir, port=port, password=os.environ.get("NEO4J_PASSWORD") or None,
                         user=user,
                         progress=lambda msg: typer.echo(f"govkg: {msg}", err=True))
    sec = res["seconds"]
    typer.echo(f"bulk-loaded {snapshot} into {res['uri']}: {res['nodes']} nodes, {res['relationships']} "
               f"relationships (csv {sec['csv']:.1f} s, import {sec['import']:.1f} s, "
               f"restart + schema {sec['schema']:.1f} s)")


@app.command("query")
def query_cmd(cypher: str = typer.Argument(..., help="A Cypher statement; pass values with --param."),
              param: List[str] = typer.Option([], "--param", help="k=v (v parsed as JSON if it parses)."),
              fmt: str = typer.Option("table", "--format", help="table, json or csv."),
              write: bool = typer.Option(False, "--write", help="Allow writes (default: read transaction)."),
              uri: str = _URI, user: str = _USER,
              database: Optional[str] = _DATABASE):
    """Run one Cypher statement and print its rows."""
    import json
    from govkg.graph.neo4j import connect, run_query
    if fmt not in ("table", "json", "csv"):
        raise typer.BadParameter("must be table, json or csv", param_hint="--format")
    params = {}
    for item in param:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"{item!r} is not k=v", param_hint="--param")
        try:
            params[key] = json.loads(value)
        except (ValueError, RecursionError):
            params[key] = value
    with connect(uri, user, _password(uri)) as driver:
        columns, rows = run_query(driver, cypher, params=params, write=write, database=database)
    from govkg.cells import print_rows
    print_rows(columns, rows, fmt)


# --- analysis commands (issue 4) ---
_SNAP = typer.Option(None, "--snapshot", help="Snapshot directory from `govkg build`.")
_NEO = typer.Option(None, "--neo4j", help="Read the graph from this Bolt URI instead of a snapshot.")
_SINCE = typer.Option(None, "--since", help="From this date (YYYY-MM-DD or --MM-DD; meeting dates, else article dates).")
_UNTIL = typer.Option(None, "--until", help="Until this date (inclusive).")
_LOCALITY = typer.Option(None, "--locality", help="Only relationships whose article or evidence names this place.")


def _graph_source(snapshot: Optional[Path], neo4j: Optional[str], user: str, database: Optional[str]):
    """The Snapshot named by exactly one of --snapshot and --neo4j."""
    from govkg.graph.views import FilterError
    if (snapshot is None) == (neo4j is None):
        raise FilterError("give exactly one of --snapshot DIR and --neo4j URI")
    if snapshot is not None:
        from govkg.graph.store import read_snapshot
        return read_snapshot(snapshot)
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
                   database: Optional[str] = _DATABASE,
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
    report = centrality_report(_graph_source(snapshot, neo4j, user, database), top=top, k=k,
                               seed=seed, sort=sort, since=since, until=until, locality=locality)
    _emit(render(report, fmt), output)
    if chart is not None:
        bar_chart(report, chart, metric=sort)
        typer.echo(f"wrote {chart}", err=True)


@app.command("communities")
def communities_cmd(snapshot: Optional[Path] = _SNAP, neo4j: Optional[str] = _NEO, user: str = _USER,
                    database: Optional[str] = _DATABASE,
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
    report = communities(_graph_source(snapshot, neo4j, user, database), seed=seed,
                         resolution=resolution, min_size=min_size, since=since, until=until, locality=locality,
                         method=method)
    _emit(render(report, fmt), output)


@app.command("export")
def export_cmd(snapshot: Optional[Path] = _SNAP, neo4j: Optional[str] = _NEO, user: str = _USER,
               database: Optional[str] = _DATABASE,
               fmt: str = typer.Option(..., "--format", help="html, graphml, gexf, json, png or svg."),
               output: Path = typer.Option(..., "-o", "--output", help="Output file."),
               since: Optional[str] = _SINCE, until: Optional[str] = _UNTIL, locality: Optional[str] = _LOCALITY,
               types: Optional[str] = typer.Option(None, "--types", help="Comma-separated predicates and/or entity types to keep."),
               title: Optional[str] = typer.Option(None, "--title", help="Title of the HTML page or drawing."),
               view: str = typer.Option("auto", "--view", help="html: auto (whole graph up to --max-nodes, else "
                                        "top), full, top (most connected people) or communities."),
               focus: Optional[str] = typer.Option(None, "--focus", help="html: the ego network of this person."),
               hops: int = typer.Option(2, "--hops", min=1, help="html: links from --focus."),
               max_nodes: int = typer.Option(2000, "--max-nodes", min=10, help="html: nodes drawn at most.")):
    """Export the typed graph (html: one offline file; graphml/gexf: Gephi, yEd; json: node-link)."""
    from govkg.graph.export import export
    from govkg.graph.views import typed_graph
    G = typed_graph(_graph_source(snapshot, neo4j, user, database), since=since, until=until,
                    types=types, locality=locality)
    export(G, fmt, output, title=title, view=view, focus=focus, hops=hops, max_nodes=max_nodes)
    typer.echo(f"wrote {output}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        rv = app(args=argv, prog_name="govkg", standalone_mode=False)
        if isinstance(rv, int):  # click returns typer.Exit's code when not in standalone mode
            return rv
    except GovkgError as e:
        if debug:
            raise
        echo_err(str(e))
        return e.exit_code
    except (typer.Exit, SystemExit) as e:  # typer.Exit from commands that set an exit code
        code = getattr(e, "exit_code", None)
        code = e.code if code is None else code
        return int(code or 0)
    except typer.Abort:
        echo_err("aborted")
        return 130
    except OSError as e:  # an output path that cannot be written, a disk full: the user can act on it
        if debug:
            raise
        where = f"{e.filename}: " if getattr(e, "filename", None) else ""
        echo_err(f"{where}{e.strerror or e}")
        return 74
    except Exception as e:  # click usage errors (typer may vendor its own click) and the like
        if callable(getattr(e, "show", None)) and isinstance(getattr(e, "exit_code", None), int):
            e.show()
            return e.exit_code
        if debug:
            raise
        echo_err(f"internal error: {type(e).__name__}: {e} (run with --debug for the traceback)")
        return 70
    return 0


def run() -> None:  # console-script entry point
    sys.exit(main())
