"""Pure plotly builders: the body, its anatomy layers, risk zones and sites.

No streamlit here. Every site marker carries its site id in ``customdata[0]``
so a click can be traced back to the dataset whatever trace it lands in.
Text taken from the data is HTML-escaped before it reaches plotly, whose
labels understand a little HTML.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from explorer import anatomy, body, zones
from explorer.body import Point
from explorer.data import Dataset

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


@dataclass(frozen=True)
class FigureOptions:
    view: str = "anterior"
    show_skeleton: bool = True
    show_lungs: bool = False
    show_zones: bool = False
    highlight_zone: str | None = None
    show_labels: bool = False
    selected: str | None = None
    theme: str = "light"
    height: int = 760
    font_size: int = 13
    marker_size: int = 9
    x_range: tuple[float, float] | None = None
    y_range: tuple[float, float] | None = None
    template: str = "plotly_white"  # explicit, so exports never inherit streamlit's


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


def add_body(fig: go.Figure, opts: FigureOptions) -> None:
    colours = THEMES[opts.theme]
    xs, ys = _line_xy(opts.view, [body.outline(opts.view)])
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=colours["skin"],
                             line=dict(color=colours["outline"], width=1.6), hoverinfo="skip",
                             name="body", showlegend=False))
    if opts.show_skeleton:
        # One trace for the whole layer; areas (sternum, scapulae) are closed.
        xs, ys = [], []
        for s in anatomy.layer(opts.view, "skeleton"):
            x2, y2 = _line_xy(opts.view, [s.points], closed=s.closed)
            xs += x2
            ys += y2
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=colours["bone"], width=1),
                                 hoverinfo="skip", name="skeleton", showlegend=False))
    if opts.show_lungs:
        for layer_name, dash in (("pleura", "dot"), ("lung", "solid")):
            shapes = anatomy.layer(opts.view, layer_name)
            xs, ys = _line_xy(opts.view, [s.points for s in shapes])
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines", fill="toself" if layer_name == "lung" else None,
                fillcolor="rgba(91,143,201,0.14)" if layer_name == "lung" else None,
                line=dict(color=colours[layer_name], width=1.3, dash=dash), hoverinfo="skip",
                name="lungs" if layer_name == "lung" else "pleural reflection (dotted)", showlegend=True))


def add_zones(fig: go.Figure, ds: Dataset | None, opts: FigureOptions) -> None:
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
        fig.add_trace(go.Scatter(
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
    wanted = None if site_ids is None else set(site_ids)
    out: list[tuple[str, float, float]] = []
    sites = ds.sites
    rows = sites[sites["view"] == view][["site_id", "x", "y", "bilateral"]]
    extra = ds.placements[ds.placements["view"] == view] if len(ds.placements) else None
    records = list(rows.itertuples(index=False))
    if extra is not None and len(extra):
        bil = sites["bilateral"].to_dict()
        records += [(r.site_id, r.x, r.y, bil.get(r.site_id, False)) for r in extra.itertuples(index=False)]
    for sid, x, y, bilateral in records:
        if wanted is not None and sid not in wanted:
            continue
        out.append((sid, body.to_plot(view, x), y))
        if bilateral and view != "lateral":
            out.append((sid, body.to_plot(view, -x), y))
    return out


def add_sites(fig: go.Figure, ds: Dataset, opts: FigureOptions, site_ids: Iterable[str] | None) -> None:
    positions = site_positions(ds, opts.view, site_ids)
    sites = ds.sites
    colours = THEMES[opts.theme]
    for kind, style in KIND_STYLE.items():
        pts = [p for p in positions if sites.at[p[0], "kind"] == kind]
        if not pts:
            continue
        ids = [p[0] for p in pts]
        names = [esc(sites.at[s, "name"]) for s in ids]
        extra = [esc(sites.at[s, "pinyin"] or sites.at[s, "muscle"]) for s in ids]
        fig.add_trace(go.Scatter(
            x=[p[1] for p in pts], y=[p[2] for p in pts], mode="markers+text" if opts.show_labels else "markers",
            text=[esc(s) for s in ids] if opts.show_labels else None, textposition="middle right",
            textfont=dict(size=opts.font_size - 3, color=colours["text"]),
            marker=dict(symbol=style["symbol"], size=opts.marker_size, color=style["color"],
                        line=dict(color="white" if opts.theme == "light" else "#0e1117", width=1)),
            customdata=[[s, n, e] for s, n, e in zip(ids, names, extra, strict=False)],
            hovertemplate="<b>%{customdata[0]}</b> %{customdata[1]}<br>%{customdata[2]}<extra></extra>",
            name=style["label"], showlegend=True))
    if opts.selected and opts.selected in sites.index:
        sel = [p for p in positions if p[0] == opts.selected]
        if sel:
            fig.add_trace(go.Scatter(
                x=[p[1] for p in sel], y=[p[2] for p in sel], mode="markers+text",
                text=[esc(opts.selected)] + [""] * (len(sel) - 1), textposition="top center",
                textfont=dict(size=opts.font_size, color=colours["text"]),
                marker=dict(symbol="circle-open", size=opts.marker_size * 2.2, color=colours["ring"],
                            line=dict(width=2.5)),
                customdata=[[opts.selected, esc(sites.at[opts.selected, "name"]), ""]] * len(sel),
                hovertemplate="<b>%{customdata[0]}</b> %{customdata[1]} (selected)<extra></extra>",
                name="Selected site", showlegend=False))


def add_spine_labels(fig: go.Figure, opts: FigureOptions) -> None:
    if opts.view != "posterior" or not opts.show_skeleton:
        return
    for level in anatomy.LABELLED_LEVELS:
        fig.add_annotation(x=body.to_plot("posterior", 0.0) - 0.006, y=body.SPINOUS[level] * body.CUN,
                           text=level, showarrow=False, xanchor="right",
                           font=dict(size=opts.font_size - 4, color=THEMES[opts.theme]["bone"]))


def body_figure(ds: Dataset, opts: FigureOptions, site_ids: Iterable[str] | None = None) -> go.Figure:
    """The body diagram of one view with its layers and the given sites
    (all sites of the view when ``site_ids`` is None)."""
    if opts.view not in body.VIEWS:
        raise ValueError(f"unknown view {opts.view!r}")
    colours = THEMES[opts.theme]
    fig = go.Figure()
    add_body(fig, opts)
    if opts.show_zones or opts.highlight_zone:
        add_zones(fig, ds, opts)
    add_spine_labels(fig, opts)
    add_sites(fig, ds, opts, site_ids)
    x_range = opts.x_range or X_RANGE[opts.view]
    y_range = opts.y_range or Y_RANGE
    fig.update_layout(
        template=opts.template, height=opts.height, margin=dict(l=4, r=4, t=8, b=4),
        paper_bgcolor=colours["paper"], plot_bgcolor=colours["paper"],
        font=dict(size=opts.font_size, color=colours["text"]),
        legend=dict(orientation="h", yanchor="top", y=-0.005, x=0, font=dict(size=opts.font_size - 2)),
        dragmode=False, hovermode="closest", clickmode="event+select",
        uirevision=f"{opts.view}",
        meta={"view": opts.view},
    )
    fig.update_xaxes(range=list(x_range), visible=False, fixedrange=True)
    fig.update_yaxes(range=list(y_range), visible=False, fixedrange=True, scaleanchor="x", scaleratio=1)
    return fig


def figure_site_ids(fig: go.Figure) -> set[str]:
    """Every site id drawn as a marker in a figure (for tests and exports)."""
    ids: set[str] = set()
    for trace in fig.data:
        if trace.customdata is not None:
            ids.update(str(c[0]) for c in trace.customdata)
    return ids
