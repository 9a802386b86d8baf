"""AppTest journeys on the Explore page: search, filters and their sentence, the
results table, the URL round trip, patient and presentation modes, "where does
it hurt?" and the highlighted risk zone.

The real dataset is used where the minimal fixture is too small (GB21, the
lung channel, referral patterns); the minimal one elsewhere, for speed.
"""

from __future__ import annotations

import base64
import json
import math
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.typing import PlotlyState

from explorer import body, pain
from explorer.data import DATA_DIR_ENV
from explorer.figures import GRID_ID
from explorer.pages.explore import CHART_KEY, MAX_PATTERNS, MORE_FILTERS_KEY, RESULTS_KEY
from tests.conftest import MINIMAL, minimal_copy_with
from tests.test_app import run_app, text_of

# Every widget whose value the URL must carry (the layers included).
STATE_KEYS = ("view", "selected_site", "q", "kind", "meridians", "muscle", "area", "zone", "use", "mode",
              "region", "pain_mode", "pain", "layers")


@pytest.fixture
def minimal_data(monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(MINIMAL))


def unescape(markdown: str) -> str:
    """Markdown as read: ui.plain's backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def sentence(at: AppTest) -> str:
    """The bold sentence above the diagram that describes what is shown."""
    for m in at.main.markdown:
        text = unescape(m.value)
        if text.startswith("**") and text.endswith(".**") and not text.startswith("**Where does it hurt"):
            return text.strip("*")
    raise AssertionError("no describing sentence on the page")


def table(at: AppTest):
    return at.dataframe(key=RESULTS_KEY).value


def headings(at: AppTest) -> list[str]:
    return [h.value for h in at.main.subheader]


def chart_spec(at: AppTest, key: str = CHART_KEY) -> dict:
    (chart,) = [c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}")]
    return json.loads(chart.proto.spec)


def param(at: AppTest, key: str) -> str | None:
    value = at.query_params.get(key)
    return value[-1] if isinstance(value, list) else value


def select_table_row(at: AppTest, row: int) -> AppTest:
    """Select a row of the results table as the browser does.

    Assigning ``at.session_state[RESULTS_KEY] = {"selection": {"rows": [row]}}``
    sets the table's selection (streamlit 1.67 accepts it) but, like any
    session-state write, does not call the ``on_select`` callback, which is
    where the page selects the site. The browser instead sends the
    selection as the widget's JSON string value; this sends the same, so the
    callback runs exactly as it does for a click. (The real click is covered
    by test_browser.py::test_search_then_select.)
    """
    df = at.dataframe(key=RESULTS_KEY)
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = df.proto.id
    state.string_value = json.dumps({"selection": {"rows": [row], "columns": [], "cells": []}})
    return at._run(states)


# ---------------------------------------------------------------------------
# Find anything
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("query", [
    "GB21",  # code
    "gb21",  # code, any case
    "Shoulder Well",  # English name
    "jianjing",  # pinyin without tone marks
    "Jiānjǐng",  # pinyin with them
    "肩井",  # characters
])
def test_search_finds_gb21(query):
    at = run_app()
    at.text_input(key="q").input(query).run()
    assert not at.exception
    assert table(at)["code"].tolist() == ["GB21"]
    assert sentence(at) == f"1 acupoint matching “{query}”."
    # GB21 is drawn on the back: the page turns to the view that shows it
    assert at.session_state["view"] == "posterior"
    assert param(at, "q") == query


def test_search_by_muscle_lists_its_trigger_points():
    at = run_app({"q": "trapezius"})
    codes = table(at)["code"].tolist()
    assert codes and all("trapezius" in c for c in codes)
    assert set(table(at)["channel / muscle"]) <= {"upper trapezius", "middle trapezius", "lower trapezius"}
    assert sentence(at) == f"{len(codes)} trigger points matching “trapezius”."


def test_filter_sentence_counts_the_table_rows():
    at = run_app({"meridian": "BL", "zone": "upper_back", "kind": "acupoint"})
    assert not at.exception
    found = re.fullmatch(r"(\d+) acupoints of the bladder channel in the upper back risk zone\.", sentence(at))
    assert found, sentence(at)
    rows = table(at)
    assert int(found.group(1)) == len(rows) > 1
    assert set(rows["channel / muscle"]) == {"BL"} and set(rows["risk zone"]) == {"Upper back"}
    # the link opens the view that shows them, with the widgets set from it
    assert at.session_state["view"] == "posterior"
    assert at.segmented_control(key="kind").value == "acupoint"
    assert at.multiselect(key="meridians").value == ["BL"]
    assert at.selectbox(key="zone").value == "upper_back"


def test_nothing_matches_says_so(minimal_data):
    at = run_app({"q": "zzz"})
    assert sentence(at) == "0 sites matching “zzz”."
    assert "Nothing matches" in text_of(at)
    assert not at.dataframe


def test_selecting_a_results_row_selects_the_site(minimal_data):
    at = run_app({"kind": "acupoint"})
    assert table(at)["code"].tolist() == ["BL13", "GV14", "CV17", "LI4"]
    assert at.session_state["selected_site"] is None
    select_table_row(at, 0)
    assert not at.exception
    assert at.session_state["selected_site"] == "BL13"
    assert any(h.startswith("BL13 · Lung Shu") for h in headings(at))
    # BL13 is on the back: the view follows, and the link names the site
    assert at.session_state["view"] == "posterior"
    assert param(at, "site") == "BL13"
    # another row selects another site
    select_table_row(at, 2)
    assert at.session_state["selected_site"] == "CV17"
    assert at.session_state["view"] == "anterior"


def test_clear_filters_empties_every_filter(minimal_data):
    at = run_app({"q": "shu", "kind": "acupoint", "meridian": "BL", "zone": "upper_back", "use": "cough",
                  "area": "upper_back"})
    assert sentence(at).startswith("1 acupoint")
    at.button[[b.label for b in at.button].index("Clear filters")].click().run()
    assert sentence(at) == "5 sites in the dataset."
    for key in ("q", "kind", "zone", "use", "area", "meridian"):
        assert key not in at.query_params
    assert "Clear filters" not in [b.label for b in at.button]  # offered only while something is filtered


# ---------------------------------------------------------------------------
# The URL holds the state
# ---------------------------------------------------------------------------
def _state(at: AppTest) -> dict:
    return {key: at.session_state[key] for key in STATE_KEYS}


def open_more_filters(at: AppTest) -> AppTest:
    """Open the "Channel, muscle and more" expander, as a click on it does."""
    at.session_state[MORE_FILTERS_KEY] = True
    return at.run()


def test_more_filters_are_drawn_only_when_opened_and_keep_their_values_when_closed(minimal_data):
    at = run_app()
    assert not at.exception
    assert [w for w in at.multiselect if w.key == "meridians"] == []  # closed: not drawn at all
    open_more_filters(at)
    at.multiselect(key="meridians").select("BL").run()
    filtered = sentence(at)
    assert "of the bladder channel" in filtered
    at.session_state[MORE_FILTERS_KEY] = False
    at.run()
    at.radio(key="view_pick").set_value("anterior").run()  # other changes while it is closed
    at.radio(key="view_pick").set_value("posterior").run()
    assert [w for w in at.multiselect if w.key == "meridians"] == []
    assert sentence(at) == filtered
    assert dict(at.query_params)["meridian"] == "BL"
    open_more_filters(at)
    assert at.multiselect(key="meridians").value == ["BL"]


def test_url_round_trip_reproduces_the_screen(minimal_data):
    at = open_more_filters(run_app())
    at.segmented_control(key="mode").select("patient")
    at.segmented_control(key="kind").select("acupoint")
    at.multiselect(key="meridians").select("BL")
    at.text_input(key="use").input("cough")
    at.pills(key="layers").select("lungs").select("labels")
    at.run()
    at.selectbox(key="site_picker").select("BL13").run()
    at.radio(key="view_pick").set_value("lateral").run()
    at.selectbox(key="region").select("torso").run()
    assert not at.exception
    params = dict(at.query_params)
    assert params == {"view": "lateral", "site": "BL13", "meridian": "BL", "mode": "patient",
                      "layers": "skeleton,lungs,labels", "region": "torso", "kind": "acupoint", "use": "cough"}
    fresh = run_app(params)
    assert not fresh.exception and fresh.session_state["url_notices"] == []
    assert _state(fresh) == _state(at)
    assert dict(fresh.query_params) == params  # and the fresh page writes back the same link
    assert sentence(fresh) == sentence(at) == "1 acupoint of the bladder channel used for “cough”."


def test_url_round_trip_of_search_and_pain(minimal_data):
    at = run_app({"q": "trapezius", "view": "posterior"})
    at.toggle(key="pain_mode").set_value(True).run()
    at.selectbox(key="pain_area").select("neck").run()
    params = dict(at.query_params)
    assert params["pain"] == "neck" and params["q"] == "trapezius"
    fresh = run_app(params)
    assert _state(fresh) == _state(at)
    assert sentence(fresh) == sentence(at)


# A zone chosen in the sidebar turns the zone layer on, as a link with `zone`
# does, so the copied link draws the same zones.
def test_url_round_trip_keeps_a_zone_chosen_in_the_sidebar(minimal_data):
    at = open_more_filters(run_app())
    at.selectbox(key="zone").select("upper_back").run()
    assert "zones" in at.session_state["layers"]
    fresh = run_app(dict(at.query_params))
    assert _state(fresh) == _state(at)


# ---------------------------------------------------------------------------
# Modes
# ---------------------------------------------------------------------------
def test_patient_mode_hides_technique_and_keeps_safety():
    at = run_app({"site": "GB21", "mode": "patient"})
    assert not at.exception
    text = unescape(text_of(at))
    assert "GB21 · Shoulder Well" in "\n".join(headings(at))
    for technique in ("Usual depth", "Needle angle", "Depth gauge", "Palpation", "Placement"):
        assert technique not in text
    assert len(at.get("plotly_chart")) == 1  # the body diagram only: no depth gauge
    safety = [unescape(w.value) for w in at.main.warning if "Safety" in w.value]
    assert len(safety) == 1
    assert safety[0].startswith("**Safety.** Upper back risk zone.")
    assert "rare but serious" in safety[0]  # the zone's plain-language summary


def test_student_mode_shows_technique_and_the_gauge():
    at = run_app({"site": "GB21"})
    text = unescape(text_of(at))
    for technique in ("Usual depth", "Needle angle", "Depth gauge", "What lies beneath"):
        assert technique in text
    assert len(at.get("plotly_chart")) == 2
    chart_spec(at, "explore_gauge")  # the gauge is there, keyed


def test_presentation_steps_through_the_matches():
    at = run_app({"mode": "present", "meridian": "LU"})
    assert not at.exception
    assert at.session_state["selected_site"] is None
    assert "Press Next" in text_of(at)
    order = []
    for _ in range(3):
        at.button(key="present_next").click().run()
        order.append(at.session_state["selected_site"])
    assert order == ["LU1", "LU2", "LU3"]  # dataset (numbering) order
    assert headings(at)[0].startswith("LU3 · ")
    assert "3 of 11" in text_of(at)
    at.button(key="present_prev").click().run()
    assert at.session_state["selected_site"] == "LU2"
    assert headings(at)[0].startswith("LU2 · Cloud Gate")
    assert param(at, "site") == "LU2" and param(at, "mode") == "present"


def test_presentation_wraps_round_at_either_end():
    at = run_app({"mode": "present", "meridian": "LU", "site": "LU1"})
    at.button(key="present_prev").click().run()
    assert at.session_state["selected_site"] == "LU11"
    at.button(key="present_next").click().run()
    assert at.session_state["selected_site"] == "LU1"


def test_quiz_cover_hides_the_name_until_reveal():
    at = run_app({"mode": "present", "meridian": "LU", "site": "LU1", "layers": "labels"})
    assert headings(at)[0].startswith("LU1 · Middle Palace")
    assert chart_spec(at)["layout"].get("annotations")  # labels drawn
    at.toggle(key="quiz_cover").set_value(True).run()
    assert headings(at)[0] == "Which site is this?"
    assert not any("Middle Palace" in h for h in headings(at))
    assert not any("Middle Palace" in unescape(m.value) for m in at.main.markdown)
    assert not [a for a in chart_spec(at)["layout"].get("annotations", []) if a.get("text") == "LU1"]
    at.button(key="present_reveal").click().run()
    assert headings(at)[0].startswith("LU1 · Middle Palace")
    # the next site is covered again
    at.button(key="present_next").click().run()
    assert headings(at)[0] == "Which site is this?"
    assert at.session_state["selected_site"] == "LU2"


def test_quiz_cover_hides_the_name_in_the_caption_too():
    at = run_app({"mode": "present", "meridian": "LU", "site": "LU1"})
    at.toggle(key="quiz_cover").set_value(True).run()
    assert "Middle Palace" not in unescape(text_of(at))


# ---------------------------------------------------------------------------
# Where does it hurt?
# ---------------------------------------------------------------------------
def _referral_shapes(spec: dict) -> int:
    """How many ellipses the referral traces draw (each closed shape ends with a gap)."""
    count = 0
    for trace in spec["data"]:
        if str(trace.get("name", "")).startswith("Referred pain"):
            count += sum(1 for y in _plotted(trace["y"]) if math.isnan(y))
    return count


def _plotted(values: dict | list) -> np.ndarray:
    """Coordinates as sent to the browser: numeric arrays go base64-encoded
    ({"dtype", "bdata"}), gaps between shapes as NaN."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def test_pain_area_lists_trigger_points_nearest_first(real_ds):
    at = run_app({"pain": "shoulder-top"})
    assert not at.exception
    assert at.toggle(key="pain_mode").value is True
    assert at.selectbox(key="pain_area").value == "shoulder-top"
    assert at.session_state["view"] == "posterior"
    rows = table(at)
    n = len(rows)
    assert sentence(at) == f"{n} trigger points refer pain to top and back of the shoulder, nearest first."
    distances = rows["distance (B-cun)"].tolist()
    assert n > 1 and distances == sorted(distances)
    assert set(rows["pain area"]) <= {"essential", "spillover"}
    # the same list as the domain gives
    assert rows["code"].tolist() == [m.site_id for m in pain.trigger_points_at(
        real_ds, *pain.parse_spot("shoulder-top"))]
    # their referral patterns are drawn (the first MAX_PATTERNS), with the spot and the click grid
    spec = chart_spec(at)
    names = {t.get("name") for t in spec["data"]}
    assert {"Where it hurts (star)", "Click where it hurts", "Referred pain: essential"} <= names
    refs = real_ds.referrals
    drawn = refs[refs["site_id"].isin(rows["code"].tolist()[:MAX_PATTERNS]) & (refs["view"] == "posterior")]
    assert _referral_shapes(spec) == len(drawn) > 0


def test_picking_an_area_and_clicking_bare_skin():
    at = run_app()
    at.toggle(key="pain_mode").set_value(True).run()
    assert sentence(at) == "Click where it hurts on the diagram, or pick an area."
    at.selectbox(key="pain_area").select("calf").run()
    assert sentence(at).endswith("refer pain to calf, nearest first.")
    assert at.session_state["view"] == "posterior" and param(at, "pain") == "calf"
    # a click on bare skin where shoulder-top is: the same list, for "the marked spot"
    _, view, x, y = pain.PAIN_AREAS["shoulder-top"]
    at.session_state[CHART_KEY] = PlotlyState(selection={
        "points": [{"curve_number": 3, "point_number": 0, "point_index": 0, "x": body.to_plot(view, x), "y": y,
                    "customdata": [GRID_ID]}],
        "point_indices": [0], "box": [], "lasso": []})
    at.run()
    assert not at.exception
    assert "the marked spot" in sentence(at)
    assert at.selectbox(key="pain_area").value == ""
    assert param(at, "pain") == pain.spot_text(view, x, y)
    named = run_app({"pain": "shoulder-top"})
    assert table(at)["code"].tolist() == table(named)["code"].tolist()


def test_a_clicked_spot_on_the_right_finds_the_same_as_the_left():
    _, view, x, y = pain.PAIN_AREAS["shoulder-top"]
    left = run_app({"pain": pain.spot_text(view, x, y)})
    right = run_app({"pain": pain.spot_text(view, -x, y)})
    assert table(left)["code"].tolist() == table(right)["code"].tolist()
    assert "the marked spot" in sentence(right)


def test_a_bad_pain_spot_falls_back_with_a_notice(minimal_data):
    at = run_app({"pain": "posterior:9:9"})
    assert not at.exception
    assert at.toggle(key="pain_mode").value is False
    assert "painful spot" in " ".join(w.value for w in at.warning)


# ---------------------------------------------------------------------------
# Risk zone highlighted
# ---------------------------------------------------------------------------
def test_zone_link_highlights_the_zone():
    at = run_app({"zone": "upper_back"})
    assert not at.exception
    assert at.session_state["view"] == "posterior"  # the zone's sites are on the back
    zones = {t["name"]: t for t in chart_spec(at)["data"] if str(t.get("name", "")).startswith("Risk zone: ")}
    assert "Risk zone: Upper back" in zones and len(zones) > 1
    strong = zones.pop("Risk zone: Upper back")
    assert all(strong["line"]["width"] > other["line"]["width"] for other in zones.values())
    assert strong["line"].get("dash", "solid") == "solid"  # a second cue besides width
    assert "the upper back risk zone highlighted" in unescape(text_of(at))  # and in the alt text


# ---------------------------------------------------------------------------
# Hostile input shows as text
# ---------------------------------------------------------------------------
HOSTILE = "<img src=x onerror=alert(1)>"


def test_hostile_url_text_is_escaped(minimal_data):
    at = run_app({"q": "<script>alert(1)</script>", "use": "<b>x</b>"})
    assert not at.exception
    assert at.text_input(key="q").value == "<script>alert(1)</script>"
    assert at.text_input(key="use").value == "<b>x</b>"
    raw = [m.value for m in at.main.markdown] + [c.value for c in at.main.caption]
    # every < reaching markdown is escaped
    assert all(not re.search(r"(?<!\\)<", text) for text in raw if "<div style" not in text)
    assert "matching “<script>alert(1)</script>”" in sentence(at)


def test_hostile_data_is_escaped(monkeypatch, tmp_path):
    folder = minimal_copy_with(tmp_path / "hostile", "BL13", name=f"Lung {HOSTILE} Shu",
                               location=f"On the back <script>alert(2)</script> {HOSTILE}",
                               risk_note=f"Deep {HOSTILE} pleura.")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    at = run_app({"site": "BL13", "q": "lung"})
    assert not at.exception and not at.error
    assert any(HOSTILE in unescape(h) for h in headings(at))
    texts = [m.value for m in at.main.markdown] + [w.value for w in at.main.warning]
    assert any("img src=x" in t for t in texts)
    assert all(not re.search(r"(?<!\\)<", t) for t in texts if "<div style" not in t)
    assert HOSTILE in table(at)["name"].iloc[0]  # the table holds the text; the grid draws it as text
    spec = json.dumps(chart_spec(at))
    assert HOSTILE not in spec and "&lt;img src=x" in spec  # hover labels are escaped


# ---------------------------------------------------------------------------
# Open where the content is; the front-and-back layout; thumbnails; the chooser
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(("params", "view"), [
    # BL: 52 of its points are on the back, 7 on the front
    ({"meridian": "BL"}, "posterior"),
    # GB runs down the side: most of its points are drawn in the lateral view
    ({"meridian": "GB"}, "lateral"),
    # a muscle's trigger points
    ({"muscle": "infraspinatus"}, "posterior"),
    ({"muscle": "pectoralis major"}, "anterior"),
    # a zone's sites
    ({"zone": "chest"}, "anterior"),
    ({"zone": "upper_back"}, "posterior"),
    # a site opens its own view, whatever its referral pattern covers
    ({"site": "infraspinatus-1"}, "posterior"),
    # an explicit view wins
    ({"meridian": "BL", "view": "anterior"}, "anterior"),
])
def test_a_link_opens_the_view_that_shows_most_of_what_it_selects(params, view):
    at = run_app(params)
    assert not at.exception
    assert at.session_state["view"] == view
    assert at.radio(key="view_pick").value == view


def test_a_link_that_opens_a_view_keeps_it_when_a_filter_changes_later():
    at = run_app({"meridian": "BL"})
    assert at.session_state["view"] == "posterior"
    at.radio(key="view_pick").set_value("anterior").run()
    at.text_input(key="q").input("BL1").run()  # BL1 is on the face: drawn in the anterior view
    assert at.session_state["view"] == "anterior"


def _marker(spec: dict, site_id: str) -> tuple[int, float, float]:
    """(curve number, x, y) of a site's first marker in a chart's spec."""
    for curve, trace in enumerate(spec["data"]):
        custom = trace.get("customdata")
        if not custom or trace.get("name") == "Selected site":
            continue
        for i, row in enumerate(custom):
            if row[0] == site_id:
                return curve, float(_plotted(trace["x"])[i]), float(_plotted(trace["y"])[i])
    raise AssertionError(f"{site_id} is not drawn")


def click_site(at: AppTest, site_id: str) -> AppTest:
    curve, x, y = _marker(chart_spec(at), site_id)
    at.session_state[CHART_KEY] = PlotlyState(selection={
        "points": [{"curve_number": curve, "point_number": 0, "point_index": 0, "x": x, "y": y,
                    "customdata": [site_id, "", ""]}], "point_indices": [0], "box": [], "lasso": []})
    return at.run()


def test_front_and_back_layout_round_trips_and_both_halves_are_clickable():
    at = run_app({"layout": "both"})
    assert not at.exception
    assert at.radio(key="view_pick").value == "both"
    spec = chart_spec(at)
    assert spec["layout"]["meta"]["layout"] == "both" and "xaxis2" in spec["layout"]
    assert "front and back views side by side" in unescape(text_of(at))
    click_site(at, "ST36")  # on the front, the left half
    assert at.session_state["selected_site"] == "ST36"
    click_site(at, "BL23")  # on the back, the right half: the layout stays
    assert at.session_state["selected_site"] == "BL23"
    assert param(at, "layout") == "both" and param(at, "site") == "BL23"
    fresh = run_app(dict(at.query_params))
    assert fresh.session_state["layout"] == "both" and fresh.session_state["selected_site"] == "BL23"
    # a site drawn only in the lateral view turns to that view, one view at a time
    fresh.selectbox(key="site_picker").select("GB2").run()
    assert fresh.session_state["view"] == "lateral" and param(fresh, "layout") is None


def test_choosing_one_view_leaves_the_front_and_back_layout():
    at = run_app({"layout": "both"})
    at.radio(key="view_pick").set_value("lateral").run()
    assert param(at, "layout") is None and param(at, "view") == "lateral"
    assert "xaxis2" not in chart_spec(at)["layout"]


def test_a_trigger_point_shows_its_referral_in_thumbnails_of_the_other_views():
    at = run_app({"site": "infraspinatus-1"})
    assert not at.exception and at.session_state["view"] == "posterior"
    thumb = chart_spec(at, "thumb_anterior")
    names = {t.get("name") for t in thumb["data"]}
    assert "Referred pain: essential" in names  # the front of the shoulder
    assert thumb["layout"]["meta"]["view"] == "anterior"
    assert not [c for c in at.get("plotly_chart") if c.proto.id.endswith("-thumb_posterior")]  # the main view
    at.button(key="thumb_open_anterior").click().run()
    assert at.session_state["view"] == "anterior" and param(at, "site") == "infraspinatus-1"
    assert not [c for c in at.get("plotly_chart") if c.proto.id.endswith("-thumb_anterior")]
    assert chart_spec(at, "thumb_posterior")  # now the back is the thumbnail


def test_an_acupoint_has_no_thumbnails():
    at = run_app({"site": "GB21"})
    assert not [c for c in at.get("plotly_chart") if "-thumb_" in c.proto.id]


def test_a_click_on_overlapping_markers_offers_a_chooser():
    at = run_app({"view": "posterior"})
    click_site(at, "GB21")  # upper trapezius TP1 lies on GB21
    assert not at.exception
    assert at.session_state["selected_site"] is None  # nothing picked silently
    chooser = at.radio(key="site_chooser")
    assert chooser.options[:2] == ["GB21 · Shoulder Well", "upper-trapezius-1 · Upper trapezius TP1"]
    assert chooser.value is None
    chooser.set_value("upper-trapezius-1").run()
    assert at.session_state["selected_site"] == "upper-trapezius-1"
    assert any(unescape(h).startswith("upper-trapezius-1 · ") for h in headings(at))
    assert not [r for r in at.radio if r.key == "site_chooser"]  # chosen: the chooser goes


def test_a_click_on_a_marker_alone_selects_it_at_once():
    at = run_app({"view": "posterior", "region": "torso"})
    click_site(at, "BL13")
    assert at.session_state["selected_site"] == "BL13"
    assert not [r for r in at.radio if r.key == "site_chooser"]
