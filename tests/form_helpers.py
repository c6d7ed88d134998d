"""What the template tests share: the reference's own example field, and text read back where a PDF draws it."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader

# The field of the reference's form definition example, as the API carries it.
REFERENCE_FIELD = {
    "x": 96,
    "y": 555,
    "name": "vehicleYear_1",
    "type": "vehicleYear",
    "width": 40,
    "height": 12,
    "signee": "__customer__",
    "fontSize": 8,
    "formLabel": "Year",
    "agentFilledRequired": False,
}


@dataclass(frozen=True)
class Placed:
    """A run of text as drawn: baseline origin in PDF user space (bottom-left origin) and the font size used."""

    text: str
    x: float
    y: float
    size: float

    def inside(self, box: Mapping[str, Any], page_height: float) -> bool:
        """Whether the run starts inside ``box`` (a field object, top-left origin) on a page ``page_height`` tall."""
        top = page_height - self.y
        return bool(box["x"] <= self.x <= box["x"] + box["width"] and box["y"] <= top <= box["y"] + box["height"])


def placed_text(pdf: bytes, page: int = 0) -> list[Placed]:
    out: list[Placed] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            out.append(Placed(text, x, y, size * tm[0] * cm[0] if tm[0] and cm[0] else size))

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return out
