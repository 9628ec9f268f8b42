"""Spelling keys of names: the spellings of one name share a key, different names do not."""

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.name_sound import (
    NO_PREFIX_MARK,
    name_sounds,
    name_words,
    spelling_distance,
    word_sounds,
)

# spellings of one name, as they are written on KTPs, lists and forms in Bali
SAME_NAME = [
    ("Sudarsana", "Sudarsono", "Soedarsono"),  # Javanese o, the old oe
    ("Widjaja", "Wijaya", "Widjaya"),  # old dj and j
    ("Tjokorda", "Cokorda"),  # old tj
    ("Chairul", "Khairul", "Hairul"),  # ch, kh, h
    ("Chandra", "Candra", "Tjandra"),
    ("Sjamsul", "Syamsul", "Samsul"),  # old sj, sy
    ("Njoman", "Nyoman"),  # old nj
    ("Soejono", "Suyono"),  # old j is the new y
    ("Suryani", "Suriani"),  # y and i
    ("Dewi", "Dewy", "Déwi", "DEWI"),  # y, an accent, case
    ("Swastika", "Suastika"),  # w and u
    ("Suardana", "Suwardana"),
    ("Priyanto", "Prianto"),
    ("Febri", "Pebri", "Febry"),  # f and p
    ("Stephanus", "Stefanus"),  # ph and f
    ("Dharma", "Darma"),  # dh and d
    ("Mertha", "Merta"),  # th and t
    ("Bhuana", "Buana"),
    ("Wahyu", "Wahyoe", "Wayu"),  # a missing h
    ("Ngurah", "Ngoerah", "Ngura", "Ngr"),
    ("Muhammad", "Muhamad"),  # doubled letters
    ("Ketut", "Ktut", "Kt"),  # the schwa left out, the short form
    ("Gede", "Gde"),
    ("Made", "Md"),
    ("Gusti", "Gst"),
    ("Zaenal", "Zainal"),
    ("Taufik", "Taofik"),
    ("Rai", "Ray"),
    ("Sri", "Seri"),
    ("Yudha", "Yuda"),
]
# names that are not spellings of each other
DIFFERENT = [
    ("Sudarsana", "Sudarsani"),  # a man's and a woman's name
    ("Sudarma", "Sudarmi"),
    ("Made", "Wayan"), ("Ketut", "Kadek"), ("Putu", "Putri"), ("Sari", "Suri"),
    ("Eka", "Ika"), ("Komang", "Koman"), ("Sudarsana", "Sudirman"),
    ("Nyoman", "Nengah"), ("Agung", "Ayu"),
]


@pytest.mark.parametrize("spellings", SAME_NAME, ids=lambda s: "/".join(s))
def test_spellings_of_one_name_share_a_key(spellings) -> None:
    keys = [set(word_sounds(spelling)) for spelling in spellings]
    shared = set.intersection(*keys)
    assert shared, dict(zip(spellings, keys, strict=True))


@pytest.mark.parametrize("pair", DIFFERENT, ids=lambda s: "/".join(s))
def test_different_names_do_not_share_a_key(pair) -> None:
    first, second = (set(word_sounds(name)) for name in pair)
    assert not first & second, (first, second)


latin_letters = st.text(alphabet=string.ascii_letters + "éèêëáàâäíìîïóòôöúùûüñçÉÁÓÚ",
                        min_size=1, max_size=14)
punctuation = st.text(alphabet=" .,'-\t", max_size=3)


@given(latin_letters)
def test_a_key_is_its_own_key(word) -> None:
    for key in word_sounds(word):
        assert word_sounds(key) == (key,)


@given(latin_letters, punctuation, punctuation)
def test_a_key_ignores_case_accents_and_punctuation(word, before, after) -> None:
    assert word_sounds(word.upper()) == word_sounds(word.lower())
    assert word_sounds(f"{before}{word}{after}") == word_sounds(word)


@given(st.lists(st.text(alphabet=string.ascii_letters, min_size=1, max_size=10),
                min_size=1, max_size=5), punctuation)
def test_a_names_keys_ignore_case_spaces_and_punctuation(words, separator) -> None:
    plain = " ".join(words)
    assert name_sounds(plain.upper()) == name_sounds(plain.lower())
    assert name_sounds(f" {separator.join(words) if separator.strip() else plain}  ") == \
        name_sounds(plain)


@given(latin_letters)
def test_keys_are_plain_letters_and_never_the_no_prefix_mark(word) -> None:
    for key in word_sounds(word):
        assert key.isascii() and key.isalpha() and key.islower()
        assert key != NO_PREFIX_MARK


def test_a_name_without_i_or_ni_carries_the_no_prefix_mark() -> None:
    assert NO_PREFIX_MARK in name_sounds("Made Sudarsana").split()
    assert NO_PREFIX_MARK not in name_sounds("I Made Sudarsana").split()
    assert NO_PREFIX_MARK not in name_sounds("ni luh ayu").split()


def test_keys_equal_to_a_word_are_not_held_twice() -> None:
    # Wayan and Sari are their own keys: the index holds them as the words themselves
    assert name_sounds("I Wayan Sari") == ""
    assert name_sounds("I Wayan Sudarsono").split() == ["sudarsana"]


def test_name_words_cut_where_the_index_does() -> None:
    assert name_words("I Gst. Ngr. Made-Sudarsono") == ["i", "gst", "ngr", "made",
                                                        "sudarsono"]
    assert name_words("Ni Luh Déwi 2") == ["ni", "luh", "dewi"]


def test_spelling_distance_counts_edits_to_the_start_of_a_word() -> None:
    assert spelling_distance("made sud", "I Made Sudarsana") == 0
    assert spelling_distance("sudarsono", "I Made Sudarsana") == 2
    assert spelling_distance("soedarsono", "I Made Sudarsana") == 4
    assert spelling_distance("ketut sudarsono", "Ketut Sudarsana") < spelling_distance(
        "ketut sudarsono", "Ktut Sudarsana")
    assert spelling_distance("i made", "Made Sudarsana") == 1  # the missing "I"
