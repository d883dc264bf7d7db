"""Time from load to a stabilized, interactive network in headless Chromium.

For synthetic entity graphs of 300, 2,000 and 5,000 entities, rendered with
the default cap (``Settings.view_max_nodes``) and without a cap, this prints
the time from navigation start to the moment the page's layout is done and
physics is off (``window.kgReadyAt``), the wall time Playwright saw, and the
time to draw one frame after zooming (how responsive the page then is).
With ``--out``, the same for the default page of a build's entity graph.
Target: <= 2 s at the default cap.

    python benchmarks/view_speed.py [--sizes 300,2000,5000] [--runs 1] [--out OUT]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

import kg
from kg.settings import Settings
from kg.view import render_html
from kg.view.synthetic import synthetic_graph

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,2000,5000")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--out", type=Path, action="append", default=[], help="a build's output directory (repeat)")
    args = parser.parse_args()
    cap = Settings().view_max_nodes
    work = Path(tempfile.mkdtemp(prefix="kg-view-speed-"))
    print(
        f"{'entities':>8} {'cap':>6} {'shown':>6} {'relations':>9} {'render s':>8} {'ready s':>8} {'wall s':>7} {'frame ms':>8}"
    )
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(work / "profile"),
            executable_path=args.chromium,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 800},
            offline=True,
        )
        graphs = [(str(size), synthetic_graph(size), (cap, None)) for size in (int(s) for s in args.sizes.split(","))]
        for out in args.out:
            graphs.append((out.name, kg.to_networkx(out), (cap,)))
        for size, graph, caps in graphs:
            for max_nodes in caps:
                path = work / f"view-{size}-{max_nodes}.html"
                start = time.perf_counter()
                summary = render_html(graph, path, max_nodes=max_nodes)
                render_s = time.perf_counter() - start
                ready, wall, frame = [], [], []
                for _ in range(args.runs):
                    page = context.new_page()
                    start = time.perf_counter()
                    page.goto(path.as_uri())
                    page.wait_for_function("() => window.kgReady === true", timeout=300_000)
                    wall.append(time.perf_counter() - start)
                    ready.append(page.evaluate("window.kgReadyAt") / 1000)  # ms since navigation start
                    frame.append(
                        page.evaluate(
                            "() => { const t = performance.now(); network.moveTo({ scale: 1.5 });"
                            " network.redraw(); return performance.now() - t; }"
                        )
                    )
                    page.close()
                print(
                    f"{size:>8} {max_nodes or '-':>6} {summary.nodes_shown:>6} {summary.edges_shown:>9} "
                    f"{render_s:>8.2f} {statistics.median(ready):>8.2f} {statistics.median(wall):>7.2f} {statistics.median(frame):>8.1f}",
                    flush=True,
                )
        context.close()


if __name__ == "__main__":
    main()
