"""The partners' own sample bodies, kept verbatim under ``samples/`` and turned into JSON here.

Each fixture file starts with two header lines, ``# endpoint: <method path>`` and ``# source: <reference file>
lines <a>-<b>``, then the reference's lines copied unchanged. The Roadster reference is a ReDoc page flattened to
text: every key carries a ``- `` bullet and some objects end with a trailing comma (``"dpid": "umazda",`` before
``}``). :func:`redoc_json` undoes exactly that and nothing else, outside string literals only, so a sample that
is not JSON apart from its bullets fails to load instead of being repaired.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent / "samples"
SOURCE = re.compile(r"^# source: (?P<file>\S+) lines (?P<first>\d+)-(?P<last>\d+)$")


@dataclass(frozen=True)
class Sample:
    """One fixture: where it comes from and its verbatim text."""

    name: str
    endpoint: str
    source_file: str
    first_line: int
    last_line: int
    text: str

    @property
    def where(self) -> str:
        return f"{self.source_file} lines {self.first_line}-{self.last_line}"

    def body(self) -> Any:
        """The sample as JSON (ReDoc bullets and trailing commas removed)."""
        return json.loads(redoc_json(self.text))


def load(group: str, name: str) -> Sample:
    """``load("roadster", "pricing.request")`` reads ``samples/roadster/pricing.request.txt``."""
    path = HERE / group / f"{name}.txt"
    head_endpoint, head_source, text = path.read_text(encoding="utf-8").split("\n", 2)
    found = SOURCE.match(head_source)
    if not head_endpoint.startswith("# endpoint: ") or found is None:
        raise ValueError(f"{path}: the two header lines (endpoint, source) are missing")
    return Sample(
        name=name,
        endpoint=head_endpoint.removeprefix("# endpoint: "),
        source_file=found["file"],
        first_line=int(found["first"]),
        last_line=int(found["last"]),
        text=text.removesuffix("\n"),
    )


def all_samples() -> list[tuple[str, Sample]]:
    """Every fixture as ``(group, sample)``, in a stable order."""
    return [(path.parent.name, load(path.parent.name, path.stem)) for path in sorted(HERE.glob("*/*.txt"))]


def redoc_json(text: str) -> str:
    """Drop the ``- `` bullets that start a key or an array item, and trailing commas, outside strings."""
    out: list[str] = []
    in_string = escaped = False
    expecting_item = True  # at the start, or after '[', '{' or ','
    i = 0
    while i < len(text):
        char = text[i]
        if in_string:
            out.append(char)
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            i += 1
            continue
        if char == '"':
            in_string, expecting_item = True, False
        elif char in "[{,":
            expecting_item = True
        elif char == "-" and expecting_item and text[i + 1 : i + 2] in (" ", "\n"):
            i += 1
            continue
        elif char in "}]":
            _drop_trailing_comma(out)
            expecting_item = False
        elif not char.isspace():
            expecting_item = False
        out.append(char)
        i += 1
    return "".join(out)


def _drop_trailing_comma(out: list[str]) -> None:
    j = len(out) - 1
    while j >= 0 and out[j].isspace():
        j -= 1
    if j >= 0 and out[j] == ",":
        del out[j]


def shape(value: Any) -> Any:
    """The JSON type tree of ``value``: field names and nesting kept, values replaced by their JSON type.

    Numbers are one type (``number``) because the reference writes 85 and 120.25 for the same field; ``null`` is
    its own type and matches anything when comparing (:func:`shape_mismatches`).
    """
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if value is None:
        return "null"
    return "string"


def shape_mismatches(expected: Any, actual: Any, path: str = "$", *, extra_ok: bool = True) -> list[str]:
    """Where ``actual`` does not have the reference sample's field names, types and nesting.

    A missing field, a different type, or an object where the sample has an array are mismatches; a field the
    sample does not show is allowed unless ``extra_ok`` is false; empty arrays and ``null`` say nothing.
    """
    found: list[str] = []
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {_kind(actual)}"]
        for key, value in expected.items():
            if key not in actual:
                found.append(f"{path}.{key}: missing")
            else:
                found += shape_mismatches(value, actual[key], f"{path}.{key}", extra_ok=extra_ok)
        if not extra_ok:
            found += [f"{path}.{key}: not in the reference sample" for key in actual if key not in expected]
        return found
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{path}: expected an array, got {_kind(actual)}"]
        if expected and actual:
            for n, item in enumerate(actual):
                found += shape_mismatches(expected[0], item, f"{path}[{n}]", extra_ok=extra_ok)
        return found
    if expected is None or actual is None:
        return found
    if shape(expected) != shape(actual):
        return [f"{path}: expected {shape(expected)}, got {_kind(actual)}"]
    return found


def _kind(value: Any) -> str:
    kind = shape(value)
    return kind if isinstance(kind, str) else ("an object" if isinstance(value, dict) else "an array")
