"""govkg neo4j | build | load | query: thin layers over govkg.graph (store, neo4j, bulk)."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from govkg.cli import _MAX_CHARS, _MAX_SECONDS, _WORKERS, _guard, app, echo_err
from govkg.errors import GovkgError  # noqa: F401

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


_RAW = typer.Option(False, "--raw", help="The graph as extracted (one entity per name) instead of "
                    "the resolved graph (people, sittings, posts of organisations).")


@app.command("build")
def build_cmd(paths: Optional[List[Path]] = typer.Argument(None, readable=False, help="Input files or folders."),
              out: Path = typer.Option(..., "--out", help="Snapshot directory (added to if it exists)."),
              remove: List[str] = typer.Option([], "--remove", help="Remove this article (id: art-...) and the "
                                               "triples read from it; repeat for more."),
              year: Optional[int] = typer.Option(None, "--year", help="Year for dates the text gives without one."),
              segmenter: str = typer.Option("pkuseg", "--segmenter", help="pkuseg or jieba."),
              workers: Optional[int] = _WORKERS,
              dask: Optional[str] = typer.Option(None, "--dask", help="Extract on a Dask cluster: tcp://HOST:8786, or local."),
              neo4j: Optional[str] = typer.Option(None, "--neo4j", help="Also load the snapshot into this Bolt URI."),
              min_confidence: float = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0,
                                                   help="Leave out triples whose confidence is below this."),
              max_article_chars: Optional[int] = _MAX_CHARS,
              max_article_seconds: Optional[float] = _MAX_SECONDS):
    """Extract triples from PATH... and add them to the graph snapshot --out, shard by shard
    (a changed file replaces its old articles); --remove takes articles out."""
    from govkg.errors import InputError
    from govkg.graph.store import remove_articles
    if not paths and not remove:
        raise InputError("build: give input PATHs to build, or --remove ARTICLE_ID")
    if remove:
        gone = remove_articles(out, remove)["removed"]
        typer.echo(f"snapshot {out}: removed {len(gone)} article(s): {', '.join(gone)}")
    guard = _guard(max_article_chars, max_article_seconds)
    manifest = _build(paths, out, year, segmenter, workers, dask, min_confidence, guard) if paths else None
    if neo4j:
        load_cmd(snapshot=out, uri=neo4j, user=_env("NEO4J_USER", "neo4j"), batch_size=1000, database=None,
                 bulk=False, data_dir=None, csv_out=None, raw=False, mirror=True)
    if manifest and manifest["failed"]:
        raise InputError(f"{len(manifest['failed'])} input problem(s) reported above; the rest is in {out}")


def _build(paths, out, year, segmenter, workers, dask, min_confidence, guard) -> dict:
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
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
                         min_confidence=min_confidence, guard=guard)
    for message in manifest.get("rejected", []):
        echo_err(message)
    c = manifest["counts"]
    typer.echo(f"snapshot {out}: {c['articles']} articles, {c['nodes']} nodes, {c['relationships']} "
               f"relationships in {manifest['shards']} shards ({manifest['files']} files read, "
               f"{len(manifest['skipped'])} unchanged skipped)")
    return manifest


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
                                                    "neo4j-admin CSV files and import.sh here (e.g. for Docker)."),
             raw: bool = _RAW,
             mirror: bool = typer.Option(True, "--mirror/--no-mirror", help="First delete what the database "
                                         "holds and the snapshot does not (replaced or removed articles, "
                                         "re-resolved people), so the database equals the snapshot; "
                                         "--no-mirror only adds (several snapshots in one database).")):
    """Load a snapshot's resolved graph (or --raw, the graph as extracted) into Neo4j: over Bolt
    (MERGE on ids, mirroring the snapshot), or --bulk with neo4j-admin."""
    from rich.console import Console
    from rich.progress import Progress
    if bulk:
        return _bulk_load(snapshot, uri, user, data_dir, csv_out, not raw)
    from govkg.graph import shards
    from govkg.graph.neo4j import connect, load_snapshot
    shards.snapshot_version(Path(snapshot))
    with connect(uri, user, _password(uri)) as driver, \
            Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("loading rows", total=None)
        counts = load_snapshot(driver, snapshot, batch_size=batch_size, database=database,
                               progress=lambda done, total: bar.update(task, completed=done, total=total),
                               resolved=not raw, mirror=mirror)
    pruned = counts.get("pruned") or {}
    gone = (f"; deleted {pruned['nodes']} nodes and {pruned['relationships']} relationships the snapshot "
            f"no longer has" if pruned and (pruned["nodes"] or pruned["relationships"]) else "")
    typer.echo(f"loaded {snapshot} ({'as extracted' if raw else 'resolved'}) into {uri}: {counts['nodes']} "
               f"nodes, {counts['relationships']} relationships in {counts['batches']} transactions{gone}")


def _bulk_load(snapshot: Path, uri: str, user: str, data_dir: Optional[Path],
               csv_out: Optional[Path], resolved: bool) -> None:
    from govkg.graph import bulk, shards
    shards.snapshot_version(Path(snapshot))
    if csv_out is not None:
        rows = bulk.write_import_files(snapshot, csv_out, resolved=resolved)
        typer.echo(f"wrote {len(rows)} CSV files and {csv_out / 'import.sh'}: run it with neo4j-admin "
                   f"on a stopped server, start it, then `govkg load --snapshot {snapshot}` adds the schema")
        return
    port = int(uri.rsplit(":", 1)[1]) if uri.rsplit(":", 1)[-1].isdigit() else 7687
    import os
    res = bulk.bulk_load(snapshot, data_dir=data_dir, port=port, password=os.environ.get("NEO4J_PASSWORD") or None,
                         user=user,
                         progress=lambda msg: typer.echo(f"govkg: {msg}", err=True), resolved=resolved)
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
