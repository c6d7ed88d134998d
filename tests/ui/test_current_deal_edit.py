"""A keystroke that does not make a valid value yet (most of a VIN, half an amount) costs no copy of the deal."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.domain.deals import FieldError
from desktop.secrets import SecretStore
from desktop.store.deals import SqliteDealStore
from desktop.ui import current_deal as current_deal_module
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.tasks import TaskRunner


def test_a_refused_keystroke_copies_nothing_and_a_taken_one_is_undoable(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SqliteDealStore(tmp_path / "deals.sqlite3", SecretStore())
    current = CurrentDeal(runner, who="ann.agent")
    current.set_rooftop("D1", "Honda of Downtown")
    current.set_store(store)
    current.start()
    qtbot.waitUntil(lambda: current.deal is not None)
    copies: list[Any] = []
    real = copy.deepcopy

    def counted(value: Any, *args: Any) -> Any:
        copies.append(value)
        return real(value, *args)

    monkeypatch.setattr(current_deal_module.copy, "deepcopy", counted)
    changed: list[None] = []
    current.changed.connect(lambda *_a: changed.append(None))
    for typed in ("1", "1H", "1HGCM8263"):  # the VIN half-typed
        with pytest.raises(FieldError):
            current.edit("vehicle.vin", typed)
    assert copies == [] and changed == []
    current.edit("vehicle.vin", "1HGCM82633A004352")
    assert len(copies) == 1 and changed
    assert current.deal is not None and current.deal.vehicle.vin == "1HGCM82633A004352"
    assert current.undo() and current.deal.vehicle.vin == ""
    current.flush()
    runner.wait_idle()
    store.close()
