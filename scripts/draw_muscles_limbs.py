"""Generate the limb, hip and buttock muscles of the muscle layer (issue #13).

    python scripts/draw_muscles_limbs.py

Each muscle is written from its attachments, not traced: a belly is a band
along the limb axis of explorer.body (ARM, LEG, LEG_LATERAL) between the
distances of its origin and insertion, at fractions of the limb's half-width
across it (positive lateral in the frontal views, anterior in the lateral
view), and its ends run to named landmarks (body.anchors, with the limb
attachments of ``_limb_attachment_anchors``). Muscles of the pelvis are
polygons through landmarks and points placed from them in B-cun.

The script rewrites only its own muscles' rows of data/muscles.csv and
data/muscle_shapes.csv (muscle_drawing.write keeps the head, neck and trunk
muscles of draw_muscles_trunk.py as they are).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from muscle_drawing import Muscle, Part, at, write

from explorer import body
from explorer.body import ARM, ARM_LATERAL, LEG, LEG_LATERAL, LimbAxis, Point

ELBOW = ARM.joint_distance(1)  # 9 B-cun from the axillary fold
WRIST = ARM.joint_distance(2)  # 21
KNEE = LEG.joint_distance(1)  # 18.26 from the hip
ANKLE = LEG.joint_distance(2)  # 34.76
KNEE_L = LEG_LATERAL.joint_distance(1)
ANKLE_L = LEG_LATERAL.joint_distance(2)


# ---------------------------------------------------------------------------
# Geometry helpers (B-cun)
# ---------------------------------------------------------------------------
half_width = body.limb_half_width  # the limb's half-width along its axis (one definition, in body.py)


def _skin_reach(origin: Point, direction: Point) -> float:
    """Distance from a point inside the lateral view's outline to its skin along a direction."""
    ox, oy = origin
    dx, dy = direction
    best = math.inf
    skin = [(x / body.CUN, y / body.CUN) for x, y in body.outline("lateral")]
    for (x0, y0), (x1, y1) in zip(skin, skin[1:] + skin[:1], strict=False):
        ex, ey = x1 - x0, y1 - y0
        den = dx * ey - dy * ex
        if abs(den) < 1e-12:
            continue
        t = ((x0 - ox) * ey - (y0 - oy) * ex) / den
        u = ((x0 - ox) * dy - (y0 - oy) * dx) / den
        if t > 0 and 0 <= u <= 1:
            best = min(best, t)
    return best


def on_axis(limb: LimbAxis, distance: float, across: float) -> Point:
    """The point ``distance`` B-cun along a limb, ``across`` half-widths from its axis.

    The side view of the leg is drawn round its own silhouette (the calf and
    the back of the thigh bulge beyond the axis's half-width), so there
    ``across`` is a fraction of the distance from the axis to the skin, capped
    at 1.4 half-widths where the hand hangs beside the thigh."""
    (x, y), up = limb.point_at(distance)
    ox, oy = (up[1], -up[0]) if up[1] > 0 else (-up[1], up[0])
    w = half_width(limb, distance)
    if limb is LEG_LATERAL:
        sign = 1.0 if across >= 0 else -1.0
        w = min(_skin_reach((x, y), (ox * sign, oy * sign)), 1.4 * w)
    return (x + ox * w * across, y + oy * w * across)


def hand(view: str, along: float, across: float) -> Point:
    """A point on the hand: ``along`` B-cun distal to the wrist crease on the
    arm's axis, ``across`` B-cun toward the thumb."""
    return at(view, "wrist_crease", across, -along)


Station = tuple[float, float, float]  # distance along the limb, low and high fraction across


def band(limb: LimbAxis, stations: Sequence[Station], head: Sequence[Point] = (),
         tail: Sequence[Point] = ()) -> list[Point]:
    """A closed outline along a limb: the low edge (medial / posterior) from
    the first station to the last, the ``tail`` points beyond the last station
    (toward the insertion), the high edge back, and the ``head`` points beyond
    the first (toward the origin), each list in outline order."""
    low = [on_axis(limb, d, lo) for d, lo, _ in stations]
    high = [on_axis(limb, d, hi) for d, _, hi in reversed(stations)]
    return [*low, *tail, *high, *head]


def strip(points: Sequence[Point], half: float) -> list[Point]:
    """A tendon of half-width ``half`` B-cun along a polyline."""
    left: list[Point] = []
    right: list[Point] = []
    for i, (x, y) in enumerate(points):
        a = points[max(i - 1, 0)]
        b = points[min(i + 1, len(points) - 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        n = (dx * dx + dy * dy) ** 0.5
        nx, ny = -dy / n * half, dx / n * half
        left.append((x + nx, y + ny))
        right.append((x - nx, y - ny))
    return [*left, *reversed(right)]


@dataclass(frozen=True)
class Facts:
    """A muscle in words: its attachments, nerve and action, and the landmarks
    (``view:anchor``) its outline must reach."""

    name: str
    origin: str
    insertion: str
    innervation: str
    action: str
    origin_landmarks: tuple[str, ...]
    insertion_landmarks: tuple[str, ...]
    sources: tuple[str, ...]


Shape = tuple[str, Part]  # (muscle, one outline of it in one view)


def shape(muscle: str, view: str, control: Iterable[Point], part: str = "main", layer: str = "superficial",
          smoothed: bool = True) -> Shape:
    """One outline: control points in B-cun, in order round it (smoothed into a closed curve)."""
    return muscle, Part(view, part, tuple(control), layer, smoothed)


def _finger_tendons(view: str) -> list[Shape]:
    """The four tendons of extensor digitorum over the back of the hand, across
    each metacarpal head onto the base of its finger."""
    out = []
    for k, finger in ((2, "index"), (3, "middle"), (4, "ring"), (5, "little")):
        head = at(view, f"metacarpal_head_{k}")
        beyond = at(view, f"metacarpal_head_{k}", 0.0, -0.7)
        start = hand(view, -0.5, (k - 3) * -0.08)
        middle = (start[0] + (head[0] - start[0]) * 0.35, start[1] + (head[1] - start[1]) * 0.35)
        out.append(shape("extensor digitorum", view, strip([start, middle, head, beyond], 0.09),
                         part=f"tendon to the {finger} finger", smoothed=False))
    return out


def _first_dorsal_interosseous(view: str) -> Shape:
    """The facing sides of the 1st and 2nd metacarpals to the radial base of the
    index finger, filling the web on the back of the hand."""
    return shape("first dorsal interosseous", view, [
        hand(view, 0.8, 0.95), hand(view, 1.0, 0.66), hand(view, 2.2, 0.64), hand(view, 3.4, 0.64),
        hand(view, 4.15, 0.7), hand(view, 4.0, 0.95), hand(view, 3.25, 1.18), hand(view, 2.8, 1.5),
        hand(view, 2.0, 1.55), hand(view, 1.3, 1.35)])


# ---------------------------------------------------------------------------
# Arm and hand (frontal views: positive across = lateral = radial side)
# ---------------------------------------------------------------------------
def arm_shapes() -> list[Shape]:
    a, p = "anterior", "posterior"
    out: list[Shape] = []
    # Biceps: two heads from the coracoid and (under the deltoid) the
    # supraglenoid tubercle, one belly down the front of the arm, a tendon to
    # the radial tuberosity deep in the cubital fossa.
    out.append(shape("biceps brachii", a, band(ARM, [
        (0.0, -0.55, 0.6), (1.5, -0.62, 0.68), (3.5, -0.64, 0.7), (5.5, -0.6, 0.64), (7.0, -0.45, 0.5),
        (8.2, -0.2, 0.28), (9.3, -0.06, 0.2), (ELBOW + 1.2, 0.02, 0.2)],
        head=[at(a, "supraglenoid_tubercle", 0.45, -0.6), at(a, "supraglenoid_tubercle", 0.1, 0.1),
              at(a, "supraglenoid_tubercle", -0.25, -0.5), on_axis(ARM, -0.4, 0.0),
              at(a, "coracoid", 0.3, 0.05), at(a, "coracoid", -0.1, -0.15)])))
    # Coracobrachialis: coracoid to the middle of the medial humerus, medial
    # to the short head of biceps.
    out.append(shape("coracobrachialis", a, band(ARM, [
        (0.3, -0.92, -0.4), (2.5, -0.9, -0.45), (4.0, -0.85, -0.55), (4.9, -0.8, -0.62)],
        head=[at(a, "coracoid", 0.25, 0.0), at(a, "coracoid", -0.15, -0.2)])))
    # Brachialis: the distal half of the front of the humerus to the ulnar
    # tuberosity; it shows on both sides of the biceps tendon.
    out.append(shape("brachialis", a, band(ARM, [
        (3.8, -0.55, 0.55), (5.5, -0.88, 0.9), (7.2, -0.85, 0.88), (8.5, -0.6, 0.62), (9.5, -0.42, 0.15),
        (ELBOW + 1.1, -0.35, -0.1)])))
    # Brachioradialis: upper lateral supracondylar ridge, down the radial
    # border, a flat tendon from mid-forearm to the radial styloid.
    for view, lo in ((a, 0.35), (p, 0.78)):
        out.append(shape("brachioradialis", view, band(ARM, [
            (5.0, 0.72, 0.95), (7.5, max(lo, 0.55), 0.97), (ELBOW, max(lo, 0.4), 0.97), (11.0, lo, 0.96),
            (13.5, max(lo, 0.45), 0.95), (15.5, max(lo, 0.6), 0.92), (18.0, max(lo, 0.7), 0.9),
            (WRIST - 0.3, 0.76, 0.9)])))
    # Pronator teres: medial epicondyle obliquely across to the middle of the
    # lateral radius, under brachioradialis at its end.
    out.append(shape("pronator teres", a, band(ARM, [
        (8.4, -0.95, -0.6), (9.5, -0.9, -0.25), (11.0, -0.6, 0.05), (12.5, -0.25, 0.35), (14.0, 0.15, 0.65),
        (15.2, 0.55, 0.85)])))
    # Flexor carpi radialis: medial epicondyle, a fusiform belly that moves to
    # the middle of the forearm, a tendon lateral of the midline at the wrist
    # to the base of the 2nd metacarpal.
    out.append(shape("flexor carpi radialis", a, band(ARM, [
        (8.6, -0.95, -0.7), (10.0, -0.75, -0.3), (11.5, -0.52, 0.0), (13.0, -0.4, 0.15), (15.0, -0.15, 0.28),
        (17.0, 0.06, 0.28), (19.0, 0.18, 0.32), (WRIST, 0.26, 0.4), (WRIST + 0.9, 0.34, 0.46)])))
    # Supinator (deep): lateral epicondyle and the ulna's supinator crest,
    # wrapped round the upper third of the radius.
    out.append(shape("supinator", a, band(ARM, [
        (8.5, 0.62, 0.9), (9.5, 0.1, 0.9), (11.0, 0.15, 0.88), (12.5, 0.35, 0.82), (13.2, 0.55, 0.75)]),
        layer="deep"))
    # Seen from behind it lies deep under the extensors, from the supinator
    # crest of the ulna round the back of the radius.
    out.append(shape("supinator", p, band(ARM, [
        (8.5, 0.6, 0.9), (9.6, -0.1, 0.88), (11.0, -0.05, 0.85), (12.5, 0.3, 0.8), (13.2, 0.5, 0.72)]),
        layer="deep"))
    # Extensor carpi radialis longus: lower lateral supracondylar ridge, behind
    # brachioradialis, a tendon to the dorsal base of the 2nd metacarpal.
    out.append(shape("extensor carpi radialis longus", p, band(ARM, [
        (6.4, 0.72, 0.96), (8.5, 0.48, 0.96), (10.5, 0.42, 0.88), (12.5, 0.45, 0.8), (14.5, 0.55, 0.72),
        (16.5, 0.58, 0.68), (19.0, 0.55, 0.65), (WRIST, 0.5, 0.6), (WRIST + 0.9, 0.4, 0.52)])))
    # Extensor digitorum: lateral epicondyle, down the middle of the back of
    # the forearm, four tendons over the back of the hand to the fingers.
    out.append(shape("extensor digitorum", p, band(ARM, [
        (8.5, 0.55, 0.88), (10.0, 0.0, 0.75), (12.0, -0.3, 0.55), (14.5, -0.36, 0.45), (17.0, -0.3, 0.35),
        (19.0, -0.2, 0.25), (WRIST - 0.4, -0.14, 0.18)])))
    out += _finger_tendons(p)
    # Triceps: long head from the infraglenoid tubercle (medial), lateral head
    # from the back of the upper humerus, medial head deep and distal; one
    # tendon to the olecranon.
    out.append(shape("triceps brachii", p, band(ARM, [
        (0.0, -0.9, -0.05), (2.0, -0.93, 0.0), (4.0, -0.88, -0.05), (6.0, -0.72, -0.1), (7.5, -0.42, 0.0),
        (8.6, -0.22, 0.08)],
        head=[on_axis(ARM, -0.8, -0.2), at(p, "infraglenoid_tubercle", 0.3, 0.1),
              at(p, "infraglenoid_tubercle", -0.3, -0.1)]), part="long head"))
    out.append(shape("triceps brachii", p, band(ARM, [
        (-0.8, 0.0, 0.55), (0.5, -0.05, 0.88), (2.0, 0.0, 0.93), (4.0, 0.0, 0.9), (6.0, 0.05, 0.75),
        (7.5, 0.08, 0.45), (8.6, 0.06, 0.22)]), part="lateral head"))
    out.append(shape("triceps brachii", p, band(ARM, [
        (4.8, -0.8, 0.82), (6.5, -0.9, 0.93), (8.0, -0.78, 0.88), (8.9, -0.3, 0.4)]),
        part="medial head", layer="deep"))
    out.append(_first_dorsal_interosseous(p))
    # Adductor pollicis (palm): oblique head from the capitate and the bases
    # of the 2nd and 3rd metacarpals, transverse head from the shaft of the
    # 3rd, converging on the ulnar base of the thumb's proximal phalanx.
    out.append(shape("adductor pollicis", a, [
        hand(a, 0.9, 0.05), hand(a, 1.2, -0.12), hand(a, 2.5, -0.12), hand(a, 3.85, -0.06), hand(a, 3.65, 0.35),
        hand(a, 3.3, 1.0), hand(a, 3.25, 1.5), hand(a, 3.2, 1.78), hand(a, 2.95, 1.8), hand(a, 2.4, 1.3),
        hand(a, 1.6, 0.7), hand(a, 1.0, 0.45)]))
    out += lateral_arm_shapes()
    return out


def lateral_arm_shapes() -> list[Shape]:
    """The arm seen from the side: extended back a little, the forearm half
    turned (thumb forward), so the extensors of the forearm face the viewer;
    positive across is the front of the arm and the radial side."""
    lat = "lateral"
    fold = ARM_LATERAL.joint_distance(1)  # the frontal arm's distances start here
    elbow = ARM_LATERAL.joint_distance(2)
    wrist = ARM_LATERAL.joint_distance(3)
    out: list[Shape] = []
    out.append(shape("biceps brachii", lat, band(ARM_LATERAL, [
        (fold - 1.8, 0.3, 0.62), (fold, 0.05, 0.88), (fold + 2.0, 0.0, 0.92), (fold + 4.5, 0.02, 0.9),
        (fold + 6.5, 0.1, 0.8), (elbow - 0.8, 0.25, 0.55), (elbow + 0.2, 0.22, 0.45), (elbow + 1.2, 0.15, 0.35)],
        head=[on_axis(ARM_LATERAL, 0.3, 0.35)])))
    out.append(shape("brachialis", lat, band(ARM_LATERAL, [
        (fold + 4.0, -0.05, 0.1), (fold + 6.0, -0.22, 0.3), (elbow - 0.8, -0.25, 0.35), (elbow + 0.3, -0.05, 0.3),
        (elbow + 1.1, 0.0, 0.18)])))
    out.append(shape("triceps brachii", lat, band(ARM_LATERAL, [
        (0.8, -0.55, -0.15), (fold, -0.95, -0.4), (fold + 2.5, -0.95, -0.45), (fold + 5.0, -0.86, -0.45),
        (elbow - 1.8, -0.72, -0.42), (elbow - 0.4, -0.78, -0.55)]), part="long head"))
    out.append(shape("triceps brachii", lat, band(ARM_LATERAL, [
        (fold - 1.0, -0.4, 0.0), (fold + 0.5, -0.45, 0.05), (fold + 3.5, -0.5, 0.0), (fold + 6.0, -0.45, -0.1),
        (elbow - 1.4, -0.5, -0.2), (elbow - 0.4, -0.66, -0.36)]), part="lateral head"))
    out.append(shape("brachioradialis", lat, band(ARM_LATERAL, [
        (elbow - 3.6, 0.0, 0.3), (elbow - 1.9, 0.05, 0.55), (elbow, 0.1, 0.95), (elbow + 2.1, 0.3, 0.97),
        (elbow + 4.6, 0.55, 0.96), (elbow + 6.6, 0.65, 0.94), (wrist - 2.9, 0.7, 0.92), (wrist - 0.4, 0.72, 0.9)])))
    out.append(shape("extensor carpi radialis longus", lat, band(ARM_LATERAL, [
        (elbow - 2.5, -0.08, 0.22), (elbow - 1.2, -0.1, 0.3), (elbow, -0.05, 0.45), (elbow + 2.1, 0.05, 0.55),
        (elbow + 4.6, 0.3, 0.6),
        (elbow + 7.1, 0.4, 0.6), (wrist - 2.4, 0.42, 0.58), (wrist, 0.4, 0.55), (wrist + 0.9, 0.3, 0.45)])))
    out.append(shape("extensor digitorum", lat, band(ARM_LATERAL, [
        (elbow - 0.2, -0.35, -0.05), (elbow + 1.1, -0.5, 0.05), (elbow + 3.1, -0.6, 0.1), (elbow + 5.6, -0.55, 0.1),
        (elbow + 8.6, -0.4, 0.1), (wrist - 0.6, -0.25, 0.12)])))
    out += _finger_tendons(lat)
    out.append(_first_dorsal_interosseous(lat))
    return out


# ---------------------------------------------------------------------------
# Hip and buttock
# ---------------------------------------------------------------------------
def hip_shapes() -> list[Shape]:
    a, p, lat = "anterior", "posterior", "lateral"
    out: list[Shape] = []
    # Gluteus maximus, posterior: posterior iliac crest, the side of the
    # sacrum and coccyx, down and out over the buttock to the iliotibial
    # tract and the gluteal tuberosity.
    out.append(shape("gluteus maximus", p, [
        (3.5, 43.05), (2.4, 41.5), (1.5, 40.0), (1.05, 38.5), (0.6, 37.3), (0.25, 36.5), (0.9, 35.6),
        (1.8, 34.4), (3.0, 33.2), (4.3, 32.2), (5.4, 31.75), on_axis(LEG, 6.3, 0.8), on_axis(LEG, 4.5, 0.92),
        on_axis(LEG, 2.0, 0.95), (7.05, 37.0), (6.6, 38.9), (5.6, 40.7), (4.6, 42.2)]))
    out.append(shape("gluteus maximus", lat, [
        (-2.6, 43.2), (-3.3, 42.2), (-3.8, 40.5), (-4.05, 38.5), (-3.95, 36.5), (-3.6, 34.6), (-2.9, 33.3),
        (-2.0, 32.3), (-1.3, 31.9), (-0.5, 32.5), (-0.3, 34.5), (-0.6, 36.5), (-1.3, 38.5), (-2.0, 41.0)]))
    # Gluteus medius: the outer ilium below the crest, converging on the
    # lateral greater trochanter; its back third lies under gluteus maximus.
    out.append(shape("gluteus medius", p, [
        (2.3, 41.6), (3.4, 43.4), (4.6, 44.3), (5.45, 44.55), (5.95, 43.3), (6.7, 41.0), (7.1, 39.0),
        (7.15, 37.7), (6.2, 38.1), (4.5, 39.2), (3.0, 40.2), (2.3, 40.9)]))
    out.append(shape("gluteus medius", lat, [
        (2.5, 43.0), (1.4, 44.0), (0.0, 44.75), (-1.5, 44.5), (-2.7, 43.6), (-3.0, 42.0), (-1.6, 40.0),
        (-0.9, 38.3), (-0.7, 37.6), (0.0, 37.6), (0.8, 38.6), (1.8, 40.5), (2.4, 41.8)]))
    # Gluteus minimus (deep): a smaller fan under medius, from the ilium
    # between the anterior and inferior gluteal lines to the front of the
    # greater trochanter.
    out.append(shape("gluteus minimus", p, [
        (3.2, 40.6), (4.2, 42.4), (5.4, 43.0), (6.4, 42.0), (6.95, 39.5), (7.1, 37.65), (5.5, 38.5),
        (3.8, 39.6)], layer="deep"))
    out.append(shape("gluteus minimus", lat, [
        (3.05, 41.4), (2.1, 42.6), (0.6, 43.2), (-1.0, 42.8), (-1.7, 41.2), (-1.1, 39.2), (-0.5, 37.8),
        (0.2, 37.75), (1.2, 38.7), (2.0, 39.9)], layer="deep"))
    # Piriformis (deep): the front of the sacrum between its foramina, out
    # through the greater sciatic foramen to the top of the greater trochanter.
    out.append(shape("piriformis", p, [
        (1.4, 40.1), (2.6, 39.9), (4.0, 39.3), (5.5, 38.85), (6.6, 38.55), (7.0, 38.3), (6.95, 38.0),
        (6.3, 37.95), (5.0, 38.05), (3.6, 38.15), (2.4, 37.8), (1.45, 37.4), (1.25, 38.7)], layer="deep"))
    # Tensor fasciae latae: the ASIS and the front of the iliac crest, in
    # front of the greater trochanter, into the iliotibial tract a third of
    # the way down the thigh; the tract runs on to Gerdy's tubercle.
    out.append(shape("tensor fasciae latae", lat, [
        (3.45, 41.6), (2.6, 42.8), (1.65, 43.7), (1.15, 41.0), (0.7, 38.0), (0.45, 34.8),
        on_axis(LEG_LATERAL, 6.3, 0.0), on_axis(LEG_LATERAL, 6.3, 0.32), (2.0, 34.5), (2.8, 37.5), (3.3, 40.0)]))
    out.append(shape("tensor fasciae latae", lat, band(LEG_LATERAL, [
        (6.0, -0.02, 0.2), (10.0, -0.08, 0.14), (14.0, -0.06, 0.16), (KNEE_L - 1.0, 0.05, 0.3),
        (KNEE_L + 1.1, 0.34, 0.5)]),
        part="iliotibial tract"))
    out.append(shape("tensor fasciae latae", a, [
        at(a, "asis_point", 0.05, 0.15), (6.3, 42.2), (6.9, 40.6), on_axis(LEG, 0.0, 0.95),
        on_axis(LEG, 3.0, 0.93), on_axis(LEG, 6.3, 0.9), on_axis(LEG, 6.3, 0.62), on_axis(LEG, 3.0, 0.55),
        (5.85, 38.4), (5.45, 40.6)]))
    out.append(shape("tensor fasciae latae", a, band(LEG, [
        (6.0, 0.84, 0.95), (11.0, 0.84, 0.95), (15.0, 0.8, 0.93), (KNEE - 0.5, 0.68, 0.86), (KNEE + 1.1, 0.5, 0.62)]),
        part="iliotibial tract"))
    return out


# ---------------------------------------------------------------------------
# Thigh
# ---------------------------------------------------------------------------
def _sartorius_stations() -> list[Station]:
    centre = [(0.0, 0.26), (3.0, 0.02), (6.0, -0.1), (8.5, -0.2), (11.0, -0.36), (14.0, -0.56),
              (16.5, -0.7), (KNEE, -0.74), (KNEE + 1.2, -0.7), (KNEE + 2.3, -0.58)]
    return [(d, max(c - 0.22, -0.94), c + 0.22) for d, c in centre]


def thigh_shapes() -> list[Shape]:
    a, p, lat = "anterior", "posterior", "lateral"
    out: list[Shape] = []
    out.append(shape("sartorius", a, band(LEG, _sartorius_stations(),
                                          head=[at(a, "asis_point", 0.25, -0.1),
                                                at(a, "asis_point", -0.15, 0.15)])))
    # Rectus femoris: AIIS, down the middle of the front of the thigh, to the
    # base of the patella.
    out.append(shape("rectus femoris", a, band(LEG, [
        (0.8, -0.08, 0.28), (2.5, -0.24, 0.3), (5.0, -0.31, 0.3), (9.0, -0.33, 0.3), (13.0, -0.3, 0.27),
        (15.2, -0.25, 0.22), (16.95, -0.2, 0.18)],
        head=[at(a, "aiis", 0.25, 0.05), at(a, "aiis", -0.25, 0.1)])))
    out.append(shape("rectus femoris", lat, band(LEG_LATERAL, [
        (2.5, 0.62, 0.93), (6.0, 0.68, 0.96), (10.0, 0.7, 0.96), (14.0, 0.72, 0.95), (KNEE_L - 1.2, 0.78, 0.94)])))
    # Vastus lateralis: the greater trochanter and lateral lip of the linea
    # aspera, down the outer thigh, to the lateral border of the patella and
    # the quadriceps tendon.
    out.append(shape("vastus lateralis", a, band(LEG, [
        (0.0, 0.6, 0.9), (3.0, 0.32, 0.9), (7.0, 0.3, 0.88), (11.0, 0.3, 0.85), (14.0, 0.27, 0.78),
        (16.5, 0.22, 0.7), (KNEE - 0.6, 0.45, 0.66)])))
    out.append(shape("vastus lateralis", lat, band(LEG_LATERAL, [
        (0.4, -0.3, 0.2), (3.0, -0.5, 0.62), (7.0, -0.5, 0.7), (11.0, -0.45, 0.68), (14.0, -0.35, 0.68),
        (16.5, -0.15, 0.74), (KNEE_L - 0.4, 0.5, 0.84)],
        head=[at(lat, "greater_trochanter", 0.0, 0.15)])))
    # Vastus medialis: the lower intertrochanteric line and medial lip of the
    # linea aspera, bulging above the knee, to the medial border of the patella.
    out.append(shape("vastus medialis", a, band(LEG, [
        (3.0, -0.5, -0.3), (6.0, -0.62, -0.3), (9.0, -0.7, -0.28), (11.0, -0.78, -0.27), (13.5, -0.85, -0.25),
        (15.5, -0.88, -0.22), (16.8, -0.82, -0.22), (KNEE - 0.6, -0.6, -0.36)])))
    # Adductor longus: the pubic body below the crest, fanning down and out to
    # the middle third of the linea aspera.
    out.append(shape("adductor longus", a, band(LEG, [
        (2.0, -0.88, -0.56), (3.5, -0.86, -0.46), (6.0, -0.75, -0.35), (9.0, -0.55, -0.25), (11.0, -0.4, -0.26)],
        head=[at(a, "pubic_tubercle", 0.15, -0.1), at(a, "pubic_tubercle", -0.35, -0.4)])))
    # Pectineus: the pecten of the pubis to the pectineal line of the femur.
    out.append(shape("pectineus", a, [
        (1.45, 38.55), (2.5, 38.8), (3.5, 38.6), (3.55, 36.5), (3.3, 34.2), at(a, "pectineal_line", 0.0, -0.1),
        (2.6, 34.6), (1.9, 36.6), (1.5, 37.9)]))
    # Adductor magnus: the ischiopubic ramus and ischial tuberosity to the
    # whole linea aspera and the adductor tubercle; from the front and from
    # behind it lies mostly under other muscles.
    out.append(shape("adductor magnus", a, band(LEG, [
        (3.0, -0.9, -0.5), (6.0, -0.9, -0.45), (9.0, -0.88, -0.5), (12.0, -0.86, -0.56), (14.5, -0.85, -0.66),
        (KNEE - 1.6, -0.88, -0.78)],
        head=[at(a, "inferior_pubic_ramus", 0.3, -0.2), at(a, "inferior_pubic_ramus", -0.15, 0.05)]),
        layer="deep"))
    out.append(shape("adductor magnus", p, band(LEG, [
        (3.5, -0.9, -0.45), (7.0, -0.9, -0.3), (11.0, -0.86, -0.3), (14.5, -0.85, -0.55), (KNEE - 1.6, -0.88, -0.78)],
        head=[at(p, "ischial_tuberosity", 0.15, 0.1), at(p, "ischial_tuberosity", -0.35, -0.1)]),
        layer="deep"))
    # Biceps femoris: long head from the ischial tuberosity, short head from
    # the lower lateral linea aspera, both to the head of the fibula.
    out.append(shape("biceps femoris", p, band(LEG, [
        (3.4, -0.5, -0.24), (6.0, -0.3, 0.05), (9.0, -0.14, 0.26), (12.0, 0.04, 0.5), (14.5, 0.2, 0.72),
        (16.5, 0.38, 0.85), (KNEE, 0.55, 0.9), (KNEE + 1.2, 0.72, 0.92), (KNEE + 1.8, 0.8, 0.94)],
        head=[at(p, "ischial_tuberosity", 0.2, 0.1)]), part="long head"))
    out.append(shape("biceps femoris", p, band(LEG, [
        (9.0, 0.3, 0.8), (12.0, 0.45, 0.88), (15.0, 0.55, 0.9), (KNEE - 0.5, 0.65, 0.9)]), part="short head"))
    out.append(shape("biceps femoris", lat, band(LEG_LATERAL, [
        (6.0, -0.95, -0.62), (10.0, -0.95, -0.58), (14.0, -0.92, -0.55), (KNEE_L - 0.5, -0.8, -0.5),
        (KNEE_L + 1.4, -0.62, -0.42)])))
    # Semitendinosus and semimembranosus: the ischial tuberosity down the
    # back-inner thigh to the medial tibia.
    out.append(shape("semitendinosus and semimembranosus", p, band(LEG, [
        (3.6, -0.6, -0.42), (6.0, -0.66, -0.32), (9.0, -0.74, -0.2), (12.0, -0.79, -0.16), (14.5, -0.8, -0.2),
        (16.5, -0.78, -0.3), (KNEE, -0.76, -0.42), (KNEE + 1.0, -0.8, -0.58)],
        head=[at(p, "ischial_tuberosity", -0.15, 0.1)])))
    return out


# ---------------------------------------------------------------------------
# Leg and foot
# ---------------------------------------------------------------------------
def leg_shapes() -> list[Shape]:
    a, p, lat = "anterior", "posterior", "lateral"
    k, kl = KNEE, KNEE_L
    out: list[Shape] = []
    # Gastrocnemius: two heads from the femoral condyles, bellies to mid-calf,
    # the calcaneal tendon to the back of the calcaneus.
    out.append(shape("gastrocnemius", p, band(LEG, [
        (k - 1.2, -0.62, -0.3), (k, -0.76, -0.05), (k + 2, -0.88, -0.02), (k + 4, -0.92, -0.02),
        (k + 6.5, -0.8, -0.05), (k + 8.5, -0.5, -0.08), (k + 9.5, -0.25, -0.08)]), part="medial head"))
    out.append(shape("gastrocnemius", p, band(LEG, [
        (k - 1.2, 0.3, 0.62), (k, 0.05, 0.76), (k + 2, 0.02, 0.86), (k + 4, 0.02, 0.88), (k + 6, 0.05, 0.75),
        (k + 7.5, 0.08, 0.45), (k + 8.0, 0.08, 0.25)]), part="lateral head"))
    out.append(shape("gastrocnemius", p, band(LEG, [
        (k + 8.0, -0.25, 0.15), (k + 12, -0.2, 0.15), (ANKLE, -0.16, 0.16), (ANKLE + 2.05, -0.15, 0.15)]),
        part="calcaneal tendon"))
    out.append(shape("gastrocnemius", lat, band(LEG_LATERAL, [
        (kl - 0.8, -0.7, -0.35), (kl + 1, -0.88, -0.45), (kl + 3, -0.99, -0.7), (kl + 5.5, -1.0, -0.75),
        (kl + 8, -0.98, -0.8), (kl + 11, -0.97, -0.84), (kl + 13.5, -0.96, -0.84)],
        tail=[(-1.7, 5.5), (-2.45, 3.0), (-2.68, 0.8), (-2.45, 0.85), (-2.2, 3.0), (-1.5, 5.5)])))
    # From the front, the medial head of gastrocnemius and, lower down, soleus
    # form the inner contour of the calf behind the tibia's medial border.
    out.append(shape("gastrocnemius", a, band(LEG, [
        (k + 0.8, -0.96, -0.84), (k + 3, -0.98, -0.78), (k + 6, -0.97, -0.8), (k + 8.5, -0.95, -0.9)])))
    out.append(shape("soleus", a, band(LEG, [
        (k + 6.5, -0.96, -0.88), (k + 9, -0.97, -0.8), (k + 12, -0.96, -0.8), (k + 14.5, -0.9, -0.8)])))
    # Soleus: the back of the fibular head and upper fibula and the soleal
    # line of the tibia, wider than gastrocnemius below it, into the
    # calcaneal tendon.
    out.append(shape("soleus", p, band(LEG, [
        (k + 1.5, -0.2, 0.88), (k + 3, -0.48, 0.9), (k + 5, -0.85, 0.9), (k + 8, -0.88, 0.88), (k + 11, -0.78, 0.7),
        (k + 13, -0.5, 0.45), (k + 14.5, -0.3, 0.3), (ANKLE, -0.2, 0.2), (ANKLE + 2.05, -0.17, 0.17)])))
    out.append(shape("soleus", lat, band(LEG_LATERAL, [
        (kl + 2.5, -0.95, -0.72), (kl + 5, -0.96, -0.74), (kl + 8, -0.96, -0.66), (kl + 11, -0.92, -0.6),
        (kl + 13.5, -0.88, -0.64)],
        tail=[(-1.62, 5.5), (-2.35, 3.0), (-2.62, 0.85), (-2.25, 0.9), (-2.0, 3.0), (-1.3, 5.5)],
        head=[at(lat, "fibular_head", -0.1, -0.15)])))
    # Tibialis anterior: the lateral condyle and upper lateral tibia, beside
    # the shin, a tendon across the front of the ankle to the medial
    # cuneiform and 1st metatarsal.
    out.append(shape("tibialis anterior", a, band(LEG, [
        (k + 0.9, 0.05, 0.6), (k + 3, 0.04, 0.72), (k + 6, 0.02, 0.7), (k + 9, 0.0, 0.6), (k + 11, -0.02, 0.45),
        (k + 13, -0.06, 0.3), (k + 15, -0.12, 0.15), (ANKLE - 0.5, -0.3, -0.05)],
        tail=[at(a, "medial_cuneiform", 0.15, -0.15), at(a, "medial_cuneiform", -0.15, 0.1)])))
    out.append(shape("tibialis anterior", lat, band(LEG_LATERAL, [
        (kl + 0.8, 0.42, 0.85), (kl + 3, 0.32, 0.92), (kl + 7, 0.3, 0.9), (kl + 10, 0.36, 0.86), (kl + 13, 0.5, 0.8),
        (ANKLE_L - 0.4, 0.58, 0.82)], tail=[(1.55, 2.2), (1.85, 2.35)])))
    # Extensor digitorum longus: the lateral tibial condyle and the upper
    # fibula, lateral to tibialis anterior, tendons to the 2nd-5th toes.
    out.append(shape("extensor digitorum longus", a, band(LEG, [
        (k + 0.6, 0.55, 0.92), (k + 3, 0.62, 0.95), (k + 6, 0.65, 0.93), (k + 9, 0.6, 0.85), (k + 12, 0.45, 0.7),
        (k + 14.5, 0.3, 0.52), (ANKLE - 0.3, 0.12, 0.38)])))
    # Its tendon divides in front of the ankle into four, over the dorsum to the toes.
    split = on_axis(LEG, ANKLE - 0.4, 0.25)
    for toe, x in (("2nd", 2.85), ("3rd", 3.4), ("4th", 3.9), ("5th", 4.4)):
        tendon = [split, (split[0] + (x - split[0]) * 0.35, 1.8), (x, 0.3)]
        out.append(shape("extensor digitorum longus", a, strip(tendon, 0.08), part=f"tendon to the {toe} toe",
                         smoothed=False))
    out.append(shape("extensor digitorum longus", lat, band(LEG_LATERAL, [
        (kl + 0.7, -0.35, 0.45), (kl + 3, -0.25, 0.32), (kl + 7, -0.2, 0.3), (kl + 10, -0.1, 0.36),
        (kl + 13, 0.1, 0.5), (ANKLE_L - 0.4, 0.3, 0.56)],
        tail=[(1.0, 2.55), (2.5, 1.75), (4.3, 0.95), (5.5, 0.45), (5.45, 0.28), (4.2, 0.72), (2.4, 1.48),
              (0.9, 2.3)])))
    # Fibularis longus: the head and upper lateral fibula, a tendon behind the
    # lateral malleolus and under the foot through the cuboid groove (its
    # insertion, on the 1st metatarsal and medial cuneiform, is out of sight).
    out.append(shape("fibularis (peroneus) longus", lat, band(LEG_LATERAL, [
        (kl + 1.3, -0.72, -0.3), (kl + 3, -0.78, -0.22), (kl + 6, -0.75, -0.2), (kl + 9, -0.68, -0.25),
        (kl + 11, -0.62, -0.35), (kl + 14, -0.64, -0.45), (ANKLE_L - 0.5, -0.72, -0.52)],
        tail=[(-1.05, 2.2), (-0.8, 1.5), (0.0, 0.85), (1.1, 0.22), (1.25, 0.5), (0.2, 1.15), (-0.42, 1.8)],
        head=[at(lat, "fibular_head", 0.0, 0.2)])))
    # Tibialis posterior (deep): the back of the tibia, fibula and interosseous
    # membrane, a tendon behind the medial malleolus to the navicular.
    out.append(shape("tibialis posterior", a, band(LEG, [
        (k + 1.5, -0.25, 0.45), (k + 4, -0.45, 0.5), (k + 6, -0.5, 0.45), (k + 9, -0.5, 0.35), (k + 12, -0.48, 0.1),
        (k + 14, -0.55, -0.2), (ANKLE - 1.0, -0.8, -0.5)],
        tail=[at(a, "navicular_tuberosity", -0.1, 0.25), at(a, "navicular_tuberosity", 0.0, -0.1),
              at(a, "navicular_tuberosity", 0.25, 0.15)]), layer="deep"))
    out.append(shape("tibialis posterior", p, band(LEG, [
        (k + 2, -0.35, 0.4), (k + 5, -0.4, 0.45), (k + 9, -0.35, 0.35), (k + 12, -0.35, 0.05), (k + 14.5, -0.5, -0.25),
        (ANKLE - 0.5, -0.75, -0.5)],
        tail=[at(p, "navicular_tuberosity", -0.1, 0.3), at(p, "navicular_tuberosity", 0.15, 0.05)]),
        layer="deep"))
    # Abductor hallucis: the medial process of the calcaneal tuberosity along
    # the inner border of the foot to the base of the big toe; seen from the
    # front, edge on, as the inner contour of the arch.
    out.append(shape("abductor hallucis", a, [
        (1.96, 0.2), (1.88, 0.6), (2.0, 1.25), (2.18, 1.7), (2.5, 1.4), (2.47, 0.7), (2.3, 0.25)]))
    # Flexor digitorum brevis: the calcaneal tuberosity along the sole, under
    # the plantar fascia, to the middle phalanges of the 2nd-5th toes; seen
    # edge on from the side. Quadratus plantae (deep) above its heel half, to
    # the tendon of flexor digitorum longus.
    out.append(shape("flexor digitorum brevis", lat, [
        (-2.1, 0.08), (-1.9, 0.4), (0.5, 0.42), (3.0, 0.35), (4.9, 0.22), (5.0, 0.08), (3.0, 0.06), (0.5, 0.06)]))
    out.append(shape("quadratus plantae", lat, [
        (-2.2, 0.12), (-2.0, 0.5), (-0.9, 0.55), (0.7, 0.45), (0.8, 0.2), (-0.8, 0.08)], layer="deep"))
    return out


def all_shapes() -> list[Shape]:
    return [*arm_shapes(), *hip_shapes(), *thigh_shapes(), *leg_shapes()]


# ---------------------------------------------------------------------------
# Facts (our own words; attachments checked against the sources named)
# ---------------------------------------------------------------------------
UPPER = ("Gray1918Myology", "Simons1999")
LOWER = ("Gray1918Myology", "Travell1992")

# Facts in our own words; attachments checked against the sources named.
FACTS: tuple[Facts, ...] = (
    Facts(
        "biceps brachii",
        "Short head from the tip of the coracoid process; long head from the supraglenoid tubercle, its tendon "
        "running in the intertubercular groove.",
        "Tuberosity of the radius, with the bicipital aponeurosis spreading into the forearm fascia on the ulnar "
        "side.",
        "Musculocutaneous nerve (C5-C6).",
        "Bends the elbow and turns the palm up (supination); helps raise the arm forward.",
        ("anterior:coracoid", "anterior:supraglenoid_tubercle"),
        ("anterior:radial_tuberosity", "lateral:radial_tuberosity"),
        UPPER),
    Facts(
        "brachialis",
        "Lower half of the front of the humerus.",
        "Tuberosity of the ulna and the front of the coronoid process.",
        "Musculocutaneous nerve (C5-C6), with a small branch from the radial nerve.",
        "Bends the elbow in any position of the forearm.",
        ("anterior:humerus_medial_midshaft",),
        ("anterior:ulnar_tuberosity",),
        UPPER),
    Facts(
        "coracobrachialis",
        "Tip of the coracoid process, with the short head of biceps.",
        "Middle of the medial border of the humerus.",
        "Musculocutaneous nerve (C5-C7).",
        "Draws the arm forward and toward the body.",
        ("anterior:coracoid",),
        ("anterior:humerus_medial_midshaft",),
        UPPER),
    Facts(
        "triceps brachii",
        "Long head from the infraglenoid tubercle of the scapula; lateral head from the back of the humerus above the"
        " radial groove; medial head from the back of the humerus below it.",
        "Upper surface of the olecranon.",
        "Radial nerve (C6-C8).",
        "Straightens the elbow; the long head also draws the arm back and in.",
        ("posterior:infraglenoid_tubercle", "lateral:infraglenoid_tubercle"),
        ("posterior:olecranon", "lateral:olecranon"),
        UPPER),
    Facts(
        "brachioradialis",
        "Upper two thirds of the lateral supracondylar ridge of the humerus.",
        "Lateral side of the radius just above the styloid process.",
        "Radial nerve (C5-C6).",
        "Bends the elbow, most strongly with the forearm half turned (thumb up).",
        ("anterior:lateral_supracondylar_ridge", "posterior:lateral_supracondylar_ridge",
         "lateral:lateral_supracondylar_ridge"),
        ("anterior:radial_styloid", "posterior:radial_styloid", "lateral:radial_styloid"),
        UPPER),
    Facts(
        "extensor carpi radialis longus",
        "Lower third of the lateral supracondylar ridge of the humerus.",
        "Back of the base of the 2nd metacarpal.",
        "Radial nerve (C6-C7).",
        "Extends the wrist and bends it toward the thumb side; helps bend the elbow.",
        ("posterior:lateral_supracondylar_ridge", "lateral:lateral_supracondylar_ridge"),
        ("posterior:second_metacarpal_base_dorsal", "lateral:second_metacarpal_base_dorsal"),
        UPPER),
    Facts(
        "extensor digitorum",
        "Lateral epicondyle of the humerus, by the common extensor tendon.",
        "Extensor expansions of the index, middle, ring and little fingers, to the middle and distal phalanges.",
        "Posterior interosseous nerve, from the radial nerve (C7-C8).",
        "Straightens the fingers and helps extend the wrist.",
        ("posterior:lateral_epicondyle", "lateral:lateral_epicondyle"),
        ("posterior:mcp_middle", "lateral:mcp_middle"),
        UPPER),
    Facts(
        "flexor carpi radialis",
        "Medial epicondyle of the humerus, by the common flexor tendon.",
        "Front of the bases of the 2nd and 3rd metacarpals.",
        "Median nerve (C6-C7).",
        "Bends the wrist and tilts it toward the thumb side.",
        ("anterior:medial_epicondyle",),
        ("anterior:second_metacarpal_base_palmar",),
        UPPER),
    Facts(
        "pronator teres",
        "Humeral head from the medial epicondyle; ulnar head from the coronoid process.",
        "Middle of the lateral surface of the radius.",
        "Median nerve (C6-C7).",
        "Turns the palm down (pronation) and helps bend the elbow.",
        ("anterior:medial_epicondyle",),
        ("anterior:pronator_tuberosity",),
        UPPER),
    Facts(
        "supinator",
        "Lateral epicondyle, the radial collateral and annular ligaments and the supinator crest of the ulna.",
        "Lateral, front and back surfaces of the upper third of the radius.",
        "Posterior interosseous nerve (C6-C7).",
        "Turns the palm up (supination), most alone with the elbow straight.",
        ("anterior:lateral_epicondyle",),
        ("anterior:radial_tuberosity",),
        UPPER),
    Facts(
        "adductor pollicis",
        "Oblique head from the capitate and the bases of the 2nd and 3rd metacarpals; transverse head from the palmar"
        " shaft of the 3rd metacarpal.",
        "Ulnar side of the base of the thumb's proximal phalanx.",
        "Deep branch of the ulnar nerve (C8-T1).",
        "Draws the thumb toward the palm, as in a key grip.",
        ("anterior:third_metacarpal_shaft",),
        ("anterior:thumb_proximal_phalanx_base",),
        UPPER),
    Facts(
        "first dorsal interosseous",
        "Facing sides of the 1st and 2nd metacarpals (two heads).",
        "Radial side of the base of the index finger's proximal phalanx and its extensor expansion.",
        "Deep branch of the ulnar nerve (C8-T1).",
        "Draws the index finger toward the thumb and steadies it in pinch.",
        ("posterior:second_metacarpal_base_dorsal", "lateral:second_metacarpal_base_dorsal"),
        ("posterior:index_proximal_phalanx_base", "lateral:metacarpal_head_2"),
        UPPER),
    Facts(
        "gluteus maximus",
        "Back of the ilium behind the posterior gluteal line and the posterior iliac crest, the back of the lower "
        "sacrum and the side of the coccyx, the thoracolumbar fascia and the sacrotuberous ligament.",
        "Mostly the iliotibial tract; its deep lower fibres the gluteal tuberosity of the femur.",
        "Inferior gluteal nerve (L5-S2).",
        "Extends the hip powerfully (climbing, rising from a chair) and turns the thigh out; steadies the knee "
        "through the iliotibial tract.",
        ("posterior:posterior_iliac_crest", "posterior:sacrum_lateral_border", "posterior:coccyx_tip", "lateral:psis"),
        ("posterior:gluteal_tuberosity", "lateral:gluteal_tuberosity"),
        LOWER),
    Facts(
        "gluteus medius",
        "Outer surface of the ilium between the iliac crest and the anterior and posterior gluteal lines.",
        "Oblique ridge on the lateral surface of the greater trochanter.",
        "Superior gluteal nerve (L4-S1).",
        "Abducts the hip and keeps the pelvis level when standing on one leg; front fibres turn the thigh in.",
        ("posterior:iliac_crest_point", "lateral:iliac_crest_midaxillary"),
        ("posterior:greater_trochanter_point", "lateral:greater_trochanter"),
        LOWER),
    Facts(
        "gluteus minimus",
        "Outer surface of the ilium between the anterior and inferior gluteal lines, under gluteus medius.",
        "Front of the greater trochanter.",
        "Superior gluteal nerve (L4-S1).",
        "Abducts the hip and turns the thigh in; steadies the pelvis in walking.",
        ("lateral:asis",),
        ("posterior:greater_trochanter_point", "lateral:greater_trochanter"),
        LOWER),
    Facts(
        "piriformis",
        "Front of the sacrum between and beside the 2nd-4th sacral foramina and the margin of the greater sciatic "
        "notch; it leaves the pelvis through the greater sciatic foramen.",
        "Upper border of the greater trochanter.",
        "Nerve to piriformis from the sacral plexus (L5-S2).",
        "Turns the extended thigh out; abducts the bent thigh.",
        ("posterior:sacrum_anterior_S3",),
        ("posterior:greater_trochanter_superior",),
        LOWER),
    Facts(
        "tensor fasciae latae",
        "Anterior superior iliac spine and the front of the outer lip of the iliac crest.",
        "Iliotibial tract, about a third of the way down the thigh; the tract ends on the lateral tibial condyle "
        "(Gerdy's tubercle).",
        "Superior gluteal nerve (L4-S1).",
        "Bends, abducts and turns the hip in; tightens the iliotibial tract and steadies the extended knee.",
        ("anterior:asis_point", "lateral:asis", "lateral:iliac_crest_tubercle"),
        ("anterior:gerdy_tubercle", "lateral:gerdy_tubercle"),
        LOWER),
    Facts(
        "rectus femoris",
        "Straight head from the anterior inferior iliac spine; reflected head from the groove above the acetabulum.",
        "Base of the patella, through the quadriceps tendon, and on to the tibial tuberosity by the patellar "
        "ligament.",
        "Femoral nerve (L2-L4).",
        "Straightens the knee and bends the hip.",
        ("anterior:aiis",),
        ("anterior:patella_base_leg",),
        LOWER),
    Facts(
        "vastus lateralis",
        "Upper intertrochanteric line, the front and lower border of the greater trochanter, the gluteal tuberosity "
        "and the lateral lip of the linea aspera.",
        "Lateral border of the patella and the quadriceps tendon.",
        "Femoral nerve (L2-L4).",
        "Straightens the knee.",
        ("anterior:greater_trochanter_point", "lateral:greater_trochanter"),
        ("anterior:patella_lateral_border", "lateral:patella_lateral_border"),
        LOWER),
    Facts(
        "vastus medialis",
        "Lower intertrochanteric line, the medial lip of the linea aspera and the medial supracondylar line.",
        "Medial border of the patella and the quadriceps tendon.",
        "Femoral nerve (L2-L4).",
        "Straightens the knee; its lowest fibres hold the patella against lateral drift.",
        ("anterior:linea_aspera_middle",),
        ("anterior:patella_medial_border",),
        LOWER),
    Facts(
        "sartorius",
        "Anterior superior iliac spine.",
        "Upper medial surface of the tibia (pes anserinus), in front of gracilis and semitendinosus.",
        "Femoral nerve (L2-L3).",
        "Bends, abducts and turns out the hip and bends the knee (the cross-legged sitting position).",
        ("anterior:asis_point",),
        ("anterior:pes_anserinus",),
        LOWER),
    Facts(
        "adductor longus",
        "Front of the pubic body, just below the pubic crest.",
        "Middle third of the linea aspera.",
        "Obturator nerve (L2-L4).",
        "Draws the thigh in and helps bend it.",
        ("anterior:pubic_tubercle",),
        ("anterior:linea_aspera_middle",),
        LOWER),
    Facts(
        "adductor magnus",
        "Inferior pubic ramus, the ischial ramus and the ischial tuberosity.",
        "Gluteal tuberosity, the whole linea aspera and the medial supracondylar line (adductor part); the adductor "
        "tubercle (hamstring part).",
        "Obturator nerve (L2-L4) for the adductor part; tibial part of the sciatic nerve (L4) for the hamstring part.",
        "Draws the thigh in; its upper part bends and its hamstring part extends the hip.",
        ("anterior:inferior_pubic_ramus", "posterior:ischial_tuberosity"),
        ("anterior:adductor_tubercle", "posterior:adductor_tubercle"),
        LOWER),
    Facts(
        "pectineus",
        "Pecten of the pubis, on the superior pubic ramus.",
        "Pectineal line of the femur, below the lesser trochanter.",
        "Femoral nerve (L2-L3), sometimes also the obturator nerve.",
        "Draws the thigh in and bends it at the hip.",
        ("anterior:pubic_tubercle",),
        ("anterior:pectineal_line",),
        LOWER),
    Facts(
        "biceps femoris",
        "Long head from the ischial tuberosity (with semitendinosus); short head from the lateral lip of the lower "
        "linea aspera.",
        "Head of the fibula.",
        "Long head: tibial part of the sciatic nerve (L5-S2); short head: common fibular part (L5-S2).",
        "Bends the knee and turns the bent leg out; the long head extends the hip.",
        ("posterior:ischial_tuberosity",),
        ("posterior:fibular_head",),
        LOWER),
    Facts(
        "semitendinosus and semimembranosus",
        "Ischial tuberosity (semitendinosus with the long head of biceps; semimembranosus from its upper outer part).",
        "Semitendinosus: the upper medial tibia (pes anserinus); semimembranosus: the back of the medial tibial "
        "condyle.",
        "Tibial part of the sciatic nerve (L5-S2).",
        "Bend the knee and turn the bent leg in; extend the hip.",
        ("posterior:ischial_tuberosity",),
        ("posterior:medial_tibial_condyle",),
        LOWER),
    Facts(
        "gastrocnemius",
        "Medial head from the back of the medial femoral condyle; lateral head from the lateral condyle.",
        "Back of the calcaneus, by the calcaneal (Achilles) tendon.",
        "Tibial nerve (S1-S2).",
        "Points the foot down (plantar flexion) and helps bend the knee.",
        ("posterior:medial_femoral_condyle", "posterior:lateral_femoral_condyle"),
        ("posterior:calcaneal_tuberosity", "lateral:heel"),
        LOWER),
    Facts(
        "soleus",
        "Back of the fibular head and upper third of the fibula, the soleal line and middle third of the "
        "medial border of the tibia, and a tendinous arch between them.",
        "Back of the calcaneus, by the calcaneal tendon.",
        "Tibial nerve (S1-S2).",
        "Points the foot down and holds the leg upright over the foot in standing.",
        ("posterior:fibular_head", "posterior:soleal_line", "lateral:fibular_head"),
        ("posterior:calcaneal_tuberosity", "lateral:heel"),
        LOWER),
    Facts(
        "tibialis anterior",
        "Lateral condyle and upper two thirds of the lateral surface of the tibia, and the interosseous membrane.",
        "Medial and plantar surfaces of the medial cuneiform and the base of the 1st metatarsal.",
        "Deep fibular nerve (L4-L5).",
        "Lifts the foot (dorsiflexion) and turns the sole in.",
        ("anterior:lateral_tibial_condyle", "lateral:lateral_tibial_condyle"),
        ("anterior:medial_cuneiform",),
        LOWER),
    Facts(
        "tibialis posterior",
        "Back of the tibia, the fibula and the interosseous membrane, in their upper two thirds.",
        "Tuberosity of the navicular, with slips to the cuneiforms, cuboid and bases of the middle metatarsals.",
        "Tibial nerve (L4-L5).",
        "Turns the sole in and points the foot down; supports the arch.",
        ("posterior:tibia_fibula_posterior",),
        ("anterior:navicular_tuberosity", "posterior:navicular_tuberosity"),
        LOWER),
    Facts(
        "fibularis (peroneus) longus",
        "Head and upper two thirds of the lateral surface of the fibula.",
        "Lateral side of the medial cuneiform and the base of the 1st metatarsal, reached through the groove of the "
        "cuboid under the foot.",
        "Superficial fibular nerve (L5-S1).",
        "Turns the sole out and points the foot down; supports the arches.",
        ("lateral:fibular_head",),
        ("lateral:cuboid_groove",),
        LOWER),
    Facts(
        "extensor digitorum longus",
        "Lateral tibial condyle, the upper three quarters of the fibula and the interosseous membrane.",
        "Middle and distal phalanges of the 2nd-5th toes, by the extensor expansions.",
        "Deep fibular nerve (L5-S1).",
        "Straightens the lesser toes and lifts the foot.",
        ("anterior:lateral_tibial_condyle", "anterior:fibula_lateral_upper", "lateral:lateral_tibial_condyle"),
        ("anterior:lesser_toes_dorsum", "lateral:lesser_toes_dorsum"),
        LOWER),
    Facts(
        "abductor hallucis",
        "Medial process of the calcaneal tuberosity, the flexor retinaculum and the plantar aponeurosis.",
        "Medial side of the base of the big toe's proximal phalanx.",
        "Medial plantar nerve (S1-S2).",
        "Draws the big toe away from the others and supports the inner arch.",
        ("anterior:medial_calcaneal_process",),
        ("anterior:big_toe_base_medial",),
        LOWER),
    Facts(
        "flexor digitorum brevis",
        "Medial process of the calcaneal tuberosity and the plantar aponeurosis.",
        "Sides of the middle phalanges of the 2nd-5th toes.",
        "Medial plantar nerve (S1-S2).",
        "Bends the lesser toes at their middle joints; supports the arch.",
        ("lateral:calcaneal_tuberosity_plantar",),
        ("lateral:lesser_toes_plantar",),
        LOWER),
    Facts(
        "quadratus plantae",
        "Medial and lateral plantar surfaces of the calcaneus (two heads).",
        "Lateral border of the tendon of flexor digitorum longus.",
        "Lateral plantar nerve (S1-S2).",
        "Straightens the pull of the long toe flexor and helps it bend the toes.",
        ("lateral:calcaneal_tuberosity_plantar",),
        ("lateral:midfoot_plantar",),
        LOWER),
)


def muscles() -> list[Muscle]:
    """Every limb muscle with its outlines, ready for muscle_drawing.write."""
    shapes = all_shapes()
    names = {f.name for f in FACTS}
    stray = sorted({name for name, _ in shapes} - names)
    if stray:
        raise SystemExit(f"outlines for muscles without facts: {stray}")
    return [Muscle(f.name, f.origin, f.insertion, f.innervation, f.action, f.origin_landmarks,
                   f.insertion_landmarks, f.sources, tuple(p for name, p in shapes if name == f.name))
            for f in FACTS]


if __name__ == "__main__":
    count, vertices = write(muscles())
    print(f"muscles.csv: {count} limb muscles; muscle_shapes.csv: {vertices} vertices")
