"""Document templates and form packets on Roadster (issue 7): typed calls over a :class:`RoadsterClient`.

Creates are POSTs and are never repeated by the client (a second attempt would store a second template or packet);
list, get, file and delete are idempotent and retried as every GET/DELETE is.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.api.roadster import paths
from desktop.api.roadster.client import RoadsterClient
from desktop.api.roadster.schema import DocumentTemplate, FormPacketCreated, TemplateStored

PDF_DATA_HEADER = "data:application/pdf;charset=utf-8;base64,"


@dataclass(frozen=True)
class TemplateRequest:
    """The ``form_data`` of a create: ``form_definition`` as :func:`desktop.domain.form_fields.to_definition` makes."""

    name: str
    file_name: str
    form_definition: dict[str, Any]
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def form_data(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "file_name": self.file_name,
            "description": self.description,
            "form_definition": self.form_definition,
            **self.extra,
        }


def list_templates(client: RoadsterClient, dpid: str) -> list[DocumentTemplate]:
    """The dealer's templates that are not deleted."""
    body = client.get_json(paths.TEMPLATES.format(dpid=dpid))
    items = body.get("templates", []) if isinstance(body, dict) else body
    return [DocumentTemplate.model_validate(t) for t in items if not t.get("is_deleted")]


def get_template(client: RoadsterClient, dpid: str, template_id: int) -> DocumentTemplate:
    body = client.get_json(paths.TEMPLATE.format(dpid=dpid, template_id=template_id))
    return DocumentTemplate.model_validate(body.get("template", body) if "template" in body else body)


def template_file(client: RoadsterClient, dpid: str, template_id: int) -> bytes:
    """The template's PDF (the API answers a base64 string, possibly behind a data: header)."""
    body = client.get_json(paths.TEMPLATE_FILE.format(dpid=dpid, template_id=template_id))
    text = str(body.get("file_stream") or body.get("contents") or "") if isinstance(body, dict) else str(body)
    if text.startswith("data:"):
        text = text.split(",", 1)[1]
    return base64.b64decode(text)


def create_template(client: RoadsterClient, dpid: str, request: TemplateRequest, pdf: bytes) -> TemplateStored:
    """Upload a template; answers the stored file's metadata (etag = MD5 of the PDF). Sent once."""
    body = {"form_data": request.form_data(), "file_stream": PDF_DATA_HEADER + base64.b64encode(pdf).decode()}
    response = client.request("POST", paths.TEMPLATES.format(dpid=dpid), json=body)
    return TemplateStored.model_validate(response.json())


def delete_template(client: RoadsterClient, dpid: str, template_id: int) -> None:
    """Marks the template deleted: it leaves the list, and packets made from it keep their copy."""
    client.request("DELETE", paths.TEMPLATE.format(dpid=dpid, template_id=template_id))


def create_forms(client: RoadsterClient, order_id: int, title: str, template_ids: Sequence[int]) -> FormPacketCreated:
    """Fill each template with the order's data into a new packet. Sent once."""
    body = {"title": title, "template_ids": list(template_ids)}
    response = client.request("POST", paths.ORDER_FORMS.format(order_id=order_id), json=body)
    # The reference shows no answer body: an empty 2xx is a packet made, with nothing more to read.
    data = response.json() if response.content.strip() else {}
    return FormPacketCreated.model_validate(data if isinstance(data, dict) else {})


SANDBOX_ORDERS = "/sandbox/orders"  # sandbox-only: the real API has no order listing


def sandbox_orders(client: RoadsterClient, dpid: str | None = None) -> list[dict[str, Any]]:
    """Orders the sandbox keeps (customer, vehicle, dealer and deal figures), for picking one to make a packet for.

    Only a sandbox profile answers this; the path is outside the API's ``/v1`` root.
    """
    root = client.base_url.rstrip("/").removesuffix(paths.SANDBOX_PREFIX)
    body = client.request("GET", root + SANDBOX_ORDERS, params={"dpid": dpid}).json()
    orders = body.get("orders", []) if isinstance(body, dict) else []
    return [dict(o) for o in orders]
