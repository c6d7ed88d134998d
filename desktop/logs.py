"""Logging to a rotating file in the platform's log folder, with personal data and credentials masked.

Masking works on text, after formatting, so it reaches what a caller cannot control: exception messages and
the locals of a formatted traceback, the repr of a dict, a URL with its query. It errs on the side of hiding:
a nine-digit number or an old date in a log line costs a developer little, a leaked SSN costs the customer a lot.
"""

from __future__ import annotations

import io
import logging
import os
import re
import time
from logging.handlers import RotatingFileHandler
from pathlib import Path

# Keys whose value is personal data or a credential, in JSON, dict reprs, ``key=value`` pairs and headers.
_ID_KEYS = r"ssn|social_security_number|tax_id|drivers?_licen[cs]e_number|licen[cs]e_(?:number|no)|dl_(?:number|no)"
_DATE_KEYS = r"birth_?date|date_of_birth|dob|birthday"
_CREDENTIAL_NAMES = (
    r"api_?key|access_?token|refresh_?token|token|secret|password|passwd|client_secret|key|mem|sig|signature"
)
_QUOTE = r"[\"']?"
_TIME = r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"  # the time part of an ISO timestamp
_KEY_VALUE = re.compile(
    rf"(?P<key>{_QUOTE}\b(?P<name>{_ID_KEYS}|{_DATE_KEYS}|{_CREDENTIAL_NAMES})\b{_QUOTE}\s*[:=]\s*)"
    r"(?P<value>\"[^\"]*\"|'[^']*'|[^\s&,;}\])\"']+)",
    re.IGNORECASE,
)
_ID_NAME = re.compile(rf"^(?:{_ID_KEYS})$", re.IGNORECASE)
_DATE_NAME = re.compile(rf"^(?:{_DATE_KEYS})$", re.IGNORECASE)

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(\bAuthorization[\"']?\s*[:=]\s*[\"']?\w+\s+)[^\s\"',]+", re.IGNORECASE), r"\1***"),
    (re.compile(r"\b(Bearer\s+)[^\s\"',]+", re.IGNORECASE), r"\1***"),
    # "Basic" alone is also an F&I tier ("Basic plan"): only a credential-looking token after it is masked.
    (re.compile(r"\b(Basic\s+)(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{8,}={0,2}", re.IGNORECASE), r"\1***"),
    (re.compile(r"(\w+://)[^/\s:@]+:[^/\s@]+@"), r"\1***:***@"),  # credentials in a URL
    (re.compile(r"\b\d{3}([- ])\d{2}\1(\d{4})\b"), r"***-**-\2"),  # SSN with dashes or spaces
    (re.compile(r"(?<![\d.,$-])\d{5}(\d{4})(?![\d.,])"), r"*****\1"),  # SSN without dashes: any nine digits
    (
        re.compile(
            r"(\b(?:licen[cs]e|dl)[_ ]?(?:number|no)?\W{0,3})([A-Z0-9]{2,})([A-Z0-9]{3})\b",
            re.IGNORECASE,
        ),
        r"\1****\3",
    ),
    (
        re.compile(rf"(\b(?:born|birth|dob)\D{{0,15}})\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}{_TIME}", re.IGNORECASE),
        r"\1****-**-**",
    ),
)
# A date may come as the API writes a birth date, with a time of day: 1980-11-23T00:00:00.000Z.
_ISO_DATE = re.compile(rf"\b(19\d{{2}}|20\d{{2}})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]){_TIME}(?!\w)")
_US_DATE = re.compile(r"\b(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/(19\d{2}|20\d{2})\b")
_LONG_SECRET = re.compile(r"(?<![\w/.-])[A-Za-z0-9+/_-]{32,}={0,2}(?![\w/.-])")
_MIN_AGE_YEARS = 16  # a full date this old in a log line is read as a birth date: nobody younger buys a car


def _mask_key_value(match: re.Match[str]) -> str:
    value = match.group("value")
    quote = value[0] if value[:1] in "\"'" and len(value) > 1 else ""
    inner = value[1:-1] if quote else value
    if not inner or inner.lower() in ("none", "null"):
        return match.group(0)
    name = match.group("name")
    if _ID_NAME.match(name):
        chars = [c for c in inner if c.isalnum()]
        masked = "****" + "".join(chars[-4:]) if len(chars) > 4 else "****"
    elif _DATE_NAME.match(name):
        masked = "****-**-**"
    else:
        masked = "***"
    return f"{match.group('key')}{quote}{masked}{quote}"


def _old_enough_to_be_a_birth_date(year: str) -> bool:
    return int(year) <= time.gmtime().tm_year - _MIN_AGE_YEARS


def _mask_secret_run(match: re.Match[str]) -> str:
    run = match.group(0)
    kinds = (any(c.isdigit() for c in run), any(c.isupper() for c in run), any(c.islower() for c in run))
    is_hex = all(c in "0123456789abcdefABCDEF" for c in run)
    return "***" if all(kinds) or is_hex else run


def mask(text: str) -> str:
    """Mask credentials, SSNs, licence numbers, birth dates and keys in log text (lines or whole tracebacks)."""
    text = _KEY_VALUE.sub(_mask_key_value, text)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    text = _ISO_DATE.sub(lambda m: "****-**-**" if _old_enough_to_be_a_birth_date(m.group(1)) else m.group(0), text)
    text = _US_DATE.sub(lambda m: "**/**/****" if _old_enough_to_be_a_birth_date(m.group(3)) else m.group(0), text)
    return _LONG_SECRET.sub(_mask_secret_run, text)


class MaskingFilter(logging.Filter):
    """Masks the message, and formats and masks the traceback and stack now, before any formatter sees them."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True


class _PrivateRotatingFileHandler(RotatingFileHandler):
    """Every log file, the rotated ones too, is created readable by its owner only."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.fchmod(fd, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def setup(log_dir: Path, level: int = logging.INFO) -> Path:
    log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(log_dir, 0o700)
    path = log_dir / "dealer-desk.log"
    handler = _PrivateRotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return path
