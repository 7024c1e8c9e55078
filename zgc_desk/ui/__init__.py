"""The desktop window (PySide6 Widgets). Only this package imports Qt; it calls the services."""
