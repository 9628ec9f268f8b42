"""Who pays an enrollment's contributions."""

from enum import StrEnum


class FundingSource(StrEnum):
    MANDIRI = "mandiri"  # the worker pays
    APBD_KOTA = "apbd_kota"  # APBD Kota Denpasar
    APBD_PROVINSI = "apbd_provinsi"  # APBD Provinsi Bali
    APBN = "apbn"
    DESA_ADAT = "desa_adat"
    SPONSOR = "sponsor"  # sponsor or CSR; the sponsor's name is recorded


class Program(StrEnum):
    """BPJS Ketenagakerjaan programmes open to BPU. JKK and JKM always; JHT is optional."""

    JKK = "JKK"  # jaminan kecelakaan kerja
    JKM = "JKM"  # jaminan kematian
    JHT = "JHT"  # jaminan hari tua


REQUIRED_PROGRAMS = (Program.JKK, Program.JKM)
