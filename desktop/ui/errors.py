"""Turn any exception a job raised into the sentence the user reads."""

from __future__ import annotations

from desktop.api.errors import ApiError


def sentence(exc: BaseException) -> str:
    if isinstance(exc, ApiError):
        return exc.sentence()
    text = str(exc).strip()
    if isinstance(exc, OSError):
        return f"A file could not be read or written: {text or type(exc).__name__}."
    return text or f"Unexpected error ({type(exc).__name__})."
