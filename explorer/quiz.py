"""Quiz questions drawn from a pool of sites, and how answers are graded. Pure: no streamlit.

A student chooses a *pool* (channels, muscles, body regions) and a quiz type:

``locate``
    Click where a named site is. The click (body frame) is scored by its
    distance in B-cun to the nearest drawn spot of the site; a bilateral site
    is drawn on both sides and a click on either side counts. Within
    ``RIGHT_WITHIN_CUN`` is right; within ``CLOSE_WITHIN_CUN`` is *close*,
    which counts as wrong but is scheduled as FSRS's Hard (sooner than a
    right answer, later than a miss; :func:`explorer.review.rating_for`).
``name``
    Name a highlighted site: four choices (the others from the same channel or
    muscle where the pool allows), or a typed answer that may be the code, the
    English name, the pinyin (tone marks optional) or the characters.
``safety``
    Three kinds, each from the data: which of two sites is riskier (one in a
    risk zone against one outside every zone, or two with different margins
    between the usual maximum depth and the nearest measured danger), at what
    angle a site is needled (``angle``), and what lies beneath it (its zone's
    ``structures`` in zones.csv, against other zones').

Every question is one *item* of the progress store, keyed ``kind:site_id``
(``locate:GB21``, ``name:GB21``, ``safety-angle:GB21``); :func:`next_item`
picks the next one through :func:`explorer.review.order_for_review`, so items
answered wrongly come back sooner. :attr:`Grade.rating` is the answer's FSRS
rating. Text in questions and feedback is plain; the UI escapes it.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import plotly.graph_objects as go

from explorer import body, depths, details, figures
from explorer.body import CUN, Point
from explorer.data import Dataset
from explorer.review import ItemState, Rating, order_for_review, rating_for
from explorer.schema import ANGLES, MERIDIANS, REGIONS
from explorer.search import fold

LOCATE = "locate"
NAME = "name"
SAFETY_RISK = "safety-risk"
SAFETY_ANGLE = "safety-angle"
SAFETY_BENEATH = "safety-beneath"
QUESTION_KINDS = (LOCATE, NAME, SAFETY_RISK, SAFETY_ANGLE, SAFETY_BENEATH)
QUIZ_TYPES: dict[str, tuple[str, ...]] = {
    "locate": (LOCATE,),
    "name": (NAME,),
    "safety": (SAFETY_RISK, SAFETY_ANGLE, SAFETY_BENEATH),
}

RIGHT, CLOSE, WRONG = "right", "close", "wrong"
RIGHT_WITHIN_CUN = 0.5
CLOSE_WITHIN_CUN = 1.5
NAME_CHOICES = 4
# Two margins closer than this are too alike to call one site riskier.
MIN_MARGIN_GAP_MM = 5.0
# Chest and upper back both lie over the lungs and pleura, so neither zone's
# structures are a wrong answer for a site in the other.
SHARED_STRUCTURES: dict[str, frozenset[str]] = {
    "chest": frozenset({"upper_back"}),
    "upper_back": frozenset({"chest"}),
}

# The click grid: the finest spacing whose points inside the drawn body stay
# under MAX_GRID_POINTS (plotly sends about 46 bytes per point on each run).
GRID_SPACINGS_CUN = (0.25, 0.35, 0.5, 0.6, 0.75, 1.0, 1.5, 2.0)
MAX_GRID_POINTS = 1500
# Zooms a question opens in: enough body to search, close enough for a click to
# mean something. A site's own body region picks one (its arm for an elbow
# point, not the torso it also fits in); hands and feet are left to the
# student's own zoom, because opening there would give the answer away.
LOCATE_REGIONS = ("head", "torso", "arm", "leg")
ZOOM_OF_REGION = {"head": "head", "face": "head", "neck": "head", "arm": "arm", "forearm": "arm", "hand": "arm",
                  "hip": "leg", "thigh": "leg", "knee": "leg", "leg": "leg", "foot": "leg"}  # the rest: torso
REGION_MARGIN_CUN = 1.0  # a site this close to a zoom's edge opens the next one

MARKER_COLOUR = "#CC79A7"  # the highlighted site of a name question (Okabe-Ito purple)
CLICK_COLOUR = "#E69F00"  # the student's click (Okabe-Ito orange), drawn as a cross


# --- the pool ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pool:
    """The sites a quiz draws from: any chosen channel, muscle or region (all sites when none is chosen)."""

    meridians: tuple[str, ...] = ()
    muscles: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()

    @property
    def everything(self) -> bool:
        return not (self.meridians or self.muscles or self.regions)

    def describe(self) -> str:
        """The pool in words: "the GB channel, the hand region"."""
        if self.everything:
            return "every site"
        parts = []
        if self.meridians:
            parts.append(f"the {', '.join(self.meridians)} channel{'s' if len(self.meridians) > 1 else ''}")
        if self.muscles:
            parts.append(f"the {', '.join(self.muscles)} muscle{'s' if len(self.muscles) > 1 else ''}")
        if self.regions:
            names = ", ".join(r.replace("_", " ") for r in self.regions)
            parts.append(f"the {names} region{'s' if len(self.regions) > 1 else ''}")
        return "; ".join(parts)


def pool_site_ids(ds: Dataset, pool: Pool) -> list[str]:
    """The pool's sites, in dataset order."""
    sites = ds.sites
    if pool.everything:
        return [str(s) for s in sites.index]
    chosen = (sites["meridian"].isin(pool.meridians) | sites["muscle"].isin(pool.muscles)
              | sites["region"].isin(pool.regions))
    return [str(s) for s in sites.index[chosen]]


def meridian_options(ds: Dataset) -> list[str]:
    """Channel codes that have sites, in the standard order (EX last)."""
    present = set(ds.sites["meridian"])
    return [m for m in MERIDIANS if m in present]


def muscle_options(ds: Dataset) -> list[str]:
    return sorted({str(m) for m in ds.sites["muscle"] if m})


def region_options(ds: Dataset) -> list[str]:
    """Body regions that have sites, in the schema's head-to-foot order."""
    present = set(ds.sites["region"])
    return [r for r in REGIONS if r in present]


# --- items ---------------------------------------------------------------------------------------


def item_key(kind: str, site_id: str) -> str:
    return f"{kind}:{site_id}"


def parse_item(item: str) -> tuple[str, str]:
    """(kind, site_id) of an item key; ValueError for a key this module did not make."""
    kind, sep, site_id = item.partition(":")
    if not sep or kind not in QUESTION_KINDS or not site_id:
        raise ValueError(f"not a quiz item: {item!r}")
    return kind, site_id


def item_problem(ds: Dataset, item: str) -> str | None:
    """Why an item key names no question this app can ask from this dataset, or None when it does.

    Progress imports are checked with it, so that no such item is stored; items already stored that
    fail it are left out of the quiz with a notice.
    """
    kind, sep, site_id = item.partition(":")
    if not sep or not kind or not site_id:
        return f"{item[:40]!r} is not a quiz question (kind:site, such as 'locate:GB21')"
    if kind not in QUESTION_KINDS:
        return f"{kind[:40]!r} is not a kind of question this app asks ({', '.join(QUESTION_KINDS)})"
    if site_id not in ds.sites.index:
        return f"no site is called {site_id[:40]!r} in this app's data"
    return None


def risk_margins(ds: Dataset) -> dict[str, float | None]:
    """Each risk-zone site's margin under the depth rule (depths.DepthCheck.margin_mm), None
    where nothing is measured. About a second for the bundled data, so kept with the dataset."""
    margins = ds.derived.get(("risk_margins",))
    if margins is None:
        margins = ds.derived[("risk_margins",)] = {
            sid: depths.check_site(ds, sid).margin_mm for sid in depths.risk_sites(ds)}
    return dict(margins)


def _safer_partners(ds: Dataset, site_id: str, pool: Sequence[str], margins: Mapping[str, float | None]
                    ) -> Iterator[str]:
    """Pool sites that are clearly less risky than ``site_id``: outside every zone, or a wider margin.

    ``margins`` (:func:`risk_margins`) holds every site in a risk zone, so a site it lacks is in none.
    """
    if not ds.sites.at[site_id, "risk_zone"]:
        return
    own = margins.get(site_id)
    for other in pool:
        wide = margins.get(other)
        if other != site_id and (other not in margins or (
                own is not None and wide is not None and wide - own >= MIN_MARGIN_GAP_MM)):
            yield other


def _other_zones(ds: Dataset, zone: str) -> list[str]:
    excluded = SHARED_STRUCTURES.get(zone, frozenset()) | {zone}
    return [str(z) for z in ds.zones.index if z not in excluded]


def _askable(ds: Dataset, kind: str, site_id: str, pool: Sequence[str], margins: Mapping[str, float | None]
             ) -> bool:
    zone = ds.sites.at[site_id, "risk_zone"]
    if kind == SAFETY_BENEATH:
        return bool(zone) and zone in ds.zones.index and bool(_other_zones(ds, zone))
    if kind == SAFETY_RISK:
        return next(_safer_partners(ds, site_id, pool, margins), None) is not None
    return True


def candidate_items(ds: Dataset, pool: Pool, quiz_type: str) -> list[str]:
    """Every item of a quiz type that can be asked from the pool, in dataset order."""
    kinds = QUIZ_TYPES[quiz_type]
    site_ids = pool_site_ids(ds, pool)
    margins = risk_margins(ds) if SAFETY_RISK in kinds else {}
    return [item_key(kind, sid) for sid in site_ids for kind in kinds
            if _askable(ds, kind, sid, site_ids, margins)]


def next_item(candidates: Sequence[str], states: Mapping[str, ItemState], now: datetime, rng: random.Random,
              last_item: str | None = None) -> str | None:
    """The item to ask next: due items first (most overdue first), then new ones, then the soonest due.

    New items come in a shuffled order; the item just asked is not asked again
    straight away while another is available.
    """
    shuffled = list(candidates)
    rng.shuffle(shuffled)
    ordered = order_for_review(shuffled, states, now)
    if len(ordered) > 1 and ordered[0] == last_item:
        return ordered[1]
    return ordered[0] if ordered else None


# --- questions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    value: str  # what is compared: a site id, an angle or a zone
    label: str


@dataclass(frozen=True)
class Question:
    """One question. ``choices`` is empty for a locate question; ``view`` is where it is drawn."""

    item: str
    kind: str
    site_id: str
    prompt: str
    answer: str
    choices: tuple[Choice, ...] = ()
    view: str | None = None
    region: str = figures.WHOLE_BODY


def site_label(ds: Dataset, site_id: str) -> str:
    """"GB21 · Shoulder Well · Jiānjǐng": the code, the English name and the pinyin if any."""
    row = ds.sites.loc[site_id]
    parts = [site_id, str(row["name"])]
    if row["pinyin"]:
        parts.append(str(row["pinyin"]))
    return " · ".join(parts)


def _group_of(ds: Dataset, site_id: str) -> str:
    """The channel or muscle a site belongs to: distractors come from the same one first."""
    row = ds.sites.loc[site_id]
    return str(row["meridian"] or row["muscle"])


def _distractors(ds: Dataset, site_id: str, pool: Sequence[str], rng: random.Random, n: int) -> list[str]:
    """``n`` other sites, each tier before the next: the same channel or muscle in the pool, the
    same kind in the pool, the same kind anywhere (so that a small pool still gives four choices),
    then the rest of the pool. A lone trigger point among acupoints would give itself away."""
    kind = ds.sites.at[site_id, "kind"]
    group = _group_of(ds, site_id)
    everywhere = [str(s) for s in ds.sites.index]
    tiers = (
        [s for s in pool if _group_of(ds, s) == group],
        [s for s in pool if ds.sites.at[s, "kind"] == kind],
        [s for s in everywhere if ds.sites.at[s, "kind"] == kind],
        list(pool),
    )
    chosen: list[str] = []
    for tier in tiers:
        fresh = [s for s in dict.fromkeys(tier) if s != site_id and s not in chosen]
        rng.shuffle(fresh)
        chosen += fresh[: n - len(chosen)]
    return chosen


def _shuffled(choices: list[Choice], rng: random.Random) -> tuple[Choice, ...]:
    rng.shuffle(choices)
    return tuple(choices)


def zone_headline(structures: str) -> str:
    """The first clause of a zone's ``structures``, without asides: a choice short enough to read."""
    plain = re.sub(r"\s*\([^)]*\)", "", structures)
    first = re.split(r"[;,]", plain, maxsplit=1)[0].strip().rstrip(".")
    return first[:1].upper() + first[1:]


def make_question(ds: Dataset, item: str, pool: Pool, rng: random.Random) -> Question:
    """The question an item asks. Raises ValueError for an item that cannot be asked here."""
    kind, site_id = parse_item(item)
    if site_id not in ds.sites.index:
        raise ValueError(f"no site is called {site_id!r}")
    row = ds.sites.loc[site_id]
    view = str(row["view"])
    site_ids = pool_site_ids(ds, pool)
    if kind == LOCATE:
        return Question(item, kind, site_id, f"Click where {site_label(ds, site_id)} is.", answer=site_id,
                        view=view, region=locate_region(ds, site_id))
    if kind == NAME:
        options = [site_id, *_distractors(ds, site_id, site_ids, rng, NAME_CHOICES - 1)]
        choices = _shuffled([Choice(s, site_label(ds, s)) for s in options], rng)
        return Question(item, kind, site_id, "Which site is marked on the diagram?", answer=site_id,
                        choices=choices, view=view, region=locate_region(ds, site_id))
    if kind == SAFETY_ANGLE:
        choices = tuple(Choice(angle, angle.capitalize()) for angle in ANGLES)
        return Question(item, kind, site_id, f"At what angle is {site_label(ds, site_id)} usually needled?",
                        answer=str(row["angle"]), choices=choices, view=view, region=locate_region(ds, site_id))
    if kind == SAFETY_BENEATH:
        zone = str(row["risk_zone"])
        if zone not in ds.zones.index:
            raise ValueError(f"{site_id} lies in no described risk zone")
        others = _other_zones(ds, zone)
        rng.shuffle(others)
        options = [zone, *others[: NAME_CHOICES - 1]]
        choices = _shuffled([Choice(z, zone_headline(str(ds.zones.at[z, "structures"]))) for z in options], rng)
        return Question(item, kind, site_id, f"What lies beneath {site_label(ds, site_id)}?", answer=zone,
                        choices=choices, view=view, region=locate_region(ds, site_id))
    # SAFETY_RISK
    partners = list(_safer_partners(ds, site_id, site_ids, risk_margins(ds)))
    if not partners:
        raise ValueError(f"the pool has no site clearly safer than {site_id}")
    partner = rng.choice(partners)
    choices = _shuffled([Choice(site_id, site_label(ds, site_id)), Choice(partner, site_label(ds, partner))], rng)
    return Question(item, kind, site_id, "Which of these is riskier to needle deeply?", answer=site_id,
                    choices=choices)


# --- grading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grade:
    """How an answer went. Only RIGHT counts as right; CLOSE is scheduled as Hard, between right and wrong."""

    verdict: str
    message: str
    detail: dict[str, Any] = field(default_factory=dict)  # kept with the answer in the progress store
    distance_cun: float | None = None  # locate: click to the nearest spot
    spot: Point | None = None  # locate: that spot, body frame
    click: Point | None = None  # locate: the click, body frame

    @property
    def correct(self) -> bool:
        return self.verdict == RIGHT

    @property
    def rating(self) -> Rating:
        """The FSRS rating the answer is scheduled with (by the verdict and, for locate, the distance)."""
        return rating_for(self.correct, self.detail)


def site_spots(ds: Dataset, site_id: str, view: str) -> list[Point]:
    """Every drawn spot of a site in a view, in the body frame: both sides of a bilateral site."""
    # to_plot only flips the sign, so it also takes a plot abscissa back to the body frame.
    return [(body.to_plot(view, px), py) for _, px, py in figures.site_positions(ds, view, [site_id])]


def click_to_body(view: str, plot_x: float, y: float) -> Point:
    """A chart click (plot coordinates) in the body frame."""
    return body.to_plot(view, plot_x), y


def verdict_for(distance_cun: float) -> str:
    if distance_cun <= RIGHT_WITHIN_CUN:
        return RIGHT
    return CLOSE if distance_cun <= CLOSE_WITHIN_CUN else WRONG


def nearest_spot(spots: Sequence[Point], click: Point) -> tuple[Point, float]:
    """The spot nearest the click and its distance in B-cun."""
    if not spots:
        raise ValueError("the site has no spot in this view")
    # A click exactly on the midline is as near to both sides of a bilateral site: take the spot on
    # the click's own side (the sign of its x, zero included), so mirrored clicks show mirrored spots.
    spot = min(spots, key=lambda s: (math.hypot(s[0] - click[0], s[1] - click[1]),
                                     math.copysign(1.0, s[0]) != math.copysign(1.0, click[0])))
    return spot, math.hypot(spot[0] - click[0], spot[1] - click[1]) / CUN


def grade_locate(ds: Dataset, question: Question, click: Point, grid_allowance_cun: float = 0.0) -> Grade:
    """Score a click (body frame) by its distance in B-cun to the nearest spot of the site.

    ``grid_allowance_cun`` is how far a click can have moved when the chart
    snapped it to the nearest grid point; the verdict forgives that much, the
    distance shown does not.
    """
    assert question.view is not None
    spot, distance = nearest_spot(site_spots(ds, question.site_id, question.view), click)
    verdict = verdict_for(max(0.0, distance - grid_allowance_cun))
    where = str(ds.sites.at[question.site_id, "location"])
    name = site_label(ds, question.site_id)
    message = {
        RIGHT: f"Right: {distance:.1f} B-cun from {name}.",
        CLOSE: f"Close: {distance:.1f} B-cun from {name} (within {CLOSE_WITHIN_CUN:g} B-cun counts as close, "
               f"but it comes back soon). {where}",
        WRONG: f"Not there: {distance:.1f} B-cun from {name}. The ring shows where it is. {where}",
    }[verdict]
    detail = {"verdict": verdict, "distance_cun": round(distance, 2), "click": [round(c, 4) for c in click]}
    return Grade(verdict, message, detail, distance_cun=distance, spot=spot, click=click)


def _choice_label(question: Question, value: str) -> str:
    return next((c.label for c in question.choices if c.value == value), value)


def grade_choice(ds: Dataset, question: Question, chosen: str) -> Grade:
    """Grade a multiple-choice answer, explaining the right one from the data."""
    verdict = RIGHT if chosen == question.answer else WRONG
    opening = "Right." if verdict == RIGHT else f"Not quite: the answer is {_choice_label(question, question.answer)}."
    return Grade(verdict, f"{opening} {explanation(ds, question)}".strip(), {"verdict": verdict, "chosen": chosen})


def accepted_names(ds: Dataset, site_id: str) -> set[str]:
    """Folded forms a typed answer may take: the code, the English name, the pinyin, the characters."""
    row = ds.sites.loc[site_id]
    return {fold(row[column]) for column in ("site_id", "name", "pinyin", "hanzi") if row[column]} - {""}


def grade_typed(ds: Dataset, question: Question, typed: str) -> Grade:
    """Grade a typed name. Pinyin may be typed without tone marks, and ü as u or v."""
    folded = fold(typed)
    accepted = accepted_names(ds, question.site_id)
    right = bool(folded) and (folded in accepted or folded.replace("v", "u") in accepted)
    verdict = RIGHT if right else WRONG
    opening = "Right." if right else "Not quite."
    message = f"{opening} This is {site_label(ds, question.site_id)}. {explanation(ds, question)}".strip()
    return Grade(verdict, message, {"verdict": verdict, "typed": typed[:80]})


def explanation(ds: Dataset, question: Question) -> str:
    """What the data says about the answer, shown after every multiple-choice answer."""
    row = ds.sites.loc[question.site_id]
    if question.kind == NAME:
        return str(row["location"])
    if question.kind == SAFETY_ANGLE:
        return f"{details.angle_text(row)}."
    if question.kind == SAFETY_BENEATH:
        zone = ds.zones.loc[row["risk_zone"]]
        note = f" {row['risk_note']}" if row["risk_note"] else ""
        return f"{zone['label']} risk zone: {zone['structures']}{note}"
    if question.kind == SAFETY_RISK:
        return " ".join(_risk_reason(ds, c.value) for c in question.choices)
    return ""


def _risk_reason(ds: Dataset, site_id: str) -> str:
    row = ds.sites.loc[site_id]
    if not row["risk_zone"]:
        return f"{site_id} lies in no risk zone."
    label = str(ds.zones.at[row["risk_zone"], "label"]) if row["risk_zone"] in ds.zones.index else row["risk_zone"]
    check = depths.check_site(ds, site_id)
    if check.margin_mm is None:
        return f"{site_id} lies in the {label.lower()} risk zone."
    binding = check.binding
    along = "along the needle" if binding.measure != "vertical" else "below the skin"
    gap = (f"stays {check.margin_mm:.1f} mm short of" if check.margin_mm > 0
           else f"goes {-check.margin_mm:.1f} mm past")
    return (f"{site_id} lies in the {label.lower()} risk zone; at its angle ({check.angle_deg:g}°) its usual "
            f"maximum ({check.depth_max_mm:g} mm of needle) {gap} the nearest measured danger "
            f"({binding.mm:g} mm {along}).")


# --- figures -------------------------------------------------------------------------------------


def locate_region(ds: Dataset, site_id: str) -> str:
    """The zoom a question about a site opens in: the one for its body region when it holds the
    site well inside, else the first of LOCATE_REGIONS that does, else the whole body."""
    row = ds.sites.loc[site_id]
    view = str(row["view"])
    px, y = body.to_plot(view, float(row["x"])), float(row["y"])
    margin = REGION_MARGIN_CUN * CUN
    preferred = ZOOM_OF_REGION.get(str(row["region"]), "torso")
    for region in (preferred, *LOCATE_REGIONS):
        if view not in figures.REGIONS[region]:
            continue
        (x0, x1), (y0, y1) = figures.view_ranges(view, region)
        if x0 + margin <= px <= x1 - margin and y0 + margin <= y <= y1 - margin:
            return region
    return figures.WHOLE_BODY


@dataclass(frozen=True)
class ClickGrid:
    """Invisible points covering the drawn body, so that a click anywhere on it reaches the app."""

    view: str
    spacing_cun: float
    xs: tuple[float, ...]  # plot coordinates
    ys: tuple[float, ...]

    @property
    def allowance_cun(self) -> float:
        """The farthest a click can be from the grid point it snaps to (half a cell's diagonal)."""
        return self.spacing_cun * math.sqrt(2) / 2

    def trace(self) -> dict[str, object]:
        transparent = "rgba(0,0,0,0)"
        return figures.scatter(
            x=list(self.xs), y=list(self.ys), mode="markers", name="click grid", showlegend=False,
            marker=dict(size=max(4.0, self.spacing_cun * 8), color=transparent),
            # Selection dims unselected points by changing their opacity; keep every state invisible.
            selected=dict(marker=dict(opacity=0)), unselected=dict(marker=dict(opacity=0)),
            hoverinfo="none")  # "skip" would make the points unclickable


def click_grid(view: str, spacing_cun: float,
               ranges: tuple[tuple[float, float], tuple[float, float]] | None = None) -> ClickGrid:
    """Grid points ``spacing_cun`` apart inside the body outline of a view, within plot ranges."""
    inside = figures.grid_points(view, spacing_cun, ranges or figures.view_ranges(view, figures.WHOLE_BODY))
    return ClickGrid(view, spacing_cun, tuple(round(x, 5) for x, _ in inside), tuple(round(y, 5) for _, y in inside))


def fitting_grid(view: str, region: str, max_points: int = MAX_GRID_POINTS) -> ClickGrid:
    """The finest click grid of a zoom that keeps to ``max_points``."""
    ranges = figures.view_ranges(view, region)
    (x0, x1), (y0, y1) = ranges
    for spacing in GRID_SPACINGS_CUN[:-1]:
        # The body fills well over a quarter of any zoom: a grid whose whole box holds more than
        # four times the limit is skipped unbuilt.
        if (x1 - x0) * (y1 - y0) / (spacing * CUN) ** 2 > max_points * 4:
            continue
        candidate = click_grid(view, spacing, ranges)
        if len(candidate.xs) <= max_points:
            return candidate
    return click_grid(view, GRID_SPACINGS_CUN[-1], ranges)


def question_figure(ds: Dataset, question: Question, region: str | None = None, theme: str = "light",
                    grade: Grade | None = None) -> go.Figure | None:
    """The diagram of a question: before the answer and, given its grade, after it. None when there is none.

    A name question marks its site without hover text, which would name it.
    """
    if question.view is None:
        return None
    region = region or question.region
    answered = grade is not None
    reveal = answered or question.kind not in (LOCATE, NAME)
    opts = figures.FigureOptions(view=question.view, region=region, theme=theme,
                                 selected=question.site_id if reveal else None)
    fig = figures.body_figure(ds, opts, site_ids=[question.site_id] if reveal else [])
    if question.kind == LOCATE and not answered:
        fig.add_trace(fitting_grid(question.view, region).trace())
    if question.kind == NAME and not answered:
        spots = site_spots(ds, question.site_id, question.view)
        fig.add_trace(figures.scatter(
            x=[body.to_plot(question.view, x) for x, _ in spots], y=[y for _, y in spots], mode="markers",
            marker=dict(symbol="circle", size=opts.marker_size * 1.6, color=MARKER_COLOUR,
                        line=dict(color=figures.THEMES[theme]["ring"], width=2)),
            hoverinfo="skip", name="The site to name", showlegend=True))
    if grade is not None and grade.click is not None and grade.spot is not None:
        (cx, cy), (sx, sy) = grade.click, grade.spot
        fig.add_trace(figures.scatter(
            x=[body.to_plot(question.view, sx), body.to_plot(question.view, cx)], y=[sy, cy], mode="lines",
            line=dict(color=CLICK_COLOUR, width=1.5, dash="dot"), hoverinfo="skip", showlegend=False))
        fig.add_trace(figures.scatter(
            x=[body.to_plot(question.view, cx)], y=[cy], mode="markers",
            marker=dict(symbol="x", size=opts.marker_size * 1.5, color=CLICK_COLOUR,
                        line=dict(color=figures.THEMES[theme]["ring"], width=1)),
            hoverinfo="skip", name="Your click (cross)", showlegend=True))
    return fig
