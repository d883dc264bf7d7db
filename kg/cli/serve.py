"""``kg serve``: a read-only SPARQL endpoint over a built graph, following later builds."""

from __future__ import annotations

import signal
import threading
from typing import Annotated

import typer

from ..errors import KGError, StoreNotFound
from . import app
from ._common import OutDir, console, reports_errors, safe

#: Signals that stop the endpoint; each is passed on to the Oxigraph children.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


@app.command("serve")
@reports_errors
def serve_cli(
    out: OutDir,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 7878,
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = "127.0.0.1",
    timeout_s: Annotated[
        int,
        typer.Option(
            "--timeout-s", min=1, help="Seconds a query may run before the server cancels it (whole seconds)."
        ),
    ] = 60,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 Protocol endpoint (Oxigraph server, with a query UI).

    The endpoint follows the output directory: after a later [bold]kg build[/] or [bold]kg remove[/]
    into OUT (while serving or not), queries see the new state within a few seconds, once the
    build has let go of the store. (A fresh read-only Oxigraph server is started on the changed
    store and takes over; queries already running finish on the old one.)

    SERVICE clauses and brackets nested deeper than 256 are refused with HTTP 400: the endpoint
    never fetches from other servers, and such nesting would crash the engine. Ctrl-C or SIGTERM
    stops the server and its Oxigraph process.

    Example: [bold]kg serve out --port 7878[/], then open http://127.0.0.1:7878/ or query /query.
    """
    from ..serve import LiveEndpoint, ServeError
    from ..store import STORE_DIR

    store = out / STORE_DIR
    if not store.is_dir():
        raise StoreNotFound(f"no graph store in {out}: build one with 'kg build PATH -o {out}'")
    stop = threading.Event()
    received: list[int] = []

    def on_signal(signum: int, _frame: object) -> None:
        received.append(signum)
        stop.set()

    # Handlers first, so that a signal during start-up still stops the child.
    previous = {}
    if threading.current_thread() is threading.main_thread():  # Python handles signals there only
        for sig in STOP_SIGNALS:
            if signal.getsignal(sig) is not signal.SIG_IGN:  # e.g. SIGHUP under nohup stays ignored
                previous[sig] = signal.signal(sig, on_signal)
    endpoint = LiveEndpoint(
        store, host, port, timeout_s=timeout_s, on_event=lambda message: console.print(safe(message), soft_wrap=True)
    )
    try:
        endpoint.start()
        if not stop.is_set():
            url = safe(endpoint.url)
            console.print(
                f"SPARQL endpoint {url}/query  (query UI at {url}/; follows new builds into {safe(out)}; Ctrl-C stops)",
                soft_wrap=True,  # keep the URLs whole
            )
        endpoint.wait(stop)
    except ServeError as error:
        raise KGError(str(error)) from None
    finally:
        endpoint.stop(received[0] if received else signal.SIGTERM)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    console.print(f"stopped ({signal.Signals(received[0]).name})" if received else "stopped")
