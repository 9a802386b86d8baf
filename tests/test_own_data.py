"""Bring your own data (issue #7): uploads are validated with the same
contract, problems are listed with row and column, nothing crashes, size is
limited, and one session's upload is never visible to another. Also the
loader under random malformed input (hypothesis)."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from explorer import schema
from explorer.data import MAX_UPLOAD_BYTES, Problem, load_own_dataset, read_table
from explorer.ui import OWN_DATA_KEY
from tests.conftest import MINIMAL

APP = str(MINIMAL.parent.parent.parent / "streamlit_app.py")


def minimal_files() -> dict[str, bytes]:
    return {name: (MINIMAL / name).read_bytes() for name in ("sites.csv", "sources.csv")}


def test_good_files_load_with_the_bundled_zone_texts():
    own = load_own_dataset(minimal_files())
    assert own.ok, [str(p) for p in own.problems]
    assert set(own.sites.index) == {"BL13", "GV14", "CV17", "LI4", "upper-trapezius-1"}
    assert "upper_back" in own.zones.index  # zones come from the bundled data ...
    assert "WHO2008" in own.sources.index  # ... and their cited sources resolve


def test_a_bad_cell_is_named_by_file_row_and_column():
    files = minimal_files()
    rows = list(csv.reader(io.StringIO(files["sites.csv"].decode())))
    rows[3][rows[0].index("depth_max_mm")] = "deep"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    files["sites.csv"] = out.getvalue().encode()
    problems = load_own_dataset(files).problems
    assert Problem("sites.csv", 4, "depth_max_mm", "'deep' is not a number") in problems


@pytest.mark.parametrize(("files", "message"), [
    ({"sites.csv": b"x" * (MAX_UPLOAD_BYTES + 1), "sources.csv": b"key\n"}, "the limit is"),
    ({"sites.csv": b"site_id\n"}, "upload this file too"),
    ({"evil.exe": b"MZ", "sites.csv": b"", "sources.csv": b""}, "not one of the tables"),
    ({"sites.csv": b"\xff\xfe\x00", "sources.csv": b"key,kind\n"}, "not UTF-8"),
    ({"sites.csv": b'site_id,"kind\n', "sources.csv": b""}, "file is empty"),
])
def test_unusable_uploads_get_a_clear_message(files, message):
    own = load_own_dataset(files)
    assert not own.ok
    assert any(message in str(p) for p in own.problems), [str(p) for p in own.problems]
    assert own.sites.empty


def test_one_sessions_upload_is_not_visible_to_another(monkeypatch):
    own = load_own_dataset(minimal_files())
    first = AppTest.from_file(APP, default_timeout=60)
    first.session_state[OWN_DATA_KEY] = own
    first.run()
    second = AppTest.from_file(APP, default_timeout=60).run()
    assert not first.exception and not second.exception
    assert "your own uploaded data (5 sites)" in " ".join(i.value for i in first.info)
    assert not any("own uploaded data" in i.value for i in second.info)
    assert "503 sites" not in " ".join(m.value for m in first.markdown)


# Random bytes and random "almost CSV" text: the loader must answer with
# problems (or a clean table), never an exception.
csv_like = st.lists(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=12), max_size=8),
                    max_size=6).map(lambda rows: "\n".join(",".join(r) for r in rows).encode("utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.one_of(st.binary(max_size=300), csv_like))
def test_the_loader_only_ever_reports_problems(raw):
    for spec in schema.TABLES:
        _frame, problems = read_table(raw, spec)
        assert all(isinstance(p, Problem) and p.file == spec.filename for p in problems)


@settings(max_examples=60, deadline=None)
@given(cell=st.text(max_size=20), column=st.sampled_from(schema.SITES.column_names), row=st.integers(0, 4))
def test_any_cell_of_a_valid_file_can_be_broken_without_a_crash(cell, column, row):
    files = minimal_files()
    rows = list(csv.reader(io.StringIO(files["sites.csv"].decode())))
    rows[row + 1][rows[0].index(column)] = cell
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    files["sites.csv"] = out.getvalue().encode()
    own = load_own_dataset(files)  # must not raise
    assert all(isinstance(p, Problem) for p in own.problems)
