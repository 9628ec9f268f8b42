"""The declarative enrollment form (forms/enrollment.toml) against the Enrollment record."""

from collections import Counter
from dataclasses import fields, is_dataclass

import pytest

from desktop_app.domain.contribution import current_rates
from desktop_app.domain.enrollment import Enrollment
from desktop_app.domain.form_definition import enrollment_form
from desktop_app.domain.funding import FundingSource, Program
from desktop_app.domain.nik import Sex
from desktop_app.domain.occupations import occupations

CONSENT_INTERNALS = {"consent.text_version", "consent.recorded_by", "consent.recorded_at"}
KINDS = {"text", "multiline", "nik", "date", "sex", "choice", "desa", "banjar", "phone", "money",
         "programs", "months", "month", "funding", "consent"}
FORM = enrollment_form()
FORM_FIELDS = FORM.fields()


def record_field_names() -> set[str]:
    """Every field of the record, nested ones as ``beneficiary.name``."""
    names = set()
    blank = Enrollment()
    for field in fields(Enrollment):
        value = getattr(blank, field.name)
        if is_dataclass(value):
            names |= {f"{field.name}.{inner.name}" for inner in fields(value)}
        else:
            names.add(field.name)
    return names


def test_every_form_field_is_a_field_of_the_record():
    assert {f.field for f in FORM_FIELDS} - record_field_names() == set()


def test_every_record_field_is_in_the_form_exactly_once():
    counts = Counter(f.field for f in FORM_FIELDS)
    assert {name: n for name, n in counts.items() if n != 1} == {}
    assert set(counts) == record_field_names() - CONSENT_INTERNALS
    assert "consent.given" in counts
    assert {"beneficiary.name", "beneficiary.relationship", "beneficiary.phone"} <= set(counts)


def test_section_keys_are_unique_and_every_section_has_fields():
    keys = [s.key for s in FORM.sections]
    assert len(keys) == len(set(keys))
    assert all(s.fields for s in FORM.sections)


def test_identity_comes_first_starting_with_the_nik():
    assert FORM.sections[0].fields[0].field == "nik"


@pytest.mark.parametrize("form_field", FORM_FIELDS, ids=lambda f: f.field)
def test_labels_and_help_in_both_languages(form_field):
    for text in (form_field.label.id, form_field.label.en, form_field.help.id,
                 form_field.help.en):
        assert text.strip()
    assert form_field.label.in_language("id") == form_field.label.id
    assert form_field.label.in_language("en") == form_field.label.en
    assert form_field.help.in_language("en") == form_field.help.en
    assert form_field.kind in KINDS


def test_section_labels_in_both_languages():
    for section in FORM.sections:
        assert section.label.id.strip() and section.label.en.strip()


@pytest.mark.parametrize("form_field", [f for f in FORM_FIELDS if f.choices],
                         ids=lambda f: f.field)
def test_every_choice_list_a_field_names_exists(form_field):
    choices = FORM.choices(form_field.choices)
    assert choices
    codes = [c.code for c in choices]
    assert len(codes) == len(set(codes))
    for choice in choices:
        assert choice.label.id.strip() and choice.label.en.strip()
        assert choice.label.in_language("en") == choice.label.en


def test_choice_fields_name_a_choice_list():
    for form_field in FORM_FIELDS:
        if form_field.kind in ("choice", "sex", "programs", "months", "funding"):
            assert form_field.choices, form_field.field


def test_every_choice_list_in_the_file_has_labels_in_both_languages():
    for name, choices in FORM.choice_lists.items():
        assert choices, name
        for choice in choices:
            assert choice.label.id.strip() and choice.label.en.strip(), (name, choice.code)


def test_choice_lists_agree_with_the_domain():
    assert FORM.choice_codes("sex") == {str(s) for s in Sex}
    assert FORM.choice_codes("programs") == {str(p) for p in Program}
    assert FORM.choice_codes("funding_sources") == {str(f) for f in FundingSource}
    assert FORM.choice_codes("payment_months") == {
        str(m) for m in current_rates().payment_month_choices}
    assert [c.code for c in FORM.choices("occupations")] == list(occupations())
    assert FORM.field("occupation").choices == "occupations"
    assert FORM.field("beneficiary.relationship").choices == "relationships"
