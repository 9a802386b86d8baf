"""The explore page's diagram: its figure options from the page state, the
chart, its description in words, and the exports beneath it."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from explorer import export, ui, widgets
from explorer import state as url_state
from explorer.data import Dataset
from explorer.figures import (
    BOTH_VIEWS,
    KIND_STYLE,
    REGION_LABELS,
    WHOLE_BODY,
    FigureOptions,
    cached_body_figure,
    plot_ranges,
    referral_views,
)
from explorer.pages.explore.keys import CHART_KEY, MAX_PATTERNS
from explorer.pages.explore.matches import Matches
from explorer.pages.explore.session import show_view

# Nominal chart heights (px): labels are placed for them; the chart itself
# stretches to the window (layout.page_style), never below them.
CHART_HEIGHT = 640
PRESENT_HEIGHT = 800
THUMB_HEIGHT = 260
CHOOSER_RADIUS = 0.6  # markers closer than this many marker sizes lie under one click


def shown_sites(ds: Dataset, state: url_state.ViewState) -> pd.Index:
    """The sites drawn: every site of the chosen kind (the filters fade the rest, never hide them)."""
    kinds = [state.kind] if state.kind else list(KIND_STYLE)
    return ds.sites.index[ds.sites["kind"].isin(kinds)]


def quizzing(state: url_state.ViewState) -> bool:
    """Whether names and labels are hidden for a quiz in presentation mode."""
    ss = st.session_state
    return bool(state.mode == "present" and ss.get("quiz_cover") and not ss.get("revealed"))


def figure_options(ds: Dataset, state: url_state.ViewState, found: Matches) -> FigureOptions:
    ids, spot = found.ids, found.spot
    pain_mode = bool(st.session_state.get("pain_mode"))
    referral_ids: tuple[str, ...] = ()
    if pain_mode:
        referral_ids = tuple(ids[:MAX_PATTERNS])
    elif state.muscle:
        referral_ids = tuple(ids)
    big = state.mode == "present"
    return FigureOptions(
        layout=state.layout,
        view=state.view, show_skeleton="skeleton" in state.layers, show_muscles="muscles" in state.layers,
        muscles_for=muscles_drawn(ds, state), show_lungs="lungs" in state.layers,
        show_zones="zones" in state.layers, highlight_zone=state.zone,
        show_labels="labels" in state.layers and not quizzing(state),
        selected=state.site, region=state.region, meridians=state.meridian,
        theme="dark" if st.context.theme.type == "dark" else "light",
        height=PRESENT_HEIGHT if big else CHART_HEIGHT, font_size=18 if big else 13, marker_size=13 if big else 9,
        emphasis=frozenset(ids) if found.filtering else None, referrals_for=referral_ids,
        pain_spot=(spot[1], spot[2]) if spot and spot[0] == state.view else None,
        click_grid=pain_mode)


def diagram(ds: Dataset, state: url_state.ViewState, found: Matches) -> None:
    """The sentence, the chart (with thumbnails of the other views where a
    selected trigger point's referral pattern lies), its alt text and the exports."""
    shown = shown_sites(ds, state)
    opts = figure_options(ds, state, found)
    fig = cached_body_figure(ds, opts, site_ids=shown)
    remember_drawn(fig, opts, shown)
    st.markdown(f"**{ui.plain(found.sentence)}**")
    views = BOTH_VIEWS if state.layout == "both" else (state.view,)
    drawn = len(set(shown) & set(ds.sites.index[ds.sites["view"].isin(views)]))
    alt = alt_text(ds, state, drawn, len(found.ids) if found.filtering else None, found.spot, quizzing(state))
    others = [] if quizzing(state) else [v for v in referral_views(ds, state.site) if v not in views]
    # Thumbnails take a quarter of the chart's column (a sixth beside the wider front-and-back figure).
    share = [5, 1] if state.layout == "both" else [3, 1]
    main, aside = st.columns(share, gap="small") if others else (st.container(), None)
    main.plotly_chart(fig, key=CHART_KEY, on_select="rerun", selection_mode="points", alt=alt, height="stretch",
                      width="stretch", config={"displayModeBar": False, "scrollZoom": False})
    if aside is not None:
        with aside:
            thumbnails(ds, state, opts, others)
    st.caption(ui.plain(alt))
    exports(ds, state, found, shown, fig)


def remember_drawn(fig: go.Figure, opts: FigureOptions, shown: pd.Index) -> None:
    """What a click on this figure will need next run: each trace's view (the
    front-and-back figure puts the posterior on axes x2), the sites drawn, and
    how near another marker must be to lie under the same click (in plot units)."""
    second = BOTH_VIEWS[1] if opts.layout == "both" else opts.view
    first = BOTH_VIEWS[0] if opts.layout == "both" else opts.view
    (_, _), (y0, y1) = plot_ranges(replace(opts, view=first, layout="single"))
    st.session_state["chart_drawn"] = {
        "trace_views": [second if getattr(t, "xaxis", None) == "x2" else first for t in fig.data],
        "site_ids": shown, "radius": CHOOSER_RADIUS * opts.marker_size * (y1 - y0) / opts.height}


def thumbnails(ds: Dataset, state: url_state.ViewState, opts: FigureOptions, views: list[str]) -> None:
    """Small pictures of the other views where the selected trigger point's
    referral pattern lies, as in the trigger-point manuals; each opens its view."""
    st.caption("Its referred pain also lies here:")
    for view in views:
        small = replace(opts, view=view, layout="single", thumbnail=True, region=WHOLE_BODY, height=THUMB_HEIGHT,
                        marker_size=7, font_size=10, show_labels=False, meridians=(), click_grid=False,
                        pain_spot=None, emphasis=None, referrals_for=())
        fig = cached_body_figure(ds, small, site_ids=[state.site] if state.site else [])
        st.plotly_chart(fig, key=f"thumb_{view}", width="stretch",
                        alt=f"Small {view} view: the referral pattern of {state.site}.",
                        config={"displayModeBar": False, "staticPlot": True})
        st.button(view.capitalize(), key=f"thumb_open_{view}", icon="↗", on_click=show_view, args=(view,),
                  width="stretch", help=f"Show the {view} view, with the whole referral pattern.")


def exports(ds: Dataset, state: url_state.ViewState, found: Matches, shown: pd.Index, fig: go.Figure) -> None:
    """Lazy: the downloads are only built (and sent) while the expander is open."""
    expander = st.expander("Export for slides and handouts", key="export_open", on_change="rerun")
    if not expander.open:
        return
    with expander:
        listed = found.ids if found.filtering else list(shown)
        st.download_button(f"Table of the {len(listed)} sites as CSV",
                           data=partial(export.sites_csv, ds, listed), file_name="needle-sites.csv",
                           mime="text/csv", key="export_csv", on_click="ignore")
        widgets.diagram_downloads(fig, f"needle-{state.view}", key_prefix="export")


def muscles_drawn(ds: Dataset, state: url_state.ViewState) -> tuple[str, ...]:
    """Muscles drawn even with the Muscles layer off: the chosen muscle and the selected trigger point's."""
    chosen = [state.muscle] if state.muscle else []
    if state.site and state.site in ds.sites.index and ds.sites.at[state.site, "muscle"]:
        chosen.append(str(ds.sites.at[state.site, "muscle"]))
    return tuple(dict.fromkeys(chosen))


def alt_text(ds: Dataset, state: url_state.ViewState, fig_sites: int, matched: int | None,
             spot: tuple[str, float, float] | None, quizzing: bool = False) -> str:
    """The diagram in words, for screen readers and for anyone who cannot see it
    (but not the answer while the class is being quizzed)."""
    seen = "front and back views side by side" if state.layout == "both" else f"{state.view} view"
    parts = [f"Diagram: {seen} of the body, {REGION_LABELS.get(state.region, state.region).lower()}, "
             f"{fig_sites} sites drawn (acupoints as blue circles, trigger points as vermilion diamonds)"]
    if matched is not None:
        parts.append(f"{matched} matching sites emphasised, the others faint")
    layers = [name for name in ("skeleton", "lungs", "zones", "labels") if name in state.layers]
    if layers:
        parts.append("layers: " + ", ".join(layers))
    if state.zone:
        parts.append(f"the {state.zone.replace('_', ' ')} risk zone highlighted")
    if state.meridian:
        parts.append("pathways drawn: " + ", ".join(state.meridian))
    if spot:
        parts.append(f"painful spot marked with a star in the {spot[0]} view")
    if quizzing and state.site:
        parts.append("the site being quizzed is ringed")
    elif state.site and state.site in ds.sites.index:
        parts.append(f"{state.site} {ds.sites.at[state.site, 'name']} selected, ringed")
    return "; ".join(parts) + "."
