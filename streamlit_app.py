"""Needle Site Explorer: page configuration and navigation, nothing else."""

import streamlit as st

from explorer.pages import explore, sources

st.set_page_config(page_title="Needle Site Explorer", page_icon="📍", layout="wide")
st.navigation([
    st.Page(explore.render, title="Explore", url_path="explore", default=True),
    st.Page(sources.render, title="Sources and data", url_path="sources"),
]).run()
