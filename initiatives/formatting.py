"""How amounts, dates and quarters are written for people: 1.234.567 ₫, dd/mm/yyyy and "Quý 3/2021"."""


from .quarters import label as quarter_label  # noqa: F401 (how a quarter is written: quarters.label)


def format_vnd(amount):
    if amount is None or amount == "":
        return ""
    return format_amount(amount) + " ₫"


def format_amount(amount):
    """1.234.567: the digits grouped the Vietnamese way, without the ₫ (what a money box shows)."""
    if amount is None or amount == "":
        return ""
    value = int(round(float(amount)))
    sign = "-" if value < 0 else ""
    return f"{sign}{abs(value):,}".replace(",", ".")


def format_date(value):
    return value.strftime("%d/%m/%Y") if value else ""


def format_percent(rate, digits=1):
    if rate is None:
        return ""
    return f"{rate * 100:.{digits}f}".replace(".", ",") + "%"


def person_name(user):
    """A user's name the Vietnamese way: family and middle names first, then the given name."""
    if user is None:
        return ""
    name = f"{user.last_name} {user.first_name}".strip()
    return name or user.get_username()
