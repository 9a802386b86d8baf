"""Risk zones and safe depth (issue #4): zones drawn and documented, zone
membership, the depth rule, a gauge for every risk site, the Safety page."""

from __future__ import annotations

import itertools

import pytest

from explorer import content, depth_notes, depths, zones
from explorer.data import Dataset, load_dataset
from explorer.gauge import NO_MEASUREMENT, gauge_figure, gauge_notes

DOCS_ZONES = "docs/ARCHITECTURE.md"


def test_every_zone_is_drawn_documented_and_described(real_ds: Dataset):
    from tests.test_docs import README

    architecture = (README.parent / DOCS_ZONES).read_text(encoding="utf-8")
    for zone in zones.ZONE_ORDER:
        assert zones.zone_views(zone), f"{zone} is not drawn in any view"
        assert zone in real_ds.zones.index, f"{zone} has no row in zones.csv"
        assert f"`{zone}`" in architecture, f"{zone} is not documented in {DOCS_ZONES}"
    for zone in ("chest", "neck", "upper_back"):
        assert len(zones.zone_views(zone)) >= 1


def test_chest_and_back_zones_reach_where_the_lungs_reach():
    # Posterior: down to about T10-T12; anterior: to about rib 6-8 (pleural
    # reflection); above the medial clavicle into the supraclavicular fossa.
    from explorer.body import CUN, LEVELS

    assert zones.zones_at("posterior", 3 * CUN, LEVELS["T10"] * CUN) == ["upper_back"]
    assert zones.zones_at("posterior", 3 * CUN, (LEVELS["L2"]) * CUN) != ["upper_back"]
    assert zones.zones_at("anterior", 4 * CUN, LEVELS["ICS6"] * CUN) == ["chest"]
    assert zones.zones_at("anterior", 2 * CUN, (LEVELS["suprasternal_fossa"] + 1.0) * CUN) == ["chest"]


@pytest.mark.parametrize("view", ["anterior", "posterior", "lateral"])
def test_zone_areas_of_different_zones_do_not_overlap(view):
    # A site can carry one risk_zone, so no spot may lie in two zones.
    step = 0.25
    for xi, yi in itertools.product(range(-40, 41), range(130, 300)):
        x, y = xi * step / 75, yi * step / 75
        assert len(zones.zones_at(view, x, y)) <= 1, (view, xi * step, yi * step)


def test_every_site_inside_a_zone_carries_it_and_no_site_outside_does(real_ds: Dataset):
    wrong = []
    for sid, site in real_ds.sites.iterrows():
        places = [(site["view"], site["x"], site["y"])]
        extra = real_ds.placements[real_ds.placements["site_id"] == sid]
        places += [(p["view"], p["x"], p["y"]) for _, p in extra.iterrows()]
        drawn = {z for view, x, y in places for z in zones.zones_at(view, x, y)}
        stored = {site["risk_zone"]} - {""}
        if drawn != stored:
            wrong.append(f"{sid}: stored {sorted(stored)}, drawn {sorted(drawn)}")
    assert not wrong, "\n".join(wrong)


# THE RULE (docs/DATA.md, explorer/depths.py), one case per risk site: at the site's angle the
# usual maximum's vertical reach stays below the shallowest adult danger floor measured straight
# down, and the needle's length below the shallowest measured along a needle path.
_REAL = load_dataset()


@pytest.mark.parametrize("site_id", depths.risk_sites(_REAL))
def test_every_risk_site_keeps_the_rule(site_id):
    check = depths.check_site(_REAL, site_id)
    assert _REAL.sites.at[site_id, "risk_note"], f"{site_id} has no risk note"
    assert check.within, " ".join(depth_notes.rule_sentences(check))


def test_there_are_risk_sites_and_each_has_a_note(real_ds: Dataset):
    risk = depths.risk_sites(real_ds)
    assert len(risk) > 50
    assert all(real_ds.sites.at[sid, "risk_note"] for sid in risk)


def test_measurements_hold_at_least_25_rows_and_keep_disagreements(real_ds: Dataset):
    m = real_ds.measurements
    assert len(m) >= 25
    assert set(m["method"]) >= {"ultrasound", "MRI", "CT", "cadaver"}
    gb21 = m[m["site_id"] == "GB21"]
    assert {"ultrasound", "cadaver"} <= set(gb21["method"]), "GB21's disagreeing methods are both kept"
    assert depths.check_site(real_ds, "GB21").disagreement, "GB21 is flagged"


def test_measured_sites_with_disagreeing_sources_are_flagged(minimal_ds: Dataset):
    check = depths.check_site(minimal_ds, "BL13")
    assert check.nearest_mm == 12  # the MRI mean less 2 SD in women (18 - 6), not the 40 mm cadaver figure
    assert "Chou2015" in check.disagreement and "Xie2006" in check.disagreement
    # Children's figures are shown but do not set the adult limit.
    assert check.nearest_id != "BL13-Child"


def test_population_selector_narrows_the_measurements(minimal_ds: Dataset):
    men = depths.check_site(minimal_ds, "BL13", depths.Population(sex="male"))
    assert men.nearest_mm == 14  # 22 - 2 x 4
    assert not men.disagreement or "Chou2015" in men.disagreement


def test_a_trigger_point_uses_its_muscles_measurements(minimal_ds: Dataset):
    check = depths.check_site(minimal_ds, "upper-trapezius-1")
    assert check.nearest_mm == 40  # the cadaver range's lower end; the rib landmark is not danger


def test_a_gauge_is_built_for_every_risk_site(real_ds: Dataset):
    for sid in depths.risk_sites(real_ds):
        fig = gauge_figure(real_ds, sid)
        meta = fig.layout.meta
        assert meta["site_id"] == sid
        lanes = {y for t in fig.data for y in t.y}
        assert "Usual range (this dataset)" in lanes
        if meta["nearest_mm"] is None:
            assert NO_MEASUREMENT in gauge_notes(real_ds, sid)
        else:
            assert len(lanes) > 1


def test_the_gauge_shows_the_margin_and_the_flag(minimal_ds: Dataset):
    fig = gauge_figure(minimal_ds, "BL13")
    assert fig.layout.meta["margin_mm"] == 2.8  # 12 mm floor - 9.2 mm reach (13 mm at 45°)
    notes = gauge_notes(minimal_ds, "BL13")
    assert any("margin +2.8 mm" in n for n in notes)
    assert notes[0].startswith("Straight in, this needle would reach 13 mm; the lung has been measured at 12 mm")
    assert any("disagree" in n for n in notes)
    assert NO_MEASUREMENT in gauge_notes(minimal_ds, "CV17")


def test_every_citation_in_the_safety_and_compare_texts_resolves(real_ds: Dataset):
    keys: list[str] = []
    for name in ("safety_patients.md", "safety_students.md", "compare_views.md"):
        text = content.load_text(name)
        assert text.keys, f"{name} cites nothing"
        keys += text.keys
    for row in content.load_comparison():
        assert row.sources, f"compare row {row.aspect!r} cites nothing"
        keys += row.sources
    missing = sorted(set(keys) - set(real_ds.sources.index))
    assert not missing, missing


def test_patient_safety_text_covers_what_the_issue_asks():
    text = content.load_text("safety_patients.md").markdown.lower()
    for needle in ("pneumothorax", "per million", "breath", "chest pain", "emphysema", "surgery", "thin"):
        assert needle in text, needle
