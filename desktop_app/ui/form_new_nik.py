"""A different NIK typed over a saved person: the next person, or a correction of this one?

After Ctrl+S the saved person stays on screen, and an officer with a queue types the next
person's NIK straight over it. Everything else on screen still belongs to the saved person, so
the form asks as soon as the officer moves on from the NIK field (and on saving, if the question
was not answered yet):

- a new person with this NIK (the default): the form is cleared; only the NIK, what it fills
  (birth date, sex) and the visit's place stay. Nothing is saved and the saved person is not
  touched, so an Enter or a Space typed on by a hurried officer costs nothing but a retyped
  field. Consent is never carried over: it is ticked for the new person after the text is read;
- a correction of the saved person's NIK: the edit goes on, and saving keeps the old NIK in the
  record's history;
- cancel: back to the NIK field, nothing changed; the question comes again.
"""

from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from desktop_app.ui.enrollment_form import EnrollmentForm

Answer = Literal["new", "correct", "cancel"]
# leaving the field for another field; a dialog or another window taking the focus is not that
_MOVING_ON = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
              Qt.FocusReason.MouseFocusReason, Qt.FocusReason.ShortcutFocusReason,
              Qt.FocusReason.OtherFocusReason)


class RetypedNik(QObject):
    """Watches the NIK field of a form showing a saved person, and asks what a new NIK means."""

    def __init__(self, form: "EnrollmentForm") -> None:
        super().__init__(form)
        self.form = form
        self._asking = False
        form.editors["nik"].widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent) and (
                event.reason() in _MOVING_ON):
            # asked once the focus has settled in the next field, not in the middle of moving
            QTimer.singleShot(0, self, self._moved_on)
        return False

    def typed_nik(self) -> str | None:
        """The NIK typed over the saved person, when it is a whole NIK other than theirs (and
        not one that another saved person holds: the form already offers to open that one)."""
        return self.form.session.retyped_nik({"nik": self.form.editors["nik"].raw()})

    def _moved_on(self) -> None:
        if not self._asking and self.form.isAncestorOf(QApplication.focusWidget()):
            self.settle()

    def settle(self) -> Answer | None:
        """Asks, when a new NIK was typed over the saved person, and does what was chosen.
        None when there is nothing to ask."""
        nik = self.typed_nik()
        if nik is None:
            return None
        form = self.form
        name = form.editing.record.full_name
        self._asking = True
        try:
            answer = form.ask_nik_changed(name, nik)
        finally:
            self._asking = False
        form.window().activateWindow()  # the keys go back to the form, not nowhere
        if answer == "new":
            form.start_new_person(nik)
            form.message.emit(QCoreApplication.translate(
                "EnrollmentForm", "A new person with NIK {nik}: fill in their details, then "
                "save. {name} stays saved as before.").format(nik=nik, name=name))
        elif answer == "correct":
            self.form.session.confirmed_nik = nik
        else:
            form.editors["nik"].widget.setFocus()
        return answer
