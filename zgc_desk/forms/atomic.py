"""Crash-safe output for the filled-in forms: the program's one atomic writer
(:func:`zgc_desk.io.atomic.atomic_output`) — a temporary file beside the target, recorded while it
exists so that a killed run's leftover is removed at the next start, then renamed over the target."""

from __future__ import annotations

from zgc_desk.io.atomic import atomic_output

__all__ = ["atomic_output"]
