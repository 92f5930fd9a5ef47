"""Make a benchmark corpus of a given size by repeating and varying real text, under /tmp.

Sources, read at run time (never committed): the CCTV 新闻联播 articles of
``/work/shared/eval-candidates/xwlb-cctv/articles.jsonl`` and the example page
``examples/erqi-2020-11.txt``. Copy *k* of each text is varied so that it is a new
article with partly new entities: a fixed set of 24 characters common in given names
and place names is rotated by *k* (陈红民 -> 陈X民 ...), and the month and day of the
dates shift with *k*. The graph grows as an archive does: new people, meetings and
places keep appearing, the frequent posts and projects recur.

Layout of the output directory (about ``--mb`` megabytes of UTF-8):

* ``news-NNN.jsonl``: JSON Lines of the CCTV copies, about 4 MB each;
* ``pages/page-NNNNN.txt``: copies of the example page, one file each (2% of the volume).

    .venv/bin/python bench/make_corpus.py --mb 16 --out /tmp/govkg-bench/corpus-16
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CCTV = Path("/work/shared/eval-candidates/xwlb-cctv/articles.jsonl")
PAGE = ROOT / "examples" / "erqi-2020-11.txt"
ROTATE = "明华国建平军伟强文志海东林红春秀英杰涛斌辉刚新"
FILE_BYTES = 4_000_000
PAGE_SHARE = 0.02


def vary(text: str, k: int) -> str:
    """Copy ``k`` of ``text``: rotate the name characters by ``k``, shift months and days."""
    if k == 0:
        return text
    table = {ord(c): ROTATE[(i + k) % len(ROTATE)] for i, c in enumerate(ROTATE)}
    text = text.translate(table)
    text = re.sub(r"(\d{1,2})月", lambda m: f"{(int(m.group(1)) + k - 1) % 12 + 1}月", text)
    return re.sub(r"(\d{1,2})日", lambda m: f"{(int(m.group(1)) + k - 1) % 28 + 1}日", text)


def make(out: Path, mb: float) -> dict:
    """Write the corpus; returns its file count and bytes."""
    if out.exists():
        shutil.rmtree(out)
    (out / "pages").mkdir(parents=True)
    rows = [json.loads(line) for line in CCTV.read_text(encoding="utf-8").splitlines() if line.strip()]
    page = PAGE.read_text(encoding="utf-8")
    target = int(mb * 1_000_000)
    page_target = int(target * PAGE_SHARE)
    written, pages, k, files = 0, 0, 0, 0
    fh, size = None, 0
    while written < target - page_target:
        for r in rows:
            if fh is None or size >= FILE_BYTES:
                if fh:
                    fh.close()
                fh, size = open(out / f"news-{files:03d}.jsonl", "w", encoding="utf-8"), 0
                files += 1
            line = json.dumps({"id": f"{r['id']}#{k}", "date": r["date"], "title": vary(r["title"], k),
                               "text": vary(r["text"], k)}, ensure_ascii=False) + "\n"
            fh.write(line)
            n = len(line.encode("utf-8"))
            size += n
            written += n
            if written >= target - page_target:
                break
        k += 1
    fh.close()
    while written < target:
        text = vary(page, pages + 1)
        (out / "pages" / f"page-{pages:05d}.txt").write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
        pages += 1
    return {"jsonl_files": files, "pages": pages, "bytes": written, "copies": k + 1}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, required=True)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    print(json.dumps(make(args.out, args.mb)))


if __name__ == "__main__":
    main()
