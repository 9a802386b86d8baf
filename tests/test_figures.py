"""Figure builders: traces, site ids in customdata, layers and escaping."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from explorer import body
from explorer.data import load_dataset
from explorer.figures import (
    CHANNEL_ORDER,
    REGIONS,
    FigureOptions,
    body_figure,
    channel_segments,
    figure_site_ids,
    regions_for,
    site_positions,
)
from explorer.labels import overlaps


def _names(fig):
    return [t.name for t in fig.data]


def test_base_figure_has_body_skeleton_and_one_trace_per_kind(minimal_ds):
    fig = body_figure(minimal_ds, FigureOptions(view="posterior"))
    assert _names(fig) == ["body", "skeleton", "Acupoint (circle)", "Trigger point (diamond)"]


def test_markers_carry_site_ids_and_bilateral_sites_are_drawn_twice(minimal_ds):
    fig = body_figure(minimal_ds, FigureOptions(view="posterior"))
    acu = next(t for t in fig.data if t.name == "Acupoint (circle)")
    ids = [c[0] for c in acu.customdata]
    assert sorted(ids) == sorted(["BL13", "BL13", "GV14", "LI4", "LI4"])
    bl13 = [x for x, c in zip(acu.x, acu.customdata, strict=True) if c[0] == "BL13"]
    assert bl13[0] == pytest.approx(-bl13[1])  # mirrored about the midline
    assert figure_site_ids(fig) == {"BL13", "GV14", "LI4", "upper-trapezius-1"}


def test_posterior_view_shows_the_subjects_left_on_the_viewers_left(minimal_ds):
    stored_x = minimal_ds.sites.at["GV14", "x"]
    assert stored_x == 0
    positions = dict((sid, x) for sid, x, _ in site_positions(minimal_ds, "posterior", ["BL13"]))
    assert positions["BL13"] in (-minimal_ds.sites.at["BL13", "x"], minimal_ds.sites.at["BL13", "x"])
    first = site_positions(minimal_ds, "posterior", ["BL13"])[0]
    assert first[1] < 0  # the stored (left) marker is plotted left of the midline


def test_sites_of_other_views_are_not_drawn(minimal_ds):
    fig = body_figure(minimal_ds, FigureOptions(view="anterior"))
    assert figure_site_ids(fig) == {"CV17"}


def test_site_filter_limits_markers(minimal_ds):
    fig = body_figure(minimal_ds, FigureOptions(view="posterior"), site_ids=["GV14"])
    assert figure_site_ids(fig) == {"GV14"}


@pytest.mark.parametrize(("option", "extra_traces"), [
    ({"show_lungs": True}, ["pleural reflection (dotted)", "lungs"]),
    ({"show_zones": True}, ["Risk zone: Neck", "Risk zone: Upper back", "Risk zone: Kidney (loin)"]),
    ({"highlight_zone": "upper_back"}, ["Risk zone: Upper back"]),
    ({"show_skeleton": False}, []),
])
def test_layers_add_their_traces(minimal_ds, option, extra_traces):
    fig = body_figure(minimal_ds, FigureOptions(view="posterior", **option))
    names = _names(fig)
    for name in extra_traces:
        assert name in names
    assert ("skeleton" in names) == option.get("show_skeleton", True)


def test_highlighted_zone_is_drawn_stronger(minimal_ds):
    fig = body_figure(minimal_ds, FigureOptions(view="posterior", show_zones=True, highlight_zone="upper_back"))
    widths = {t.name: t.line.width for t in fig.data if t.name.startswith("Risk zone")}
    assert widths["Risk zone: Upper back"] > widths["Risk zone: Neck"]


def test_selected_site_gets_a_ring_on_both_sides(minimal_ds):
    fig = body_figure(minimal_ds, FigureOptions(view="posterior", selected="BL13"))
    ring = next(t for t in fig.data if t.name == "Selected site")
    assert len(ring.x) == 2 and {c[0] for c in ring.customdata} == {"BL13"}


def test_data_text_is_escaped_in_hover_labels(data_copy):
    path = data_copy / "sites.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Lung Shu", "<b onmouseover=x>Lung</b>"),
                    encoding="utf-8")
    ds = load_dataset(data_copy)
    fig = body_figure(ds, FigureOptions(view="posterior"))
    names = [c[1] for t in fig.data if t.customdata is not None for c in t.customdata]
    assert "&lt;b onmouseover=x&gt;Lung&lt;/b&gt;" in names
    assert not any("<b " in n for n in names)


@pytest.mark.parametrize("view", body.VIEWS)
def test_axes_keep_the_body_in_proportion(minimal_ds, view):
    fig = body_figure(minimal_ds, FigureOptions(view=view))
    assert fig.layout.yaxis.scaleanchor == "x"
    assert fig.layout.xaxis.visible is False
    assert fig.layout.template.layout.paper_bgcolor is not None or fig.layout.paper_bgcolor


def test_unknown_view_is_rejected(minimal_ds):
    with pytest.raises(ValueError, match="sideways"):
        body_figure(minimal_ds, dataclasses.replace(FigureOptions(), view="sideways"))


# --- pathways, referrals, zoom and labels on the bundled data ----------------


def test_a_chosen_channel_is_drawn_through_its_points_in_order(real_ds):
    fig = body_figure(real_ds, FigureOptions(view="posterior", meridians=("BL",)))
    line = next(t for t in fig.data if t.name == "BL channel")
    segments, _ = channel_segments(real_ds, "BL", "posterior")
    first = segments[0]
    # The first drawn run follows the numbering: BL's posterior points from BL8 onward.
    bl_post = [s for s in (f"BL{i}" for i in range(1, 68)) if real_ds.sites.at[s, "view"] == "posterior"]
    assert len(first) + sum(len(s) for s in segments[1:]) == len(bl_post)
    assert list(line.x[: len(first)]) == pytest.approx([p[0] for p in first])


def test_a_channel_leaving_the_view_is_labelled_where_it_continues(real_ds):
    _, notes = channel_segments(real_ds, "GB", "lateral")
    texts = [n[2] for n in notes]
    assert any("GB continues: GB13" in t or "continues" in t for t in texts)
    fig = body_figure(real_ds, FigureOptions(view="lateral", meridians=("GB",)))
    assert any("continues" in (a.text or "") for a in fig.layout.annotations)


def test_every_channel_has_a_line_in_some_view(real_ds):
    for channel in CHANNEL_ORDER:
        assert any(channel_segments(real_ds, channel, v)[0] for v in body.VIEWS), channel


def test_selected_trigger_point_draws_its_referral_pattern(real_ds):
    tp = "upper-trapezius-1"
    views = set(real_ds.referrals.loc[real_ds.referrals["site_id"] == tp, "view"])
    view = sorted(views)[0]
    fig = body_figure(real_ds, FigureOptions(view=view, selected=tp))
    names = [t.name for t in fig.data]
    assert "Referred pain: essential" in names
    assert not any(n.startswith("Referred pain") for n in
                   (t.name for t in body_figure(real_ds, FigureOptions(view=view, selected="GB21")).data))


@pytest.mark.parametrize("view", body.VIEWS)
def test_zoom_presets_frame_their_region(real_ds, view):
    for region in regions_for(view)[1:]:
        fig = body_figure(real_ds, FigureOptions(view=view, region=region))
        assert tuple(fig.layout.xaxis.range) == REGIONS[region][view][0]


@pytest.mark.parametrize(("view", "region"), [("anterior", "head"), ("posterior", "hand"), ("lateral", "foot"),
                                              ("anterior", "foot"), ("lateral", "head")])
def test_zoomed_labels_do_not_overlap_and_all_fit(real_ds, view, region):
    from explorer.labels import text_box

    fig = body_figure(real_ds, FigureOptions(view=view, region=region, show_labels=True))
    meta = fig.layout.meta
    assert meta["labels"] == meta["label_candidates"] > 5  # every site in the zoom gets its label
    (x0, _), (_, y1) = REGIONS[region][view]
    scale = (760 - 16) / (REGIONS[region][view][1][1] - REGIONS[region][view][1][0])
    boxes = []
    for a in fig.layout.annotations:
        if a.text in (None, "") or a.x is None:
            continue
        cx = (a.x - x0) * scale + (a.ax if a.showarrow else (a.xshift or 0))
        cy = (y1 - a.y) * scale + (a.ay if a.showarrow else -(a.yshift or 0))
        boxes.append(text_box(cx, cy, a.text, 13 - 3))
    clashes = [(i, j) for i in range(len(boxes)) for j in range(i) if overlaps(boxes[i], boxes[j])]
    assert clashes == []


def test_the_bladder_outer_line_is_not_joined_to_the_knee(real_ds):
    segments, _ = channel_segments(real_ds, "BL", "posterior")
    bl40 = site_positions(real_ds, "posterior", ["BL40"])[0][1:]
    bl41 = site_positions(real_ds, "posterior", ["BL41"])[0][1:]
    for seg in segments:
        for a, b in itertools.pairwise(seg):
            assert not (a == pytest.approx(bl40) and b == pytest.approx(bl41))


# ---------------------------------------------------------------------------
# The front-and-back layout, thumbnails, and sites under one click
# ---------------------------------------------------------------------------
def _sites_by_axis(fig) -> dict[str, set[str]]:
    """Site ids drawn on each x axis ("x": the left half, "x2": the right)."""
    drawn: dict[str, set[str]] = {"x": set(), "x2": set()}
    for trace in fig.data:
        if trace.customdata is not None and trace.name != "Click where it hurts":
            drawn[trace.xaxis or "x"].update(str(c[0]) for c in trace.customdata)
    return drawn


def test_two_view_layout_draws_the_front_left_and_the_back_right(real_ds):
    fig = body_figure(real_ds, FigureOptions(layout="both"))
    drawn = _sites_by_axis(fig)
    # each half holds exactly the sites of its own view, every one with its id for a click
    assert drawn["x"] == figure_site_ids(body_figure(real_ds, FigureOptions(view="anterior")))
    assert drawn["x2"] == figure_site_ids(body_figure(real_ds, FigureOptions(view="posterior")))
    assert "GB21" in drawn["x2"] and "LU1" in drawn["x"]
    layout = fig.layout
    assert layout.meta["layout"] == "both" and layout.meta["views"] == ["anterior", "posterior"]
    # two halves side by side, each at one scale, axes fixed (nothing to drag)
    assert layout.xaxis.domain[1] < layout.xaxis2.domain[0]
    assert layout.yaxis2.scaleanchor == "x2" and layout.yaxis2.fixedrange and layout.xaxis2.fixedrange
    assert all(t.yaxis == "y2" for t in fig.data if t.xaxis == "x2")
    # the halves are named, and a legend entry is never repeated
    texts = [a.text for a in layout.annotations]
    assert "<b>Front (anterior)</b>" in texts and "<b>Back (posterior)</b>" in texts
    legend = [t.name for t in fig.data if t.showlegend]
    assert len(legend) == len(set(legend))


def test_two_view_layout_rings_the_selection_and_marks_pain_in_its_own_view(real_ds):
    view, x, y = "posterior", 0.1, 0.8
    fig = body_figure(real_ds, FigureOptions(layout="both", view=view, selected="GB21", pain_spot=(x, y),
                                             click_grid=True))
    ring = [t for t in fig.data if t.name == "Selected site"]
    assert len(ring) == 1 and ring[0].xaxis == "x2"  # GB21 is drawn on the back only
    stars = [t for t in fig.data if t.name == "Where it hurts (star)"]
    assert len(stars) == 1 and stars[0].xaxis == "x2"
    # the click grid of each half says which view a click on bare skin landed in
    grids = {t.xaxis or "x": {c[1] for c in t.customdata} for t in fig.data if t.name == "Click where it hurts"}
    assert grids == {"x": {"anterior"}, "x2": {"posterior"}}


def test_an_unknown_layout_is_refused(minimal_ds):
    with pytest.raises(ValueError, match="layout"):
        body_figure(minimal_ds, FigureOptions(layout="grid"))


def test_a_thumbnail_has_no_legend_and_no_labels(real_ds):
    fig = body_figure(real_ds, FigureOptions(view="anterior", thumbnail=True, show_labels=True, height=260,
                                             selected="infraspinatus-1"), site_ids=["infraspinatus-1"])
    assert fig.layout.showlegend is False and not fig.layout.annotations
    assert fig.layout.yaxis.constrain == "domain"  # a narrow thumbnail shrinks, never crops the body
    assert "Referred pain: essential" in _names(fig)  # the front of the shoulder


@pytest.mark.parametrize(("site", "views"), [
    # infraspinatus refers to the front of the shoulder and down the arm, and over the scapula
    ("infraspinatus-1", ["anterior", "posterior"]),
    # an acupoint has no referral pattern
    ("GB21", []),
    # no site, or an unknown one
    (None, []),
    ("XX99", []),
])
def test_referral_views(real_ds, site, views):
    from explorer.figures import referral_views

    assert referral_views(real_ds, site) == views


def test_sites_near_finds_overlapping_markers_nearest_first(real_ds):
    from explorer.figures import sites_near

    (_, x, y), *_ = site_positions(real_ds, "posterior", ["GB21"])
    # upper trapezius TP1 lies on GB21: both are under a click there
    assert sites_near(real_ds, "posterior", x, y, 0.006)[:2] == ["GB21", "upper-trapezius-1"]
    # a tiny radius finds the clicked site alone; the kinds drawn limit the candidates
    assert sites_near(real_ds, "posterior", x, y, 1e-6) == ["GB21"]
    assert sites_near(real_ds, "posterior", x, y, 0.006, site_ids=["upper-trapezius-1"]) == ["upper-trapezius-1"]
