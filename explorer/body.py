"""The body frame: views, landmarks, limb axes and the drawn outlines.

Every site in the dataset is placed in this frame, so that a point defined as
"level with T3, 1.5 B-cun lateral to the posterior midline" lands where the WHO
standard puts it.

Units
-----
* ``y`` is the height above the sole as a fraction of body height
  (0 = sole, 1 = vertex).
* ``x`` is the signed horizontal offset from the midline in the same units.
  In the frontal views (``anterior``, ``posterior``) positive ``x`` is the
  subject's LEFT. Bilateral sites are stored once, on the subject's left, and
  drawn on both sides. In the ``lateral`` view (the subject's left side),
  ``x`` is the front-back offset from the mid-axillary line, positive anterior.
* Internally every landmark is written in proportional B-cun. The WHO standard
  divides body height into 75 B-cun, so ``1 B-cun = 1/75`` of height in both
  directions (``CUN``). The vertical chain below keeps the WHO proportional
  measures exact: suprasternal fossa -> xiphisternal junction 9, xiphisternal
  junction -> umbilicus 8, umbilicus -> pubic symphysis 5, pubic symphysis ->
  patella base 18, patella apex -> medial malleolus 15, popliteal crease ->
  lateral malleolus 16, medial malleolus -> sole 3, between the nipples 8,
  between the medial scapular borders 6, axillary fold -> cubital crease 9,
  cubital crease -> wrist crease 12.

Figures draw the frame as seen: the anterior view shows the subject's left on
the viewer's right (plot x = x), the posterior view shows it on the viewer's
left (plot x = -x), and the left lateral view faces the viewer's left
(plot x = -x). Only :func:`to_plot` knows this.

Sketch of the anterior view, in B-cun above the sole (posterior levels in
brackets; the vertebral levels are the tips of the spinous processes)::

        75.0  ____ vertex
             /    \\       73.0 anterior hairline   [67.0 posterior hairline]
            |  o o |      69.3 pupils, 70.0 glabella [68.5 EOP, 67.2 C2]
             \\_--_/       64.5 menton               [63.5 C7, 62.9 T1]
        _____/    \\_____  63.4 laryngeal prominence
       /  acr   ^   acr \\  60.5 suprasternal fossa   [60.7 T3 = scapular spines]
      / |   ICS1-ICS7   | \\ 58.0 .. 48.3 intercostal spaces, nipples at ICS4 (53.1)
     /  |      +        |  \\ 51.5 xiphisternal junction  [56.3 T7 = inferior angles]
    |   |      o        |   | 43.5 umbilicus   [50.8 T12, 44.8 L4 = iliac crests]
    |   \\_____/ \\______/   | 38.5 pubic symphysis, 37.5 greater trochanter
   hand   |     |     |   hand 36.3 wrist creases, 28.4 fingertips
          |  ( )|( )  |      20.5 patella base, 18.0 patella apex, 18.5 popliteal crease
          |     |     |      3.0 medial malleolus, 2.5 lateral malleolus
         /_\\   /_\\   0.0 sole
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

VIEWS: tuple[str, ...] = ("anterior", "posterior", "lateral")
CUN: float = 1.0 / 75.0  # one proportional B-cun, as a fraction of body height

Point = tuple[float, float]


# ---------------------------------------------------------------------------
# Vertical levels (B-cun above the sole)
# ---------------------------------------------------------------------------
def _spinous_levels() -> dict[str, float]:
    """Heights of the spinous-process tips C2..L5 and the sacral levels S1..S4.

    C2..C7 are spaced 0.74 B-cun, the thoracic processes 1.1 and the lumbar
    ones 1.5: this puts T3 on the scapular spines, T7 at the inferior scapular
    angles, T12 midway between those angles and the iliac crests, and L4 on the
    iliac crests, which are the landmarks the WHO standard uses to count levels.
    C7 then lies just below the laryngeal prominence (the thyroid cartilage is
    at the C4-C5 vertebral bodies, the C7 spinous tip at about T1's). The
    sacral levels (the posterior foramina S1..S4) are 1.1 apart round S2 at the
    posterior superior iliac spines, so the sacral hiatus below S4 lies about
    1.5 B-cun above the tip of the coccyx.
    """
    levels: dict[str, float] = {}
    for i, name in enumerate(["C2", "C3", "C4", "C5", "C6", "C7"]):
        levels[name] = round(67.2 - i * 0.74, 3)
    for i in range(1, 13):
        levels[f"T{i}"] = round(64.0 - i * 1.1, 3)
    for i in range(1, 6):
        levels[f"L{i}"] = round(50.8 - i * 1.5, 3)
    for i in range(1, 5):
        levels[f"S{i}"] = round(40.3 - (i - 2) * 1.1, 3)
    return levels


SPINOUS: dict[str, float] = _spinous_levels()
SPINE_ORDER: tuple[str, ...] = tuple(SPINOUS)

# The anterior chest is counted by intercostal space. The spaces are drawn
# horizontal across the front of the chest so that every point defined "in the
# 4th intercostal space" sits at one height, as the standard's charts do.
ICS_LEVELS: dict[str, float] = {
    "ICS1": 57.9,
    "ICS2": 56.3,
    "ICS3": 54.7,
    "ICS4": 53.1,
    "ICS5": 51.5,
    "ICS6": 49.9,
    "ICS7": 48.3,
}

LEVELS: dict[str, float] = {
    "vertex": 75.0,
    "anterior_hairline": 73.0,
    "glabella": 70.0,
    "pupil": 69.3,
    "nose_tip": 67.6,
    "mouth": 66.3,
    "menton": 64.5,
    "external_occipital_protuberance": 68.5,
    "posterior_hairline": 67.0,
    "laryngeal_prominence": 63.4,
    "suprasternal_fossa": 60.5,
    "clavicle": 59.6,  # inferior border of the clavicle at the mammillary line
    "sternal_angle": 57.1,
    "nipple": 53.1,  # 4th intercostal space in men
    "xiphisternal_junction": 51.5,
    "umbilicus": 43.5,
    "iliac_crest": 44.8,  # highest point, level with L4
    "asis": 41.5,
    "pubic_symphysis": 38.5,  # upper border
    "greater_trochanter": 37.5,
    "gluteal_fold": 32.5,
    "patella_base": 20.5,
    "popliteal_crease": 18.5,
    "patella_apex": 18.0,
    "medial_malleolus": 3.0,
    "lateral_malleolus": 2.5,
    "sole": 0.0,
    **{f"{k}": v for k, v in SPINOUS.items()},
    **ICS_LEVELS,
}


def interspinous(level: str) -> float:
    """Height of the depression just below a spinous process (e.g. BL13 is
    'inferior to the spinous process of T3'): halfway to the next process."""
    i = SPINE_ORDER.index(level)
    if i + 1 >= len(SPINE_ORDER):
        raise ValueError(f"no level below {level}")
    return (SPINOUS[level] + SPINOUS[SPINE_ORDER[i + 1]]) / 2.0


# ---------------------------------------------------------------------------
# Head widths
# ---------------------------------------------------------------------------
# The standard measures the head in its own proportional B-cun: 9 between the
# two ST8 (the corners of the forehead hairline) in front, 9 between the
# mastoid processes behind. These are measured round the curved skull, and
# they are not the trunk's B-cun (the forehead's 9 span about 13 cm, the 8
# between the nipples about 20 cm). A frontal view sees them projected: a
# point c head-cun from the midline, along an arc of radius R, lands at
# R * sin(k * c / R), with k fixed by one landmark the standard names: GB15,
# midway (2.25) between GV24 and ST8, lies directly above the pupil; behind,
# the mastoid tips (4.5) lie at the projected mastoid landmark.
FOREHEAD_RADIUS = 3.4  # the forehead's curve seen from the front, frame B-cun
OCCIPUT_RADIUS = 3.6


def forehead_x(head_cun: float) -> float:
    """Anterior-view x (frame B-cun) of a point ``head_cun`` head B-cun from the
    anterior midline, measured across the forehead and scalp."""
    k = math.asin(1.2 / FOREHEAD_RADIUS) * FOREHEAD_RADIUS / 2.25  # 1.2 = the pupil's x
    return FOREHEAD_RADIUS * math.sin(k * head_cun / FOREHEAD_RADIUS)


def occiput_x(head_cun: float) -> float:
    """Posterior-view x (frame B-cun) of a point ``head_cun`` head B-cun from the
    posterior midline, measured round the occiput and nape."""
    k = math.asin(3.0 / OCCIPUT_RADIUS) * OCCIPUT_RADIUS / 4.5  # 3.0 = the projected mastoid tip
    return OCCIPUT_RADIUS * math.sin(k * head_cun / OCCIPUT_RADIUS)


# In the lateral view the sternocleidomastoid runs from the mastoid tip down
# and forward to the sternal end of the clavicle; its borders, 0.7 B-cun either
# side of this line, place the neck points defined against them (LI17, LI18,
# SI16, SI17, TE16).
SCM_LATERAL: tuple[Point, Point] = ((-1.4, 67.4), (2.6, 60.6))
SCM_HALF_WIDTH = 0.7


def scm_axis_x(y: float) -> float:
    """Lateral-view x of the sternocleidomastoid's centre line at height ``y`` (B-cun)."""
    (x0, y0), (x1, y1) = SCM_LATERAL
    return x0 + (y0 - y) / (y0 - y1) * (x1 - x0)


# ---------------------------------------------------------------------------
# Anchors: named points with a local frame, used to place sites
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Anchor:
    """A named landmark in one view, in B-cun.

    ``dx``/``dy`` offsets given to :func:`place` are measured in the anchor's
    local frame: ``up`` is the unit vector for positive ``dy`` (toward the head
    on the trunk, toward the proximal joint on a limb) and ``out`` the unit
    vector for positive ``dx`` (toward the subject's left / away from the
    midline in the frontal views, anterior in the lateral view).
    """

    name: str
    view: str
    x: float
    y: float
    description: str
    up: Point = (0.0, 1.0)
    out: Point = (1.0, 0.0)
    limb: LimbAxis | None = None  # set for anchors on a limb axis
    along: float = 0.0  # their distance along that axis from its first joint
    across: float = 0.0  # and their offset across it (radial / anterior positive), off-axis landmarks


@dataclass(frozen=True)
class LimbAxis:
    """A limb drawn as a chain of straight segments along its axis.

    ``joints`` are B-cun points from proximal to distal and ``half_widths`` the
    half-thickness of the limb at each joint, from which the outline is built,
    so that every point placed on the axis lies inside the drawn limb.
    """

    name: str
    joints: tuple[Point, ...]
    half_widths: tuple[float, ...]
    joint_names: tuple[str, ...] = field(default=())

    def point_at(self, distance: float) -> tuple[Point, Point]:
        """Point at ``distance`` B-cun along the axis from the first joint,
        and the unit direction pointing proximally there."""
        remaining = distance
        for (x0, y0), (x1, y1) in zip(self.joints, self.joints[1:], strict=False):
            seg = math.hypot(x1 - x0, y1 - y0)
            ux, uy = (x1 - x0) / seg, (y1 - y0) / seg
            if remaining <= seg + 1e-9:  # a joint itself belongs to the proximal segment
                return (x0 + ux * remaining, y0 + uy * remaining), (-ux, -uy)
            remaining -= seg
        (x0, y0), (x1, y1) = self.joints[-2], self.joints[-1]
        seg = math.hypot(x1 - x0, y1 - y0)
        ux, uy = (x1 - x0) / seg, (y1 - y0) / seg
        return (x1 + ux * remaining, y1 + uy * remaining), (-ux, -uy)

    def joint_distance(self, index: int) -> float:
        return sum(
            math.hypot(x1 - x0, y1 - y0)
            for (x0, y0), (x1, y1) in zip(self.joints[: index], self.joints[1 : index + 1], strict=False)
        )


def _unit(dx: float, dy: float) -> Point:
    n = math.hypot(dx, dy)
    return (dx / n, dy / n)


def _rotate_to_vertical(angle_deg: float) -> Point:
    """Unit vector pointing down a limb tilted ``angle_deg`` outward from vertical."""
    a = math.radians(angle_deg)
    return (math.sin(a), -math.cos(a))


def _chain(start: Point, steps: Sequence[tuple[float, float]]) -> tuple[Point, ...]:
    """Joints from a start point and (length, outward tilt in degrees) steps."""
    pts = [start]
    for length, tilt in steps:
        ux, uy = _rotate_to_vertical(tilt)
        x, y = pts[-1]
        pts.append((x + ux * length, y + uy * length))
    return tuple(pts)


# Arm in anatomical position (palms forward), slightly abducted. It starts at
# the level of the anterior axillary fold: fold -> cubital crease 9 B-cun,
# cubital crease -> wrist crease 12 B-cun, wrist crease -> head of the 3rd
# metacarpal 3.45 (the knuckle, about 0.75 B-cun proximal to the finger webs),
# -> middle fingertip 4.35.
ARM = LimbAxis(
    name="arm",
    joints=_chain((8.35, 57.0), [(9.0, 6.0), (12.0, 11.0), (3.45, 8.0), (4.35, 8.0)]),
    half_widths=(1.35, 1.55, 1.15, 1.75, 0.5),
    joint_names=("axillary_fold", "cubital_crease", "wrist_crease", "mcp_middle", "middle_fingertip"),
)

# Arm, lateral view (the subject's left side, x anterior). The shoulder is
# extended about 28 degrees and the elbow bent as much, so the forearm hangs
# straight behind the buttock: the arm then leaves the side of the chest (the
# mid-axillary line, the axilla, GB22, SP21, serratus anterior) in view, as
# the atlases' lateral figures do by raising it. The forearm is in mid-prone
# position (thumb forward), so the viewer sees the back of the forearm and
# hand, with the radial (thumb) side anterior. The measures are those of the
# frontal arm: fold -> cubital crease 9, -> wrist crease 12, -> 3rd metacarpal
# head 3.45, -> fingertip 4.35; the shoulder joint lies 3.4 above the fold.
ARM_LATERAL = LimbAxis(
    name="arm_lateral",
    joints=_chain((-0.7, 60.3), [(3.4, -28.0), (9.0, -28.0), (12.0, 0.0), (3.45, -2.0), (4.35, -2.0)]),
    half_widths=(2.0, 1.9, 1.55, 1.15, 1.75, 0.5),
    joint_names=("shoulder_joint", "axillary_fold", "cubital_crease", "wrist_crease", "mcp_middle",
                 "middle_fingertip"),
)

# Where each finger lies on the hand, for the outline and the bony landmarks:
# (across position of the finger's centre line from the hand's axis, toward
# the thumb; finger length beyond the web; distance of the metacarpal head
# from the wrist crease), index to little finger.
FINGERS: tuple[tuple[float, float, float], ...] = (
    (0.78, 3.35, 3.45), (0.0, 3.85, 3.45), (-0.78, 3.5, 3.35), (-1.54, 2.8, 3.15))
PALM_LENGTH = 4.2  # wrist crease to the webs between the fingers
FINGER_HALF_WIDTH = 0.36


def hand_point(limb: LimbAxis, along: float, across: float) -> Point:
    """A point on the hand of ``limb`` (ARM or ARM_LATERAL), ``along`` B-cun
    distal to the wrist crease on the hand's axis and ``across`` toward the
    thumb (radial) side."""
    w = limb.joint_names.index("wrist_crease")
    wrist = limb.joints[w]
    down = _unit(limb.joints[w + 1][0] - wrist[0], limb.joints[w + 1][1] - wrist[1])
    out = _across((-down[0], -down[1]))
    return (wrist[0] + down[0] * along + out[0] * across, wrist[1] + down[1] * along + out[1] * across)


# Leg, frontal views: hip (at the level of the greater trochanter) -> knee
# (patella centre) -> ankle (between the malleoli) -> sole.
LEG = LimbAxis(
    name="leg",
    joints=((4.1, 37.5), (3.55, 19.25), (3.2, 2.75), (3.3, 0.0)),
    half_widths=(3.55, 2.1, 1.35, 1.5),
    joint_names=("hip", "knee", "ankle", "sole"),
)

# Leg, lateral view: x is anterior. The knee and ankle sit slightly in front
# of the mid-axillary line, as in a relaxed stance.
LEG_LATERAL = LimbAxis(
    name="leg_lateral",
    joints=((-0.4, 37.5), (0.2, 19.25), (0.0, 2.75)),
    half_widths=(3.8, 2.4, 1.5),
    joint_names=("hip", "knee", "ankle"),
)


def _trunk(view: str, name: str, x: float, y: float, description: str) -> Anchor:
    out = (1.0, 0.0)
    return Anchor(name=name, view=view, x=x, y=y, description=description, out=out)


def _across(up: Point) -> Point:
    """The unit vector across a limb axis: away from the midline in the frontal
    views (positive x on the subject's left), anterior in the lateral view."""
    return (up[1], -up[0]) if up[1] > 0 else (-up[1], up[0])


def _limb_anchor(view: str, name: str, limb: LimbAxis, distance: float, description: str,
                 across: float = 0.0) -> Anchor:
    (x, y), up = limb.point_at(distance)
    out = _across(up)
    return Anchor(name=name, view=view, x=x + out[0] * across, y=y + out[1] * across,
                  description=description, up=up, out=out, limb=limb, along=distance, across=across)


# Bony landmarks of the upper limb a student palpates, in the limb's own frame:
# (joint they are measured from, B-cun proximal to it, B-cun across toward the
# radial side, views where they show, description). Across is radial in every
# view: the frontal arm is palm forward, the lateral forearm thumb forward.
_ARM_LANDMARKS: dict[str, tuple[str, float, float, tuple[str, ...], str]] = {
    "lateral_epicondyle": ("cubital_crease", 0.4, 1.25, ("anterior", "posterior"),
                           "lateral epicondyle of the humerus"),
    "medial_epicondyle": ("cubital_crease", 0.4, -1.4, ("anterior", "posterior"),
                          "medial epicondyle of the humerus"),
    "olecranon": ("cubital_crease", 0.2, -0.25, ("posterior",), "tip of the olecranon"),
    "radial_styloid": ("wrist_crease", 0.3, 0.95, ("anterior", "posterior", "lateral"),
                       "styloid process of the radius"),
    "ulnar_styloid": ("wrist_crease", 0.45, -0.85, ("posterior", "lateral"), "styloid process of the ulna"),
}
# Seen from the side, the lateral epicondyle is in the middle of the elbow and
# the olecranon at its back.
_ARM_LANDMARKS_LATERAL: dict[str, tuple[str, float, float, str]] = {
    "lateral_epicondyle": ("cubital_crease", 0.3, -0.25, "lateral epicondyle of the humerus"),
    "olecranon": ("cubital_crease", 0.1, -1.1, "tip of the olecranon"),
}
# The thumb's metacarpal head sits beside the hand's axis: (B-cun distal to
# the wrist crease, across toward the thumb).
THUMB_METACARPAL_HEAD: Point = (2.6, 1.85)


def _arm_landmark_anchors(view: str, limb: LimbAxis) -> list[Anchor]:
    """Epicondyles, olecranon, styloid processes and the metacarpal heads of
    one view's arm, as anchors in the limb's frame."""
    joint = {name: limb.joint_distance(i) for i, name in enumerate(limb.joint_names)}
    out: list[Anchor] = []
    table = {k: (j, d, c, desc) for k, (j, d, c, views, desc) in _ARM_LANDMARKS.items() if view in views}
    if view == "lateral":
        table.update(_ARM_LANDMARKS_LATERAL)
    for name, (jname, proximal, across, desc) in table.items():
        out.append(_limb_anchor(view, name, limb, joint[jname] - proximal, desc, across))
    wrist = joint["wrist_crease"]
    heads = [THUMB_METACARPAL_HEAD] + [(along, c) for c, _, along in FINGERS]
    for k, (along, c) in enumerate(heads, start=1):
        out.append(_limb_anchor(view, f"metacarpal_head_{k}", limb, wrist + along,
                                f"head of the {_ORDINAL[k]} metacarpal bone (knuckle)", c))
    return out


_ORDINAL = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th"}


def _frontal_anchors(view: str) -> list[Anchor]:
    """Anchors shared by the anterior and posterior views."""
    a: list[Anchor] = []
    t = _trunk
    # Midline and trunk levels: every named level is an anchor on the midline.
    for name, y in LEVELS.items():
        if y < 35.6:  # below the crotch the midline is not on the body: use leg anchors
            continue
        a.append(t(view, name, 0.0, y, f"level of the {name.replace('_', ' ')}, on the midline"))
    for level in SPINE_ORDER[:-1]:
        a.append(t(view, f"below_{level}", 0.0, interspinous(level),
                   f"depression below the spinous process of {level}"))
    # Arm landmarks along the arm axis.
    for i, jname in enumerate(ARM.joint_names):
        a.append(_limb_anchor(view, jname, ARM, ARM.joint_distance(i),
                              f"{jname.replace('_', ' ')} on the axis of the arm"))
    a += _arm_landmark_anchors(view, ARM)
    # Leg landmarks on the axis of the leg.
    leg_levels = {
        "patella_base_leg": LEVELS["patella_base"],
        "patella_apex_leg": LEVELS["patella_apex"],
        "knee_centre": 19.25,
        "ankle_centre": 2.75,
        "hip_joint": 37.5,
    }
    for name, y in leg_levels.items():
        a.append(_limb_anchor(view, name, LEG, _leg_distance_to(y),
                              f"{name.replace('_', ' ')} on the axis of the leg"))
    return a


def _leg_distance_to(y: float) -> float:
    """Distance along LEG from the hip joint to the point at height ``y``."""
    dist = 0.0
    for (x0, y0), (x1, y1) in zip(LEG.joints, LEG.joints[1:], strict=False):
        seg = math.hypot(x1 - x0, y1 - y0)
        if y1 <= y <= y0:
            return dist + seg * (y0 - y) / (y0 - y1)
        dist += seg
    return dist


# Extra named points, written in B-cun, per view. They are surface landmarks a
# practitioner palpates; the figures draw several of them.
def _metatarsal_heads_front() -> dict[str, tuple[float, float, str]]:
    spots = [(2.15, 0.7), (2.8, 0.74), (3.4, 0.72), (3.95, 0.68), (4.5, 0.6)]
    ordinal = ("1st", "2nd", "3rd", "4th", "5th")
    return {f"metatarsal_head_{k}": (x, y, f"head of the {ordinal[k - 1]} metatarsal bone")
            for k, (x, y) in enumerate(spots, start=1)}


_ANTERIOR_POINTS: dict[str, tuple[float, float, str]] = {
    "acromion": (8.3, 61.6, "lateral end of the acromion"),
    "coracoid": (6.3, 59.3, "tip of the coracoid process, in the deltopectoral triangle"),
    "infraclavicular_fossa": (6.0, 59.2, "deepest point of the infraclavicular fossa"),
    "sternoclavicular_joint": (1.0, 60.5, "sternal end of the clavicle"),
    "mammillary_line_clavicle": (4.0, 59.6, "inferior border of the clavicle at the mammillary line"),
    "supraclavicular_fossa": (4.0, 60.9, "centre of the supraclavicular fossa, 4 B-cun lateral"),
    "nipple_point": (4.0, 53.1, "the nipple, 4 B-cun lateral in the 4th intercostal space"),
    "anterior_axillary_fold_trunk": (6.7, 57.0, "apex of the anterior axillary fold on the trunk"),
    "costal_margin_mcl": (4.0, 47.6, "costal margin at the mammillary line"),
    "asis_point": (5.4, 41.5, "anterior superior iliac spine"),
    "pubic_tubercle": (1.4, 38.5, "pubic tubercle"),
    "inner_canthus": (0.55, 69.3, "inner canthus of the eye"),
    "outer_canthus": (1.9, 69.3, "outer canthus of the eye"),
    "pupil_point": (1.2, 69.3, "pupil, gaze forward"),
    "ala_nasi": (0.75, 67.8, "lateral edge of the ala of the nose"),
    "mouth_corner": (1.0, 66.3, "corner of the mouth"),
    "mandible_angle": (2.9, 66.0, "angle of the mandible"),
    "tragus_front": (3.9, 68.6, "tragus of the ear, seen from the front"),
    "medial_malleolus_point": (2.05, 3.0, "prominence of the medial malleolus"),
    "lateral_malleolus_point": (4.4, 2.5, "prominence of the lateral malleolus"),
    "medial_tibial_condyle": (2.0, 17.0, "lower border of the medial condyle of the tibia"),
    "fibular_head": (5.4, 17.6, "head of the fibula"),
    "big_toe_tip": (2.1, 0.2, "tip of the big toe"),
    # Seen from the front the top of the foot is foreshortened: the metatarsal
    # heads lie a little above the webs between the toes.
    **_metatarsal_heads_front(),
}

_POSTERIOR_POINTS: dict[str, tuple[float, float, str]] = {
    "acromion": (8.3, 61.6, "lateral end of the acromion"),
    # The standard's 9 B-cun between the mastoids is measured round the occiput;
    # projected onto the posterior view the tips lie 3 B-cun from the midline.
    "mastoid_tip": (3.0, 67.6, "tip of the mastoid process, projected"),
    "scapula_superior_angle": (3.3, 61.8, "superior angle of the scapula"),
    "scapula_spine_root": (3.0, 60.7, "medial end of the spine of the scapula, level with T3"),
    "scapula_inferior_angle": (3.6, 56.3, "inferior angle of the scapula, level with T7"),
    "infraspinous_fossa_centre": (5.3, 59.2, "centre of the infraspinous fossa"),
    "suprascapular_fossa_centre": (5.0, 61.4, "centre of the suprascapular fossa"),
    "posterior_axillary_fold_trunk": (6.7, 56.6, "apex of the posterior axillary fold"),
    "psis": (1.8, 40.3, "posterior superior iliac spine, lower border level with S2"),
    "iliac_crest_point": (5.6, 44.8, "highest point of the iliac crest"),
    "greater_trochanter_point": (7.2, 37.5, "greater trochanter"),
    "ischial_tuberosity": (2.6, 34.0, "ischial tuberosity"),
    "popliteal_crease_centre": (3.55, 18.5, "midpoint of the popliteal crease"),
    "calcaneal_tuberosity": (3.25, 0.6, "posterior tuberosity of the calcaneus"),
    "achilles_at_malleoli": (3.25, 2.9, "calcaneal tendon, level with the malleoli"),
    "coccyx_tip": (0.0, 36.3, "tip of the coccyx"),
    "medial_malleolus_point": (2.05, 3.0, "prominence of the medial malleolus"),
    "lateral_malleolus_point": (4.4, 2.5, "prominence of the lateral malleolus"),
}

_LATERAL_POINTS: dict[str, tuple[float, float, str]] = {
    "vertex": (-0.5, 75.0, "vertex, top of the head"),
    "tragus": (0.3, 68.9, "tragus of the ear"),
    "ear_apex": (-0.6, 70.4, "apex of the auricle"),
    "earlobe": (-0.2, 67.7, "lowest point of the earlobe"),
    "mastoid_tip": (-1.4, 67.4, "tip of the mastoid process"),
    "outer_canthus": (3.4, 69.3, "outer canthus of the eye"),
    "temple": (2.6, 70.6, "temple, in the depression lateral to the eyebrow"),
    # ST7 lies between the middle of the arch and the mandibular notch, GB3
    # directly above it: the notch is drawn straight below the arch's midpoint.
    "zygomatic_arch_mid": (1.6, 68.6, "midpoint of the lower border of the zygomatic arch"),
    "mandible_angle": (1.0, 66.0, "angle of the mandible"),
    "mandibular_notch": (1.6, 68.1, "mandibular notch, in front of the condyle"),
    "anterior_hairline_temple": (2.8, 72.0, "corner of the anterior hairline"),
    "external_occipital_protuberance": (-4.3, 68.5, "external occipital protuberance"),
    "acromion": (-0.2, 61.8, "lateral end of the acromion"),
    "axilla_apex": (0.0, 57.0, "apex of the axilla, on the mid-axillary line"),
    "nipple_level_midaxillary": (0.0, 53.1, "mid-axillary line at the level of the 4th intercostal space"),
    "rib11_free_end": (1.2, 45.8, "free end of the 11th rib"),
    "rib12_free_end": (-1.4, 45.3, "free end of the 12th rib"),
    "iliac_crest_midaxillary": (0.0, 44.8, "iliac crest on the mid-axillary line"),
    "asis": (3.3, 41.5, "anterior superior iliac spine"),
    "greater_trochanter": (-0.4, 37.5, "most prominent point of the greater trochanter"),
    "fibular_head": (-1.0, 17.6, "head of the fibula"),
    "lateral_malleolus": (-0.2, 2.5, "prominence of the lateral malleolus"),
    "heel": (-2.7, 0.6, "back of the heel"),
    "fifth_metatarsal_tuberosity": (1.8, 0.6, "tuberosity of the 5th metatarsal bone"),
    # Seen from the outer side, the 4th metatarsal head lies above the 5th.
    "metatarsal_head_5": (4.4, 0.35, "head of the 5th metatarsal bone, on the outer edge of the foot"),
    "metatarsal_head_4": (4.55, 0.78, "head of the 4th metatarsal bone"),
    "little_toe_tip": (5.7, 0.3, "tip of the little toe"),
    "sole_ball": (3.8, 0.0, "ball of the foot on the sole"),
}


def _lateral_anchors() -> list[Anchor]:
    a: list[Anchor] = []
    for name, y in LEVELS.items():
        a.append(Anchor(name=name, view="lateral", x=0.0, y=y,
                        description=f"level of the {name.replace('_', ' ')}, on the mid-axillary line"))
    for name, (x, y, desc) in _LATERAL_POINTS.items():
        a.append(Anchor(name=name, view="lateral", x=x, y=y, description=desc))
    for i, jname in enumerate(ARM_LATERAL.joint_names):
        a.append(_limb_anchor("lateral", jname, ARM_LATERAL, ARM_LATERAL.joint_distance(i),
                              f"{jname.replace('_', ' ')} on the axis of the arm"))
    a += _arm_landmark_anchors("lateral", ARM_LATERAL)
    for i, jname in enumerate(LEG_LATERAL.joint_names):
        a.append(_limb_anchor("lateral", f"{jname}_lateral_axis", LEG_LATERAL,
                              LEG_LATERAL.joint_distance(i), f"{jname} on the axis of the leg"))
    return a


@cache
def anchors() -> dict[tuple[str, str], Anchor]:
    """All anchors, keyed by (view, name). Built on first use, not at import."""
    table: dict[tuple[str, str], Anchor] = {}
    for view in ("anterior", "posterior"):
        for anchor in _frontal_anchors(view):
            table[(view, anchor.name)] = anchor
        extra = _ANTERIOR_POINTS if view == "anterior" else _POSTERIOR_POINTS
        for name, (x, y, desc) in extra.items():
            table[(view, name)] = Anchor(name=name, view=view, x=x, y=y, description=desc)
    for anchor in _lateral_anchors():
        table[("lateral", anchor.name)] = anchor
    # Attachment landmarks the muscle outlines are drawn to (issue #13), kept
    # apart from the standard's acupoint landmarks above.
    for anchor in (*_trunk_attachment_anchors(), *_limb_attachment_anchors()):
        table.setdefault((anchor.view, anchor.name), anchor)
    return table


def limb_half_width(limb: LimbAxis, distance: float) -> float:
    """The limb's half-width (B-cun) at ``distance`` along its axis, interpolated between joints."""
    marks = [limb.joint_distance(i) for i in range(len(limb.joints))]
    for j in range(len(marks) - 1):
        if distance <= marks[j + 1] or j == len(marks) - 2:
            f = min(max((distance - marks[j]) / (marks[j + 1] - marks[j]), 0.0), 1.0)
            return limb.half_widths[j] * (1 - f) + limb.half_widths[j + 1] * f
    return limb.half_widths[-1]


def _trunk_attachment_anchors() -> list[Anchor]:
    """Muscle attachments of the head, neck, trunk and shoulder girdle that the
    acupoint landmarks do not already name (mastoid, coracoid, spinous processes ...)."""

    def lateral_rib_level(k: int) -> float:
        """Height of rib k (3-8) on the mid-axillary line as explorer.anatomy draws it:
        0.8 B-cun above the intercostal space of its number, the 8th at 48.2."""
        return ICS_LEVELS[f"ICS{k}"] + 0.8 if k <= 7 else 48.2

    # Muscle attachments of the head, neck, trunk and shoulder girdle, in B-cun:
    # (x, y, description) per view. They sit on the drawn skeleton of
    # explorer/anatomy.py (scapula, ribs, clavicle, iliac crest) where it shows
    # them, and are projected onto the view where the bone lies beneath others.
    table: dict[str, dict[str, tuple[float, float, str]]] = {
        "anterior": {
            "cervical_transverse_processes": (1.5, 64.9, "anterior tubercles of the transverse processes C3-C6, "
                                              "seen from the front below the mandible"),
            "first_rib": (3.2, 60.35, "upper surface of the first rib behind the clavicle (scalene tubercle)"),
            "clavicle_medial_third": (2.2, 60.15, "upper border of the medial third of the clavicle"),
            "clavicle_lateral_third": (6.3, 60.6, "lateral third of the clavicle"),
            "lesser_tubercle": (7.9, 59.7, "lesser tubercle of the humerus, in front of the shoulder joint"),
            "intertubercular_groove": (8.35, 59.2, "lateral lip of the bicipital (intertubercular) groove"),
            "rib3_anterior": (4.0, 55.5, "third rib near its costal cartilage"),
            "rib5_anterior": (4.0, 52.3, "fifth rib near its costal cartilage"),
            "rib5_cartilage": (3.0, 52.35, "fifth costal cartilage, where the rectus abdominis inserts"),
            "iliac_crest_anterior": (5.95, 44.2, "anterior part of the iliac crest (outer lip)"),
            "lesser_trochanter": (3.1, 35.7, "lesser trochanter of the femur, projected onto the front view"),
            "eyebrow_centre": (1.2, 70.3, "skin of the eyebrow above the pupil"),
            # the scapula lies behind the ribs: its outline projected onto the front view
            "scapula_superior_angle": (3.3, 61.8, "superior angle of the scapula, behind the ribs"),
            "scapula_medial_border": (3.0, 60.7, "medial border of the scapula at the root of its spine, "
                                      "behind the ribs"),
            "scapula_inferior_angle": (3.6, 56.3, "inferior angle of the scapula, behind the ribs"),
            "subscapular_fossa": (5.0, 59.3, "subscapular fossa on the costal surface of the scapula, behind the ribs"),
        },
        "posterior": {
            "C1_transverse_process": (2.3, 67.2, "tip of the transverse process of the atlas, below and medial "
                                      "to the mastoid"),
            "C4_transverse_process": (1.6, 66.2, "posterior tubercle of the transverse process of C4"),
            "T1_transverse_process": (1.4, 63.2, "transverse process of T1"),
            "superior_nuchal_line_lateral": (2.9, 68.05, "lateral part of the superior nuchal line"),
            "scapula_spine_mid": (5.2, 61.1, "middle of the spine of the scapula"),
            "infraglenoid_tubercle": (7.0, 60.3, "upper end of the lateral border of the scapula, below the glenoid"),
            "scapula_lateral_border_mid": (5.9, 58.2, "middle of the lateral border of the scapula"),
            "greater_tubercle": (8.75, 60.9, "greater tubercle of the humerus, below the acromion"),
            "lesser_tubercle_crest": (7.75, 58.5, "crest of the lesser tubercle and floor of the bicipital groove, "
                                      "projected onto the back view at the axilla"),
            "rib12_tip": (3.9, 49.4, "free end of the 12th rib"),
            "L1_transverse_process": (2.0, 49.6, "tip of the transverse process of L1"),
            "iliac_crest_posterior": (3.0, 43.05, "posterior part of the iliac crest, above the sacroiliac joint"),
            # the rib angles, where the drawn posterior ribs turn forward, about 4 B-cun out
            **{f"rib{k}_angle": (4.2, round(SPINOUS[f"T{k}"] - 0.3, 3), f"angle of rib {k}") for k in range(1, 11)},
        },
        "lateral": {
            "coronoid_process": (1.9, 68.05, "coronoid process of the mandible, under the zygomatic arch"),
            "mandibular_condyle": (0.65, 68.6, "neck of the mandibular condyle, in front of the tragus"),
            "lateral_pterygoid_plate": (2.4, 67.9, "lateral pterygoid plate, projected (it lies deep to the ramus)"),
            "zygomatic_bone": (2.8, 68.5, "body of the zygomatic bone, front end of the arch"),
            "temporal_line_top": (0.5, 73.0, "highest point of the temporal line"),
            "digastric_fossa": (3.7, 64.85, "digastric fossa on the lower border of the mandible near the chin"),
            "hyoid": (1.6, 64.6, "body and greater horn of the hyoid bone"),
            "sternoclavicular_joint": (2.4, 60.6, "sternal end of the clavicle"),
            "clavicle_lateral_third": (0.6, 61.1, "lateral third of the clavicle"),
            "spinous_C7": (-2.45, 64.0, "spinous process of C7 under the skin of the back of the neck"),
            # the ribs where the lateral skeleton draws them crossing the mid-axillary line
            **{f"rib{k}_lateral": (0.0, round(lateral_rib_level(k), 3), f"rib {k} on the mid-axillary line")
               for k in range(3, 9)},
            "rib8_midaxillary": (0.0, 48.2, "eighth rib on the mid-axillary line"),
            "scapula_inferior_angle": (-3.9, 56.3, "inferior angle of the scapula, level with T7"),
            "scapula_medial_border": (-4.1, 60.7, "medial border of the scapula at the root of its spine (T3)"),
        },
    }

    out = [Anchor(name=name, view=view, x=x, y=y, description=desc)
           for view, points in table.items() for name, (x, y, desc) in points.items()]
    # The deltoid tuberosity, on the lateral (radial) side of the arm about a
    # third of the way from the axillary fold to the elbow.
    for view in ("anterior", "posterior"):
        out.append(_limb_anchor(view, "deltoid_tuberosity", ARM, 3.0, "deltoid tuberosity of the humerus", 1.15))
    out.append(_limb_anchor("lateral", "deltoid_tuberosity", ARM_LATERAL, 6.6, "deltoid tuberosity of the humerus",
                            0.3))
    return out


def _limb_attachment_anchors() -> list[Anchor]:
    """Muscle attachments of the limbs that the acupoint landmarks do not already
    name (greater trochanter, epicondyles, styloid processes, condyles ...).

    Most are written on a limb axis: a distance along it from its first joint
    (B-cun) and a position across it as a fraction of the half-width there
    (positive lateral in the frontal views, anterior in the lateral view), so
    that each stays inside the drawn limb whatever its proportions. Their
    local frame is the axis's, so offsets from them run along and across the
    limb. Points on the pelvis and the foot are written directly in B-cun.
    Deep attachments (supraglenoid tubercle, sacrum, calcaneal processes) are
    their projection onto the view.
    """

    def on_limb(view: str, name: str, limb: LimbAxis, distance: float, across: float,
                description: str) -> Anchor:
        (x, y), up = limb.point_at(distance)
        out = _across(up)
        w = across * limb_half_width(limb, distance)
        return Anchor(name=name, view=view, x=x + out[0] * w, y=y + out[1] * w,
                      description=description, up=up, out=out)

    gerdy = "anterolateral tubercle of the tibia (Gerdy's), where the iliotibial tract ends"
    elbow = ARM.joint_distance(1)
    wrist = ARM.joint_distance(2)
    knee = LEG.joint_distance(1)
    ankle = LEG.joint_distance(2)
    knee_l = LEG_LATERAL.joint_distance(1)
    ankle_l = LEG_LATERAL.joint_distance(2)
    # (distance along the arm, fraction across, name, description), both frontal views
    # The epicondyles, the olecranon and the styloid processes are acupoint
    # landmarks already (_ARM_LANDMARKS); the ridge above the lateral one is not.
    arm_both = [
        (elbow - 2.6, 0.88, "lateral_supracondylar_ridge", "lateral supracondylar ridge of the humerus, its middle"),
    ]
    arm_anterior = [
        (4.5, -0.7, "humerus_medial_midshaft", "middle of the medial border of the humerus"),
        (elbow + 1.2, 0.1, "radial_tuberosity", "tuberosity of the radius, deep in the cubital fossa"),
        (elbow + 1.0, -0.25, "ulnar_tuberosity", "tuberosity of the ulna, below the coronoid process"),
        (elbow + 6.0, 0.75, "pronator_tuberosity", "rough area on the lateral radius, midway along it"),
        (wrist + 0.9, 0.4, "second_metacarpal_base_palmar", "palmar base of the 2nd metacarpal"),
        (wrist + 2.2, 0.0, "third_metacarpal_shaft", "palmar shaft of the 3rd metacarpal"),
        (wrist + 3.15, 1.12, "thumb_proximal_phalanx_base",
         "ulnar side of the base of the proximal phalanx of the thumb"),
    ]
    arm_posterior = [
        (wrist + 0.9, 0.45, "second_metacarpal_base_dorsal", "dorsal base of the 2nd metacarpal"),
        (wrist + 4.1, 0.62, "index_proximal_phalanx_base",
         "base of the proximal phalanx of the index finger, radial side"),
    ]
    # (distance along the leg, fraction across, name, description), frontal views
    leg_anterior = [
        (0.0, 0.9, "greater_trochanter_point", "greater trochanter of the femur"),
        (3.8, -0.28, "pectineal_line", "pectineal line of the femur, below the lesser trochanter"),
        (9.5, -0.3, "linea_aspera_middle", "middle third of the linea aspera (projected)"),
        (knee - 1.6, -0.85, "adductor_tubercle", "adductor tubercle above the medial femoral condyle"),
        (knee - 0.6, 0.62, "patella_lateral_border", "lateral border of the patella"),
        (knee - 0.6, -0.55, "patella_medial_border", "medial border of the patella"),
        (knee + 1.0, 0.5, "lateral_tibial_condyle", "lateral condyle of the tibia"),
        (knee + 1.1, 0.55, "gerdy_tubercle", gerdy),
        (knee + 2.2, -0.6, "pes_anserinus", "upper medial surface of the tibia (pes anserinus)"),
        (knee + 5.0, 0.9, "fibula_lateral_upper", "lateral surface of the fibula, upper third"),
    ]
    leg_posterior = [
        (5.5, 0.5, "gluteal_tuberosity", "gluteal tuberosity of the femur"),
        (knee - 1.6, -0.85, "adductor_tubercle", "adductor tubercle above the medial femoral condyle"),
        (knee - 1.0, -0.55, "medial_femoral_condyle", "posterior medial condyle of the femur"),
        (knee - 1.0, 0.55, "lateral_femoral_condyle", "posterior lateral condyle of the femur"),
        (knee + 1.0, -0.75, "medial_tibial_condyle", "posteromedial condyle of the tibia"),
        (knee + 1.7, 0.88, "fibular_head", "head of the fibula"),
        (knee + 3.5, -0.35, "soleal_line", "soleal line of the tibia"),
        (knee + 2.3, 0.1, "tibia_fibula_posterior", "posterior tibia and fibula with the interosseous membrane"),
    ]
    # (distance along the lateral leg axis, fraction across (anterior +), name, description)
    leg_lateral = [
        (5.0, -0.35, "gluteal_tuberosity", "gluteal tuberosity of the femur, behind the iliotibial tract"),
        (knee_l - 0.4, 0.82, "patella_lateral_border", "lateral border of the patella"),
        (knee_l - 0.8, -0.45, "lateral_femoral_condyle", "lateral condyle of the femur"),
        (knee_l + 1.1, 0.42, "gerdy_tubercle", gerdy),
        (knee_l + 1.0, 0.62, "lateral_tibial_condyle", "lateral condyle of the tibia"),
        (ankle_l - 0.6, -0.6, "behind_lateral_malleolus",
         "groove behind the lateral malleolus, where the fibular tendons turn"),
    ]
    points: dict[str, list[tuple[str, float, float, str]]] = {
        "anterior": [
            ("aiis", 4.9, 40.2, "anterior inferior iliac spine (projected)"),
            ("supraglenoid_tubercle", 7.7, 60.3, "supraglenoid tubercle of the scapula (projected, under the deltoid)"),
            ("inferior_pubic_ramus", 1.0, 36.3, "inferior pubic ramus beside the pubic arch"),
            ("medial_cuneiform", 2.45, 1.25, "medial cuneiform and base of the 1st metatarsal"),
            ("big_toe_base_medial", 1.9, 0.35, "medial base of the proximal phalanx of the big toe"),
            ("medial_calcaneal_process", 2.35, 0.45, "medial process of the calcaneal tuberosity (projected)"),
            ("navicular_tuberosity", 2.15, 1.55, "navicular tuberosity, below and in front of the medial malleolus"),
            ("lesser_toes_dorsum", 3.9, 0.3, "dorsum of the 2nd to 5th toes"),
        ],
        "posterior": [
            ("infraglenoid_tubercle", 7.5, 58.8, "infraglenoid tubercle of the scapula (projected)"),
            ("posterior_iliac_crest", 3.4, 43.2, "posterior third of the iliac crest"),
            ("sacrum_lateral_border", 1.25, 38.8, "lateral border of the sacrum, level with S3"),
            ("sacrum_anterior_S3", 1.5, 38.8, "front of the sacrum lateral to the sacral foramina (projected)"),
            ("greater_trochanter_superior", 6.9, 38.3, "upper border of the greater trochanter"),
            ("navicular_tuberosity", 2.3, 1.1, "tuberosity of the navicular (projected)"),
        ],
        "lateral": [
            ("psis", -3.5, 40.3, "posterior superior iliac spine, seen from the side"),
            ("sacrum_coccyx", -3.8, 37.6, "lower sacrum and coccyx, seen from the side"),
            ("iliac_crest_tubercle", 1.6, 43.8, "tubercle of the iliac crest"),
            ("calcaneal_tuberosity_plantar", -2.0, 0.2, "plantar processes of the calcaneal tuberosity"),
            ("lesser_toes_plantar", 4.9, 0.12, "plantar middle phalanges of the 2nd to 5th toes"),
            ("cuboid_groove", 1.1, 0.35, "groove of the cuboid, where fibularis longus turns under the foot"),
            ("midfoot_plantar", 0.6, 0.3, "plantar midfoot, where the long flexor tendon divides (projected)"),
            ("lesser_toes_dorsum", 5.4, 0.5, "dorsum of the 2nd to 5th toes"),
        ],
    }
    # (distance along the lateral arm axis from the shoulder joint, fraction
    # across toward its front (radial side), name, description)
    elbow_l = ARM_LATERAL.joint_distance(2)
    wrist_l = ARM_LATERAL.joint_distance(3)
    arm_lateral = [
        (0.8, -0.3, "infraglenoid_tubercle", "infraglenoid tubercle of the scapula (projected)"),
        (elbow_l - 2.6, 0.1, "lateral_supracondylar_ridge", "lateral supracondylar ridge of the humerus, its middle"),
        (elbow_l + 1.2, 0.2, "radial_tuberosity", "tuberosity of the radius (projected)"),
        (wrist_l + 0.9, 0.35, "second_metacarpal_base_dorsal", "dorsal base of the 2nd metacarpal"),
    ]
    out: list[Anchor] = []
    for d, f, name, desc in arm_lateral:
        out.append(on_limb("lateral", name, ARM_LATERAL, d, f, desc))
    for view in ("anterior", "posterior"):
        for d, f, name, desc in arm_both + (arm_anterior if view == "anterior" else arm_posterior):
            out.append(on_limb(view, name, ARM, d, f, desc))
        for d, f, name, desc in leg_anterior if view == "anterior" else leg_posterior:
            out.append(on_limb(view, name, LEG, d, f, desc))
    out.append(on_limb("anterior", "ankle_front", LEG, ankle - 0.2, 0.0, "front of the ankle between the malleoli"))
    for d, f, name, desc in leg_lateral:
        out.append(on_limb("lateral", name, LEG_LATERAL, d, f, desc))
    for view, rows in points.items():
        for name, x, y, desc in rows:
            out.append(Anchor(name=name, view=view, x=x, y=y, description=desc))
    return out


def anchor_names(view: str) -> list[str]:
    return sorted(name for (v, name) in anchors() if v == view)


def place(view: str, anchor: str, dx_cun: float = 0.0, dy_cun: float = 0.0) -> Point:
    """Body-frame (x, y) of a point ``dx_cun``/``dy_cun`` B-cun from an anchor.

    >>> x, y = place("posterior", "below_T3", 1.5)
    >>> round(x * 75, 2), round(y * 75, 2)
    (1.5, 60.15)
    """
    if view not in VIEWS:
        raise KeyError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")
    try:
        a = anchors()[(view, anchor)]
    except KeyError:
        raise KeyError(f"unknown anchor {anchor!r} in the {view} view") from None
    if a.limb is not None:
        # Along a limb, dy follows the axis through its joints (a point 2 B-cun
        # proximal to the wrist crease lies on the forearm, one 2 B-cun distal
        # on the hand), and dx is taken across the axis where the point lands.
        (x, y), up = a.limb.point_at(a.along - dy_cun)
        ox, oy = _across(up)
        side = a.across + dx_cun
        return ((x + ox * side) * CUN, (y + oy * side) * CUN)
    x = a.x + a.out[0] * dx_cun + a.up[0] * dy_cun
    y = a.y + a.out[1] * dx_cun + a.up[1] * dy_cun
    return (x * CUN, y * CUN)


# ---------------------------------------------------------------------------
# Outlines (drawn geometry, B-cun, subject's left half unless noted)
# ---------------------------------------------------------------------------
def catmull_rom(points: Sequence[Point], samples: int = 6, closed: bool = False) -> list[Point]:
    """Smooth a polyline through its control points (uniform Catmull-Rom)."""
    pts = list(points)
    if len(pts) < 3:
        return pts
    ext = [pts[-1], *pts, pts[0], pts[1]] if closed else [pts[0], *pts, pts[-1]]
    out: list[Point] = []
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        for s in range(samples):
            t = s / samples
            t2, t3 = t * t, t * t * t
            out.append(tuple(  # type: ignore[arg-type]
                0.5 * (2 * p1[k] + (-p0[k] + p2[k]) * t + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t2
                       + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t3)
                for k in range(2)))
    if not closed:
        out.append(pts[-1])
    return out


def _limb_edges(limb: LimbAxis, step: float = 1.0) -> tuple[list[Point], list[Point]]:
    """Outer and inner edges of a limb (outer = away from the midline)."""
    total = limb.joint_distance(len(limb.joints) - 1)
    cumulative = [limb.joint_distance(i) for i in range(len(limb.joints))]
    outer: list[Point] = []
    inner: list[Point] = []
    n = max(2, int(total / step))
    for i in range(n + 1):
        d = total * i / n
        (x, y), (ux, uy) = limb.point_at(d)
        # interpolate the half-width between joints
        for j in range(len(cumulative) - 1):
            if cumulative[j] <= d <= cumulative[j + 1] + 1e-9:
                f = (d - cumulative[j]) / max(cumulative[j + 1] - cumulative[j], 1e-9)
                w = limb.half_widths[j] * (1 - f) + limb.half_widths[j + 1] * f
                break
        ox, oy = (uy, -ux) if uy > 0 else (-uy, ux)
        outer.append((x + ox * w, y + oy * w))
        inner.append((x - ox * w, y - oy * w))
    return outer, inner


def _hand_outline(limb: LimbAxis = ARM) -> list[Point]:
    """Outline of the left hand of ``limb``, from the radial (thumb) side of
    the wrist round the fingers to the ulnar side of the wrist: the palm in
    the frontal views, the back of the hand (thumb forward) in the lateral."""
    def at(along: float, across: float) -> Point:
        return hand_point(limb, along, across)

    # The middle finger lies on the arm's axis, so the axis anchors
    # (mcp_middle, middle_fingertip) fall inside it.
    half = FINGER_HALF_WIDTH
    pts: list[Point] = [at(0.0, 1.25), at(1.0, 1.6), at(2.0, 2.05), at(3.2, 2.35), at(4.4, 2.45),
                        at(5.0, 2.25), at(4.9, 1.85), at(3.9, 1.55), at(3.4, 1.3)]
    for i, (c, length, _) in enumerate(FINGERS):
        base = PALM_LENGTH - (0.15 if i in (0, 3) else 0.0)
        pts += [at(base + 0.05, c + half), at(base + length - 0.3, c + half), at(base + length, c),
                at(base + length - 0.3, c - half), at(base + 0.1, c - half)]
    pts += [at(3.4, -1.95), at(1.6, -1.75), at(0.0, -1.2)]
    return pts


def _foot_front(cx: float) -> list[Point]:
    """The left foot seen from the front, from its lateral to its medial side."""
    return [(cx + 1.35, 2.4), (cx + 1.6, 1.2), (cx + 1.75, 0.35), (cx + 1.5, 0.0), (cx + 0.6, 0.0),
            (cx - 0.4, 0.0), (cx - 1.2, 0.05), (cx - 1.45, 0.5), (cx - 1.3, 1.3), (cx - 1.2, 2.4)]


@cache
def frontal_outline() -> list[Point]:
    """Closed outline of the whole body for the anterior and posterior views,
    in B-cun, both halves, going clockwise from the vertex on the plot."""
    head = [(0.0, 75.0), (1.7, 74.6), (2.9, 73.6), (3.5, 72.0), (3.7, 70.4),
            (4.05, 69.9), (4.2, 69.0), (4.0, 68.0), (3.55, 67.8), (3.3, 66.6),
            (2.75, 65.7), (2.4, 65.1), (2.35, 64.4), (2.9, 63.85), (4.3, 63.45),
            (5.8, 63.0), (7.3, 62.5), (8.55, 61.7), (9.3, 60.3)]
    arm_outer, arm_inner = _limb_edges(ARM, step=1.0)
    # stop the arm edges at the wrist; the hand replaces the distal part
    wrist_d = ARM.joint_distance(2)
    n_wrist = round(wrist_d / ARM.joint_distance(len(ARM.joints) - 1) * (len(arm_outer) - 1))
    arm_out = arm_outer[2: n_wrist]
    arm_in = list(reversed(arm_inner[3: n_wrist]))
    trunk_side = [(7.0, 57.2), (6.8, 55.5), (6.5, 52.5), (6.0, 49.5), (5.6, 47.0),
                  (5.75, 45.0), (6.5, 43.2), (7.25, 41.0), (7.6, 38.5)]
    leg_outer, leg_inner = _limb_edges(LEG, step=1.2)
    cut = [p for p in leg_outer if p[1] > 2.6 and p[1] < 37.0]
    cut_in = [p for p in reversed(leg_inner) if 2.6 < p[1] < 34.5]
    foot = _foot_front(3.25)
    crotch = [(0.55, 35.2), (0.0, 35.6)]
    half = head + arm_out + _hand_outline() + arm_in + trunk_side + cut + foot + cut_in + crotch
    right = [(-x, y) for (x, y) in reversed(half[1:-1])]
    return catmull_rom(half + right, samples=4, closed=True)


@cache
def lateral_outline() -> list[Point]:
    """Closed outline of the body seen from the left, x positive anterior: the
    trunk, head and leg joined with the arm laid over the side of the chest."""
    return union_of_overlapping(lateral_trunk_outline(), lateral_arm_outline())


@cache
def lateral_trunk_outline() -> list[Point]:
    """Closed outline of the head, trunk and leg seen from the left, without the arm."""
    pts = [(-0.5, 75.0), (1.6, 74.6), (3.1, 73.5), (3.9, 71.6), (4.15, 70.4), (3.95, 69.7),
           (4.3, 68.9), (4.85, 68.0), (4.35, 67.65), (4.55, 67.0), (4.35, 66.3), (4.3, 65.3),
           (3.7, 64.6), (2.2, 64.6), (1.7, 63.6), (2.0, 61.8), (2.7, 60.5), (3.9, 58.8),
           (4.55, 56.0), (4.5, 53.0), (3.9, 50.2), (4.0, 47.5), (4.4, 45.0), (4.1, 42.0),
           (3.4, 39.0), (3.6, 35.0), (3.4, 28.0), (2.9, 22.0), (2.85, 19.5), (2.3, 15.5),
           (1.7, 9.0), (1.55, 3.6), (2.6, 2.3), (4.6, 1.2), (6.0, 0.6), (6.3, 0.1),
           (5.0, 0.0), (0.0, 0.0), (-2.6, 0.05), (-2.95, 0.8), (-2.5, 2.9), (-1.75, 5.5),
           (-2.4, 10.5), (-2.75, 13.5), (-2.35, 17.0), (-2.15, 19.5), (-2.6, 25.0),
           (-3.2, 31.5), (-4.0, 34.5), (-4.35, 38.0), (-3.9, 41.5), (-3.25, 45.0),
           (-3.55, 48.5), (-4.45, 53.0), (-4.85, 57.0), (-4.6, 60.3), (-3.1, 62.6),
           (-2.5, 64.5), (-3.4, 66.3), (-4.35, 68.5), (-4.2, 71.5), (-2.7, 74.0)]
    return catmull_rom(pts, samples=4, closed=True)


@cache
def lateral_arm_outline() -> list[Point]:
    """Closed outline of the left arm in the lateral view: a round cap over the
    shoulder joint, the front (radial) edge down to the wrist, the back of the
    hand, and the back (ulnar) edge up again."""
    outer, inner = _limb_edges(ARM_LATERAL, step=0.5)
    wrist_d = ARM_LATERAL.joint_distance(3)
    n_wrist = round(wrist_d / ARM_LATERAL.joint_distance(len(ARM_LATERAL.joints) - 1) * (len(outer) - 1))
    (cx, cy), up = ARM_LATERAL.point_at(0.0)
    r = ARM_LATERAL.half_widths[0]
    ox, oy = _across(up)
    start = math.atan2(-oy, -ox)  # the back edge at the shoulder, then over the top to the front edge
    cap = [(cx + r * math.cos(start - math.pi * k / 12), cy + r * math.sin(start - math.pi * k / 12))
           for k in range(1, 12)]
    return cap + outer[:n_wrist] + catmull_rom(_hand_outline(ARM_LATERAL), samples=3) + list(reversed(inner[:n_wrist]))


def union_of_overlapping(a: Sequence[Point], b: Sequence[Point]) -> list[Point]:
    """Outline of two closed polygons that overlap along one stretch of their
    edges (each crosses the other's boundary exactly twice): a's points outside
    b, joined to b's points outside a. Enough for a limb laid over the trunk;
    both polygons must be densely sampled, since the joins are straight."""
    a_runs = runs_of_true([not point_in_polygon(p, b) for p in a])
    b_runs = runs_of_true([not point_in_polygon(p, a) for p in b])
    if len(a_runs) != 1 or len(b_runs) != 1:
        raise ValueError(f"the outlines cross {2 * max(len(a_runs), len(b_runs))} times, not twice")
    a_out = [a[i % len(a)] for i in a_runs[0]]
    b_out = [b[i % len(b)] for i in b_runs[0]]
    joins = math.dist(a_out[-1], b_out[0]) + math.dist(b_out[-1], a_out[0])
    if math.dist(a_out[-1], b_out[-1]) + math.dist(b_out[0], a_out[0]) < joins:
        b_out.reverse()
    return a_out + b_out


def runs_of_true(flags: Sequence[bool]) -> list[range]:
    """Maximal cyclic runs of True, as index ranges (which may pass the end)."""
    n = len(flags)
    if all(flags):
        return [range(n)]
    first_false = flags.index(False)
    runs: list[range] = []
    i = first_false
    while i < first_false + n:
        if flags[i % n]:
            j = i
            while flags[j % n] and j < first_false + n:
                j += 1
            runs.append(range(i, j))
            i = j
        else:
            i += 1
    return runs


def outline(view: str) -> list[Point]:
    """The body outline of a view, as body-frame fractions (closed)."""
    raw = lateral_outline() if view == "lateral" else frontal_outline()
    return [(x * CUN, y * CUN) for x, y in raw]


def ellipse_points(cx: float, cy: float, rx: float, ry: float, angle_deg: float = 0.0,
                   n: int = 24, scale: float = 1.0) -> list[Point]:
    """``n`` points round an ellipse (half-axes scaled by ``scale``), rotated
    ``angle_deg`` counter-clockwise, starting on its x half-axis."""
    a = math.radians(angle_deg)
    pts = []
    for k in range(n):
        t = 2 * math.pi * k / n
        ex, ey = rx * scale * math.cos(t), ry * scale * math.sin(t)
        pts.append((cx + ex * math.cos(a) - ey * math.sin(a), cy + ex * math.sin(a) + ey * math.cos(a)))
    return pts


def point_in_polygon(point: Point, polygon: Sequence[Point]) -> bool:
    """Even-odd ray casting; the polygon is implicitly closed."""
    x, y = point
    inside = False
    n = len(polygon)
    for i in range(n):
        x0, y0 = polygon[i]
        x1, y1 = polygon[(i + 1) % n]
        if (y0 > y) != (y1 > y):
            xc = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
            if x < xc:
                inside = not inside
    return inside


def inside_body(view: str, x: float, y: float) -> bool:
    """Whether a body-frame point lies inside the outline of a view."""
    return point_in_polygon((x, y), outline(view))


@cache
def grid_inside(view: str, spacing_cun: float) -> tuple[Point, ...]:
    """Body-frame points on a square grid (``spacing_cun`` apart) that lie
    inside a view's outline: targets for clicks on bare skin.

    One scan line per grid row: the outline's crossings of the row, paired
    in order, bound the inside (even-odd, as point_in_polygon), which is far
    cheaper than testing every grid point against every edge."""
    step = spacing_cun * CUN
    polygon = outline(view)
    edges = list(zip(polygon, polygon[1:] + polygon[:1], strict=False))
    half_width = int(0.3 / step)
    out = []
    for j in range(int(1.0 / step) + 1):
        y = j * step
        crossings = sorted(x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                           for (x0, y0), (x1, y1) in edges if (y0 > y) != (y1 > y))
        for left, right in zip(crossings[::2], crossings[1::2], strict=False):
            for i in range(max(-half_width, math.ceil(left / step)), min(half_width, math.floor(right / step)) + 1):
                x = i * step
                if left < x < right:
                    out.append((x, y))
    return tuple(out)


def mirrored(points: Iterable[Point]) -> list[Point]:
    return [(-x, y) for x, y in points]


def to_plot(view: str, x: float) -> float:
    """Plot abscissa of a body-frame x (see the module docstring)."""
    return x if view == "anterior" else -x
