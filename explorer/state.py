"""The URL query-parameter codec: what a link holds, parsed and written back.

Pure: it sees a mapping of parameters and the dataset's ids, never streamlit.
Every parameter is validated; anything unknown or malformed falls back to its
default and yields a short notice naming the parameter and the problem. The
notices quote user input, so the UI must show them as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace

from explorer.body import VIEWS
from explorer.figures import LAYOUTS, REGION_LABELS
from explorer.pain import parse_spot
from explorer.schema import KINDS, MERIDIANS, RISK_ZONES
from explorer.schema import REGIONS as BODY_REGIONS

MERIDIAN_CODES = tuple(m for m in MERIDIANS if m != "EX")

MAX_PARAM_LENGTH = 80
MODES = ("student", "patient", "present")
_SAFE_TOKEN = re.compile(r"^[A-Za-z0-9_\-]{1,40}$")


@dataclass(frozen=True)
class ViewState:
    """Everything a shared link reproduces."""

    view: str = "anterior"
    site: str | None = None
    zone: str | None = None
    q: str = ""
    meridian: tuple[str, ...] = ()
    muscle: str | None = None
    mode: str = "student"
    layers: tuple[str, ...] = field(default=("skeleton",))
    region: str = "body"  # zoom preset
    kind: str | None = None  # acupoint or trigger_point; None shows both
    area: str | None = None  # body-region filter (sites.csv region)
    use: str = ""  # condition or use
    pain: str | None = None  # "where does it hurt?": a named area or view:x:y
    lesson: str | None = None  # a lesson token (decoded and checked by explorer.lessons)
    layout: str = "single"  # "single": one view; "both": the front and back side by side


DEFAULT = ViewState()
LAYERS = ("skeleton", "muscles", "lungs", "zones", "labels")
KNOWN_PARAMS = ("view", "site", "zone", "q", "meridian", "muscle", "mode", "layers", "region", "kind", "area",
                "use", "pain", "lesson", "layout")
MAX_LESSON_LENGTH = 4000  # a lesson token carries its steps, so it may be long
REGIONS = tuple(REGION_LABELS)


def _first(value: object) -> str:
    """Streamlit gives the last value of a repeated parameter as str; other
    callers may give lists. Normalise to one stripped string."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return str(value).strip()


def _quote(text: str) -> str:
    shown = text if len(text) <= 30 else text[:29] + "…"
    return f"“{shown}”"


def parse(params: Mapping[str, object], site_views: Mapping[str, str],
          meridians: Iterable[str] = (), muscles: Iterable[str] = ()) -> tuple[ViewState, list[str]]:
    """Parse URL parameters into a state, with notices for what was rejected.

    ``site_views`` maps every site id to the view it is drawn in, so that
    ``?site=GB21`` opens a view that shows it.
    """
    notices: list[str] = []
    values: dict[str, object] = {}
    for key in params:
        if key not in KNOWN_PARAMS:
            notices.append(f"Ignored the unknown link parameter {_quote(str(key))}.")
    raw = {k: _first(params[k]) for k in KNOWN_PARAMS if k in params}
    for key, text in raw.items():
        if len(text) > (MAX_LESSON_LENGTH if key == "lesson" else MAX_PARAM_LENGTH):
            notices.append(f"The link parameter “{key}” was too long and was ignored.")
            raw[key] = ""

    _choice(raw, "view", VIEWS, values, notices, f"showing the {DEFAULT.view} view")

    site = raw.get("site", "")
    if site:
        match = _match_id(site, site_views)
        if match:
            values["site"] = match
            if "view" not in values:
                values["view"] = site_views[match]
        else:
            notices.append(f"No site is called {_quote(site)}; nothing is selected.")

    _choice(raw, "zone", RISK_ZONES, values, notices, "no zone is highlighted", label="risk zone")
    _choice(raw, "mode", MODES, values, notices, f"using {DEFAULT.mode} mode")
    _choice(raw, "region", REGIONS, values, notices, "showing the whole body")
    _choice(raw, "layout", LAYOUTS, values, notices, "showing one view")

    _choice(raw, "kind", KINDS, values, notices, "showing every kind")
    _choice(raw, "area", BODY_REGIONS, values, notices, "no region filter", label="body region")
    for key in ("q", "use"):
        text = raw.get(key, "")
        if text:
            values[key] = "".join(ch for ch in text if ch.isprintable())

    pain = raw.get("pain", "")
    if pain:
        if parse_spot(pain):
            values["pain"] = pain
        else:
            notices.append(f"The painful spot {_quote(pain)} was not understood; pick an area instead.")

    lesson = raw.get("lesson", "")
    if lesson:
        values["lesson"] = lesson

    channels = set(meridians) or set(MERIDIAN_CODES)
    chosen_channels: list[str] = []
    for token in [t.strip() for t in raw.get("meridian", "").split(",") if t.strip()]:
        if token.upper() in channels:
            chosen_channels.append(token.upper())
        else:
            notices.append(f"Unknown meridian {_quote(token)}; channels: {', '.join(sorted(channels))}.")
    if chosen_channels:
        values["meridian"] = tuple(dict.fromkeys(chosen_channels))

    muscle = raw.get("muscle", "")
    if muscle:
        found = next((a for a in muscles if a.lower() == muscle.lower()), None)
        if found:
            values["muscle"] = found
        else:
            notices.append(f"Unknown muscle {_quote(muscle)}; the filter was not applied.")

    layers_text = raw.get("layers", "")
    if layers_text:
        chosen = [t.strip().lower() for t in layers_text.split(",") if t.strip() and t.strip().lower() != "none"]
        bad = [t for t in chosen if t not in LAYERS]
        if bad:
            notices.append(f"Unknown layer {_quote(bad[0])}; layers: {', '.join(LAYERS)}.")
        values["layers"] = tuple(t for t in LAYERS if t in chosen)
    return replace(DEFAULT, **values), notices  # type: ignore[arg-type]


def _choice(raw: Mapping[str, str], key: str, allowed: Iterable[str], values: dict[str, object],
            notices: list[str], fallback: str, label: str | None = None) -> None:
    """Take a parameter that must be one of a fixed set, case-insensitively;
    otherwise leave the default and say what happened."""
    text = raw.get(key, "")
    if not text:
        return
    options = tuple(allowed)
    if text.lower() in options:
        values[key] = text.lower()
    else:
        notices.append(f"Unknown {label or key} {_quote(text)}; {fallback}. Choices: {', '.join(options)}.")


def _match_id(text: str, site_views: Mapping[str, str]) -> str | None:
    if text in site_views:
        return text
    if not _SAFE_TOKEN.match(text.replace(" ", "")):
        return None
    folded = text.replace(" ", "").upper()
    for sid in site_views:
        if sid.upper() == folded or sid.upper().replace("-", "") == folded.replace("-", ""):
            return sid
    return None


def to_params(state: ViewState) -> dict[str, str]:
    """The parameters of a state that differ from the defaults, in a stable order."""
    out: dict[str, str] = {}
    default = asdict(DEFAULT)
    for key, value in asdict(state).items():
        if value == default[key] or value is None or value == "":
            continue
        if isinstance(value, tuple):
            # an empty layer list differs from the default; an empty channel list is the default
            out[key] = ",".join(value) or "none"
        else:
            out[key] = str(value)
    return out
