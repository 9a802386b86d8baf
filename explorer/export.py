"""Exports for slides and handouts: diagram images, a lesson's PDF handout, tables as CSV. Pure.

Images come from kaleido, which drives a headless Chromium (Debian's
``chromium`` on PATH, or ``BROWSER_PATH``). Starting it takes a few seconds,
so the first export starts kaleido's sync server and every later one reuses
it (about 0.3 s an image). The server is started with MathJax off: its
default would fetch MathJax from a CDN, and the app reaches no network.

Figures are exported with an explicit template (``plotly_white``): inside a
Streamlit process plotly's default template becomes "streamlit", whose
placeholder colours export as black.

The handout is built with fpdf2 in DejaVu Sans (Debian's fonts-dejavu-core),
which has every pinyin tone mark. DejaVu has no Chinese characters: when
Debian's fonts-noto-cjk is there, Noto Sans CJK SC fills in for them (the
site's hanzi, and any typed in a note); without it they are left out. Fonts
are embedded as subsets of the glyphs used, so the PDF stays small.
"""

from __future__ import annotations

import io
import threading
import warnings
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Literal

import pandas as pd
import plotly.graph_objects as go

from explorer import details, figures
from explorer.body import CUN
from explorer.data import Dataset
from explorer.lessons import Lesson
from explorer.quiz import site_label

EXPORT_TEMPLATE = "plotly_white"
IMAGE_SCALE = 2.0  # device pixels per layout pixel: sharp on slides and in print
MIN_IMAGE_WIDTH = 320  # room for the legend
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_FONT_INDEX = 2  # the collection holds JP, KR, SC, TC and HK, in that order: Simplified Chinese
# Cells starting with these are read as formulas by spreadsheet apps (OWASP: CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A lesson diagram is zoomed to its sites with this much body around them.
FIT_PADDING_CUN = 5.0
FIT_MIN_HEIGHT_CUN = 24.0
FIT_ASPECT = 0.7  # width / height of a zoomed diagram: portrait, like the zoom presets

HANDOUT_NOTE = ("An educational reference for study and discussion. It does not teach needling: only trained, "
                "licensed practitioners should needle.")

ImageFormat = Literal["png", "svg"]


class ExportError(RuntimeError):
    """An export that could not be made; the message says why in plain words."""


# --- images --------------------------------------------------------------------------------------


_server_lock = threading.Lock()  # one export at a time: the sync server's queue is not per caller
_server_started = False


def browser_path() -> str | None:
    """The Chromium kaleido will drive, or None when there is none (no download is ever tried)."""
    from choreographer.browsers.chromium import Chromium

    return Chromium.find_browser(skip_local=True)


def start_image_server() -> None:
    """Start kaleido's sync server (it launches Chromium in the background and returns at once)."""
    with _server_lock:
        _start_server()


def _start_server() -> None:
    global _server_started
    if _server_started:
        return
    if browser_path() is None:
        raise ExportError("Image export needs Chromium: install Debian's chromium package.")
    import kaleido

    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    _server_started = True


def natural_width(fig: go.Figure) -> int:
    """The width at which the figure's plot fills its height at one unit per unit (the axes share a scale)."""
    x_range, y_range = fig.layout.xaxis.range, fig.layout.yaxis.range
    height = fig.layout.height or 760
    if not x_range or not y_range:
        return max(MIN_IMAGE_WIDTH, height)
    margin = fig.layout.margin
    plot_height = height - (margin.t or 0) - (margin.b or 0)
    plot_width = plot_height * (x_range[1] - x_range[0]) / (y_range[1] - y_range[0])
    return max(MIN_IMAGE_WIDTH, round(plot_width + (margin.l or 0) + (margin.r or 0)))


def figure_image(fig: go.Figure, fmt: ImageFormat, scale: float = IMAGE_SCALE, template: str = EXPORT_TEMPLATE
                 ) -> bytes:
    """The figure as PNG or SVG bytes, with an explicit template so that colours survive."""
    export = go.Figure(fig)
    export.update_layout(template=template)
    with _server_lock:
        _start_server()
        try:
            with warnings.catch_warnings():
                # plotly passes its default request headers on every call; the running server
                # ignores them and says so each time.
                warnings.filterwarnings("ignore", message="The kopts argument is ignored", category=UserWarning)
                return export.to_image(format=fmt, width=natural_width(export), height=export.layout.height or 760,
                                       scale=scale)
        except Exception as error:  # kaleido and the browser fail in many ways; the page needs one
            raise ExportError(f"The image could not be made ({type(error).__name__}: {error}).") from error


def figure_png(fig: go.Figure, scale: float = IMAGE_SCALE) -> bytes:
    return figure_image(fig, "png", scale=scale)


def figure_svg(fig: go.Figure) -> bytes:
    return figure_image(fig, "svg", scale=1.0)


# --- a lesson's diagram --------------------------------------------------------------------------


def step_view(ds: Dataset, site_id: str, view: str | None = None) -> str:
    """The view a step is drawn in: its own if it names one that shows the site, else the site's."""
    if view and figures.site_positions(ds, view, [site_id]):
        return view
    return str(ds.sites.at[site_id, "view"])


def lesson_views(ds: Dataset, lesson: Lesson) -> list[str]:
    """The views the lesson's steps are drawn in, in the order they first come."""
    return list(dict.fromkeys(step_view(ds, step.site_id, step.view) for step in lesson.steps))


def fitted_ranges(ds: Dataset, site_ids: Iterable[str], view: str
                  ) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """Plot ranges holding every drawn spot of the sites (both sides) with room around them, in
    portrait. None when none of them is drawn in the view. The frame never leaves the whole body's."""
    positions = figures.site_positions(ds, view, site_ids)
    if not positions:
        return None
    xs, ys = [p[1] for p in positions], [p[2] for p in positions]
    pad = FIT_PADDING_CUN * CUN
    height = max(max(ys) - min(ys) + 2 * pad, FIT_MIN_HEIGHT_CUN * CUN)
    width = max(max(xs) - min(xs) + 2 * pad, height * FIT_ASPECT)
    height = max(height, width / FIT_ASPECT)
    (bx0, bx1), (by0, by1) = figures.view_ranges(view, figures.WHOLE_BODY)
    width, height = min(width, bx1 - bx0), min(height, by1 - by0)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x0 = min(max(cx - width / 2, bx0), bx1 - width)
    y0 = min(max(cy - height / 2, by0), by1 - height)
    return (x0, x0 + width), (y0, y0 + height)


def lesson_figure(ds: Dataset, lesson: Lesson, view: str, selected: str | None = None,
                  theme: str = "light", height: int = 760) -> go.Figure:
    """The lesson's sites in one view, labelled and zoomed to fit; ``selected`` gets the ring."""
    site_ids = lesson.site_ids
    opts = figures.FigureOptions(view=view, selected=selected, theme=theme, template=EXPORT_TEMPLATE,
                                 show_labels=True, height=height, ranges=fitted_ranges(ds, site_ids, view))
    return figures.body_figure(ds, opts, site_ids=site_ids)


# --- tables --------------------------------------------------------------------------------------


def _defused(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def table_csv(frame: pd.DataFrame) -> bytes:
    """A table as CSV for spreadsheet apps: UTF-8 with a byte-order mark (so that pinyin and hanzi
    open right), CRLF line ends, and no cell a spreadsheet would run as a formula."""
    safe = frame.map(_defused)
    safe.columns = [str(_defused(str(c))) for c in frame.columns]
    for column in safe.columns:
        if safe[column].dtype == bool:  # as in sites.csv, which these files may go back into
            safe[column] = safe[column].map({True: "true", False: "false"})
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def sites_csv(ds: Dataset, site_ids: Iterable[str]) -> bytes:
    """The given sites' rows of sites.csv, every column, in the order given."""
    return table_csv(ds.sites.loc[list(dict.fromkeys(site_ids))])


# --- the handout ---------------------------------------------------------------------------------


def depth_range_text(row: pd.Series) -> str:
    return f"{row['depth_min_mm']:g}–{row['depth_max_mm']:g} mm"


def cautions_text(ds: Dataset, row: pd.Series) -> str:
    """The risk zone and its note, then the other cautions."""
    parts = []
    if row["risk_zone"]:
        zone = str(ds.zones.at[row["risk_zone"], "label"]) if row["risk_zone"] in ds.zones.index else row["risk_zone"]
        parts.append(f"Risk zone: {zone}. {row['risk_note']}".strip())
    if row["cautions"]:
        parts.append(str(row["cautions"]))
    return " ".join(parts) or "None recorded."


def _pdf_fonts(pdf: object) -> bool:
    """Add DejaVu Sans, and Noto Sans CJK as the fallback for hanzi when installed (returns whether it is)."""
    missing = [name for name in FONT_FILES.values() if not (FONT_DIR / name).is_file()]
    if missing:
        raise ExportError(f"The handout needs the DejaVu fonts ({', '.join(missing)} in {FONT_DIR}): "
                          "install Debian's fonts-dejavu-core package.")
    for style, name in FONT_FILES.items():
        pdf.add_font("DejaVu", style, str(FONT_DIR / name))  # type: ignore[attr-defined]
    if not CJK_FONT.is_file():
        return False
    pdf.add_font("NotoCJK", "", str(CJK_FONT), collection_font_number=CJK_FONT_INDEX)  # type: ignore[attr-defined]
    pdf.set_fallback_fonts(["NotoCJK"], exact_match=False)  # type: ignore[attr-defined]
    return True


def _handout_label(ds: Dataset, site_id: str, with_hanzi: bool) -> str:
    hanzi = ds.sites.at[site_id, "hanzi"]
    return f"{site_label(ds, site_id)} {hanzi}" if with_hanzi and hanzi else site_label(ds, site_id)


def handout_pdf(ds: Dataset, lesson: Lesson, diagrams: Sequence[bytes] = (), compress: bool = True) -> bytes:
    """A printable A4 handout: title, the diagrams (PNG bytes), the steps with their notes, then a
    table of the sites with location, depth, angle and cautions."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_compression(compress)
    pdf.set_margins(14, 14, 14)
    pdf.set_auto_page_break(auto=True, margin=14)
    pdf.set_title(lesson.title)
    pdf.set_creator("Needle Site Explorer")
    with_hanzi = _pdf_fonts(pdf)
    pdf.add_page()
    width = pdf.epw

    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(width, 8, lesson.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 8)
    pdf.multi_cell(width, 4, f"Needle Site Explorer · {len(lesson.steps)} steps · {date.today():%d %B %Y}. "
                             f"{HANDOUT_NOTE}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    if diagrams:
        gap = 4.0
        image_width = min(80.0, (width - gap * (len(diagrams) - 1)) / len(diagrams))
        top, tallest = pdf.get_y(), 0.0
        for index, png in enumerate(diagrams):
            info = pdf.image(io.BytesIO(png), x=pdf.l_margin + index * (image_width + gap), y=top, w=image_width)
            tallest = max(tallest, float(info.rendered_height))
        pdf.set_y(top + tallest + 3)

    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(width, 6, "Steps", new_x="LMARGIN", new_y="NEXT")
    for number, step in enumerate(lesson.steps, start=1):
        pdf.set_font("DejaVu", "B", 9)
        pdf.multi_cell(width, 4.6, f"{number}. {_handout_label(ds, step.site_id, with_hanzi)}",
                       new_x="LMARGIN", new_y="NEXT")
        if step.note:
            pdf.set_font("DejaVu", "", 9)
            pdf.set_x(pdf.l_margin + 5)
            pdf.multi_cell(width - 5, 4.4, step.note, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    if pdf.get_y() > pdf.h - 110:  # keep the heading with the first row (a long caution runs to ~100 mm)
        pdf.add_page()
    else:
        pdf.ln(2)
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(width, 6, "Sites", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 7.5)
    with pdf.table(col_widths=(6, 26, 50, 34, 66), line_height=3.5, text_align="LEFT", v_align="TOP",
                   headings_style=FontFace(emphasis="BOLD"), padding=1) as table:
        table.row(("#", "Site", "Location", "Depth and angle", "Cautions"))
        for number, step in enumerate(lesson.steps, start=1):
            row = ds.sites.loc[step.site_id]
            table.row((str(number), _handout_label(ds, step.site_id, with_hanzi), str(row["location"]),
                       f"{depth_range_text(row)}. {details.angle_text(row)}", cautions_text(ds, row)))
    return bytes(pdf.output())


def lesson_handout(ds: Dataset, lesson: Lesson) -> bytes:
    """The handout with a diagram for every view the lesson uses."""
    diagrams = [figure_png(lesson_figure(ds, lesson, view)) for view in lesson_views(ds, lesson)]
    return handout_pdf(ds, lesson, diagrams)

