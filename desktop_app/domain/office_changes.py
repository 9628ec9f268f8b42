"""What the office did to a laptop's own records during a sync, so the officer is told.

A sync can change a record the officer enrolled without the officer doing anything: the
office merged it with another laptop's data, a supervisor settled its conflict, or someone
at the office corrected it. Each such record becomes an ``OfficeChange`` naming the person
and listing the form fields whose values changed on this laptop, before and after.
"""

import uuid
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.domain.display import display_value
from desktop_app.domain.enrollment import Enrollment
from desktop_app.domain.form_definition import FormField, enrollment_form
from desktop_app.domain.messages import Text


class OfficeAction(StrEnum):
    MERGED = "merged"  # the pushed record came back merged with the office's values
    SETTLED = "settled"  # a supervisor decided its conflict
    CHANGED = "changed"  # the office's record of this person changed (pulled)


@dataclass(frozen=True)
class FieldChange:
    """One form field (its JSON name, ``beneficiary.name``) and its values as a person reads
    them (labels, dd-mm-yyyy, rupiah), in both languages; empty text for no value."""

    field: str
    before: Text
    after: Text


@dataclass(frozen=True)
class OfficeChange:
    enrollment_id: uuid.UUID
    nik: str
    full_name: str  # as the laptop holds it now
    action: OfficeAction
    changes: tuple[FieldChange, ...] = ()
    decided_by: str = ""  # the supervisor who settled a conflict


def _value(record: Enrollment, name: str) -> object:
    head, _, tail = name.partition(".")
    value = getattr(record, head)
    return getattr(value, tail) if tail else value


def _shown(record: Enrollment, form_field: FormField) -> Text:
    return Text(display_value(record, form_field, "id"), display_value(record, form_field, "en"))


def record_changes(before: Enrollment, after: Enrollment) -> tuple[FieldChange, ...]:
    """The form fields whose values differ, in the form's order. Who recorded consent and
    the consent text's version are not form fields: they never show as a change."""
    return tuple(FieldChange(f.field, _shown(before, f), _shown(after, f))
                 for f in enrollment_form().fields()
                 if _value(before, f.field) != _value(after, f.field))
