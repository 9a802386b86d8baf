"""Shared helpers of the muscle-drawing scripts (draw_muscles_trunk.py, draw_muscles_limbs.py).

A muscle is written as facts: its attachments in words and, per view, the
control points of its outline, each a body landmark plus a B-cun offset
(``at("posterior", "C7", 2.0, -1.0)``). The outline is the closed Catmull-Rom
curve through those points. Each script owns a set of muscles: ``write`` reads
both CSVs, drops the rows of its own muscles, appends the new ones and writes
them back, so the other script's rows stay as they are.

Run a script from the repository root: ``.venv/bin/python scripts/draw_muscles_trunk.py``.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from explorer import body, schema  # noqa: E402  (after the path is set)

Point = tuple[float, float]
DATA = ROOT / "data"


def at(view: str, anchor: str, dx: float = 0.0, dy: float = 0.0) -> Point:
    """A control point in B-cun: ``dx`` across (away from the midline, anterior
    in the lateral view), ``dy`` up, from a landmark of ``body.anchors``."""
    x, y = body.place(view, anchor, dx, dy)
    return (x / body.CUN, y / body.CUN)


def midline(view: str, anchor: str, dy: float = 0.0) -> Point:
    """A point on the midline at a landmark's level (a spinous process, the xiphisternal junction ...)."""
    return (0.0, at(view, anchor, 0.0, dy)[1])


def between(p: Point, q: Point, t: float = 0.5) -> Point:
    return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)


def shifted(p: Point, dx: float = 0.0, dy: float = 0.0) -> Point:
    return (p[0] + dx, p[1] + dy)


@dataclass(frozen=True)
class Part:
    """One outline of a muscle in one view: control points in B-cun, in order round it."""

    view: str
    name: str
    control: tuple[Point, ...]
    layer: str = "superficial"
    smooth: bool = True

    def vertices(self) -> list[Point]:
        """Body-frame vertices: the closed curve through the control points."""
        pts = body.catmull_rom(self.control, samples=4, closed=True) if self.smooth else list(self.control)
        return [(round(x * body.CUN, 5), round(y * body.CUN, 5)) for x, y in pts]


@dataclass(frozen=True)
class Muscle:
    name: str  # exactly as in sites.csv's muscle column
    origin: str
    insertion: str
    innervation: str
    action: str
    origin_landmarks: tuple[str, ...]  # view:anchor
    insertion_landmarks: tuple[str, ...]
    sources: tuple[str, ...]
    parts: tuple[Part, ...] = field(default=())


def part(view: str, name: str, control: Sequence[Point], layer: str = "superficial", smooth: bool = True) -> Part:
    return Part(view, name, tuple(control), layer, smooth)


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    if not path.exists():
        return [], []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write(muscles: Sequence[Muscle], data_dir: Path = DATA) -> tuple[int, int]:
    """Replace this script's muscles in muscles.csv and muscle_shapes.csv; returns (muscles, vertices) written."""
    own = {m.name for m in muscles}
    _, rows = _read(data_dir / schema.MUSCLES.filename)
    rows = [r for r in rows if r["muscle"] not in own]
    for m in muscles:
        rows.append({"muscle": m.name, "origin": m.origin, "insertion": m.insertion,
                     "innervation": m.innervation, "action": m.action,
                     "origin_landmarks": ";".join(m.origin_landmarks),
                     "insertion_landmarks": ";".join(m.insertion_landmarks),
                     "sources": ";".join(m.sources)})
    rows.sort(key=lambda r: r["muscle"])
    _write(data_dir / schema.MUSCLES.filename, schema.MUSCLES.column_names, rows)
    _, shapes = _read(data_dir / schema.MUSCLE_SHAPES.filename)
    shapes = [r for r in shapes if r["muscle"] not in own]
    count = 0
    for m in muscles:
        for p in m.parts:
            for i, (x, y) in enumerate(p.vertices(), start=1):
                shapes.append({"muscle": m.name, "view": p.view, "part": p.name, "layer": p.layer,
                               "vertex": str(i), "x": f"{x:.5f}", "y": f"{y:.5f}"})
                count += 1
    shapes.sort(key=lambda r: (r["muscle"], r["view"], r["part"], int(r["vertex"])))
    _write(data_dir / schema.MUSCLE_SHAPES.filename, schema.MUSCLE_SHAPES.column_names, shapes)
    return len(muscles), count
