"""The body frame: WHO proportional measures, landmark relations, placement."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer import anatomy, body, zones
from explorer.body import ARM, CUN, LEVELS, SPINOUS, interspinous, place


def cun_between(view: str, a: str, b: str) -> float:
    (x0, y0), (x1, y1) = place(view, a), place(view, b)
    return math.hypot(x1 - x0, y1 - y0) / CUN


# WHO Standard (2008) proportional bone-cun measures, each checked in the frame.
@pytest.mark.parametrize(("upper", "lower", "cun"), [
    ("suprasternal_fossa", "xiphisternal_junction", 9),  # sternum
    ("xiphisternal_junction", "umbilicus", 8),  # upper abdomen
    ("umbilicus", "pubic_symphysis", 5),  # lower abdomen
    ("pubic_symphysis", "patella_base", 18),  # thigh, medial
    ("patella_apex", "medial_malleolus", 15),  # leg, medial
    ("popliteal_crease", "lateral_malleolus", 16),  # leg, lateral
    ("medial_malleolus", "sole", 3),  # ankle to sole
    ("glabella", "anterior_hairline", -3),  # forehead (upper is lower here: negative)
])
def test_vertical_proportional_measures(upper, lower, cun):
    assert LEVELS[upper] - LEVELS[lower] == pytest.approx(cun)


def test_body_height_is_75_cun():
    assert LEVELS["vertex"] - LEVELS["sole"] == 75
    assert pytest.approx(1 / 75) == CUN


def test_arm_measures_along_its_axis():
    assert cun_between("anterior", "axillary_fold", "cubital_crease") == pytest.approx(9)
    assert cun_between("anterior", "cubital_crease", "wrist_crease") == pytest.approx(12)


def test_nipples_are_8_cun_apart_at_the_4th_intercostal_space():
    x, y = place("anterior", "nipple_point")
    assert 2 * x / CUN == pytest.approx(8)
    assert y / CUN == pytest.approx(LEVELS["ICS4"])


def test_medial_scapular_borders_are_6_cun_apart():
    x, _ = place("posterior", "scapula_spine_root")
    assert 2 * x / CUN == pytest.approx(6)


# The standard's counting landmarks on the back.
@pytest.mark.parametrize(("landmark", "level"), [
    ("scapula_spine_root", "T3"),  # T3 on the line joining the medial ends of the scapular spines
    ("scapula_inferior_angle", "T7"),  # T7 at the inferior angles
    ("iliac_crest_point", "L4"),  # L4 level with the iliac crests
])
def test_vertebral_counting_landmarks(landmark, level):
    _, y = place("posterior", landmark)
    assert y / CUN == pytest.approx(SPINOUS[level])


def test_t12_is_midway_between_inferior_angle_and_iliac_crest():
    midway = (SPINOUS["T7"] + LEVELS["iliac_crest"]) / 2
    assert abs(SPINOUS["T12"] - midway) < 0.5


def test_spinous_levels_descend_in_order():
    heights = list(SPINOUS.values())
    assert heights == sorted(heights, reverse=True)
    assert list(SPINOUS)[:2] == ["C2", "C3"] and list(SPINOUS)[-1] == "S4"


def test_interspinous_depression_is_between_two_processes():
    assert SPINOUS["T4"] < interspinous("T3") < SPINOUS["T3"]
    with pytest.raises(ValueError):
        interspinous("S4")


def test_intercostal_spaces_descend_and_the_sternal_angle_sits_between_1_and_2():
    ics = [LEVELS[f"ICS{i}"] for i in range(1, 8)]
    assert ics == sorted(ics, reverse=True)
    assert LEVELS["ICS2"] < LEVELS["sternal_angle"] < LEVELS["ICS1"]
    assert LEVELS["ICS5"] == LEVELS["xiphisternal_junction"]


def test_c7_sits_above_the_suprasternal_fossa_and_the_acromion():
    assert SPINOUS["C7"] > LEVELS["suprasternal_fossa"]
    assert SPINOUS["C7"] > place("posterior", "acromion")[1] / CUN


@pytest.mark.parametrize("view", body.VIEWS)
def test_every_anchor_is_on_the_body(view):
    outside = [n for n in body.anchor_names(view)
               if n != "vertex" and not body.inside_body(view, *place(view, n))]
    assert outside == []


@pytest.mark.parametrize("view", body.VIEWS)
def test_outline_is_closed_and_spans_sole_to_vertex(view):
    pts = body.outline(view)
    ys = [y for _, y in pts]
    assert min(ys) == pytest.approx(0.0, abs=0.004)
    assert max(ys) == pytest.approx(1.0, abs=0.004)
    assert len(pts) > 100


def test_frontal_outline_is_symmetric():
    pts = body.outline("anterior")
    for x, y in pts[::7]:
        assert body.point_in_polygon((-x * 0.98, y), pts) == body.point_in_polygon((x * 0.98, y), pts)


def test_unknown_anchor_and_view_are_named_in_the_error():
    with pytest.raises(KeyError, match="below_T99"):
        place("posterior", "below_T99")
    with pytest.raises(KeyError, match="sideways"):
        place("sideways", "C7")


trunk_keys = sorted(k for k, a in body.anchors().items() if a.limb is None)
limb_keys = sorted(k for k, a in body.anchors().items() if a.limb is not None)


@settings(max_examples=300, deadline=None)
@given(key=st.sampled_from(trunk_keys), dx=st.floats(-6, 6), dy=st.floats(-6, 6))
def test_offsets_from_a_trunk_anchor_keep_their_length(key, dx, dy):
    """The local frame of a trunk anchor is orthonormal: an offset of (dx, dy)
    B-cun lands exactly hypot(dx, dy) B-cun away."""
    view, name = key
    (x0, y0), (x1, y1) = place(view, name), place(view, name, dx, dy)
    assert math.hypot(x1 - x0, y1 - y0) / CUN == pytest.approx(math.hypot(dx, dy), abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(key=st.sampled_from(limb_keys), dx=st.floats(-1, 1), dy=st.floats(-6, 6))
def test_offsets_from_a_limb_anchor_follow_the_limb(key, dx, dy):
    """On a limb, dy runs along the axis through its joints and dx straight
    across it: the point is |dx| from the axis point |dy| further along (for
    an off-axis landmark such as a styloid process, |dx + its own offset|)."""
    view, name = key
    anchor = body.anchors()[key]
    (ax, ay), _ = anchor.limb.point_at(anchor.along - dy)
    x, y = place(view, name, dx, dy)
    assert math.hypot(x / CUN - ax, y / CUN - ay) == pytest.approx(abs(dx + anchor.across), abs=1e-9)
    assert place(view, name, -anchor.across, dy) == pytest.approx((ax * CUN, ay * CUN))


def test_points_proximal_to_a_joint_lie_on_the_proximal_segment():
    # PC6, 2 B-cun proximal to the wrist crease, lies on the forearm's axis
    (x, y) = place("anterior", "wrist_crease", 0, 2)
    (ex, ey), (wx, wy) = ARM.joints[1], ARM.joints[2]
    cross = (wx - ex) * (y / CUN - ey) - (wy - ey) * (x / CUN - ex)
    assert abs(cross) < 1e-9


@settings(max_examples=300, deadline=None)
@given(view=st.sampled_from(body.VIEWS), x=st.floats(-0.3, 0.3), y=st.floats(0, 1))
def test_plot_transform_round_trips(view, x, y):
    px = body.to_plot(view, x)
    assert body.to_plot(view, px) == pytest.approx(x)
    assert (px == x) == (view == "anterior" or x == 0)


@settings(max_examples=200, deadline=None)
@given(d=st.floats(0, ARM.joint_distance(len(ARM.joints) - 1)))
def test_arm_axis_points_lie_inside_the_drawn_arm(d):
    (x, y), _ = ARM.point_at(d)
    assert body.inside_body("anterior", x * CUN, y * CUN)


@settings(max_examples=200, deadline=None)
@given(d=st.floats(0, body.ARM_LATERAL.joint_distance(len(body.ARM_LATERAL.joints) - 1)))
def test_lateral_arm_axis_points_lie_inside_the_drawn_arm(d):
    (x, y), _ = body.ARM_LATERAL.point_at(d)
    assert body.point_in_polygon((x, y), body.lateral_arm_outline())
    assert body.inside_body("lateral", x * CUN, y * CUN)


def test_lateral_arm_keeps_the_side_of_the_chest_in_view():
    # The arm is drawn back from the side of the chest: the mid-axillary line
    # from the axilla to the iliac crest stays bare skin, with room for a marker.
    arm = body.lateral_arm_outline()
    for y in (57.0, 53.1, 49.9, 45.0):
        for x in (0.0, 0.25):
            assert not body.point_in_polygon((x, y), arm), (x, y)
    assert body.lateral_outline() != body.lateral_trunk_outline()


def test_lateral_arm_measures_along_its_axis():
    assert cun_between("lateral", "axillary_fold", "cubital_crease") == pytest.approx(9)
    assert cun_between("lateral", "cubital_crease", "wrist_crease") == pytest.approx(12)


@pytest.mark.parametrize("view", body.VIEWS)
def test_anatomy_layers_exist_for_every_view(view):
    layers = {s.layer for s in anatomy.shapes(view)}
    assert {"skeleton", "lung", "pleura"} <= layers


def test_pleura_reaches_lower_than_the_lung():
    for view in body.VIEWS:
        lung = min(y for s in anatomy.layer(view, "lung") for _, y in s.points)
        pleura = min(y for s in anatomy.layer(view, "pleura") for _, y in s.points)
        assert pleura < lung, view


def _lowest_beside_spine(layer: str) -> float:
    """Lowest point of a layer within 1.5 B-cun of the posterior midline."""
    return min(y for s in anatomy.layer("posterior", layer) for x, y in s.points if abs(x) < 1.5 * CUN) / CUN


def test_lungs_reach_t10_behind_and_pleura_t12():
    # Beside the spine; laterally both borders follow the ribs further down.
    lung_low = _lowest_beside_spine("lung")
    pleura_low = _lowest_beside_spine("pleura")
    assert SPINOUS["T11"] < lung_low + 0.6 and lung_low < SPINOUS["T9"]
    assert abs(pleura_low - SPINOUS["T12"]) < 1.3


@pytest.mark.parametrize("layer", ["lung", "pleura"])
def test_lung_apex_rises_about_one_cun_above_the_clavicle(layer):
    # The dome rises 2-3 cm (about 1-1.3 B-cun) above the medial third of the
    # clavicle, not up the neck to the thyroid cartilage.
    apex = max(y for s in anatomy.layer("anterior", layer) for _, y in s.points) / CUN
    assert 1.0 <= apex - LEVELS["clavicle"] <= 2.0, apex


def test_lateral_pleural_dome_stays_below_the_cricoid():
    top = max(y for s in anatomy.layer("lateral", "pleura") for _, y in s.points) / CUN
    assert top < LEVELS["laryngeal_prominence"] - 1.2, top  # the cricoid is about 1 B-cun below


def _lateral_rib(k: int) -> list[tuple[float, float]]:
    (shape,) = [s for s in anatomy.layer("lateral", "skeleton") if s.name == f"rib {k}"]
    return [(x / CUN, y / CUN) for x, y in shape.points]


@pytest.mark.parametrize("k", range(1, 13))
def test_lateral_ribs_slope_down_and_forward_without_hooking_back(k):
    pts = _lateral_rib(k)
    xs = [x for x, _ in pts]
    assert all(b >= a - 0.05 for a, b in itertools.pairwise(xs)), f"rib {k} turns back"
    assert pts[-1][1] < pts[0][1], f"rib {k} does not slope down toward the front"


@pytest.mark.parametrize("k", range(1, 8))
def test_lateral_rib_k_crosses_the_mid_axillary_line_above_the_kth_space(k):
    # GB22 (4th space) and SP21 (6th) lie on the mid-axillary line between ribs.
    pts = _lateral_rib(k)
    y = min(pts, key=lambda p: abs(p[0]))[1]
    assert LEVELS[f"ICS{k}"] < y < LEVELS[f"ICS{k}"] + 1.6, (k, y)


def test_the_12th_rib_is_short_and_ends_behind_the_11th():
    twelfth, eleventh = _lateral_rib(12), _lateral_rib(11)
    length = sum(math.dist(a, b) for a, b in itertools.pairwise(twelfth))
    assert length < 8.0
    assert twelfth[-1][0] < 0 < eleventh[-1][0]  # free ends: the 12th behind the mid-axillary line


@pytest.mark.parametrize("zone", zones.ZONE_ORDER)
def test_every_zone_is_drawn(zone):
    assert zones.zone_views(zone), zone


def test_zone_lookup_by_point():
    gb21 = ((SPINOUS["C7"] * 0 + 4.15) * CUN, 62.8 * CUN)
    assert "upper_back" in zones.zones_at("posterior", *gb21)
    assert zones.zones_at("anterior", 0.0, 0.3) == []


@pytest.mark.parametrize("view", body.VIEWS)
def test_lungs_pleura_and_zone_areas_stay_on_the_body(view):
    # Drawn over the chest wall, never out into the gap between arm and trunk
    # (a vertex may sit on the outline itself).
    outline = body.outline(view)

    def on_body(x: float, y: float) -> bool:
        return body.inside_body(view, x, y) or min(math.dist((x, y), p) for p in outline) < 0.1 * CUN

    areas = [(s.name, s.points) for s in anatomy.shapes(view) if s.layer in ("lung", "pleura")]
    areas += [(f"{a.zone} zone", a.points) for a in zones.areas_in(view)]
    for name, points in areas:
        off = [(round(x / CUN, 2), round(y / CUN, 2)) for x, y in points if not on_body(x, y)]
        assert off == [], f"{name} ({view}) leaves the body at {off[:3]}"
