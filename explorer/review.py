"""Spaced repetition with FSRS: when each quiz item is due again. Pure: no database, no clock.

An *item* is a string key naming one thing a student can be asked, such as
``locate:GB21`` (find the site on the body), ``name:upper-trapezius-1`` or
``safety-angle:GB21``. Scheduling is the `fsrs` package's (FSRS, the
scheduler Anki uses by default), with its default parameters, a desired
retention of 0.9, learning steps of 1 and 10 minutes, a relearning step of
10 minutes, and no fuzz, so that the same answers always give the same
schedule (the store relies on that: its state table is a replay of the
answer log).

Each answer becomes one of FSRS's four ratings (:func:`rating_for`):

==========================================  ===========
answer                                      rating
==========================================  ===========
locate, right, within 0.25 B-cun            Easy
locate, right (within 0.5 B-cun)            Good
locate, close (within 1.5 B-cun)            Hard
locate, farther                             Again
name or safety, right                       Good
name or safety, wrong                       Again
==========================================  ===========

"Right" and "close" are the quiz's verdicts (``detail["verdict"]``, which
already forgives the click grid's snapping); the Easy band uses the distance
measured (``detail["distance_cun"]``). An answer logged without a verdict
counts by ``correct`` alone: right is Good, wrong is Again. The right and
wrong counts follow ``correct``: a close click counts as wrong, but is
scheduled as Hard, sooner than a right one and later than a miss.

Every function takes the time as an argument; all times are timezone-aware.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from fsrs import Card, Rating, Scheduler, State

AGAIN, HARD, GOOD, EASY = Rating.Again, Rating.Hard, Rating.Good, Rating.Easy
RATINGS = (AGAIN, HARD, GOOD, EASY)
EASY_WITHIN_CUN = 0.25  # half the quiz's "right" radius
LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
RELEARNING_STEPS = (timedelta(minutes=10),)
DESIRED_RETENTION = 0.9
MAXIMUM_INTERVAL_DAYS = 3650  # a site not asked for ten years is as good as new
STATES = frozenset(int(state) for state in State)  # 1 learning, 2 review, 3 relearning


@cache
def scheduler() -> Scheduler:
    """The one scheduler every replay uses (made on first use, not at import)."""
    return Scheduler(desired_retention=DESIRED_RETENTION, learning_steps=LEARNING_STEPS,
                     relearning_steps=RELEARNING_STEPS, maximum_interval=MAXIMUM_INTERVAL_DAYS,
                     enable_fuzzing=False)


def utc(moment: datetime) -> datetime:
    """The same instant in UTC; naive times are refused because their zone is a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a time must carry its time zone, got {moment.isoformat()}")
    return moment.astimezone(UTC)


def rating_for(correct: bool, detail: Mapping[str, Any] | None = None) -> Rating:
    """The FSRS rating of an answer (the table in the module's docstring)."""
    verdict = detail.get("verdict") if isinstance(detail, Mapping) else None
    distance = detail.get("distance_cun") if isinstance(detail, Mapping) else None
    if verdict == "close":
        return HARD
    if verdict not in ("right", "wrong"):
        verdict = "right" if correct else "wrong"
    if verdict == "wrong" or not correct:
        return AGAIN
    if isinstance(distance, int | float) and not isinstance(distance, bool) and 0 <= distance <= EASY_WITHIN_CUN:
        return EASY
    return GOOD


def check_rating(rating: object, correct: bool) -> Rating:
    """A rating given with an answer: 1 to 4, and one that fits it.

    A wrong answer is Again, or Hard (a close click); a right one is Good or Easy.
    """
    if (type(rating) is not int and not isinstance(rating, Rating)) or rating not in RATINGS:
        raise ValueError(f"a rating is 1 (again), 2 (hard), 3 (good) or 4 (easy), got {rating!r:.40}")
    rating = Rating(rating)
    if correct != (rating >= GOOD):
        raise ValueError(f"a {'right' if correct else 'wrong'} answer cannot be rated {rating.name.lower()}")
    return rating


@dataclass(frozen=True)
class ItemState:
    """Where one learner stands with one item after at least one answer: FSRS's card, and counts."""

    item: str
    state: int  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: int | None  # the learning or relearning step; None in review
    stability: float | None
    difficulty: float | None
    due_at: datetime
    right: int
    wrong: int
    last_answered_at: datetime

    @property
    def answered(self) -> int:
        return self.right + self.wrong

    def is_due(self, now: datetime) -> bool:
        return self.due_at <= now

    def card(self) -> Card:
        return Card(card_id=0, state=State(self.state), step=self.step, stability=self.stability,
                    difficulty=self.difficulty, due=self.due_at, last_review=self.last_answered_at)


def after_answer(previous: ItemState | None, item: str, correct: bool, at: datetime,
                 rating: Rating | None = None) -> ItemState:
    """The item's state once it has been answered at ``at``.

    ``previous`` is None for an item never answered before. ``rating`` defaults
    to :func:`rating_for` of ``correct`` alone.
    """
    at = utc(at)
    chosen = rating_for(correct) if rating is None else Rating(rating)
    card = previous.card() if previous is not None else Card(card_id=0, due=at)
    card, _log = scheduler().review_card(card, chosen, review_datetime=at)
    return ItemState(
        item=item,
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due_at=card.due,
        right=(previous.right if previous else 0) + int(correct),
        wrong=(previous.wrong if previous else 0) + int(not correct),
        last_answered_at=at,
    )


def replay(item: str, answers: Iterable[tuple[bool, datetime, Rating | None]]) -> ItemState | None:
    """The state an item reaches after its answers (right or wrong, when, rating), in the order made.

    None when there are no answers. The store keeps its state table equal to
    this, and uses it to rebuild states after an import or a migration.
    """
    state: ItemState | None = None
    for correct, at, rating in answers:
        state = after_answer(state, item, correct, at, rating)
    return state


def order_for_review(candidates: Iterable[str], states: Mapping[str, ItemState], now: datetime) -> list[str]:
    """The candidates in the order they should be asked.

    Due items come first, the most overdue first; then items never answered,
    in the order given; then items not yet due, the soonest first. Repeated
    candidates are asked once. Ties keep the order given.
    """
    now = utc(now)
    unique = list(dict.fromkeys(candidates))
    due = [item for item in unique if item in states and states[item].is_due(now)]
    new = [item for item in unique if item not in states]
    waiting = [item for item in unique if item in states and not states[item].is_due(now)]
    due.sort(key=lambda item: states[item].due_at)
    waiting.sort(key=lambda item: states[item].due_at)
    return due + new + waiting
