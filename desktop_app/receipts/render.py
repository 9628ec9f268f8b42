"""Painting receipts with QtGui: to a PDF file (QPdfWriter) or a printer (QPrinter).

The same function paints on either, so the GUI's print and the CLI's PDF are the same
receipt; no widget is needed, so the CLI works headless on the offscreen platform. Each
receipt is laid out first (every block measured at the device's resolution) and then painted:
a sheet (A4, A5) breaks onto a new page when it is full, a roll (80 mm, 58 mm) gets a page as
long as its receipt, so a thermal printer cuts right after it.

The text is DejaVu Sans, shipped in ``resources/fonts``: the same letters on every laptop,
with every character Indonesian text and the rupiah format need.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import segno
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from desktop_app.assets import resource_file
from desktop_app.atomic_files import replaced_whole
from desktop_app.domain.receipt import (
    Block,
    Field,
    Heading,
    Notice,
    Paragraph,
    QrCode,
    ReceiptFacts,
    Section,
    Signatures,
    receipt_blocks,
)
from desktop_app.receipts.papers import Paper

FONT_FAMILY = "DejaVu Sans"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
PDF_DPI = 300
QUIET_ZONE = 4  # modules of white around a QR code, as the standard asks
QR_CAPTION_GAP_MM = 3  # white under the QR's caption, before the lines that follow
_WRAP = Qt.TextFlag.TextWordWrap


def ensure_gui_application() -> QGuiApplication:
    """Fonts and painting need a QGuiApplication; outside the desktop application (the CLI,
    a self-test) one is made on the offscreen platform, which needs no screen."""
    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication(["banjar-enroll", "-platform", "offscreen"])
    if FONT_FAMILY not in QFontDatabase.families():
        for name in FONT_FILES:
            QFontDatabase.addApplicationFont(str(resource_file("fonts", name)))
    return app  # type: ignore[return-value]


@dataclass
class _Op:
    """One thing to paint, at a position relative to the top of its page."""

    kind: str  # text, box, line, qr
    rect: QRectF
    text: str = ""
    font: QFont | None = None
    flags: int = 0
    matrix: tuple = ()


@dataclass
class _Page:
    ops: list[_Op] = field(default_factory=list)
    height: float = 0.0  # px used, margins included


class _Layout:
    """Places blocks top to bottom on pages of ``paper`` at the device's resolution."""

    def __init__(self, paper: Paper, device: QPagedPaintDevice,
                 blocks: Sequence[Block]) -> None:
        self.paper, self.device = paper, device
        self.px = device.logicalDpiY() / 25.4  # device pixels per millimetre
        self.margin = paper.margin_mm * self.px
        self.width = (paper.width_mm - 2 * paper.margin_mm) * self.px
        self.limit = None if paper.is_roll else (paper.height_mm - paper.margin_mm) * self.px
        self.pages = [_Page()]
        self.y = self.margin
        self.qr_place: QRectF | None = None  # beside the signatures, on a sheet
        # the signatures reserve room for the QR beside them, caption included
        self.qr_caption = next((b.caption for b in blocks if isinstance(b, QrCode)), "")
        for block in blocks:
            self.add(block)

    def font(self, scale: float = 1.0, *, bold: bool = False) -> QFont:
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(self.paper.font_pt * scale)
        font.setBold(bold)
        # no "fi" ligatures: text copied from the PDF (or searched in it) reads as typed
        font.setFeature(QFont.Tag("liga"), 0)
        return font

    def width_of(self, text: str, font: QFont) -> float:
        return QFontMetricsF(font, self.device).horizontalAdvance(text)

    def height_of(self, text: str, font: QFont, width: float) -> float:
        metrics = QFontMetricsF(font, self.device)
        return metrics.boundingRect(QRectF(0, 0, width, 1e7), _WRAP, text).height()

    def reserve(self, height: float) -> float:
        """The top of a block of ``height``, on a new page when this one is full."""
        if self.limit is not None and self.y + height > self.limit and self.y > self.margin:
            self.pages.append(_Page())
            self.y = self.margin
        top = self.y
        self.y += height
        self.pages[-1].height = self.y + self.margin
        return top

    def gap(self, mm: float) -> None:
        self.y += mm * self.px

    def text(self, x: float, top: float, width: float, text: str, font: QFont,
             align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
        height = self.height_of(text, font, width)
        self.pages[-1].ops.append(_Op("text", QRectF(x, top, width, height), text, font,
                                      int(_WRAP) | int(align)))

    def add(self, block: Block) -> None:
        getattr(self, f"_{type(block).__name__.lower()}")(block)

    def _heading(self, block: Heading) -> None:
        title, subtitle = self.font(1.45, bold=True), self.font(0.9)
        center = Qt.AlignmentFlag.AlignHCenter
        height = self.height_of(block.text, title, self.width)
        top = self.reserve(height)
        self.text(self.margin, top, self.width, block.text, title, center)
        if block.subtitle:
            sub_height = self.height_of(block.subtitle, subtitle, self.width)
            self.text(self.margin, self.reserve(sub_height), self.width, block.subtitle,
                      subtitle, center)
        self.gap(2)

    def _notice(self, block: Notice) -> None:
        font, pad = self.font(0.95, bold=True), 1.5 * self.px
        inner = self.width - 2 * pad
        height = self.height_of(block.text, font, inner) + 2 * pad
        top = self.reserve(height)
        self.pages[-1].ops.append(_Op("box", QRectF(self.margin, top, self.width, height)))
        self.text(self.margin + pad, top + pad, inner, block.text, font,
                  Qt.AlignmentFlag.AlignHCenter)
        self.gap(1.5)

    def _section(self, block: Section) -> None:
        self.gap(1.5)
        font = self.font(1.05, bold=True)
        height = self.height_of(block.title, font, self.width) + 0.8 * self.px
        top = self.reserve(height)
        self.text(self.margin, top, self.width, block.title, font)
        line_y = top + height - 0.4 * self.px
        self.pages[-1].ops.append(_Op("line", QRectF(self.margin, line_y, self.width, 0)))
        self.gap(0.8)

    def _field(self, block: Field) -> None:
        label_font, value_font = self.font(0.9), self.font(1.0, bold=block.strong)
        if self.paper.two_columns:
            label_width = self.width * 0.36
            value_x, value_width = self.margin + label_width, self.width - label_width
            height = max(self.height_of(block.label, label_font, label_width - self.px),
                         self.height_of(block.value, value_font, value_width))
            top = self.reserve(height + 0.6 * self.px)
            self.text(self.margin, top, label_width - self.px, block.label, label_font)
            self.text(value_x, top, value_width, block.value, value_font)
            return
        label_width = self.width_of(block.label, label_font) + 2 * self.px
        if label_width + self.width_of(block.value, value_font) <= self.width:
            # a roll: label and value on one line when they fit, the value to the right
            height = max(self.height_of(block.label, label_font, self.width),
                         self.height_of(block.value, value_font, self.width))
            top = self.reserve(height + 0.4 * self.px)
            self.text(self.margin, top, label_width, block.label, label_font)
            self.text(self.margin + label_width, top, self.width - label_width, block.value,
                      value_font, Qt.AlignmentFlag.AlignRight)
            return
        label_height = self.height_of(block.label, label_font, self.width)
        value_height = self.height_of(block.value, value_font, self.width)
        top = self.reserve(label_height + value_height + 0.8 * self.px)
        self.text(self.margin, top, self.width, block.label, label_font)
        self.text(self.margin, top + label_height, self.width, block.value, value_font)

    def _paragraph(self, block: Paragraph) -> None:
        font = self.font(0.82)
        height = self.height_of(block.text, font, self.width)
        self.text(self.margin, self.reserve(height + 1.0 * self.px), self.width, block.text, font)

    def _signatures(self, block: Signatures) -> None:
        self.gap(2)
        caption, name = self.font(0.82), self.font(0.9)
        blank = 14 * self.px
        pairs = [(block.participant_label, block.participant_name),
                 (block.officer_label, block.officer_name)]
        if self.paper.two_columns:
            # a sheet: the two signatures side by side, and the QR code to their right
            qr_width = self.paper.qr_mm * self.px + 6 * self.px
            column = (self.width - qr_width - 6 * self.px) / 2
            height = blank + max(self.height_of(f"{label}\n{who}", name, column)
                                 for label, who in pairs)
            qr_height = self.qr_height(self.paper.qr_mm * self.px, qr_width)
            top = self.reserve(max(height, qr_height))
            for index, (label, who) in enumerate(pairs):
                x = self.margin + index * (column + 6 * self.px)
                self._signature(x, top, column, blank, label, who, caption, name)
            self.qr_place = QRectF(self.margin + self.width - qr_width, top, qr_width, 0)
            return
        for label, who in pairs:
            height = blank + self.height_of(f"{label}\n{who}", name, self.width)
            self._signature(self.margin, self.reserve(height), self.width, blank, label, who,
                            caption, name)

    def _signature(self, x: float, top: float, width: float, blank: float, label: str,
                   who: str, caption: QFont, name: QFont) -> None:
        self.pages[-1].ops.append(_Op("line", QRectF(x, top + blank, width, 0)))
        label_height = self.height_of(label, caption, width)
        self.text(x, top + blank + 0.5 * self.px, width, label, caption)
        self.text(x, top + blank + 0.5 * self.px + label_height, width, who, name)

    def qr_height(self, size: float, width: float) -> float:
        """A QR code of ``size`` with its caption under it, wrapped to ``width`` as it is
        painted (beside the signatures the caption takes two lines)."""
        caption = self.font(0.8)
        return size + self.height_of(self.qr_caption, caption, width)

    def _qrcode(self, block: QrCode) -> None:
        symbol = segno.make(block.text, error="m", micro=False)
        size = min(self.paper.qr_mm * self.px, self.width)
        place = self.qr_place
        if place is None:  # below everything, centred
            self.gap(2)
            place = QRectF(self.margin, self.reserve(self.qr_height(size, self.width)),
                           self.width, 0)
        left = place.left() + (place.width() - size) / 2
        self.pages[-1].ops.append(_Op("qr", QRectF(left, place.top(), size, size),
                                      matrix=tuple(symbol.matrix)))
        self.text(place.left(), place.top() + size, place.width(), block.caption,
                  self.font(0.8), Qt.AlignmentFlag.AlignHCenter)
        self.gap(QR_CAPTION_GAP_MM)


def _paint(painter: QPainter, page: _Page, px: float) -> None:
    black = QColor("black")
    for op in page.ops:
        if op.kind == "text":
            painter.setFont(op.font)
            painter.setPen(black)
            painter.drawText(op.rect, op.flags, op.text)
        elif op.kind == "box":
            painter.setPen(QPen(black, 0.3 * px))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(op.rect)
        elif op.kind == "line":
            painter.setPen(QPen(black, 0.2 * px))
            painter.drawLine(op.rect.topLeft(), QPointF(op.rect.right(), op.rect.top()))
        elif op.kind == "qr":
            _paint_qr(painter, op.rect, op.matrix)


def _paint_qr(painter: QPainter, rect: QRectF, matrix: tuple) -> None:
    """Dark modules as filled squares, inside a quiet zone of white."""
    count = len(matrix) + 2 * QUIET_ZONE
    module = rect.width() / count
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for row, modules in enumerate(matrix):
        y = rect.top() + (row + QUIET_ZONE) * module
        for column, dark in enumerate(modules):
            if dark:  # a hair larger, so neighbouring squares leave no seam
                painter.drawRect(QRectF(rect.left() + (column + QUIET_ZONE) * module, y,
                                        module * 1.02, module * 1.02))


def paint_receipts(device: QPagedPaintDevice, receipts: Sequence[ReceiptFacts], *,
                   paper: Paper, language: str) -> int:
    """Paints each receipt from a new page of ``device``; returns the number of pages."""
    ensure_gui_application()
    painter: QPainter | None = None
    pages = 0
    try:
        for facts in receipts:
            layout = _Layout(paper, device,
                             receipt_blocks(facts, language, short_months=paper.is_roll))
            for page in layout.pages:
                height_mm = paper.height_mm or page.height / layout.px
                device.setPageSize(QPageSize(QSizeF(paper.width_mm, height_mm),
                                             QPageSize.Unit.Millimeter, f"{paper.key}",
                                             QPageSize.SizeMatchPolicy.ExactMatch))
                device.setPageMargins(QMarginsF(0, 0, 0, 0))
                if painter is None:
                    painter = QPainter(device)
                    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                else:
                    device.newPage()
                _paint(painter, page, layout.px)
                pages += 1
    finally:
        if painter is not None:
            painter.end()
    return pages


def write_pdf(receipts: Sequence[ReceiptFacts], path: Path, *, paper: Paper,
              language: str = "id") -> int:
    """Writes the receipts into one PDF at ``path`` (replaced whole, never half-written);
    returns the number of pages."""
    if not receipts:
        raise ValueError("no receipts to write")
    ensure_gui_application()
    with replaced_whole(path) as partial:
        writer = QPdfWriter(str(partial))
        writer.setResolution(PDF_DPI)
        writer.setCreator("Banjar Enroll")
        writer.setTitle(f"Tanda terima {receipts[0].number}" if len(receipts) == 1
                        else f"Tanda terima ({len(receipts)})")
        try:
            pages = paint_receipts(writer, receipts, paper=paper, language=language)
        finally:
            del writer  # the file is complete, and closed, once the writer is gone
    return pages
