"""The progress store, on SQLite and on a real PostgreSQL server (the ``store`` fixture runs each test on both).

Round trips, export and import, refused imports that change nothing, a
writer killed mid-write that loses nothing it had committed, and concurrent
writers that lose no update.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fsrs import Rating, State
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.review import replay
from explorer.store import (
    DATABASE_ENV,
    MAX_IMPORT_PROBLEMS,
    ImportResult,
    ProgressImportError,
    ProgressStore,
    default_database_url,
    read_export,
)

ROOT = Path(__file__).resolve().parent.parent
LEARNER = "student-1"
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
LATER = T0 + timedelta(days=2)  # a fixed "now" for summaries


def record_history(store: ProgressStore, learner: str = LEARNER, start: datetime = T0) -> None:
    """A short quiz: three items, right and wrong, some with the distance from the site in B-cun."""
    for minutes, item, correct, detail in [
        (0, "locate:GB21", False, {"distance_cun": 2.5}),
        (1, "locate:LU1", True, {"distance_cun": 0.3}),
        (2, "locate:GB21", True, {"distance_cun": 0.4}),
        (3, "safety:GB21", True, None),
        (15, "locate:GB21", True, {"distance_cun": 0.1}),
        (16, "name:upper-trapezius-1", False, {"chosen": "levator-scapulae-1"}),
    ]:
        store.record_answer(learner, item, correct, at=start + minutes * MINUTE, detail=detail)


# --- configuration -------------------------------------------------------------------------------

@pytest.mark.parametrize(("environ", "expected"), [
    # nothing set: the user's data folder
    ({}, "sqlite:///{home}/.local/share/needle-site-explorer/progress.sqlite3"),
    ({"XDG_DATA_HOME": "/data"}, "sqlite:////data/needle-site-explorer/progress.sqlite3"),
    # the XDG spec says a relative XDG_DATA_HOME is to be ignored
    ({"XDG_DATA_HOME": "data"}, "sqlite:///{home}/.local/share/needle-site-explorer/progress.sqlite3"),
    # a file path, absolute or from the home folder
    ({DATABASE_ENV: "/srv/needle/progress.db"}, "sqlite:////srv/needle/progress.db"),
    ({DATABASE_ENV: "~/progress.db"}, "sqlite:///{home}/progress.db"),
    # a URL is used as it is
    ({DATABASE_ENV: "postgresql+psycopg://app@db.internal/needle"}, "postgresql+psycopg://app@db.internal/needle"),
    ({DATABASE_ENV: "sqlite:////tmp/p.sqlite3", "XDG_DATA_HOME": "/data"}, "sqlite:////tmp/p.sqlite3"),
])
def test_the_database_url_comes_from_the_environment(environ, expected, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_database_url(environ) == expected.format(home=tmp_path)


@pytest.mark.parametrize(("value", "words"), [
    ("progress.sqlite3", "absolute file path"),  # never resolved against the working directory
    ("postgresql+psycopg://app@db:port/needle", "not a valid database URL"),
])
def test_a_bad_database_setting_is_named(value, words):
    with pytest.raises(ValueError, match=words):
        default_database_url({DATABASE_ENV: value})


@pytest.mark.parametrize(("url", "words"), [
    ("mysql://app@db/needle", "SQLite or PostgreSQL"),
    ("sqlite://", "in-memory"),
    ("sqlite:///:memory:", "in-memory"),
    ("sqlite:///progress.sqlite3", "must be absolute"),
])
def test_unsupported_databases_are_refused_on_first_use(url, words):
    with pytest.raises(ValueError, match=words):
        ProgressStore(url).states(LEARNER)


def test_importing_the_store_touches_no_database_and_no_streamlit(tmp_path):
    probe = "import sys, explorer.store; print('streamlit' in sys.modules)"
    env = {**os.environ, "HOME": str(tmp_path), DATABASE_ENV: str(tmp_path / "p.sqlite3")}
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
    assert list(tmp_path.iterdir()) == []


def test_sqlite_is_made_on_first_use_in_a_new_folder_and_kept_durable(tmp_path, monkeypatch):
    path = tmp_path / "deep" / "folder" / "progress.sqlite3"
    monkeypatch.setenv(DATABASE_ENV, str(path))
    with ProgressStore() as store:
        assert not path.parent.exists()
        store.record_answer(LEARNER, "locate:GB21", True)
        assert path.is_file()
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


# --- recording and reading -----------------------------------------------------------------------

def test_answers_and_states_round_trip(store):
    record_history(store)
    answers = store.answers(LEARNER)
    assert [(a.item, a.correct, a.answered_at) for a in answers][:2] == [
        ("locate:GB21", False, T0), ("locate:LU1", True, T0 + MINUTE)]
    assert answers[0].detail == {"distance_cun": 2.5} and answers[3].detail is None
    assert all(a.answered_at.tzinfo is UTC for a in answers)

    states = store.states(LEARNER)
    assert sorted(states) == ["locate:GB21", "locate:LU1", "name:upper-trapezius-1", "safety:GB21"]
    gb21 = states["locate:GB21"]
    assert (gb21.right, gb21.wrong, gb21.last_answered_at) == (2, 1, T0 + 15 * MINUTE)
    # missed (Again), then right at 0.4 B-cun (Good), then right at 0.1 (Easy): out of learning, days away
    assert [a.rating for a in answers if a.item == "locate:GB21"] == [Rating.Again, Rating.Good, Rating.Easy]
    assert gb21.state == State.Review and gb21.due_at - gb21.last_answered_at >= timedelta(days=1)
    assert gb21 == replay("locate:GB21", [(False, T0, Rating.Again), (True, T0 + 2 * MINUTE, Rating.Good),
                                          (True, T0 + 15 * MINUTE, Rating.Easy)])

    summary = store.summary(LEARNER, now=T0 + 20 * MINUTE)
    assert (summary.answered, summary.right, summary.wrong, summary.due_now) == (6, 4, 2, 3)  # all but GB21
    assert summary.items == states
    assert store.states("someone-else") == {}
    assert store.verify() == []


def test_times_are_stored_to_the_microsecond_in_utc(store):
    at = datetime(2025, 3, 1, 17, 0, 0, 123456, tzinfo=UTC).astimezone(datetime.now().astimezone().tzinfo)
    state = store.record_answer(LEARNER, "locate:GB21", True, at=at)
    assert store.answers(LEARNER)[0].answered_at == at
    assert store.states(LEARNER)["locate:GB21"] == state


def test_a_late_answer_takes_its_place_in_time_order(store):
    # two app instances with answers crossing in flight: the state is as if they came in order
    store.record_answer(LEARNER, "locate:GB21", True, at=T0 + 10 * MINUTE)
    state = store.record_answer(LEARNER, "locate:GB21", False, at=T0)
    assert state == replay("locate:GB21", [(False, T0, None), (True, T0 + 10 * MINUTE, None)])
    assert store.verify() == []


def test_a_retried_answer_is_recorded_once(store):
    answer_id = str(uuid.uuid4())
    first = store.record_answer(LEARNER, "locate:GB21", False, at=T0, answer_id=answer_id)
    again = store.record_answer(LEARNER, "locate:GB21", False, at=T0 + MINUTE, answer_id=answer_id.upper())
    assert again == first
    assert len(store.answers(LEARNER)) == 1
    with pytest.raises(ValueError, match="already recorded"):
        store.record_answer(LEARNER, "locate:LU1", True, answer_id=answer_id)
    assert sorted(store.states(LEARNER)) == ["locate:GB21"]
    assert store.verify() == []


@pytest.mark.parametrize(("call", "words"), [
    # learner ids: 1-64 letters, digits, - and _
    (lambda s: s.record_answer("", "locate:GB21", True), "learner id"),
    (lambda s: s.record_answer("ann smith", "locate:GB21", True), "learner id"),
    (lambda s: s.record_answer("x" * 65, "locate:GB21", True), "learner id"),
    (lambda s: s.record_answer("ann'; drop table", "locate:GB21", True), "learner id"),
    (lambda s: s.record_answer("émile", "locate:GB21", True), "learner id"),
    (lambda s: s.states(None), "learner id"),
    (lambda s: s.export("../etc"), "learner id"),
    # items: printable ASCII without spaces
    (lambda s: s.record_answer(LEARNER, "", True), "an item is"),
    (lambda s: s.record_answer(LEARNER, "locate GB21", True), "an item is"),
    (lambda s: s.record_answer(LEARNER, "x" * 201, True), "an item is"),
    # the rest of an answer
    (lambda s: s.record_answer(LEARNER, "locate:GB21", "yes"), "true or false"),
    (lambda s: s.record_answer(LEARNER, "locate:GB21", True, at=datetime(2025, 3, 1)), "time zone"),
    (lambda s: s.record_answer(LEARNER, "locate:GB21", True, detail=[1, 2]), "object with text keys"),
    (lambda s: s.record_answer(LEARNER, "locate:GB21", True, detail={"d": float("nan")}), "NaN"),
    (lambda s: s.record_answer(LEARNER, "locate:GB21", True, detail={"d": "x" * 3000}), "at most"),
    (lambda s: s.record_answer(LEARNER, "locate:GB21", True, answer_id="42"), "UUID"),
    (lambda s: s.next_items(LEARNER, ["locate:GB21"], k=-1), "negative"),
])
def test_bad_arguments_are_refused_with_a_reason(call, words, tmp_path):
    store = ProgressStore(f"sqlite:///{tmp_path / 'progress.sqlite3'}")
    with pytest.raises(ValueError, match=words):
        call(store)
    assert list(tmp_path.iterdir()) == []  # refused before connecting


def test_edge_learner_ids_are_accepted(store):
    for learner in ("A", "x" * 64, "Ann_Smith-2"):
        store.record_answer(learner, "locate:GB21", True)
        assert store.summary(learner).answered == 1


# --- export and import ---------------------------------------------------------------------------

def test_export_then_import_into_a_fresh_database_gives_the_same_progress(store, new_database_url):
    record_history(store)
    data = store.export(LEARNER)
    document = json.loads(data)
    assert (document["format"], document["version"], document["learner"]) == (
        "needle-site-explorer/progress", 1, LEARNER)
    assert len(document["answers"]) == 6

    with ProgressStore(new_database_url()) as fresh:
        assert fresh.import_(data) == ImportResult(learner=LEARNER, added=6, duplicates=0, items=4)
        assert fresh.summary(LEARNER, now=LATER) == store.summary(LEARNER, now=LATER)
        assert fresh.answers(LEARNER) == store.answers(LEARNER)
        assert fresh.verify() == []


def test_importing_twice_adds_the_answers_once(store):
    record_history(store)
    data = store.export(LEARNER)
    before = store.summary(LEARNER, now=LATER)
    assert store.import_(data) == ImportResult(learner=LEARNER, added=0, duplicates=6, items=4)
    assert store.summary(LEARNER, now=LATER) == before

    # into another learner: copied once, however often it is imported
    assert store.import_(data, learner="copy").added == 6
    assert store.import_(data, learner="copy").duplicates == 6
    assert store.summary("copy", now=LATER).items == before.items
    assert len(store.answers("copy")) == 6


def test_an_import_merges_with_progress_already_there(store, new_database_url):
    record_history(store)
    with ProgressStore(new_database_url()) as laptop:
        record_history(laptop, start=T0 + 30 * timedelta(seconds=1))  # interleaved with the first
        store.import_(laptop.export(LEARNER))
    answers = store.answers(LEARNER)
    assert len(answers) == 12
    assert [a.answered_at for a in answers] == sorted(a.answered_at for a in answers)
    assert store.summary(LEARNER, now=LATER).answered == 12
    assert store.verify() == []  # every state was rebuilt from the merged log


def _with_new_ids(document: dict[str, Any]) -> dict[str, Any]:
    """The same answers under new ids, so that a partial import would show."""
    return {**document, "answers": [{**a, "id": str(uuid.uuid4())} for a in document["answers"]]}


def _broken(change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], bytes]:
    def make(document: dict[str, Any]) -> bytes:
        changed = _with_new_ids(document)
        change(changed)
        return json.dumps(changed).encode()
    return make


MALFORMED_IMPORTS = [
    # not a JSON document at all
    ("latin-1", lambda d: "{é}".encode("latin-1"), "not UTF-8"),
    ("truncated", lambda d: json.dumps(d).encode()[:-40], "not valid JSON"),
    ("array", lambda d: b"[]", "JSON list"),
    # the envelope
    ("foreign format", _broken(lambda d: d.update(format="anki")), "format: expected"),
    ("newer version", _broken(lambda d: d.update(version=2)), "version: this app reads version 1"),
    ("no answers", _broken(lambda d: d.pop("answers")), "answers: expected a list"),
    ("bad learner", _broken(lambda d: d.update(learner="ann smith")), "learner: a learner id"),
    # one bad field among good answers: named with its position
    ("bad time", _broken(lambda d: d["answers"][1].update(answered_at="yesterday")), "answers[1].answered_at"),
    ("naive time", _broken(lambda d: d["answers"][1].update(answered_at="2025-03-01T09:00:00")),
     "answers[1].answered_at: a time is ISO 8601 with its time zone"),
    ("missing item", _broken(lambda d: d["answers"][0].pop("item")), "answers[0].item: missing"),
    ("text for a boolean", _broken(lambda d: d["answers"][2].update(correct="yes")), "answers[2].correct"),
    ("bad id", _broken(lambda d: d["answers"][3].update(id=7)), "answers[3].id: an answer id is a UUID"),
    ("bad detail", _broken(lambda d: d["answers"][0].update(detail=[2.5])), "answers[0].detail"),
    ("not an object", _broken(lambda d: d["answers"].append("locate:GB21")), "answers[6]: expected an object"),
    ("repeated id", _broken(lambda d: d["answers"][4].update(id=d["answers"][1]["id"])),
     "answers[4].id: repeats answers[1].id"),
    # hostile files (issue #14): each refused before anything is stored, by field
    ("5,000-digit number", lambda d: json.dumps(d).encode().replace(b'"correct": true', b'"correct": ' + b"7" * 5000,
                                                                    1),
     "answers[1].correct: correct is true or false, got <a number 5,000 digits long>"),
    ("5,000-digit version", lambda d: json.dumps(d).encode().replace(b'"version": 1', b'"version": ' + b"1" * 5000),
     "version: this app reads version 1, the file is version <a number 5,000 digits long>"),
    ("long number in a detail", _broken(lambda d: d["answers"][0].update(detail={"distance_cun": 10**30})),
     "answers[0].detail.distance_cun: a number 31 digits long (at most 30)"),
    ("true for a version", _broken(lambda d: d.update(version=True)), "the file is version True"),
    ("year 0", _broken(lambda d: d["answers"][1].update(answered_at="0000-01-01T00:00:00+00:00")),
     "answers[1].answered_at: a time is ISO 8601 with its time zone"),
    ("year 10000", _broken(lambda d: d["answers"][1].update(answered_at="10000-01-01T00:00:00+00:00")),
     "answers[1].answered_at: a time is ISO 8601"),
    ("offset before year 1", _broken(lambda d: d["answers"][1].update(answered_at="0001-01-01T00:00:00+05:00")),
     "answers[1].answered_at: a time must lie between 1970 and 2500 (UTC)"),
    ("offset after 9999", _broken(lambda d: d["answers"][1].update(answered_at="9999-12-31T23:59:59-05:00")),
     "answers[1].answered_at: a time must lie between 1970 and 2500"),
    ("year 2999", _broken(lambda d: d["answers"][1].update(answered_at="2999-01-01T00:00:00+00:00")),
     "answers[1].answered_at: a time must lie between 1970 and 2500"),
    ("a long time text", _broken(lambda d: d["answers"][1].update(answered_at="2025-01-01T00:00:00" + "0" * 99)),
     "answers[1].answered_at: a time is at most 40 characters"),
    ("100,000 nested arrays", lambda d: b"[" * 100_000 + b"]" * 100_000,
     "the file: it is nested 100,000 levels deep, more than 12"),
    ("deep detail", _broken(lambda d: d["answers"][0].update(detail={"a": [[[[[[[[[[1]]]]]]]]]]})),
     "nested 14 levels deep"),
    ("lone surrogate in a detail", _broken(lambda d: d["answers"][0].update(detail={"typed": "a\ud800"})),
     "answers[0].detail.typed: holds a lone surrogate (U+D800 at character 2)"),
    ("NUL in a detail", _broken(lambda d: d["answers"][0].update(detail={"typed": "a\x00"})),
     "answers[0].detail.typed: holds a NUL character"),
    ("NaN", lambda d: json.dumps(d).encode().replace(b'"distance_cun": 2.5', b'"distance_cun": NaN'),
     "it holds NaN, which is not a JSON number"),
    ("too big", lambda d: b" " * 20_000_001, "the file: it is 20,000,001 bytes, more than 20,000,000"),
]


@pytest.mark.parametrize(("make", "words"), [case[1:] for case in MALFORMED_IMPORTS],
                         ids=[case[0] for case in MALFORMED_IMPORTS])
def test_a_malformed_import_changes_nothing_and_names_the_problem(store, make, words):
    record_history(store)
    before = (store.answers(LEARNER), store.states(LEARNER))
    with pytest.raises(ProgressImportError) as refused:
        store.import_(make(json.loads(store.export(LEARNER))))
    assert any(words in problem for problem in refused.value.problems), refused.value.problems
    assert str(refused.value).startswith("The progress file was not imported")
    assert (store.answers(LEARNER), store.states(LEARNER)) == before


def test_an_import_names_an_item_the_quiz_cannot_ask_and_stores_nothing(store):
    # the poisoned file: an unknown quiz kind, accepted before and then fatal on every visit
    record_history(store)
    document = _with_new_ids(json.loads(store.export(LEARNER)))
    document["answers"][3]["item"] = "x:y"
    before = (store.answers(LEARNER), store.states(LEARNER))

    def item_problem(item: str) -> str | None:
        return None if item.split(":")[0] in ("locate", "name", "safety") else "not a kind of question"

    with pytest.raises(ProgressImportError) as refused:
        store.import_(json.dumps(document).encode(), item_problem=item_problem)
    assert refused.value.problems == ("answers[3].item: not a kind of question",)
    assert (store.answers(LEARNER), store.states(LEARNER)) == before


def test_an_import_that_contradicts_the_log_is_rolled_back_whole(store):
    record_history(store)
    document = _with_new_ids(json.loads(store.export(LEARNER)))
    document["answers"][0]["item"] = "locate:ST36"  # new, and would be written before the conflict is found
    document["answers"][2] = {**json.loads(store.export(LEARNER))["answers"][2], "correct": False, "rating": 1}
    before = (store.answers(LEARNER), store.states(LEARNER))
    with pytest.raises(ProgressImportError, match=r"answers\[2\]\.id: .* already recorded"):
        store.import_(json.dumps(document).encode())
    assert (store.answers(LEARNER), store.states(LEARNER)) == before
    assert store.verify() == []  # no lock row was left behind for the new item


def test_the_problem_list_is_capped():
    document = {"format": "needle-site-explorer/progress", "version": 1, "learner": LEARNER,
                "answers": [{"id": "nope"}] * 50}
    with pytest.raises(ProgressImportError) as refused:
        read_export(json.dumps(document).encode())
    assert len(refused.value.problems) == MAX_IMPORT_PROBLEMS + 1
    assert refused.value.problems[-1] == f"… and {50 * 4 - MAX_IMPORT_PROBLEMS} more problems"


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
                           max_leaves=8)
answer_like = st.fixed_dictionaries({}, optional={
    "id": st.uuids().map(str) | json_values, "item": st.sampled_from(["locate:GB21", ""]) | json_values,
    "correct": st.booleans() | json_values, "answered_at": st.datetimes(timezones=st.just(UTC)).map(str) | json_values,
    "detail": json_values})


@settings(max_examples=200)
@given(st.fixed_dictionaries({"format": st.just("needle-site-explorer/progress"), "version": st.just(1)},
                             optional={"learner": st.just(LEARNER) | json_values,
                                       "answers": st.lists(answer_like, max_size=4) | json_values}) | json_values)
def test_any_json_is_either_read_or_refused_with_problems(document):
    try:
        learner, answers = read_export(json.dumps(document).encode())
    except ProgressImportError as refused:
        assert refused.problems
    else:
        assert learner == LEARNER and len(answers) == len(document["answers"])


# --- durability and concurrency ------------------------------------------------------------------

CRASH_LEARNER = "crash-test"
ANSWERS_BEFORE_KILL = 40


def record_until_killed(url: str) -> None:
    """Run in a child process: record answers for ever, printing each id as soon as its commit returns."""
    with ProgressStore(url) as store:
        for number in range(1_000_000):
            answer_id = str(uuid.uuid4())
            store.record_answer(CRASH_LEARNER, f"locate:item-{number % 7}", number % 3 != 0,
                                detail={"number": number}, answer_id=answer_id)
            print(answer_id, flush=True)


def test_a_killed_writer_loses_nothing_it_committed(new_database_url):
    url = new_database_url()
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; from tests.test_store import record_until_killed; "
                               "record_until_killed(sys.argv[1])", url],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in child.stdout], daemon=True)
    reader.start()
    printed: list[str] = []
    deadline = time.monotonic() + 60
    try:
        while len(printed) < ANSWERS_BEFORE_KILL and time.monotonic() < deadline and child.poll() is None:
            try:
                printed.append(lines.get(timeout=1))
            except queue.Empty:
                continue
    finally:
        child.send_signal(signal.SIGKILL)  # mid-write, most likely: the loop spends its time in record_answer
        child.wait(timeout=30)
    reader.join(timeout=10)
    while not lines.empty():
        printed.append(lines.get())
    assert len(printed) >= ANSWERS_BEFORE_KILL, child.stderr.read()
    assert child.returncode == -signal.SIGKILL
    # a line cut short by the kill names no answer that was promised
    committed = {line.strip() for line in printed if line.endswith("\n")}

    with ProgressStore(url) as store:
        recorded = {answer.answer_id for answer in store.answers(CRASH_LEARNER)}
        assert committed <= recorded
        assert len(recorded - committed) <= 1  # committed, then killed before it could print
        assert store.summary(CRASH_LEARNER).answered == len(recorded)
        assert store.verify() == []  # states match the log; SQLite's integrity_check is ok


WRITERS = 4
ANSWERS_PER_WRITER = 25


def test_concurrent_writers_lose_no_update(store):
    # Each writer is its own store (its own engine and connections), like app instances behind a load balancer.
    start = threading.Barrier(WRITERS)
    failures: list[BaseException] = []

    def write() -> None:
        try:
            with ProgressStore(store.url) as instance:
                start.wait(timeout=30)
                for number in range(ANSWERS_PER_WRITER):
                    instance.record_answer(LEARNER, "locate:GB21", number % 2 == 0)
        except BaseException as error:
            failures.append(error)
            raise

    store.states(LEARNER)  # create the tables before the race, as a running app would have
    writers = [threading.Thread(target=write) for _ in range(WRITERS)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=60)
    assert not failures
    state = store.states(LEARNER)["locate:GB21"]
    assert (state.right, state.wrong) == (WRITERS * 13, WRITERS * 12)
    assert len(store.answers(LEARNER)) == WRITERS * ANSWERS_PER_WRITER
    assert store.verify() == []


# --- migration from Leitner boxes to FSRS ----------------------------------------------------------

def _leitner_database(url: str) -> list[dict[str, Any]]:
    """A database as the app left it before FSRS: no rating column, boxes in progress_item_states.

    Returns the answers written, as the old app wrote them (locate details carry the verdict and distance).
    """
    from sqlalchemy import JSON, Boolean, Column, Integer, MetaData, String, Table, UniqueConstraint, create_engine

    from explorer.store import _engine_url, _UtcDateTime

    old = MetaData()
    answers = Table("progress_answers", old,
                    Column("seq", Integer, primary_key=True, autoincrement=True),
                    Column("answer_id", String(36), nullable=False), Column("learner", String(64), nullable=False),
                    Column("item", String(200), nullable=False), Column("correct", Boolean, nullable=False),
                    Column("answered_at", _UtcDateTime, nullable=False), Column("detail", JSON(none_as_null=True)),
                    UniqueConstraint("learner", "answer_id"))
    boxes = Table("progress_item_states", old,
                  Column("learner", String(64), primary_key=True), Column("item", String(200), primary_key=True),
                  Column("box", Integer, nullable=False), Column("due_at", _UtcDateTime, nullable=False),
                  Column("right_count", Integer, nullable=False), Column("wrong_count", Integer, nullable=False),
                  Column("last_answered_at", _UtcDateTime))
    rows = [
        ("anna", "locate:GB21", False, 0, {"verdict": "wrong", "distance_cun": 3.1, "click": [0.1, 0.8]}),
        ("anna", "locate:GB21", False, 2, {"verdict": "close", "distance_cun": 1.1, "click": [0.1, 0.8]}),
        ("anna", "locate:LU1", True, 3, {"verdict": "right", "distance_cun": 0.1, "click": [0.1, 0.8]}),
        ("anna", "name:BL13", True, 4, {"verdict": "right", "chosen": "BL13"}),
        ("anna", "name:BL13", True, 30, None),  # an answer recorded without a detail
        ("ben", "locate:GB21", True, 1, {"verdict": "right", "distance_cun": 0.4, "click": [0.1, 0.8]}),
    ]
    written = [{"answer_id": str(uuid.uuid4()), "learner": learner, "item": item, "correct": correct,
                "answered_at": T0 + minutes * MINUTE, "detail": detail}
               for learner, item, correct, minutes, detail in rows]
    engine = create_engine(_engine_url(url))
    try:
        with engine.begin() as conn:
            old.create_all(conn)
            conn.execute(answers.insert(), written)
            conn.execute(boxes.insert(), [  # whatever the boxes said: the migration replays the log instead
                {"learner": row["learner"], "item": row["item"], "box": 3, "due_at": T0, "right_count": 9,
                 "wrong_count": 9, "last_answered_at": T0} for row in {(r["learner"], r["item"]): r
                                                                       for r in written}.values()])
    finally:
        engine.dispose()
    return written


def test_a_leitner_database_migrates_to_fsrs_without_losing_an_answer(new_database_url):
    from sqlalchemy import inspect

    url = new_database_url()
    written = _leitner_database(url)
    with ProgressStore(url) as store:
        answers = {a.answer_id: a for learner in ("anna", "ben") for a in store.answers(learner)}
        # every answer kept exactly: id, item, result, time and detail
        assert sorted(answers) == sorted(row["answer_id"] for row in written)
        for row in written:
            answer = answers[row["answer_id"]]
            assert (answer.item, answer.correct, answer.answered_at, answer.detail) == (
                row["item"], row["correct"], row["answered_at"], row["detail"])
        # each rated from what it recorded
        assert [answers[row["answer_id"]].rating for row in written] == [
            Rating.Again, Rating.Hard, Rating.Easy, Rating.Good, Rating.Good, Rating.Good]
        # the states are the replay of the log, not the old boxes; the box table is gone
        assert store.verify() == []
        gb21 = store.states("anna")["locate:GB21"]
        assert (gb21.right, gb21.wrong) == (0, 2)
        assert gb21 == replay("locate:GB21", [(False, T0, Rating.Again), (False, T0 + 2 * MINUTE, Rating.Hard)])
        assert store.states("anna")["name:BL13"].due_at - T0 > gb21.due_at - T0  # missed: back sooner
        with store.engine.connect() as conn:
            assert not inspect(conn).has_table("progress_item_states")
        store.record_answer("anna", "locate:GB21", True, at=T0 + DAY_LATER)  # and it goes on as usual
        assert store.verify() == []
    with ProgressStore(url) as again:  # opening a migrated database changes nothing
        assert len(again.answers("anna")) == 6 and again.verify() == []


DAY_LATER = timedelta(days=1)


def test_a_row_no_replay_could_write_is_left_out_and_named(store):
    from sqlalchemy import update

    from explorer.store import states_table

    record_history(store)
    with store.engine.begin() as conn:
        conn.execute(update(states_table).where(states_table.c.item == "locate:LU1").values(state=9))
    summary = store.summary(LEARNER, now=LATER)
    assert summary.unreadable == ("locate:LU1",)
    assert "locate:LU1" not in summary.items and len(summary.items) == 3
    assert any("locate:LU1: not a review state (9)" in problem for problem in store.verify())


def test_an_export_carries_each_rating_and_an_older_file_without_them_still_imports(store, new_database_url):
    record_history(store)
    document = json.loads(store.export(LEARNER))
    assert [a["rating"] for a in document["answers"]] == [1, 3, 3, 3, 4, 1]
    for answer in document["answers"]:
        del answer["rating"]  # as a file exported before FSRS
    with ProgressStore(new_database_url()) as fresh:
        assert fresh.import_(json.dumps(document).encode()).added == 6
        assert fresh.states(LEARNER) == store.states(LEARNER)
