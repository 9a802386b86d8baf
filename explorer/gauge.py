"""The depth gauge: a site's usual needling range against measured distances
to the structure at risk. Pure: builds a plotly figure, no streamlit.

One horizontal lane per row, depth from the skin (0 mm) to the right:

    Usual range (this dataset)         |=======|          needle length
    Vertical reach at 15°           |=|                   how deep that needle ends
    Chen2018 · ultrasound / women         o--|--o        (mean, ± SD or range)
    Zhang2002 · cadaver / all · needle path                o   (labels on two lines)
                                 ^ reach   ^ needle = straight in   ^ nearest danger

A vertical figure is read against the vertical reach, a needle-path figure
against the needle length; the needle line is also the perpendicular case
(the same needle straight in). Proxy rows (measured at a nearby spot) say so
in their label. Danger measurements are drawn in the colour of their method
with a solid marker; landmarks (a rib to needle onto, a bone to aim at) are
hollow grey. A regression on BMI, read at the reader's BMI, is a cross.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from explorer import depth_notes, depths
from explorer.data import Dataset
from explorer.figures import esc
from explorer.population import regressions_for
from explorer.schema import method_words

# Okabe-Ito colours, one per method; each also has its own marker shape.
METHOD_STYLE: dict[str, tuple[str, str]] = {
    "ultrasound": ("#0072B2", "circle"),
    "MRI": ("#CC79A7", "square"),
    "CT": ("#009E73", "triangle-up"),
    "cadaver": ("#E69F00", "diamond"),
    "needle_in_vivo": ("#D55E00", "star"),
    "not_stated": ("#555555", "x"),
}
LANDMARK_COLOUR = "#7f7f7f"
RANGE_COLOUR = "#56B4E9"
REACH_COLOUR = "#0072B2"
DANGER_COLOUR = "#D55E00"
USUAL_LANE = "Usual range (this dataset)"
NO_MEASUREMENT = "No published measurement of the distance to danger at this site is in the dataset."


def gauge_figure(ds: Dataset, site_id: str, population: depths.Population | None = None,
                 theme: str = "light", height: int | None = None,
                 check: depths.DepthCheck | None = None) -> go.Figure:
    """The depth gauge for one site; it is built for every site, measured or not.
    ``check`` is the site's check for the same population, when the caller has it."""
    site = ds.sites.loc[site_id]
    check = check or depths.check_site(ds, site_id, population)
    rows = depths.measurements_for(ds, site_id, population)
    lanes = [USUAL_LANE]
    text_colour = "#eeeeee" if theme == "dark" else "#222222"
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=[check.depth_min_mm, check.depth_max_mm], y=[lanes[0]] * 2, mode="lines+markers",
        line={"color": RANGE_COLOUR, "width": 12}, marker={"size": 12, "symbol": "line-ns-open", "color": RANGE_COLOUR},
        name=f"needle up to {depth_notes.mm(check.depth_max_mm)} mm (= depth straight in)",
        hovertemplate="Usual range %{x} mm of needle<extra></extra>"))
    if check.angle_deg < 90:
        reach_lane = f"Vertical reach<br>at {check.angle_deg:g}°"
        lanes.append(reach_lane)
        fig.add_trace(go.Scatter(
            x=[depths.vertical_reach_mm(check.depth_min_mm, check.angle_deg), check.vertical_reach_mm],
            y=[reach_lane] * 2, mode="lines+markers", line={"color": REACH_COLOUR, "width": 12},
            marker={"size": 12, "symbol": "line-ns-open", "color": REACH_COLOUR},
            name=f"reach at {check.angle_deg:g}°: {depth_notes.mm(check.vertical_reach_mm)} mm down",
            hovertemplate="The needle ends %{x:.1f} mm below the skin<extra></extra>"))
    shown_methods: set[str] = set()
    far = check.depth_max_mm
    ordered = rows.sort_values(["endpoint", "mean_mm", "min_mm"], na_position="last")
    for lane, (_, row) in zip(lane_labels(ordered), ordered.iterrows(), strict=True):
        lanes.append(lane)
        danger = row["endpoint"] == "danger"
        colour, symbol = METHOD_STYLE.get(str(row["method"]), (LANDMARK_COLOUR, "circle"))
        if not danger:
            colour, symbol = LANDMARK_COLOUR, symbol + "-open"
        spread = depths.spread_mm(row)
        centre = float(row["mean_mm"]) if row["mean_mm"] == row["mean_mm"] else depths.floor_mm(row)
        if spread:
            fig.add_trace(go.Scatter(x=list(spread), y=[lane] * 2, mode="lines", showlegend=False,
                                     line={"color": colour, "width": 3,
                                           "dash": "solid" if row["measure"] == "vertical" else "dot"},
                                     hoverinfo="skip"))
            far = max(far, spread[1])
        far = max(far, centre)
        legend_name = f"{method_words(row['method'])} (danger)" if danger else "landmark, not danger"
        show = legend_name not in shown_methods
        shown_methods.add(legend_name)
        fig.add_trace(go.Scatter(
            x=[centre], y=[lane], mode="markers", name=legend_name, showlegend=show, legendgroup=legend_name,
            marker={"size": 13, "symbol": symbol, "color": colour, "line": {"width": 2, "color": colour}},
            customdata=[[esc(str(row["structure"])), esc(str(row["direction"])), esc(_figure_text(row)),
                         esc(depths.how_measured(row))]],
            hovertemplate="%{customdata[2]}<br>to %{customdata[0]}<br>needle: %{customdata[1]}"
                          "<br>%{customdata[3]}<extra></extra>"))
    for reading in regressions_for(ds, site_id, population_or_default(population)):
        if reading.depth_mm is None:
            continue
        lane = esc(f"{reading.source} · regression at BMI {reading.bmi:g}")
        lanes.append(lane)
        far = max(far, reading.depth_mm)
        fig.add_trace(go.Scatter(
            x=[reading.depth_mm], y=[lane], mode="markers", name="regression on BMI",
            marker={"size": 13, "symbol": "x", "color": text_colour},
            hovertemplate=esc(reading.sentence()) + "<extra></extra>"))
    # The needle line is also the straight-in depth; the lanes' legend names both lines' values,
    # so only the danger line carries a label (labels at the foot collided with the lanes).
    fig.add_vline(x=check.depth_max_mm, line={"color": RANGE_COLOUR, "dash": "dot", "width": 2})
    if check.angle_deg < 90:
        fig.add_vline(x=check.vertical_reach_mm, line={"color": REACH_COLOUR, "dash": "dot", "width": 2})
    if check.nearest_mm is not None:
        fig.add_vline(x=check.nearest_mm, line={"color": DANGER_COLOUR, "dash": "dash", "width": 2},
                      annotation={"text": f"nearest danger {depth_notes.mm(check.nearest_mm)}",
                                  "font": {"color": DANGER_COLOUR}},
                      annotation_position="top right")
    notes = gauge_notes(ds, site_id, check, population)
    legend_rows = sum(1 for t in fig.data if t.showlegend is not False)  # one per row in a narrow column
    fig.update_layout(
        template="plotly_dark" if theme == "dark" else "plotly_white",
        height=height or 190 + 44 * len(lanes) + 14 * sum(lane.count("<br>") - 1 for lane in lanes) + 24 * legend_rows,
        margin={"l": 10, "r": 10, "t": 70, "b": 40 + 24 * legend_rows},
        title={"text": esc(f"{site_id} {site['name']}: depth from the skin, mm"), "font": {"size": 15},
               "y": 0.98, "yanchor": "top"},
        xaxis={"range": [0, max(10.0, far * 1.12)], "zeroline": True, "ticksuffix": " mm"},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(lanes)), "automargin": True},
        legend={"orientation": "h", "y": 0, "yanchor": "bottom", "yref": "container", "x": 0},
        font={"color": text_colour},
        meta={"site_id": site_id, "nearest_mm": check.nearest_mm, "margin_mm": check.margin_mm,
              "angle_deg": check.angle_deg, "vertical_reach_mm": round(check.vertical_reach_mm, 2),
              "within": check.within, "straight_in_crosses": check.straight_in_crosses,
              "disagreement": check.disagreement, "measured": check.measured, "notes": notes},
    )
    return fig


def population_or_default(chosen: depths.Population | None) -> depths.Population:
    return chosen if chosen is not None else depths.Population()


def gauge_notes(ds: Dataset, site_id: str, check: depths.DepthCheck | None = None,
                chosen: depths.Population | None = None) -> list[str]:
    """The gauge's reading in sentences: the perpendicular case, the rule, a missing measurement,
    each regression at the chosen BMI, a disagreement."""
    check = check or depths.check_site(ds, site_id, chosen)
    notes = []
    if check.nearest_mm is not None:
        notes.append(depth_notes.straight_in_sentence(check))
        notes += depth_notes.rule_sentences(check)
    elif ds.sites.at[site_id, "risk_zone"]:
        notes.append(NO_MEASUREMENT)
    notes += [r.sentence() for r in regressions_for(ds, site_id, population_or_default(chosen))]
    if check.disagreement:
        notes.append(check.disagreement)
    return notes


def lane_labels(rows: pd.DataFrame) -> list[str]:
    """A distinct y-axis label for each measurement row, short enough for a narrow column:
    "Chou2015 · MRI" over "all, n=394 · needle path", then the proxy's spot when there is one.
    Rows that still read alike (one study, group and spot, measured to two structures or on two
    sides) each get a third line naming the structure, or else the side from the row's id."""
    base = [_lane_label(row) for _, row in rows.iterrows()]
    labels = list(base)
    for label in set(base):
        group = [i for i, b in enumerate(base) if b == label]
        if len(group) < 2:
            continue
        structures = [_shorten(rows.iloc[i]["structure"]) for i in group]
        distinct = len(set(structures)) == len(group)
        for i, structure in zip(group, structures, strict=True):
            which = f"to {structure}" if distinct else str(rows.iloc[i]["measurement_id"]).rsplit("-", 1)[-1]
            labels[i] = f"{label}<br>{esc(which)}"
    for i, label in enumerate(labels):  # last resort: plotly needs distinct categories
        while label in labels[:i]:
            label += " "
        labels[i] = label
    return labels


def _lane_label(row: pd.Series) -> str:
    source_method, _, who = depths.describe_row(row).rpartition(" · ")
    tags = [t for t, on in (("needle path", row["measure"] != "vertical"), ("proxy", depths.is_proxy(row))) if on]
    label = esc(source_method) + "<br>" + esc(" · ".join([who, *tags]))
    if depths.is_proxy(row):
        # A study often measured several spots near one site; without the spot their lanes read alike.
        label += "<br>" + esc(_short_spot(row))
    return label


# The clinical abbreviations for the chest's reference lines keep a proxy's lane label as narrow as
# the lanes above it; a wider label squeezes the plot in the details column.
SPOT_ABBREVIATIONS = (("intercostal space", "ICS"), ("anterior axillary line", "AAL"),
                      ("mid-axillary line", "MAL"), ("midaxillary line", "MAL"),
                      ("mid-clavicular line", "MCL"), ("midclavicular line", "MCL"), ("the study's ", ""))


def _shorten(text: object, limit: int = 22) -> str:
    """Text up to its first bracket, with the trade's long words abbreviated, cut at ``limit``."""
    short = re.split(r"[(]", str(text), maxsplit=1)[0].strip().rstrip(",")
    for long, abbreviation in SPOT_ABBREVIATIONS:
        short = short.replace(long, abbreviation)
    return short if len(short) <= limit else short[: limit - 1].rstrip() + "…"


def _short_spot(row) -> str:
    """"at 5th ICS, MAL · 1.6 B-cun off": the proxy's spot, shortened."""
    spot = _shorten(row["proxy_spot"])
    distance = row.get("proxy_distance_cun")
    away = f" · {distance:g} B-cun off" if pd.notna(distance) else ""
    at = "" if spot.split(" ", 1)[0] in ("at", "over", "on", "under", "in", "below", "above") else "at "
    return f"{at}{spot}{away}"


def _figure_text(row) -> str:
    parts = []
    if row["mean_mm"] == row["mean_mm"]:
        parts.append(f"mean {row['mean_mm']:g} mm")
    if row["sd_mm"] == row["sd_mm"]:
        parts.append(f"SD {row['sd_mm']:g}")
    if row["min_mm"] == row["min_mm"]:
        hi = f"–{row['max_mm']:g}" if row["max_mm"] == row["max_mm"] else " and deeper"
        parts.append(f"range {row['min_mm']:g}{hi} mm")
    return ", ".join(parts) + f" ({row['evidence']})"
