"""Reading a template or packet request: every 400 names its field."""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from pypdf.errors import PyPdfError

from desktop.domain import form_fields as ff
from desktop.sandbox.errors import SandboxError, bad_request
from desktop.sandbox.ids import path_id
from desktop.services import form_filling
from desktop.services.doc_worker import client as documents

MAX_PDF_BYTES = 30 * 1024 * 1024
MAX_BASE64_CHARS = (MAX_PDF_BYTES + 2) // 3 * 4 + 64
MAX_TEXT = 200
_DATA_URL = re.compile(r"^data:([^;,]*)((?:;[^;,]*)*),", re.IGNORECASE)


def text(obj: dict[str, Any], key: str, name: str, *, required: bool = True) -> str:
    value = obj.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise bad_request(f"'{name}' is required.", name)
        return ""
    if not isinstance(value, str):
        raise bad_request(f"'{name}' must be a string.", name)
    if len(value) > MAX_TEXT:
        raise bad_request(f"'{name}' is longer than {MAX_TEXT} characters.", name)
    return value.strip()


def decode_file_stream(value: Any) -> bytes:
    """The PDF of a ``file_stream``: base64, optionally behind a ``data:application/pdf;...;base64,`` header."""
    name = "file_stream"
    if not isinstance(value, str) or not value.strip():
        raise bad_request(f"'{name}' is required: the PDF, base64 encoded.", name)
    stream = value.strip()
    header = _DATA_URL.match(stream)
    if header is not None:
        media, params = header.group(1).strip().lower(), header.group(2).lower()
        if media and media != "application/pdf":
            raise bad_request(f"'{name}' must be a PDF, not {media}.", name)
        if ";base64" not in params:
            raise bad_request(f"'{name}' must be base64 encoded (the header has no ';base64').", name)
        stream = stream[header.end() :]
    if len(stream) > MAX_BASE64_CHARS:
        raise SandboxError(
            413, f"'{name}' is larger than the limit of {MAX_PDF_BYTES // (1024 * 1024)} MB.", field=name
        )
    try:
        data = base64.b64decode("".join(stream.split()), validate=True)
    except (binascii.Error, ValueError):
        raise bad_request(f"'{name}' is not valid base64.", name) from None
    return data


def checked_template(form_data: dict[str, Any], data: bytes) -> list[ff.FormField]:
    try:
        return documents.check_template(data, form_data.get("form_definition"))
    except form_filling.TemplatePdfError as exc:
        raise bad_request(f"'file_stream': {exc}", "file_stream") from None
    except ff.FormDefinitionError as exc:
        raise bad_request(exc.message, f"form_data.{exc.field}") from None
    except (PyPdfError, ValueError, TypeError, IndexError, KeyError, ArithmeticError) as exc:
        # pypdf reads a /MediaBox of two numbers or a /Rotate of /X only when asked for the page size, and its
        # own limits (stream lengths) surface as errors of their own.
        reason = f"the PDF's pages cannot be read ({type(exc).__name__})"
        raise bad_request(f"'file_stream': {reason}.", "file_stream") from None


def template_ids(value: Any) -> list[int]:
    name = "template_ids"
    if not isinstance(value, list) or not value:
        raise bad_request(f"'{name}' is required: a list of one or more template ids.", name)
    ids: list[int] = []
    for i, item in enumerate(value):
        number = None if isinstance(item, bool) or not isinstance(item, int | str) else path_id(str(item))
        if number is None:
            shown = str(item)[:24]
            raise bad_request(f"'{name}[{i}]' must be a template id (a whole number), not {shown!r}.", f"{name}[{i}]")
        ids.append(number)
    return ids
