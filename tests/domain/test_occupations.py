"""The occupation reference list (resources/occupations.toml) and each occupation's sector."""

import pytest

from desktop_app.domain.occupations import OTHER, find_occupation, occupations

# Every occupation the issue names, by the label an officer would look for.
NAMED_IN_THE_ISSUE = {
    "petani": "petani", "nelayan": "nelayan", "peternak": "peternak", "pedagang": "pedagang",
    "pedagang keliling": "pedagang_keliling", "perajin": "perajin",
    "tukang jahit": "tukang_jahit", "seniman": "seniman", "sopir": "sopir", "ojek": "ojek",
    "kurir": "kurir", "buruh harian": "buruh_harian", "guru honorer": "guru_honorer",
    "pegawai non-ASN": "pegawai_non_asn", "UMKM": "umkm",
    "kelihan/klian banjar adat": "kelihan_banjar_adat", "bendesa adat": "bendesa_adat",
    "pemangku": "pemangku", "pemangku kahyangan tiga": "pemangku_kahyangan_tiga",
    "sulinggih": "sulinggih", "pekaseh": "pekaseh", "petengen": "petengen",
    "penyarikan": "penyarikan", "pecalang": "pecalang", "lainnya": "lainnya",
}
ADAT_ROLES = ("kelihan_banjar_adat", "bendesa_adat", "pemangku", "pemangku_kahyangan_tiga",
              "sulinggih", "pekaseh", "petengen", "penyarikan", "pecalang")


@pytest.mark.parametrize(("named", "code"), sorted(NAMED_IN_THE_ISSUE.items()))
def test_every_occupation_named_in_the_issue_is_listed_with_a_sector(named, code):
    occupation = find_occupation(code)
    assert occupation is not None, named
    assert occupation.sector.strip()
    assert occupation.label.id.strip() and occupation.label.en.strip()
    first_word = named.split("/")[0].split()[0].lower()
    assert first_word in occupation.label.id.lower()


@pytest.mark.parametrize("code", ["sopir", "ojek", "kurir"])
def test_transport_occupations_are_in_the_transport_sector(code):
    assert find_occupation(code).sector == "transportasi"


@pytest.mark.parametrize("code", sorted(set(NAMED_IN_THE_ISSUE.values())
                                        - {"sopir", "ojek", "kurir"}))
def test_other_occupations_are_not_in_the_transport_sector(code):
    assert find_occupation(code).sector != "transportasi"


def test_adat_roles_share_one_sector():
    assert {find_occupation(code).sector for code in ADAT_ROLES} == {"adat"}


def test_only_lainnya_needs_free_text():
    assert [o.code for o in occupations().values() if o.needs_free_text] == [OTHER]
    assert find_occupation(OTHER).code == "lainnya"


def test_codes_are_unique_lowercase_identifiers():
    for code, occupation in occupations().items():
        assert code == occupation.code
        assert code.isidentifier() and code == code.lower()


def test_labels_by_language():
    assert find_occupation("nelayan").label.in_language("id") == "Nelayan"
    assert find_occupation("nelayan").label.in_language("en") == "Fisher"
    assert find_occupation("astronot") is None
