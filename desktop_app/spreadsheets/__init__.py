"""Excel in and out (openpyxl): worker lists imported, enrollments and recaps exported."""
