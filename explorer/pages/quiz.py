"""Quiz: locate, name and safety questions from a chosen pool, with progress that lasts.

Thin: widgets -> domain (quiz, store) -> streamlit. The current question and
its grade live in session state. An answer is recorded once: each question
carries its own answer id, which the store ignores when it sees it again. The
learner id is mirrored into the URL (``?learner=``) so that a bookmark brings
the same progress back.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime
from functools import partial

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from explorer import quiz, ui
from explorer.data import Dataset
from explorer.figures import REGION_LABELS, regions_for
from explorer.store import ProgressImportError, ProgressStore, check_learner, read_export

LEARNER_KEY = "quiz_learner"
QUESTION_KEY = "quiz_question"
GRADE_KEY = "quiz_grade"
ROUND_KEY = "quiz_round"
ANSWER_ID_KEY = "quiz_answer_id"
NOTICE_KEY = "quiz_notice"
IMPORT_FILE_KEY = "quiz_import_file"
IMPORT_NOTICE_KEY = "quiz_import_notice"
QUIZ_TYPE_LABELS = {"locate": "Locate by click", "name": "Name the point", "safety": "Safety"}
KIND_LABELS = {quiz.LOCATE: "Locate", quiz.NAME: "Name", quiz.SAFETY_RISK: "Which is riskier",
               quiz.SAFETY_ANGLE: "Angle", quiz.SAFETY_BENEATH: "What lies beneath"}
WEAKEST_SHOWN = 10


def _learner() -> str | None:
    """The learner id from the text box (first filled from the link), mirrored into the link."""
    if LEARNER_KEY not in st.session_state:
        st.session_state[LEARNER_KEY] = str(st.query_params.get("learner", ""))[:64]
    st.text_input("Learner id", key=LEARNER_KEY, max_chars=64, placeholder="for example anna-k or group3_ben",
                  help="Letters, digits, hyphens and underscores.")
    st.caption("Your progress is kept on this server under this id, and the page's link carries it: "
               "bookmark the link to come back to it. The id is not a password: anyone who types the same "
               "id sees and adds to the same progress, so choose one that is yours but says nothing private.")
    text = st.session_state[LEARNER_KEY].strip()
    if not text:
        if "learner" in st.query_params:
            del st.query_params["learner"]
        return None
    try:
        learner = check_learner(text)
    except ValueError:
        st.warning("A learner id is 1 to 64 letters, digits, hyphens (-) or underscores (_), without spaces.")
        return None
    if st.query_params.get("learner") != learner:
        st.query_params["learner"] = learner
    return learner


def _pool_and_type(ds: Dataset) -> tuple[quiz.Pool, str]:
    with st.sidebar:
        st.radio("Quiz", list(QUIZ_TYPE_LABELS), key="quiz_type", format_func=QUIZ_TYPE_LABELS.__getitem__)
        if st.session_state["quiz_type"] == "name":
            st.toggle("Type the name", key="quiz_typed",
                      help="Type the code, the English name or the pinyin (tone marks optional) instead of "
                           "choosing from four.")
        st.caption("Draw the questions from any of these (all sites when none is chosen):")
        st.multiselect("Channels", quiz.meridian_options(ds), key="quiz_meridians")
        st.multiselect("Muscles", quiz.muscle_options(ds), key="quiz_muscles")
        st.multiselect("Body regions", quiz.region_options(ds), key="quiz_regions",
                       format_func=lambda r: r.replace("_", " "))
    pool = quiz.Pool(tuple(st.session_state["quiz_meridians"]), tuple(st.session_state["quiz_muscles"]),
                     tuple(st.session_state["quiz_regions"]))
    return pool, st.session_state["quiz_type"]


def _next_question(ds: Dataset, store: ProgressStore, learner: str, pool: quiz.Pool, quiz_type: str) -> None:
    """Button callback: pick the next item through the review order and make its question."""
    candidates = quiz.candidate_items(ds, pool, quiz_type)
    previous = st.session_state.get(QUESTION_KEY)
    rng = random.Random()
    try:
        item = quiz.next_item(candidates, store.states(learner), datetime.now(UTC), rng,
                              last_item=previous.item if previous else None)
    except SQLAlchemyError as error:
        st.session_state[NOTICE_KEY] = f"The progress database could not be read ({type(error).__name__})."
        return
    if item is None:
        st.session_state[NOTICE_KEY] = (f"No {QUIZ_TYPE_LABELS[quiz_type].lower()} question can be made from "
                                        f"{pool.describe()}: choose more channels, muscles or regions.")
        return
    st.session_state[QUESTION_KEY] = quiz.make_question(ds, item, pool, rng)
    st.session_state[GRADE_KEY] = None
    st.session_state[ANSWER_ID_KEY] = str(uuid.uuid4())
    st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1
    st.session_state[NOTICE_KEY] = None


def _record(store: ProgressStore, learner: str, question: quiz.Question, grade: quiz.Grade) -> None:
    """Keep the grade and log the answer once (the answer id makes a repeat a no-op)."""
    if st.session_state.get(GRADE_KEY) is not None:
        return
    st.session_state[GRADE_KEY] = grade
    try:
        store.record_answer(learner, question.item, grade.correct, detail=grade.detail, rating=grade.rating,
                            answer_id=st.session_state[ANSWER_ID_KEY])
    except (SQLAlchemyError, ValueError) as error:
        st.session_state[NOTICE_KEY] = f"The answer could not be saved ({type(error).__name__})."


def _answer_choice(ds: Dataset, store: ProgressStore, learner: str, value: str) -> None:
    question = st.session_state[QUESTION_KEY]
    _record(store, learner, question, quiz.grade_choice(ds, question, value))


def _answer_typed(ds: Dataset, store: ProgressStore, learner: str) -> None:
    question = st.session_state[QUESTION_KEY]
    _record(store, learner, question, quiz.grade_typed(ds, question, st.session_state.get("quiz_typed_answer", "")))


def _chart_key() -> str:
    return f"quiz_chart_{st.session_state.get(ROUND_KEY, 0)}"


def _zoom_key() -> str:
    return f"quiz_zoom_{st.session_state.get(ROUND_KEY, 0)}"


def _consume_click(ds: Dataset, store: ProgressStore, learner: str) -> None:
    """A click on the locate chart answers the question (before anything is drawn)."""
    question = st.session_state.get(QUESTION_KEY)
    if question is None or question.kind != quiz.LOCATE or st.session_state.get(GRADE_KEY) is not None:
        return
    event = st.session_state.get(_chart_key())
    selection = (event.get("selection") if isinstance(event, dict) else getattr(event, "selection", None)) or {}
    points = selection.get("points", []) if isinstance(selection, dict) else []
    if not points or points[0].get("x") is None or points[0].get("y") is None:
        return
    region = st.session_state.get(_zoom_key(), question.region)
    grid = quiz.fitting_grid(question.view, region)
    click = quiz.click_to_body(question.view, float(points[0]["x"]), float(points[0]["y"]))
    _record(store, learner, question, quiz.grade_locate(ds, question, click, grid.allowance_cun))


def _show_grade(grade: quiz.Grade) -> None:
    show = {quiz.RIGHT: st.success, quiz.CLOSE: st.warning, quiz.WRONG: st.error}[grade.verdict]
    show(ui.plain(grade.message))


def _question(ds: Dataset, store: ProgressStore, learner: str, typed: bool) -> None:
    question: quiz.Question = st.session_state[QUESTION_KEY]
    grade: quiz.Grade | None = st.session_state.get(GRADE_KEY)
    st.subheader(ui.plain(question.prompt))
    if question.kind == quiz.LOCATE and grade is None:
        regions = regions_for(question.view)
        if st.session_state.get(_zoom_key()) not in regions:
            st.session_state[_zoom_key()] = question.region if question.region in regions else regions[0]
        st.selectbox("Zoom", regions, key=_zoom_key(), format_func=REGION_LABELS.__getitem__)
        grid = quiz.fitting_grid(question.view, st.session_state[_zoom_key()])
        st.caption(ui.plain(f"Click on the body. A click is read to the nearest point of a grid "
                            f"{grid.spacing_cun:g} B-cun apart: zoom in for finer clicks. Within "
                            f"{quiz.RIGHT_WITHIN_CUN:g} B-cun is right, within {quiz.CLOSE_WITHIN_CUN:g} close."))
    elif question.choices and grade is None and not (question.kind == quiz.NAME and typed):
        columns = st.columns(len(question.choices))
        for index, (column, choice) in enumerate(zip(columns, question.choices, strict=True)):
            column.button(choice.label, key=f"quiz_choice_{index}", width="stretch",
                          on_click=_answer_choice, args=(ds, store, learner, choice.value))
    elif question.kind == quiz.NAME and grade is None:
        with st.form("quiz_typed_form", clear_on_submit=True):
            st.text_input("Name, code or pinyin", key="quiz_typed_answer",
                          help="GB21, Shoulder Well, Jianjing or Jiānjǐng are all right for GB21.")
            st.form_submit_button("Answer", on_click=_answer_typed, args=(ds, store, learner))
    if grade is not None:
        _show_grade(grade)
    region = st.session_state.get(_zoom_key(), question.region) if question.kind == quiz.LOCATE else None
    theme = "dark" if st.context.theme.type == "dark" else "light"
    fig = quiz.question_figure(ds, question, region, theme=theme, grade=grade)
    if fig is not None:
        config = {"displayModeBar": False, "scrollZoom": False}
        if question.kind == quiz.LOCATE and grade is None:
            st.plotly_chart(fig, key=_chart_key(), on_select="rerun", selection_mode="points", width="stretch",
                            config=config)
        else:
            st.plotly_chart(fig, key=f"{_chart_key()}_shown", width="stretch", config=config)


def _progress(ds: Dataset, store: ProgressStore, learner: str) -> None:
    st.subheader("Your progress")
    try:
        summary = store.summary(learner)
    except SQLAlchemyError as error:
        st.error(f"The progress database could not be read ({ui.plain(type(error).__name__)}).")
        return
    readable = {item: state for item, state in summary.items.items() if quiz.item_problem(ds, item) is None}
    left_out = sorted(set(summary.items) - set(readable)) + list(summary.unreadable)
    if left_out:
        shown = ", ".join(left_out[:5]) + (f" and {len(left_out) - 5} more" if len(left_out) > 5 else "")
        st.info(ui.plain(f"{len(left_out)} saved question{'s' if len(left_out) > 1 else ''} cannot be asked "
                         f"here and {'are' if len(left_out) > 1 else 'is'} left out: {shown}. Their answers stay "
                         "saved (and in the export); the rest of your progress counts as usual."))
    states = list(readable.values())
    columns = st.columns(5)
    columns[0].metric("Answers", sum(s.answered for s in states))
    columns[1].metric("Right", sum(s.right for s in states))
    columns[2].metric("Wrong", sum(s.wrong for s in states))
    columns[3].metric("Questions seen", len(states))
    columns[4].metric("Due again now", sum(s.is_due(datetime.now(UTC)) for s in states))
    weakest = sorted(states, key=lambda s: (-s.wrong, s.right, s.item))[:WEAKEST_SHOWN]
    weakest = [s for s in weakest if s.wrong]
    if weakest:
        rows = []
        for state in weakest:
            kind, site_id = quiz.parse_item(state.item)
            rows.append({"question": KIND_LABELS.get(kind, kind), "site": site_id, "right": state.right,
                         "wrong": state.wrong, "due": state.due_at.strftime("%Y-%m-%d %H:%M UTC")})
        st.caption("Missed most often (these come back soonest):")
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _import_progress(ds: Dataset, store: ProgressStore, learner: str) -> None:
    """Button callback, so that the progress shown in the same run already counts the import."""
    upload = st.session_state.get(IMPORT_FILE_KEY)
    if upload is None:
        return
    data = upload.getvalue()
    try:
        source, _ = read_export(data)
    except ProgressImportError:
        source = None  # the import below reports every problem
    try:
        result = store.import_(data, learner=learner, item_problem=partial(quiz.item_problem, ds))
    except ProgressImportError as error:
        st.session_state[IMPORT_NOTICE_KEY] = ("error", "The file was not imported; nothing was changed.",
                                               error.problems)
        return
    except SQLAlchemyError as error:
        st.session_state[IMPORT_NOTICE_KEY] = (
            "error", f"The progress database could not be written ({type(error).__name__}).", ())
        return
    origin = f" (exported by {source})" if source and source != learner else ""
    st.session_state[IMPORT_NOTICE_KEY] = (
        "success", f"Imported{origin}: {result.added} answers added, {result.duplicates} already here, across "
                   f"{result.items} questions.", ())


def _transfer(ds: Dataset, store: ProgressStore, learner: str) -> None:
    with st.expander("Export or import progress"):
        st.markdown("Export your answers as a file to keep a copy or to carry them to another server; "
                    "importing a file adds its answers to this id, and answers already here are skipped, so "
                    "importing twice changes nothing.")
        st.download_button("Export progress", data=partial(store.export, learner),
                           file_name=f"{learner}.progress.json", mime="application/json",
                           key="quiz_export", on_click="ignore")
        st.file_uploader("Progress file to import", type=["json"], key=IMPORT_FILE_KEY)
        st.button(f"Import into {learner}", key="quiz_import", on_click=_import_progress, args=(ds, store, learner),
                  disabled=st.session_state.get(IMPORT_FILE_KEY) is None)
        notice = st.session_state.pop(IMPORT_NOTICE_KEY, None)
        if notice:
            kind, message, problems = notice
            text = "\n\n".join([ui.plain(message), "\n".join(f"- {ui.plain(p)}" for p in problems)]).strip()
            (st.success if kind == "success" else st.error)(text)


def render() -> None:
    ds = ui.require_dataset()
    st.title("Quiz")
    st.caption(ui.EDUCATIONAL_NOTE)
    pool, quiz_type = _pool_and_type(ds)
    learner = _learner()
    if learner is None:
        st.info("Enter a learner id to start. Questions come from the channels, muscles and regions chosen in "
                "the sidebar; the ones you miss come back sooner.")
        return
    try:
        store = ui.progress_store()
    except ValueError as error:  # NEEDLE_SITE_DB is set to something that is not a database
        st.error(ui.plain(f"Progress cannot be stored: {error}"))
        return
    _consume_click(ds, store, learner)
    st.caption(ui.plain(f"{len(quiz.pool_site_ids(ds, pool))} sites in the pool: {pool.describe()}."))
    has_question = st.session_state.get(QUESTION_KEY) is not None
    answered = st.session_state.get(GRADE_KEY) is not None
    label = "Next question" if has_question else "Start"
    st.button(label, key="quiz_next", type="primary" if answered or not has_question else "secondary",
              on_click=_next_question, args=(ds, store, learner, pool, quiz_type))
    if st.session_state.get(NOTICE_KEY):
        st.warning(ui.plain(st.session_state[NOTICE_KEY]))
    if has_question:
        _question(ds, store, learner, typed=bool(st.session_state.get("quiz_typed")))
    st.divider()
    _progress(ds, store, learner)
    _transfer(ds, store, learner)
