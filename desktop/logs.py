"""Logging to a rotating file in the platform's log folder, with personal data and credentials masked."""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

_PATTERNS = (
    (re.compile(r"(Bearer\s+)[^\s\"']+", re.IGNORECASE), r"\1***"),
    (re.compile(r"\b\d{3}-\d{2}-(\d{4})\b"), r"***-**-\1"),  # SSN
    (
        re.compile(r"(\b(?:licen[cs]e|dl)[_ ]?(?:number|no)?\W{0,3})([A-Z0-9]{2,})([A-Z0-9]{3})\b", re.IGNORECASE),
        r"\1****\3",
    ),
    (re.compile(r"(mem=)[^&\s]+"), r"\1***"),
)


def mask(text: str) -> str:
    """Mask credentials, SSNs and licence numbers in a log line."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class MaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask(record.getMessage())
        record.args = None
        return True


def setup(log_dir: Path, level: int = logging.INFO) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "dealer-desk.log"
    handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return path
