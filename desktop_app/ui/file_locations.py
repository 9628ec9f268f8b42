"""Where the application's file dialogs open: the user's Documents folder, then the folder
last used.

Started from a desktop shortcut, the program's working folder is its own (on Windows under
``Program Files``, read-only), and Qt's file dialog falls back to the working folder when it
is given a folder that does not exist, such as a Documents folder never made on a fresh Linux
account, or a USB stick taken out since. So every save and open dialog (receipts to PDF,
Excel import and export) asks here: a remembered folder only while it exists, else Documents
(made when missing, as Qt's documentation says a writable location may have to be), else the
home folder. The folder of each chosen file is remembered in ``settings.ini``.
"""

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER = "files/last_folder"


def documents_folder() -> Path:
    """The user's Documents folder (``QStandardPaths``), made when it does not exist yet;
    the home folder when it cannot be made."""
    home = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation))
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    if not documents:
        return home
    try:
        Path(documents).mkdir(parents=True, exist_ok=True)
    except OSError:
        return home
    return Path(documents)


def start_folder(settings: QSettings) -> Path:
    """The folder last used, while it still exists; else Documents."""
    remembered = str(settings.value(LAST_FOLDER, "") or "")
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return documents_folder()


def remember_folder(settings: QSettings, chosen: Path) -> None:
    settings.setValue(LAST_FOLDER, str(chosen.parent))


def save_path(parent: QWidget, settings: QSettings, *, title: str, name: str,
              file_filter: str, suffix: str) -> Path | None:
    """Asks where to save a file proposed as ``name`` (None when cancelled); the chosen
    name gets ``suffix`` when it was typed without it."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(start_folder(settings) / name),
                                            file_filter)
    if not chosen:
        return None
    path = Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)
    remember_folder(settings, path)
    return path


def open_path(parent: QWidget, settings: QSettings, *, title: str,
              file_filter: str) -> Path | None:
    """Asks for a file to open (None when cancelled)."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(settings)),
                                            file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    remember_folder(settings, path)
    return path
