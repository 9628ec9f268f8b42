"""F1: how the application is used, and its keyboard shortcuts."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Help"))
        text = QTextBrowser()
        text.setHtml(self.tr(
            "<h3>Enrolling at a banjar visit</h3>"
            "<ol><li>Start the visit (File &gt; Start visit): kecamatan, desa/kelurahan, banjar "
            "and date. New forms take the visit's place.</li>"
            "<li>Type the NIK from the ID card: birth date and sex fill in, and the place of "
            "issue is shown. A NIK already on this laptop is flagged with a link to its record."
            "</li><li>Fill in the rest. Red marks must be fixed before the form is ready; amber "
            "warnings are kept with the record and do not block it.</li>"
            "<li>Read out the consent text and tick it when the person agrees.</li>"
            "<li>Save with Ctrl+S, then Ctrl+N for the next person.</li></ol>"
            "<h3>Keyboard</h3><table>"
            "<tr><td>Enter / Tab</td><td>next field</td></tr>"
            "<tr><td>Ctrl+S</td><td>save</td></tr>"
            "<tr><td>Ctrl+N</td><td>next person (new form)</td></tr>"
            "<tr><td>Esc</td><td>discard the changes (asks first)</td></tr>"
            "<tr><td>Ctrl+F</td><td>search the list</td></tr>"
            "<tr><td>Ctrl+1 / Ctrl+2</td><td>form / list</td></tr>"
            "<tr><td>F1</td><td>this help</td></tr></table>"
            "<p>Dates can be typed as ddmmyyyy or dd/mm/yyyy. What is typed is kept every few "
            "seconds: after a power cut the next start offers to restore it.</p>"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.resize(560, 520)
