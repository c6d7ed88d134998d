"""``dealer-desk audit-verify``: a dealership checks its access audit log from a terminal or cron."""

from __future__ import annotations

import sqlite3

import pytest

from desktop import cli
from desktop.config import SANDBOX, AppPaths
from desktop.store.audit import REVEALED, Actor, AuditLog, audit_file


def test_intact_then_tampered_then_missing(capsys: pytest.CaptureFixture[str]) -> None:
    path = audit_file(AppPaths.default().data, SANDBOX)
    assert cli.main(["audit-verify"]) == 2
    assert "no audit log yet" in capsys.readouterr().err
    audit = AuditLog(path)
    for n in range(3):
        audit.record(Actor("judy", "desk-1", SANDBOX), REVEALED, f"event:e{n}", "credit_applicant.ssn")
    audit.close()
    assert cli.main(["audit-verify"]) == 0
    assert "intact: 3 entries" in capsys.readouterr().out
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET detail = 'customer.email' WHERE seq = 2")
    assert cli.main(["audit-verify"]) == 1
    assert "tampered with: entry 2 was changed" in capsys.readouterr().err
