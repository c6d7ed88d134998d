"""The desk's fields with a message line under each, and the name each row gives its field.

A refused value is said on the field's own line; the deal columns and the banner say which field it is by the
name the user reads beside it ("Cash down / due"), never by the partner API's path ("payment.customer_cash").
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.ui.widgets.field_message import FieldMessage


class FieldLines:
    """Each field's message line and name, keyed by the request field a :class:`PricingInputError` names."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self.messages: dict[str, QLabel] = {}
        self.names: dict[str, str] = {}

    def field(self, widget: QWidget, key: str, name: str) -> QWidget:
        """``widget`` with a message line under it for errors naming ``key``; ``name`` is what the user calls it."""
        box = QWidget(self._parent)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(widget)
        message = FieldMessage(box, widget)  # its line stays when empty: a message never moves the rows below
        lay.addWidget(message)
        self.messages[key] = message
        self.names[key] = name
        return box

    def row(self, form: QFormLayout, name: str, widget: QWidget, key: str) -> None:
        """A form row labelled ``name``: the same words name the field in a message."""
        form.addRow(name, self.field(widget, key, name))

    def name(self, key: str) -> str:
        """What the user calls the field of ``key``; a field with no row of its own by the last part of its path."""
        return field_words(self.names, key)


def form_key(field: str, deal_type: str) -> str:
    """The form's key of the request field ``field`` of ``deal_type``'s deal: a term is the finance or the lease
    deal's own ("lease.payment.term"); every other field is one row for all three deals."""
    return f"{deal_type}.{field}" if field == "payment.term" and deal_type else field


def field_words(names: Mapping[str, str], field: str, deal_type: str = "") -> str:
    """What the user calls ``field`` (of ``deal_type``'s deal), from the rows' ``names``: "Cash down / due" for
    "payment.customer_cash"; a field with no row of its own by the last part of its path."""
    key = form_key(field, deal_type)
    return names.get(key) or key.rsplit(".", 1)[-1].replace("_", " ").capitalize()
