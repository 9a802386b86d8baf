"""Safety: plain words for patients first, then detail and depth gauges for students."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer import content, depth_notes, depths, textbooks, ui, widgets
from explorer.data import Dataset
from explorer.zones import ZONE_ORDER

GAUGE_PICKER_KEY = "safety_gauge_site"


def render() -> None:
    ds = ui.require_dataset()
    st.title("Needling safety")
    st.caption(ui.EDUCATIONAL_NOTE)
    patients = content.load_text("safety_patients.md")
    students = content.load_text("safety_students.md")
    st.markdown(patients.markdown)
    _zones(ds)
    st.divider()
    st.header("For students: detail")
    st.markdown(students.markdown)
    _gauges(ds)
    widgets.reference_list(ds, [*patients.keys, *students.keys])


def _zones(ds: Dataset) -> None:
    from explorer.pages import nav  # nav imports this page

    st.subheader("Where the risk zones are")
    st.markdown("The explorer shades these areas when **Risk zones** is on. Each one lies over "
                "something a needle placed too deep can reach.")
    for zone in ZONE_ORDER:
        if zone not in ds.zones.index:
            continue
        row = ds.zones.loc[zone]
        n = int(ds.sites["risk_zone"].eq(zone).sum())
        with st.expander(f"{row['label']}: {n} sites", expanded=False):
            st.markdown(ui.plain(row["patient_summary"]))
            st.markdown(f"**What lies beneath.** {ui.plain(row['structures'])}")
            st.markdown(f"**How harm happens.** {ui.plain(row['mechanism'])}")
            st.markdown(f"**How practitioners stay clear.** {ui.plain(row['stay_clear'])}")
            st.page_link(nav.page("explore"), label=f"Show the {row['label'].lower()} zone on the diagram",
                         query_params={"zone": zone})


def _gauges(ds: Dataset) -> None:
    st.subheader("Depth gauges: usual depth against measured danger")
    st.markdown("Every site in a risk zone: its usual maximum needle length, the depth that needle reaches "
                "below the skin at the site's angle, and the shallowest published adult distance to the "
                "structure at risk. Vertical distances are read against the vertical reach, distances "
                "measured along a needle path against the needle's length; the margin is the smaller of "
                "the two. **Straight in** marks sites where the same needle, inserted perpendicular, would "
                "reach the nearest measured danger. ⚑ marks sites where the sources disagree, or where the "
                "usual maximum is deeper than the most cautious textbook. Choose a site to see its gauge.")
    risk = depths.risk_sites(ds)
    checks = {sid: depths.check_site(ds, sid) for sid in risk}  # both tables read them
    table = risk_site_table(ds, checks)
    st.dataframe(table, hide_index=True, width="stretch")
    with st.expander("Textbook depths side by side"):
        st.caption("Each book's range for each risk site beside the dataset's own (cun at 22 mm per cun): "
                   "the two flags first, then the books that cover the most sites. Sites with no textbook rows "
                   "say so, and "
                   f"“{textbooks.NOT_RECORDED}” marks a book the site cites whose range is not entered yet. "
                   "Where a source gives only the length of the needle it advises (many dry-needling rows), the cell "
                   "reads “a 25 mm needle”: a length, not a depth. "
                   f"“{textbooks.PAST_DANGER}” names the books whose maximum, at their own angle, would pass "
                   "the shallowest danger measured at the site.")
        st.dataframe(textbooks.side_by_side(ds, risk, checks), hide_index=True, width="stretch")
    labels = {sid: f"{sid} · {ds.sites.at[sid, 'name']}" for sid in risk}
    default = risk.index("GB21") if "GB21" in risk else 0
    site_id = st.selectbox("Site", risk, index=default, key=GAUGE_PICKER_KEY, format_func=labels.__getitem__)
    if site_id:
        widgets.depth_gauge_panel(ds, site_id, key_prefix="safety")


def risk_site_table(ds: Dataset, checks: dict[str, depths.DepthCheck]) -> pd.DataFrame:
    """One row per risk site (the keys of ``checks``): angle, needle, reach, nearest danger, THE RULE's
    margin and the flags."""
    records = []
    for sid, check in checks.items():
        site = ds.sites.loc[sid]
        label = ds.zones.at[site["risk_zone"], "label"] if site["risk_zone"] in ds.zones.index else site["risk_zone"]
        nearest = check.nearest
        books = textbooks.compare(ds, sid)
        records.append({
            "site": sid, "name": site["name"], "zone": label,
            "angle °": check.angle_deg,
            "usual max mm": check.depth_max_mm,
            "vertical reach mm": round(check.vertical_reach_mm, 1),
            "nearest danger mm": None if nearest is None else round(nearest.mm, 1),
            "measured": "" if nearest is None else depth_notes.measured_how(nearest),
            "margin mm": check.margin_mm,
            "rule": "" if nearest is None else ("holds" if check.within else "BROKEN"),
            "straight in": "⚠ reaches danger" if check.straight_in_crosses else "",
            "measurements": check.measured,
            "deeper than most cautious book": "⚑" if books.exceeds else ("" if books.books else "no books"),
            "sources disagree": "⚑" if check.disagreement else "",
        })
    return pd.DataFrame(records)
