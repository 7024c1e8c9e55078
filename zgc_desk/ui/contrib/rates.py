"""Tools → Exchange rates…: the rates foreign fees are shown in yuan at (``services.rates``)."""

from __future__ import annotations

from zgc_desk.i18n import N_
from zgc_desk.ui.registry import ActionSpec


def _rates(ctx):
    from zgc_desk.ui.dialogs.rates_dialog import RatesDialog  # imported late: fast start-up

    dialog = RatesDialog(ctx)
    dialog.open()
    return dialog


ACTIONS = [
    ActionSpec("exchange_rates", "tools", N_("E&xchange rates…"), _rates, icon="settings", order=110,
               tip=N_("Rates you enter to show foreign fees in yuan as well (never assumed)")),
]
