"""Loading snapshots into Neo4j and running Cypher against it.

Database problems are raised, never returned as a status: an unreachable server
or refused credentials is :class:`~govkg.errors.Neo4jUnavailable` (one line naming
the URI and saying how to start a server), a statement Neo4j rejects is
:class:`~govkg.errors.QueryError` carrying Neo4j's own message.

Loading is idempotent: nodes and relationships are MERGEd on their snapshot ids,
so loading twice, or re-running an interrupted load, ends with the same graph.
"""
from __future__ import annotations

import contextlib
import logging
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

from neo4j import GraphDatabase, RoutingControl
from neo4j import exceptions as nx

from govkg.errors import Neo4jUnavailable, QueryError, SnapshotError
from govkg.graph import queries as Q
from govkg.graph import resolved as R
from govkg.graph import versions as V
from govkg.schema import ENTITY_TYPES, PREDICATES

START_HINT = "start one with `govkg neo4j start` (or `docker compose up -d`)"
AUTH_HINT = ("check --user or NEO4J_USER, and NEO4J_PASSWORD (unset, the local server's stored password "
             "in DATA_DIR/password is used)")
LOAD_HINT = ("govkg's local Neo4j reads no files or URLs from Cypher; load data with "
             "`govkg load --snapshot DIR`")
#: seconds the driver keeps retrying a managed transaction on transient errors (deadlocks, leader changes)
RETRY_SECONDS = 120.0
BOLT_SCHEMES = ("bolt", "neo4j", "bolt+s", "bolt+ssc", "neo4j+s", "neo4j+ssc")
Progress = Callable[[int, int], None]

# the driver logs failed connection attempts and server notifications at WARNING
# level; without any handler Python's last-resort handler would print them to
# stderr beside our one line (an application that configures logging still sees them)
logging.getLogger("neo4j").addHandler(logging.NullHandler())


def _one_line(e: BaseException) -> str:
    msg = getattr(e, "message", None) or str(e) or type(e).__name__
    return " ".join(str(msg).split())


def _uri(driver: Any) -> str:
    return getattr(driver, "_govkg_uri", None) or "the Neo4j server"


@contextlib.contextmanager
def _errors(driver: Any) -> Iterator[None]:
    """Turn driver exceptions into govkg errors (one line each)."""
    try:
        yield
    except nx.AuthError as e:
        raise Neo4jUnavailable(f"Neo4j at {_uri(driver)} refused the credentials: {_one_line(e)}") from e
    except (nx.ServiceUnavailable, nx.SessionExpired) as e:
        raise Neo4jUnavailable(f"lost the connection to Neo4j at {_uri(driver)} ({_one_line(e)}); "
                               f"{START_HINT}") from e
    except nx.Neo4jError as e:
        hint = f" ({LOAD_HINT})" if e.code == "Neo.ClientError.Statement.ExternalResourceFailed" else ""
        raise QueryError(_one_line(e) + hint) from e
    except nx.DriverError as e:
        raise QueryError(f"Neo4j driver error: {_one_line(e)}") from e


def connect(uri: str, user: str, password: str, *, timeout: float = 10.0) -> Any:
    """Open a driver and check that the server answers and accepts the credentials.

    Parameters
    ----------
    uri : str
        Bolt URI, e.g. ``bolt://127.0.0.1:7687``.
    user, password : str
        Credentials.
    timeout : float
        Seconds to wait for a connection.

    Returns
    -------
    neo4j.Driver
        A verified driver; close it when done (it is a context manager).

    Raises
    ------
    Neo4jUnavailable
        One line naming the URI: the server is not reachable (and how to start
        one) or it refused the credentials.
    """
    scheme = str(uri).split("://", 1)[0] if "://" in str(uri) else ""
    if scheme not in BOLT_SCHEMES:
        raise Neo4jUnavailable(f"cannot use Neo4j URI {uri}: expected one of "
                               f"{', '.join(s + '://HOST:PORT' for s in BOLT_SCHEMES[:2])}, ...")
    try:
        driver = GraphDatabase.driver(uri, auth=(user, password), connection_timeout=timeout,
                                      connection_acquisition_timeout=timeout,
                                      max_transaction_retry_time=RETRY_SECONDS)
    except (nx.ConfigurationError, ValueError) as e:
        raise Neo4jUnavailable(f"cannot use Neo4j URI {uri}: {_one_line(e)}") from e
    driver._govkg_uri = uri
    try:
        driver.verify_connectivity()
    except nx.AuthError as e:
        driver.close()
        raise Neo4jUnavailable(f"Neo4j at {uri} refused user {user!r} ({_one_line(e)}); {AUTH_HINT}") from e
    except nx.Neo4jError as e:
        driver.close()
        if (e.code or "").startswith("Neo.ClientError.Security"):
            raise Neo4jUnavailable(f"Neo4j at {uri} refused user {user!r} ({_one_line(e)}); {AUTH_HINT}") from e
        raise Neo4jUnavailable(f"Neo4j at {uri} is not ready ({_one_line(e)})") from e
    except (nx.DriverError, OSError) as e:
        driver.close()
        reason = _one_line(e)
        if "Connection refused" in reason:
            reason = "connection refused: no server listens there"
        raise Neo4jUnavailable(f"cannot reach Neo4j at {uri} ({reason}); {START_HINT}") from e
    return driver


def run_query(driver: Any, cypher: str, *, params: Optional[Dict[str, Any]] = None,
              write: bool = False, database: Optional[str] = None) -> Tuple[List[str], List[List[Any]]]:
    """Run one Cypher statement; a read transaction unless ``write``.

    Parameters
    ----------
    driver : neo4j.Driver
    cypher : str
        The statement; values belong in ``params``.
    params : dict, optional
        Query parameters.
    write : bool
        Run in a write transaction (a read transaction refuses writes).
    database : str, optional
        Database name (default: the server's default database).

    Returns
    -------
    (columns, rows)
        Column names and rows of plain Python values (nodes, relationships
        and paths become dicts, temporal values ISO strings).

    Raises
    ------
    QueryError
        Neo4j rejected the statement (its own message).
    Neo4jUnavailable
        The server went away.
    """
    routing = RoutingControl.WRITE if write else RoutingControl.READ
    with _errors(driver):
        result = driver.execute_query(cypher, params or {}, routing_=routing, database_=database)
    return list(result.keys), [[to_plain(v) for v in rec.values()] for rec in result.records]


def to_plain(value: Any) -> Any:
    """A JSON-friendly copy of a value returned by the driver."""
    from neo4j.graph import Node, Path as GPath, Relationship
    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: to_plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: to_plain(v) for k, v in value.items()}}
    if isinstance(value, GPath):
        return {"nodes": [to_plain(n) for n in value.nodes],
                "relationships": [to_plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


# ----------------------------------------------------------------------------- loading

def ensure_schema(driver: Any, *, database: Optional[str] = None, wait: float = 300.0) -> None:
    """Create the id constraints and the indexes (if missing) and wait until they are online.

    Each statement is a managed transaction, retried on transient errors; one that another
    load created at the same moment counts as created.
    """
    with _errors(driver), driver.session(database=database) as s:
        for stmt in Q.constraint_statements() + Q.index_statements():
            try:
                s.execute_write(_run, stmt)
            except nx.ClientError as e:
                if e.code not in SCHEMA_RACES:
                    raise
        s.execute_read(_run, Q.AWAIT_INDEXES, seconds=int(wait))


#: what a concurrent ``CREATE ... IF NOT EXISTS`` of the same rule may answer
SCHEMA_RACES = ("Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
                "Neo.ClientError.Schema.ConstraintAlreadyExists", "Neo.ClientError.Schema.IndexAlreadyExists")


def _run(tx: Any, stmt: str, **params: Any) -> None:
    tx.run(stmt, **params).consume()


def _records(d: Path, kind: str, resolved: bool) -> Iterator[Dict[str, Any]]:
    return R.iter_resolved(d, kind) if resolved else V.live_records(d, kind)


def _batches(snapshot_dir: Path, batch_size: int, limit: Optional[int], resolved: bool = False
             ) -> Iterator[Tuple[str, str, str, List[Dict[str, Any]]]]:
    """Load steps ``(kind, label or type, statement, rows)`` streamed from the merged shards,
    all nodes first; one buffer per label or type, so memory holds a few batches."""
    d = Path(snapshot_dir)
    buf: Dict[str, List[Dict[str, Any]]] = {}
    for n in _records(d, "nodes", resolved):
        rows = buf.setdefault(n["label"], [])
        rows.append(_row(n, ("name",) + Q.NODE_SET.get(n["label"], ())))
        if len(rows) >= batch_size:
            yield "nodes", n["label"], Q.merge_nodes(n["label"]), buf.pop(n["label"])
    for lab in ENTITY_TYPES:
        if buf.get(lab):
            yield "nodes", lab, Q.merge_nodes(lab), buf.pop(lab)
    left = limit
    for r in _records(d, "relationships", resolved):
        if left is not None:
            if left <= 0:
                break
            left -= 1
        rows = buf.setdefault(r["type"], [])
        rows.append(_row(r, ("start", "end") + Q.REL_SET))
        if len(rows) >= batch_size:
            yield "relationships", r["type"], Q.merge_relationships(r["type"]), buf.pop(r["type"])
    for p in PREDICATES:
        if buf.get(p):
            yield "relationships", p, Q.merge_relationships(p), buf.pop(p)


#: also send ``props`` (a map of the properties) in each row: what the statements before
#: issue 10 read (``queries.merge_*_eager``); only ``bench/batch_bench.py`` sets it
ROW_PROPS = False


def _row(rec: Dict[str, Any], keys: Tuple[str, ...]) -> Dict[str, Any]:
    """The parameters of one record: ``id`` and the properties ``keys``, flat."""
    row = {"id": rec["id"], **{k: rec.get(k) for k in keys}}
    if ROW_PROPS:
        row["props"] = {k: rec.get(k) for k in keys if k not in ("start", "end")}
    return row


def _write_batch(tx: Any, stmt: str, rows: List[Dict[str, Any]]) -> int:
    return tx.run(stmt, rows=rows).single()["count"]


def _load(driver: Any, snapshot_dir: Path, batch_size: int, database: Optional[str],
          progress: Optional[Progress], limit: Optional[int], resolved: bool = False,
          mirror: bool = False) -> Dict[str, Any]:
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if resolved:
        counts = R.counts(Path(snapshot_dir))
    else:
        from govkg.graph.store import manifest
        counts = manifest(Path(snapshot_dir))["counts"]
    ensure_schema(driver, database=database)
    pruned = prune(driver, Path(snapshot_dir), database=database, resolved=resolved) if mirror else None
    rels = counts["relationships"] if limit is None else min(limit, counts["relationships"])
    total = counts["nodes"] + rels
    done, batches = 0, 0
    loaded = {"nodes": 0, "relationships": 0}
    seconds = {"nodes": 0.0, "relationships": 0.0}
    with _errors(driver), driver.session(database=database) as session:
        t0 = time.perf_counter()
        for kind, name, stmt, batch in _batches(Path(snapshot_dir), batch_size, limit, resolved):
            merged = session.execute_write(_write_batch, stmt, batch)
            if merged != len(batch):
                raise SnapshotError(f"snapshot {snapshot_dir}: {len(batch) - merged} {name} "
                                    f"relationship(s) refer to nodes missing from the database")
            done += len(batch)
            batches += 1
            loaded[kind] += len(batch)
            now = time.perf_counter()
            seconds[kind] += now - t0
            t0 = now
            if progress:
                progress(done, total)
    return {"nodes": loaded["nodes"], "relationships": loaded["relationships"],
            "batches": batches, "seconds": seconds, "pruned": pruned,
            "snapshot": {k: counts[k] for k in ("nodes", "relationships")}}


def prune(driver: Any, snapshot_dir: Path, *, database: Optional[str] = None,
          batch_size: int = 5000, resolved: bool = False) -> Dict[str, int]:
    """Make the database mirror the snapshot before a load: delete the nodes whose ids the
    snapshot no longer has (a replaced or removed article, a person now split or merged) and
    the relationships it no longer has or whose ends moved (the load then creates them anew).

    Reads every id of the database once, label by label and type by type; returns the
    numbers deleted (``nodes``, ``relationships``).
    """
    want_nodes: Dict[str, set] = {lab: set() for lab in ENTITY_TYPES}
    for n in _records(snapshot_dir, "nodes", resolved):
        want_nodes[n["label"]].add(n["id"])
    gone = {"nodes": 0, "relationships": 0}
    with _errors(driver), driver.session(database=database) as s:
        for lab in ENTITY_TYPES:
            have = [row["id"] for row in s.run(Q.node_ids(lab))]
            stale = sorted(i for i in have if i not in want_nodes[lab])
            for k in range(0, len(stale), batch_size):
                gone["nodes"] += s.execute_write(_delete, Q.delete_nodes(lab), stale[k:k + batch_size])
        want_rels = {r["id"]: (r["start"], r["end"]) for r in _records(snapshot_dir, "relationships", resolved)}
        for p in PREDICATES:
            stale = sorted(row["id"] for row in s.run(Q.relationship_ends(p))
                           if want_rels.get(row["id"]) != (row["start"], row["end"]))
            for k in range(0, len(stale), batch_size):
                gone["relationships"] += s.execute_write(_delete, Q.delete_relationships(p),
                                                         stale[k:k + batch_size])
    return gone


def _delete(tx: Any, stmt: str, ids: List[str]) -> int:
    return tx.run(stmt, ids=ids).single()["count"]


def load_snapshot(driver: Any, snapshot_dir: Path, *, batch_size: int = 1000,
                  database: Optional[str] = None, progress: Optional[Progress] = None,
                  resolved: bool = False, mirror: bool = False) -> Dict[str, Any]:
    """Load a snapshot into Neo4j in batches (``UNWIND $rows ... MERGE`` per label and type).

    Parameters
    ----------
    driver : neo4j.Driver
        From :func:`connect`.
    snapshot_dir : Path
        A snapshot written by ``govkg build``.
    batch_size : int
        Rows per transaction.
    database : str, optional
        Target database (default: the server's default).
    progress : callable, optional
        ``progress(rows_done, rows_total)`` after each committed batch. An
        exception it raises stops the load; the committed batches stay, and
        loading again completes the graph.

    Returns
    -------
    dict
        ``nodes``, ``relationships`` (rows merged), ``batches``, ``seconds``
        (by kind) and ``snapshot`` (the manifest's counts).

    resolved : bool
        Load the resolved graph (:mod:`govkg.graph.resolved`) instead of the records as extracted.
    mirror : bool
        First delete what the database holds and the snapshot does not (:func:`prune`), so
        that after a replaced or removed article the database equals the snapshot. Without
        it a load only adds (several snapshots can be loaded into one database).

    Raises
    ------
    SnapshotError, Neo4jUnavailable, QueryError
    """
    return _load(driver, snapshot_dir, batch_size, database, progress, None, resolved, mirror)


def load_snapshot_row_by_row(driver: Any, snapshot_dir: Path, *, database: Optional[str] = None,
                             progress: Optional[Progress] = None,
                             limit: Optional[int] = None) -> Dict[str, Any]:
    """The naive loader, for comparison: one row per transaction, same MERGE statements.

    ``limit`` loads only the first ``limit`` relationships (all nodes are loaded).
    Returns the same dict as :func:`load_snapshot`.
    """
    return _load(driver, snapshot_dir, 1, database, progress, limit)


def database_counts(driver: Any, *, database: Optional[str] = None) -> Dict[str, Any]:
    """Node and relationship counts in the database, in total and by schema label and type."""
    def one(stmt: str) -> int:
        return run_query(driver, stmt, database=database)[1][0][0]
    return {"nodes": one(Q.COUNT_ALL_NODES), "relationships": one(Q.COUNT_ALL_RELATIONSHIPS),
            "nodes_by_label": {lab: one(Q.count_nodes(lab)) for lab in ENTITY_TYPES},
            "relationships_by_type": {p: one(Q.count_relationships(p)) for p in PREDICATES}}


def clear_database(driver: Any, *, database: Optional[str] = None) -> None:
    """Delete every node and relationship (tests and benchmarks only)."""
    with _errors(driver), driver.session(database=database) as s:
        s.run(Q.DELETE_ALL).consume()
