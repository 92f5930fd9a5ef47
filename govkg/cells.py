"""Values as table, CSV and Markdown cells, shown literally whatever a name holds.

* :func:`csv_cell` neutralises a text cell that a spreadsheet would run as a formula (one that
  starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) by putting ``'`` before it;
  numbers are left as they are.
* :func:`table_cell` is a :class:`rich.text.Text`, so that ``[bold]`` or ``:x:`` in a name is
  printed as written, not read as markup or an emoji code (rich also drops control codes).
* :func:`markdown_cell` escapes ``|`` and puts line breaks on one line.

>>> csv_cell("=1+1推进会"), csv_cell("-3"), csv_cell(-3), csv_cell("二七区")
("'=1+1推进会", "'-3", '-3', '二七区')
>>> table_cell("a:x:b [red]c").plain
'a:x:b [red]c'
"""
from __future__ import annotations

import json
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def csv_cell(value: Any) -> str:
    """``value`` for a CSV file: text starting like a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return _text(value)


def table_cell(value: Any, style: str = ""):
    """``value`` as rich Text: no markup, no emoji codes, no control codes."""
    from rich.text import Text
    return Text(_text(value), style=style)


def markdown_cell(value: Any) -> str:
    """``value`` for a Markdown table cell."""
    return " ".join(_text(value).replace("\\", "\\\\").replace("|", "\\|").split())
