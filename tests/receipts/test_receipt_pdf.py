"""Receipts painted to real PDF files and read back: pdftotext for the words, pdftoppm and
zbarimg for the QR code (poppler-utils and zbar-tools; .ci/run installs them)."""

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature
from pdf_tools import pdf_word_boxes, pdf_words

from desktop_app import __version__
from desktop_app.domain.funding import FundingSource
from desktop_app.domain.months import YearMonth
from desktop_app.domain.receipt_code import parse_receipt_code
from desktop_app.receipts.issue import plan_receipts, record_receipts
from desktop_app.receipts.papers import PAPERS
from desktop_app.receipts.render import write_pdf
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.sync.keys import laptop_key

DAY = date(2026, 11, 30)
TOOLS = ("pdftotext", "pdftoppm", "zbarimg")
pytestmark = [
    pytest.mark.skipif(any(shutil.which(t) is None for t in TOOLS),
                       reason="needs poppler-utils and zbar-tools (.ci/run installs them: "
                              "apt-get install poppler-utils zbar-tools)"),
    # the test process's one Qt application is pytest-qt's QApplication, so widget tests
    # that run later find a QApplication, not the QGuiApplication the CLI would make
    pytest.mark.usefixtures("qapp"),
]


def issue(engine, ids, officer, today):
    """Plans the receipts and records their prints, as the CLI does around its PDF."""
    planned = plan_receipts(engine, ids, officer_id=officer.id, today=today)
    record_receipts(engine, planned, ids, officer_id=officer.id, today=today)
    return planned


@pytest.fixture
def laptop(engine, officer):
    """The root conftest's test laptop and its officer."""
    return engine, officer


def qr_texts(path: Path, tmp_path: Path) -> list[str]:
    """The QR codes of every page, read from the pages as a 203 dpi thermal printer prints."""
    prefix = tmp_path / path.stem
    subprocess.run(["pdftoppm", "-r", "203", "-png", str(path), str(prefix)], check=True)
    found = []
    for page in sorted(tmp_path.glob(f"{path.stem}-*.png")):
        read = subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True,
                              text=True, check=False)
        found += read.stdout.split()
    return found


@pytest.mark.parametrize("paper", list(PAPERS))
def test_every_paper_prints_a_receipt_that_reads_back_and_verifies(
        laptop, valid_record, tmp_path: Path, paper: str) -> None:
    engine, officer = laptop
    record = valid_record.with_changes(monthly_income=2_345_000)
    stored = EnrollmentStore(engine).create(record, officer_id=officer.id, on=DAY)
    receipts = issue(engine, [stored.id], officer, DAY)
    path = tmp_path / f"{paper}.pdf"
    assert write_pdf(receipts, path, paper=PAPERS[paper]) == 1
    words = pdf_words(path)
    assert "Tanda Terima Pendaftaran Peserta BPU" in words
    assert "Bukan kartu peserta. Kepesertaan aktif setelah iuran pertama dibayar dan " \
           "dikonfirmasi BPJS Ketenagakerjaan." in words
    assert receipts[0].number in words and "Ni Made Sari Dewi" in words
    assert "5171 04** **** 0023" in words and stored.record.nik not in words.replace(" ", "")
    assert "2.345.000" not in words and "2345000" not in words
    assert "Ni Ketut Sari (DSN-002)" in words and "175" in words
    assert f"Banjar Enroll {__version__}" in words  # the version, in the footer
    [code_text] = qr_texts(path, tmp_path)
    code = parse_receipt_code(code_text)
    assert code.number == receipts[0].number and code.enrollment_id == stored.id
    laptop_key(engine).public_key().verify(code.signature, code.signed_bytes())
    middle = len(code_text) - 40  # inside the signature: one changed byte
    changed = "A" if code_text[middle] != "A" else "B"
    tampered = parse_receipt_code(code_text[:middle] + changed + code_text[middle + 1:])
    with pytest.raises(InvalidSignature):
        laptop_key(engine).public_key().verify(tampered.signature, tampered.signed_bytes())


def test_a_discount_month_shows_the_discounted_amount(laptop, valid_record,
                                                      tmp_path: Path) -> None:
    engine, officer = laptop
    record = valid_record.with_changes(occupation="sopir", first_month=YearMonth(2027, 3),
                                       payment_months=3)
    stored = EnrollmentStore(engine).create(record, officer_id=officer.id, on=date(2027, 2, 1))
    path = tmp_path / "discount.pdf"
    write_pdf(issue(engine, [stored.id], officer, DAY), path,
              paper=PAPERS["a4"])
    words = pdf_words(path)
    assert "Rp12.500 (diskon PP 50/2025, semula Rp25.000)" in words
    assert "Maret 2027 (1 bulan)" in words  # one month, said once
    assert "Maret 2027 s.d. Maret 2027" not in words


def test_a_reprint_says_salinan_and_a_visit_is_one_pdf(laptop, valid_record, make_nik,
                                                       tmp_path: Path) -> None:
    engine, officer = laptop
    store = EnrollmentStore(engine)
    paid = store.create(valid_record.with_changes(funding_source=FundingSource.APBD_KOTA),
                        officer_id=officer.id, on=DAY)
    other = store.create(valid_record.with_changes(
        nik=make_nik("517104", date(1990, 1, 2), "L", 5), full_name="I Made Oka",
        birth_date=None, sex=None), officer_id=officer.id, on=DAY)
    first = tmp_path / "first.pdf"
    write_pdf(issue(engine, [paid.id], officer, DAY), first,
              paper=PAPERS["80mm"])
    assert "SALINAN" not in pdf_words(first)
    both = tmp_path / "both.pdf"
    pages = write_pdf(issue(engine, [paid.id, other.id], officer, date(2026, 12, 1)), both,
                      paper=PAPERS["58mm"])
    text = pdf_words(both)
    assert pages == 2 and text.count("SALINAN") == 1 and "dicetak ulang 01-12-2026" in text
    assert "Iuran ditanggung APBD Kota Denpasar; peserta tidak membayar." in text
    assert "I Made Oka" in text
    assert len(qr_texts(both, tmp_path)) == 2


MM_YYYY = re.compile(r"\b(0?[1-9]|1[0-2])/20\d\d\b")  # 12/2026 (not PP 50/2025)
YYYY_MM = re.compile(r"\b20\d\d-(0[1-9]|1[0-2])\b(?!-)")  # 2026-12 (not a dd-mm-yyyy date)


@pytest.mark.parametrize("paper", list(PAPERS))
def test_every_month_on_the_receipt_reads_as_people_say_it(laptop, valid_record,
                                                             tmp_path: Path,
                                                             paper: str) -> None:
    engine, officer = laptop
    # December at the discount, then five months without: two runs and a period
    record = valid_record.with_changes(first_month=YearMonth(2026, 12), payment_months=6)
    stored = EnrollmentStore(engine).create(record, officer_id=officer.id, on=date(2026, 12, 1))
    path = tmp_path / f"{paper}.pdf"
    write_pdf(issue(engine, [stored.id], officer, date(2026, 12, 1)), path,
              paper=PAPERS[paper])
    words = pdf_words(path)
    if PAPERS[paper].is_roll:  # narrow: short month names
        assert "Des 2026 (1 bulan)" in words
        assert "Jan 2027 s.d. Mei 2027 (5 bulan)" in words
        assert "Des 2026 s.d. Mei 2027 (6 bulan)" in words
        assert "(versi Jan 2026)" in words  # the consent text's version is a month too
    else:
        assert "Desember 2026 (1 bulan)" in words
        assert "Januari 2027 s.d. Mei 2027 (5 bulan)" in words
        assert "Desember 2026 s.d. Mei 2027 (6 bulan)" in words
        assert "(versi Januari 2026)" in words
    assert MM_YYYY.findall(words) == [] and YYYY_MM.findall(words) == [], words


@pytest.mark.parametrize("paper", list(PAPERS))
def test_the_qr_caption_keeps_clear_of_the_lines_under_it(laptop, valid_record,
                                                           tmp_path: Path, paper: str) -> None:
    engine, officer = laptop
    stored = EnrollmentStore(engine).create(valid_record, officer_id=officer.id, on=DAY)
    path = tmp_path / f"{paper}.pdf"
    write_pdf(issue(engine, [stored.id], officer, DAY), path, paper=PAPERS[paper])
    boxes = pdf_word_boxes(path)
    words = [b[0] for b in boxes]
    start = words.index("Pindai")
    caption = boxes[start:start + 7]
    assert " ".join(w for w, *_ in caption) == "Pindai untuk memeriksa keaslian tanda terima ini"
    caption_bottom = max(bottom for *_, bottom in caption)
    below = boxes[words.index("Cek", start)]
    gap_mm = (below[2] - caption_bottom) * 25.4 / 72
    assert gap_mm >= 2, f"{paper}: {gap_mm:.1f} mm between the QR's caption and the footer"


def test_english_receipt(laptop, valid_record, tmp_path: Path) -> None:
    engine, officer = laptop
    stored = EnrollmentStore(engine).create(valid_record, officer_id=officer.id, on=DAY)
    path = tmp_path / "en.pdf"
    write_pdf(issue(engine, [stored.id], officer, DAY), path,
              paper=PAPERS["a5"], language="en")
    words = pdf_words(path)
    assert "BPU Participant Enrollment Receipt" in words and "Not a membership card" in words
    assert "May 2026 to July 2026 (3 months)" in words
    assert "(version January 2026)" in words
