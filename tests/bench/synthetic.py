"""Synthetic but valid Denpasar enrollments, for benchmarks and large-store tests."""

import random
from collections.abc import Iterator
from datetime import date, timedelta

from desktop_app.domain.enrollment import Consent, Enrollment
from desktop_app.domain.wilayah import districts, villages

BIRTH_ORDER = ("Wayan", "Made", "Nyoman", "Ketut", "Putu", "Kadek", "Komang")
MALE_ORDER = (*BIRTH_ORDER, "Gede")
FEMALE_ORDER = (*BIRTH_ORDER, "Luh")
GIVEN = ("Sutarja", "Sudarma", "Astawa", "Suardana", "Mertayasa", "Ayu", "Sri", "Widiastuti",
         "Arsana", "Budiarta", "Darmawan", "Eka", "Gunawan", "Kartika", "Lestari", "Mahendra",
         "Ngurah", "Pradnyani", "Rai", "Sukerta", "Tirta", "Utami", "Wirawan", "Yudha")
OCCUPATIONS = ("petani", "nelayan", "pedagang", "seniman", "sopir", "ojek", "tukang_jahit",
               "pemangku", "kelihan_banjar_adat", "perajin")


def synthetic_enrollments(count: int, *, seed: int = 1, on: date) -> Iterator[Enrollment]:
    """``count`` valid enrollments with distinct NIKs (serial numbers run 0001..9999)."""
    rng = random.Random(seed)
    district_codes = [d.code for d in districts()]
    seen: set[str] = set()
    for n in range(count):
        district = district_codes[n % len(district_codes)]
        serial = n // len(district_codes) % 9999 + 1
        nik = ""
        while not nik or nik in seen:  # past 39,996 records a serial repeats: vary the birth
            female = rng.random() < 0.5
            birth = on - timedelta(days=rng.randint(16 * 365, 64 * 365))
            day = birth.day + (40 if female else 0)
            nik = f"{district}{day:02d}{birth:%m%y}{serial:04d}"
        seen.add(nik)
        order = rng.choice(FEMALE_ORDER if female else MALE_ORDER)
        name = " ".join(("Ni" if female else "I", order, rng.choice(GIVEN),
                         rng.choice(GIVEN)))
        desa = rng.choice(villages(district))
        yield Enrollment(
            nik=nik, full_name=name, birth_place="Denpasar", address=f"Jl. Raya {n % 300 + 1}",
            desa_code=desa.code, banjar=f"Banjar {rng.choice(GIVEN)}",
            phone=f"08{rng.randint(10**9, 10**10 - 1)}", occupation=rng.choice(OCCUPATIONS),
            monthly_income=rng.choice((1_000_000, 1_500_000, 2_000_000, 3_500_000)),
            payment_months=rng.choice((1, 3, 6, 12)), consent=Consent(True))
