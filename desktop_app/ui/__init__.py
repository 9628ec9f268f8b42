"""The desktop application (PySide6). The only layer, with receipt painting, that imports Qt."""
