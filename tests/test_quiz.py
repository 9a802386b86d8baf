"""Quizzes: the pool, question generation, grading, the click grid and the review order with the store."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer import body, figures, quiz
from explorer.body import CUN
from explorer.schema import ANGLES

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def rng(seed: int = 7) -> random.Random:
    return random.Random(seed)


# --- the pool ------------------------------------------------------------------------------------


def test_a_pool_is_the_union_of_its_channels_muscles_and_regions(real_ds):
    pool = quiz.Pool(meridians=("GB",), muscles=("upper trapezius",), regions=("hand",))
    ids = set(quiz.pool_site_ids(real_ds, pool))
    sites = real_ds.sites
    expected = set(sites.index[(sites["meridian"] == "GB") | (sites["muscle"] == "upper trapezius")
                               | (sites["region"] == "hand")])
    assert ids == expected
    assert {"GB21", "upper-trapezius-1", "LI4"} <= ids
    assert pool.describe() == "the GB channel; the upper trapezius muscle; the hand region"


def test_an_empty_pool_holds_every_site(minimal_ds):
    assert quiz.pool_site_ids(minimal_ds, quiz.Pool()) == list(minimal_ds.sites.index)
    assert quiz.Pool().describe() == "every site"


def test_pool_options_come_from_the_data(real_ds):
    assert quiz.meridian_options(real_ds)[:2] == ["LU", "LI"]
    assert "upper trapezius" in quiz.muscle_options(real_ds)
    assert "upper_back" in quiz.region_options(real_ds)


# --- items ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("item", ["locate:GB21", "name:EX-HN3", "safety-angle:upper-trapezius-1"])
def test_item_keys_round_trip(item):
    kind, site_id = quiz.parse_item(item)
    assert quiz.item_key(kind, site_id) == item


@pytest.mark.parametrize("item", ["GB21", "find:GB21", "locate:", ":GB21", ""])
def test_item_keys_this_module_did_not_make_are_refused(item):
    with pytest.raises(ValueError, match="not a quiz item"):
        quiz.parse_item(item)


def test_candidate_items_per_quiz_type(real_ds):
    pool = quiz.Pool(meridians=("GB",))
    gb = quiz.pool_site_ids(real_ds, pool)
    assert quiz.candidate_items(real_ds, pool, "locate") == [f"locate:{s}" for s in gb]
    assert quiz.candidate_items(real_ds, pool, "name") == [f"name:{s}" for s in gb]
    safety = quiz.candidate_items(real_ds, pool, "safety")
    assert {f"safety-angle:{s}" for s in gb} <= set(safety)
    assert "safety-beneath:GB21" in safety and "safety-risk:GB21" in safety
    # Only sites in a risk zone can be asked what lies beneath, or be the riskier one.
    assert "safety-beneath:GB34" not in safety and "safety-risk:GB34" not in safety


def test_a_pool_without_risk_sites_gets_only_angle_questions(real_ds):
    pool = quiz.Pool(regions=("hand",))
    safety = quiz.candidate_items(real_ds, pool, "safety")
    assert safety and all(item.startswith("safety-angle:") for item in safety)


# --- questions -----------------------------------------------------------------------------------


def test_a_name_question_offers_four_sites_of_the_same_channel(real_ds):
    pool = quiz.Pool(meridians=("GB",))
    for seed in range(20):
        question = quiz.make_question(real_ds, "name:GB21", pool, rng(seed))
        values = [c.value for c in question.choices]
        assert len(values) == 4 == len(set(values))
        assert "GB21" in values and question.answer == "GB21"
        assert all(v.startswith("GB") for v in values)
        assert question.view == "posterior"


def test_a_trigger_point_is_named_among_trigger_points(real_ds):
    pool = quiz.Pool(regions=("shoulder",))  # acupoints and trigger points together
    question = quiz.make_question(real_ds, "name:upper-trapezius-1", pool, rng())
    kinds = {real_ds.sites.at[c.value, "kind"] for c in question.choices}
    assert kinds == {"trigger_point"}


def test_a_small_pool_still_gives_four_choices(minimal_ds):
    question = quiz.make_question(minimal_ds, "name:BL13", quiz.Pool(meridians=("BL",)), rng())
    assert len(question.choices) == 4 and "BL13" in [c.value for c in question.choices]


def test_a_name_question_diagram_marks_the_site_without_naming_it(real_ds):
    question = quiz.make_question(real_ds, "name:GB21", quiz.Pool(), rng())
    fig = quiz.question_figure(real_ds, question)
    assert figures.figure_site_ids(fig) == set()  # no marker that carries (and hovers) the id
    marked = [t for t in fig.data if t.name == "The site to name"]
    assert len(marked) == 1 and len(marked[0].x) == 2  # GB21 is bilateral: both sides
    assert "GB21" not in str(fig.to_plotly_json())


def test_an_angle_question_asks_the_site_s_angle(real_ds):
    question = quiz.make_question(real_ds, "safety-angle:GB21", quiz.Pool(), rng())
    assert [c.value for c in question.choices] == list(ANGLES)
    assert question.answer == real_ds.sites.at["GB21", "angle"] == "oblique"
    grade = quiz.grade_choice(real_ds, question, "perpendicular")
    assert not grade.correct and "Oblique" in grade.message and "lung apex" in grade.message


def test_a_beneath_question_offers_its_zone_against_zones_with_other_structures(real_ds):
    question = quiz.make_question(real_ds, "safety-beneath:LU1", quiz.Pool(), rng())
    values = [c.value for c in question.choices]
    assert question.answer == "chest" and "chest" in values
    assert "upper_back" not in values  # over the same lungs: not a wrong answer
    labels = [c.label for c in question.choices]
    assert len(set(labels)) == len(labels) and all(len(label) < 120 for label in labels)
    assert quiz.grade_choice(real_ds, question, "chest").correct


@pytest.mark.parametrize(("structures", "headline"), [
    ("The kidneys, which lie against the back wall", "The kidneys"),
    ("Pleura and lung beneath the chest wall, from the fossa (the apex rises 2-3 cm)", "Pleura and lung beneath the "
     "chest wall"),
    ("the carotid sheath (ST9 lies over it); the vagus nerve", "The carotid sheath"),
])
def test_zone_headlines_are_the_first_clause_without_asides(structures, headline):
    assert quiz.zone_headline(structures) == headline


def test_the_riskier_site_is_in_a_zone_or_has_the_narrower_margin(real_ds):
    pool = quiz.Pool(meridians=("GB",))
    margins = quiz.risk_margins(real_ds)
    for seed in range(30):
        question = quiz.make_question(real_ds, "safety-risk:GB21", pool, rng(seed))
        (other,) = [c.value for c in question.choices if c.value != "GB21"]
        assert question.answer == "GB21"
        if real_ds.sites.at[other, "risk_zone"]:
            assert margins[other] - margins["GB21"] >= quiz.MIN_MARGIN_GAP_MM
        grade = quiz.grade_choice(real_ds, question, other)
        assert not grade.correct and "GB21 lies in the upper back risk zone" in grade.message


def test_an_item_for_an_unknown_site_cannot_be_asked(minimal_ds):
    with pytest.raises(ValueError, match="no site"):
        quiz.make_question(minimal_ds, "locate:GB99", quiz.Pool(), rng())


# --- typed names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "right"), [
    ("GB21", True),
    ("gb 21", True),
    ("GB-21", True),
    ("Shoulder Well", True),
    ("shoulder   well", True),
    ("Jiānjǐng", True),
    ("jianjing", True),  # tone marks optional
    ("Jian jing", True),
    ("肩井", True),
    ("GB20", False),
    ("jian", False),
    ("", False),
    ("   ", False),
])
def test_typed_names_accept_the_code_the_name_and_the_pinyin(real_ds, typed, right):
    question = quiz.make_question(real_ds, "name:GB21", quiz.Pool(), rng())
    grade = quiz.grade_typed(real_ds, question, typed)
    assert grade.correct is right
    assert "GB21 · Shoulder Well · Jiānjǐng" in grade.message


def test_pinyin_u_umlaut_may_be_typed_as_u_or_v(real_ds):
    site = next(s for s in real_ds.sites.index if "ǚ" in real_ds.sites.at[s, "pinyin"]
                or "ü" in real_ds.sites.at[s, "pinyin"])
    question = quiz.make_question(real_ds, f"name:{site}", quiz.Pool(), rng())
    plain = quiz.fold(real_ds.sites.at[site, "pinyin"])
    assert quiz.grade_typed(real_ds, question, plain).correct
    assert quiz.grade_typed(real_ds, question, plain.replace("u", "v")).correct


# --- locating by click ---------------------------------------------------------------------------


@pytest.mark.parametrize(("distance", "verdict"), [
    (0.0, quiz.RIGHT),
    (0.5, quiz.RIGHT),  # the edges belong to the better verdict
    (0.51, quiz.CLOSE),
    (1.5, quiz.CLOSE),
    (1.51, quiz.WRONG),
    (30.0, quiz.WRONG),
])
def test_verdicts_by_distance(distance, verdict):
    assert quiz.verdict_for(distance) == verdict


BILATERAL_FRONTAL = ["GB21", "BL13", "LU1", "ST36", "upper-trapezius-1"]


@given(site=st.sampled_from(BILATERAL_FRONTAL), dx=st.floats(-0.05, 0.05), dy=st.floats(-0.05, 0.05))
@settings(max_examples=200, deadline=None)
def test_a_click_scores_the_same_on_either_side(real_ds, site, dx, dy):
    question = quiz.make_question(real_ds, f"locate:{site}", quiz.Pool(), rng())
    x, y = real_ds.sites.at[site, "x"] + dx, real_ds.sites.at[site, "y"] + dy
    left = quiz.grade_locate(real_ds, question, (x, y))
    right = quiz.grade_locate(real_ds, question, (-x, y))
    assert left.distance_cun == pytest.approx(right.distance_cun, abs=1e-9)
    assert left.verdict == right.verdict
    assert left.spot == (-right.spot[0], right.spot[1])  # the right spot shown is on the side clicked


@given(site=st.sampled_from(["GB21", "CV17", "GV14", "LI4", "HT1", "GB30", "ST36", "EX-HN3"]),
       side=st.sampled_from([1, -1]))
@settings(max_examples=50, deadline=None)
def test_a_click_exactly_on_the_site_scores_zero(real_ds, site, side):
    question = quiz.make_question(real_ds, f"locate:{site}", quiz.Pool(), rng())
    row = real_ds.sites.loc[site]
    x = float(row["x"]) * (side if row["bilateral"] and row["view"] != "lateral" else 1)
    grade = quiz.grade_locate(real_ds, question, (x, float(row["y"])))
    assert grade.distance_cun == pytest.approx(0.0, abs=1e-9)
    assert grade.correct and grade.message.startswith("Right")


def test_a_midline_site_is_not_mirrored(real_ds):
    question = quiz.make_question(real_ds, "locate:CV17", quiz.Pool(), rng())
    grade = quiz.grade_locate(real_ds, question, (3 * CUN, real_ds.sites.at["CV17", "y"]))
    assert grade.distance_cun == pytest.approx(3.0)
    assert grade.verdict == quiz.WRONG and "The ring shows where it is" in grade.message


def test_a_lateral_view_site_is_not_mirrored(real_ds):
    site = next(s for s in real_ds.sites.index if real_ds.sites.at[s, "view"] == "lateral"
                and abs(real_ds.sites.at[s, "x"]) > 2 * CUN)
    row = real_ds.sites.loc[site]
    question = quiz.make_question(real_ds, f"locate:{site}", quiz.Pool(), rng())
    grade = quiz.grade_locate(real_ds, question, (-float(row["x"]), float(row["y"])))
    assert grade.distance_cun == pytest.approx(2 * abs(row["x"]) / CUN)


def test_close_counts_as_wrong_but_says_close(real_ds):
    question = quiz.make_question(real_ds, "locate:GB21", quiz.Pool(), rng())
    x, y = real_ds.sites.at["GB21", "x"], real_ds.sites.at["GB21", "y"]
    grade = quiz.grade_locate(real_ds, question, (x, y + 1.0 * CUN))
    assert grade.verdict == quiz.CLOSE and not grade.correct
    assert grade.message.startswith("Close: 1.0 B-cun")
    assert grade.detail == {"verdict": "close", "distance_cun": 1.0, "click": [round(x, 4), round(y + CUN, 4)]}


def test_the_grid_allowance_forgives_snapping_but_the_distance_stays(real_ds):
    question = quiz.make_question(real_ds, "locate:GB21", quiz.Pool(), rng())
    x, y = real_ds.sites.at["GB21", "x"], real_ds.sites.at["GB21", "y"]
    grade = quiz.grade_locate(real_ds, question, (x + 0.8 * CUN, y), grid_allowance_cun=0.35)
    assert grade.verdict == quiz.RIGHT and grade.distance_cun == pytest.approx(0.8)


def test_the_answer_figure_shows_the_site_the_click_and_no_grid(real_ds):
    question = quiz.make_question(real_ds, "locate:GB21", quiz.Pool(), rng())
    asking = quiz.question_figure(real_ds, question)
    assert [t.name for t in asking.data].count("click grid") == 1
    assert figures.figure_site_ids(asking) == set()  # the answer is not on the chart
    grade = quiz.grade_locate(real_ds, question, (0.0, 0.8))
    answered = quiz.question_figure(real_ds, question, grade=grade)
    names = [t.name for t in answered.data]
    assert "click grid" not in names and "Your click (cross)" in names
    assert "GB21" in figures.figure_site_ids(answered)


# --- the click grid ------------------------------------------------------------------------------


@pytest.mark.parametrize("view", body.VIEWS)
def test_every_zoom_gets_a_grid_inside_the_body_within_the_size_limit(view):
    for region in figures.regions_for(view):
        grid = quiz.fitting_grid(view, region)
        (x0, x1), (y0, y1) = figures.view_ranges(view, region)
        assert 50 <= len(grid.xs) <= quiz.MAX_GRID_POINTS, region
        assert all(x0 <= x <= x1 and y0 <= y <= y1 for x, y in zip(grid.xs, grid.ys, strict=True))
        sample = list(zip(grid.xs, grid.ys, strict=True))[::17]
        assert all(body.inside_body(view, body.to_plot(view, x), y) for x, y in sample), region


def test_zoomed_grids_are_finer_than_the_whole_body_s():
    whole = quiz.fitting_grid("anterior", figures.WHOLE_BODY)
    for region in ("head", "torso", "arm", "hand"):
        assert quiz.fitting_grid("anterior", region).spacing_cun < whole.spacing_cun
    assert quiz.fitting_grid("anterior", "torso").allowance_cun < quiz.RIGHT_WITHIN_CUN


def test_the_grid_is_symmetric_about_the_midline():
    grid = quiz.click_grid("posterior", 1.0)
    points = set(zip(grid.xs, grid.ys, strict=True))
    mirrored = sum((-x, y) in points for x, y in points)
    assert mirrored >= 0.99 * len(points)  # the drawn outline may differ by a hair at its edges


def test_the_grid_trace_is_invisible_but_clickable():
    trace = go.Scatter(quiz.fitting_grid("anterior", "torso").trace())
    assert trace.hoverinfo == "none"  # "skip" would let clicks fall through
    assert trace.marker.color == "rgba(0,0,0,0)"
    assert trace.selected.marker.opacity == 0 and trace.unselected.marker.opacity == 0


def test_locate_questions_open_in_a_zoom_that_holds_the_site(real_ds):
    for site, region in [("GB21", "torso"), ("ST1", "head"), ("ST36", "leg"), ("LI11", "arm")]:
        assert quiz.locate_region(real_ds, site) == region
    for site in real_ds.sites.index[::7]:
        region = quiz.locate_region(real_ds, site)
        view = real_ds.sites.at[site, "view"]
        (x0, x1), (y0, y1) = figures.view_ranges(view, region)
        assert any(x0 <= px <= x1 and y0 <= py <= y1 for _, px, py in figures.site_positions(real_ds, view, [site]))


# --- what comes next -----------------------------------------------------------------------------


def test_next_item_prefers_due_then_new_and_avoids_repeating_the_last(real_ds):
    from explorer.review import after_answer

    states = {"name:GB21": after_answer(None, "name:GB21", False, T0),  # due a minute later
              "name:GB20": after_answer(None, "name:GB20", True, T0)}  # due ten minutes later
    candidates = ["name:GB20", "name:GB21", "name:GB22"]
    assert quiz.next_item(candidates, states, T0 + timedelta(minutes=2), rng()) == "name:GB21"
    assert quiz.next_item(candidates, states, T0 + timedelta(minutes=2), rng(), last_item="name:GB21") == "name:GB22"
    assert quiz.next_item(candidates, states, T0, rng()) == "name:GB22"  # nothing due yet: the new one
    assert quiz.next_item(["name:GB21"], states, T0, rng(), last_item="name:GB21") == "name:GB21"
    assert quiz.next_item([], states, T0, rng()) is None


@pytest.mark.parametrize("new_database_url", ["sqlite"], indirect=True)
def test_a_missed_item_comes_back_once_due_ahead_of_new_ones(store, real_ds):
    pool = quiz.Pool(meridians=("GB",))
    candidates = quiz.candidate_items(real_ds, pool, "locate")  # 44 items, all new
    generator = rng()
    asked: list[str] = []
    for number in range(4):  # one question every 20 seconds
        now = T0 + timedelta(seconds=20 * number)
        item = quiz.next_item(candidates, store.states("anna"), now, generator,
                              last_item=asked[-1] if asked else None)
        question = quiz.make_question(real_ds, item, pool, generator)
        site = real_ds.sites.loc[question.site_id]
        missed = number == 0  # the first is missed by a mile, the rest are found exactly
        grade = quiz.grade_locate(real_ds, question, (0.0, 0.02) if missed else (float(site["x"]), float(site["y"])))
        assert grade.correct is not missed
        store.record_answer("anna", item, grade.correct, at=now, detail=grade.detail)
        asked.append(item)
    # A minute after it was missed, the item is due again and is asked before any of the new ones.
    assert asked[3] == asked[0] and len(set(asked[:3])) == 3
    summary = store.summary("anna", now=T0 + timedelta(minutes=2))
    assert (summary.answered, summary.right, summary.wrong, summary.due_now) == (4, 3, 1, 0)
    assert store.answers("anna")[0].detail["verdict"] == "wrong"
