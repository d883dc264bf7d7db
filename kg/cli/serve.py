"""``kg serve``: a read-only SPARQL endpoint over a built graph."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import KGError, StoreNotFound
from . import app
from ._common import OutDir, console, reports_errors


@app.command("serve")
@reports_errors
def serve_cli(
    out: OutDir,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 7878,
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = "127.0.0.1",
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 Protocol endpoint (Oxigraph server, with a query UI).

    Example: [bold]kg serve out --port 7878[/], then open http://127.0.0.1:7878/ or query /query.
    """
    from ..serve import ServeError, serve, wait_until_up
    from ..store import STORE_DIR

    store = out / STORE_DIR
    if not store.is_dir():
        raise StoreNotFound(f"no graph store in {out}: build one with 'kg build PATH -o {out}'")
    try:
        process = serve(store, host, port, read_only=True)
        wait_until_up(f"http://{host}:{port}/", timeout=30, proc=process)
    except ServeError as error:
        raise KGError(str(error)) from None
    console.print(f"SPARQL endpoint http://{host}:{port}/query  (query UI at http://{host}:{port}/; Ctrl-C stops)")
    try:
        process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        process.terminate()
        process.wait(timeout=10)
