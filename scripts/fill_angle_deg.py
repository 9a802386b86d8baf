"""Give every site its ``angle_deg`` (and every measurement row its ``measure``).

    .venv/bin/python scripts/fill_angle_deg.py            # the bundled data
    .venv/bin/python scripts/fill_angle_deg.py some/dir   # another folder of tables

``sites.csv``: adds the ``angle_deg`` column after ``angle`` when it is missing,
and fills every empty cell from the angle word with the usual values of the
Chinese national textbook (perpendicular 90, oblique 45, transverse 15; see
``explorer.schema.USUAL_ANGLE_DEG``). Cells that already hold a number are kept:
a site whose source gives another angle keeps it.

``depth_measurements.csv``: an empty ``measure`` cell is reported, not guessed
(whether a figure is vertical or along a needle path is read in its source).

Rows are written back with Python's csv module (QUOTE_MINIMAL, "\\n" line ends),
so every cell that is not filled stays byte-identical. Run it after merging
branches that appended sites without the column.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from explorer.schema import USUAL_ANGLE_DEG  # noqa: E402


def _read(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _write(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def fill_sites(path: Path) -> int:
    """Add or fill ``angle_deg``; returns the number of cells filled."""
    rows = _read(path)
    header = rows[0]
    if "angle_deg" not in header:
        at = header.index("angle") + 1
        for row in rows:
            if row:
                row.insert(at, "angle_deg" if row is header else "")
    angle, degrees = header.index("angle"), header.index("angle_deg")
    filled = 0
    for row in rows[1:]:
        if row and not row[degrees].strip() and row[angle] in USUAL_ANGLE_DEG:
            row[degrees] = f"{USUAL_ANGLE_DEG[row[angle]]:g}"
            filled += 1
    _write(path, rows)
    return filled


def missing_measures(path: Path) -> list[str]:
    """Measurement ids whose ``measure`` is empty (the curator fills them from the source)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [r["measurement_id"] for r in csv.DictReader(fh) if not (r.get("measure") or "").strip()]


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else ROOT / "data"
    print(f"sites.csv: filled angle_deg in {fill_sites(folder / 'sites.csv')} rows")
    missing = missing_measures(folder / "depth_measurements.csv")
    for mid in missing:
        print(f"depth_measurements.csv: {mid} has no measure (vertical or needle_path); read it in its source")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
