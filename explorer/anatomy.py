"""Drawn anatomy beneath the skin: the skeletal landmark layer and the surface
projection of the lungs and pleura, per view, in the body frame.

Everything here is geometry in B-cun (see :mod:`explorer.body`), converted to
body-frame fractions on the way out. The lung and pleural borders follow the
usual surface-anatomy rule: the lung's lower border crosses the 6th rib at
the mid-clavicular line, the 8th rib at the mid-axillary line and the 10th rib
beside the spine; the pleura lies about two ribs lower (8th, 10th and 12th
ribs). The apex rises 2-3 cm above the medial third of the clavicle and lies
close beneath the top of the shoulder.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from explorer import body
from explorer.body import CUN, ICS_LEVELS, SPINOUS, Point, catmull_rom, ellipse_points, mirrored


@dataclass(frozen=True)
class Shape:
    """A drawn line or closed area in the body frame."""

    layer: str  # "skeleton", "lung", "pleura"
    name: str
    points: tuple[Point, ...]
    closed: bool = False
    landmark: str = ""  # the body-frame anchor a bony-landmark mark is drawn at


def _marks(view: str, names: tuple[str, ...], radius: float = 0.22) -> list[Shape]:
    """Small rings at palpable bony landmarks (styloid processes, epicondyles,
    knuckles, malleoli, mastoid ...), each drawn at its own frame anchor."""
    out: list[Shape] = []
    for name in names:
        x, y = body.place(view, name)
        ring = ellipse_points(x / CUN, y / CUN, radius, radius, n=12)
        label = name.replace("_", " ")
        if view == "lateral":
            out.append(Shape("skeleton", label, _frac(ring), closed=True, landmark=name))
        else:  # the frontal views draw both sides; the frame stores the left
            out.append(Shape("skeleton", f"{label} (left)", _frac(ring), closed=True, landmark=name))
            out.append(Shape("skeleton", f"{label} (right)", _frac(mirrored(ring)), closed=True))
    return out


_ARM_MARKS = ("radial_styloid", *(f"metacarpal_head_{k}" for k in range(1, 6)))


def _frac(points: list[Point]) -> tuple[Point, ...]:
    return tuple((x * CUN, y * CUN) for x, y in points)


def _both_sides(layer: str, name: str, pts: list[Point], closed: bool = False, smooth: bool = True
                ) -> list[Shape]:
    left = catmull_rom(pts, samples=5, closed=closed) if smooth else pts
    return [Shape(layer, f"{name} (left)", _frac(left), closed),
            Shape(layer, f"{name} (right)", _frac(mirrored(left)), closed)]


# Rib levels at the mammillary line: rib 2 meets the sternal angle and rib k
# lies between the (k-1)th and kth intercostal spaces drawn in body.ICS_LEVELS,
# so the space a point is defined in is the one drawn round it.
def _rib_levels() -> dict[int, float]:
    ics = ICS_LEVELS
    levels = {1: 59.3, 2: 57.1}
    for k in range(3, 8):
        levels[k] = (ics[f"ICS{k - 1}"] + ics[f"ICS{k}"]) / 2.0
    levels[8] = ics["ICS7"] - 0.8
    return levels


# Seen from the side, rib k crosses the mid-axillary line just above the kth
# intercostal space (GB22 in the 4th and SP21 in the 6th lie on that line);
# the 8th to 10th crowd together toward the costal margin, the 10th its lowest
# point on the mid-axillary line, and the floating 11th and 12th end at the
# frame's free-end landmarks.
_LATERAL_RIB_AT_MIDAXILLARY: dict[int, float] = {
    **{k: ICS_LEVELS[f"ICS{k}"] + 0.8 for k in range(1, 8)}, 8: 48.2, 9: 47.5, 10: 46.8}


def _anterior_skeleton() -> list[Shape]:
    shapes: list[Shape] = []
    shapes += _both_sides("skeleton", "clavicle",
                          [(0.9, 60.4), (2.4, 60.15), (4.0, 59.9), (5.6, 60.3), (7.1, 61.0), (8.2, 61.45)])
    sternum = [(0.0, 60.5), (1.05, 60.35), (1.0, 58.3), (0.7, 57.1), (0.85, 54.0), (0.8, 51.6),
               (0.35, 51.3), (0.3, 50.0), (0.0, 49.7)]
    full = sternum + mirrored(list(reversed(sternum[1:-1])))
    shapes.append(Shape("skeleton", "sternum", _frac(full), closed=True))
    for k, y in _rib_levels().items():
        if k == 1:
            continue  # hidden behind the clavicle
        # Ribs are drawn so that each intercostal space keeps its height at
        # the mammillary line (4 B-cun), where most chest points are defined.
        start = 0.8 if k <= 7 else 2.2 + (k - 8) * 1.2
        pts = [(start, y + 0.15), (2.0, y + 0.1), (4.0, y), (5.6, y - 0.45), (6.6, y - 1.2)]
        shapes += _both_sides("skeleton", f"rib {k}", pts)
    shapes += _both_sides("skeleton", "costal margin",
                          [(0.45, 51.1), (1.6, 49.6), (3.0, 48.0), (4.4, 46.6), (5.5, 45.5)])
    shapes += _both_sides("skeleton", "iliac crest and inguinal ligament",
                          [(6.0, 44.6), (6.3, 43.4), (5.4, 41.5), (3.6, 39.8), (1.4, 38.5)])
    shapes.append(Shape("skeleton", "pubic symphysis", _frac([(-1.4, 38.5), (0.0, 38.1), (1.4, 38.5)])))
    for side in (1, -1):
        (kx, ky), _ = body.LEG.point_at(body._leg_distance_to(19.25))
        pts = [(side * x, y) for x, y in ellipse_points(kx, ky, 1.0, 1.25, n=12)]
        shapes.append(Shape("skeleton", f"patella ({'left' if side > 0 else 'right'})",
                            _frac(catmull_rom(pts, samples=4, closed=True)), closed=True))
    shapes += _marks("anterior", ("lateral_epicondyle", "medial_epicondyle", *_ARM_MARKS,
                                  "medial_malleolus_point", "lateral_malleolus_point", "fibular_head",
                                  *(f"metatarsal_head_{k}" for k in range(1, 6))))
    # The lower border of the mandible, from the chin to its angle.
    shapes += _both_sides("skeleton", "mandible", [(0.0, 64.55), (1.2, 64.8), (2.2, 65.35), (2.9, 66.0),
                                                     (3.05, 67.0)])
    return shapes


def _posterior_skeleton() -> list[Shape]:
    shapes: list[Shape] = []
    for level, y in SPINOUS.items():
        width = 0.45 if level.startswith(("C", "T", "L")) else 0.3
        shapes.append(Shape("skeleton", f"spinous process {level}",
                            _frac([(-width, y), (width, y)])))
    coccyx_tip = body.anchors()[("posterior", "coccyx_tip")].y
    shapes.append(Shape("skeleton", "spine", _frac([(0.0, SPINOUS["C2"] + 0.3), (0.0, coccyx_tip)])))
    scapula = [(3.3, 61.8), (4.8, 62.2), (6.3, 61.9), (7.3, 60.8), (6.6, 59.0), (5.2, 57.4),
               (3.6, 56.3), (3.15, 58.5), (3.0, 60.7)]
    shapes += _both_sides("skeleton", "scapula", scapula, closed=True)
    shapes += _both_sides("skeleton", "spine of scapula", [(3.0, 60.7), (5.2, 61.1), (7.2, 61.5), (8.3, 61.6)])
    for k in range(1, 13):
        y = SPINOUS[f"T{k}"]
        length = 6.6 if k < 11 else (5.2 if k == 11 else 3.9)
        pts = [(0.9, y), (2.6, y + 0.15), (4.6, y - 0.45), (length, y - 1.5)]
        shapes += _both_sides("skeleton", f"rib {k} (posterior)", pts)
    shapes += _both_sides("skeleton", "iliac crest", [(1.8, 40.3), (2.6, 42.6), (4.2, 44.4), (5.6, 44.8), (6.9, 43.6)])
    # The sacrum from its base (at the L5-S1 junction) to its apex just below
    # the hiatus; the coccyx carries on to its tip, 1.5 B-cun below S4.
    sacrum = [(1.75, 42.5), (1.4, 40.3), (1.0, 38.4), (0.5, 37.4), (0.0, 37.15), (-0.5, 37.4), (-1.0, 38.4),
              (-1.4, 40.3), (-1.75, 42.5)]
    shapes.append(Shape("skeleton", "sacrum", _frac(catmull_rom(sacrum, samples=4)), closed=True))
    shapes.append(Shape("skeleton", "occipital bone (superior nuchal line)",
                        _frac(catmull_rom([(-3.1, 67.9), (-1.5, 68.45), (0.0, 68.6), (1.5, 68.45), (3.1, 67.9)],
                                          samples=4))))
    shapes += _marks("posterior", ("lateral_epicondyle", "medial_epicondyle", "olecranon", "ulnar_styloid",
                                   "mastoid_tip", *_ARM_MARKS, "medial_malleolus_point",
                                   "lateral_malleolus_point"))
    return shapes


def lateral_rib_angle_level(k: int) -> float:
    """Height (B-cun) of rib k at its angle, at the back of the lateral view.

    The frame's front levels follow the standard's proportional measures (9
    B-cun of sternum) while its back levels follow the spinous processes, so a
    rib drawn from its own vertebra to its intercostal space in front would
    fall too steeply; it is drawn from 70% of that rise, between the two."""
    low = _LATERAL_RIB_AT_MIDAXILLARY.get(k, 46.0)
    return low + 0.7 * (SPINOUS[f"T{k}"] + 0.3 - low)


def _lateral_ribs() -> list[Shape]:
    """Ribs 1-12 seen from the left: each runs from its angle beside the spine
    (just above the spinous process of its own thoracic vertebra) down and
    forward across the mid-axillary line. Ribs 1-7 end at the sternum, 8-10
    turn up into the costal margin, and the floating 11th and 12th stop short
    at their free ends, the 12th behind the mid-axillary line."""
    shapes: list[Shape] = []
    back = [(x, y) for x, y in body.lateral_trunk_outline() if x < 0 and 44 < y < 64]
    front = [(x, y) for x, y in body.lateral_trunk_outline() if x > 0 and 44 < y < 62]

    def edge(points: list[Point], y: float, inset: float) -> float:
        x = min(points, key=lambda p: abs(p[1] - y))[0]
        return x - inset if x > 0 else x + inset

    free = {11: body.anchors()[("lateral", "rib11_free_end")], 12: body.anchors()[("lateral", "rib12_free_end")]}
    for k in range(1, 13):
        yb = lateral_rib_angle_level(k)
        pts = [(edge(back, yb, 0.55), yb)]
        if k <= 10:
            ym = _LATERAL_RIB_AT_MIDAXILLARY[k]
            pts.append((-1.9, (yb + 2 * ym) / 3 + 0.25))
            pts.append((0.0, ym))
            if k <= 7:
                ya = _RIB[k] - 0.2
                pts += [(2.0, (ym + ya) / 2 - 0.15), (edge(front, ya, 0.5), ya)]
            else:
                pts.append((2.3 - 0.55 * (k - 8), ym + 0.15))
        else:
            a = free[k]
            pts.append(((pts[0][0] + a.x) / 2, (yb + a.y) / 2 + 0.3))
            pts.append((a.x, a.y))
        shapes.append(Shape("skeleton", f"rib {k}", _frac(catmull_rom(pts, samples=4))))
    # The costal margin: cartilages 7 to 10 from the xiphoid down and back.
    mid = _LATERAL_RIB_AT_MIDAXILLARY
    margin = [(edge(front, _RIB[7] - 0.2, 0.5), _RIB[7] - 0.2), (2.3, mid[8] + 0.15), (1.75, mid[9] + 0.15),
              (1.2, mid[10] + 0.15)]
    shapes.append(Shape("skeleton", "costal margin", _frac(catmull_rom(margin, samples=4))))
    return shapes


def _lateral_skeleton() -> list[Shape]:
    shapes: list[Shape] = []
    shapes.append(Shape("skeleton", "clavicle", _frac(catmull_rom(
        [(2.4, 60.5), (1.4, 60.8), (0.4, 61.2), (-0.3, 61.7)], samples=4))))
    shapes += _lateral_ribs()
    shapes.append(Shape("skeleton", "iliac crest", _frac(catmull_rom(
        [(3.3, 41.5), (2.2, 43.6), (0.0, 44.8), (-2.0, 44.0), (-3.0, 41.5)], samples=4))))
    shapes.append(Shape("skeleton", "greater trochanter", _frac(catmull_rom(
        [(-1.1, 37.0), (-0.4, 38.1), (0.4, 37.2), (-0.4, 36.6)], samples=4, closed=True)), closed=True))
    shapes.append(Shape("skeleton", "fibula head and shaft", _frac([(-1.0, 17.6), (-0.5, 8.0), (-0.2, 2.5)])))
    # The shoulder girdle seen from the side: the spine of the scapula runs
    # back from the acromion to the medial border (level with T3), and the
    # lateral border down from the glenoid to the inferior angle (T7).
    shapes.append(Shape("skeleton", "spine of scapula", _frac(catmull_rom(
        [(-0.2, 61.8), (-1.6, 61.6), (-3.0, 61.1), (-4.1, SPINOUS["T3"])], samples=4))))
    shapes.append(Shape("skeleton", "scapula (lateral border)", _frac(catmull_rom(
        [(-1.3, 59.9), (-2.3, 58.4), (-3.3, 57.0), (-3.9, SPINOUS["T7"])], samples=4))))
    shapes += _marks("lateral", ("acromion", "lateral_epicondyle", "olecranon", "ulnar_styloid", *_ARM_MARKS,
                                 "mastoid_tip", "lateral_malleolus", "fifth_metatarsal_tuberosity",
                                 "metatarsal_head_4", "metatarsal_head_5", "fibular_head"))
    # The mandible: its lower border from the chin back to the angle, and the
    # back of the ramus up to the condyle in front of the tragus.
    x0, y0 = (v / CUN for v in body.place("lateral", "mandible_angle"))
    shapes.append(Shape("skeleton", "mandible", _frac(catmull_rom(
        [(4.25, 64.75), (3.2, 65.05), (2.0, 65.5), (x0, y0), (x0 - 0.05, y0 + 0.8), (0.55, 68.3)], samples=4)),
        landmark="mandible_angle"))
    return shapes


# ---------------------------------------------------------------------------
# Lungs and pleura
# ---------------------------------------------------------------------------
_RIB = _rib_levels()


def _anterior_lungs() -> list[Shape]:
    left_lung = [(2.5, 61.2), (1.2, 60.35), (0.35, 58.0), (0.35, 54.0), (1.8, 53.5), (2.7, 52.6),
                 (2.8, 51.2), (4.0, _RIB[6]), (5.2, 50.1), (5.8, 50.5), (6.2, 53.5), (6.35, 57.0),
                 (5.2, 59.7), (3.7, 60.95)]
    right_lung = [(2.5, 61.2), (1.2, 60.35), (0.2, 58.0), (0.2, 51.6), (2.0, 51.2), (4.0, _RIB[6]),
                  (5.2, 50.1), (5.8, 50.5), (6.2, 53.5), (6.35, 57.0), (5.2, 59.7), (3.7, 60.95)]
    left_pleura = [(2.6, 61.45), (1.1, 60.45), (0.15, 58.0), (0.15, 54.0), (1.2, 53.2), (1.6, 51.0),
                   (2.2, 49.4), (4.0, _RIB[8]), (5.0, 47.4), (5.4, 47.6), (6.35, 53.5), (6.6, 57.2),
                   (5.3, 59.95), (3.8, 61.2)]
    right_pleura = [(2.6, 61.45), (1.1, 60.45), (0.0, 58.0), (0.0, 50.6), (2.0, 49.2), (4.0, _RIB[8]),
                    (5.0, 47.4), (5.4, 47.6), (6.35, 53.5), (6.6, 57.2), (5.3, 59.95), (3.8, 61.2)]
    return _lung_pair(left_lung, right_lung, left_pleura, right_pleura)


def _posterior_lungs() -> list[Shape]:
    lung = [(2.4, 63.3), (1.1, 62.0), (1.0, 57.0), (1.0, SPINOUS["T10"]), (3.5, 52.4), (5.6, 51.7),
            (6.2, 53.5), (6.5, 57.0), (6.6, 58.5), (5.9, 61.4), (4.0, 62.9)]
    pleura = [(2.5, 63.6), (0.9, 62.0), (0.8, 57.0), (0.8, SPINOUS["T12"]), (3.5, 50.3), (5.4, 49.5),
              (6.3, 53.0), (6.7, 57.0), (6.9, 58.6), (6.1, 61.7), (4.1, 63.2)]
    return _lung_pair(lung, lung, pleura, pleura)


def _lung_pair(left_lung: list[Point], right_lung: list[Point], left_pleura: list[Point],
               right_pleura: list[Point]) -> list[Shape]:
    return [
        Shape("lung", "left lung", _frac(catmull_rom(left_lung, samples=5, closed=True)), True),
        Shape("lung", "right lung", _frac(mirrored(catmull_rom(right_lung, samples=5, closed=True))), True),
        Shape("pleura", "left pleura", _frac(catmull_rom(left_pleura, samples=5, closed=True)), True),
        Shape("pleura", "right pleura", _frac(mirrored(catmull_rom(right_pleura, samples=5, closed=True))), True),
    ]


def _lateral_lungs() -> list[Shape]:
    # The apex rises about 1 B-cun above the medial clavicle in front and
    # highest behind, toward the neck of the 1st rib; the lower border crosses
    # the 6th rib in front, the 8th on the mid-axillary line, the 10th behind.
    mid = _LATERAL_RIB_AT_MIDAXILLARY
    lung = [(0.9, 61.3), (2.2, 60.0), (3.6, 57.5), (3.7, 53.5), (3.4, _RIB[6]), (1.8, 49.2),
            (0.0, mid[8]), (-2.4, 49.8), (-3.9, lateral_rib_angle_level(10)), (-4.3, 57.0), (-3.7, 60.3),
            (-1.6, 61.7)]
    pleura = [(0.9, 61.55), (2.4, 60.15), (3.9, 57.5), (3.95, 53.5), (3.3, _RIB[8] + 0.3), (1.8, 47.3),
              (0.0, mid[10]), (-2.4, 47.9), (-3.6, lateral_rib_angle_level(12)), (-4.55, 57.0), (-3.9, 60.5),
              (-1.6, 61.95)]
    return [Shape("lung", "left lung", _frac(catmull_rom(lung, samples=5, closed=True)), True),
            Shape("pleura", "left pleura", _frac(catmull_rom(pleura, samples=5, closed=True)), True)]


def _anterior_face() -> list[Shape]:
    """Eyes, brows, nose, mouth and navel: the surface marks students read
    facial and abdominal points against."""
    shapes: list[Shape] = []
    for side in (1, -1):
        eye = [(side * x, y) for x, y in ellipse_points(1.2, 69.3, 0.62, 0.2, n=20)]
        shapes.append(Shape("surface", "eye", _frac(eye), closed=True))
        brow = catmull_rom([(side * 0.55, 70.05), (side * 1.2, 70.3), (side * 1.95, 70.05)], samples=4)
        shapes.append(Shape("surface", "eyebrow", _frac(brow)))
    nose = catmull_rom([(-0.28, 69.2), (-0.4, 68.3), (-0.75, 67.85), (-0.45, 67.55), (0.0, 67.6),
                        (0.45, 67.55), (0.75, 67.85), (0.4, 68.3), (0.28, 69.2)], samples=4)
    shapes.append(Shape("surface", "nose", _frac(nose)))
    mouth = catmull_rom([(-1.0, 66.35), (-0.4, 66.45), (0.0, 66.4), (0.4, 66.45), (1.0, 66.35)], samples=4)
    shapes.append(Shape("surface", "mouth", _frac(mouth)))
    shapes.append(Shape("surface", "umbilicus", _frac(ellipse_points(0.0, 43.5, 0.22, 0.22, n=12)), closed=True))
    return shapes


def _lateral_arm() -> list[Shape]:
    """The arm's edges where it lies over the side of the trunk (the body
    outline shows only the part that stands out behind)."""
    trunk = body.lateral_trunk_outline()
    arm = body.lateral_arm_outline()
    flags = [body.point_in_polygon(p, trunk) for p in arm]
    runs = body.runs_of_true(flags)
    return [Shape("surface", "arm over the trunk", _frac([arm[i % len(arm)] for i in run])) for run in runs]


def _lateral_face() -> list[Shape]:
    ear = catmull_rom([(0.3, 68.9), (0.25, 69.9), (-0.2, 70.5), (-0.85, 70.2), (-1.0, 69.2),
                       (-0.8, 68.2), (-0.35, 67.7), (-0.05, 67.9)], samples=5)
    # the front half of the eye, seen from the side
    eye = [(3.55 + 0.35 * math.cos(math.radians(a)), 69.3 + 0.16 * math.sin(math.radians(a)))
           for a in range(-90, 91, 20)]
    return [Shape("surface", "ear", _frac(ear)), Shape("surface", "eye", _frac(eye)),
            Shape("surface", "mouth", _frac([(4.35, 66.4), (3.85, 66.35)]))]


@cache
def shapes(view: str) -> tuple[Shape, ...]:
    """All drawn anatomy of a view: surface features, skeleton, lungs and pleura."""
    if view == "anterior":
        return tuple(_anterior_face() + _anterior_skeleton() + _anterior_lungs())
    if view == "posterior":
        return tuple(_posterior_skeleton() + _posterior_lungs())
    if view == "lateral":
        return tuple(_lateral_face() + _lateral_arm() + _lateral_skeleton() + _lateral_lungs())
    raise KeyError(f"unknown view {view!r}")


def layer(view: str, name: str) -> list[Shape]:
    return [s for s in shapes(view) if s.layer == name]


# Vertebral levels labelled on the posterior spine: the ones the standard uses
# to count (C7 most prominent, T3 scapular spines, T7 inferior angles, T12,
# L4 iliac crests).
LABELLED_LEVELS = ("C7", "T3", "T7", "T12", "L4")
