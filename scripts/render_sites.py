"""Render sites of a data folder onto the three body views, for curators.

    python scripts/render_sites.py DATA_DIR OUT.png [--match REGEX] [--view VIEW] [--zoom X0 X1 Y0 Y1]

Bilateral sites are drawn on both sides; labels show the site id. --zoom
takes body-frame fractions (plot coordinates) to inspect crowded areas.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import plotly.graph_objects as go

from explorer import audit, body
from explorer.data import load_dataset


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("out")
    ap.add_argument("--match", default="")
    ap.add_argument("--view", choices=body.VIEWS)
    ap.add_argument("--zoom", nargs=4, type=float)
    args = ap.parse_args()
    ds = load_dataset(Path(args.data_dir))
    for p in ds.problems[:30]:
        print("SCHEMA", p)
    rows = audit.placement_rows(ds)
    if args.match:
        rows = rows[rows["site_id"].str.contains(args.match, regex=True)]
    views = [args.view] if args.view else list(body.VIEWS)
    figs = []
    for view in views:
        fig = go.Figure()
        pts = body.outline(view)
        fig.add_trace(go.Scatter(x=[body.to_plot(view, x) for x, _ in pts] + [body.to_plot(view, pts[0][0])],
                                 y=[y for _, y in pts] + [pts[0][1]], mode="lines", fill="toself",
                                 fillcolor="#f3e6dc", line=dict(color="#7a6a5d")))
        for r in ds.referrals[ds.referrals["view"] == view].itertuples():
            if args.match and not re.search(args.match, r.site_id):
                continue
            e = audit.ellipse_samples(r.cx, r.cy, r.rx, r.ry, r.angle_deg, n=40)
            for sign in ((1, -1) if view != "lateral" else (1,)):
                fig.add_trace(go.Scatter(x=[body.to_plot(view, sign * x) for x, _ in e], y=[y for _, y in e],
                                         mode="lines", fill="toself", opacity=0.3,
                                         line=dict(color="red" if r.area == "essential" else "orange")))
        sub = rows[rows["view"] == view]
        bil = ds.sites["bilateral"].to_dict()
        xs, ys, labels = [], [], []
        for r in sub.itertuples():
            for sign in ((1, -1) if bil.get(r.site_id) and view != "lateral" else (1,)):
                xs.append(body.to_plot(view, sign * r.x))
                ys.append(r.y)
                labels.append(r.site_id if sign == 1 else "")
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="markers+text", text=labels, textposition="middle right",
                                 textfont=dict(size=9), marker=dict(size=5, color="#1f4e9c")))
        fig.update_layout(title=view, showlegend=False, template="plotly_white", width=900, height=1400,
                          margin=dict(l=10, r=10, t=40, b=10))
        fig.update_yaxes(scaleanchor="x", scaleratio=1)
        if args.zoom:
            fig.update_xaxes(range=args.zoom[:2])
            fig.update_yaxes(range=args.zoom[2:])
        figs.append(fig)
    out = Path(args.out)
    for i, fig in enumerate(figs):
        target = out if len(figs) == 1 else out.with_name(f"{out.stem}-{views[i]}{out.suffix}")
        fig.write_image(str(target))
        print("wrote", target)


if __name__ == "__main__":
    main()
