"""Filling templates: text lands in its boxes (read back with pypdf's positioned text extraction), overflow shrinks or
clips, signatures stay empty, and every real-world sample PDF that opens can be a template."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, NumberObject

from desktop.domain import form_fields as ff
from desktop.services import form_filling as filling
from tests.conftest import SAMPLE_PDFS
from tests.form_helpers import REFERENCE_FIELD, Placed, placed_text

VALUES = {
    "customerFullName": "Jane Q. Buyer",
    "vehicleYear": "2027",
    "vehicleVin": "5NMJB3DE3VH018392",
    "vehiclePrice": "$36,245.00",
    "signature": "MUST NOT APPEAR",
    "initials": "NOR THIS",
}


def blank_letter(pages: int = 1) -> bytes:
    return filling.letter_pdf([[filling.PdfText(72, 72, f"Page {i + 1}", 12)] for i in range(pages)])


def field(name: str, kind: str, x: float, y: float, width: float = 150, height: float = 14, **kw: Any) -> ff.FormField:
    return ff.FormField(kw.pop("page", 0), name, kind, x, y, width, height, **kw)


def test_reference_example_lands_in_its_box_at_its_font_size() -> None:
    year = field("vehicleYear_1", "vehicleYear", 96, 555, 40, 12, font_size=8)
    filled = filling.fill(blank_letter(), [year], VALUES)
    (run,) = [p for p in placed_text(filled.data) if p.text.strip() == "2027"]
    assert run.inside(year.to_json(), 792)
    assert run.size == pytest.approx(8)
    # Top-left origin: y 555 from the top is 237 points above the bottom of a letter page.
    assert 225 <= run.y <= 237
    assert filled.shrunk == [] and filled.clipped == []


def test_every_text_field_lands_in_its_box_and_signatures_stay_empty() -> None:
    fields = [
        field("buyer", "customerFullName", 72, 100, 200, 16, font_size=12),
        field("vin", "vehicleVin", 300, 100, 200, 16),
        field("price", "vehiclePrice", 72, 400, 100, 14),
        field("sig", "signature", 72, 600, 200, 30),
        field("ini", "initials", 300, 600, 40, 20, signee="__co_buyer__"),
        field("vin_p2", "vehicleVin", 72, 700, 200, 16, page=1),
    ]
    filled = filling.fill(blank_letter(2), fields, VALUES)
    placed = placed_text(filled.data)
    for f in fields[:3]:
        (run,) = [p for p in placed if p.text.strip() == VALUES[f.type]]
        assert run.inside(f.to_json(), 792), (f.name, run)
        assert run.size == pytest.approx(f.font_size)
    assert not [p for p in placed if "MUST" in p.text or "NOR" in p.text]
    (second,) = [p for p in placed_text(filled.data, 1) if p.text.strip() == VALUES["vehicleVin"]]
    assert second.inside(fields[5].to_json(), 792)


def test_text_too_wide_is_shrunk_then_clipped() -> None:
    narrow = field("vin", "vehicleVin", 100, 200, 60, 12, font_size=10)
    tiny = field("name", "customerFullName", 100, 300, 20, 12, font_size=10)
    filled = filling.fill(blank_letter(), [narrow, tiny], VALUES)
    assert filled.shrunk == ["vin", "name"]
    assert filled.clipped == ["name"]  # even 4 points is too big for 20 points of "Jane Q. Buyer"
    placed = {p.text.strip(): p for p in placed_text(filled.data)}
    vin = placed[VALUES["vehicleVin"]]
    assert vin.inside(narrow.to_json(), 792) and vin.size < 10
    assert filling.text_width(VALUES["vehicleVin"], vin.size) <= narrow.width
    assert placed[VALUES["customerFullName"]].size == pytest.approx(ff.MIN_FONT_SIZE)
    content = PdfReader(io.BytesIO(filled.data)).pages[0].get_contents()
    assert content is not None and b"100 480 20 12 re\nW\nn" in content.get_data()  # the clip of the "name" box


def test_font_larger_than_its_box_is_brought_down_to_the_box_height() -> None:
    low = field("year", "vehicleYear", 100, 200, 100, 8, font_size=24)
    filled = filling.fill(blank_letter(), [low], VALUES)
    (run,) = [p for p in placed_text(filled.data) if p.text.strip() == "2027"]
    assert run.size <= 8 / (filling.ASCENT + filling.DESCENT) + 0.01
    assert filled.shrunk == ["year"]


def test_missing_values_and_unencodable_text_do_not_break_the_file() -> None:
    fields = [field("apr", "apr", 72, 100), field("buyer", "customerFullName", 72, 140)]
    filled = filling.fill(blank_letter(), fields, {"customerFullName": "Zoë (Ω) \\ Björk"})
    texts = [p.text for p in placed_text(filled.data)]
    assert any("Zoë (?) \\ Björk" in t for t in texts), texts


def test_rotated_page_fields_use_the_page_as_shown() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(blank_letter())))
    writer.pages[0][NameObject("/Rotate")] = NumberObject(90)
    out = io.BytesIO()
    writer.write(out)
    rotated = out.getvalue()
    assert filling.page_sizes(rotated) == [ff.PageSize(792, 612)]
    wide = field("vin", "vehicleVin", 600, 500, 180, 14)
    fields = filling.check_template(rotated, ff.to_definition([wide]))
    filled = filling.fill(rotated, fields, VALUES)
    (run,) = [p for p in placed_text(filled.data) if p.text.strip() == VALUES["vehicleVin"]]
    assert run.inside(wide.to_json(), 612)  # the rotation moved into the content: the page now stands as shown
    assert filling.page_sizes(filled.data) == [ff.PageSize(792, 612)]


def sample_pdfs() -> list[Any]:
    return [pytest.param(p, id=p.name) for p in sorted(SAMPLE_PDFS.glob("*.pdf"))]


@pytest.mark.parametrize("path", sample_pdfs())
def test_every_sample_pdf_that_opens_works_as_a_template(path: Any) -> None:
    data = path.read_bytes()
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        with pytest.raises(filling.TemplatePdfError, match="password-protected"):
            filling.page_sizes(data)
        return
    sizes = filling.page_sizes(data)
    assert len(sizes) == len(reader.pages)
    fields = [
        field(f"name_p{i}", "customerFullName", size.width / 2 - 75, size.height - 60, 150, 16, page=i)
        for i, size in enumerate(sizes)
    ]
    checked = filling.check_template(data, ff.to_definition(fields))
    filled = filling.fill(data, checked, VALUES)
    for i, size in enumerate(sizes):
        runs = [p for p in placed_text(filled.data, i) if p.text.strip() == VALUES["customerFullName"]]
        box = fields[i].to_json()
        crop = PdfReader(io.BytesIO(filled.data)).pages[i].cropbox
        shifted = [Placed(r.text, r.x - float(crop.left), r.y - float(crop.bottom), r.size) for r in runs]
        assert any(r.inside(box, size.height) for r in shifted), (path.name, i, runs)
    # A field past the bottom of the first page is refused with its name.
    outside = field("too_low", "vehicleVin", 10, sizes[0].height - 5, 100, 14)
    with pytest.raises(ff.FormDefinitionError, match="'too_low' is outside page 1"):
        filling.check_template(data, ff.to_definition([outside]))


def test_acroform_field_with_the_template_field_name_receives_the_value() -> None:
    data = (SAMPLE_PDFS / "010-pdflatex-forms_pdflatex-forms.pdf").read_bytes()
    name = field("Name", "customerFullName", 100, 100, 200, 16)
    filled = filling.fill(data, [name], VALUES)
    fields = PdfReader(io.BytesIO(filled.data)).get_fields() or {}
    assert fields["Name"].get("/V") == VALUES["customerFullName"]


def test_not_a_pdf_is_refused() -> None:
    with pytest.raises(filling.TemplatePdfError, match="not a PDF"):
        filling.page_sizes(b"GIF89a....")
    with pytest.raises(filling.TemplatePdfError, match="cannot be read"):
        filling.page_sizes(b"%PDF-1.7\n garbage with no xref")


LETTER = [ff.PageSize(612, 792)]


@pytest.mark.parametrize(
    ("fields", "words", "where"),
    [
        ([field("a", "vehicleVin", 500, 10, 200, 14)], "'a' is outside page 1", "pages[0].fields[0].x"),
        ([field("a", "vehicleVin", 10, -3)], "'a' is outside page 1: 'y' is negative", "pages[0].fields[0].y"),
        ([field("a", "vehicleVin", 10, 10), field("a", "date", 10, 40)], "'a' is defined twice", "fields[1].name"),
        ([field("a", "", 10, 10)], "'a': 'type' must be a field type", "fields[0].type"),
        ([field("a", "date", 10, 10, signee=" ")], "'a': 'signee' must be one of", "fields[0].signee"),
        ([field("a", "date", 10, 10, page=1)], "'a' is on page 2 but the document has 1 page", "pages[1].fields[0]"),
        ([field("a", "date", 10, 10, font_size=200)], "'a': font size must be between", "fields[0].fontSize"),
    ],
)
def test_the_app_refuses_the_same_definitions_as_the_sandbox(
    fields: list[ff.FormField], words: str, where: str
) -> None:
    with pytest.raises(ff.FormDefinitionError) as caught:
        ff.check_fields(fields, LETTER)
    assert words in caught.value.message
    assert caught.value.field.endswith(where)


def test_definition_round_trips_through_the_reference_shape() -> None:
    year = field("vehicleYear_1", "vehicleYear", 96, 555, 40, 12, font_size=8, label="Year")
    definition = ff.to_definition([year])
    assert definition == {"pages": [{"fields": [REFERENCE_FIELD]}]}
    assert ff.parse_definition(definition, LETTER) == [year]


def test_order_values_format_money_dates_and_leave_missing_blank() -> None:
    values = ff.order_values(
        {
            "customer": {"first_name": "Jane", "last_name": "Doe"},
            "vehicle": {"year": 2027, "odometer": 12345},
            "dealer": {"name": "Hyundai Demo", "address": "5300 Wible Rd", "city": "Bakersfield", "state": "CA"},
            "deal": {"amount_financed": "19785.25", "apr": "0.9", "term": 60, "monthly_payment": "337.35"},
            "date": "2026-11-23",
        }
    )
    assert values["customerFullName"] == "Jane Doe"
    assert values["amountFinanced"] == "$19,785.25" and values["apr"] == "0.90%" and values["term"] == "60 months"
    assert values["vehicleOdometer"] == "12,345" and values["date"] == "11/23/2026"
    assert values["dealerAddress"] == "5300 Wible Rd, Bakersfield, CA"
    assert values["coBuyerFullName"] == "" and values["lenderName"] == ""
