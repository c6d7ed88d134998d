"""Rules of a customer document, shared by the sandbox (which refuses) and the client (which refuses first).

The limit: a scanned multi-page deal jacket at 300 dpi runs 10-20 MB; 30 MB leaves room for a colour scan of a
whole contract while keeping a base64 request (4/3 of the file) under 40 MB.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.domain.file_formats import sniff

MAX_DOCUMENT_BYTES = 30 * 1024 * 1024
HEAD_BYTES = 2048  # enough of a file for its header: a PDF's may follow 1 KB of junk

USER_TYPES = ("license", "license_back", "insurance", "income", "residency", "other")
DEAL_TYPES = ("deal",)
DOCUMENT_TYPES = USER_TYPES + DEAL_TYPES
RELATIONSHIPS = ("self", "co_app")
DOC_TYPE_FILTERS = ("user_docs", "deal_docs", "all")
EXTENSIONS = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".pdf": "pdf"}

TYPE_LABELS = {
    "license": "Driver's licence (front)",
    "license_back": "Driver's licence (back)",
    "insurance": "Insurance",
    "income": "Proof of income",
    "residency": "Proof of residency",
    "other": "Other",
    "deal": "Deal document",
}
RELATIONSHIP_LABELS = {"self": "Buyer", "co_app": "Co-buyer"}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def megabytes(size: int) -> str:
    """A file's size as the binder and the upload dialog show it: in MB, or in KB below one (not "0.0 MB")."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def is_deal_type(document_type: str) -> bool:
    return document_type in DEAL_TYPES


def extension_of(file_name: str) -> str:
    dot = file_name.rfind(".")
    return file_name[dot:].lower() if dot >= 0 else ""


@dataclass(frozen=True)
class Problem:
    """A refused input: the field it concerns and a sentence that says what to fix."""

    field: str
    message: str


def metadata_problem(
    document_type: str, file_name: str, relationship: str | None, co_app_email: str | None, document_name: str
) -> Problem | None:
    """Everything that can be checked before reading the file."""
    if not document_name.strip():
        return Problem("document_name", "Give the document a name.")
    if document_type not in DOCUMENT_TYPES:
        return Problem(
            "document_type", f"Document type must be one of {', '.join(DOCUMENT_TYPES)}; got {document_type!r}."
        )
    if extension_of(file_name) not in EXTENSIONS:
        return Problem("file_name", f"File {file_name!r} must end in .jpg, .jpeg, .png or .pdf.")
    if is_deal_type(document_type):
        if relationship:
            return Problem("relationship", "A deal document belongs to the deal, not a buyer: leave relationship out.")
        return None
    if not relationship:
        return Problem("relationship", "A user document needs a relationship: self or co_app.")
    if relationship not in RELATIONSHIPS:
        return Problem("relationship", f"Relationship must be self or co_app; got {relationship!r}.")
    if relationship == "co_app":
        if not co_app_email:
            return Problem("co_app_email_id", "A co-buyer document needs the co-buyer's email (co_app_email_id).")
        if not _EMAIL.match(co_app_email):
            return Problem("co_app_email_id", f"{co_app_email!r} is not an email address.")
    return None


def size_problem(file_name: str, size: int) -> Problem | None:
    if size == 0:
        return Problem("contents", f"File {file_name!r} is empty.")
    if size > MAX_DOCUMENT_BYTES:
        return Problem(
            "contents", f"File {file_name!r} is {megabytes(size)}; the limit is {megabytes(MAX_DOCUMENT_BYTES)}."
        )
    return None


def content_problem(file_name: str, head: bytes) -> Problem | None:
    """Whether the first bytes of the file are what its extension says."""
    expected = EXTENSIONS.get(extension_of(file_name))
    found = sniff(head)
    if expected is not None and found != expected:
        what = f"a {found.upper()} file" if found else "not a JPEG, PNG or PDF file"
        return Problem("contents", f"File {file_name!r} is named {expected.upper()} but its contents are {what}.")
    return None


def file_problem(file_name: str, data: bytes) -> Problem | None:
    return size_problem(file_name, len(data)) or content_problem(file_name, data[:HEAD_BYTES])


_GUESSES = (
    (re.compile(r"licen[cs]e.*back|back.*licen[cs]e|dl[_ -]?back"), "license_back"),
    (re.compile(r"licen[cs]e|driver|\bdl\b"), "license"),
    (re.compile(r"insur|policy"), "insurance"),
    (re.compile(r"income|pay[_ -]?stub|payslip|salary|w-?2|tax[_ -]?return"), "income"),
    (re.compile(r"residen|utility|bill|address|lease[_ -]?agreement"), "residency"),
    (re.compile(r"deal|contract|buyers?[_ -]?order|purchase|invoice|odometer|title"), "deal"),
)
_CO_APP = re.compile(r"co[_ -]?(app|applicant|buyer|signer)")


def guess_type(file_name: str) -> tuple[str, str | None]:
    """A sensible default (document type, relationship) from a file's name; the user can change both."""
    name = file_name.lower().replace(".", " ")
    document_type = next((kind for pattern, kind in _GUESSES if pattern.search(name)), "other")
    if is_deal_type(document_type):
        return document_type, None
    return document_type, "co_app" if _CO_APP.search(name) else "self"


def default_name(file_name: str) -> str:
    """``john_licence-front.jpg`` → ``John licence front``."""
    stem = file_name.rsplit("/", 1)[-1]
    stem = stem[: stem.rfind(".")] if "." in stem else stem
    text = re.sub(r"[_\-]+", " ", stem).strip()
    return (text[:1].upper() + text[1:])[:120] or "Document"
