"""Real-browser journeys of issue #6: a quiz round, and a shared lesson link."""

from __future__ import annotations

import pytest

from explorer import lessons
from explorer.data import load_dataset
from explorer.lessons import Lesson, Step
from explorer.store import DATABASE_ENV, ProgressStore
from tests.browser import READY, require_chromium, streamlit_server, wait_ready

pytestmark = pytest.mark.browser

LEARNER = "browser-quiz"

# The pixel centre of the click-grid point nearest the middle of the plotted area, with the
# chart scrolled to the middle of the window (a click outside the window goes nowhere).
GRID_POINT_JS = """
() => {
  const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullLayout) return null;
  gd.scrollIntoView({block: 'center'});
  const grid = gd._fullData.find(t => t.name === 'click grid');
  if (!grid) return null;
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.getBoundingClientRect();
  const cx = (xa.range[0] + xa.range[1]) / 2, cy = (ya.range[0] + ya.range[1]) / 2;
  let best = 0;
  for (let i = 1; i < grid.x.length; i++) {
    if (Math.hypot(grid.x[i] - cx, grid.y[i] - cy) < Math.hypot(grid.x[best] - cx, grid.y[best] - cy)) best = i;
  }
  return {x: box.left + xa._offset + xa.l2p(grid.x[best]), y: box.top + ya._offset + ya.l2p(grid.y[best])};
}
"""


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('progress') / 'progress.sqlite3'}"


@pytest.fixture(scope="module")
def server(database):
    require_chromium()
    with streamlit_server({DATABASE_ENV: database}) as url:
        yield url


# browser and page: the shared fixtures in conftest.py


def settle(page) -> None:
    page.wait_for_selector(READY, timeout=30000)


def metric(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label)
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def answer_feedback(page) -> str:
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="B-cun").or_(
        page.locator('[data-testid="stAlert"]').filter(has_text="Right.")).or_(
        page.locator('[data-testid="stAlert"]').filter(has_text="Not quite"))
    alert.first.wait_for(timeout=20000)
    return alert.first.inner_text()


def test_a_quiz_round_names_then_locates_and_counts_progress(server, page, database):
    page.goto(f"{server}/quiz?learner={LEARNER}")
    settle(page)
    page.get_by_text("Name the point", exact=True).click()
    settle(page)
    assert metric(page, "Answers") == "0"

    page.get_by_role("button", name="Start").click()
    page.locator(".st-key-quiz_choice_0 button").wait_for(timeout=20000)
    page.wait_for_selector(".js-plotly-plot .scatterlayer .trace", timeout=20000)
    assert "Which site is marked on the diagram?" in page.locator('[data-testid="stMain"]').inner_text()
    page.locator(".st-key-quiz_choice_0 button").click()
    feedback = answer_feedback(page)
    assert feedback.startswith(("Right.", "Not quite"))
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=stMetricValue]')]"
                           ".some(e => e.innerText.trim() === '1')", timeout=20000)
    assert metric(page, "Answers") == "1"

    # Locate by click: a click on bare body reaches the app through the invisible grid.
    page.locator('[data-testid="stSidebar"]').get_by_text("Locate by click", exact=True).click()
    settle(page)
    page.get_by_role("button", name="Next question").click()
    page.get_by_text("Click where", exact=False).first.wait_for(timeout=20000)
    wait_ready(page)
    spot = page.evaluate(GRID_POINT_JS)
    assert spot, "no click grid on the locate chart"
    page.mouse.click(spot["x"], spot["y"])
    assert "B-cun from" in answer_feedback(page)
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=stMetricValue]')]"
                           ".some(e => e.innerText.trim() === '2')", timeout=20000)
    assert metric(page, "Answers") == "2"
    assert page.locator(".js-plotly-plot").first.evaluate(
        "gd => gd._fullData.some(t => t.name === 'Your click (cross)')")

    answers = ProgressStore(database).answers(LEARNER)
    assert [a.item.split(":")[0] for a in answers] == ["name", "locate"]
    assert "distance_cun" in answers[1].detail


def test_a_shared_lesson_link_opens_its_first_step(server, page):
    ds = load_dataset()
    lesson = Lesson("Upper back safety", (Step("GB21", "Pinch the trapezius up, never straight down."),
                                          Step("BL13", "Over a rib.")))
    token = lessons.encode(lesson)
    assert lessons.decode(token, ds.sites.index) == lesson
    page.goto(f"{server}/{lessons.share_link(token).removeprefix('./')}")
    wait_ready(page)
    page.get_by_role("heading", name="GB21").first.wait_for(timeout=20000)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "Upper back safety" in text
    assert "Pinch the trapezius up, never straight down." in text
    assert "could not be opened" not in text
