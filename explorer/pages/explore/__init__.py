"""Explore: the body diagram, finding sites, "where does it hurt?", and the
chosen site's details, in student, patient or presentation mode.

Thin: widgets -> domain (state, search, pain, figures, details) -> streamlit.
The chosen site lives in session state and in the URL, because the chart's
own selection resets whenever the figure changes. The URL holds the whole
screen: a copied link reproduces it.

The page's parts, each in its own module:

    keys.py          widget keys, labels and limits
    session.py       session-state helpers: a site's views, choosing a site, layers
    url.py           the state <-> the URL (state.parse / state.to_params)
    events.py        chart clicks and widget callbacks, handled before the widgets draw
    matches.py       what is shown: a lesson, a painful spot's trigger points, the filters' matches
    sidebar.py       the sidebar's widgets
    layout.py        the screen: a diagram as tall as the window; presentation collapses the sidebar
    diagram.py       the figure options, the chart, the thumbnails of other views, alt text, exports
    panels.py        "where does it hurt?", the chooser, the results table, the site's details
    presentation.py  presentation mode: Previous / Next, the quiz cover
"""

from __future__ import annotations

import streamlit as st

from explorer import ui
from explorer.pages.explore import layout
from explorer.pages.explore.diagram import diagram, shown_sites
from explorer.pages.explore.events import consume_chart_click, keep_hidden_filters
from explorer.pages.explore.keys import (
    CHART_KEY,
    LAYER_LABELS,
    MAX_PATTERNS,
    MORE_FILTERS_KEY,
    RESULTS_KEY,
    VIEW_PICK_KEY,
)
from explorer.pages.explore.matches import follow_matches, matches
from explorer.pages.explore.panels import chooser, pain_panel, results_table, site_details
from explorer.pages.explore.presentation import present_panel
from explorer.pages.explore.session import natural_key
from explorer.pages.explore.sidebar import sidebar
from explorer.pages.explore.url import current_state, init_from_url, sync_url

__all__ = ["CHART_KEY", "LAYER_LABELS", "MAX_PATTERNS", "MORE_FILTERS_KEY", "RESULTS_KEY", "VIEW_PICK_KEY", "render"]


def render() -> None:
    ds = ui.require_dataset()
    init_from_url(ds)
    keep_hidden_filters()
    consume_chart_click(ds)
    found = matches(ds)
    follow_matches(ds, found)
    sidebar(ds, offer_clear=found.filtering)
    state = current_state()
    present = state.mode == "present"
    layout.apply(present)
    if not present:  # in presentation the diagram takes the height; the heading goes beside it
        _heading()
    chart_col, side_col = st.columns([3, 2], gap="large")
    with chart_col:
        diagram(ds, state, found)
    with side_col:
        if present:
            _heading()
        st.toggle("Where does it hurt?", key="pain_mode",
                  help="Find the trigger points whose referred pain covers a painful spot.")
        if st.session_state.get("pain_mode"):
            pain_panel()
        chooser(ds)
        if present:
            ids = found.ids if found.filtering else sorted(shown_sites(ds, state), key=natural_key)
            present_panel(ds, ids, found.notes)
        else:
            if found.filtering:
                results_table(ds, found.ids, found.pain_hits)
            site_details(ds, state.site, state.mode)
    sync_url(state)


def _heading() -> None:
    st.title("Needle Site Explorer")
    st.caption(ui.EDUCATIONAL_NOTE)
    for notice in st.session_state.get("url_notices", []):
        st.warning(ui.plain(notice))
