"""``kg push``: load a built graph into another triple store over HTTP."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import KGError
from . import app
from ._common import OutDir, console, fail, reports_errors, safe

if TYPE_CHECKING:
    from ..push import PushReport


def _summary(report: PushReport) -> None:
    for result in report.graphs:
        colour = {"landed": "green", "failed": "red", "mismatch": "yellow", "unverified": "yellow"}.get(
            result.status, "white"
        )
        remote = f", remote {result.remote_triples:,}" if result.remote_triples is not None else ""
        why = f": {result.error}" if result.error else ""
        # Graph IRIs and errors (server bodies) are shown as text, never as markup.
        console.print(
            f"  [{colour}]{result.status:10}[/] {safe(result.graph)} ({result.triples:,} triples{remote}){safe(why)}"
        )
    console.print(
        f"{report.landed} of {len(report.graphs)} graphs landed, {report.triples:,} triples, {report.seconds:.1f} s"
    )


def _write(report: PushReport, path: Path | None) -> None:
    if path is not None:
        try:
            path.write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")
        except OSError as error:
            raise KGError(f"cannot write the report {path}: {error.strerror}") from None


@app.command("push")
@reports_errors
def push_cli(
    out: OutDir,
    endpoint: Annotated[str, typer.Option(help="Graph Store Protocol URL (gsp) or SPARQL Update URL (update).")],
    protocol: Annotated[
        str, typer.Option(help="gsp (PUT each named graph) or update (INSERT DATA in batches).")
    ] = "gsp",
    user: Annotated[str | None, typer.Option(help="User name for the endpoint.")] = None,
    password: Annotated[
        str | None, typer.Option(help="Password (or set KG_PUSH_PASSWORD).", envvar="KG_PUSH_PASSWORD")
    ] = None,
    batch: Annotated[int, typer.Option(help="Triples per INSERT DATA (update protocol).")] = 10_000,
    verify: Annotated[
        bool, typer.Option("--verify", help="Count triples per graph on the remote and compare.")
    ] = False,
    query_endpoint: Annotated[
        str | None, typer.Option(help="SPARQL query URL for --verify \\[default: derived from --endpoint].")
    ] = None,
    retries: Annotated[int, typer.Option(help="Retries on refused or dropped connections and 5xx, with backoff.")] = 3,
    timeout: Annotated[
        float,
        typer.Option(
            help="Seconds for each HTTP request in all, sending the graph and reading the whole answer; "
            "a request that runs out of time is not retried (raise this for very large graphs)."
        ),
    ] = 30.0,
    report: Annotated[Path | None, typer.Option(help="Write the per-graph report as JSON here.")] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace graphs on the remote that another build wrote (else the push stops before)."
        ),
    ] = False,
) -> None:
    """Push every named graph of a build to a triple store (Oxigraph, Virtuoso, Fuseki, GraphDB...).

    Builds sharing a store keep each their own graphs: kg push first asks the remote which build wrote
    each graph it would replace, and stops if another build did (unless --force). Graphs an earlier
    build of OUT pushed and this one no longer has are removed.

    Examples:

      [bold]kg push out --endpoint http://127.0.0.1:7878/store[/]   (Oxigraph, Graph Store Protocol)

      [bold]kg push out --endpoint http://localhost:8890/sparql-graph-crud-auth --user dba --password dba --verify[/]
    """
    from ..push import PUSH_PROTOCOLS, PushError, ownership, push
    from ..store import GraphStore

    if protocol not in PUSH_PROTOCOLS:  # the registered ones (register_push_protocol)
        raise KGError(f"unknown protocol {protocol!r}: use {' or '.join(sorted(PUSH_PROTOCOLS))}")
    store = GraphStore.open_output(out)
    guard = ownership(store.ox, _earlier_builds(out))
    try:
        result = push(store.ox, endpoint, protocol, user=user, password=password, batch=batch, verify=verify,
                      query_endpoint=query_endpoint, retries=retries, timeout=timeout, ownership=guard,
                      force=force)  # fmt: skip
    except ValueError as error:  # a graph IRI or an endpoint kg cannot use
        raise KGError(str(error)) from None
    except PushError as error:
        if error.report is not None:
            _write(error.report, report)  # first: the report must exist whatever printing does
            _summary(error.report)
        fail(str(error))
    _write(result, report)
    _summary(result)
    if result.foreign:
        console.print(
            f"[yellow]warning:[/] --force replaced {len(result.foreign)} graph(s) another build wrote, "
            f"first {safe(next(iter(result.foreign)))}",
            soft_wrap=True,
        )
    if result.superseded:
        console.print(f"removed {len(result.superseded)} graph(s) an earlier build of {safe(out)} had pushed")


def _earlier_builds(out: Path) -> list[str]:
    """The builds OUT has been (``state.json``): their graphs on a remote are this output's to replace."""
    try:
        from ..output_dir import STATE_FILE

        builds = json.loads((out / STATE_FILE).read_text(encoding="utf-8")).get("builds", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [b for b in builds if isinstance(b, str)] if isinstance(builds, list) else []
