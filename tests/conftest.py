"""Fixtures shared by the tests (the CLI tests load Neo4j too).

``neo4j_server`` (session scope) gives ``(uri, user, password)`` of a real Neo4j 5.26 server::

    pytestmark = pytest.mark.neo4j

    def test_something(neo4j_server):
        uri, user, password = neo4j_server
        with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
            driver.execute_query("RETURN 1")

* With ``GOVKG_NEO4J_URI`` set (e.g. ``bolt://127.0.0.1:7687``), that server is used as is, with
  user ``GOVKG_NEO4J_USER`` (default ``neo4j``) and password ``NEO4J_PASSWORD`` (or the local
  server's stored one); nothing is started or stopped.
* Otherwise one local server (``govkg.graph.server.start``) is started for the whole session in
  a temporary data directory on a free port, and stopped at the end. The first run on a machine
  builds it with Maven (about a minute); a start takes 15-30 s on 2 cores.

The database is shared by every test of the session and is NOT cleared between tests: clear
what you need yourself (Community edition has only the ``neo4j`` database).

Tests marked ``neo4j`` are never skipped: if no server can be reached or started, the fixture
fails the test with the reason (one line naming what to do).
"""
from __future__ import annotations

import os

import pytest

from govkg.errors import GovkgError
from govkg.graph import server
from govkg.graph.password import resolve as resolve_password

TEST_PASSWORD = "govkg-test-password"


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """``(uri, user, password)`` of a running Neo4j for the whole session (see module docstring)."""
    uri = os.environ.get("GOVKG_NEO4J_URI")
    if uri:
        user = os.environ.get("GOVKG_NEO4J_USER", server.DEFAULT_USER)
        try:
            password = resolve_password()
            server.wait_for_bolt(uri, user=user, password=password, timeout=60)
        except GovkgError as e:
            pytest.fail(f"GOVKG_NEO4J_URI={uri}: {e}", pytrace=False)
        yield uri, user, password
        return

    data_dir = tmp_path_factory.mktemp("neo4j-session")
    try:
        info = server.start(data_dir=data_dir, port=server.free_port(), password=TEST_PASSWORD,
                            timeout=float(os.environ.get("GOVKG_NEO4J_START_TIMEOUT", "300")))
    except GovkgError as e:
        pytest.fail(f"could not start the local Neo4j server: {e}", pytrace=False)
    try:
        yield info.uri, info.user, TEST_PASSWORD
    finally:
        server.stop(data_dir=data_dir)
