"""The ``banjar-enroll`` command line: headless commands for IT staff, scripts and tests.

With no command it starts the desktop application.
"""
