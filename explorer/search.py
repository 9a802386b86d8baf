"""Finding sites: free-text search, filters, and the sentence that describes them. Pure.

Search matches the code, the English name, the pinyin with or without tone
marks, the characters and the muscle. Filters narrow by kind, meridian,
muscle, body region, risk zone and condition or use (words in the
indications and symptoms). :func:`describe` says what the filter shows in one
sentence ("14 acupoints of the bladder channel in the upper-back risk zone").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from explorer.body import VIEWS
from explorer.data import Dataset
from explorer.details import MERIDIAN_NAMES


@dataclass(frozen=True)
class Filters:
    q: str = ""
    kinds: tuple[str, ...] = ()  # empty: every kind
    meridians: tuple[str, ...] = ()
    muscle: str | None = None
    area: str | None = None  # a value of sites.csv region
    zone: str | None = None
    use: str = ""  # condition or use, matched in indications and symptoms

    @property
    def active(self) -> bool:
        return bool(self.q or self.kinds or self.meridians or self.muscle or self.area or self.zone or self.use)


def fold(text: object) -> str:
    """Lower case without tone marks or spaces, for matching ("Jiānjǐng" -> "jianjing")."""
    # NFKD also folds full-width letters and digits (ＧＢ２１ from a CJK keyboard).
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s\-_'’·]+", "", bare.casefold()).replace("ü", "u")


def _search_text(sites: pd.DataFrame) -> pd.Series:
    parts = [sites[c].map(fold) for c in ("site_id", "name", "pinyin", "muscle")]
    hanzi = sites["hanzi"].fillna("").astype(str)
    joined = parts[0]
    for p in parts[1:]:
        joined = joined + "|" + p
    return joined + "|" + hanzi


def match(ds: Dataset, filters: Filters) -> pd.Index:
    """The site ids that pass every filter, in dataset order."""
    sites = ds.sites
    keep = pd.Series(True, index=sites.index)
    if filters.q.strip():
        text = ds.derived.get("search_text")
        if text is None:  # folded once per dataset, not on every keystroke
            text = ds.derived["search_text"] = _search_text(sites)
        for word in filters.q.split():
            folded = fold(word)
            if folded:
                keep &= text.str.contains(folded, regex=False) | sites["hanzi"].astype(str).str.contains(
                    word, regex=False)
    if filters.kinds:
        keep &= sites["kind"].isin(filters.kinds)
    if filters.meridians:
        keep &= sites["meridian"].isin(filters.meridians)
    if filters.muscle:
        keep &= sites["muscle"].eq(filters.muscle)
    if filters.area:
        keep &= sites["region"].eq(filters.area)
    if filters.zone:
        keep &= sites["risk_zone"].eq(filters.zone)
    if filters.use.strip():
        uses = (sites["indications"].fillna("") + " " + sites.get("symptoms", pd.Series("", index=sites.index))
                .fillna("")).str.casefold()
        for word in filters.use.split():
            keep &= uses.str.contains(word.casefold(), regex=False)
    return sites.index[keep]


_KIND_WORDS = {"acupoint": ("acupoint", "acupoints"), "trigger_point": ("trigger point", "trigger points")}


def describe(ds: Dataset, filters: Filters, ids: pd.Index) -> str:
    """One sentence: how many sites of what kind, under which filters."""
    n = len(ids)
    kinds = set(ds.sites.loc[ids, "kind"]) if n else set(filters.kinds)
    if len(kinds) == 1:
        singular, plural = _KIND_WORDS.get(next(iter(kinds)), ("site", "sites"))
    else:
        singular, plural = "site", "sites"
    noun = singular if n == 1 else plural
    words = [f"{n} {noun}"]
    if filters.meridians:
        names = [MERIDIAN_NAMES.get(m, m).lower() for m in filters.meridians]
        channel = " or ".join(names)
        words.append(f"of the {channel} channel" + ("s" if len(names) > 1 else ""))
    if filters.muscle:
        words.append(f"in {filters.muscle}")
    if filters.area:
        words.append(f"in the {filters.area.replace('_', ' ')} region")
    if filters.zone:
        label = ds.zones.at[filters.zone, "label"] if filters.zone in ds.zones.index else filters.zone
        words.append(f"in the {str(label).lower()} risk zone")
    if filters.use.strip():
        words.append(f"used for “{filters.use.strip()}”")
    if filters.q.strip():
        words.append(f"matching “{filters.q.strip()}”")
    if not filters.active:
        words.append("in the dataset")
    return " ".join(words) + "."


def view_counts(ds: Dataset, ids: Iterable[str]) -> dict[str, int]:
    """How many of the sites each view draws (a site's own view and any extra
    placements), in body.VIEWS order; views that draw none are left out."""
    wanted = list(ids)
    drawn = set(zip(ds.sites.loc[wanted, "site_id"], ds.sites.loc[wanted, "view"], strict=False))
    if len(ds.placements):
        extra = ds.placements[ds.placements["site_id"].isin(wanted)]
        drawn |= set(zip(extra["site_id"], extra["view"], strict=False))
    counts = {view: sum(1 for _, v in drawn if v == view) for view in VIEWS}
    return {view: n for view, n in counts.items() if n}


def best_view(ds: Dataset, ids: Iterable[str]) -> str | None:
    """The view that shows most of the sites (the first in body.VIEWS order on a tie), or None for none."""
    counts = view_counts(ds, ids)
    return max(counts, key=counts.__getitem__) if counts else None
