"""How a name sounds: one spelling key per word, so that near spellings of a name find each other.

Names in Bali are written many ways: in the old spelling and the new (Soedarsono, Sudarsono),
with Javanese ``o`` for Balinese ``a`` (Sudarsono, Sudarsana), with or without a silent ``h``
(Dharma, Darma; Wahyu, Wayu), with the schwa written or left out (Gede, Gde; Ketut, Ktut),
with ``y`` or ``i``, ``w`` or ``u``, ``f``, ``v`` or ``p``, doubled letters or single. A word's
key folds these choices away, so two spellings of one name get the same key:

- case, accents and punctuation do not count (``Déwi`` is ``dewi``);
- ``oe`` is ``u`` (the old spelling), ``ae`` is ``ai`` and ``ao`` is ``au`` (Zaenal, Zainal;
  Taofik, Taufik);
- ``ch`` and ``kh`` are read three ways (``c``, ``k``, a silent ``h``), so a word holding them
  has up to three keys: Chandra meets Candra, Chairul meets Khairul and Hairul;
- ``f``, ``v`` and ``ph`` are ``p``; ``q`` is ``k``; ``x`` is ``ks``; ``z`` is ``s``; every
  ``h`` is silent (Dharma, Darma; Wahyu, Wayu);
- ``e`` is left out (Gede, Gde; Seri, Sri). Spelling does not tell the schwa from ``é``, so
  Dewi and Dwi share a key too;
- the rest of the old spelling is read as the new: ``dj`` is ``j``, ``tj`` is ``c``, ``sj``
  is ``sy``, a leading ``nj`` is ``ny``, and in a word written in the old spelling a plain
  ``j`` is the new ``y`` (Widjaja is Wijaya);
- ``sy`` before a vowel is ``s`` (Syamsul, Samsul); the glide in ``uw`` and ``iy`` before a
  vowel is left out (Suwardana, Suardana; Priyanto, Prianto); ``w`` after a consonant is
  ``u`` (Swastika, Suastika); ``y`` is a consonant only at the start of a word or between
  vowels, elsewhere it is ``i`` (Suryani, Suriani; Dewy, Dewi);
- ``o`` is ``a`` (Sudarsono, Sudarsana);
- a letter written twice counts once (Muhammad, Muhamad).

A key is its own key: the steps run in an order that no later step undoes.

The vowels ``a``, ``i`` and ``u`` stay: Balinese names tell men from women by them
(Sudarsana, Sudarsani), and those are different people, not two spellings.

Shortened titles and birth-order names are read in full (Gst. is Gusti, Ngr. Ngurah, Md.
Made, Kt. Ketut). "I" and "Ni" are often left out: a name that does not start with either
holds ``NO_PREFIX_MARK`` among its keys, so a search typed with "I" or "Ni" can still find it
(and "I Made" never finds "Ni Made" by it). ``spelling_distance`` orders near matches: the
closest spelling first.
"""

import re
import unicodedata
from functools import lru_cache

# how KTPs and lists shorten titles and birth-order names
ABBREVIATIONS = {
    "gst": "gusti", "ngr": "ngurah", "cok": "cokorda", "tjok": "cokorda", "dw": "dewa",
    "ag": "agung", "wyn": "wayan", "md": "made", "nym": "nyoman", "kt": "ketut",
    "ktt": "ketut", "pt": "putu", "kd": "kadek", "kmg": "komang", "ngh": "nengah",
}
PREFIXES = ("i", "ni")  # the man's and the woman's prefix, often left out
NO_PREFIX_MARK = "zz"  # no key holds a z (z is read as s), so this is never a name's key
_OLD_SPELLING = re.compile(r"dj|tj|sj|^nj")
_DOUBLES = (re.compile(r"(.)\1+"), r"\1")  # Muhammad, Muhamad
# Each pass folds one spelling choice, in this order. Vowel pairs go before the e is dropped,
# letters after it are read as the old spelling only once the e no longer stands between them
# (Sejati is read as sjati, as a key of it would be), and so on: no step undoes an earlier one.
_BEFORE_OLD_SPELLING = (
    (re.compile(r"[fv]"), "p"),  # Febri, Pebri; Stefanus, Stephanus (the h goes below)
    (re.compile(r"q"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"z"), "s"),
    (re.compile(r"h"), ""),  # Dharma, Darma; Wahyu, Wayu; Ngurah, Ngura
    (re.compile(r"e"), ""),  # Gede, Gde; Ketut, Ktut
    _DOUBLES,
)
_AFTER_OLD_SPELLING = (
    (re.compile(r"sy(?=[aiou])"), "s"),  # Syamsul, Samsul
    (re.compile(r"(?<=[^aiou])w"), "u"),  # Swastika, Suastika
    (re.compile(r"(?<=[^aiou])y|y(?![aiou])"), "i"),  # Suryani, Suriani; Dewy, Dewi
    (re.compile(r"(?<=u)w(?=[aiou])|(?<=i)y(?=[aiou])"), ""),  # Suwardana; Priyanto
    (re.compile(r"o"), "a"),  # Sudarsono, Sudarsana
    _DOUBLES,
)
_NOT_LETTER = re.compile(r"[^a-z]+")
_SEPARATOR = re.compile(r"[\W_]+")
_ASCII_TOKEN = re.compile(r"[a-z0-9]+")


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def plain_letters(text: str) -> str:
    """Lower-case ``a``-``z`` only: accents, punctuation and spaces dropped."""
    return _NOT_LETTER.sub("", _without_accents(text))


def name_words(text: str) -> list[str]:
    """The words of a name as the search index cuts them (at anything but a letter or digit),
    each in plain letters; words with no letters are left out."""
    words = (_NOT_LETTER.sub("", part) for part in _tokens(text))
    return [word for word in words if word]


def _tokens(text: str) -> list[str]:
    """What the search index (FTS5 ``unicode61``, diacritics removed) cuts a name into."""
    if text.isascii():  # most names: a tenth of the time of the general path
        return _ASCII_TOKEN.findall(text.lower())
    return [part for part in _SEPARATOR.split(_without_accents(text)) if part]


def _apply(steps: tuple, word: str) -> str:
    for pattern, replacement in steps:
        word = pattern.sub(replacement, word)
    return word


def _new_spelling(word: str, old: bool) -> str:
    """The old spelling (before 1972) rewritten in the new; ``old`` when the word was seen
    to be written in it before this step (an ``oe``)."""
    while old or _OLD_SPELLING.search(word):  # again if what was read makes a new pair
        old = False
        word = word.replace("tj", "c").replace("sj", "sy")
        if word.startswith("nj"):
            word = "ny" + word[2:]
        # the old j is the new y, and the old dj the new j
        word = word.replace("dj", "\0").replace("j", "y").replace("\0", "j")
    return word


def _reading_key(reading: str) -> str:
    """The key of one reading of a word (its ``ch``/``kh`` already read one way)."""
    old = "oe" in reading
    reading = reading.replace("oe", "u").replace("ae", "ai").replace("ao", "au")
    reading = _new_spelling(_apply(_BEFORE_OLD_SPELLING, reading), old)
    key = _apply(_AFTER_OLD_SPELLING, reading)
    return _SHORTENED.get(key, key)


@lru_cache(maxsize=65_536)  # names repeat their words (Made, Ni, Ketut): most calls are hits
def word_sounds(word: str) -> tuple[str, ...]:
    """The spelling keys of one word (one key, or two or three for ``ch``/``kh``); empty for a
    word with no letters or none that sound (a lone ``e`` or ``h``)."""
    word = plain_letters(word)
    if "ch" in word or "kh" in word:
        readings = (word.replace("ch", "c").replace("kh", "k"),
                    word.replace("ch", "k").replace("kh", "k"),
                    word.replace("ch", "").replace("kh", ""))
    else:
        readings = (word,)
    keys = []
    for reading in readings:
        key = _reading_key(reading)
        if key and key not in keys:
            keys.append(key)
    return tuple(keys)


# the keys of the short forms, each read as the key of the whole word
_SHORTENED: dict[str, str] = {}  # empty while the short forms themselves are read
_SHORTENED.update({_reading_key(short): _reading_key(full)
                   for short, full in ABBREVIATIONS.items()})


@lru_cache(maxsize=65_536)
def _indexed_sounds(token: str) -> tuple[str, ...]:
    """The keys of one token of a name that the index must hold beside the name: a key equal
    to the token itself is already in the index as the name's word."""
    keys = word_sounds(token)
    return tuple(key for key in keys if key != token) if token.isalpha() else keys


def name_sounds(full_name: str) -> str:
    """The spelling keys of a name's words that differ from the words themselves, each once,
    separated by spaces, and ``NO_PREFIX_MARK`` when the name does not start with "I" or "Ni":
    what the search index holds beside the name, so a key is searched in both."""
    tokens = _tokens(full_name)
    # only a plain-ASCII name is sure to be cut into the very words the index holds
    token_keys = _indexed_sounds if full_name.isascii() else word_sounds
    keys: list[str] = []
    for token in tokens:
        for key in token_keys(token):
            if key not in keys:
                keys.append(key)
    if not tokens or tokens[0] not in PREFIXES:
        keys.append(NO_PREFIX_MARK)
    return " ".join(keys)


@lru_cache(maxsize=65_536)  # ranking compares the same few words with many names
def _prefix_distance(typed: str, word: str) -> int:
    """Edits (insert, delete, substitute a letter) that turn ``typed`` into a prefix of
    ``word``: a word still being typed is not penalised for its missing end."""
    if word.startswith(typed):
        return 0
    previous = list(range(len(word) + 1))
    for i, letter in enumerate(typed, 1):
        current = [i]
        for j, other in enumerate(word, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (letter != other)))
        previous = current
    return min(previous)


def spelling_distance(typed: str, full_name: str) -> int:
    """How far a typed search is from a name: for each typed word, the fewest letter edits that
    turn it into the start of one of the name's words (at most the typed word's length).

    0 when every typed word starts a word of the name; near spellings count their edits;
    a prefix ("I", "Ni") the name leaves out counts its length.
    """
    words = name_words(full_name)
    return sum(min((_prefix_distance(typed_word, word) for word in words),
                   default=len(typed_word))
               for typed_word in _typed_words(typed))


@lru_cache(maxsize=256)
def _typed_words(typed: str) -> tuple[str, ...]:
    return tuple(name_words(typed))
