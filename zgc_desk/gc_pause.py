"""Building a list of a hundred thousand objects without the cycle collector running over it.

Every few hundred new containers CPython's cycle collector runs, and ever more often over the whole
growing list: reading back 170,000 kept deadlines takes twice as long with it. Nothing built in these
passes forms a reference cycle, and what is dropped is freed by reference counting, so the collector
is paused for the pass and resumed (if it was running) after it.
"""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def collector_paused():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
