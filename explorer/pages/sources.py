"""Sources and data: every reference, and what the dataset holds."""

from __future__ import annotations

import streamlit as st

from explorer import ui


def render() -> None:
    ds = ui.require_dataset()
    st.title("Sources and data")
    st.caption(ui.EDUCATIONAL_NOTE)
    counts = ds.sites["kind"].value_counts()
    acupoints = int(counts.get("acupoint", 0))
    trigger_points = int(counts.get("trigger_point", 0))
    muscles = ds.sites.loc[ds.sites["kind"] == "trigger_point", "muscle"].nunique()
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Acupoints", acupoints)
    c2.metric("Trigger points", trigger_points)
    c3.metric("Muscles", muscles)
    c4.metric("References", len(ds.sources))
    st.markdown(
        "Every site cites one or more of the references below. Locations follow the WHO standard "
        "(2008) for acupoints and the Travell and Simons trigger-point manuals for trigger points; "
        "descriptions are written in our own words. Depths in millimetres are converted from "
        "textbook cun at 22 mm per cun, except in a risk zone, where the maximum is kept below "
        "the shallowest measured distance to danger.")
    cited = ds.sites["sources"].str.split(";").explode().str.strip().value_counts()
    table = ds.sources[["key", "kind", "citation", "identifier", "note"]].copy()
    table["cited by"] = table["key"].map(cited).fillna(0).astype(int)
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={"citation": st.column_config.TextColumn(width="large"),
                                "note": st.column_config.TextColumn(width="medium")})
