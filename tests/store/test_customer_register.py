"""The local customer register: upsert without losing what is known, search by name, email and phone."""

from __future__ import annotations

from pathlib import Path

from desktop.store.customers import CustomerRecord, CustomerRegister, TradeInRecord, register_file


def test_upsert_keeps_known_fields_and_search_finds_by_any(tmp_path: Path) -> None:
    register = CustomerRegister(register_file(tmp_path, "Sandbox"))
    try:
        register.upsert(CustomerRecord("umazda", 7, "Ann", "Lee", "ann@example.com", "+14155550100", vin="V1"))
        register.upsert(CustomerRecord("umazda", 7, email="ann@example.com", source="event"))  # an event with less
        record = register.get("umazda", 7)
        assert record is not None and (record.first_name, record.phone, record.vin) == ("Ann", "+14155550100", "V1")
        register.set_agent("umazda", 7, "ID1", "agent@example.com")
        assert register.by_email("umazda", "ANN@example.com").agent_id == "ID1"  # type: ignore[union-attr]
        register.upsert(CustomerRecord("umazda", 8, "Bob", "Stone", "bob@example.com", "+12125550199"))
        assert [r.id for r in register.search("umazda", "ann lee")] == [7]
        assert [r.id for r in register.search("umazda", "(212) 555")] == [8]
        assert [r.id for r in register.search("umazda", "2125550199")] == [8]
        assert register.search("hyundaidemo") == []
        register.save_tradein(TradeInRecord("umazda", "Ann@example.com", "VIN1", 7, 1500))
        register.save_tradein(TradeInRecord("umazda", "ann@example.com", "VIN1", 7, 1700))
        assert [t.value for t in register.tradeins("umazda", "ann@example.com")] == [1700]
    finally:
        register.close()
    assert register_file(tmp_path, "My Prod").name == "customers-my_prod.sqlite3"
