"""The local Neo4j locked down: a fresh `govkg neo4j start` (real server, Browser on) generates a password
and says where it is, listens on 127.0.0.1 only, reads no file or URL from Cypher, refuses WebSocket
from other web origins, never resets its password and keeps its data directory to its owner."""
from __future__ import annotations

import json
import os
import re
import socket
import stat
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from govkg.graph import server

pytestmark = pytest.mark.neo4j
CLI = [sys.executable, "-c", "from govkg.cli import run; run()"]


def cli(*args, home, password=None, timeout=300):
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    env["GOVKG_NEO4J_HOME"] = str(home)  # load/query find the stored password there
    if password:
        env["NEO4J_PASSWORD"] = password
    return subprocess.run(CLI + list(args), capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """A server started by the CLI on a new data directory, without NEO4J_PASSWORD."""
    home = tmp_path_factory.mktemp("secure") / "neo4j"
    bolt, http = server.free_port(), server.free_port()
    r = cli("neo4j", "start", "--port", str(bolt), "--browser", "--browser-port", str(http), home=home)
    assert r.returncode == 0, r.stderr
    info = server.status(data_dir=home)
    assert info is not None
    try:
        yield {"home": home, "bolt": bolt, "http": http, "out": r.stdout, "info": info,
               "uri": f"bolt://127.0.0.1:{bolt}"}
    finally:
        server.stop(data_dir=home)


def test_first_start_generates_a_password_and_says_where(fresh):
    home, out = fresh["home"], fresh["out"]
    pw_file = home / "password"
    assert f"generated now and stored in {pw_file}" in out
    assert fresh["uri"] in out and f"http://127.0.0.1:{fresh['http']}/browser/" in out
    secret = pw_file.read_text().strip()
    assert len(secret) >= 32 and secret != "govkg-local"
    assert stat.S_IMODE(pw_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    auth = home / "data" / "dbms" / "auth.ini"
    assert stat.S_IMODE(auth.stat().st_mode) & 0o077 == 0 and secret not in auth.read_text()
    for sub in ("data", "logs", "import", "plugins"):
        assert stat.S_IMODE((home / sub).stat().st_mode) & 0o077 == 0, sub


def test_the_password_is_on_no_command_line(fresh):
    secret = (fresh["home"] / "password").read_text().strip()
    args = (f"/proc/{fresh['info'].pid}/cmdline")
    assert secret not in open(args, "rb").read().decode(errors="replace")
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert secret not in ps


def test_listens_on_127_0_0_1_only(fresh):
    out = subprocess.run(["ss", "-Hltnp"], capture_output=True, text=True, check=True).stdout
    mine = [line.split() for line in out.splitlines() if f"pid={fresh['info'].pid}," in line]
    addresses = sorted(cols[3] for cols in mine)
    assert addresses == sorted([f"127.0.0.1:{fresh['bolt']}", f"127.0.0.1:{fresh['http']}"]), out


def test_load_csv_reads_no_file_and_no_url(fresh):
    home = fresh["home"]
    r = cli("query", "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", "--uri", fresh["uri"], home=home)
    assert r.returncode == 6 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "allow_csv_import_from_file_urls" in r.stderr
    assert "reads no files or URLs" in r.stderr and "root:" not in r.stderr
    r = cli("query", f"LOAD CSV FROM 'http://127.0.0.1:{fresh['http']}/browser/' AS l RETURN l", "--write",
            "--uri", fresh["uri"], home=home)
    assert r.returncode == 6 and "blocked" in r.stderr and r.stderr.count("\n") == 1
    r = cli("query", "SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'apoc' RETURN count(*) AS n",
            "--format", "json", "--uri", fresh["uri"], home=home)
    assert r.returncode == 0 and json.loads(r.stdout) == [{"n": 0}]


def handshake(port: int, origin):
    head = (f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n")
    if origin:
        head += f"Origin: {origin}\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall((head + "\r\n").encode())
        return s.recv(200).split(b"\r\n")[0].decode()


def test_websocket_only_from_the_browser_origin(fresh):
    bolt, http = fresh["bolt"], fresh["http"]
    assert handshake(bolt, "http://evil.example") == "HTTP/1.1 403 Forbidden"
    assert handshake(bolt, "null") == "HTTP/1.1 403 Forbidden"
    assert handshake(bolt, f"http://localhost:{http + 1}") == "HTTP/1.1 403 Forbidden"
    assert handshake(bolt, f"http://127.0.0.1:{http}") == "HTTP/1.1 101 Switching Protocols"
    assert handshake(bolt, None) == "HTTP/1.1 101 Switching Protocols"  # not a browser


def get(port: int, path: str, **headers):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""


def test_browser_is_served_on_loopback_with_the_bolt_uri(fresh):
    http = fresh["http"]
    status, body = get(http, "/browser/")
    assert status == 200 and b"<title>Neo4j Browser</title>" in body
    status, body = get(http, "/", Accept="application/json")
    assert status == 200 and json.loads(body)["bolt_direct"] == fresh["uri"]
    assert get(http, "/", Accept="application/json", Host="evil.example")[0] == 403  # no DNS rebinding
    assert get(http, "/browser/../../../etc/passwd")[0] == 404
    assert get(http, "/govkg/Neo4jLocal.class")[0] == 404


def test_load_and_query_use_the_stored_password_and_print_values_literally(fresh):
    home, uri = fresh["home"], fresh["uri"]
    r = cli("query", "RETURN '=1+1推进会' AS a, 'a:x:b [bold]c' AS b", "--format", "csv", "--uri", uri, home=home)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["a,b", "'=1+1推进会,a:x:b [bold]c"]
    r = cli("query", "RETURN 'a:x:b [bold]c' AS b", "--uri", uri, home=home)
    assert r.returncode == 0 and "a:x:b [bold]c" in r.stdout and "❌" not in r.stdout
    r = cli("query", "RETURN 1", "--uri", uri, home=home, password="not-the-password")
    assert r.returncode == 5 and r.stderr.count("\n") == 1 and uri in r.stderr


def test_a_second_start_never_resets_the_password(fresh):
    home = fresh["home"]
    before = (home / "password").read_text()
    r = cli("neo4j", "start", "--port", str(fresh["bolt"]), home=home)
    assert r.returncode == 0, r.stderr
    assert re.search(r"password of user neo4j: stored in .*/password", r.stdout) and "generated" not in r.stdout
    r = cli("neo4j", "start", "--port", str(fresh["bolt"]), home=home, password="another-password")
    assert r.returncode == 5 and "refused the password" in r.stderr and r.stderr.count("\n") == 1
    assert (home / "password").read_text() == before
    r = cli("query", "RETURN 1 AS one", "--format", "json", "--uri", fresh["uri"], home=home)
    assert r.returncode == 0 and json.loads(r.stdout) == [{"one": 1}]


def test_no_command_takes_a_password_argument(fresh):
    for args in (["neo4j", "start"], ["load", "--snapshot", "x"], ["query", "RETURN 1"]):
        r = cli(*args, "--password", "whatever-pass", home=fresh["home"], timeout=60)
        assert r.returncode == 2 and "--password" in r.stderr, args
