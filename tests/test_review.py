"""Spaced repetition: FSRS scheduling and the answer-to-rating mapping (pure), and the same through the store."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

import pytest
from fsrs import Rating, State
from hypothesis import given
from hypothesis import strategies as st

from explorer import quiz
from explorer.review import (
    EASY_WITHIN_CUN,
    LEARNING_STEPS,
    ItemState,
    after_answer,
    check_rating,
    order_for_review,
    rating_for,
    replay,
    utc,
)
from explorer.store import ProgressStore

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
DAY = timedelta(days=1)

times = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                     timezones=st.sampled_from([UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5))]))
items = st.sampled_from(["locate:GB21", "name:upper-trapezius-1", "safety:GB21", "locate:LU1", "locate:EX-HN3"])
ratings = st.sampled_from(list(Rating))


def wait(state: ItemState) -> timedelta:
    return state.due_at - state.last_answered_at


def known(item: str = "locate:GB21", reviews: int = 4) -> ItemState:
    """An item answered right each time it fell due: in FSRS's review state, days between asks."""
    state = None
    at = START
    for _ in range(reviews):
        state = after_answer(state, item, True, at, Rating.Good)
        at = state.due_at
    assert state is not None and state.state == State.Review
    return state


# --- the rating of an answer ---------------------------------------------------------------------

@pytest.mark.parametrize(("correct", "detail", "rating"), [
    # locate: by the quiz's verdict (which forgives the click grid's snapping) and the distance in B-cun
    (True, {"verdict": "right", "distance_cun": 0.1}, Rating.Easy),  # a bull's-eye
    (True, {"verdict": "right", "distance_cun": EASY_WITHIN_CUN}, Rating.Easy),  # the edge of Easy
    (True, {"verdict": "right", "distance_cun": 0.4}, Rating.Good),
    (True, {"verdict": "right", "distance_cun": 0.7}, Rating.Good),  # right after the grid allowance
    (False, {"verdict": "close", "distance_cun": 1.2}, Rating.Hard),  # close: wrong, but not a miss
    (False, {"verdict": "wrong", "distance_cun": 4.0}, Rating.Again),
    # name and safety: right or wrong
    (True, {"verdict": "right", "chosen": "GB21"}, Rating.Good),
    (False, {"verdict": "wrong", "chosen": "GB20"}, Rating.Again),
    (True, {"verdict": "right", "typed": "jianjing"}, Rating.Good),
    # answers logged without a verdict (before FSRS, or by hand): by correct alone, distance for Easy
    (True, None, Rating.Good),
    (False, None, Rating.Again),
    (True, {"distance_cun": 0.3}, Rating.Good),
    (True, {"distance_cun": 0.1}, Rating.Easy),
    (False, {"distance_cun": 0.1}, Rating.Again),  # wrong is wrong, however near
    (True, {"verdict": "right", "distance_cun": True}, Rating.Good),  # not a distance
    (True, {"verdict": "nonsense"}, Rating.Good),
])
def test_each_answer_maps_to_a_rating(correct, detail, rating):
    assert rating_for(correct, detail) == rating


@pytest.mark.parametrize(("distance", "rating"), [
    (0.0, Rating.Easy), (0.2, Rating.Easy), (0.45, Rating.Good), (1.0, Rating.Hard), (1.45, Rating.Hard),
    (1.6, Rating.Again), (9.0, Rating.Again)])
def test_a_locate_click_is_rated_by_its_distance_in_b_cun(minimal_ds, distance, rating):
    # through the quiz's own grading: a click `distance` B-cun straight above the site
    question = quiz.make_question(minimal_ds, "locate:BL13", quiz.Pool(), random.Random(1))
    spot = quiz.site_spots(minimal_ds, "BL13", question.view)[0]
    grade = quiz.grade_locate(minimal_ds, question, (spot[0], spot[1] + distance * quiz.CUN))
    assert grade.rating == rating


@pytest.mark.parametrize(("rating", "correct", "words"), [
    (0, True, "a rating is 1"), (5, False, "a rating is 1"), ("3", True, "a rating is 1"),
    (True, True, "a rating is 1"),  # a bool is not a rating, though True == 1
    (3, False, "a wrong answer cannot be rated good"), (2, True, "a right answer cannot be rated hard"),
])
def test_a_rating_that_does_not_fit_its_answer_is_refused(rating, correct, words):
    with pytest.raises(ValueError, match=words):
        check_rating(rating, correct)


# --- the schedule --------------------------------------------------------------------------------

def test_a_new_item_follows_the_learning_steps_then_graduates():
    state = after_answer(None, "locate:GB21", True, START, Rating.Good)
    assert (state.state, state.step, wait(state)) == (State.Learning, 1, LEARNING_STEPS[1])
    state = after_answer(state, "locate:GB21", True, state.due_at, Rating.Good)
    assert state.state == State.Review and wait(state) >= DAY


@given(times)
def test_a_missed_new_item_comes_back_sooner_than_a_known_one(at):
    missed = after_answer(None, "locate:GB21", False, at)
    right = after_answer(None, "locate:GB21", True, at)
    assert wait(missed) == LEARNING_STEPS[0] < wait(right)


@given(st.integers(2, 7))
def test_a_missed_known_item_comes_back_within_the_day_and_a_right_one_later(reviews):
    state = known(reviews=reviews)
    missed = after_answer(state, state.item, False, state.due_at)
    right = after_answer(state, state.item, True, state.due_at)
    assert missed.state == State.Relearning and wait(missed) < DAY <= wait(state) <= wait(right)


@given(st.lists(ratings, min_size=1, max_size=8), ratings)
def test_better_ratings_never_bring_an_item_back_sooner(history, last):
    state = replay("locate:GB21", ((r >= Rating.Good, START + n * DAY, r) for n, r in enumerate(history)))
    at = START + len(history) * DAY
    waits = [wait(after_answer(state, "locate:GB21", r >= Rating.Good, at, r)) for r in Rating]
    assert waits == sorted(waits)  # Again <= Hard <= Good <= Easy


def test_times_are_kept_in_utc_and_naive_times_are_refused():
    in_beijing = datetime(2025, 3, 1, 17, 0, tzinfo=timezone(timedelta(hours=8)))
    state = after_answer(None, "locate:GB21", False, in_beijing)
    assert state.last_answered_at == START and state.last_answered_at.tzinfo is UTC
    with pytest.raises(ValueError, match="time zone"):
        after_answer(None, "locate:GB21", False, datetime(2025, 3, 1, 9, 0))


@given(st.lists(st.tuples(st.booleans(), ratings), max_size=20), times)
def test_a_replay_counts_right_and_wrong_and_is_the_same_every_time(answers, start):
    log = [(correct, start + n * 7 * MINUTE, rating) for n, (correct, rating) in enumerate(answers)]
    state = replay("locate:GB21", log)
    if not answers:
        assert state is None
        return
    assert state == replay("locate:GB21", log)  # no fuzz: the store's state table can equal a replay
    assert (state.right, state.wrong) == ([c for c, _ in answers].count(True), [c for c, _ in answers].count(False))
    assert state.last_answered_at == utc(log[-1][1]) and state.due_at > state.last_answered_at


# --- what to ask next ----------------------------------------------------------------------------

def _state(item: str, due_in_minutes: int) -> ItemState:
    due_at = START + due_in_minutes * MINUTE
    return ItemState(item=item, state=State.Learning, step=0, stability=1.0, difficulty=5.0, due_at=due_at,
                     right=0, wrong=1, last_answered_at=due_at - MINUTE)


def test_due_items_come_first_then_new_ones_then_the_soonest_due():
    states = {item: _state(item, minutes) for item, minutes in
              [("a", 5), ("b", -3), ("c", -10), ("d", 1), ("e", 0)]}
    order = order_for_review(["a", "b", "new-1", "c", "d", "e", "new-2", "b"], states, START)
    # c is the most overdue; e is due exactly now; b was repeated and is asked once
    assert order == ["c", "b", "e", "new-1", "new-2", "d", "a"]


@given(st.dictionaries(items, st.integers(-60 * 24, 60 * 24), max_size=5), st.lists(items, max_size=12))
def test_the_order_is_due_then_new_then_waiting(due_in_minutes, candidates):
    states = {item: _state(item, minutes) for item, minutes in due_in_minutes.items()}
    order = order_for_review(candidates, states, START)
    assert sorted(order) == sorted(set(candidates))

    def rank(item: str) -> tuple[int, datetime | None]:
        if item not in states:
            return (1, None)
        return (0 if states[item].is_due(START) else 2, states[item].due_at)

    kinds = [rank(item)[0] for item in order]
    assert kinds == sorted(kinds)
    for kind in (0, 2):
        due_times = [rank(item)[1] for item in order if rank(item)[0] == kind]
        assert due_times == sorted(due_times)


# --- the same behaviour through the store, on both backends --------------------------------------

def test_a_quiz_session_brings_back_what_was_missed(store: ProgressStore):
    learner = "student-1"
    questions = ["locate:GB21", "locate:LU1", "safety:GB21"]
    assert store.next_items(learner, questions, now=START, k=3) == questions  # all new: in the order given

    store.record_answer(learner, "locate:LU1", True, at=START, detail={"verdict": "right", "distance_cun": 0.4})
    store.record_answer(learner, "locate:GB21", False, at=START + MINUTE, detail={"verdict": "wrong",
                                                                                  "distance_cun": 2.5})
    # half a minute later nothing answered is due: the new item comes first
    assert store.next_items(learner, questions, now=START + 1.5 * MINUTE, k=3) == [
        "safety:GB21", "locate:GB21", "locate:LU1"]
    # after a minute the missed item is due and comes back before the new one; the known one waits
    assert store.next_items(learner, questions, now=START + 2 * MINUTE, k=3) == [
        "locate:GB21", "safety:GB21", "locate:LU1"]

    # answered right each time it falls due, GB21's wait grows
    at = START + 2 * MINUTE
    waits = []
    for _ in range(5):
        state = store.record_answer(learner, "locate:GB21", True, at=at)
        waits.append(state.due_at - at)
        # not a second early: until it falls due the new item goes first
        just_before = state.due_at - timedelta(seconds=1)
        assert store.next_items(learner, ["locate:GB21", "safety:GB21"], now=just_before) == ["safety:GB21"]
        assert store.next_items(learner, ["locate:GB21", "safety:GB21"], now=state.due_at) == ["locate:GB21"]
        at = state.due_at
    assert waits == sorted(waits) and waits[0] == LEARNING_STEPS[1] and waits[-1] > 7 * DAY

    summary = store.summary(learner, now=at)
    assert (summary.answered, summary.right, summary.wrong) == (7, 6, 1)
    assert summary.due_now == 2  # GB21 is due again, and LU1 long since
    assert store.verify() == []
