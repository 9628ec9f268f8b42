"""Before Qt opens a window on Linux: are the system libraries of its X11 (xcb) platform there?

When one is missing, Qt aborts with "could not load the Qt platform plugin xcb" and a hint
that often names the wrong library, which tells a field officer nothing. This check reads what
the xcb plugin and Qt's widget libraries need from the files themselves (the ELF's DT_NEEDED
entries, following Qt's own libraries through their RUNPATH), tries each library Qt does not
carry with the system's loader, and names the Debian/Ubuntu packages to install.

Pure standard library, and it never imports Qt: it runs before Qt loads anything, from the
source tree, an editable install or the PyInstaller folder (where PySide6 sits under
``sys._MEIPASS``).
"""

import ctypes
import importlib.util
import mmap
import os
import struct
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

# The exit code when the window cannot open for want of system libraries (EX_UNAVAILABLE).
MISSING_LIBRARIES_EXIT = 69

# The library files Qt's xcb platform and widgets load, and the Debian/Ubuntu package of each.
PACKAGES: Mapping[str, str] = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libGLdispatch.so.0": "libglvnd0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libcups.so.2": "libcups2",
    "libpng16.so.16": "libpng16-16",
    "libz.so.1": "zlib1g",
    "libexpat.so.1": "libexpat1",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
}

_DT_NEEDED, _DT_STRTAB, _DT_RPATH, _DT_RUNPATH = 1, 5, 15, 29
_PT_LOAD, _PT_DYNAMIC = 1, 2


@dataclass(frozen=True)
class ElfLinks:
    """What one shared object asks of the loader: the libraries it needs, where to look."""

    needed: tuple[str, ...]
    search_path: tuple[str, ...]  # RUNPATH (or the older RPATH) entries, $ORIGIN unexpanded


def elf_links(path: Path) -> ElfLinks:
    """The DT_NEEDED and RUNPATH/RPATH entries of an ELF file (ValueError if it is not one)."""
    # Mapped, not read: Qt's libraries are tens of megabytes and only a few pages are needed.
    with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return _links_in(data, path)


def _links_in(data: mmap.mmap, path: Path) -> ElfLinks:
    if data[:4] != b"\x7fELF":
        raise ValueError(f"{path} is not an ELF file")
    wide, order = data[4] == 2, "<" if data[5] == 1 else ">"
    if wide:
        phoff, phentsize, phnum = (struct.unpack_from(order + "Q", data, 32)[0],
                                   *struct.unpack_from(order + "HH", data, 54))
        header, entry = order + "IIQQQQQQ", order + "qQ"
    else:
        phoff, phentsize, phnum = (struct.unpack_from(order + "I", data, 28)[0],
                                   *struct.unpack_from(order + "HH", data, 42))
        header, entry = order + "IIIIIIII", order + "iI"
    loads, dynamic = [], None
    for index in range(phnum):
        fields = struct.unpack_from(header, data, phoff + index * phentsize)
        if wide:  # p_type, p_flags, p_offset, p_vaddr, p_paddr, p_filesz, ...
            kind, offset, vaddr, size = fields[0], fields[2], fields[3], fields[5]
        else:  # p_type, p_offset, p_vaddr, p_paddr, p_filesz, ...
            kind, offset, vaddr, size = fields[0], fields[1], fields[2], fields[4]
        if kind == _PT_LOAD:
            loads.append((vaddr, offset, size))
        elif kind == _PT_DYNAMIC:
            dynamic = (offset, size)
    if dynamic is None:
        return ElfLinks((), ())
    tags: list[tuple[int, int]] = []
    step = struct.calcsize(entry)
    for at in range(dynamic[0], dynamic[0] + dynamic[1], step):
        tag, value = struct.unpack_from(entry, data, at)
        if tag == 0:  # DT_NULL ends the table
            break
        tags.append((tag, value))
    strtab_address = next(value for tag, value in tags if tag == _DT_STRTAB)
    # DT_STRTAB is an address in memory: the loaded segment that holds it gives the file offset.
    strtab = next(offset + strtab_address - vaddr for vaddr, offset, size in loads
                  if vaddr <= strtab_address < vaddr + size)

    def string(at: int) -> str:
        return data[strtab + at:data.find(b"\0", strtab + at)].decode()

    needed = tuple(string(value) for tag, value in tags if tag == _DT_NEEDED)
    runpath = [string(value) for tag, value in tags if tag == _DT_RUNPATH]
    rpath = [string(value) for tag, value in tags if tag == _DT_RPATH]
    entries = ":".join(runpath or rpath)  # the loader ignores RPATH when RUNPATH is there
    return ElfLinks(needed, tuple(e for e in entries.split(":") if e))


@dataclass(frozen=True)
class MissingLibrary:
    file_name: str  # e.g. libxcb-icccm.so.4
    needed_by: str  # the file that asks for it, e.g. libqxcb.so

    @property
    def package(self) -> str | None:
        return PACKAGES.get(self.file_name)


def system_loader_refusal(file_name: str) -> str | None:
    """None when the system's loader finds and loads the library (and what it needs), else
    the file name it could not find."""
    try:
        ctypes.CDLL(file_name)
    except OSError as refusal:
        # "libxcb-util.so.1: cannot open shared object file: ..." names what is really
        # missing, which may be a library this one needs.
        named = str(refusal).split(":", 1)[0].strip()
        return named if ".so" in named and "/" not in named else file_name
    return None


def missing_libraries(roots: Iterable[Path], *, bundle_dirs: Iterable[Path] = (),
                      refusal: Callable[[str], str | None] | None = None,
                      ) -> list[MissingLibrary]:
    """Every library the ``roots`` need that neither Qt's folders nor the system provide.

    A library found beside Qt (through its RUNPATH, ``bundle_dirs`` or LD_LIBRARY_PATH) is
    Qt's own or the bundle's and is followed in turn; any other is asked of ``refusal``, by
    default the system loader.
    """
    refusal = refusal or system_loader_refusal
    bundles = [*bundle_dirs, *(Path(p) for p in os.environ.get("LD_LIBRARY_PATH", "").split(":")
                               if p)]
    missing: dict[str, MissingLibrary] = {}
    seen: set[str] = set()
    asked: set[str] = set()
    queue = [path for path in roots if path.is_file()]
    while queue:
        current = queue.pop()
        if str(current) in seen:
            continue
        seen.add(str(current))
        links = elf_links(current)
        folders = [Path(entry.replace("$ORIGIN", str(current.parent))
                        .replace("${ORIGIN}", str(current.parent))) for entry in links.search_path]
        for name in links.needed:
            carried = next((folder / name for folder in (*folders, *bundles)
                            if (folder / name).is_file()), None)
            if carried is not None:
                queue.append(carried.resolve())
            elif name not in asked:
                asked.add(name)
                absent = refusal(name)
                if absent is not None and absent not in missing:
                    missing[absent] = MissingLibrary(absent, current.name)
    return sorted(missing.values(), key=lambda m: m.file_name)


def qt_folder() -> Path | None:
    """PySide6's ``Qt`` folder (``lib/`` and ``plugins/``), found without importing Qt."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "PySide6" / "Qt"
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def xcb_will_be_used(environ: Mapping[str, str], qt: Path) -> bool:
    """Qt picks X11 when told to (QT_QPA_PLATFORM=xcb), or by default on an X11 display; on a
    Wayland session it prefers Wayland when its plugin is there."""
    if not sys.platform.startswith("linux") or not environ.get("DISPLAY"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen == "xcb"
    wayland_session = environ.get("WAYLAND_DISPLAY") and environ.get(
        "XDG_SESSION_TYPE") == "wayland"
    return not (wayland_session and any((qt / "plugins" / "platforms").glob("libqwayland*.so")))


def display_roots(qt: Path, environ: Mapping[str, str]) -> list[Path]:
    """The xcb platform plugin and Qt's widget and print libraries: what opening a window
    loads. QT_QPA_PLATFORM_PLUGIN_PATH, when set, is where Qt looks for the plugin."""
    plugins = environ.get("QT_QPA_PLATFORM_PLUGIN_PATH")
    plugin_folder = Path(plugins) if plugins else qt / "plugins" / "platforms"
    return [plugin_folder / "libqxcb.so", qt / "lib" / "libQt6Widgets.so.6",
            qt / "lib" / "libQt6PrintSupport.so.6"]


def missing_display_libraries(environ: Mapping[str, str] | None = None) -> list[MissingLibrary]:
    """What the window still needs from the system, or nothing when X11 is not what Qt uses."""
    environ = os.environ if environ is None else environ
    qt = qt_folder()
    if qt is None or not xcb_will_be_used(environ, qt):
        return []
    bundle = getattr(sys, "_MEIPASS", None)
    try:
        return missing_libraries(display_roots(qt, environ),
                                 bundle_dirs=[Path(bundle)] if bundle else [])
    except (OSError, ValueError, StopIteration, struct.error):
        # A file this check cannot read must not keep the window from opening: Qt, which
        # loads these files itself, has the last word.
        return []


def install_command(missing: Iterable[MissingLibrary]) -> str | None:
    """``sudo apt-get install libxcb-icccm4 libxcb-keysyms1``, or None when no package is known."""
    packages = sorted({m.package for m in missing if m.package})
    return "sudo apt-get install " + " ".join(packages) if packages else None


def missing_libraries_message(missing: list[MissingLibrary], language: str | None) -> str:
    """What to tell the officer, in Bahasa Indonesia and English (or only ``language``)."""
    command = install_command(missing)
    unknown = [m.file_name for m in missing if m.package is None]
    listed = "\n".join(f"  {m.file_name}" + (f" ({m.package})" if m.package else "")
                       for m in missing)
    indonesian = [
        "Banjar Enroll tidak dapat membuka jendelanya: pustaka sistem berikut, yang "
        "diperlukan Qt untuk tampilan X11, belum terpasang:", listed]
    english = [
        "Banjar Enroll cannot open its window: these system libraries, which Qt needs for "
        "the X11 display, are not installed:", listed]
    if command:
        indonesian += ["Pasang paketnya dengan perintah ini, lalu jalankan Banjar Enroll lagi:",
                       f"  {command}"]
        english += ["Install their packages with this command, then start Banjar Enroll again:",
                    f"  {command}"]
    for file_name in unknown:
        indonesian.append(f"Paket yang memuat {file_name} dapat dicari dengan: "
                          f"apt-file search {file_name}")
        english.append(f"The package holding {file_name} can be found with: "
                       f"apt-file search {file_name}")
    parts = {"id": "\n".join(indonesian), "en": "\n".join(english)}
    if language in parts:
        return parts[language]
    return parts["id"] + "\n\n" + parts["en"]
