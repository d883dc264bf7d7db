"""Fixtures for the view tests: one headless Chromium per session, pages opened offline.

Chromium is Debian's (``make system-deps`` installs it); Playwright drives it
and downloads nothing. Every request other than ``file:`` and ``data:`` is
blocked and recorded, so a test can assert that the page asked for nothing.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
#: Screenshots for people to look at (gitignored).
TEST_OUTPUT = ROOT / "test-output"
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
]
HOSTILE_TEXT = (
    "The group <script>alert(1)</script> met O'Brien's \"team\" in Doha on Saturday.\n"
    'Ahmed <img src=x onerror=alert(1)> criticized the "Hostile" Council in Kabul on Monday.\n'
    "O'Brien did not meet the <b>Mayor</b> of Paris.\n"
)


@dataclass
class OpenedPage:
    """A page and what it did: requests beyond file:/data:, console errors, dialogs."""

    page: object
    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def counts(self) -> dict:
        """Node and edge counts read from the page's vis DataSets and from what vis-network drew."""
        return self.page.evaluate(
            """() => ({
                nodes: nodes.length,
                edges: edges.length,
                statements: edges.get().reduce((n, e) => n + e.kgStatements.length + e.kgMore, 0),
                drawnNodes: network.body.nodeIndices.length,
                drawnEdges: network.body.edgeIndices.length,
            })"""
        )


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    """One Chromium for the session, with a fresh profile and the network cut off."""
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip("Chromium not installed (make system-deps)")
    sync_api = pytest.importorskip("playwright.sync_api")
    playwright = sync_api.sync_playwright().start()
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("chromium-profile")),
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1280, "height": 800},
        offline=True,
    )
    context.kg_external = []  # requests the route below blocked

    def block(route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            context.kg_external.append(url)
            route.abort()

    context.route("**/*", block)
    yield context
    context.close()
    playwright.stop()


@pytest.fixture()
def open_view(browser_context):
    """Open an HTML file, wait until its layout is done, and record what happened."""
    pages = []

    def open_(path: Path, *, timeout_ms: int = 30_000) -> OpenedPage:
        page = browser_context.new_page()
        pages.append(page)
        opened = OpenedPage(page)
        start = len(browser_context.kg_external)
        page.on("console", lambda m: m.type == "error" and opened.console_errors.append(m.text))
        page.on("pageerror", lambda e: opened.console_errors.append(str(e)))

        def on_dialog(dialog):
            opened.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on(
            "request",
            lambda r: r.url.startswith(("file:", "data:", "blob:")) or opened.external_requests.append(r.url),
        )
        page.goto(Path(path).resolve().as_uri())
        page.wait_for_function("() => window.kgReady === true", timeout=timeout_ms)
        opened.external_requests.extend(browser_context.kg_external[start:])
        return opened

    yield open_
    for page in pages:
        page.close()


def screenshot(opened: OpenedPage, name: str) -> Path:
    """Write a screenshot to test-output/ for people to look at."""
    TEST_OUTPUT.mkdir(exist_ok=True)
    path = TEST_OUTPUT / name
    opened.page.screenshot(path=str(path))
    return path


def node_position(opened: OpenedPage, node_id: str) -> tuple[float, float]:
    """Where a node's dot is on the page (CSS pixels)."""
    return opened.page.evaluate(
        """(id) => {
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const box = document.getElementById("mynetwork").getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        node_id,
    )


def click_node(opened: OpenedPage, node_id: str) -> None:
    """Click a node's dot, as a reader would."""
    x, y = node_position(opened, node_id)
    opened.page.mouse.click(x, y)


def hover_tooltip(opened: OpenedPage, node_id: str) -> str:
    """Hover a node and return the text of the tooltip vis-network shows."""
    page = opened.page
    x, y = page.evaluate(
        """(id) => {
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const box = document.getElementById("mynetwork").getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        node_id,
    )
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=4)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    return tooltip.inner_text()
