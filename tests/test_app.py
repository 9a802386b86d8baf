"""AppTest smoke tests: every page, deep links, chart clicks and bad data."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.typing import PlotlyState

from explorer.data import DATA_DIR_ENV
from tests.conftest import MINIMAL, minimal_copy_with

APP = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")
TIMEOUT = 60


def run_app(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def text_of(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [w.value for w in at.warning] + [i.value for i in at.info]
    parts += [h.value for h in at.subheader] + [e.value for e in at.error] + [c.value for c in at.caption]
    return "\n".join(str(p) for p in parts)


@pytest.fixture
def minimal_data(monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(MINIMAL))


def test_explore_page_loads_with_the_bundled_data():
    at = run_app()
    assert not at.exception
    assert at.title[0].value == "Needle Site Explorer"
    assert len(at.get("plotly_chart")) == 1
    assert "Educational reference" in text_of(at)


def _page_script(name: str) -> None:
    # AppTest runs this function's source on its own, so it imports inside.
    import importlib

    importlib.import_module(f"explorer.pages.{name}").render()


PAGES_DIR = Path(__file__).resolve().parent.parent / "explorer" / "pages"
# A page is a module or a package (explore/) whose module defines render().
PAGES = sorted([p.stem for p in PAGES_DIR.glob("*.py") if "def render(" in p.read_text(encoding="utf-8")]
               + [p.parent.name for p in PAGES_DIR.glob("*/__init__.py")
                  if "def render(" in p.read_text(encoding="utf-8")])


def test_the_page_list_is_complete():
    assert {"explore", "safety", "sources"} <= set(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_error(page):
    at = AppTest.from_function(_page_script, args=(page,), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.title


def test_deep_link_selects_the_site_in_a_view_that_shows_it(minimal_data):
    at = run_app({"site": "BL13"})
    assert not at.exception
    assert at.session_state["selected_site"] == "BL13"
    assert at.session_state["view"] == "posterior"
    assert any("BL13" in h.value and "Lung Shu" in h.value for h in at.subheader)
    assert "WHO Standard Acupuncture Point Locations" in text_of(at)  # full references


def test_deep_link_to_a_view(minimal_data):
    at = run_app({"view": "lateral"})
    assert at.session_state["view"] == "lateral"
    assert at.radio(key="view_pick").value == "lateral"


@pytest.mark.parametrize(("params", "notice"), [
    ({"view": "sideways"}, "Unknown view"),
    ({"site": "<script>alert(1)</script>"}, "No site is called"),
    ({"zone": "belly"}, "Unknown risk zone"),
    ({"bogus": "1"}, "unknown link parameter"),
])
def test_bad_parameters_fall_back_with_a_notice(minimal_data, params, notice):
    at = run_app(params)
    assert not at.exception
    assert at.session_state["view"] == "anterior"
    assert at.session_state["selected_site"] is None
    warnings = " ".join(w.value for w in at.warning)
    assert notice in warnings
    assert "<script>" not in warnings  # shown as escaped text, never markup


def test_clicking_a_site_on_the_chart_opens_its_details(minimal_data):
    at = run_app({"view": "anterior"})
    at.session_state["body_chart"] = PlotlyState(selection={
        "points": [{"curve_number": 2, "point_number": 0, "point_index": 0, "x": 0.0, "y": 0.708,
                    "customdata": ["CV17", "Chest Centre", "Dànzhōng"]}],
        "point_indices": [0], "box": [], "lasso": []})
    at.run()
    assert not at.exception
    assert at.session_state["selected_site"] == "CV17"
    assert any("CV17" in h.value for h in at.subheader)
    assert at.query_params["site"] in ("CV17", ["CV17"])  # the link now names the site


def test_site_picker_switches_to_the_sites_view(minimal_data):
    at = run_app()
    at.selectbox(key="site_picker").select("upper-trapezius-1").run()
    assert at.session_state["view"] == "posterior"
    assert any("Upper trapezius TP1" in h.value for h in at.subheader)


def test_zone_link_turns_the_zone_layer_on(minimal_data):
    at = run_app({"zone": "upper_back"})
    assert at.session_state["zone"] == "upper_back"
    assert "zones" in at.pills(key="layers").value


def test_broken_data_shows_the_report_not_a_traceback(monkeypatch, tmp_path):
    folder = minimal_copy_with(tmp_path / "broken", "GV14", view="upside-down")  # GV14 is row 3
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    at = run_app()
    assert not at.exception
    assert "does not meet its contract" in at.error[0].value
    report = at.dataframe[0].value
    assert list(report.columns) == ["file", "row", "column", "problem"]
    assert report.iloc[0]["row"] == 3 and report.iloc[0]["column"] == "view"
    assert not at.get("plotly_chart")
