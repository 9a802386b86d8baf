"""Property-based: whatever a hostile user sends, the progress importer and the lesson decoder give a clean
result or their own error with a message, and nothing either returns breaks on its way to the page.

The inputs mix arbitrary JSON (lone surrogates, NUL, right-to-left marks, numbers past int()'s digit limit,
deep nesting) into otherwise well-formed documents, so that the checks behind the envelope are reached too,
plus arbitrary bytes. "Clean" includes: every message and every string returned encodes as UTF-8, which
is what Streamlit does with it.
"""

from __future__ import annotations

import base64
import json
import tempfile
import uuid
import zlib
from datetime import UTC, datetime

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from explorer import lessons
from explorer.lessons import LessonError
from explorer.store import EXPORT_FORMAT, ProgressImportError, ProgressStore, read_export
from explorer.untrusted_json import UntrustedJsonError, load

SITES = frozenset({"GB21", "BL13", "CV17"})
EXAMPLES = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text a hostile user would try: surrogates (category Cs), NUL, bidi controls, combining marks.
tricky_characters = st.sampled_from(["\ud800", "\udfff", "\x00", "\u202e", "\u200f", "\u2066", "\ufeff", "\u0301",
                                     "\U0001f600", "'", '"', "\\", "<", "\n"])
tricky_text = st.lists(tricky_characters | st.characters(), max_size=12).map("".join)
huge_numbers = st.integers(min_value=10**29, max_value=10**60) | st.integers(max_value=-(10**29), min_value=-(10**60))
scalars = st.none() | st.booleans() | st.integers() | huge_numbers | st.floats(allow_nan=False) | tricky_text
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(tricky_text, inner, max_size=3), max_leaves=10)


def as_bytes(document: object) -> bytes:
    """JSON as a file would hold it; lone surrogates written as escapes, since UTF-8 cannot hold them."""
    return json.dumps(document, ensure_ascii=True).encode("ascii")


def nested(depth: int, inner: str = "1") -> bytes:
    return ("[" * depth + inner + "]" * depth).encode()


def encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_progress(data: bytes) -> None:
    try:
        learner, answers = read_export(data)
    except ProgressImportError as refused:
        assert refused.problems and all(isinstance(p, str) and p for p in refused.problems)
        assert encodable(str(refused))
        event("refused")
        return
    event("read")
    assert encodable(learner)
    for answer in answers:
        assert encodable(answer.item) and encodable(json.dumps(answer.detail, ensure_ascii=False))
        json.dumps(answer.detail, allow_nan=False)  # storable as JSON


def usually(good: st.SearchStrategy, hostile: st.SearchStrategy) -> st.SearchStrategy:
    """The right value most of the time, so that the checks behind this field are reached too."""
    return st.one_of(good, good, hostile)


answer_like = st.fixed_dictionaries(
    {"id": usually(st.uuids().map(str), json_values), "item": usually(st.just("locate:GB21"), tricky_text),
     "correct": usually(st.booleans(), json_values),
     "answered_at": usually(st.just("2025-03-01T09:00:00+00:00"),
                            json_values | tricky_text | st.datetimes(timezones=st.timezones()).map(str))},
    optional={"detail": json_values | st.dictionaries(tricky_text, json_values, max_size=4)})
exports = st.fixed_dictionaries(
    {"format": st.just(EXPORT_FORMAT), "version": usually(st.just(1), json_values),
     "learner": usually(st.just("anna"), json_values | tricky_text),
     "answers": usually(st.lists(answer_like, max_size=4), json_values)})


@EXAMPLES
@given(exports)
def test_any_export_like_document_is_read_or_refused_cleanly(document):
    check_progress(as_bytes(document))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exports)
def test_importing_any_export_like_document_stores_all_of_it_or_nothing(document):
    # through the store itself (SQLite): a file read cleanly is stored and read back the same; one refused
    # leaves the learner's progress as it was
    with tempfile.TemporaryDirectory() as folder, ProgressStore(f"sqlite:///{folder}/p.sqlite3") as store:
        store.record_answer("anna", "name:BL13", True, at=datetime(2025, 1, 1, tzinfo=UTC))
        before = store.answers("anna")
        try:
            result = store.import_(as_bytes(document), learner="anna")
        except ProgressImportError as refused:
            assert encodable(str(refused)) and store.answers("anna") == before
        else:
            assert len(store.answers("anna")) == len(before) + result.added
            assert store.verify() == []
            exported = json.loads(store.export("anna"))
            assert len(exported["answers"]) == len(before) + result.added


@EXAMPLES
@given(json_values)
def test_any_json_value_is_refused_cleanly_as_a_progress_file(value):
    check_progress(as_bytes(value))


@EXAMPLES
@given(st.binary(max_size=400) | st.integers(min_value=1, max_value=200_000).map(nested))
def test_any_bytes_are_read_or_refused_cleanly_as_a_progress_file(data):
    check_progress(data)


@EXAMPLES
@given(st.integers(min_value=13, max_value=50_000), st.sampled_from(["1", "9" * 5000, '"\\ud800"', "NaN"]))
def test_deep_nesting_is_refused_before_parsing_whatever_it_holds(depth, inner):
    try:
        read_export(nested(depth, inner))
    except ProgressImportError as refused:
        assert "nested" in refused.problems[0]
    else:
        raise AssertionError("a file nested past the limit was read")


def check_lesson_token(payload: bytes) -> None:
    token = base64.urlsafe_b64encode(bytes([lessons.TOKEN_VERSION]) + zlib.compress(payload)).decode().rstrip("=")
    for attempt in (lambda: lessons.decode(token, SITES), lambda: lessons.from_file(payload, SITES)):
        try:
            lesson = attempt()
        except LessonError as refused:
            assert refused.problems and encodable(str(refused))
            event("refused")
            continue
        event("read")
        assert encodable(lesson.title) and all(encodable(step.note) for step in lesson.steps)
        assert lessons.decode(lessons.encode(lesson), SITES) == lesson  # and it can be shared again


steps_like = st.fixed_dictionaries({"site": usually(st.sampled_from(sorted(SITES)), json_values | tricky_text)},
                                   optional={"note": json_values | tricky_text,
                                             "view": usually(st.just("posterior"), json_values)})
lesson_like = st.fixed_dictionaries(
    {"title": tricky_text, "steps": usually(st.lists(steps_like, min_size=1, max_size=3), json_values)},
    optional={"format": usually(st.just(lessons.FILE_FORMAT), json_values),
              "version": usually(st.just(1), json_values)})


@EXAMPLES
@given(lesson_like | json_values)
def test_any_lesson_like_document_is_read_or_refused_cleanly(document):
    check_lesson_token(as_bytes(document))


@EXAMPLES
@given(st.binary(max_size=400) | st.integers(min_value=1, max_value=60_000).map(nested))
def test_any_bytes_are_read_or_refused_cleanly_as_a_lesson(payload):
    check_lesson_token(payload)


@EXAMPLES
@given(st.text(max_size=200) | st.text(alphabet="ABCDEFabcdef0123456789-_", max_size=200))
def test_any_text_is_read_or_refused_cleanly_as_a_lesson_link(token):
    try:
        lessons.decode(token, SITES)
    except LessonError as refused:
        assert encodable(str(refused))


@EXAMPLES
@given(json_values)
def test_the_untrusted_reader_gives_back_what_it_can_hold(value):
    data = as_bytes(value)
    try:
        read = load(data, max_bytes=1_000_000)
    except UntrustedJsonError as refused:
        assert encodable(str(refused))
        return
    assert json.dumps(read, ensure_ascii=True, default=repr) == json.dumps(value, ensure_ascii=True) or \
        "digits long" in json.dumps(read, default=repr)  # only long numbers are replaced


def test_a_fresh_uuid_answer_is_read():
    # the strategies above would pass even if every file were refused: a plain one must be read
    document = {"format": EXPORT_FORMAT, "version": 1, "learner": "anna", "answers": [
        {"id": str(uuid.uuid4()), "item": "locate:GB21", "correct": True, "answered_at": "2025-03-01T09:00:00+00:00",
         "detail": {"note": "\u202eRTL and emoji \U0001f600 are fine"}}]}
    assert read_export(as_bytes(document))[1][0].detail == document["answers"][0]["detail"]
