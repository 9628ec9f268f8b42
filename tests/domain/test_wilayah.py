"""Kemendagri areas: provinces, Bali's regencies, Kota Denpasar's kecamatan and desa/kelurahan."""

import csv
from pathlib import Path

import pytest

from desktop_app.assets import resource_file
from desktop_app.domain.wilayah import areas, districts, find_area, read_csv_rows, villages

# Kota Denpasar as the issue lists it (Kepmendagri 300.2.2-2138/2025).
DENPASAR = {
    "517101": ("Denpasar Selatan", {
        "1001": "Serangan", "1002": "Pedungan", "1003": "Sesetan", "1004": "Panjer",
        "1005": "Renon", "1006": "Sanur", "2007": "Sidakarya", "2008": "Pemogan",
        "2009": "Sanur Kaja", "2010": "Sanur Kauh"}),
    "517102": ("Denpasar Timur", {
        "1003": "Kesiman", "1006": "Sumerta", "1010": "Dangin Puri", "1014": "Penatih",
        "2001": "Dangin Puri Kelod", "2002": "Sumerta Kelod", "2004": "Kesiman Petilan",
        "2005": "Kesiman Kertalangu", "2007": "Sumerta Kaja", "2008": "Sumerta Kauh",
        "2015": "Penatih Dangin Puri"}),
    "517103": ("Denpasar Barat", {
        "1005": "Dauh Puri", "1007": "Pemecutan", "1010": "Padangsambian",
        "2001": "Padangsambian Kelod", "2002": "Pemecutan Kelod", "2003": "Dauh Puri Kauh",
        "2004": "Dauh Puri Kelod", "2006": "Dauh Puri Kangin", "2008": "Tegal Harum",
        "2009": "Tegal Kertha", "2011": "Padang Sambian Kaja"}),
    "517104": ("Denpasar Utara", {
        "1004": "Tonja", "1007": "Ubung", "1009": "Peguyangan", "2001": "Dangin Puri Kangin",
        "2002": "Dangin Puri Kauh", "2003": "Dangin Puri Kaja", "2005": "Pemecutan Kaja",
        "2006": "Dauh Puri Kaja", "2008": "Ubung Kaja", "2010": "Peguyangan Kaja",
        "2011": "Peguyangan Kangin"}),
}

# The full Kemendagri list of Bali's 783 area codes (cahyadsn/wilayah, MIT), kept beside the
# checkout in ../shared/data/ and not in this repository, which carries only what it needs.
SHARED_WILAYAH = (Path(__file__).parents[2] / ".." / "shared" / "data"
                  / "wilayah_bali.csv").resolve()


def test_kota_denpasar_has_4_kecamatan():
    denpasar = [d for d in districts() if d.parent_code == "5171"]
    assert {d.code: d.name for d in denpasar} == {code: name for code, (name, _) in
                                                  DENPASAR.items()}
    assert find_area("5171").name == "Kota Denpasar"


def test_kota_denpasar_has_43_desa_and_kelurahan():
    expected = {district + suffix: name
                for district, (_, desa) in DENPASAR.items() for suffix, name in desa.items()}
    assert len(expected) == 43
    found = [v for d in DENPASAR for v in villages(d)]
    assert {v.code: v.name for v in found} == expected
    assert {v.code for v in villages()} >= set(expected)


@pytest.mark.parametrize("district", sorted(DENPASAR))
def test_villages_of_one_kecamatan_in_code_order(district):
    found = villages(district)
    assert [v.code for v in found] == sorted(district + s for s in DENPASAR[district][1])
    assert all(v.parent_code == district and v.level == "village" for v in found)


def test_kelurahan_and_desa_are_told_apart_by_code():
    found = [v for d in DENPASAR for v in villages(d)]
    kelurahan = {v.name for v in found if v.is_kelurahan}
    assert len(kelurahan) == 16
    assert len(found) - len(kelurahan) == 27
    assert {"Sesetan", "Panjer", "Ubung", "Dauh Puri", "Kesiman"} <= kelurahan
    assert not {"Sidakarya", "Ubung Kaja", "Dauh Puri Kauh", "Sumerta Kaja"} & kelurahan
    for village in found:
        assert village.is_kelurahan is (village.code[6] == "1")
        assert village.code[6] in "12"


def test_only_villages_are_kelurahan():
    assert not find_area("517104").is_kelurahan
    assert find_area("5171041004").is_kelurahan


def test_parent_codes():
    assert find_area("5171041004").parent_code == "517104"
    assert find_area("517104").parent_code == "5171"
    assert find_area("5171").parent_code == "51"
    assert find_area("51").parent_code == ""


def test_bali_has_9_regencies():
    regencies = sorted(a.code for a in areas().values() if a.level == "regency")
    assert regencies == ["5101", "5102", "5103", "5104", "5105", "5106", "5107", "5108", "5171"]


def test_38_provinces_with_names():
    provinces = {a.code: a.name for a in areas().values() if a.level == "province"}
    assert len(provinces) == 38
    assert all(name.strip() == name and name for name in provinces.values())
    assert provinces["51"] == "Bali"
    assert provinces["94"] == "Papua Tengah"


def test_unknown_codes_are_not_found():
    assert find_area("517105") is None
    assert find_area("5171041005") is None
    assert find_area("") is None


def read_shared_wilayah() -> dict[str, tuple[str, str]]:
    if not SHARED_WILAYAH.is_file():
        pytest.skip(f"{SHARED_WILAYAH} is missing: it lies outside the repository (the "
                    "Kemendagri list of Bali's area codes, ../shared/data/ beside the checkout), "
                    "so resources/wilayah/bali.csv is not cross-checked against it")
    with SHARED_WILAYAH.open(encoding="utf-8", newline="") as handle:
        return {row["code"].replace(".", ""): (row["name"], row["level"])
                for row in csv.DictReader(handle)}


def test_without_the_shared_list_the_skip_says_which_file_and_why(monkeypatch, tmp_path):
    missing = tmp_path / "shared" / "data" / "wilayah_bali.csv"
    monkeypatch.setitem(globals(), "SHARED_WILAYAH", missing)
    with pytest.raises(pytest.skip.Exception) as skipped:
        read_shared_wilayah()
    reason = str(skipped.value)
    assert reason.startswith(f"{missing} is missing: it lies outside the repository")
    assert "resources/wilayah/bali.csv is not cross-checked" in reason


def test_our_bali_codes_and_names_match_the_shared_kemendagri_list():
    shared = read_shared_wilayah()
    ours = {row["code"]: (row["name"], row["level"])
            for row in read_csv_rows(resource_file("wilayah", "bali.csv"))}
    ours["51"] = (find_area("51").name, "province")
    assert len(ours) == 1 + 9 + 4 + 43
    mismatches = {code: (value, shared.get(code)) for code, value in ours.items()
                  if shared.get(code) != value}
    assert mismatches == {}


def test_we_hold_all_of_kota_denpasar_and_bali_regencies_from_the_shared_list():
    shared = read_shared_wilayah()
    wanted = {code for code, (_, level) in shared.items()
              if code.startswith("5171") or level in ("province", "regency")}
    assert len(wanted) == 1 + 9 + 4 + 43
    assert {code for code in wanted if find_area(code) is None} == set()
