"""Templates and form packets: the client against the sandbox over real HTTP, packets read back and checked."""

from __future__ import annotations

import base64
import hashlib
import io
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from pypdf import PdfReader

from desktop.api import errors
from desktop.api.roadster import templates as api
from desktop.api.roadster.client import RoadsterClient
from desktop.domain import form_fields as ff
from desktop.sandbox.server import SandboxServer
from desktop.services import packets
from desktop.services.form_filling import PdfRule, PdfText, TemplatePdfError, letter_pdf
from tests.conftest import SAMPLE_PDFS, admin, fast_retry
from tests.form_helpers import REFERENCE_FIELD, placed_text


def two_page_pdf() -> bytes:
    return letter_pdf(
        [[PdfText(72, 72, "Insurance Acknowledgement", 14), PdfRule(96, 567, 200)], [PdfText(72, 72, "2")]]
    )


def definition(*fields: dict[str, Any], pages: int = 1) -> dict[str, Any]:
    out: dict[str, Any] = {"pages": [{"fields": []} for _ in range(pages)]}
    for f in fields:
        page = f.pop("page", 0)
        out["pages"][page]["fields"].append(f)
    return out


def request(form_definition: dict[str, Any], name: str = "Insurance Acknowledgement") -> api.TemplateRequest:
    return api.TemplateRequest(
        name=name,
        file_name="Hyunda Lease Insurance.pdf",
        description="This is for insurance details",
        form_definition=form_definition,
    )


def raw_post(server: SandboxServer, path: str, body: Any) -> httpx.Response:
    headers = {"Authorization": f"Bearer {server.config.api_key}"}
    return httpx.post(server.url + "/v1" + path, json=body, headers=headers)


def make_order(roadster: RoadsterClient, dpid: str = "hyundaidemo", deal_type: str = "finance") -> dict[str, Any]:
    """An order as the customers API makes one: a customer created with a vehicle and a payment."""
    vehicles, _ = roadster.inventory_page(dpid, size=5, in_stock=True)
    vin = str(vehicles[0]["vin"])
    email = f"buyer.{uuid.uuid4().hex[:10]}@example.com"
    body = {
        "customer": {"first_name": "Jane", "last_name": "Doe", "email": email},
        "dealer": {"dpid": dpid},
        "vehicle": {"vin": vin},
        "payment": {"deal_type": deal_type, "finance_down": 3000, "finance_months": 60},
    }
    created = roadster.request("POST", "/customers", json=body).json()
    order_id = created["customer"]["order_id"]
    return {"id": order_id, "vin": vin, "vehicle": vehicles[0], "email": email}


def test_seeded_templates_are_listed_per_dealer(roadster: RoadsterClient) -> None:
    listed = api.list_templates(roadster, "toyotademo")
    assert [t.name for t in listed] == ["Odometer Disclosure Statement", "We Owe", "Privacy Notice"]
    assert api.list_templates(roadster, "toyotademo") == listed  # seeded once
    odometer = listed[0]
    fields = odometer.form_definition["pages"][0]["fields"]
    assert {f["type"] for f in fields} >= {"vehicleVin", "vehicleOdometer", "signature"}
    pdf = api.template_file(roadster, "toyotademo", odometer.id)
    assert "ODOMETER DISCLOSURE STATEMENT" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_create_answers_storage_metadata_then_get_and_file(roadster: RoadsterClient) -> None:
    pdf = two_page_pdf()
    stored = api.create_template(roadster, "hyundaidemo", request(definition(dict(REFERENCE_FIELD))), pdf)
    assert stored.etag == hashlib.md5(pdf).hexdigest()
    assert stored.checksum_sha256 == base64.b64encode(hashlib.sha256(pdf).digest()).decode()
    assert stored.version_id and stored.id
    got = api.get_template(roadster, "hyundaidemo", stored.id)
    assert got.name == "Insurance Acknowledgement" and got.is_deleted is False and got.order_id is None
    assert got.form_definition["pages"][0]["fields"] == [REFERENCE_FIELD]
    assert api.template_file(roadster, "hyundaidemo", stored.id) == pdf
    assert stored.id in [t.id for t in api.list_templates(roadster, "hyundaidemo")]


def test_file_stream_without_header_is_accepted(sandbox: SandboxServer) -> None:
    body = {"form_data": request(definition()).form_data(), "file_stream": base64.b64encode(two_page_pdf()).decode()}
    response = raw_post(sandbox, "/dealers/umazda/templates", body)
    assert response.status_code == 200, response.text
    assert len(response.json()["etag"]) == 32


def _field(**changes: Any) -> dict[str, Any]:
    return {**REFERENCE_FIELD, **changes}


INVALID: list[tuple[str, Callable[[], dict[str, Any]], str, str]] = [
    (
        "outside",
        lambda: definition(_field(x=590)),
        "form_data.form_definition.pages[0].fields[0].x",
        "'vehicleYear_1' is outside page 1",
    ),
    (
        "below",
        lambda: definition(_field(y=785)),
        "form_data.form_definition.pages[0].fields[0].y",
        "'vehicleYear_1' is outside page 1",
    ),
    (
        "duplicate",
        lambda: definition(_field(), _field(x=10, page=1), pages=2),
        "form_data.form_definition.pages[1].fields[0].name",
        "'vehicleYear_1' is defined twice",
    ),
    (
        "type",
        lambda: definition(_field(type=["vehicleYear"])),
        "form_data.form_definition.pages[0].fields[0].type",
        "'vehicleYear_1': 'type' must be a field type",
    ),
    (
        "signee",
        lambda: definition(_field(signee={"role": "notary"})),
        "form_data.form_definition.pages[0].fields[0].signee",
        "'vehicleYear_1': 'signee' must be one of",
    ),
    (
        "page",
        lambda: definition(_field(page=2), pages=3),
        "form_data.form_definition.pages[2].fields[0]",
        "'vehicleYear_1' is on page 3 but the document has 2 pages",
    ),
]


@pytest.mark.parametrize(("case", "make", "field", "words"), INVALID, ids=[c[0] for c in INVALID])
def test_invalid_definitions_are_refused_naming_the_field(
    roadster: RoadsterClient, case: str, make: Callable[[], dict[str, Any]], field: str, words: str
) -> None:
    with pytest.raises(errors.BadRequest) as caught:
        api.create_template(roadster, "hyundaidemo", request(make(), name=f"bad {case}"), two_page_pdf())
    assert caught.value.status == 400
    assert caught.value.field == field
    assert words in str(caught.value)
    assert f"bad {case}" not in [t.name for t in api.list_templates(roadster, "hyundaidemo")]


def test_a_file_that_is_not_a_pdf_is_refused(sandbox: SandboxServer) -> None:
    form_data = request(definition()).form_data()
    png = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n").decode()
    for stream, words in (
        (png, "must be a PDF, not image/png"),
        (api.PDF_DATA_HEADER + base64.b64encode(b"hello, not a pdf").decode(), "not a PDF"),
        ("%%%not base64%%%", "not valid base64"),
    ):
        response = raw_post(sandbox, "/dealers/umazda/templates", {"form_data": form_data, "file_stream": stream})
        assert response.status_code == 400
        assert response.json()["field"] == "file_stream"
        assert words in response.json()["error"]
    missing = raw_post(sandbox, "/dealers/umazda/templates", {"form_data": {**form_data, "name": ""}})
    assert missing.json()["field"] == "form_data.name"


def test_unknown_dealer_and_template_are_404(roadster: RoadsterClient) -> None:
    with pytest.raises(errors.ApiError) as caught:
        api.list_templates(roadster, "nowhere")
    assert caught.value.status == 404
    with pytest.raises(errors.ApiError) as caught:
        api.get_template(roadster, "umazda", 999999)
    assert caught.value.status == 404


def test_packet_fills_the_order_data_into_each_template(roadster: RoadsterClient, sandbox: SandboxServer) -> None:
    order = make_order(roadster)
    listed = admin(sandbox, "GET", "/orders", params={"dpid": "hyundaidemo"}).json()["orders"]
    mine = next(o for o in listed if o["id"] == order["id"])
    assert mine["customer"]["email"] == order["email"] and mine["vin"] == order["vin"]
    templates = {t.name: t for t in api.list_templates(roadster, "hyundaidemo")}
    ids = [templates["Odometer Disclosure Statement"].id, templates["Privacy Notice"].id]
    created = api.create_forms(roadster, order["id"], "Your title documents for review", ids)
    assert [f.template_id for f in created.forms] == ids

    packets = admin(sandbox, "GET", f"/orders/{order['id']}/forms").json()["packets"]
    packet = next(p for p in packets if p["id"] == created.packet_id)
    assert packet["title"] == "Your title documents for review"
    odometer = packet["forms"][0]
    pdf = base64.b64decode(odometer["contents"])
    placed = placed_text(pdf)
    fields = {f["name"]: f for f in odometer["template"]["form_definition"]["pages"][0]["fields"]}
    for name, expected in (("buyerName_1", "Jane Doe"), ("vehicleVin_1", order["vin"]), ("odometer_1", "8")):
        box = fields[name]
        hits = [p for p in placed if p.text.strip() == expected]
        assert hits, (name, placed)
        assert any(p.inside(box, 792) for p in hits), (name, hits, box)
    assert str(order["vehicle"]["year"]) in {p.text.strip() for p in placed}
    # Signature boxes stay empty for e-signature.
    signature = fields["buyerSignature_1"]
    label_free = [p for p in placed if p.inside(signature, 792)]
    assert label_free == []


def test_deleted_template_leaves_the_list_but_packets_keep_their_copy(
    roadster: RoadsterClient, sandbox: SandboxServer
) -> None:
    order = make_order(roadster, "prairieford")
    stored = api.create_template(
        roadster,
        "prairieford",
        request(definition(_field(type="vehicleVin", width=200)), name="VIN slip"),
        two_page_pdf(),
    )
    assert stored.id is not None
    first = api.create_forms(roadster, order["id"], "Before delete", [stored.id])
    api.delete_template(roadster, "prairieford", stored.id)
    api.delete_template(roadster, "prairieford", stored.id)  # a repeated DELETE is still ok
    assert stored.id not in [t.id for t in api.list_templates(roadster, "prairieford")]
    assert api.get_template(roadster, "prairieford", stored.id).is_deleted is True
    with pytest.raises(errors.ApiError) as caught:
        api.create_forms(roadster, order["id"], "After delete", [stored.id])
    assert caught.value.status == 404 and "was deleted" in str(caught.value)
    packets = admin(sandbox, "GET", f"/orders/{order['id']}/forms").json()["packets"]
    kept = next(p for p in packets if p["id"] == first.packet_id)["forms"][0]
    assert kept["template"]["name"] == "VIN slip"
    assert order["vin"] in PdfReader(io.BytesIO(base64.b64decode(kept["contents"]))).pages[0].extract_text()


def test_packet_for_unknown_order_or_template_is_404(roadster: RoadsterClient) -> None:
    order = make_order(roadster, "gwinnettkia")
    seeded = api.list_templates(roadster, "gwinnettkia")[0].id
    other_dealer = api.list_templates(roadster, "umazda")[0].id
    for order_id, ids, words in (
        (99999999, [seeded], "Order not found"),
        (order["id"], [987654321], "Template 987654321 not found"),
        (order["id"], [other_dealer], f"Template {other_dealer} not found"),
    ):
        with pytest.raises(errors.ApiError) as caught:
            api.create_forms(roadster, order_id, "Packet", ids)
        assert caught.value.status == 404 and words in str(caught.value)
    with pytest.raises(errors.BadRequest) as caught:
        api.create_forms(roadster, order["id"], "Packet", [])
    assert caught.value.status == 400 and caught.value.field == "template_ids"


def test_sandbox_without_orders_lists_none(fresh_sandbox: SandboxServer) -> None:
    assert admin(fresh_sandbox, "GET", "/orders").json()["orders"] == []
    client = RoadsterClient(fresh_sandbox.url + "/v1", fresh_sandbox.config.api_key, retry=fast_retry())
    try:
        with pytest.raises(errors.ApiError) as caught:
            api.create_forms(client, 1, "Packet", [1490])
        assert caught.value.status == 404
    finally:
        client.close()


def test_local_preview_matches_the_packet_the_sandbox_makes(roadster: RoadsterClient, sandbox: SandboxServer) -> None:
    order = make_order(roadster, "lonestarhonda", deal_type="lease")
    listed = api.sandbox_orders(roadster, "lonestarhonda")
    mine = next(o for o in listed if o["id"] == order["id"])
    assert mine["deal"]["deal_type"] == "lease" and mine["dealer"]["name"]
    ids = [t.id for t in api.list_templates(roadster, "lonestarhonda")]
    preview = packets.preview_packet(roadster, "lonestarhonda", ids, mine)
    created = api.create_forms(roadster, order["id"], "Lease packet", ids)
    stored = admin(sandbox, "GET", f"/orders/{order['id']}/forms").json()["packets"]
    forms = next(p for p in stored if p["id"] == created.packet_id)["forms"]
    for local, remote in zip(preview, forms, strict=True):
        assert local.name == remote["template"]["name"]
        mine_text = PdfReader(io.BytesIO(local.filled.data)).pages[0].extract_text()
        theirs = PdfReader(io.BytesIO(base64.b64decode(remote["contents"]))).pages[0].extract_text()
        assert mine_text == theirs and "Jane Doe" in mine_text


def test_save_template_refuses_locally_before_sending(roadster: RoadsterClient) -> None:
    before = len(api.list_templates(roadster, "umazda"))
    bad = request(definition(_field(x=600)), name="never sent")
    with pytest.raises(ff.FormDefinitionError, match="'vehicleYear_1' is outside page 1"):
        packets.save_template(roadster, "umazda", bad, two_page_pdf())
    with pytest.raises(TemplatePdfError, match="not a PDF"):
        packets.save_template(roadster, "umazda", request(definition()), b"plain text")
    assert len(api.list_templates(roadster, "umazda")) == before
    stored = packets.save_template(roadster, "umazda", request(definition(_field())), two_page_pdf())
    assert stored.id in [t.id for t in api.list_templates(roadster, "umazda")]


@pytest.mark.parametrize("path", sorted(SAMPLE_PDFS.glob("*.pdf")), ids=lambda p: p.name)
def test_every_sample_pdf_uploads_as_a_template_unless_it_needs_a_password(
    roadster: RoadsterClient, path: Path
) -> None:
    data = path.read_bytes()
    form = request(definition(_field(x=20, y=20, type="customerFullName", width=150)), name=f"sample {path.stem}")
    if "password" in path.name:
        with pytest.raises(errors.BadRequest) as caught:
            api.create_template(roadster, "toyotademo", form, data)
        assert caught.value.field == "file_stream" and "password-protected" in str(caught.value)
        return
    stored = api.create_template(roadster, "toyotademo", form, data)
    assert stored.etag == hashlib.md5(data).hexdigest()
    assert stored.id is not None
    assert api.template_file(roadster, "toyotademo", stored.id) == data


def test_unknown_field_type_and_signee_are_kept_as_text_and_never_block_a_packet(
    roadster: RoadsterClient, sandbox: SandboxServer
) -> None:
    order = make_order(roadster)
    strange = _field(name="tradePlate_1", type="tradeInPlate", signee="__notary__", y=300)
    stored = api.create_template(
        roadster, "hyundaidemo", request(definition(_field(), strange), name="Made elsewhere"), two_page_pdf()
    )
    kept = api.get_template(roadster, "hyundaidemo", stored.id or 0).form_definition["pages"][0]["fields"][1]
    assert (kept["type"], kept["signee"]) == ("tradeInPlate", "__notary__")
    created = api.create_forms(roadster, order["id"], "With an unknown field", [stored.id or 0])
    assert [f.template_id for f in created.forms] == [stored.id]
    packets = admin(sandbox, "GET", f"/orders/{order['id']}/forms").json()["packets"]
    filled = base64.b64decode(next(p for p in packets if p["id"] == created.packet_id)["forms"][0]["contents"])
    placed = placed_text(filled)
    assert str(order["vehicle"]["year"]) in {p.text.strip() for p in placed}
    assert not [p for p in placed if p.inside(kept, 792)]  # a text box for an agent: nothing filled in it
