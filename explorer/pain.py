""""Where does it hurt?": from a painful spot to the trigger points whose
referred-pain patterns cover it. Pure.

A spot is a view and a body-frame point. Referral ellipses are stored on the
subject's left; a pattern of a bilateral trigger point exists on both sides,
so a spot on the right is looked up at its mirror image. Matches come
nearest first: by the distance from the spot to the trigger point itself
(in B-cun, across views by body-frame position), essential areas before
spillover areas at equal distance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from explorer.body import CUN
from explorer.data import Dataset

# Named spots for people who pick from a list instead of clicking (and for
# keyboard users): (label, view, x, y) in the body frame, on the subject's left.
PAIN_AREAS: dict[str, tuple[str, str, float, float]] = {
    "temple": ("Temple", "lateral", 0.014, 0.943),
    "jaw": ("Jaw and cheek", "lateral", 0.030, 0.895),
    "back-of-head": ("Back of the head", "posterior", 0.020, 0.911),
    "neck": ("Back of the neck", "posterior", 0.026, 0.848),
    "shoulder-top": ("Top and back of the shoulder", "posterior", 0.107, 0.803),
    "shoulder-front": ("Front of the shoulder", "anterior", 0.105, 0.805),
    "shoulder-back": ("Back of the shoulder", "posterior", 0.112, 0.790),
    "between-shoulder-blades": ("Between the shoulder blades", "posterior", 0.035, 0.780),
    "chest": ("Chest", "anterior", 0.055, 0.728),
    "upper-arm": ("Front of the upper arm", "anterior", 0.122, 0.724),
    "elbow": ("Elbow, outer side", "posterior", 0.142, 0.643),
    "forearm": ("Forearm, inner side", "anterior", 0.151, 0.568),
    "wrist": ("Wrist and back of the hand", "posterior", 0.175, 0.458),
    "low-back": ("Low back", "posterior", 0.026, 0.622),
    "buttock": ("Buttock", "posterior", 0.028, 0.532),
    "hip": ("Side of the hip", "lateral", -0.006, 0.504),
    "thigh-front": ("Front and inner thigh", "anterior", 0.036, 0.356),
    "thigh-side": ("Side of the thigh", "lateral", 0.000, 0.400),
    "knee": ("Knee, inner front", "anterior", 0.035, 0.278),
    "calf": ("Calf", "posterior", 0.047, 0.198),
    "shin": ("Shin", "anterior", 0.047, 0.162),
    "ankle-foot": ("Ankle and foot", "lateral", -0.010, 0.006),
}


@dataclass(frozen=True)
class PainMatch:
    site_id: str
    area: str  # essential or spillover: where the spot falls in the pattern
    distance_cun: float  # from the spot to the trigger point itself


def inside_ellipse(x: float, y: float, cx: float, cy: float, rx: float, ry: float, angle_deg: float) -> bool:
    a = math.radians(angle_deg)
    dx, dy = x - cx, y - cy
    u = dx * math.cos(a) + dy * math.sin(a)
    v = -dx * math.sin(a) + dy * math.cos(a)
    return (u / rx) ** 2 + (v / ry) ** 2 <= 1.0


def trigger_points_at(ds: Dataset, view: str, x: float, y: float) -> list[PainMatch]:
    """Trigger points whose referral patterns cover a spot, nearest first."""
    refs = ds.referrals
    if refs.empty:
        return []
    sites = ds.sites
    best: dict[str, str] = {}
    for r in refs[refs["view"] == view].itertuples(index=False):
        bilateral = bool(sites.at[r.site_id, "bilateral"]) if r.site_id in sites.index else False
        probe_x = abs(x) if bilateral and view != "lateral" else x
        if inside_ellipse(probe_x, y, r.cx, r.cy, r.rx, r.ry, r.angle_deg) and best.get(r.site_id) != "essential":
            best[r.site_id] = r.area
    matches = []
    for sid, area in best.items():
        tp = sites.loc[sid]
        tx = abs(float(tp["x"])) if bool(tp["bilateral"]) else float(tp["x"])
        px = abs(x) if bool(tp["bilateral"]) else x
        distance = math.hypot(px - tx, y - float(tp["y"])) / CUN
        matches.append(PainMatch(sid, area, round(distance, 1)))
    return sorted(matches, key=lambda m: (m.distance_cun, m.area != "essential", m.site_id))


def parse_spot(text: str) -> tuple[str, float, float] | None:
    """A spot from the URL: a named area ("shoulder-top") or "view:x:y"; None when malformed."""
    if text in PAIN_AREAS:
        _, view, x, y = PAIN_AREAS[text]
        return view, x, y
    parts = text.split(":")
    if len(parts) != 3 or parts[0] not in ("anterior", "posterior", "lateral"):
        return None
    try:
        x, y = float(parts[1]), float(parts[2])
    except ValueError:
        return None
    if not (math.isfinite(x) and math.isfinite(y) and -0.5 <= x <= 0.5 and 0.0 <= y <= 1.0):
        return None
    return parts[0], x, y


def spot_text(view: str, x: float, y: float) -> str:
    return f"{view}:{x:.4f}:{y:.4f}"
