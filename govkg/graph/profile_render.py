"""``govkg person`` output: a profile (:mod:`govkg.graph.profile`) as text, JSON or an HTML page.

The page is one self-contained file (no script, no network: styles inline, the CJK font stack
of the graph export); every name, post and sentence is HTML-escaped, and an article's URL is a
link only when it is http(s) (a ``javascript:`` URL is shown as text). The text output has control
characters (terminal escapes) replaced by U+FFFD. :func:`write_profile_pages`
writes one page per person for the HTML graph export, which links each person to theirs.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional

from govkg.graph.profile import ROLE_WORDS, ROLES, Index, profile_of

Link = Callable[[str], Optional[str]]
CJK_FONTS = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
             '"WenQuanYi Micro Hei", sans-serif')


#: characters a terminal would act on (C0 but tab and line feed, DEL, C1): shown as U+FFFD
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    """``text`` with the control characters a terminal would obey replaced by U+FFFD.

    >>> plain("王五" + chr(27) + "[2J" + chr(9) + "ok") == "王五" + chr(0xFFFD) + "[2J" + chr(9) + "ok"
    True
    """
    return _CONTROL.sub("\ufffd", text)


def _span(a: Optional[str], b: Optional[str]) -> str:
    if not a and not b:
        return "undated"
    return a if a == b or not b else f"{a or '?'} – {b}"


# ----------------------------------------------------------------------------- text

def render_text(result: Dict[str, Any]) -> str:
    """The profiles as plain text, one evidence line (sentence — article, date) under each claim."""
    out: List[str] = []
    for p in result["people"]:
        out.extend(_text_person(p))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _ev_lines(evidence: List[dict], articles: Dict[str, dict], indent: str = "      ") -> List[str]:
    lines = []
    for e in evidence:
        a = articles.get(e["article"]) or {}
        where = f"{e['article']}" + (f" {a.get('title') or a.get('name')}" if a.get("title") or a.get("name") else "")
        lines.append(f"{indent}“{e['sentence']}” — {where}, {e.get('date') or a.get('date') or 'undated'}")
    return lines


def _text_person(p: Dict[str, Any]) -> List[str]:
    arts = p["articles"]
    out = [f"{p['name']}  [{p['id']}]  {'、'.join(p['jurisdictions']) or 'no known division'}  "
           f"seen {_span(p['first_seen'], p['last_seen'])} in {p['article_count']} article(s)"]
    if p["aliases"]:
        out.append(f"  also written: {'、'.join(p['aliases'])}")
    out.append("Identity")
    out.extend(f"  - {r}" for r in p["identity"]["reasons"] or ["one name, one mention group"])
    out.append("Posts (in order of first seen)")
    for q in p["posts"]:
        former = " (former)" if q["former"] else ""
        out.append(f"  {_span(q['first_seen'], q['last_seen'])}  {q['post']}{former}  "
                   f"as written: {'、'.join(q['wordings']) or q['post']}  [{len(q['articles'])} article(s)]")
        out.extend(_ev_lines(q["evidence"], arts))
    out.append("Meetings")
    for role in ROLES:
        ms = p["meetings"][role]
        out.append(f"  {ROLE_WORDS[role]} ({len(ms)})")
        for m in ms:
            loc = f" ({m['locality']})" if m.get("locality") else ""
            out.append(f"    {m['date'] or 'undated'}  {m['event']}{loc}")
            out.extend(_ev_lines(m["evidence"], arts, "        "))
    out.append(f"Places inspected ({len(p['places'])})")
    for m in p["places"]:
        out.append(f"  {m['date'] or 'undated'}  {m['event']}")
        out.extend(_ev_lines(m["evidence"], arts))
    out.append(f"Co-participants ({len(p['co_participants'])})")
    for c in p["co_participants"]:
        out.append(f"  {c['name']}  {c['count']} shared: "
                   + "; ".join(f"{s['event']} {s['date'] or ''}".rstrip() for s in c["shared"]))
        for s in c["shared"]:
            out.extend(_ev_lines(s["evidence"][:1], arts))
    out.append(f"Articles ({len(arts)})")
    for a in arts.values():
        out.append(f"  {a['id']}  {a.get('date') or 'undated'} ({a.get('date_source') or 'no date source'})  "
                   f"{a.get('title') or a.get('name') or ''}  {a.get('source') or ''}".rstrip())
    return out


def render_json(result: Dict[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False, indent=1) + "\n"


# ----------------------------------------------------------------------------- html

STYLE = """
body { font-family: %s; color: #222; background: #fafafa; margin: 0; line-height: 1.5; }
main { max-width: 980px; margin: 0 auto; padding: 16px 24px 48px; background: #fff; }
h1 { font-size: 24px; margin: 8px 0 2px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; }
h3 { font-size: 15px; margin: 16px 0 6px; } .muted { color: #777; } .nav { font-size: 13px; }
table { border-collapse: collapse; width: 100%%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #eee; }
th { background: #f4f4f4; font-weight: 600; } td.when { white-space: nowrap; width: 12em; }
.ev { margin: 2px 0; font-size: 13px; color: #333; } .ev q { quotes: "“" "”"; }
.ev a, .art { color: #555; font-size: 12px; } .none { color: #999; font-style: italic; }
.person { border-top: 3px solid #e4572e; margin-top: 24px; }
""" % CJK_FONTS


def _e(v: Any) -> str:
    return html.escape("" if v is None else str(v), quote=True)


def _url_html(url: str) -> str:
    """An article's URL: a link when it is http(s), else only its text."""
    if re.match(r"(?i)https?://", url.strip()):
        return f'<a href="{_e(url.strip())}">{_e(url)}</a>'
    return f'<span class="url">{_e(url)}</span>'


def anchor(aid: str) -> str:
    return "a-" + hashlib.sha1(str(aid).encode()).hexdigest()[:12]


def _ev_html(evidence: List[dict], articles: Dict[str, dict]) -> str:
    parts = []
    for e in evidence:
        a = articles.get(e["article"]) or {}
        parts.append(f'<div class="ev"><q>{_e(e["sentence"])}</q> <a href="#{anchor(e["article"])}">'
                     f'{_e(a.get("title") or a.get("name") or e["article"])}, {_e(e.get("date") or a.get("date") or "undated")}</a></div>')
    return "".join(parts)


def _table(head: Iterable[str], rows: List[List[str]], empty: str) -> str:
    if not rows:
        return f'<p class="none">{_e(empty)}</p>'
    th = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(rows_cell for rows_cell in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _person_html(p: Dict[str, Any], link: Link) -> str:
    arts = p["articles"]
    out = [f'<section class="person" id="{_e(p["id"])}" data-person="{_e(p["id"])}">',
           f'<h1>{_e(p["name"])}</h1>',
           f'<div class="muted">{_e("、".join(p["jurisdictions"]) or "no known division")} · seen '
           f'{_e(_span(p["first_seen"], p["last_seen"]))} in {_e(p["article_count"])} article(s) · '
           f'<code>{_e(p["id"])}</code></div>']
    if p["aliases"]:
        out.append(f'<div class="muted">also written: {_e("、".join(p["aliases"]))}</div>')
    reasons = p["identity"]["reasons"] or ["one name, one mention group"]
    out.append('<h2>Identity 身份</h2><ul class="identity">' + "".join(f"<li>{_e(r)}</li>" for r in reasons) + "</ul>")
    rows = [[f'<td class="when">{_e(_span(q["first_seen"], q["last_seen"]))}</td>',
             f'<td><b>{_e(q["post"])}</b>{" (former)" if q["former"] else ""}<br><span class="muted">as written: '
             f'{_e("、".join(q["wordings"]) or q["post"])} · {_e(q["organisation"] or "")}</span></td>',
             f'<td>{_ev_html(q["evidence"], arts)}</td>'] for q in p["posts"]]
    out.append('<h2>Posts 职务</h2>' + _table(("when seen", "post", "evidence"), rows, "no post in the graph"))
    out.append('<h2>Meetings 会议</h2>')
    for role in ROLES:
        ms = p["meetings"][role]
        rows = [[f'<td class="when">{_e(m["date"] or "undated")}</td>',
                 f'<td><b>{_e(m["event"])}</b><br><span class="muted">{_e(m.get("locality") or "")}</span></td>',
                 f'<td>{_ev_html(m["evidence"], arts)}</td>'] for m in ms]
        out.append(f'<h3 data-role="{role}">{_e(ROLE_WORDS[role])} ({len(ms)})</h3>'
                   + _table(("date", "meeting", "evidence"), rows, "none"))
    rows = [[f'<td class="when">{_e(m["date"] or "undated")}</td>', f'<td><b>{_e(m["event"])}</b></td>',
             f'<td>{_ev_html(m["evidence"], arts)}</td>'] for m in p["places"]]
    out.append('<h2>Places inspected 调研视察</h2>' + _table(("date", "place", "evidence"), rows, "none"))
    rows = []
    for c in p["co_participants"]:
        href = link(c["person_id"])
        who = f'<a href="{_e(href)}">{_e(c["name"])}</a>' if href else _e(c["name"])
        shared = "".join(f'<div>{_e(s["event"])} <span class="muted">{_e(s["date"] or "")} · '
                         f'{_e(", ".join(ROLE_WORDS.get(r, r) for r in s["roles"]))}</span></div>'
                         + _ev_html(s["evidence"][:1], arts) for s in c["shared"])
        rows.append([f'<td>{who}</td>', f'<td>{c["count"]}</td>', f"<td>{shared}</td>"])
    out.append('<h2>Co-participants 共同参加</h2>' + _table(("person", "shared", "events and evidence"), rows, "none"))
    rows = [[f'<td class="when" id="{anchor(a["id"])}">{_e(a.get("date") or "undated")}<br><span class="muted">'
             f'{_e(a.get("date_source") or "no date source")}</span></td>',
             f'<td>{_e(a.get("title") or a.get("name") or "(untitled)")}<br><code class="art">{_e(a["id"])}</code></td>',
             f'<td>{_e(a.get("source") or "")}' + (f'<br>{_url_html(str(a["url"]))}' if a.get("url") else "")
             + "</td>"] for a in arts.values()]
    out.append('<h2>Articles 文章</h2>' + _table(("date (source)", "title and id", "source"), rows, "none"))
    out.append("</section>")
    return "\n".join(out)


def render_html(result: Dict[str, Any], *, link: Optional[Link] = None, back: Optional[str] = None) -> str:
    """One self-contained page (no script, no network) for ``govkg person --format html``.

    ``link(person_id)`` gives the href of a co-participant's own page (or None); ``back`` the
    href of the graph page it was opened from.
    """
    link = link or (lambda _pid: None)
    people = result["people"]
    title = f"{result['name']} — govkg profile"
    nav = f'<div class="nav"><a href="{_e(back)}">← graph</a></div>' if back else ""
    body = "\n".join(_person_html(p, link) for p in people)
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="govkg person">\n<title>{_e(title)}</title>\n'
            f'<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{nav}\n{body}\n</main>\n</body>\n</html>\n')


RENDERERS = {"text": render_text, "json": render_json, "html": render_html}


def render(result: Dict[str, Any], fmt: str) -> str:
    from govkg.graph.views import FilterError
    if fmt not in RENDERERS:
        raise FilterError(f"unknown format {fmt!r}; choose one of {', '.join(RENDERERS)}")
    text = RENDERERS[fmt](result)
    return plain(text) if fmt == "text" else text


# ----------------------------------------------------------------------------- pages for the graph

def page_name(pid: str) -> str:
    """The file name of a person's page (ids are ``person:<hex>``)."""
    return pid.replace(":", "-") + ".html"


def write_profile_pages(snap: Any, person_ids: Iterable[str], directory: Path, *,
                        back: Optional[str] = None, resolutions: Iterable[dict] = ()) -> Dict[str, str]:
    """Write ``directory/<person>.html`` for each person; returns ``{person id: file name}``.

    Pages link their co-participants' pages when those are written too; ``back`` is the href
    of the graph page from the directory.
    """
    ix = Index(snap, resolutions)
    ids = sorted({p for p in person_ids if ix.nodes.get(p, {}).get("label") == "Person"})
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    names = {p: page_name(p) for p in ids}
    for pid in ids:
        prof = profile_of(ix, pid)
        result = {"name": prof["name"], "locality": None, "people": [prof]}
        (directory / names[pid]).write_text(render_html(result, link=names.get, back=back), encoding="utf-8")
    return names


def profile_pages(snap: Any, graph_file: Path, *, resolutions: Iterable[dict] = ()) -> Callable:
    """What :func:`govkg.graph.export.export` calls with the ids of the people a graph page draws:
    their pages are written to ``<graph file>.profiles/`` and ``{person id: href}`` returned."""
    graph_file = Path(graph_file)
    folder = graph_file.parent / f"{graph_file.name}.profiles"

    def pages(person_ids: Iterable[str]) -> Dict[str, str]:
        names = write_profile_pages(snap, person_ids, folder, back=f"../{graph_file.name}",
                                    resolutions=resolutions)
        return {pid: f"{folder.name}/{name}" for pid, name in names.items()}
    return pages
