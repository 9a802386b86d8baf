"""Whose figures to show: the reader's sex and build, and depth on BMI. Pure: no streamlit.

Studies report distances to danger for groups: everyone, women or men, a BMI
class (underweight, normal, overweight, obese) or a CT body type (slender,
intermediate, stocky). A :class:`Population` picks the rows that describe one
group; rows for everyone always do. A reader may give a BMI number instead of
a class: it selects the class by the WHO cut-offs (``WHO2000BMI``) and, where
a study published a regression of depth on BMI (``depth_regressions.csv``),
gives the depth that regression predicts at that BMI, but only inside the
BMI range the study measured: outside it the reading says so and gives no
figure (extrapolating a line fitted to other people is guessing).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from explorer.data import Dataset, split_keys

# WHO adult BMI classes (kg/m²): the class a BMI number falls in, lower bound included.
BMI_SOURCE = "WHO2000BMI"
BMI_BANDS: tuple[tuple[str, float, float], ...] = (
    ("underweight", 0.0, 18.5), ("normal", 18.5, 25.0), ("overweight", 25.0, 30.0), ("obese", 30.0, math.inf))
BMI_CLASSES = tuple(name for name, _, _ in BMI_BANDS)
# Every build a selector can offer, thinnest first (CT body types beside the BMI classes).
BUILD_ORDER = ("underweight", "slender", "normal", "intermediate", "overweight", "stocky", "obese")
# The BMI range a reader may type; the schema's range for regressions.
BMI_INPUT_RANGE = (10.0, 70.0)


def bmi_band(bmi: float) -> str:
    """The WHO class of a BMI (kg/m²)."""
    for name, low, high in BMI_BANDS:
        if low <= bmi < high:
            return name
    return BMI_BANDS[-1][0]


@dataclass(frozen=True)
class Population:
    """Whose measurements to show: a sex and a build (or a BMI, which picks the build), or everyone."""

    sex: str = "all"
    build: str = "all"
    bmi: float | None = None

    @property
    def band(self) -> str:
        """The build the rows are chosen by: the BMI's class when a BMI is given."""
        return bmi_band(self.bmi) if self.bmi is not None else self.build

    def select(self, rows: pd.DataFrame) -> pd.DataFrame:
        """The rows that describe this population (rows for everyone always do)."""
        keep = pd.Series(True, index=rows.index)
        if self.sex != "all":
            keep &= rows["sex"].isin((self.sex, "all"))
        if self.band != "all":
            keep &= rows["build"].isin((self.band, "all"))
        return rows[keep]

    def describe(self) -> str:
        """The group in words: "women, BMI 22 (normal)", "everyone"."""
        parts = []
        if self.sex != "all":
            parts.append("women" if self.sex == "female" else "men")
        if self.bmi is not None:
            parts.append(f"BMI {self.bmi:g} ({self.band})")
        elif self.build != "all":
            parts.append(f"{self.build} build")
        return ", ".join(parts) if parts else "everyone"


def rows_for_site(ds: Dataset, table: pd.DataFrame, site_id: str) -> pd.DataFrame:
    """Rows of a measurement-like table that apply to a site: its own (``site_id``),
    or, for a trigger point, its muscle's (``muscle``)."""
    if table.empty or site_id not in ds.sites.index:
        return table.iloc[0:0]
    muscle = str(ds.sites.at[site_id, "muscle"] or "")
    hit = table["site_id"].eq(site_id)
    if muscle:
        hit |= table["muscle"].eq(muscle)
    return table[hit]


@dataclass(frozen=True)
class RegressionReading:
    """What one regression of depth on BMI says at the reader's BMI."""

    regression_id: str
    source: str
    structure: str
    endpoint: str
    measure: str
    bmi: float | None
    bmi_min: float
    bmi_max: float
    depth_mm: float | None  # None when no BMI is given or it lies outside the measured range

    @property
    def in_range(self) -> bool:
        return self.bmi is not None and self.bmi_min <= self.bmi <= self.bmi_max

    def sentence(self) -> str:
        span = f"{self.bmi_min:g}-{self.bmi_max:g}"
        if self.bmi is None:
            return (f"{self.source} gives the depth to the {self.structure} on BMI (measured BMI {span}): "
                    "enter a BMI to use it.")
        if self.depth_mm is None:
            return (f"BMI {self.bmi:g} is outside the measured BMI range ({span}) of {self.source}'s "
                    f"regression for the {self.structure}: no figure is given rather than extrapolate.")
        return (f"At BMI {self.bmi:g}, {self.source}'s regression puts the {self.structure} at about "
                f"{self.depth_mm:.1f} mm ({self.measure.replace('_', ' ')}). It is an average for that BMI: "
                "individuals vary around it.")


def regression_depth(row: pd.Series, bmi: float) -> float | None:
    """The regression's depth at ``bmi``; None outside the BMI range it was measured on."""
    if not float(row["bmi_min"]) <= bmi <= float(row["bmi_max"]):
        return None
    return float(row["intercept_mm"]) + float(row["slope_mm_per_bmi"]) * bmi


def regressions_for(ds: Dataset, site_id: str, population: Population | None = None) -> list[RegressionReading]:
    """Each regression that applies to the site and the population's sex, read at its BMI."""
    rows = rows_for_site(ds, ds.regressions, site_id)
    population = population or Population()
    if population.sex != "all" and len(rows):
        rows = rows[rows["sex"].isin((population.sex, "all"))]
    readings = []
    for _, row in rows.iterrows():
        keys = split_keys(row["sources"])
        bmi = population.bmi
        readings.append(RegressionReading(
            str(row["regression_id"]), keys[0] if keys else str(row["regression_id"]), str(row["structure"]),
            str(row["endpoint"]), str(row["measure"]), bmi, float(row["bmi_min"]), float(row["bmi_max"]),
            None if bmi is None else regression_depth(row, bmi)))
    return readings


def populations_in(rows: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The sexes and builds the rows distinguish (for the selectors), "all" first."""
    sexes = ["all", *sorted(set(rows["sex"]) - {"all"})] if len(rows) else ["all"]
    found = set(rows["build"]) - {"all"} if len(rows) else set()
    return sexes, ["all"] + [b for b in BUILD_ORDER if b in found]
