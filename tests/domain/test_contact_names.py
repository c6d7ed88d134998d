"""Names in any script: the customers of a US dealership write them in every one (issue 18)."""

from __future__ import annotations

import unicodedata

import pytest

from desktop.domain.contact import MAX_NAME, name_problem


@pytest.mark.parametrize(
    "name",
    [
        "مُحَمَّد",  # Arabic with vowel marks (harakat are combining marks)
        "عبد الله",
        "अनुष्का",  # Hindi: virama and vowel signs are marks
        "प्रियंका शर्मा",
        unicodedata.normalize("NFD", "Nguyễn Thị Minh Khai"),  # Vietnamese typed decomposed
        "Nguyễn",  # and composed
        "O'Brien",
        "D’Angelo",  # typographic apostrophe
        "Jean-Luc",
        "Mary‐Jane",  # U+2010 hyphen from a phone keyboard
        "de la Cruz",
        "St. John",
        "Björk Guðmundsdóttir",
        "Zoë",
        "李小龙",
        "Ἀλέξανδρος",
        "می‌خواهم",  # Persian with a zero-width non-joiner
    ],
)
def test_real_names_are_accepted(name: str) -> None:
    assert name_problem(name, "First name") is None


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("", "required"),
        ("   ", "required"),
        ("R2D2", "letters"),
        ("<script>", "letters"),
        ("Ann\x00", "letters"),
        ("\u0301Ann", "letters"),  # may not start with a mark
        ("-Ann", "letters"),
        ("Ann 😀", "letters"),
        ("a" * (MAX_NAME + 1), "longer than"),
    ],
)
def test_what_is_not_a_name_is_refused_with_the_field_named(name: str, words: str) -> None:
    problem = name_problem(name, "Last name")
    assert problem is not None and problem.startswith("Last name") and words in problem


def test_decomposed_letters_count_as_what_a_person_sees() -> None:
    name = unicodedata.normalize("NFD", "ễ" * MAX_NAME)
    assert len(name) > MAX_NAME
    assert name_problem(name) is None
