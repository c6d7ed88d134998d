"""The detail pane's text for one vehicle: the cached record, the published efficiency and its Chaiz status."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any


def when(epoch: int | None) -> str:
    """A sync or update time in the desk's own time zone, to the minute."""
    if not epoch:
        return "never"
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _price(value: Any) -> str:
    return f"${float(value):,.0f}" if value else "included"


def vehicle_html(v: dict[str, Any], info: dict[str, Any] | None, chaiz: str = "") -> str:
    """The detail panel for one vehicle, as simple HTML (QTextBrowser renders it; everything is escaped)."""
    e = html.escape

    def swatch(color: dict[str, Any]) -> str:
        rgb = str(color.get("rgb") or "")
        box = f'<span style="background-color:#{e(rgb)}">&nbsp;&nbsp;&nbsp;&nbsp;</span> ' if len(rgb) == 6 else ""
        extra = f" (+{_price(color['msrp'])})" if color.get("msrp") else ""
        return f"{box}{e(str(color.get('label', '')))}{extra}"

    def items(title: str, rows: list[dict[str, Any]]) -> str:
        if not rows:
            return f"<p><b>{title}</b>: none</p>"
        lis = "".join(f"<li>{e(str(r.get('name', '')))} — {_price(r.get('msrp'))}</li>" for r in rows)
        return f"<p><b>{title}</b></p><ul>{lis}</ul>"

    stock = "In stock" if v.get("in_stock") else "Not in stock"
    if v.get("reserved"):
        stock += ", reserved"
    efficiency = "loading…"
    if info is not None:
        if info.get("ev_range"):
            efficiency = f"{info['ev_range']} mi electric range"
        elif info.get("city_mpg"):
            efficiency = f"{info['city_mpg']} city / {info.get('highway_mpg', '—')} highway mpg"
        else:
            efficiency = "not published"
    msrp = f"${v['msrp']:,.0f}" if v.get("msrp") else "—"
    invoice = f"${v['invoice']:,.0f}" if v.get("invoice") else "—"
    engine, trans = v.get("engine") or {}, v.get("transmission") or {}
    return (
        f"<h3>{e(str(v.get('year', '')))} {e(v.get('make', ''))} {e(v.get('model', ''))} {e(v.get('trim', ''))}</h3>"
        f"<p>VIN <b>{e(v['vin'])}</b> · Stock {e(str(v.get('stock_number', '')))} · {stock}</p>"
        f"<p>MSRP <b>{msrp}</b> · Invoice {invoice}</p>"
        "<table cellspacing=4>"
        f"<tr><td>Body</td><td>{e(str(v.get('body', '')))}</td></tr>"
        f"<tr><td>Drivetrain</td><td>{e(str(v.get('drivetrain', '')))}</td></tr>"
        f"<tr><td>Engine</td><td>{e(str(engine.get('label', '')))} ({e(str(engine.get('type', '')))})</td></tr>"
        f"<tr><td>Transmission</td><td>{e(str(trans.get('label', '')))}</td></tr>"
        f"<tr><td>Exterior</td><td>{swatch(v.get('exterior_color') or {})}</td></tr>"
        f"<tr><td>Interior</td><td>{swatch(v.get('interior_color') or {})}</td></tr>"
        f"<tr><td>Efficiency</td><td>{e(efficiency)}</td></tr>"
        f"<tr><td>Updated</td><td>{when(v.get('updated_at'))}</td></tr>"
        f"<tr><td>Chaiz</td><td>{e(chaiz or 'not registered')}</td></tr>"
        "</table>"
        + items("Packages", v.get("packages") or [])
        + items("Options", v.get("options") or [])
        + items("Dealer options", v.get("dealer_options") or [])
    )


def chaiz_text(reg: Any) -> str:
    """One vehicle's Chaiz registration as the status column and the pane show it."""
    if reg.status == "registered" and reg.registered_at:
        day = dt.datetime.fromtimestamp(reg.registered_at, tz=dt.UTC).astimezone().strftime("%Y-%m-%d")
        return f"registered {day}"
    return f"failed: {reg.last_error or 'unknown'}"


def chaiz_detail(chaiz_cache: Any, connection: Any, vin: str, state: str | None) -> str:
    """The Chaiz line of the detail panel: status from the local cache and, when registered, the start price."""
    reg = chaiz_cache.get(vin)
    if reg is None:
        return "not registered — use Pre-register for instant service-contract prices"
    text = chaiz_text(reg)
    if reg.status == "registered" and connection is not None:
        try:
            from desktop.api.chaiz.registration import start_price

            lowest = start_price(connection.chaiz, vin, reg.mileage, state=state).startPrice
            if lowest is not None:
                text += f" · plans from ${lowest:,.0f}"
        except Exception:  # the cached status is still worth showing
            text += " · start price unavailable"
    return text
