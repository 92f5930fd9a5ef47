"""Fuzz harness: generated inputs through the govkg library, with the output contract as assertions.

Usage::

    .venv/bin/python bench/fuzz.py --inputs 100000 --seed 1 [--segmenter pkuseg] [--json FILE]

CI runs a fixed budget of it (``tests/extract/test_fuzz.py``). Every input is one of these kinds:

``text``
    a page of sentences written for this harness, mutated: tokens inserted (unbalanced quotes,
    bylines, datelines, meeting and post words, bad dates, control and zero-width characters,
    lone surrogates, astral characters), spans deleted, repeated up to 400 times, truncated.
    Goes through the library directly (``Document`` -> ``split_document`` -> ``extract_articles``).
``noise``
    random code points (CJK, punctuation, ASCII, controls, private use, astral, surrogates),
    sometimes mixed with seed sentences; through the library directly.
``jsonl``
    a JSON Lines file of records whose fields have any type, broken lines, bad dates, lone
    surrogates, 5,000-digit numbers, arrays nested 10,000 deep; read from disk.
``bytes``
    a page encoded as UTF-8, UTF-16 (with BOM), GB18030 or Big5, then truncated, with bytes
    flipped or NULs inserted, or plain random bytes; read from disk.

Checks, for every input: no exception escapes (a *crash*); it ends within ``--time-limit``
seconds, 10 by default, which is also the per-article CPU budget, so an article stopped by the
budget counts too (a *hang*); every triple keeps the output contract against its article's
text and the pipeline dropped none (a *violation*); every error is an ``InputError`` or the
guard's budget message naming the file (anything else, such as "extraction failed", is a crash).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from govkg.errors import ExtractionError, InputError
from govkg.extract.contract import violations
from govkg.extract.guard import Guard
from govkg.extract.read import Document
from govkg.extract.split import split_document

# Sentences written for this harness (names and places are made up).
SEEDS = [
    "本报讯 3月12日，青山区召开城市更新工作推进会。", "区委书记李明远主持会议并讲话。",
    "区委副书记、区长赵文华通报全区重点项目建设情况。", "会议由区委常委、宣传部长孙丽主持。",
    "市委常委、组织部长周建国，副市长陈晓出席会议。",
    "4月8日上午，县委书记王海涛带队到城关镇和平社区、南湖街道调研老旧小区改造工作。",
    "王海涛先后来到东风路3号院、幸福里小区，察看管网改造进度。", "他强调，要把“双改”工作作为民生工程抓紧抓好。",
    "5月20日，镇党委召开“不忘初心”主题教育专题会议。", "镇长刘志强传达了上级会议精神，并对下一阶段工作作出部署。",
    "会议听取了全镇疫情防控工作情况的汇报。", "与会人员围绕乡村振兴、营商环境等议题进行了讨论。",
    "记者 张小红", "通讯员 马林 吴桐", "（记者 郑凯 见习记者 钱多多）", "新华社北京6月1日电",
    "2021年7月15日，市人大常委会举行第三十次会议。", "市人大常委会主任黄国平出席会议并讲话。",
    "区政协主席林芳、副主席何伟列席会议。", "会上，各街道负责人作了表态发言。",
    "随后，李明远一行来到高新区产业园，实地察看企业复工复产情况。", "昨天下午，区委理论学习中心组举行集体学习。",
    "9月3日、10日，区里分别召开安全生产工作会议和防汛工作调度会。", "■ 文/图 记者 冯雪", "作者：刘洋",
    "县长赵强要求，各部门要压实责任，确保各项任务按期完成。", "城市更新工作推进会召开",
]
TOKENS = [
    "“", "”", "‘", "’", "《", "》", "（", "）", "(", ")", "、", "，", "。", "！", "？", "；", "：", "\n", "\n\n",
    "\r", "\r\n", "\t", " ", "\u3000", "\x00", "\x1b[2J", "\x7f", "\u2028", "\u200b", "\ufeff", "\ufffd", "·",
    "\ud800", "\udfff", "𠀀", "😀", "e\u0301", "<script>", "</script>", "=1+1", "[bold]", ":x:", "\\",
    "记者", "记者 张三", "记者张改华", "通讯员", "本报讯", "本报讯 ", "新华社", "电", "■", "◆", "●",
    "会议", "大会", "推进会", "工作会议", "主持", "出席", "讲话", "调研", "察看", "来到", "他", "她",
    "书记", "区委书记", "县长", "主任", "总书记", "李克强总理", "陈红民", "2022年", "13月45日", "二〇二〇年",
    "11月18日、25日", "今天", "昨日", "第99999次会议", "9" * 30, "等", "的", "了", "“双改”工作",
    "围绕", "主题", "听取", "汇报", "对", "进行部署", "、" * 50, "书记" * 20, "会" * 100,
]
_RANGES = [(0x4E00, 0x9FFF), (0x3000, 0x303F), (0xFF00, 0xFFEF), (0x20, 0x7E), (0x0, 0x1F), (0xE000, 0xF8FF),
           (0x20000, 0x2A6DF), (0xD800, 0xDFFF), (0x80, 0x2FF), (0x1F300, 0x1F6FF)]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk", "big5"]
DATES = ["2022-04-31", "0000-01-01", "2022-13-01", "20221301", "99999-01-01", "2022-4-5", "2020-02-29",
         "2021-02-29", "yesterday", "", "2022年4月12日", "2022-04-12T10:00:00Z", "-1"]


# ----------------------------------------------------------------------------- generators

def _codepoint(rng: random.Random) -> str:
    lo, hi = rng.choice(_RANGES)
    return chr(rng.randint(lo, hi))


def mutate(rng: random.Random, text: str) -> str:
    """A few random edits of ``text``."""
    for _ in range(rng.randint(1, 6)):
        op = rng.random()
        i = rng.randint(0, len(text))
        if op < 0.35:
            text = text[:i] + rng.choice(TOKENS) + text[i:]
        elif op < 0.5 and text:
            j = min(len(text), i + rng.randint(1, 30))
            text = text[:i] + text[j:]
        elif op < 0.65 and text:
            j = min(len(text), i + rng.randint(1, 12))
            text = text[:i] + text[i:j] * rng.choice([2, 3, 10, 50, 400]) + text[j:]
        elif op < 0.8:
            text = text[:i] + "".join(_codepoint(rng) for _ in range(rng.randint(1, 8))) + text[i:]
        elif op < 0.9:
            text = text[:i] + rng.choice(TOKENS) * rng.choice([2, 20, 200]) + text[i:]
        else:
            text = text[:i]
    return text


def page(rng: random.Random) -> str:
    """Seed sentences arranged as one or a few articles (headlines, datelines, bylines, blank lines)."""
    parts = []
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.5:
            parts.append(rng.choice(SEEDS[-1:] + SEEDS[:3]) + "\n\n")
        parts.append("".join(rng.choice(SEEDS) + rng.choice(["", "", "\n", "\n\n", " "])
                             for _ in range(rng.randint(1, 12))))
    return "".join(parts)


def gen_text(rng: random.Random) -> str:
    return mutate(rng, page(rng))


def gen_noise(rng: random.Random) -> str:
    noise = "".join(_codepoint(rng) for _ in range(rng.randint(0, 600)))
    if rng.random() < 0.5:
        i = rng.randint(0, len(noise))
        noise = noise[:i] + page(rng) + noise[i:]
    return noise


def _json_value(rng: random.Random) -> str:
    """Raw JSON text of a field value of any type (some of them hostile)."""
    r = rng.random()
    if r < 0.4:
        return json.dumps(mutate(rng, page(rng)) if rng.random() < 0.7 else rng.choice(SEEDS),
                          ensure_ascii=rng.random() < 0.3)
    if r < 0.5:
        return json.dumps(rng.choice(DATES))
    choices = ["1" * 5000, "[" * 10000 + "]" * 10000, '"\\ud800会议"', '"\\udfff"', "null", "true", "-0.0",
               "1e999", "{}", "[]", '{"a": [1, {"b": null}]}', '"' + "会" * 3000 + '"', str(rng.randint(-10**9, 10**9)),
               '"2022-04-31"', "20220431", '"\\u0000记者 张三\\u2028本报讯"']
    return rng.choice(choices)


def gen_jsonl(rng: random.Random) -> bytes:
    lines = []
    for _ in range(rng.randint(1, 5)):
        keys = rng.sample(["title", "date", "text", "url", "source", "id", "text"], rng.randint(0, 6))
        line = "{" + ", ".join(f'"{k}": {_json_value(rng)}' for k in keys) + "}"
        r = rng.random()
        if r < 0.1:
            line = line[:rng.randint(0, len(line))]
        elif r < 0.15:
            line = "[" + line + "]"
        lines.append(line)
    sep = rng.choice(["\n", "\r\n", "\n\n"])
    raw = sep.join(lines)
    enc = rng.choice(["utf-8", "utf-8", "utf-8-sig", "gb18030", "utf-16"])
    return raw.encode(enc, errors="surrogatepass" if enc.startswith("utf") else "replace")


def gen_bytes(rng: random.Random) -> bytes:
    r = rng.random()
    if r < 0.1:
        return bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 400)))
    if r < 0.15:
        return rng.choice([b"", b"   \n", b"\xff\xfe", b"\xfe\xff\xd8\x00", b"\xff\xfe\x00\xd8\x41", b"\xef\xbb\xbf"])
    data = page(rng).encode(rng.choice(ENCODINGS), errors="replace")
    for _ in range(rng.randint(0, 4)):
        op = rng.random()
        i = rng.randint(0, len(data))
        if op < 0.3:
            data = data[:i] + bytes([rng.randint(0, 255)]) + data[i + 1:]
        elif op < 0.5:
            data = data[:i]
        elif op < 0.6:
            data = data[:i] + b"\x00" + data[i:]
        elif op < 0.7:
            data = data[:i] + b"\xd8\x00" + data[i:]
    return data


KINDS: Dict[str, Tuple[float, Callable[[random.Random], object]]] = {
    "text": (0.55, gen_text), "noise": (0.15, gen_noise), "jsonl": (0.15, gen_jsonl), "bytes": (0.15, gen_bytes),
}


# ----------------------------------------------------------------------------- checks

@dataclass
class Report:
    inputs: int = 0
    kinds: Counter = field(default_factory=Counter)
    input_errors: int = 0
    triples: int = 0
    crashes: List[dict] = field(default_factory=list)
    hangs: List[dict] = field(default_factory=list)
    violations: List[dict] = field(default_factory=list)
    slowest: float = 0.0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (self.crashes or self.hangs or self.violations)

    def summary(self) -> dict:
        return {"inputs": self.inputs, "kinds": dict(self.kinds), "input_errors": self.input_errors,
                "triples": self.triples, "crashes": len(self.crashes), "hangs": len(self.hangs),
                "violations": len(self.violations), "slowest_s": round(self.slowest, 3),
                "seconds": round(self.seconds, 1)}


def _sample(x: object) -> str:
    return repr(x)[:300]


def check_result(articles, triples, errors, where: str) -> Tuple[List[str], List[str], List[str]]:
    """(crashes, hangs, violations) found in one result."""
    crashes, hangs, broken = [], [], []
    texts: dict = {}
    for a in articles:  # an article repeated (same id) is extracted once, from its first text
        texts.setdefault(a.id, a.text)
    for t in triples:
        problems = violations(t, texts.get(t.get("article_id")))
        if t.get("article_id") not in texts:
            problems.append("article_id names no article of the result")
        if problems:
            broken.append(f"{t.get('predicate')} {t.get('subject')!r}->{t.get('object')!r}: {'; '.join(problems)}")
    for e in errors:
        msg = str(e)
        if isinstance(e, ExtractionError) and not e.skipped:
            broken.append(msg)
        elif isinstance(e, ExtractionError) and "took over" in msg:
            hangs.append(msg)
        elif isinstance(e, ExtractionError) and "characters, over the limit" in msg:
            continue
        elif not isinstance(e, InputError) or "\n" in msg or where not in msg:
            crashes.append(f"{type(e).__name__}: {msg}")
    return crashes, hangs, broken


def run_one(extractor, kind: str, value: object, tmp: Path) -> Tuple[list, list, list]:
    """Extract one generated input; returns (articles, triples, errors)."""
    if kind in ("text", "noise"):
        errors: list = []
        arts = split_document(Document(text=value, source="<fuzz>", kind="page"))
        return arts, extractor.extract_articles(arts, errors), errors
    path = tmp / ("input.jsonl" if kind == "jsonl" else "input.txt")
    path.write_bytes(value)
    res = extractor.extract_file(path)
    return res.articles, res.triples, res.errors


def run(n: int, *, seed: int = 0, extractor=None, segmenter: str = "pkuseg", time_limit: float = 10.0,
        progress: Optional[Callable[[int, Report], None]] = None) -> Report:
    """Generate ``n`` inputs from ``seed`` and check each; returns the report."""
    from govkg.extract.pipeline import Extractor
    ex = extractor or Extractor(segmenter=segmenter)
    saved_guard = ex.guard
    ex.guard = Guard(max_chars=saved_guard.max_chars, max_seconds=time_limit)
    rng = random.Random(seed)
    names, weights = zip(*((k, w) for k, (w, _) in KINDS.items()))
    rep = Report()
    t_all = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="govkg-fuzz-") as tmp:
            for i in range(n):
                kind = rng.choices(names, weights)[0]
                value = KINDS[kind][1](rng)
                rep.inputs += 1
                rep.kinds[kind] += 1
                where = "<fuzz>" if kind in ("text", "noise") else tmp
                t0 = time.perf_counter()
                try:
                    arts, triples, errors = run_one(ex, kind, value, Path(tmp))
                except Exception as e:  # anything escaping the library is a crash
                    rep.crashes.append({"i": i, "kind": kind, "input": _sample(value),
                                        "error": "".join(traceback.format_exception_only(type(e), e)).strip(),
                                        "where": traceback.extract_tb(e.__traceback__)[-1][:2]})
                    continue
                dt = time.perf_counter() - t0
                rep.slowest = max(rep.slowest, dt)
                rep.triples += len(triples)
                rep.input_errors += len(errors)
                crashes, hangs, broken = check_result(arts, triples, errors, where)
                if dt > time_limit:
                    hangs.append(f"took {dt:.1f} s")
                for bucket, found in ((rep.crashes, crashes), (rep.hangs, hangs), (rep.violations, broken)):
                    bucket.extend({"i": i, "kind": kind, "input": _sample(value), "error": x} for x in found)
                if progress and (i + 1) % 1000 == 0:
                    progress(i + 1, rep)
    finally:
        ex.guard = saved_guard
    rep.seconds = time.perf_counter() - t_all
    return rep


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--segmenter", default="pkuseg")
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--json", type=Path, help="Write the full report (with every failing input) here.")
    args = ap.parse_args(argv)

    def show(done: int, rep: Report) -> None:
        print(f"{done} inputs: {rep.summary()}", file=sys.stderr, flush=True)

    rep = run(args.inputs, seed=args.seed, segmenter=args.segmenter, time_limit=args.time_limit, progress=show)
    print(json.dumps(rep.summary(), ensure_ascii=False))
    for name in ("crashes", "hangs", "violations"):
        for item in getattr(rep, name)[:5]:
            print(name, json.dumps(item, ensure_ascii=False, default=str))
    if args.json:
        args.json.write_text(json.dumps(dict(rep.summary(), failures={
            k: getattr(rep, k) for k in ("crashes", "hangs", "violations")}), ensure_ascii=False, indent=1,
            default=str), encoding="utf-8")
    return 0 if rep.ok else 1


if __name__ == "__main__":
    sys.exit(main())
