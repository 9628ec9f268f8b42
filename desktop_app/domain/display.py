"""How a record's values read to a person: labels for codes, Indonesian dates and rupiah.

Used wherever a record is shown as text (the CLI, and later lists, receipts and exports), so a
code is never shown where a label belongs.
"""

from datetime import date

from desktop_app.domain.enrollment import Enrollment
from desktop_app.domain.form_definition import FormField, enrollment_form
from desktop_app.domain.messages import Text, format_rupiah
from desktop_app.domain.occupations import find_occupation
from desktop_app.domain.wilayah import find_area


def format_date(value: date | None) -> str:
    return f"{value:%d-%m-%Y}" if value else ""


def _value(record: Enrollment, name: str) -> object:
    head, _, tail = name.partition(".")
    value = getattr(record, head)
    return getattr(value, tail) if tail else value


def display_value(record: Enrollment, form_field: FormField, language: str = "id") -> str:
    """The field's value as text for a person: labels for choices, dd-mm-yyyy, Rp1.500.000."""
    value = _value(record, form_field.field)
    if value is None or value == "":
        return ""
    if form_field.kind == "date":
        return format_date(value)  # type: ignore[arg-type]
    if form_field.kind == "money":
        return format_rupiah(value)  # type: ignore[arg-type]
    if form_field.kind == "consent":
        return (Text("Ya", "Yes") if value else Text("Tidak", "No")).in_language(language)
    if form_field.kind == "desa":
        area = find_area(str(value))
        return f"{area.name} ({value})" if area else str(value)
    if form_field.choices == "occupations":
        occupation = find_occupation(str(value))
        return occupation.label.in_language(language) if occupation else str(value)
    if form_field.choices:
        labels = {c.code: c.label.in_language(language)
                  for c in enrollment_form().choices(form_field.choices)}
        items = value if isinstance(value, tuple) else (value,)
        return ", ".join(labels.get(str(item), str(item)) for item in items)
    return str(value)
