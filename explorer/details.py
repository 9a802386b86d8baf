"""A site's details as labelled text: every field of its row, in reading order.

Pure formatting, shared by the details panel, exports and tests. Values are
returned as plain strings; the UI escapes them.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from explorer import content, depth_notes, depths
from explorer.data import Dataset, split_keys
from explorer.population import BMI_SOURCE
from explorer.schema import ANGLE_SOURCE

KIND_LABEL = {"acupoint": "Acupoint", "trigger_point": "Trigger point"}
MERIDIAN_NAMES = {
    "LU": "Lung", "LI": "Large Intestine", "ST": "Stomach", "SP": "Spleen", "HT": "Heart",
    "SI": "Small Intestine", "BL": "Bladder", "KI": "Kidney", "PC": "Pericardium",
    "TE": "Triple Energizer", "GB": "Gallbladder", "LR": "Liver", "GV": "Governor Vessel",
    "CV": "Conception Vessel", "EX": "Extra points",
}


@dataclass(frozen=True)
class Field:
    key: str  # the column (or columns) it comes from
    label: str
    value: str
    emphasis: bool = False  # safety information, shown prominently


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == ""


def _num(value: float) -> str:
    return f"{value:g}"


def depth_text(row: pd.Series) -> str:
    mm = f"{_num(row['depth_min_mm'])}–{_num(row['depth_max_mm'])} mm"
    if not _blank(row.get("depth_min_cun")) and not _blank(row.get("depth_max_cun")):
        mm += f" (textbook {_num(row['depth_min_cun'])}–{_num(row['depth_max_cun'])} cun)"
    return mm


def angle_text(row: pd.Series) -> str:
    text = str(row["angle"]).capitalize()
    if not _blank(row.get("angle_deg")):
        text += f", about {_num(float(row['angle_deg']))}° to the skin"
    if not _blank(row.get("angle_direction")):
        text += f": {row['angle_direction']}"
    return text


def title(row: pd.Series) -> str:
    parts = [str(row["site_id"]), str(row["name"])]
    if not _blank(row.get("pinyin")):
        parts.append(f"{row['pinyin']} {row.get('hanzi') or ''}".strip())
    return " · ".join(parts)


def placement_text(row: pd.Series) -> str:
    side = "both sides (stored on the left)" if row["bilateral"] else "single, on the midline or one side"
    text = f"{row['view']} view at x = {row['x']:.4f}, y = {row['y']:.4f} of body height; {side}"
    if not _blank(row.get("anchor")):
        dx = 0.0 if _blank(row.get("anchor_dx_cun")) else float(row["anchor_dx_cun"])
        dy = 0.0 if _blank(row.get("anchor_dy_cun")) else float(row["anchor_dy_cun"])
        text += f". Defined from landmark {row['anchor']}, {dx:g} B-cun across and {dy:g} B-cun up"
    return text


# Why the angle matters, for patients: one calm sentence by risk zone and angle,
# in plain words and without figures (a millimetre figure would read as "safe").
_SLANT = {"transverse": "at a shallow slant along the skin", "oblique": "at a slant"}
PATIENT_ANGLE_REASON: dict[str, str] = {
    "chest": "The lung lies just under the ribs here, so the needle goes in {slant} rather than straight down.",
    "upper_back": "The top of the lung lies under the muscles here, so the needle goes in {slant} rather "
                  "than straight down.",
    "neck": "Large blood vessels and nerves run close under the skin of the neck, so the needle goes in {slant}, "
            "steered away from them.",
    "kidney": "The kidneys lie deep under the muscles of the loin, so the needle goes in {slant} and stays in "
              "the muscle.",
    "eye": "The eye and the small vessels around it lie right here, so the needle is guided slowly along the "
           "bone of the eye socket, away from the eye.",
}
PATIENT_STRAIGHT_REASON: dict[str, str] = {
    "chest": "The lung lies beneath the chest wall here, so even straight in the needle is kept short.",
    "upper_back": "The lung lies beneath the muscles of the upper back, so even straight in the needle is kept short.",
    "neck": "Large blood vessels and nerves run through the neck, so even straight in the needle is kept short "
            "and pointed away from them.",
    "kidney": "The kidneys lie deep in the loin, so even straight in the needle is kept well short of them.",
    "eye": PATIENT_ANGLE_REASON["eye"],
}
PATIENT_ANGLE_NO_ZONE: dict[str, str] = {
    "perpendicular": "Here the needle usually goes straight in, into the muscle beneath the skin.",
    "oblique": "Here the needle usually goes in at a slant, because the layer beneath is thin or the slant "
               "follows the muscle.",
    "transverse": "The tissue here is thin, so the needle slides in at a shallow slant just under the skin "
                  "rather than going deep.",
}


def patient_angle_reason(row: pd.Series) -> str:
    """One plain sentence on why the needle goes in at this site's angle (no figures)."""
    zone, angle = str(row.get("risk_zone") or ""), str(row["angle"])
    if zone in PATIENT_ANGLE_REASON:
        if angle in _SLANT:
            return PATIENT_ANGLE_REASON[zone].format(slant=_SLANT[angle])
        return PATIENT_STRAIGHT_REASON[zone]
    return PATIENT_ANGLE_NO_ZONE.get(angle, PATIENT_ANGLE_NO_ZONE["perpendicular"])


def reach_field(ds: Dataset, site_id: str) -> Field:
    """How deep the usual maximum ends at the site's angle, and straight in; a warning when
    straight in it would cross the nearest measured danger."""
    check = depths.check_site(ds, site_id)
    if check.straight_in_crosses:
        return Field("angle_deg;depth_max_mm", "Depth reached", f"{depth_notes.reach_sentence(check, False)} "
                     f"{depth_notes.straight_in_sentence(check)}", emphasis=True)
    return Field("angle_deg;depth_max_mm", "Depth reached", depth_notes.reach_sentence(check))


def site_fields(ds: Dataset, site_id: str, patient: bool = False) -> list[Field]:
    """Every field of a site's row, labelled. ``patient`` leaves out needling technique."""
    row = ds.sites.loc[site_id]
    acupoint = row["kind"] == "acupoint"
    fields: list[Field] = [Field("kind", "Kind", KIND_LABEL.get(row["kind"], row["kind"]))]
    if acupoint:
        channel = MERIDIAN_NAMES.get(row["meridian"], row["meridian"])
        fields.append(Field("meridian", "Channel", f"{channel} ({row['meridian']})"))
        fields.append(Field("pinyin", "Pinyin and characters", f"{row['pinyin']} {row['hanzi']}".strip()))
    else:
        fields.append(Field("muscle", "Muscle", str(row["muscle"]).capitalize()))
    fields.append(Field("region", "Region", str(row["region"]).replace("_", " ")))
    fields.append(Field("location", "Location", str(row["location"])))
    if not _blank(row.get("alternate_location")):
        fields.append(Field("alternate_location", "Second accepted location (WHO keeps two)",
                            str(row["alternate_location"])))
    if not _blank(row.get("risk_zone")):
        zone = str(row["risk_zone"])
        label = str(ds.zones.at[zone, "label"]) if zone in ds.zones.index else zone
        if patient and zone in ds.zones.index:
            # Plain words instead of the technical note with its measurements.
            fields.append(Field("risk_zone", "Safety", f"{label} risk zone. {ds.zones.at[zone, 'patient_summary']}",
                                emphasis=True))
        else:
            fields.append(Field("risk_zone", "Risk zone", label, emphasis=True))
            fields.append(Field("risk_note", "What lies beneath", str(row["risk_note"]), emphasis=True))
    if patient:
        fields.append(Field("angle", "Why the angle matters", patient_angle_reason(row)))
    else:
        fields.append(Field("depth_min_mm;depth_max_mm;depth_min_cun;depth_max_cun", "Usual depth",
                            depth_text(row)))
        fields.append(Field("angle;angle_deg;angle_direction", "Needle angle", angle_text(row)))
        fields.append(reach_field(ds, site_id))
        if not _blank(row.get("palpation")):
            fields.append(Field("palpation", "Palpation", f"{row['palpation']} grip" if row["palpation"] == "pincer"
                                else "flat palpation against the underlying bone or muscle"))
    if not _blank(row.get("cautions")):
        fields.append(Field("cautions", "Cautions", str(row["cautions"]), emphasis=True))
    if not _blank(row.get("indications")):
        fields.append(Field("indications", "Traditional uses" if acupoint else "Associated conditions",
                            str(row["indications"])))
    if not _blank(row.get("symptoms")):
        fields.append(Field("symptoms", "What patients describe", str(row["symptoms"])))
    if not patient:
        fields.append(Field("view;x;y;bilateral;anchor;anchor_dx_cun;anchor_dy_cun", "Placement",
                            placement_text(row)))
    return fields


@dataclass(frozen=True)
class Reference:
    """One source behind a site's details, and what the details use it for."""

    key: str
    citation: str  # the full citation with its identifier; empty when the key is not in sources.csv
    used_for: str  # SITE_SOURCE, DEPTH_RANGE or MEASURED_DEPTH


SITE_SOURCE = "location and notes"
DEPTH_RANGE = "depth range in the gauge"
MEASURED_DEPTH = "measured depth in the gauge"


def references(ds: Dataset, site_id: str) -> list[Reference]:
    """Every source behind what a site's details show, each once: the site's own list first, then the
    books whose depth ranges the gauge sets beside it, then the studies whose measurements it draws.

    Without the last two, a student who reads a figure in the gauge could not find its citation in the
    site's Sources list."""
    keyed: dict[str, str] = {k: SITE_SOURCE for k in split_keys(ds.sites.at[site_id, "sources"])}
    books = ds.textbook_depths
    if len(books):
        for key in books.loc[books["site_id"].eq(site_id), "source"]:
            keyed.setdefault(str(key), DEPTH_RANGE)
    for table in (ds.measurements, ds.regressions):
        if len(table):
            for cell in depths.rows_for_site(ds, table, site_id)["sources"]:
                for key in split_keys(cell):
                    keyed.setdefault(key, MEASURED_DEPTH)
    return [Reference(key, _citation(ds, key), used_for) for key, used_for in keyed.items()]


def _citation(ds: Dataset, key: str) -> str:
    if key not in ds.sources.index:
        return ""
    src = ds.sources.loc[key]
    text = str(src["citation"])
    if not _blank(src.get("identifier")):
        text += f" {src['identifier']}"
    return text


# The prose pages whose [@Key] citations count as a use of a reference.
CITING_PAGES = ("safety_patients.md", "safety_students.md", "compare_views.md")


def source_usage(ds: Dataset) -> pd.DataFrame:
    """How much each reference of sources.csv carries, one row per key: the sites that cite it, the
    depth ranges it gives (textbook_depths.csv), the measurement and regression rows it backs, and
    its other uses (zones, muscles, the Safety and Compare pages, the conventions the code applies).

    A book that only gives depth ranges is cited by no site, so counting sites alone would show it as
    unused."""
    def counted(*columns: pd.Series) -> Counter[str]:
        return Counter(k for column in columns for cell in column for k in split_keys(cell))

    books = Counter(str(k) for k in ds.textbook_depths.get("source", ()))
    measured = counted(*(t["sources"] for t in (ds.measurements, ds.regressions) if len(t)))
    other = counted(*(t["sources"] for t in (ds.zones, ds.muscles) if len(t)))
    for name in CITING_PAGES:
        other.update(content.load_text(name).keys)
    other.update(k for row in content.load_comparison() for k in row.sources)
    # Conventions the code applies and shows with their citation: the usual insertion angles (the
    # details' angle line) and the WHO BMI classes (the gauge's BMI caption).
    other.update((ANGLE_SOURCE, BMI_SOURCE))
    sites = counted(ds.sites["sources"])
    keys = list(ds.sources.index)
    return pd.DataFrame({"sites": [sites[k] for k in keys], "depth ranges": [books[k] for k in keys],
                         "measurements": [measured[k] for k in keys], "elsewhere": [other[k] for k in keys]},
                        index=keys)
