"""Regenerate govkg/graph/data/divisions.tsv from the cpca 0.5.5 wheel on PyPI (MIT licence).

    .venv/bin/python scripts/make_divisions.py

The wheel's ``cpca/resources/adcodes.csv`` lists China's province-, city- and county-level
divisions with their 12-digit codes (GB/T 2260 style); the file written keeps the 6-digit code,
the name and the parent's code (``市辖区``/``县`` placeholders are dropped; a county of a
municipality hangs from the municipality itself).
"""
from __future__ import annotations

import csv
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "govkg" / "graph" / "data" / "divisions.tsv"
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", tmp, "cpca==0.5.5"],
                       check=True, capture_output=True)
        wheel = next(Path(tmp).glob("cpca-*.whl"))
        with zipfile.ZipFile(wheel) as z:
            text = z.read("cpca/resources/adcodes.csv").decode("utf-8")
    rows = {}
    for r in csv.DictReader(io.StringIO(text)):
        code, name = r["adcode"][:6], r["name"].strip()
        if name and name not in PLACEHOLDERS:
            rows[code] = name
    lines = ["code\tname\tparent"]
    for code in sorted(rows):
        if code.endswith("0000"):
            parent = ""
        elif code.endswith("00"):
            parent = code[:2] + "0000"
        else:
            parent = code[:4] + "00" if code[:4] + "00" in rows else code[:2] + "0000"
        lines.append(f"{code}\t{rows[code]}\t{parent}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(lines) - 1} divisions")


if __name__ == "__main__":
    main()
