"""Page components shared by several pages (UI layer: streamlit lives here).

Each takes the dataset and a key prefix, so that one page can hold several
without widget-key clashes.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from explorer import depth_notes, depths, export, textbooks, ui
from explorer.data import Dataset
from explorer.gauge import gauge_figure, gauge_notes
from explorer.population import BMI_CLASSES, BMI_INPUT_RANGE, BMI_SOURCE, BUILD_ORDER, regressions_for
from explorer.schema import method_words

SEX_LABELS = {"all": "Everyone", "female": "Women", "male": "Men"}


def depth_gauge_panel(ds: Dataset, site_id: str, key_prefix: str) -> None:
    """The depth gauge of one site: the reader's build (sex, build class or a BMI number) where the
    site has measurements or regressions, the gauge and its reading, the rows shown and the books' ranges.

    Widget keys: ``{key_prefix}_sex``, ``{key_prefix}_build``, ``{key_prefix}_bmi``, ``{key_prefix}_gauge``.
    """
    chosen = _population_controls(ds, site_id, key_prefix)
    check = depths.check_site(ds, site_id, chosen)
    theme = "dark" if st.context.theme.type == "dark" else "light"
    st.plotly_chart(gauge_figure(ds, site_id, chosen, theme=theme, check=check), key=f"{key_prefix}_gauge",
                    width="stretch", config={"displayModeBar": False})
    straight_in = depth_notes.straight_in_sentence(check)
    for note in gauge_notes(ds, site_id, check, chosen):
        if note == check.disagreement:
            st.warning(f"⚑ {ui.plain(note)}")
        elif note == straight_in and check.straight_in_crosses:
            st.warning(ui.plain(note), icon="⚠️")  # what a lost angle would do
        elif "NOT below" in note:
            st.error(ui.plain(note))  # the data break the depth rule
        else:
            st.caption(ui.plain(note))
    shown = depths.measurements_for(ds, site_id, chosen)
    if len(shown):
        with st.expander(f"Measurements for {chosen.describe()} ({len(shown)})"):
            st.dataframe(measurement_table(shown), hide_index=True, width="stretch")
    _textbook_panel(ds, site_id)


def _population_controls(ds: Dataset, site_id: str, key_prefix: str) -> depths.Population:
    """Sex, build and BMI selectors, drawn when the site has rows they could choose between."""
    rows = depths.measurements_for(ds, site_id)
    has_regression = bool(regressions_for(ds, site_id))
    if not len(rows) and not has_regression:
        return depths.Population()
    _, found_builds = depths.populations_in(rows)
    builds = ["all", *[b for b in BUILD_ORDER if b in BMI_CLASSES or b in found_builds]]
    sex = st.segmented_control("Sex", ["all", "female", "male"], default="all", key=f"{key_prefix}_sex",
                               format_func=SEX_LABELS.__getitem__) or "all"
    build_col, bmi_col = st.columns([3, 2])
    bmi = bmi_col.number_input("BMI (kg/m²)", min_value=BMI_INPUT_RANGE[0], max_value=BMI_INPUT_RANGE[1],
                               value=None, step=0.5, key=f"{key_prefix}_bmi", placeholder="optional",
                               help="A BMI picks its WHO class and reads any published regression of depth "
                                    "on BMI at that value, within the range the study measured.")
    build = build_col.selectbox("Build", builds, key=f"{key_prefix}_build", disabled=bmi is not None,
                                format_func=lambda b: "Any build" if b == "all" else b.capitalize(),
                                help="BMI classes, or the CT body types some studies use. A BMI typed "
                                     "beside it chooses the class instead.") or "all"
    chosen = depths.Population(sex, build, None if bmi is None else float(bmi))
    if bmi is not None:
        st.caption(ui.plain(f"BMI {bmi:g} is in the {chosen.band} class ({BMI_SOURCE} cut-offs; studies that "
                            "define their own classes may differ)."))
    if chosen != depths.Population() and not len(chosen.select(rows)) and len(rows):
        st.caption(ui.plain(f"No measurement in the dataset describes {chosen.describe()}."))
    return chosen


def _textbook_panel(ds: Dataset, site_id: str) -> None:
    """The books' ranges beside the stored one, with the flag when the stored maximum is deeper."""
    comparison = textbooks.compare(ds, site_id)
    if comparison.exceeds:
        st.warning(f"⚑ {ui.plain(comparison.sentence())}")
    else:
        st.caption(ui.plain(comparison.sentence()))
    crossing = textbooks.beyond_danger(comparison, depths.check_site(ds, site_id))
    if crossing:
        st.warning(f"⚠ {ui.plain(textbooks.beyond_danger_sentence(crossing))}")
    if comparison.books or comparison.unrecorded:
        with st.expander(f"Textbook depths side by side ({len(comparison.books)})"):
            st.dataframe(textbook_table(comparison, crossing), hide_index=True, width="stretch")


def textbook_table(comparison: textbooks.Comparison,
                   crossing: tuple[textbooks.BeyondDanger, ...] = ()) -> pd.DataFrame:
    ranges = [comparison.stored, *comparison.books]
    cautious = comparison.most_cautious
    gaps = list(comparison.unrecorded)  # cited books whose range for this site nobody has read yet
    past = {f.book.source: f for f in crossing}
    return pd.DataFrame({
        "source": [b.source for b in ranges] + gaps,
        "depth": [b.text() for b in ranges] + [textbooks.NOT_RECORDED] * len(gaps),
        "most cautious": ["✓" if b is cautious else "" for b in ranges] + [""] * len(gaps),
        "vs measured danger": [f"⚠ ends {past[b.source].reach_mm:g} mm, past {round(past[b.source].floor.mm, 1):g}"
                               if b.source in past else "" for b in ranges] + [""] * len(gaps),
        "read in": [b.evidence for b in ranges] + [""] * len(gaps),
        "note": [b.note for b in ranges] + ["Cited in the site's sources; its range here is not entered."] * len(gaps),
    })


def measurement_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Measurement rows as a reader wants them: who, how, what, how far, where."""
    return pd.DataFrame({
        "source": rows["sources"],
        "method": rows["method"].map(method_words),
        "who": rows.apply(lambda r: depths.describe_row(r).split(" · ", 2)[-1], axis=1),
        "to": rows["structure"],
        "endpoint": rows["endpoint"],
        "mean mm": rows["mean_mm"],
        "SD mm": rows["sd_mm"],
        "range mm": rows.apply(_range_text, axis=1),
        "floor mm": rows.apply(depths.floor_mm, axis=1),
        "measured": rows.apply(depths.how_measured, axis=1),
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
