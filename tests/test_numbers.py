"""Number rules checked on real published numbers (CN applications, PCT, WO, credit codes), plus properties."""

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zgc_desk import numbers
from zgc_desk.numbers import NumberError

REAL_APPLICATION_NUMBERS = [
    "202110344405.7", "202110144836.9", "202110182616.5", "201911050262.8", "200710308494.X",
    "202322476194.X", "99113861.9", "01105715.7",
]


@pytest.mark.parametrize("number", REAL_APPLICATION_NUMBERS)
def test_real_application_numbers_are_valid_and_normalise_to_themselves(number):
    assert numbers.normalise_cn_application(number) == number


@pytest.mark.parametrize("written, expected", [
    ("ZL202110344405.7", "202110344405.7"),
    ("CN 2021 1 0344405.7", "202110344405.7"),
    ("zl 202110344405.7", "202110344405.7"),
    ("２０２１１０３４４４０５．７", "202110344405.7"),  # full-width, as typed with a Chinese IME
    ("2021103444057", "202110344405.7"),
    ("200710308494.x", "200710308494.X"),
    ("85100001", "85100001"),  # 1985-1988: no check character
])
def test_written_forms_normalise(written, expected):
    assert numbers.normalise_cn_application(written) == expected


@pytest.mark.parametrize("number, kind, pct", [
    ("202110344405.7", "invention", False),
    ("202322476194.X", "utility_model", False),
    (numbers.make_cn_application(2022, 3, 123456), "design", False),
    (numbers.make_cn_application(2022, 8, 123456), "invention", True),
    (numbers.make_cn_application(2022, 9, 123456), "utility_model", True),
    ("99113861.9", "invention", False),
])
def test_type_digit_tells_the_kind(number, kind, pct):
    parsed = numbers.parse_cn_application(number)
    assert parsed.kind == kind
    assert parsed.is_pct_national_phase is pct


def test_wrong_check_character_names_the_expected_one():
    with pytest.raises(NumberError) as err:
        numbers.parse_cn_application("202110344405.3")
    assert err.value.expected == "7"
    assert "7" in str(err.value)


def test_missing_check_character_names_it():
    with pytest.raises(NumberError) as err:
        numbers.parse_cn_application("202110344405")
    assert err.value.expected == "7"


@pytest.mark.parametrize("bad", ["", "2021103444", "202140344405.7", "199910344405.1", "ABC", "20211034440X.7",
                                 "85100001.3"])
def test_malformed_application_numbers_are_refused(bad):
    with pytest.raises(NumberError):
        numbers.parse_cn_application(bad)


def test_patent_number_has_zl_prefix():
    assert numbers.parse_cn_application("202110344405.7").patent_number == "ZL202110344405.7"


@pytest.mark.parametrize("written, expected", [
    ("CN110823978A", "CN110823978A"), ("cn 113078375 b", "CN113078375B"), ("CN220906904U", "CN220906904U"),
    ("113078375B", "CN113078375B"),
])
def test_publication_numbers(written, expected):
    assert numbers.normalise_cn_publication(written) == expected


@pytest.mark.parametrize("bad", ["CN11082397A8", "CN110823978Q", "US110823978A", "CN12A"])
def test_bad_publication_numbers(bad):
    with pytest.raises(NumberError):
        numbers.normalise_cn_publication(bad)


@pytest.mark.parametrize("written, expected", [
    ("PCT/CN2021/075891", "PCT/CN2021/075891"), ("pct/cn2021/75891", "PCT/CN2021/075891"),
    ("PCTCN2021075891", "PCT/CN2021/075891"), ("PCT/US03/12345", "PCT/US03/12345"),
])
def test_pct_numbers(written, expected):
    assert numbers.normalise_pct(written) == expected


@pytest.mark.parametrize("bad", ["PCT/C2021/075891", "PCT/CN2021/0758", "CN2021/075891", "PCT/CN1999/075891",
                                 "PCT/CN05/12345"])
def test_bad_pct_numbers(bad):
    with pytest.raises(NumberError):
        numbers.normalise_pct(bad)


@pytest.mark.parametrize("written, expected", [
    ("WO2021/123456", "WO 2021/123456"), ("WO 2021/123456 A1", "WO 2021/123456"), ("wo2021123456", "WO 2021/123456"),
    ("WO 03/12345", "WO 03/12345"),
])
def test_wo_numbers(written, expected):
    assert numbers.normalise_wo(written) == expected


@pytest.mark.parametrize("code", ["91110108551385082Q", "914403001922038216"])
def test_real_credit_codes(code):
    assert numbers.normalise_credit_code(code.lower()) == code


def test_credit_code_wrong_check_character_names_expected():
    with pytest.raises(NumberError) as err:
        numbers.normalise_credit_code("91110108551385082R")
    assert err.value.expected == "Q"


@pytest.mark.parametrize("bad", ["91110108551385082", "9111010855138508IQ", "91AB0108551385082Q"])
def test_bad_credit_codes(bad):
    with pytest.raises(NumberError):
        numbers.normalise_credit_code(bad)


@pytest.mark.parametrize("code", ["us", "EP", "EA", "OA", "AP", "GC", "EM", "WO", "JP", "KR"])
def test_office_codes(code):
    assert numbers.normalise_office(code) == code.upper()


@pytest.mark.parametrize("code", ["XX", "ZZ", "EU", "UN", "QO", "U", "USA"])
def test_unknown_office_code_is_refused(code):
    with pytest.raises(NumberError):
        numbers.normalise_office(code)


def test_search_key_ignores_prefixes_dots_and_spaces():
    assert numbers.search_key("ZL 2021 1034 4405.7") == "2021103444057"
    assert numbers.search_key("PCT/CN2021/075891") == "PCTCN2021075891"


# ---- properties -----------------------------------------------------------------------------------

valid_12 = st.builds(numbers.make_cn_application, st.integers(2003, 2099), st.sampled_from([1, 2, 3, 8, 9]),
                     st.integers(0, 9_999_999))


@given(valid_12, st.sampled_from(["", "ZL", "CN", "CN ", "zl"]), st.booleans())
def test_normalise_of_parse_is_idempotent(number, prefix, drop_dot):
    written = prefix + (number.replace(".", "") if drop_dot else number)
    once = numbers.normalise_cn_application(written)
    assert once == number
    assert numbers.normalise_cn_application(once) == once


@given(valid_12, st.integers(0, 11), st.integers(1, 9))
def test_any_single_digit_change_is_detected(number, position, delta):
    digits = list(number.replace(".", "")[:12])
    digits[position] = str((int(digits[position]) + delta) % 10)
    changed = "".join(digits) + "." + number[-1]
    with pytest.raises(NumberError):
        numbers.parse_cn_application(changed)


@given(st.text(max_size=30))
def test_parsers_never_raise_anything_but_number_error(text):
    for parser in (numbers.parse_cn_application, numbers.parse_cn_publication, numbers.parse_pct,
                   numbers.parse_wo, numbers.normalise_credit_code, numbers.normalise_office):
        with contextlib.suppress(NumberError):
            parser(text)
