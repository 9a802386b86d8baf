"""Needling depth against measured distance to danger: floors, reach and the rule. Pure: no streamlit.

A site's usual range (``depth_min_mm``..``depth_max_mm`` in sites.csv) is a
needle length: how much needle goes in. Measured distances to danger
(``depth_measurements.csv``: rows for the acupoint itself, or for the muscle a
trigger point lies in) are either *vertical* (straight down from the skin) or
along a stated *needle path*. So the two are compared like with like:

- the **vertical reach** of the usual maximum at the site's angle to the skin
  is ``depth_max_mm x sin(angle_deg)`` (15° to the skin: a quarter of the needle);
- each measurement row gives one **floor**: the lower end of its range; else
  mean - 2 SD (about the shallowest 2-3 % of the group) when the SD is given;
  else the mean;
- **the rule**: for every risk site, the vertical reach stays below the
  shallowest floor of the adult danger rows measured vertically, and the
  needle length below the shallowest floor of those measured along a needle
  path (or whose path the study does not state). Children's rows are shown but
  set no adult limit; landmark rows (a rib to needle onto) never do; proxy rows
  (measured at a nearby spot) count, being the best figure there is.
- **the perpendicular case** is shown, not ruled: if the angle is lost and the
  same needle goes straight in, it reaches ``depth_max_mm`` below the skin;
  the check says whether that crosses the shallowest danger floor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from explorer.data import Dataset, split_keys
from explorer.population import Population, populations_in, rows_for_site  # noqa: F401 (re-exported)
from explorer.schema import USUAL_ANGLE_DEG, method_words

ADULT_AGE_GROUPS = ("adult", "elderly")
SD_FLOOR_FACTOR = 2.0  # mean - 2 SD: a floor below all but the shallowest few per cent
# Two floors for the same site from different sources that differ by more
# than this factor are a disagreement worth flagging (GB21: 14.6 mm by
# ultrasound to the pleura against 56 mm by cadaver along a downward needle).
DISAGREEMENT_RATIO = 1.5


def vertical_reach_mm(needle_mm: float, angle_deg: float) -> float:
    """How far below the skin a needle of ``needle_mm`` ends at ``angle_deg`` to the skin."""
    return needle_mm * math.sin(math.radians(angle_deg))


def site_angle_deg(site: pd.Series) -> float:
    """The site's angle to the skin: ``angle_deg``, else the usual value of its angle word."""
    value = site.get("angle_deg")
    if value is not None and pd.notna(value):
        return float(value)
    return USUAL_ANGLE_DEG.get(str(site.get("angle", "")), 90.0)


def measurements_for(ds: Dataset, site_id: str, population: Population | None = None) -> pd.DataFrame:
    """Measurement rows that apply to a site: its own, or its muscle's; only
    those of ``population`` when one is given."""
    rows = rows_for_site(ds, ds.measurements, site_id)
    return population.select(rows) if population is not None else rows


def floor_mm(row: pd.Series) -> float:
    """The shallowest figure a row stands for: its range's lower end; else mean - 2 SD; else its mean."""
    if pd.notna(row["min_mm"]):
        return float(row["min_mm"])
    if pd.notna(row["sd_mm"]) and pd.notna(row["mean_mm"]):
        # rounded to the 0.01 mm the studies print, so that 24.6 - 2 x 7.8 is 9, not 9.000000000000002
        return max(0.0, round(float(row["mean_mm"]) - SD_FLOOR_FACTOR * float(row["sd_mm"]), 2))
    return float(row["mean_mm"])


def floor_basis(row: pd.Series) -> str:
    """Which figure the floor is: "range minimum", "mean - 2 SD" or "mean"."""
    if pd.notna(row["min_mm"]):
        return "range minimum"
    return "mean - 2 SD" if pd.notna(row["sd_mm"]) and pd.notna(row["mean_mm"]) else "mean"


def danger_rows(rows: pd.DataFrame, adults_only: bool = True) -> pd.DataFrame:
    keep = rows["endpoint"].eq("danger")
    if adults_only:
        keep &= rows["age_group"].isin(ADULT_AGE_GROUPS)
    return rows[keep]


def is_proxy(row: pd.Series) -> bool:
    return bool(str(row.get("proxy_spot", "") or "").strip())


@dataclass(frozen=True)
class Floor:
    """The shallowest floor of a group of rows, and the row it comes from."""

    mm: float
    measurement_id: str
    structure: str
    source: str
    method: str
    measure: str
    proxy_spot: str = ""
    proxy_distance_cun: float | None = None
    basis: str = "mean"  # floor_basis: range minimum, mean - 2 SD, or mean


def shallowest(rows: pd.DataFrame) -> Floor | None:
    if not len(rows):
        return None
    floors = rows.apply(floor_mm, axis=1)
    row = rows.loc[floors.idxmin()]
    keys = split_keys(row["sources"])
    distance = row.get("proxy_distance_cun")
    return Floor(float(floors.min()), str(row["measurement_id"]), str(row["structure"]),
                 keys[0] if keys else "", str(row["method"]), str(row["measure"]),
                 str(row.get("proxy_spot", "") or ""), float(distance) if pd.notna(distance) else None,
                 floor_basis(row))


@dataclass(frozen=True)
class DepthCheck:
    """A site's usual maximum, at its angle and straight in, against its nearest measured danger."""

    site_id: str
    depth_min_mm: float
    depth_max_mm: float  # the needle length
    angle_deg: float
    measured: int  # measurement rows that apply (danger and landmark)
    vertical: Floor | None  # shallowest adult danger floor measured straight down
    path: Floor | None  # shallowest adult danger floor measured along a needle path
    disagreement: str  # empty, or a sentence saying which sources disagree

    @property
    def vertical_reach_mm(self) -> float:
        return vertical_reach_mm(self.depth_max_mm, self.angle_deg)

    @property
    def nearest(self) -> Floor | None:
        """The shallowest adult danger floor, however it was measured."""
        found = [f for f in (self.vertical, self.path) if f is not None]
        return min(found, key=lambda f: f.mm) if found else None

    @property
    def nearest_mm(self) -> float | None:
        return None if self.nearest is None else self.nearest.mm

    @property
    def nearest_id(self) -> str | None:
        return None if self.nearest is None else self.nearest.measurement_id

    @property
    def margins(self) -> dict[str, float]:
        """THE RULE's two comparisons: vertical floor - vertical reach, path floor - needle length."""
        out = {}
        if self.vertical is not None:
            out["vertical"] = self.vertical.mm - self.vertical_reach_mm
        if self.path is not None:
            out["needle_path"] = self.path.mm - self.depth_max_mm
        return out

    @property
    def margin_mm(self) -> float | None:
        """The smaller of the rule's margins (None without a measured danger)."""
        return round(min(self.margins.values()), 1) if self.margins else None

    @property
    def binding(self) -> Floor | None:
        """The floor that sets the rule's margin."""
        if not self.margins:
            return None
        return self.vertical if min(self.margins, key=self.margins.get) == "vertical" else self.path

    @property
    def within(self) -> bool:
        """THE RULE: both comparisons stay below their floor (true when nothing is measured)."""
        return all(m > 0 for m in self.margins.values())

    @property
    def straight_in_crosses(self) -> bool:
        """The perpendicular case: the same needle straight in reaches the nearest danger floor."""
        return self.nearest_mm is not None and self.depth_max_mm >= self.nearest_mm


def check_site(ds: Dataset, site_id: str, population: Population | None = None) -> DepthCheck:
    site = ds.sites.loc[site_id]
    rows = measurements_for(ds, site_id, population)
    danger = danger_rows(rows)
    return DepthCheck(
        site_id, float(site["depth_min_mm"]), float(site["depth_max_mm"]), site_angle_deg(site), len(rows),
        shallowest(danger[danger["measure"].eq("vertical")]),
        shallowest(danger[~danger["measure"].eq("vertical")]),  # needle_path, or unstated: the cautious side
        disagreement(danger))


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
            by_source[key] = (floor, method_words(row["method"]))
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
    return f"{key} · {method_words(row['method'])} · {who}{size}"


def how_measured(row: pd.Series) -> str:
    """Where and along what the figure was measured: "along the needle path", "proxy: ... (1 B-cun away)"."""
    parts = ["along the needle path" if row["measure"] != "vertical" else "vertical"]
    if is_proxy(row):
        distance = row.get("proxy_distance_cun")
        away = f", {distance:g} B-cun away" if pd.notna(distance) else ""
        parts.append(f"proxy: {row['proxy_spot']}{away}")
    return "; ".join(parts)
