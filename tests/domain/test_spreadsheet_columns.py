"""Worker-list and export headers (domain/spreadsheet_columns.py): Indonesian, English and
their variants, a mapping for the unforeseen, every export header importable."""

from desktop_app.domain.spreadsheet_columns import export_headers, is_header_row, recognise_headers


def test_headers_in_indonesian_english_and_their_variants() -> None:
    row = ["No", "No. KTP", " Nama Lengkap ", "Tgl Lahir", "L/P", "ALAMAT", "Banjar",
           "Pekerjaan", "No HP", "Date of birth", "whatever"]
    columns = recognise_headers(row)
    assert columns == {1: "nik", 2: "full_name", 3: "birth_date", 4: "sex", 5: "address",
                       6: "banjar", 7: "occupation", 8: "phone"}  # one column per field
    assert is_header_row(columns)
    assert recognise_headers(["NIK", "Name", "Gender", "Mobile"]) == {
        0: "nik", 1: "full_name", 2: "sex", 3: "phone"}
    assert not is_header_row(recognise_headers(["Daftar krama Banjar Kaja"]))


def test_a_mapping_names_headers_nobody_foresaw() -> None:
    columns = recognise_headers(["Nomor Identitas", "Nama Krama"],
                                {"nomor identitas": "nik", "Nama Krama": "full_name"})
    assert columns == {0: "nik", 1: "full_name"}


def test_every_export_header_imports_to_its_field() -> None:
    headers = export_headers()
    assert recognise_headers(list(headers.values())) == dict(enumerate(headers))
