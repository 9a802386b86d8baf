"""Each textbook's depth for a site, side by side with the dataset's own. Pure: no streamlit.

Books disagree (the Chinese national textbook often gives 0.3-0.5 cun
obliquely on the chest where others allow more), so ``textbook_depths.csv``
keeps one row per book and site, and this module sets them beside the stored
range in ``sites.csv``. The *most cautious* book is the one with the smallest
maximum; the comparison flags a site whose stored maximum goes deeper than it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from explorer.data import Dataset, split_keys
from explorer.depths import DepthCheck, Floor, check_site, vertical_reach_mm
from explorer.schema import NEEDLE_LENGTH_FIGURE, USUAL_ANGLE_DEG

STORED = "this dataset"  # the label of the stored range in comparisons
NOT_RECORDED = "cited; depth not recorded"  # a side-by-side cell for a cited book without a row
NOT_NEEDLED = "not needled"  # a book that forbids needling the point (ST17, the nipple) gives 0 mm
# A row with no angle word (the book names none, or a mixed one like "transverse-oblique") is compared
# as if straight in: the cautious reading, said aloud wherever it is used.
STRAIGHT_IN_READING = "no angle word stored, so read straight in"
DEEPER_THAN_CAUTIOUS = "deeper than the most cautious book"  # the side-by-side's ⚑ column
PAST_DANGER = "books past measured danger"  # the side-by-side column naming them
NO_BOOKS = "No textbook's range is recorded for this site yet, so the stored range cannot be set beside one."


@dataclass(frozen=True)
class BookRange:
    source: str  # a key of sources.csv, or STORED
    min_mm: float | None
    max_mm: float
    min_cun: float | None
    max_cun: float | None
    angle: str
    evidence: str
    note: str
    at_point: str = ""  # the nearby acupoint whose range this is, for a trigger point no manual covers
    at_point_distance_cun: float | None = None
    needle_length: bool = False  # the figure is the length of the needle advised, not how deep it goes

    def text(self) -> str:
        """The range as read: "6.5-11 mm (0.3-0.5 cun), oblique"; "not needled" for a maximum of 0;
        a borrowed point's range says whose it is: "..., oblique, for LU1 (0.22 B-cun away)"; a needle
        length says so: "a 25.5-38 mm needle"."""
        if self.max_mm == 0:
            return NOT_NEEDLED
        low = "" if self.min_mm is None else f"{self.min_mm:g}–"
        if self.needle_length:
            out = f"a {low}{self.max_mm:g} mm needle"
        else:
            out = f"{low}{self.max_mm:g} mm"
            if self.max_cun is not None:
                clow = "" if self.min_cun is None else f"{self.min_cun:g}–"
                out += f" ({clow}{self.max_cun:g} cun)"
        return out + (f", {self.angle}" if self.angle else "") + self.for_point()

    def maximum_text(self) -> str:
        """The deepest figure alone, for a flag: "17.5 mm", or "a 25 mm needle" for a needle length."""
        return f"a {self.max_mm:g} mm needle" if self.needle_length else f"{self.max_mm:g} mm"

    def for_point(self) -> str:
        """", for LU1 (0.22 B-cun away)" when the range is a nearby point's; else empty."""
        if not self.at_point:
            return ""
        away = "" if self.at_point_distance_cun is None else f" ({self.at_point_distance_cun:g} B-cun away)"
        return f", for {self.at_point}{away}"


@dataclass(frozen=True)
class Comparison:
    """The stored range and every book's, for one site."""

    site_id: str
    stored: BookRange
    books: tuple[BookRange, ...]
    # Depth-giving sources the site cites whose range for it is not recorded yet: a gap said aloud,
    # so "within every book" never silently means "within the one book we entered".
    unrecorded: tuple[str, ...] = ()

    @property
    def most_cautious(self) -> BookRange | None:
        return min(self.books, key=lambda b: b.max_mm) if self.books else None

    @property
    def exceeds(self) -> bool:
        """True when the stored maximum goes deeper than the most cautious book's maximum."""
        cautious = self.most_cautious
        return cautious is not None and self.stored.max_mm > cautious.max_mm

    def sentence(self) -> str:
        cautious = self.most_cautious
        if cautious is None:
            return NO_BOOKS + self._gap_sentence()
        if cautious.max_mm == 0:
            gives = "does not needle it"
        elif cautious.needle_length:
            gives = (f"advises a needle no longer than {cautious.max_mm:g} mm{cautious.for_point()}, "
                     "a length rather than a depth")
        else:
            gives = f"gives at most {cautious.max_mm:g} mm{cautious.for_point()}"
        if self.exceeds:
            found = (f"The stored maximum, {self.stored.max_mm:g} mm, is deeper than the most cautious book's: "
                     f"{cautious.source} {gives}.")
        elif self.stored.max_mm == 0:
            found = ("This dataset does not needle this point, and neither does the most cautious book, "
                     f"{cautious.source}.")
        else:
            every = "every recorded book's" if self.unrecorded else "every book's"
            found = (f"The stored maximum, {self.stored.max_mm:g} mm, is within {every} range "
                     f"(the most cautious, {cautious.source}, {gives}).")
        return found + self._gap_sentence()

    def _gap_sentence(self) -> str:
        if not self.unrecorded:
            return ""
        names = ", ".join(self.unrecorded)
        return f" Also cited for this site, with its depth not yet recorded: {names}."


@dataclass(frozen=True)
class BeyondDanger:
    """A book whose deepest figure, as the book lays the needle, ends at or below measured danger."""

    book: BookRange
    reach_mm: float  # the book's maximum at its own angle (straight in when it names none), or its length
    floor: Floor
    angle_read: str  # how the book's angle was read: its angle word, or STRAIGHT_IN_READING

    def text(self) -> str:
        """The book's figure and where it ends, e.g. "CAM's 17.5 mm, oblique (ends 12.4 mm down)"."""
        along = "down" if self.floor.measure == "vertical" else "along the needle"
        # A needle length is read as if pushed in to the hub: the deepest it could go, the cautious reading.
        needle, hub = (" needle", " if pushed in to the hub") if self.book.needle_length else ("", "")
        return (f"{self.book.source}'s {self.book.max_mm:g} mm{needle}{self.book.for_point()}, {self.angle_read} "
                f"(ends {self.reach_mm:g} mm {along}{hub})")


def beyond_danger(comparison: Comparison, check: DepthCheck) -> tuple[BeyondDanger, ...]:
    """The books whose maximum would cross the shallowest adult danger measured at the site.

    The same two comparisons as the depth rule: the book's vertical reach (its maximum at the usual
    degrees of its angle word) against the floor measured straight down, and its whole length against
    a floor measured along a needle path. A book that names no angle is read straight in, the cautious
    reading, and says so. This is what keeps a textbook's range from reading as safe for every body."""
    out = []
    for book in comparison.books:
        angle_deg = USUAL_ANGLE_DEG.get(book.angle, 90.0)
        angle_read = book.angle if book.angle in USUAL_ANGLE_DEG else STRAIGHT_IN_READING
        crossings = []
        if check.vertical is not None:
            reach = vertical_reach_mm(book.max_mm, angle_deg)
            if reach >= check.vertical.mm:
                crossings.append((reach, check.vertical))
        if check.path is not None and book.max_mm >= check.path.mm:
            crossings.append((book.max_mm, check.path))
        if crossings:
            reach, floor = min(crossings, key=lambda c: c[1].mm)
            out.append(BeyondDanger(book, round(reach, 1), floor, angle_read))
    return tuple(out)


def beyond_danger_sentence(found: tuple[BeyondDanger, ...]) -> str:
    """One sentence per danger floor crossed, naming each book that crosses it; empty when none does."""
    if not found:
        return ""
    by_floor: dict[str, list[BeyondDanger]] = {}
    for crossing in found:
        by_floor.setdefault(crossing.floor.measurement_id, []).append(crossing)
    parts = []
    for group in by_floor.values():
        floor = group[0].floor
        how = "straight down" if floor.measure == "vertical" else "along a needle path"
        parts.append(f"Deeper than the {round(floor.mm, 1):g} mm to danger measured {how} ({floor.source}): "
                     + "; ".join(c.text() for c in group) + ".")
    return " ".join(parts) + " A book's range is what its authors advise, not a depth that is safe for every body."


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def compare(ds: Dataset, site_id: str) -> Comparison:
    site = ds.sites.loc[site_id]
    stored = BookRange(STORED, _number(site["depth_min_mm"]), float(site["depth_max_mm"]),
                       _number(site.get("depth_min_cun")), _number(site.get("depth_max_cun")),
                       str(site["angle"]), "", "")
    table = ds.textbook_depths
    rows = table[table["site_id"].eq(site_id)] if len(table) else table
    books = tuple(
        BookRange(str(r["source"]), _number(r["depth_min_mm"]), float(r["depth_max_mm"]), _number(r["depth_min_cun"]),
                  _number(r["depth_max_cun"]), str(r["angle"] or ""), str(r["evidence"]), str(r["note"] or ""),
                  str(r.get("at_point") or ""), _number(r.get("at_point_distance_cun")),
                  str(r.get("figure") or "") == NEEDLE_LENGTH_FIGURE)
        for _, r in rows.iterrows() if pd.notna(r["depth_max_mm"]))
    depth_sources = set(table["source"]) if len(table) else set()
    recorded = {b.source for b in books}
    unrecorded = tuple(k for k in split_keys(site.get("sources", ""))
                       if k in depth_sources and k not in recorded and _covers_points_in_general(ds, k))
    return Comparison(site_id, stored, books, unrecorded)


# References that give a depth for point after point (books, point pages, standards). A study or review
# advises a depth only where it measured, so its silence at another site it is cited for is not a gap.
GAP_KINDS = ("book", "web", "standard", "regulation")


def _covers_points_in_general(ds: Dataset, key: str) -> bool:
    return key not in ds.sources.index or str(ds.sources.at[key, "kind"]) in GAP_KINDS


def side_by_side(ds: Dataset, site_ids: list[str], checks: Mapping[str, DepthCheck] | None = None) -> pd.DataFrame:
    """One row per site: the stored range, its two flags (deeper than the most cautious book; books past
    measured danger), then one column per book. ``checks`` are the sites' depth checks when the caller
    has them already (the Safety page's table), so they are not computed twice."""
    records = []
    for sid in site_ids:
        comparison = compare(ds, sid)
        record: dict[str, str] = {"site": sid, STORED: comparison.stored.text()}
        for book in comparison.books:
            record[book.source] = book.text()
        for source in comparison.unrecorded:
            record[source] = NOT_RECORDED
        check = checks[sid] if checks is not None and sid in checks else check_site(ds, sid)
        crossing = beyond_danger(comparison, check)
        record[PAST_DANGER] = ", ".join(f.book.source for f in crossing)
        cautious = comparison.most_cautious
        record[DEEPER_THAN_CAUTIOUS] = (
            f"⚑ {cautious.source}: {cautious.maximum_text()}" if comparison.exceeds and cautious else
            ("no textbook rows" if cautious is None else ""))
        records.append(record)
    frame = pd.DataFrame(records).fillna("")
    if not len(frame):
        return frame
    # The books that speak for the most sites come first, so the wide table opens on the main textbooks.
    books = [c for c in frame.columns if c not in ("site", STORED, DEEPER_THAN_CAUTIOUS, PAST_DANGER)]
    books.sort(key=lambda c: (-int(frame[c].ne("").sum()), c))
    # The two flags sit beside the stored range, not after sixty book columns where nobody scrolls.
    return frame[["site", STORED, DEEPER_THAN_CAUTIOUS, PAST_DANGER, *books]]
