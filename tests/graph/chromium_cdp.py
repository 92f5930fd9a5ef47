"""Drive headless Chromium over the DevTools protocol (for the HTML-export tests).

``chromium_page(url)`` / ``open_page(url)`` start a fresh Chromium (own ``--user-data-dir``, no network
services), loads ``url``, waits for a JavaScript condition, and returns what the
page logged: console errors, uncaught exceptions, every non-``file:``/``data:``
request (there must be none for an offline page), a screenshot (PNG bytes) and
the values of the expressions asked for. Needs ``websocket-client`` (PyPI) and
``/usr/bin/chromium`` (Debian; ``scripts/setup-browser.sh``).
"""
from __future__ import annotations

import base64
import contextlib
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-default-apps", "--disable-extensions", "--mute-audio",
                  "--hide-scrollbars", "--remote-debugging-address=127.0.0.1",
                  "--remote-debugging-port=0", "--remote-allow-origins=*"]


def chromium_path() -> Optional[str]:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class PageResult:
    errors: List[str] = field(default_factory=list)        # console errors + uncaught exceptions
    requests: List[str] = field(default_factory=list)      # URLs other than file: / data:
    values: Dict[str, object] = field(default_factory=dict)
    screenshot: bytes = b""


class _Session:
    def __init__(self, ws_url: str, result: PageResult):
        import websocket  # websocket-client

        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.result = result

    def _event(self, msg: dict) -> None:
        method, p = msg.get("method"), msg.get("params", {})
        if method == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            self.result.errors.append("exception: " + str(d.get("exception", {}).get("description")
                                                          or d.get("text")))
        elif method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            self.result.errors.append("console: " + " ".join(
                str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
        elif method == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            e = p["entry"]
            self.result.errors.append(f"log: {e.get('text')} {e.get('url', '')}".strip())
        elif method == "Network.requestWillBeSent":
            url = p.get("request", {}).get("url", "")
            if not url.startswith(("file:", "data:", "about:", "blob:")):
                self.result.requests.append(url)

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        mid = self.next_id
        self.ws.send(json.dumps({"id": mid, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == mid:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self._event(msg)

    def pump(self, seconds: float) -> None:
        """Read events for a while (the page keeps running)."""
        end = time.time() + seconds
        self.ws.settimeout(0.1)
        try:
            while time.time() < end:
                try:
                    self._event(json.loads(self.ws.recv()))
                except Exception:  # timeout: nothing pending
                    pass
        finally:
            self.ws.settimeout(30)

    def screenshot(self) -> bytes:
        return base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])

    def mouse_move(self, x: float, y: float) -> None:
        self.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)

    def evaluate(self, expression: str):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression}: {r['exceptionDetails'].get('text')}")
        return r.get("result", {}).get("value")


@contextlib.contextmanager
def chromium_page(url: str, *, ready: str = "true", width: int = 1280, height: int = 800,
                  timeout: float = 60.0, settle: float = 0.5) -> Iterator["_Session"]:
    """A fresh headless Chromium showing ``url`` once ``ready`` (a JS expression) is true.

    Yields the DevTools session: ``.evaluate(js)``, ``.mouse_move(x, y)``,
    ``.pump(seconds)``, ``.screenshot()`` and ``.result`` (errors and requests so far).
    """
    exe = chromium_path()
    if exe is None:
        raise RuntimeError("chromium not installed (scripts/setup-browser.sh)")
    result = PageResult()
    profile = tempfile.mkdtemp(prefix="govkg-chromium-")
    proc = subprocess.Popen([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                             f"--window-size={width},{height}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    session = None
    try:
        port_file = Path(profile) / "DevToolsActivePort"
        deadline = time.time() + timeout
        while not (port_file.exists() and port_file.read_text().strip()):
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            targets = json.load(r)
        page = next(t for t in targets if t.get("type") == "page")
        session = _Session(page["webSocketDebuggerUrl"], result)
        for domain in ("Runtime", "Log", "Network", "Page"):
            session.call(f"{domain}.enable")
        session.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                     deviceScaleFactor=1, mobile=False)
        session.call("Page.navigate", url=url)
        while not session.evaluate(f"document.readyState === 'complete' && !!({ready})"):
            if time.time() > deadline:
                raise TimeoutError(f"page not ready within {timeout}s: {ready}")
            session.pump(0.2)
        session.pump(settle)
        yield session
    finally:
        if session is not None:
            try:
                session.ws.close()
            except Exception:
                pass
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(url: str, *, ready: str = "true", values: Optional[Dict[str, str]] = None,
              **kwargs) -> PageResult:
    """Load ``url``, evaluate ``values`` (name -> JS expression), take a screenshot."""
    with chromium_page(url, ready=ready, **kwargs) as page:
        for name, expr in (values or {}).items():
            page.result.values[name] = page.evaluate(expr)
        page.result.screenshot = page.screenshot()
        page.pump(0.2)
        return page.result


if __name__ == "__main__":  # python tests/graph/chromium_cdp.py FILE.html OUT.png
    import sys

    res = open_page(Path(sys.argv[1]).resolve().as_uri(), ready="window.govkg && window.govkg.ready")
    Path(sys.argv[2]).write_bytes(res.screenshot)
    print(json.dumps({"errors": res.errors, "requests": res.requests}, ensure_ascii=False))
    sys.exit(1 if res.errors or res.requests else 0)
