"""Settings: the language, the office server's address, and registering with the office."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class SettingsDialog(QDialog):
    def __init__(self, *, language: str, server_url: str | None,
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
        note = QLabel(self.tr("A new language applies the next time the application starts."))
        note.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def accept(self) -> None:
        server = self.server.text().strip()
        if server and not server.startswith(("http://", "https://")):
            self.problem.setText(self.tr(
                "The office server address starts with http:// or https://."))
            return
        if self.code.text().strip() and not server:
            self.problem.setText(self.tr("Enter the office server to register with it."))
            return
        super().accept()
