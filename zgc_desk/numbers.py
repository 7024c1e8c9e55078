"""Parse, validate and normalise the numbers an IP clerk types: CN application and publication
numbers, PCT application numbers, WO publication numbers, unified social credit codes, office codes.

Pure functions. Every ``parse_*`` returns a value object whose ``str()`` is the normalised form, or
raises :class:`NumberError` with a message in plain words (naming the expected check character when
that is what is wrong). The rule of each number is stated at its parser; tests/test_numbers.py checks them on real numbers.
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from dataclasses import dataclass

from zgc_desk.i18n import _


class NumberError(ValueError):
    """A number that cannot be accepted. ``expected`` holds the right check character, if known."""

    def __init__(self, message: str, expected: str | None = None):
        super().__init__(message)
        self.message = message
        self.expected = expected

    def __str__(self) -> str:
        return self.message


def _clean(text: str) -> str:
    """NFKC (full-width → half-width), upper case, no whitespace."""
    text = str(text or "")
    # the usual case, quickly: NFKC leaves ASCII as it is, and printable ASCII's only white space is " "
    if text.isascii() and text.isprintable() and " " not in text:
        return text.upper()
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text).upper()


# ---- CN application numbers -------------------------------------------------------------------

CN_TYPE_DIGITS = {
    "1": "invention",
    "2": "utility_model",
    "3": "design",
    "8": "invention",  # PCT international application entering the CN national phase
    "9": "utility_model",  # PCT utility model entering the CN national phase
}
_WEIGHTS_12 = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
_WEIGHTS_8 = (2, 3, 4, 5, 6, 7, 8, 9)


def cn_check_character(digits: str) -> str:
    """Check character of a 12- or 8-digit CN application number (mod 11, 10 → X)."""
    weights = _WEIGHTS_12 if len(digits) == 12 else _WEIGHTS_8
    if len(digits) != len(weights):
        raise ValueError(f"expected 8 or 12 digits, got {digits!r}")
    total = sum(map(operator.mul, map(int, digits), weights))  # once per imported row: no Python loop
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


@dataclass(frozen=True)
class CNApplicationNumber:
    digits: str  # 12 (since 2003) or 8 digits, without the check character
    check: str | None  # None only for 1985-1988 numbers

    @property
    def year(self) -> int:
        if len(self.digits) == 12:
            return int(self.digits[:4])
        yy = int(self.digits[:2])
        return 1900 + yy if yy >= 85 else 2000 + yy

    @property
    def type_digit(self) -> str:
        return self.digits[4] if len(self.digits) == 12 else self.digits[2]

    @property
    def kind(self) -> str:
        """invention, utility_model or design."""
        return CN_TYPE_DIGITS[self.type_digit]

    @property
    def is_pct_national_phase(self) -> bool:
        return self.type_digit in ("8", "9")

    def __str__(self) -> str:
        return f"{self.digits}.{self.check}" if self.check else self.digits

    @property
    def patent_number(self) -> str:
        """The patent number as printed on a certificate, e.g. ``ZL202110344405.7``."""
        return f"ZL{self}"


_CN_APP_RE = re.compile(r"^(?:CN)?(?:ZL)?(\d{8}|\d{12})\.?([0-9X])?$")


@functools.lru_cache(maxsize=256)  # a row's number is parsed by its field and again by the row's checks
def parse_cn_application(text: str) -> CNApplicationNumber:
    raw = _clean(text)
    if not raw:
        raise NumberError(_("Application number is empty"))
    match = _CN_APP_RE.match(raw)
    if not match:
        digits = re.sub(r"\D", "", raw)
        if len(digits) not in (8, 9, 12, 13):
            raise NumberError(
                _("An application number has 12 digits and a check character (e.g. 202110344405.7), "
                  "or 8 digits before 2003; got {count} digits").format(count=len(digits))
            )
        raise NumberError(_("Not an application number: unexpected characters"))
    digits, check = match.group(1), match.group(2)
    if len(digits) == 12:
        year = int(digits[:4])
        if not 2003 <= year <= 2099:
            raise NumberError(_("Year {year} is not possible in a 12-digit application number").format(year=year))
        type_digit = digits[4]
    else:
        yy = int(digits[:2])
        if not (yy >= 85 or yy <= 3):
            raise NumberError(_("Year {yy} is not possible in an 8-digit application number").format(yy=digits[:2]))
        type_digit = digits[2]
    if type_digit not in CN_TYPE_DIGITS:
        raise NumberError(
            _("Type digit {digit} is unknown (1 invention, 2 utility model, 3 design, 8/9 PCT national phase)")
            .format(digit=type_digit)
        )
    old_without_check = len(digits) == 8 and 85 <= int(digits[:2]) <= 88
    if old_without_check:
        if check is not None:
            raise NumberError(_("Application numbers of 1985-1988 have no check character"))
        return CNApplicationNumber(digits, None)
    expected = cn_check_character(digits)
    if check is None:
        raise NumberError(_("Check character missing: it should be {expected}").format(expected=expected),
                          expected=expected)
    if check != expected:
        raise NumberError(_("Check character should be {expected}").format(expected=expected), expected=expected)
    return CNApplicationNumber(digits, check)


def normalise_cn_application(text: str) -> str:
    return str(parse_cn_application(text))


# ---- CN publication / grant numbers -----------------------------------------------------------

CN_KIND_CODES = {
    "A": "invention publication",
    "B": "invention grant",
    "C": "invention grant (before 2010)",
    "U": "utility model grant",
    "Y": "utility model grant (before 2010)",
    "S": "design grant",
    "D": "design grant (before 2010)",
}
_CN_PUB_RE = re.compile(r"^CN(\d{7,9})([A-Z])$")


@dataclass(frozen=True)
class CNPublicationNumber:
    serial: str
    kind_code: str

    def __str__(self) -> str:
        return f"CN{self.serial}{self.kind_code}"

    @property
    def is_grant(self) -> bool:
        return self.kind_code in ("B", "C", "U", "Y", "S", "D")


def parse_cn_publication(text: str) -> CNPublicationNumber:
    raw = _clean(text).replace(".", "")
    if not raw.startswith("CN") and raw[:1].isdigit():
        raw = "CN" + raw
    match = _CN_PUB_RE.match(raw)
    if not match:
        raise NumberError(_("A CN publication number is CN, 7-9 digits and a kind code, e.g. CN113078375B"))
    serial, code = match.groups()
    if code not in CN_KIND_CODES:
        raise NumberError(_("Kind code {code} is unknown (A, B, C, U, Y, S or D)").format(code=code))
    return CNPublicationNumber(serial, code)


def normalise_cn_publication(text: str) -> str:
    return str(parse_cn_publication(text))


# ---- PCT and WO -------------------------------------------------------------------------------

_PCT_RE = re.compile(r"^PCT/?([A-Z]{2})(\d{4}|\d{2})/?(\d{5,6})$")


@dataclass(frozen=True)
class PCTNumber:
    office: str
    year: int
    serial: str

    def __str__(self) -> str:
        if self.year >= 2004:
            return f"PCT/{self.office}{self.year:04d}/{self.serial}"
        return f"PCT/{self.office}{self.year % 100:02d}/{self.serial}"


def parse_pct(text: str) -> PCTNumber:
    raw = _clean(text)
    match = _PCT_RE.match(raw)
    if not match:
        raise NumberError(_("A PCT application number looks like PCT/CN2021/075891"))
    office, year_text, serial = match.groups()
    if len(year_text) == 4:
        year = int(year_text)
        if not 2004 <= year <= 2099:
            raise NumberError(_("Year {year} is not possible in a PCT number with a 4-digit year").format(year=year))
        serial = serial.zfill(6)
    else:
        yy = int(year_text)
        year = 1900 + yy if yy >= 78 else 2000 + yy
        if year >= 2004:
            raise NumberError(_("PCT numbers since 2004 have a 4-digit year, e.g. PCT/CN2021/075891"))
        if len(serial) != 5:
            raise NumberError(_("PCT numbers before 2004 have a 5-digit serial"))
    return PCTNumber(office, year, serial)


def normalise_pct(text: str) -> str:
    return str(parse_pct(text))


_WO_RE = re.compile(r"^WO/?(\d{4}|\d{2})/?(\d{5,6})(?:[A-Z]\d?)?$")


@dataclass(frozen=True)
class WONumber:
    year: int
    serial: str

    def __str__(self) -> str:
        if self.year >= 2004:
            return f"WO {self.year:04d}/{self.serial}"
        return f"WO {self.year % 100:02d}/{self.serial}"


def parse_wo(text: str) -> WONumber:
    raw = _clean(text)
    match = _WO_RE.match(raw)
    if not match:
        raise NumberError(_("A WO publication number looks like WO 2021/123456"))
    year_text, serial = match.groups()
    if len(year_text) == 4:
        year = int(year_text)
        serial = serial.zfill(6)
        if year < 2004:
            raise NumberError(_("WO numbers before 2004 have a 2-digit year"))
    else:
        yy = int(year_text)
        year = 1900 + yy if yy >= 78 else 2000 + yy
        if year >= 2004:
            raise NumberError(_("WO numbers since 2004 have a 4-digit year, e.g. WO 2021/123456"))
    return WONumber(year, serial)


def normalise_wo(text: str) -> str:
    return str(parse_wo(text))


# ---- unified social credit code (GB 32100-2015) -----------------------------------------------

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_character(first17: str) -> str:
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def normalise_credit_code(text: str) -> str:
    raw = _clean(text)
    if len(raw) != 18:
        raise NumberError(_("A unified social credit code has 18 characters; got {count}").format(count=len(raw)))
    bad = sorted({c for c in raw if c not in CREDIT_CODE_ALPHABET})
    if bad:
        raise NumberError(
            _("Character(s) {chars} cannot appear in a credit code (I, O, S, V and Z are never used)")
            .format(chars=" ".join(bad))
        )
    if not raw[2:8].isdigit():
        raise NumberError(_("Characters 3-8 of a credit code are the administrative division code (digits)"))
    expected = credit_code_check_character(raw[:17])
    if raw[17] != expected:
        raise NumberError(_("Check character should be {expected}").format(expected=expected), expected=expected)
    return raw


# ---- office codes, trademark numbers, Nice classes -------------------------------------------

REGIONAL_OFFICES = {
    "EP": "European Patent Office",
    "EA": "Eurasian Patent Organization",
    "OA": "African Intellectual Property Organization (OAPI)",
    "AP": "African Regional Intellectual Property Organization (ARIPO)",
    "GC": "Patent Office of the Gulf Cooperation Council",
    "EM": "European Union Intellectual Property Office",
    "WO": "World Intellectual Property Organization",
    "IB": "International Bureau of WIPO",
}


def _iso_territories() -> set[str]:
    from zgc_desk.i18n import current_locale

    # babel also lists pseudo-regions (ZZ "Unknown Region", QO, EU, EZ, UN, XA/XB pseudo-locales):
    # none of them is a patent or trademark office. Every locale lists the same codes: the one in
    # use is loaded already (another one's data would cost a fifth of a second on first use).
    pseudo = {"ZZ", "QO", "EU", "EZ", "UN", "XA", "XB"}
    return {code for code in current_locale().territories if len(code) == 2 and code.isalpha()} - pseudo


_ISO_CODES: set[str] | None = None


def normalise_office(text: str) -> str:
    """ISO 3166 alpha-2 country code or a regional office code (EP, EA, OA, AP, GC, EM, WO)."""
    global _ISO_CODES
    raw = _clean(text)
    if _ISO_CODES is None:
        _ISO_CODES = _iso_territories()
    if raw in REGIONAL_OFFICES or raw in _ISO_CODES:
        return raw
    raise NumberError(_("Office {code} is not an ISO 3166 country code or a regional office (EP, EA, OA, AP, GC, EM, WO)")
                      .format(code=raw or "''"))


def normalise_trademark_registration(text: str) -> str:
    raw = _clean(text)
    raw = raw.removeprefix("NO.").removeprefix("第").removesuffix("号")
    if not raw.isdigit() or not 1 <= len(raw) <= 10:
        raise NumberError(_("A trademark registration number is made of digits, e.g. 12345678"))
    return raw


def normalise_madrid(text: str) -> str:
    raw = _clean(text).removeprefix("IR").removeprefix("NO.")
    if not raw.isdigit() or not 5 <= len(raw) <= 8:
        raise NumberError(_("A Madrid international registration number has 5-8 digits, e.g. 1563478"))
    return raw


def parse_nice_classes(items: list[str]) -> list[int]:
    classes: list[int] = []
    for item in items:
        raw = _clean(item).removeprefix("第").removesuffix("类")
        if not raw.isdigit() or not 1 <= int(raw) <= 45:
            raise NumberError(_("Nice class {value} is not a number from 1 to 45").format(value=item))
        if int(raw) not in classes:
            classes.append(int(raw))
    return classes


def search_key(text: str) -> str:
    """A loose form for searching: upper case, no spaces, dots, slashes or CN/ZL prefixes."""
    raw = _clean(text)
    raw = re.sub(r"^(CN)?(ZL)?(?=\d)", "", raw)
    return re.sub(r"[\s./\-]", "", raw)


def make_cn_application(year: int, type_digit: int | str, serial: int) -> str:
    """A valid normalised 12-digit application number (for demo data and synthetic portfolios)."""
    digits = f"{year:04d}{type_digit}{serial:07d}"
    return f"{digits}.{cn_check_character(digits)}"


def make_credit_code(first17: str) -> str:
    """A valid credit code from its first 17 characters."""
    return first17 + credit_code_check_character(first17)
