"""The deal jacket's entries filled from a deal, and emptied when no deal is open (the form, ``DealForm``, keeps
what each entry shows in ``_shown`` and the entries being corrected in ``_invalid``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit

from desktop.domain.deals import FieldError, Stage, get_text
from desktop.ui.tabs.deals.fields import structure_text
from desktop.ui.widgets.field_message import mark_invalid as mark


def clear(form: Any) -> None:
    """No deal open: no entry keeps the last customer's name, phone, address or masked personal data."""
    form._filling = True
    try:
        for widget in (*form.entries.values(), *(f.edit for f in form.pii.values())):
            widget.clear()
            mark(widget, False)
        for field in form.pii.values():
            field.set_server_mask("")
            field.hide_clear()
        for combo in (form.stage, *form.combos.values()):
            combo.setCurrentIndex(0)
        for check in (form.has_co_buyer, *form.checks.values()):
            check.setChecked(False)
        for text in (form.lost_reason, form.notes, form.structure, form.history, form.appraisal):
            text.clear()
        form.banner.clear_message()
        form._shown.clear()
        form._invalid.clear()
    finally:
        form._filling = False


def fill(form: Any, deal: Any) -> None:
    """Show ``deal`` in the jacket (the caller guards the edits this causes with ``_filling``)."""
    form.title.setText(f"<b>{deal.number}</b> · {deal.title.split(' · ', 1)[-1]}")
    form.stage.setCurrentIndex(max(form.stage.findData(deal.stage.value), 0))
    form.stage.setEnabled(deal.stage is not Stage.DELIVERED)
    if deal.stage is Stage.LOST:
        form.lost_reason.setText(deal.lost_reason)
    form.has_co_buyer.setChecked(deal.co_buyer is not None)
    form.co_buyer_box.setVisible(deal.co_buyer is not None)
    form.trade_box.setVisible(bool(deal.trade_ins))
    form.add_trade.setVisible(not deal.trade_ins)
    for path, entry in form.entries.items():
        _fill_entry(form, deal, path, entry)
    for path, field in form.pii.items():
        _fill_entry(form, deal, path, field.edit)
        field.set_server_mask(deal.server_mask(path))
    for path, combo in form.combos.items():
        if deal.trade_ins:
            combo.setCurrentIndex(max(combo.findData(get_text(deal, path)), 0))
    for path, check in form.checks.items():
        check.setChecked(bool(deal.trade_ins) and get_text(deal, path) == "True")
    if form._shown.get("notes") != deal.notes and form._typing != "notes":
        form.notes.setPlainText(deal.notes)
        form._shown["notes"] = deal.notes
    form.structure.setText(structure_text(deal))
    form.undo_button.setEnabled(form.current.can_undo)


def _fill_entry(form: Any, deal: Any, path: str, entry: QLineEdit) -> None:
    try:
        text = get_text(deal, path)
    except FieldError:  # no co-buyer or no trade-in: its entries are hidden
        text = ""
    if path in form._invalid and text == form._shown.get(path):
        return  # keep the half-typed value the user is still correcting
    if path == form._typing:
        return  # the box shows what was just typed into it, cursor and all
    if form._shown.get(path) != text:
        entry.setText(text)
        form._shown[path] = text
        form._invalid.pop(path, None)
        mark(entry, False)
