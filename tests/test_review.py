"""Spaced repetition: the Leitner schedule (pure) and the same behaviour through the store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.review import (
    BOX_INTERVALS,
    FIRST_BOX,
    LAST_BOX,
    ItemState,
    after_answer,
    interval_of,
    order_for_review,
    replay,
    utc,
)
from explorer.store import ProgressStore

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)

times = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                     timezones=st.sampled_from([UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5))]))
items = st.sampled_from(["locate:GB21", "name:upper-trapezius-1", "safety:GB21", "locate:LU1", "locate:EX-HN3"])


@st.composite
def item_states(draw: st.DrawFn, item: str = "locate:GB21") -> ItemState:
    answered_at = utc(draw(times))
    box = draw(st.integers(FIRST_BOX, LAST_BOX))
    return ItemState(item=item, box=box, due_at=answered_at + interval_of(box),
                     right=draw(st.integers(0, 500)), wrong=draw(st.integers(0, 500)), last_answered_at=answered_at)


# --- the schedule --------------------------------------------------------------------------------

def test_right_answers_climb_the_boxes_and_stop_at_the_last():
    state = None
    waits = []
    for minutes in range(8):
        state = after_answer(state, "locate:GB21", True, START + minutes * MINUTE)
        waits.append(state.due_at - state.last_answered_at)
    # a new item answered right skips box 1: knowing it already is worth more than missing it
    assert waits == [*BOX_INTERVALS[1:], BOX_INTERVALS[-1], BOX_INTERVALS[-1], BOX_INTERVALS[-1]]
    assert waits[:5] == [timedelta(minutes=10), timedelta(days=1), timedelta(days=3), timedelta(days=7),
                         timedelta(days=21)]
    assert (state.box, state.right, state.wrong) == (LAST_BOX, 8, 0)


def test_a_wrong_answer_comes_back_within_the_session():
    state = after_answer(None, "locate:GB21", True, START)
    state = after_answer(state, "locate:GB21", True, START + MINUTE)
    state = after_answer(state, "locate:GB21", False, START + 2 * MINUTE)
    assert state.box == FIRST_BOX
    assert state.due_at == START + 3 * MINUTE
    assert (state.right, state.wrong, state.answered) == (2, 1, 3)


def test_times_are_kept_in_utc_and_naive_times_are_refused():
    in_beijing = datetime(2025, 3, 1, 17, 0, tzinfo=timezone(timedelta(hours=8)))
    state = after_answer(None, "locate:GB21", False, in_beijing)
    assert state.last_answered_at == START and state.last_answered_at.tzinfo is UTC
    with pytest.raises(ValueError, match="time zone"):
        after_answer(None, "locate:GB21", False, datetime(2025, 3, 1, 9, 0))


@pytest.mark.parametrize("box", [0, LAST_BOX + 1, -1])
def test_boxes_outside_the_ladder_have_no_interval(box):
    with pytest.raises(ValueError, match="box must be between"):
        interval_of(box)


@given(item_states(), times)
def test_a_right_answer_never_shrinks_the_interval(previous, at):
    state = after_answer(previous, previous.item, True, at)
    assert state.box >= previous.box
    assert interval_of(state.box) >= interval_of(previous.box)
    if previous.box < LAST_BOX:
        assert interval_of(state.box) > interval_of(previous.box)
    assert state.due_at == utc(at) + interval_of(state.box)
    assert (state.right, state.wrong) == (previous.right + 1, previous.wrong)


@given(st.one_of(st.none(), item_states()), times)
def test_a_wrong_answer_always_resets_to_the_first_box(previous, at):
    state = after_answer(previous, "locate:GB21", False, at)
    assert state.box == FIRST_BOX
    assert state.due_at == utc(at) + BOX_INTERVALS[0]
    assert state.wrong == (previous.wrong if previous else 0) + 1
    assert state.right == (previous.right if previous else 0)


@given(st.lists(st.booleans(), max_size=30), times)
def test_the_box_counts_the_right_answers_since_the_last_wrong_one(results, start):
    state = replay("locate:GB21", ((correct, start + n * MINUTE) for n, correct in enumerate(results)))
    if not results:
        assert state is None
        return
    last_wrong = max((n for n, correct in enumerate(results) if not correct), default=-1)
    trailing_right = len(results) - 1 - last_wrong
    assert state.box == min(FIRST_BOX + trailing_right, LAST_BOX)
    assert (state.right, state.wrong) == (results.count(True), results.count(False))
    assert state.last_answered_at == utc(start + (len(results) - 1) * MINUTE)


# --- what to ask next ----------------------------------------------------------------------------

def _state(item: str, due_in_minutes: int) -> ItemState:
    due_at = START + due_in_minutes * MINUTE
    return ItemState(item=item, box=FIRST_BOX, due_at=due_at, right=0, wrong=1, last_answered_at=due_at - MINUTE)


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
    quiz = ["locate:GB21", "locate:LU1", "safety:GB21"]
    assert store.next_items(learner, quiz, now=START, k=3) == quiz  # all new: in the order given

    store.record_answer(learner, "locate:LU1", True, at=START)
    store.record_answer(learner, "locate:GB21", False, at=START + MINUTE, detail={"distance_cun": 2.5})
    # half a minute later nothing answered is due: the new item comes first
    assert store.next_items(learner, quiz, now=START + 1.5 * MINUTE, k=3) == [
        "safety:GB21", "locate:GB21", "locate:LU1"]
    # after a minute the missed item is due and comes back before the new one
    assert store.next_items(learner, quiz, now=START + 2 * MINUTE, k=2) == ["locate:GB21", "safety:GB21"]

    # answered right each time it falls due, GB21's interval grows to the top of the ladder
    at = START + 2 * MINUTE
    waits = []
    for _ in range(LAST_BOX):
        state = store.record_answer(learner, "locate:GB21", True, at=at)
        waits.append(state.due_at - at)
        # not a second early: until it falls due the new item goes first
        just_before = state.due_at - timedelta(seconds=1)
        assert store.next_items(learner, ["locate:GB21", "safety:GB21"], now=just_before) == ["safety:GB21"]
        assert store.next_items(learner, ["locate:GB21", "safety:GB21"], now=state.due_at) == ["locate:GB21"]
        at = state.due_at
    assert waits == [*BOX_INTERVALS[1:], BOX_INTERVALS[-1]]

    summary = store.summary(learner, now=at)
    assert (summary.answered, summary.right, summary.wrong) == (2 + LAST_BOX, 1 + LAST_BOX, 1)
    assert summary.due_now == 2  # GB21 is due again, and LU1 long since
    assert store.verify() == []
