"""Data truths that the schema alone cannot check: geometry and coverage.

Each function returns a list of human-readable findings (empty = all good).
The tests assert on them, and ``scripts/check_data.py`` prints them for a
curator working on a table.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from explorer import body, schema
from explorer.data import Dataset

ANCHOR_TOLERANCE_CUN = 0.5
MIDLINE_TOLERANCE = 0.05 * body.CUN


def _num(value: object) -> float:
    return 0.0 if value is None or (isinstance(value, float) and math.isnan(value)) or value == "" else float(value)


def placement_rows(ds: Dataset) -> pd.DataFrame:
    """Every drawn placement: each site's own row plus its extra placements."""
    cols = ["site_id", "view", "x", "y", "anchor", "anchor_dx_cun", "anchor_dy_cun"]
    own = ds.sites[cols].reset_index(drop=True)
    return pd.concat([own, ds.placements[cols]], ignore_index=True) if len(ds.placements) else own


def anchor_mismatches(ds: Dataset, tolerance_cun: float = ANCHOR_TOLERANCE_CUN) -> list[str]:
    """Sites whose stored x, y are further than the tolerance from their definition."""
    out = []
    for _, row in placement_rows(ds).iterrows():
        if not row["anchor"]:
            continue
        try:
            x, y = body.place(row["view"], row["anchor"], _num(row["anchor_dx_cun"]), _num(row["anchor_dy_cun"]))
        except KeyError as exc:
            out.append(f"{row['site_id']} ({row['view']}): {exc.args[0]}")
            continue
        d = math.hypot(x - row["x"], y - row["y"]) / body.CUN
        if d > tolerance_cun:
            out.append(f"{row['site_id']} ({row['view']}): stored point is {d:.2f} B-cun from its definition")
    return out


def sites_outside_body(ds: Dataset) -> list[str]:
    return [f"{r.site_id} ({r.view}) at x={r.x:.4f}, y={r.y:.4f} lies outside the body outline"
            for r in placement_rows(ds).itertuples() if not body.inside_body(r.view, r.x, r.y)]


def midline_violations(ds: Dataset) -> list[str]:
    """GV and CV points sit on the midline and are unpaired; bilateral points do not."""
    out = []
    for r in ds.sites.itertuples():
        frontal = r.view in ("anterior", "posterior")
        if r.kind == "acupoint" and r.meridian in ("GV", "CV"):
            if r.bilateral:
                out.append(f"{r.site_id}: {r.meridian} points are unpaired")
            if frontal and abs(r.x) > MIDLINE_TOLERANCE:
                out.append(f"{r.site_id}: {r.meridian} points lie on the midline (x={r.x:.4f})")
        if r.bilateral and frontal and r.x <= MIDLINE_TOLERANCE:
            out.append(f"{r.site_id}: bilateral but stored on or across the midline (x={r.x:.4f})")
    return out


def who_coverage(ds: Dataset) -> list[str]:
    """Missing and unknown WHO codes."""
    out = []
    acupoints = ds.sites[ds.sites["kind"] == "acupoint"]
    present = set(acupoints["site_id"])
    for channel, count in schema.WHO_CHANNEL_COUNTS.items():
        missing = [f"{channel}{i}" for i in range(1, count + 1) if f"{channel}{i}" not in present]
        if missing:
            out.append(f"{channel}: missing {', '.join(missing)}")
    pattern = re.compile(r"^([A-Z]{2})(\d+)$")
    for sid in sorted(present):
        m = pattern.match(sid)
        known = schema.WHO_CHANNEL_COUNTS
        if m and (m.group(1) not in known or int(m.group(2)) > known[m.group(1)]):
            out.append(f"{sid}: not a WHO standard code")
    return out


def repeated_names(ds: Dataset) -> list[str]:
    out = []
    acu = ds.sites[ds.sites["kind"] == "acupoint"]
    for channel, group in acu.groupby("meridian"):
        for column in ("name", "pinyin", "hanzi"):
            dup = group[column][group[column].duplicated(keep=False) & group[column].ne("")]
            for value in sorted(set(dup)):
                ids = ", ".join(group.loc[group[column] == value, "site_id"])
                out.append(f"{channel}: {column} {value!r} is used by {ids}")
    return out


def referrals_off_body(ds: Dataset) -> list[str]:
    """A referral ellipse lies on the body: its centre and 3/4 of its extent."""
    out = []
    for r in ds.referrals.itertuples():
        pts = [(r.cx, r.cy), *body.ellipse_points(r.cx, r.cy, r.rx, r.ry, r.angle_deg, n=12, scale=0.75)]
        outside = [p for p in pts if not body.inside_body(r.view, *p)]
        if outside:
            out.append(f"{r.site_id} {r.area} ellipse ({r.view}, centre {r.cx:.3f},{r.cy:.3f}) "
                       f"extends off the body at {len(outside)} of {len(pts)} sample points")
    return out


def trigger_points_without_referral(ds: Dataset) -> list[str]:
    tps = set(ds.sites.loc[ds.sites["kind"] == "trigger_point", "site_id"])
    with_ref = set(ds.referrals["site_id"])
    return [f"{sid}: no referral pattern" for sid in sorted(tps - with_ref)]


ALL_CHECKS = {
    "anchor placement": anchor_mismatches,
    "inside the outline": sites_outside_body,
    "midline and sides": midline_violations,
    "repeated names": repeated_names,
    "referrals on the body": referrals_off_body,
    "trigger points without referral": trigger_points_without_referral,
}
