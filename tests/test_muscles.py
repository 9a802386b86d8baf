"""The muscle tables: broken files are reported with file, row and column, and
the drawn outlines keep the anatomical truths of issue #13 (every trigger point
in its muscle, every outline at its attachments, no outline off the body).

The data truths run over whatever muscles exist, so the limb muscles drawn by
scripts/draw_muscles_limbs.py are held to the same rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer import body, muscles, schema
from explorer.data import load_dataset
from tests.test_loader import _edit_cell

TOLERANCE_CUN = 0.5  # a trigger point on a muscle's border, an attachment at its edge
BODY_TOLERANCE_CUN = 0.3  # outlines follow the skin; smoothing may graze it

MUSCLE_HEADER = "muscle,origin,insertion,innervation,action,origin_landmarks,insertion_landmarks,sources\n"
GOOD_MUSCLE = ('upper trapezius,"The occiput and C7.","The acromion.","Accessory nerve.","Lifts the shoulder.",'
               "posterior:C7,posterior:acromion,WHO2008\n")
SHAPE_HEADER = "muscle,view,part,layer,vertex,x,y\n"
GOOD_SHAPE = ("upper trapezius,posterior,main,superficial,1,0.0,0.85\n"
              "upper trapezius,posterior,main,superficial,2,0.11,0.82\n"
              "upper trapezius,posterior,main,superficial,3,0.0,0.83\n")


def _write_muscles(folder: Path, muscles_csv: str = MUSCLE_HEADER + GOOD_MUSCLE,
                   shapes_csv: str = SHAPE_HEADER + GOOD_SHAPE) -> Path:
    (folder / "muscles.csv").write_text(muscles_csv, encoding="utf-8")
    (folder / "muscle_shapes.csv").write_text(shapes_csv, encoding="utf-8")
    return folder


def test_good_muscle_tables_load_clean(data_copy):
    ds = load_dataset(_write_muscles(data_copy))
    assert ds.problems == []
    assert list(ds.muscles.index) == ["upper trapezius"]
    assert len(ds.muscle_shapes) == 3


def test_muscle_tables_are_optional(minimal_ds):
    assert minimal_ds.problems == []
    assert minimal_ds.muscles.empty and minimal_ds.muscle_shapes.empty


# (file, 0-based data row, column, bad value, spreadsheet row, words in the message)
BAD_MUSCLE_CELLS = [
    # a muscle with no trigger point in sites.csv
    ("muscles.csv", 0, "muscle", "upper trapezoid", 2, "not the muscle of any trigger point"),
    # a landmark that is not in body.anchors for that view
    ("muscles.csv", 0, "origin_landmarks", "posterior:C99", 2, "not a landmark of the posterior view"),
    # a landmark of another view: the back of the atlas is named in the posterior view only
    ("muscles.csv", 0, "insertion_landmarks", "lateral:C1_transverse_process", 2, "not a landmark"),
    # not written as view:anchor
    ("muscles.csv", 0, "insertion_landmarks", "acromion", 2, "is not view:anchor"),
    ("muscles.csv", 0, "sources", "Nobody1999", 2, "is not a key in sources.csv"),
    ("muscles.csv", 0, "origin", "", 2, "must not be empty"),
    # a shape naming a muscle that muscles.csv does not have
    ("muscle_shapes.csv", 1, "muscle", "deltoid", 3, "is not a muscle of muscles.csv"),
    # vertices outside the frame
    ("muscle_shapes.csv", 1, "x", "0.7", 3, "must be <= 0.5"),
    ("muscle_shapes.csv", 2, "y", "-0.1", 4, "must be >= 0"),
    ("muscle_shapes.csv", 0, "x", "left", 2, "is not a number"),
    # an unknown layer or view
    ("muscle_shapes.csv", 0, "layer", "middle", 2, "must be one of"),
    ("muscle_shapes.csv", 0, "view", "top", 2, "must be one of"),
    # vertices out of order, or repeated
    ("muscle_shapes.csv", 1, "vertex", "5", 2, "not numbered 1, 2, 3"),
    ("muscle_shapes.csv", 1, "vertex", "1", 3, "duplicate key"),
    ("muscle_shapes.csv", 1, "vertex", "1.5", 3, "not a whole number"),
]


@pytest.mark.parametrize(("filename", "row", "column", "value", "sheet_row", "words"), BAD_MUSCLE_CELLS)
def test_broken_muscle_cell_is_reported_with_file_row_and_column(data_copy, filename, row, column, value,
                                                                   sheet_row, words):
    _write_muscles(data_copy)
    _edit_cell(data_copy, filename, row, column, value)
    ds = load_dataset(data_copy)
    matching = [p for p in ds.problems if p.file == filename and p.row == sheet_row and words in p.message]
    assert matching, f"expected {filename} row {sheet_row}: {words!r}; got {[str(p) for p in ds.problems]}"
    # a duplicate key is reported at the key's first column
    assert any(p.column == (schema.MUSCLE_SHAPES.key[0] if words == "duplicate key" else column) for p in matching)


def test_a_shape_of_two_vertices_is_reported(data_copy):
    two = SHAPE_HEADER + "".join(GOOD_SHAPE.splitlines(keepends=True)[:2])
    ds = load_dataset(_write_muscles(data_copy, shapes_csv=two))
    assert [str(p) for p in ds.problems] == [
        "muscle_shapes.csv, row 2, column vertex: the outline of 'upper trapezius, posterior, main' has 2 "
        "vertices; a shape needs at least three"]


def test_a_part_mixing_layers_is_reported(data_copy):
    _write_muscles(data_copy)
    _edit_cell(data_copy, "muscle_shapes.csv", 2, "layer", "deep")
    ds = load_dataset(data_copy)
    assert any(p.row == 2 and p.column == "layer" and "mixes" in p.message for p in ds.problems)


# ---------------------------------------------------------------------------
# Geometry helpers
# ---------------------------------------------------------------------------
SQUARE = ((0.0, 0.0), (0.1, 0.0), (0.1, 0.1), (0.0, 0.1))


@pytest.mark.parametrize(("point", "tolerance", "inside"), [
    ((0.05, 0.05), 0.0, True),  # the centre
    ((0.1 + 0.4 * body.CUN, 0.05), 0.5, True),  # just outside, within half a B-cun of the border
    ((0.1 + 0.6 * body.CUN, 0.05), 0.5, False),  # beyond the tolerance
    ((0.1 + 0.01 * body.CUN, 0.05), 0.0, False),  # no tolerance: the border is the limit
    ((-0.3 * body.CUN, -0.3 * body.CUN), 0.5, True),  # near a corner: distance to the vertex
])
def test_contains_with_a_tolerance_round_the_border(point, tolerance, inside):
    assert muscles.contains(SQUARE, point, tolerance) is inside


def test_frontal_outlines_are_drawn_on_both_sides(data_copy):
    ds = load_dataset(_write_muscles(data_copy))
    drawn = muscles.drawn_shapes(ds, "posterior")
    assert [s.side for s in drawn] == ["left", "right"]
    assert drawn[1].points == tuple((-x, y) for x, y in drawn[0].points)


# ---------------------------------------------------------------------------
# Data truths of the bundled outlines
# ---------------------------------------------------------------------------
# Drawn by the other script (scripts/draw_muscles_limbs.py, helper musclesB):
# the limb, hip and buttock muscles. Named here so that a missing one says who draws it.
LIMB_REGIONS = {"arm", "forearm", "hand", "hip", "buttock", "thigh", "knee", "leg", "foot"}
TRUNK_MUSCLES_IN_LIMB_REGIONS = {"iliopsoas"}  # drawn with the trunk (its belly lies in the abdomen)


def _trigger_points(ds):
    sites = ds.sites[ds.sites["kind"] == "trigger_point"]
    rows = [(sid, r["muscle"], r["view"], float(r["x"]), float(r["y"])) for sid, r in sites.iterrows()]
    placed = ds.placements[ds.placements["site_id"].isin(sites.index)]
    rows += [(p["site_id"], sites.at[p["site_id"], "muscle"], p["view"], float(p["x"]), float(p["y"]))
             for _, p in placed.iterrows()]
    return rows


def _owner(ds, muscle: str) -> str:
    regions = set(ds.sites.loc[ds.sites["muscle"] == muscle, "region"])
    if muscle in TRUNK_MUSCLES_IN_LIMB_REGIONS or not regions <= LIMB_REGIONS:
        return "scripts/draw_muscles_trunk.py"
    return "scripts/draw_muscles_limbs.py (musclesB)"


def test_every_trigger_point_lies_in_its_own_muscle(real_ds):
    outside = []
    for sid, muscle, view, x, y in _trigger_points(real_ds):
        if not muscles.drawn_shapes(real_ds, view, [muscle]):
            continue  # not drawn in this view: the coverage test below says so
        gap = muscles.distance_to_muscle(real_ds, muscle, view, (x, y)) / body.CUN
        if gap > TOLERANCE_CUN:
            outside.append(f"{sid} ({view}) is {gap:.2f} B-cun outside {muscle}")
    assert not outside, "\n".join(outside)


def test_every_outline_reaches_its_origin_and_insertion(real_ds):
    far = []
    for muscle, row in real_ds.muscles.iterrows():
        for column in ("origin_landmarks", "insertion_landmarks"):
            for view, anchor in muscles.landmark_refs(row[column]):
                gap = muscles.landmark_reach(real_ds, muscle, view, anchor) / body.CUN
                if gap > TOLERANCE_CUN:
                    far.append(f"{muscle}: {column} {view}:{anchor} is {gap:.2f} B-cun from the outline")
    assert not far, "\n".join(far)


def test_every_muscle_names_an_origin_and_an_insertion_landmark(real_ds):
    for muscle, row in real_ds.muscles.iterrows():
        assert muscles.landmark_refs(row["origin_landmarks"]), muscle
        assert muscles.landmark_refs(row["insertion_landmarks"]), muscle


def test_no_outline_leaves_the_body(real_ds):
    off = []
    for view in body.VIEWS:
        skin = body.outline(view)
        for shape in muscles.stored_shapes(real_ds)[view]:
            worst = max(muscles.distance_outside(p, skin) for p in shape.points) / body.CUN
            if worst > BODY_TOLERANCE_CUN:
                off.append(f"{shape.muscle} ({view}, {shape.part}) leaves the body by {worst:.2f} B-cun")
    assert not off, "\n".join(off)


def test_outlines_are_simple_areas(real_ds):
    """No outline folds onto itself or collapses to a line (an area of at least 0.2 square B-cun)."""
    for view in body.VIEWS:
        for shape in muscles.stored_shapes(real_ds)[view]:
            assert muscles.area(shape.points) >= 0.2 * body.CUN ** 2, (shape.muscle, view, shape.part)


def test_every_trigger_point_muscle_is_described_and_drawn_in_its_views(real_ds):
    """Coverage: a muscles.csv row, and an outline in every view its trigger points are drawn in."""
    missing = []
    needed: dict[str, set[str]] = {}
    for _, muscle, view, _, _ in _trigger_points(real_ds):
        needed.setdefault(muscle, set()).add(view)
    for muscle, views in sorted(needed.items()):
        if muscle not in real_ds.muscles.index:
            missing.append(f"{muscle}: no row in muscles.csv [{_owner(real_ds, muscle)}]")
        for view in sorted(views):
            if muscle not in muscles.muscles_in_view(real_ds, view):
                missing.append(f"{muscle}: no outline in the {view} view [{_owner(real_ds, muscle)}]")
    assert not missing, "\n".join(missing)
