"""How every sheet the app writes prints: A4 landscape, one page wide and as many pages long as
it takes, the header row repeated on each page, narrow margins, cell borders, and the sheet's
name and page numbers in the header and footer.

Without it Excel and LibreOffice print portrait at 100 %, a few columns a page: the office
once got 16 pages for 4 records. One place for the laptop's and the office's workbooks.
"""

from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties

A4 = "9"  # the paper code of the OOXML page setup
MARGIN_INCHES = 0.4  # sides, top and bottom: room for the header and footer lines
HEADER_INCHES = 0.2
HEADER_HEIGHT = 30  # points: a header row of two wrapped lines


def set_print_layout(sheet: WriteOnlyWorksheet, *, title_rows: int = 1,
                     title_columns: str | None = None) -> None:
    """Prints ``sheet`` landscape on A4, fit to the page width (any number of pages down).
    ``title_rows`` rows from the top repeat on every page (0 for none: a sheet of several
    tables, each with its own header); ``title_columns`` (``"A:B"``) repeat at the left."""
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", A4
    setup.fitToWidth, setup.fitToHeight = 1, 0  # 0: as many pages down as needed
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    margins = sheet.page_margins
    margins.left = margins.right = margins.top = margins.bottom = MARGIN_INCHES
    margins.header = margins.footer = HEADER_INCHES
    sheet.print_options.horizontalCentered = True
    sheet.print_options.gridLines = True  # rows read across a wide page without a ruler
    if title_rows:
        sheet.print_title_rows = f"1:{title_rows}"
    if title_columns:
        sheet.print_title_cols = title_columns
    # &A is the sheet's name, &P the page and &N the pages (Excel's and LibreOffice's codes)
    sheet.oddHeader.left.text = "Banjar Enroll"
    sheet.oddHeader.right.text = "&A"
    sheet.oddFooter.right.text = "Halaman &P dari &N"
