"""The README names every menu path as the officer sees it (Indonesian, the default) and in
English: ``Berkas > Mulai kunjungan (File > Start visit)``, read from the translation file."""

import re
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).parents[2]
README = ROOT / "README.md"
TS_FILE = ROOT / "resources" / "translations" / "banjar_enroll_id.ts"
MENUS = ("File", "Edit", "View", "Help")
ENGLISH_PATH = re.compile(r"\b(?:" + "|".join(MENUS) + r") > ")
BRACKETED_PATH = re.compile(r"\(((?:" + "|".join(MENUS) + r") > [^)]+)\)")


def menu_text(text: str) -> str:
    """``Start &visit…`` as the menu shows it: ``Start visit``."""
    return text.replace("&", "").removesuffix("…").strip()


def indonesian_menu_texts() -> dict[str, str]:
    found = {}
    for message in ElementTree.parse(TS_FILE).getroot().iter("message"):
        source, translation = message.findtext("source"), message.findtext("translation")
        if source and translation and ("&" in source or source.endswith("…")):
            found.setdefault(menu_text(source), menu_text(translation))
    return found


def test_every_menu_path_is_given_in_indonesian_then_in_english() -> None:
    text = " ".join(README.read_text(encoding="utf-8").split())  # lines wrap anywhere
    indonesian = indonesian_menu_texts()
    pairs = list(BRACKETED_PATH.finditer(text))
    assert pairs, "the README names no menu path at all"
    for match in pairs:
        english = match[1].split(" > ")
        assert all(part in indonesian for part in english), (match[1], "is not a menu item")
        expected = " > ".join(indonesian[part] for part in english)
        assert text[:match.start()].endswith(expected + " "), (
            f"{match[1]!r} should follow {expected!r}")
    # and no English path stands alone
    assert len(ENGLISH_PATH.findall(text)) == len(pairs)
