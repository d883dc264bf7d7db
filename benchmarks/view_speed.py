"""Time from opening the HTML view to a stabilized, interactive network, in headless Chromium.

Generated entity graphs of 300, 2,000 and 5,000 entities, each rendered with
the default cap and without a cap, opened offline in Debian's Chromium
(driven by Playwright, which downloads nothing). Target: ≤ 5 s at the default cap.

    python benchmarks/view_speed.py [--sizes 300 2000 5000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from kg.view import render_html
from kg.view.render import DEFAULT_MAX_NODES
from kg.view.synthetic import synthetic_graph

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 2_000, 5_000])
    parser.add_argument("--timeout", type=float, default=180.0, help="give up on one page after this many seconds")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(Path(folder) / "profile"), executable_path="/usr/bin/chromium", headless=True, args=ARGS,
            viewport={"width": 1280, "height": 800}, offline=True,
        )  # fmt: skip
        print(f"{'entities':>9} {'cap':>6} {'shown':>6} {'seconds to interactive':>24}")
        for size in args.sizes:
            graph = synthetic_graph(size)
            for cap in (DEFAULT_MAX_NODES, None):
                path = Path(folder) / f"view-{size}-{cap}.html"
                summary = render_html(graph, path, max_nodes=cap)
                page = context.new_page()
                start = time.perf_counter()
                page.goto(path.as_uri())
                try:
                    page.wait_for_function("() => window.kgReady === true", timeout=args.timeout * 1000)
                    seconds = f"{time.perf_counter() - start:.1f}"
                except Exception:
                    seconds = f"> {args.timeout:.0f}"
                page.close()
                label = "none" if cap is None else str(cap)
                print(f"{size:>9,} {label:>6} {summary.nodes_shown:>6,} {seconds:>24}", flush=True)
        context.close()


if __name__ == "__main__":
    main()
