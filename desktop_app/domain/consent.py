"""Consent texts (``forms/consent.toml``); an enrollment records which version was shown."""

import tomllib
from dataclasses import dataclass
from functools import cache

from desktop_app.assets import form_file


@dataclass(frozen=True)
class ConsentText:
    version: str
    text_id: str
    text_en: str

    def text(self, language: str) -> str:
        return self.text_en if language == "en" else self.text_id


@dataclass(frozen=True)
class ConsentTexts:
    current: str
    versions: dict[str, ConsentText]

    def current_text(self) -> ConsentText:
        return self.versions[self.current]


@cache
def consent_texts() -> ConsentTexts:
    data = tomllib.loads(form_file("consent.toml").read_text(encoding="utf-8"))
    versions = {v["id"]: ConsentText(v["id"], v["text_id"].strip(), v["text_en"].strip())
                for v in data["version"]}
    return ConsentTexts(data["current"], versions)
