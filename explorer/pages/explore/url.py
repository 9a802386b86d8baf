"""The explore page's state and the URL: taken from the link on a session's
first run (and whenever the link changes under it), written back every run."""

from __future__ import annotations

import streamlit as st

from explorer import pain
from explorer import state as url_state
from explorer.data import Dataset
from explorer.figures import WHOLE_BODY
from explorer.pages.explore.keys import LAYER_LABELS
from explorer.pages.explore.session import filter_signature, muscles, open_lesson, select, site_views


def init_from_url(ds: Dataset) -> None:
    """Take the state from the link on the first run, and again whenever the
    link changes under us (a link to this page from another page, back/forward)."""
    params = st.query_params.to_dict()
    if st.session_state.get("url_loaded") and params == st.session_state.get("synced_params") \
            and "view" in st.session_state:
        return
    parsed, notices = url_state.parse(params, site_views(ds), muscles=muscles(ds))
    ss = st.session_state
    ss["view"] = parsed.view
    ss["selected_site"] = parsed.site
    ss["zone"] = parsed.zone or ""
    ss["region"] = parsed.region
    ss["meridians"] = list(parsed.meridian)
    ss["mode"] = parsed.mode
    ss["q"] = parsed.q
    ss["kind"] = parsed.kind or ""
    ss["muscle"] = parsed.muscle or ""
    ss["area"] = parsed.area or ""
    ss["use"] = parsed.use
    ss["pain"] = parsed.pain
    ss["pain_mode"] = bool(parsed.pain)
    ss["pain_area"] = parsed.pain if parsed.pain in pain.PAIN_AREAS else ""
    ss["lesson"] = parsed.lesson
    ss["layout"] = parsed.layout
    ss["chooser"] = None
    spot = pain.parse_spot(parsed.pain) if parsed.pain else None
    if spot and "view" not in params:
        ss["view"] = spot[0]
    # An explicit view in the link wins; otherwise the filters may choose one.
    ss["filter_signature"] = None if "view" not in params and not parsed.site else filter_signature()
    layers = set(parsed.layers)
    if parsed.zone:
        layers.add("zones")
    ss["layers"] = [layer for layer in LAYER_LABELS if layer in layers]
    if parsed.lesson:
        lesson, problem = open_lesson(parsed.lesson, ds)
        if lesson is None:
            notices.append(f"The lesson in the link could not be opened: {problem}")
            ss["lesson"] = None
        elif not parsed.site and lesson.steps:
            select(ds, lesson.steps[0].site_id)
    ss["url_notices"] = notices
    ss["url_loaded"] = True
    ss["synced_params"] = params


def current_state() -> url_state.ViewState:
    ss = st.session_state
    layers = tuple(layer for layer in LAYER_LABELS if layer in (ss.get("layers") or ()))
    return url_state.ViewState(
        view=ss["view"], site=ss.get("selected_site"), zone=ss.get("zone") or None, q=ss.get("q", ""),
        meridian=tuple(ss.get("meridians", [])), muscle=ss.get("muscle") or None, mode=ss.get("mode") or "student",
        layers=layers, region=ss.get("region", WHOLE_BODY), kind=ss.get("kind") or None,
        area=ss.get("area") or None, use=ss.get("use", ""),
        pain=ss.get("pain") if ss.get("pain_mode") else None, lesson=ss.get("lesson"),
        layout=ss.get("layout") or "single")


def sync_url(state: url_state.ViewState) -> None:
    wanted = url_state.to_params(state)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    st.session_state["synced_params"] = wanted
