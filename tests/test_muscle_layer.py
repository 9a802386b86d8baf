"""Figure builders for the muscle layer: fills and outlines, deep parts dashed,
the chosen muscle emphasised and named, only that one with the layer off."""

from __future__ import annotations

import pytest

from explorer import muscles
from explorer.figures import FigureOptions, body_figure
from explorer.muscle_layer import trace_facts


def _muscle_traces(fig):
    return [t for t in fig.data if trace_facts(t)]


def _facts(trace):
    return trace_facts(trace)


def _names_drawn(fig) -> set[str]:
    return {m for t in _muscle_traces(fig) for m in _facts(t).muscles}


def _deep_muscle(ds, view):
    return next((s.muscle for s in muscles.stored_shapes(ds)[view] if s.deep), None)


def test_the_layer_off_draws_no_muscles(real_ds):
    assert _muscle_traces(body_figure(real_ds, FigureOptions(view="posterior"))) == []


@pytest.mark.parametrize("view", ["anterior", "posterior", "lateral"])
def test_the_layer_on_draws_every_muscle_of_the_view(real_ds, view):
    fig = body_figure(real_ds, FigureOptions(view=view, show_muscles=True))
    assert _names_drawn(fig) == set(muscles.muscles_in_view(real_ds, view))
    for trace in _muscle_traces(fig):
        assert trace.fill == "toself"
        assert trace.hoverinfo == "skip"  # clicks go to the sites and the click grid, not the muscles
        assert trace.line.dash == ("dash" if _facts(trace).deep else "solid")


def test_deep_muscles_are_dashed_and_superficial_ones_solid(real_ds):
    view = "posterior"
    deep = _deep_muscle(real_ds, view)
    assert deep is not None, "the posterior view has deep muscles (quadratus lumborum, multifidus ...)"
    fig = body_figure(real_ds, FigureOptions(view=view, show_muscles=True))
    dashed = [t for t in _muscle_traces(fig) if t.line.dash == "dash"]
    assert dashed and all(_facts(t).deep for t in dashed)
    assert any(deep in _facts(t).muscles for t in dashed)


def test_muscle_traces_carry_only_strings_in_meta(real_ds):
    """plotly.js silently drops a trace whose meta is an object with lists or booleans in it."""
    fig = body_figure(real_ds, FigureOptions(view="posterior", show_muscles=True, muscles_for=("deltoid",)))
    for trace in _muscle_traces(fig):
        assert isinstance(trace.meta, (list, tuple)) and all(isinstance(v, str) for v in trace.meta)


def test_with_the_layer_off_only_the_chosen_muscle_is_drawn_and_named(real_ds):
    fig = body_figure(real_ds, FigureOptions(view="posterior", muscles_for=("upper trapezius",)))
    traces = _muscle_traces(fig)
    assert _names_drawn(fig) == {"upper trapezius"}
    assert all(_facts(t).emphasised for t in traces)
    assert any("upper trapezius" in str(a.text) for a in fig.layout.annotations)


def test_the_chosen_muscle_stands_out_among_the_others(real_ds):
    fig = body_figure(real_ds, FigureOptions(view="posterior", show_muscles=True, muscles_for=("upper trapezius",)))
    strong = [t for t in _muscle_traces(fig) if _facts(t).emphasised]
    faint = [t for t in _muscle_traces(fig) if not _facts(t).emphasised]
    assert {m for t in strong for m in _facts(t).muscles} == {"upper trapezius"}
    assert "upper trapezius" not in {m for t in faint for m in _facts(t).muscles}
    assert min(t.line.width for t in strong) > max((t.line.width for t in faint), default=0)


def test_bilateral_muscles_are_drawn_on_both_sides_in_the_frontal_views(real_ds):
    fig = body_figure(real_ds, FigureOptions(view="posterior", muscles_for=("upper trapezius",)))
    xs = [x for t in _muscle_traces(fig) for x in t.x if x == x]
    assert min(xs) < -0.05 and max(xs) > 0.05


def test_a_muscle_not_in_the_view_draws_nothing(real_ds):
    fig = body_figure(real_ds, FigureOptions(view="lateral", muscles_for=("no such muscle",)))
    assert _muscle_traces(fig) == []


def test_the_traces_are_built_once_per_dataset_and_view(real_ds):
    opts = FigureOptions(view="anterior", show_muscles=True)
    body_figure(real_ds, opts)
    memo = real_ds.derived["muscle_traces"]
    first = memo[("anterior", "light", True, ())]
    body_figure(real_ds, opts)
    assert memo[("anterior", "light", True, ())] is first


def test_dark_theme_muscles_use_the_light_lines(real_ds):
    fig = body_figure(real_ds, FigureOptions(view="posterior", theme="dark", muscles_for=("upper trapezius",)))
    assert all(t.line.color.startswith("rgba(240") for t in _muscle_traces(fig))
