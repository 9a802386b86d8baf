"""Pure plotly builders: the body, its anatomy layers, risk zones and sites.

No streamlit here. Every site marker carries its site id in ``customdata[0]``
so a click can be traced back to the dataset whatever trace it lands in.
Text taken from the data is HTML-escaped before it reaches plotly, whose
labels understand a little HTML.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from explorer import anatomy, body, muscle_layer, zones
from explorer.body import Point, ellipse_points
from explorer.data import Dataset
from explorer.labels import place_labels

# Okabe-Ito colours: distinguishable with the common colour-vision
# deficiencies. Every colour also has a second cue (marker shape or label).
KIND_STYLE: dict[str, dict[str, str]] = {
    "acupoint": {"symbol": "circle", "color": "#0072B2", "label": "Acupoint (circle)"},
    "trigger_point": {"symbol": "diamond", "color": "#D55E00", "label": "Trigger point (diamond)"},
}
ZONE_COLOURS: dict[str, str] = {
    "chest": "#CC79A7",
    "neck": "#E69F00",
    "upper_back": "#009E73",
    "kidney": "#56B4E9",
    "eye": "#F0E442",
}
THEMES: dict[str, dict[str, str]] = {
    "light": {"skin": "#f6ebe2", "outline": "#6b5647", "bone": "#9c8b7e", "paper": "#ffffff",
              "text": "#1f1f1f", "lung": "#5b8fc9", "pleura": "#2f6db3", "ring": "#000000"},
    "dark": {"skin": "#3a3230", "outline": "#d8c3b3", "bone": "#a99b90", "paper": "#0e1117",
             "text": "#f0f0f0", "lung": "#8ab8ea", "pleura": "#b7d3f2", "ring": "#ffffff"},
}
X_RANGE = {"anterior": (-0.215, 0.215), "posterior": (-0.215, 0.215), "lateral": (-0.135, 0.135)}
Y_RANGE = (-0.012, 1.012)
WHOLE_BODY = "body"

# Zoom presets in plot coordinates (x as drawn, see body.to_plot): the
# subject's left hand is on the right of the anterior view and on the left of
# the posterior view. Each keeps a portrait aspect so labels get room.
_HEAD = ((-0.075, 0.075), (0.80, 1.01))
_TORSO = ((-0.13, 0.13), (0.47, 0.87))
REGION_LABELS: dict[str, str] = {
    WHOLE_BODY: "Whole body", "head": "Head and neck", "torso": "Torso", "arm": "Arm and hand",
    "hand": "Hand", "leg": "Leg and foot", "foot": "Foot",
}
REGIONS: dict[str, dict[str, tuple[tuple[float, float], tuple[float, float]]]] = {
    "head": {"anterior": _HEAD, "posterior": _HEAD, "lateral": _HEAD},
    "torso": {"anterior": _TORSO, "posterior": _TORSO, "lateral": ((-0.09, 0.09), (0.47, 0.87))},
    "arm": {"anterior": ((0.06, 0.225), (0.36, 0.84)), "posterior": ((-0.225, -0.06), (0.36, 0.84))},
    "hand": {"anterior": ((0.12, 0.21), (0.365, 0.50)), "posterior": ((-0.21, -0.12), (0.365, 0.50))},
    "leg": {"anterior": ((-0.01, 0.12), (-0.01, 0.52)), "posterior": ((-0.12, 0.01), (-0.01, 0.52)),
            "lateral": ((-0.1, 0.06), (-0.01, 0.52))},
    "foot": {"anterior": ((0.01, 0.08), (-0.008, 0.085)), "posterior": ((-0.08, -0.01), (-0.008, 0.085)),
             "lateral": ((-0.095, 0.05), (-0.03, 0.16))},
}

# Channel lines: seven colour-blind-safe colours, and a dash pattern as the
# second cue, so that no two channels look alike.
_LINE_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
_DASHES = ["solid", "dash"]
CHANNEL_ORDER = ("LU", "LI", "ST", "SP", "HT", "SI", "BL", "KI", "PC", "TE", "GB", "LR", "GV", "CV")


# Points where a channel's numbering restarts a second branch: the bladder
# channel's outer line begins again at T2 (BL41) after BL40 at the knee.
RESTARTS = {("BL", 41)}


def channel_style(channel: str, theme: str = "light") -> tuple[str, str]:
    """Line colour and dash of a channel; black becomes the theme's text colour,
    so that no line vanishes against a dark background."""
    i = CHANNEL_ORDER.index(channel)
    colour = _LINE_COLOURS[i % 7]
    if colour == "#000000":
        colour = THEMES[theme]["text"]
    return colour, _DASHES[i // 7]


def regions_for(view: str) -> list[str]:
    """Zoom presets available in a view, whole body first."""
    return [WHOLE_BODY] + [name for name, per_view in REGIONS.items() if view in per_view]


def view_ranges(view: str, region: str) -> tuple[tuple[float, float], tuple[float, float]]:
    per_view = REGIONS.get(region, {})
    return per_view.get(view, (X_RANGE[view], Y_RANGE))


def plot_ranges(opts: FigureOptions) -> tuple[tuple[float, float], tuple[float, float]]:
    """The figure's x and y ranges: explicit ones, else the zoom preset's."""
    return opts.ranges or view_ranges(opts.view, opts.region)


@dataclass(frozen=True)
class FigureOptions:
    view: str = "anterior"
    show_skeleton: bool = True
    show_muscles: bool = False  # the muscle layer: every muscle drawn in this view
    muscles_for: tuple[str, ...] = ()  # muscles drawn even with the layer off (the chosen one, a selected TP's)
    show_lungs: bool = False
    show_zones: bool = False
    highlight_zone: str | None = None
    show_labels: bool = False
    selected: str | None = None
    theme: str = "light"
    height: int = 760
    font_size: int = 13
    marker_size: int = 9
    region: str = WHOLE_BODY
    ranges: tuple[tuple[float, float], tuple[float, float]] | None = None  # explicit plot ranges, overriding region
    meridians: tuple[str, ...] = ()
    template: str = "plotly_white"  # explicit, so exports never inherit streamlit's
    emphasis: frozenset[str] | None = None  # sites that match the filters; others are drawn faint
    referrals_for: tuple[str, ...] = ()  # trigger points whose referral patterns are drawn
    pain_spot: tuple[float, float] | None = None  # body-frame x, y of a painful spot (view = this view)
    click_grid: bool = False  # a transparent grid so that a click anywhere on the body registers
    layout: str = "single"  # "single": the one view; "both": anterior and posterior side by side (LAYOUTS)
    thumbnail: bool = False  # a small linked picture: no legend, no labels, thin margins

# The diagram's layouts: one view, or the front and back side by side.
LAYOUTS = ("single", "both")
BOTH_VIEWS = ("anterior", "posterior")
VIEW_NAMES = {"anterior": "Front (anterior)", "posterior": "Back (posterior)", "lateral": "Side (lateral)"}
BOTH_GAP = 0.02  # the gap between the two views, as a fraction of the figure's width

# customdata[0] of the click grid's points: not a site id; customdata[1] is the grid's view.
GRID_ID = "@spot"
GRID_SPACING_CUN = 1.0


def coordinates(values: Sequence[float | None]) -> np.ndarray:
    """Plot coordinates as float32, gaps (None) as NaN (numpy's own conversion
    of None to a float). plotly sends numeric arrays base64-encoded (about 5
    characters a number instead of 7 or more as text) and copies them as one
    block instead of value by value; float32 keeps 1e-7 of body height, far
    finer than a pixel."""
    return np.asarray(values, dtype=np.float32)


def scatter(**props: object) -> dict[str, object]:
    """A scatter trace as a plain dict, which ``FigureParts`` (and a figure's
    ``add_trace``) take as it is. plotly's validation of every property costs
    about 10 ms a trace, so the traces built here are checked by the tests
    instead. Coordinates become ``coordinates``; per-point data (customdata)
    an object array, which plotly copies far faster than nested lists."""
    for axis in ("x", "y"):
        if axis in props:
            props[axis] = coordinates(props[axis])  # type: ignore[arg-type]
    if isinstance(props.get("customdata"), list):
        props["customdata"] = np.array(props["customdata"], dtype=object)
    return {"type": "scatter", **props}


@dataclass
class FigureParts:
    """The traces and annotations of one diagram, gathered first and made into
    a ``go.Figure`` once (``build``). Adding a trace to an existing figure
    makes plotly validate and deep-copy it again, which was most of the cost of
    a diagram of thousands of sites; the builders here use the same two
    methods as a figure, so they can also add to a finished one."""

    traces: list[dict[str, object]] = field(default_factory=list)
    annotations: list[dict[str, object]] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)

    def add_trace(self, trace: dict[str, object]) -> None:
        self.traces.append(trace)

    def add_annotation(self, **note: object) -> None:
        self.annotations.append(note)

    def build(self, layout: dict[str, object]) -> go.Figure:
        layout = {**layout, "annotations": self.annotations, "meta": {**layout.get("meta", {}), **self.meta}}
        return go.Figure(data=self.traces, layout=layout, _validate=False)


def esc(text: object) -> str:
    """Escape data text for plotly labels (which render a subset of HTML)."""
    return html.escape(str(text if text is not None else ""), quote=True)


def _line_xy(view: str, shapes: Iterable[Sequence[Point]], closed: bool = True
             ) -> tuple[list[float | None], list[float | None]]:
    """Concatenate polylines into one trace, separated by gaps (None)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for pts in shapes:
        seq = list(pts) + ([pts[0]] if closed and pts else [])
        xs += [body.to_plot(view, x) for x, _ in seq] + [None]
        ys += [y for _, y in seq] + [None]
    return xs, ys


def _layer_xy(view: str, shapes: Iterable[anatomy.Shape]) -> tuple[list[float | None], list[float | None]]:
    """Lines of anatomy shapes in one trace; areas (sternum, scapulae, eyes) are closed."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for shape in shapes:
        x2, y2 = _line_xy(view, [shape.points], closed=shape.closed)
        xs += x2
        ys += y2
    return xs, ys


# What the builders draw on: parts gathered for a new figure, or a finished figure.
Canvas = FigureParts | go.Figure


def add_body(fig: Canvas, opts: FigureOptions) -> None:
    colours = THEMES[opts.theme]
    xs, ys = _line_xy(opts.view, [body.outline(opts.view)])
    fig.add_trace(scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=colours["skin"],
                             line=dict(color=colours["outline"], width=1.6), hoverinfo="skip",
                             name="body", showlegend=False))
    layers = [("surface", "surface features", colours["outline"], 0.9)]
    if opts.show_skeleton:
        layers.append(("skeleton", "skeleton", colours["bone"], 1.0))
    for layer_name, trace_name, colour, width in layers:
        shapes = anatomy.layer(opts.view, layer_name)
        if not shapes:
            continue
        xs, ys = _layer_xy(opts.view, shapes)  # one trace per layer
        fig.add_trace(scatter(x=xs, y=ys, mode="lines", line=dict(color=colour, width=width),
                                 hoverinfo="skip", name=trace_name, showlegend=False))
    if opts.show_lungs:
        for layer_name, dash in (("pleura", "dot"), ("lung", "solid")):
            shapes = anatomy.layer(opts.view, layer_name)
            xs, ys = _line_xy(opts.view, [s.points for s in shapes])
            fig.add_trace(scatter(
                x=xs, y=ys, mode="lines", fill="toself" if layer_name == "lung" else None,
                fillcolor="rgba(91,143,201,0.14)" if layer_name == "lung" else None,
                line=dict(color=colours[layer_name], width=1.3, dash=dash), hoverinfo="skip",
                name="lungs" if layer_name == "lung" else "pleural reflection (dotted)", showlegend=True))


def add_zones(fig: Canvas, ds: Dataset | None, opts: FigureOptions) -> None:
    wanted = [opts.highlight_zone] if (opts.highlight_zone and not opts.show_zones) else list(zones.ZONE_ORDER)
    for zone in wanted:
        areas = zones.areas_in(opts.view, zone)
        if not areas:
            continue
        label = zone.replace("_", " ")
        if ds is not None and zone in ds.zones.index:
            label = str(ds.zones.at[zone, "label"])
        strong = opts.highlight_zone == zone
        xs, ys = _line_xy(opts.view, [a.points for a in areas])
        colour = ZONE_COLOURS[zone]
        fig.add_trace(scatter(
            x=xs, y=ys, mode="lines", fill="toself", fillcolor=_rgba(colour, 0.42 if strong else 0.22),
            line=dict(color=colour, width=2.6 if strong else 1.2, dash="solid" if strong else "dash"),
            name=f"Risk zone: {esc(label)}", hoverinfo="skip", showlegend=True))
        # Second cue besides colour: the zone's name written on it.
        cx, cy = _label_point(opts.view, areas[0].points)
        fig.add_annotation(x=cx, y=cy, text=f"<i>{esc(label)}</i>", showarrow=False,
                           font=dict(size=opts.font_size - 2, color=THEMES[opts.theme]["text"]),
                           opacity=0.85)


def _label_point(view: str, pts: Sequence[Point]) -> tuple[float, float]:
    xs = [body.to_plot(view, x) for x, _ in pts]
    ys = [y for _, y in pts]
    return (max(xs) + min(xs)) / 2, max(ys) - (max(ys) - min(ys)) * 0.12


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i: i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def site_positions(ds: Dataset, view: str, site_ids: Iterable[str] | None = None
                   ) -> list[tuple[str, float, float]]:
    """(site_id, plot x, y) for every drawn marker of a view; bilateral sites
    give two markers, one per side."""
    every = ds.derived.get(("positions", view))
    if every is None:
        every = ds.derived[("positions", view)] = _all_positions(ds, view)
    if site_ids is None:
        return list(every)
    wanted = set(site_ids)
    return [p for p in every if p[0] in wanted]


def sites_near(ds: Dataset, view: str, x: float, y: float, radius: float,
               site_ids: Iterable[str] | None = None) -> list[str]:
    """Sites with a marker within ``radius`` of a plot point (plot coordinates),
    nearest first: the candidates when a click lands where markers overlap."""
    nearest: dict[str, float] = {}
    for sid, px, py in site_positions(ds, view, site_ids):
        distance = math.hypot(px - x, py - y)
        if distance <= radius and distance < nearest.get(sid, math.inf):
            nearest[sid] = distance
    return sorted(nearest, key=nearest.__getitem__)


def _all_positions(ds: Dataset, view: str) -> list[tuple[str, float, float]]:
    out: list[tuple[str, float, float]] = []
    sites = ds.sites
    rows = sites[sites["view"] == view][["site_id", "x", "y", "bilateral"]]
    extra = ds.placements[ds.placements["view"] == view] if len(ds.placements) else None
    records = list(rows.itertuples(index=False))
    if extra is not None and len(extra):
        bil = sites["bilateral"].to_dict()
        records += [(r.site_id, r.x, r.y, bil.get(r.site_id, False)) for r in extra.itertuples(index=False)]
    for sid, x, y, bilateral in records:
        out.append((sid, body.to_plot(view, x), y))
        if bilateral and view != "lateral":
            out.append((sid, body.to_plot(view, -x), y))
    return out


def _marker_facts(ds: Dataset) -> dict[str, tuple[str, str, str, str]]:
    """site_id -> (kind, escaped name, escaped pinyin or muscle, meridian), built once per dataset."""
    facts = ds.derived.get("marker_facts")
    if facts is None:
        sites = ds.sites
        second = [p or m for p, m in zip(sites["pinyin"], sites["muscle"], strict=False)]
        facts = ds.derived["marker_facts"] = {
            sid: (kind, esc(name), esc(extra), meridian)
            for sid, kind, name, extra, meridian in zip(sites.index, sites["kind"], sites["name"], second,
                                                        sites["meridian"], strict=False)}
    return facts


def add_sites(fig: Canvas, ds: Dataset, opts: FigureOptions, site_ids: Iterable[str] | None) -> None:
    positions = site_positions(ds, opts.view, site_ids)
    sites = ds.sites
    colours = THEMES[opts.theme]
    facts = _marker_facts(ds)
    narrowed = opts.emphasis is not None or bool(opts.meridians)
    for kind, style in KIND_STYLE.items():
        pts = [p for p in positions if facts[p[0]][0] == kind]
        if not pts:
            continue
        ids = [p[0] for p in pts]
        if opts.emphasis is not None:
            emphasised = [s in opts.emphasis for s in ids]
        else:
            emphasised = [bool(opts.meridians) and facts[s][3] in opts.meridians for s in ids]
        marker = dict(symbol=style["symbol"], color=style["color"], size=opts.marker_size,
                      line=dict(color="white" if opts.theme == "light" else "#0e1117", width=1))
        if narrowed:  # per-point sizes only when something is emphasised: fewer bytes per rerun
            marker["size"] = [opts.marker_size * (1.35 if e else 1) for e in emphasised]
            marker["opacity"] = [1.0 if e else 0.3 for e in emphasised]
        fig.add_trace(scatter(
            x=[p[1] for p in pts], y=[p[2] for p in pts], mode="markers", marker=marker,
            customdata=[[s, facts[s][1], facts[s][2]] for s in ids],
            hovertemplate="<b>%{customdata[0]}</b> %{customdata[1]}<br>%{customdata[2]}<extra></extra>",
            name=style["label"], showlegend=True))
    if opts.selected and opts.selected in sites.index:
        sel = [p for p in positions if p[0] == opts.selected]
        if sel:
            fig.add_trace(scatter(
                x=[p[1] for p in sel], y=[p[2] for p in sel], mode="markers+text",
                text=[esc(opts.selected)] + [""] * (len(sel) - 1), textposition="top center",
                textfont=dict(size=opts.font_size, color=colours["text"]),
                marker=dict(symbol="circle-open", size=opts.marker_size * 2.2, color=colours["ring"],
                            line=dict(width=2.5)),
                customdata=[[opts.selected, esc(sites.at[opts.selected, "name"]), ""]] * len(sel),
                hovertemplate="<b>%{customdata[0]}</b> %{customdata[1]} (selected)<extra></extra>",
                name="Selected site", showlegend=False))


def add_pathways(fig: Canvas, ds: Dataset, opts: FigureOptions) -> None:
    """Each chosen channel as a line through its points in numbering order.

    Consecutive points drawn in different views break the line; the break
    is labelled at the last point with where the channel goes on."""
    for channel in opts.meridians:
        if channel not in CHANNEL_ORDER:
            continue
        colour, dash = channel_style(channel, opts.theme)
        segments, notes = channel_segments(ds, channel, opts.view)
        xs: list[float | None] = []
        ys: list[float | None] = []
        sides = (1, -1) if opts.view != "lateral" and channel not in ("GV", "CV") else (1,)
        for side in sides:
            for seg in segments:
                xs += [side * px for px, _ in seg] + [None]
                ys += [py for _, py in seg] + [None]
        if xs:
            fig.add_trace(scatter(x=xs, y=ys, mode="lines", line=dict(color=colour, width=2.2, dash=dash),
                                     hoverinfo="skip", name=f"{channel} channel", showlegend=True))
        for px, py, text in notes:
            fig.add_annotation(x=px, y=py, text=esc(text), showarrow=True, arrowhead=2, arrowsize=0.8,
                               ax=28 if px >= 0 else -28, ay=-18, font=dict(size=opts.font_size - 3, color=colour),
                               bgcolor=_rgba("#ffffff" if opts.theme == "light" else "#0e1117", 0.8))


def channel_segments(ds: Dataset, channel: str, view: str
                     ) -> tuple[list[list[tuple[float, float]]], list[tuple[float, float, str]]]:
    """The drawn runs of a channel in one view (plot coordinates, stored side)
    and the labels where it leaves the view."""
    pattern = re.compile(rf"^{channel}(\d+)$")
    numbered = sorted((int(m.group(1)), sid) for sid in ds.sites.index if (m := pattern.match(sid)))
    where: dict[str, tuple[float, float]] = {}
    for sid, px, py in site_positions(ds, view, [sid for _, sid in numbered]):
        where.setdefault(sid, (px, py))  # the stored (left) side
    segments: list[list[tuple[float, float]]] = []
    notes: list[tuple[float, float, str]] = []
    current: list[tuple[float, float]] = []
    for i, (number, sid) in enumerate(numbered):
        if (channel, number) in RESTARTS and current:
            segments.append(current)  # a branch that starts again elsewhere: no joining line
            current = []
        if sid in where:
            current.append(where[sid])
            continue
        if current:
            segments.append(current)
            prev = numbered[i - 1][1] if i > 0 else None
            if prev in where:
                notes.append((*where[prev], f"{channel} continues: {sid}, {ds.sites.at[sid, 'view']} view"))
            current = []
    if current:
        segments.append(current)
    return segments, notes


def add_referrals(fig: Canvas, ds: Dataset, opts: FigureOptions, site_ids: Iterable[str | None]) -> None:
    """The referred-pain patterns of trigger points: essential areas solid,
    spillover hatched (a second cue besides the shade)."""
    wanted = {s for s in site_ids if s in ds.sites.index and ds.sites.at[s, "kind"] == "trigger_point"}
    if not wanted:
        return
    ref = ds.referrals[ds.referrals["site_id"].isin(wanted) & (ds.referrals["view"] == opts.view)]
    for area, colour, alpha, pattern in (("spillover", "#E69F00", 0.30, "/"), ("essential", "#D55E00", 0.45, "")):
        rows = ref[ref["area"] == area]
        if rows.empty:
            continue
        shapes = [ellipse_points(r.cx, r.cy, r.rx, r.ry, r.angle_deg, n=36) for r in rows.itertuples()]
        xs, ys = _line_xy(opts.view, shapes)
        fig.add_trace(scatter(
            x=xs, y=ys, mode="lines", fill="toself", fillcolor=_rgba(colour, alpha),
            fillpattern=dict(shape=pattern, fgcolor=colour, solidity=0.25) if pattern else None,
            line=dict(color=colour, width=1), hoverinfo="skip",
            name=f"Referred pain: {area}" + (" (hatched)" if pattern else ""), showlegend=True))


def referral_views(ds: Dataset, site_id: str | None) -> list[str]:
    """The views in which a trigger point's referral pattern lies, in body.VIEWS order."""
    if not site_id or site_id not in ds.sites.index or ds.sites.at[site_id, "kind"] != "trigger_point":
        return []
    views = set(ds.referrals.loc[ds.referrals["site_id"] == site_id, "view"])
    return [view for view in body.VIEWS if view in views]


def add_labels(fig: FigureParts, ds: Dataset, opts: FigureOptions, site_ids: Iterable[str] | None) -> None:
    """Site codes as labels that never overlap each other or a marker."""
    (x0, x1), (y0, y1) = plot_ranges(opts)
    plot_h = opts.height - 16
    scale = plot_h / (y1 - y0)  # pixels per body-frame unit (the axes share one scale)
    positions = [p for p in site_positions(ds, opts.view, site_ids) if x0 <= p[1] <= x1 and y0 <= p[2] <= y1]
    if opts.emphasis is not None:  # label what the filters found, not the faint rest
        positions = [p for p in positions if p[0] in opts.emphasis]
    if len(positions) > MAX_LABELS:
        fig.meta.update(labels=0, label_candidates=len(positions))
        return
    seen: set[str] = set()
    ordered = []
    for sid, px, py in positions:  # label the stored side; the mirror copy stays unlabelled
        if sid not in seen:
            seen.add(sid)
            ordered.append((sid, px, py))
    if opts.selected:
        ordered.sort(key=lambda p: p[0] != opts.selected)
    pixels = [((px - x0) * scale, (y1 - py) * scale) for _, px, py in ordered]
    all_markers = [((px - x0) * scale, (y1 - py) * scale) for _, px, py in positions]
    font = opts.font_size - 3
    # Placing labels is the slowest step of a zoomed figure; the same zoom,
    # sites and sizes always give the same placement, so keep it per dataset.
    memo_key = (opts.view, opts.region, opts.ranges, opts.height, opts.font_size, opts.marker_size,
                opts.selected, None if site_ids is None else frozenset(site_ids), opts.emphasis)
    memo = ds.derived.setdefault("labels", {})
    placed = memo.get(memo_key)
    if placed is None:
        if len(memo) > 400:  # bounded: zooms x selections x filters could grow without end
            memo.clear()
        placed = memo[memo_key] = place_labels(
            pixels + [m for m in all_markers if m not in pixels],
            [s for s, _, _ in ordered] + [""] * (len(all_markers) - len(pixels)), font, opts.marker_size,
            bounds=(0, 0, (x1 - x0) * scale, plot_h))
    colours = THEMES[opts.theme]
    notes = []
    for p in placed:
        sid, px, py = ordered[p.index]
        text_font = dict(size=font, color=colours["text"])
        if math.hypot(p.dx, p.dy) > font * 2.2:  # displaced far: a leader line back to the marker
            notes.append(dict(x=px, y=py, text=esc(sid), ax=p.dx, ay=p.dy, showarrow=True, arrowhead=0,
                              arrowwidth=0.7, arrowcolor=colours["bone"], standoff=opts.marker_size / 2,
                              font=text_font))
        else:  # beside the marker (plotly ignores ax/ay without an arrow, so shift instead)
            notes.append(dict(x=px, y=py, text=esc(sid), showarrow=False, xshift=p.dx, yshift=-p.dy,
                              font=text_font, xanchor="center", yanchor="middle"))
    fig.annotations.extend(notes)
    fig.meta.update(labels=len(placed), label_candidates=len(ordered))


def add_spine_labels(fig: Canvas, opts: FigureOptions) -> None:
    if opts.view != "posterior" or not opts.show_skeleton:
        return
    for level in anatomy.LABELLED_LEVELS:
        fig.add_annotation(x=body.to_plot("posterior", 0.0) - 0.006, y=body.SPINOUS[level] * body.CUN,
                           text=level, showarrow=False, xanchor="right",
                           font=dict(size=opts.font_size - 4, color=THEMES[opts.theme]["bone"]))


FIGURE_MEMO_SIZE = 48  # figures remembered per dataset: a class asks for the same few views
MAX_LABELS = 400  # above this many sites in view, labels are left off (placement grows with the square)


def cached_body_figure(ds: Dataset, opts: FigureOptions, site_ids: Iterable[str] | None = None) -> go.Figure:
    """body_figure, remembered per dataset for the same options and sites. The
    figure is shared between sessions, so callers must not change it."""
    key = ("figure", opts, None if site_ids is None else frozenset(site_ids))
    memo = ds.derived.setdefault("figures", {})
    fig = memo.get(key)
    if fig is None:
        if len(memo) >= FIGURE_MEMO_SIZE:
            memo.pop(next(iter(memo)))  # the oldest first
        fig = memo[key] = body_figure(ds, opts, site_ids)
    return fig


def body_figure(ds: Dataset, opts: FigureOptions, site_ids: Iterable[str] | None = None) -> go.Figure:
    """The body diagram of one view with its layers and the given sites
    (all sites of the view when ``site_ids`` is None); with ``layout="both"``
    the anterior and posterior views side by side (``two_view_figure``)."""
    if opts.layout not in LAYOUTS:
        raise ValueError(f"unknown layout {opts.layout!r}")
    if opts.layout == "both":
        return two_view_figure(ds, opts, site_ids)
    if opts.view not in body.VIEWS:
        raise ValueError(f"unknown view {opts.view!r}")
    return view_parts(ds, opts, site_ids).build(figure_layout(opts))


def view_parts(ds: Dataset, opts: FigureOptions, site_ids: Iterable[str] | None = None) -> FigureParts:
    """The traces and annotations of one view's diagram."""
    fig = FigureParts()
    add_body(fig, opts)
    if opts.show_muscles or opts.muscles_for:
        muscle_layer.add_muscles(fig, ds, opts)
    if opts.show_zones or opts.highlight_zone:
        add_zones(fig, ds, opts)
    add_spine_labels(fig, opts)
    add_referrals(fig, ds, opts, [opts.selected, *opts.referrals_for])
    add_pathways(fig, ds, opts)
    if opts.click_grid:
        add_click_grid(fig, opts)
    add_sites(fig, ds, opts, site_ids)
    if opts.pain_spot:
        add_pain_spot(fig, opts)
    if opts.show_labels and not opts.thumbnail:
        add_labels(fig, ds, opts, site_ids)
    return fig


def figure_layout(opts: FigureOptions) -> dict[str, object]:
    """The layout of a one-view diagram: fixed axes of one scale, no drag."""
    colours = THEMES[opts.theme]
    x_range, y_range = plot_ranges(opts)
    margin = dict(l=0, r=0, t=0, b=0) if opts.thumbnail else dict(l=4, r=4, t=8, b=4)
    return dict(
        template=pio.templates[opts.template], height=opts.height, margin=margin,
        paper_bgcolor=colours["paper"], plot_bgcolor=colours["paper"],
        font=dict(size=opts.font_size, color=colours["text"]),
        showlegend=not opts.thumbnail,
        legend=dict(orientation="v", yanchor="top", y=0.995, x=0.005, xanchor="left",
                    bgcolor=_rgba(colours["paper"], 0.75), font=dict(size=opts.font_size - 3)),
        dragmode=False, hovermode="closest", clickmode="event+select",
        uirevision=f"{opts.layout}-{opts.view}-{opts.region}",
        meta={"view": opts.view, "region": opts.region, "layout": opts.layout},
        xaxis=dict(range=list(x_range), visible=False, fixedrange=True),
        # A thumbnail narrower than the body shrinks its plot area rather than crop the body.
        yaxis=dict(range=list(y_range), visible=False, fixedrange=True, scaleanchor="x", scaleratio=1,
                   constrain="domain" if opts.thumbnail else None),
    )


def two_view_figure(ds: Dataset, opts: FigureOptions, site_ids: Iterable[str] | None = None) -> go.Figure:
    """The anterior and posterior views side by side in one figure: the first
    on axes x/y (left half), the second on x2/y2 (right half), each with the
    view's own ranges at one shared scale. Every marker keeps its site id in
    ``customdata[0]``, so a click in either half selects its site. A painful
    spot is drawn only in the view it was marked in; legend entries are not
    repeated."""
    first, second = (replace(opts, view=view, layout="single",
                             pain_spot=opts.pain_spot if view == opts.view else None) for view in BOTH_VIEWS)
    left, right = view_parts(ds, first, site_ids), view_parts(ds, second, site_ids)
    named = {t.get("name") for t in left.traces if t.get("showlegend")}
    for trace in right.traces:
        trace["xaxis"], trace["yaxis"] = "x2", "y2"
        if trace.get("name") in named:
            trace["showlegend"] = False
    for note in right.annotations:
        note["xref"], note["yref"] = "x2", "y2"
    layout = figure_layout(first)
    (x0, x1), y_range = plot_ranges(second)
    half = (1 - BOTH_GAP) / 2
    layout["xaxis"] = {**layout["xaxis"], "domain": [0, half]}  # type: ignore[dict-item]
    layout["xaxis2"] = dict(range=[x0, x1], visible=False, fixedrange=True, domain=[1 - half, 1])
    layout["yaxis2"] = dict(range=list(y_range), visible=False, fixedrange=True, scaleanchor="x2", scaleratio=1,
                            anchor="x2")
    layout["meta"] = {"view": opts.view, "views": list(BOTH_VIEWS), "region": opts.region, "layout": "both"}
    # The legend in a row beneath the bodies (at the top left it would cover the front view's head);
    # each half named at its top right.
    layout["legend"] = {**layout["legend"], "orientation": "h", "x": 0.5, "xanchor": "center",  # type: ignore[dict-item]
                        "y": 0, "yanchor": "top"}
    layout["margin"] = {**layout["margin"], "b": 2 * opts.font_size + 4}  # type: ignore[dict-item]
    names = [dict(x=x, y=1, xref="paper", yref="paper", xanchor="right", yanchor="top", showarrow=False,
                  text=f"<b>{VIEW_NAMES[view]}</b>", font=dict(size=opts.font_size, color=THEMES[opts.theme]["text"]))
             for x, view in ((half, BOTH_VIEWS[0]), (1.0, BOTH_VIEWS[1]))]
    layout["uirevision"] = f"both-{opts.region}"
    parts = FigureParts(left.traces + right.traces, left.annotations + right.annotations + names,
                        {**left.meta, **{f"{k}_2": v for k, v in right.meta.items()}})
    return parts.build(layout)


def grid_points(view: str, spacing_cun: float, ranges: tuple[tuple[float, float], tuple[float, float]]
                ) -> list[tuple[float, float]]:
    """Plot coordinates of the body's grid points (body.grid_inside) that fall within the plot ranges
    (the posterior and lateral views are drawn mirrored)."""
    (x0, x1), (y0, y1) = ranges
    inside = [(body.to_plot(view, x), y) for x, y in body.grid_inside(view, spacing_cun)]
    return [(x, y) for x, y in inside if x0 <= x <= x1 and y0 <= y <= y1]


def add_click_grid(fig: Canvas, opts: FigureOptions) -> None:
    """Invisible points over the body, one per GRID_SPACING_CUN, so that a
    click on bare skin reports where it landed."""
    spacing = GRID_SPACING_CUN / 2 if opts.region != WHOLE_BODY else GRID_SPACING_CUN
    pts = grid_points(opts.view, spacing, plot_ranges(opts))
    fig.add_trace(scatter(
        x=[p[0] for p in pts], y=[p[1] for p in pts], mode="markers",
        marker=dict(size=opts.marker_size * 1.6, color="rgba(0,0,0,0)"),
        customdata=[[GRID_ID, opts.view]] * len(pts), hovertemplate="Painful here?<extra></extra>",
        name="Click where it hurts", showlegend=False))


def add_pain_spot(fig: Canvas, opts: FigureOptions) -> None:
    x, y = opts.pain_spot  # type: ignore[misc]
    fig.add_trace(scatter(
        x=[body.to_plot(opts.view, x)], y=[y], mode="markers", hoverinfo="skip",
        marker=dict(symbol="star", size=opts.marker_size * 2.4, color="#F0E442",
                    line=dict(color=THEMES[opts.theme]["ring"], width=1.5)),
        name="Where it hurts (star)", showlegend=True))


def figure_site_ids(fig: go.Figure) -> set[str]:
    """Every site id drawn as a marker in a figure (for tests and exports)."""
    ids: set[str] = set()
    for trace in fig.data:
        if trace.customdata is not None:
            ids.update(str(c[0]) for c in trace.customdata)
    ids.discard(GRID_ID)
    return ids
