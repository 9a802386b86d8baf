"""Quiz progress that lasts: an answer log and each item's review state, in SQLite or PostgreSQL.

Pure Python (SQLAlchemy Core, no streamlit). A :class:`ProgressStore` is made
from a database URL and connects on first use, creating its two tables if
they are missing:

``progress_answers``
    the append-only log, which is also FSRS's review log: one row per answer
    (learner, item, right or wrong, its FSRS rating, when, and a free
    ``detail`` object such as the distance in B-cun). Each answer has a uuid,
    so that a retried write or a second import of the same file adds nothing.
``progress_review_states``
    one row per learner and item: its FSRS card (state, step, stability,
    difficulty, when it is due) and the right and wrong counts. It always
    equals :func:`explorer.review.replay` of the item's answers in time
    order, which :meth:`ProgressStore.verify` checks and an import relies on
    to rebuild what it touches.

Migration: a database made before FSRS has no ``rating`` column and keeps
Leitner boxes in ``progress_item_states``. On first use the column is added
and filled from each answer (:func:`explorer.review.rating_for`), every
state is replayed from the log into ``progress_review_states``, and the box
table is dropped, all in one transaction; no answer is changed or lost.

Where the database lives: ``NEEDLE_SITE_DB`` holds either a SQLAlchemy URL
(``postgresql+psycopg://user@host/db``; ``postgresql://`` and ``postgres://``
are read as psycopg) or an absolute file path for SQLite. Without it the file
is ``$XDG_DATA_HOME/needle-site-explorer/progress.sqlite3``, by default under
``~/.local/share``. See :func:`default_database_url`.

Durability and concurrency:

- Every write is one transaction. SQLite runs in WAL mode with
  ``synchronous=FULL``, so a committed answer survives a killed process (and a
  power cut); a killed writer's unfinished transaction is rolled back.
- A write first locks the state rows it will change (an ``INSERT ... ON
  CONFLICT DO NOTHING`` creates a row for a new item, then ``SELECT ... FOR
  UPDATE``), so app instances writing to one PostgreSQL database at once never
  lose an update. SQLite has one writer at a time: its transactions start with
  ``BEGIN IMMEDIATE``, and a writer that finds the file locked waits for it.
"""

from __future__ import annotations

import json
import os
import re
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Connection,
    DateTime,
    Dialect,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    TypeDecorator,
    UniqueConstraint,
    bindparam,
    create_engine,
    event,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from explorer.review import (
    STATES,
    ItemState,
    Rating,
    after_answer,
    check_rating,
    order_for_review,
    rating_for,
    replay,
    utc,
)
from explorer.untrusted_json import UntrustedJsonError, load, value_problems

DATABASE_ENV = "NEEDLE_SITE_DB"  # a SQLAlchemy URL, or an absolute path to a SQLite file
APP_FOLDER = "needle-site-explorer"
DATABASE_FILE = "progress.sqlite3"
EXPORT_FORMAT = "needle-site-explorer/progress"
EXPORT_VERSION = 1
MAX_LEARNER_LENGTH = 64
MAX_ITEM_LENGTH = 200
MAX_DETAIL_CHARS = 2000  # a few measurements per answer, not a document
MAX_IMPORT_PROBLEMS = 20  # enough to fix a file, few enough to read
MAX_IMPORT_BYTES = 20_000_000  # about 100,000 answers; refused before it is decoded
MAX_IMPORT_ANSWERS = 100_000
MAX_IMPORT_DEPTH = 12  # an export nests 5 deep (document, answers, answer, detail, click)
MAX_TIME_CHARS = 40  # '2025-01-31T09:30:00.123456+05:30' and room to spare
# Answers are dated within these bounds: wide enough for any clock, narrow enough that a due date
# (at most a century ahead) and a time-zone shift never leave datetime's range.
EARLIEST_ANSWER = datetime(1970, 1, 1, tzinfo=UTC)
LATEST_ANSWER = datetime(2500, 1, 1, tzinfo=UTC)
SQLITE_BUSY_SECONDS = 30  # how long a SQLite writer waits for another to finish
IN_CLAUSE_CHUNK = 500  # keeps IN (...) lists well below every backend's parameter limit
SCHEMA_LOCK_KEY = 0x6E65_6564  # PostgreSQL advisory lock taken while creating tables

_LEARNER = re.compile(rf"[A-Za-z0-9_-]{{1,{MAX_LEARNER_LENGTH}}}")
_ITEM = re.compile(rf"[!-~]{{1,{MAX_ITEM_LENGTH}}}")  # printable ASCII, no spaces: "locate:GB21"
_LOCK_ROW_STATE = 0  # marks the row a writer creates to lock an item never answered; never committed
LEITNER_STATES_TABLE = "progress_item_states"  # the boxes before FSRS; replayed into the new table, then dropped


# --- configuration -------------------------------------------------------------------------------


def default_database_url(environ: Mapping[str, str] | None = None) -> str:
    """The database URL from ``NEEDLE_SITE_DB``, or the SQLite file in the user's data folder.

    Reads the environment when called (never at import). A relative path is
    refused rather than resolved against the working directory.
    """
    env = os.environ if environ is None else environ
    configured = env.get(DATABASE_ENV, "").strip()
    if "://" in configured:
        try:
            make_url(configured)
        except (ArgumentError, ValueError) as error:  # ValueError: a port that is not a number
            raise ValueError(f"{DATABASE_ENV} is not a valid database URL: {error}") from None
        return configured
    if configured:
        path = Path(configured).expanduser()
        if not path.is_absolute():
            raise ValueError(f"{DATABASE_ENV} must be a database URL or an absolute file path, got {configured!r}")
    else:
        data_home = env.get("XDG_DATA_HOME", "")
        # The XDG spec says a relative XDG_DATA_HOME is invalid and is to be ignored.
        base = Path(data_home) if Path(data_home).is_absolute() else Path.home() / ".local" / "share"
        path = base / APP_FOLDER / DATABASE_FILE
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def _engine_url(url: str) -> URL:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # the driver this project installs
    return parsed


# --- validation ----------------------------------------------------------------------------------


def _shown(value: object) -> str:
    text_ = repr(value)
    return text_ if len(text_) <= 40 else text_[:39] + "…"


def check_learner(learner: object) -> str:
    """A learner id: 1 to 64 letters, digits, hyphens or underscores."""
    if not isinstance(learner, str) or not _LEARNER.fullmatch(learner):
        raise ValueError(f"a learner id is 1 to {MAX_LEARNER_LENGTH} letters, digits, hyphens or "
                         f"underscores, got {_shown(learner)}")
    return learner


def check_item(item: object) -> str:
    """An item key such as ``locate:GB21``: printable ASCII without spaces."""
    if not isinstance(item, str) or not _ITEM.fullmatch(item):
        raise ValueError(f"an item is 1 to {MAX_ITEM_LENGTH} printable ASCII characters without spaces "
                         f"(such as 'locate:GB21'), got {_shown(item)}")
    return item


def check_detail(detail: object, place: str = "detail") -> dict[str, Any] | None:
    """None, or a small JSON object; returned as JSON gives it back, so stored equals read.

    Every message starts with ``place`` (or a place inside it: ``detail.note: holds a lone surrogate``).
    """
    if detail is None:
        return None
    if not isinstance(detail, Mapping) or not all(isinstance(key, str) for key in detail):
        raise ValueError(f"{place}: a detail is an object with text keys, or null, got {_shown(detail)}")
    for problem in value_problems(dict(detail), place):
        raise ValueError(problem)
    try:
        encoded = json.dumps(detail, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{place}: a detail must hold only JSON values (no NaN or infinity): {error}") from None
    if len(encoded) > MAX_DETAIL_CHARS:
        raise ValueError(f"{place}: a detail is at most {MAX_DETAIL_CHARS} characters as JSON, got {len(encoded)}")
    return json.loads(encoded)


def check_answer_id(answer_id: object) -> str:
    """A uuid, in its canonical lower-case form."""
    if isinstance(answer_id, str):
        try:
            return str(uuid.UUID(answer_id))
        except ValueError:
            pass
    raise ValueError(f"an answer id is a UUID, got {_shown(answer_id)}")


def check_time(moment: object) -> datetime:
    """A timezone-aware time (or ISO 8601 text with its offset) between 1970 and 2500, in UTC."""
    parsed = moment
    reason = ""
    if isinstance(moment, str):
        if len(moment) > MAX_TIME_CHARS:
            raise ValueError(f"a time is at most {MAX_TIME_CHARS} characters, got {len(moment):,}")
        try:
            parsed = datetime.fromisoformat(moment)
        except ValueError as error:  # "year 0 is out of range", "month must be in 1..12" ...
            parsed, reason = None, f" ({error})"
    if not isinstance(parsed, datetime) or parsed.utcoffset() is None:
        raise ValueError(f"a time is ISO 8601 with its time zone, such as '2025-01-31T09:30:00+00:00', "
                         f"got {_shown(moment)}{reason}")
    try:
        in_utc = utc(parsed)
    except OverflowError:  # 0001-01-01T00:00+05:00 lies before the year 1 in UTC
        in_utc = None
    if in_utc is None or not EARLIEST_ANSWER <= in_utc < LATEST_ANSWER:
        raise ValueError(f"a time must lie between {EARLIEST_ANSWER.year} and {LATEST_ANSWER.year} (UTC), "
                         f"got {_shown(moment)}")
    return in_utc


def check_correct(correct: object) -> bool:
    if not isinstance(correct, bool):
        raise ValueError(f"correct is true or false, got {_shown(correct)}")
    return correct


# --- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """One row of the answer log."""

    answer_id: str
    item: str
    correct: bool
    answered_at: datetime
    detail: dict[str, Any] | None = None
    rating: Rating | None = None  # None only while reading: then it is worked out from the answer

    def __post_init__(self) -> None:
        if self.rating is None:
            object.__setattr__(self, "rating", rating_for(self.correct, self.detail))

    def to_json(self) -> dict[str, Any]:
        return {"id": self.answer_id, "item": self.item, "correct": self.correct, "rating": int(self.rating or 0),
                "answered_at": self.answered_at.isoformat(), "detail": self.detail}


@dataclass(frozen=True)
class Summary:
    """A learner's progress at one moment."""

    learner: str
    answered: int
    right: int
    wrong: int
    due_now: int
    items: Mapping[str, ItemState]
    unreadable: tuple[str, ...] = ()  # items whose stored state could not be read, left out of the counts


@dataclass(frozen=True)
class ImportResult:
    """What an import added; ``duplicates`` were already recorded and were skipped."""

    learner: str
    added: int
    duplicates: int
    items: int


class ProgressImportError(ValueError):
    """An import that was refused; nothing was written. ``problems`` name each one and where it is."""

    def __init__(self, problems: Sequence[str]) -> None:
        shown = list(problems[:MAX_IMPORT_PROBLEMS])
        if len(problems) > MAX_IMPORT_PROBLEMS:
            shown.append(f"… and {len(problems) - MAX_IMPORT_PROBLEMS} more problems")
        self.problems = tuple(shown)
        super().__init__("The progress file was not imported:\n" + "\n".join(f"- {p}" for p in shown))


# --- schema --------------------------------------------------------------------------------------


class _UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC times on both backends (SQLite keeps no zone: store UTC, read it back as UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

answers_table = Table(
    "progress_answers", metadata,
    # seq orders answers given at the same instant, in the order they were written.
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("answer_id", String(36), nullable=False),
    Column("learner", String(MAX_LEARNER_LENGTH), nullable=False),
    Column("item", String(MAX_ITEM_LENGTH), nullable=False),
    Column("correct", Boolean, nullable=False),
    Column("rating", SmallInteger, nullable=True),  # 1-4; nullable only so that an older table can gain it
    Column("answered_at", _UtcDateTime, nullable=False),
    Column("detail", JSON(none_as_null=True), nullable=True),
    UniqueConstraint("learner", "answer_id", name="progress_answers_learner_answer_id"),
    Index("progress_answers_by_item", "learner", "item", "answered_at", "seq"),
)

states_table = Table(
    "progress_review_states", metadata,
    Column("learner", String(MAX_LEARNER_LENGTH), primary_key=True),
    Column("item", String(MAX_ITEM_LENGTH), primary_key=True),
    Column("state", SmallInteger, nullable=False),  # fsrs.State; 0 in an uncommitted lock row
    Column("step", Integer, nullable=True),
    Column("stability", Float(precision=53), nullable=True),  # double precision: stored equals replayed
    Column("difficulty", Float(precision=53), nullable=True),
    Column("due_at", _UtcDateTime, nullable=False),
    Column("right_count", Integer, nullable=False),  # not "right": RIGHT is an SQL keyword
    Column("wrong_count", Integer, nullable=False),
    Column("last_answered_at", _UtcDateTime, nullable=True),  # null only in an uncommitted lock row
)


def _now() -> datetime:
    return datetime.now(UTC)


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), IN_CLAUSE_CHUNK):
        yield values[start:start + IN_CLAUSE_CHUNK]


def _configure_sqlite(dbapi_connection: Any, _record: object) -> None:
    # The driver's own BEGIN would start transactions lazily, letting two writers
    # both read a state and then fail to upgrade their locks; _begin_immediate
    # takes the write lock up front instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer; kept in the file
    cursor.execute("PRAGMA synchronous=FULL")  # a commit returns after the WAL is on disk
    cursor.close()


def _begin_immediate(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _create_engine(url: str) -> Engine:
    parsed = _engine_url(url)
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        return create_engine(parsed, pool_pre_ping=True)
    if backend != "sqlite":
        raise ValueError(f"progress is kept in SQLite or PostgreSQL, not {backend!r} ({DATABASE_ENV})")
    database = parsed.database or ""
    if database in ("", ":memory:") or parsed.query.get("mode") == "memory":
        raise ValueError("an in-memory SQLite database would lose progress; give a file path")
    if not Path(database).is_absolute():
        raise ValueError(f"a SQLite database path must be absolute, got {database!r}")
    Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_SECONDS})
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def _insert(conn: Connection, table: Table) -> Any:
    """The backend's INSERT, which knows ON CONFLICT."""
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)


def _state_from_row(row: Any) -> ItemState | None:
    """The row's state; None for a lock row; ValueError for a row no replay could have written."""
    if row.state == _LOCK_ROW_STATE:
        return None
    if row.state not in STATES or row.due_at is None or row.last_answered_at is None:
        raise ValueError(f"{row.item}: not a review state ({row.state})")
    return ItemState(item=row.item, state=row.state, step=row.step, stability=row.stability,
                     difficulty=row.difficulty, due_at=row.due_at, right=row.right_count, wrong=row.wrong_count,
                     last_answered_at=row.last_answered_at)


def _answer_from_row(row: Any) -> Answer:
    return Answer(answer_id=row.answer_id, item=row.item, correct=row.correct, answered_at=row.answered_at,
                  detail=row.detail, rating=Rating(row.rating) if row.rating else None)


def _replayed(item: str, rows: Iterable[Any]) -> ItemState | None:
    return replay(item, ((row.correct, row.answered_at, Rating(row.rating) if row.rating else None) for row in rows))


def _migrate(conn: Connection) -> None:
    """Bring a database made before FSRS up to date; nothing to do on a current one (see the module)."""
    inspector = inspect(conn)
    if "rating" not in {column["name"] for column in inspector.get_columns(answers_table.name)}:
        conn.execute(text(f"ALTER TABLE {answers_table.name} ADD COLUMN rating SMALLINT"))
    unrated = conn.execute(select(answers_table.c.seq, answers_table.c.correct, answers_table.c.detail)
                           .where(answers_table.c.rating.is_(None))).all()
    if unrated:
        conn.execute(update(answers_table).where(answers_table.c.seq == bindparam("key"))
                     .values(rating=bindparam("value")),
                     [{"key": row.seq, "value": int(rating_for(row.correct, row.detail))} for row in unrated])
    if not inspector.has_table(LEITNER_STATES_TABLE):
        return
    conn.execute(states_table.delete())  # nothing but a replay may be in it
    rows = conn.execute(select(answers_table.c.learner, answers_table.c.item, answers_table.c.correct,
                               answers_table.c.rating, answers_table.c.answered_at)
                        .order_by(answers_table.c.learner, answers_table.c.item, answers_table.c.answered_at,
                                  answers_table.c.seq))
    states = [(learner, _replayed(item, group)) for (learner, item), group
              in groupby(rows, key=lambda row: (row.learner, row.item))]
    if states:
        conn.execute(states_table.insert(), [{"learner": learner, **_state_columns(state)}
                                             for learner, state in states if state is not None])
    conn.execute(text(f"DROP TABLE {LEITNER_STATES_TABLE}"))


def _state_columns(state: ItemState) -> dict[str, Any]:
    return {"item": state.item, "state": state.state, "step": state.step, "stability": state.stability,
            "difficulty": state.difficulty, "due_at": state.due_at, "right_count": state.right,
            "wrong_count": state.wrong, "last_answered_at": state.last_answered_at}


# --- the store -----------------------------------------------------------------------------------


class ProgressStore:
    """Quiz progress in one database. Thread-safe; connects on first use."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url if url is not None else default_database_url()
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"ProgressStore({make_url(self.url).render_as_string(hide_password=True)!r})"

    @property
    def engine(self) -> Engine:
        with self._engine_lock:
            if self._engine is None:
                engine = _create_engine(self.url)
                try:
                    with engine.begin() as conn:
                        if conn.dialect.name == "postgresql":
                            # Two instances starting together would both see no table and both create it.
                            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
                        metadata.create_all(conn)
                        _migrate(conn)
                except BaseException:
                    engine.dispose()  # an unreachable server must not leave a pool behind; the next call retries
                    raise
                self._engine = engine
            return self._engine

    def close(self) -> None:
        """Close pooled connections; the store reconnects if used again."""
        with self._engine_lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------------------------

    def record_answer(self, learner: str, item: str, correct: bool, at: datetime | None = None,
                      detail: Mapping[str, Any] | None = None, answer_id: str | None = None,
                      rating: int | None = None) -> ItemState:
        """Log one answer and return the item's new state, in one transaction.

        ``at`` defaults to now. ``answer_id`` (a uuid) makes a retried call
        safe: an id already recorded for this learner adds nothing and returns
        the item's current state. ``rating`` (FSRS, 1-4) defaults to
        :func:`explorer.review.rating_for` of the answer.
        """
        learner, item, correct = check_learner(learner), check_item(item), check_correct(correct)
        answer_id = check_answer_id(answer_id) if answer_id is not None else str(uuid.uuid4())
        given_time = check_time(at) if at is not None else None
        detail = check_detail(detail)
        chosen = check_rating(rating, correct) if rating is not None else rating_for(correct, detail)
        with self.engine.begin() as conn:
            previous = self._lock_states(conn, learner, [item])[item]
            # "Now" is read once the lock is held, so that one item's answers are in time order as they commit.
            answer = Answer(answer_id, item, correct, given_time or _now(), detail, chosen)
            # RETURNING rather than rowcount, which PostgreSQL reports as -1 for an INSERT that returns the key
            inserted = conn.execute(
                _insert(conn, answers_table).values(learner=learner, **self._answer_columns(answer))
                .on_conflict_do_nothing(index_elements=["learner", "answer_id"])
                .returning(answers_table.c.seq)).first()
            if inserted is None:
                return self._already_recorded(conn, learner, answer, previous)
            if previous is not None and answer.answered_at < previous.last_answered_at:
                state = self._rebuild_states(conn, learner, [item])[item]  # a late arrival: replay in time order
            else:
                state = after_answer(previous, item, correct, answer.answered_at, chosen)
            assert state is not None  # the item has at least the answer just written
            self._write_states(conn, learner, [state])
            return state

    def import_(self, data: bytes, learner: str | None = None,
                item_problem: Callable[[str], str | None] | None = None) -> ImportResult:
        """Add an export's answers to ``learner`` (by default the learner it was exported from).

        All or nothing, in one transaction: a file with any problem raises
        :class:`ProgressImportError` naming each problem and its position, and
        writes nothing. Answers already recorded (same id, same content) are
        skipped, so importing a file twice adds it once. ``item_problem``: see
        :func:`read_export`.
        """
        target, answers = read_export(data, learner, item_problem)
        items = sorted({answer.item for answer in answers})
        with self.engine.begin() as conn:
            self._lock_states(conn, target, items)
            existing = self._answers_by_id(conn, target, [answer.answer_id for answer in answers])
            problems = [f"answers[{index}].id: {answer.answer_id} is already recorded for {target} "
                        "with a different item, result, time or detail"
                        for index, answer in enumerate(answers)
                        if answer.answer_id in existing and existing[answer.answer_id] != answer]
            if problems:
                raise ProgressImportError(problems)  # leaving the block rolls back the lock rows too
            new = [answer for answer in answers if answer.answer_id not in existing]
            if new:
                conn.execute(answers_table.insert(),
                             [{"learner": target, **self._answer_columns(answer)} for answer in new])
            states = self._rebuild_states(conn, target, items)
            self._write_states(conn, target, [state for state in states.values() if state is not None])
        return ImportResult(learner=target, added=len(new), duplicates=len(answers) - len(new), items=len(items))

    @staticmethod
    def _answer_columns(answer: Answer) -> dict[str, Any]:
        return {"answer_id": answer.answer_id, "item": answer.item, "correct": answer.correct,
                "rating": int(answer.rating or rating_for(answer.correct, answer.detail)),
                "answered_at": answer.answered_at, "detail": answer.detail}

    @staticmethod
    def _already_recorded(conn: Connection, learner: str, answer: Answer, state: ItemState | None) -> ItemState:
        row = conn.execute(select(answers_table.c.item, answers_table.c.correct).where(
            answers_table.c.learner == learner, answers_table.c.answer_id == answer.answer_id)).one()
        if (row.item, row.correct) != (answer.item, answer.correct) or state is None:
            raise ValueError(f"answer {answer.answer_id} is already recorded for {learner} "
                             f"as {row.item} ({'right' if row.correct else 'wrong'})")
        return state

    def _lock_states(self, conn: Connection, learner: str, items: Sequence[str]) -> dict[str, ItemState | None]:
        """Lock the state rows of ``items`` for this transaction; None for items never answered.

        A new item gets a lock row first, because there is nothing to lock
        until it exists; a concurrent writer of the same item waits on it.
        Sorted, so that two writers take their locks in the same order.
        """
        ordered = sorted(set(items))
        states: dict[str, ItemState | None] = {}
        for chunk in _chunks(ordered):
            conn.execute(
                _insert(conn, states_table).values([
                    {"learner": learner, "item": item, "state": _LOCK_ROW_STATE, "due_at": _now(), "right_count": 0,
                     "wrong_count": 0, "last_answered_at": None} for item in chunk])
                .on_conflict_do_nothing(index_elements=["learner", "item"]))
            rows = conn.execute(select(states_table).where(
                states_table.c.learner == learner, states_table.c.item.in_(chunk))
                .order_by(states_table.c.item).with_for_update())
            states.update((row.item, _state_from_row(row)) for row in rows)
        return states

    def _rebuild_states(self, conn: Connection, learner: str, items: Sequence[str]) -> dict[str, ItemState | None]:
        """Each item's state replayed from its answers in time order."""
        states: dict[str, ItemState | None] = dict.fromkeys(items)
        for chunk in _chunks(sorted(set(items))):
            rows = conn.execute(
                select(answers_table.c.item, answers_table.c.correct, answers_table.c.rating,
                       answers_table.c.answered_at)
                .where(answers_table.c.learner == learner, answers_table.c.item.in_(chunk))
                .order_by(answers_table.c.item, answers_table.c.answered_at, answers_table.c.seq))
            for item, group in groupby(rows, key=lambda row: row.item):
                states[item] = _replayed(item, group)
        return states

    @staticmethod
    def _write_states(conn: Connection, learner: str, states: Sequence[ItemState]) -> None:
        if not states:
            return
        conn.execute(
            update(states_table)
            .where(states_table.c.learner == learner, states_table.c.item == bindparam("key"))
            .values({column: bindparam(f"new_{column}") for column in _state_columns(states[0]) if column != "item"}),
            [{"key": state.item, **{f"new_{column}": value for column, value in _state_columns(state).items()
                                    if column != "item"}} for state in states])

    @staticmethod
    def _answers_by_id(conn: Connection, learner: str, answer_ids: Sequence[str]) -> dict[str, Answer]:
        found: dict[str, Answer] = {}
        for chunk in _chunks(answer_ids):
            rows = conn.execute(select(answers_table).where(
                answers_table.c.learner == learner, answers_table.c.answer_id.in_(chunk)))
            found.update((row.answer_id, _answer_from_row(row)) for row in rows)
        return found

    # --- reading ---------------------------------------------------------------------------------

    def states(self, learner: str) -> dict[str, ItemState]:
        """Every item the learner has answered, by item key (rows that cannot be read are left out)."""
        return self._readable_states(learner)[0]

    def _readable_states(self, learner: str) -> tuple[dict[str, ItemState], tuple[str, ...]]:
        """The learner's states, and the items whose stored row could not be read as one."""
        learner = check_learner(learner)
        with self.engine.connect() as conn:
            rows = conn.execute(select(states_table).where(states_table.c.learner == learner)
                                .order_by(states_table.c.item)).all()
        states: dict[str, ItemState] = {}
        unreadable: list[str] = []
        for row in rows:
            try:
                state = _state_from_row(row)
            except (ValueError, TypeError):  # a row written by hand or by a broken version: skip, never raise
                unreadable.append(str(row.item))
                continue
            if state is not None:
                states[row.item] = state
        return states, tuple(unreadable)

    def answers(self, learner: str) -> list[Answer]:
        """The learner's answer log, oldest first."""
        learner = check_learner(learner)
        with self.engine.connect() as conn:
            rows = conn.execute(select(answers_table).where(answers_table.c.learner == learner)
                                .order_by(answers_table.c.answered_at, answers_table.c.seq))
            return [_answer_from_row(row) for row in rows]

    def next_items(self, learner: str, candidates: Iterable[str], now: datetime | None = None,
                   k: int = 1) -> list[str]:
        """Up to ``k`` of the candidates to ask next (see :func:`explorer.review.order_for_review`)."""
        if k < 0:
            raise ValueError(f"k must not be negative, got {k}")
        ordered = order_for_review(candidates, self.states(learner), now if now is not None else _now())
        return ordered[:k]

    def summary(self, learner: str, now: datetime | None = None) -> Summary:
        """Counts of answers, right and wrong, how many items are due, and each item's state."""
        states, unreadable = self._readable_states(learner)
        moment = utc(now) if now is not None else _now()
        return Summary(
            learner=learner,
            answered=sum(state.answered for state in states.values()),
            right=sum(state.right for state in states.values()),
            wrong=sum(state.wrong for state in states.values()),
            due_now=sum(state.is_due(moment) for state in states.values()),
            items=states,
            unreadable=unreadable,
        )

    def export(self, learner: str) -> bytes:
        """The learner's answer log as versioned JSON (UTF-8), which :meth:`import_` reads back."""
        document = {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "learner": check_learner(learner),
            "exported_at": _now().isoformat(),
            "answers": [answer.to_json() for answer in self.answers(learner)],
        }
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")

    def verify(self) -> list[str]:
        """Problems found in the whole database; empty when it is consistent.

        Every stored state must equal the replay of its answers, and (for
        SQLite) the file must pass ``PRAGMA integrity_check``. Reads every
        row: for tests and maintenance, not for a page.
        """
        problems: list[str] = []
        with self.engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                checks = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
                if checks != ["ok"]:
                    problems.extend(f"integrity_check: {check}" for check in checks)
            unrated = conn.execute(select(answers_table.c.learner, answers_table.c.answer_id)
                                   .where(answers_table.c.rating.is_(None))).all()
            rows = conn.execute(select(answers_table.c.learner, answers_table.c.item, answers_table.c.correct,
                                       answers_table.c.rating, answers_table.c.answered_at)
                                .order_by(answers_table.c.learner, answers_table.c.item,
                                          answers_table.c.answered_at, answers_table.c.seq))
            replayed = {key: _replayed(key[1], group)
                        for key, group in groupby(rows, key=lambda row: (row.learner, row.item))}
            state_rows = conn.execute(select(states_table)).all()
        problems.extend(f"{row.learner} answer {row.answer_id}: no rating" for row in unrated)
        problems.extend(f"{row.learner} {row.item}: a lock row was committed"
                        for row in state_rows if row.state == _LOCK_ROW_STATE)
        stored: dict[tuple[str, str], ItemState | None] = {}
        for row in state_rows:
            try:
                stored[(row.learner, row.item)] = _state_from_row(row)
            except ValueError as error:
                problems.append(f"{row.learner} {error}")
        for key in sorted(replayed.keys() | stored.keys()):
            if replayed.get(key) != stored.get(key):
                problems.append(f"{key[0]} {key[1]}: stored state {stored.get(key)} but the answers give "
                                f"{replayed.get(key)}")
        return problems


# --- reading an export ---------------------------------------------------------------------------


# An exported answer's keys, each with its Answer field and its check.
_EXPORT_FIELDS: dict[str, tuple[str, Any]] = {
    "id": ("answer_id", check_answer_id),
    "item": ("item", check_item),
    "correct": ("correct", check_correct),
    "answered_at": ("answered_at", check_time),
    "detail": ("detail", check_detail),
}
_OPTIONAL_EXPORT_FIELDS = {"detail"}
_PLACED_CHECKS = {"detail"}  # checks whose messages name their own place


def _read_document(data: object) -> dict[str, Any]:
    """The export's top-level object, or the refusal that says why the file cannot be one."""
    try:
        document = load(data, max_bytes=MAX_IMPORT_BYTES, max_depth=MAX_IMPORT_DEPTH)  # type: ignore[arg-type]
    except UntrustedJsonError as error:
        raise ProgressImportError([f"the file: {error}"]) from None
    if not isinstance(document, dict):
        raise ProgressImportError([f"the file holds a JSON {type(document).__name__}, not a progress export"])
    if document.get("format") != EXPORT_FORMAT:
        raise ProgressImportError([f"format: expected {EXPORT_FORMAT!r}, got {_shown(document.get('format'))}"])
    version = document.get("version")
    if type(version) is not int or version != EXPORT_VERSION:  # type(): true == 1 in Python
        raise ProgressImportError([f"version: this app reads version {EXPORT_VERSION}, the file is version "
                                   f"{_shown(version)}"])
    return document


def _read_answer(raw: object, where: str, item_problem: Callable[[str], str | None] | None,
                 problems: list[str]) -> Answer | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: expected an object, got {_shown(raw)}")
        return None
    fields: dict[str, Any] = {}
    for key, (name, check) in _EXPORT_FIELDS.items():
        if key not in raw and key not in _OPTIONAL_EXPORT_FIELDS:
            problems.append(f"{where}.{key}: missing")
            continue
        try:
            fields[name] = check(raw.get(key), f"{where}.{key}") if key in _PLACED_CHECKS else check(raw.get(key))
        except ValueError as error:
            problems.append(str(error) if key in _PLACED_CHECKS else f"{where}.{key}: {error}")
    if "rating" in raw and "correct" in fields:
        try:
            fields["rating"] = check_rating(raw["rating"], fields["correct"])
        except ValueError as error:
            problems.append(f"{where}.rating: {error}")
            return None
    if "item" in fields and item_problem is not None:
        problem = item_problem(fields["item"])
        if problem:
            problems.append(f"{where}.item: {problem}")
            return None
    return Answer(**fields) if all(name in fields for name, _ in _EXPORT_FIELDS.values()) else None


def read_export(data: bytes, learner: str | None = None,
                item_problem: Callable[[str], str | None] | None = None) -> tuple[str, list[Answer]]:
    """The learner an export's answers go to (``learner`` if given, else the file's) and the answers.

    Everything is checked before anything is returned: the size, UTF-8, the
    nesting depth and number lengths (:mod:`explorer.untrusted_json`), then
    every field of every answer, times within 1970-2500 and text free of
    lone surrogates and NUL. ``item_problem``, when given, says why an item
    key is one this app cannot ask (the quiz passes its own check), so that
    such an item is never stored.

    Raises :class:`ProgressImportError` with every problem found, each naming
    its position (``answers[3].answered_at: ...``). Reads only: the database
    is not touched, so a page can show what a file holds before importing it.
    """
    if learner is not None:
        try:
            learner = check_learner(learner)
        except ValueError as error:
            raise ProgressImportError([f"learner: {error}"]) from None
    document = _read_document(data)
    problems: list[str] = []
    if learner is None:
        try:
            learner = check_learner(document.get("learner"))
        except ValueError as error:
            problems.append(f"learner: {error}")
    raw_answers = document.get("answers")
    if not isinstance(raw_answers, list):
        raise ProgressImportError([*problems, f"answers: expected a list, got {_shown(raw_answers)}"])
    if len(raw_answers) > MAX_IMPORT_ANSWERS:
        raise ProgressImportError([*problems, f"answers: {len(raw_answers):,} answers, at most "
                                              f"{MAX_IMPORT_ANSWERS:,} in one file"])

    answers: list[Answer] = []
    first_index: dict[str, int] = {}
    for index, raw in enumerate(raw_answers):
        where = f"answers[{index}]"
        answer = _read_answer(raw, where, item_problem, problems)
        if answer is None:
            continue
        if answer.answer_id in first_index:
            problems.append(f"{where}.id: repeats answers[{first_index[answer.answer_id]}].id")
            continue
        first_index[answer.answer_id] = index
        answers.append(answer)
    if problems or learner is None:
        raise ProgressImportError(problems)
    return learner, answers
