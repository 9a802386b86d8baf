"""Presentation mode: large type, one site at a time with Previous and Next,
and a quiz cover that hides names and labels until Reveal."""

from __future__ import annotations

import streamlit as st

from explorer import details, ui
from explorer.data import Dataset
from explorer.pages.explore.session import select


def step(ids: list[str], ds: Dataset, delta: int) -> None:
    if not ids:
        return
    current = st.session_state.get("selected_site")
    i = ids.index(current) + delta if current in ids else 0
    select(ds, ids[i % len(ids)])
    st.session_state["revealed"] = False


def present_panel(ds: Dataset, ids: list[str], notes: dict[str, str]) -> None:
    """Presentation: one site at a time, large, with next/previous and a quiz cover."""
    ss = st.session_state
    current = ss.get("selected_site")
    position = f"{ids.index(current) + 1} of {len(ids)}" if current in ids else f"{len(ids)} sites"
    back, where, forward = st.columns([2, 1, 2])
    back.button("◀ Previous", on_click=step, args=(ids, ds, -1), width="stretch", key="present_prev")
    where.markdown(f"<div style='text-align:center;font-size:1.3rem'>{position}</div>", unsafe_allow_html=True)
    forward.button("Next ▶", on_click=step, args=(ids, ds, 1), width="stretch", key="present_next")
    st.toggle("Quiz: hide names and labels", key="quiz_cover")
    if not current or current not in ds.sites.index:
        st.info("Press Next to step through the current selection.")
        return
    if ss.get("quiz_cover") and not ss.get("revealed"):
        st.subheader("Which site is this?")
        st.button("Reveal", on_click=lambda: ss.__setitem__("revealed", True), key="present_reveal")
        return
    row = ds.sites.loc[current]
    st.subheader(ui.plain(details.title(row)))
    if notes.get(current):
        st.info(ui.plain(notes[current]))
    st.markdown(ui.plain(row["location"]))
    st.markdown(f"**Usual depth.** {ui.plain(details.depth_text(row))}  \n"
                f"**Angle.** {ui.plain(details.angle_text(row))}")
    if row["risk_zone"]:
        st.warning(ui.plain(row["risk_note"]))
