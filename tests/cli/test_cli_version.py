"""``--version`` of ``python -m desktop_app`` and of the ``banjar-enroll`` console script."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


@pytest.fixture(scope="module")
def expected_version_line() -> str:
    version = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
    return f"banjar-enroll {version}"


def test_python_m_desktop_app_prints_the_pyproject_version(cli_process, expected_version_line):
    run = cli_process("--version", with_data_dir=False)
    assert run.code == 0, run
    assert run.out.strip() == expected_version_line
    assert run.err == ""


def test_console_script_prints_the_pyproject_version(tmp_path, expected_version_line):
    script = Path(sys.executable).parent / "banjar-enroll"
    assert script.is_file(), f"console script missing: {script}"
    completed = subprocess.run([str(script), "--version"], capture_output=True, text=True,
                               cwd=tmp_path, timeout=120, check=False)
    assert completed.returncode == 0, completed
    assert completed.stdout.strip() == expected_version_line
    assert completed.stderr == ""


def test_version_in_process(cli, expected_version_line):
    run = cli("--version")
    assert run.code == 0
    assert run.out.strip() == expected_version_line
