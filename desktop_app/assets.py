"""Finds the files the application reads at run time (``resources/`` and ``forms/``).

One helper for every asset, so the same code works from the source tree, from an editable
install and from a PyInstaller bundle (where the folders sit under ``sys._MEIPASS``).
"""

import sys
from pathlib import Path

_reference_folder: Path | None = None  # reference data pulled from the office, if any


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


def use_reference_folder(folder: Path | None) -> None:
    """Where this laptop keeps reference data pulled from the office (see ``reference_file``)."""
    global _reference_folder
    _reference_folder = folder


def reference_file(name: str) -> Path:
    """Reference data the office maintains (banjar list, contribution rates): the office's
    newer copy when a sync brought one, else the copy shipped in ``resources/``."""
    if _reference_folder is not None and (_reference_folder / name).is_file():
        return _reference_folder / name
    return resource_file(name)
