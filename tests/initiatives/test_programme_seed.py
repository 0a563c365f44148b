"""The plan's figures arrive with the database (data migration), not as literals in code."""
import datetime
from decimal import Decimal

from initiatives.models import Federation, Programme


def test_programme_holds_the_plans_window_and_targets(db):
    programme = Programme.current()
    assert programme.window_start == datetime.date(2021, 9, 1)
    assert programme.window_end == datetime.date(2023, 9, 1)
    assert programme.research_applied_from == datetime.date(2021, 9, 1)
    assert programme.total_target == 400
    assert programme.participation_target_rate == Decimal("0.100")
    assert (programme.exemplar_collectives_per_year, programme.exemplar_individuals_per_year) == (1, 2)
    assert programme.exemplar_years() == [2021, 2022, 2023, 2024, 2025]
    periods = [(p.number, p.start, p.end, p.target) for p in programme.periods.all()]
    assert periods == [
        (1, datetime.date(2021, 9, 1), datetime.date(2022, 5, 31), 90),
        (2, datetime.date(2022, 6, 1), datetime.date(2023, 9, 1), 300),
    ]


def test_period_boundaries_belong_to_the_right_period(db):
    programme = Programme.current()
    assert programme.period_for(datetime.date(2022, 5, 31)).number == 1
    assert programme.period_for(datetime.date(2022, 6, 1)).number == 2
    assert programme.period_for(datetime.date(2023, 9, 1)).number == 2
    assert programme.period_for(datetime.date(2023, 9, 2)) is None


def test_federation_names_head_the_pages(client, db):
    federation = Federation.current()
    assert federation.name == "Liên đoàn Lao động huyện Vĩnh Linh"
    page = client.get("/").content.decode()
    assert "Liên đoàn Lao động huyện Vĩnh Linh" in page
    assert "Liên đoàn Lao động tỉnh Quảng Trị" in page
