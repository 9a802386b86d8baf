"""Sources and data: every reference, and what the dataset holds."""

from __future__ import annotations

import streamlit as st

from explorer import details, ui
from explorer.data import MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS, load_own_dataset


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
        "the shallowest measured distance to danger. Some references give only a depth range for the "
        "depth gauge, a measured distance to danger, or a line on the Safety and Compare pages: the four "
        "counts beside each key say what it carries.")
    usage = details.source_usage(ds).rename(columns={"sites": "sites citing it"})
    # The counts come before the long citation text, where a reader sees them without scrolling sideways.
    table = ds.sources[["key", "kind"]].join(usage).join(ds.sources[["citation", "identifier", "note"]])
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={"citation": st.column_config.TextColumn(width="large"),
                                "note": st.column_config.TextColumn(width="medium")})
    _own_data()


def _own_data() -> None:
    st.header("Use your own data")
    st.markdown(
        "Instructors can load their own sites for this browser session: upload a `sites.csv` and a "
        "`sources.csv` (and, if you have them, `referrals.csv`, `site_placements.csv` and "
        "`depth_measurements.csv`) in the format of `docs/DATA.md`. They are checked against the same "
        f"contract as the bundled data; files are limited to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB and "
        f"{MAX_UPLOAD_ROWS:,} rows. Nobody else sees them, and nothing is stored on the server.")
    files = st.file_uploader("Tables (CSV)", type=["csv"], accept_multiple_files=True, key="own_files")
    if st.button("Check and use these files", disabled=not files):
        own = load_own_dataset({f.name: f.getvalue() for f in files or []})
        if own.problems:
            ui.show_problems(own.problems, title="Your files do not meet the contract")
        else:
            st.session_state[ui.OWN_DATA_KEY] = own
            st.success(f"Loaded {len(own.sites)} sites. The explorer now shows your data in this session.")
            st.rerun()
    if ui.own_dataset() is not None and st.button("Return to the bundled dataset"):
        del st.session_state[ui.OWN_DATA_KEY]
        st.rerun()
