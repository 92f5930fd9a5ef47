"""Every Cypher statement govkg sends to Neo4j.

Labels and relationship types are interpolated into statements only after they
are checked against the schema whitelists (:data:`govkg.schema.ENTITY_TYPES`,
:data:`govkg.schema.PREDICATES`); every value travels as a query parameter.
"""
from __future__ import annotations

from typing import List

from govkg.schema import ENTITY_TYPES, PREDICATES, RESOLVED_NODE_PROPS, RESOLVED_REL_PROPS


class UnsafeIdentifier(ValueError):
    """A label or relationship type outside the schema whitelist."""


def label(name: str) -> str:
    """``name`` quoted for Cypher, if it is a schema entity type.

    >>> label("Person")
    '`Person`'
    """
    if not isinstance(name, str) or name not in ENTITY_TYPES:
        raise UnsafeIdentifier(f"node label {name!r} is not in the schema "
                               f"({', '.join(ENTITY_TYPES)})")
    return f"`{name}`"


def rel_type(name: str) -> str:
    """``name`` quoted for Cypher, if it is a schema predicate.

    >>> rel_type("CHAIRED")
    '`CHAIRED`'
    """
    if not isinstance(name, str) or name not in PREDICATES:
        raise UnsafeIdentifier(f"relationship type {name!r} is not in the schema "
                               f"({', '.join(PREDICATES)})")
    return f"`{name}`"


# ----------------------------------------------------------------------------- schema

def constraint_statements() -> List[str]:
    """Uniqueness of ``id`` for every node label (this also indexes ``id``)."""
    return [f"CREATE CONSTRAINT govkg_{lab.lower()}_id IF NOT EXISTS "
            f"FOR (n:{label(lab)}) REQUIRE n.id IS UNIQUE" for lab in ENTITY_TYPES]


def index_statements() -> List[str]:
    """Indexes on node ``name`` and on relationship ``id`` and ``article_id``."""
    stmts = [f"CREATE INDEX govkg_{lab.lower()}_name IF NOT EXISTS "
             f"FOR (n:{label(lab)}) ON (n.name)" for lab in ENTITY_TYPES]
    for p in PREDICATES:
        stmts.append(f"CREATE INDEX govkg_{p.lower()}_id IF NOT EXISTS "
                     f"FOR ()-[r:{rel_type(p)}]-() ON (r.id)")
        stmts.append(f"CREATE INDEX govkg_{p.lower()}_article IF NOT EXISTS "
                     f"FOR ()-[r:{rel_type(p)}]-() ON (r.article_id)")
    return stmts


#: wait until the indexes just created are online (seconds as parameter)
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"


# ----------------------------------------------------------------------------- loading

#: properties set on every node besides ``id`` and ``name``, by label, and on every relationship
#: besides ``id`` (as in the resolved snapshot; the raw snapshot's are a subset of them)
NODE_SET = RESOLVED_NODE_PROPS
REL_SET = RESOLVED_REL_PROPS


def _sets(var: str, props) -> str:
    # property names are fixed identifiers of the schema above, values are parameters
    return ", ".join(f"{var}.{p} = row.{p}" for p in props)


def merge_nodes(lab: str) -> str:
    """Batched node upsert for one label: parameter ``$rows`` = ``[{id, name, ...}, ...]``.

    Each property is SET by name: the planner then sees that no SET touches the ``id``
    the MERGE reads, and plans no ``Eager`` (which ``SET n += map`` forces; see
    ``bench/README.md``, the batch-size cliff). Returns one row, ``count``: rows merged.
    """
    return (f"UNWIND $rows AS row "
            f"MERGE (n:{label(lab)} {{id: row.id}}) "
            f"SET {_sets('n', ('name',) + NODE_SET.get(lab, ()))} "
            f"RETURN count(*) AS count")


#: a property written and removed on a relationship's start node, only to take its lock
LOCK = "govkg_lock"


def merge_relationships(p: str) -> str:
    """Batched relationship upsert for one type: ``$rows`` = ``[{id, start, end, evidence, ...}, ...]``.

    The end nodes are matched by ``id`` under the labels the schema gives the
    predicate; a row whose end nodes are missing merges nothing, and the
    returned ``count`` (rows merged) is then smaller than the batch.

    The relationship is looked up by ``id`` alone (``OPTIONAL MATCH ()-[old {id}]->()``,
    which only the relationship index can answer) and created when absent. A
    ``MERGE (a)-[r {id}]->(b)`` lets the planner expand every relationship between
    ``a`` and ``b`` instead, once statistics show relationships: its cost then grows
    with the parallel relationships of a pair (the same fact in many articles) and
    changes with each replan, which was the batch-size cliff (``bench/README.md``).
    Before the lookup the start node is written (a property set and removed: no change, but
    an exclusive lock held to the commit), so two concurrent loads of the same relationship
    take turns and the second finds what the first created instead of creating it again.
    """
    quoted = rel_type(p)
    s, o = PREDICATES[p]
    return (f"UNWIND $rows AS row "
            f"MATCH (a:{label(s)} {{id: row.start}}) "
            f"MATCH (b:{label(o)} {{id: row.end}}) "
            f"SET a.{LOCK} = true REMOVE a.{LOCK} "
            f"WITH a, b, row "
            f"OPTIONAL MATCH ()-[old:{quoted} {{id: row.id}}]->() "
            f"CALL (a, b, row, old) {{ WITH a, b, row, old WHERE old IS NULL "
            f"CREATE (a)-[r:{quoted} {{id: row.id}}]->(b) SET {_sets('r', REL_SET)} }} "
            f"CALL (row, old) {{ WITH row, old WHERE old IS NOT NULL SET {_sets('old', REL_SET)} }} "
            f"RETURN count(*) AS count")


def merge_nodes_eager(lab: str) -> str:
    """The node upsert before issue 10 (``SET n += row.props``, planned with an Eager), for benchmarks."""
    return (f"UNWIND $rows AS row MERGE (n:{label(lab)} {{id: row.id}}) "
            f"SET n += row.props RETURN count(*) AS count")


def merge_relationships_eager(p: str) -> str:
    """The relationship upsert before issue 10 (``MERGE``, ``SET r += row.props``), for benchmarks."""
    s, o = PREDICATES[p]
    return (f"UNWIND $rows AS row MATCH (a:{label(s)} {{id: row.start}}) MATCH (b:{label(o)} {{id: row.end}}) "
            f"MERGE (a)-[r:{rel_type(p)} {{id: row.id}}]->(b) SET r += row.props RETURN count(*) AS count")


# ----------------------------------------------------------------------------- counting

def count_nodes(lab: str) -> str:
    """Number of nodes with one label (column ``count``)."""
    return f"MATCH (n:{label(lab)}) RETURN count(n) AS count"


def count_relationships(p: str) -> str:
    """Number of relationships of one type (column ``count``)."""
    return f"MATCH ()-[r:{rel_type(p)}]->() RETURN count(r) AS count"


#: number of nodes in the database (column ``count``)
COUNT_ALL_NODES = "MATCH (n) RETURN count(n) AS count"

#: number of relationships in the database (column ``count``)
COUNT_ALL_RELATIONSHIPS = "MATCH ()-[r]->() RETURN count(r) AS count"

#: delete everything, in batches (needs an auto-commit transaction: ``session.run``)
DELETE_ALL = ("MATCH (n) CALL (n) { DETACH DELETE n } "
              "IN TRANSACTIONS OF 10000 ROWS")


# ----------------------------------------------------------------------------- mirroring

def node_ids(lab: str) -> str:
    """Every node id of one label (column ``id``)."""
    return f"MATCH (n:{label(lab)}) RETURN n.id AS id"


def relationship_ends(p: str) -> str:
    """Every relationship of one type with its ends' ids (columns ``id``, ``start``, ``end``)."""
    return f"MATCH (a)-[r:{rel_type(p)}]->(b) RETURN r.id AS id, a.id AS start, b.id AS end"


def delete_nodes(lab: str) -> str:
    """Delete the nodes of one label whose ids are in ``$ids`` (and their relationships)."""
    return f"UNWIND $ids AS id MATCH (n:{label(lab)} {{id: id}}) DETACH DELETE n RETURN count(*) AS count"


def delete_relationships(p: str) -> str:
    """Delete the relationships of one type whose ids are in ``$ids``."""
    return f"UNWIND $ids AS id MATCH ()-[r:{rel_type(p)} {{id: id}}]->() DELETE r RETURN count(*) AS count"


# ----------------------------------------------------------------------------- profiles

#: ids of the people called ``$name``, with it among their aliases, or of that id (column ``id``)
PEOPLE_NAMED = ("MATCH (p:`Person`) WHERE p.id = $name OR p.name = $name OR $name IN coalesce(p.aliases, []) "
                "RETURN p.id AS id ORDER BY id")

#: the relationships a profile reads: every relationship of the people ``$ids``, and those of
#: the types ``$second`` at the other end of them (co-participants, the organisation of a post);
#: columns ``start``, ``type``, ``end``, ``props``
PROFILE_RELATIONSHIPS = (
    "MATCH (p:`Person`) WHERE p.id IN $ids "
    "MATCH (p)-[r]->(x) "
    "OPTIONAL MATCH (x)-[s]-() WHERE type(s) IN $second "
    "WITH collect(r) + collect(s) AS rels UNWIND rels AS rel WITH DISTINCT rel "
    "RETURN startNode(rel).id AS start, type(rel) AS type, endNode(rel).id AS end, "
    "properties(rel) AS props ORDER BY rel.id")


def nodes_by_id(lab: str) -> str:
    """The nodes of one label whose ids are in ``$ids`` (columns ``id``, ``props``)."""
    return f"MATCH (n:{label(lab)}) WHERE n.id IN $ids RETURN n.id AS id, properties(n) AS props ORDER BY id"


#: who held a post of a place on a day: seen in it on both sides of the day, or on it (the README's
#: question 6, "who was 区委书记 of 二七区 on 2020-11-20"; :func:`govkg.graph.profile.holders` gives
#: the same answer from a snapshot). Parameters ``$post`` (as written, or part of the normalised
#: post), ``$of`` (organisation or division), ``$on`` (YYYY-MM-DD).
HOLDERS = (
    "MATCH (p:Person)-[h:HOLDS]->(q:Position)-[:OF]->(o:Organisation) "
    "WHERE ($post IN q.wordings OR q.name CONTAINS $post) AND (o.name CONTAINS $of OR o.locality CONTAINS $of) "
    "WITH p, q, min(h.first_seen) AS first_seen, max(h.last_seen) AS last_seen "
    "WHERE first_seen <= $on <= last_seen "
    "RETURN p.name AS person, q.name AS post, first_seen, last_seen ORDER BY first_seen, person")

#: every post a person held, in order of first seen (the README's question 7, "every post 苏建设
#: held, in order"; the posts of ``govkg person``). Parameter ``$name``.
POSTS_IN_ORDER = (
    "MATCH (p:Person {name: $name})-[h:HOLDS]->(q:Position) "
    "WITH q, min(h.first_seen) AS first_seen, max(h.last_seen) AS last_seen, count(DISTINCT h.article_id) AS articles "
    "RETURN q.name AS post, first_seen, last_seen, articles ORDER BY first_seen, last_seen, post")
