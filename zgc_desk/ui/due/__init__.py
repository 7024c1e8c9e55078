"""The window side of the deadline engine: the Due list, the advisor view across firms, marking
deadlines done with undo, reminder lead times and the start-up summary. Added to the window by
``zgc_desk.ui.contrib.deadlines``."""
