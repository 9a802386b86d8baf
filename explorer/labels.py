"""Label placement that never overlaps: a greedy search in screen pixels.

Crowded regions (the face, the hands, the feet) put dozens of markers within
a few millimetres. Each label tries a ring of offsets around its marker, near
first, and takes the first box that touches no other label and no marker.
Labels that find no room are left out rather than drawn over another; the
zoomed views give them room.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels (y down)


@dataclass(frozen=True)
class Placed:
    index: int  # index of the point in the input
    dx: float  # label centre offset from the marker, pixels (x right)
    dy: float  # pixels, y DOWN (plotly annotation ay convention)
    box: Box


def text_box(cx: float, cy: float, text: str, font_px: float) -> Box:
    """Approximate box of a one-line label centred on (cx, cy)."""
    w = max(1, len(text)) * font_px * 0.58 + 4
    h = font_px * 1.25
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _within(box: Box, bounds: Box) -> bool:
    return bounds[0] <= box[0] and box[2] <= bounds[2] and bounds[1] <= box[1] and box[3] <= bounds[3]


def _candidates(font_px: float, text_width: float) -> list[tuple[float, float]]:
    """Offsets to try, nearest first: right, left, above, below, diagonals,
    then the same directions further out."""
    out: list[tuple[float, float]] = []
    for ring in (1.0, 1.8, 2.8, 4.0):
        side = text_width / 2 + 6 * ring
        up = font_px * 1.1 * ring
        out += [(side, 0), (-side, 0), (0, -up), (0, up),
                (side, -up), (-side, -up), (side, up), (-side, up)]
    for k in range(12):  # a last ring of twelve directions, further out
        a = 2 * math.pi * k / 12
        out.append((math.cos(a) * (text_width / 2 + 40), math.sin(a) * (font_px * 3.5)))
    return out


def place_labels(points_px: list[tuple[float, float]], texts: list[str], font_px: float,
                 marker_px: float, bounds: Box | None = None) -> list[Placed]:
    """Choose a non-overlapping label position for as many points as possible.

    ``points_px`` are marker centres in pixels (y down). Points are handled
    in the given order, so pass the most important first.
    """
    half = marker_px / 2 + 1
    marker_boxes = [(x - half, y - half, x + half, y + half) for x, y in points_px]
    taken: list[Box] = []
    placed: list[Placed] = []
    for i, ((x, y), text) in enumerate(zip(points_px, texts, strict=True)):
        if not text:
            continue
        width = text_box(0, 0, text, font_px)[2] * 2
        for dx, dy in _candidates(font_px, width):
            box = text_box(x + dx, y + dy, text, font_px)
            if bounds and not _within(box, bounds):
                continue
            if any(overlaps(box, t) for t in taken) or any(overlaps(box, m) for m in marker_boxes):
                continue
            taken.append(box)
            placed.append(Placed(i, dx, dy, box))
            break
    return placed
