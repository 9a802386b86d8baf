"""The app's pages, defined in one place: the navigation and the links between
pages (a link to a callable page needs an ``st.Page`` with the same callable
and url_path) are built from here. Built per run: a Page belongs to a run."""

from __future__ import annotations

import streamlit as st

from explorer.pages import compare, explore, lessons, quiz, safety, sources


def pages() -> dict[str, st.Page]:
    return {
        "explore": st.Page(explore.render, title="Explore", url_path="explore", default=True),
        "safety": st.Page(safety.render, title="Safety", url_path="safety"),
        "compare": st.Page(compare.render, title="Compare", url_path="compare"),
        "sources": st.Page(sources.render, title="Sources and data", url_path="sources"),
        "quiz": st.Page(quiz.render, title="Quiz", url_path="quiz"),
        "lessons": st.Page(lessons.render, title="Lessons", url_path="lessons"),
    }


def page(name: str) -> st.Page:
    return pages()[name]
