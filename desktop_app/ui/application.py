"""The composition root of the desktop application: builds the objects and hands them down."""

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop_app.assets import resource_file
from desktop_app.store.database import DATABASE_FILE, open_database
from desktop_app.ui.main_window import MainWindow


def install_translator(app: QApplication, language: str) -> QTranslator | None:
    """Bahasa Indonesia unless English is asked for (source strings are English)."""
    if language == "en":
        return None
    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Language.Indonesian),
                       "banjar_enroll", "_", str(resource_file("translations"))):
        app.installTranslator(translator)
        return translator
    return None


def run_application(*, data_dir: Path, language: str) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Banjar Enroll")
    app.setOrganizationName("banjar-enroll")
    install_translator(app, language)
    engine = open_database(data_dir)
    window = MainWindow(engine, data_dir / DATABASE_FILE)
    window.resize(1100, 700)
    window.show()
    return app.exec()
