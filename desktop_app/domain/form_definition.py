"""The declarative enrollment form (``forms/enrollment.toml``): sections, fields, labels, choices.

The form on screen is built from this definition; validation uses its choice lists, so a
choice added there is accepted everywhere at once.
"""

import tomllib
from dataclasses import dataclass
from functools import cache

from desktop_app.assets import form_file
from desktop_app.domain.messages import Text
from desktop_app.domain.occupations import occupations


@dataclass(frozen=True)
class Choice:
    code: str
    label: Text


@dataclass(frozen=True)
class FormField:
    field: str  # JSON field name, nested with a dot: "beneficiary.name"
    kind: str
    label: Text
    help: Text
    choices: str | None


@dataclass(frozen=True)
class FormSection:
    key: str
    label: Text
    fields: tuple[FormField, ...]
    column: int = 1  # where the section sits on screen, left to right


@dataclass(frozen=True)
class FormDefinition:
    sections: tuple[FormSection, ...]
    choice_lists: dict[str, tuple[Choice, ...]]

    def fields(self) -> list[FormField]:
        return [f for s in self.sections for f in s.fields]

    def field(self, name: str) -> FormField:
        return next(f for f in self.fields() if f.field == name)

    def choices(self, name: str) -> tuple[Choice, ...]:
        if name == "occupations":
            return tuple(Choice(o.code, o.label) for o in occupations().values())
        return self.choice_lists[name]

    def choice_codes(self, name: str) -> set[str]:
        return {c.code for c in self.choices(name)}


@cache
def enrollment_form() -> FormDefinition:
    data = tomllib.loads(form_file("enrollment.toml").read_text(encoding="utf-8"))
    sections = tuple(
        FormSection(
            s["key"], Text(s["id"], s["en"]),
            tuple(FormField(f["field"], f["kind"], Text(f["id"], f["en"]),
                            Text(f["help_id"], f["help_en"]), f.get("choices"))
                  for f in s["field"]),
            s.get("column", 1),
        )
        for s in data["section"]
    )
    choice_lists = {
        name: tuple(Choice(str(code), Text(label["id"], label["en"]))
                    for code, label in entries.items())
        for name, entries in data["choices"].items()
    }
    return FormDefinition(sections, choice_lists)


def field_label(name: str) -> Text:
    """The form's label of a record field (``full_name`` -> "Nama lengkap"), for the places
    that name fields to people: a conflict's disputed fields, say. The record's nested parts
    (the form asks them field by field) have a short name of their own; a name the form does
    not show stays as it is."""
    if name in _PART_LABELS:
        return _PART_LABELS[name]
    form = enrollment_form()
    if any(f.field == name for f in form.fields()):
        return form.field(name).label
    return Text(name, name)


_PART_LABELS = {"consent": Text("Persetujuan", "Consent"),
                "beneficiary": Text("Ahli waris", "Beneficiary")}
