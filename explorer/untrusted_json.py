"""JSON from outside (an uploaded progress file, a lesson link or file), read without surprises. Pure.

``json.loads`` alone lets hostile input through in ways that end in a
traceback rather than a message: 100,000 nested arrays raise RecursionError,
an integer of more than 4,300 digits raises ValueError inside ``int()``, a
``\\ud800`` escape gives a lone surrogate that no UTF-8 encoder will write
back out, and ``NaN`` is accepted though JSON has no such value. :func:`load`
checks, in this order and before anything is built from the text:

1. the size in bytes;
2. UTF-8 (a byte-order mark is allowed);
3. the nesting depth, by counting brackets outside strings;
4. then it parses, NaN and the infinities refused; a number longer than
   ``max_digits`` is never converted but kept as a :class:`LongNumber`, so
   that the check of the field it stands in refuses it by name.

:func:`text_problem` and :func:`value_problems` then say which strings hold
a lone surrogate or a NUL, and where a long number stood, naming each by its
place (``answers[3].detail.note``).
Every refusal is an :class:`UntrustedJsonError` with a message for people.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

DEFAULT_MAX_DIGITS = 30  # far beyond any count or measurement, far below int()'s 4,300-digit limit
DEFAULT_MAX_DEPTH = 32

# A JSON string, escapes included; what lies between strings is where brackets count.
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[^\[\]{}]+")
_DEPTH_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class UntrustedJsonError(ValueError):
    """Input that is not JSON this app will read; the message says why, for people."""


def _shown_char(char: str) -> str:
    return f"U+{ord(char):04X}"


def nesting_depth(data: bytes) -> int:
    """The deepest nesting of arrays and objects, counting brackets outside strings (C-speed scans)."""
    brackets = _BRACKETS.sub(b"", _STRING.sub(b"", data))
    return max(0, max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0))


class LongNumber:
    """Stands in for a number with more digits than allowed, so that the check of its field names it.

    Never equal to a number, never a bool, int or float: every type check a caller makes refuses it.
    """

    def __init__(self, digits: str) -> None:
        self.digits = len(digits.lstrip("-").replace(".", ""))

    def __repr__(self) -> str:
        return f"<a number {self.digits:,} digits long>"

    def problem(self, max_digits: int) -> str:
        return f"a number {self.digits:,} digits long (at most {max_digits})"


def _parse_number(max_digits: int, convert: type) -> Any:
    def parse(digits: str) -> Any:
        if len(digits.lstrip("-")) > max_digits:
            return LongNumber(digits)
        number = convert(digits)
        if number in (float("inf"), float("-inf")):
            raise UntrustedJsonError(f"it holds a number too large to hold: {digits[:12]}")
        return number
    return parse


def _refuse_constant(name: str) -> Any:
    raise UntrustedJsonError(f"it holds {name}, which is not a JSON number")


def load(data: bytes, *, max_bytes: int, max_depth: int = DEFAULT_MAX_DEPTH,
         max_digits: int = DEFAULT_MAX_DIGITS) -> Any:
    """The JSON value in ``data``, or :class:`UntrustedJsonError` saying what is wrong with it."""
    if not isinstance(data, bytes | bytearray):
        raise UntrustedJsonError(f"expected bytes, got {type(data).__name__}")
    if len(data) > max_bytes:
        raise UntrustedJsonError(f"it is {len(data):,} bytes, more than {max_bytes:,}")
    try:
        text = bytes(data).decode("utf-8-sig")  # -sig: editors on Windows may add a byte-order mark
    except UnicodeDecodeError as error:
        raise UntrustedJsonError(f"it is not UTF-8 text (byte {error.start})") from None
    depth = nesting_depth(bytes(data))
    if depth > max_depth:
        raise UntrustedJsonError(f"it is nested {depth:,} levels deep, more than {max_depth}")
    try:
        return json.loads(text, parse_int=_parse_number(max_digits, int),
                          parse_float=_parse_number(max_digits, float), parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise UntrustedJsonError(f"it is not valid JSON: {error.msg} at line {error.lineno}, "
                                 f"column {error.colno}") from None
    except RecursionError:  # the depth check makes this unreachable; kept so that nothing else escapes
        raise UntrustedJsonError("it is nested too deeply") from None


def text_problem(text: str) -> str | None:
    """Why a string cannot be kept as text (a lone surrogate, a NUL), or None when it can."""
    surrogate = _LONE_SURROGATE.search(text)
    if surrogate:
        return (f"holds a lone surrogate ({_shown_char(surrogate.group())} at character {surrogate.start() + 1}), "
                "which is not a character")
    if "\x00" in text:
        return f"holds a NUL character (at character {text.index(chr(0)) + 1})"
    return None


def value_problems(value: object, where: str, max_digits: int = DEFAULT_MAX_DIGITS) -> Iterator[str]:
    """Every string (key or value) that :func:`text_problem` refuses, and every :class:`LongNumber`, by place."""
    if isinstance(value, LongNumber):
        yield f"{where}: {value.problem(max_digits)}"
    elif isinstance(value, str):
        problem = text_problem(value)
        if problem:
            yield f"{where}: {problem}"
    elif isinstance(value, dict):
        for key, inner in value.items():
            place = f"{where}.{key}" if text_problem(key) is None else f"{where}.{key!r}"
            problem = text_problem(key)
            if problem:
                yield f"{place}: the key {problem}"
            yield from value_problems(inner, place, max_digits)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from value_problems(inner, f"{where}[{index}]", max_digits)
