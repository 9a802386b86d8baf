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
    diagram.py       the figure options, the chart, its alt text, the exports
    panels.py        "where does it hurt?", the results table, the site's details
    presentation.py  presentation mode: Previous / Next, the quiz cover
"""

from __future__ import annotations

import streamlit as st

from explorer import ui
from explorer.pages.explore.diagram import diagram, shown_sites
from explorer.pages.explore.events import consume_chart_click, keep_hidden_filters
from explorer.pages.explore.keys import CHART_KEY, LAYER_LABELS, MAX_PATTERNS, MORE_FILTERS_KEY, RESULTS_KEY
from explorer.pages.explore.matches import follow_matches, matches
from explorer.pages.explore.panels import pain_panel, results_table, site_details
from explorer.pages.explore.presentation import PRESENT_STYLE, present_panel
from explorer.pages.explore.session import natural_key
from explorer.pages.explore.sidebar import sidebar
from explorer.pages.explore.url import current_state, init_from_url, sync_url

__all__ = ["CHART_KEY", "LAYER_LABELS", "MAX_PATTERNS", "MORE_FILTERS_KEY", "RESULTS_KEY", "render"]


def render() -> None:
    ds = ui.require_dataset()
    init_from_url(ds)
    keep_hidden_filters()
    consume_chart_click(ds)
    found = matches(ds)
    follow_matches(ds, found)
    sidebar(ds, offer_clear=found.filtering)
    state = current_state()
    if state.mode == "present":
        st.markdown(PRESENT_STYLE, unsafe_allow_html=True)

    st.title("Needle Site Explorer")
    st.caption(ui.EDUCATIONAL_NOTE)
    for notice in st.session_state.get("url_notices", []):
        st.warning(ui.plain(notice))
    st.toggle("Where does it hurt?", key="pain_mode",
              help="Find the trigger points whose referred pain covers a painful spot.")

    chart_col, side_col = st.columns([3, 2], gap="large")
    with chart_col:
        diagram(ds, state, found)
    with side_col:
        if st.session_state.get("pain_mode"):
            pain_panel()
        if state.mode == "present":
            ids = found.ids if found.filtering else sorted(shown_sites(ds, state), key=natural_key)
            present_panel(ds, ids, found.notes)
        else:
            if found.filtering:
                results_table(ds, found.ids, found.pain_hits)
            site_details(ds, state.site, state.mode)
    sync_url(state)
