"""Reading receipts back: the words of a PDF (pdftotext, from poppler-utils). A test that
needs it is skipped where the tool is missing; .ci/run installs it."""

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
