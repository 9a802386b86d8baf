"""The explore page's sidebar: mode, find, the lazy filters, the diagram's
view, zoom and layers, and the site picker."""

from __future__ import annotations

import streamlit as st

from explorer import body
from explorer.data import Dataset
from explorer.figures import BOTH_VIEWS, CHANNEL_ORDER, REGION_LABELS, WHOLE_BODY, regions_for
from explorer.pages.explore.events import clear_filters, on_pick, on_region, on_view_pick, on_zone
from explorer.pages.explore.keys import (
    HIDDEN_FILTER_KEYS,
    KIND_LABELS,
    LAYER_LABELS,
    MAX_PICKER,
    MODE_LABELS,
    MORE_FILTERS_KEY,
    VIEW_PICK_KEY,
)
from explorer.pages.explore.session import muscles, natural_key
from explorer.schema import REGIONS as BODY_REGIONS


def sidebar(ds: Dataset, offer_clear: bool) -> None:
    """The sidebar's widgets; ``offer_clear``: whether anything (filters, a
    lesson, a painful spot) narrows the page, so that "Clear filters" has work."""
    ss = st.session_state
    with st.sidebar:
        st.segmented_control("Mode", list(MODE_LABELS), key="mode", format_func=MODE_LABELS.__getitem__,
                             help="Student: full detail. Patient: plain words, no needling technique. "
                                  "Present: large type for class, with next and previous.")
        if not ss.get("mode"):
            ss["mode"] = "student"
        st.subheader("Find")
        st.text_input("Search", key="q", placeholder="Code, name, pinyin, 汉字 or muscle",
                      help="GB21, Shoulder Well, jianjing or Jiānjǐng, 肩井, trapezius …")
        st.segmented_control("Kind", list(KIND_LABELS), key="kind", format_func=KIND_LABELS.__getitem__)
        _more_filters(ds)
        if offer_clear:  # nothing to clear otherwise
            st.button("Clear filters" if not ss.get("lesson") else "Close the lesson and clear filters",
                      on_click=clear_filters, width="stretch")

        st.subheader("Diagram")
        # One radio for the three views and the front-and-back layout; the
        # page state keeps view and layout apart (the URL's view= and layout=).
        ss[VIEW_PICK_KEY] = BOTH if ss.get("layout") == "both" else ss["view"]
        st.radio("View", VIEW_CHOICES, key=VIEW_PICK_KEY, format_func=VIEW_LABELS.__getitem__, horizontal=True,
                 on_change=on_view_pick)
        available = regions_for(ss["view"]) if ss.get("layout") != "both" else regions_for_both()
        if ss.get("region") not in available:
            ss["region"] = WHOLE_BODY
        st.selectbox("Zoom", available, key="region", format_func=REGION_LABELS.__getitem__, on_change=on_region,
                     help="Close views of crowded areas: the head and neck, hands and feet.")
        st.pills("Layers", list(LAYER_LABELS), key="layers", selection_mode="multi",
                 format_func=LAYER_LABELS.__getitem__,
                 help="Risk zones: chest, neck, upper back, kidney and eye, where a deep needle can reach "
                      "something vital.")
        options, labels = picker_options(ds)
        st.selectbox("Go to a site", options, key="site_picker", format_func=labels.__getitem__,
                     on_change=on_pick, args=(ds,), help="Type to search the list; reachable by keyboard.")


def _more_filters(ds: Dataset) -> None:
    """Lazy: these five widgets are drawn only while the expander is open (it
    opens by itself when a link brings one of them set). Widgets cost the
    first render in the browser; the page's state keeps their values."""
    ss = st.session_state
    muscle_options = ["", *muscles(ds)]
    if ss.get("muscle") not in muscle_options:
        ss["muscle"] = ""
    zones = ["", *ds.zones.index]
    if ss.get("zone") not in zones:
        ss["zone"] = ""
    more = st.expander("Channel, muscle and more", key=MORE_FILTERS_KEY,
                       expanded=any(ss.get(key) for key in HIDDEN_FILTER_KEYS), on_change="rerun")
    if not more.open:
        return
    with more:
        st.multiselect("Meridians", CHANNEL_ORDER, key="meridians",
                       help="Filters to the chosen channels and draws each pathway through its points "
                            "in order; where it passes to another view the line ends with a label "
                            "saying where it continues.")
        st.selectbox("Muscle", muscle_options, key="muscle", format_func=lambda m: m.capitalize() or "Any muscle",
                     help="Shows every trigger point of the muscle, with their referred-pain patterns.")
        st.selectbox("Body region", ["", *BODY_REGIONS], key="area",
                     format_func=lambda r: r.replace("_", " ").capitalize() or "Anywhere")
        st.selectbox("Risk zone", zones, key="zone", on_change=on_zone,
                     format_func=lambda z: str(ds.zones.at[z, "label"]) if z else "Any (or none)",
                     help="Filters to sites in the zone and highlights its area on the diagram.")
        st.text_input("Condition or use", key="use", placeholder="headache, shoulder pain …")


BOTH = "both"
VIEW_CHOICES = (*body.VIEWS, BOTH)
VIEW_LABELS = {**{view: view.capitalize() for view in body.VIEWS}, BOTH: "Front and back"}


def regions_for_both() -> list[str]:
    """Zoom presets of the front-and-back layout: those both of its views have."""
    return [region for region in regions_for(BOTH_VIEWS[0]) if region in regions_for(BOTH_VIEWS[1])]


def picker_options(ds: Dataset) -> tuple[list[str], dict[str, str]]:
    """The site picker's options and labels, built once per dataset (every
    session shares them); a very large dataset lists its first MAX_PICKER."""
    cached = ds.derived.get("picker")
    if cached is None:
        ordered = sorted(ds.sites.index, key=natural_key)[:MAX_PICKER]
        names = ds.sites["name"]
        labels = {sid: f"{sid} · {names.at[sid]}" for sid in ordered}
        labels[""] = "Choose a site…"
        cached = ds.derived["picker"] = (["", *ordered], labels)
    return cached
