"""Log masking, fed every format that leaked in issue 18, through the real file handler."""

from __future__ import annotations

import json
import logging
import stat
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.logs import mask, setup


def test_mask_hides_credentials_ssn_and_licence_numbers() -> None:
    line = mask("GET /v1 Authorization: Bearer abc123 ssn 123-45-6789 licence number D1234567 mem=XYZ%2B&x=1")
    assert "abc123" not in line and "123-45" not in line and "D1234" not in line and "XYZ" not in line
    assert "6789" in line and "567" in line and "x=1" in line


@pytest.mark.parametrize(
    ("text", "secret", "kept"),
    [
        ("applicant SSN 123456789 on file", "12345", "6789"),
        ("ssn: 123 45 6789", "123 45", "6789"),
        ('{"drivers_license_number": "D12345678", "state": "CA"}', "D1234", '"state": "CA"'),
        ("{'driver_license_number': 'X9988776'}", "X998", "8776"),
        ('{"birth_date": "1988-03-14"}', "1988-03-14", '"birth_date"'),
        ("date_of_birth=03/14/1988&x=1", "03/14/1988", "x=1"),
        ("customer born 14.03.1988", "1988", "customer born"),
        ("credit app for 1961-07-02 applicant", "1961-07-02", "applicant"),
        ("credit app for 1980-11-23T00:00:00.000Z applicant", "1980-11-23", "applicant"),  # as the API sends it
        ("credit app for 1980-11-23T00:00:00.000Z applicant", "T00:00", "for ****-**-** applicant"),
        ("customer born 1980-11-23T00:00:00+02:00 at noon", "1980", "customer born ****-**-** at noon"),
        ("{'birth_date': '1980-11-23T00:00:00.000Z'}", "1980", "'birth_date': '****-**-**'"),
        ("Authorization: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA", "Authorization: Basic"),
        ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "eyJhbGci", "Bearer"),
        ("sent basic dXNlcjpwYXNzd29yZA== to the proxy", "dXNlcjpw", "to the proxy"),
        ("{'Authorization': 'Digest username=admin'}", "username", "Authorization"),
        ("GET https://api.example.com/v1/feed?since=5&token=s3cr3tTok&limit=10", "s3cr3tTok", "limit=10"),
        ("GET /callback?access_token=abc.def-123 HTTP/1.1", "abc.def-123", "HTTP/1.1"),
        ("connecting to https://dealer:hunter2@db.example.com/x", "hunter2", "db.example.com"),
        ('{"api_key": "rk_live_0123456789"}', "0123456789", '"api_key"'),
        ("webhook key=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA", "Zm9vYmFy", "webhook key="),
        ("sealed with 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "9f86d0818", "sealed with"),
        ("key material Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0f", "Ab3dEf6h", "key material"),
    ],
)
def test_each_leaking_format_is_masked(text: str, secret: str, kept: str) -> None:
    masked = mask(text)
    assert secret not in masked, masked
    assert kept in masked, masked


@pytest.mark.parametrize(
    "text",
    [
        "synced 2,000 vehicles in 3.2 s",
        "event 2026-11-30 customer 4242 vin 1HGCM82633A004352",
        "event 2026-11-30T14:05:09.120Z received 2026-11-30T14:05:10+00:00",
        "price $123,456,789.00 year 2024 page 3 of 7",
        "/home/desk/.local/share/dealer-desk/cache-sandbox.sqlite3",
        "customer chose the Basic plan for 36 months",
        "document 7b9b99ba-2bb7-4e63-b238-7ba7a5f03fce event evt-e408a3d4d2864a088bcc1446ed4d0da8",
    ],
)
def test_ordinary_lines_pass_unchanged(text: str) -> None:
    assert mask(text) == text


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    path = setup(tmp_path / "logs")
    yield path
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_tracebacks_are_masked_in_the_log_file(log_file: Path) -> None:
    """An exception message and the locals of a formatted traceback carry the clear values; the file never does."""

    def submit(applicant: dict[str, str]) -> None:
        ssn = applicant["ssn"]
        raise ValueError(f"lender refused SSN {ssn} born {applicant['birth_date']} token={applicant['token']}")

    applicant = {"ssn": "123456789", "birth_date": "1979-02-28", "token": "tok_Secret42"}
    try:
        submit(applicant)
    except ValueError as exc:
        logging.getLogger("test").exception("credit application failed")
        frames = "".join(traceback.TracebackException.from_exception(exc, capture_locals=True).format())
        logging.getLogger("test").error("with locals:\n%s", frames)
    logging.getLogger("test").warning("payload %s", json.dumps({"drivers_license_number": "K7654321"}))
    text = log_file.read_text(encoding="utf-8")
    assert "credit application failed" in text and "Traceback" in text and "applicant =" in text
    for secret in ("123456789", "12345", "1979-02-28", "tok_Secret42", "K7654"):
        assert secret not in text, secret


def test_log_file_and_folder_are_private(log_file: Path) -> None:
    logging.getLogger("test").warning("hello")
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700


def test_command_line_warnings_on_stderr_are_masked_too() -> None:
    """Cron mails a command's stderr: the console handler the CLI sets up masks like the log file."""
    import subprocess
    import sys

    code = (
        "import logging; from desktop import cli_commands; "
        "cli_commands.dispatch(['unlock-link', '--dpid', 'd', '--vin', '123', '--email', 'a@example.com']); "
        "logging.getLogger('cron').warning('lender said ssn=123456789 token=s3cret-Tok')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert "WARNING cron: lender said" in done.stderr
    assert "123456789" not in done.stderr and "s3cret-Tok" not in done.stderr
