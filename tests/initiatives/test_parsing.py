"""Money and dates as people here type them (initiatives.parsing): what is read, and what is refused rather
than guessed."""

import datetime
from decimal import Decimal

import pytest

from initiatives import parsing

TODAY = datetime.date(2026, 12, 3)


@pytest.mark.parametrize(
    "typed, amount",
    [
        ("15.000.000", 15_000_000),
        ("15 000 000", 15_000_000),
        ("15000000", 15_000_000),
        ("15\u00a0000\u00a0000", 15_000_000),  # a no-break space, as a spreadsheet copies it
        ("15.000.000 ₫", 15_000_000),
        ("15.000.000đ", 15_000_000),
        ("15.000.000 VNĐ", 15_000_000),
        ("15.000.000 đồng", 15_000_000),
        ("15,000,000", 15_000_000),
        ("15.000.000,00", 15_000_000),
        ("1.500", 1_500),
        (" 80.000.000 ", 80_000_000),
        ("0", 0),
        (15_000_000, 15_000_000),
        (15_000_000.0, 15_000_000),
        (Decimal("2000000"), 2_000_000),
    ],
)
def test_amounts_written_the_vietnamese_way_are_read_in_whole_dong(typed, amount):
    assert parsing.parse_money_vnd(typed) == amount


@pytest.mark.parametrize("typed", ["15.5", "1,5", "1,500", "1.5000", "15.000,5", "1.500.00", "15 00", "15.000 000"])
def test_amounts_that_could_mean_two_things_are_refused_not_guessed(typed):
    with pytest.raises(ValueError) as error:
        parsing.parse_money_vnd(typed)
    assert typed in str(error.value) and "15.000.000" in str(error.value)


@pytest.mark.parametrize("typed", ["mười lăm triệu", "abc", "15tr", "₫"])
def test_words_are_not_an_amount(typed):
    with pytest.raises(ValueError, match="15.000.000"):
        parsing.parse_money_vnd(typed)


def test_negative_fractional_and_absurd_amounts_are_refused():
    with pytest.raises(ValueError, match="âm"):
        parsing.parse_money_vnd("-5.000.000")
    with pytest.raises(ValueError):
        parsing.parse_money_vnd(1.5)
    with pytest.raises(ValueError, match="số chữ số 0"):
        parsing.parse_money_vnd("1.000.000.000.000.000.000")


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_nothing_typed_is_no_amount_and_no_date(blank):
    assert parsing.parse_money_vnd(blank) is None
    assert parsing.parse_date(blank) is None


@pytest.mark.parametrize(
    "typed, day",
    [
        ("15/09/2021", datetime.date(2021, 9, 15)),
        ("1/9/2021", datetime.date(2021, 9, 1)),
        ("15.09.2021", datetime.date(2021, 9, 15)),
        ("15-09-2021", datetime.date(2021, 9, 15)),
        ("15/09/21", datetime.date(2021, 9, 15)),
        ("15.09.21", datetime.date(2021, 9, 15)),
        ("02/05/68", datetime.date(1968, 5, 2)),  # a date of birth
        ("2021-09-15", datetime.date(2021, 9, 15)),
        (" 15/09/2021 ", datetime.date(2021, 9, 15)),
        (datetime.date(2021, 9, 15), datetime.date(2021, 9, 15)),
        (datetime.datetime(2021, 9, 15, 8, 30), datetime.date(2021, 9, 15)),
    ],
)
def test_dates_are_read_day_first_in_the_usual_forms(typed, day):
    assert parsing.parse_date(typed, today=TODAY) == day


@pytest.mark.parametrize("typed", ["15/09", "15 tháng 9 năm 2021", "15/09-2021", "2021/09/15", "15092021", "hôm qua"])
def test_other_dates_are_not_understood_and_the_message_says_how_to_write_them(typed):
    with pytest.raises(ValueError) as error:
        parsing.parse_date(typed, today=TODAY)
    assert str(error.value).startswith("Không hiểu ngày, hãy viết dd/mm/yyyy")


def test_an_impossible_day_names_itself():
    with pytest.raises(ValueError, match="31/02/2022"):
        parsing.parse_date("31/02/2022")
