"""Every fixture is the reference's own text at the lines it names, and every Roadster sample is loadable JSON."""

from __future__ import annotations

import pytest

from tests.conformance.samples import all_samples, redoc_json, shape_mismatches
from tests.conftest import REFERENCE

SAMPLES = all_samples()


def test_there_is_one_fixture_per_sample_body_of_the_reference() -> None:
    groups = [group for group, _ in SAMPLES]
    # 32 sample bodies of the Roadster reference, the webhook schema of the OpenAPI file, the Chaiz guides' rules.
    assert (groups.count("roadster"), groups.count("openapi"), groups.count("chaiz")) == (32, 1, 6)


@pytest.mark.parametrize(("group", "sample"), SAMPLES, ids=[f"{g}/{s.name}" for g, s in SAMPLES])
def test_fixture_is_verbatim(group: str, sample: object) -> None:
    from tests.conformance.samples import Sample

    assert isinstance(sample, Sample)
    lines = (REFERENCE / sample.source_file).read_text(encoding="utf-8").split("\n")
    assert sample.text == "\n".join(lines[sample.first_line - 1 : sample.last_line]), sample.where


@pytest.mark.parametrize(
    ("group", "sample"),
    [(g, s) for g, s in SAMPLES if g == "roadster"],
    ids=[s.name for g, s in SAMPLES if g == "roadster"],
)
def test_roadster_sample_is_json_once_the_bullets_are_gone(group: str, sample: object) -> None:
    from tests.conformance.samples import Sample

    assert isinstance(sample, Sample)
    assert sample.body() is not None


def test_bullets_inside_strings_are_kept() -> None:
    text = '{- "name": "Mazda Financial Services (Standard Lease Program)- Credit - Zero Sec. Dep. - WA",\n}'
    assert (
        redoc_json(text)
        == '{ "name": "Mazda Financial Services (Standard Lease Program)- Credit - Zero Sec. Dep. - WA"\n}'
    )


def test_shape_comparison_finds_names_types_and_nesting() -> None:
    reference = {"dealer": {"dpid": "x"}, "doc_ids": [1], "value": 0}
    assert shape_mismatches(reference, {"dealer": {"dpid": "y"}, "doc_ids": [2, 3], "value": 9.5}) == []
    assert shape_mismatches(reference, {"dpid": "y", "doc_ids": ["2"], "value": "9"}, extra_ok=False) == [
        "$.dealer: missing",
        "$.doc_ids[0]: expected number, got string",
        "$.value: expected number, got string",
        "$.dpid: not in the reference sample",
    ]
    assert shape_mismatches([{"id": 1}], {"documents": []}) == ["$: expected an array, got an object"]
