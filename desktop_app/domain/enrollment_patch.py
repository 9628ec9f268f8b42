"""A partial change to a saved enrollment, as ``banjar-enroll edit --json`` reads it.

The change is a JSON object in the record's documented form (the names of
``enrollment_to_json``) holding only the fields to change, applied the way JSON Merge Patch
(RFC 7396) applies one: a named field takes the given value, a nested object (``beneficiary``,
``consent``) changes only the keys it names, and ``null`` clears a field. The result is read
back through ``enrollment_from_json``, so unknown names and wrong types are refused exactly as
``enroll`` refuses them, and the fields that output adds (``id``, ``status``...) are ignored.

Some fields have no empty state: a record always pays for some months, from some source, for
the required programmes, and says whether consent was given. Clearing one of them would
silently put back its default (1 month, mandiri), a money change nobody asked for, so ``null``
there is refused with what to give instead. The NIK is the record's key: it is changed only by
a correction (``edit --correct-nik``), never cleared.
"""

from typing import Any

from desktop_app.domain.enrollment import Enrollment, enrollment_from_json, enrollment_to_json
from desktop_app.domain.messages import FieldIssue, error
from desktop_app.domain.nik import normalize_number

# field: (what to give instead, in Indonesian and English)
_NOT_CLEARABLE: dict[str, tuple[str, str]] = {
    "nik": ("NIK tidak dapat dikosongkan.", "The NIK cannot be cleared."),
    "payment_months": ("Tulis 1, 3, 6 atau 12.", "Give 1, 3, 6 or 12."),
    "funding_source": ("Tulis mandiri, apbd_kota, apbd_provinsi, apbn, desa_adat atau sponsor.",
                       "Give mandiri, apbd_kota, apbd_provinsi, apbn, desa_adat or sponsor."),
    "programs": ('Tulis daftar program, mis. ["JKK", "JKM"].',
                 'Give the list of programmes, e.g. ["JKK", "JKM"].'),
    "consent": ("Tulis consent.given true atau false.", "Give consent.given true or false."),
    "consent.given": ("Tulis true atau false.", "Give true or false."),
}


def _merged(target: Any, patch: dict[str, Any], prefix: str,
            refused: list[FieldIssue]) -> dict[str, Any]:
    """RFC 7396's MergePatch, except that a field with no empty state is not cleared."""
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        name = f"{prefix}{key}"
        if value is None:
            if name in _NOT_CLEARABLE:
                hint_id, hint_en = _NOT_CLEARABLE[name]
                refused.append(error(name, "not_clearable",
                                     f"{name} tidak dapat dikosongkan (null). {hint_id}",
                                     f"{name} cannot be cleared (null). {hint_en}"))
            else:
                result.pop(key, None)
        elif isinstance(value, dict) and key in ("beneficiary", "consent") and not prefix:
            result[key] = _merged(result.get(key), value, f"{key}.", refused)
        else:
            result[key] = value
    return result


def apply_change(record: Enrollment, change: Any) -> tuple[Enrollment, list[FieldIssue]]:
    """``record`` with the partial ``change`` applied, and the change's own problems (unknown
    names, wrong types, a field that cannot be cleared). The result is not validated yet:
    ``check_enrollment`` does that, as for any record."""
    if not isinstance(change, dict):
        return record, [error("record", "type",
                              "Perubahan harus satu objek JSON berisi kolom yang diubah.",
                              "The change must be one JSON object of the fields to change.")]
    refused: list[FieldIssue] = []
    merged = _merged(enrollment_to_json(record), change, "", refused)
    changed, issues = enrollment_from_json(merged)
    return changed, refused + issues


def names_other_nik(change: Any, nik: str) -> bool:
    """Whether the change holds a NIK other than ``nik`` (spaces, dots and dashes aside): a
    NIK is corrected on purpose, never by a field of a change sent back with a typo. A NIK
    that is not text is left to ``apply_change``, which refuses its type."""
    if not isinstance(change, dict) or not isinstance(change.get("nik"), str):
        return False
    return normalize_number(change["nik"]) != nik
