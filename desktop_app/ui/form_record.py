"""Between the form's editors and the enrollment record: what the fields describe, and a
record shown in them. Nested fields (``beneficiary.name``, ``consent.given``) are named with a
dot, as in the record's JSON."""

from typing import Any

from desktop_app.domain.consent import consent_texts
from desktop_app.domain.enrollment import Beneficiary, Consent, Enrollment
from desktop_app.domain.messages import FieldIssue
from desktop_app.ui.form_editors import Editor

_NESTED = {"beneficiary": Beneficiary, "consent": Consent}


def read_editors(editors: dict[str, Editor],
                 kept_consent: Consent | None) -> tuple[Enrollment, list[FieldIssue]]:
    """The record the fields describe, and fields whose text could not be read.
    ``kept_consent``: the consent already recorded for this person, whose text version stays
    the one they heard (None for a new person)."""
    values: dict[str, Any] = {}
    nested: dict[str, dict[str, Any]] = {name: {} for name in _NESTED}
    problems = []
    for name, editor in editors.items():
        value, problem = editor.value()
        if problem is not None:
            problems.append(problem)
        head, _, tail = name.partition(".")
        if tail:
            nested[head][tail] = value
        else:
            values[name] = value
    consent = nested["consent"]
    consent["text_version"] = consent_texts().current if consent.get("given") else ""
    if kept_consent is not None and kept_consent.given:
        consent["text_version"] = kept_consent.text_version
    record = Enrollment(**{k: v for k, v in values.items() if v is not None},
                        beneficiary=Beneficiary(**nested["beneficiary"]),
                        consent=Consent(**nested["consent"]))
    return record, problems


def show_in_editors(editors: dict[str, Editor], record: Enrollment) -> None:
    """Every field of ``record`` in its editor (the banjar list follows the desa afterwards)."""
    for name, editor in editors.items():
        head, _, tail = name.partition(".")
        value = getattr(record, head)
        editor.set_value(getattr(value, tail) if tail else value)
