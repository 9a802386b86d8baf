"""The explore page's diagram: its figure options from the page state, the
chart, its description in words, and the exports beneath it."""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from explorer import export, ui, widgets
from explorer import state as url_state
from explorer.data import Dataset
from explorer.figures import KIND_STYLE, REGION_LABELS, FigureOptions, cached_body_figure
from explorer.pages.explore.keys import CHART_KEY, MAX_PATTERNS
from explorer.pages.explore.matches import Matches


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
        view=state.view, show_skeleton="skeleton" in state.layers, show_muscles="muscles" in state.layers,
        muscles_for=muscles_drawn(ds, state), show_lungs="lungs" in state.layers,
        show_zones="zones" in state.layers, highlight_zone=state.zone,
        show_labels="labels" in state.layers and not quizzing(state),
        selected=state.site, region=state.region, meridians=state.meridian,
        theme="dark" if st.context.theme.type == "dark" else "light",
        height=900 if big else 760, font_size=18 if big else 13, marker_size=13 if big else 9,
        emphasis=frozenset(ids) if found.filtering else None, referrals_for=referral_ids,
        pain_spot=(spot[1], spot[2]) if spot and spot[0] == state.view else None,
        click_grid=pain_mode)


def diagram(ds: Dataset, state: url_state.ViewState, found: Matches) -> None:
    """The sentence, the alt text, the chart and the exports."""
    shown = shown_sites(ds, state)
    fig = cached_body_figure(ds, figure_options(ds, state, found), site_ids=shown)
    st.markdown(f"**{ui.plain(found.sentence)}**")
    drawn = len(set(shown) & set(ds.sites.index[ds.sites["view"] == state.view]))
    alt = alt_text(ds, state, drawn, len(found.ids) if found.filtering else None, found.spot, quizzing(state))
    st.caption(ui.plain(alt))
    st.plotly_chart(fig, key=CHART_KEY, on_select="rerun", selection_mode="points", alt=alt,
                    width="stretch", config={"displayModeBar": False, "scrollZoom": False})
    exports(ds, state, found, shown, fig)


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
    parts = [f"Diagram: {state.view} view of the body, {REGION_LABELS.get(state.region, state.region).lower()}, "
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
