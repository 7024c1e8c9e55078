"""Argument types shared by the commands: a bad value is a usage error (exit 2) in plain words."""

from __future__ import annotations

import argparse
import datetime as dt

from zgc_desk.i18n import _


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a date such as 2026-11-25, not {text}").format(text=text)) from None


def round_year(text: str) -> int:
    if text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    raise argparse.ArgumentTypeError(_("expected a year such as 2022, not {text}").format(text=text))
