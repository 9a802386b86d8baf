"""Needling depth against measured distance to danger. Pure: no streamlit.

A site's textbook range (``depth_min_mm``..``depth_max_mm`` in sites.csv) is
set against the published measurements in ``depth_measurements.csv``: rows
for the acupoint itself (``site_id``), or for the muscle a trigger point lies
in (``muscle``).

Each measurement row gives one *floor*: the shallowest figure it reports for
its group, the lower end of its range when it has one, otherwise its mean. A
mean is not a floor for every person (half the group is shallower), which is
why the gauge draws the spread too; but it is the figure the studies publish,
and the depth rule (``depth_max_mm`` below the shallowest adult floor) is
checked against it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from explorer.data import Dataset, split_keys

ADULT_AGE_GROUPS = ("adult", "elderly")
# Two floors for the same site from different sources that differ by more
# than this factor are a disagreement worth flagging (GB21: 14.6 mm by
# ultrasound to the pleura against 56 mm by cadaver along a downward needle).
DISAGREEMENT_RATIO = 1.5


@dataclass(frozen=True)
class Population:
    """Whose measurements to show: a sex and a build, or all of them."""

    sex: str = "all"
    build: str = "all"

    def select(self, rows: pd.DataFrame) -> pd.DataFrame:
        """The rows that describe this population (rows for everyone always do)."""
        keep = pd.Series(True, index=rows.index)
        if self.sex != "all":
            keep &= rows["sex"].isin((self.sex, "all"))
        if self.build != "all":
            keep &= rows["build"].isin((self.build, "all"))
        return rows[keep]


def measurements_for(ds: Dataset, site_id: str, population: Population | None = None) -> pd.DataFrame:
    """Measurement rows that apply to a site: its own, or its muscle's; only
    those of ``population`` when one is given."""
    rows = _site_measurements(ds, site_id)
    return population.select(rows) if population is not None else rows


def _site_measurements(ds: Dataset, site_id: str) -> pd.DataFrame:
    table = ds.measurements
    if table.empty or site_id not in ds.sites.index:
        return table.iloc[0:0]
    muscle = str(ds.sites.at[site_id, "muscle"] or "")
    hit = table["site_id"].eq(site_id)
    if muscle:
        hit |= table["muscle"].eq(muscle)
    return table[hit]


def floor_mm(row: pd.Series) -> float:
    """The shallowest figure a measurement row reports: its range's lower end, else its mean."""
    low = row["min_mm"]
    return float(low) if pd.notna(low) else float(row["mean_mm"])


def danger_rows(rows: pd.DataFrame, adults_only: bool = True) -> pd.DataFrame:
    keep = rows["endpoint"].eq("danger")
    if adults_only:
        keep &= rows["age_group"].isin(ADULT_AGE_GROUPS)
    return rows[keep]


@dataclass(frozen=True)
class DepthCheck:
    """A site's usual maximum depth set against its nearest measured danger."""

    site_id: str
    depth_min_mm: float
    depth_max_mm: float
    measured: int  # measurement rows that apply (danger and landmark)
    nearest_mm: float | None  # shallowest adult danger floor, if any
    nearest_id: str | None
    disagreement: str  # empty, or a sentence saying which sources disagree

    @property
    def margin_mm(self) -> float | None:
        return None if self.nearest_mm is None else self.nearest_mm - self.depth_max_mm

    @property
    def within(self) -> bool:
        """True when the usual maximum stays below every adult danger floor (or none is known)."""
        return self.nearest_mm is None or self.depth_max_mm < self.nearest_mm


def check_site(ds: Dataset, site_id: str, population: Population | None = None) -> DepthCheck:
    site = ds.sites.loc[site_id]
    rows = measurements_for(ds, site_id, population)
    danger = danger_rows(rows)
    nearest_mm: float | None = None
    nearest_id: str | None = None
    if len(danger):
        floors = danger.apply(floor_mm, axis=1)
        nearest_id = str(danger.loc[floors.idxmin(), "measurement_id"])
        nearest_mm = float(floors.min())
    return DepthCheck(site_id, float(site["depth_min_mm"]), float(site["depth_max_mm"]), len(rows),
                      nearest_mm, nearest_id, disagreement(danger))


def disagreement(danger: pd.DataFrame) -> str:
    """Say so when sources' danger floors differ by more than DISAGREEMENT_RATIO.

    Subgroups of one study (women and men, builds) differ for a reason and are
    not a disagreement; different studies, methods or needle directions are.
    """
    if len(danger) < 2:
        return ""
    by_source: dict[str, tuple[float, str]] = {}
    for _, row in danger.iterrows():
        key = split_keys(row["sources"])[0] if split_keys(row["sources"]) else str(row["measurement_id"])
        floor = floor_mm(row)
        if key not in by_source or floor < by_source[key][0]:
            by_source[key] = (floor, str(row["method"]))
    if len(by_source) < 2:
        return ""
    (lo_key, (lo, lo_method)) = min(by_source.items(), key=lambda kv: kv[1][0])
    (hi_key, (hi, hi_method)) = max(by_source.items(), key=lambda kv: kv[1][0])
    if lo <= 0 or hi / lo <= DISAGREEMENT_RATIO:
        return ""
    return (f"Sources disagree: {lo_key} ({lo_method}) puts danger from {lo:g} mm, {hi_key} "
            f"({hi_method}) from {hi:g} mm. The endpoints and needle directions differ; the "
            f"shallower figure governs.")


def risk_sites(ds: Dataset) -> list[str]:
    """Every site in a risk zone, in dataset order."""
    return [str(s) for s in ds.sites.index[ds.sites["risk_zone"].ne("")]]


def populations_in(rows: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The sexes and builds the rows distinguish (for the selectors), "all" first."""
    sexes = ["all", *sorted(set(rows["sex"]) - {"all"})] if len(rows) else ["all"]
    builds_order = ("underweight", "slender", "normal", "intermediate", "overweight", "stocky", "obese")
    found = set(rows["build"]) - {"all"} if len(rows) else set()
    return sexes, ["all"] + [b for b in builds_order if b in found]


def spread_mm(row: pd.Series) -> tuple[float, float] | None:
    """The interval a row spans: its range, else mean ± SD; None for a bare mean."""
    if pd.notna(row["min_mm"]) and pd.notna(row["max_mm"]):
        return float(row["min_mm"]), float(row["max_mm"])
    if pd.notna(row["mean_mm"]) and pd.notna(row["sd_mm"]):
        return max(0.0, float(row["mean_mm"]) - float(row["sd_mm"])), float(row["mean_mm"]) + float(row["sd_mm"])
    return None


def describe_row(row: pd.Series) -> str:
    """One line naming who was measured and how (for gauge labels and tables)."""
    group = []
    if row["sex"] != "all":
        group.append("women" if row["sex"] == "female" else "men")
    if row["build"] != "all":
        group.append(str(row["build"]))
    if row["age_group"] == "child":
        group.append("children")
    n = row["n"]
    who = ", ".join(group) if group else "all"
    size = f", n={int(n)}" if isinstance(n, (int, float)) and not math.isnan(n) else ""
    key = split_keys(row["sources"])[0] if split_keys(row["sources"]) else ""
    return f"{key} · {row['method']} · {who}{size}"
