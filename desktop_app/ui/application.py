"""The composition root of the desktop application: builds the objects and hands them down.

First start asks who the officer is; a form left unsaved by a crash is offered back.
"""

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import Engine

from desktop_app.assets import resource_file
from desktop_app.store.database import DATABASE_FILE, DatabaseUnavailable, open_database
from desktop_app.store.integrity import DatabaseDamaged
from desktop_app.store.officers import NoOfficerError, SignedInOfficer, sign_in, signed_in_officer
from desktop_app.store.registration import set_server_url
from desktop_app.ui.database_guard import DatabaseGuard, show_refusal
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.setup_dialog import SetupDialog

SETTINGS_FILE = "settings.ini"
QT_DIALOGS = "qt-dialogs"  # the object name of the translator of Qt's own dialogs


def install_qt_dialog_translator(app: QApplication) -> None:
    """Qt's own dialogs and widgets (file, print and print-preview dialogs, message box buttons,
    right-click menus) in Bahasa Indonesia. Qt ships no Indonesian translation of them, so
    ``qtbase_id.ts`` holds ours, in Qt's contexts. Installed before the application's own, so
    the application's translations are looked up first."""
    translator = QTranslator(app)
    translator.setObjectName(QT_DIALOGS)
    if translator.load(QLocale(QLocale.Language.Indonesian),
                       "qtbase", "_", str(resource_file("translations"))):
        app.installTranslator(translator)


def install_translator(app: QApplication, language: str) -> QTranslator | None:
    """Bahasa Indonesia unless English is asked for (source strings are English), for the
    application's texts and Qt's own dialogs. The locale follows, so calendars name the months
    in the same language. Returns the application's translator."""
    for earlier in app.findChildren(QTranslator, QT_DIALOGS):  # a language chosen again
        app.removeTranslator(earlier)
        earlier.deleteLater()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return None
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    install_qt_dialog_translator(app)
    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Language.Indonesian),
                       "banjar_enroll", "_", str(resource_file("translations"))):
        app.installTranslator(translator)
        return translator
    return None


def app_settings(data_dir: Path) -> QSettings:
    """Window layout, last visit and language, kept beside the database they belong to."""
    return QSettings(str(data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)


def officer_for_session(engine: Engine,
                        parent: QWidget | None = None) -> SignedInOfficer | None:
    """The signed-in officer; on first start, asks who it is (None when the officer cancels)."""
    try:
        return signed_in_officer(engine)
    except NoOfficerError:
        pass
    dialog = SetupDialog(parent)
    if not dialog.exec():
        return None
    officer = sign_in(engine, name=dialog.name.text(),
                      officer_code=dialog.officer_code.text(), pin=dialog.pin.text())
    set_server_url(engine, dialog.server.text())
    return officer


def offer_draft(window: MainWindow) -> None:
    """A form that was being typed when the application stopped comes back if wanted. Either
    way the officer's first keys then go to the form's NIK."""
    draft = window.form.drafts.load()
    if draft is not None:
        state = draft["state"]
        who = " ".join(str(state.get(k) or "") for k in ("full_name", "nik")).strip() or "—"
        answer = QMessageBox.question(
            window, QCoreApplication.translate("Application", "Restore unsaved form?"),
            QCoreApplication.translate(
                "Application",
                "A form was not saved when the application last stopped ({who}). Restore it?",
            ).format(who=who))
        if answer == QMessageBox.StandardButton.Yes:
            window.form.restore_draft(draft)
        else:
            window.form.forget_draft()
    # The focus the form gave its NIK while it was being built was lost when it was put in
    # the window, and a question takes the keys: they come back to the NIK, whatever the
    # answer (the form's shortcuts, Esc among them, work only while the focus is in it).
    window.show_form()
    window.activateWindow()
    window.form.editors["nik"].widget.setFocus()


def open_main_window(*, data_dir: Path, language: str | None) -> MainWindow | None:
    """Everything up to the main window on screen (None when first start was cancelled)."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Banjar Enroll")
    app.setOrganizationName("banjar-enroll")
    settings = app_settings(data_dir)
    language = language or str(settings.value("ui/language", "id"))
    install_translator(app, language)
    engine = open_database(data_dir)
    officer = officer_for_session(engine)
    if officer is None:
        return None
    window = MainWindow(engine=engine, data_dir=data_dir, settings=settings, officer=officer,
                        language=language)
    window.show()
    guard = DatabaseGuard(database=data_dir / DATABASE_FILE, tasks=window.tasks, window=window,
                          language=language)
    guard.message.connect(lambda text: window.statusBar().showMessage(text, 30000))
    guard.back_up_if_due()  # on a worker: the window is already usable
    return window


def run_application(*, data_dir: Path, language: str | None) -> int:
    """Started from a desktop icon there is no terminal: a start-up failure is shown in a
    window too, not only on stderr."""
    try:
        window = open_main_window(data_dir=data_dir, language=language)
    except DatabaseUnavailable as failure:
        QMessageBox.critical(None, "Banjar Enroll", QCoreApplication.translate(
            "Application", "Banjar Enroll cannot open its data.\n\n{reason}").format(
                reason=failure))
        raise
    except DatabaseDamaged as refusal:  # nothing was written; the message says what to do
        show_refusal(None, refusal, language or str(
            app_settings(data_dir).value("ui/language", "id")))
        raise
    if window is None:
        return 0
    offer_draft(window)
    return QApplication.instance().exec()
