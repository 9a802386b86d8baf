""""Where does it hurt?" (explorer/pain.py): ellipses, mirroring, spots and named areas."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest

from explorer import body
from explorer.pain import PAIN_AREAS, inside_ellipse, parse_spot, spot_text, trigger_points_at

TP = "upper-trapezius-1"


@pytest.mark.parametrize(("point", "ellipse", "inside"), [
    # the centre of any ellipse
    ((0.0, 0.0), (0.0, 0.0, 1.0, 2.0, 0.0), True),
    # on the boundary counts as inside (<= 1), at the end of each semi-axis
    ((1.0, 0.0), (0.0, 0.0, 1.0, 2.0, 0.0), True),
    ((0.0, 2.0), (0.0, 0.0, 1.0, 2.0, 0.0), True),
    # just beyond either semi-axis
    ((1.001, 0.0), (0.0, 0.0, 1.0, 2.0, 0.0), False),
    ((0.0, 2.001), (0.0, 0.0, 1.0, 2.0, 0.0), False),
    # a corner of the bounding box is outside
    ((0.9, 1.9), (0.0, 0.0, 1.0, 2.0, 0.0), False),
    # an off-centre ellipse is measured from its own centre
    ((5.0, 5.5), (5.0, 4.0, 1.0, 2.0, 0.0), True),
    ((0.0, 0.0), (5.0, 4.0, 1.0, 2.0, 0.0), False),
    # rotated 90 degrees, the long axis lies along x
    ((1.9, 0.0), (0.0, 0.0, 1.0, 2.0, 90.0), True),
    ((0.0, 1.9), (0.0, 0.0, 1.0, 2.0, 90.0), False),
    # rotated 45 degrees: a point along the rotated long axis is inside, across it outside
    ((-1.3, 1.3), (0.0, 0.0, 1.0, 2.0, 45.0), True),
    ((1.3, 1.3), (0.0, 0.0, 1.0, 2.0, 45.0), False),
    # a full turn changes nothing
    ((1.0, 0.0), (0.0, 0.0, 1.0, 2.0, 360.0), True),
])
def test_inside_ellipse(point, ellipse, inside):
    assert inside_ellipse(*point, *ellipse) is inside


@pytest.mark.parametrize(("text", "expected"), [
    # a named area gives its stored spot
    ("shoulder-top", PAIN_AREAS["shoulder-top"][1:]),
    # view:x:y, as the app writes it for a click
    ("posterior:0.1070:0.8030", ("posterior", 0.107, 0.803)),
    ("anterior:-0.1:0.5", ("anterior", -0.1, 0.5)),
    # the frame's edges are allowed
    ("lateral:-0.5:0", ("lateral", -0.5, 0.0)),
    ("lateral:0.5:1", ("lateral", 0.5, 1.0)),
])
def test_parse_spot_accepts(text, expected):
    assert parse_spot(text) == expected


@pytest.mark.parametrize("text", [
    "",  # nothing
    "Shoulder-Top",  # named areas are exact (the link writer always writes lower case)
    "shoulder",  # not a named area
    "posterior",  # a view without a point
    "posterior:0.1",  # one coordinate
    "posterior:0.1:0.8:0.2",  # three coordinates
    "sideways:0.1:0.8",  # unknown view
    "POSTERIOR:0.1:0.8",  # views are lower case
    "posterior:x:0.8",  # not a number
    "posterior:0.1:",  # empty coordinate
    "posterior:nan:0.5",  # not finite
    "posterior:0.1:inf",
    "posterior:-inf:0.5",
    "posterior:0.51:0.5",  # outside the frame
    "posterior:0.1:1.01",
    "posterior:0.1:-0.01",
    "posterior:1e308:0.5",
    "posterior:0x1:0.5",  # hex is not accepted by float()
    "<script>alert(1)</script>",  # hostile text
    "posterior:<img src=x onerror=alert(1)>:0.5",
    "posterior:0.1:0.8\x00",  # a control character
    "A" * 5000,  # very long
])
def test_parse_spot_rejects(text):
    assert parse_spot(text) is None


@pytest.mark.parametrize(("view", "x", "y"), [
    ("posterior", 0.107, 0.803),
    ("anterior", -0.1234, 0.5),
    ("lateral", 0.0, 0.0),
    ("anterior", 0.12345678, 0.87654321),  # rounded to 4 places
])
def test_spot_text_round_trip(view, x, y):
    parsed = parse_spot(spot_text(view, x, y))
    assert parsed is not None
    assert parsed[0] == view
    assert parsed[1] == pytest.approx(x, abs=5e-5) and parsed[2] == pytest.approx(y, abs=5e-5)


def _spot_covered(ds, site_id: str, view: str, x: float, y: float) -> bool:
    """Independent check: some referral ellipse of the site, in the view, holds the spot
    (or its mirror image for a bilateral site in a frontal view)."""
    bilateral = bool(ds.sites.at[site_id, "bilateral"])
    probes = {x, abs(x)} if bilateral and view != "lateral" else {x}
    rows = ds.referrals[(ds.referrals["site_id"] == site_id) & (ds.referrals["view"] == view)]
    return any(inside_ellipse(px, y, r.cx, r.cy, r.rx, r.ry, r.angle_deg)
               for r in rows.itertuples() for px in probes)


@pytest.mark.parametrize("key", sorted(PAIN_AREAS))
def test_every_named_area_is_on_the_body_and_finds_trigger_points(real_ds, key):
    label, view, x, y = PAIN_AREAS[key]
    assert label and view in body.VIEWS
    assert body.inside_body(view, x, y), f"{key} lies off the {view} outline"
    matches = trigger_points_at(real_ds, view, x, y)
    assert matches, f"no trigger point refers pain to {key}"
    for m in matches:
        assert real_ds.sites.at[m.site_id, "kind"] == "trigger_point"
        assert m.area in ("essential", "spillover")
        assert _spot_covered(real_ds, m.site_id, view, x, y)
    # nearest first; essential before spillover at equal distance
    keys = [(m.distance_cun, m.area != "essential") for m in matches]
    assert keys == sorted(keys)
    assert len({m.site_id for m in matches}) == len(matches)  # each trigger point once


@pytest.mark.parametrize("key", sorted(k for k, v in PAIN_AREAS.items() if v[1] != "lateral"))
def test_a_spot_on_the_right_finds_what_its_mirror_on_the_left_finds(real_ds, key):
    _, view, x, y = PAIN_AREAS[key]
    # Named areas are on the subject's left (x >= 0); the right side is -x.
    assert x >= 0
    assert trigger_points_at(real_ds, view, -x, y) == trigger_points_at(real_ds, view, x, y)


def test_a_spot_nowhere_near_a_pattern_finds_nothing(real_ds):
    assert trigger_points_at(real_ds, "anterior", 0.0, 0.999) == []  # the crown, seen from the front


def test_the_minimal_patterns_are_found_and_only_in_their_view(minimal_ds):
    # upper-trapezius-1: essential ellipse centred at (-0.010, 0.885) in the lateral view
    found = trigger_points_at(minimal_ds, "lateral", -0.010, 0.885)
    assert [(m.site_id, m.area) for m in found] == [(TP, "essential")]
    # the same point in another view is not in any pattern
    assert trigger_points_at(minimal_ds, "posterior", -0.010, 0.885) == []
    # spillover only
    assert [(m.site_id, m.area) for m in trigger_points_at(minimal_ds, "lateral", 0.025, 0.935)] == \
        [(TP, "spillover")]
    # the lateral view is not mirrored: x there is front-back
    assert trigger_points_at(minimal_ds, "lateral", 0.010, 0.885) == []


def _with_posterior_pattern(ds, bilateral: bool):
    """The minimal dataset with one posterior essential ellipse for the trigger point, on its left."""
    sites = ds.sites.copy()
    sites.loc[TP, "bilateral"] = bilateral
    refs = pd.DataFrame([{"site_id": TP, "area": "essential", "view": "posterior",
                          "cx": 0.08, "cy": 0.85, "rx": 0.02, "ry": 0.02, "angle_deg": 0.0}])
    return dataclasses.replace(ds, sites=sites, referrals=refs)


def test_mirroring_applies_to_bilateral_trigger_points_only(minimal_ds):
    both = _with_posterior_pattern(minimal_ds, bilateral=True)
    assert [m.site_id for m in trigger_points_at(both, "posterior", 0.08, 0.85)] == [TP]
    assert [m.site_id for m in trigger_points_at(both, "posterior", -0.08, 0.85)] == [TP]
    one = _with_posterior_pattern(minimal_ds, bilateral=False)
    assert [m.site_id for m in trigger_points_at(one, "posterior", 0.08, 0.85)] == [TP]
    assert trigger_points_at(one, "posterior", -0.08, 0.85) == []


def test_distance_is_in_b_cun_to_the_trigger_point(minimal_ds):
    ds = _with_posterior_pattern(minimal_ds, bilateral=True)
    tp = ds.sites.loc[TP]
    (match,) = trigger_points_at(ds, "posterior", 0.08, 0.85)
    expected = math.hypot(0.08 - float(tp["x"]), 0.85 - float(tp["y"])) / body.CUN
    assert match.distance_cun == pytest.approx(round(expected, 1))
    # the mirror image is as far from the (mirrored) trigger point
    assert trigger_points_at(ds, "posterior", -0.08, 0.85)[0].distance_cun == match.distance_cun


def test_no_referrals_means_no_matches(minimal_ds):
    empty = dataclasses.replace(minimal_ds, referrals=minimal_ds.referrals.iloc[0:0])
    assert trigger_points_at(empty, "lateral", -0.010, 0.885) == []
