"""Consent texts (``forms/consent.toml``); an enrollment records which version was shown."""

import tomllib
from dataclasses import dataclass
from functools import cache

from desktop_app.assets import form_file
from desktop_app.domain.messages import Text


@dataclass(frozen=True)
class ConsentText:
    version: str
    text: Text


@dataclass(frozen=True)
class ConsentTexts:
    current: str
    versions: dict[str, ConsentText]

    def current_text(self) -> ConsentText:
        return self.versions[self.current]


@cache
def consent_texts() -> ConsentTexts:
    data = tomllib.loads(form_file("consent.toml").read_text(encoding="utf-8"))
    versions = {v["id"]: ConsentText(v["id"], Text(v["text_id"].strip(), v["text_en"].strip()))
                for v in data["version"]}
    return ConsentTexts(data["current"], versions)
