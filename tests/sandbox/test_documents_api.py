"""Customer documents over real HTTP: the sandbox refuses what the issue lists, and keeps files byte-identical."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop.api import errors
from desktop.api.roadster import documents
from desktop.api.roadster.client import RoadsterClient
from desktop.api.roadster.documents import UploadRequest
from desktop.domain.documents import MAX_DOCUMENT_BYTES
from desktop.sandbox.server import SandboxServer
from desktop.services.form_filling import PdfText, letter_pdf
from tests.binder_helpers import SMILE_JPG, SMILE_PNG, make_customer, sample_files

PDF = letter_pdf([[PdfText(72, 72, "Contract")]])  # a real one-page PDF: the upload checks read its structure


@pytest.fixture
def customer(sandbox: SandboxServer) -> int:
    return make_customer(sandbox)


@pytest.fixture
def raw(sandbox: SandboxServer) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=sandbox.url + "/v1", headers={"Authorization": f"Bearer {sandbox.config.api_key}"}
    ) as client:
        yield client


def body(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "dealer": {"dpid": "hyundaidemo"},
        "document_name": "Licence",
        "document_type": "license",
        "file_name": "licence.pdf",
        "relationship": "self",
        "contents": base64.b64encode(PDF).decode(),
    }
    base.update(over)
    return {k: v for k, v in base.items() if v is not None}


@pytest.mark.parametrize("sample", sample_files(), ids=lambda p: p.name)
def test_every_sample_file_round_trips_byte_identical(roadster: RoadsterClient, customer: int, sample: Path) -> None:
    data = sample.read_bytes()
    kind = "deal" if "form" in sample.name else "license"
    request = UploadRequest("hyundaidemo", sample.stem, kind, sample.name, None if kind == "deal" else "self")
    progress: list[tuple[int, int]] = []
    doc_id = documents.upload(roadster, customer, request, data, on_progress=lambda d, t: progress.append((d, t)))
    assert documents.contents(roadster, customer, doc_id) == data
    assert progress[-1] == (len(data), len(data))
    listed = {d.id: d for d in documents.list_documents(roadster, customer)}
    assert listed[doc_id].file_name == sample.name
    assert listed[doc_id].document_type == kind


def test_list_filters_user_and_deal_documents(roadster: RoadsterClient, customer: int) -> None:
    user = documents.upload(
        roadster, customer, UploadRequest("hyundaidemo", "Front", "license", "f.png", "self"), SMILE_PNG.read_bytes()
    )
    coapp = documents.upload(
        roadster,
        customer,
        UploadRequest("hyundaidemo", "Insurance", "insurance", "i.jpg", "co_app", "co@example.com"),
        SMILE_JPG.read_bytes(),
    )
    deal = documents.upload(roadster, customer, UploadRequest("hyundaidemo", "Contract", "deal", "c.pdf"), PDF)
    assert [d.id for d in documents.list_documents(roadster, customer, "user_docs")] == [user, coapp]
    assert [d.id for d in documents.list_documents(roadster, customer, "deal_docs")] == [deal]
    every = documents.list_documents(roadster, customer, "all")
    assert [d.id for d in every] == [user, coapp, deal]
    assert every[1].relationship == "co_app"
    assert every[2].relationship is None
    assert every[0].created_at.year >= 2024 and every[0].created_at.utcoffset() == timedelta(0)


def test_delete_several_then_unknown_id_is_reported(roadster: RoadsterClient, customer: int) -> None:
    req = UploadRequest("hyundaidemo", "Contract", "deal", "c.pdf")
    a, b, c = (documents.upload(roadster, customer, req, PDF) for _ in range(3))
    assert documents.delete_documents(roadster, customer, [a, b]) == "Deleted 2 documents."
    assert [d.id for d in documents.list_documents(roadster, customer)] == [c]
    with pytest.raises(errors.NotFound, match=f"{a}.*Nothing was deleted"):
        documents.delete_documents(roadster, customer, [a, c])
    assert [d.id for d in documents.list_documents(roadster, customer)] == [c]
    with pytest.raises(errors.NotFound):
        documents.contents(roadster, customer, a)


@pytest.mark.parametrize(
    ("override", "field", "message"),
    [
        ({"file_name": "licence.gif"}, "file_name", "must end in .jpg, .jpeg, .png or .pdf"),
        ({"file_name": "licence.png"}, "contents", "named PNG but its contents are a PDF file"),
        (
            {"file_name": "x.pdf", "contents": base64.b64encode(b"hello world").decode()},
            "contents",
            "not a JPEG, PNG or PDF",
        ),
        ({"contents": "not*base64!"}, "contents", "not valid base64"),
        ({"relationship": None}, "relationship", "needs a relationship"),
        ({"relationship": "spouse"}, "relationship", "self or co_app"),
        ({"document_type": "deal"}, "relationship", "leave relationship out"),
        ({"relationship": "co_app"}, "co_app_email_id", "co-buyer's email"),
        ({"contents": ""}, "contents", "is empty"),
        ({"contents": None}, "contents", "required"),
        ({"document_type": "passport"}, "document_type", "must be one of"),
        ({"document_name": ""}, "document_name", "required"),
        ({"dealer": {"dpid": "a", "partner_id": "b"}}, "dealer", "exactly one"),
    ],
)
def test_bad_input_is_refused_naming_the_problem(
    raw: httpx.Client, customer: int, override: dict[str, Any], field: str, message: str
) -> None:
    response = raw.post(f"/customers/{customer}/documents", json=body(**override))
    assert response.status_code == 400, response.text
    assert response.json()["field"] == field
    assert message in response.json()["error"]


def test_zero_byte_file_through_the_client_is_refused(roadster: RoadsterClient, customer: int) -> None:
    with pytest.raises(errors.BadRequest, match="is empty") as caught:
        documents.upload(roadster, customer, UploadRequest("hyundaidemo", "x", "deal", "x.pdf"), b"")
    assert caught.value.field == "contents"


def test_file_over_the_limit_is_413(roadster: RoadsterClient, customer: int) -> None:
    big = PDF + b"0" * (MAX_DOCUMENT_BYTES + 1 - len(PDF))
    with pytest.raises(errors.BadRequest, match="limit") as caught:
        documents.upload(roadster, customer, UploadRequest("hyundaidemo", "Big", "deal", "big.pdf"), big)
    assert caught.value.status == 413


def test_unknown_customer_and_document_are_404(roadster: RoadsterClient, customer: int) -> None:
    req = UploadRequest("hyundaidemo", "Contract", "deal", "c.pdf")
    with pytest.raises(errors.NotFound, match="Customer not found"):
        documents.upload(roadster, 987_654_321, req, PDF)
    with pytest.raises(errors.NotFound, match="Customer not found"):
        documents.list_documents(roadster, 987_654_321)
    with pytest.raises(errors.NotFound, match="Document not found"):
        documents.contents(roadster, customer, 987_654_321)
    with pytest.raises(errors.NotFound, match="Dealer not found"):
        documents.upload(roadster, customer, UploadRequest("nosuchdealer", "C", "deal", "c.pdf"), PDF)


def test_other_customers_documents_are_not_reachable(roadster: RoadsterClient, sandbox: SandboxServer) -> None:
    mine, theirs = make_customer(sandbox), make_customer(sandbox)
    doc = documents.upload(roadster, mine, UploadRequest("hyundaidemo", "C", "deal", "c.pdf"), PDF)
    with pytest.raises(errors.NotFound):
        documents.contents(roadster, theirs, doc)
    with pytest.raises(errors.NotFound):
        documents.delete_documents(roadster, theirs, [doc])


def test_delete_needs_ids_and_list_needs_a_known_filter(raw: httpx.Client, customer: int) -> None:
    response = raw.request("DELETE", f"/customers/{customer}/documents", json={"doc_ids": []})
    assert response.status_code == 400
    assert response.json()["field"] == "doc_ids"
    response = raw.get(f"/customers/{customer}/documents", params={"doc_type": "everything"})
    assert response.status_code == 400
    assert response.json()["field"] == "doc_type"


def test_dealer_named_in_the_payload_must_be_the_customers(roadster: RoadsterClient, customer: int) -> None:
    doc = documents.upload(roadster, customer, UploadRequest("hyundaidemo", "Licence", "license", "l.pdf", "self"), PDF)
    assert [d.id for d in documents.list_documents(roadster, customer, dpid="hyundaidemo")] == [doc]
    with pytest.raises(errors.NotFound, match="at this dealer"):
        documents.list_documents(roadster, customer, dpid="umazda")
    with pytest.raises(errors.NotFound, match="Dealer not found"):
        documents.contents(roadster, customer, doc, dpid="nosuchdealer")
    with pytest.raises(errors.NotFound, match="at this dealer"):
        documents.delete_documents(roadster, customer, [doc], dpid="umazda")
    assert documents.contents(roadster, customer, doc, dpid="hyundaidemo") == PDF
    assert documents.delete_documents(roadster, customer, [doc], dpid="hyundaidemo") == "Deleted 1 document."


def test_huge_and_unusual_ids_are_404_not_500(raw: httpx.Client, customer: int) -> None:
    for path in (
        f"/customers/{10**30}/documents",
        "/customers/%C2%B2/documents",
        f"/customers/{customer}/documents/{2**64}",
    ):
        assert raw.get(path).status_code == 404, path
    response = raw.request("DELETE", f"/customers/{customer}/documents", json={"doc_ids": [2**64]})
    assert response.status_code == 400
