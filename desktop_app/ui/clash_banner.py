"""The banner above the enrollment form for a record whose unsent change clashed with a newer
office change (``store.rebase_rows``): which field, the value on this laptop (kept) and the
office's, and what happens next. A clash on an identity, money or consent field holds the
record until the officer saves it again, having chosen; saving clears the banner.

Its texts belong to the form's translation context (``EnrollmentForm``).
"""

from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.domain.form_definition import enrollment_form
from desktop_app.store.records import StoredEnrollment

STYLE = ("QLabel#clashBanner { background: #fff2a8; border: 1px solid #c9a400; "
         "border-radius: 3px; padding: 6px; }")


class ClashBanner(QLabel):
    """Hidden unless the record on the form has clashes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clashBanner")
        self.setStyleSheet(STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_for(self, editing: StoredEnrollment | None, language: str) -> None:
        clashes = editing.clash if editing is not None else ()
        if not clashes:
            self.hide()
            return
        labels = {f.field: f.label.in_language(language) for f in enrollment_form().fields()}
        line = QCoreApplication.translate(
            "EnrollmentForm", "{field}: on this laptop “{laptop}”, at the office “{office}”")
        lines = [line.format(
            field=escape(labels.get(c["field"], c["field"])),
            laptop=escape(c["laptop"][language]) or "—",
            office=escape(c["office"][language]) or "—") for c in clashes]
        if any(c["holds"] for c in clashes):
            ending = QCoreApplication.translate(
                "EnrollmentForm", "The office changed these too. The value on this laptop is "
                "kept but not sent until you choose: correct the field if the office is "
                "right, then save.")
        else:
            ending = QCoreApplication.translate(
                "EnrollmentForm", "The office changed these too. The value on this laptop is "
                "kept and goes at the next sync; the office keeps its value in the history.")
        self.setText("<b>" + escape(QCoreApplication.translate(
            "EnrollmentForm", "Changed at the office as well")) + "</b><br>"
                     + "<br>".join(lines) + "<br>" + escape(ending))
        self.show()
