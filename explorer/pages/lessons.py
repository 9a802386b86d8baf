"""Lessons: an instructor builds an ordered list of sites with notes, then shares and exports it.

Thin: widgets -> domain (lessons, export) -> streamlit. The steps live in
session state. Imports replace the lesson in a callback, before the widgets
that show it are drawn. Images and the PDF are made only when their download
button is pressed (kaleido and Chromium take a moment).
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from explorer import export, lessons, ui, widgets
from explorer.body import VIEWS
from explorer.data import Dataset
from explorer.lessons import Lesson, LessonError, Step
from explorer.quiz import site_label

STEPS_KEY = "lesson_steps"
TITLE_KEY = "lesson_title"
IMPORT_KEY = "lesson_import_file"
IMPORT_NOTICE_KEY = "lesson_import_notice"
OWN_VIEW = ""  # the step opens in the site's own view


def _steps() -> list[Step]:
    return st.session_state.setdefault(STEPS_KEY, [])


def _lesson() -> Lesson:
    title = lessons.clean_text(st.session_state.get(TITLE_KEY, ""), single_line=True)
    return Lesson(title or lessons.UNTITLED, tuple(_steps()))


def _add_step() -> None:
    site_id = st.session_state.get("lesson_new_site")
    if not site_id:
        return
    view = st.session_state.get("lesson_new_view") or None
    note = lessons.clean_text(st.session_state.get("lesson_new_note", ""))[: lessons.MAX_NOTE_CHARS]
    _steps().append(Step(site_id, note, view))


def _move(index: int, offset: int) -> None:
    steps = _steps()
    target = index + offset
    if 0 <= index < len(steps) and 0 <= target < len(steps):
        steps[index], steps[target] = steps[target], steps[index]


def _remove(index: int) -> None:
    steps = _steps()
    if 0 <= index < len(steps):
        del steps[index]


def _import(ds: Dataset) -> None:
    """Button callback: replace the lesson with the uploaded file's, or say what is wrong with it."""
    upload = st.session_state.get(IMPORT_KEY)
    if upload is None:
        return
    try:
        lesson = lessons.from_file(upload.getvalue(), ds.sites.index)
    except LessonError as error:
        st.session_state[IMPORT_NOTICE_KEY] = ("error", error.problems)
        return
    st.session_state[TITLE_KEY] = lesson.title
    st.session_state[STEPS_KEY] = list(lesson.steps)
    st.session_state[IMPORT_NOTICE_KEY] = ("success", (f"Imported “{lesson.title}”, {len(lesson.steps)} steps.",))


def _builder(ds: Dataset) -> None:
    st.text_input("Title", key=TITLE_KEY, max_chars=lessons.MAX_TITLE_CHARS)
    full = len(_steps()) >= lessons.MAX_STEPS
    with st.form("lesson_add", clear_on_submit=True):
        # sites.csv keeps the channels' numbering order, which is the order to browse in
        st.selectbox("Site", list(ds.sites.index), key="lesson_new_site", index=None,
                     placeholder="Type a code or a name", format_func=lambda sid: site_label(ds, sid))
        st.text_area("Note for this step", key="lesson_new_note", max_chars=lessons.MAX_NOTE_CHARS,
                     placeholder="What to point out, what to ask the class")
        st.selectbox("Opens in", [OWN_VIEW, *VIEWS], key="lesson_new_view",
                     format_func=lambda v: f"the {v} view" if v else "the site's own view")
        st.form_submit_button("Add step", on_click=_add_step, disabled=full)
    if full:
        st.caption(f"A lesson has at most {lessons.MAX_STEPS} steps.")


def _step_list(ds: Dataset) -> None:
    steps = _steps()
    if not steps:
        st.info("Add a step to start, or import a lesson file.")
        return
    st.subheader(ui.plain(f"Steps ({len(steps)})"))
    for index, step in enumerate(steps):
        with st.container(border=True):
            view = f" ({step.view} view)" if step.view else ""
            st.markdown(f"**{index + 1}. {ui.plain(site_label(ds, step.site_id))}**{ui.plain(view)}"
                        + (f"  \n{ui.plain(step.note)}" if step.note else ""))
            with st.container(horizontal=True, gap="small"):
                st.button("Move up", key=f"lesson_up_{index}", type="tertiary", on_click=_move, args=(index, -1),
                          disabled=index == 0)
                st.button("Move down", key=f"lesson_down_{index}", type="tertiary", on_click=_move,
                          args=(index, 1), disabled=index == len(steps) - 1)
                st.button("Remove", key=f"lesson_remove_{index}", type="tertiary", on_click=_remove, args=(index,))


def _share(ds: Dataset, lesson: Lesson) -> None:
    st.subheader("Share")
    try:
        token = lessons.encode(lesson)
    except LessonError as error:
        st.warning(ui.plain(str(error)))
    else:
        link = lessons.share_link(token)
        st.markdown("Students open this link (after the app's address) to follow the lesson in "
                    "presentation mode; no accounts are needed.")
        st.code(link, language=None, wrap_lines=True)
        st.link_button("Open the lesson", link)
    columns = st.columns(3)
    columns[0].download_button("Download the lesson file", data=lessons.to_file(lesson),
                               file_name=lessons.file_name(lesson), mime="application/json",
                               key="lesson_download_file", on_click="ignore",
                               help="Import it here again, or share it instead of a link.")
    columns[1].download_button("Download its sites as CSV", data=export.sites_csv(ds, lesson.site_ids),
                               file_name=lessons.file_name(lesson).replace(lessons.FILE_SUFFIX, ".csv"),
                               mime="text/csv", key="lesson_download_csv", on_click="ignore")
    columns[2].download_button("Download a PDF handout", data=partial(export.lesson_handout, ds, lesson),
                               file_name=lessons.file_name(lesson).replace(lessons.FILE_SUFFIX, ".pdf"),
                               mime="application/pdf", key="lesson_download_pdf", on_click="ignore",
                               disabled=not widgets.images_possible(),
                               help="The diagrams and a table of the sites: location, depth, angle, cautions.")


def _diagram(ds: Dataset, lesson: Lesson) -> None:
    st.subheader("Diagram")
    numbers = list(range(len(lesson.steps)))
    if st.session_state.get("lesson_show_step") not in numbers:
        st.session_state["lesson_show_step"] = 0
    st.selectbox("Step shown", numbers, key="lesson_show_step",
                 format_func=lambda i: f"{i + 1}. {site_label(ds, lesson.steps[i].site_id)}")
    step = lesson.steps[st.session_state["lesson_show_step"]]
    view = export.step_view(ds, step.site_id, step.view)
    fig = export.lesson_figure(ds, lesson, view, selected=step.site_id)
    st.plotly_chart(fig, key="lesson_chart", width="stretch", config={"displayModeBar": False})
    number = st.session_state["lesson_show_step"] + 1
    stem = f"{lessons.file_name(lesson).removesuffix(lessons.FILE_SUFFIX)}-step{number}"
    columns = st.columns(2)
    columns[0].download_button("Download the diagram as PNG", data=partial(export.figure_png, fig),
                               file_name=f"{stem}.png", mime="image/png", key="lesson_download_png",
                               on_click="ignore",
                               disabled=not widgets.images_possible())
    columns[1].download_button("Download the diagram as SVG", data=partial(export.figure_svg, fig),
                               file_name=f"{stem}.svg", mime="image/svg+xml", key="lesson_download_svg",
                               on_click="ignore",
                               disabled=not widgets.images_possible())
    if not widgets.images_possible():
        st.caption("Image and PDF downloads need Chromium on the server (Debian's chromium package).")


def _import_box(ds: Dataset) -> None:
    with st.expander("Import a lesson file"):
        st.file_uploader("Lesson file (.lesson.json)", type=["json"], key=IMPORT_KEY)
        st.button("Load this lesson", key="lesson_import", on_click=_import, args=(ds,),
                  help="Replaces the lesson being built.")
        notice = st.session_state.pop(IMPORT_NOTICE_KEY, None)
        if notice:
            kind, lines = notice
            text = "\n".join(f"- {ui.plain(line)}" for line in lines)
            if kind == "error":
                st.error("The file was not imported:\n\n" + text)
            else:
                st.success(text)


def render() -> None:
    ds = ui.require_dataset()
    st.title("Lessons")
    st.caption("Build a lesson for class: an ordered list of sites with a note for each step. Share it as a "
               "link that opens it in presentation mode, or as a file; print a handout; take the diagram "
               "into slides.")
    st.session_state.setdefault(TITLE_KEY, "New lesson")
    _steps()
    _import_box(ds)
    builder, listing = st.columns([2, 3], gap="large")
    with builder:
        _builder(ds)
    with listing:
        _step_list(ds)
    if not _steps():
        return
    lesson = _lesson()
    _share(ds, lesson)
    _diagram(ds, lesson)
