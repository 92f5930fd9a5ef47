"""A JSON Lines corpus written for the tests: short meeting reports with made-up officials."""
from __future__ import annotations

import json
from pathlib import Path

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["建国", "海燕", "志强", "春梅", "立新", "晓东", "国华", "红英", "卫东", "丽娟", "德明", "秀兰"]
TOPICS = ["老旧小区改造", "河长制", "乡村振兴", "营商环境", "安全生产", "文明城市创建"]
PLACES = ["东城区", "西湖区", "南山县", "北塘镇", "青石乡", "白沙县"]


def name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)]


def record(i: int) -> dict:
    place, topic = PLACES[i % len(PLACES)], TOPICS[(i // 3) % len(TOPICS)]
    day = 1 + i % 28
    text = (f"11月{day}日，{place}召开{topic}工作推进会。会议由{place[-1]}委书记{name(i)}主持，"
            f"{place[-1]}长{name(i + 7)}出席并讲话。{name(i + 7)}强调，要把{topic}工作抓实抓细。"
            f"副{place[-1]}长{name(i + 13)}通报了前期工作情况。")
    return {"title": f"{place}部署{topic}工作（{i}）", "date": f"2020-11-{day:02d}", "text": text}


def write_corpus(path: Path, n: int, *, blank_every: int = 0) -> Path:
    """``n`` records, one a line (a blank line after every ``blank_every`` records)."""
    lines = []
    for i in range(n):
        lines.append(json.dumps(record(i), ensure_ascii=False))
        if blank_every and (i + 1) % blank_every == 0:
            lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
