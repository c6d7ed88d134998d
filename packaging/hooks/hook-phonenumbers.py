"""Replaces the contrib hook, which bundles all of phonenumbers: the app parses and formats numbers only, so the
geocoder, carrier and time-zone data (45 MB of modules) stay out."""

from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules("phonenumbers.data") + collect_submodules("phonenumbers.shortdata")
