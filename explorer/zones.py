"""Risk zones: where a needle placed too deep can reach something vital.

The areas are drawn from surface anatomy in the body frame (B-cun here,
fractions on the way out). What each zone holds, how harm happens and how
practitioners stay clear is text in ``data/zones.csv``; a test keeps the two
in step.

* chest: the front and side of the thorax over the lungs and pleura, from 2-3
  cm above the medial clavicle (supraclavicular fossa) down to the pleural
  reflection (8th rib at the mid-clavicular line, 10th at the mid-axillary
  line), and the sternum over the heart.
* neck: the front and side of the neck over the carotid sheath, and the
  suboccipital region over the medulla and the upper cervical cord.
* upper_back: the back of the thorax from C7 to T12 over the lungs, with the
  top of the shoulder where the apical pleura lies close beneath (GB21).
* kidney: the loin, level with T12-L3, where the kidney lies beneath the
  paravertebral muscles.
* eye: the orbit around the eyeball.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from explorer.body import CUN, Point, catmull_rom, ellipse_points, mirrored, point_in_polygon

ZONE_ORDER: tuple[str, ...] = ("chest", "neck", "upper_back", "kidney", "eye")


@dataclass(frozen=True)
class ZoneArea:
    zone: str
    view: str
    points: tuple[Point, ...]  # closed polygon, body-frame fractions


def _symmetric(left_half: list[Point]) -> list[Point]:
    """A polygon across the midline from its left half (first and last on x=0)."""
    return left_half + mirrored(list(reversed(left_half[1:-1])))


def _areas_cun() -> list[tuple[str, str, list[Point]]]:
    chest_front = _symmetric([
        (0.0, 61.0), (1.3, 61.3), (2.2, 61.6), (3.2, 61.55), (4.3, 61.1), (5.7, 60.6), (6.85, 59.2),
        (7.55, 58.3), (7.55, 56.6), (6.65, 55.0), (5.95, 50.0), (5.45, 47.0), (4.0, 47.25), (3.2, 48.2),
        (2.2, 49.9), (1.0, 50.95), (0.0, 51.2),
    ])
    chest_side = [(0.9, 61.3), (2.4, 60.2), (4.1, 57.5), (4.15, 53.5), (3.55, 48.3), (1.8, 47.1),
                  (0.0, 46.4), (-2.4, 47.9), (-3.75, 50.4), (-4.75, 57.0), (-4.0, 60.6), (-2.6, 61.4),
                  (-0.8, 61.55)]
    # The front of the neck, from the carotid sheath out over the scalenes and
    # the brachial plexus; its lower edge runs just above the chest zone's top.
    neck_front = [(0.7, 61.2), (1.3, 61.33), (2.2, 61.63), (3.2, 61.58), (4.3, 61.13), (4.7, 61.4),
                  (3.7, 62.9), (2.6, 63.8), (2.2, 64.6), (2.55, 65.6), (2.2, 65.9), (1.0, 64.6), (0.7, 63.5)]
    neck_side = [(-2.6, 62.6), (-2.3, 64.6), (-1.7, 66.6), (0.9, 66.55), (1.5, 66.45), (1.95, 64.7), (1.65, 62.9),
                 (1.95, 61.6), (0.0, 61.8), (-2.6, 62.3)]
    neck_back = _symmetric([(0.0, 64.75), (1.9, 64.75), (2.6, 65.6), (2.8, 66.35), (2.95, 67.4), (2.3, 68.25),
                            (0.0, 68.35)])
    upper_back = _symmetric([
        (0.0, 63.95), (1.6, 64.4), (2.3, 64.35), (2.9, 63.85), (4.3, 63.4), (5.8, 62.95),
        (7.2, 62.4), (7.0, 60.0), (6.85, 57.0), (6.4, 53.0), (5.9, 49.8), (0.0, 49.8),
    ])
    kidney_back = [(1.0, 49.75), (4.6, 49.75), (4.6, 45.1), (1.0, 45.1)]
    kidney_side = [(-3.15, 46.6), (-0.5, 46.6), (-0.5, 44.3), (-3.15, 44.3)]
    eye = ellipse_points(1.2, 69.3, 0.9, 0.75, n=28)
    return [
        ("chest", "anterior", chest_front),
        ("chest", "lateral", catmull_rom(chest_side, samples=4, closed=True)),
        ("neck", "anterior", neck_front),
        ("neck", "anterior", mirrored(neck_front)),
        ("neck", "lateral", neck_side),
        ("neck", "posterior", neck_back),
        ("upper_back", "posterior", upper_back),
        ("kidney", "posterior", kidney_back),
        ("kidney", "posterior", mirrored(kidney_back)),
        ("kidney", "lateral", kidney_side),
        ("eye", "anterior", eye),
        ("eye", "anterior", mirrored(eye)),
    ]


@cache
def areas() -> tuple[ZoneArea, ...]:
    """Every drawn zone area, in body-frame fractions."""
    return tuple(ZoneArea(zone, view, tuple((x * CUN, y * CUN) for x, y in pts))
                 for zone, view, pts in _areas_cun())


def areas_in(view: str, zone: str | None = None) -> list[ZoneArea]:
    return [a for a in areas() if a.view == view and (zone is None or a.zone == zone)]


def zones_at(view: str, x: float, y: float) -> list[str]:
    """Zones whose drawn area contains a body-frame point (bilateral sites are
    stored on the left, and every zone is drawn on both sides)."""
    return sorted({a.zone for a in areas_in(view) if point_in_polygon((x, y), a.points)},
                  key=ZONE_ORDER.index)


def zone_views(zone: str) -> list[str]:
    return sorted({a.view for a in areas() if a.zone == zone})
