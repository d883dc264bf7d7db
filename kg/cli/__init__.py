"""The ``kg`` command line: one module per command, each a thin layer over a library function.

Command modules import the library (and spaCy) inside their command functions,
so ``kg --help`` and the commands that only read a graph start fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    name="kg",
    help="Build RDF knowledge graphs from English news text; query, view and export them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print kg's version and exit.")
    ] = False,
) -> None:
    # Options of ``kg`` itself, before the command; no docstring, so the help above stays the app's.
    pass


def _register() -> None:
    # Importing the command modules registers their commands on ``app``.
    from . import build, entities, eval, export, extract, push, query, remove, serve, stats, validate, view  # noqa: F401


_register()


def main() -> None:
    """Console-script entry point."""
    app()
