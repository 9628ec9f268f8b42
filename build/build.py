"""Builds ``dist/banjar-enroll/`` with PyInstaller and checks it (``make dist``).

The same on Linux and on Windows (``.venv\\Scripts\\python build\\build.py``). After the
build, the program's ``--version`` and ``--self-test`` run; the script prints how long each
took and the folder's size, and fails when either fails.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
WORK = ROOT / "build" / "work"
PROGRAM = DIST / "banjar-enroll" / ("banjar-enroll.exe" if os.name == "nt" else "banjar-enroll")
SIZE_TARGET_MB = 150
# what must never ship: development tools, and the Qt parts the spec leaves out
NOT_SHIPPED = ("hypothesis", "pytest", "_pytest", "PyInstaller", "psycopg_binary",
               "PySide6/QtNetwork.abi3.so", "PySide6/QtQml.abi3.so", "PySide6/Qt/translations",
               "PySide6/Qt/plugins/platformthemes")


def folder_size(path: Path) -> int:
    """Bytes on disk, each file once (the links PyInstaller makes are not counted again)."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def timed(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([str(PROGRAM), *args], check=True, timeout=120)
    return time.perf_counter() - started


def main() -> int:
    started = time.perf_counter()
    shutil.rmtree(DIST / "banjar-enroll", ignore_errors=True)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(DIST), "--workpath", str(WORK),
                    str(ROOT / "build" / "banjar-enroll.spec")], check=True, cwd=ROOT)
    print(f"built in {time.perf_counter() - started:.0f} s: {PROGRAM.parent}")
    shipped = [name for name in NOT_SHIPPED if (PROGRAM.parent / "_internal" / name).exists()]
    if shipped:
        raise SystemExit(f"the build carries what it must not: {', '.join(shipped)}")
    version_s = timed("--version")
    self_test_s = timed("--self-test")
    size_mb = folder_size(PROGRAM.parent) / 10**6
    print(f"dist/banjar-enroll: {size_mb:.0f} MB (target < {SIZE_TARGET_MB} MB); "
          f"--version {version_s:.2f} s; --self-test {self_test_s:.2f} s (target < 3 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
