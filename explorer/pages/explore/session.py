"""Session-state helpers every part of the explore page uses: which views
show a site, choosing a site, showing a layer, the filters' signature."""

from __future__ import annotations

import re

import streamlit as st

from explorer import lessons
from explorer.data import Dataset
from explorer.figures import BOTH_VIEWS, WHOLE_BODY
from explorer.pages.explore.keys import LAYER_LABELS


def site_views(ds: Dataset) -> dict[str, str]:
    return dict(zip(ds.sites["site_id"], ds.sites["view"], strict=False))


def views_of(ds: Dataset, site_id: str) -> list[str]:
    own = [str(ds.sites.at[site_id, "view"])]
    extra = ds.placements.loc[ds.placements["site_id"] == site_id, "view"].tolist() if len(ds.placements) else []
    return own + [v for v in extra if v not in own]


def muscles(ds: Dataset) -> list[str]:
    found = ds.derived.get("muscles")
    if found is None:  # every rerun draws the muscle filter; the list never changes
        found = ds.derived["muscles"] = sorted(set(ds.sites["muscle"]) - {""})
    return found


def select(ds: Dataset, site_id: str | None) -> None:
    """Choose a site, turning to a view that shows it (the front-and-back
    layout stays when one of its views does)."""
    ss = st.session_state
    ss["selected_site"] = site_id
    ss["chooser"] = None
    if not site_id:
        return
    views = views_of(ds, site_id)
    if ss.get("layout") == "both":
        if any(view in BOTH_VIEWS for view in views):
            return
        ss["layout"] = "single"
    elif ss.get("view") in views:
        return
    ss["view"] = views[0]
    ss["region"] = WHOLE_BODY


def show_view(view: str) -> None:
    """Show the whole body in a view: the front-and-back layout stays when it holds the view."""
    ss = st.session_state
    ss["view"] = view
    if view not in BOTH_VIEWS:
        ss["layout"] = "single"
    ss["region"] = WHOLE_BODY


def show_layer(layer: str) -> None:
    shown = set(st.session_state.get("layers") or ())
    st.session_state["layers"] = [name for name in LAYER_LABELS if name in shown or name == layer]


def filter_signature() -> tuple:
    ss = st.session_state
    return (ss.get("q", ""), ss.get("kind"), tuple(ss.get("meridians", [])), ss.get("muscle"), ss.get("area"),
            ss.get("zone"), ss.get("use", ""))


def open_lesson(token: str, ds: Dataset) -> tuple[lessons.Lesson | None, str | None]:
    """The lesson a link carries, or why it could not be opened."""
    try:
        return lessons.decode(token, set(ds.sites.index)), None
    except lessons.LessonError as exc:
        return None, "; ".join(exc.problems)


def natural_key(site_id: str) -> tuple:
    """Sort GB2 before GB10."""
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", site_id))
