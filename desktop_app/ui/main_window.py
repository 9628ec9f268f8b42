"""The main window: the current visit, the enrollment form, the list, and the sync status."""

import socket
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from desktop_app import __version__
from desktop_app.domain.messages import Text, format_rupiah
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.form_drafts import FormDraftFile
from desktop_app.store.officers import SignedInOfficer
from desktop_app.store.receipts import visit_enrollment_ids
from desktop_app.store.registration import SyncStatus, server_url, set_server_url, sync_status
from desktop_app.store.visits import (
    VisitInfo,
    VisitRefused,
    VisitSummary,
    VisitTotals,
    end_visit,
    list_visits,
    resume_visit,
    start_visit,
    visit_info,
    visit_totals,
)
from desktop_app.ui.background import BackgroundTasks
from desktop_app.ui.enrollment_form import EnrollmentForm, FormContext
from desktop_app.ui.enrollment_list import EnrollmentList
from desktop_app.ui.help_dialog import HelpDialog, keyboard_actions
from desktop_app.ui.receipt_printing import PAPER_SETTING, ReceiptPrinting, chosen_paper
from desktop_app.ui.settings_dialog import SettingsDialog
from desktop_app.ui.spreadsheet_actions import SpreadsheetActions
from desktop_app.ui.sync_controller import SyncController
from desktop_app.ui.visit_dialog import VisitDialog
from desktop_app.ui.visit_list_dialog import VisitListDialog, totals_text
from desktop_app.ui.write_lane import NotWritten, WriteLane

STATUS_REFRESH_MS = 30_000
SERVER_TIMEOUT_S = 2.0
THE_VISIT = Text("Kunjungan", "The visit")  # what a visit's write names when it waits
THE_SETTINGS = Text("Alamat server kantor", "The office server's address")


def server_reachable(url: str) -> bool:
    """Whether the office server answers a TCP connection (run on a worker thread)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "", port), timeout=SERVER_TIMEOUT_S):
            return True
    except (OSError, ValueError):
        return False


class MainWindow(QMainWindow):
    def __init__(self, *, engine: Engine, data_dir: Path, settings: QSettings,
                 officer: SignedInOfficer, language: str = "id",
                 today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.engine = engine
        self.settings = settings
        self.officer = officer
        self.language = language
        self.today = today
        self.tasks = BackgroundTasks(self)  # reads
        self.lane = WriteLane(self, language=language)  # every write of the windows
        self.store = EnrollmentStore(engine)
        self._totals_asked = 0  # the bar shows only the latest refresh's totals
        self._shown_totals: tuple[uuid.UUID, VisitTotals] | None = None
        self.setWindowTitle(self.tr("Banjar Enroll — {officer}").format(officer=officer.name))
        self.context = FormContext(officer.id, self._remembered_visit(), today)
        self.form = EnrollmentForm(store=self.store, context=self.context,
                                   drafts=FormDraftFile(data_dir), language=language,
                                   lane=self.lane)
        self.list = EnrollmentList(engine, self.tasks, language=language)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.form, self.tr("Fo&rm"))
        self.tabs.addTab(self.list, self.tr("&List"))
        self.visit_label = QLabel()
        self.visit_label.setObjectName("visitLabel")
        visit_button = QPushButton(self.tr("Start visi&t…"))
        visit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        visit_button.clicked.connect(self.choose_visit)
        self.sync = SyncController(engine=engine, tasks=self.tasks, window=self,
                                   language=language)
        self.sync.finished.connect(self._after_sync)
        self.receipts = ReceiptPrinting(
            engine=engine, settings=settings, tasks=self.tasks, window=self,
            officer_id=officer.id, language=language, today=today,
            chosen=self._receipt_targets, visit=self._visit_receipts)
        self.spreadsheets = SpreadsheetActions(
            engine=engine, settings=settings, tasks=self.tasks, window=self,
            officer_id=officer.id, language=language, today=today,
            visit=lambda: self.context.visit, query=self.list.current_query)
        sync_button = QPushButton(self.tr("Sync (F9)"))
        sync_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        sync_button.clicked.connect(self.sync.action.trigger)
        self.sync.action.changed.connect(
            lambda: sync_button.setEnabled(self.sync.action.isEnabled()))
        bar = QHBoxLayout()
        bar.addWidget(self.visit_label, 1)
        bar.addWidget(sync_button)
        bar.addWidget(visit_button)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.pending_label, self.sync_label, self.server_label = QLabel(), QLabel(), QLabel()
        for label in (self.pending_label, self.sync_label, self.server_label):
            self.statusBar().addPermanentWidget(label)
        self._build_menus()
        self.form.saved.connect(self._after_save)
        self.form.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.receipts.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.spreadsheets.message.connect(
            lambda text: self.statusBar().showMessage(text, 8000))
        self.spreadsheets.imported.connect(lambda: self._after_save(None))
        print_button = QPushButton(self.tr("Print receipt (Ctrl+P)"))
        print_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        print_button.clicked.connect(self.receipts.print_action.trigger)
        self.form.button_row.insertWidget(1, print_button)
        self.form.open_existing.connect(self.open_existing_holder)
        self.list.open_requested.connect(self.open_enrollment)
        self._status_timer = QTimer(self, interval=STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()
        self._restore_layout()
        self.refresh_visit()
        self.refresh_status()

    # --- menus --------------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], object],
                keys: QKeySequence | QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(keys)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self._action(self.tr("Start &visit…"), self.choose_visit))
        file_menu.addAction(self._action(self.tr("&Resume visit…"), self.choose_resumed_visit))
        self.end_visit_action = self._action(self.tr("End &current visit…"), self.ask_end_visit)
        file_menu.addAction(self.end_visit_action)
        for action in (self.form.next_action, self.form.save_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # from the list too
            action.triggered.connect(self.show_form)
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (self.receipts.print_action, self.receipts.pdf_action,
                       self.receipts.visit_print_action, self.receipts.visit_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.spreadsheets.import_action)
        file_menu.addAction(self.spreadsheets.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.sync.action)
        file_menu.addAction(self._action(self.tr("Se&ttings…"), self.edit_settings))
        file_menu.addSeparator()
        # Ctrl+Q on every laptop: Qt's standard Quit key is empty on Windows, so the help
        # and the README would name a key that exists on only some of them.
        file_menu.addAction(self._action(self.tr("&Quit"), self.close, QKeySequence("Ctrl+Q")))
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.form.discard_action)
        edit_menu.addAction(self._action(self.tr("&Find"), self.focus_search,
                                         QKeySequence.StandardKey.Find))
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self._action(self.tr("Fo&rm"), self.focus_form,
                                         QKeySequence("Ctrl+1")))
        view_menu.addAction(self._action(self.tr("&List"), self.show_list,
                                         QKeySequence("Ctrl+2")))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&Help"), self.show_help,
                                         QKeySequence.StandardKey.HelpContents))
        help_menu.addAction(self._action(self.tr("&About Banjar Enroll"), self.show_about))

    def show_form(self) -> None:
        self.tabs.setCurrentWidget(self.form)

    def show_list(self) -> None:
        self.tabs.setCurrentWidget(self.list)

    def focus_search(self) -> None:
        self.show_list()
        self.list.search_box.setFocus()
        self.list.search_box.selectAll()

    def focus_form(self) -> None:
        """Ctrl+1: the form, with the cursor in the NIK, where every person starts; its text is
        selected so typing replaces it."""
        self.show_form()
        nik = self.form.editors["nik"].widget
        nik.setFocus(Qt.FocusReason.ShortcutFocusReason)
        nik.selectAll()

    def show_help(self) -> None:
        """F1: opened, not run in a loop of its own, so Esc and the keyboard work as anywhere."""
        dialog = HelpDialog(keyboard_actions(self), self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Banjar Enroll"), self.tr(
            "Banjar Enroll {version}\nEnrollment of informal workers (BPU) into BPJS "
            "Ketenagakerjaan.").format(version=__version__))

    # --- visit --------------------------------------------------------------------------------

    def _remembered_visit(self) -> VisitInfo | None:
        """The visit in force when the window last closed, unless it has ended since."""
        remembered = self.settings.value("visit/last")
        try:
            visit = visit_info(self.engine, uuid.UUID(str(remembered))) if remembered else None
        except ValueError:
            return None
        return visit if visit is not None and visit.is_open else None

    def choose_visit(self) -> None:
        """File > Start visit: opened, not run in a loop of its own, so the window (and a
        test's keyboard) keeps working while it is up."""
        dialog = VisitDialog(self.today(), self.context.visit, self, language=self.language)
        dialog.accepted.connect(lambda: self.start_visit(*dialog.chosen))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def start_visit(self, desa_code: str, banjar: str, day: date) -> None:
        """Starts the visit, or resumes the open one at the same place on the same day (its
        people and cash stay together)."""
        engine, officer_id, today = self.engine, self.officer.id, self.today()
        try:
            summary = self.lane.run_and_wait(
                lambda: start_visit(engine, desa_code=desa_code, banjar=banjar,
                                    visit_date=day, officer_id=officer_id, today=today),
                what=THE_VISIT)
        except NotWritten:
            return
        except VisitRefused as refused:
            QMessageBox.warning(self, self.tr("Visit not started"), "\n".join(
                issue.message.in_language(self.language) for issue in refused.issues))
            return
        self._enter_visit(summary)
        if summary.resumed:
            self.statusBar().showMessage(self.tr(
                "The open visit at {place} on {day} goes on: {count} enrolled so far.").format(
                    place=summary.place(), day=f"{summary.visit_date:%d-%m-%Y}",
                    count=summary.enrollments), 8000)

    def _enter_visit(self, summary: VisitSummary) -> None:
        self.context.visit = summary.info()
        self.settings.setValue("visit/last", str(summary.id))
        self.list.reload_visits()
        if not self.form.is_dirty and self.form.editing is None:
            self.form.start_new()  # the blank form moves to the visit's place
        self.refresh_visit()

    def choose_resumed_visit(self) -> None:
        """File > Resume visit: the visits with their totals (priced on a worker)."""
        current = self.context.visit.id if self.context.visit is not None else None
        self.tasks.start(lambda: list_visits(self.engine, limit=100, with_totals=True),
                         on_done=lambda visits: self._offer_visits(visits, current))

    def _offer_visits(self, visits: list[VisitSummary], current: uuid.UUID | None) -> None:
        dialog = VisitListDialog(visits, current=current, parent=self)
        dialog.accepted.connect(lambda: self.resume_visit(dialog.chosen()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def resume_visit(self, visit_id: uuid.UUID) -> None:
        engine = self.engine
        try:
            summary = self.lane.run_and_wait(lambda: resume_visit(engine, visit_id),
                                             what=THE_VISIT)
        except NotWritten:
            return
        self._enter_visit(summary)
        self.statusBar().showMessage(self.tr("Visit resumed: {place} on {day}.").format(
            place=summary.place(), day=f"{summary.visit_date:%d-%m-%Y}"), 8000)

    def ask_end_visit(self) -> None:
        """File > End visit: asks first, showing the visit's people and money."""
        visit = self.context.visit
        if visit is None:
            return
        visit_id = visit.id
        self.tasks.start(lambda: visit_totals(self.engine, visit_id),
                         on_done=lambda totals: self._confirm_end(visit_id, totals))

    def _confirm_end(self, visit_id: uuid.UUID, totals: VisitTotals) -> None:
        visit = self.context.visit
        if visit is None or visit.id != visit_id:  # another visit was chosen meanwhile
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("End visit"), self.tr(
            "End the visit at {place} on {day}?").format(
                place=visit.place(),
                day=f"{visit.visit_date:%d-%m-%Y}"), parent=self)
        box.setObjectName("endVisitQuestion")
        box.setInformativeText(totals_text(totals, self.language) + "\n\n" + self.tr(
            "An ended visit can be resumed from File > Resume visit."))
        end_button = box.addButton(self.tr("&End visit"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)  # Enter alone never ends a visit
        box.setEscapeButton(cancel)
        box.finished.connect(
            lambda _: self._end_visit(visit_id) if box.clickedButton() is end_button else None)
        box.finished.connect(box.deleteLater)
        box.open()

    def _end_visit(self, visit_id: uuid.UUID) -> None:
        engine = self.engine
        try:
            summary = self.lane.run_and_wait(lambda: end_visit(engine, visit_id),
                                             what=THE_VISIT)
        except NotWritten:
            return
        self.context.visit = None
        self.settings.remove("visit/last")
        self.list.reload_visits()
        self.refresh_visit()
        totals = summary.totals
        self.statusBar().showMessage(self.tr(
            "Visit ended: {place}, {day} · {people} people · cash {collected} · sponsored "
            "{sponsored}").format(
                place=summary.place(), day=f"{summary.visit_date:%d-%m-%Y}",
                people=totals.enrollments, collected=format_rupiah(totals.collected),
                sponsored=format_rupiah(totals.sponsored)), 15000)

    def refresh_visit(self) -> None:
        visit = self.context.visit
        self.end_visit_action.setEnabled(visit is not None)
        if visit is None:
            self._totals_asked += 1  # totals still on their way are for no visit now
            self.visit_label.setText(self.tr(
                "No visit started: File > Start visit to enroll at a banjar."))
            self.visit_label.setToolTip("")
            return
        place = visit.place()
        day = f"{visit.visit_date:%d-%m-%Y}"
        if visit.visit_date != self.today():  # enrollments are dated on the visit's day
            day = self.tr("{day} (not today: start a visit for today's meeting)").format(day=day)
        self._totals_asked += 1
        asked, visit_id = self._totals_asked, visit.id
        if self._shown_totals is not None and self._shown_totals[0] == visit_id:
            # the figures officers reconcile stay on the bar until the new ones arrive
            self._show_totals(asked, visit_id, place, day, self._shown_totals[1])
        else:
            self.visit_label.setText(self.tr("Visit: {place} · {day}").format(place=place,
                                                                             day=day))
        self.tasks.start(lambda: visit_totals(self.engine, visit_id),
                         on_done=lambda totals: self._show_totals(asked, visit_id, place, day,
                                                                  totals))

    def _show_totals(self, asked: int, visit_id: uuid.UUID, place: str, day: str,
                     totals: VisitTotals) -> None:
        if asked != self._totals_asked:
            return  # a later refresh (a save, another visit, the end) asked again
        self._shown_totals = (visit_id, totals)
        self.visit_label.setText(self.tr(
            "Visit: {place} · {day} · {count} enrolled · {collected} collected").format(
                place=place, day=day, count=totals.enrollments,
                collected=format_rupiah(totals.collected)))
        self.visit_label.setToolTip(self.tr("Paid by the city, province, state, desa adat or "
                                            "sponsors: {amount}").format(
                                                amount=format_rupiah(totals.sponsored)))

    # --- records ------------------------------------------------------------------------------

    def open_enrollment(self, enrollment_id: uuid.UUID) -> None:
        if self.form.is_dirty:
            choice = self.form.ask_unsaved()
            if choice == "cancel" or (choice == "save" and not self.form.save()):
                return
        self.form.open_stored(self.store.get(enrollment_id))
        self.show_form()

    def open_existing_holder(self, enrollment_id: uuid.UUID) -> None:
        """From "open existing record": the typed form duplicates that person, so it cannot
        be saved; only what was typed beyond the NIK is worth a question."""
        if self.form.typed_beyond_nik() and not self.form.ask_discard():
            return
        self.form.open_stored(self.store.get(enrollment_id))
        self.show_form()

    def _receipt_targets(self) -> list[uuid.UUID]:
        """Whom Print and Save as PDF are for: the rows chosen in the list, or the person in
        the form (saved first when it has changes)."""
        if self.tabs.currentWidget() is self.list:
            return self.list.selected_ids()
        if self.form.is_dirty and not self.form.save():
            return []
        return [self.form.editing.id] if self.form.editing is not None else []

    def _visit_receipts(self) -> list[uuid.UUID]:
        visit = self.context.visit
        return visit_enrollment_ids(self.engine, visit.id) if visit is not None else []

    def _after_sync(self) -> None:
        self.list.refresh()
        self.refresh_visit()
        self.refresh_status()

    def _after_save(self, _stored: object) -> None:
        self.list.refresh()
        self.list.reload_visits()
        self.refresh_visit()
        self.refresh_status()

    # --- status bar ---------------------------------------------------------------------------

    def refresh_status(self) -> None:
        """Counting what waits to sync reads every ready record: a worker does it."""
        self.tasks.start(lambda: sync_status(self.engine), on_done=self._show_status)

    def _show_status(self, status: SyncStatus) -> None:
        self.pending_label.setText(self.tr("Waiting to sync: {count}").format(
            count=status.pending))
        last = (status.last_sync_at.astimezone().strftime("%d-%m-%Y %H:%M")
                if status.last_sync_at else self.tr("never"))
        self.sync_label.setText(self.tr("Last sync: {when}").format(when=last))
        summary = self.sync.last_summary  # the same line the sync's message and dialog show
        self.sync_label.setToolTip(summary.headline.in_language(self.language)
                                   if summary else "")
        if not status.server_url:
            self.server_label.setText(self.tr("Office server: not set (offline)"))
            return
        url = status.server_url
        self.tasks.start(lambda: server_reachable(url), on_done=self._show_server)

    def _show_server(self, reachable: object) -> None:
        self.server_label.setText(self.tr("Office server: reachable") if reachable
                                  else self.tr("Office server: not reachable"))

    # --- settings -----------------------------------------------------------------------------

    def edit_settings(self) -> None:
        dialog = SettingsDialog(language=self.language, server_url=server_url(self.engine),
                                paper=chosen_paper(self.settings).key, parent=self)
        if dialog.exec():
            self.settings.setValue("ui/language", dialog.language.currentData())
            self.settings.setValue(PAPER_SETTING, dialog.paper.currentData())
            engine, url = self.engine, dialog.server.text()
            try:
                self.lane.run_and_wait(lambda: set_server_url(engine, url), what=THE_SETTINGS)
            except NotWritten:
                return
            if dialog.code.text().strip():
                self.sync.register(dialog.server.text().strip(), dialog.code.text().strip())
            self.refresh_status()

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 740)
        columns = self.settings.value("list/columns")
        if columns is not None:
            self.list.table.horizontalHeader().restoreState(columns)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self.form.is_dirty:
            self.form.save_draft()  # offered again at the next start
        else:
            self.form.forget_draft()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("list/columns",
                               self.list.table.horizontalHeader().saveState())
        self.settings.sync()
        self._status_timer.stop()
        self.lane.close()
        self.tasks.wait()
        super().closeEvent(event)
