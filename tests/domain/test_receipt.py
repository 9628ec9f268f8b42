"""What a receipt says: the content blocks and its signed QR code, with no Qt involved."""

import uuid
from dataclasses import replace
from datetime import date

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.domain.funding import FundingSource, Program
from desktop_app.domain.months import YearMonth
from desktop_app.domain.receipt import Field, Notice, QrCode, ReceiptFacts, receipt_blocks
from desktop_app.domain.receipt_code import (
    ReceiptCode,
    ReceiptCodeError,
    fields_digest,
    parse_receipt_code,
)
from desktop_app.domain.receipt_number import receipt_number
from desktop_app.domain.validation import check_enrollment

LAPTOP = uuid.UUID("8f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b")
DAY = date(2026, 11, 30)
QR_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def facts(record, *, copy_number: int = 0, on: date = DAY) -> ReceiptFacts:
    return ReceiptFacts(
        number=receipt_number(device_id=LAPTOP, day=on, sequence=1), copy_number=copy_number,
        printed_on=on, first_printed_on=on, enrolled_on=on, record=record,
        quote=check_enrollment(record, on=on).quote, officer_name="Ni Ketut Sari",
        officer_code="DSN-002", code_text="BE1*TEST", app_version="0.1.0")


def text_of(blocks) -> str:
    parts = []
    for block in blocks:
        parts += [str(v) for v in vars(block).values()]
    return "\n".join(parts)


def test_the_receipt_says_what_it_is_and_never_shows_the_income(valid_record) -> None:
    record = valid_record.with_changes(monthly_income=2_345_678)
    blocks = receipt_blocks(facts(record))
    text = text_of(blocks)
    assert "Tanda Terima Pendaftaran Peserta BPU" in text
    assert "Bukan kartu peserta. Kepesertaan aktif setelah iuran pertama dibayar" in text
    assert "5171 04** **** 0023" in text and record.nik not in text
    assert "2.345.678" not in text and "2345678" not in text
    assert "Contact Center BPJS Ketenagakerjaan 175" in text and "JMO" in text
    assert any(isinstance(b, QrCode) for b in blocks)


def test_a_discount_month_shows_the_discounted_amount_and_the_full_one(valid_record) -> None:
    record = valid_record.with_changes(occupation="sopir", monthly_income=2_500_000,
                                       first_month=YearMonth(2027, 2), payment_months=3)
    text = text_of(receipt_blocks(facts(record, on=date(2027, 1, 15))))
    # sopir: the PP 50/2025 discount runs to March 2027, so February and March are halved
    assert "Februari 2027 s.d. Maret 2027 (2 bulan)" in text
    assert "Rp12.500 (diskon PP 50/2025, semula Rp25.000)" in text
    assert "April 2027 (1 bulan)" in text and "April 2027 s.d." not in text
    assert "Rp25.000" in text


def test_a_period_of_one_month_names_it_once(valid_record) -> None:
    record = valid_record.with_changes(first_month=YearMonth(2026, 12), payment_months=1)
    blocks = receipt_blocks(facts(record, on=date(2026, 12, 1)))
    period = next(b for b in blocks if isinstance(b, Field) and b.label == "Masa iuran")
    assert period.value == "Desember 2026 (1 bulan)"
    english = receipt_blocks(facts(record, on=date(2026, 12, 1)), "en")
    period = next(b for b in english if isinstance(b, Field) and b.label == "Payment period")
    assert period.value == "December 2026 (1 month)"


def test_months_are_short_on_narrow_rolls_and_the_consent_version_reads_as_a_month(
        valid_record) -> None:
    record = valid_record.with_changes(first_month=YearMonth(2026, 12), payment_months=3)
    text = text_of(receipt_blocks(facts(record, on=date(2026, 12, 1)), short_months=True))
    assert "Des 2026 s.d. Feb 2027 (3 bulan)" in text
    assert "Pernyataan persetujuan (versi Jan 2026)" in text
    full = text_of(receipt_blocks(facts(record, on=date(2026, 12, 1))))
    assert "Desember 2026 s.d. Februari 2027 (3 bulan)" in full
    assert "Pernyataan persetujuan (versi Januari 2026)" in full
    assert "2026-01" not in full and "2026-12" not in full


def test_a_sponsor_pays_so_nothing_is_due_from_the_participant(valid_record) -> None:
    record = valid_record.with_changes(funding_source=FundingSource.SPONSOR,
                                       sponsor_name="PT Bali Sejahtera")
    blocks = receipt_blocks(facts(record))
    due = next(b for b in blocks if isinstance(b, Field) and b.label == "Dibayar peserta")
    assert due.value == "Rp0"
    assert "PT Bali Sejahtera" in text_of(blocks)


def test_a_reprint_says_salinan(valid_record) -> None:
    notices = [b.text for b in receipt_blocks(facts(valid_record, copy_number=2))
               if isinstance(b, Notice)]
    assert any(n.startswith("SALINAN") and "salinan ke-2" in n for n in notices)
    assert not any("SALINAN" in b.text for b in receipt_blocks(facts(valid_record))
                   if isinstance(b, Notice))


def test_english_on_request(valid_record) -> None:
    text = text_of(receipt_blocks(facts(valid_record), "en"))
    assert "BPU Participant Enrollment Receipt" in text and "Not a membership card" in text


def signed(record, key: Ed25519PrivateKey) -> ReceiptCode:
    quote = check_enrollment(record, on=DAY).quote
    code = ReceiptCode(receipt_number(device_id=LAPTOP, day=DAY, sequence=3), LAPTOP,
                       uuid.uuid4(), 2, fields_digest(record, quote))
    return replace(code, signature=key.sign(code.signed_bytes()))


def test_the_qr_code_round_trips_and_verifies(valid_record) -> None:
    key = Ed25519PrivateKey.generate()
    code = signed(valid_record, key)
    text = code.to_text()
    assert set(text) <= QR_ALPHANUMERIC
    read = parse_receipt_code(text.lower())
    assert read == code
    key.public_key().verify(read.signature, read.signed_bytes())


def test_one_changed_character_breaks_the_signature(valid_record) -> None:
    key = Ed25519PrivateKey.generate()
    text = signed(valid_record, key).to_text()
    digest_start = text.rindex("*", 0, text.rindex("*")) + 1
    altered = text[:digest_start] + ("A" if text[digest_start] != "A" else "B") + \
        text[digest_start + 1:]
    read = parse_receipt_code(altered)
    with pytest.raises(InvalidSignature):
        key.public_key().verify(read.signature, read.signed_bytes())


def test_another_record_has_another_digest(valid_record) -> None:
    quote = check_enrollment(valid_record, on=DAY).quote
    other = valid_record.with_changes(programs=(Program.JKK, Program.JKM, Program.JHT))
    assert fields_digest(valid_record, quote) != fields_digest(
        other, check_enrollment(other, on=DAY).quote)


@pytest.mark.parametrize("text", ["", "hello", "BE1*X", "BE2*A*B*C*1*D*E",
                                  "BE1*DPS-ABCDEF-261130-0001-0*A*B*1*C*D"])
def test_damaged_codes_are_refused_with_a_reason(text: str) -> None:
    with pytest.raises(ReceiptCodeError):
        parse_receipt_code(text)
