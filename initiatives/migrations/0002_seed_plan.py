"""The district's plan as data: the owning federation and the programme with its periods and targets."""
import datetime
from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    Federation = apps.get_model("initiatives", "Federation")
    Programme = apps.get_model("initiatives", "Programme")
    ProgrammePeriod = apps.get_model("initiatives", "ProgrammePeriod")
    if not Federation.objects.exists():
        # The tree's columns once the union became a tree (0009): the district is the first root node.
        tree = {"path": "0001", "depth": 1, "numchild": 0} if hasattr(Federation, "path") else {}
        Federation.objects.create(
            **tree,
            name="Liên đoàn Lao động huyện Vĩnh Linh",
            short_name="LĐLĐ huyện Vĩnh Linh",
            parent_name="Liên đoàn Lao động tỉnh Quảng Trị",
            place_name="Vĩnh Linh",
            chair_title="Chủ tịch",
            chair_name="Nguyễn Bá Lưu",
        )
    if Programme.objects.exists():
        return
    programme = Programme.objects.create(
        name="Chương trình “01 triệu sáng kiến - nỗ lực vượt khó, sáng tạo, quyết tâm chiến thắng đại dịch Covid-19”",
        window_start=datetime.date(2021, 9, 1),
        window_end=datetime.date(2023, 9, 1),
        research_applied_from=datetime.date(2021, 9, 1),
        total_target=400,
        participation_target_rate=Decimal("0.100"),
        exemplar_collectives_per_year=1,
        exemplar_individuals_per_year=2,
        exemplar_first_year=2021,
        exemplar_last_year=2025,
        is_current=True,
    )
    ProgrammePeriod.objects.create(
        programme=programme, number=1, start=datetime.date(2021, 9, 1), end=datetime.date(2022, 5, 31), target=90,
    )
    ProgrammePeriod.objects.create(
        programme=programme, number=2, start=datetime.date(2022, 6, 1), end=datetime.date(2023, 9, 1), target=300,
    )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
