"""The loader on good and bad files: every problem names file, row and column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from explorer import details, schema
from explorer.data import load_dataset, read_table


def _edit_cell(folder: Path, filename: str, site_row: int, column: str, value: str) -> None:
    path = folder / filename
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[site_row][column] = value
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)


def test_minimal_dataset_is_clean(minimal_ds):
    assert minimal_ds.problems == []
    assert set(minimal_ds.sites.index) == {"BL13", "GV14", "CV17", "LI4", "upper-trapezius-1"}
    assert minimal_ds.sites.at["BL13", "bilateral"] is True or minimal_ds.sites.at["BL13", "bilateral"] == True  # noqa: E712
    assert minimal_ds.sites.at["BL13", "depth_max_mm"] == 13.0


# (file, 0-based data row, column, bad value, expected spreadsheet row, words in the message)
BAD_CELLS = [
    # an enum outside its vocabulary
    ("sites.csv", 0, "kind", "needle", 2, "must be one of"),
    ("sites.csv", 1, "view", "top", 3, "must be one of"),
    ("sites.csv", 2, "region", "torso", 4, "must be one of"),
    ("sites.csv", 0, "risk_zone", "lungs", 2, "must be one of"),
    # numbers that are not numbers, or out of range
    ("sites.csv", 0, "depth_max_mm", "deep", 2, "is not a number"),
    ("sites.csv", 0, "y", "1.4", 2, "must be <= 1"),
    ("sites.csv", 3, "x", "nan-ish", 5, "is not a number"),
    ("sites.csv", 0, "depth_min_mm", "-3", 2, "must be >= 0"),
    ("sites.csv", 0, "depth_max_mm", "inf", 2, "finite"),
    # booleans
    ("sites.csv", 0, "bilateral", "maybe", 2, "not true or false"),
    # required cells left empty
    ("sites.csv", 0, "location", "", 2, "must not be empty"),
    ("sites.csv", 2, "depth_max_mm", "", 4, "must not be empty"),
    # cross-row and cross-table rules
    ("sites.csv", 0, "sources", "WHO2008;Nobody1999", 2, "is not a key in sources.csv"),
    ("sites.csv", 0, "depth_max_mm", "5", 2, "shallower than depth_min_mm"),
    ("sites.csv", 0, "pinyin", "", 2, "required for acupoints"),
    ("sites.csv", 4, "muscle", "", 6, "required for trigger points"),
    ("sites.csv", 0, "risk_note", "", 2, "needs a risk note"),
    ("sites.csv", 0, "meridian", "LU", 2, "does not match the code"),
    ("sites.csv", 0, "site_id", "GV14", 2, "duplicate key"),
    ("sites.csv", 0, "site_id", "bl-13", 2, "not a WHO code"),
    ("sites.csv", 4, "site_id", "Upper Trapezius", 6, "not a slug"),
    ("sites.csv", 0, "anchor", "below_T99", 2, "not a landmark"),
    ("sites.csv", 0, "x", "-0.02", 2, "stored on the subject's left"),
    ("referrals.csv", 0, "site_id", "BL13", 2, "belong to trigger points"),
    ("referrals.csv", 0, "site_id", "nowhere-1", 2, "is not a site_id"),
    ("referrals.csv", 0, "rx", "0", 2, "must be >= 0.001"),
    ("sources.csv", 0, "kind", "rumour", 2, "must be one of"),
]


@pytest.mark.parametrize(("filename", "row", "column", "value", "sheet_row", "words"), BAD_CELLS)
def test_bad_cell_is_reported_with_file_row_and_column(data_copy, filename, row, column, value, sheet_row, words):
    if filename == "sites.csv" and column == "site_id" and value == "GV14":
        sheet_row = 3  # the second occurrence is the duplicate
    _edit_cell(data_copy, filename, row, column, value)
    ds = load_dataset(data_copy)
    matching = [p for p in ds.problems if p.file == filename and p.row == sheet_row and words in p.message]
    assert matching, f"expected a problem at {filename} row {sheet_row} with {words!r}; got {ds.problems}"
    if column != "site_id" or filename != "sites.csv":
        assert any(p.column == column for p in matching) or words == "is not a site_id"


def test_report_string_names_the_place(data_copy):
    _edit_cell(data_copy, "sites.csv", 1, "view", "top")
    problem = next(p for p in load_dataset(data_copy).problems if p.column == "view")
    assert str(problem) == "sites.csv, row 3, column view: 'top' must be one of: anterior, posterior, lateral"


@pytest.mark.parametrize(("content", "words"), [
    (b"", "the file is empty"),  # empty file
    (b"\xff\xfe\x00garbage", "not UTF-8"),  # binary junk
    (b'site_id,kind\n"GB21,acupoint\n', "malformed CSV"),  # an unclosed quote
    (b"site_id,kind,name\nGB21,acupoint\n", "has 2 cells but the header has 3"),  # a ragged row
    (b"site_id,kind,kind\nGB21,acupoint,acupoint\n", "more than once"),  # a duplicated header
])
def test_malformed_files_give_a_clean_report(content, words):
    _, problems = read_table(content, schema.SITES, label="sites.csv")
    assert any(words in p.message for p in problems), problems
    assert all(p.file == "sites.csv" for p in problems)


def test_missing_required_column_is_named():
    header = [c.name for c in schema.SITES.columns if c.name != "angle"]
    _, problems = read_table((",".join(header) + "\n").encode(), schema.SITES)
    assert [(p.row, p.column) for p in problems] == [(1, "angle")]


def test_extra_columns_are_welcome(data_copy):
    path = data_copy / "sites.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[0].append("teaching_note")
    for r in rows[1:]:
        r.append("note")
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    assert load_dataset(data_copy).problems == []


def test_missing_data_folder_reports_instead_of_raising(tmp_path):
    ds = load_dataset(tmp_path / "nowhere")
    assert any(p.file == "sites.csv" and "file not found" in p.message for p in ds.problems)


def test_sources_resolve_to_full_citations(minimal_ds):
    refs = {r.key: r.citation for r in details.references(minimal_ds, "BL13")}
    assert set(refs) >= {"WHO2008", "Deadman2007"}
    assert "WHO Standard Acupuncture Point Locations" in refs["WHO2008"]
