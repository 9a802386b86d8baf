"""Page components shared by several pages (UI layer: streamlit lives here).

Each takes the dataset and a key prefix, so that one page can hold several
without widget-key clashes.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from explorer import depths, export, ui
from explorer.data import Dataset
from explorer.gauge import gauge_figure, gauge_notes

SEX_LABELS = {"all": "Everyone", "female": "Women", "male": "Men"}


def depth_gauge_panel(ds: Dataset, site_id: str, key_prefix: str) -> None:
    """The depth gauge of one site, with sex and build selectors where the data has them."""
    rows = depths.measurements_for(ds, site_id)
    sexes, builds = depths.populations_in(rows)
    sex = build = "all"
    if len(sexes) > 1 or len(builds) > 1:
        left, right = st.columns(2)
        if len(sexes) > 1:
            sex = left.segmented_control("Sex", sexes, default="all", key=f"{key_prefix}_sex",
                                         format_func=SEX_LABELS.__getitem__) or "all"
        if len(builds) > 1:
            build = right.segmented_control("Build", builds, default="all", key=f"{key_prefix}_build",
                                            format_func=str.capitalize) or "all"
    population = depths.Population(sex, build)
    check = depths.check_site(ds, site_id, population)
    theme = "dark" if st.context.theme.type == "dark" else "light"
    st.plotly_chart(gauge_figure(ds, site_id, population, theme=theme, check=check), key=f"{key_prefix}_gauge",
                    width="stretch", config={"displayModeBar": False})
    for note in gauge_notes(ds, site_id, check):
        if note == check.disagreement:
            st.warning(f"⚑ {ui.plain(note)}")
        elif check.nearest_mm is not None and not check.within:
            st.error(ui.plain(note))
        else:
            st.caption(ui.plain(note))
    shown = population.select(rows)
    if len(shown):
        with st.expander(f"Measurements ({len(shown)})"):
            st.dataframe(measurement_table(shown), hide_index=True, width="stretch")


def measurement_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Measurement rows as a reader wants them: who, how, what, how far."""
    return pd.DataFrame({
        "source": rows["sources"],
        "method": rows["method"],
        "who": rows.apply(lambda r: depths.describe_row(r).split(" · ", 2)[-1], axis=1),
        "to": rows["structure"],
        "endpoint": rows["endpoint"],
        "mean mm": rows["mean_mm"],
        "SD mm": rows["sd_mm"],
        "range mm": rows.apply(_range_text, axis=1),
        "needle": rows["direction"],
        "read in": rows["evidence"],
        "note": rows["note"],
    })


def _range_text(row: pd.Series) -> str:
    if pd.isna(row["min_mm"]):
        return ""
    return f"{row['min_mm']:g}–{row['max_mm']:g}" if pd.notna(row["max_mm"]) else f"≥{row['min_mm']:g}"


def reference_list(ds: Dataset, keys: list[str] | tuple[str, ...]) -> None:
    """The full references behind a page's citations, each key once, in order of first citation."""
    seen = list(dict.fromkeys(keys))
    with st.expander(f"References ({len(seen)})"):
        for key in seen:
            citation = ds.sources.at[key, "citation"] if key in ds.sources.index else "(not in sources.csv)"
            st.markdown(f"- **{ui.plain(key)}**: {ui.plain(citation)}")


@st.cache_resource(show_spinner=False)
def images_possible() -> bool:
    """Whether this server has the Chromium that image export drives (looked up once). When it
    has, the export server starts now, in the background, so that the first download is quick."""
    if export.browser_path() is None:
        return False
    export.start_image_server()
    return True


def diagram_downloads(fig: go.Figure, stem: str, key_prefix: str) -> None:
    """PNG and SVG downloads of a diagram, made only when the button is pressed."""
    possible = images_possible()
    left, right = st.columns(2)
    left.download_button("Diagram as PNG", data=partial(export.figure_png, fig), file_name=f"{stem}.png",
                         mime="image/png", key=f"{key_prefix}_png", on_click="ignore", disabled=not possible)
    right.download_button("Diagram as SVG", data=partial(export.figure_svg, fig), file_name=f"{stem}.svg",
                          mime="image/svg+xml", key=f"{key_prefix}_svg", on_click="ignore", disabled=not possible)
    if not possible:
        st.caption("Image downloads need Chromium on the server (Debian's chromium package).")
