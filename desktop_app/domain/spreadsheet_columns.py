"""The column headers of worker lists and exports (``forms/spreadsheet_columns.toml``).

Offices and desa adat send lists made by hand: headers come in Bahasa Indonesia or English and
in many spellings. One vocabulary names them, shared by the laptop's import and exports and the
office's export, so every header an export writes is one the import recognises. Reading the
cells under them is the spreadsheets' work (spreadsheets/worker_cells.py).
"""

import re
import tomllib
from collections.abc import Sequence
from functools import cache

from desktop_app.assets import form_file


def header_key(text: object) -> str:
    """``"No. KTP "`` and ``"no_ktp"`` are one header."""
    return re.sub(r"[\s.,:;/\\()\[\]_\-]+", "", str(text or "")).casefold()


@cache
def _header_variants() -> dict[str, list[str]]:
    """Record field -> its header spellings, the export's own first."""
    data = tomllib.loads(form_file("spreadsheet_columns.toml").read_text(encoding="utf-8"))
    variants: dict[str, list[str]] = {}
    for name, names in data.items():
        if isinstance(names, dict):  # beneficiary.name and friends
            variants.update({f"{name}.{part}": spelled for part, spelled in names.items()})
        else:
            variants[name] = names
    return variants


@cache
def _header_fields() -> dict[str, str]:
    return {header_key(v): name for name, names in _header_variants().items() for v in names}


def export_headers() -> dict[str, str]:
    """Record field -> the header an export writes (one that import recognises)."""
    return {name: names[0] for name, names in _header_variants().items()}


def recognise_headers(cells: Sequence[object],
                      mapping: dict[str, str] | None = None) -> dict[int, str]:
    """Column index -> record field, for the cells of a header row. ``mapping`` (header text
    -> field, from ``import --mapping``) comes before the known spellings; a header mapped to
    "" is left out."""
    own = {header_key(k): v for k, v in (mapping or {}).items()}
    known = _header_fields()
    found: dict[int, str] = {}
    for index, cell in enumerate(cells):
        key = header_key(cell)
        field = own[key] if key in own else known.get(key)
        if key and field and field not in found.values():
            found[index] = field
    return found


def is_header_row(columns: dict[int, str]) -> bool:
    """A header row names the NIK and the name columns at least."""
    return {"nik", "full_name"} <= set(columns.values())
