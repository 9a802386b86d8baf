"""The documentation keeps step with the code registries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explorer import schema, zones

DOCS = Path(__file__).resolve().parent.parent / "docs"
README = Path(__file__).resolve().parent.parent / "README.md"


def documented_columns(text: str, filename: str) -> list[str]:
    """Column names listed in the table under a file's heading in DATA.md."""
    section = text.split(f"## `{filename}`", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)


@pytest.mark.parametrize("table", schema.TABLES, ids=lambda t: t.filename)
def test_every_table_and_column_is_documented(table):
    text = (DOCS / "DATA.md").read_text(encoding="utf-8")
    assert f"## `{table.filename}`" in text
    assert documented_columns(text, table.filename) == table.column_names


def test_every_zone_is_documented_in_the_architecture_notes():
    text = (DOCS / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for zone in zones.ZONE_ORDER:
        assert f"`{zone}`" in text


def test_readme_gives_the_two_commands_and_ci_runs_the_test_command():
    readme = README.read_text(encoding="utf-8")
    assert "bash scripts/run.sh" in readme
    assert "bash scripts/test.sh" in readme
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci


def test_every_page_is_listed_in_the_readme():
    app = (README.parent / "explorer" / "pages" / "nav.py").read_text(encoding="utf-8")
    titles = re.findall(r'st.Page\([^)]*title="([^"]+)"', app)
    readme = README.read_text(encoding="utf-8")
    assert titles
    for title in titles:
        assert f"**{title}**" in readme
