"""Finds the files the application reads at run time (``resources/`` and ``forms/``).

One helper for every asset, so the same code works from the source tree, from an editable
install and from a PyInstaller bundle (where the folders sit under ``sys._MEIPASS``).
"""

import sys
from pathlib import Path


def asset_root() -> Path:
    """The folder that holds ``resources/`` and ``forms/``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource_file(*parts: str) -> Path:
    """A file under ``resources/`` (reference data: rates, occupations, wilayah, banjar)."""
    return asset_root().joinpath("resources", *parts)


def form_file(*parts: str) -> Path:
    """A file under ``forms/`` (the declarative enrollment form and consent texts)."""
    return asset_root().joinpath("forms", *parts)
