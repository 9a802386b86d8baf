"""The UI edge: streamlit caching, plain-text output and the data report.

Pages import this; the domain modules never do. Loaders are wrapped here so
that the pure functions stay testable without streamlit.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import streamlit as st

from explorer.data import Dataset, Problem, default_data_dir, load_dataset
from explorer.store import ProgressStore, default_database_url

EDUCATIONAL_NOTE = ("Educational reference for study and discussion. It does not teach needling: "
                    "only trained, licensed practitioners should needle.")

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$&:])")


def plain(text: object) -> str:
    """Escape markdown and HTML so that data or URL text shows literally."""
    return _MD_SPECIAL.sub(r"\\\1", str(text if text is not None else ""))


@st.cache_resource(show_spinner=False, max_entries=4)
def dataset(folder: str) -> Dataset:
    """A data folder's dataset, loaded once per server process and shared
    read-only by every session (cache_resource avoids a copy per rerun)."""
    return load_dataset(Path(folder))


@st.cache_resource(show_spinner=False, max_entries=4)
def _progress_store(url: str) -> ProgressStore:
    return ProgressStore(url)


def progress_store() -> ProgressStore:
    """The quiz progress store of ``NEEDLE_SITE_DB`` (read on each call, so tests can point it
    elsewhere), one per database per server process, so every session shares its connection pool."""
    return _progress_store(default_database_url())


def show_problems(problems: list[Problem], title: str = "The dataset does not meet its contract") -> None:
    st.error(f"**{title}.** {len(problems)} problem(s) were found; the explorer stays closed until "
             "they are fixed. Each row names the file, the row (as a spreadsheet numbers it) and "
             "the column.")
    frame = pd.DataFrame([{"file": p.file, "row": p.row, "column": p.column or "", "problem": p.message}
                          for p in problems])
    st.dataframe(frame, hide_index=True, width="stretch")


OWN_DATA_KEY = "own_dataset"  # this session's uploaded dataset; session state is never shared


def own_dataset() -> Dataset | None:
    return st.session_state.get(OWN_DATA_KEY)


def require_dataset() -> Dataset:
    """This session's own uploaded dataset if it has one, else the bundled
    dataset; or show the problem report and stop the page."""
    own = own_dataset()
    if own is not None:
        st.info(f"You are looking at your own uploaded data ({len(own.sites)} sites), visible only in this "
                "browser session. Go to **Sources and data** to return to the bundled dataset.")
        return own
    try:
        ds = dataset(str(default_data_dir()))
    except Exception as exc:  # a bug, not bad data: still no traceback for users
        st.error(f"The dataset could not be loaded: {plain(type(exc).__name__)}.")
        st.stop()
    if ds.problems:
        show_problems(ds.problems)
        st.stop()
    return ds
