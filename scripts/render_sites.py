"""Render sites of a data folder onto the body views, for curators.

    python scripts/render_sites.py DATA_DIR OUT.png [--match REGEX] [--view VIEW] [--zoom X0 X1 Y0 Y1]

Draws with the app's own figure builders (explorer.figures), with labels and
the referral patterns of every matching trigger point. --zoom takes plot
coordinates (the posterior and lateral views are mirrored: see body.to_plot).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from explorer import body, figures
from explorer.data import load_dataset


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("out")
    ap.add_argument("--match", default="", help="regular expression on site_id")
    ap.add_argument("--view", choices=body.VIEWS)
    ap.add_argument("--zoom", nargs=4, type=float)
    args = ap.parse_args()
    ds = load_dataset(Path(args.data_dir))
    for problem in ds.problems[:30]:
        print("SCHEMA", problem)
    ids = ds.sites.index[ds.sites["site_id"].str.contains(args.match, regex=True)] if args.match else ds.sites.index
    views = [args.view] if args.view else list(body.VIEWS)
    out = Path(args.out)
    for view in views:
        ranges = ((args.zoom[0], args.zoom[1]), (args.zoom[2], args.zoom[3])) if args.zoom else None
        opts = figures.FigureOptions(view=view, show_labels=True, height=1400, font_size=12, ranges=ranges)
        fig = figures.body_figure(ds, opts, site_ids=ids)
        figures.add_referrals(fig, ds, opts, ids)
        fig.update_layout(title=view, width=900)
        target = out if len(views) == 1 else out.with_name(f"{out.stem}-{view}{out.suffix}")
        fig.write_image(str(target))
        print("wrote", target)


if __name__ == "__main__":
    main()
