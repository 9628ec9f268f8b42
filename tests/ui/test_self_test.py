"""``--self-test``, as the office IT person runs it on a laptop (and CI on every build)."""

import os
import subprocess
import sys


def test_the_self_test_passes_in_a_fresh_process(tmp_path) -> None:
    environment = {**os.environ, "HOME": str(tmp_path)}  # nothing of the user's is touched
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--self-test"],
                          capture_output=True, text=True, timeout=120, env=environment,
                          check=False)
    assert done.returncode == 0, done.stderr
    steps = done.stdout
    for step in ("database opened and migrated", "main window shown",
                 "enrollment saved through the form (ready)", "rendered to PDF",
                 "self-test passed"):
        assert step in steps
    assert not list(tmp_path.iterdir())  # it wrote only to its temporary folder
