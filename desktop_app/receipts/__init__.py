"""Enrollment receipts: numbered, signed and painted to PDF or a printer (QtGui, no widgets)."""
