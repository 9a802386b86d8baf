"""Explore: the body diagram, finding sites, "where does it hurt?", and the
chosen site's details, in student, patient or presentation mode.

Thin: widgets -> domain (state, search, pain, figures, details) -> streamlit.
The chosen site lives in session state and in the URL, because the chart's
own selection resets whenever the figure changes. The URL holds the whole
screen: a copied link reproduces it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

import pandas as pd
import streamlit as st

from explorer import body, details, export, lessons, pain, search, ui, widgets
from explorer import state as url_state
from explorer.data import Dataset
from explorer.figures import (
    CHANNEL_ORDER,
    GRID_ID,
    KIND_STYLE,
    REGION_LABELS,
    WHOLE_BODY,
    FigureOptions,
    cached_body_figure,
    regions_for,
)
from explorer.schema import REGIONS as BODY_REGIONS

CHART_KEY = "body_chart"
RESULTS_KEY = "results_table"
# Filters drawn in the "Channel, muscle and more" expander, and its key.
HIDDEN_FILTER_KEYS = ("meridians", "muscle", "area", "zone", "use")
MORE_FILTERS_KEY = "more_filters"
# The diagram's optional layers, as one multi-choice widget (key "layers"):
# four checkboxes cost the first render about four widgets' worth of work.
LAYER_LABELS = {"skeleton": "Skeletal landmarks", "muscles": "Muscles", "lungs": "Lungs and pleura",
                "zones": "Risk zones", "labels": "Site labels"}
MODE_LABELS = {"student": "Student", "patient": "Patient", "present": "Present"}
KIND_LABELS = {"": "Both", "acupoint": "Acupoints", "trigger_point": "Trigger points"}
MAX_PATTERNS = 6  # referral patterns drawn at once for "where does it hurt?"
MAX_PICKER = 1000  # sites listed in the picker; search finds the rest
MAX_TABLE_ROWS = 300  # rows of the results table; the sentence gives the full count
PRESENT_STYLE = """<style>
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.35rem; line-height: 1.5; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 0.9rem; }
[data-testid="stMain"] button p { font-size: 1.1rem; }
[data-testid="stMain"] h2, [data-testid="stMain"] h3 { font-size: 2.2rem; }
</style>"""


# ---------------------------------------------------------------------------
# State: URL <-> session
# ---------------------------------------------------------------------------
def _site_views(ds: Dataset) -> dict[str, str]:
    return dict(zip(ds.sites["site_id"], ds.sites["view"], strict=False))


def _views_of(ds: Dataset, site_id: str) -> list[str]:
    own = [str(ds.sites.at[site_id, "view"])]
    extra = ds.placements.loc[ds.placements["site_id"] == site_id, "view"].tolist() if len(ds.placements) else []
    return own + [v for v in extra if v not in own]


def _muscles(ds: Dataset) -> list[str]:
    muscles = ds.derived.get("muscles")
    if muscles is None:  # every rerun draws the muscle filter; the list never changes
        muscles = ds.derived["muscles"] = sorted(set(ds.sites["muscle"]) - {""})
    return muscles


def _init_from_url(ds: Dataset) -> None:
    """Take the state from the link on the first run, and again whenever the
    link changes under us (a link to this page from another page, back/forward)."""
    params = st.query_params.to_dict()
    if st.session_state.get("url_loaded") and params == st.session_state.get("synced_params") \
            and "view" in st.session_state:
        return
    parsed, notices = url_state.parse(params, _site_views(ds), muscles=_muscles(ds))
    ss = st.session_state
    ss["view"] = parsed.view
    ss["selected_site"] = parsed.site
    ss["zone"] = parsed.zone or ""
    ss["region"] = parsed.region
    ss["meridians"] = list(parsed.meridian)
    ss["mode"] = parsed.mode
    ss["q"] = parsed.q
    ss["kind"] = parsed.kind or ""
    ss["muscle"] = parsed.muscle or ""
    ss["area"] = parsed.area or ""
    ss["use"] = parsed.use
    ss["pain"] = parsed.pain
    ss["pain_mode"] = bool(parsed.pain)
    ss["pain_area"] = parsed.pain if parsed.pain in pain.PAIN_AREAS else ""
    ss["lesson"] = parsed.lesson
    spot = pain.parse_spot(parsed.pain) if parsed.pain else None
    if spot and "view" not in params:
        ss["view"] = spot[0]
    # An explicit view in the link wins; otherwise the filters may choose one.
    ss["filter_signature"] = None if "view" not in params and not parsed.site else _filter_signature()
    layers = set(parsed.layers)
    if parsed.zone:
        layers.add("zones")
    ss["layers"] = [layer for layer in LAYER_LABELS if layer in layers]
    if parsed.lesson:
        lesson, problem = _open_lesson(parsed.lesson, ds)
        if lesson is None:
            notices.append(f"The lesson in the link could not be opened: {problem}")
            ss["lesson"] = None
        elif not parsed.site and lesson.steps:
            _select(ds, lesson.steps[0].site_id)
    ss["url_notices"] = notices
    ss["url_loaded"] = True
    ss["synced_params"] = params


def _open_lesson(token: str, ds: Dataset) -> tuple[lessons.Lesson | None, str | None]:
    """The lesson a link carries, or why it could not be opened."""
    try:
        return lessons.decode(token, set(ds.sites.index)), None
    except lessons.LessonError as exc:
        return None, "; ".join(exc.problems)


def _current_state() -> url_state.ViewState:
    ss = st.session_state
    layers = tuple(layer for layer in LAYER_LABELS if layer in (ss.get("layers") or ()))
    return url_state.ViewState(
        view=ss["view"], site=ss.get("selected_site"), zone=ss.get("zone") or None, q=ss.get("q", ""),
        meridian=tuple(ss.get("meridians", [])), muscle=ss.get("muscle") or None, mode=ss.get("mode") or "student",
        layers=layers, region=ss.get("region", WHOLE_BODY), kind=ss.get("kind") or None,
        area=ss.get("area") or None, use=ss.get("use", ""),
        pain=ss.get("pain") if ss.get("pain_mode") else None, lesson=ss.get("lesson"))


def _sync_url(state: url_state.ViewState) -> None:
    wanted = url_state.to_params(state)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    st.session_state["synced_params"] = wanted


def _select(ds: Dataset, site_id: str | None) -> None:
    st.session_state["selected_site"] = site_id
    if site_id and st.session_state.get("view") not in _views_of(ds, site_id):
        st.session_state["view"] = _views_of(ds, site_id)[0]
        st.session_state["region"] = WHOLE_BODY


# ---------------------------------------------------------------------------
# Events (processed before the widgets draw)
# ---------------------------------------------------------------------------
def _consume_chart_click(ds: Dataset) -> None:
    """A new click on the chart: a site selects it; bare skin (in pain mode) marks the painful spot."""
    event = st.session_state.get(CHART_KEY)
    points = []
    if event:
        selection = event.get("selection", {}) if isinstance(event, dict) else getattr(event, "selection", {})
        points = selection.get("points", []) if isinstance(selection, dict) else []
    signature = tuple((p.get("curve_number"), p.get("point_index"), p.get("x"), p.get("y")) for p in points)
    if not points or signature == st.session_state.get("last_click"):
        return
    st.session_state["last_click"] = signature
    custom = points[0].get("customdata")
    clicked = custom[0] if isinstance(custom, (list, tuple)) and custom else None
    if clicked == GRID_ID:
        view = st.session_state.get("view", "anterior")
        try:
            x, y = body.to_plot(view, float(points[0]["x"])), float(points[0]["y"])
        except (KeyError, TypeError, ValueError):
            return
        st.session_state["pain"] = pain.spot_text(view, x, y)
        st.session_state["pain_area"] = ""
    elif clicked in ds.sites.index:
        _select(ds, clicked)


def _on_pick(ds: Dataset) -> None:
    picked = st.session_state.get("site_picker")
    if picked:
        _select(ds, picked)


def _on_pain_area() -> None:
    area = st.session_state.get("pain_area")
    if area:
        st.session_state["pain"] = area
        st.session_state["view"] = pain.PAIN_AREAS[area][1]
        st.session_state["region"] = WHOLE_BODY


def _on_zone() -> None:
    # A chosen zone is shown as well as filtered, as a link with zone= does.
    if st.session_state.get("zone"):
        _show_layer("zones")


def _on_region() -> None:
    # A zoomed view is for reading crowded sites: show their labels.
    if st.session_state.get("region", WHOLE_BODY) != WHOLE_BODY:
        _show_layer("labels")


def _show_layer(layer: str) -> None:
    shown = set(st.session_state.get("layers") or ())
    st.session_state["layers"] = [name for name in LAYER_LABELS if name in shown or name == layer]


def _on_result_row(ids: list[str], ds: Dataset) -> None:
    event = st.session_state.get(RESULTS_KEY)
    rows = event.get("selection", {}).get("rows", []) if isinstance(event, dict) else \
        getattr(getattr(event, "selection", None), "rows", [])
    if rows and 0 <= rows[0] < len(ids):
        _select(ds, ids[rows[0]])


def _clear_filters() -> None:
    ss = st.session_state
    for key in ("q", "use"):
        ss[key] = ""
    for key in ("kind", "muscle", "area", "zone"):
        ss[key] = ""
    ss["meridians"] = []
    ss["pain_mode"] = False
    ss["pain"] = None
    ss["lesson"] = None


def _step(ids: list[str], ds: Dataset, delta: int) -> None:
    if not ids:
        return
    current = st.session_state.get("selected_site")
    i = ids.index(current) + delta if current in ids else 0
    _select(ds, ids[i % len(ids)])
    st.session_state["revealed"] = False


# ---------------------------------------------------------------------------
# Sidebar
# ---------------------------------------------------------------------------
def _keep_hidden_filters() -> None:
    """Streamlit forgets the value of a widget not drawn in a run; the filters
    inside the closed expander are not drawn, so their values are handed back
    to the session state (where widgets drawn later pick them up)."""
    ss = st.session_state
    for key in HIDDEN_FILTER_KEYS:
        if key in ss:
            ss[key] = ss[key]


def _sidebar(ds: Dataset, offer_clear: bool) -> None:
    """The sidebar's widgets; ``offer_clear``: whether anything (filters, a
    lesson, a painful spot) narrows the page, so that "Clear filters" has work."""
    ss = st.session_state
    with st.sidebar:
        st.segmented_control("Mode", list(MODE_LABELS), key="mode", format_func=MODE_LABELS.__getitem__,
                             help="Student: full detail. Patient: plain words, no needling technique. "
                                  "Present: large type for class, with next and previous.")
        if not ss.get("mode"):
            ss["mode"] = "student"
        st.subheader("Find")
        st.text_input("Search", key="q", placeholder="Code, name, pinyin, 汉字 or muscle",
                      help="GB21, Shoulder Well, jianjing or Jiānjǐng, 肩井, trapezius …")
        st.segmented_control("Kind", list(KIND_LABELS), key="kind", format_func=KIND_LABELS.__getitem__)
        muscles = ["", *_muscles(ds)]
        if ss.get("muscle") not in muscles:
            ss["muscle"] = ""
        zones = ["", *ds.zones.index]
        if ss.get("zone") not in zones:
            ss["zone"] = ""
        # Lazy: these five widgets are drawn only while the expander is open (it
        # opens by itself when a link brings one of them set). Widgets cost the
        # first render in the browser; the page's state keeps their values.
        more = st.expander("Channel, muscle and more", key=MORE_FILTERS_KEY,
                           expanded=any(ss.get(key) for key in HIDDEN_FILTER_KEYS), on_change="rerun")
        if more.open:
            with more:
                st.multiselect("Meridians", CHANNEL_ORDER, key="meridians",
                               help="Filters to the chosen channels and draws each pathway through its points "
                                    "in order; where it passes to another view the line ends with a label "
                                    "saying where it continues.")
                st.selectbox("Muscle", muscles, key="muscle", format_func=lambda m: m.capitalize() or "Any muscle",
                             help="Shows every trigger point of the muscle, with their referred-pain patterns.")
                st.selectbox("Body region", ["", *BODY_REGIONS], key="area",
                             format_func=lambda r: r.replace("_", " ").capitalize() or "Anywhere")
                st.selectbox("Risk zone", zones, key="zone", on_change=_on_zone,
                             format_func=lambda z: str(ds.zones.at[z, "label"]) if z else "Any (or none)",
                             help="Filters to sites in the zone and highlights its area on the diagram.")
                st.text_input("Condition or use", key="use", placeholder="headache, shoulder pain …")
        if offer_clear:  # nothing to clear otherwise
            st.button("Clear filters" if not ss.get("lesson") else "Close the lesson and clear filters",
                      on_click=_clear_filters, width="stretch")

        st.subheader("Diagram")
        st.radio("View", body.VIEWS, key="view", format_func=str.capitalize, horizontal=True)
        available = regions_for(ss["view"])
        if ss.get("region") not in available:
            ss["region"] = WHOLE_BODY
        st.selectbox("Zoom", available, key="region", format_func=REGION_LABELS.__getitem__, on_change=_on_region,
                     help="Close views of crowded areas: the head and neck, hands and feet.")
        st.pills("Layers", list(LAYER_LABELS), key="layers", selection_mode="multi",
                 format_func=LAYER_LABELS.__getitem__,
                 help="Risk zones: chest, neck, upper back, kidney and eye, where a deep needle can reach "
                      "something vital.")
        options, labels = _picker_options(ds)
        st.selectbox("Go to a site", options, key="site_picker", format_func=labels.__getitem__,
                     on_change=_on_pick, args=(ds,), help="Type to search the list; reachable by keyboard.")


def _picker_options(ds: Dataset) -> tuple[list[str], dict[str, str]]:
    """The site picker's options and labels, built once per dataset (every
    session shares them); a very large dataset lists its first MAX_PICKER."""
    cached = ds.derived.get("picker")
    if cached is None:
        ordered = sorted(ds.sites.index, key=_natural_key)[:MAX_PICKER]
        names = ds.sites["name"]
        labels = {sid: f"{sid} · {names.at[sid]}" for sid in ordered}
        labels[""] = "Choose a site…"
        cached = ds.derived["picker"] = (["", *ordered], labels)
    return cached


def _natural_key(site_id: str) -> tuple:
    """Sort GB2 before GB10."""
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", site_id))


# ---------------------------------------------------------------------------
# Matches: filters, or "where does it hurt?"
# ---------------------------------------------------------------------------
def _filters() -> search.Filters:
    ss = st.session_state
    return search.Filters(q=ss.get("q", ""), kinds=(ss["kind"],) if ss.get("kind") else (),
                          meridians=tuple(ss.get("meridians", [])), muscle=ss.get("muscle") or None,
                          area=ss.get("area") or None, zone=ss.get("zone") or None, use=ss.get("use", ""))


def _pain_matches(ds: Dataset) -> tuple[tuple[str, float, float] | None, list[pain.PainMatch]]:
    spot = pain.parse_spot(st.session_state.get("pain") or "") if st.session_state.get("pain_mode") else None
    return spot, (pain.trigger_points_at(ds, *spot) if spot else [])


def _pain_panel() -> None:
    st.markdown("**Where does it hurt?** Click the painful spot on the diagram, or pick an area. The "
                "list shows the trigger points whose referred pain covers it, nearest first.")
    labels = {k: v[0] for k, v in pain.PAIN_AREAS.items()}
    labels[""] = "Pick an area…"
    st.selectbox("Painful area", ["", *pain.PAIN_AREAS], key="pain_area", format_func=labels.__getitem__,
                 on_change=_on_pain_area)


def _results_table(ds: Dataset, ids: list[str], matches: list[pain.PainMatch] | None) -> None:
    if not ids and matches is not None:
        st.info("No trigger point in the dataset refers pain to this spot. Try a spot nearby, or pick an area.")
        return
    if not ids:
        st.info("Nothing matches. Loosen a filter, or clear them all in the sidebar.")
        return
    if len(ids) > MAX_TABLE_ROWS:
        st.caption(f"The table lists the first {MAX_TABLE_ROWS} of {len(ids)}; narrow the search to see others.")
        ids = ids[:MAX_TABLE_ROWS]
        matches = matches[:MAX_TABLE_ROWS] if matches is not None else None
    sites = ds.sites.loc[ids]
    table = pd.DataFrame({
        "code": sites["site_id"],
        "name": sites["name"],
        "channel / muscle": [m or c for m, c in zip(sites["muscle"], sites["meridian"], strict=False)],
        "region": sites["region"].str.replace("_", " "),
        "risk zone": sites["risk_zone"].map(lambda z: str(ds.zones.at[z, "label"]) if z in ds.zones.index else ""),
    })
    if matches is not None:
        table.insert(2, "distance (B-cun)", [m.distance_cun for m in matches])
        table.insert(3, "pain area", [m.area for m in matches])
    st.dataframe(table, hide_index=True, width="stretch", height=min(38 + 35 * len(ids), 320),
                 key=RESULTS_KEY, on_select=lambda: _on_result_row(ids, ds), selection_mode="single-row")


# ---------------------------------------------------------------------------
# Details
# ---------------------------------------------------------------------------
def _details(ds: Dataset, site_id: str | None, mode: str) -> None:
    if not site_id or site_id not in ds.sites.index:
        st.info("Click a site on the diagram, choose a row in the table, or pick one in the sidebar, to "
                "see its location, depth, angle, cautions and sources.")
        return
    row = ds.sites.loc[site_id]
    st.subheader(ui.plain(details.title(row)))
    views = _views_of(ds, site_id)
    if st.session_state["view"] not in views:
        st.caption(ui.plain(f"Drawn in the {views[0]} view."))
    for field in details.site_fields(ds, site_id, patient=mode == "patient"):
        text = ui.plain(field.value)
        if field.emphasis:
            st.warning(f"**{field.label}.** {text}")
        else:
            st.markdown(f"**{field.label}.** {text}")
    if row["risk_zone"] and mode == "student":
        st.markdown("**Depth gauge.** The usual range set against published distances to the "
                    "structure at risk.")
        widgets.depth_gauge_panel(ds, site_id, key_prefix="explore")
    refs = details.references(ds, site_id)
    with st.expander(f"Sources ({len(refs)})", expanded=mode == "student"):
        for key, citation in refs:
            st.markdown(f"- **{ui.plain(key)}**: {ui.plain(citation)}")


def _present_panel(ds: Dataset, ids: list[str], notes: dict[str, str]) -> None:
    """Presentation: one site at a time, large, with next/previous and a quiz cover."""
    ss = st.session_state
    current = ss.get("selected_site")
    position = f"{ids.index(current) + 1} of {len(ids)}" if current in ids else f"{len(ids)} sites"
    back, where, forward = st.columns([2, 1, 2])
    back.button("◀ Previous", on_click=_step, args=(ids, ds, -1), width="stretch", key="present_prev")
    where.markdown(f"<div style='text-align:center;font-size:1.3rem'>{position}</div>", unsafe_allow_html=True)
    forward.button("Next ▶", on_click=_step, args=(ids, ds, 1), width="stretch", key="present_next")
    st.toggle("Quiz: hide names and labels", key="quiz_cover")
    if not current or current not in ds.sites.index:
        st.info("Press Next to step through the current selection.")
        return
    if ss.get("quiz_cover") and not ss.get("revealed"):
        st.subheader("Which site is this?")
        st.button("Reveal", on_click=lambda: ss.__setitem__("revealed", True), key="present_reveal")
        return
    row = ds.sites.loc[current]
    st.subheader(ui.plain(details.title(row)))
    if notes.get(current):
        st.info(ui.plain(notes[current]))
    st.markdown(ui.plain(row["location"]))
    st.markdown(f"**Usual depth.** {ui.plain(details.depth_text(row))}  \n"
                f"**Angle.** {ui.plain(details.angle_text(row))}")
    if row["risk_zone"]:
        st.warning(ui.plain(row["risk_note"]))


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Matches:
    """What the page is showing: a lesson's steps, the trigger points for a painful spot, or the filter's matches."""

    ids: list[str]
    sentence: str
    filtering: bool
    notes: dict[str, str]
    spot: tuple[str, float, float] | None = None
    pain_hits: list[pain.PainMatch] | None = None


def _filter_signature() -> tuple:
    ss = st.session_state
    return (ss.get("q", ""), ss.get("kind"), tuple(ss.get("meridians", [])), ss.get("muscle"), ss.get("area"),
            ss.get("zone"), ss.get("use", ""))


def _matches(ds: Dataset) -> Matches:
    ss = st.session_state
    token = ss.get("lesson")
    lesson, _ = _open_lesson(token, ds) if token else (None, None)
    if lesson is not None:
        notes: dict[str, str] = {}
        for step in lesson.steps:  # a site visited twice shows both notes
            notes[step.site_id] = " ".join(filter(None, [notes.get(step.site_id, ""), step.note]))
        return Matches(lesson.site_ids, f"Lesson: {lesson.title} ({len(lesson.steps)} steps).", True, notes)
    if ss.get("pain_mode"):
        spot, hits = _pain_matches(ds)
        where = pain.PAIN_AREAS[ss["pain"]][0].lower() if ss.get("pain") in pain.PAIN_AREAS else "the marked spot"
        n = len(hits)
        sentence = (f"{n} trigger point{'s' if n != 1 else ''} refer pain to {where}, nearest first."
                    if spot else "Click where it hurts on the diagram, or pick an area.")
        return Matches([m.site_id for m in hits], sentence, True, {}, spot, hits)
    filters = _filters()
    ids = list(search.match(ds, filters))
    return Matches(ids, search.describe(ds, filters, pd.Index(ids)), filters.active, {})


def _follow_matches(ds: Dataset, found: Matches) -> None:
    """When the filters change and nothing they match is drawn in the current
    view, turn to the view that shows most of them (before the widgets draw)."""
    ss = st.session_state
    signature = _filter_signature()
    if signature == ss.get("filter_signature"):
        return
    ss["filter_signature"] = signature
    if not found.ids or not found.filtering:
        return
    views = ds.sites.loc[found.ids, "view"].value_counts()
    if ss.get("view") not in views.index:
        ss["view"] = str(views.index[0])
        ss["region"] = WHOLE_BODY


def render() -> None:
    ds = ui.require_dataset()
    _init_from_url(ds)
    _keep_hidden_filters()
    _consume_chart_click(ds)
    found = _matches(ds)
    _follow_matches(ds, found)
    _sidebar(ds, offer_clear=found.filtering)
    state = _current_state()
    mode = state.mode
    if mode == "present":
        st.markdown(PRESENT_STYLE, unsafe_allow_html=True)

    st.title("Needle Site Explorer")
    st.caption(ui.EDUCATIONAL_NOTE)
    for notice in st.session_state.get("url_notices", []):
        st.warning(ui.plain(notice))
    st.toggle("Where does it hurt?", key="pain_mode",
              help="Find the trigger points whose referred pain covers a painful spot.")

    ids, spot = found.ids, found.spot
    pain_mode = bool(st.session_state.get("pain_mode"))
    referral_ids: tuple[str, ...] = ()
    if pain_mode:
        referral_ids = tuple(ids[:MAX_PATTERNS])
    elif state.muscle:
        referral_ids = tuple(ids)
    kinds = [state.kind] if state.kind else list(KIND_STYLE)
    shown = ds.sites.index[ds.sites["kind"].isin(kinds)]
    big = mode == "present"
    hide_names = big and st.session_state.get("quiz_cover") and not st.session_state.get("revealed")
    opts = FigureOptions(
        view=state.view, show_skeleton="skeleton" in state.layers, show_muscles="muscles" in state.layers,
        muscles_for=_muscles_drawn(ds, state), show_lungs="lungs" in state.layers,
        show_zones="zones" in state.layers, highlight_zone=state.zone,
        show_labels="labels" in state.layers and not hide_names,
        selected=state.site, region=state.region, meridians=state.meridian,
        theme="dark" if st.context.theme.type == "dark" else "light",
        height=900 if big else 760, font_size=18 if big else 13, marker_size=13 if big else 9,
        emphasis=frozenset(ids) if found.filtering else None, referrals_for=referral_ids,
        pain_spot=(spot[1], spot[2]) if spot and spot[0] == state.view else None,
        click_grid=pain_mode)
    fig = cached_body_figure(ds, opts, site_ids=shown)

    chart_col, side_col = st.columns([3, 2], gap="large")
    with chart_col:
        st.markdown(f"**{ui.plain(found.sentence)}**")
        drawn = len(set(shown) & set(ds.sites.index[ds.sites["view"] == state.view]))
        alt = _alt_text(ds, state, drawn, len(ids) if found.filtering else None, spot, bool(hide_names))
        st.caption(ui.plain(alt))
        st.plotly_chart(fig, key=CHART_KEY, on_select="rerun", selection_mode="points", alt=alt,
                        width="stretch", config={"displayModeBar": False, "scrollZoom": False})
        # Lazy: the downloads are only built (and sent) while the expander is open.
        exports = st.expander("Export for slides and handouts", key="export_open", on_change="rerun")
        if exports.open:
            with exports:
                listed = ids if found.filtering else list(shown)
                st.download_button(f"Table of the {len(listed)} sites as CSV",
                                   data=partial(export.sites_csv, ds, listed), file_name="needle-sites.csv",
                                   mime="text/csv", key="export_csv", on_click="ignore")
                widgets.diagram_downloads(fig, f"needle-{state.view}", key_prefix="export")
    with side_col:
        if pain_mode:
            _pain_panel()
        if mode == "present":
            _present_panel(ds, ids if found.filtering else sorted(shown, key=_natural_key), found.notes)
        else:
            if found.filtering:
                _results_table(ds, ids, found.pain_hits)
            _details(ds, state.site, mode)
    _sync_url(state)


def _muscles_drawn(ds: Dataset, state: url_state.ViewState) -> tuple[str, ...]:
    """Muscles drawn even with the Muscles layer off: the chosen muscle and the selected trigger point's."""
    chosen = [state.muscle] if state.muscle else []
    if state.site and state.site in ds.sites.index and ds.sites.at[state.site, "muscle"]:
        chosen.append(str(ds.sites.at[state.site, "muscle"]))
    return tuple(dict.fromkeys(chosen))


def _alt_text(ds: Dataset, state: url_state.ViewState, fig_sites: int, matched: int | None,
              spot: tuple[str, float, float] | None, quizzing: bool = False) -> str:
    """The diagram in words, for screen readers and for anyone who cannot see it
    (but not the answer while the class is being quizzed)."""
    parts = [f"Diagram: {state.view} view of the body, {REGION_LABELS.get(state.region, state.region).lower()}, "
             f"{fig_sites} sites drawn (acupoints as blue circles, trigger points as vermilion diamonds)"]
    if matched is not None:
        parts.append(f"{matched} matching sites emphasised, the others faint")
    layers = [name for name in ("skeleton", "lungs", "zones", "labels") if name in state.layers]
    if layers:
        parts.append("layers: " + ", ".join(layers))
    if state.zone:
        parts.append(f"the {state.zone.replace('_', ' ')} risk zone highlighted")
    if state.meridian:
        parts.append("pathways drawn: " + ", ".join(state.meridian))
    if spot:
        parts.append(f"painful spot marked with a star in the {spot[0]} view")
    if quizzing and state.site:
        parts.append("the site being quizzed is ringed")
    elif state.site and state.site in ds.sites.index:
        parts.append(f"{state.site} {ds.sites.at[state.site, 'name']} selected, ringed")
    return "; ".join(parts) + "."
