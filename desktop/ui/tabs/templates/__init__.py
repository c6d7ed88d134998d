"""Templates & Packets: a rooftop's document templates, the visual designer, and form packets for an order.

:mod:`.tab` is the tab (the list, the designer and preview); :mod:`.new_template` its new-template form;
:mod:`.packets` its packet form and the orders a packet can be made for.
"""

from desktop.ui.tabs.templates.packets import order_label, orders_for
from desktop.ui.tabs.templates.tab import TemplatesTab

__all__ = ["TemplatesTab", "order_label", "orders_for"]
