"""The occupation reference list (``resources/occupations.toml``) with each occupation's sector."""

import tomllib
from dataclasses import dataclass
from functools import cache

from desktop_app.assets import resource_file
from desktop_app.domain.messages import Text

OTHER = "lainnya"


@dataclass(frozen=True)
class Occupation:
    code: str
    label: Text
    sector: str
    needs_free_text: bool = False


@cache
def occupations() -> dict[str, Occupation]:
    """Occupations by code, in the order of the data file (the order the form offers them)."""
    data = tomllib.loads(resource_file("occupations.toml").read_text(encoding="utf-8"))
    return {
        row["code"]: Occupation(row["code"], Text(row["id"], row["en"]), row["sector"],
                                row.get("needs_free_text", False))
        for row in data["occupation"]
    }


def find_occupation(code: str) -> Occupation | None:
    return occupations().get(code)


def occupations_starting(typed: str) -> list[Occupation]:
    """The occupations whose code or name (either language) begins with what was typed, so
    a refusal of a part such as "pedag" can name the ones it could mean."""
    start = " ".join(typed.casefold().split())
    if not start:
        return []
    return [o for o in occupations().values()
            if any(name.casefold().startswith(start) for name in (o.code, o.label.id, o.label.en))]
