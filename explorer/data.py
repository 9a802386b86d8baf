"""Loading and validating the dataset. Pure: no streamlit, nothing at import.

Every problem is reported as a :class:`Problem` naming the file, the row (as a
spreadsheet numbers it: the header is row 1, the first site row 2) and the
column, so that a curator can go straight to the cell.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from explorer import schema
from explorer.schema import ColumnSpec, TableSpec

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_DIR_ENV = "NEEDLE_SITE_DATA_DIR"  # an absolute folder that replaces DATA_DIR (tests, deployments)
MAX_PROBLEMS_PER_TABLE = 500  # enough to fix a file, few enough to read

_TRUE = {"true", "yes", "1", "y", "t"}
_FALSE = {"false", "no", "0", "n", "f", ""}
_ACUPOINT_ID = re.compile(r"^(LU|LI|ST|SP|HT|SI|BL|KI|PC|TE|GB|LR|GV|CV)([1-9][0-9]?)$")
_EXTRA_ID = re.compile(r"^EX-(HN|CA|B|UE|LE)([1-9][0-9]?)$")
_SLUG_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*-[0-9]+$")


@dataclass(frozen=True)
class Problem:
    """One violation of the data contract."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@dataclass
class Dataset:
    sites: pd.DataFrame
    sources: pd.DataFrame
    placements: pd.DataFrame
    referrals: pd.DataFrame
    zones: pd.DataFrame
    measurements: pd.DataFrame = field(default_factory=pd.DataFrame)
    regressions: pd.DataFrame = field(default_factory=pd.DataFrame)
    textbook_depths: pd.DataFrame = field(default_factory=pd.DataFrame)
    muscles: pd.DataFrame = field(default_factory=pd.DataFrame)  # indexed by muscle name
    muscle_shapes: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: list[Problem] = field(default_factory=list)
    # Values derived from the (read-only) tables, computed once per dataset:
    # every session shares the dataset, so each rerun reuses them.
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    def site(self, site_id: str) -> pd.Series:
        return self.sites.loc[site_id]


def split_keys(cell: object) -> list[str]:
    return [k.strip() for k in str(cell or "").split(";") if k.strip()]


def _spreadsheet_row(index: object) -> int | None:
    return int(index) + 2 if isinstance(index, int) else None


def read_table(source: Path | str | bytes, spec: TableSpec, label: str | None = None
               ) -> tuple[pd.DataFrame, list[Problem]]:
    """Read one CSV table and check it against its spec.

    ``source`` is a path, or the raw bytes of an uploaded file. The returned
    frame has typed columns (floats, bools, stripped strings with "" for
    empty); rows that break the contract are kept, and listed in the problems.
    """
    name = label or (Path(source).name if isinstance(source, (str, Path)) else spec.filename)
    try:
        raw = Path(source).read_bytes() if isinstance(source, (str, Path)) else bytes(source)
    except FileNotFoundError:
        return pd.DataFrame(columns=spec.column_names), [Problem(name, None, None, "file not found")]
    except OSError as exc:
        return pd.DataFrame(columns=spec.column_names), [Problem(name, None, None, f"cannot read: {exc.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return pd.DataFrame(columns=spec.column_names), [
            Problem(name, None, None, f"not UTF-8 text (bad byte at offset {exc.start})")]
    frame, problems = _parse_csv(text, spec, name)
    if problems:
        return frame, problems
    return _check_columns(frame, spec, name)


def _parse_csv(text: str, spec: TableSpec, name: str) -> tuple[pd.DataFrame, list[Problem]]:
    empty = pd.DataFrame(columns=spec.column_names)
    if not text.strip():
        return empty, [Problem(name, None, None, "the file is empty; expected a header row with "
                               + ", ".join(c.name for c in spec.columns if c.required))]
    # csv.reader first: it names the line of a broken quote or a ragged row,
    # which pandas reports less precisely.
    try:
        rows = list(csv.reader(io.StringIO(text), strict=True))
    except csv.Error as exc:
        return empty, [Problem(name, None, None, f"malformed CSV: {exc}")]
    header = [h.strip() for h in rows[0]]
    problems: list[Problem] = []
    dupes = sorted({h for h in header if header.count(h) > 1 and h})
    for h in dupes:
        problems.append(Problem(name, 1, h, "column appears more than once in the header"))
    missing = [c.name for c in spec.columns if c.required and c.name not in header]
    for m in missing:
        problems.append(Problem(name, 1, m, "required column is missing from the header"))
    body = [r for r in rows[1:] if any(cell.strip() for cell in r)]
    for i, r in enumerate(rows[1:], start=2):
        if any(cell.strip() for cell in r) and len(r) != len(header):
            problems.append(Problem(name, i, None, f"has {len(r)} cells but the header has {len(header)}"))
    if problems:
        return empty, problems[:MAX_PROBLEMS_PER_TABLE]
    frame = pd.DataFrame(body, columns=header, dtype=object)
    for c in spec.columns:
        if c.name not in frame.columns:
            frame[c.name] = ""
    return frame, []


def _check_columns(frame: pd.DataFrame, spec: TableSpec, name: str) -> tuple[pd.DataFrame, list[Problem]]:
    problems: list[Problem] = []
    typed = frame.copy()
    for c in spec.columns:
        values = typed[c.name].map(lambda v: "" if v is None else str(v).strip())
        if c.dtype in ("float", "int"):
            converted = pd.to_numeric(values.replace("", None), errors="coerce")
            bad = values.ne("") & converted.isna()
            for idx in values.index[bad]:
                problems.append(Problem(name, _spreadsheet_row(idx), c.name,
                                        f"{_show(values[idx])} is not a number"))
            infinite = converted.abs().eq(float("inf"))
            for idx in values.index[infinite.fillna(False)]:
                problems.append(Problem(name, _spreadsheet_row(idx), c.name, "must be a finite number"))
                converted[idx] = float("nan")
            if c.dtype == "int":
                fractional = converted.notna() & converted.ne(converted.round())
                for idx in values.index[fractional]:
                    problems.append(Problem(name, _spreadsheet_row(idx), c.name,
                                            f"{_show(values[idx])} is not a whole number"))
            typed[c.name] = converted.astype(float)
        elif c.dtype == "bool":
            low = values.str.lower()
            bad = ~low.isin(_TRUE | _FALSE)
            for idx in values.index[bad]:
                problems.append(Problem(name, _spreadsheet_row(idx), c.name,
                                        f"{_show(values[idx])} is not true or false"))
            typed[c.name] = low.isin(_TRUE)
        else:
            typed[c.name] = values.astype(object)
    problems += _pandera_problems(typed, spec, name, frame)
    if spec.key:
        dup = typed.duplicated(list(spec.key), keep="first")
        for idx in typed.index[dup]:
            key = ", ".join(str(typed.at[idx, k]) for k in spec.key)
            problems.append(Problem(name, _spreadsheet_row(idx), spec.key[0],
                                    f"duplicate key {_show(key)}: each must be unique"))
    return typed, problems[:MAX_PROBLEMS_PER_TABLE]


def _show(value: object, limit: int = 40) -> str:
    """Quote a cell for a message, shortened; messages are shown as plain text."""
    text = str(value)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def pandera_schema(spec: TableSpec) -> pa.DataFrameSchema:
    """The pandera schema for a table: emptiness, enums and ranges per column."""
    columns: dict[str, pa.Column] = {}
    for c in spec.columns:
        # pandera skips nulls when running checks, so emptiness of a number is
        # its own non-nullable rule; text columns hold "" for empty instead.
        nullable = c.nullable or c.dtype not in ("float", "int")
        columns[c.name] = pa.Column(checks=_checks_for(c), nullable=nullable, required=False, coerce=False)
    return pa.DataFrameSchema(columns, strict=False, name=spec.name)


def _checks_for(c: ColumnSpec) -> list[pa.Check]:
    checks: list[pa.Check] = []
    if c.dtype == "str":
        if not c.nullable:
            checks.append(pa.Check(lambda s: s.astype(str).str.len() > 0, element_wise=False,
                                   error="must not be empty"))
        if c.allowed:
            allowed = set(c.allowed)
            checks.append(pa.Check(lambda s, allowed=allowed: s.eq("") | s.isin(allowed),
                                   error=f"must be one of: {', '.join(c.allowed)}"))
    elif c.dtype in ("float", "int"):
        if c.minimum is not None:
            checks.append(pa.Check(lambda s, m=c.minimum: s.isna() | (s >= m), error=f"must be >= {c.minimum:g}"))
        if c.maximum is not None:
            checks.append(pa.Check(lambda s, m=c.maximum: s.isna() | (s <= m), error=f"must be <= {c.maximum:g}"))
    return checks


_READABLE_CHECKS = {"not_nullable": "must not be empty"}


def _pandera_problems(typed: pd.DataFrame, spec: TableSpec, name: str, raw: pd.DataFrame) -> list[Problem]:
    try:
        pandera_schema(spec).validate(typed, lazy=True)
    except pa.errors.SchemaErrors as err:
        out: list[Problem] = []
        cases = err.failure_cases
        for _, case in cases.iterrows():
            column = case.get("column")
            idx = case.get("index")
            check = _READABLE_CHECKS.get(str(case.get("check") or ""), str(case.get("check") or ""))
            row = _spreadsheet_row(int(idx)) if pd.notna(idx) else None
            shown = raw.at[int(idx), column] if (row is not None and column in raw.columns) else ""
            message = check
            if shown not in ("", None):
                message = f"{_show(str(shown))} {check}"
            out.append(Problem(name, row, str(column) if column else None, message))
        return out
    return []


# ---------------------------------------------------------------------------
# The whole dataset and its cross-table rules
# ---------------------------------------------------------------------------
def load_dataset(data_dir: Path | None = None, uploads: dict[str, bytes] | None = None) -> Dataset:
    """Load and validate every table. Never raises for bad data: problems are
    returned on the dataset, and the frames hold whatever could be read.

    ``uploads`` maps a table's filename to raw bytes that replace the file.
    """
    folder = data_dir or default_data_dir()
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for spec in schema.TABLES:
        if uploads and spec.filename in uploads:
            frame, found = read_table(uploads[spec.filename], spec, label=spec.filename)
        elif not (folder / spec.filename).exists() and not spec.required_file:
            frame, found = pd.DataFrame({c.name: pd.Series(dtype=_pandas_dtype(c)) for c in spec.columns}), []
        else:
            frame, found = read_table(folder / spec.filename, spec)
        frames[spec.name] = frame
        problems += found
    problems += cross_check(frames)
    sites = frames["sites"]
    if "site_id" in sites.columns and sites["site_id"].is_unique:
        sites = sites.set_index("site_id", drop=False)
        sites.index.name = None
    sources = frames["sources"]
    if "key" in sources.columns and sources["key"].is_unique:
        sources = sources.set_index("key", drop=False)
        sources.index.name = None
    zones = frames["zones"]
    if "zone" in zones.columns and zones["zone"].is_unique:
        zones = zones.set_index("zone", drop=False)
        zones.index.name = None
    muscles = frames["muscles"]
    if "muscle" in muscles.columns and muscles["muscle"].is_unique:
        muscles = muscles.set_index("muscle", drop=False)
        muscles.index.name = None
    return Dataset(sites=sites, sources=sources, placements=frames["site_placements"],
                   referrals=frames["referrals"], zones=zones,
                   measurements=frames["depth_measurements"], regressions=frames["depth_regressions"],
                   textbook_depths=frames["textbook_depths"], muscles=muscles,
                   muscle_shapes=frames["muscle_shapes"], problems=problems)


MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # per file; the server's own limit (.streamlit/config.toml) matches
MAX_UPLOAD_ROWS = 20_000
OWN_DATA_TABLES = ("sites.csv", "sources.csv", "referrals.csv", "site_placements.csv", "depth_measurements.csv",
                   "depth_regressions.csv", "textbook_depths.csv", "muscles.csv", "muscle_shapes.csv")


def load_own_dataset(files: dict[str, bytes]) -> Dataset:
    """A dataset from a user's own files: sites.csv and sources.csv, optionally
    referrals, placements and measurements. Never raises.

    The user's sources are completed with the bundled ones (their keys win), so
    that the bundled risk-zone texts, which cite bundled keys, still resolve.
    Tables not given are empty; zones come from the bundled data.
    """
    problems: list[Problem] = []
    for name, raw in files.items():
        if name not in OWN_DATA_TABLES:
            problems.append(Problem(name, None, None, "not one of the tables: " + ", ".join(OWN_DATA_TABLES)))
        elif len(raw) > MAX_UPLOAD_BYTES:
            problems.append(Problem(name, None, None, f"is {len(raw) / 1e6:.1f} MB; the limit is "
                                    f"{MAX_UPLOAD_BYTES / 1e6:.0f} MB per file"))
        elif raw.count(b"\n") > MAX_UPLOAD_ROWS:
            problems.append(Problem(name, None, None, f"has more than {MAX_UPLOAD_ROWS} rows"))
    for required in ("sites.csv", "sources.csv"):
        if required not in files:
            problems.append(Problem(required, None, None, "upload this file too"))
    if problems:
        return _empty_dataset(problems)
    uploads = {spec.filename: _header_only(spec) for spec in schema.TABLES
               if spec.filename in OWN_DATA_TABLES and spec.filename not in files}
    uploads.update(files)
    own_sources, found = read_table(files["sources.csv"], schema.SOURCES)
    if found:  # list the sites' problems too, so that one round of fixes is enough
        return _empty_dataset(found + read_table(files["sites.csv"], schema.SITES)[1])
    bundled, _ = read_table(DATA_DIR / schema.SOURCES.filename, schema.SOURCES)
    extra = bundled[~bundled["key"].isin(set(own_sources["key"]))]
    merged = pd.concat([own_sources, extra], ignore_index=True)
    uploads["sources.csv"] = merged.to_csv(index=False).encode("utf-8")
    return load_dataset(DATA_DIR, uploads=uploads)


def _header_only(spec: TableSpec) -> bytes:
    return (",".join(spec.column_names) + "\n").encode("utf-8")


def _empty_dataset(problems: list[Problem]) -> Dataset:
    frames = {spec.name: pd.DataFrame(columns=spec.column_names) for spec in schema.TABLES}
    return Dataset(sites=frames["sites"], sources=frames["sources"], placements=frames["site_placements"],
                   referrals=frames["referrals"], zones=frames["zones"],
                   measurements=frames["depth_measurements"], regressions=frames["depth_regressions"],
                   textbook_depths=frames["textbook_depths"], muscles=frames["muscles"],
                   muscle_shapes=frames["muscle_shapes"], problems=problems)


def default_data_dir() -> Path:
    """The bundled data folder, resolved from the package; an absolute path in
    the environment variable NEEDLE_SITE_DATA_DIR replaces it."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(override) if override else DATA_DIR


def _pandas_dtype(c: ColumnSpec) -> str:
    return {"float": "float64", "int": "float64", "bool": "bool"}.get(c.dtype, "object")


def cross_check(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Rules that span rows or tables."""
    from explorer import body  # local: only needed when validating anchors

    out: list[Problem] = []
    sites = frames["sites"]
    sources = frames["sources"]
    source_keys = set(sources["key"]) if "key" in sources.columns else set()
    site_ids = set(sites["site_id"]) if "site_id" in sites.columns else set()
    kinds = dict(zip(sites["site_id"], sites["kind"], strict=False)) if "kind" in sites.columns else {}
    f = schema.SITES.filename
    all_anchors = body.anchors()
    for idx, row in sites.iterrows():
        r = _spreadsheet_row(idx)
        sid = str(row["site_id"])
        out += _site_rules(row, f, r, sid, source_keys, all_anchors)
    for spec in (schema.ZONES, schema.MEASUREMENTS, schema.REGRESSIONS, schema.MUSCLES):
        for idx, row in frames[spec.name].iterrows():
            for k in split_keys(row["sources"]):
                if k not in source_keys:
                    out.append(Problem(spec.filename, _spreadsheet_row(idx), "sources",
                                       f"{_show(k)} is not a key in sources.csv"))
    muscles = set(sites["muscle"]) - {""} if "muscle" in sites.columns else set()
    for idx, row in frames["depth_measurements"].iterrows():
        out += _measurement_rules(row, _spreadsheet_row(idx), site_ids, muscles)
    for idx, row in frames["depth_regressions"].iterrows():
        out += _regression_rules(row, _spreadsheet_row(idx), site_ids, muscles)
    for idx, row in frames["textbook_depths"].iterrows():
        r = _spreadsheet_row(idx)
        if row["site_id"] not in site_ids:
            out.append(Problem(schema.TEXTBOOK_DEPTHS.filename, r, "site_id",
                               f"{_show(row['site_id'])} is not a site_id in sites.csv"))
        if row["source"] not in source_keys:
            out.append(Problem(schema.TEXTBOOK_DEPTHS.filename, r, "source",
                               f"{_show(row['source'])} is not a key in sources.csv"))
        out += _range_rule(row, schema.TEXTBOOK_DEPTHS.filename, r, "depth_min_mm", "depth_max_mm", "mm")
        out += _range_rule(row, schema.TEXTBOOK_DEPTHS.filename, r, "depth_min_cun", "depth_max_cun", "cun")
    for spec, frame in ((schema.PLACEMENTS, frames["site_placements"]), (schema.REFERRALS, frames["referrals"])):
        for idx, row in frame.iterrows():
            r = _spreadsheet_row(idx)
            if row["site_id"] not in site_ids:
                out.append(Problem(spec.filename, r, "site_id",
                                   f"{_show(row['site_id'])} is not a site_id in sites.csv"))
            elif spec is schema.REFERRALS and kinds.get(row["site_id"]) != "trigger_point":
                out.append(Problem(spec.filename, r, "site_id", "referral patterns belong to trigger points only"))
            if spec is schema.PLACEMENTS:
                out += _anchor_rules(row, spec.filename, r, all_anchors)
    out += _muscle_rules(frames["muscles"], frames["muscle_shapes"], muscles, all_anchors)
    return out[: MAX_PROBLEMS_PER_TABLE * 2]


def _muscle_rules(muscles: pd.DataFrame, shapes: pd.DataFrame, tp_muscles: set[str], all_anchors: dict
                  ) -> list[Problem]:
    """muscles.csv names trigger-point muscles and real landmarks; muscle_shapes.csv
    names muscles of muscles.csv and holds closed outlines of at least three
    vertices, numbered 1..n in order."""
    out: list[Problem] = []
    fm, fs = schema.MUSCLES.filename, schema.MUSCLE_SHAPES.filename
    for idx, row in muscles.iterrows():
        r = _spreadsheet_row(idx)
        if row["muscle"] and row["muscle"] not in tp_muscles:
            out.append(Problem(fm, r, "muscle", f"{_show(row['muscle'])} is not the muscle of any trigger "
                               "point in sites.csv"))
        for column in ("origin_landmarks", "insertion_landmarks"):
            for ref in split_keys(row[column]):
                view, _, name = ref.partition(":")
                if view not in schema.VIEWS or not name:
                    out.append(Problem(fm, r, column, f"{_show(ref)} is not view:anchor (posterior:C7)"))
                elif (view, name) not in all_anchors:
                    out.append(Problem(fm, r, column, f"{_show(name)} is not a landmark of the {view} view"))
    known = set(muscles["muscle"]) if "muscle" in muscles.columns else set()
    if shapes.empty:
        return out
    for idx, row in shapes.iterrows():
        if row["muscle"] and row["muscle"] not in known:
            out.append(Problem(fs, _spreadsheet_row(idx), "muscle",
                               f"{_show(row['muscle'])} is not a muscle of muscles.csv"))
    for (muscle, view, part), group in shapes.groupby(["muscle", "view", "part"], sort=False):
        first = _spreadsheet_row(group.index[0])
        name = f"{muscle}, {view}, {part}"
        if len(group) < 3:
            out.append(Problem(fs, first, "vertex", f"the outline of {_show(name, 60)} has {len(group)} "
                               "vertices; a shape needs at least three"))
        numbers = group["vertex"].tolist()
        if numbers != list(range(1, len(group) + 1)) and not group["vertex"].isna().any():
            out.append(Problem(fs, first, "vertex", f"the vertices of {_show(name, 60)} are not numbered "
                               "1, 2, 3 ... in order"))
        if group["layer"].nunique() > 1:
            out.append(Problem(fs, first, "layer", f"{_show(name, 60)} mixes superficial and deep vertices"))
    return out


def _site_rules(row: pd.Series, f: str, r: int | None, sid: str, source_keys: set[str],
                all_anchors: dict) -> list[Problem]:
    out: list[Problem] = []
    kind = row["kind"]
    if kind == "acupoint":
        if not (_ACUPOINT_ID.match(sid) or _EXTRA_ID.match(sid)):
            out.append(Problem(f, r, "site_id", f"{_show(sid)} is not a WHO code such as GB21 or EX-HN3"))
        for col in ("pinyin", "hanzi", "meridian"):
            if not row[col]:
                out.append(Problem(f, r, col, "required for acupoints"))
        m = _ACUPOINT_ID.match(sid)
        if m and row["meridian"] and row["meridian"] != m.group(1):
            out.append(Problem(f, r, "meridian", f"{_show(row['meridian'])} does not match the code {sid}"))
        if _EXTRA_ID.match(sid) and row["meridian"] and row["meridian"] != "EX":
            out.append(Problem(f, r, "meridian", "extra points belong to meridian EX"))
        if sid in schema.DUAL_LOCATION_POINTS and not str(row.get("alternate_location", "") or ""):
            out.append(Problem(f, r, "alternate_location", f"{sid} keeps two WHO locations; give the second"))
    elif kind == "trigger_point":
        if not _SLUG_ID.match(sid):
            out.append(Problem(f, r, "site_id", f"{_show(sid)} is not a slug such as upper-trapezius-1"))
        if not row["muscle"]:
            out.append(Problem(f, r, "muscle", "required for trigger points"))
        if row["meridian"]:
            out.append(Problem(f, r, "meridian", "trigger points have no meridian"))
    lo, hi = row["depth_min_mm"], row["depth_max_mm"]
    if pd.notna(lo) and pd.notna(hi) and lo > hi:
        out.append(Problem(f, r, "depth_max_mm", f"{hi:g} mm is shallower than depth_min_mm {lo:g} mm"))
    degrees, word = row.get("angle_deg"), row["angle"]
    if pd.notna(degrees) and 0 <= degrees <= 90 and word in schema.ANGLE_DEG_RANGE:  # else the range check speaks
        low, high = schema.ANGLE_DEG_RANGE[word]
        if not low <= degrees <= high:
            out.append(Problem(f, r, "angle_deg", f"{degrees:g} degrees does not fit angle {_show(word)} "
                               f"({low:g}-{high:g} degrees)"))
    clo, chi = row["depth_min_cun"], row["depth_max_cun"]
    if pd.notna(clo) and pd.notna(chi) and clo > chi:
        out.append(Problem(f, r, "depth_max_cun", f"{chi:g} cun is less than depth_min_cun {clo:g}"))
    if row["risk_zone"] and not row["risk_note"]:
        out.append(Problem(f, r, "risk_note", "a site in a risk zone needs a risk note"))
    if row["bilateral"] and row["view"] in ("anterior", "posterior") and pd.notna(row["x"]) and row["x"] <= 0:
        out.append(Problem(f, r, "x", "a bilateral site is stored on the subject's left (x > 0)"))
    keys = split_keys(row["sources"])
    for k in keys:
        if k not in source_keys:
            out.append(Problem(f, r, "sources", f"{_show(k)} is not a key in sources.csv"))
    out += _anchor_rules(row, f, r, all_anchors)
    return out


def _measured_target_rules(row: pd.Series, f: str, r: int | None, site_ids: set[str], muscles: set[str]
                           ) -> list[Problem]:
    """A measurement or regression names an acupoint of sites.csv or a trigger point's muscle."""
    out: list[Problem] = []
    sid, muscle = row["site_id"], row["muscle"]
    if not sid and not muscle:
        out.append(Problem(f, r, "site_id", "give the site_id of an acupoint or the muscle measured"))
    if sid and sid not in site_ids:
        out.append(Problem(f, r, "site_id", f"{_show(sid)} is not a site_id in sites.csv"))
    if muscle and muscle not in muscles:
        out.append(Problem(f, r, "muscle", f"{_show(muscle)} is not a muscle in sites.csv"))
    return out


def _measurement_rules(row: pd.Series, r: int | None, site_ids: set[str], muscles: set[str]
                       ) -> list[Problem]:
    f = schema.MEASUREMENTS.filename
    out: list[Problem] = []
    out += _measured_target_rules(row, f, r, site_ids, muscles)
    if pd.isna(row["mean_mm"]) and pd.isna(row["min_mm"]):
        out.append(Problem(f, r, "mean_mm", "give a mean, or a range in min_mm and max_mm"))
    out += _range_rule(row, f, r, "min_mm", "max_mm", "mm")
    mean, lo, hi = row["mean_mm"], row["min_mm"], row["max_mm"]
    if pd.notna(mean) and ((pd.notna(lo) and mean < lo) or (pd.notna(hi) and mean > hi)):
        out.append(Problem(f, r, "mean_mm", f"{mean:g} mm lies outside its range min_mm..max_mm"))
    if pd.notna(row["sd_mm"]) and pd.isna(mean):
        out.append(Problem(f, r, "sd_mm", "an SD needs its mean in mean_mm"))
    spot, distance = str(row.get("proxy_spot", "") or ""), row.get("proxy_distance_cun")
    if spot and pd.isna(distance):
        out.append(Problem(f, r, "proxy_distance_cun", "a proxy needs its distance from the site, in B-cun"))
    if not spot and pd.notna(distance):
        out.append(Problem(f, r, "proxy_spot", "a proxy distance needs the spot it was measured at"))
    return out


def _regression_rules(row: pd.Series, r: int | None, site_ids: set[str], muscles: set[str]) -> list[Problem]:
    f = schema.REGRESSIONS.filename
    out: list[Problem] = []
    out += _measured_target_rules(row, f, r, site_ids, muscles)
    found = _range_rule(row, f, r, "bmi_min", "bmi_max", "kg/m²")
    out += found
    numbers = ("intercept_mm", "slope_mm_per_bmi", "bmi_min", "bmi_max")
    if not found and all(pd.notna(row[c]) for c in numbers):
        for end in ("bmi_min", "bmi_max"):
            depth = row["intercept_mm"] + row["slope_mm_per_bmi"] * row[end]
            if depth < 0:
                out.append(Problem(f, r, "intercept_mm", f"the line gives a negative depth ({depth:.1f} mm) at "
                                   f"{end} {row[end]:g}: check the intercept and slope"))
                break
    return out


def _range_rule(row: pd.Series, f: str, r: int | None, low_col: str, high_col: str, unit: str) -> list[Problem]:
    lo, hi = row[low_col], row[high_col]
    if pd.notna(lo) and pd.notna(hi) and lo > hi:
        return [Problem(f, r, high_col, f"{hi:g} {unit} is less than {low_col} {lo:g} {unit}")]
    return []


def _anchor_rules(row: pd.Series, f: str, r: int | None, all_anchors: dict) -> list[Problem]:
    anchor = row.get("anchor", "")
    if not anchor:
        return []
    if (row["view"], anchor) not in all_anchors:
        return [Problem(f, r, "anchor", f"{_show(anchor)} is not a landmark of the {row['view']} view")]
    return []

