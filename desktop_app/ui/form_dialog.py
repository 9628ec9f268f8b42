"""A dialog of a few fields: a line under them saying what to fix, and OK/Cancel.

OK checks ``problem_text`` first; the dialog closes only when there is nothing to fix.
"""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)


class FormDialog(QDialog):
    def lay_out(self, *parts: QLayout | QWidget) -> None:
        """Stacks ``parts`` (forms, notes), then the problem line and the buttons."""
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in parts:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def problem_text(self) -> str | None:
        """What must be fixed before the answers can be used (None when they can)."""
        return None

    def accept(self) -> None:
        problem = self.problem_text()
        if problem:
            self.problem.setText(problem)
            return
        super().accept()
