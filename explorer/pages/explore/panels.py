"""The panels beside the diagram: "where does it hurt?", the results table
and the chosen site's details."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer import details, pain, ui, widgets
from explorer.data import Dataset
from explorer.pages.explore.events import on_choose, on_pain_area, on_result_row
from explorer.pages.explore.keys import CHOOSER_KEY, MAX_TABLE_ROWS, RESULTS_KEY
from explorer.pages.explore.session import views_of


def pain_panel() -> None:
    st.markdown("**Where does it hurt?** Click the painful spot on the diagram, or pick an area. The "
                "list shows the trigger points whose referred pain covers it, nearest first.")
    labels = {k: v[0] for k, v in pain.PAIN_AREAS.items()}
    labels[""] = "Pick an area…"
    st.selectbox("Painful area", ["", *pain.PAIN_AREAS], key="pain_area", format_func=labels.__getitem__,
                 on_change=on_pain_area)


def chooser(ds: Dataset) -> None:
    """Where a click landed on several overlapping markers (upper trapezius TP1
    on GB21), the sites there, nearest first, for the reader to choose from."""
    near = [sid for sid in st.session_state.get("chooser") or () if sid in ds.sites.index]
    if not near:
        return
    names = ds.sites["name"]
    st.radio(f"{len(near)} sites lie under that click. Which one?", near, key=CHOOSER_KEY, index=None,
             format_func=lambda sid: f"{sid} · {names.at[sid]}", on_change=on_choose, args=(ds,))


def results_table(ds: Dataset, ids: list[str], matches: list[pain.PainMatch] | None) -> None:
    if not ids and matches is not None:
        st.info("No trigger point in the dataset refers pain to this spot. Try a spot nearby, or pick an area.")
        return
    if not ids:
        st.info("Nothing matches. Loosen a filter, or clear them all in the sidebar.")
        return
    if len(ids) > MAX_TABLE_ROWS:
        st.caption(f"The table lists the first {MAX_TABLE_ROWS} of {len(ids)}; narrow the search to see others.")
        ids = ids[:MAX_TABLE_ROWS]
        matches = matches[:MAX_TABLE_ROWS] if matches is not None else None
    sites = ds.sites.loc[ids]
    table = pd.DataFrame({
        "code": sites["site_id"],
        "name": sites["name"],
        "channel / muscle": [m or c for m, c in zip(sites["muscle"], sites["meridian"], strict=False)],
        "region": sites["region"].str.replace("_", " "),
        "risk zone": sites["risk_zone"].map(lambda z: str(ds.zones.at[z, "label"]) if z in ds.zones.index else ""),
    })
    if matches is not None:
        table.insert(2, "distance (B-cun)", [m.distance_cun for m in matches])
        table.insert(3, "pain area", [m.area for m in matches])
    st.dataframe(table, hide_index=True, width="stretch", height=min(38 + 35 * len(ids), 320),
                 key=RESULTS_KEY, on_select=lambda: on_result_row(ids, ds), selection_mode="single-row")


def site_details(ds: Dataset, site_id: str | None, mode: str) -> None:
    if not site_id or site_id not in ds.sites.index:
        st.info("Click a site on the diagram, choose a row in the table, or pick one in the sidebar, to "
                "see its location, depth, angle, cautions and sources.")
        return
    row = ds.sites.loc[site_id]
    st.subheader(ui.plain(details.title(row)))
    views = views_of(ds, site_id)
    if st.session_state["view"] not in views:
        st.caption(ui.plain(f"Drawn in the {views[0]} view."))
    for field in details.site_fields(ds, site_id, patient=mode == "patient"):
        text = ui.plain(field.value)
        if field.emphasis:
            st.warning(f"**{field.label}.** {text}")
        else:
            st.markdown(f"**{field.label}.** {text}")
    if row["risk_zone"] and mode == "student":
        st.markdown("**Depth gauge.** The usual range set against published distances to the "
                    "structure at risk.")
        widgets.depth_gauge_panel(ds, site_id, key_prefix="explore")
    refs = details.references(ds, site_id)
    with st.expander(f"Sources ({len(refs)})", expanded=mode == "student"):
        for ref in refs:
            citation = ref.citation or "not listed in sources.csv"
            role = "" if ref.used_for == details.SITE_SOURCE else f" *({ref.used_for})*"
            st.markdown(f"- **{ui.plain(ref.key)}**{role}: {ui.plain(citation)}")
