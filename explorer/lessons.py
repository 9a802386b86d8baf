"""Lessons: an ordered list of sites with a note for each step, shared as a link or a file. Pure.

A lesson travels two ways, both validated against the dataset on the way in:

- **A link.** ``?lesson=TOKEN``: a version byte and the lesson's JSON
  compressed with zlib, in URL-safe base64 without padding. Links stay under
  about 2000 characters, which every browser, chat tool and mail client
  keeps intact, so a lesson whose token would pass ``MAX_TOKEN_CHARS`` is
  refused with a message saying to shorten the notes or share the file.
- **A file** (``*.lesson.json``): the same JSON with a format name and version,
  readable and editable by hand.

Reading either never raises anything but :class:`LessonError`, whose
``problems`` say what is wrong and where ("step 3, site: no site is called
'GB99'"). A link is untrusted input: its length is checked before decoding
and the decompressed size is capped. Notes are kept as the text they are
(HTML included); the UI escapes them.

The document::

    {"format": "needle-site-explorer/lesson", "version": 1,   (files only)
     "title": "Upper back safety",
     "steps": [{"site": "GB21", "note": "Pinch the trapezius up", "view": "posterior"}, ...]}

``note`` and ``view`` may be left out; ``view`` is the view a step opens in.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import unicodedata
import zlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from explorer.body import VIEWS
from explorer.untrusted_json import UntrustedJsonError, load, text_problem

FILE_FORMAT = "needle-site-explorer/lesson"
FILE_VERSION = 1
FILE_SUFFIX = ".lesson.json"
TOKEN_VERSION = 1  # the first byte of a decoded token
MAX_TITLE_CHARS = 120
MAX_NOTE_CHARS = 600
MAX_STEPS = 40
MAX_TOKEN_CHARS = 1800  # leaves room for the address and "&mode=present" under ~2000
MAX_FILE_BYTES = 200_000
MAX_DOCUMENT_BYTES = 100_000  # a decompressed token: far above any lesson, far below harm
MAX_PROBLEMS = 20
MAX_DEPTH = 8  # a lesson nests 3 deep (document, steps, step)
UNTITLED = "Untitled lesson"

_TOKEN_ALPHABET = re.compile(r"[A-Za-z0-9_-]+")
_STEP_FIELDS = ("site", "note", "view")
_DOCUMENT_FIELDS = ("title", "steps")
_FILE_FIELDS = ("format", "version", *_DOCUMENT_FIELDS)


@dataclass(frozen=True)
class Step:
    site_id: str
    note: str = ""
    view: str | None = None  # the view the step opens in; None for the site's own


@dataclass(frozen=True)
class Lesson:
    title: str
    steps: tuple[Step, ...] = field(default_factory=tuple)

    @property
    def site_ids(self) -> list[str]:
        """The lesson's sites in step order, each once."""
        return list(dict.fromkeys(step.site_id for step in self.steps))


class LessonError(ValueError):
    """A lesson that could not be read or shared; ``problems`` name each problem and where it is."""

    def __init__(self, problems: Sequence[str], heading: str = "The lesson could not be read") -> None:
        shown = list(problems[:MAX_PROBLEMS])
        if len(problems) > MAX_PROBLEMS:
            shown.append(f"… and {len(problems) - MAX_PROBLEMS} more problems")
        self.problems = tuple(shown)
        super().__init__(f"{heading}: " + "; ".join(shown))


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def clean_text(text: str, single_line: bool = False) -> str:
    """Text as typed, without control characters (a line break stays in a note, not in a title)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if single_line:
        text = " ".join(text.split("\n"))
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc").strip()


# --- the document --------------------------------------------------------------------------------


def _read_text(value: object, where: str, problems: list[str], single_line: bool = False) -> str:
    """A title or note: text, without control characters, and only real characters.

    A lone surrogate (a ``\\ud800`` escape in the JSON) is refused rather than dropped: it
    cannot be written out as UTF-8, so it would break every page that shows it.
    """
    if not isinstance(value, str):
        problems.append(f"{where}: expected text, got {_shown(value)}")
        return ""
    problem = text_problem(value.replace("\x00", ""))  # NUL is a control character: dropped below
    if problem:
        problems.append(f"{where}: {problem}")
        return ""
    return clean_text(value, single_line=single_line)


def to_document(lesson: Lesson) -> dict[str, Any]:
    """The lesson as JSON-ready data, without the file header; empty fields are left out."""
    steps = []
    for step in lesson.steps:
        entry: dict[str, Any] = {"site": step.site_id}
        if step.note:
            entry["note"] = step.note
        if step.view:
            entry["view"] = step.view
        steps.append(entry)
    return {"title": lesson.title, "steps": steps}


def _site_matcher(site_ids: Collection[str] | None) -> Callable[[str], str | None]:
    """Finds a site id exactly, else ignoring case (hand-edited files write gb21)."""
    if site_ids is None:
        return lambda text: text
    folded = {str(s).casefold(): str(s) for s in site_ids}
    return lambda text: text if text in site_ids else folded.get(text.casefold())


def _read_step(raw: object, number: int, find_site: Callable[[str], str | None], problems: list[str]
               ) -> Step | None:
    where = f"step {number}"
    if not isinstance(raw, dict):
        problems.append(f"{where}: expected an object with a site and a note, got {_shown(raw)}")
        return None
    for key in raw:
        if key not in _STEP_FIELDS:
            problems.append(f"{where}: unknown field {_shown(key)} (fields: {', '.join(_STEP_FIELDS)})")
    before = len(problems)
    site = raw.get("site")
    found = find_site(site) if isinstance(site, str) else None
    if site is None:
        problems.append(f"{where}, site: missing")
    elif not isinstance(site, str):
        problems.append(f"{where}, site: expected a site id such as 'GB21', got {_shown(site)}")
    elif found is None:
        problems.append(f"{where}, site: no site is called {_shown(site)}")
    note = _read_text(raw.get("note", ""), f"{where}, note", problems)
    if len(note) > MAX_NOTE_CHARS:
        problems.append(f"{where}, note: {len(note)} characters, at most {MAX_NOTE_CHARS}")
    view = raw.get("view")
    if view is not None and view not in VIEWS:
        problems.append(f"{where}, view: expected one of {', '.join(VIEWS)}, got {_shown(view)}")
    if len(problems) > before or found is None:
        return None
    return Step(found, note, view)


def from_document(document: object, site_ids: Collection[str] | None, is_file: bool = False) -> Lesson:
    """A lesson from its JSON data, checked field by field; ``site_ids`` None skips the site check.

    Raises :class:`LessonError` listing every problem.
    """
    if not isinstance(document, dict):
        raise LessonError([f"expected a JSON object with a title and steps, got {_shown(document)}"])
    problems: list[str] = []
    if is_file:
        if document.get("format") != FILE_FORMAT:
            raise LessonError([f"format: expected {FILE_FORMAT!r}, got {_shown(document.get('format'))}; "
                               "is this a lesson file?"])
        if type(document.get("version")) is not int or document.get("version") != FILE_VERSION:
            raise LessonError([f"version: this app reads version {FILE_VERSION}, the file is version "
                               f"{_shown(document.get('version'))}"])
    allowed = _FILE_FIELDS if is_file else _DOCUMENT_FIELDS
    problems += [f"unknown field {_shown(key)} (fields: {', '.join(allowed)})" for key in document
                 if key not in allowed]
    title = _read_text(document.get("title", ""), "title", problems, single_line=True)
    if len(title) > MAX_TITLE_CHARS:
        problems.append(f"title: {len(title)} characters, at most {MAX_TITLE_CHARS}")
    raw_steps = document.get("steps")
    steps: list[Step] = []
    if not isinstance(raw_steps, list):
        problems.append(f"steps: expected a list of steps, got {_shown(raw_steps)}")
    elif not raw_steps:
        problems.append("steps: the lesson has no steps")
    elif len(raw_steps) > MAX_STEPS:
        problems.append(f"steps: {len(raw_steps)} steps, at most {MAX_STEPS}")
    else:
        find_site = _site_matcher(site_ids)
        for number, raw in enumerate(raw_steps, start=1):
            step = _read_step(raw, number, find_site, problems)
            if step is not None:
                steps.append(step)
    if problems:
        raise LessonError(problems)
    return Lesson(title or UNTITLED, tuple(steps))


def check(lesson: Lesson, site_ids: Collection[str] | None = None) -> Lesson:
    """The lesson as it will be read back: cleaned, within the limits, its sites known."""
    return from_document(to_document(lesson), site_ids)


# --- the link ------------------------------------------------------------------------------------


def encode(lesson: Lesson) -> str:
    """The lesson as a URL-safe token for ``?lesson=``. Raises :class:`LessonError` when it
    breaks a limit or its link would be too long."""
    lesson = check(lesson)
    payload = json.dumps(to_document(lesson), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packed = bytes([TOKEN_VERSION]) + zlib.compress(payload, 9)
    token = base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")
    if len(token) > MAX_TOKEN_CHARS:
        raise LessonError([f"its link would be {len(token)} characters, more than {MAX_TOKEN_CHARS}: shorten "
                           "the notes or split the lesson, or share the lesson file instead"],
                          heading="The lesson is too long for a link")
    return token


def _damaged(reason: str) -> LessonError:
    return LessonError([f"{reason}; ask for the link again"], heading="The lesson link is damaged")


def decode(token: object, site_ids: Collection[str]) -> Lesson:
    """The lesson a token holds, checked against the dataset's site ids.

    Raises :class:`LessonError` (and nothing else) for anything that is not a
    lesson this app made: wrong alphabet, too long, bad base64, an unknown
    version, a zip bomb, broken JSON or a document that fails its checks.
    """
    if not isinstance(token, str) or not token.strip():
        raise _damaged("it holds no lesson")
    token = token.strip()
    if len(token) > MAX_TOKEN_CHARS:
        raise _damaged(f"it is {len(token)} characters long, more than a lesson link can be ({MAX_TOKEN_CHARS})")
    if not _TOKEN_ALPHABET.fullmatch(token):
        raise _damaged("it holds characters a lesson link never has")
    try:
        packed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        raise _damaged("it is cut short or altered") from None
    if not packed:
        raise _damaged("it holds no lesson")
    if packed[0] != TOKEN_VERSION:
        raise _damaged(f"it is version {packed[0]}, and this app reads version {TOKEN_VERSION}")
    inflater = zlib.decompressobj()
    try:
        payload = inflater.decompress(packed[1:], MAX_DOCUMENT_BYTES)
    except zlib.error:
        raise _damaged("it is cut short or altered") from None
    if inflater.unconsumed_tail:
        raise _damaged(f"it unpacks to more than {MAX_DOCUMENT_BYTES} bytes")
    if not inflater.eof:
        raise _damaged("it is cut short")
    try:
        document = load(payload, max_bytes=MAX_DOCUMENT_BYTES, max_depth=MAX_DEPTH)
    except UntrustedJsonError as error:
        raise _damaged(f"it does not hold a lesson: {error}") from None
    return from_document(document, site_ids)


def share_link(token: str, mode: str = "present") -> str:
    """A link relative to the app's address that opens the lesson on the explore page."""
    return f"./?lesson={token}&mode={mode}"


# --- the file ------------------------------------------------------------------------------------


def to_file(lesson: Lesson) -> bytes:
    """The lesson file: indented UTF-8 JSON, which :func:`from_file` reads back."""
    document = {"format": FILE_FORMAT, "version": FILE_VERSION, **to_document(check(lesson))}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def from_file(data: bytes, site_ids: Collection[str]) -> Lesson:
    """A lesson file's lesson. Raises :class:`LessonError` naming each problem and where it is."""
    if not isinstance(data, bytes | bytearray):
        raise LessonError([f"expected the file's bytes, got {type(data).__name__}"])
    if len(data) > MAX_FILE_BYTES:
        raise LessonError([f"the file is {len(data)} bytes, more than a lesson file can be ({MAX_FILE_BYTES})"])
    try:
        document = load(data, max_bytes=MAX_FILE_BYTES, max_depth=MAX_DEPTH)
    except UntrustedJsonError as error:
        raise LessonError([f"the file: {error}"]) from None
    return from_document(document, site_ids, is_file=True)


def file_name(lesson: Lesson) -> str:
    """A file name from the title: "upper-back-safety.lesson.json"."""
    ascii_title = unicodedata.normalize("NFKD", lesson.title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].strip("-")
    return f"{slug or 'lesson'}{FILE_SUFFIX}"
