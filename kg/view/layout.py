"""Positions for the view's entities: one story per cluster, every label clear of the others.

Each connected component (on a mixed corpus, mostly one story each) is laid out
on its own with a force-directed layout (networkx's Fruchterman-Reingold, which
needs NumPy), spread until no two labels overlap, and the components are then
packed in rows, the biggest first, into a rectangle of about the page's shape.
The page draws the positions as they are (no physics), so it is ready as soon
as it is drawn, and the same graph always looks the same.

Label sizes are estimated here (a character is about 0.6 em wide in a sans-serif
font), generously, so that the page's real labels fit in the room left for them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

__all__ = ["LAYOUT_MAX_NODES", "Box", "layout", "wrap_label"]

#: Above this many entities the page lays itself out (vis-network's physics, bounded) instead: networkx
#: lays out 500 or more with SciPy, which kg does not need, and the spiral placement slows down.
LAYOUT_MAX_NODES = 400
#: Characters per line of a drawn label, and lines at most; the full label is in the tooltip.
LABEL_LINE = 24
LABEL_LINES = 2
#: Width of a character and height of a line, in ems (generous for sans-serif fonts).
CHAR_EM = 0.56
LINE_EM = 1.15
#: Room around each entity's box, and between clusters, in pixels.
MARGIN = 8.0
CLUSTER_GAP = 45.0
#: Clusters of at most this many entities make room for their relations' labels.
SMALL_CLUSTER = 6
#: Length of a typical relation, in "rooms" (the side of the square an entity's box needs).
EDGE = 0.8
#: Above this many clusters they are packed in rows (quick) rather than corner by corner (tight).
MAX_CORNER_PACKING = 80
#: Width : height of the rectangle the clusters are packed into (the graph pane of a laptop screen).
ASPECT = 1.35


@dataclass(frozen=True, slots=True)
class Box:
    """What one entity occupies: its dot (radius) and its label below it, in pixels."""

    width: float
    height: float
    radius: float


def wrap_label(label: str, line: int = LABEL_LINE, lines: int = LABEL_LINES) -> str:
    """``label`` in at most ``lines`` lines of about ``line`` characters, cut with "…" if longer.

    >>> wrap_label("Congressional Progressive Caucus")
    'Congressional\\nProgressive Caucus'
    >>> wrap_label("Taliban")
    'Taliban'
    >>> wrap_label("a b " * 40).count("\\n"), wrap_label("a b " * 40).endswith("…")
    (1, True)
    """
    text = " ".join(str(label).split())
    if len(text) <= line:
        return text
    out: list[str] = []
    current = ""
    for word in text.split(" "):
        while len(word) > line:  # a word longer than a line is cut
            if current:
                out.append(current)
                current = ""
            out.append(word[: line - 1] + "-")
            word = word[line - 1 :]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= line:
            current += " " + word
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        last = out[-1]
        out[-1] = (last[: line - 1] if len(last) >= line else last) + "…"
    return "\n".join(out)


def box(label: str, radius: float, font_px: float) -> Box:
    """The estimated box of an entity whose (wrapped) label is ``label``."""
    rows = label.split("\n")
    width = max(2 * radius, max(len(r) for r in rows) * CHAR_EM * font_px)
    height = 2 * radius + len(rows) * LINE_EM * font_px + 4
    return Box(width, height, radius)


def layout(
    graph: nx.Graph, boxes: Mapping[str, Box], *, seed: int = 7, edge_labels: Mapping[frozenset, float] | None = None
) -> dict[str, tuple[float, float]] | None:
    """Positions (pixels; y down) of the dots of ``graph``'s nodes, or ``None`` without NumPy.

    ``boxes`` gives each node's :class:`Box`. Components are packed apart and
    no two boxes overlap. ``edge_labels`` (the width of each relation's label,
    by its pair of ends) lets a lone pair stand far enough apart to hold it.

    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> boxes = {n: Box(60, 40, 8) for n in g}
    >>> pos = layout(g, boxes)
    >>> sorted(pos) == sorted(g)
    True
    >>> _overlaps(pos, boxes)
    0
    """
    try:
        import numpy  # noqa: F401  (networkx's spring layout needs it)
    except ImportError:  # pragma: no cover - NumPy comes with spaCy
        return None
    order = {n: i for i, n in enumerate(graph)}
    components = sorted(
        (sorted(c, key=order.get) for c in nx.connected_components(graph)),
        key=lambda c: (-len(c), order[c[0]]),
    )
    placed = []
    for nodes in components:
        positions = _component(graph.subgraph(nodes), nodes, boxes, seed, edge_labels or {})
        placed.append((nodes, positions, _bounds(positions, boxes)))
    return _pack(placed, boxes)


def _component(
    graph: nx.Graph, nodes: Sequence[str], boxes: Mapping[str, Box], seed: int, edge_labels: Mapping[frozenset, float]
) -> dict[str, tuple[float, float]]:
    """One component laid out: force-directed, scaled to its labels, overlaps removed."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    # typical room an entity needs: its label's width and height
    room = math.sqrt(sum((boxes[n].width + MARGIN) * (boxes[n].height + MARGIN) for n in nodes) / len(nodes))
    if len(nodes) == 2:
        a, b = nodes
        gap = max((boxes[a].width + boxes[b].width) / 2 + room * 0.6,
                  boxes[a].radius + boxes[b].radius + edge_labels.get(frozenset((a, b)), 0.0) + 16)  # fmt: skip
        return {a: (-gap / 2, 0.0), b: (gap / 2, 0.0)}
    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from(graph.edges())
    raw = _level(nx.spring_layout(simple, seed=seed, iterations=120), nodes)
    # scale so that the median relation is about EDGE rooms long; then push overlapping boxes apart
    lengths = sorted(math.dist(raw[u], raw[v]) for u, v in simple.edges() if u != v) or [1.0]
    median = lengths[len(lengths) // 2] or 1.0
    # a relation about as long as a typical entity's room; in a small cluster, where room is not
    # short, as long as its label too (with the dots at its ends)
    length = EDGE * room
    if len(nodes) <= SMALL_CLUSTER:
        radii = sorted(boxes[n].radius for n in nodes)
        labels = sorted(edge_labels.get(frozenset(e), 0.0) for e in simple.edges())
        length = max(length, labels[len(labels) // 2] + 2 * radii[len(radii) // 2] + 16)
    factor = length / median
    # never so tight that the boxes cannot fit in the component's area (a dense graph's relations are short)
    xs = [raw[n][0] for n in nodes]
    ys = [raw[n][1] for n in nodes]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    area = max(width * height, max(width, height) ** 2 / 4, 1e-9)  # a chain is a line: count it a band
    factor = max(factor, math.sqrt(len(nodes) * room * room / area))
    positions = {n: (raw[n][0] * factor, raw[n][1] * factor) for n in nodes}
    positions = _rings(simple, positions, boxes)
    # the most connected keep their places; the others find room around them
    hubs = sorted(nodes, key=lambda n: (-simple.degree(n), math.hypot(*positions[n])))
    return _separate(positions, boxes, hubs)


def _rings(
    graph: nx.Graph, positions: dict[str, tuple[float, float]], boxes: Mapping[str, Box]
) -> dict[str, tuple[float, float]]:
    """Entities related to a hub only, moved out on its spokes until they ring it with room for
    their labels (and for the relations' labels halfway), instead of crowding around it."""
    result = dict(positions)
    for hub in sorted(graph, key=lambda n: -graph.degree(n)):
        leaves = [n for n in graph[hub] if graph.degree(n) == 1]
        if len(leaves) < 4:
            continue
        # each leaf takes about the mean of its box's width and height of the ring's circumference
        radius = sum((boxes[n].width + boxes[n].height) / 2 + MARGIN for n in leaves) / math.pi
        hx, hy = result[hub]
        for n in leaves:
            x, y = result[n]
            distance = math.hypot(x - hx, y - hy) or 1.0
            if distance < radius:
                result[n] = (hx + (x - hx) * radius / distance, hy + (y - hy) * radius / distance)
    return result


def _level(raw: Mapping, nodes: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Positions turned so that the component's longest axis is horizontal (the page is wide)."""
    import numpy as np

    points = np.array([raw[n] for n in nodes], dtype=float)
    points -= points.mean(axis=0)
    _, vectors = np.linalg.eigh(points.T @ points)
    axis = vectors[:, -1]  # the direction of the greatest spread
    cos, sin = float(axis[0]), float(axis[1])
    return {n: (x * cos + y * sin, -x * sin + y * cos) for n, (x, y) in zip(nodes, points.tolist(), strict=True)}


def _rect(pos: tuple[float, float], b: Box) -> tuple[float, float, float, float]:
    """Left, top, right, bottom of a box whose dot is at ``pos`` (label below the dot)."""
    x, y = pos
    return (
        x - b.width / 2 - MARGIN / 2,
        y - b.radius - MARGIN / 2,
        x + b.width / 2 + MARGIN / 2,
        (y - b.radius + b.height + MARGIN / 2),
    )


def _separate(
    positions: dict[str, tuple[float, float]], boxes: Mapping[str, Box], order: Sequence[str] | None = None
) -> dict[str, tuple[float, float]]:
    """Boxes placed one by one (``order``: the most connected first) where the layout put them, or
    at the nearest free place around it, looking on widening ellipses (sideways first: labels are wide).

    >>> boxes = {n: Box(40, 20, 5) for n in "abc"}
    >>> placed = _separate({"a": (0, 0), "b": (1, 0), "c": (0, 1)}, boxes)
    >>> placed["a"], _overlaps(placed, boxes)
    ((0.0, 0.0), 0)
    """
    cell = max(16.0, sorted(b.width for b in boxes.values())[len(boxes) // 2] if boxes else 16.0)
    grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = defaultdict(list)
    placed: dict[str, tuple[float, float]] = {}

    def cells(rect):
        for i in range(math.floor(rect[0] / cell), math.floor(rect[2] / cell) + 1):
            for j in range(math.floor(rect[1] / cell), math.floor(rect[3] / cell) + 1):
                yield i, j

    def free(rect) -> bool:
        for key in cells(rect):
            for other in grid[key]:
                if rect[0] < other[2] and other[0] < rect[2] and rect[1] < other[3] and other[1] < rect[3]:
                    return False
        return True

    for node in order or list(positions):
        x0, y0 = positions[node]
        b = boxes[node]
        step = max(4.0, min(b.width, b.height) / 4)
        for dx, dy in _spiral(step):
            rect = _rect((x0 + dx, y0 + dy), b)
            if free(rect):
                break
        placed[node] = (x0 + dx, y0 + dy)
        for key in cells(rect):
            grid[key].append(rect)
    return placed


def _spiral(step: float):
    """Offsets on ellipses of growing size, twice as wide as high, nearest first (endless);
    rings further apart the further out, so that a crowded place is left quickly."""
    yield 0.0, 0.0
    ring = 1
    radius = 0.0
    while True:
        radius += step * (1 + ring / 8)
        points = min(32, max(8, int(2 * math.pi * radius / step)))
        for k in range(points):
            angle = 2 * math.pi * k / points
            yield radius * math.cos(angle), 0.5 * radius * math.sin(angle)
        ring += 1


def _overlaps(positions: Mapping[str, tuple[float, float]], boxes: Mapping[str, Box]) -> int:
    """Pairs of boxes that overlap (for tests)."""
    rects = [_rect(positions[n], boxes[n]) for n in positions]
    count = 0
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            if min(a[2], b[2]) - max(a[0], b[0]) > 0.01 and min(a[3], b[3]) - max(a[1], b[1]) > 0.01:
                count += 1
    return count


def _bounds(
    positions: Mapping[str, tuple[float, float]], boxes: Mapping[str, Box]
) -> tuple[float, float, float, float]:
    rects = [_rect(positions[n], boxes[n]) for n in positions]
    return min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects)


def _pack(placed, boxes: Mapping[str, Box]) -> dict[str, tuple[float, float]]:
    """Clusters packed apart, biggest first, into about a rectangle of :data:`ASPECT`, so that the
    whole fits the page at the largest zoom: each cluster goes to the corner (right of or below one
    already placed) that keeps the whole smallest. Many clusters (isolated entities of a big
    uncapped view) are packed in rows instead, which is quicker."""
    sizes = [(b[2] - b[0], b[3] - b[1]) for _, _, b in placed]
    offsets = _corners(sizes) if len(sizes) <= MAX_CORNER_PACKING else _rows(sizes)
    result: dict[str, tuple[float, float]] = {}
    for (nodes, positions, (left, top, _, _)), (x, y) in zip(placed, offsets, strict=True):
        for n in nodes:
            px, py = positions[n]
            result[n] = (round(px - left + x, 1), round(py - top + y, 1))
    return result


def _corners(sizes: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Top-left corners, packed bottom-left within each of a few widths; the packing that keeps
    the whole smallest (see :func:`_extent`) wins."""
    widest = max(w for w, _ in sizes)
    total = sum(w for w, _ in sizes) + CLUSTER_GAP * (len(sizes) - 1)
    tries = sorted({widest, total, *(widest + (total - widest) * k / 16 for k in range(1, 16))})
    packings = [_bottom_left(sizes, width) for width in tries]
    return min(packings, key=lambda packing: packing[1])[0]


def _bottom_left(sizes: Sequence[tuple[float, float]], width: float) -> tuple[list[tuple[float, float]], float]:
    """Each box at the highest, then leftmost, free corner (right of or below one placed) within
    ``width`` (a box wider than that starts at the left); and the extent of the whole."""
    rects: list[tuple[float, float, float, float]] = []
    offsets = []
    right = bottom = 0.0
    for w, h in sizes:
        corners = (
            {(0.0, 0.0)} | {(r[2] + CLUSTER_GAP, r[1]) for r in rects} | {(r[0], r[3] + CLUSTER_GAP) for r in rects}
        )
        corners |= {(0.0, r[3] + CLUSTER_GAP) for r in rects}
        best = None
        for x, y in sorted(corners, key=lambda c: (c[1], c[0])):
            if x > 0 and x + w > width:
                continue
            if any(
                x < r[2] + CLUSTER_GAP
                and r[0] < x + w + CLUSTER_GAP
                and y < r[3] + CLUSTER_GAP
                and r[1] < y + h + CLUSTER_GAP
                for r in rects
            ):
                continue
            best = (x, y)
            break
        if best is None:  # below everything is always free
            best = (0.0, bottom + CLUSTER_GAP if rects else 0.0)
        x, y = best
        rects.append((x, y, x + w, y + h))
        offsets.append((x, y))
        right, bottom = max(right, x + w), max(bottom, y + h)
    return offsets, _extent(right, bottom)


def _extent(width: float, height: float) -> float:
    """How big a whole of this size is drawn on a page of :data:`ASPECT`: what limits the zoom."""
    return max(width / ASPECT, height)


def _rows(sizes: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Top-left corners of boxes in rows, the row width the one of a few tried that keeps the whole smallest."""
    widest = max(w for w, _ in sizes)
    total = sum(w for w, _ in sizes) + CLUSTER_GAP * (len(sizes) - 1)
    tries = sorted({widest, total, *(widest + (total - widest) * k / 12 for k in range(1, 12))})
    best = min(tries, key=lambda width: (_shelves(sizes, width)[1], width))
    return _shelves(sizes, best)[0]


def _shelves(sizes: Sequence[tuple[float, float]], row_width: float) -> tuple[list[tuple[float, float]], float]:
    """Top-left corners of boxes packed in rows at most ``row_width`` wide (a box wider gets a row
    of its own), and how big the whole is: the larger of its width / :data:`ASPECT` and its height."""
    offsets = []
    x = y = row_height = width = 0.0
    for w, h in sizes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + CLUSTER_GAP, 0.0
        offsets.append((x, y))
        width = max(width, x + w)
        x += w + CLUSTER_GAP
        row_height = max(row_height, h)
    return offsets, _extent(width, y + row_height)
