"""Offices by name: a country's or regional office's name in the interface language beside its code
("US 美国", "EP 欧洲专利局"), for people; the code alone stays for the command line and JSON."""

from __future__ import annotations

import functools

from zgc_desk.i18n import N_, _, current_language

REGIONAL_OFFICES = {
    "EP": N_("European Patent Office"), "EA": N_("Eurasian Patent Office"), "OA": N_("OAPI"),
    "AP": N_("ARIPO"), "GC": N_("GCC Patent Office"), "EM": N_("EU Intellectual Property Office"),
    "WO": N_("WIPO"),
}


@functools.lru_cache(maxsize=512)
def _territory(language: str, code: str) -> str:
    from babel import Locale

    return Locale.parse(language).territories.get(code, "")


def office_name(code: str) -> str:
    """The office's code with its name in the current language: "US 美国"; the code alone when the
    name is not known, "" for none."""
    if not code:
        return ""
    name = _(REGIONAL_OFFICES[code]) if code in REGIONAL_OFFICES else _territory(current_language(), code)
    return f"{code} {name}".strip()
