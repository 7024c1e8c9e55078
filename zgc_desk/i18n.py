"""Translation and locale-aware formatting: the one module the rest of the code imports for them.

Message ids are English; the Chinese catalogue lives in ``i18n/zh_CN/LC_MESSAGES/zgc_desk.mo``.
``_`` looks the translation up at call time, so switching language affects every later call.
Module-level labels are marked with ``N_`` and translated where they are shown.

A word with two meanings gets a context, so that each meaning has its own translation: "Office" is
a patent office (受理局) in the Due list but a country or region (国家/地区) in the session report.
Use ``pgettext(context, message)`` where the text is shown, or ``NP_(context, message)`` for a
label kept in a table and translated later with ``_``. The catalogue (``i18n/zh_CN/LC_MESSAGES/
zgc_desk.po``) is the one file to edit; ``tools/i18n.py`` extracts, updates, checks and compiles it.
"""

from __future__ import annotations

import datetime as _dt
import gettext
import locale as _syslocale
import os
from decimal import Decimal

from babel import Locale
from babel import dates as _bdates
from babel import numbers as _bnumbers

from zgc_desk.paths import i18n_dir

DOMAIN = "zgc_desk"
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language: str = DEFAULT_LANGUAGE
# babel parses a locale string on every call (~0.3 ms); formatting 100k rows needs the parsed object.
_locale: Locale = Locale.parse(DEFAULT_LANGUAGE)


def system_language() -> str:
    """zh_CN unless the system's locale is clearly another supported language."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            break
    else:
        value = (_syslocale.getlocale()[0] or "") if hasattr(_syslocale, "getlocale") else ""
    return "en" if value.lower().startswith("en") else DEFAULT_LANGUAGE


def normalise_language(lang: str | None) -> str:
    if not lang:
        return system_language()
    lang = lang.replace("-", "_")
    if lang.lower().startswith("en"):
        return "en"
    if lang.lower().startswith("zh"):
        return "zh_CN"
    raise ValueError(lang)


def set_language(lang: str | None) -> str:
    """Switch the active language; returns the language actually set."""
    global _translation, _language, _locale
    _language = normalise_language(lang)
    _locale = Locale.parse(_language)
    if _language == "en":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(
            DOMAIN, localedir=str(i18n_dir()), languages=[_language], fallback=True
        )
    return _language


def current_language() -> str:
    return _language


def current_locale() -> Locale:
    return _locale


class Contextual(str):
    """A message id that carries its context (made by ``NP_``); ``_`` looks it up in that context."""

    def __new__(cls, context: str, message: str):
        made = super().__new__(cls, message)
        made.context = context
        return made


# ---- translated messages, cached ---------------------------------------------------------------
# A deadline list of 100,000 patents asks for the same few dozen messages over a million times, and
# each gettext lookup costs a catalogue search and a fallback check: the answers are kept per
# translation in use. A change of translation (``set_language``, or a test putting its own catalogue
# in place) starts new, empty caches at the next call; a cache is never cleared under a thread still
# filling it, so a computation running off the GUI thread while the language changes cannot leave
# words of the old language in the new language's cache.
_CACHE_LIMIT = 50_000  # entries; past it a cache starts again (text passed through ``_`` is not bounded)


class LanguageCache:
    """Values built from translated text (e.g. the pieces of a deadline's basis sentence), kept for
    the translation in use: ``current()`` is the dict for it, a new one after a change."""

    __slots__ = ("_pair",)

    def __init__(self) -> None:
        self._pair: tuple[object, dict] = (None, {})

    def pair(self) -> tuple[gettext.NullTranslations, dict]:
        """The translation in use and its dict (read together: fill the dict from that translation)."""
        pair = self._pair
        translation = _translation
        if pair[0] is not translation:
            pair = self._pair = (translation, {})
        return pair  # type: ignore[return-value]

    def current(self) -> dict:
        cache = self.pair()[1]
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        return cache


_messages = LanguageCache()  # message -> translation
_in_context = LanguageCache()  # (context, message) -> translation
_plurals = LanguageCache()  # (context or None, singular, plural, n) -> translation


def _keep(cache: dict, key, value: str) -> str:
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


def _(message: str) -> str:
    translation, cache = _messages.pair()
    if type(message) is str:  # a Contextual compares equal to its plain text: never look it up here
        found = cache.get(message)
        if found is None:
            found = _keep(cache, message, translation.gettext(message))
        return found
    context = getattr(message, "context", None)
    if context is None:
        return translation.gettext(message)
    return pgettext(context, message)


def N_(message: str) -> str:
    """Mark a module-level string for extraction; translate it with ``_`` where it is shown."""
    return message


def NP_(context: str, message: str) -> str:
    """Like ``N_``, for a word that needs a context: ``_`` of the result translates it in that context."""
    return Contextual(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    translation, cache = _plurals.pair()
    key = (None, singular, plural, n)
    found = cache.get(key)
    if found is None:
        found = _keep(cache, key, translation.ngettext(singular, plural, n))
    return found


def pgettext(context: str, message: str) -> str:
    translation, cache = _in_context.pair()
    key = (context, str(message))
    found = cache.get(key)
    if found is None:
        found = _keep(cache, key, translation.pgettext(context, message))
    return found


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    translation, cache = _plurals.pair()
    key = (context, singular, plural, n)
    found = cache.get(key)
    if found is None:
        found = _keep(cache, key, translation.npgettext(context, singular, plural, n))
    return found


# ---- formatting -------------------------------------------------------------------------------

# Two date styles per language, everywhere: the short one is ISO (2026-11-25: what clerks, the offices'
# systems and the command line write, and what sorts), the long one the language's own
# (2026年11月25日 / November 25, 2026) for sentences, headings and documents.
SHORT_STYLES = frozenset({"iso", "short"})


def format_date(value: _dt.date | None, fmt: str = "long") -> str:
    """A date in the short style (``"iso"``/``"short"``) or the long one (any other ``fmt``)."""
    if value is None:
        return ""
    if fmt in SHORT_STYLES:
        return value.isoformat()
    return _bdates.format_date(value, format="long", locale=_locale)


def format_month(value: _dt.date) -> str:
    """A month and its year: "January 2027" / "2027年1月" (each language's own order)."""
    return _bdates.format_skeleton("yMMMM", value, locale=_locale)


def format_datetime(value: _dt.datetime | None, fmt: str = "long") -> str:
    """A date and time in the same two styles: ``2026-11-25 09:05`` (short) or the long date with the time."""
    if value is None:
        return ""
    clock = f"{value.hour:02d}:{value.minute:02d}"
    if fmt in SHORT_STYLES:
        return f"{value.date().isoformat()} {clock}"
    return f"{format_date(value.date(), 'long')} {clock}"


def format_money(amount: int | float | Decimal | None, currency: str = "CNY") -> str:
    """Money in the active locale, e.g. ``¥1,234.00`` (zh_CN) or ``CN¥1,234.00`` (en)."""
    if amount is None:
        return ""
    return _bnumbers.format_currency(amount, currency, locale=_locale)


def format_number(value: int | float | Decimal | None) -> str:
    if value is None:
        return ""
    return _bnumbers.format_decimal(value, locale=_locale)


def format_rate(value: Decimal | float | None) -> str:
    """An exchange rate in the active locale with up to six decimals (``7.1234``), never rounded to three."""
    if value is None:
        return ""
    return _bnumbers.format_decimal(value, format="#,##0.######", locale=_locale)


def format_percent(value: float | Decimal | None) -> str:
    if value is None:
        return ""
    return _bnumbers.format_percent(value, locale=_locale)


def format_file_size(size: int | None) -> str:
    """A file's size in the active locale: ``812 B``, ``12.3 kB``, ``1.5 MB`` (decimal units, one decimal)."""
    if size is None:
        return ""
    from babel.units import format_unit

    for unit, scale in (("digital-megabyte", 1_000_000), ("digital-kilobyte", 1_000)):
        if size >= scale:
            return format_unit(round(size / scale, 1), unit, length="short", locale=_locale)
    return format_unit(size, "digital-byte", length="short", locale=_locale)
