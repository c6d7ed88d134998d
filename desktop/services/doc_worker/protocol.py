"""The pipe protocol between the app and a document worker: one request, one answer, each a framed message.

A frame is two big-endian lengths (JSON header, binary payload), the header, then the payload. The payload carries
the document going out and rendered pixels or a filled PDF coming back; ``parts`` in the header splits it. JSON and
raw bytes only: nothing from the worker, which reads hostile files, is unpickled or evaluated by the app.
"""

from __future__ import annotations

import json
import struct
from typing import Any, BinaryIO

DEFAULT_MEMORY_MB = 1024  # a worker's address space: a 4,000 × 4,000 page render and pypdf's parse fit in it
MAX_HEADER_BYTES = 4 * 1024 * 1024
MAX_PAYLOAD_BYTES = 256 * 1024 * 1024
_LENGTHS = struct.Struct(">IQ")


class ProtocolError(OSError):
    """The other end closed the pipe or sent something that is not a frame."""


def write_frame(stream: BinaryIO, header: dict[str, Any], payload: bytes = b"") -> None:
    encoded = json.dumps(header, separators=(",", ":")).encode()
    stream.write(_LENGTHS.pack(len(encoded), len(payload)))
    stream.write(encoded)
    if payload:
        stream.write(payload)
    stream.flush()


def _read_exact(stream: BinaryIO, size: int) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            raise ProtocolError("the pipe closed in the middle of a message")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_frame(stream: BinaryIO) -> tuple[dict[str, Any], bytes] | None:
    """The next frame, or None at a clean end of the stream (the other side closed it between frames)."""
    first = stream.read(_LENGTHS.size)
    if not first:
        return None
    if len(first) < _LENGTHS.size:
        first += _read_exact(stream, _LENGTHS.size - len(first))
    header_size, payload_size = _LENGTHS.unpack(first)
    if header_size > MAX_HEADER_BYTES or payload_size > MAX_PAYLOAD_BYTES:
        raise ProtocolError(f"a message of {header_size} + {payload_size} bytes is over the limit")
    header = json.loads(_read_exact(stream, header_size))
    if not isinstance(header, dict):
        raise ProtocolError("a message header is not a JSON object")
    return header, _read_exact(stream, payload_size)


def split_parts(header: dict[str, Any], payload: bytes) -> list[bytes]:
    """The payload cut into the pieces whose lengths the header lists under ``parts``."""
    out: list[bytes] = []
    start = 0
    for size in header.get("parts", []):
        if not isinstance(size, int) or size < 0 or start + size > len(payload):
            raise ProtocolError("a message's parts do not match its payload")
        out.append(payload[start : start + size])
        start += size
    return out
