"""The URL codec: deep links, defaults and notices for bad parameters."""

from __future__ import annotations

import pytest

from explorer import state
from explorer.state import DEFAULT, ViewState, parse, to_params

SITE_VIEWS = {"GB21": "posterior", "LU1": "anterior", "EX-HN3": "anterior", "upper-trapezius-1": "posterior",
              "GB2": "lateral"}


@pytest.mark.parametrize(("params", "expected", "notice_words"), [
    # no parameters: the defaults, silently
    ({}, DEFAULT, []),
    # a site opens the view that shows it
    ({"site": "GB21"}, ViewState(view="posterior", site="GB21"), []),
    # codes are matched without regard to case or a missing hyphen
    ({"site": "gb21"}, ViewState(view="posterior", site="GB21"), []),
    ({"site": "exhn3"}, ViewState(view="anterior", site="EX-HN3"), []),
    # an explicit view wins over the site's own view
    ({"site": "GB21", "view": "lateral"}, ViewState(view="lateral", site="GB21"), []),
    ({"view": "posterior"}, ViewState(view="posterior"), []),
    ({"view": "POSTERIOR"}, ViewState(view="posterior"), []),
    # unknown values fall back with a notice
    ({"view": "upside-down"}, DEFAULT, ["Unknown view"]),
    ({"site": "XX99"}, DEFAULT, ["No site is called"]),
    ({"zone": "belly"}, DEFAULT, ["Unknown risk zone"]),
    ({"mode": "admin"}, DEFAULT, ["Unknown mode"]),
    ({"zone": "upper_back"}, ViewState(zone="upper_back"), []),
    # unknown parameters are named and ignored
    ({"foo": "1"}, DEFAULT, ["unknown link parameter"]),
    # hostile input is never matched and is quoted, shortened, in the notice
    ({"site": "<script>alert(1)</script>"}, DEFAULT, ["No site is called"]),
    ({"site": "A" * 500}, DEFAULT, ["too long"]),
    # repeated parameters: the last one counts
    ({"view": ["anterior", "lateral"]}, ViewState(view="lateral"), []),
    # layers are a comma list; unknown ones are named
    ({"layers": "lungs,zones"}, ViewState(layers=("lungs", "zones")), []),
    ({"layers": "none"}, ViewState(layers=()), []),
    ({"layers": "lungs,xray"}, ViewState(layers=("lungs",)), ["Unknown layer"]),
    # control characters are dropped from a search
    ({"q": "lung\x00\x1b"}, ViewState(q="lung"), []),
])
def test_parse(params, expected, notice_words):
    parsed, notices = parse(params, SITE_VIEWS)
    assert parsed == expected
    assert len(notices) == len(notice_words)
    for notice, words in zip(notices, notice_words, strict=True):
        assert words in notice


def test_notice_quotes_are_short():
    _, notices = parse({"site": "x" * 70}, SITE_VIEWS)
    assert len(notices[0]) < 90


@pytest.mark.parametrize("value", [
    ViewState(view="posterior", site="GB21"),
    ViewState(view="lateral", site="GB2", zone="neck", layers=("lungs",)),
    ViewState(layers=()),
    ViewState(mode="present", q="shoulder", layers=("skeleton", "labels")),
    DEFAULT,
])
def test_round_trip(value):
    assert parse(to_params(value), SITE_VIEWS)[0] == value


def test_defaults_are_left_out_of_the_link():
    assert to_params(DEFAULT) == {}
    assert to_params(ViewState(view="posterior", site="GB21")) == {"view": "posterior", "site": "GB21"}
    assert set(state.KNOWN_PARAMS) >= {"site", "view", "q", "meridian", "muscle", "zone", "mode"}
