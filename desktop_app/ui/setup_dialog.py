"""First start: who the officer is, a PIN to lock the app later, the office server (optional)."""

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from desktop_app.store.officers import pin_problem
from desktop_app.store.registration import is_server_address
from desktop_app.ui.form_dialog import FormDialog


class SetupDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Banjar Enroll"))
        intro = QLabel(self.tr(
            "Before the first enrollment: who is using this laptop? The PIN will lock the "
            "application when you step away. The office server can be left empty: the "
            "application works fully offline."))
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.officer_code = QLineEdit()
        self.pin = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.pin_again = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.server = QLineEdit(placeholderText="https://kantor.example:8765")
        form = QFormLayout()
        form.addRow(self.tr("Officer's full name"), self.name)
        form.addRow(self.tr("Officer ID (NIP or agent number)"), self.officer_code)
        form.addRow(self.tr("PIN (4-8 digits)"), self.pin)
        form.addRow(self.tr("PIN again"), self.pin_again)
        form.addRow(self.tr("Office server (optional)"), self.server)
        self.lay_out(intro, form)
        self.resize(520, self.sizeHint().height())

    def problem_text(self) -> str | None:
        if not " ".join(self.name.text().split()):
            return self.tr("Fill in the officer's name.")
        if not self.officer_code.text().strip():
            return self.tr("Fill in the officer ID.")
        if pin_problem(self.pin.text()):
            return self.tr("The PIN must be 4 to 8 digits.")
        if self.pin.text() != self.pin_again.text():
            return self.tr("The two PINs differ: type the same PIN twice.")
        server = self.server.text().strip()
        if server and not is_server_address(server):
            return self.tr("The office server address starts with http:// or https://.")
        return None
