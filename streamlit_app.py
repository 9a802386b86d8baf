"""Needle Site Explorer: page configuration and navigation, nothing else."""

import streamlit as st

from explorer.pages import nav

st.set_page_config(page_title="Needle Site Explorer", page_icon="📍", layout="wide")
st.navigation(list(nav.pages().values())).run()
