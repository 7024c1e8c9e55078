"""Part of the desktop window."""
