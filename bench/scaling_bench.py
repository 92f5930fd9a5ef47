"""Time per character of extraction on adversarial texts of growing length (issue 11).

Families (text written for this benchmark; each is one page of ``n`` characters):

* ``quote``: one unbalanced “ at the start of ordinary news sentences repeated;
* ``bylines``: a one-sentence article, then ``记者 张三`` lines repeated;
* ``bylines-one-line``: ``记者 张改华 `` repeated on one line, then ``！`` (18 of them backtracked for
  ever in the regular expressions this replaced);
* ``char:X``: one character repeated (``会``, ``、``, ``“``, ``张``, ``。``).

For each text: CPU seconds (``time.process_time``) of ``split_document`` + ``extract_articles`` with
a pipeline built beforehand (model start-up excluded; one warm-up extraction first), the smallest
size timed three times (the minimum kept). Prints µs per character and the ratio of each size's
µs/char to the smallest size's; the goal is a ratio under 2 for every family.

Usage::

    .venv/bin/python bench/scaling_bench.py [--sizes 20000,200000,1000000] [--families quote,...] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from typing import Dict, List

from govkg.extract.guard import Guard
from govkg.extract.pipeline import Extractor
from govkg.extract.read import Document
from govkg.extract.split import split_document

BODY = ("11月18日，青山区召开老旧小区改造工作推进会。区委书记李明远主持会议并讲话。"
        "区委常委、组织部长周建国通报全区换届工作总体推进情况。会议要求各单位抓好落实。")
CHARS = ["会", "、", "“", "张", "。"]
FAMILIES = ["quote", "bylines", "bylines-one-line"] + [f"char:{c}" for c in CHARS]


def _fill(head: str, unit: str, n: int, tail: str = "") -> str:
    k = max(0, (n - len(head) - len(tail)) // len(unit) + 1)
    return (head + unit * k)[: n - len(tail)] + tail


def text_of(family: str, n: int) -> str:
    """The ``family`` text of exactly ``n`` characters."""
    if family == "quote":
        return _fill("“", BODY, n)
    if family == "bylines":
        return _fill("老旧小区改造推进\n\n本报讯 " + BODY + "\n", "记者 张三\n", n)
    if family == "bylines-one-line":
        return _fill("本报讯 " + BODY, "记者 张改华 ", n, "！")
    if family.startswith("char:"):
        return family[5:] * n
    raise SystemExit(f"unknown family {family}")


def cpu_seconds(ex: Extractor, text: str) -> float:
    errors: list = []
    t0 = time.process_time()
    arts = split_document(Document(text=text, source="<bench>", kind="page"))
    ex.extract_articles(arts, errors)
    dt = time.process_time() - t0
    if errors:
        raise SystemExit(f"extraction reported problems: {errors[:2]}")
    return dt


def run(sizes: List[int], families: List[str], segmenter: str = "pkuseg") -> Dict[str, list]:
    ex = Extractor(segmenter=segmenter, guard=Guard(max_chars=max(sizes), max_seconds=None))
    cpu_seconds(ex, BODY * 20)  # warm-up: lazy initialisation is not counted
    out: Dict[str, list] = {}
    for fam in families:
        rows = []
        for i, n in enumerate(sizes):
            text = text_of(fam, n)
            secs = min(cpu_seconds(ex, text) for _ in range(3 if i == 0 else 1))
            rows.append({"chars": n, "cpu_s": round(secs, 3), "us_per_char": round(secs / n * 1e6, 2)})
            base = rows[0]["us_per_char"]
            rows[-1]["ratio"] = round(rows[-1]["us_per_char"] / base, 2) if base else None
            print(f"{fam:18s} {n:>9,} chars  {secs:8.2f} CPU-s  {rows[-1]['us_per_char']:7.2f} µs/char  "
                  f"x{rows[-1]['ratio']}", flush=True)
        out[fam] = rows
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="20000,200000,1000000")
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--segmenter", default="pkuseg")
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    res = run(sizes, args.families.split(","), args.segmenter)
    worst = max(r["ratio"] for rows in res.values() for r in rows if r["ratio"] is not None)
    print(f"worst ratio of µs/char to the {sizes[0]:,}-character text: {worst}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"python": platform.python_version(), "segmenter": args.segmenter, "results": res,
                       "worst_ratio": worst}, fh, ensure_ascii=False, indent=1)
    return 0 if worst < 2 else 1


if __name__ == "__main__":
    sys.exit(main())
