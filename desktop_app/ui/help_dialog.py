"""F1: how the application is used, and its keyboard shortcuts.

The key table is built from the window's own actions (their shortcuts and menu texts), so a
shortcut added, changed or removed shows in the help without anyone remembering to.
"""

from collections.abc import Iterable, Sequence
from html import escape

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


def keyboard_actions(window: QMainWindow) -> list[QAction]:
    """Every action of the window that has a key: in menu order, then those no menu shows
    (such as the form's Ctrl+M)."""
    found: list[QAction] = []

    def take(actions: Iterable[QAction]) -> None:
        for action in actions:
            if action.menu() is not None:
                take(action.menu().actions())
            elif not action.shortcut().isEmpty() and action not in found:
                found.append(action)

    take(window.menuBar().actions())
    take(window.findChildren(QAction))
    return found


def action_label(action: QAction) -> str:
    """The menu text without its mnemonic marks and trailing ellipsis: ``&Save`` -> ``Save``."""
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.removesuffix("…").removesuffix("...").strip()


def action_keys(action: QAction) -> str:
    return " / ".join(keys.toString(QKeySequence.SequenceFormat.NativeText)
                      for keys in action.shortcuts())


class HelpDialog(QDialog):
    def __init__(self, actions: Sequence[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Help"))
        # Enter and Tab move on through the form's own key filter, not an action.
        self.keys: list[tuple[str, str]] = [
            ("Enter / Tab", self.tr("Next field")),
            *((action_keys(action), action_label(action)) for action in actions)]
        rows = "".join(f"<tr><td><b>{escape(keys)}</b>&nbsp;&nbsp;</td><td>{escape(does)}</td>"
                       "</tr>" for keys, does in self.keys)
        self.text = QTextBrowser()
        self.text.setHtml(self.tr(
            "<h3>Enrolling at a banjar visit</h3>"
            "<ol><li>Start the visit (File &gt; Start visit): kecamatan, desa/kelurahan, banjar "
            "and date. New forms take the visit's place.</li>"
            "<li>Type the NIK from the ID card: birth date and sex fill in, and the place of "
            "issue is shown. A NIK already on this laptop is flagged with a link to its record."
            "</li><li>Fill in the rest. Red marks must be fixed before the form is ready; amber "
            "warnings are kept with the record and do not block it.</li>"
            "<li>Read out the consent text and tick it when the person agrees.</li>"
            "<li>Save with Ctrl+S, then Ctrl+N for the next person.</li></ol>")
            + "<h3>" + self.tr("Keyboard") + "</h3><table>" + rows + "</table>"
            + self.tr(
                "<p>Dates can be typed as ddmmyyyy or dd/mm/yyyy. What is typed is kept every "
                "few seconds: after a power cut the next start offers to restore it.</p>"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(560, 600)
