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
        str | None, typer.Option(help="SPARQL query URL for --verify [default: derived from --endpoint].")
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
) -> None:
    """Push every named graph of a build to a triple store (Oxigraph, Virtuoso, Fuseki, GraphDB...).

    Examples:

      [bold]kg push out --endpoint http://127.0.0.1:7878/store[/]   (Oxigraph, Graph Store Protocol)

      [bold]kg push out --endpoint http://localhost:8890/sparql-graph-crud-auth --user dba --password dba --verify[/]
    """
    from ..push import PushError, push
    from ..store import GraphStore

    if protocol not in ("gsp", "update"):
        raise KGError(f"unknown protocol {protocol!r}: use gsp or update")
    store = GraphStore.open_output(out)
    try:
        result = push(store.ox, endpoint, protocol, user=user, password=password, batch=batch, verify=verify,
                      query_endpoint=query_endpoint, retries=retries, timeout=timeout)  # fmt: skip
    except ValueError as error:  # a graph IRI or an endpoint kg cannot use
        raise KGError(str(error)) from None
    except PushError as error:
        if error.report is not None:
            _write(error.report, report)  # first: the report must exist whatever printing does
            _summary(error.report)
        fail(str(error))
    _write(result, report)
    _summary(result)
