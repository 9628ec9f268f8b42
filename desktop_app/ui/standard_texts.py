"""Qt's own button texts (OK, Cancel, Yes, No, Close), offered for translation.

Qt ships no Indonesian translation of its standard buttons; it looks their texts up in the
``QPlatformTheme`` context, so listing them here puts them in our .ts file and every dialog's
buttons speak Bahasa Indonesia too. Nothing calls this module at run time.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

STANDARD_BUTTON_TEXTS = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
)
