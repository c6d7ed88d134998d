"""The three deal documents as rich text: customer worksheet, menu with declined-products acknowledgment, recap.

The customer's copies (worksheet, menu) carry what the customer agrees to — price, tax with its rate and
source, trade, products, payments — and never the dealer's side (cost, reserve, profit, gross, buy rate). The
manager's recap carries exactly that side. Every document heads with the dealer's name and address, the buyer,
the vehicle, the date and the deal number, and ends with signature lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape

from desktop.domain.desking import DealStructure, DeskDeal
from desktop.domain.desking.lease_terms import lease_terms
from desktop.domain.desking.menu import MenuQuote
from desktop.domain.pricing import LeaseDeal
from desktop.ui.amounts import money, number

STYLE = """
<style>
body { font-size: 10pt; }
h1 { font-size: 16pt; margin: 0; }
h2 { font-size: 12pt; margin-top: 10pt; margin-bottom: 3pt; }
td, th { font-size: 10pt; padding: 2pt 4pt; }
th { text-align: left; background-color: #e5e7eb; }
.num { text-align: right; }
.small { font-size: 9pt; color: #374151; }
.total td { font-weight: bold; border-top: 1px solid #000; }
</style>
"""


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What heads every document.

    Attributes:
        dealer_name: the rooftop's name.
        dealer_address: street, city, state and ZIP on one line.
        dealer_phone: the rooftop's phone.
        buyer_name: the buyer as on the contract.
        buyer_address: the buyer's address on one line.
        deal_number: the deal's number a person can say on the phone.
        printed_on: the document's date.
        salesperson: the deal's salesperson by name ("" while none is assigned), as a DMS recap shows it.
    """

    dealer_name: str
    dealer_address: str
    dealer_phone: str
    buyer_name: str
    buyer_address: str
    deal_number: str
    printed_on: date
    salesperson: str = ""


def _e(value: object) -> str:
    return escape(str(value))


def _head(facts: DocumentFacts, structure: DealStructure, title: str, *, seller: bool = False) -> str:
    """The heading; ``seller`` adds the deal's salesperson (the worksheet and the recap name who sold the car)."""
    v = structure.vehicle
    buyer = _e(facts.buyer_name) or "<i>buyer not entered</i>"
    salesperson = f"Salesperson {_e(facts.salesperson or '—')}<br>" if seller else ""
    return (
        f"<table width='100%'><tr><td><h1>{_e(facts.dealer_name)}</h1>"
        f"<span class='small'>{_e(facts.dealer_address)} · {_e(facts.dealer_phone)}</span></td>"
        f"<td class='num'><b>{_e(title)}</b><br>Deal {_e(facts.deal_number)}<br>{salesperson}"
        f"{facts.printed_on:%B %d, %Y}</td></tr></table>"
        "<table width='100%' cellspacing='0'>"
        f"<tr><th width='50%'>Buyer</th><th>Vehicle</th></tr>"
        f"<tr><td>{buyer}<br>{_e(facts.buyer_address)}</td>"
        f"<td>{_e(v.title)}<br>VIN {_e(v.vin)}{' · stock ' + _e(v.stock_number) if v.stock_number else ''}"
        f"<br>MSRP {money(v.msrp)}</td></tr></table>"
    )


def _rows(lines: Iterable[tuple[str, Decimal]], total_label: str = "") -> str:
    out = []
    for label, amount in lines:
        css = " class='total'" if label == total_label else ""
        out.append(f"<tr{css}><td>{_e(label)}</td><td class='num'>{money(amount)}</td></tr>")
    return "<table width='100%' cellspacing='0'>" + "".join(out) + "</table>"


def _signatures(*who: str) -> str:
    cells = "".join(
        f"<td width='{100 // len(who)}%'><br><br>______________________________<br>"
        f"<span class='small'>{_e(name)} · date</span></td>"
        for name in who
    )
    return f"<table width='100%' cellspacing='8'><tr>{cells}</tr></table>"


def _headline(desk: DeskDeal) -> str:
    if desk.monthly_payment is None:
        return f"{money(desk.due_at_signing)} due at signing"
    return (
        f"{money(desk.monthly_payment)} a month for {desk.structure.term_for(desk.deal_type)} months "
        f"({money(desk.biweekly_payment)} biweekly, {money(desk.weekly_payment)} weekly), "
        f"{money(desk.due_at_signing)} due at signing"
    )


def _rate(desk: DeskDeal) -> str:
    deal = desk.deal
    if isinstance(deal, LeaseDeal):
        terms = lease_terms(deal)
        return (
            f"Money factor {number(terms.money_factor)} (equivalent to {terms.apr_equivalent:.2f} % APR); "
            f"residual {number(terms.residual_percent)} % = {money(terms.residual_value)} "
            f"at {terms.annual_mileage:,} miles a year"
        )
    if desk.sell_rate is not None:
        return f"{number(desk.sell_rate)} % APR"
    return ""


def worksheet_html(facts: DocumentFacts, deals: Mapping[str, DeskDeal | None], chosen: str) -> str:
    """The customer's worksheet: the chosen deal line by line, the other options, tax source, signatures."""
    desk = deals.get(chosen) or next(d for d in deals.values() if d is not None)
    structure = desk.structure
    parts = [STYLE, _head(facts, structure, "Customer deal worksheet", seller=True)]
    parts.append(f"<h2>{desk.deal_type.capitalize()} deal: {_headline(desk)}</h2>")
    rate = _rate(desk)
    if rate:
        parts.append(f"<p>{_e(rate)}</p>")
    parts.append(_rows(desk.deal.lines))
    if desk.trade_equity < 0:
        parts.append(f"<p>Negative equity of {money(-desk.trade_equity)} on the trade-in is included in this deal.</p>")
    parts.append(f"<p>Sales tax: {_e(desk.tax_label)}.</p>")
    products = structure.products_for(desk.deal_type)
    if products:
        parts.append("<h2>Protection products</h2>")
        parts.append(_rows((p.name, p.price) for p in products))
    others = [d for kind, d in deals.items() if d is not None and kind != desk.deal_type]
    if others:
        parts.append("<h2>Other ways to buy</h2><ul>")
        parts += [f"<li>{d.deal_type.capitalize()}: {_headline(d)}</li>" for d in others]
        parts.append("</ul>")
    parts.append(
        "<p class='small'>Figures are estimates until the contract is signed; the retail installment contract or "
        "lease agreement governs.</p>"
    )
    parts.append(_signatures("Buyer", "Co-buyer", "Sales manager"))
    return "".join(parts)


def menu_html(facts: DocumentFacts, structure: DealStructure, quote: MenuQuote, declined: Iterable[str]) -> str:
    """The menu as presented, with the customer's acknowledgment of each product declined."""
    per = "due" if quote.deal_type == "cash" else "a month"
    parts = [STYLE, _head(facts, structure, "Protection menu")]
    parts.append(
        f"<h2>{quote.deal_type.capitalize()} deal: {money(quote.baseline)} {per} with no protection products</h2>"
    )
    header = "".join(f"<th>{_e(p.package.name)}</th>" for p in quote.packages)
    rows = [f"<tr><th>Package</th>{header}</tr>"]
    rows.append(
        "<tr><td>Payment</td>"
        + "".join(f"<td class='num'><b>{money(p.monthly)}</b> {per}</td>" for p in quote.packages)
        + "</tr>"
    )
    if quote.deal_type != "cash":
        rows.append(
            "<tr><td>More than no products</td>"
            + "".join(
                f"<td class='num'>{money(p.per_month)} a month<br>{money(p.per_day)} a day</td>" for p in quote.packages
            )
            + "</tr>"
        )
    names = list(dict.fromkeys(product.name.split(" — ")[0] for p in quote.packages for product in p.products))
    for name in names:
        cells = []
        for package in quote.packages:
            found = next((x for x in package.products if x.name.split(" — ")[0] == name), None)
            cells.append(f"<td class='num'>{money(found.price)}</td>" if found else "<td class='num'>—</td>")
        rows.append(f"<tr><td>{_e(name)}</td>{''.join(cells)}</tr>")
    parts.append("<table width='100%' cellspacing='0' border='1'>" + "".join(rows) + "</table>")
    chosen = structure.products_for(quote.deal_type)
    parts.append("<h2>Chosen</h2>")
    parts.append(_rows((p.name, p.price) for p in chosen) if chosen else "<p>No protection products.</p>")
    declined = list(declined)
    parts.append("<h2>Declined products acknowledgment</h2>")
    if declined:
        items = "".join(f"<li>{_e(name)}</li>" for name in declined)
        parts.append(
            "<p>I was offered the following products, had them explained, and chose not to buy them. I understand "
            f"I will not have their protection:</p><ul>{items}</ul>"
        )
    else:
        parts.append("<p>No product offered was declined.</p>")
    parts.append(_signatures("Buyer", "Co-buyer", "F&I manager"))
    return "".join(parts)


def recap_html(facts: DocumentFacts, deals: Mapping[str, DeskDeal | None], chosen: str) -> str:
    """The manager's deal recap: front and back gross, reserve, each product's profit."""
    desk = deals.get(chosen) or next(d for d in deals.values() if d is not None)
    s = desk.structure
    v = s.vehicle
    parts = [STYLE, _head(facts, s, "Manager's deal recap", seller=True)]
    parts.append(f"<h2>{desk.deal_type.capitalize()} deal: {_headline(desk)}</h2>")
    rate = _rate(desk)
    # The deal line by line, as the worksheet has it: the rebates, the cash, the trade and the amount financed the
    # payment comes from (walked: the recap's payment could not be traced to anything on it).
    parts.append((f"<p>{_e(rate)}</p>" if rate else "") + _rows(desk.deal.lines))
    front: list[tuple[str, Decimal]] = [("MSRP", v.msrp), ("Selling price", s.selling_price)]
    front.append(("Discount from MSRP", s.discount))
    if v.cost is not None:
        front.append(("Vehicle cost (invoice)", v.cost))
    for accessory in s.accessories:
        front.append((f"{accessory.name} (price)", accessory.price))
        if accessory.cost is not None:
            front.append((f"{accessory.name} (cost)", accessory.cost))
    parts.append("<h2>Front end</h2>" + _rows(front))
    gross = (
        "unknown: the vehicle's cost is not in the inventory" if desk.front_gross is None else money(desk.front_gross)
    )
    parts.append(f"<p><b>Front gross: {gross}</b></p>")
    back: list[tuple[str, Decimal]] = []
    for product in s.products_for(desk.deal_type):
        cost = "cost unknown" if product.cost is None else f"cost {money(product.cost)}"
        back.append((f"{product.name} — price {money(product.price)}, {cost}", product.profit))
    parts.append("<h2>Back end</h2>")
    if desk.offer is not None:
        parts.append(
            f"<p>{_e(desk.offer.name)}: buy rate {number(desk.offer.buy_rate)} %, sell rate "
            f"{number(desk.sell_rate or Decimal(0))} % (ceiling {number(desk.offer.max_sell_rate)} %).</p>"
        )
    back.append(("Dealer reserve", desk.reserve))
    back.append(("Back gross", desk.back_gross))
    parts.append(_rows(back, total_label="Back gross"))
    total = None if desk.front_gross is None else desk.front_gross + desk.back_gross
    parts.append(f"<p><b>Total gross: {'unknown' if total is None else money(total)}</b></p>")
    parts.append(f"<p>Tax: {_e(desk.tax_label)}. Trade equity {money(desk.trade_equity)}.</p>")
    if s.declined:
        parts.append(f"<p>Declined: {_e(', '.join(s.declined))}.</p>")
    parts.append(_signatures("F&I manager", "General manager"))
    return "".join(parts)
