"""Session-scoped real servers for the push tests (Oxigraph and Virtuoso)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.servers import Server, oxigraph_server, virtuoso_binary, virtuoso_server


@pytest.fixture(scope="session")
def oxigraph() -> Iterator[Server]:
    """A read-write Oxigraph server on a free loopback port, stopped at session end."""
    with oxigraph_server() as server:
        yield server


@pytest.fixture(scope="session")
def virtuoso() -> Iterator[Server]:
    """A fresh Virtuoso on free loopback ports, stopped at session end.

    Skipped, loudly, only when ``virtuoso-t`` is not installed; any other
    start-up problem is an error.
    """
    if virtuoso_binary() is None:
        pytest.skip(
            "VIRTUOSO NOT INSTALLED: virtuoso-t not found; `make` installs "
            "virtuoso-opensource — the Virtuoso push tests did NOT run"
        )
    with virtuoso_server() as server:
        yield server


@pytest.fixture(params=["oxigraph", "virtuoso"])
def server(request: pytest.FixtureRequest) -> Server:
    """Each test using this runs once per real server."""
    return request.getfixturevalue(request.param)
