"""Real-browser journeys: Playwright drives Debian's chromium against a live server."""

from __future__ import annotations

import pytest

from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    isolated_marker,
    require_chromium,
    streamlit_server,
    wait_ready,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server():
    require_chromium()
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    yield pg
    context.close()


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
