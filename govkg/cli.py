"""govkg command line: each command is a thin layer over a library function.

Library code raises :class:`govkg.errors.GovkgError`; :func:`main` turns it into
one line on stderr and the error's exit code (a traceback only with ``--debug``).
"""
from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path
from typing import List, Optional

import typer

from govkg.errors import GovkgError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Knowledge graphs from Chinese local-governance news.")
STATE = {"debug": False}


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors.")):
    STATE["debug"] = debug


def echo_err(message: str) -> None:
    typer.echo(f"govkg: {message}", err=True)


_MAX_CHARS = typer.Option(None, "--max-article-chars", min=1,
                          help="Skip an article longer than this [default: 1,000,000 characters].")
_MAX_SECONDS = typer.Option(None, "--max-article-seconds", min=0.0,
                            help="Stop an article after this much CPU time, 0 for no limit [default: 60].")


def _guard(max_chars: Optional[int], max_seconds: Optional[float]):
    from govkg.extract.guard import Guard
    g = Guard()
    return Guard(max_chars=max_chars or g.max_chars,
                 max_seconds=g.max_seconds if max_seconds is None else max_seconds)


# --- extraction commands (issue 2) ---
_WORKERS = typer.Option(None, "--workers", "-w", min=1,
                        help="Worker processes, one pipeline each [default: the machine's cores].")


@app.command()
def extract(
    paths: List[Path] = typer.Argument(..., readable=False,  # an unreadable file is one error, not a refusal
                                       help="Text files (.txt, any Chinese encoding), JSON Lines (.jsonl), "
                                       "saved web pages (.html), e-paper PDFs (.pdf) or folders of them."),
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl (the guideline contract + provenance) or table."),
    year: Optional[int] = typer.Option(None, "--year", help="Year for dates the text gives without one."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here instead of stdout."),
    segmenter: str = typer.Option("pkuseg", "--segmenter", help="pkuseg (default) or jieba (faster)."),
    all_evidence: bool = typer.Option(False, "--all-evidence", help="One line per (triple, evidence sentence)."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0,
                                         help="Leave out triples whose confidence is below this."),
    workers: Optional[int] = _WORKERS,
    max_article_chars: Optional[int] = _MAX_CHARS,
    max_article_seconds: Optional[float] = _MAX_SECONDS,
):
    """Extract triples from news pages; one JSON object a line, files in input order."""
    import json

    from govkg.extract.pipeline import contract
    from govkg.parallel import run
    from govkg.parallel.files import by_file
    from govkg.parallel.tasks import plan

    if format not in ("jsonl", "table"):
        raise typer.BadParameter("--format must be jsonl or table")
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    failed = 0
    rows = []
    try:
        tasks, _ = plan(paths)
        for _f, note in tasks.notes:
            echo_err(f"note: {note}")
        guard = _guard(max_article_chars, max_article_seconds)
        for fr in by_file(run(tasks, segmenter=segmenter, year=year, workers=workers, guard=guard)):
            for note in getattr(fr, "notes", None) or []:
                echo_err(f"note: {note}")
            for err in fr.errors:
                echo_err(str(err))
                failed += 1
            triples = fr.triples if all_evidence else fr.unique_triples()
            for t in triples:
                if t.get("confidence", 1.0) < min_confidence:
                    continue
                if format == "jsonl":
                    out.write(json.dumps(contract(t), ensure_ascii=False) + "\n")
                else:
                    rows.append(t)
            out.flush()
    finally:
        if output:
            out.close()
    if format == "table":
        from govkg.cells import print_triples
        print_triples(rows)
    if failed:
        raise typer.Exit(2)


@app.command("eval")
def eval_cmd(
    gold_dir: Path = typer.Argument(..., help="Folder of NAME.txt/NAME.jsonl with NAME.gold.jsonl beside each, "
                                   "or a corpus folder of annotation files (corpus/<set>)."),
    year: Optional[int] = typer.Option(None, "--year"),
    segmenter: str = typer.Option("pkuseg", "--segmenter"),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
):
    """Precision, recall and F1 per predicate, micro and macro F1, against gold files."""
    import json

    from govkg.extract.evaluate import evaluate
    from govkg.extract.pipeline import Extractor

    ex = Extractor(segmenter=segmenter, year=year)

    def predict(path: Path):
        fr = ex.extract_file(path)
        for err in fr.errors:
            echo_err(str(err))
        return fr.unique_triples()

    with _gold_folder(gold_dir) as folder:
        rep = evaluate(folder, predict)
    if as_json:
        typer.echo(json.dumps(rep.to_dict(), ensure_ascii=False))
        return
    for k, v in rep.by_predicate.items():
        typer.echo(f"{k:10s} P={v['precision']:.2f} R={v['recall']:.2f} F1={v['f1']:.2f}  "
                   f"(tp={v['tp']} fp={v['fp']} fn={v['fn']})")
    t = rep.total
    typer.echo(f"TOTAL      P={t['precision']:.3f} R={t['recall']:.3f} F1={t['f1']:.3f}  "
               f"macro-F1={t['macro_f1']:.3f}  (tp={t['tp']} fp={t['fp']} fn={t['fn']})  files={len(rep.files)}")


@app.command("train")
def train_cmd(
    out: Optional[Path] = typer.Option(None, "--out", help="Where to write the models [default: the package's "
                                                          "govkg/extract/models, which extraction uses]."),
    only: Optional[str] = typer.Option(None, "--only", help="Rebuild only 'ner' (the mention tagger) or 'roles' "
                                                            "(the role and topic scorer)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Training recipe [default: govkg/learn/config.toml]."),
):
    """Rebuild the learned models from ../shared data and the committed annotation; print the
    cross-validated figures of the role scorer."""
    from govkg.extract.ner import MODEL_DIR
    from govkg.learn.train import train_all
    if only not in (None, "ner", "roles"):
        raise GovkgError(f"--only must be 'ner' or 'roles', not {only!r}")
    res = train_all(Path(out) if out else MODEL_DIR, config=config, only=only, progress=echo_err)
    if "roles" in res:
        cv = res["roles"]
        for k, v in cv["by_predicate"].items():
            typer.echo(f"{k:10s} P={v['precision']:.2f} R={v['recall']:.2f} F1={v['f1']:.2f}  "
                       f"(tp={v['tp']} fp={v['fp']} fn={v['fn']})")
        t = cv["total"]
        typer.echo(f"CV TOTAL   P={t['precision']:.3f} R={t['recall']:.3f} F1={t['f1']:.3f}  "
                   f"macro-F1={t['macro_f1']:.3f}  (tp={t['tp']} fp={t['fp']} fn={t['fn']})")


@contextlib.contextmanager
def _gold_folder(path: Path):
    """A scorer's folder as it is, or a corpus folder (``corpus/<set>``) materialised to a temporary one."""
    from govkg.corpus import is_corpus_path, iter_items, materialize
    if not is_corpus_path(path):
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="govkg-eval-") as tmp:
        materialize(iter_items([path]), Path(tmp))
        yield Path(tmp)


# graph and analysis commands register themselves on `app`
from govkg import cli_analysis, cli_graph  # noqa: E402,F401

def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        rv = app(args=argv, prog_name="govkg", standalone_mode=False)
        if isinstance(rv, int):  # click returns typer.Exit's code when not in standalone mode
            return rv
    except GovkgError as e:
        if debug:
            raise
        echo_err(str(e))
        return e.exit_code
    except (typer.Exit, SystemExit) as e:  # typer.Exit from commands that set an exit code
        code = getattr(e, "exit_code", None)
        code = e.code if code is None else code
        return int(code or 0)
    except typer.Abort:
        echo_err("aborted")
        return 130
    except OSError as e:  # an output path that cannot be written, a disk full: the user can act on it
        if debug:
            raise
        where = f"{e.filename}: " if getattr(e, "filename", None) else ""
        echo_err(f"{where}{e.strerror or e}")
        return 74
    except Exception as e:  # click usage errors (typer may vendor its own click) and the like
        if callable(getattr(e, "show", None)) and isinstance(getattr(e, "exit_code", None), int):
            e.show()
            return e.exit_code
        if debug:
            raise
        echo_err(f"internal error: {type(e).__name__}: {e} (run with --debug for the traceback)")
        return 70
    return 0


def run() -> None:  # console-script entry point
    sys.exit(main())
