"""Makes ``krama-libreoffice.xlsx``, the worker list the import tests read as written by another
program: openpyxl writes a source with formulas and merged cells, and LibreOffice (headless)
opens it, computes the formulas and saves it again in its own way.

Run on purpose when the list should change (needs LibreOffice: apt-get install
libreoffice-calc-nogui): python tests/spreadsheets/data/make_libreoffice_list.py
"""

import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
NAME = "krama-libreoffice"


def main() -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Krama Tonja"
    sheet.append(["Daftar krama Desa Adat Tonja untuk pendaftaran BPJS Ketenagakerjaan BPU"])
    sheet.append(["NIK", "Nama Lengkap", "Tempat Lahir", "Tanggal Lahir", "JK", "Alamat",
                  "Kelurahan", "Banjar", "Pekerjaan", "No. HP", "Penghasilan", "Lama bayar"])
    rows = [
        ["5171045708850023", "Ni Luh Putu Ayu", "Denpasar", datetime(1985, 8, 17), "P",
         "Jl. Kamboja 5", "Tonja", "Banjar Kaja", "Pedagang", "081234567890",
         "=2500000*1", 3],
        ["5171041203700005", "I Wayan Sudarma ", "Denpasar", "12/03/1970", "L",
         "Jl. Nangka 1", "Tonja", None, "Pemangku", "0812-3456-7891", "=B9", 12],
        [5171040107900010, "I Made Angka", "Denpasar", datetime(1990, 7, 1), "L",
         "Jl. Nangka 2", "Tonja", None, "Sopir", None, 3000000, 6],
    ]
    for row in rows:
        sheet.append(row)
    sheet.append([])
    sheet.append(["5171044505920002", "Ni Kadek Sari", "Gianyar", 33738, "P", "Jl. Ratna 3",
                  "Tonja", "Banjar Kelod", "Tukang jahit", 81234567892, "=1500000", 1])
    sheet["B9"] = 1750000  # what the second person's formula points at
    sheet.merge_cells("H3:H5")
    for row in range(3, 8):
        sheet.cell(row=row, column=1).number_format = "@"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "source" / f"{NAME}.xlsx"
        source.parent.mkdir()
        book.save(source)
        subprocess.run(["soffice", "--headless", "--calc", "--convert-to", "xlsx", "--outdir",
                        str(HERE), str(source)], check=True, capture_output=True, timeout=120)
    print(HERE / f"{NAME}.xlsx")


if __name__ == "__main__":
    main()
