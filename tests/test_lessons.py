"""Lessons: the link codec (round trip, hostile tokens) and the lesson file (validation messages)."""

from __future__ import annotations

import base64
import contextlib
import json
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer import lessons
from explorer.lessons import Lesson, LessonError, Step

SITES = frozenset({"GB21", "BL13", "CV17", "LI4", "upper-trapezius-1", "EX-HN3"})
TWO_STEPS = Lesson("Upper back safety", (Step("GB21", "Pinch the trapezius up.", "posterior"),
                                         Step("BL13", "Over a rib, never between.")))


def token_of(payload: bytes, version: int = lessons.TOKEN_VERSION) -> str:
    """A token made by hand: any bytes behind a version byte, compressed as the app does."""
    return base64.urlsafe_b64encode(bytes([version]) + zlib.compress(payload)).decode().rstrip("=")


def file_of(document: dict) -> bytes:
    return json.dumps({"format": lessons.FILE_FORMAT, "version": lessons.FILE_VERSION, **document}).encode()


# --- the link ------------------------------------------------------------------------------------


def test_a_lesson_survives_its_link():
    token = lessons.encode(TWO_STEPS)
    assert lessons.decode(token, SITES) == TWO_STEPS
    assert lessons.share_link(token) == f"./?lesson={token}&mode=present"
    assert len(lessons.share_link(token)) < 300  # two steps with notes: a short link


readable_text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)


@st.composite
def lesson_strategy(draw: st.DrawFn) -> Lesson:
    steps = draw(st.lists(st.builds(Step, st.sampled_from(sorted(SITES)), readable_text,
                                    st.sampled_from([None, "anterior", "posterior", "lateral"])),
                          min_size=1, max_size=6))
    return Lesson(draw(readable_text), tuple(steps))


@given(lesson=lesson_strategy())
@settings(max_examples=200, deadline=None)
def test_every_lesson_round_trips_through_its_link(lesson):
    expected = lessons.check(lesson)  # the lesson as read back: trimmed, titled
    token = lessons.encode(lesson)
    assert len(token) <= lessons.MAX_TOKEN_CHARS
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert lessons.decode(token, SITES) == expected
    assert lessons.from_file(lessons.to_file(lesson), SITES) == expected


def test_html_in_a_note_stays_text():
    hostile = Lesson("<img src=x onerror=alert(1)>", (Step("GB21", "<script>alert(1)</script> & <b>bold</b>"),))
    back = lessons.decode(lessons.encode(hostile), SITES)
    assert back.title == "<img src=x onerror=alert(1)>"
    assert back.steps[0].note == "<script>alert(1)</script> & <b>bold</b>"


def test_control_characters_are_dropped_and_line_breaks_kept():
    lesson = Lesson("Line\none\x07", (Step("GB21", "first\r\nsecond\x00\x1b[31m"),))
    back = lessons.decode(lessons.encode(lesson), SITES)
    assert back.title == "Line one"
    assert back.steps[0].note == "first\nsecond[31m"


def test_a_lesson_too_long_for_a_link_says_to_share_the_file():
    # Incompressible notes: every character different.
    notes = ["".join(chr(0x4E00 + (step * 600 + i) % 20000) for i in range(lessons.MAX_NOTE_CHARS))
             for step in range(6)]
    long = Lesson("Long", tuple(Step("GB21", note) for note in notes))
    with pytest.raises(LessonError, match="too long for a link") as caught:
        lessons.encode(long)
    assert "share the lesson file instead" in str(caught.value)
    assert lessons.from_file(lessons.to_file(long), SITES) == long  # the file has room


def test_site_ids_in_a_link_are_checked_against_the_dataset():
    token = lessons.encode(Lesson("x", (Step("GB21"), Step("ZZ9"))))
    with pytest.raises(LessonError, match="step 2, site: no site is called 'ZZ9'"):
        lessons.decode(token, SITES)


# Each hostile or broken token, and the words of the message it gets.
@pytest.mark.parametrize(("token", "message"), [
    ("", "holds no lesson"),
    ("   ", "holds no lesson"),
    (None, "holds no lesson"),
    (12345, "holds no lesson"),
    ("<script>alert(1)</script>", "characters a lesson link never has"),
    ("abc def", "characters a lesson link never has"),
    ("A" * (lessons.MAX_TOKEN_CHARS + 1), "more than a lesson link can be"),
    ("A", "cut short or altered"),  # not a whole base64 quantum
    ("AA", "version 0"),
    ("AQ", "cut short"),  # a version byte and nothing else
    (token_of(b'{"title":"x","steps":[]}', version=2), "version 2"),
    (token_of(b'{"title":"x","steps":[{"site":"GB21"}]}')[:-6], "cut short"),
    (token_of(b"\xff\xfe not utf-8"), "does not hold a lesson"),
    (token_of(b"not json"), "does not hold a lesson"),
    (token_of(b"[" * 100_000 + b"]" * 100_000), "more than"),  # a zip bomb, in a short token
    # nested past the parser's depth: counted and refused before parsing
    (token_of(b"[" * 40_000 + b"]" * 40_000), "nested 40,000 levels deep, more than 8"),
    # an integer too long for int(): never converted, refused where it stands
    (token_of(b"1" * 5000), "got <a number 5,000 digits long>"),
    (token_of(b'{"title":"x","steps":[{"site":"GB21","note":' + b"9" * 5000 + b"}]}"),
     "step 1, note: expected text, got <a number 5,000 digits long>"),
    (token_of(b"[NaN]"), "NaN, which is not a JSON number"),  # Python's json reads NaN; JSON has none
    # the issue's lone surrogate: a \ud800 escape in a note (or its bytes, %ED%A0%80, which are not UTF-8)
    (token_of(b'{"title":"x","steps":[{"site":"GB21","note":"a\\ud800b"}]}'),
     "step 1, note: holds a lone surrogate (U+D800 at character 2)"),
    (token_of(b'{"title":"x\\udfff","steps":[{"site":"GB21"}]}'), "title: holds a lone surrogate (U+DFFF"),
    (token_of(b'{"title":"x","steps":[{"site":"GB21","note":"a\xed\xa0\x80b"}]}'), "not UTF-8 text (byte"),
    (token_of(b'"a lesson"'), "expected a JSON object"),
    (token_of(b'{"title":"x","steps":[]}'), "the lesson has no steps"),
    (token_of(b'{"title":"x","steps":{"site":"GB21"}}'), "steps: expected a list"),
    (token_of(b'{"title":"x","steps":[{"site":"GB21"}],"format":"x"}'), "unknown field 'format'"),
])
def test_hostile_tokens_get_a_clear_error_and_nothing_else(token, message):
    with pytest.raises(LessonError) as caught:
        lessons.decode(token, SITES)
    assert message in str(caught.value)


@given(st.binary(max_size=600))
@settings(max_examples=300, deadline=None)
def test_random_bytes_behind_a_valid_version_byte_never_raise_anything_else(payload):
    for token in (token_of(payload), base64.urlsafe_b64encode(bytes([1]) + payload).decode().rstrip("=")):
        with contextlib.suppress(LessonError):
            lessons.decode(token, SITES)


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_random_text_never_raises_anything_else(text):
    with contextlib.suppress(LessonError):
        lessons.decode(text, SITES)


# --- the file ------------------------------------------------------------------------------------


def test_the_file_is_readable_json_with_a_format_and_version():
    data = lessons.to_file(TWO_STEPS)
    document = json.loads(data)
    assert document == {"format": "needle-site-explorer/lesson", "version": 1, "title": "Upper back safety",
                        "steps": [{"site": "GB21", "note": "Pinch the trapezius up.", "view": "posterior"},
                                  {"site": "BL13", "note": "Over a rib, never between."}]}
    assert lessons.from_file(data, SITES) == TWO_STEPS
    assert lessons.file_name(TWO_STEPS) == "upper-back-safety.lesson.json"


def test_a_hand_edited_file_may_have_a_bom_lower_case_ids_and_no_notes():
    data = "\ufeff".encode() + file_of({"title": "Mine", "steps": [{"site": "gb21"}, {"site": "ex-hn3"}]})
    lesson = lessons.from_file(data, SITES)
    assert lesson == Lesson("Mine", (Step("GB21"), Step("EX-HN3")))


def test_an_empty_title_reads_as_untitled():
    assert lessons.from_file(file_of({"steps": [{"site": "GB21"}]}), SITES).title == lessons.UNTITLED


# Each broken file, and the problem that names what and where.
@pytest.mark.parametrize(("data", "problem"), [
    (b"\xff\xfe\x00", "not UTF-8 text"),
    (b"{broken", "not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2"),
    (b"[1, 2]", "expected a JSON object"),
    (json.dumps({"title": "x", "steps": []}).encode(), "format: expected 'needle-site-explorer/lesson'"),
    (json.dumps({"format": lessons.FILE_FORMAT, "version": 9}).encode(), "this app reads version 1, the file is "
                                                                         "version 9"),
    (file_of({"title": 5, "steps": [{"site": "GB21"}]}), "title: expected text, got 5"),
    (file_of({"title": "t" * 121, "steps": [{"site": "GB21"}]}), "title: 121 characters, at most 120"),
    (file_of({"title": "x"}), "steps: expected a list of steps, got None"),
    (file_of({"title": "x", "steps": [{"site": "GB21"}] * 41}), "steps: 41 steps, at most 40"),
    (file_of({"title": "x", "steps": [{"site": "GB21"}, "BL13"]}), "step 2: expected an object"),
    (file_of({"title": "x", "steps": [{"note": "hi"}]}), "step 1, site: missing"),
    (file_of({"title": "x", "steps": [{"site": 21}]}), "step 1, site: expected a site id"),
    (file_of({"title": "x", "steps": [{"site": "GB21"}, {"site": "GB99"}]}), "step 2, site: no site is called "
                                                                             "'GB99'"),
    (file_of({"title": "x", "steps": [{"site": "GB21", "note": ["a"]}]}), "step 1, note: expected text"),
    (file_of({"title": "x", "steps": [{"site": "GB21", "note": "n" * 601}]}), "step 1, note: 601 characters, "
                                                                              "at most 600"),
    (file_of({"title": "x", "steps": [{"site": "GB21", "view": "top"}]}), "step 1, view: expected one of "
                                                                          "anterior, posterior, lateral"),
    (file_of({"title": "x", "steps": [{"site": "GB21", "notes": "typo"}]}), "step 1: unknown field 'notes'"),
    (file_of({"title": "x", "author": "me", "steps": [{"site": "GB21"}]}), "unknown field 'author'"),
    (b"[" * 100_000, "nested 100,000 levels deep, more than 8"),
    (file_of({"title": "x", "steps": [{"site": "GB21"}]}).replace(b'"version": 1', b'"version": true'),
     "the file is version True"),  # true == 1 in Python, but not a version
    (file_of({"title": "x", "steps": [{"site": "GB21", "note": "\ud800"}]}), "step 1, note: holds a lone surrogate"),
    (file_of({"title": "x", "steps": [{"site": "GB21"}]}).replace(b'"x"', b"1" + b"0" * 5000),
     "title: expected text, got <a number 5,001 digits long>"),
    (b" " * (lessons.MAX_FILE_BYTES + 1), "more than a lesson file can be"),
])
def test_a_broken_file_names_what_is_wrong_and_where(data, problem):
    with pytest.raises(LessonError) as caught:
        lessons.from_file(data, SITES)
    assert any(problem in p for p in caught.value.problems), caught.value.problems


def test_a_note_with_a_lone_surrogate_is_refused_when_made_too():
    # encode() would otherwise raise UnicodeEncodeError on its way to UTF-8
    with pytest.raises(LessonError, match="step 1, note: holds a lone surrogate"):
        lessons.encode(Lesson("x", (Step("GB21", "a\ud800"),)))


def test_nul_and_other_control_characters_in_a_note_are_dropped_not_refused():
    token = token_of(b'{"title":"x","steps":[{"site":"GB21","note":"a\\u0000b\\u0007c"}]}')
    assert lessons.decode(token, SITES).steps[0].note == "abc"


def test_every_problem_in_a_file_is_reported_at_once():
    data = file_of({"title": 1, "steps": [{"site": "GB99"}, {"site": "BL13", "view": "up"}, 3]})
    with pytest.raises(LessonError) as caught:
        lessons.from_file(data, SITES)
    assert len(caught.value.problems) == 4
    assert [p.split(":")[0] for p in caught.value.problems] == ["title", "step 1, site", "step 2, view", "step 3"]
