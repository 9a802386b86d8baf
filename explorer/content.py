"""Prose pages (Safety, Compare) kept as files in ``explorer/content/``. Pure.

Texts cite sources as ``[@Key]`` or ``[@Key; @Other]``, keys of
``sources.csv``; :func:`render_citations` turns them into a readable
"(Key; Other)" and reports which keys were cited, so a page can list the full
references and a test can check that every key resolves.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"
_CITATION = re.compile(r"\[(@[^\]]+)\]")
_KEY = re.compile(r"@([A-Za-z][A-Za-z0-9_-]*)")


@dataclass(frozen=True)
class Text:
    markdown: str  # citations rendered as (Key; Key)
    keys: tuple[str, ...]  # cited keys, in order of first citation


def render_citations(markdown: str) -> Text:
    keys: list[str] = []

    def replace(match: re.Match[str]) -> str:
        found = _KEY.findall(match.group(1))
        for k in found:
            if k not in keys:
                keys.append(k)
        return "(" + "; ".join(found) + ")"

    return Text(_CITATION.sub(replace, markdown), tuple(keys))


def load_text(name: str) -> Text:
    """A markdown file of the content folder, with its citations rendered."""
    return render_citations((CONTENT_DIR / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Comparison:
    aspect: str
    dry_needling: str
    acupuncture: str
    sources: tuple[str, ...]


def load_comparison(name: str = "compare.csv") -> list[Comparison]:
    """The rows of the Compare page, aspect by aspect."""
    text = (CONTENT_DIR / name).read_text(encoding="utf-8")
    return [Comparison(r["aspect"].strip(), r["dry_needling"].strip(), r["acupuncture"].strip(),
                       tuple(k.strip() for k in r["sources"].split(";") if k.strip()))
            for r in csv.DictReader(io.StringIO(text))]
