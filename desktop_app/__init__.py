"""Banjar Enroll: offline-first enrollment of informal workers (BPU) into BPJS Ketenagakerjaan.

The version lives in one place, ``pyproject.toml``; the installed package metadata carries it here.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("banjar-enroll")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
