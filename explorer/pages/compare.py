"""Compare: dry needling and acupuncture side by side, and both views of how they relate."""

from __future__ import annotations

import streamlit as st

from explorer import content, ui, widgets


def render() -> None:
    ds = ui.require_dataset()
    st.title("Dry needling and acupuncture")
    st.caption(ui.EDUCATIONAL_NOTE)
    st.markdown("Both put a fine, solid needle into the body. They differ in the theory behind the needle, in "
                "how it is used and in who uses it, and people disagree about how different they really are. "
                "The table sets them side by side; the views below present both sides of that debate.")
    rows = content.load_comparison()
    keys: list[str] = []
    head = st.columns([1, 2, 2])
    head[0].markdown("&nbsp;")
    head[1].subheader("Dry needling")
    head[2].subheader("Acupuncture")
    for row in rows:
        with st.container(border=True):
            aspect, dry, acu = st.columns([1, 2, 2])
            aspect.markdown(f"**{ui.plain(row.aspect.capitalize())}**")
            dry.markdown(ui.plain(row.dry_needling))
            acu.markdown(ui.plain(row.acupuncture))
            st.caption(ui.plain("Sources: " + "; ".join(row.sources)))
        keys += row.sources
    views = content.load_text("compare_views.md")
    st.markdown(views.markdown)
    keys += views.keys
    st.page_link(_safety_page(), label="Safety: pneumothorax, how rare it is and who is at risk", icon="⚠️")
    widgets.reference_list(ds, keys)


def _safety_page() -> st.Page:
    from explorer.pages import nav  # nav imports this page

    return nav.page("safety")
