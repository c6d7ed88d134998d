"""Templates and form packets as the app uses them: a template checked before it is sent, a packet previewed locally.

The local preview fills the very files and definitions the server holds with the same code the sandbox uses, so
what staff see before creating a packet is what the packet will contain. A template is a file from outside: it is
checked, measured, filled and merged in a document worker (:mod:`desktop.services.doc_worker`), never here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.api.roadster import templates as api
from desktop.api.roadster.client import RoadsterClient
from desktop.api.roadster.schema import DocumentTemplate, TemplateStored
from desktop.domain import form_fields as ff
from desktop.services import form_filling
from desktop.services.doc_worker import client as documents


def save_template(client: RoadsterClient, dpid: str, request: api.TemplateRequest, pdf: bytes) -> TemplateStored:
    """Refuse locally what the API would refuse (same rules, same sentences), then upload once."""
    documents.check_template(pdf, request.form_definition)
    return api.create_template(client, dpid, request, pdf)


@dataclass(frozen=True)
class PreviewForm:
    template_id: int
    name: str
    filled: form_filling.FilledPdf


def preview_packet(
    client: RoadsterClient, dpid: str, template_ids: Sequence[int], order: Mapping[str, Any]
) -> list[PreviewForm]:
    """Each template filled with ``order`` (as :func:`api.sandbox_orders` lists one), in the packet's order."""
    values = ff.order_values(order)
    out: list[PreviewForm] = []
    for template_id in template_ids:
        template = api.get_template(client, dpid, template_id)
        pdf = api.template_file(client, dpid, template_id)
        fields = ff.parse_definition(template.form_definition)
        out.append(PreviewForm(template_id, template.name, documents.fill(pdf, fields, values)))
    return out


def combined_pdf(forms: Sequence[PreviewForm]) -> bytes:
    """The forms of a previewed packet as one PDF, in order, to page through before creating the packet."""
    return documents.combine([form.filled.data for form in forms])


@dataclass(frozen=True)
class OpenedTemplate:
    template: DocumentTemplate
    pdf: bytes
    fields: list[ff.FormField]
    page_sizes: list[ff.PageSize]


def open_template(client: RoadsterClient, dpid: str, template_id: int) -> OpenedTemplate:
    """A template with its file and parsed fields, to show in the designer."""
    template = api.get_template(client, dpid, template_id)
    pdf = api.template_file(client, dpid, template_id)
    fields = ff.parse_definition(template.form_definition)
    return OpenedTemplate(template, pdf, fields, documents.template_sizes(pdf))
