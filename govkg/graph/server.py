"""A local Neo4j Community server without Docker: start, stop and inspect it.

The server is ``neo4j-local/`` (Java class ``govkg.Neo4jLocal``): Neo4j 5.26 LTS run embedded
with a Bolt connector and authentication, from a classpath built by ``scripts/setup-neo4j.sh``
(Maven). One server belongs to one data directory (mode 0700, the server runs with umask 077),
which holds the database files, the server's output (``neo4j.log``), Neo4j's ``logs/debug.log``,
``neo4j.pid`` and the password file (:mod:`govkg.graph.password`).

    info = start(data_dir=Path("/tmp/kg"), port=7687)
    info.uri            # "bolt://127.0.0.1:7687"; user "neo4j"
    info.password_file  # /tmp/kg/password (mode 0600), generated on the first start
    status(data_dir=Path("/tmp/kg"))   # ServerInfo, or None when nothing runs there
    stop(data_dir=Path("/tmp/kg"))     # True if a server was stopped

The server is locked down (see ``neo4j-local/src/main/java/govkg/Neo4jLocal.java``): Bolt and
the optional Neo4j Browser on 127.0.0.1 only, WebSocket only from the Browser's origin, no
``LOAD CSV`` from files or URLs, no plugins. The first start generates the password of user
``neo4j`` (or takes the one given, at least 8 characters); later starts never change it.
Errors raise :class:`govkg.errors.ServerError` (or :class:`~govkg.errors.Neo4jUnavailable` from
:func:`wait_for_bolt`), one line naming what to do.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shlex
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional

from govkg.errors import Neo4jUnavailable, ServerError
from govkg.graph import password as pw

DEFAULT_PORT = 7687
DEFAULT_HOST = "127.0.0.1"
DEFAULT_USER = "neo4j"
DEFAULT_BROWSER_PORT = 7474
MIN_PASSWORD = pw.MIN_LENGTH
MAIN_CLASS = "govkg.Neo4jLocal"
READY_MARK = "govkg-neo4j ready "
BROWSER_MARK = "govkg-neo4j browser "
ERROR_MARK = "govkg-neo4j: error: "
PID_FILE = "neo4j.pid"
LOG_FILE = "neo4j.log"
LOCK_FILE = ".govkg-neo4j.lock"
#: JVM options; override the heap etc. with $GOVKG_NEO4J_JAVA_OPTS (appended, so it wins).
JAVA_OPTS = [
    "-Xms256m", "-Xmx2g", "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError", "-Djdk.nio.maxCachedBufferSize=1024", "-Djava.net.preferIPv4Stack=true",
    "-Dio.netty.tryReflectionSetAccessible=true", "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
]

# Servers this Python process launched: kept so they are reaped (no zombies) when stopped.
_CHILDREN: Dict[int, subprocess.Popen] = {}


@dataclass(frozen=True)
class ServerInfo:
    """A running local server: connect to ``uri`` as ``user`` with the password in ``password_file``
    (``generated``: it was made by this start); ``browser``: Neo4j Browser's URL, if served."""

    uri: str
    pid: int
    data_dir: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    user: str = DEFAULT_USER
    browser: Optional[str] = None
    password_file: Optional[Path] = field(default=None, compare=False)
    generated: bool = field(default=False, compare=False)

    @property
    def log_file(self) -> Path:
        return self.data_dir / LOG_FILE


def default_data_dir() -> Path:
    """``$GOVKG_NEO4J_HOME``, else ``~/.local/share/govkg/neo4j``."""
    env = os.environ.get("GOVKG_NEO4J_HOME")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".local" / "share" / "govkg" / "neo4j"


def resolve_data_dir(data_dir: Optional[Path] = None) -> Path:
    """``data_dir`` (or the default one) as an absolute path."""
    return Path(data_dir if data_dir is not None else default_data_dir()).expanduser().resolve()


def project_dir() -> Path:
    """The ``neo4j-local`` Maven project: ``$GOVKG_NEO4J_PROJECT`` or the one in this checkout."""
    env = os.environ.get("GOVKG_NEO4J_PROJECT")
    path = Path(env).expanduser() if env else Path(__file__).resolve().parents[2] / "neo4j-local"
    if not (path / "pom.xml").is_file():
        raise ServerError(f"neo4j-local project not found at {path}: run from a govkg checkout "
                          "or set GOVKG_NEO4J_PROJECT to its neo4j-local directory")
    return path


def build(*, force: bool = False) -> str:
    """Build the server if needed (``scripts/setup-neo4j.sh``) and return its Java classpath."""
    project = project_dir()
    script = project.parent / "scripts" / "setup-neo4j.sh"
    if script.is_file():
        cmd = ["bash", str(script)] + (["--force"] if force else [])
    else:  # neo4j-local copied elsewhere: plain Maven
        _require("mvn", "mvn not found: apt-get install maven")
        cmd = ["mvn", "-B", "-q", "-f", str(project / "pom.xml"), "package",
               "dependency:copy-dependencies"]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    if proc.returncode != 0:
        raise ServerError(f"building the local Neo4j server failed: {lines[-1] if lines else cmd}")
    target = project / "target"
    if not (target / "classes" / "govkg" / "Neo4jLocal.class").is_file():
        raise ServerError(f"building the local Neo4j server left no classes in {target}: "
                          f"run {' '.join(cmd)} and read its output")
    return f"{target / 'classes'}{os.pathsep}{target / 'lib' / '*'}"


def status(*, data_dir: Optional[Path] = None) -> Optional[ServerInfo]:
    """The server running for ``data_dir``, or None (no pid file, dead or foreign process)."""
    data_dir = resolve_data_dir(data_dir)
    pid = _read_pid(data_dir)
    if pid is None or not _alive(pid):
        return None
    args = _cmdline(pid)
    if MAIN_CLASS not in args:
        return None  # the pid was reused by another program
    opts = _options(args)
    if Path(opts.get("--data-dir", "")).resolve() != data_dir:
        return None
    host = opts.get("--host", DEFAULT_HOST)
    port = int(opts.get("--port", DEFAULT_PORT))
    browser = f"http://{host}:{opts['--browser-port']}/browser/" if "--browser-port" in opts else None
    return ServerInfo(uri=f"bolt://{host}:{port}", pid=pid, data_dir=data_dir, host=host, port=port,
                      browser=browser, password_file=pw.path(data_dir))


def start(*, data_dir: Optional[Path] = None, port: int = DEFAULT_PORT, password: Optional[str] = None,
          timeout: float = 120.0, browser_port: Optional[int] = None) -> ServerInfo:
    """Start a server for ``data_dir`` on ``127.0.0.1:port`` and wait until Bolt accepts its password.

    On a new data directory the password of user ``neo4j`` is ``password`` or, without it, a
    generated one; either is stored in ``data_dir/password`` (mode 0600) first. On an existing
    one the password is never changed: ``password`` (or the stored one) is only checked.
    ``browser_port`` also serves Neo4j Browser on ``127.0.0.1:browser_port``.

    Builds the server on first use (about a minute; not counted in ``timeout``, the seconds to
    wait for Bolt). If one already runs for ``data_dir`` it is returned as is (on whatever port
    it has) once it accepts the password. The process is detached: it keeps running after
    Python exits, until :func:`stop`. Java options: :data:`JAVA_OPTS` + ``$GOVKG_NEO4J_JAVA_OPTS``.
    """
    if password is not None and len(password) < MIN_PASSWORD:
        raise ServerError(f"the Neo4j password must have at least {MIN_PASSWORD} characters "
                          f"(Neo4j 5 rule): set a longer {pw.ENV}, or leave it unset to have one generated")
    for p in (port, browser_port):
        if p is not None and not 0 < p < 65536:
            raise ServerError(f"port must be 1..65535, got {p}")
    data_dir = resolve_data_dir(data_dir)
    _private_dir(data_dir)
    with _locked(data_dir):
        running = status(data_dir=data_dir)
        if running is not None:
            _verify(running, _known_password(data_dir, password), time.monotonic() + timeout)
            return running
        _clear_stale_pid(data_dir)
        for p in (port, browser_port):
            if p is not None:
                _check_port_free(p)
        _require("java", "java not found: apt-get install openjdk-17-jre-headless")
        fresh = not (data_dir / "data" / "databases" / "system").is_dir()
        generated = fresh and password is None and pw.load(data_dir) is None
        secret = (password or pw.load(data_dir) or pw.generate()) if fresh else _known_password(data_dir, password)
        if fresh:
            pw.store(data_dir, secret)
        classpath = build()  # not counted in the timeout: the first build downloads ~125 MB
        info = _launch(data_dir, port, secret, fresh, classpath, time.monotonic() + timeout, timeout,
                       browser_port)
        if pw.load(data_dir) is None:  # an older data directory: keep the password that just worked
            pw.store(data_dir, secret)
        return ServerInfo(**{**info.__dict__, "generated": generated})


def _known_password(data_dir: Path, password: Optional[str]) -> str:
    secret = password or pw.load(data_dir)
    if secret is None:
        raise ServerError(f"no stored password for the database in {data_dir}: set {pw.ENV} to the "
                          f"password it was created with (older govkg used govkg-local) and start "
                          f"again; it is then kept in {pw.path(data_dir)}")
    return secret


def _private_dir(data_dir: Path) -> None:
    """Create ``data_dir`` if needed and make it its owner's only (mode 0700)."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        if data_dir.stat().st_mode & 0o077:
            data_dir.chmod(0o700)
    except OSError as e:
        raise ServerError(f"cannot create the Neo4j data directory {data_dir}: {e.strerror}") from e


def stop(*, data_dir: Optional[Path] = None, timeout: float = 60.0) -> bool:
    """Stop the server of ``data_dir``: SIGTERM, then SIGKILL after ``timeout`` s. False if none ran."""
    data_dir = resolve_data_dir(data_dir)
    info = status(data_dir=data_dir)
    if info is None:
        _clear_stale_pid(data_dir)
        return False
    _terminate(info.pid, timeout)
    _clear_stale_pid(data_dir)
    return True


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (for tests and scripts)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((DEFAULT_HOST, 0))
        return s.getsockname()[1]


def wait_for_bolt(uri: str, *, user: str = DEFAULT_USER, password: str = "",
                  timeout: float = 10.0) -> None:
    """Wait until Neo4j at ``uri`` accepts these credentials; raise Neo4jUnavailable otherwise."""
    import neo4j
    from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

    deadline = time.monotonic() + timeout
    while True:
        left = max(deadline - time.monotonic(), 0.5)
        try:
            with neo4j.GraphDatabase.driver(uri, auth=(user, password),
                                            connection_timeout=min(left, 5.0),
                                            connection_acquisition_timeout=left) as driver:
                driver.verify_connectivity()
            return
        except AuthError as e:
            raise Neo4jUnavailable(
                f"Neo4j at {uri} refused the password of user {user!r}: use the one it was created "
                f"with (the local server keeps it in DATA_DIR/{pw.FILE}; or set {pw.ENV})") from e
        except (ServiceUnavailable, DriverError, Neo4jError, OSError) as e:
            if time.monotonic() >= deadline:
                raise Neo4jUnavailable(
                    f"Neo4j at {uri} is not reachable ({type(e).__name__}): start one with "
                    "'govkg neo4j start' (or docker compose up -d neo4j)") from e
        time.sleep(0.5)


# --- helpers ---------------------------------------------------------------------------------

def _require(program: str, message: str) -> None:
    if shutil.which(program) is None:
        raise ServerError(message)


@contextlib.contextmanager
def _locked(data_dir: Path) -> Iterator[None]:
    """Serialise start() calls for one data dir (across processes)."""
    with open(data_dir / LOCK_FILE, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _read_pid(data_dir: Path) -> Optional[int]:
    try:
        return int((data_dir / PID_FILE).read_text().strip())
    except (OSError, ValueError):
        return None


def _clear_stale_pid(data_dir: Path) -> None:
    pid = _read_pid(data_dir)
    if pid is not None and not _alive(pid):
        with contextlib.suppress(OSError):
            (data_dir / PID_FILE).unlink()


def _alive(pid: int) -> bool:
    proc = _CHILDREN.get(pid)
    if proc is not None:
        return proc.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is dead for our purposes
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _cmdline(pid: int) -> List[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        return [a.decode(errors="replace") for a in raw.split(b"\0") if a]
    except OSError:
        out = subprocess.run(["ps", "-o", "args=", "-p", str(pid)], capture_output=True, text=True)
        return shlex.split(out.stdout) if out.returncode == 0 else []


def _options(args: List[str]) -> Dict[str, str]:
    return {a: b for a, b in zip(args, args[1:]) if a.startswith("--")}


def _check_port_free(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((DEFAULT_HOST, port))
        except OSError as e:
            raise ServerError(f"port {port} on {DEFAULT_HOST} is in use: pick another with --port, "
                              "or stop what listens there") from e


def _launch(data_dir: Path, port: int, password: str, fresh: bool, classpath: str,
            deadline: float, timeout: float, browser_port: Optional[int] = None) -> ServerInfo:
    """Run the server and wait until Bolt accepts ``password``; on a ``fresh`` data directory the
    password goes in its environment (never on its command line, where ps shows it)."""
    log_path = data_dir / LOG_FILE
    extra = shlex.split(os.environ.get("GOVKG_NEO4J_JAVA_OPTS", ""))
    cmd = ["java", *JAVA_OPTS, *extra, "-cp", classpath, MAIN_CLASS,
           "--data-dir", str(data_dir), "--host", DEFAULT_HOST, "--port", str(port)]
    if browser_port:
        cmd += ["--browser-port", str(browser_port)]
    env = {k: v for k, v in os.environ.items() if k != pw.ENV}
    if fresh:
        env[pw.ENV] = password
    with open(log_path, "ab") as log:
        offset = log.tell()
        log.write(f"--- govkg: starting Neo4j on {DEFAULT_HOST}:{port} "
                  f"at {time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode())
        log.flush()
        proc = subprocess.Popen(cmd, cwd=data_dir, env=env, stdin=subprocess.DEVNULL, umask=0o077,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    _CHILDREN[proc.pid] = proc
    browser = f"http://{DEFAULT_HOST}:{browser_port}/browser/" if browser_port else None
    info = ServerInfo(uri=f"bolt://{DEFAULT_HOST}:{port}", pid=proc.pid, data_dir=data_dir,
                      port=port, browser=browser, password_file=pw.path(data_dir))
    try:
        while True:
            text = _read_from(log_path, offset)
            if READY_MARK in text:
                break
            if proc.poll() is not None:
                reason = next((ln[len(ERROR_MARK):] for ln in text.splitlines()
                               if ln.startswith(ERROR_MARK)), f"exit code {proc.returncode}")
                raise ServerError(f"Neo4j failed to start: {reason[:300]} (log: {log_path})")
            if time.monotonic() >= deadline:
                raise ServerError(f"Neo4j did not start within {timeout:g} s: see {log_path} "
                                  "and raise the timeout on a slow machine")
            time.sleep(0.2)
        _verify(info, password, deadline)
    except BaseException:
        _terminate(proc.pid, 20.0)
        raise
    return info


def _verify(info: ServerInfo, password: str, deadline: float) -> None:
    wait_for_bolt(info.uri, user=info.user, password=password,
                  timeout=max(deadline - time.monotonic(), 5.0))


def _read_from(path: Path, offset: int) -> str:
    with open(path, "rb") as fh:
        fh.seek(offset)
        return fh.read().decode("utf-8", errors="replace")


def _terminate(pid: int, timeout: float) -> None:
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10.0)):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            break
        end = time.monotonic() + wait
        while _alive(pid) and time.monotonic() < end:
            time.sleep(0.1)
        if not _alive(pid):
            break
    proc = _CHILDREN.pop(pid, None)
    if proc is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=1)
    if _alive(pid):
        raise ServerError(f"Neo4j (pid {pid}) did not stop, even after SIGKILL")
