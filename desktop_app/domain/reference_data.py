"""Reference data the office maintains and sends to laptops with a pull: the banjar list and
the contribution rates. A laptop installs a bundle only when it reads back as valid, so a
damaged file never replaces a working one."""

import hashlib
import io
from pathlib import Path

from desktop_app.atomic_files import write_text_whole
from desktop_app.domain import banjar, contribution
from desktop_app.domain.wilayah import csv_rows

REFERENCE_FILES = ("banjar.csv", "contribution_rates.toml")
VERSION_FILE = "VERSION"


def bundle_version(files: dict[str, str]) -> str:
    """A short digest of the files' contents: what a laptop says it already has."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name].encode() + b"\0")
    return digest.hexdigest()[:16]


def check_bundle(files: dict[str, str]) -> None:
    """Raises ValueError unless every file is there and reads as its kind."""
    if sorted(files) != sorted(REFERENCE_FILES):
        raise ValueError(f"a reference bundle holds {', '.join(REFERENCE_FILES)}")
    rows = list(csv_rows(io.StringIO(files["banjar.csv"], newline="")))
    if not rows or not {"desa_code", "name"} <= set(rows[0]):
        raise ValueError("banjar.csv needs the columns desa_code and name")
    try:
        rates = contribution.parse_rates(files["contribution_rates.toml"])
    except (KeyError, TypeError, ValueError) as bad:  # TOMLDecodeError is a ValueError
        raise ValueError(f"contribution_rates.toml cannot be read ({bad})") from None
    if not rates.schedules:
        raise ValueError("contribution_rates.toml has no rate schedule")


def install_bundle(folder: Path, files: dict[str, str], version: str) -> None:
    """Writes a checked bundle into ``folder`` (each file whole or not at all) and makes the
    domain read it from now on."""
    check_bundle(files)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in [*files.items(), (VERSION_FILE, version)]:
        write_text_whole(folder / name, text)
    forget_loaded_reference()


def installed_version(folder: Path) -> str:
    try:
        return (folder / VERSION_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def forget_loaded_reference() -> None:
    """The loaders cache what they read; a new bundle is read afresh."""
    for loader in (banjar.known_banjar, banjar._known_by_key, banjar.canonical_banjar_name,
                   contribution.current_rates):
        loader.cache_clear()
