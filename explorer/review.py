"""Spaced repetition: when each quiz item is due again. Pure: no database, no clock.

An *item* is a string key naming one thing a student can be asked, such as
``locate:GB21`` (find the site on the body), ``name:upper-trapezius-1`` or
``safety:GB21``. Items live in Leitner boxes::

    box        1      2       3      4       5       6
    due after  1 min  10 min  1 day  3 days  7 days  21 days

A right answer moves the item up one box (a new item goes straight to box 2,
so that knowing it already is worth more than missing it); a wrong answer
sends it back to box 1, due again a minute later, within the same session.
Every answer counts from the moment it was given, so an item answered early
is simply rescheduled from then.

Every function takes the time as an argument; all times are timezone-aware.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

BOX_INTERVALS: tuple[timedelta, ...] = (
    timedelta(minutes=1),
    timedelta(minutes=10),
    timedelta(days=1),
    timedelta(days=3),
    timedelta(days=7),
    timedelta(days=21),
)
FIRST_BOX = 1
LAST_BOX = len(BOX_INTERVALS)


def interval_of(box: int) -> timedelta:
    """How long an item in ``box`` waits before it is due again."""
    if not FIRST_BOX <= box <= LAST_BOX:
        raise ValueError(f"box must be between {FIRST_BOX} and {LAST_BOX}, got {box}")
    return BOX_INTERVALS[box - FIRST_BOX]


def utc(moment: datetime) -> datetime:
    """The same instant in UTC; naive times are refused because their zone is a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a time must carry its time zone, got {moment.isoformat()}")
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class ItemState:
    """Where one learner stands with one item after at least one answer."""

    item: str
    box: int
    due_at: datetime
    right: int
    wrong: int
    last_answered_at: datetime

    @property
    def answered(self) -> int:
        return self.right + self.wrong

    def is_due(self, now: datetime) -> bool:
        return self.due_at <= now


def after_answer(previous: ItemState | None, item: str, correct: bool, at: datetime) -> ItemState:
    """The item's state once it has been answered at ``at``.

    ``previous`` is None for an item never answered before.
    """
    at = utc(at)
    box = min((previous.box if previous else FIRST_BOX) + 1, LAST_BOX) if correct else FIRST_BOX
    return ItemState(
        item=item,
        box=box,
        due_at=at + interval_of(box),
        right=(previous.right if previous else 0) + int(correct),
        wrong=(previous.wrong if previous else 0) + int(not correct),
        last_answered_at=at,
    )


def replay(item: str, answers: Iterable[tuple[bool, datetime]]) -> ItemState | None:
    """The state an item reaches after its answers, given in the order they were made.

    None when there are no answers. The store keeps its state table equal to
    this, and uses it to rebuild states after an import.
    """
    state: ItemState | None = None
    for correct, at in answers:
        state = after_answer(state, item, correct, at)
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
