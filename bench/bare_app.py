"""The bare baseline for the benchmarks: the same sites, one widget, one chart.

Same dataset as the explorer (``explorer.data.load_dataset``, cached once per
process with ``st.cache_resource`` as the explorer does, honouring
``NEEDLE_SITE_DATA_DIR``), drawn as a single plotly scatter with
``customdata = [site_id, name]`` and click selection, with one radio (key
``view``) that picks which view's sites are drawn. A rerun after changing the
radio is the like-for-like counterpart of the explorer's view change; a click
on a point shows it as a one-row table (the counterpart of the explorer's
details in the click-to-details measure).

Run: ``.venv/bin/streamlit run bench/bare_app.py``
"""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from explorer.data import Dataset, default_data_dir, load_dataset

VIEWS = ("anterior", "posterior", "lateral")


@st.cache_resource(show_spinner=False)
def dataset(folder: str) -> Dataset:
    return load_dataset(Path(folder))


def sites_figure(ds: Dataset, view: str) -> go.Figure:
    sites = ds.sites[ds.sites["view"] == view]
    figure = go.Figure(go.Scatter(
        x=sites["x"], y=sites["y"], mode="markers",
        customdata=sites[["site_id", "name"]].to_numpy(),
        hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>",
    ))
    figure.update_layout(height=760, margin={"l": 0, "r": 0, "t": 0, "b": 0}, showlegend=False)
    figure.update_yaxes(range=[-0.02, 1.02], scaleanchor="x")
    figure.update_xaxes(range=[-0.5, 0.5])
    return figure


st.set_page_config(page_title="Bare baseline", layout="wide")
view = st.radio("View", VIEWS, key="view", horizontal=True)
event = st.plotly_chart(sites_figure(dataset(str(default_data_dir())), view), key="bare_chart",
                        on_select="rerun", selection_mode="points", width="stretch")
# The clicked point as a one-row table: the counterpart of the explorer's details
# in the benchmark's click-to-details measure.
points = event.selection.points if event and event.selection else []
if points:
    site_id, name = points[0]["customdata"][:2]
    st.dataframe({"site": [site_id], "name": [name]}, hide_index=True)
