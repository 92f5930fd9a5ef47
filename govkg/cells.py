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

import csv
import json
import sys
from typing import Any, List, Sequence

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


def print_rows(columns: Sequence[str], rows: List[Sequence[Any]], fmt: str = "table", file=None) -> None:
    """Query results as ``table`` (rich, literal), ``csv`` (formulas neutralised) or ``json``."""
    file = file or sys.stdout
    if fmt == "json":
        file.write(json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        w = csv.writer(file, lineterminator="\n")
        w.writerows([[csv_cell(c) for c in columns]] + [[csv_cell(v) for v in r] for r in rows])
    else:
        from rich.console import Console
        from rich.table import Table
        table = Table()
        for c in columns:
            table.add_column(table_cell(c))
        for r in rows:
            table.add_row(*(table_cell(v) for v in r))
        Console(file=file, highlight=False, emoji=False).print(table)
        file.write(f"{len(rows)} row(s)\n")


def print_triples(triples: List[dict], file=None) -> None:
    """Triples as a rich table (subject, predicate, object (type), evidence shortened), literal."""
    from rich.console import Console
    from rich.table import Table
    table = Table("subject", "predicate", "object", "evidence", show_lines=False)
    for t in triples:
        ev = t.get("evidence", "")
        table.add_row(table_cell(t["subject"]), table_cell(t["predicate"]),
                      table_cell(t["object"]) + table_cell(f" ({t['object_type']})", style="dim"),
                      table_cell(ev if len(ev) <= 40 else ev[:39] + "…"))
    Console(file=file, highlight=False, emoji=False).print(table)
