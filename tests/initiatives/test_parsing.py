"""Money and dates typed the Vietnamese way: what the web form and the imports both accept and refuse."""

import datetime
from decimal import Decimal

import pytest

from initiatives.parsing import parse_date, parse_money_vnd


@pytest.mark.parametrize("typed, amount", [
    ("15000000", 15_000_000),
    ("15.000.000", 15_000_000),
    ("15 000 000", 15_000_000),
    ("15\u00a0000\u00a0000", 15_000_000),
    ("15.000.000 đ", 15_000_000),
    ("15.000.000đ", 15_000_000),
    ("15.000.000 VNĐ", 15_000_000),
    ("15.000.000 ₫", 15_000_000),
    ("15,000,000", 15_000_000),
    ("15.000.000,00", 15_000_000),
    ("1,234.00", 1234),
    ("80.000.000", 80_000_000),
    ("15.000", 15_000),
    ("0", 0),
    ("  500000  ", 500_000),
])
def test_amounts_typed_the_vietnamese_way_are_read_right(typed, amount):
    assert parse_money_vnd(typed) == amount


@pytest.mark.parametrize("typed", [
    "15,000",  # fifteen with decimals, or fifteen thousand?
    "1.5",
    "15,5",
    "1.234,56",
    "15.00.000",
    "15.000 000",
    "15 000.000",
    "mười lăm triệu",
    "abc",
    "-5.000",
    "",
    "đ",
    "1e6",
])
def test_ambiguous_or_unreadable_amounts_are_refused_with_a_message(typed):
    with pytest.raises(ValueError) as raised:
        parse_money_vnd(typed)
    assert str(raised.value)
    assert "Traceback" not in str(raised.value)


def test_the_refusal_is_in_vietnamese():
    with pytest.raises(ValueError, match="có thể hiểu theo nhiều cách: hãy viết dạng 15.000.000"):
        parse_money_vnd("15,000")
    with pytest.raises(ValueError, match="Không hiểu ngày “15/09”"):
        parse_date("15/09")


@pytest.mark.parametrize("typed, date", [
    ("15/09/2021", datetime.date(2021, 9, 15)),
    ("5/9/2021", datetime.date(2021, 9, 5)),
    ("15.09.2021", datetime.date(2021, 9, 15)),
    ("15-09-2021", datetime.date(2021, 9, 15)),
    ("15/09/21", datetime.date(2021, 9, 15)),
    ("2021-09-15", datetime.date(2021, 9, 15)),
    (" 15 / 09 / 2021 ", datetime.date(2021, 9, 15)),
    ("29/02/2024", datetime.date(2024, 2, 29)),
])
def test_unambiguous_dates_are_read(typed, date):
    assert parse_date(typed, today=datetime.date(2026, 1, 1)) == date


def test_a_two_digit_year_in_the_future_belongs_to_the_last_century():
    assert parse_date("15/09/85", today=datetime.date(2026, 1, 1)) == datetime.date(1985, 9, 15)
    assert parse_date("15/09/26", today=datetime.date(2026, 1, 1)) == datetime.date(2026, 9, 15)


@pytest.mark.parametrize("typed", ["09/15/2021", "15/09", "31/02/2022", "15/09.2021", "2021/09/15", "hôm qua", "",
                                   "15092021", "32/01/2021"])
def test_other_dates_say_how_to_write_them(typed):
    with pytest.raises(ValueError, match="dd/mm/yyyy"):
        parse_date(typed, today=datetime.date(2026, 1, 1))


@pytest.mark.parametrize("cell, amount", [(15_000_000, 15_000_000), (15_000_000.0, 15_000_000),
                                          (Decimal("2000000"), 2_000_000), ("15.000.000 đồng", 15_000_000),
                                          ("1.500", 1_500)])
def test_number_cells_and_amounts_in_words_of_currency_are_read(cell, amount):
    assert parse_money_vnd(cell) == amount


@pytest.mark.parametrize("typed", ["15.5", "1,5", "1,500", "1.5000", "15 00", "15tr"])
def test_the_refusal_quotes_what_was_typed(typed):
    with pytest.raises(ValueError) as raised:
        parse_money_vnd(typed)
    assert f"“{typed}”" in str(raised.value)


def test_fractional_number_cells_and_absurd_amounts_are_refused():
    with pytest.raises(ValueError, match="không có phần thập phân"):
        parse_money_vnd(1.5)
    with pytest.raises(ValueError, match="số chữ số 0"):
        parse_money_vnd("1.000.000.000.000.000.000")
    with pytest.raises(ValueError, match="âm"):
        parse_money_vnd(-5)


def test_an_impossible_day_names_itself():
    with pytest.raises(ValueError, match="Không có ngày 31/02/2022"):
        parse_date("31/02/2022")


def test_date_cells_are_dates():
    assert parse_date(datetime.date(2021, 9, 15)) == datetime.date(2021, 9, 15)
    assert parse_date(datetime.datetime(2021, 9, 15, 8, 30)) == datetime.date(2021, 9, 15)
