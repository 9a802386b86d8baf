"""Data truths of the bundled dataset: the tests that catch a misplaced point."""

from __future__ import annotations

import itertools
import math
import re

import pytest

from explorer import audit, body, content, details, population, schema
from explorer.body import CUN


def _ids(prefix: str, first: int, last: int) -> list[str]:
    return [f"{prefix}{i}" for i in range(first, last + 1)]


# The first data slice (issue 2): every WHO acupoint of the chest, neck and
# upper back, and the common trigger points there.
SLICE_ACUPOINTS = (
    _ids("LU", 1, 2) + _ids("LI", 16, 18) + _ids("ST", 9, 18) + _ids("SP", 17, 21) + _ids("KI", 22, 27)
    + ["PC1", "HT1"] + _ids("SI", 9, 17) + _ids("TE", 15, 16) + _ids("GB", 20, 23) + ["LR14"]
    + _ids("BL", 10, 21) + _ids("BL", 41, 47) + _ids("GV", 9, 16) + _ids("CV", 17, 23)
)
SLICE_MUSCLES = [
    "upper trapezius", "middle trapezius", "lower trapezius", "levator scapulae", "sternocleidomastoid",
    "splenius capitis", "rhomboids", "serratus anterior", "pectoralis major", "pectoralis minor",
    "supraspinatus", "infraspinatus", "iliocostalis thoracis",
]


def test_dataset_meets_its_contract(real_ds):
    assert real_ds.problems == []


def test_first_slice_acupoints_are_all_present(real_ds):
    missing = [s for s in SLICE_ACUPOINTS if s not in real_ds.sites.index]
    assert missing == []


def test_first_slice_trigger_point_muscles_are_present(real_ds):
    muscles = set(real_ds.sites.loc[real_ds.sites["kind"] == "trigger_point", "muscle"])
    missing = [m for m in SLICE_MUSCLES if m not in muscles]
    assert missing == []
    assert any("scalene" in m for m in muscles)


def test_who_coverage_is_complete_with_no_unknown_codes(real_ds):
    assert audit.who_coverage(real_ds) == []
    acu = real_ds.sites[(real_ds.sites["kind"] == "acupoint") & (real_ds.sites["meridian"] != "EX")]
    assert acu.groupby("meridian").size().to_dict() == schema.WHO_CHANNEL_COUNTS
    assert len(acu) == 361


def test_at_least_30_extra_points(real_ds):
    extra = real_ds.sites[real_ds.sites["meridian"] == "EX"]
    assert len(extra) >= 30
    for code in ("EX-HN1", "EX-HN3", "EX-HN5", "EX-B1", "EX-B2", "EX-UE9", "EX-LE10"):
        assert code in real_ds.sites.index


def test_trigger_points_cover_at_least_60_muscles(real_ds):
    tps = real_ds.sites[real_ds.sites["kind"] == "trigger_point"]
    assert tps["muscle"].nunique() >= 60


def test_dual_location_points_say_so(real_ds):
    for sid in schema.DUAL_LOCATION_POINTS:
        assert real_ds.sites.at[sid, "alternate_location"], sid


def test_every_anchored_site_is_within_half_a_cun_of_its_definition(real_ds):
    assert audit.anchor_mismatches(real_ds) == []


def test_every_site_lies_inside_the_outline_of_its_view(real_ds):
    assert audit.sites_outside_body(real_ds) == []


def test_midline_points_are_unpaired_and_bilateral_points_are_on_the_left(real_ds):
    assert audit.midline_violations(real_ds) == []


def test_no_name_is_repeated_within_a_channel(real_ds):
    assert audit.repeated_names(real_ds) == []


def test_every_referral_area_lies_on_the_body(real_ds):
    assert audit.referrals_off_body(real_ds) == []


def test_every_trigger_point_has_an_essential_referral_area(real_ds):
    tps = set(real_ds.sites.loc[real_ds.sites["kind"] == "trigger_point", "site_id"])
    essential = set(real_ds.referrals.loc[real_ds.referrals["area"] == "essential", "site_id"])
    assert sorted(tps - essential) == []


def test_every_source_key_resolves_and_every_source_is_cited(real_ds):
    cited = {k.strip() for cell in real_ds.sites["sources"] for k in cell.split(";") if k.strip()}
    cited |= {k.strip() for cell in real_ds.zones["sources"] for k in cell.split(";") if k.strip()}
    cited |= {k.strip() for cell in real_ds.measurements["sources"] for k in cell.split(";") if k.strip()}
    cited |= {k.strip() for cell in real_ds.muscles["sources"] for k in cell.split(";") if k.strip()}
    for name in details.CITING_PAGES:
        cited |= set(content.load_text(name).keys)
    cited |= {k for row in content.load_comparison() for k in row.sources}
    cited |= set(real_ds.textbook_depths["source"])
    cited |= {k.strip() for cell in real_ds.regressions["sources"] for k in cell.split(";") if k.strip()}
    cited |= {schema.ANGLE_SOURCE, population.BMI_SOURCE}
    assert cited <= set(real_ds.sources.index), sorted(cited - set(real_ds.sources.index))
    assert set(real_ds.sources.index) <= cited, sorted(set(real_ds.sources.index) - cited)
    # The Sources page counts the same uses: no reference shows as carrying nothing.
    usage = details.source_usage(real_ds)
    assert not usage.index[usage.sum(axis=1).eq(0)].tolist()


def test_no_book_is_keyed_twice(real_ds):
    """One book, one key: two keys for the same book would show it twice in the side-by-side table and count
    its agreement with itself as two sources (2016's 经络腧穴学 was, under a key with no ISBN, until its CIP
    data was read)."""
    keys_by_isbn: dict[str, list[str]] = {}
    for key, identifier in real_ds.sources["identifier"].fillna("").items():
        for found in re.finditer(r"ISBN[:\s]*([0-9Xx][0-9Xx\s-]{8,20}[0-9Xx])", str(identifier)):
            keys_by_isbn.setdefault(re.sub(r"[^0-9X]", "", found.group(1).upper()), []).append(str(key))
    assert len(keys_by_isbn) >= 10
    assert {isbn: keys for isbn, keys in keys_by_isbn.items() if len(keys) > 1} == {}
    citations = real_ds.sources.loc[real_ds.sources["kind"].eq("book"), "citation"].str.lower().str.strip()
    assert not citations[citations.duplicated()].tolist()


LEVEL_ANCHORS = set(body.LEVELS) | {f"below_{lvl}" for lvl in body.SPINE_ORDER}


def test_points_defined_at_the_same_level_share_a_height(real_ds):
    """Every site anchored on a vertebral level or intercostal space with no
    vertical offset sits exactly at that level, so equal levels mean equal heights."""
    rows = audit.placement_rows(real_ds)
    rows = rows[rows["anchor"].isin(LEVEL_ANCHORS) & rows["anchor_dy_cun"].fillna(0).eq(0)]
    assert len(rows) > 50
    for _, r in rows.iterrows():
        expected = body.place(r["view"], r["anchor"])[1]
        assert r["y"] == pytest.approx(expected, abs=0.05 * CUN), r["site_id"]


# (site ids, lateral offset in B-cun from the midline) as the WHO standard defines them
LATERAL_LINES = [
    (_ids("BL", 11, 30), 1.5),  # the bladder channel's inner line on the back
    (_ids("BL", 41, 54), 3.0),  # its outer line, at the medial border of the scapula
    (_ids("KI", 22, 26), 2.0),  # kidney channel on the chest
    (_ids("KI", 11, 21), 0.5),  # kidney channel on the abdomen
    (_ids("ST", 13, 18), 4.0),  # stomach channel on the chest (mammillary line)
    (_ids("ST", 19, 30), 2.0),  # stomach channel on the abdomen
    (_ids("SP", 17, 20), 6.0),  # spleen channel on the chest
]


def _run_id(value: object) -> str:
    return f"{value[0]}-{value[-1]}" if isinstance(value, list) else str(value)


@pytest.mark.parametrize(("site_ids", "offset"), LATERAL_LINES, ids=_run_id)
def test_lateral_offsets_match_their_definitions(real_ds, site_ids, offset):
    for sid in site_ids:
        x = real_ds.sites.at[sid, "x"] / CUN
        assert x == pytest.approx(offset, abs=0.25), f"{sid} is {x:.2f} B-cun from the midline"


def test_governor_and_conception_vessels_are_on_the_midline(real_ds):
    for sid in _ids("GV", 1, 28) + _ids("CV", 1, 24):
        row = real_ds.sites.loc[sid]
        assert not row["bilateral"], sid
        if row["view"] != "lateral":
            assert abs(row["x"]) < 0.05 * CUN, sid


# Stretches of each channel whose points run steadily down (-1) or up (+1)
# the body, in numbering order, per the standard's course.
MONOTONIC_RUNS = [
    # ST40 lies level with ST38, lateral to it, so the stomach run restarts there.
    (_ids("LU", 3, 11), -1), (_ids("LI", 1, 15), +1), (_ids("ST", 9, 39), -1), (_ids("ST", 40, 45), -1),
    (_ids("SP", 1, 20), +1), (_ids("HT", 1, 9), -1), (_ids("SI", 1, 8), +1), (_ids("SI", 16, 19), +1),
    (_ids("BL", 11, 30), -1), (_ids("BL", 36, 40), -1), (_ids("BL", 41, 54), -1), (_ids("BL", 55, 60), -1),
    (_ids("KI", 7, 27), +1), (_ids("PC", 2, 9), -1), (_ids("TE", 1, 16), +1), (_ids("GB", 20, 44), -1),
    (_ids("LR", 1, 14), +1), (_ids("GV", 1, 20), +1), (_ids("CV", 1, 24), +1),
]


@pytest.mark.parametrize(("site_ids", "direction"), MONOTONIC_RUNS, ids=_run_id)
def test_channel_points_follow_anatomical_order(real_ds, site_ids, direction):
    heights = [real_ds.sites.at[s, "y"] for s in site_ids]
    for a, b, ya, yb in zip(site_ids, site_ids[1:], heights, heights[1:], strict=False):
        assert (yb - ya) * direction >= -0.15 * CUN, f"{b} is out of order after {a}"


ALLOWED_JUMPS = {("BL40", "BL41")}  # the outer bladder line starts again at T2


def test_no_channel_jumps_across_the_body(real_ds):
    acu = real_ds.sites[(real_ds.sites["kind"] == "acupoint") & (real_ds.sites["meridian"] != "EX")]
    for channel, count in schema.WHO_CHANNEL_COUNTS.items():
        ids = [f"{channel}{i}" for i in range(1, count + 1)]
        for a, b in itertools.pairwise(ids):
            ra, rb = acu.loc[a], acu.loc[b]
            dy = abs(ra["y"] - rb["y"]) / CUN
            dx = abs(ra["x"] - rb["x"]) / CUN if ra["view"] == rb["view"] else 0.0
            if (a, b) not in ALLOWED_JUMPS:
                assert math.hypot(dx, dy) < 22, f"{a} -> {b} jumps {math.hypot(dx, dy):.1f} B-cun"


def test_pinyin_carries_tone_marks(real_ds):
    acu = real_ds.sites[real_ds.sites["kind"] == "acupoint"]
    toneless = [s for s, p in zip(acu["site_id"], acu["pinyin"], strict=True)
                if not re.search(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", p)]
    assert toneless == []


def test_no_measurement_is_entered_twice(real_ds):
    """One row per published figure: two rows for the same site or muscle, source, group, spot and
    value would count one study twice in the gauge (two curators once entered GB22's Wax 2007 and
    Sanchez 2011 figures under different ids)."""
    m = real_ds.measurements
    same = ["site_id", "muscle", "sources", "sex", "build", "age_group", "mean_mm", "min_mm", "max_mm",
            "proxy_spot", "structure"]
    twice = m[m.duplicated(same, keep=False)]
    assert twice.empty, sorted(twice["measurement_id"])
