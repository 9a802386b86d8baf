"""Real-browser journeys: Playwright drives Debian's chromium against a live server."""

from __future__ import annotations

import re

import pytest

from explorer.data import DATA_DIR_ENV
from tests.browser import (
    MARKER_JS,
    READY,
    isolated_marker,
    require_chromium,
    streamlit_server,
    wait_ready,
)
from tests.conftest import minimal_copy_with

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server():
    require_chromium()
    with streamlit_server() as url:
        yield url


def test_click_a_site_and_see_its_details(server, page):
    page.goto(f"{server}/?view=posterior&region=torso&layers=none")
    wait_ready(page)
    # Upper-back sites in a risk zone, taking the first with room around it.
    marker = isolated_marker(page, ["BL13", "BL12", "BL14", "BL42", "BL43", "SI14", "SI15", "BL15"])
    page.mouse.click(marker["x"], marker["y"])
    sid = marker["id"]
    heading = page.get_by_role("heading", name=sid)
    heading.wait_for(timeout=20000)
    # The details stream in after the heading: wait for the last of them.
    page.get_by_text("World Health Organization", exact=False).first.wait_for(timeout=20000)
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "Risk zone" in body and "What lies beneath" in body
    assert "World Health Organization" in body  # the full reference, not just its key
    page.wait_for_function(f"() => location.search.includes('site={sid}')", timeout=10000)


def test_deep_link_opens_the_site_selected(server, page):
    page.goto(f"{server}/?site=GB21")
    wait_ready(page)
    page.get_by_role("heading", name="GB21").wait_for(timeout=20000)
    # GB21 is drawn in the posterior view, so the link opens that view.
    assert page.get_by_role("radio", name="Posterior").is_checked()
    assert "posterior view" in page.locator('[data-testid="stMain"]').inner_text()


def test_hostile_link_shows_inert_text(server, page):
    page.goto(f"{server}/?site=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    wait_ready(page)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "No site is called" in text
    assert page.locator('[data-testid="stMain"] img[src="x"]').count() == 0
    assert dialogs == []


# ---------------------------------------------------------------------------
# Issue #5 journeys: search then select, a deep link with filters, where does
# it hurt, presentation mode, patient mode; issue #7: hostile data and links.
# Each saves a screenshot to /tmp/journey-*.png for a look by eye.
# ---------------------------------------------------------------------------
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "<script>alert(2)</script>"

# The centre of a grid point ("Click where it hurts") with no site marker
# within `radius` pixels, so that a click there lands on bare skin and on
# nothing else: of those, the one nearest the painful-spot star.
BARE_SKIN_JS = """
(radius) => {
  const gd = document.querySelector('.js-plotly-plot');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.getBoundingClientRect();
  const px = (x, y) => ({x: box.left + xa._offset + xa.l2p(x), y: box.top + ya._offset + ya.l2p(y)});
  const grid = gd._fullData.find(t => t.name === 'Click where it hurts');
  const star = gd._fullData.find(t => t.name === 'Where it hurts (star)');
  if (!grid || !star) return null;
  const aim = px(star.x[0], star.y[0]);
  const sites = [];
  for (const t of gd._fullData) {
    if (!t.customdata || t === grid) continue;
    for (let i = 0; i < t.x.length; i++) sites.push(px(t.x[i], t.y[i]));
  }
  let best = null;
  for (let i = 0; i < grid.x.length; i++) {
    const p = px(grid.x[i], grid.y[i]);
    if (sites.some(s => Math.hypot(s.x - p.x, s.y - p.y) <= radius)) continue;
    const d = Math.hypot(p.x - aim.x, p.y - aim.y);
    if (d > 12 && (!best || d < best.d)) best = {x: p.x, y: p.y, d: d};
  }
  return best;
}
"""


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def settle(page, timeout: float = 20000) -> None:
    """Wait until the script has finished its rerun."""
    page.wait_for_selector(READY, timeout=timeout)


def enter_text(page, label: str, text: str, in_url: str, attempts: int = 3) -> None:
    """Type into a text input and press Enter, until the rerun has put it in the link.

    A keystroke that lands while the page is still settling can be lost, so
    the entry is retried (a few times at most) rather than waited on blindly.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.get_by_role("textbox", name=label, exact=True)
    for attempt in range(attempts):
        box.fill(text)
        box.press("Enter")
        try:
            page.wait_for_function(f"() => location.search.includes({in_url!r})", timeout=8000)
            settle(page)
            return
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise


def shot(page, name: str) -> None:
    page.screenshot(path=f"/tmp/journey-{name}.png")


def test_search_then_select(server, page):
    page.goto(f"{server}/")
    wait_ready(page)
    enter_text(page, "Search", "jianjing", "q=jianjing")
    page.get_by_text("1 acupoint matching “jianjing”.").wait_for(timeout=20000)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=20000)
    area = grid.bounding_box()
    assert area and area["height"] < 120  # a header and one row
    # The grid is a canvas (glide-data-grid): click the first row's
    # selection checkbox, in the leftmost column, one row below the header.
    page.mouse.click(area["x"] + 16, area["y"] + 35 + 17)
    page.get_by_role("heading", name="GB21 · Shoulder Well").wait_for(timeout=20000)
    page.wait_for_function("() => location.search.includes('site=GB21')", timeout=10000)
    assert "Usual depth" in main_text(page)
    shot(page, "search-select")


def test_deep_link_with_filters(server, page):
    page.goto(f"{server}/?meridian=BL&zone=upper_back&kind=acupoint")
    wait_ready(page)
    sentence = page.get_by_text(re.compile(r"^\d+ acupoints of the bladder channel in the upper back risk zone\.$"))
    sentence.wait_for(timeout=20000)
    settle(page)
    count = int(sentence.inner_text().split()[0])
    # the grid's accessible table counts its header row too
    table = page.locator('[data-testid="stDataFrame"] table[role="grid"]').first
    assert int(table.get_attribute("aria-rowcount")) == count + 1
    assert page.get_by_role("radio", name="Posterior").is_checked()
    assert page.get_by_role("button", name="Risk zones").get_attribute("aria-pressed") == "true"
    # the chart highlights the zone: its trace is drawn
    names = page.evaluate("() => document.querySelector('.js-plotly-plot')._fullData.map(t => t.name)")
    assert "Risk zone: Upper back" in names and "BL channel" in names
    shot(page, "deep-link")


def test_where_does_it_hurt(server, page):
    page.goto(f"{server}/?pain=shoulder-top")
    wait_ready(page)
    page.get_by_text("refer pain to top and back of the shoulder, nearest first").wait_for(timeout=20000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=20000)
    names = page.evaluate("() => document.querySelector('.js-plotly-plot')._fullData.map(t => t.name)")
    assert "Where it hurts (star)" in names and "Referred pain: essential" in names
    shot(page, "pain-area")
    spot = page.evaluate(BARE_SKIN_JS, 14)
    assert spot, "no bare skin clear of the markers"
    page.mouse.click(spot["x"], spot["y"])
    page.get_by_text(re.compile(r"refer pain to the marked spot")).wait_for(timeout=20000)
    settle(page)
    page.wait_for_function("() => /pain=posterior(:|%3A)/.test(location.search)", timeout=10000)
    shot(page, "pain-click")


def test_presentation_mode_steps(server, page):
    page.goto(f"{server}/?mode=present&meridian=LU")
    wait_ready(page)
    page.get_by_text("Press Next to step through the current selection.").wait_for(timeout=20000)
    following = page.get_by_role("button", name="Next ▶")
    for expected in ("LU1", "LU2"):
        following.click()
        page.get_by_role("heading", name=re.compile(rf"^{expected} · ")).wait_for(timeout=20000)
        settle(page)
    assert "2 of 11" in main_text(page)
    shot(page, "present")
    page.get_by_role("button", name="◀ Previous").click()
    page.get_by_role("heading", name=re.compile(r"^LU1 · ")).wait_for(timeout=20000)
    settle(page)
    # the quiz cover hides the name
    page.get_by_text("Quiz: hide names and labels").click()
    page.get_by_role("heading", name="Which site is this?").wait_for(timeout=20000)
    assert page.get_by_role("heading", name=re.compile(r"^LU1 · ")).count() == 0
    assert page.get_by_role("button", name="Reveal").is_visible()  # Reveal itself: test_explore.py
    shot(page, "present-quiz")


def test_patient_mode(server, page):
    page.goto(f"{server}/?site=GB21&mode=patient")
    wait_ready(page)
    page.get_by_role("heading", name="GB21 · Shoulder Well").wait_for(timeout=20000)
    page.get_by_text("Safety.", exact=False).first.wait_for(timeout=20000)
    settle(page)
    text = main_text(page)
    assert "Upper back risk zone" in text
    for technique in ("Usual depth", "Needle angle", "Depth gauge"):
        assert technique not in text
    assert page.locator(".js-plotly-plot").count() == 1  # no depth gauge
    assert page.get_by_role("radio", name="Patient", exact=True).is_checked()  # the mode control
    shot(page, "patient")


def _watch_dialogs(page) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return dialogs


def _assert_inert(page) -> None:
    assert page.locator('img[src="x"]').count() == 0
    injected = page.evaluate("() => [...document.scripts].filter(s => /alert\\(/.test(s.textContent)).length")
    assert injected == 0


def test_hostile_link_parameters_show_as_text(server, page):
    dialogs = _watch_dialogs(page)
    page.goto(f"{server}/?q=%3Cscript%3Ealert(1)%3C/script%3E&use=%3Cb%3Ex%3C/b%3E")
    wait_ready(page)
    page.get_by_text("matching “<script>alert(1)</script>”", exact=False).wait_for(timeout=20000)
    settle(page)
    assert "used for “<b>x</b>”" in main_text(page)
    assert page.locator('[data-testid="stMain"] b').count() == 0
    _assert_inert(page)
    assert dialogs == []


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """A server whose data puts markup and script into BL13's name, location and risk note."""
    require_chromium()
    folder = minimal_copy_with(tmp_path_factory.mktemp("hostile") / "data", "BL13",
                               name=f"Lung {HOSTILE_IMG} Shu",
                               location=f"On the back {HOSTILE_SCRIPT} below T3 {HOSTILE_IMG}",
                               risk_note=f"The pleura {HOSTILE_IMG} lies beneath {HOSTILE_SCRIPT}.")
    with streamlit_server(env={DATA_DIR_ENV: str(folder)}) as url:
        yield url


def test_hostile_data_shows_as_text(hostile_server, page):
    dialogs = _watch_dialogs(page)
    page.goto(f"{hostile_server}/?site=BL13&q=lung")
    wait_ready(page)
    page.get_by_role("heading", name=f"BL13 · Lung {HOSTILE_IMG} Shu").wait_for(timeout=20000)
    page.get_by_text(HOSTILE_SCRIPT, exact=False).first.wait_for(timeout=20000)
    settle(page)
    text = main_text(page)
    assert "<img src=x" in text and HOSTILE_SCRIPT in text  # visible, as text
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=20000)
    # hover the marker: plotly's label shows the name as text
    pos = page.evaluate(MARKER_JS, "BL13")
    assert pos
    page.mouse.move(pos["x"], pos["y"])
    label = page.locator(".hoverlayer .hovertext")
    label.first.wait_for(timeout=10000)
    assert "<img src=x" in label.first.text_content()
    shot(page, "hostile-data")
    _assert_inert(page)
    assert dialogs == []


# Colours of the chart's texts and what they are drawn on, from plotly's own
# full layout: annotations (labels, zone names, "continues" notes) and the legend.
CHART_COLOURS_JS = """
() => {
  const gd = document.querySelector('.js-plotly-plot');
  const L = gd._fullLayout;
  return {
    paper: L.paper_bgcolor, font: L.font.color,
    legend: {font: L.legend.font.color, bg: L.legend.bgcolor},
    annotations: L.annotations.map(a => ({text: a.text, color: a.font.color, bg: a.bgcolor})),
  };
}
"""


def _rgb(colour: str) -> tuple[float, float, float, float]:
    colour = colour.strip()
    if colour.startswith("#"):
        h = colour[1:]
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), 1.0
    parts = [float(v) for v in re.findall(r"[\d.]+", colour)]
    return parts[0], parts[1], parts[2], (parts[3] if len(parts) > 3 else 1.0)


def _over(top: str, under: str) -> tuple[float, float, float]:
    r, g, b, a = _rgb(top)
    r2, g2, b2, _ = _rgb(under)
    return r * a + r2 * (1 - a), g * a + g2 * (1 - a), b * a + b2 * (1 - a)


def _contrast(fg: tuple[float, ...], bg: tuple[float, ...]) -> float:
    """The WCAG contrast ratio of two sRGB colours."""
    def lum(c):
        ch = [v / 255 for v in c[:3]]
        ch = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in ch]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]
    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


THEMED = "/?site=GB21&meridian=BL&zone=upper_back&layers=skeleton,lungs,zones,labels"


@pytest.mark.parametrize("scheme", [
    "light",
    # The "BL continues: BL60, lateral view" note is drawn in the channel's
    # colour; BL's black becomes the theme's text colour in the dark theme.
    "dark",
])
def test_chart_text_is_readable_in_both_themes(server, browser, scheme):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(server + THEMED)
        wait_ready(page)
        page.get_by_role("heading", name="GB21 · Shoulder Well").wait_for(timeout=20000)
        settle(page)
        shot(page, f"theme-{scheme}")
        colours = page.evaluate(CHART_COLOURS_JS)
        paper = colours["paper"]
        # the chart follows the theme: light text on dark paper and the reverse
        dark_paper = sum(_rgb(paper)[:3]) < 3 * 128
        assert dark_paper == (scheme == "dark")
        assert _contrast(_rgb(colours["font"]), _rgb(paper)) >= 4.5
        assert _contrast(_rgb(colours["legend"]["font"]), _over(colours["legend"]["bg"], paper)) >= 4.5
        unreadable = []
        for note in colours["annotations"]:
            if note["bg"] and _rgb(note["bg"])[3] > 0:  # notes drawn on their own box
                ratio = _contrast(_rgb(note["color"]), _over(note["bg"], paper))
                if ratio < 3:
                    unreadable.append((note["text"], note["color"], round(ratio, 2)))
        assert not unreadable
    finally:
        context.close()


def test_exports_are_built_when_their_expander_opens(server, page):
    page.goto(f"{server}/?q=GB2")
    wait_ready(page)
    csv_button = page.get_by_role("button", name=re.compile(r"^Table of the \d+ sites as CSV"))
    assert csv_button.count() == 0  # closed: nothing built or sent
    page.get_by_text("Export for slides and handouts").click()
    csv_button.wait_for(timeout=20000)
    with page.expect_download(timeout=20000) as download:
        csv_button.click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    header, *rows = text.strip().splitlines()
    assert header.split(",")[:3] == ["site_id", "kind", "name"]
    assert rows and all(row.startswith("GB2") for row in rows)  # the filtered table: GB2, GB20-GB29


# ---------------------------------------------------------------------------
# Issue #13: a diagram that fills the screen, the front-and-back layout, the
# referral pattern in a thumbnail of another view, the chooser.
# ---------------------------------------------------------------------------
# A site's marker centre in page pixels in any chart (by the chart's key) and
# either half of the front-and-back figure: each trace is placed on its own axes.
KEYED_MARKER_JS = """
([chartKey, siteId]) => {
  const gd = document.querySelector(`.st-key-${chartKey} .js-plotly-plot`);
  if (!gd || !gd._fullLayout) return null;
  const box = gd.getBoundingClientRect();
  for (const trace of gd._fullData) {
    if (!trace.customdata || trace.name === 'Selected site') continue;
    const xa = gd._fullLayout[trace.xaxis.replace('x', 'xaxis')];
    const ya = gd._fullLayout[trace.yaxis.replace('y', 'yaxis')];
    for (let i = 0; i < trace.customdata.length; i++) {
      if (trace.customdata[i][0] === siteId) {
        return {x: box.left + xa._offset + xa.l2p(trace.x[i]), y: box.top + ya._offset + ya.l2p(trace.y[i]),
                axis: trace.xaxis};
      }
    }
  }
  return null;
}
"""
CHART_BOX_JS = """
(key) => {
  const r = document.querySelector(`.st-key-${key} .js-plotly-plot`).getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, height: r.height, width: r.width};
}
"""


@pytest.mark.parametrize(("size", "path", "least"), [
    # a laptop: the diagram takes the window's height below the heading, all of it on screen
    ((1440, 900), "/", 0.75),
    # a projector in presentation mode: nearly the whole screen, the sidebar collapsed
    ((1920, 1080), "/?mode=present&meridian=LU", 0.85),
])
def test_the_diagram_fills_the_window(server, browser, size, path, least):
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(server + path)
        wait_ready(page)
        settle(page)
        box = page.evaluate(CHART_BOX_JS, "body_chart")
        assert box["height"] >= least * height and box["bottom"] <= height + 1, box
        # a collapsed sidebar is moved off the screen to the left
        sidebar_right = page.evaluate("document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right")
        assert (sidebar_right <= 0) == ("present" in path), sidebar_right
        shot(page, f"fill-{width}x{height}")
    finally:
        context.close()


def test_click_a_site_in_the_front_and_back_layout(server, page):
    page.goto(f"{server}/?layout=both&layers=none")
    wait_ready(page)
    assert page.get_by_role("radio", name="Front and back").is_checked()
    for site, axis in (("BL23", "x2"), ("ST36", "x")):  # the back (right half), then the front (left half)
        pos = page.evaluate(KEYED_MARKER_JS, ["body_chart", site])
        assert pos and pos["axis"] == axis, pos
        page.mouse.click(pos["x"], pos["y"])
        page.get_by_role("heading", name=re.compile(rf"^{site} · ")).wait_for(timeout=20000)
        page.wait_for_function(f"() => location.search.includes('site={site}')", timeout=10000)
        settle(page)
    assert "layout=both" in page.evaluate("location.search")
    shot(page, "both-click")


def test_a_trigger_point_shows_its_referral_in_the_anterior_thumbnail(server, page):
    page.goto(f"{server}/?site=infraspinatus-1")
    wait_ready(page)
    page.get_by_role("heading", name=re.compile(r"^infraspinatus-1 · ")).wait_for(timeout=20000)
    settle(page)
    assert page.get_by_role("radio", name="Posterior").is_checked()  # the site's own view
    thumb = page.locator(".st-key-thumb_anterior .js-plotly-plot")
    thumb.wait_for(timeout=20000)
    drawn = page.evaluate("""() => {
      const gd = document.querySelector('.st-key-thumb_anterior .js-plotly-plot');
      const i = gd._fullData.findIndex(t => t.name === 'Referred pain: essential');
      const paths = i < 0 ? [] : [...gd.querySelectorAll('.scatterlayer .trace')][i].querySelectorAll('path.js-fill');
      return {found: i >= 0, fills: paths.length, view: gd._fullLayout.meta.view};
    }""")
    assert drawn == {"found": True, "fills": 1, "view": "anterior"}, drawn
    shot(page, "thumbnail")
    page.locator(".st-key-thumb_open_anterior button").first.click()  # the thumbnail opens its view
    # the anterior view is the default, so the link drops view= (and keeps the site)
    page.wait_for_function("() => !location.search.includes('view=') && location.search.includes('site=')",
                           timeout=20000)
    settle(page)
    assert page.get_by_role("radio", name="Anterior").is_checked()
    assert page.locator(".st-key-thumb_posterior .js-plotly-plot").count() == 1


def test_a_click_on_overlapping_markers_offers_a_chooser(server, page):
    page.goto(f"{server}/?view=posterior&layers=none")
    wait_ready(page)
    pos = page.evaluate(KEYED_MARKER_JS, ["body_chart", "GB21"])
    page.mouse.click(pos["x"], pos["y"])
    page.get_by_text("sites lie under that click. Which one?").wait_for(timeout=20000)
    settle(page)
    shot(page, "chooser")
    page.get_by_text("upper-trapezius-1 · Upper trapezius TP1").click()
    page.get_by_role("heading", name=re.compile(r"^upper-trapezius-1 · ")).wait_for(timeout=20000)
    page.wait_for_function("() => location.search.includes('site=upper-trapezius-1')", timeout=10000)
