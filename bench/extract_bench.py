"""Extraction throughput against the bare segmenters, on the same text in one run.

Text: the 137 CCTV 新闻联播 articles of shared/eval-candidates/xwlb-cctv/articles.jsonl
(real national news, ~230k characters), read at run time. Four things are timed on the
same article texts, in CPU seconds of this process (the least of ``--repeat`` runs each, so
other work on a shared machine does not count), after every model is loaded:

* ``pkuseg bare``: the pipeline's own pkuseg segmenter (``nlp.tokenizer.pkuseg_seg.cut``,
  same model, same user dictionary) on each article's text;
* ``pkuseg extraction``: ``Extractor(segmenter="pkuseg").extract_file`` on the file
  (reading, splitting, segmentation, govkg's rules, resolution);
* ``jieba bare``: ``jieba.lcut`` (with govkg's user words added, as the pipeline does);
* ``jieba extraction``: ``Extractor(segmenter="jieba").extract_file``.

It prints characters per second and the ratios extraction / bare segmenter (issue 10
asks for at least 0.9 of bare pkuseg and 0.7 of bare jieba).

    .venv/bin/python bench/extract_bench.py [--repeat 2]
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from govkg.extract.pipeline import Extractor
from govkg.extract.read import read_path
from govkg.extract.split import split_document

SOURCE = Path(__file__).resolve().parents[1].parent / "shared" / "eval-candidates" / "xwlb-cctv" / "articles.jsonl"
if not SOURCE.exists():
    SOURCE = Path("/work/shared/eval-candidates/xwlb-cctv/articles.jsonl")


def best(fn, repeat: int) -> float:
    """Least CPU seconds of this process over ``repeat`` runs (other work on the machine does not count)."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=SOURCE)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    docs, _ = read_path(args.source)
    texts = [a.text for d in docs for a in split_document(d)]
    chars = sum(map(len, texts))
    print(f"{args.source}: {len(texts)} articles, {chars:,} characters; load average {os.getloadavg()[0]:.2f}")
    rates = {}
    for seg in ("pkuseg", "jieba"):
        t0 = time.perf_counter()
        ex = Extractor(segmenter=seg)
        load = time.perf_counter() - t0
        if seg == "pkuseg":
            cut = ex.nlp.tokenizer.pkuseg_seg.cut
        else:
            import jieba
            cut = jieba.lcut
        bare = best(lambda: [cut(t) for t in texts], args.repeat)
        full = best(lambda: ex.extract_file(args.source), args.repeat)
        rates[seg] = (chars / bare, chars / full)
        print(f"{seg:7s} load {load:4.1f} s   bare {chars / bare:9,.0f} chars/s   "
              f"extraction {chars / full:9,.0f} chars/s   extraction / bare = {bare / full:.2f}")
    print(f"extraction: pkuseg {rates['pkuseg'][1] / rates['pkuseg'][0]:.2f} of bare pkuseg, "
          f"jieba {rates['jieba'][1] / rates['jieba'][0]:.2f} of bare jieba; "
          f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
