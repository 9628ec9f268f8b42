"""Codecs derived from a record dataclass's fields: its JSON object and its flat columns.

One description of a shape, the dataclass, and every form of it made from that: the JSON
object (``to_json``, and ``from_json`` with a type issue per bad field), the flat column
values (``to_columns``, nested parts flattened as ``beneficiary_name``) and back
(``from_columns``), and the column names. A field added to the dataclass is carried by every
codec at once.

The hand-written codecs these replace existed for speed (the office reads thousands of
records a second, the laptop's bulk paths write and read as many). So the codecs are
generated as Python source from ``dataclasses.fields()`` once, at import, the way
``dataclasses`` makes ``__init__``: a call runs straight-line code with no reflection and no
loop over the fields, as fast as the hand code (``tests/bench/codec_bench.py``).

How a field is written follows from its type (``_kind``): text, whole numbers and flags as
they are; dates and timestamps as ISO text; a ``StrEnum`` as its code; a value with
``parse`` (``YearMonth``) as its text; a tuple of codes as a JSON list or a comma-separated
column; a nested dataclass as an object (``null`` when it says it ``is_empty``) or as one
column per field. The order of keys and columns is the one the stored history, the batch
files and the command line have always had: in JSON the text fields first, then the rest;
in columns the fields kept as they are first, then the converted ones and the parts.
"""

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from desktop_app.domain.messages import FieldIssue, error
from desktop_app.domain.text_bounds import SHOWN_CHARACTERS, shown

LARGEST_NUMBER = 10**15  # beyond any rupiah amount; keeps typos from reaching the database
UNKNOWN_SHOWN = 10  # unknown field names named in the issues (a broken file may hold many)

Hint = tuple[str, str]  # what to write instead, in Bahasa Indonesia and English


class OversizedNumber:
    """A JSON integer with more digits than any field holds, as ``json_integer`` reads it:
    Python refuses to make an int of 4,300 digits or more, and no field needs 20, so the
    field that holds it is refused ("too large") instead of the whole file failing."""

    def __init__(self, digits: str) -> None:
        self.digit_count = len(digits.lstrip("-"))

    def __repr__(self) -> str:
        return f"<a number of {self.digit_count} digits>"


# --- reading one bad value: the slow paths the generated readers call ---------------------

def _bad(issues: list[FieldIssue], name: str, id_text: str, en_text: str) -> None:
    issues.append(error(name, "type", id_text, en_text))


def unknown_name(issues: list[FieldIssue], name: str) -> None:
    _bad(issues, name[:SHOWN_CHARACTERS],
         f"Nama kolom {shown(name)} tidak dikenal. Lihat daftar nama kolom di README.",
         f"Unknown field name {shown(name)}. See the list of field names in the README.")


def _text(issues: list[FieldIssue], name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    _bad(issues, name, f"{name} harus berupa teks dalam tanda kutip.",
         f"{name} must be text in quotes.")
    return ""


def _number(issues: list[FieldIssue], name: str, value: Any, default: int | None
            ) -> int | None:
    if value is None:
        return default
    if isinstance(value, OversizedNumber | int) and not isinstance(value, bool):
        if isinstance(value, int) and abs(value) <= LARGEST_NUMBER:
            return value
        _bad(issues, name, f"{name} terlalu besar; periksa jumlah angkanya.",
             f"{name} is too large; check the number of digits.")
        return default
    _bad(issues, name, f"{name} harus berupa bilangan bulat (tanpa titik atau teks).",
         f"{name} must be a whole number (no dots or text).")
    return default


def _parsed(issues: list[FieldIssue], name: str, value: Any, parse: Callable[[str], Any],
            hint: Hint) -> Any:
    try:
        if not isinstance(value, str):
            raise TypeError(value)
        return parse(value)
    except (TypeError, ValueError):
        _bad(issues, name, f"{name} tidak sah: {shown(value)}. {hint[0]}",
             f"{name} is not valid: {shown(value)}. {hint[1]}")
        return None


def _timestamp(issues: list[FieldIssue], name: str, value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        _bad(issues, name, f"{name} harus waktu ISO 8601.",
             f"{name} must be an ISO 8601 timestamp.")
        return None


def _flag(issues: list[FieldIssue], name: str, default: bool) -> bool:
    _bad(issues, name, f"{name} harus true atau false.", f"{name} must be true or false.")
    return default


def _codes(issues: list[FieldIssue], name: str, value: Any, code: type[StrEnum],
           default: tuple) -> tuple:
    try:
        if not isinstance(value, list):
            raise TypeError(value)
        return tuple(code(v) for v in value)
    except (TypeError, ValueError):
        words = [str(c) for c in code]
        _bad(issues, name,
             f"{name} harus daftar berisi {', '.join(words[:-1])} dan/atau {words[-1]}.",
             f"{name} must be a list of {', '.join(words[:-1])} and/or {words[-1]}.")
        return default


def _part(issues: list[FieldIssue], name: str, value: Any, known: frozenset[str]
          ) -> dict[str, Any]:
    if value is None:
        return {}
    if isinstance(value, dict):
        if not known.issuperset(value):
            for key in sorted(set(value) - known, key=str)[:UNKNOWN_SHOWN]:
                unknown_name(issues, f"{name}.{key}")
        return value
    _bad(issues, name, f"{name} harus berupa objek JSON.", f"{name} must be a JSON object.")
    return {}


# --- what a field's type says about how it is written -------------------------------------

TEXT, NUMBER, FLAG, DATE, TIMESTAMP, CODE, PARSED, CODES, PART = (
    "text", "number", "flag", "date", "timestamp", "code", "parsed", "codes", "part")
_AS_THEY_ARE = (TEXT, NUMBER, FLAG, DATE)  # kinds a column holds unconverted


@dataclasses.dataclass(frozen=True)
class FieldKind:
    """One field of a record dataclass and how its type is written."""

    name: str
    kind: str
    type: Any  # the type without ``None``: the enum, the parsed class, the part's class...
    optional: bool
    default: Any


def _kind(name: str, annotation: Any, default: Any) -> FieldKind:
    optional = False
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        others = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(others) != 1:
            raise TypeError(f"{name}: one type or None, not {annotation}")
        annotation, optional = others[0], True
    if typing.get_origin(annotation) is tuple:
        item = typing.get_args(annotation)[0]
        if isinstance(item, type) and issubclass(item, StrEnum):
            return FieldKind(name, CODES, item, optional, default)
    elif annotation is str:
        return FieldKind(name, TEXT, str, optional, default)
    elif annotation is bool:
        return FieldKind(name, FLAG, bool, optional, default)
    elif annotation is int:
        return FieldKind(name, NUMBER, int, optional, default)
    elif annotation is datetime:
        return FieldKind(name, TIMESTAMP, datetime, optional, default)
    elif annotation is date:
        return FieldKind(name, DATE, date, optional, default)
    elif isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return FieldKind(name, CODE, annotation, optional, default)
    elif dataclasses.is_dataclass(annotation) and hasattr(annotation, "parse"):
        return FieldKind(name, PARSED, annotation, optional, default)
    elif dataclasses.is_dataclass(annotation):
        return FieldKind(name, PART, annotation, optional, default)
    raise TypeError(f"{name}: no codec for {annotation}")


def field_kinds(cls: type) -> tuple[FieldKind, ...]:
    """The fields of dataclass ``cls``, in declaration order, with how each is written."""
    hints = typing.get_type_hints(cls)
    kinds = []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            raise TypeError(f"{cls.__name__}.{f.name}: a codec field needs a default")
        kinds.append(_kind(f.name, hints[f.name], default))
    return tuple(kinds)


# --- the generated source -----------------------------------------------------------------

def _filled(cls: type, values: dict[str, Any]) -> Any:
    """A record of ``cls`` holding ``values``, built without its ``__init__`` (see
    ``_construct``)."""
    record = object.__new__(cls)
    record.__dict__.update(values)
    return record


def _construct(source: "_Source", cls: type, values: list[str]) -> str:
    """The expression that makes a ``cls`` of the field values ``values`` name. A frozen
    dataclass's ``__init__`` sets each field through ``object.__setattr__``, which cost the
    readers half their time; a class whose ``__init__`` does nothing more (no
    ``__post_init__``, no slots, every field an init field) has its ``__dict__`` filled at
    once instead, five times faster and the same record."""
    plain = (not hasattr(cls, "__post_init__") and not hasattr(cls, "__slots__")
             and all(f.init for f in dataclasses.fields(cls)))
    made = source.value(cls)
    if not plain:
        return f"{made}({', '.join(values)})"
    items = ", ".join(f"{f.name!r}: {v}" for f, v in zip(dataclasses.fields(cls), values,
                                                          strict=True))
    return f"_filled({made}, {{{items}}})"


class _Source:
    """Lines of one generated function and the values its source names."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, Any] = {}
        self._count = 0

    def value(self, value: Any) -> str:
        """A name the generated code uses for ``value`` (a class, a default, a hint)."""
        self._count += 1
        name = f"_k{self._count}"
        self.names[name] = value
        return name

    def variable(self) -> str:
        self._count += 1
        return f"_v{self._count}"

    def make(self, name: str, namespace: Mapping[str, Any]) -> Callable[..., Any]:
        scope = {"_filled": _filled, **namespace, **self.names}
        exec("\n".join(self.lines), scope)  # our own source, made from the fields
        return scope[name]


def _json_value(source: _Source, f: FieldKind, expression: str) -> str:
    """The JSON expression of field ``f``, whose value ``expression`` reads."""
    if f.kind in (TEXT, NUMBER, FLAG):
        return expression
    if f.kind == CODES:
        return f"[str(_c) for _c in {expression}]"
    if f.kind == PART:  # ``expression``: a local variable holding the part
        inner = ", ".join(f"{g.name!r}: {_json_value(source, g, f'{expression}.{g.name}')}"
                          for g in field_kinds(f.type))
        if hasattr(f.type, "is_empty"):
            return f"(None if {expression}.is_empty else {{{inner}}})"
        return f"{{{inner}}}"
    convert = {DATE: "{}.isoformat()", TIMESTAMP: "{}.isoformat()", CODE: "str({})",
               PARSED: "str({})"}[f.kind]
    if not f.optional:
        return convert.format(expression)
    value = source.variable()
    return f"(None if ({value} := {expression}) is None else {convert.format(value)})"


def _json_order(kinds: tuple[FieldKind, ...]) -> list[FieldKind]:
    return [f for f in kinds if f.kind == TEXT] + [f for f in kinds if f.kind != TEXT]


def _to_json(cls: type, kinds: tuple[FieldKind, ...]) -> Callable[[Any], dict[str, Any]]:
    source = _Source()
    source.lines = ["def to_json(record):",
                    *(f"    _p_{f.name} = record.{f.name}" for f in kinds if f.kind == PART)]
    items = [f"{f.name!r}: " + _json_value(
        source, f, f"_p_{f.name}" if f.kind == PART else f"record.{f.name}")
        for f in _json_order(kinds)]
    source.lines.append("    return {" + ", ".join(items) + "}")
    return source.make("to_json", {})


def _read_field(source: _Source, f: FieldKind, data: str, name: str,
                hints: Mapping[type, Hint]) -> str:
    """Lines that read field ``f`` from dict ``data`` into a new variable, named back."""
    v = source.variable()
    key = name.rsplit(".", 1)[-1]
    add = source.lines.append
    default = source.value(f.default)
    if f.kind == TEXT:
        add(f"    {v} = {data}.get({key!r})")
        add(f"    if {v}.__class__ is not str: {v} = _text(issues, {name!r}, {v})")
    elif f.kind == NUMBER:
        add(f"    {v} = {data}.get({key!r})")
        add(f"    if {v}.__class__ is not int or not -{LARGEST_NUMBER} <= {v} <= "
            f"{LARGEST_NUMBER}: {v} = _number(issues, {name!r}, {v}, {default})")
    elif f.kind == FLAG:
        add(f"    {v} = {data}.get({key!r}, {default})")
        add(f"    if {v}.__class__ is not bool: {v} = _flag(issues, {name!r}, {default})")
    elif f.kind == TIMESTAMP:
        add(f"    {v} = {data}.get({key!r})")
        add(f"    {v} = _timestamp(issues, {name!r}, {v}) if {v} else None")
    elif f.kind in (DATE, CODE, PARSED):
        parse = source.value(hints[f.type][0] if f.kind == DATE else
                             f.type.parse if f.kind == PARSED else f.type)
        hint = source.value(hints[f.type][1] if f.kind == DATE else hints[f.type])
        add(f"    {v} = {data}.get({key!r})")
        add(f"    if {v} is not None: {v} = _parsed(issues, {name!r}, {v}, {parse}, {hint})")
        if not f.optional:
            add(f"    if {v} is None: {v} = {default}")
    elif f.kind == CODES:
        code = source.value(f.type)
        add(f"    {v} = {data}.get({key!r})")
        add(f"    {v} = {default} if {v} is None else "
            f"_codes(issues, {name!r}, {v}, {code}, {default})")
    else:  # PART
        part = source.variable()
        known = source.value(frozenset(g.name for g in field_kinds(f.type)))
        add(f"    {part} = _part(issues, {name!r}, {data}.get({key!r}), {known})")
        values = [_read_field(source, g, part, f"{name}.{g.name}", hints)
                  for g in field_kinds(f.type)]
        add(f"    {v} = {_construct(source, f.type, values)}")
    return v


def _from_json(cls: type, kinds: tuple[FieldKind, ...], hints: Mapping[type, Hint]
               ) -> Callable[[dict[str, Any], list[FieldIssue]], Any]:
    source = _Source()
    source.lines.append("def from_json(data, issues):")
    values = [_read_field(source, f, "data", f.name, hints) for f in kinds]
    source.lines.append(f"    return {_construct(source, cls, values)}")
    return source.make("from_json", {"_text": _text, "_number": _number, "_parsed": _parsed,
                                     "_timestamp": _timestamp, "_flag": _flag,
                                     "_codes": _codes, "_part": _part})


@dataclasses.dataclass(frozen=True)
class Column:
    """One flat column of a record: its name, the field path it holds and how."""

    name: str  # ``beneficiary_name``
    path: tuple[str, ...]  # ``("beneficiary", "name")``
    field: FieldKind


def flat_columns(kinds: tuple[FieldKind, ...]) -> tuple[Column, ...]:
    """The columns of a record, nested parts flattened; those kept as they are first."""
    kept, converted = [], []
    for f in kinds:
        if f.kind == PART:
            converted += [Column(f"{f.name}_{g.name}", (f.name, g.name), g)
                          for g in field_kinds(f.type)]
        else:
            (kept if f.kind in _AS_THEY_ARE else converted).append(Column(f.name, (f.name,), f))
    return tuple(kept + converted)


def _column_value(source: _Source, f: FieldKind, expression: str) -> str:
    if f.kind in (*_AS_THEY_ARE, TIMESTAMP):
        return expression
    if f.kind == CODES:
        return f"','.join([str(_c) for _c in {expression}])"
    if not f.optional:
        return f"str({expression})"
    value = source.variable()
    return f"(None if ({value} := {expression}) is None else str({value}))"


def _to_columns(columns: tuple[Column, ...]) -> Callable[[Any], dict[str, Any]]:
    source = _Source()
    parts = sorted({c.path[0] for c in columns if len(c.path) == 2})
    source.lines = ["def to_columns(record):",
                    *(f"    _p_{p} = record.{p}" for p in parts)]
    items = [f"{c.name!r}: " + _column_value(
        source, c.field, f"record.{c.name}" if len(c.path) == 1 else f"_p_{'.'.join(c.path)}")
        for c in columns]
    source.lines.append("    return {" + ", ".join(items) + "}")
    return source.make("to_columns", {})


def _field_from_column(source: _Source, f: FieldKind, expression: str) -> str:
    if f.kind in (*_AS_THEY_ARE, TIMESTAMP):
        return expression
    make = source.value(f.type.parse if f.kind == PARSED else f.type)
    if f.kind == CODES:
        return f"tuple([{make}(_c) for _c in {expression}.split(',') if _c])"
    if not f.optional:
        return f"{make}({expression})"
    value = source.variable()
    return f"({make}({value}) if ({value} := {expression}) else None)"


def _from_columns(cls: type, kinds: tuple[FieldKind, ...]) -> Callable[[Any], Any]:
    source = _Source()
    values = []
    for f in kinds:
        if f.kind == PART:
            inner = [_field_from_column(source, g, f"row.{f.name}_{g.name}")
                     for g in field_kinds(f.type)]
            values.append(_construct(source, f.type, inner))
        else:
            values.append(_field_from_column(source, f, f"row.{f.name}"))
    source.lines = ["def from_columns(row):",
                    f"    return {_construct(source, cls, values)}"]
    return source.make("from_columns", {})


class RecordCodec:
    """Every form of one record dataclass, derived from its fields once.

    ``hints``: for each parsed type (dates, codes, ``YearMonth``) what the reader says when a
    value does not parse; a date's entry is ``(parse, hint)``, as the JSON's date format is
    the codec's to say (exactly ``YYYY-MM-DD``).
    """

    def __init__(self, cls: type, hints: Mapping[type, Any],
                 output_names: tuple[str, ...] = ()) -> None:
        self.cls = cls
        self.fields = field_kinds(cls)
        self.field_names = tuple(f.name for f in self.fields)
        self.columns = flat_columns(self.fields)
        self.column_names = tuple(c.name for c in self.columns)
        self.input_names = frozenset((*self.field_names, *output_names))
        # every text field, nested ones by dotted name (``beneficiary.name``): what the
        # record's text bounds must cover
        self.text_fields = tuple(".".join(c.path) for c in self.columns
                                 if c.field.kind == TEXT)
        self.to_json: Callable[[Any], dict[str, Any]] = _to_json(cls, self.fields)
        self._read = _from_json(cls, self.fields, hints)
        self.to_columns: Callable[[Any], dict[str, Any]] = _to_columns(self.columns)
        self.from_columns: Callable[[Any], Any] = _from_columns(cls, self.fields)

    def from_json(self, data: dict[str, Any]) -> tuple[Any, list[FieldIssue]]:
        """The record in JSON object ``data`` and a type issue per bad field (unknown names
        first: a misspelt field is not silently ignored)."""
        issues: list[FieldIssue] = []
        if not self.input_names.issuperset(data):
            for name in sorted(set(data) - self.input_names, key=str)[:UNKNOWN_SHOWN]:
                unknown_name(issues, name)
        return self._read(data, issues), issues
