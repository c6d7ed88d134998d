"""The hostile corpus, generated once per session, beside the real-world files it is tested with."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLE_PDFS
from tests.hostile.make_corpus import corpus

REAL_WORLD = Path(__file__).parent / "real-world"
KINDS = (".pdf", ".png", ".jpg")


@pytest.fixture(scope="session")
def generated() -> dict[str, bytes]:
    return corpus()


@pytest.fixture(scope="session")
def real_files() -> dict[str, bytes]:
    """py-pdf/sample-files (CC-BY-SA-4.0, see real-world/README.md) and the project's shared sample files."""
    paths = [p for folder in (REAL_WORLD, SAMPLE_PDFS) for p in sorted(folder.iterdir()) if p.suffix in KINDS]
    return {p.name: p.read_bytes() for p in paths}


@pytest.fixture(scope="session")
def all_files(generated: dict[str, bytes], real_files: dict[str, bytes]) -> dict[str, bytes]:
    return {**generated, **real_files}
