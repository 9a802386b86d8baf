"""A site's depth check in sentences, for the gauge, the details and the Safety page. Pure: no streamlit.

Students read these beside the gauge. They state what the figures say and
never call a depth safe: a measured distance is a group figure, and the
perpendicular case says plainly when the same needle, straight in, would go
deeper than the danger has been measured.
"""

from __future__ import annotations

from explorer.depths import DepthCheck, Floor
from explorer.schema import method_words

GROUP_FIGURES = "Measured distances are group figures: thinner people can be shallower."


def mm(value: float) -> str:
    """A depth as shown: to 0.1 mm, without a trailing .0."""
    return f"{round(value, 1):g}"


def measured_how(floor: Floor) -> str:
    """ "vertical", "needle path, proxy" (for tables)."""
    how = "vertical" if floor.measure == "vertical" else "needle path"
    return how + (", proxy" if floor.proxy_spot else "")


def danger_phrase(floor: Floor) -> str:
    """ "the pleura has been measured at 17 mm here (Sanchez2011, CT)"; a proxy says where, a mean
    or a mean less 2 SD says so."""
    along = " along a needle path" if floor.measure != "vertical" else ""
    where = "nearby" if floor.proxy_spot else "here"
    notes = []
    if floor.proxy_spot:
        away = f", {floor.proxy_distance_cun:g} B-cun from this site" if floor.proxy_distance_cun is not None else ""
        notes.append(floor.proxy_spot + away)
    notes += {"mean": ["a group mean"], "mean - 2 SD": ["the mean less 2 SD"]}.get(floor.basis, [])
    notes.append(f"{floor.source}, {method_words(floor.method)}")
    return f"the {floor.structure} has been measured at {mm(floor.mm)} mm{along} {where} ({'; '.join(notes)})"


def reach_sentence(check: DepthCheck, straight_in: bool = True) -> str:
    """The usual maximum at the site's angle, and (``straight_in``) what it reaches straight in."""
    if check.angle_deg >= 90:
        return f"Perpendicular (90°): the usual maximum of {mm(check.depth_max_mm)} mm of needle goes straight in."
    text = (f"At {check.angle_deg:g}° to the skin, the usual maximum of {mm(check.depth_max_mm)} mm of needle "
            f"ends about {mm(check.vertical_reach_mm)} mm below the skin")
    return text + (f"; straight in, the same needle would reach {mm(check.depth_max_mm)} mm." if straight_in else ".")


def straight_in_sentence(check: DepthCheck) -> str:
    """The perpendicular case against the nearest danger; empty when nothing is measured."""
    nearest = check.nearest
    if nearest is None:
        return ""
    if check.straight_in_crosses:
        return f"Straight in, this needle would reach {mm(check.depth_max_mm)} mm; {danger_phrase(nearest)}."
    return (f"Straight in, this needle would reach {mm(check.depth_max_mm)} mm, short of the nearest measured "
            f"danger: {danger_phrase(nearest)}.")


def rule_sentences(check: DepthCheck) -> list[str]:
    """THE RULE, one sentence per comparison that applies."""
    out = []
    if check.vertical is not None:
        verdict = "below" if check.vertical.mm > check.vertical_reach_mm else "NOT below"
        out.append(f"At its angle ({check.angle_deg:g}°) the usual maximum ends about "
                   f"{mm(check.vertical_reach_mm)} mm below the skin: {verdict} the shallowest distance to "
                   f"danger measured straight down, {mm(check.vertical.mm)} mm "
                   f"(margin {check.vertical.mm - check.vertical_reach_mm:+.1f} mm).")
    if check.path is not None:
        verdict = "below" if check.path.mm > check.depth_max_mm else "NOT below"
        out.append(f"The needle length, {mm(check.depth_max_mm)} mm, is {verdict} the shallowest distance to "
                   f"danger measured along a needle path (or along a path the study does not state), "
                   f"{mm(check.path.mm)} mm (margin {check.path.mm - check.depth_max_mm:+.1f} mm).")
    if out:
        out.append(GROUP_FIGURES)
    return out
