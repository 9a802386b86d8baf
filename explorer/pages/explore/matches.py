"""What the explore page shows: a lesson's steps, the trigger points for a
painful spot, or the filters' matches; and the view that follows them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from explorer import pain, search
from explorer.data import Dataset
from explorer.figures import BOTH_VIEWS
from explorer.pages.explore.session import filter_signature, open_lesson, show_view


@dataclass(frozen=True)
class Matches:
    """What the page is showing: a lesson's steps, the trigger points for a painful spot, or the filter's matches."""

    ids: list[str]
    sentence: str
    filtering: bool
    notes: dict[str, str]
    spot: tuple[str, float, float] | None = None
    pain_hits: list[pain.PainMatch] | None = None


def filters() -> search.Filters:
    ss = st.session_state
    return search.Filters(q=ss.get("q", ""), kinds=(ss["kind"],) if ss.get("kind") else (),
                          meridians=tuple(ss.get("meridians", [])), muscle=ss.get("muscle") or None,
                          area=ss.get("area") or None, zone=ss.get("zone") or None, use=ss.get("use", ""))


def pain_matches(ds: Dataset) -> tuple[tuple[str, float, float] | None, list[pain.PainMatch]]:
    spot = pain.parse_spot(st.session_state.get("pain") or "") if st.session_state.get("pain_mode") else None
    return spot, (pain.trigger_points_at(ds, *spot) if spot else [])


def matches(ds: Dataset) -> Matches:
    ss = st.session_state
    token = ss.get("lesson")
    lesson, _ = open_lesson(token, ds) if token else (None, None)
    if lesson is not None:
        notes: dict[str, str] = {}
        for step in lesson.steps:  # a site visited twice shows both notes
            notes[step.site_id] = " ".join(filter(None, [notes.get(step.site_id, ""), step.note]))
        return Matches(lesson.site_ids, f"Lesson: {lesson.title} ({len(lesson.steps)} steps).", True, notes)
    if ss.get("pain_mode"):
        spot, hits = pain_matches(ds)
        where = pain.PAIN_AREAS[ss["pain"]][0].lower() if ss.get("pain") in pain.PAIN_AREAS else "the marked spot"
        n = len(hits)
        sentence = (f"{n} trigger point{'s' if n != 1 else ''} refer pain to {where}, nearest first."
                    if spot else "Click where it hurts on the diagram, or pick an area.")
        return Matches([m.site_id for m in hits], sentence, True, {}, spot, hits)
    chosen = filters()
    ids = list(search.match(ds, chosen))
    return Matches(ids, search.describe(ds, chosen, pd.Index(ids)), chosen.active, {})


def follow_matches(ds: Dataset, found: Matches) -> None:
    """Open where the content is (before the widgets draw): a link without a
    view opens the view that shows most of what it selects; later, when the
    filters change and nothing they match is drawn in the view shown, the
    page turns to the view that shows most of them."""
    ss = st.session_state
    signature = filter_signature()
    previous = ss.get("filter_signature", ())
    if signature == previous:
        return
    ss["filter_signature"] = signature
    if not found.ids or not found.filtering:
        return
    counts = search.view_counts(ds, found.ids)
    best = search.best_view(ds, found.ids)
    shown = BOTH_VIEWS if ss.get("layout") == "both" else (ss.get("view"),)
    opened_by_link = previous is None  # url.init_from_url: a link without view= or site=
    if best and ((opened_by_link and best not in shown) or not any(counts.get(view) for view in shown)):
        show_view(best)
