"""The ``kg`` command line: one module per command, each a thin layer over a library function."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="kg",
    help="Build RDF knowledge graphs from English news text; query, view and export them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _register() -> None:
    # Importing the command modules registers their commands on ``app``.
    from . import build, entities, eval, export, extract, push, query, remove, serve, stats, validate, view  # noqa: F401


_register()


def main() -> None:
    """Console-script entry point."""
    app()
