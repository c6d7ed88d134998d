"""The storage metadata the reference answers for a stored template, as an S3 put reports it."""

from __future__ import annotations

import base64
import hashlib
import secrets
import zlib
from functools import lru_cache


def _crc32c(data: bytes) -> int:
    crc = 0xFFFFFFFF
    table = _crc32c_table()
    for byte in data:
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


@lru_cache(maxsize=1)
def _crc32c_table() -> tuple[int, ...]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return tuple(table)


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def storage_metadata(data: bytes) -> dict[str, str]:
    """The reference's create answer, as an S3 put reports it: checksums are base64 of the big-endian digests."""
    return {
        "expiration": "",
        "etag": hashlib.md5(data, usedforsecurity=False).hexdigest(),  # an S3 ETag is the MD5 of the object
        "checksum_crc32": b64(zlib.crc32(data).to_bytes(4, "big")),
        "checksum_crc32c": b64(_crc32c(data).to_bytes(4, "big")),
        "checksum_sha1": b64(hashlib.sha1(data, usedforsecurity=False).digest()),
        "checksum_sha256": b64(hashlib.sha256(data).digest()),
        "server_side_encryption": "AES256",
        "version_id": secrets.token_urlsafe(24),
        "sse_customer_algorithm": "",
        "sse_customer_key_md5": "",
        "ssekms_key_id": "",
        "ssekms_encryption_context": "",
        "bucket_key_enabled": "false",
        "request_charged": "",
    }
