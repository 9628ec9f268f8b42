"""The papers officers print receipts on: office sheets and thermal rolls."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Paper:
    key: str
    width_mm: float
    height_mm: float | None  # None: a roll, cut where the receipt ends
    margin_mm: float
    font_pt: float  # body text
    two_columns: bool  # labels beside values (sheets) or above them (narrow rolls)
    qr_mm: float

    @property
    def is_roll(self) -> bool:
        return self.height_mm is None


PAPERS = {
    "a4": Paper("a4", 210, 297, 16, 10, True, 34),
    "a5": Paper("a5", 148, 210, 8, 7.5, True, 25),
    "80mm": Paper("80mm", 80, None, 4, 8, False, 40),  # 72 mm printable
    "58mm": Paper("58mm", 58, None, 2.5, 6.5, False, 38),  # 48 mm printable
}
DEFAULT_PAPER = "a5"
