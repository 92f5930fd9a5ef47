"""When an article appeared, and which dates belong to the events it reports.

:func:`article_date` gives an article's date and where it came from (``date_source``):

* ``metadata``: the input gave it (a JSON Lines ``date``, or a reader that set the date and
  said so in the article's own ``date_source``, e.g. a page's masthead read by the extractor);
* ``masthead``: a masthead line at the top of the text (``2023年5月12日 星期五``);
* ``dateline``: the month and day of the dateline (``本报讯 11月18日``), the year from the
  file name (``dateline+filename``) or, lacking one, unknown;
* ``filename``: a date in the file's name (``anji-2021-03-08.txt``, ``20220105.txt``; a
  name with only year and month, ``erqi-2020-11.txt``, gives ``2020-11``).

:func:`is_historical` tells whether a sentence reports an event of another time (``2007年``,
``曾``, ``当年``): such an event does not take the article's date.
"""
from __future__ import annotations

import re
from pathlib import PurePath
from typing import Mapping, Optional, Tuple

_MASTHEAD = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:星期|周|礼拜)[一二三四五六日天]")
_DATELINE = re.compile(r"^[^。\n]{0,40}?(?:讯|电|消息)[^。\n]{0,24}?(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_LEAD_DAY = re.compile(r"^\s*(?:[（(][^）)]{0,30}[）)])?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.年]?(0[1-9]|1[0-2])(?:[-_.月]?(0[1-9]|[12]\d|3[01]))?(?!\d)")
_YEAR = re.compile(r"(?<![\d〇零一二三四五六七八九])((?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})\s*年")
_PAST = re.compile(r"曾经|曾[在于任到经]|当年|那年|早在|此前|多年前|\d+年前|几年前|回顾|回忆|时任|历史上")
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGIT["零"] = "0"


def _iso(y: int, m: int, d: int) -> Optional[str]:
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def file_date(path: Optional[str]) -> Optional[str]:
    """``YYYY-MM-DD`` or ``YYYY-MM`` from a file name, or None.

    >>> file_date("pages/anji-2021-03-08.txt"), file_date("erqi-2020-11.txt"), file_date("x.txt")
    ('2021-03-08', '2020-11', None)
    """
    if not path:
        return None
    name = PurePath(str(path).split("#")[0]).name
    m = _FILE_DATE.search(name)
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    return f"{y}-{mo}-{d}" if d else f"{y}-{mo}"


def article_date(article: Mapping) -> Tuple[Optional[str], Optional[str]]:
    """``(date, date_source)`` of an article record (``date``, ``date_source``, ``text``, ``file``).

    >>> article_date({"date": "2022-01-05", "text": "正文"})
    ('2022-01-05', 'metadata')
    >>> article_date({"text": "长兴新闻\\n2023年5月12日 星期五\\n本报讯 ..."})
    ('2023-05-12', 'masthead')
    >>> article_date({"text": "标题\\n本报讯 11月18日，二七区召开会议", "file": "erqi-2020-11.txt", "body_start": 3})
    ('2020-11-18', 'dateline+filename')
    """
    if article.get("date"):
        return article["date"], article.get("date_source") or "metadata"
    text = article.get("text") or ""
    m = _MASTHEAD.search(text[:300])
    if m:
        iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            return iso, "masthead"
    fdate = file_date(article.get("file") or article.get("source"))
    body = text[int(article.get("body_start") or 0):] if article.get("body_start") else text
    day = _DATELINE.search(body[:120]) or _LEAD_DAY.search(body[:40])
    if day is None and not article.get("body_start"):   # the title is part of the text
        for line in text.split("\n")[1:4]:
            day = _DATELINE.search(line[:120])
            if day:
                break
    if day and fdate:
        iso = _iso(int(fdate[:4]), int(day.group(1)), int(day.group(2)))
        if iso and (len(fdate) == 7 and fdate[5:7] == iso[5:7] or len(fdate) == 10):
            return iso, "dateline+filename"
    if day:
        return f"--{int(day.group(1)):02d}-{int(day.group(2)):02d}", "dateline"
    if fdate:
        return fdate, "filename"
    return None, None


def year_of(date: Optional[str]) -> Optional[int]:
    """The year of an ISO date or ``YYYY-MM``; None for ``--MM-DD`` or nothing."""
    return int(date[:4]) if date and re.match(r"^\d{4}", date) else None


def complete(date: str, article: Optional[str]) -> str:
    """A ``--MM-DD`` date with its article's year (the year before if it would lie more than
    a month after the article); other dates as they are.

    >>> complete("--11-18", "2020-11-28"), complete("--12-30", "2021-01-03"), complete("--11-18", None)
    ('2020-11-18', '2020-12-30', '--11-18')
    """
    if not date.startswith("--") or year_of(article) is None:
        return date
    year = year_of(article)
    m, d = int(date[2:4]), int(date[5:7])
    if article and len(article) >= 7:
        am = int(article[5:7])
        ad = int(article[8:10]) if len(article) >= 10 else 31
        if (m, d) > (am, ad) and (m - am) * 31 + d - ad > 31:
            year -= 1
    return _iso(year, m, d) or date


def sentence_date(date: str, sentence: str, article: Optional[str]) -> str:
    """The day of a claim read from ``sentence``: ``date`` as extracted, unless it carries a year
    the sentence does not write and that is not the article's (a bare ``13日`` completed from a
    historical date earlier in the text); then the month and day with the article's year.

    >>> sentence_date("2011-04-13", "13日上午，习近平听取了工作汇报", "2022-04-13")
    '2022-04-13'
    >>> sentence_date("2011-04-20", "海南省于2011年4月20日试点实行离岛免税政策。", "2022-04-13")
    '2011-04-20'
    >>> sentence_date("--11-18", "11月18日", "2020-11-28")
    '2020-11-18'
    """
    y, ay = year_of(date), year_of(article)
    if y is not None and ay is not None and y != ay and y not in sentence_years(sentence) \
            and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date or ""):
        return complete("--" + date[5:], article)
    return complete(date, article)


def sentence_years(sentence: str) -> set:
    """The years a sentence names (``2007年``, ``二〇〇七年``)."""
    out = set()
    for m in _YEAR.finditer(sentence or ""):
        y = m.group(1)
        y = "".join(_CN_DIGIT.get(c, c) for c in y)
        if y.isdigit():
            out.add(int(y))
    return out


_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def sentence_day(sentence: str) -> Optional[str]:
    """``--MM-DD`` of the first month and day a sentence names (a year before it is its own business).

    >>> sentence_day("11月25日，陈红民带队深入陇海路沿线察看"), sentence_day("2019年5月2日召开") is None
    ('--11-25', True)
    """
    m = _DAY.search(sentence or "")
    if not m or not (1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 31):
        return None
    return f"--{int(m.group(1)):02d}-{int(m.group(2)):02d}"


def is_historical(sentence: str, article: Optional[str]) -> Optional[str]:
    """Why the event of ``sentence`` is not of the article's time, or None.

    >>> is_historical("2007年10月，党的十七大在北京召开。", "2024-05-02")
    'the sentence names 2007, the article is of 2024'
    >>> is_historical("他曾在这里主持召开座谈会。", "2024-05-02")
    "the sentence says '曾在' (another time)"
    >>> is_historical("5月2日，座谈会在北京召开。", "2024-05-02") is None
    True
    """
    ay = year_of(article)
    years = sentence_years(sentence)
    if ay is not None and years and ay not in years:
        return f"the sentence names {min(years)}, the article is of {ay}"
    m = _PAST.search(sentence or "")
    if m:
        return f"the sentence says '{m.group(0)}' (another time)"
    return None
