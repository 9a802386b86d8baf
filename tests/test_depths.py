"""Depth against danger (issue #12): vertical reach, floors, THE RULE, the perpendicular case,
the reader's build and BMI, textbooks side by side, the patient sentence, and bad depth data."""

from __future__ import annotations

import csv
import dataclasses
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from explorer import depth_notes, depths, details, population, schema, textbooks
from explorer.body import CUN
from explorer.data import Dataset, load_dataset
from explorer.gauge import gauge_figure, gauge_notes

MEASUREMENT_COLUMNS = schema.MEASUREMENTS.column_names


# ---------------------------------------------------------------------------
# Vertical reach
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("needle, angle, reach", [
    (20, 90, 20.0),  # perpendicular: the whole needle goes down
    (20, 0, 0.0),  # flat along the skin: no depth at all
    (20, 30, 10.0),  # sin 30° = 1/2
    (22, 15, 5.694),  # the usual transverse angle: about a quarter of the needle
    (10, 45, 7.071),  # the usual oblique angle: 1/sqrt(2)
    (0, 45, 0.0),  # no needle, no reach
])
def test_vertical_reach(needle, angle, reach):
    assert depths.vertical_reach_mm(needle, angle) == pytest.approx(reach, abs=1e-3)


@pytest.mark.parametrize("angle, degrees, expected", [
    ("transverse", 15.0, 15.0),  # the stored number wins
    ("oblique", 60.0, 60.0),  # a source's own angle, kept
    ("oblique", float("nan"), 45.0),  # no number: the usual value of the word
    ("perpendicular", None, 90.0),
])
def test_site_angle_falls_back_to_the_usual_value_of_its_word(angle, degrees, expected):
    assert depths.site_angle_deg(pd.Series({"angle": angle, "angle_deg": degrees})) == expected


# ---------------------------------------------------------------------------
# Floors
# ---------------------------------------------------------------------------
def row(**cells) -> dict:
    """A measurement row for BL13 (the minimal fixture's upper-back point), defaults filled."""
    base = {c: "" for c in MEASUREMENT_COLUMNS}
    base.update(measurement_id=f"BL13-test-{len(cells)}-{sorted(cells.items())!s:.40}", site_id="BL13",
                structure="pleura", endpoint="danger", method="CT", n=50, sex="all", build="all",
                age_group="adult", population="test adults", direction="perpendicular", measure="vertical",
                evidence="primary", sources="Chou2015", mean_mm=None, sd_mm=None, min_mm=None, max_mm=None,
                proxy_distance_cun=None)
    base.update(cells)
    return base


@pytest.mark.parametrize("cells, floor", [
    ({"mean_mm": 20, "sd_mm": 3, "min_mm": 15, "max_mm": 30}, 15),  # a range's lower end wins over mean - 2 SD
    ({"mean_mm": 20, "sd_mm": 3}, 14),  # no range: mean - 2 SD
    ({"mean_mm": 24.6, "sd_mm": 7.8}, 9),  # rounded: 24.6 - 15.6 is 9, not 9.000000000000002
    ({"mean_mm": 20}, 20),  # a bare mean is all there is
    ({"mean_mm": 3, "sd_mm": 2}, 0),  # mean - 2 SD below the skin: clamped to 0
    ({"min_mm": 40}, 40),  # a lower bound alone (needle lengths that reached the pleura)
])
def test_floor(cells, floor):
    assert depths.floor_mm(pd.Series(row(**cells))) == floor


# ---------------------------------------------------------------------------
# THE RULE and the perpendicular case, on the minimal fixture's BL13 with chosen rows
# ---------------------------------------------------------------------------
def with_rows(ds: Dataset, rows: list[dict], **site) -> Dataset:
    """The dataset with BL13's fields replaced and these measurement rows only."""
    sites = ds.sites.copy()
    for column, value in site.items():
        sites.at["BL13", column] = value
    frame = pd.DataFrame(rows, columns=MEASUREMENT_COLUMNS) if rows else ds.measurements.iloc[0:0]
    for c in schema.MEASUREMENTS.columns:
        if c.dtype in ("float", "int"):  # as the loader types them: NaN for empty
            frame[c.name] = pd.to_numeric(frame[c.name]).astype(float)
    return dataclasses.replace(ds, sites=sites, measurements=frame, derived={})


# (needle mm, angle °, rows, rule holds, straight in crosses, margin mm)
RULE_CASES = [
    # 90°: the reach is the whole needle, and "below" is strict
    pytest.param(20, 90, [row(mean_mm=20)], False, True, 0, id="perpendicular-equal-breaks"),
    pytest.param(19.9, 90, [row(mean_mm=20)], True, False, 0.1, id="perpendicular-below-holds"),
    # 0°: flat along the skin reaches nothing, but straight in the needle would cross
    pytest.param(30, 0, [row(mean_mm=20)], True, True, 20, id="flat-holds-straight-in-crosses"),
    # needle_path rows are compared with the whole needle, however shallow the angle
    pytest.param(20, 45, [row(mean_mm=18, measure="needle_path")], False, True, -2, id="needle-path-breaks"),
    # ... while the same figure measured vertically is compared with the reach (14.1 mm)
    pytest.param(20, 45, [row(mean_mm=18)], True, True, 3.9, id="vertical-same-figure-holds"),
    # a proxy row counts like any other: 30 mm at 15° ends 7.8 mm down, above the 10 mm floor ...
    pytest.param(30, 15, [row(mean_mm=10, proxy_spot="5th intercostal space, mid-axillary line",
                              proxy_distance_cun=1)], True, True, 2.2, id="proxy-counts-holds"),
    # ... and at 30° it ends 15 mm down, past it
    pytest.param(30, 30, [row(mean_mm=10, proxy_spot="5th intercostal space, mid-axillary line",
                              proxy_distance_cun=1)], False, True, -5, id="proxy-counts-breaks"),
    # the SD floor: mean 20, SD 4 gives 12, so a reach of 13 breaks where the mean would not
    pytest.param(13, 90, [row(mean_mm=20, sd_mm=4)], False, True, -1, id="sd-floor-breaks"),
    # no rows: nothing to break, no margin, no crossing
    pytest.param(50, 90, [], True, False, None, id="no-rows"),
    # children's rows are shown but set no adult limit
    pytest.param(20, 90, [row(mean_mm=5, age_group="child")], True, False, None, id="child-rows-ignored"),
    # elderly rows do set it (cadaver series are often elderly)
    pytest.param(20, 90, [row(mean_mm=15, age_group="elderly")], False, True, -5, id="elderly-rows-count"),
    # landmark rows (a rib to needle onto) never set a limit
    pytest.param(20, 90, [row(mean_mm=5, endpoint="landmark")], True, False, None, id="landmarks-ignored"),
    # both measures at once: the smaller margin governs (vertical 25-14.1=10.9, path 22-20=2)
    pytest.param(20, 45, [row(mean_mm=25), row(mean_mm=22, measure="needle_path")], True, False, 2,
                 id="smaller-margin-governs"),
]


@pytest.mark.parametrize("needle, angle, rows, holds, crosses, margin", RULE_CASES)
def test_the_rule(minimal_ds, needle, angle, rows, holds, crosses, margin):
    ds = with_rows(minimal_ds, rows, depth_max_mm=needle, depth_min_mm=0, angle_deg=angle)
    check = depths.check_site(ds, "BL13")
    assert check.within is holds
    assert check.straight_in_crosses is crosses
    assert check.margin_mm == (None if margin is None else pytest.approx(margin, abs=0.05))


def test_population_narrows_the_rows_and_rows_for_everyone_always_apply(minimal_ds):
    rows = [row(mean_mm=30), row(mean_mm=12, sex="female"), row(mean_mm=16, sex="male", build="obese")]
    ds = with_rows(minimal_ds, rows, depth_max_mm=10, angle_deg=90)
    assert depths.check_site(ds, "BL13").nearest_mm == 12  # everyone: the shallowest of all
    assert depths.check_site(ds, "BL13", population.Population(sex="male")).nearest_mm == 16
    # a BMI picks its class: BMI 22 is normal, so the obese men's row drops out
    assert depths.check_site(ds, "BL13", population.Population(sex="male", bmi=22)).nearest_mm == 30


def test_the_perpendicular_warning_names_the_structure_and_the_figure(minimal_ds):
    # a range's minimum is a measurement; a mean and a mean less 2 SD say what they are
    ds = with_rows(minimal_ds, [row(min_mm=17, max_mm=40, structure="pleura", sources="Chen2018")],
                   depth_max_mm=30, angle_deg=15)
    sentence = depth_notes.straight_in_sentence(depths.check_site(ds, "BL13"))
    assert sentence == "Straight in, this needle would reach 30 mm; the pleura has been measured at 17 mm here " \
                       "(Chen2018, CT)."
    ds = with_rows(minimal_ds, [row(mean_mm=25, sd_mm=4, structure="pleura")], depth_max_mm=30, angle_deg=15)
    assert "at 17 mm here (the mean less 2 SD; Chou2015, CT)" in depth_notes.straight_in_sentence(
        depths.check_site(ds, "BL13"))


def test_a_proxy_and_a_needle_path_say_so_in_the_warning(minimal_ds):
    ds = with_rows(minimal_ds, [row(mean_mm=17, measure="needle_path", proxy_spot="5th intercostal space",
                                    proxy_distance_cun=1.5)], depth_max_mm=30, angle_deg=15)
    sentence = depth_notes.straight_in_sentence(depths.check_site(ds, "BL13"))
    assert "along a needle path nearby (5th intercostal space, 1.5 B-cun from this site; a group mean;" in sentence
    lanes = {y for t in gauge_figure(ds, "BL13").data for y in t.y}
    assert any("needle path · proxy" in lane for lane in lanes)


def test_the_fixture_site_reads_right(minimal_ds):
    # BL13: 13 mm at 45° ends 9.2 mm down; the women's MRI row (18 ± 3) floors at 12 mm.
    check = depths.check_site(minimal_ds, "BL13")
    assert check.vertical_reach_mm == pytest.approx(9.19, abs=0.01)
    assert check.nearest_id == "BL13-Chou2015-female" and check.nearest_mm == 12
    assert check.within and check.margin_mm == pytest.approx(2.8)
    assert check.straight_in_crosses  # 13 mm straight in passes 12 mm
    meta = gauge_figure(minimal_ds, "BL13").layout.meta
    assert meta["straight_in_crosses"] and meta["vertical_reach_mm"] == pytest.approx(9.19)


# ---------------------------------------------------------------------------
# The reader's build: BMI classes and regressions
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("bmi, band", [
    (16, "underweight"),
    (18.49, "underweight"),  # just under the cut-off
    (18.5, "normal"),  # the lower bound belongs to the class
    (24.99, "normal"),
    (25, "overweight"),
    (30, "obese"),
    (55, "obese"),  # the top class has no upper bound
])
def test_bmi_band(bmi, band):
    assert population.bmi_band(bmi) == band


@pytest.mark.parametrize("sex, bmi, depth, words", [
    ("female", 20, 18.0, "At BMI 20, Chou2015's regression puts the lung at about 18.0 mm"),  # inside: BMI - 2
    ("all", 17, 15.0, "about 15.0 mm"),  # the lower bound is inside
    ("female", 35, 33.0, "about 33.0 mm"),  # so is the upper one
    ("female", 16, None, "outside the measured BMI range (17-35)"),  # below: refused, not extrapolated
    ("female", 40, None, "outside the measured BMI range (17-35)"),  # above: refused
    ("female", None, None, "enter a BMI to use it"),  # no BMI given
])
def test_regression_at_a_bmi(minimal_ds, sex, bmi, depth, words):
    (reading,) = population.regressions_for(minimal_ds, "BL13", population.Population(sex=sex, bmi=bmi))
    assert reading.depth_mm == (None if depth is None else pytest.approx(depth))
    assert words in reading.sentence()


def test_a_regression_for_the_other_sex_is_not_used(minimal_ds):
    assert population.regressions_for(minimal_ds, "BL13", population.Population(sex="male", bmi=20)) == []
    notes = gauge_notes(minimal_ds, "BL13", chosen=population.Population(sex="female", bmi=40))
    assert any("outside the measured BMI range" in n for n in notes)


# ---------------------------------------------------------------------------
# Textbooks side by side
# ---------------------------------------------------------------------------
def test_textbooks_side_by_side_flag_a_stored_maximum_deeper_than_the_most_cautious(minimal_ds):
    comparison = textbooks.compare(minimal_ds, "BL13")
    assert [b.source for b in comparison.books] == ["CNTextbook", "Deadman2007"]
    assert comparison.most_cautious.source == "CNTextbook"
    assert not comparison.exceeds  # 13 mm stored, CNTextbook allows 17.5
    sites = minimal_ds.sites.copy()
    sites.at["BL13", "depth_max_mm"] = 20.0
    deeper = textbooks.compare(dataclasses.replace(minimal_ds, sites=sites), "BL13")
    assert deeper.exceeds and "CNTextbook gives at most 17.5 mm" in deeper.sentence()
    assert textbooks.compare(minimal_ds, "CV17").sentence() == textbooks.NO_BOOKS  # no rows: said so
    table = textbooks.side_by_side(minimal_ds, ["BL13", "CV17"])
    assert list(table.columns) == ["site", textbooks.STORED, "deeper than the most cautious book",
                                   textbooks.PAST_DANGER, "CNTextbook", "Deadman2007"]
    assert table.iloc[1]["deeper than the most cautious book"] == "no textbook rows"


def test_a_cited_book_without_a_row_is_named_as_a_gap_not_silently_dropped(minimal_ds):
    sites = minimal_ds.sites.copy()
    # CV17 now cites Deadman, which gives depths elsewhere (BL13), but has no row for CV17.
    sites.at["CV17", "sources"] = "WHO2008;Babinski2012;Deadman2007"
    ds = dataclasses.replace(minimal_ds, sites=sites)
    comparison = textbooks.compare(ds, "CV17")
    assert comparison.unrecorded == ("Deadman2007",)  # WHO2008 and Babinski2012 give no book depths
    assert "with its depth not yet recorded: Deadman2007" in comparison.sentence()
    table = textbooks.side_by_side(ds, ["CV17"])
    assert table.iloc[0]["Deadman2007"] == textbooks.NOT_RECORDED
    # A study advises depths only where it measured: once Babinski2012 gives a range at BL13, CV17
    # citing it is still no gap (it is an article, not a book covering point after point).
    books = pd.concat([ds.textbook_depths, ds.textbook_depths.iloc[:1].assign(source="Babinski2012")])
    assert textbooks.compare(dataclasses.replace(ds, textbook_depths=books), "CV17").unrecorded == ("Deadman2007",)
    # BL13's two cited books both have rows: no gap, and "every book's" is not weakened.
    assert textbooks.compare(minimal_ds, "BL13").unrecorded == ()
    assert "within every book's range" in textbooks.compare(minimal_ds, "BL13").sentence()


# ---------------------------------------------------------------------------
# The patient sentence
# ---------------------------------------------------------------------------
FIGURE = re.compile(r"\d\s*(mm|cm|cun|°|degrees)|safe", re.IGNORECASE)


def test_patients_get_one_plain_sentence_on_the_angle_and_no_figures(real_ds: Dataset):
    for sid in real_ds.sites.index:
        fields = details.site_fields(real_ds, sid, patient=True)
        (reason,) = [f.value for f in fields if f.label == "Why the angle matters"]
        assert reason.count(".") == 1 and reason.endswith("."), (sid, reason)
        for f in fields:
            if f.key in ("angle", "risk_zone"):
                assert not FIGURE.search(f.value), (sid, f.value)
    chest = real_ds.sites.loc["GB22"]
    assert "lung lies just under the ribs" in details.patient_angle_reason(chest)
    assert "shallow slant" in details.patient_angle_reason(chest)


# ---------------------------------------------------------------------------
# The bundled data: every risk site
# ---------------------------------------------------------------------------
def test_every_risk_site_has_an_angle_a_reach_a_gauge_and_a_textbook_line(real_ds: Dataset):
    for sid in depths.risk_sites(real_ds):
        site = real_ds.sites.loc[sid]
        low, high = schema.ANGLE_DEG_RANGE[site["angle"]]
        assert low <= site["angle_deg"] <= high
        check = depths.check_site(real_ds, sid)
        assert check.vertical_reach_mm <= check.depth_max_mm
        meta = gauge_figure(real_ds, sid).layout.meta
        if check.nearest is not None:
            assert meta["notes"][0] == depth_notes.straight_in_sentence(check)
        assert textbooks.compare(real_ds, sid).sentence()


def test_every_risk_acupoint_sets_at_least_one_source_beside_its_stored_range(real_ds: Dataset):
    """Point 5 of issue 12 for the acupoints: a risk site's stored range never stands alone. (Trigger
    points with no manual's figure say so instead; DATA.md lists what was searched for them.)"""
    table = real_ds.textbook_depths
    for sid in depths.risk_sites(real_ds):
        comparison = textbooks.compare(real_ds, sid)
        if real_ds.sites.at[sid, "kind"] == "acupoint":
            assert comparison.books, sid
        else:
            assert comparison.books or comparison.sentence().startswith(textbooks.NO_BOOKS), sid
        # The gaps named are real: cited by the site, giving depths elsewhere, with no row here.
        for source in comparison.unrecorded:
            assert source in real_ds.sites.at[sid, "sources"]
            assert not len(table[table["site_id"].eq(sid) & table["source"].eq(source)])
    rows = table[table["depth_max_cun"].notna()]
    # Every row with cun has its millimetres at 22 mm per cun (to the half millimetre entered).
    assert ((rows["depth_max_mm"] - rows["depth_max_cun"] * 22).abs() <= 0.6).all(), \
        rows[(rows["depth_max_mm"] - rows["depth_max_cun"] * 22).abs() > 0.6][["site_id", "source"]]


def test_every_gauge_lane_reads_differently_and_a_proxy_lane_names_its_spot(real_ds: Dataset):
    for sid in depths.risk_sites(real_ds):
        lanes = [lane.strip() for lane in gauge_figure(real_ds, sid).layout.yaxis.categoryarray]
        # Trailing spaces make plotly categories distinct but read the same: they must not be needed.
        assert len(lanes) == len(set(lanes)), (sid, [lane for lane in lanes if lanes.count(lane) > 1])
    gb22 = list(gauge_figure(real_ds, "GB22").layout.yaxis.categoryarray)
    pla = [lane for lane in gb22 if lane.startswith("PLA2021")]
    assert pla and all("<br>at 5th ICS, AAL · 3 B-cun off" in lane for lane in pla)
    bl15 = [lane for lane in gauge_figure(real_ds, "BL15").layout.yaxis.categoryarray if "Zuo2022" in lane]
    assert sorted(lane.rsplit("<br>", 1)[-1] for lane in bl15) == ["left", "right"]  # same study, two sides
    # Methods read as words, not vocabulary codes: an epidural needle's depth in patients at GV14.
    gv14 = gauge_figure(real_ds, "GV14")
    assert any(lane.startswith("Han2003 · needle in patients") for lane in gv14.layout.yaxis.categoryarray)
    assert "needle in patients (danger)" in {t.name for t in gv14.data}
    assert not any("needle_in_vivo" in str(t.name) for t in gv14.data)


def test_every_measurement_row_says_how_it_was_measured(real_ds: Dataset):
    m = real_ds.measurements
    assert set(m["measure"]) <= set(schema.MEASURES) and m["measure"].ne("").all()
    proxies = m[m["proxy_spot"].ne("")]
    assert proxies["proxy_distance_cun"].notna().all()
    assert (m["measure"].eq("vertical")).sum() >= 20 and (m["measure"].eq("needle_path")).sum() >= 10


# ---------------------------------------------------------------------------
# Bad depth data: reported with file, row and column
# ---------------------------------------------------------------------------
def _edit(folder: Path, filename: str, data_row: int, **cells: str) -> None:
    path = folder / filename
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows[data_row].update(cells)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# (file, 0-based data row, cells to set, column reported, words in the message)
BAD_DEPTH_DATA = [
    # a negative distance
    ("depth_measurements.csv", 0, {"mean_mm": "-4"}, "mean_mm", "must be >= 0"),
    # a range whose minimum is above its maximum
    ("depth_measurements.csv", 4, {"min_mm": "70"}, "max_mm", "less than min_mm"),
    # a mean outside its own range
    ("depth_measurements.csv", 4, {"mean_mm": "80"}, "mean_mm", "outside its range"),
    # a sex or build outside the vocabulary
    ("depth_measurements.csv", 1, {"sex": "women"}, "sex", "must be one of"),
    ("depth_measurements.csv", 1, {"build": "thin"}, "build", "must be one of"),
    # how it was measured is required, and from its vocabulary
    ("depth_measurements.csv", 1, {"measure": ""}, "measure", "must not be empty"),
    ("depth_measurements.csv", 1, {"measure": "oblique"}, "measure", "must be one of"),
    # a proxy without its distance, a distance without its spot
    ("depth_measurements.csv", 1, {"proxy_spot": "5th intercostal space"}, "proxy_distance_cun", "distance"),
    ("depth_measurements.csv", 1, {"proxy_distance_cun": "2"}, "proxy_spot", "spot"),
    ("depth_measurements.csv", 1, {"proxy_spot": "x", "proxy_distance_cun": "-1"}, "proxy_distance_cun", ">= 0"),
    # an angle outside 0-90, or one that does not fit its word
    ("sites.csv", 0, {"angle_deg": "120"}, "angle_deg", "must be <= 90"),
    ("sites.csv", 0, {"angle_deg": "-5"}, "angle_deg", "must be >= 0"),
    ("sites.csv", 0, {"angle_deg": "90"}, "angle_deg", "does not fit angle 'oblique'"),  # BL13 is oblique
    ("sites.csv", 2, {"angle_deg": "45"}, "angle_deg", "does not fit angle 'transverse'"),  # CV17
    ("sites.csv", 0, {"angle_deg": ""}, "angle_deg", "must not be empty"),
    # a regression's BMI range upside down, or its line below the skin
    ("depth_regressions.csv", 0, {"bmi_min": "40"}, "bmi_max", "less than bmi_min"),
    ("depth_regressions.csv", 0, {"intercept_mm": "-30"}, "intercept_mm", "negative depth"),
    ("depth_regressions.csv", 0, {"sex": "women"}, "sex", "must be one of"),
    ("depth_regressions.csv", 0, {"site_id": "BL99"}, "site_id", "not a site_id"),
    # a textbook range upside down, or a negative depth
    ("textbook_depths.csv", 0, {"depth_min_mm": "30"}, "depth_max_mm", "less than depth_min_mm"),
    ("textbook_depths.csv", 0, {"depth_min_cun": "2"}, "depth_max_cun", "less than depth_min_cun"),
    ("textbook_depths.csv", 1, {"depth_max_mm": "-1"}, "depth_max_mm", "must be >= 0"),
    ("textbook_depths.csv", 1, {"angle": "sideways"}, "angle", "must be one of"),
]


@pytest.mark.parametrize("filename, data_row, cells, column, words", BAD_DEPTH_DATA)
def test_bad_depth_data_is_reported_with_file_row_and_column(data_copy, filename, data_row, cells, column, words):
    _edit(data_copy, filename, data_row, **cells)
    problems = load_dataset(data_copy).problems
    hits = [p for p in problems if p.file == filename and p.row == data_row + 2 and p.column == column]
    assert hits, [str(p) for p in problems]
    assert any(words in p.message for p in hits), [str(p) for p in hits]


def test_a_measurement_file_without_the_measure_column_is_refused(data_copy):
    path = data_copy / "depth_measurements.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=[c for c in rows[0] if c != "measure"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    problems = load_dataset(data_copy).problems
    assert any(p.row == 1 and p.column == "measure" and "missing" in p.message for p in problems)


def test_floors_are_finite_for_every_bundled_row(real_ds: Dataset):
    for _, r in real_ds.measurements.iterrows():
        assert math.isfinite(depths.floor_mm(r)), r["measurement_id"]


def test_every_source_the_gauge_shows_is_in_the_sites_sources_list(real_ds: Dataset):
    """A figure in the gauge can always be traced: its book or study is in the details' Sources list,
    once, after the site's own sources (which keep their order)."""
    books, measured = real_ds.textbook_depths, real_ds.measurements
    for sid in depths.risk_sites(real_ds):
        refs = details.references(real_ds, sid)
        keys = [r.key for r in refs]
        assert len(keys) == len(set(keys)), sid
        own = [k.strip() for k in real_ds.sites.at[sid, "sources"].split(";") if k.strip()]
        assert keys[:len(own)] == own
        shown = set(books.loc[books["site_id"].eq(sid), "source"])
        for cell in population.rows_for_site(real_ds, measured, sid)["sources"]:
            shown |= {k.strip() for k in cell.split(";")}
        assert shown <= set(keys), (sid, shown - set(keys))
        assert all(r.citation for r in refs), sid  # every key resolves to a full citation
    roles = {r.key: r.used_for for r in details.references(real_ds, "GB22")}
    assert roles["Ozen2016"] == details.SITE_SOURCE  # cited by the site itself: keeps its first role
    assert roles["OpenTCM"] == details.DEPTH_RANGE  # only a textbook row cites it


def _book(source: str, max_mm: float, angle: str = "") -> textbooks.BookRange:
    return textbooks.BookRange(source, None, max_mm, None, None, angle, "secondary", "")


def _floor(mm: float, measure: str) -> depths.Floor:
    return depths.Floor(mm, f"row-{measure}", "pleura", "Study", "CT", measure)


@pytest.mark.parametrize("book, vertical, path, crosses, reach", [
    # oblique reads as 45°: 17.5 mm ends 12.4 mm down, past a 9 mm vertical floor
    (_book("A", 17.5, "oblique"), 9.0, None, True, 12.4),
    # the same book over a 13 mm floor stays above it
    (_book("A", 17.5, "oblique"), 13.0, None, False, None),
    # no angle word: read straight in (the cautious reading), so 11 mm reaches an 11 mm floor
    (_book("B", 11.0), 11.0, None, True, 11.0),
    # transverse reads as 15°: 33 mm ends 8.5 mm down, above a 9 mm floor
    (_book("C", 33.0, "transverse"), 9.0, None, False, None),
    # a floor measured along a needle path compares the whole length, whatever the angle
    (_book("C", 33.0, "transverse"), None, 30.0, True, 33.0),
    # no measured danger: nothing to cross
    (_book("D", 60.0, "perpendicular"), None, None, False, None),
])
def test_a_book_past_measured_danger_is_named(book, vertical, path, crosses, reach):
    comparison = textbooks.Comparison("X", _book(textbooks.STORED, 5.0), (book,))
    check = depths.DepthCheck("X", 0.0, 5.0, 45.0, 1, None if vertical is None else _floor(vertical, "vertical"),
                              None if path is None else _floor(path, "needle_path"), "")
    found = textbooks.beyond_danger(comparison, check)
    assert bool(found) == crosses
    if crosses:
        assert found[0].reach_mm == reach
        sentence = textbooks.beyond_danger_sentence(found)
        assert f"{book.source}'s {book.max_mm:g} mm" in sentence and "not a depth that is safe" in sentence
        if not book.angle:
            assert textbooks.STRAIGHT_IN_READING in sentence
    else:
        assert textbooks.beyond_danger_sentence(found) == ""


def _needle(source: str, max_mm: float, min_mm: float | None = None) -> textbooks.BookRange:
    return textbooks.BookRange(source, min_mm, max_mm, None, None, "", "secondary", "", needle_length=True)


@pytest.mark.parametrize("stored_max, book, text, sentence_has", [
    # a needle longer than the stored depth: the stored range is within it, and the sentence says it is a length
    (35.0, _needle("Blog", 50.8), "a 50.8 mm needle",
     "advises a needle no longer than 50.8 mm, a length rather than a depth"),
    # a range of needle lengths keeps both ends
    (65.0, _needle("Paper", 90.0, 60.0), "a 60–90 mm needle", "no longer than 90 mm"),
    # a stored depth deeper than the whole needle advised is flagged: no tip goes deeper than its needle
    (30.0, _needle("Notice", 25.0), "a 25 mm needle", "is deeper than the most cautious book's"),
])
def test_a_needle_length_reads_as_a_length_not_a_depth(stored_max, book, text, sentence_has):
    comparison = textbooks.Comparison("X", _book(textbooks.STORED, stored_max), (book,))
    assert book.text() == text
    assert sentence_has in comparison.sentence()
    assert comparison.exceeds == (stored_max > book.max_mm)
    # Against measured danger it is read pushed in to the hub, straight in when it names no angle.
    check = depths.DepthCheck("X", 0.0, stored_max, 45.0, 1, _floor(20.0, "vertical"), None, "")
    found = textbooks.beyond_danger(comparison, check)
    assert found and found[0].reach_mm == book.max_mm
    assert f"{book.max_mm:g} mm needle" in found[0].text() and "if pushed in to the hub" in found[0].text()
    assert book.maximum_text() == f"a {book.max_mm:g} mm needle"  # the Safety table's ⚑ cell says so too


def test_every_needle_length_row_says_so_in_its_note_and_column(real_ds: Dataset):
    """The column and the note must agree, so that no needle length is shown as a depth."""
    table = real_ds.textbook_depths
    lengths = table["figure"].fillna("").eq(schema.NEEDLE_LENGTH_FIGURE)
    says_length = table["note"].fillna("").str.contains(r"^needle length|needle length advised", case=False)
    assert lengths.sum() >= 15
    assert table.loc[says_length & ~lengths, ["site_id", "source"]].values.tolist() == []
    assert table.loc[lengths & ~says_length, ["site_id", "source"]].values.tolist() == []


def test_every_book_past_measured_danger_is_flagged_in_the_safety_table(real_ds: Dataset):
    risk = depths.risk_sites(real_ds)
    table = textbooks.side_by_side(real_ds, risk).set_index("site")
    # The Safety page hands over the checks it has already made: the same table.
    given = textbooks.side_by_side(real_ds, risk, {sid: depths.check_site(real_ds, sid) for sid in risk})
    pd.testing.assert_frame_equal(given.set_index("site"), table)
    for sid in risk:
        comparison, check = textbooks.compare(real_ds, sid), depths.check_site(real_ds, sid)
        named = set(filter(None, table.at[sid, textbooks.PAST_DANGER].split(", ")))
        for book in comparison.books:
            angle = schema.USUAL_ANGLE_DEG.get(book.angle, 90.0)
            past = ((check.vertical is not None and depths.vertical_reach_mm(book.max_mm, angle) >= check.vertical.mm)
                    or (check.path is not None and book.max_mm >= check.path.mm))
            assert (book.source in named) == past, (sid, book.source)
    # GB22: the usual 0.5 cun oblique of several books still ends below the thinnest chest wall measured nearby.
    assert "AcuCom" in table.at["GB22", textbooks.PAST_DANGER]


def test_a_book_that_forbids_needling_reads_not_needled_not_zero_millimetres(real_ds: Dataset):
    comparison = textbooks.compare(real_ds, "ST17")  # the nipple: a landmark, never needled
    forbidding = [b for b in comparison.books if b.max_mm == 0]
    assert len(forbidding) >= 3 and all(b.text() == textbooks.NOT_NEEDLED for b in forbidding)
    assert comparison.sentence().startswith("This dataset does not needle this point")
    assert "0 mm" not in comparison.sentence()


def test_a_range_borrowed_from_a_nearby_acupoint_names_it_and_lies_close(real_ds: Dataset):
    """Trigger points that no manual gives a depth for may show the acupuncture texts' range for the point at
    the same spot; the range must say whose it is, and the point must really be that close."""
    sites, table = real_ds.sites, real_ds.textbook_depths
    borrowed = table[table["at_point"].fillna("").ne("")]
    assert len(borrowed) >= 25
    for _, row in borrowed.iterrows():
        site = sites.loc[row["site_id"]]
        assert site["kind"] == "trigger_point", row["site_id"]
        point = row["at_point"]
        assert point in sites.index or point.endswith("extra point"), point
        text = textbooks.compare(real_ds, row["site_id"]).books
        assert any(f"for {point}" in b.text() for b in text if b.source == row["source"])
        if point in sites.index and sites.at[point, "view"] == site["view"]:
            other = sites.loc[point]
            cun = math.hypot(abs(site["x"]) - abs(other["x"]), site["y"] - other["y"]) / CUN
            assert pd.notna(row["at_point_distance_cun"]) and abs(cun - row["at_point_distance_cun"]) < 0.05, row
            assert cun <= 0.8, (row["site_id"], point, cun)


def test_the_sources_page_counts_what_each_reference_carries(real_ds: Dataset):
    usage = details.source_usage(real_ds)
    assert list(usage.index) == list(real_ds.sources.index)
    assert usage.at["WHO2008", "sites"] > 300  # the location standard behind every acupoint
    # A book read only for depth ranges is cited by no site, yet carries many rows: not "unused".
    assert usage.at["JingluoShuxue13", "sites"] == 0 and usage.at["JingluoShuxue13", "depth ranges"] >= 50
    assert usage.at["Hayashi2011", "measurements"] >= 3
    assert int(usage["depth ranges"].sum()) == len(real_ds.textbook_depths)
    # Every reference carries something.
    assert not usage[usage.sum(axis=1).eq(0)].index.tolist()
