"""The explore page's screen layout: a diagram that fills the window.

The chart is drawn with ``height="stretch"``, so it takes the height of its
element container, which this CSS sets from the window's height (vh): the
whole window below the page's heading on a laptop, and nearly the whole
screen in presentation mode, where the sidebar starts collapsed. Streamlit
gives a keyed element the class ``st-key-<key>``.
"""

from __future__ import annotations

import streamlit as st

from explorer.pages.explore.keys import CHART_KEY

# What lies above the chart, in px: the page's top padding, the title, the
# note and the describing sentence (normal), or the sentence only (present).
ABOVE_CHART = {"normal": 200, "present": 124}
MIN_HEIGHT = {"normal": 560, "present": 640}

_BASE = """
[data-testid="stMainBlockContainer"] {{ padding-top: 2.2rem; padding-bottom: 1rem; }}
[data-testid="stMain"] h1 {{ font-size: 2rem; padding: 0 0 0.2rem 0; }}
.st-key-{chart} {{ height: calc(100vh - {above}px); min-height: {min}px; }}
"""
_PRESENT = """
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.35rem; line-height: 1.5; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 0.9rem; }
[data-testid="stMain"] button p { font-size: 1.1rem; }
[data-testid="stMain"] h2, [data-testid="stMain"] h3 { font-size: 2.2rem; }
[data-testid="stMainBlockContainer"] { padding-top: 3.75rem; padding-left: 2rem; padding-right: 2rem; }
"""


def page_style(present: bool) -> str:
    """The page's CSS: the chart's height from the window's, and the large type of presentation mode."""
    kind = "present" if present else "normal"
    css = _BASE.format(chart=CHART_KEY, above=ABOVE_CHART[kind], min=MIN_HEIGHT[kind])
    return f"<style>{css}{_PRESENT if present else ''}</style>"


def apply(present: bool) -> None:
    """Style the page; on entering presentation mode, collapse the sidebar (once: a
    presenter who opens it again keeps it open)."""
    ss = st.session_state
    if present and not ss.get("sidebar_collapsed"):
        st.set_page_config(initial_sidebar_state="collapsed")
    ss["sidebar_collapsed"] = present
    st.html(page_style(present))
