"""Fill x and y from the anchor columns of a sites or placements CSV.

Curators write each site's standard definition as an anchor (a landmark of
explorer.body) and offsets in B-cun; this script computes the body-frame
coordinates so that stored x, y always match the definition.

    python scripts/place_sites.py data/sites.csv [more.csv ...]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from explorer import body


def _num(text: str) -> float:
    return float(text) if text.strip() else 0.0


def fill(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    changed = 0
    for row in rows:
        anchor = (row.get("anchor") or "").strip()
        if not anchor:
            continue
        x, y = body.place(row["view"], anchor, _num(row.get("anchor_dx_cun", "")),
                          _num(row.get("anchor_dy_cun", "")))
        new_x, new_y = f"{x:.4f}", f"{y:.4f}"
        if (row.get("x"), row.get("y")) != (new_x, new_y):
            row["x"], row["y"] = new_x, new_y
            changed += 1
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return changed


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(f"{arg}: {fill(Path(arg))} rows placed")
