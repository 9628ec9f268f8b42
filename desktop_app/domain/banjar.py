"""Banjar adat names: the office's list (``resources/banjar.csv``) and free entry, normalised.

Banjar have no Kemendagri code, and officers write the same banjar many ways: "Br. Kaja",
"Banjar Kaja" and "banjar kaja" are one banjar. A name is compared by its key (without the
"banjar"/"br." prefix, case and punctuation), and shown in one canonical spelling.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from desktop_app.assets import reference_file
from desktop_app.domain.wilayah import read_csv_rows

_PREFIX = re.compile(r"^(banjar|bjr|br)\b\.?\s*", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case without accents or punctuation, single spaces: for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]|_", " ", plain.casefold()).split())


def banjar_key(name: str) -> str:
    """``Br. Kaja`` -> ``kaja``: what decides whether two written names are one banjar."""
    return fold(_PREFIX.sub("", name.strip()))


@dataclass(frozen=True)
class Banjar:
    desa_code: str
    name: str

    @property
    def key(self) -> str:
        return banjar_key(self.name)


@cache
def known_banjar() -> tuple[Banjar, ...]:
    return tuple(Banjar(row["desa_code"], row["name"])
                 for row in read_csv_rows(reference_file("banjar.csv")))


@cache
def _known_by_key() -> dict[str, list[Banjar]]:
    index: dict[str, list[Banjar]] = {}
    for banjar in known_banjar():
        index.setdefault(banjar.key, []).append(banjar)
    return index


@lru_cache(maxsize=4096)  # a visit types the same few banjar over and over
def canonical_banjar_name(name: str, desa_code: str = "") -> str:
    """The list's spelling when the banjar is known in that desa (or anywhere), else ``Banjar X``.

    Returns "" for a name that is only a prefix or blank.
    """
    key = banjar_key(name)
    if not key:
        return ""
    matches = _known_by_key().get(key, [])
    in_desa = [b for b in matches if b.desa_code == desa_code]
    if in_desa or matches:
        return (in_desa or matches)[0].name
    words = _PREFIX.sub("", " ".join(name.split())).split()
    return "Banjar " + " ".join(w if w.isupper() and len(w) > 1 else w.capitalize() for w in words)


def banjar_in_desa(desa_code: str) -> list[Banjar]:
    return [b for b in known_banjar() if b.desa_code == desa_code]
