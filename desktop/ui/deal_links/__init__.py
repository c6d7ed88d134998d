"""How each tab shows its part of the current deal and writes back to it, one small module per tab.

A tab's ``bind_deal(current)`` makes its link; the link reads the deal into the tab's own widgets and turns what
the user does there into changes of the deal, so a value typed on one tab is never typed again on another.
"""
