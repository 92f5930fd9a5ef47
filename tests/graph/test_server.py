"""The local Neo4j server wrapper (govkg.graph.server) and ``govkg neo4j`` commands.

Tests marked ``neo4j`` run the real server (Java 17, jars built by scripts/setup-neo4j.sh);
the others are fast and start nothing.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import neo4j
import pytest

from govkg.cli import main as cli_main
from govkg.errors import Neo4jUnavailable, ServerError
from govkg.graph import server


def run_return_1(uri: str, password: str, user: str = "neo4j") -> int:
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
    return records[0]["one"]


# --- fast tests: nothing is started ---------------------------------------------------------

def test_status_and_stop_on_an_empty_dir(tmp_path):
    assert server.status(data_dir=tmp_path) is None
    assert server.stop(data_dir=tmp_path) is False
    assert server.status(data_dir=tmp_path / "does-not-exist") is None


def test_stale_pid_file_is_not_a_server_and_stop_removes_it(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / server.PID_FILE).write_text(f"{dead.pid}\n")
    assert server.status(data_dir=tmp_path) is None
    assert server.stop(data_dir=tmp_path) is False
    assert not (tmp_path / server.PID_FILE).exists()


def test_pid_file_naming_another_program_is_not_a_server(tmp_path):
    (tmp_path / server.PID_FILE).write_text(f"{os.getpid()}\n")  # this pytest process
    assert server.status(data_dir=tmp_path) is None
    assert server.stop(data_dir=tmp_path) is False
    assert (tmp_path / server.PID_FILE).exists()  # a live process: left alone


def test_refused_port_raises_neo4j_unavailable_naming_uri_and_fix():
    uri = f"bolt://127.0.0.1:{server.free_port()}"
    started = time.monotonic()
    with pytest.raises(Neo4jUnavailable) as err:
        server.wait_for_bolt(uri, password="whatever-password", timeout=1.0)
    assert time.monotonic() - started < 15
    message = str(err.value)
    assert uri in message and "govkg neo4j start" in message and "\n" not in message


def test_short_password_is_refused_before_anything_starts(tmp_path):
    with pytest.raises(ServerError, match="at least 8 characters"):
        server.start(data_dir=tmp_path, port=server.free_port(), password="short")
    assert not any(tmp_path.iterdir())


def test_port_in_use_is_reported_without_starting_java(tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        with pytest.raises(ServerError, match=f"port {port} .* in use: pick another with --port"):
            server.start(data_dir=tmp_path, port=port, password="long-enough-pw")
    assert not (tmp_path / server.LOG_FILE).exists()


def test_missing_java_names_the_package_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(ServerError, match="java not found: apt-get install openjdk-17"):
        server.start(data_dir=tmp_path / "d", port=server.free_port(), password="long-enough-pw")


def test_default_data_dir_follows_env(monkeypatch, tmp_path):
    monkeypatch.setenv("GOVKG_NEO4J_HOME", str(tmp_path / "home"))
    assert server.default_data_dir() == tmp_path / "home"
    assert server.resolve_data_dir() == (tmp_path / "home").resolve()
    monkeypatch.delenv("GOVKG_NEO4J_HOME")
    assert server.default_data_dir() == Path.home() / ".local/share/govkg/neo4j"


def test_cli_status_and_stop_without_a_server(tmp_path, capsys):
    assert cli_main(["neo4j", "status", "--data-dir", str(tmp_path)]) == 1
    assert "no Neo4j server running" in capsys.readouterr().err
    assert cli_main(["neo4j", "stop", "--data-dir", str(tmp_path)]) == 0


def test_cli_start_with_short_password_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "short")
    code = cli_main(["neo4j", "start", "--data-dir", str(tmp_path), "--port", str(server.free_port())])
    err = capsys.readouterr().err
    assert code == ServerError.exit_code
    assert err.count("\n") == 1 and "at least 8 characters" in err


# --- the real server --------------------------------------------------------------------------

@pytest.mark.neo4j
def test_start_query_status_restart_keeps_the_password_and_stop(tmp_path):
    data_dir = tmp_path / "neo4j"
    port = server.free_port()
    try:
        info = server.start(data_dir=data_dir, port=port, password="first-password", timeout=300)
        assert info.uri == f"bolt://127.0.0.1:{port}" and info.user == "neo4j"
        assert run_return_1(info.uri, "first-password") == 1
        assert info.password_file == data_dir / "password" and not info.generated
        assert info.password_file.read_text().strip() == "first-password"
        assert server.status(data_dir=data_dir) == info
        assert (data_dir / server.PID_FILE).read_text().strip() == str(info.pid)
        assert "govkg-neo4j ready bolt://127.0.0.1:" in info.log_file.read_text()
        # a second start for the same data dir returns the running server (stored password)
        assert server.start(data_dir=data_dir, port=port) == info
        # ... but not with a password it does not accept
        with pytest.raises(Neo4jUnavailable, match="refused the password"):
            server.start(data_dir=data_dir, port=port, password="wrong-password")

        assert server.stop(data_dir=data_dir) is True
        assert server.status(data_dir=data_dir) is None
        assert not (data_dir / server.PID_FILE).exists()
        with pytest.raises(Neo4jUnavailable):
            server.wait_for_bolt(info.uri, password="first-password", timeout=1)
        assert "govkg-neo4j stopped" in info.log_file.read_text()

        # a restart never resets the password: another one is refused (and that server stopped) ...
        with pytest.raises(Neo4jUnavailable, match="refused the password"):
            server.start(data_dir=data_dir, port=port, password="second-password", timeout=300)
        assert server.status(data_dir=data_dir) is None
        # ... and a plain restart works with the stored one
        again = server.start(data_dir=data_dir, port=port, timeout=300)
        assert again.pid != info.pid
        assert run_return_1(again.uri, "first-password") == 1
        assert info.password_file.read_text().strip() == "first-password"

        # a data directory from before password files: its password must be given once, then kept
        server.stop(data_dir=data_dir)
        info.password_file.unlink()
        with pytest.raises(ServerError, match="no stored password .* set NEO4J_PASSWORD"):
            server.start(data_dir=data_dir, port=port, timeout=300)
        old = server.start(data_dir=data_dir, port=port, password="first-password", timeout=300)
        assert run_return_1(old.uri, "first-password") == 1 and not old.generated
        assert info.password_file.read_text().strip() == "first-password"
        assert info.password_file.stat().st_mode & 0o777 == 0o600
    finally:
        server.stop(data_dir=data_dir)
    assert server.status(data_dir=data_dir) is None


@pytest.mark.neo4j
def test_session_fixture_server_answers(neo4j_server):
    uri, user, password = neo4j_server
    assert run_return_1(uri, password, user) == 1
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
        records, _, _ = driver.execute_query(
            "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS v, edition")
    assert records[0]["v"].startswith("5.26.") and records[0]["edition"] == "community"
