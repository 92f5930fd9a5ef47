"""govkg command line: each command is a thin layer over a library function.

Library code raises :class:`govkg.errors.GovkgError`; :func:`main` turns it into
one line on stderr and the error's exit code (a traceback only with ``--debug``).
"""
from __future__ import annotations

import sys
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


# --- extraction commands (issue 2) ---

# --- graph commands (issue 3) ---

# --- analysis commands (issue 4) ---


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        app(args=argv, prog_name="govkg", standalone_mode=False)
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
    except Exception as e:  # click usage errors and the like
        import click
        if isinstance(e, click.ClickException):
            e.show()
            return e.exit_code
        if debug:
            raise
        echo_err(f"internal error: {type(e).__name__}: {e} (run with --debug for the traceback)")
        return 70
    return 0


def run() -> None:  # console-script entry point
    sys.exit(main())
