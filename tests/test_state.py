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


@pytest.mark.parametrize(("params", "expected", "notice_words"), [
    # kind: either kind, case-insensitively
    ({"kind": "acupoint"}, ViewState(kind="acupoint"), []),
    ({"kind": "Trigger_Point"}, ViewState(kind="trigger_point"), []),
    # an unknown kind shows both, with a notice
    ({"kind": "needle"}, DEFAULT, ["Unknown kind"]),
    # the label is not the value: "trigger point" (with a space) is refused
    ({"kind": "trigger point"}, DEFAULT, ["Unknown kind"]),
    # area: a body region of sites.csv
    ({"area": "upper_back"}, ViewState(area="upper_back"), []),
    ({"area": "HAND"}, ViewState(area="hand"), []),
    ({"area": "elbow"}, DEFAULT, ["Unknown body region"]),
    # use: free text, kept as typed (trimmed), control characters dropped
    ({"use": "headache"}, ViewState(use="headache"), []),
    ({"use": "  shoulder pain  "}, ViewState(use="shoulder pain"), []),
    ({"use": "tooth\x07ache"}, ViewState(use="toothache"), []),
    # markup is kept as text (the page escapes it), not rejected
    ({"use": "<b>x</b>"}, ViewState(use="<b>x</b>"), []),
    # an over-long use is dropped with a notice
    ({"use": "x" * 81}, DEFAULT, ["too long"]),
    # pain: a named area, or view:x:y
    ({"pain": "shoulder-top"}, ViewState(pain="shoulder-top"), []),
    ({"pain": "posterior:-0.1070:0.8030"}, ViewState(pain="posterior:-0.1070:0.8030"), []),
    # pain: a malformed or hostile spot is refused with a notice
    ({"pain": "shoulder"}, DEFAULT, ["painful spot"]),
    ({"pain": "posterior:nan:0.5"}, DEFAULT, ["painful spot"]),
    ({"pain": "posterior:9:0.5"}, DEFAULT, ["painful spot"]),
    ({"pain": "<script>alert(1)</script>"}, DEFAULT, ["painful spot"]),
    # lesson: a token may be long (it carries its steps) ...
    ({"lesson": "L" * 4000}, ViewState(lesson="L" * 4000), []),
    # ... but not without limit
    ({"lesson": "L" * 4001}, DEFAULT, ["too long"]),
    # the lesson allowance is the lesson's alone: other parameters keep the short limit
    ({"q": "q" * 81}, DEFAULT, ["too long"]),
    ({"q": "q" * 80}, ViewState(q="q" * 80), []),
    # layout: one view (the default) or the front and back side by side
    ({"layout": "both"}, ViewState(layout="both"), []),
    ({"layout": "BOTH"}, ViewState(layout="both"), []),
    ({"layout": "single"}, DEFAULT, []),
    # an unknown layout shows one view, with a notice naming the choices
    ({"layout": "grid"}, DEFAULT, ["Unknown layout"]),
    ({"layout": "<b>both</b>"}, DEFAULT, ["Unknown layout"]),
    # several new parameters together, each independent of the others
    ({"kind": "acupoint", "area": "hand", "use": "headache", "pain": "neck"},
     ViewState(kind="acupoint", area="hand", use="headache", pain="neck"), []),
    # one bad parameter does not spoil the good ones
    ({"kind": "acupoint", "area": "nowhere"}, ViewState(kind="acupoint"), ["Unknown body region"]),
])
def test_parse_filters_pain_and_lessons(params, expected, notice_words):
    parsed, notices = parse(params, SITE_VIEWS)
    assert parsed == expected
    assert len(notices) == len(notice_words)
    for notice, words in zip(notices, notice_words, strict=True):
        assert words in notice


@pytest.mark.parametrize("value", [
    ViewState(kind="trigger_point", area="shoulder", use="neck pain"),
    ViewState(view="posterior", pain="shoulder-top", mode="patient"),
    ViewState(pain="anterior:0.1050:0.8050", layers=()),
    ViewState(meridian=("BL", "GB"), zone="upper_back", kind="acupoint", layers=("skeleton", "zones")),
    ViewState(lesson="L" * 4000),
    ViewState(layout="both", site="GB21", view="posterior", layers=("skeleton", "muscles")),
    ViewState(layout="both", meridian=("BL",), mode="present"),
])
def test_round_trip_new_params(value):
    assert parse(to_params(value), SITE_VIEWS)[0] == value


def test_hostile_notices_quote_shortened_text():
    # the notice quotes at most 30 characters of what was sent
    _, notices = parse({"pain": "<script>" + "a" * 40 + "</script>"}, SITE_VIEWS)
    assert len(notices) == 1 and "painful spot" in notices[0]
    assert "<script>aaaa" in notices[0] and "</script>" not in notices[0]
