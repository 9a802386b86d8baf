"""Exports: PNG and SVG through kaleido and Debian's chromium, the PDF handout, tables as CSV."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from PIL import Image  # a dependency of fpdf2 (and streamlit): always installed, so never a skip

from explorer import export, figures
from explorer.lessons import Lesson, Step
from tests.browser import require_chromium

LESSON = Lesson("Upper back safety: Jiānjǐng", (
    Step("GB21", "Pinch the trapezius up; never straight down."),
    Step("BL13", "Over a rib, never between <b>ribs</b>."),
    Step("CV17", "Sternal foramen: never perpendicular.", "anterior"),
))
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ACUPOINT_BLUE = (0x00, 0x72, 0xB2)
SKIN = (0xF6, 0xEB, 0xE2)


# --- reading the files back ----------------------------------------------------------------------


class Pixels:
    """A PNG decoded by Pillow (which comes with streamlit), as counts of each colour."""

    def __init__(self, data: bytes) -> None:
        image = Image.open(io.BytesIO(data)).convert("RGB")
        self.size = image.size
        self.total = image.size[0] * image.size[1]
        self.corner = image.getpixel((0, 0))
        self.counts = image.getcolors(self.total)

    def near(self, target: tuple[int, int, int], tolerance: int = 6) -> int:
        """How many pixels are within ``tolerance`` of a colour in every channel."""
        return sum(count for count, colour in self.counts if near(colour, target, tolerance))


def near(colour: tuple[int, int, int], target: tuple[int, int, int], tolerance: int = 6) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, target, strict=True))


_PDF_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(literal: bytes) -> bytes:
    def one(match: re.Match[bytes]) -> bytes:
        code = match.group(1)
        if code[:1].isdigit():
            return bytes([int(code, 8) & 0xFF])
        return _PDF_ESCAPES.get(code, code)

    return re.sub(rb"\\([0-7]{1,3}|.)", one, literal, flags=re.S)


def pdf_text(data: bytes) -> str:
    """The text of an uncompressed fpdf2 PDF. Its fonts are subsets whose two-byte codes map to
    characters through ToUnicode CMaps, one per font: every string is read through every map."""
    cmaps = []
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, flags=re.S):
        pairs = re.findall(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>", block)
        cmaps.append({int(code, 16): bytes.fromhex(uni.decode()).decode("utf-16-be") for code, uni in pairs})
    strings = [_unescape(s) for s in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", data, flags=re.S)]
    lines = []
    for cmap in cmaps:
        for raw in strings:
            lines.append("".join(cmap.get(int.from_bytes(raw[i:i + 2], "big"), "\ufffd")
                                 for i in range(0, len(raw) - 1, 2)))
    return "\n".join(lines)


# --- images --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium() -> None:
    require_chromium()


@pytest.fixture(scope="module")
def posterior_figure(real_ds) -> go.Figure:
    return export.lesson_figure(real_ds, LESSON, "posterior", selected="GB21")


def test_png_is_a_real_image_in_the_diagram_s_colours(chromium, posterior_figure):
    data = export.figure_png(posterior_figure)
    assert data.startswith(PNG_SIGNATURE)
    assert data[12:16] == b"IHDR"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (export.natural_width(posterior_figure) * 2, 760 * 2)
    pixels = Pixels(data)
    assert pixels.size == (width, height)
    assert near(pixels.corner, (255, 255, 255))  # white paper, not the black of an unset template
    assert len(pixels.counts) > 50  # not a uniform fill
    assert pixels.near((0, 0, 0), 40) < 0.05 * pixels.total
    assert pixels.near(SKIN) > 0.2 * pixels.total
    assert pixels.near(ACUPOINT_BLUE, 12) > 100  # the acupoint markers


def test_svg_is_xml_with_the_marker_colours_and_labels(chromium, posterior_figure):
    data = export.figure_svg(posterior_figure)
    root = ET.fromstring(data)
    assert root.tag.endswith("svg")
    text = data.decode("utf-8")
    assert "rgb(0, 114, 178)" in text  # acupoint blue
    assert "rgb(246, 235, 226)" in text  # skin
    labels = {"".join(node.itertext()) for node in root.iter() if node.tag.endswith("text")}
    assert {"GB21", "BL13"} <= labels


def test_an_export_inside_streamlit_keeps_its_colours(chromium, monkeypatch):
    from streamlit.elements.lib.streamlit_plotly_theme import configure_streamlit_plotly_theme

    monkeypatch.setattr(pio.templates, "default", pio.templates.default)  # restored after the test
    configure_streamlit_plotly_theme()  # what a Streamlit process does: the default becomes "streamlit"
    assert pio.templates.default == "streamlit"
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 1], mode="markers", marker=dict(color="#0072B2", size=30)))
    fig.update_layout(height=200, xaxis=dict(range=[-1, 2]), yaxis=dict(range=[-1, 2]))
    pixels = Pixels(export.figure_png(fig, scale=1))
    assert near(pixels.corner, (255, 255, 255))
    assert pixels.near(ACUPOINT_BLUE, 12) > 100


# --- a lesson's diagram --------------------------------------------------------------------------


def test_a_lesson_is_drawn_in_each_of_its_views(real_ds):
    assert export.lesson_views(real_ds, LESSON) == ["posterior", "anterior"]
    assert export.step_view(real_ds, "GB21", "anterior") == "posterior"  # not drawn there: its own view
    fig = export.lesson_figure(real_ds, LESSON, "posterior")
    assert figures.figure_site_ids(fig) == {"GB21", "BL13"}


def test_the_diagram_is_zoomed_to_the_lesson_s_sites(real_ds):
    (x0, x1), (y0, y1) = export.fitted_ranges(real_ds, ["GB21", "BL13"], "posterior")
    for _, px, py in figures.site_positions(real_ds, "posterior", ["GB21", "BL13"]):
        assert x0 < px < x1 and y0 < py < y1
    assert (x1 - x0) == pytest.approx(export.FIT_ASPECT * (y1 - y0))
    assert (y1 - y0) < 0.5  # a close view, not the whole body
    assert export.fitted_ranges(real_ds, ["CV17"], "posterior") is None


# --- the handout ---------------------------------------------------------------------------------


def test_the_handout_pdf_holds_the_steps_and_a_row_per_site(real_ds):
    # fpdf2 reads the image: give it a real one
    buffer = io.BytesIO()
    Image.new("RGB", (40, 80), (246, 235, 226)).save(buffer, format="PNG")
    tiny_png = buffer.getvalue()
    data = export.handout_pdf(real_ds, LESSON, [tiny_png], compress=False)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert data.count(b"/Subtype /Image") == 1
    text = pdf_text(data)
    assert "Upper back safety: Jiānjǐng" in text  # tone marks render
    for number, step in enumerate(LESSON.steps, start=1):
        row = real_ds.sites.loc[step.site_id]
        assert f"{number}. {step.site_id} · {row['name']} · {row['pinyin']}" in text
        assert f"{row['depth_min_mm']:g}–{row['depth_max_mm']:g} mm" in text
        assert str(row["location"]).split(",")[0].split(" ")[0] in text
    assert "Over a rib, never between <b>ribs</b>." in text  # a note's markup is printed, not run
    assert "Risk zone: Upper back." in text and "Risk zone: Chest." in text
    assert "Location" in text and "Cautions" in text
    if export.CJK_FONT.is_file():  # fonts-noto-cjk, which scripts/test.sh installs
        assert "肩井" in text and "肺俞" in text  # drawn in the fallback font, as strings of their own


def test_the_handout_with_its_diagrams_is_small(chromium, real_ds):
    data = export.lesson_handout(real_ds, LESSON)
    assert data.startswith(b"%PDF-")
    assert data.count(b"/Subtype /Image") == 2  # posterior and anterior
    assert len(data) < 1_000_000


# --- tables --------------------------------------------------------------------------------------


def test_sites_csv_opens_in_spreadsheets_with_the_expected_rows(minimal_ds):
    data = export.sites_csv(minimal_ds, ["CV17", "BL13", "CV17"])
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheet apps need to read UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r["site_id"] for r in rows] == ["CV17", "BL13"]
    assert list(rows[0]) == list(minimal_ds.sites.columns)
    assert rows[1]["pinyin"] == "Fèishū" and rows[1]["hanzi"] == "肺俞"
    assert (rows[0]["bilateral"], rows[1]["bilateral"]) == ("false", "true")  # as in sites.csv
    assert b"\r\n" in data


# Each cell, and how it leaves: anything a spreadsheet would run as a formula gets a quote first.
@pytest.mark.parametrize(("cell", "written"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tTAB", "'\tTAB"),
    ("a = b", "a = b"),  # only a leading sign is a formula
    ("Jiānjǐng", "Jiānjǐng"),
])
def test_csv_cells_never_become_formulas(cell, written):
    data = export.table_csv(pd.DataFrame({"text": [cell], "number": [-3]}))
    (row,) = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert row == {"text": written, "number": "-3"}  # numbers stay numbers
