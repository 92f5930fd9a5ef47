"""Cypher builders: schema whitelist for labels and types, values only as parameters."""
from __future__ import annotations

import re

import pytest

from govkg.graph import queries as Q
from govkg.schema import ENTITY_TYPES, PREDICATES

HOSTILE = ["Person) DETACH DELETE n //", "person", "Person`", "", None, 7, "`Person`",
           "HOLDS]->() DELETE r //", "holds", "KNOWS", "Person:Admin"]


@pytest.mark.parametrize("bad", HOSTILE)
def test_labels_and_types_outside_whitelist_are_refused(bad):
    for build in (Q.label, Q.merge_nodes, Q.count_nodes):
        with pytest.raises(Q.UnsafeIdentifier):
            build(bad)
    for build in (Q.rel_type, Q.merge_relationships, Q.count_relationships):
        with pytest.raises(Q.UnsafeIdentifier):
            build(bad)


def test_whitelist_accepts_schema():
    for lab in ENTITY_TYPES:
        assert f"(n:`{lab}` {{id: row.id}})" in Q.merge_nodes(lab)
    for p, (s, o) in PREDICATES.items():
        stmt = Q.merge_relationships(p)
        assert f"(a:`{s}` {{id: row.start}})" in stmt and f"(b:`{o}` {{id: row.end}})" in stmt
        assert f"[r:`{p}` {{id: row.id}}]" in stmt


def all_statements():
    stmts = Q.constraint_statements() + Q.index_statements()
    stmts += [Q.merge_nodes(x) for x in ENTITY_TYPES] + [Q.count_nodes(x) for x in ENTITY_TYPES]
    stmts += [Q.merge_relationships(p) for p in PREDICATES] + [Q.count_relationships(p) for p in PREDICATES]
    stmts += [Q.AWAIT_INDEXES, Q.COUNT_ALL_NODES, Q.COUNT_ALL_RELATIONSHIPS, Q.DELETE_ALL]
    return stmts


def test_values_are_parameters_never_literals():
    for stmt in all_statements():
        # no string literals, no numbers other than the fixed batch size of DELETE_ALL
        assert "'" not in stmt and '"' not in stmt, stmt
        literal_numbers = re.findall(r"(?<![\w$])\d+(?!\w)", stmt)
        assert literal_numbers in ([], ["10000"]), stmt
    for stmt in [Q.merge_nodes(x) for x in ENTITY_TYPES] + [Q.merge_relationships(p) for p in PREDICATES]:
        assert stmt.startswith("UNWIND $rows AS row ") and "= row.evidence" in stmt or "n.name = row.name" in stmt
        # every property set comes from the row, by a name of the schema's fixed lists
        for prop in re.findall(r"\b(?:n|r|old)\.(\w+) = ", stmt):
            assert prop in ("name",) + Q.REL_SET + tuple(x for v in Q.NODE_SET.values() for x in v), prop


def test_constraints_cover_every_label():
    stmts = Q.constraint_statements()
    assert len(stmts) == len(ENTITY_TYPES)
    for lab, stmt in zip(ENTITY_TYPES, stmts):
        assert "IF NOT EXISTS" in stmt and f"(n:`{lab}`)" in stmt and "REQUIRE n.id IS UNIQUE" in stmt
    assert all("IF NOT EXISTS" in s for s in Q.index_statements())
    names = [re.search(r"CREATE (?:CONSTRAINT|INDEX) (\w+)", s).group(1)
             for s in Q.constraint_statements() + Q.index_statements()]
    assert len(names) == len(set(names))
