"""Relations between sites that the standard's definitions imply: the checks an
anatomy teacher makes on a chart (issue #15). Each case names the sites and the
relation, so a site that drifts from its definition fails with its id and the
relation it breaks."""

from __future__ import annotations

import itertools
import math

import pytest

from explorer import anatomy, body
from explorer.body import ARM, CUN, FINGERS, PALM_LENGTH


def cun_xy(real_ds, site_id: str) -> tuple[float, float]:
    row = real_ds.sites.loc[site_id]
    return row["x"] / CUN, row["y"] / CUN


def anchor_xy(view: str, name: str) -> tuple[float, float]:
    x, y = body.place(view, name)
    return x / CUN, y / CUN


def along_arm(x: float, y: float) -> float:
    """Distance (B-cun) of a frontal-view point along the arm's axis from the
    axillary fold: the 'level' on a tilted limb."""
    best = (math.inf, 0.0)
    total = ARM.joint_distance(len(ARM.joints) - 1)
    for i in range(int(total * 20) + 1):
        d = i / 20
        (ax, ay), _ = ARM.point_at(d)
        best = min(best, (math.hypot(x - ax, y - ay), d))
    return best[1]


def distal_to_wrist(x: float, y: float) -> float:
    return along_arm(x, y) - ARM.joint_distance(2)


# Pairs (or groups) of sites the standard puts at one level, within a
# tolerance in B-cun.
SAME_LEVEL = [
    (("LR7", "SP9"), 0.1),  # LR7 is 1 B-cun posterior to SP9, at its level
    (("BL30", "BL34", "BL54"), 0.05),  # all level with the 4th posterior sacral foramen
    (("BL29", "BL33"), 0.05),  # the 3rd foramen
    (("GV17", "BL9", "GB19"), 0.05),  # the upper border of the external occipital protuberance
    (("GV16", "GB20"), 0.05),  # below the protuberance, between the trapezius and SCM
    (("LI18", "SI16", "ST9"), 0.05),  # the laryngeal prominence (across the lateral and anterior views)
    (("LI17", "ST10"), 0.05),  # the cricoid cartilage
    (("SI17", "TE16"), 0.25),  # the angle of the mandible
    (("GB22", "GB23"), 0.05),  # the 4th intercostal space on the side of the chest
    (("ST35", "EX-LE5"), 0.05),  # the lateral knee eye is one spot with two names
]


def _case_id(value: object) -> str:
    return "-".join(value) if isinstance(value, tuple) else ""


@pytest.mark.parametrize(("site_ids", "tolerance"), SAME_LEVEL, ids=_case_id)
def test_sites_the_standard_puts_at_one_level_share_a_height(real_ds, site_ids, tolerance):
    heights = {sid: cun_xy(real_ds, sid)[1] for sid in site_ids}
    first = site_ids[0]
    for sid, y in heights.items():
        assert abs(y - heights[first]) <= tolerance, (
            f"{sid} should be level with {first}: {y:.2f} vs {heights[first]:.2f} B-cun")


# Points on the tilted forearm and hand defined at one distance from the wrist
# crease: equal distance along the limb's axis (a horizontal line would cut
# across the limb obliquely), and within a marker's height of each other.
SAME_LEVEL_ON_THE_ARM = [
    ("TE6", "TE7"),  # both 3 B-cun proximal to the dorsal wrist crease
    ("PC8", "HT8"),  # the palm's two points where the fingertips rest in a fist
    ("TE5", "PC6"),  # 2 B-cun proximal to the wrist crease, back and front
]


@pytest.mark.parametrize("pair", SAME_LEVEL_ON_THE_ARM, ids="-".join)
def test_forearm_points_at_one_distance_from_the_wrist_are_level(real_ds, pair):
    a, b = pair
    da, db = (along_arm(*cun_xy(real_ds, s)) for s in pair)
    assert abs(da - db) <= 0.1, f"{b} should be as far from the wrist crease as {a}: {db:.2f} vs {da:.2f}"
    assert abs(cun_xy(real_ds, a)[1] - cun_xy(real_ds, b)[1]) <= 0.25, f"{b} is drawn off the level of {a}"


def test_the_s4_points_stand_clear_of_the_coccyx(real_ds):
    # GV2 (the sacral hiatus) and the S4 points lie above the coccyx points
    # by the sacrum's last segment, not crowded onto them.
    coccyx = [cun_xy(real_ds, s)[1] for s in ("GV1", "BL35")] + [anchor_xy("posterior", "coccyx_tip")[1]]
    for sid in ("BL30", "BL34", "BL54", "GV2"):
        y = cun_xy(real_ds, sid)[1]
        assert y - max(coccyx) >= 1.2, f"{sid} is only {y - max(coccyx):.2f} B-cun above the coccyx points"
    assert cun_xy(real_ds, "GV2")[1] < cun_xy(real_ds, "BL34")[1], "GV2 (the hiatus) lies below the 4th foramina"


# Medial-to-lateral order (x increasing from the midline) in one view.
MEDIAL_TO_LATERAL = [
    ("BL3", "BL4", "GB15", "GB13"),  # forehead: 0.5-1.5-2.25-3 head B-cun from the midline
    ("BL5", "GB15"),  # BL5 on BL4's line, GB15 above the pupil
    ("GV17", "BL9", "GB19"),  # the occiput: midline, 1.3 head B-cun, above GB20
    ("GV15", "BL10", "GB20"),  # the nape
    ("LR7", "SP9"),  # the medial leg seen from the front: LR7 behind SP9 shows nearer the midline
]


@pytest.mark.parametrize("site_ids", MEDIAL_TO_LATERAL, ids="-".join)
def test_sites_run_from_medial_to_lateral(real_ds, site_ids):
    xs = [cun_xy(real_ds, s)[0] for s in site_ids]
    for (a, xa), (b, xb) in itertools.pairwise(zip(site_ids, xs, strict=True)):
        assert xa < xb, f"{a} should be medial to {b}: x {xa:.2f} vs {xb:.2f} B-cun"


def test_head_widths_use_the_heads_own_cun(real_ds):
    # The standard's 1.5 B-cun of BL4 and 2.25 of GB15 are head B-cun, not the trunk's.
    assert cun_xy(real_ds, "BL4")[0] == pytest.approx(body.forehead_x(1.5), abs=0.05)
    assert cun_xy(real_ds, "GB15")[0] == pytest.approx(anchor_xy("anterior", "pupil_point")[0], abs=0.05)
    assert cun_xy(real_ds, "BL9")[0] == pytest.approx(body.occiput_x(1.3), abs=0.05)


# Hand, frontal views: (proximal site or landmark, distal one), each named with
# a kind: the distance along the hand's axis from the wrist crease must grow.
HAND_ORDER = [
    ("LI3", "metacarpal_head_2", "LI2"),  # proximal to the index knuckle, then just distal to it
    ("SI3", "metacarpal_head_5", "SI2"),  # the same on the little finger's side
    ("TE3", "metacarpal_head_4", "TE2"),  # between the 4th and 5th: behind the knuckle, then at the web
    ("PC8", "metacarpal_head_3"),  # PC8 in the palm, proximal to the knuckles
    ("HT8", "metacarpal_head_5"),
    ("EX-UE8", "metacarpal_head_2"),  # 0.5 B-cun behind the knuckles
]


@pytest.mark.parametrize("names", HAND_ORDER, ids="-".join)
def test_hand_points_keep_their_order_between_joints_and_webs(real_ds, names):
    def distal(name: str) -> float:
        if name.startswith("metacarpal_head"):
            return distal_to_wrist(*anchor_xy("posterior", name))
        return distal_to_wrist(*cun_xy(real_ds, name))

    values = [distal(n) for n in names]
    for (a, da), (b, db) in itertools.pairwise(zip(names, values, strict=True)):
        assert da < db, f"{a} should be proximal to {b}: {da:.2f} vs {db:.2f} B-cun from the wrist crease"
    for name, d in zip(names, values, strict=True):
        assert d < PALM_LENGTH, f"{name} lies beyond the finger webs ({d:.2f} > {PALM_LENGTH} B-cun)"


def test_metacarpal_heads_lie_proximal_to_the_webs():
    for k, (_, _, along) in enumerate(FINGERS, start=2):
        assert along <= PALM_LENGTH - 0.6, f"metacarpal head {k} is not behind the web"


# Foot, anterior view (the toes at the bottom): proximal above distal.
FOOT_ORDER_FRONT = [
    ("ST43", "metatarsal_head_2", "ST44"),  # behind the 2nd MTP joint, then at the 2nd-3rd web
    ("LR3", "metatarsal_head_1", "LR2"),  # between the metatarsal bases, then at the 1st-2nd web
    ("SP3", "metatarsal_head_1", "SP2"),  # proximal, then distal to the 1st MTP joint
]


@pytest.mark.parametrize("names", FOOT_ORDER_FRONT, ids="-".join)
def test_foot_points_keep_their_order_in_front(real_ds, names):
    ys = [anchor_xy("anterior", n)[1] if n.startswith("metatarsal") else cun_xy(real_ds, n)[1] for n in names]
    for (a, ya), (b, yb) in itertools.pairwise(zip(names, ys, strict=True)):
        assert ya > yb, f"{a} should be proximal to {b}: {ya:.2f} vs {yb:.2f} B-cun above the sole"


# Foot, lateral view (toes forward, x anterior): proximal behind distal.
FOOT_ORDER_SIDE = [
    ("BL64", "BL65", "metatarsal_head_5", "BL66", "BL67"),  # the outer edge of the foot to the little toe
    ("GB41", "GB42", "metatarsal_head_4", "GB43", "GB44"),  # the 4th-5th space to the 4th toe
    ("BL62", "BL63", "BL64"),  # below the malleolus, the cuboid, the tuberosity
]


@pytest.mark.parametrize("names", FOOT_ORDER_SIDE, ids="-".join)
def test_foot_points_keep_their_order_on_the_side(real_ds, names):
    xs = [anchor_xy("lateral", n)[0] if n.startswith("metatarsal") else cun_xy(real_ds, n)[0] for n in names]
    for (a, xa), (b, xb) in itertools.pairwise(zip(names, xs, strict=True)):
        assert xa < xb, f"{a} should be proximal to {b}: x {xa:.2f} vs {xb:.2f} B-cun"


# The side of the neck, lateral view, against the sternocleidomastoid's
# borders: (site, where it lies: "behind", "on the back border", "within",
# "in front").
NECK_AGAINST_SCM = [
    ("LI17", "behind"),  # just posterior to the posterior border, at the cricoid
    ("SI16", "on the back border"),  # on the posterior border, at the laryngeal prominence
    ("LI18", "within"),  # between the two heads
    ("SI17", "in front"),  # anterior to SCM, behind the mandible angle
    ("TE16", "behind"),  # posterior to SCM, level with the mandible angle
]


@pytest.mark.parametrize(("site_id", "where"), NECK_AGAINST_SCM)
def test_neck_points_sit_where_the_standard_puts_them_against_scm(real_ds, site_id, where):
    x, y = cun_xy(real_ds, site_id)
    offset = x - body.scm_axis_x(y)  # positive = in front of the muscle's centre line
    half = body.SCM_HALF_WIDTH
    ok = {"behind": offset < -half, "on the back border": abs(offset + half) <= 0.25,
          "within": abs(offset) < half, "in front": offset > half}[where]
    assert ok, f"{site_id} should lie {where} sternocleidomastoid: {offset:+.2f} B-cun from its centre line"


def test_lateral_neck_points_are_not_over_the_lung(real_ds):
    # The pleural dome rises about 1 B-cun above the medial clavicle, below the
    # cricoid: LI17 and SI16 lie above it.
    domes = [s.points for s in anatomy.layer("lateral", "pleura")]
    for sid in ("LI17", "SI16", "LI18"):
        x, y = real_ds.sites.at[sid, "x"], real_ds.sites.at[sid, "y"]
        assert not any(body.point_in_polygon((x, y), d) for d in domes), f"{sid} is drawn over the pleura"


def _landmark_shapes() -> list[tuple[str, anatomy.Shape]]:
    return [(view, s) for view in body.VIEWS for s in anatomy.shapes(view) if s.landmark]


def _drawn_spot(shape: anatomy.Shape) -> tuple[float, float]:
    """Where a shape marks its landmark: a ring's centre, or the corner of a
    line (the point farthest from the chord joining its ends, as the angle
    of the mandible is)."""
    pts = [(x / CUN, y / CUN) for x, y in shape.points]
    if shape.closed:
        return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
    (x0, y0), (x1, y1) = pts[0], pts[-1]
    length = math.hypot(x1 - x0, y1 - y0)
    return max(pts, key=lambda p: abs((x1 - x0) * (p[1] - y0) - (y1 - y0) * (p[0] - x0)) / length)


@pytest.mark.parametrize(("view", "shape"), _landmark_shapes(), ids=lambda v: v if isinstance(v, str) else v.name)
def test_every_drawn_landmark_is_at_the_frame_landmark_of_its_name(view, shape):
    x, y = _drawn_spot(shape)
    lx, ly = anchor_xy(view, shape.landmark)
    d = math.hypot(x - lx, y - ly)
    assert d <= 0.25, f"the drawn {shape.name} ({view}) is {d:.2f} B-cun from the frame's {shape.landmark}"


def test_the_palpated_landmarks_are_drawn_in_every_view_where_they_show():
    drawn = {(view, s.landmark) for view, s in _landmark_shapes()}
    wanted = {
        "anterior": {"radial_styloid", "metacarpal_head_1", "metacarpal_head_5", "medial_malleolus_point",
                     "lateral_malleolus_point", "metatarsal_head_1", "metatarsal_head_5", "lateral_epicondyle"},
        "posterior": {"ulnar_styloid", "radial_styloid", "olecranon", "mastoid_tip", "metacarpal_head_2",
                      "medial_malleolus_point", "lateral_malleolus_point"},
        "lateral": {"mandible_angle", "mastoid_tip", "lateral_malleolus", "metatarsal_head_5",
                    "fifth_metatarsal_tuberosity", "radial_styloid", "ulnar_styloid", "lateral_epicondyle",
                    "olecranon", "acromion"},
    }
    for view, names in wanted.items():
        assert names <= {n for v, n in drawn if v == view}, (view, sorted(names - {n for v, n in drawn if v == view}))


# Lateral view, front to back: (posterior site, anterior site, least gap in
# B-cun along x).
FRONT_TO_BACK = [
    ("LI17", "LI18", 0.3),  # LI17 behind SCM's posterior border, LI18 between its heads
    ("SI16", "LI18", 0.5),  # SI16 on the posterior border, level with LI18
    ("TE16", "SI17", 1.0),  # behind and in front of SCM, level with the mandible angle
    ("SI19", "ST7", 0.5),  # in front of the tragus, then under the zygomatic arch
]


@pytest.mark.parametrize(("behind", "ahead", "gap"), FRONT_TO_BACK)
def test_lateral_sites_keep_their_front_to_back_order(real_ds, behind, ahead, gap):
    xb, xa = cun_xy(real_ds, behind)[0], cun_xy(real_ds, ahead)[0]
    assert xa - xb >= gap, f"{behind} should lie at least {gap} B-cun behind {ahead}: x {xb:.2f} vs {xa:.2f}"


# Sites one directly above the other: (upper, lower, greatest sideways offset).
DIRECTLY_ABOVE = [
    ("GB3", "ST7", 0.15),  # GB3 above the zygomatic arch's midpoint, ST7 below it
    ("GB19", "GB20", 0.1),  # GB19 directly superior to GB20
    ("GB15", "GB14", 0.1),  # both on the line up from the pupil
    ("ST1", "ST2", 0.1),  # both directly below the pupil
]


@pytest.mark.parametrize(("upper", "lower", "offset"), DIRECTLY_ABOVE)
def test_sites_defined_one_above_the_other_are_drawn_so(real_ds, upper, lower, offset):
    (xu, yu), (xl, yl) = cun_xy(real_ds, upper), cun_xy(real_ds, lower)
    assert yu > yl, f"{upper} should lie above {lower}"
    assert abs(xu - xl) <= offset, f"{upper} should lie straight above {lower}: x {xu:.2f} vs {xl:.2f} B-cun"


def test_gv16_and_gv17_are_the_standards_distance_apart(real_ds):
    # GV16 just below the occipital protuberance, GV17 in the hollow above it,
    # 1.5 B-cun higher (Deadman's measure; the WHO text names the protuberance).
    gap = cun_xy(real_ds, "GV17")[1] - cun_xy(real_ds, "GV16")[1]
    assert 1.2 <= gap <= 1.6, f"GV17 is {gap:.2f} B-cun above GV16, not about 1.5"


def test_st1_lies_between_the_eyeball_and_the_orbital_rim(real_ds):
    # ST1 sits just below the eye, above the rim; ST2 in the infraorbital foramen below it.
    pupil = anchor_xy("anterior", "pupil_point")[1]
    drop = pupil - cun_xy(real_ds, "ST1")[1]
    assert 0.2 <= drop <= 0.5, f"ST1 is {drop:.2f} B-cun below the pupil, off the lower eyelid and rim"
