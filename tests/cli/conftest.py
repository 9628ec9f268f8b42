"""Shared helpers for the CLI tests: running ``banjar-enroll`` in-process and as a real program.

``cli`` calls ``desktop_app.cli.main.main`` in this process (fast; capsys captures the output);
``cli_process`` starts ``python -m desktop_app`` as a subprocess. Both use a fresh data folder in
``tmp_path``, so every test gets its own real SQLite file.
"""

import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from builders import (
    ENROLLMENT_DAY,
    OFFICER_CODE,
    OFFICER_NAME,
    build_nik,
    valid_record_json,
)

from desktop_app.cli.main import main
from desktop_app.store.database import DATABASE_FILE

# Enrollment day passed as ``enroll --date``: so no test depends on today's date.
ENROLL_DAY = ENROLLMENT_DAY.isoformat()


def record(**changes: Any) -> dict[str, Any]:
    """The one valid record (builders.valid_record_json) in its documented JSON form, valid on
    ``ENROLL_DAY`` with no issue, with ``changes``."""
    return valid_record_json(**changes)


def person(name: str, district: str, birth: date, sex: str, serial: int = 1,
           **changes: Any) -> dict[str, Any]:
    """A valid record for another person (its NIK, birth date and sex agree)."""
    return record(nik=build_nik(district, birth, sex, serial), full_name=name,
                  birth_date=birth.isoformat(), sex=sex, **changes)


@dataclass
class Run:
    """What one run of the program did."""

    code: int | None
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def assert_one_line_error(run: Run, code: int | None = None) -> str:
    """Failure reported as exactly one line on stderr, no traceback, a non-zero exit."""
    assert run.code != 0, run
    if code is not None:
        assert run.code == code, run
    assert "Traceback" not in run.err
    assert len(run.err_lines) == 1, run.err
    assert run.err_lines[0].startswith("banjar-enroll"), run.err
    return run.err_lines[0]


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The program reads defaults from the environment; tests must not inherit a developer's."""
    for name in ("BANJAR_ENROLL_DATA_DIR", "BANJAR_ENROLL_LANG", "BANJAR_ENROLL_DEBUG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def make_record() -> Callable[..., dict[str, Any]]:
    return record


@pytest.fixture(scope="session")
def make_person() -> Callable[..., dict[str, Any]]:
    return person


@pytest.fixture(scope="session")
def one_line_error() -> Callable[..., str]:
    return assert_one_line_error


@pytest.fixture(scope="session")
def enroll_day() -> str:
    return ENROLL_DAY


@pytest.fixture
def cli(data_dir: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch,
        shipped_reference_data) -> Callable[..., Run]:
    """``cli("list", "--json")``: runs main() in-process on the test's data folder."""

    def run(*args: str, stdin: str | bytes | None = None) -> Run:
        if stdin is not None:
            raw = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
        capsys.readouterr()
        try:
            code = main(["--data-dir", str(data_dir), *args])
        except SystemExit as exit_:  # argparse: --version, usage errors
            code = exit_.code
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


def program_environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BANJAR_ENROLL_")}
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def environment() -> Callable[..., dict[str, str]]:
    """``environment(PYTHONIOENCODING="latin-1")``: the program's environment, plus extras."""
    return program_environment


@pytest.fixture
def cli_process(data_dir: Path, tmp_path: Path) -> Callable[..., Run]:
    """``cli_process("list")``: runs ``python -m desktop_app`` as a real program."""

    def run(*args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None,
            with_data_dir: bool = True) -> Run:
        command = [sys.executable, "-m", "desktop_app"]
        if with_data_dir:
            command += ["--data-dir", str(data_dir)]
        raw = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        completed = subprocess.run([*command, *args], input=raw, capture_output=True,
                                   cwd=tmp_path, env=env or program_environment(), timeout=120,
                                   check=False)
        return Run(completed.returncode, completed.stdout.decode("utf-8"),
                   completed.stderr.decode("utf-8"))

    return run


@pytest.fixture
def officer(cli: Callable[..., Run]) -> dict[str, Any]:
    """An officer signed in on the test's laptop (enroll needs one)."""
    run = cli("--json", "officer", "set", "--name", OFFICER_NAME, "--id", OFFICER_CODE)
    assert run.code == 0, run
    return run.json()


@pytest.fixture
def write_json(tmp_path: Path) -> Callable[[Any], Path]:
    """Writes ``data`` as a JSON file in tmp_path and returns its path."""
    counter = iter(range(1_000_000))

    def write(data: Any, name: str | None = None) -> Path:
        path = tmp_path / (name or f"records-{next(counter)}.json")
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return write


@pytest.fixture
def enroll(cli: Callable[..., Run], write_json: Callable[[Any], Path]) -> Callable[..., Run]:
    """``enroll(records, "--draft")``: ``--json enroll --json FILE --date ENROLL_DAY``."""

    def run(records: Any, *extra: str) -> Run:
        return cli("--json", "enroll", "--json", str(write_json(records)), "--date", ENROLL_DAY,
                   *extra)

    return run


@pytest.fixture
def database(data_dir: Path) -> Callable[[str], list[tuple]]:
    """Reads the real SQLite file directly: ``database("SELECT nik FROM enrollment")``."""

    def query(sql: str, *params: Any) -> list[tuple]:
        connection = sqlite3.connect(data_dir / DATABASE_FILE)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    return query
