"""Customer documents on Roadster: upload, list, delete, contents (issue 6).

The upload streams its JSON body: the base64 of the file is produced chunk by chunk as the socket takes it, so a
30 MB scan never exists as a 40 MB string plus a 40 MB JSON copy plus its bytes at once.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import httpx

from desktop.api import errors
from desktop.api.roadster import paths
from desktop.api.roadster.client import RoadsterClient
from desktop.api.roadster.schema import CustomerDocument

CHUNK = 3 * 256 * 1024  # a multiple of 3, so base64 chunks concatenate without padding in the middle
DocType = Literal["user_docs", "deal_docs", "all"]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class UploadRequest:
    """What the upload call sends besides the bytes; ``dpid`` names the dealer."""

    dpid: str
    document_name: str
    document_type: str
    file_name: str
    relationship: str | None = None
    co_app_email_id: str | None = None

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "dealer": {"dpid": self.dpid},
            "document_name": self.document_name,
            "document_type": self.document_type,
            "file_name": self.file_name,
        }
        if self.relationship:
            body["relationship"] = self.relationship
        if self.co_app_email_id:
            body["co_app_email_id"] = self.co_app_email_id
        return body


def _encoded_length(size: int) -> int:
    return (size + 2) // 3 * 4


def _stream(head: bytes, data: bytes, tail: bytes, on_progress: Progress | None) -> Iterator[bytes]:
    view = memoryview(data)
    yield head
    for start in range(0, len(view), CHUNK):
        yield base64.b64encode(view[start : start + CHUNK])
        if on_progress is not None:
            on_progress(min(start + CHUNK, len(view)), len(view))
    yield tail


def upload(
    client: RoadsterClient,
    customer_id: int,
    request: UploadRequest,
    data: bytes,
    *,
    on_progress: Progress | None = None,
) -> int:
    """Upload one file; returns its ``document_id``. Never retried: a repeated POST would store it twice."""
    path = paths.DOCUMENTS.format(customer_id=customer_id)
    head = (json.dumps(request.body())[:-1] + ', "contents": "').encode()
    tail = b'"}'
    length = len(head) + _encoded_length(len(data)) + len(tail)
    try:
        response = client.http.post(
            path,
            content=_stream(head, data, tail, on_progress),
            headers={"Content-Type": "application/json", "Content-Length": str(length)},
        )
    except httpx.TimeoutException as exc:
        raise errors.RequestTimedOut(type(exc).__name__, api=client.api, path=path) from None
    except httpx.TransportError as exc:
        raise errors.ConnectionFailed(type(exc).__name__, api=client.api, path=path) from None
    if not response.is_success:
        # The shared client's mapping gives the same typed errors as every other call.
        raise client._error_for(response, path)
    return int(response.json()["document_id"])


def _dealer(dpid: str | None) -> dict[str, Any]:
    return {"dealer": {"dpid": dpid}} if dpid else {}


def list_documents(
    client: RoadsterClient, customer_id: int, doc_type: DocType = "all", *, dpid: str | None = None
) -> list[CustomerDocument]:
    """The customer's documents: a bare JSON array with ISO 8601 times (reference lines 1161-1174).

    The reference puts ``dealer`` and ``doc_type`` in the request payload of this GET; ``doc_type`` also goes in
    the query, where every proxy and cache keeps it.
    """
    path = paths.DOCUMENTS.format(customer_id=customer_id)
    payload = {**_dealer(dpid), "doc_type": doc_type}
    body = client.request("GET", path, params={"doc_type": doc_type}, json=payload).json()
    if not isinstance(body, list):
        raise errors.BadAnswer("the document list is not a JSON array", status=200, api=client.api, path=path)
    return [CustomerDocument.model_validate(d) for d in body]


def delete_documents(client: RoadsterClient, customer_id: int, doc_ids: list[int], *, dpid: str | None = None) -> str:
    """Delete several documents; the server refuses all of them if any id is unknown."""
    payload = {**_dealer(dpid), "doc_ids": list(doc_ids)}
    response = client.request("DELETE", paths.DOCUMENTS.format(customer_id=customer_id), json=payload)
    return str(response.json().get("message", ""))


def contents(client: RoadsterClient, customer_id: int, doc_id: int, *, dpid: str | None = None) -> bytes:
    """The file's bytes; ``contents`` that is not base64 is a :class:`errors.BadAnswer`, not a crash."""
    path = paths.DOCUMENT.format(customer_id=customer_id, doc_id=doc_id)
    body = client.request("GET", path, json=_dealer(dpid) or None).json()
    try:
        return base64.b64decode(body["contents"], validate=True)
    except (binascii.Error, ValueError, KeyError, TypeError):
        raise errors.BadAnswer(f"document {doc_id} is not base64", status=200, api=client.api, path=path) from None
