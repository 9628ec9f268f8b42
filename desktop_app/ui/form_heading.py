"""The line beside the form's buttons: who is on screen, and where the form stands.

Saved (until the next keystroke), ready to save, or how many fields are left to fix; for a
record the office refused or holds for review, what the office said. Its texts belong to the
form's translation context (``EnrollmentForm``).
"""

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.domain.validation import CheckedEnrollment
from desktop_app.store.records import StoredEnrollment


def form_heading(editing: StoredEnrollment | None, checked: CheckedEnrollment, *,
                 changed: bool, language: str) -> str:
    """The heading for the record ``editing`` (None: a new one), checked as ``checked``;
    ``changed`` is whether anything was typed since it was saved or opened."""
    errors = len({i.field for i in checked.errors})
    if editing is not None and not changed:
        state = (QCoreApplication.translate("EnrollmentForm", "saved")
                 if editing.status is not EnrollmentStatus.DRAFT
                 else QCoreApplication.translate(
                     "EnrollmentForm", "saved as a draft, {count} field(s) to fix",
                 ).format(count=errors))
    elif errors:
        state = QCoreApplication.translate("EnrollmentForm", "{count} field(s) to fix").format(
            count=errors)
    else:
        state = QCoreApplication.translate("EnrollmentForm", "ready to save")
    if editing is None:
        return QCoreApplication.translate("EnrollmentForm", "New enrollment — {state}").format(
            state=state)
    heading = QCoreApplication.translate(
        "EnrollmentForm", "Editing {name} (revision {revision}) — {state}",
    ).format(name=editing.record.full_name, revision=editing.revision, state=state)
    return heading + _office_word(editing, language)


def _office_word(editing: StoredEnrollment, language: str) -> str:
    """Why the office refused this record, or that it waits for review: what to fix."""
    note = editing.office_note
    if not note or editing.status not in (EnrollmentStatus.REJECTED, EnrollmentStatus.CONFLICT):
        return ""
    if editing.status is EnrollmentStatus.CONFLICT:
        return " — " + QCoreApplication.translate(
            "EnrollmentForm", "the office holds this NIK with another name or birth data; a "
            "supervisor will decide")
    reasons = "; ".join(r["message"][language] for r in note.get("reasons", []))
    return " — " + QCoreApplication.translate(
        "EnrollmentForm", "refused by the office: {reasons}").format(reasons=reasons)
