"""'Service contracts (Chaiz)': plans for one vehicle and mileage, their filters and the live checkout links."""

from desktop.ui.widgets.chaiz_panel.panel import ChaizPanel
from desktop.ui.widgets.chaiz_panel.plans import TERM_NOTE, PlansModel

__all__ = ["TERM_NOTE", "ChaizPanel", "PlansModel"]
