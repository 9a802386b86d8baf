"""Finding sites (explorer/search.py): folding, matching and the describing sentence."""

from __future__ import annotations

import pytest

from explorer.search import Filters, describe, fold, match


@pytest.mark.parametrize(("text", "expected"), [
    # tone marks are dropped and case folded
    ("Jiānjǐng", "jianjing"),
    ("JIANJING", "jianjing"),
    # ü (precomposed or with a tone on top) folds to u, as people type it
    ("Zhōnglǚshū", "zhonglushu"),
    ("lü", "lu"),
    # spaces, hyphens, underscores, apostrophes and the middle dot are dropped
    ("Fù'āi", "fuai"),
    ("Fù’āi", "fuai"),
    ("EX-HN3", "exhn3"),
    ("upper trapezius", "uppertrapezius"),
    ("upper_back", "upperback"),
    ("GB21 · Shoulder Well", "gb21shoulderwell"),
    # characters pass through unchanged
    ("肩井", "肩井"),
    # empty and missing values fold to an empty string
    ("", ""),
    (None, ""),
])
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(("filters", "expected"), [
    # no filter: every site, in dataset order
    (Filters(), ["BL13", "GV14", "CV17", "LI4", "upper-trapezius-1"]),
    # by code, whatever the case or spacing
    (Filters(q="BL13"), ["BL13"]),
    (Filters(q="bl13"), ["BL13"]),
    (Filters(q="  GV14  "), ["GV14"]),
    # by English name, and by part of it
    (Filters(q="Union Valley"), ["LI4"]),
    (Filters(q="valley"), ["LI4"]),
    # every word must match (AND), in any order
    (Filters(q="valley union"), ["LI4"]),
    (Filters(q="union chest"), []),
    # by pinyin with tone marks, without them, and with a space inside
    (Filters(q="Hégǔ"), ["LI4"]),
    (Filters(q="hegu"), ["LI4"]),
    (Filters(q="da zhui"), ["GV14"]),
    # by characters
    (Filters(q="合谷"), ["LI4"]),
    (Filters(q="肺"), ["BL13"]),
    # by muscle, and a hyphenated form of it
    (Filters(q="trapezius"), ["upper-trapezius-1"]),
    (Filters(q="upper-trapezius"), ["upper-trapezius-1"]),
    # regex characters are literal, never a pattern
    (Filters(q=".*"), []),
    (Filters(q="[("), []),
    # markup matches nothing (and does not raise)
    (Filters(q="<script>alert(1)</script>"), []),
    # a whitespace-only search is no search
    (Filters(q="   "), ["BL13", "GV14", "CV17", "LI4", "upper-trapezius-1"]),
    # kind
    (Filters(kinds=("trigger_point",)), ["upper-trapezius-1"]),
    (Filters(kinds=("acupoint", "trigger_point")), ["BL13", "GV14", "CV17", "LI4", "upper-trapezius-1"]),
    # meridians: any of those chosen
    (Filters(meridians=("BL", "CV")), ["BL13", "CV17"]),
    # muscle, body region and risk zone
    (Filters(muscle="upper trapezius"), ["upper-trapezius-1"]),
    (Filters(area="upper_back"), ["BL13", "GV14"]),
    (Filters(zone="upper_back"), ["BL13", "GV14", "upper-trapezius-1"]),
    (Filters(zone="kidney"), []),
    # condition or use: indications and symptoms, case-insensitive, every word
    (Filters(use="Headache"), ["LI4", "upper-trapezius-1"]),
    (Filters(use="temple"), ["upper-trapezius-1"]),  # only in the symptoms column
    (Filters(use="headache tooth"), ["LI4"]),
    # filters combine (AND)
    (Filters(kinds=("acupoint",), zone="upper_back", meridians=("BL",)), ["BL13"]),
    (Filters(q="trapezius", kinds=("acupoint",)), []),
])
def test_match_minimal(minimal_ds, filters, expected):
    assert list(match(minimal_ds, filters)) == expected


@pytest.mark.parametrize(("query", "expected"), [
    # the examples, each finding GB21 alone in the bundled data
    ("GB21", ["GB21"]),
    ("Shoulder Well", ["GB21"]),
    ("Jiānjǐng", ["GB21"]),
    ("jianjing", ["GB21"]),
    ("jian jing", ["GB21"]),
    ("肩井", ["GB21"]),
    # a code is matched as a substring, so "GB2" also finds GB20-GB29
    ("GB2", ["GB2", *[f"GB{n}" for n in range(20, 30)]]),
    # a hyphenated code without its hyphen, and pinyin without tone marks
    ("exhn3", ["EX-HN3"]),
    ("yintang", ["EX-HN3"]),
])
def test_match_real(real_ds, query, expected):
    assert list(match(real_ds, Filters(q=query))) == expected


def test_muscle_search_finds_every_trigger_point_of_the_muscle(real_ds):
    found = list(match(real_ds, Filters(q="trapezius")))
    sites = real_ds.sites
    expected = list(sites.index[sites["muscle"].str.contains("trapezius")])
    assert found == expected and len(found) >= 3
    assert set(sites.loc[found, "kind"]) == {"trigger_point"}


@pytest.mark.parametrize(("filters", "sentence"), [
    # nothing chosen: the whole dataset
    (Filters(), "5 sites in the dataset."),
    # one site of one kind: singular noun
    (Filters(q="hegu"), "1 acupoint matching “hegu”."),
    (Filters(q="trapezius"), "1 trigger point matching “trapezius”."),
    # mixed kinds: "sites"
    (Filters(zone="upper_back"), "3 sites in the upper back risk zone."),
    # the sentence shape: count, kind, channel, zone
    (Filters(kinds=("acupoint",), meridians=("BL",), zone="upper_back"),
     "1 acupoint of the bladder channel in the upper back risk zone."),
    # several channels: "or", plural "channels"
    (Filters(meridians=("BL", "GV")), "2 acupoints of the bladder or governor vessel channels."),
    # no match: the noun follows the kind filter, or "sites" without one
    (Filters(kinds=("acupoint",), q="zzz"), "0 acupoints matching “zzz”."),
    (Filters(q="zzz"), "0 sites matching “zzz”."),
    # muscle, region and use each add their phrase
    (Filters(muscle="upper trapezius"), "1 trigger point in upper trapezius."),
    (Filters(area="upper_back"), "2 acupoints in the upper back region."),
    (Filters(use=" headache "), "2 sites used for “headache”."),
    # the search text is quoted as typed (trimmed); escaping is the UI's job
    (Filters(q="<b>x</b>"), "0 sites matching “<b>x</b>”."),
])
def test_describe(minimal_ds, filters, sentence):
    assert describe(minimal_ds, filters, match(minimal_ds, filters)) == sentence


def test_describe_counts_what_match_returns(real_ds):
    filters = Filters(kinds=("acupoint",), meridians=("BL",), zone="upper_back")
    ids = match(real_ds, filters)
    assert len(ids) > 1
    assert describe(real_ds, filters, ids) == \
        f"{len(ids)} acupoints of the bladder channel in the upper back risk zone."


@pytest.mark.parametrize(("filters", "active"), [
    (Filters(), False),
    (Filters(q="x"), True),
    (Filters(kinds=("acupoint",)), True),
    (Filters(use="pain"), True),
    (Filters(zone="neck"), True),
])
def test_active(filters, active):
    assert filters.active is active
