"""Contact details as a person reads them."""

from __future__ import annotations


def test_a_stored_number_is_shown_as_a_person_reads_it() -> None:
    from desktop.domain.contact import phone_shown

    assert phone_shown("+16615550142") == "(661) 555-0142"
    assert phone_shown("+442079460958") == "+44 20 7946 0958"
    assert phone_shown("ext. 12") == "ext. 12"  # not a number: as it is
