"""Argument types shared by the commands: a bad value is a usage error (exit 2) in plain words."""

from __future__ import annotations

import argparse
import datetime as dt

from zgc_desk.i18n import _


def iso_date(text: str) -> dt.date:
    from zgc_desk.dates import DateError, check_in_range

    try:
        return check_in_range(dt.date.fromisoformat(text))
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a date such as 2026-11-25, not {text}").format(text=text)) from None


def round_year(text: str) -> int:
    if text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    raise argparse.ArgumentTypeError(_("expected a year such as 2022, not {text}").format(text=text))
