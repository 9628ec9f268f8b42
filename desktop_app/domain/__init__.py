"""The enrollment domain: pure Python, no Qt, no SQL, no HTTP.

NIK parsing, contribution rules, wilayah, banjar and occupation reference data, the enrollment
record and its one validation function. The laptop, the CLI, the Excel importer and the office
service all use these same rules.
"""
