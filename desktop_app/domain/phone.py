"""Indonesian mobile numbers, normalised to ``+62`` international form."""

import re

_SEPARATORS = re.compile(r"[\s\-.()/]")


def normalize_mobile(raw: str) -> str | None:
    """``0812-3456-7890``, ``62812...``, ``+62 812...`` or ``812...`` -> ``+628123456789``.

    Returns None when the text is not an Indonesian mobile number (a mobile national number
    starts with 8 and has 9 to 12 digits; landlines such as 0361 are refused).
    """
    digits = _SEPARATORS.sub("", raw.strip())
    if digits.startswith("+"):
        digits = digits[1:]
        if not digits.startswith("62"):
            return None
    if not (digits.isascii() and digits.isdigit()):
        return None
    for prefix in ("62", "0"):
        if digits.startswith(prefix):
            digits = digits[len(prefix):]
            break
    if digits.startswith("8") and 9 <= len(digits) <= 12:
        return "+62" + digits
    return None
