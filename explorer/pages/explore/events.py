"""The explore page's events, handled before the widgets draw: chart clicks
and the widgets' callbacks."""

from __future__ import annotations

import streamlit as st

from explorer import body, pain
from explorer.data import Dataset
from explorer.figures import GRID_ID, WHOLE_BODY, sites_near
from explorer.pages.explore.keys import CHART_KEY, CHOOSER_KEY, HIDDEN_FILTER_KEYS, RESULTS_KEY, VIEW_PICK_KEY
from explorer.pages.explore.session import select, show_layer, show_view


def consume_chart_click(ds: Dataset) -> None:
    """A new click on the chart: a site selects it, or offers a chooser when
    other markers lie under the click; bare skin (in pain mode) marks the
    painful spot."""
    ss = st.session_state
    event = ss.get(CHART_KEY)
    points = []
    if event:
        selection = event.get("selection", {}) if isinstance(event, dict) else getattr(event, "selection", {})
        points = selection.get("points", []) if isinstance(selection, dict) else []
    signature = tuple((p.get("curve_number"), p.get("point_index"), p.get("x"), p.get("y")) for p in points)
    if not points or signature == ss.get("last_click"):
        return
    ss["last_click"] = signature
    point = points[0]
    custom = point.get("customdata")
    clicked = custom[0] if isinstance(custom, (list, tuple)) and custom else None
    if clicked == GRID_ID:
        view = custom[1] if len(custom) > 1 and custom[1] in body.VIEWS else ss.get("view", "anterior")
        try:
            x, y = body.to_plot(view, float(point["x"])), float(point["y"])
        except (KeyError, TypeError, ValueError):
            return
        ss["pain"] = pain.spot_text(view, x, y)
        ss["pain_area"] = ""
    elif clicked in ds.sites.index:
        near = _sites_under(ds, point)
        if len(near) > 1:
            ss["chooser"] = near  # several markers at this spot: the reader picks (panels.chooser)
            ss.pop(CHOOSER_KEY, None)  # a fresh choice, even among the same sites as before
        else:
            select(ds, clicked)


def _sites_under(ds: Dataset, point: dict) -> list[str]:
    """The sites whose markers lie under a click (within the radius the page
    worked out for the figure it drew last run, ``chart_drawn``), nearest first."""
    drawn = st.session_state.get("chart_drawn")
    try:
        curve, x, y = int(point["curve_number"]), float(point["x"]), float(point["y"])
        view = drawn["trace_views"][curve]
    except (KeyError, TypeError, ValueError, IndexError):
        return []
    if view not in body.VIEWS:
        return []
    return sites_near(ds, view, x, y, drawn["radius"], drawn["site_ids"])


def on_choose(ds: Dataset) -> None:
    chosen = st.session_state.get(CHOOSER_KEY)
    if chosen:
        select(ds, chosen)


def on_view_pick() -> None:
    # The zoom stays (the sidebar falls back to the whole body where the view has no such preset).
    ss = st.session_state
    picked = ss.get(VIEW_PICK_KEY)
    if picked == "both":
        ss["layout"] = "both"
    elif picked in body.VIEWS:
        ss["view"], ss["layout"] = picked, "single"


def on_pick(ds: Dataset) -> None:
    picked = st.session_state.get("site_picker")
    if picked:
        select(ds, picked)


def on_pain_area() -> None:
    area = st.session_state.get("pain_area")
    if area:
        st.session_state["pain"] = area
        show_view(pain.PAIN_AREAS[area][1])


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
