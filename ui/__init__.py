"""The Qt user interface (PySide6): the only place that imports Qt."""
