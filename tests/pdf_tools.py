"""Reading receipts back: the words of a PDF (pdftotext, from poppler-utils). A test that
needs it is skipped where the tool is missing; .ci/run installs it."""

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def pdf_words(path: Path) -> str:
    """The PDF's text with every run of white space made one space."""
    if shutil.which("pdftotext") is None:
        pytest.skip("needs pdftotext (poppler-utils; .ci/run installs it)")
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


def pdf_word_boxes(path: Path) -> list[tuple[str, float, float, float, float]]:
    """Each word of the PDF in painting order, with its box in points:
    ``(word, left, top, right, bottom)``, the top of the page at 0."""
    if shutil.which("pdftotext") is None:
        pytest.skip("needs pdftotext (poppler-utils; .ci/run installs it)")
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                       r'yMax="([\d.]+)">([^<]*)</word>', out)
    return [(html.unescape(word), float(left), float(top), float(right), float(bottom))
            for left, top, right, bottom, word in found]
