"""Explore: the body diagram with its layers, and the chosen site's details.

Thin: widgets -> domain (state, figures, details) -> streamlit. The chosen
site lives in session state and in the URL, because the chart's own
selection resets whenever the figure changes.
"""

from __future__ import annotations

import re

import streamlit as st

from explorer import body, details, ui, widgets
from explorer import state as url_state
from explorer.data import Dataset
from explorer.figures import (
    CHANNEL_ORDER,
    KIND_STYLE,
    REGION_LABELS,
    WHOLE_BODY,
    FigureOptions,
    body_figure,
    regions_for,
)

CHART_KEY = "body_chart"
LAYER_KEYS = {"skeleton": "layer_skeleton", "lungs": "layer_lungs", "zones": "layer_zones",
              "labels": "layer_labels"}


def _site_views(ds: Dataset) -> dict[str, str]:
    return dict(zip(ds.sites["site_id"], ds.sites["view"], strict=False))


def _views_of(ds: Dataset, site_id: str) -> list[str]:
    own = [str(ds.sites.at[site_id, "view"])]
    extra = ds.placements.loc[ds.placements["site_id"] == site_id, "view"].tolist() if len(ds.placements) else []
    return own + [v for v in extra if v not in own]


def _init_from_url(ds: Dataset) -> None:
    """Once per session: take the starting state from the link."""
    if st.session_state.get("url_loaded"):
        return
    parsed, notices = url_state.parse(st.query_params.to_dict(), _site_views(ds))
    st.session_state["view"] = parsed.view
    st.session_state["selected_site"] = parsed.site
    st.session_state["zone"] = parsed.zone
    st.session_state["region"] = parsed.region
    st.session_state["meridians"] = list(parsed.meridian)
    layers = set(parsed.layers)
    if parsed.zone:
        layers.add("zones")
    for layer, key in LAYER_KEYS.items():
        st.session_state[key] = layer in layers
    st.session_state["url_notices"] = notices
    st.session_state["url_loaded"] = True


def _select(ds: Dataset, site_id: str | None) -> None:
    st.session_state["selected_site"] = site_id
    if site_id and st.session_state.get("view") not in _views_of(ds, site_id):
        st.session_state["view"] = _views_of(ds, site_id)[0]


def _consume_chart_click(ds: Dataset) -> None:
    """Turn a new click on the chart into the selected site (before widgets draw)."""
    event = st.session_state.get(CHART_KEY)
    points = []
    if event:
        selection = event.get("selection", {}) if isinstance(event, dict) else getattr(event, "selection", {})
        points = selection.get("points", []) if isinstance(selection, dict) else []
    signature = tuple((p.get("curve_number"), p.get("point_index"), p.get("x"), p.get("y")) for p in points)
    if not points or signature == st.session_state.get("last_click"):
        return
    st.session_state["last_click"] = signature
    custom = points[0].get("customdata")
    site_id = custom[0] if isinstance(custom, (list, tuple)) and custom else None
    if site_id in ds.sites.index:
        _select(ds, site_id)


def _on_pick(ds: Dataset) -> None:
    picked = st.session_state.get("site_picker")
    if picked:
        _select(ds, picked)


def _current_state() -> url_state.ViewState:
    layers = tuple(layer for layer, key in LAYER_KEYS.items() if st.session_state.get(key))
    return url_state.ViewState(view=st.session_state["view"], site=st.session_state.get("selected_site"),
                               zone=st.session_state.get("zone"), layers=layers,
                               region=st.session_state.get("region", WHOLE_BODY),
                               meridian=tuple(st.session_state.get("meridians", [])))


def _on_region() -> None:
    # A zoomed view is for reading crowded sites: show their labels.
    if st.session_state.get("region", WHOLE_BODY) != WHOLE_BODY:
        st.session_state[LAYER_KEYS["labels"]] = True


def _sync_url(state: url_state.ViewState) -> None:
    wanted = url_state.to_params(state)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def _sidebar(ds: Dataset) -> None:
    with st.sidebar:
        st.radio("View", body.VIEWS, key="view", format_func=str.capitalize, horizontal=True)
        available = regions_for(st.session_state["view"])
        if st.session_state.get("region") not in available:
            st.session_state["region"] = WHOLE_BODY
        st.selectbox("Zoom", available, key="region", format_func=REGION_LABELS.__getitem__, on_change=_on_region,
                     help="Close views of crowded areas: the face, hands and feet.")
        st.multiselect("Channel pathways", CHANNEL_ORDER, key="meridians",
                       help="Draws each chosen channel through its points in order; where it passes to "
                            "another view the line ends with a label saying where it continues.")
        st.caption("Layers")
        st.checkbox("Skeletal landmarks", key=LAYER_KEYS["skeleton"])
        st.checkbox("Lungs and pleura", key=LAYER_KEYS["lungs"])
        st.checkbox("Risk zones", key=LAYER_KEYS["zones"],
                    help="Chest, neck, upper back, kidney and eye: where a deep needle can reach "
                         "something vital.")
        st.checkbox("Site labels", key=LAYER_KEYS["labels"])
        st.caption("Show")
        st.checkbox(KIND_STYLE["acupoint"]["label"], value=True, key="show_acupoint")
        st.checkbox(KIND_STYLE["trigger_point"]["label"], value=True, key="show_trigger_point")
        options = ["", *sorted(ds.sites.index, key=_natural_key)]
        labels = {sid: f"{sid} · {ds.sites.at[sid, 'name']}" for sid in ds.sites.index}
        labels[""] = "Choose a site…"
        st.selectbox("Go to a site", options, key="site_picker", format_func=labels.__getitem__,
                     on_change=_on_pick, args=(ds,))


def _natural_key(site_id: str) -> tuple:
    """Sort GB2 before GB10."""
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", site_id))


def _details(ds: Dataset, site_id: str | None) -> None:
    if not site_id or site_id not in ds.sites.index:
        st.info("Click a site on the diagram, or choose one in the sidebar, to see its location, "
                "depth, angle, cautions and sources.")
        return
    row = ds.sites.loc[site_id]
    st.subheader(ui.plain(details.title(row)))
    views = _views_of(ds, site_id)
    if st.session_state["view"] not in views:
        st.caption(ui.plain(f"Drawn in the {views[0]} view."))
    for field in details.site_fields(ds, site_id):
        text = ui.plain(field.value)
        if field.emphasis:
            st.warning(f"**{field.label}.** {text}")
        else:
            st.markdown(f"**{field.label}.** {text}")
    if row["risk_zone"]:
        st.markdown("**Depth gauge.** The usual range set against published distances to the "
                    "structure at risk.")
        widgets.depth_gauge_panel(ds, site_id, key_prefix="explore")
    refs = details.references(ds, site_id)
    with st.expander(f"Sources ({len(refs)})", expanded=True):
        for key, citation in refs:
            st.markdown(f"- **{ui.plain(key)}**: {ui.plain(citation)}")


def render() -> None:
    ds = ui.require_dataset()
    _init_from_url(ds)
    _consume_chart_click(ds)
    _sidebar(ds)

    st.title("Needle Site Explorer")
    st.caption(ui.EDUCATIONAL_NOTE)
    for notice in st.session_state.get("url_notices", []):
        st.warning(ui.plain(notice))

    state = _current_state()
    kinds = [k for k in KIND_STYLE if st.session_state.get(f"show_{k}", True)]
    shown = ds.sites.index[ds.sites["kind"].isin(kinds)]
    opts = FigureOptions(view=state.view, show_skeleton="skeleton" in state.layers,
                         show_lungs="lungs" in state.layers, show_zones="zones" in state.layers,
                         highlight_zone=state.zone, show_labels="labels" in state.layers,
                         selected=state.site, region=state.region, meridians=state.meridian,
                         theme="dark" if st.context.theme.type == "dark" else "light")
    fig = body_figure(ds, opts, site_ids=shown)
    chart_col, detail_col = st.columns([3, 2], gap="large")
    with chart_col:
        n_view = len(set(ds.sites.index[(ds.sites["view"] == state.view)]) & set(shown))
        st.caption(ui.plain(f"{n_view} sites drawn in the {state.view} view. Hover for the code and "
                            "name; click a site for its details."))
        st.plotly_chart(fig, key=CHART_KEY, on_select="rerun", selection_mode="points",
                        width="stretch", config={"displayModeBar": False, "scrollZoom": False})
    with detail_col:
        _details(ds, state.site)
    _sync_url(state)
