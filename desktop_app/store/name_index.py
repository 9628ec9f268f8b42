"""The name index: one FTS5 table, ``enrollment_search``, over each enrollment's name and the
spelling keys of its words (``desktop_app.domain.name_sound``). A key that is the word
itself (Wayan, Sari) is held once, as the word, so keys are looked up in both columns.

The table (migration 0007) is external-content over the view ``enrollment_search_source``,
which reads ``full_name`` from ``enrollment`` and computes ``name_sounds`` with the SQL
function of that name. SQLite has no such function of its own: every connection of the
store gets it from ``add_name_functions`` (``open_database`` and migration 0007 add it), and
a connection without it cannot change a name (the index's triggers call it). Keys are
computed when a name is written, never stored in ``enrollment``, so the record's codec and
its history know nothing of them.

Writers: triggers follow name updates and deletes (migration 0007); new rows are indexed by
``index_new_names``, one set-based insert, which the one writer of new rows
(``enrollment_rows.insert_enrollments``) calls after every insert of rows.

Matching: ``exact_expression`` is what the list always searched (each typed word starts a
word of the name); ``near_expression`` also lets a typed word match by its spelling key, and
lets "I"/"Ni" match a name that has no such prefix. The search puts exact matches first.
"""

import sqlite3

from sqlalchemy import Connection, Engine, event

from desktop_app.domain.banjar import fold
from desktop_app.domain.name_sound import (
    ABBREVIATIONS,
    NO_PREFIX_MARK,
    PREFIXES,
    name_sounds,
    plain_letters,
    word_sounds,
)

SOUNDS_FUNCTION = "name_sounds"
MIN_SOUNDED_LETTERS = 3  # "Ni", "Lu": shorter typed words are prefixes only
MIN_KEY_PREFIX = 5  # a key this long also matches as the start of a longer one (still typing)


def _sounds(full_name: str | None) -> str:
    return name_sounds(full_name or "")


def add_name_functions(dbapi_connection: sqlite3.Connection, _record: object = None) -> None:
    """Gives a SQLite connection the ``name_sounds`` function the name index needs."""
    dbapi_connection.create_function(SOUNDS_FUNCTION, 1, _sounds, deterministic=True)


def use_name_functions(engine: Engine) -> None:
    """Every connection ``engine`` opens from now on gets the name index's function."""
    event.listen(engine, "connect", add_name_functions)


def index_new_names(connection: Connection, after_rowid: int) -> None:
    """Indexes the names of the rows inserted after ``after_rowid``, in one statement (a
    per-row trigger made bulk inserts two and a half times slower, see migration 0002)."""
    connection.exec_driver_sql(
        "INSERT INTO enrollment_search(rowid, full_name, name_sounds) "
        "SELECT rowid, full_name, name_sounds(full_name) FROM enrollment WHERE rowid > ?",
        (after_rowid,))


def name_match_expression(typed: str) -> str:
    """``made sur`` -> ``"made"* AND "sur"*`` (each word a prefix; quotes keep FTS syntax out)."""
    return " AND ".join(f'"{word}"*' for word in fold(typed).split())


def exact_expression(typed: str) -> str:
    """Names in which every typed word starts a word (the name column only)."""
    return f"full_name : ({name_match_expression(typed)})"


def _word_alternatives(word: str) -> list[str]:
    """The ways one typed word may match a name: as the start of a word, by its spelling key,
    and for "I"/"Ni" by a name without a prefix."""
    ways = [f'full_name : "{word}"*']
    letters = plain_letters(word)
    if letters in PREFIXES:
        ways.append(f'name_sounds : "{NO_PREFIX_MARK}"')
    elif len(letters) >= MIN_SOUNDED_LETTERS or letters in ABBREVIATIONS:
        keys = word_sounds(letters)
        if word in keys and len(word) >= MIN_KEY_PREFIX:
            ways = []  # the key's own prefix search covers the word's (Wayan is its own key)
        # a key equal to a word of the name is held as that word alone (name_sounds)
        ways += ['{full_name name_sounds} : "' + key + '"'
                 + ("*" if len(key) >= MIN_KEY_PREFIX else "") for key in keys]
    return ways


def near_expression(typed: str) -> str | None:
    """Names that match each typed word in one of its ways (a superset of the exact matches),
    or None when no typed word has a way besides its prefix."""
    words = fold(typed).split()
    per_word = [_word_alternatives(word) for word in words]
    if all(ways == [f'full_name : "{word}"*'] for word, ways in zip(words, per_word,
                                                                   strict=True)):
        return None
    return " AND ".join(f"({' OR '.join(ways)})" for ways in per_word)
