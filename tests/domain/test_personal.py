"""Personal data as a screen shows it: an SSN or licence by its last four, a birth date by its year alone."""

from __future__ import annotations

import pytest

from desktop.domain.personal import mask_birth_date, mask_last_four, mask_personal


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1984-03-05", "••/••/1984"),
        ("1980-11-23T00:00:00.000Z", "••/••/1980"),  # as the Roadster API sends it
        ("1980-11-23T00:00:00+02:00", "••/••/1980"),
        ("1980-11-23 00:00", "••/••/1980"),
        ("03/05/1984", "••/••/1984"),
        (" 1984-03-05 ", "••/••/1984"),
        ("5 March 1984", "••/••/••••"),  # not a date this knows: no digit of it shows
        ("0012-03-05", "••/••/••••"),
        ("", ""),
    ],
)
def test_a_birth_date_shows_its_year_alone(value: str, shown: str) -> None:
    assert mask_birth_date(value) == shown


def test_ids_show_their_last_four_and_the_field_name_chooses() -> None:
    assert mask_last_four("123-45-6789") == "•••• 6789"
    assert mask_last_four("D12") == "••••"
    assert mask_last_four("--") == ""
    assert mask_personal("buyer.ssn", "123-45-6789") == "•••• 6789"
    assert mask_personal("credit_applicant.birth_date", "1980-11-23T00:00:00.000Z") == "••/••/1980"
    assert mask_personal("DOB", "1980-11-23") == "••/••/1980"
    assert mask_personal("licence_number", "D1234567") == "•••• 4567"
