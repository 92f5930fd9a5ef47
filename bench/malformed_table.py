"""The malformed-file table through the CLI, as a Markdown table (issue 11).

Writes the 40 cases of ``tests/malformed_inputs.py`` (each bad file beside a good page) into a
temporary folder, runs ``govkg extract`` once over all of them (``GOVKG_MAX_FILE_BYTES=4000000``),
and prints for each case the one line it reported (shortened), whether the good page beside it
was extracted, and the seconds from the good page before it to this one (the bad file and its good page; 0 for
the first, which waits for the model to load).

Usage::

    .venv/bin/python bench/malformed_table.py
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from malformed_inputs import make_pairs  # noqa: E402

CLI = [sys.executable, "-c", "from govkg.cli import run; run()"]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="govkg-malformed-") as tmp:
        pairs = make_pairs(Path(tmp))
        paths = [str(p) for _, bad, good, _ in pairs for p in (bad, good)]
        env = dict(os.environ, GOVKG_MAX_FILE_BYTES="4000000")
        proc = subprocess.Popen(CLI + ["extract", *paths], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        arrived = {}
        for line in proc.stdout:  # each file's triples are flushed together, when it is done
            arrived.setdefault(json.loads(line)["source"], time.monotonic())
        seen, last = {}, None     # seconds per pair: from the good page before to this good page
        for _, _, good, _ in pairs:
            if str(good) in arrived:
                seen[str(good)] = arrived[str(good)] - (last if last is not None else arrived[str(good)])
                last = arrived[str(good)]
        err = proc.stderr.read().splitlines()
        code = proc.wait()
        print("| # | bad file | what | reported (one line each) | good file beside it | s |")
        print("| --- | --- | --- | --- | --- | --- |")
        for i, (case, bad, good, _name) in enumerate(pairs):
            lines = [ln.replace(str(bad), bad.name).replace("govkg: ", "") for ln in err if str(bad) in ln]
            said = "<br>".join(x if len(x) <= 110 else x[:109] + "…" for x in lines) or "(read: no problem)"
            ok = "extracted" if str(good) in seen else "**MISSING**"
            secs = f"{seen[str(good)]:.1f}" if str(good) in seen else "-"
            print(f"| {i + 1} | `{case.name}` | {case.what} | {said.replace('|', '/')} | {ok} | {secs} |")
        internal = sum("internal error" in ln or "Traceback" in ln for ln in err)
        print(f"\nexit code {code}; {len(err)} stderr lines, {internal} internal errors; "
              f"{sum(str(g) in seen for _, _, g, _ in pairs)} of {len(pairs)} good files extracted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
