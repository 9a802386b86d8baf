"""AppTest journeys of the Quiz and Lessons pages (the smoke test of every page is in test_app.py)."""

from __future__ import annotations

import base64
import re
import tempfile
import zlib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.typing import PlotlyState

from explorer import body, lessons
from explorer.data import DATA_DIR_ENV
from explorer.lessons import Lesson, Step
from explorer.store import DATABASE_ENV, ProgressStore
from tests.conftest import MINIMAL

TIMEOUT = 60


def _page_script(name: str) -> None:
    # AppTest runs this function's source on its own, so it imports inside.
    import importlib

    importlib.import_module(f"explorer.pages.{name}").render()


@pytest.fixture
def database(monkeypatch, tmp_path: Path) -> str:
    """A fresh progress database for the page (the store is cached per URL, so each test gets its own)."""
    url = f"sqlite:///{tmp_path / 'progress.sqlite3'}"
    monkeypatch.setenv(DATABASE_ENV, url)
    monkeypatch.setenv(DATA_DIR_ENV, str(MINIMAL))
    return url


def open_page(name: str, params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_function(_page_script, args=(name,), default_timeout=TIMEOUT)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def alerts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in (at.success, at.warning, at.error, at.info) for e in kind)


def shown(text: str) -> str:
    """Markdown as the reader sees it: ui.plain's backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", text)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


# --- quiz ----------------------------------------------------------------------------------------


def test_the_quiz_asks_for_a_learner_id_and_touches_no_database_before(database):
    at = open_page("quiz")
    assert not at.exception
    assert "Enter a learner id to start" in alerts(at)
    assert not Path(database.removeprefix("sqlite:///")).exists()
    assert "not a password" in " ".join(c.value for c in at.caption)


def test_the_learner_id_comes_from_the_link_and_goes_back_into_it(database):
    at = open_page("quiz", {"learner": "anna-k"})
    assert at.text_input(key="quiz_learner").value == "anna-k"
    at.text_input(key="quiz_learner").input("ben_2").run()
    assert at.query_params["learner"] in ("ben_2", ["ben_2"])


def test_a_learner_id_with_spaces_is_refused_with_a_reason(database):
    at = open_page("quiz", {"learner": "anna k"})
    assert not at.exception
    assert "without spaces" in alerts(at)
    assert not at.get("metric")


def test_a_name_round_is_graded_recorded_and_counted(database):
    at = open_page("quiz", {"learner": "anna"})
    at.radio(key="quiz_type").set_value("name").run()
    assert metric(at, "Answers") == "0"
    at.button(key="quiz_next").click().run()
    question = at.session_state["quiz_question"]
    assert question.kind == "name" and len(question.choices) == 4
    right = [c.value for c in question.choices].index(question.answer)
    at.button(key=f"quiz_choice_{right}").click().run()
    assert not at.exception
    assert at.success and at.success[0].value.startswith("Right")
    assert metric(at, "Answers") == "1" and metric(at, "Right") == "1"
    at.button(key="quiz_next").click().run()  # the next question; the answer is kept
    assert metric(at, "Answers") == "1"
    answers = ProgressStore(database).answers("anna")
    assert [(a.item, a.correct) for a in answers] == [(question.item, True)]


def test_a_typed_name_is_accepted_without_tone_marks(database):
    at = open_page("quiz", {"learner": "anna"})
    at.radio(key="quiz_type").set_value("name").run()
    at.toggle(key="quiz_typed").set_value(True).run()
    at.button(key="quiz_next").click().run()
    question = at.session_state["quiz_question"]
    answer = {"BL13": "feishu", "GV14": "dazhui", "CV17": "danzhong", "LI4": "hegu",
              "upper-trapezius-1": "Upper trapezius TP1"}[question.site_id]
    at.text_input(key="quiz_typed_answer").input(answer)
    at.button(key="FormSubmitter:quiz_typed_form-Answer").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Right")
    assert metric(at, "Right") == "1"


def test_a_click_on_the_body_answers_a_locate_question(database, minimal_ds):
    at = open_page("quiz", {"learner": "anna"})
    at.radio(key="quiz_type").set_value("locate").run()
    at.button(key="quiz_next").click().run()
    question = at.session_state["quiz_question"]
    chart = at.get("plotly_chart")[0].proto.spec
    assert '"click grid"' in chart and question.site_id not in chart  # the answer is not on the chart
    row = minimal_ds.sites.loc[question.site_id]
    plot_x = body.to_plot(question.view, float(row["x"]))
    at.session_state[f"quiz_chart_{at.session_state['quiz_round']}"] = PlotlyState(selection={
        "points": [{"curve_number": 5, "point_number": 0, "point_index": 0, "x": plot_x, "y": float(row["y"])}],
        "point_indices": [0], "box": [], "lasso": []})
    at.run()
    assert not at.exception
    assert at.success[0].value.startswith("Right")
    shown = at.get("plotly_chart")[0].proto.spec
    assert "Your click (cross)" in shown and question.site_id in shown  # now the right spot is shown
    answer = ProgressStore(database).answers("anna")[0]
    assert answer.item == f"locate:{question.site_id}" and answer.detail["distance_cun"] == 0.0


def test_safety_questions_come_from_the_pool(database):
    at = open_page("quiz", {"learner": "anna"})
    at.radio(key="quiz_type").set_value("safety").run()
    at.multiselect(key="quiz_regions").set_value(["upper_back"]).run()
    seen = set()
    for _ in range(6):
        at.button(key="quiz_next").click().run()
        question = at.session_state["quiz_question"]
        assert question.site_id in ("BL13", "GV14")
        seen.add(question.kind)
        at.button(key="quiz_choice_0").click().run()
        assert not at.exception and (at.success or at.error)
    assert seen <= {"safety-angle", "safety-beneath", "safety-risk"} and len(seen) >= 2


def test_progress_imports_into_the_learner_with_clear_messages(database):
    with ProgressStore(database) as store:
        store.record_answer("old-id", "name:BL13", True)
        store.record_answer("old-id", "locate:BL13", False, detail={"distance_cun": 4.2})
        exported = store.export("old-id")
    at = open_page("quiz", {"learner": "anna"})
    at.file_uploader(key="quiz_import_file").upload("old.progress.json", exported, "application/json").run()
    at.button(key="quiz_import").click().run()
    assert not at.exception
    assert "Imported (exported by old-id): 2 answers added, 0 already here, across 2 questions" in shown(
        at.success[0].value)
    assert metric(at, "Answers") == "2" and metric(at, "Wrong") == "1"
    at.button(key="quiz_import").click().run()  # the same file again adds nothing
    assert "0 answers added, 2 already here" in shown(at.success[0].value)
    broken = exported.replace(b'"correct": true', b'"correct": "yes"')
    at.file_uploader(key="quiz_import_file").set_value(("bad.json", broken, "application/json")).run()
    at.button(key="quiz_import").click().run()
    message = shown(at.error[0].value)
    assert "nothing was changed" in message and "answers[0].correct: correct is true or false" in message
    assert metric(at, "Answers") == "2"


# --- lessons -------------------------------------------------------------------------------------


def add_step(at: AppTest, site_id: str, note: str) -> None:
    at.selectbox(key="lesson_new_site").set_value(site_id)
    at.text_area(key="lesson_new_note").input(note)
    at.button(key="FormSubmitter:lesson_add-Add step").click().run()


def test_an_instructor_builds_orders_and_shares_a_lesson(database, minimal_ds):
    at = open_page("lessons")
    assert not at.exception
    assert "Add a step to start" in alerts(at)
    at.text_input(key="lesson_title").input("Back of the chest").run()
    add_step(at, "BL13", "Over a rib <b>only</b>.")
    add_step(at, "GV14", "Midline.")
    add_step(at, "upper-trapezius-1", "Pincer grip.")
    assert [s.site_id for s in at.session_state["lesson_steps"]] == ["BL13", "GV14", "upper-trapezius-1"]
    at.button(key="lesson_down_0").click().run()  # BL13 after GV14
    at.button(key="lesson_remove_2").click().run()  # drop the trigger point
    assert not at.exception
    steps = at.session_state["lesson_steps"]
    assert [s.site_id for s in steps] == ["GV14", "BL13"]
    link = at.code[0].value
    assert link.startswith("./?lesson=") and link.endswith("&mode=present")
    token = link.removeprefix("./?lesson=").removesuffix("&mode=present")
    lesson = lessons.decode(token, minimal_ds.sites.index)
    assert lesson.title == "Back of the chest"
    assert [(s.site_id, s.note) for s in lesson.steps] == [("GV14", "Midline."), ("BL13", "Over a rib <b>only</b>.")]
    assert "Over a rib \\<b\\>only\\</b\\>" in " ".join(m.value for m in at.markdown)  # escaped, not markup
    assert len(at.get("plotly_chart")) == 1


def test_a_lesson_file_imports_and_a_broken_one_says_where_it_is_wrong(database):
    at = open_page("lessons")
    good = lessons.to_file(Lesson("Imported", (Step("CV17", "Sternum."), Step("LI4"))))
    at.file_uploader(key="lesson_import_file").upload("a.lesson.json", good, "application/json").run()
    at.button(key="lesson_import").click().run()
    assert not at.exception
    assert at.text_input(key="lesson_title").value == "Imported"
    assert [s.site_id for s in at.session_state["lesson_steps"]] == ["CV17", "LI4"]
    broken = good.replace(b'"LI4"', b'"LI99"')
    at.file_uploader(key="lesson_import_file").set_value(("b.lesson.json", broken, "application/json")).run()
    at.button(key="lesson_import").click().run()
    assert "step 2, site: no site is called 'LI99'" in shown(at.error[0].value)
    assert [s.site_id for s in at.session_state["lesson_steps"]] == ["CV17", "LI4"]  # unchanged


# --- hostile input and stored rows the quiz cannot read (issue #14) ------------------------------------


def test_a_stored_item_the_quiz_cannot_ask_is_skipped_with_a_notice(database):
    # a store poisoned before imports were checked: an unknown kind and a site the data does not have
    with ProgressStore(database) as store:
        store.record_answer("anna", "x:y", True)
        store.record_answer("anna", "locate:GB99", False)
        store.record_answer("anna", "name:BL13", False)
    at = open_page("quiz", {"learner": "anna"})
    assert not at.exception
    notice = shown(alerts(at))
    assert "2 saved questions cannot be asked here and are left out: locate:GB99, x:y" in notice
    assert metric(at, "Answers") == "1" and metric(at, "Wrong") == "1"  # the rest still counts
    at.radio(key="quiz_type").set_value("name").run()
    at.button(key="quiz_next").click().run()  # and the quiz goes on
    question = at.session_state["quiz_question"]
    at.button(key=f"quiz_choice_{[c.value for c in question.choices].index(question.answer)}").click().run()
    assert not at.exception and metric(at, "Answers") == "2"
    assert len(ProgressStore(database).answers("anna")) == 4  # nothing was deleted


def _export_with(change: bytes, to: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as folder, ProgressStore(f"sqlite:///{folder}/source.sqlite3") as source:
        source.record_answer("old-id", "name:BL13", True, detail={"chosen": "BL13"})
        data = source.export("old-id")
    assert change in data
    return data.replace(change, to)


HOSTILE_PROGRESS_FILES = [
    # the three tracebacks and its poisoned file, each refused by field on the page
    ("5,000-digit number", lambda: _export_with(b'"correct": true', b'"correct": ' + b"9" * 5000),
     "answers[0].correct: correct is true or false, got <a number 5,000 digits long>"),
    ("year 0", lambda: _export_with(b'"answered_at": "', b'"answered_at": "0000-01-01T00:00:00+00:00", "x": "'),
     "answers[0].answered_at: a time is ISO 8601 with its time zone"),
    ("year 10000", lambda: _export_with(b'"answered_at": "', b'"answered_at": "10000-01-01T00:00:00+00:00", "x": "'),
     "answers[0].answered_at"),
    ("an offset that overflows", lambda: _export_with(b'"answered_at": "',
                                                      b'"answered_at": "0001-01-01T00:00:00+05:00", "x": "'),
     "answers[0].answered_at: a time must lie between 1970 and 2500"),
    ("100,000 nested arrays", lambda: b"[" * 100_000 + b"]" * 100_000, "nested 100,000 levels deep"),
    ("an unknown quiz kind", lambda: _export_with(b'"name:BL13"', b'"x:y"'),
     "answers[0].item: 'x' is not a kind of question this app asks"),
    ("a site the data lacks", lambda: _export_with(b'"name:BL13"', b'"name:GB99"'),
     "answers[0].item: no site is called 'GB99'"),
]


@pytest.mark.parametrize(("make", "words"), [case[1:] for case in HOSTILE_PROGRESS_FILES],
                         ids=[case[0] for case in HOSTILE_PROGRESS_FILES])
def test_a_hostile_progress_file_is_refused_by_field_and_changes_nothing(database, make, words):
    with ProgressStore(database) as store:
        store.record_answer("anna", "locate:BL13", True)
    at = open_page("quiz", {"learner": "anna"})
    at.file_uploader(key="quiz_import_file").upload("hostile.json", make(), "application/json").run()
    at.button(key="quiz_import").click().run()
    assert not at.exception
    message = shown(at.error[0].value)
    assert "nothing was changed" in message and words in message, message
    assert metric(at, "Answers") == "1"
    assert [a.item for a in ProgressStore(database).answers("anna")] == ["locate:BL13"]


def test_a_lesson_link_with_a_lone_surrogate_opens_the_explore_page_with_a_notice(database):
    # the token: its note holds \ud800, which raised UnicodeEncodeError on the page
    payload = b'{"title":"x","steps":[{"site":"BL13","note":"a\\ud800b"}]}'
    token = base64.urlsafe_b64encode(bytes([lessons.TOKEN_VERSION]) + zlib.compress(payload)).decode().rstrip("=")
    at = open_page("explore", {"lesson": token})
    assert not at.exception
    assert "step 1, note: holds a lone surrogate" in shown(alerts(at))


def test_a_stored_state_row_that_cannot_be_read_is_skipped_with_a_notice(database):
    from sqlalchemy import update

    from explorer.store import states_table

    with ProgressStore(database) as store:
        store.record_answer("anna", "name:BL13", True)
        store.record_answer("anna", "locate:GV14", False)
        with store.engine.begin() as conn:  # a row no replay could have written
            conn.execute(update(states_table).where(states_table.c.item == "locate:GV14").values(state=9))
    at = open_page("quiz", {"learner": "anna"})
    assert not at.exception
    assert "1 saved question cannot be asked here and is left out: locate:GV14" in shown(alerts(at))
    assert metric(at, "Answers") == "1" and metric(at, "Right") == "1"
