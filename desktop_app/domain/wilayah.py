"""Kemendagri administrative areas: province names, Bali's regencies, Denpasar's kecamatan and desa.

NIK and KK numbers begin with the Kemendagri code of the kecamatan where they were first issued
(``517104`` = Kecamatan Denpasar Utara). These are Kemendagri codes, not BPS codes. The lists are
data files under ``resources/wilayah/``.
"""

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop_app.assets import resource_file


@dataclass(frozen=True)
class Area:
    code: str  # digits only: 2 (province), 4 (regency), 6 (kecamatan) or 10 (desa/kelurahan)
    name: str
    level: str  # province, regency, district or village

    @property
    def is_kelurahan(self) -> bool:
        """In a village code the first of the last four digits is 1 for kelurahan, 2 for desa."""
        return self.level == "village" and self.code[6] == "1"

    @property
    def parent_code(self) -> str:
        return {10: self.code[:6], 6: self.code[:4], 4: self.code[:2]}.get(len(self.code), "")


def read_csv_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a reference CSV; lines starting with ``#`` are comments about the data's source."""
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv_rows(handle)


def csv_rows(lines: Iterable[str]) -> Iterator[dict[str, str]]:
    """Rows of reference CSV text, without its ``#`` comment lines."""
    yield from csv.DictReader(line for line in lines if not line.startswith("#"))


@cache
def areas() -> dict[str, Area]:
    """Every known area by its digit code."""
    found = {
        row["code"]: Area(row["code"], row["name"], "province")
        for row in read_csv_rows(resource_file("wilayah", "provinces.csv"))
    }
    for row in read_csv_rows(resource_file("wilayah", "bali.csv")):
        found[row["code"]] = Area(row["code"], row["name"], row["level"])
    return found


def find_area(code: str) -> Area | None:
    return areas().get(code)


@cache
def province_codes() -> frozenset[str]:
    return frozenset(code for code, area in areas().items() if area.level == "province")


def districts() -> list[Area]:
    """The kecamatan of the reference list, by code."""
    return sorted((a for a in areas().values() if a.level == "district"), key=lambda a: a.code)


def villages(district_code: str | None = None) -> list[Area]:
    """Desa and kelurahan, all or those of one kecamatan, by code."""
    return sorted(
        (a for a in areas().values()
         if a.level == "village" and (district_code is None or a.parent_code == district_code)),
        key=lambda a: a.code,
    )
