"""The local server's password: generated on first start, stored for its owner only, never reset.

The first ``govkg neo4j start`` on a data directory generates a random password (or takes
``NEO4J_PASSWORD``), writes it to ``DATA_DIR/password`` with mode 0600 before Neo4j installs
it, and prints where it is. ``govkg load``, ``govkg query`` and the analysis commands find it
there when ``NEO4J_PASSWORD`` is not set; no command takes a password as an argument, where
``ps`` would show it to every user.

>>> import tempfile
>>> d = Path(tempfile.mkdtemp())
>>> p = store(d, "a-long-password")
>>> oct(p.stat().st_mode & 0o777), load(d)
('0o600', 'a-long-password')
"""
from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path
from typing import Optional

from govkg.errors import Neo4jUnavailable, ServerError

FILE = "password"
MIN_LENGTH = 8
ENV = "NEO4J_PASSWORD"


def path(data_dir: Path) -> Path:
    """Where the password of the server of ``data_dir`` is stored."""
    return Path(data_dir) / FILE


def generate() -> str:
    """A new random password (32 URL-safe characters, 192 bits)."""
    return secrets.token_urlsafe(24)


def store(data_dir: Path, password: str) -> Path:
    """Write ``password`` to :func:`path` with mode 0600 (atomically; the file is never readable by others)."""
    target = path(data_dir)
    tmp = target.with_name(f".{FILE}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(password + "\n")
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def load(data_dir: Path) -> Optional[str]:
    """The stored password, or None when there is none; refused when others could read it."""
    target = path(data_dir)
    try:
        st = target.stat()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise ServerError(f"cannot read the Neo4j password file {target}: {e.strerror or e}") from e
    if st.st_mode & (stat.S_IRWXG | stat.S_IRWXO) or st.st_uid != os.getuid():
        raise ServerError(f"{target} can be read by other users or is not yours: "
                          f"chmod 600 {target} (and keep it yours) before using it")
    try:
        return target.read_text(encoding="utf-8").strip() or None
    except OSError as e:
        raise ServerError(f"cannot read the Neo4j password file {target}: {e.strerror or e}") from e


def resolve(data_dir: Optional[Path] = None, *, uri: str = "Neo4j") -> str:
    """The password a client uses: ``$NEO4J_PASSWORD``, else the one stored for the local server.

    Raises
    ------
    Neo4jUnavailable
        Neither is there (the message says how to get one).
    """
    env = os.environ.get(ENV)
    if env:
        return env
    from govkg.graph.server import resolve_data_dir
    d = resolve_data_dir(data_dir)
    stored = load(d)
    if stored is None:
        raise Neo4jUnavailable(f"no password for {uri}: set {ENV}, or start the local server with "
                               f"`govkg neo4j start` (it stores a generated one in {path(d)})")
    return stored
