"""Usage mistakes: one line on stderr, exit 2, nothing on stdout, no traceback."""

import pytest


@pytest.mark.parametrize("argv", [
    ["enrol"],
    ["lsit", "--json"],
    ["nik", "verify", "5171045708850023"],
    ["officer", "login"],
    ["--frobnicate", "list"],
    ["list", "--frobnicate"],
    ["--lang", "fr", "list"],
], ids=["unknown-command", "unknown-command-json", "unknown-nik-action",
        "unknown-officer-action", "unknown-global-option", "unknown-list-option", "bad-lang"])
def test_unknown_words_are_usage_errors(cli, one_line_error, argv):
    run = cli(*argv)
    line = one_line_error(run, 2)
    assert "(see --help)" in line
    assert run.out == ""


@pytest.mark.parametrize("argv", [
    ["nik"],
    ["nik", "check"],
    ["officer"],
    ["officer", "set", "--name", "I Made Suardana"],
    ["officer", "set", "--id", "DSN-0042"],
    ["enroll", "--draft"],
    ["contribution", "--income", "2000000"],
    ["show"],
], ids=["nik-action", "nik-number", "officer-action", "officer-id", "officer-name",
        "enroll-input", "contribution-months", "show-key"])
def test_missing_required_arguments_are_usage_errors(cli, one_line_error, argv):
    run = cli(*argv)
    line = one_line_error(run, 2)
    assert "required" in line
    assert run.out == ""


def test_usage_error_names_the_missing_option(cli, one_line_error):
    line = one_line_error(cli("officer", "set", "--name", "I Made Suardana"), 2)
    assert "--id" in line
    line = one_line_error(cli("contribution", "--income", "2000000"), 2)
    assert "--months" in line


def test_usage_error_as_a_real_program(cli_process, one_line_error):
    run = cli_process("enrol", "--json")
    one_line_error(run, 2)
    assert run.out == ""
