"""How long each text field of an enrollment may be, and which characters it may hold.

One table for every side: the form's editors stop typing at the limit, the JSON reader (CLI,
Excel import, sync) refuses a longer value per field, and the validation that the laptop and the
office both run refuses it again. So a record the laptop keeps as ready is one the office
takes, and no record can grow a batch past the office's size limit.

The limits are what the papers hold with room to spare: a KTP name or place of birth is well
under 100 characters (the BPJS form's name box is shorter still), a KTP address with RT/RW well
under 300; codes and numbers get a little more than their shape, so what was typed with spaces
or dots still reaches the field's own check. Notes keep the 2,000 characters they always had.

Control characters (NUL, escape, ...) and lone UTF-16 halves are refused everywhere: they come
from pasting or from broken files, never from a KTP, and PostgreSQL cannot even store NUL. A
multi-line field (``kind = "multiline"`` in the form, the notes) may hold newlines and tabs; a
one-line field may not.
"""

import re
from collections.abc import Iterable, Iterator
from functools import cache
from operator import attrgetter

from desktop_app.domain.messages import FieldIssue, Text, error

TEXT_LIMITS: dict[str, int] = {
    "nik": 32,  # 16 digits, as typed: "5171 0457 0885 0023", "51.71.04..."
    "full_name": 100,
    "birth_place": 100,
    "address": 300,
    "desa_code": 16,  # 10 digits, or 51.71.04.1004
    "banjar": 100,
    "phone": 32,  # +62 812-3456-7890 and the like
    "occupation": 64,  # a code of resources/occupations.toml
    "occupation_other": 100,
    "sponsor_name": 100,
    "kk_number": 32,
    "beneficiary.name": 100,
    "beneficiary.relationship": 32,  # a code of the form's relationship list
    "beneficiary.phone": 32,
    "consent.text_version": 32,
    "consent.recorded_by": 64,  # the officer's id, set by the store
    "notes": 2000,
}
MULTILINE_FIELDS = frozenset({"notes"})
SHOWN_CHARACTERS = 40  # of a refused value quoted back in a message

# C0 and C1 controls, DEL, lone surrogates; one-line fields also U+2028/2029 (line breaks)
_ONE_LINE_REFUSED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_MULTILINE_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CHARACTER_NAMES = {"\n": ("baris baru", "a line break"), "\r": ("baris baru", "a line break"),
                    "\t": ("tab", "a tab"), "\x00": ("karakter NUL", "a NUL character")}


@cache
def _labels() -> dict[str, Text]:
    from desktop_app.domain.form_definition import enrollment_form  # reads a file: only when
    return {f.field: f.label for f in enrollment_form().fields()}  # a message is written


def field_label(field: str) -> Text:
    """The field's label on the form, in both languages; its JSON name when it has none."""
    return _labels().get(field) or Text(field, field)


def shown(value: object) -> str:
    """A value quoted back in a message, cut short: a refused 10 MB field is not echoed."""
    text = repr(value)
    return text if len(text) <= SHOWN_CHARACTERS else text[:SHOWN_CHARACTERS - 3] + "..."


def refused_character(value: str) -> str | None:
    """The first character a one-line text may not hold (see above); None when it has none."""
    found = _ONE_LINE_REFUSED.search(value)
    return found.group() if found else None


def without_refused_characters(value: str) -> str:
    """``value`` with what a one-line text may not hold taken out: for informative texts
    (who sent a record, from which visit) that must never cost a record its answer."""
    return _ONE_LINE_REFUSED.sub("", value)


def text_issues(values: Iterable[tuple[str, str]]) -> list[FieldIssue]:
    """An error for each (field, value) longer than its limit or holding a refused character."""
    issues = []
    for field, value in values:
        # the common case in two C calls: short enough, and only printable characters (a
        # value with a space other than " ", or a line break, takes the longer look below)
        limit = TEXT_LIMITS[field]
        if value.isprintable() and len(value) <= limit:
            continue
        if len(value) > limit:
            issues.append(_too_long(field, len(value), limit))
            continue
        refused = (_MULTILINE_REFUSED if field in MULTILINE_FIELDS else _ONE_LINE_REFUSED)
        if found := refused.search(value):
            issues.append(_refused_character(field, found.group()))
    return issues


# (field, how to read it from a record, its limit); attrgetter reads "beneficiary.name" too
_READERS = tuple((field, attrgetter(field), limit) for field, limit in TEXT_LIMITS.items())


def record_texts(record: object) -> Iterator[tuple[str, str]]:
    """The (field, value) of every text field of an ``Enrollment``, nested ones by dotted name."""
    return ((field, read(record)) for field, read, _ in _READERS)


def record_text_issues(record: object) -> list[FieldIssue]:
    """``text_issues`` of every text field of an ``Enrollment``. The office reads thousands
    of records a second: the common case is one loop of C calls, with no issue to build."""
    for _, read, limit in _READERS:
        value = read(record)
        if not value.isprintable() or len(value) > limit:
            return text_issues(record_texts(record))
    return []


def _too_long(field: str, length: int, limit: int) -> FieldIssue:
    label = field_label(field)
    def dotted(count: int) -> str:
        return f"{count:,}".replace(",", ".")

    return error(field, "too_long",
                 f"{label.id} paling banyak {dotted(limit)} karakter (terisi {dotted(length)}). "
                 "Persingkat isinya.",
                 f"{label.en} can be at most {limit:,} characters (it has {length:,}). "
                 "Shorten it.")


def _refused_character(field: str, char: str) -> FieldIssue:
    label = field_label(field)
    code = f"U+{ord(char):04X}"
    if 0xD800 <= ord(char) <= 0xDFFF:  # half of a UTF-16 pair: a file broken on the way
        name_id, name_en = f"karakter rusak {code}", f"a broken character {code}"
    else:
        name_id, name_en = _CHARACTER_NAMES.get(char, (f"karakter kendali {code}",
                                                       f"the control character {code}"))
    if char in "\n\r\t":
        return error(field, "control_character",
                     f"{label.id} tidak boleh berisi {name_id}: tulis dalam satu baris.",
                     f"{label.en} cannot hold {name_en}: write it on one line.")
    return error(field, "control_character",
                 f"{label.id} berisi {name_id} yang tidak boleh ada (biasanya terbawa saat "
                 "menempel dari dokumen lain). Ketik ulang isinya.",
                 f"{label.en} holds {name_en}, which is not allowed (it usually comes along "
                 "when pasting from another document). Type it again.")
