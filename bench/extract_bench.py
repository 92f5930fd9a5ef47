"""Extraction throughput, pkuseg vs jieba, in one run on the same text.

Text: the 137 CCTV 新闻联播 articles of shared/eval-candidates/xwlb-cctv/articles.jsonl
(real national news, ~230k characters). Each segmenter's pipeline is built first (model
loading is reported apart), then the whole file is extracted ``--repeat`` times.

    .venv/bin/python bench/extract_bench.py [--repeat 2]
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from govkg.extract.pipeline import Extractor
from govkg.extract.read import read_path

SOURCE = Path(__file__).resolve().parents[1].parent / "shared" / "eval-candidates" / "xwlb-cctv" / "articles.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=SOURCE)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    docs, _ = read_path(args.source)
    chars = sum(len(d.text) + len(d.title or "") for d in docs)
    results = {}
    for seg in ("pkuseg", "jieba"):
        t0 = time.perf_counter()
        ex = Extractor(segmenter=seg)
        load = time.perf_counter() - t0
        best = None
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            res = ex.extract_file(args.source)
            dt = time.perf_counter() - t0
            best = dt if best is None else min(best, dt)
        results[seg] = (load, best, len(res.unique_triples()))
        print(f"{seg:7s} load {load:5.1f} s   extract {chars:,} chars in {best:5.2f} s = "
              f"{chars / best:,.0f} chars/s   ({len(res.articles)} articles, {results[seg][2]} triples)")
    print(f"jieba / pkuseg speed: {results['pkuseg'][1] / results['jieba'][1]:.2f}x")


if __name__ == "__main__":
    main()
