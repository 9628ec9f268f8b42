"""Settings: the language, the office server's address, registering with the office, and the
receipt paper."""

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from desktop_app.store.registration import is_server_address
from desktop_app.ui.form_dialog import FormDialog


class SettingsDialog(FormDialog):
    def __init__(self, *, language: str, server_url: str | None, paper: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.server = QLineEdit(server_url or "", placeholderText="https://kantor.example:8765")
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Office server (empty: offline only)"), self.server)
        self.code = QLineEdit(placeholderText="ABCD-EFGH-JKLM")
        self.code.setToolTip(self.tr("The one-time code the office gives to register this "
                                     "laptop (banjar-enroll office add-device)."))
        form.addRow(self.tr("Registration code (once)"), self.code)
        self.paper = QComboBox()
        for key, label in (("a4", self.tr("A4 sheet")), ("a5", self.tr("A5 sheet")),
                           ("80mm", self.tr("80 mm thermal roll")),
                           ("58mm", self.tr("58 mm thermal roll"))):
            self.paper.addItem(label, key)
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))
        form.addRow(self.tr("Receipt paper"), self.paper)
        note = QLabel(self.tr("A new language applies the next time the application starts."))
        note.setWordWrap(True)
        self.lay_out(form, note)

    def problem_text(self) -> str | None:
        server = self.server.text().strip()
        if server and not is_server_address(server):
            return self.tr("The office server address starts with http:// or https://.")
        if self.code.text().strip() and not server:
            return self.tr("Enter the office server to register with it.")
        return None
