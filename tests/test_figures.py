"""Figure builders: traces, site ids in customdata, layers and escaping."""

from __future__ import annotations

import dataclasses

import pytest

from explorer import body
from explorer.data import load_dataset
from explorer.figures import FigureOptions, body_figure, figure_site_ids, site_positions


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
