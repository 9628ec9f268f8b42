"""The questions the enrollment form asks the officer, in one place so tests can answer them.

Their texts belong to the form's translation context (``EnrollmentForm``).
"""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_keep_as_draft(form: QWidget, errors: int) -> bool:
    answer = QMessageBox.question(
        form,
        QCoreApplication.translate("EnrollmentForm", "Incomplete form"),
        QCoreApplication.translate(
            "EnrollmentForm",
            "{count} field(s) still need fixing. Keep this person as a draft to finish later?",
        ).format(count=errors),
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_nik_changed(form: QWidget, name: str, nik: str) -> str:
    """A new NIK was typed over {name}, who is saved: the next person, or a corrected NIK?

    The default (Enter, Space) is the new person: it saves nothing and changes nobody, so it is
    safe to hit while typing on. No button has a mnemonic letter: a message box takes a bare
    letter as one, and the officer may still be typing a name."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("EnrollmentForm", "NIK changed"),
        QCoreApplication.translate(
            "EnrollmentForm",
            "The NIK {nik} was typed over {name}, who is already saved. Is this the next "
            "person, or a correction of {name}'s NIK?",
        ).format(name=name, nik=nik),
        parent=form,
    )
    box.setInformativeText(QCoreApplication.translate(
        "EnrollmentForm",
        "New person: the form is cleared and nothing is saved yet. Only this NIK, the birth "
        "date and sex it holds and the visit's place stay; consent is asked again.\n"
        "Correction: {name} keeps everything else and gets this NIK when you save; the old NIK "
        "stays in the history.",
    ).format(name=name))
    new = box.addButton(
        QCoreApplication.translate("EnrollmentForm", "New person with this NIK"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    correct = box.addButton(
        QCoreApplication.translate("EnrollmentForm", "Correct the NIK of {name}").format(name=name),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    cancel = box.addButton(
        QCoreApplication.translate("EnrollmentForm", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(new)
    box.setEscapeButton(cancel)
    box.exec()
    return {new: "new", correct: "correct"}.get(box.clickedButton(), "cancel")


def ask_unsaved(form: QWidget) -> str:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("EnrollmentForm", "Unsaved form"),
        QCoreApplication.translate("EnrollmentForm", "This form has changes that are not saved."),
        parent=form,
    )
    save = box.addButton(
        QCoreApplication.translate("EnrollmentForm", "Save"), QMessageBox.ButtonRole.AcceptRole
    )
    discard = box.addButton(
        QCoreApplication.translate("EnrollmentForm", "Discard"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.addButton(
        QCoreApplication.translate("EnrollmentForm", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.exec()
    return {save: "save", discard: "discard"}.get(box.clickedButton(), "cancel")


def ask_discard(form: QWidget) -> bool:
    """Esc asks this: Enter (or a second Esc) keeps the form; only Yes throws it away."""
    answer = QMessageBox.question(
        form,
        QCoreApplication.translate("EnrollmentForm", "Discard changes"),
        QCoreApplication.translate("EnrollmentForm", "Discard what was typed in this form?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def tell(form: QWidget, text: str) -> None:
    QMessageBox.information(
        form, QCoreApplication.translate("EnrollmentForm", "Banjar Enroll"), text
    )
