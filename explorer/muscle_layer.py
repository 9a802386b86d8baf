"""The muscle layer of the body diagram (issue #13). Pure: no streamlit.

Outlines come from data/muscle_shapes.csv (grouped by explorer.muscles).
Every muscle is a translucent fill with a thin outline; deep muscles (under
others) are dashed and fainter, so the reader knows they lie beneath. A muscle
in ``opts.muscles_for`` (the chosen muscle, a selected trigger point's) is
drawn stronger and named. The traces of one view are built once per dataset,
theme and emphasis (``ds.derived``), since every session shares the dataset.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer import body, muscles

if TYPE_CHECKING:
    from explorer.data import Dataset
    from explorer.figures import FigureOptions, FigureParts

MEMO_SIZE = 64  # (view, theme, layer on or off, emphasis) combinations kept per dataset

# Muscle red-brown, a hue the risk zones and markers do not use.
STYLE: dict[str, dict[str, str]] = {
    "light": {"fill": "rgba(178,74,56,{a})", "line": "rgba(140,52,38,{a})", "name": "#7a2516"},
    "dark": {"fill": "rgba(226,128,104,{a})", "line": "rgba(240,160,138,{a})", "name": "#f3b3a0"},
}
# (fill alpha, line alpha, line width) per kind of trace.
WEIGHTS: dict[tuple[bool, bool], tuple[float, float, float]] = {
    # (emphasised, deep)
    (False, False): (0.13, 0.55, 0.8),
    (False, True): (0.05, 0.55, 0.8),
    (True, False): (0.34, 0.95, 2.0),
    (True, True): (0.16, 0.95, 1.8),
}


def add_muscles(fig: FigureParts, ds: Dataset, opts: FigureOptions) -> None:
    """Draw the muscles of ``opts.view``: all of them with the layer on, else those in ``opts.muscles_for``."""
    emphasis = tuple(sorted(set(opts.muscles_for)))
    theme = opts.theme if opts.theme in STYLE else "light"
    key = (opts.view, theme, opts.show_muscles, emphasis)
    memo = ds.derived.setdefault("muscle_traces", {})
    traces = memo.get(key)
    if traces is None:
        if len(memo) >= MEMO_SIZE:
            memo.pop(next(iter(memo)))
        traces = memo[key] = _traces(ds, opts.view, theme, opts.show_muscles, emphasis)
    for trace in traces:
        fig.add_trace(dict(trace))  # a shallow copy: the figure owns its dict, the arrays are shared
    for muscle in emphasis:
        _name_muscle(fig, ds, opts, muscle, STYLE[theme]["name"])


def _traces(ds: Dataset, view: str, theme: str, layer_on: bool, emphasis: tuple[str, ...]
            ) -> list[dict[str, object]]:
    from explorer.figures import scatter  # local: figures imports this module

    shapes = muscles.drawn_shapes(ds, view, None if layer_on else emphasis)
    style = STYLE[theme]
    out: list[dict[str, object]] = []
    for strong in (False, True):
        for deep in (False, True):
            chosen = [s for s in shapes if s.deep == deep and (s.muscle in emphasis) == strong]
            if not chosen:
                continue
            xs: list[float | None] = []
            ys: list[float | None] = []
            for shape in chosen:
                closed = (*shape.points, shape.points[0])
                xs += [body.to_plot(view, x) for x, _ in closed] + [None]
                ys += [y for _, y in closed] + [None]
            fill_a, line_a, width = WEIGHTS[(strong, deep)]
            if strong:
                name = ", ".join(emphasis) + (" (deep, dashed)" if deep else "")
            else:
                name = "Deep muscles (dashed)" if deep else "Muscles"
            out.append(scatter(
                x=xs, y=ys, mode="lines", fill="toself", fillcolor=style["fill"].format(a=fill_a),
                line=dict(color=style["line"].format(a=line_a), width=width, dash="dash" if deep else "solid"),
                hoverinfo="skip", name=name, showlegend=True,
                meta=[TRACE_TAG, "deep" if deep else "superficial", "chosen" if strong else "other",
                      *sorted({s.muscle for s in chosen})]))
    return out


# A muscle trace's ``meta`` is a list of strings: the tag, the layer, whether
# it is the chosen muscle, then the muscles it draws. (plotly.js draws nothing
# for a trace whose meta is an object with non-string values.)
TRACE_TAG = "muscle layer"


@dataclass(frozen=True)
class TraceFacts:
    muscles: tuple[str, ...]
    deep: bool
    emphasised: bool


def trace_facts(trace: object) -> TraceFacts | None:
    """What a figure trace draws, if it is one of the muscle layer's (None otherwise)."""
    meta = trace.get("meta") if isinstance(trace, dict) else getattr(trace, "meta", None)
    if not isinstance(meta, (list, tuple)) or len(meta) < 3 or meta[0] != TRACE_TAG:
        return None
    return TraceFacts(tuple(meta[3:]), meta[1] == "deep", meta[2] == "chosen")


def _name_muscle(fig: FigureParts, ds: Dataset, opts: FigureOptions, muscle: str, colour: str) -> None:
    """The muscle's name on its largest part on the subject's left, as the second cue besides weight."""
    left = [s for s in muscles.drawn_shapes(ds, opts.view, [muscle]) if s.side == "left"]
    if not left:
        return
    biggest = max(left, key=lambda s: muscles.area(s.points))
    cx, cy = muscles.centroid(biggest.points)
    fig.add_annotation(x=body.to_plot(opts.view, cx), y=cy, text=f"<b>{_escape(muscle)}</b>", showarrow=False,
                       font=dict(size=max(opts.font_size - 2, 9), color=colour), opacity=0.95)


def _escape(text: str) -> str:
    from explorer.figures import esc  # local: figures imports this module

    return esc(text)
