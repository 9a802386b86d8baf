"""The explore page's events, handled before the widgets draw: chart clicks
and the widgets' callbacks."""

from __future__ import annotations

import streamlit as st

from explorer import body, pain
from explorer.data import Dataset
from explorer.figures import GRID_ID, WHOLE_BODY
from explorer.pages.explore.keys import CHART_KEY, HIDDEN_FILTER_KEYS, RESULTS_KEY
from explorer.pages.explore.session import select, show_layer


def consume_chart_click(ds: Dataset) -> None:
    """A new click on the chart: a site selects it; bare skin (in pain mode) marks the painful spot."""
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
    clicked = custom[0] if isinstance(custom, (list, tuple)) and custom else None
    if clicked == GRID_ID:
        view = st.session_state.get("view", "anterior")
        try:
            x, y = body.to_plot(view, float(points[0]["x"])), float(points[0]["y"])
        except (KeyError, TypeError, ValueError):
            return
        st.session_state["pain"] = pain.spot_text(view, x, y)
        st.session_state["pain_area"] = ""
    elif clicked in ds.sites.index:
        select(ds, clicked)


def on_pick(ds: Dataset) -> None:
    picked = st.session_state.get("site_picker")
    if picked:
        select(ds, picked)


def on_pain_area() -> None:
    area = st.session_state.get("pain_area")
    if area:
        st.session_state["pain"] = area
        st.session_state["view"] = pain.PAIN_AREAS[area][1]
        st.session_state["region"] = WHOLE_BODY


def on_zone() -> None:
    # A chosen zone is shown as well as filtered, as a link with zone= does.
    if st.session_state.get("zone"):
        show_layer("zones")


def on_region() -> None:
    # A zoomed view is for reading crowded sites: show their labels.
    if st.session_state.get("region", WHOLE_BODY) != WHOLE_BODY:
        show_layer("labels")


def on_result_row(ids: list[str], ds: Dataset) -> None:
    event = st.session_state.get(RESULTS_KEY)
    rows = event.get("selection", {}).get("rows", []) if isinstance(event, dict) else \
        getattr(getattr(event, "selection", None), "rows", [])
    if rows and 0 <= rows[0] < len(ids):
        select(ds, ids[rows[0]])


def clear_filters() -> None:
    ss = st.session_state
    for key in ("q", "use"):
        ss[key] = ""
    for key in ("kind", "muscle", "area", "zone"):
        ss[key] = ""
    ss["meridians"] = []
    ss["pain_mode"] = False
    ss["pain"] = None
    ss["lesson"] = None


def keep_hidden_filters() -> None:
    """Streamlit forgets the value of a widget not drawn in a run; the filters
    inside the closed expander are not drawn, so their values are handed back
    to the session state (where widgets drawn later pick them up)."""
    ss = st.session_state
    for key in HIDDEN_FILTER_KEYS:
        if key in ss:
            ss[key] = ss[key]
