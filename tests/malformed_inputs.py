"""The malformed-file table: bad inputs, each with a good page beside it (all text written for the tests).

``make_pairs(folder)`` writes every case and returns ``[(Case, bad_path, good_path, good_name)]``; the
good page of pair ``i`` names a district party secretary ``good_name`` found in no other file, so
that its HOLDS triple shows the good file was extracted. Used by ``tests/test_cli_malformed.py``
and ``bench/malformed_table.py``.
"""
from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, List, Optional, Tuple

PAGE = "本报讯 3月12日，青山区召开城市更新工作推进会。区委书记{name}主持会议并讲话。区长赵文华通报了工作进展。\n记者 马林\n"
GIVEN = ["建国", "明远", "文华", "海涛", "志强", "晓东", "丽华", "国平", "建军", "红梅", "立新", "学文", "玉兰",
         "春生", "秋实", "德胜", "振华", "卫东", "永康", "光明", "金山", "宏伟", "俊杰", "思远", "雪梅", "翠萍",
         "家祥", "长青", "兴旺", "福林", "嘉怡", "子健", "佳琪", "浩然", "雨涵", "梓轩", "晨阳", "安然", "若曦",
         "书豪", "锦程", "一鸣"]
GOOD_TEXT = "4月8日，县委书记王海涛主持召开乡村振兴工作会议。会议听取了全县工作情况的汇报。"
ARTICLE = {"title": "青山区召开城市更新工作推进会", "date": "2021-03-12",
           "text": "3月12日，青山区召开城市更新工作推进会。区委书记李明远主持会议并讲话。"}


@dataclass(frozen=True)
class Case:
    name: str                     # file name of the bad input
    make: Callable[[Path], None]  # writes it (or makes the FIFO, socket, link…)
    error: Optional[str]          # a fragment of the one-line error, or None when it reads fine
    what: str                     # what is wrong with it, for the table


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(data)


def _jsonl(*records: str) -> Callable[[Path], None]:
    return lambda p: p.write_text("\n".join(records) + "\n", encoding="utf-8")


def _rec(**fields) -> str:
    return json.dumps(dict(ARTICLE, **fields), ensure_ascii=False)


def _fifo(p: Path) -> None:
    os.mkfifo(p)


def _socket(p: Path) -> None:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(str(p))  # left bound: the file stays a socket (closed when the test process ends)
    _SOCKETS.append(s)


_SOCKETS: List[socket.socket] = []


def _folder_without_inputs(p: Path) -> None:
    p.mkdir()
    (p / "notes.csv").write_text("a,b\n", encoding="utf-8")


def _link(target: str) -> Callable[[Path], None]:
    return lambda p: p.symlink_to(target)


def _utf16_lone_surrogate(p: Path) -> None:
    p.write_bytes(b"\xff\xfe" + GOOD_TEXT.encode("utf-16-le") + b"\x00\xd8" + "会议".encode("utf-16-le"))


CASES: List[Case] = [
    Case("empty.txt", _bytes(b""), "empty file", "0 bytes"),
    Case("blank.txt", _bytes(b"  \n\n\t \n"), "empty file", "only white space"),
    Case("binary.txt", _bytes(bytes(range(256)) * 16), "binary", "every byte value"),
    Case("png.txt", _bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300)), "binary", "a PNG image"),
    Case("english.txt", _bytes(b"The county held a meeting on road repairs today.\n" * 20), "no Chinese text",
         "English text"),
    Case("latin1.txt", _bytes("Caf\u00e9 r\u00e9union \u00e0 la mairie.\n".encode("latin-1") * 20), "no Chinese text",
         "Latin-1 French"),
    Case("nul-inside.txt", _bytes(GOOD_TEXT.encode() + b"\x00" + GOOD_TEXT.encode()), "binary",
         "UTF-8 with a NUL byte"),
    Case("controls.txt", _bytes((GOOD_TEXT + "\x01\x02\x03\x04\x05\x06") .encode() * 3), "binary",
         "many control characters"),
    Case("utf16-odd-length.txt", _bytes(b"\xff\xfe" + GOOD_TEXT.encode("utf-16-le") + b"\x41"),
         "not valid UTF-16", "UTF-16 with an odd number of bytes"),
    Case("utf16-lone-surrogate.txt", _utf16_lone_surrogate, "not valid UTF-16", "UTF-16 with a lone surrogate"),
    Case("utf16be-lone-low.txt", _bytes(b"\xfe\xff" + b"\xdc\x00" + GOOD_TEXT.encode("utf-16-be")),
         "not valid UTF-16", "UTF-16BE starting with a low surrogate"),
    Case("utf8-cut.txt", _bytes(GOOD_TEXT.encode()[:-1]), None, "UTF-8 cut inside a character"),
    Case("bylines-backtrack.txt", _bytes(("会议召开。" + "记者 张改华 " * 18 + "！").encode()), None,
         "18 bylines then ！ (backtracked for ever before)"),
    Case("unbalanced-quote.txt", _bytes(("“" + GOOD_TEXT * 2000).encode()), None,
         "one unbalanced “ in 80,000 characters"),
    Case("huge-article.txt", _bytes(("会议" * 550_000).encode()), "over the limit",
         "one article of 1,100,000 characters"),
    Case("over-size-limit.txt", _bytes(("十" * 1_400_000).encode()), "byte limit",
         "a file of 4.2 MB, over GOVKG_MAX_FILE_BYTES (4 MB in the test)"),
    Case("no-inputs", _folder_without_inputs, "holds no .txt, .jsonl, .html or .pdf files", "a folder of CSV only"),
    Case("missing.txt", lambda p: None, "no such file", "does not exist"),
    Case("dangling-link.txt", _link("/nonexistent/govkg/page.txt"), "no such file", "a broken symbolic link"),
    Case("fifo.txt", _fifo, "a FIFO, not a regular file", "a FIFO (read would block for ever)"),
    Case("device.txt", _link("/dev/zero"), "a device, not a regular file", "a link to /dev/zero"),
    Case("socket.txt", _socket, "a socket, not a regular file", "a Unix socket"),
    Case("date-not-a-day.jsonl", _jsonl(_rec(date="2022-04-31")), "not a real day", "JSON Lines date 2022-04-31"),
    Case("date-year-0.jsonl", _jsonl(_rec(date="0000-01-01")), "not a real day", "JSON Lines date in year 0"),
    Case("lone-surrogate.jsonl", _jsonl(_rec(text="区委书记\\ud800主持会议。").replace("\\\\ud800", "\\ud800")),
         "lone surrogate", "a \\ud800 escape in a JSON string"),
    Case("huge-number.jsonl", _jsonl(_rec()[:-1] + ', "n": ' + "1" * 5000 + "}"), "not valid JSON for govkg",
         "an integer of 5,000 digits"),
    Case("deep-nesting.jsonl", _jsonl("[" * 10000 + "]" * 10000), "nested too deeply", "arrays nested 10,000 deep"),
    Case("not-json.jsonl", _jsonl("{not json"), "not valid JSON", "a line that is not JSON"),
    Case("text-not-string.jsonl", _jsonl(json.dumps({"text": 5})), "non-empty \"text\" string", "\"text\": 5"),
    Case("array-line.jsonl", _jsonl("[1, 2, 3]"), "non-empty \"text\" string", "a JSON array"),
    Case("no-chinese.jsonl", _jsonl(json.dumps({"title": "Road works", "text": "The county met."})),
         "no Chinese text", "English record"),
    Case("blank-title-byline-only.jsonl", _jsonl(json.dumps({"title": "\n", "text": "记者 张三"}, ensure_ascii=False)),
         None, "title \"\\n\" and only a byline (empty REPORTED object before)"),
    Case("u2028-in-string.jsonl", _jsonl(_rec(text="3月12日，青山区召开推进会。\u2028区委书记李明远主持会议。")), None,
         "a literal U+2028 inside a JSON string (split the line before)"),
    Case("nul-in-string.jsonl", _jsonl(_rec(text="3月12日，青山区召开\u0000推进会。区委书记李明远主持会议。")), None,
         "a \\u0000 in the text"),
    Case("bad-utf8.jsonl", _bytes(b'{"text": "\xff\xfe\xfa\xfb"}\n'), "no Chinese text", "invalid UTF-8 bytes in a line"),
    Case("empty.jsonl", _bytes(b""), "empty file", "0 bytes"),
    Case("blank-lines.jsonl", _bytes(b"\n\n  \n"), "empty file", "only blank lines"),
    Case("huge-record.jsonl", _jsonl(_rec(text="会议" * 550_000)), "over the limit",
         "a record of 1,100,000 characters"),
    Case("mixed.jsonl", _jsonl(_rec(), "{broken", _rec(date="2021-02-29")), "not valid JSON",
         "a good line, a broken one, a bad date"),
    Case("title-object.jsonl", _jsonl(_rec(title={"a": [1, {"b": None}]}, url=["x"], source=3.5)), None,
         "title, url and source of the wrong types"),
]


def make_pairs(folder: Path) -> List[Tuple[Case, Path, Path, str]]:
    """Write every case and a good page beside it; returns (case, bad path, good path, good name)."""
    out = []
    for i, case in enumerate(CASES):
        pair = folder / f"{i:02d}"
        pair.mkdir(parents=True)
        bad = pair / case.name
        case.make(bad)
        name = "王" + GIVEN[i]
        good = pair / "good.txt"
        good.write_text(PAGE.format(name=name), encoding="utf-8")
        out.append((case, bad, good, name))
    return out
