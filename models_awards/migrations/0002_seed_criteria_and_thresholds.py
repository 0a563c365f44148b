"""The plan's exemplar criteria per kind of branch and the Creative Labour certificate thresholds, as data.

The district edits both in the admin afterwards; this only fills an empty table.
"""

from django.db import migrations

COLLECTIVE, INDIVIDUAL = "collective", "individual"

CRITERIA = [
    ("", COLLECTIVE, "CĐCS hoàn thành xuất sắc nhiệm vụ trong năm; tổ chức sâu rộng phong trào thi đua "
                     "“Lao động giỏi, lao động sáng tạo” trong đoàn viên, CNVCLĐ."),
    ("", COLLECTIVE, "Có sáng kiến, giải pháp được công nhận và áp dụng trong năm, tham gia Chương trình "
                     "“01 triệu sáng kiến”; có nhiều đoàn viên tham gia."),
    ("", COLLECTIVE, "Tích cực tham gia các hoạt động xã hội, từ thiện, góp phần thực hiện tốt công tác an sinh xã hội "
                     "trên địa bàn huyện."),
    ("", INDIVIDUAL, "Hoàn thành xuất sắc nhiệm vụ được giao; chấp hành tốt chủ trương của Đảng, chính sách, pháp luật "
                     "của Nhà nước."),
    ("", INDIVIDUAL, "Là tác giả sáng kiến, giải pháp, cải tiến kỹ thuật được công nhận, áp dụng và mang lại hiệu quả "
                     "thiết thực cho cơ quan, đơn vị."),
    ("", INDIVIDUAL, "Tích cực tham gia hoạt động công đoàn, phong trào thi đua và hoạt động xã hội, từ thiện."),
    ("education", COLLECTIVE, "Đổi mới phương pháp dạy học, chuyển đổi số trong nhà trường; chất lượng giáo dục "
                              "được nâng lên, có học sinh giỏi các cấp."),
    ("education", INDIVIDUAL, "Giáo viên dạy giỏi các cấp hoặc có sáng kiến kinh nghiệm được hội đồng khoa học ngành "
                              "công nhận và áp dụng."),
    ("health", COLLECTIVE, "Nâng cao chất lượng khám, chữa bệnh; thực hiện tốt phòng, chống dịch bệnh và quy tắc "
                           "ứng xử của ngành Y tế."),
    ("health", INDIVIDUAL, "Có kỹ thuật mới, cải tiến quy trình chuyên môn được áp dụng; không để xảy ra sai sót "
                           "chuyên môn."),
    ("enterprise", COLLECTIVE, "Sản xuất, kinh doanh hiệu quả, năng suất lao động tăng; thực hiện đầy đủ chế độ cho "
                               "người lao động, ký kết và thực hiện tốt thỏa ước lao động tập thể."),
    ("enterprise", INDIVIDUAL, "Có sáng kiến, cải tiến kỹ thuật làm lợi cho doanh nghiệp; đạt danh hiệu Lao động giỏi; "
                               "chấp hành tốt an toàn, vệ sinh lao động."),
    ("administrative", COLLECTIVE, "Đẩy mạnh cải cách hành chính, ứng dụng công nghệ thông tin; giải quyết thủ tục "
                                   "đúng hạn, không có đơn thư vượt cấp."),
    ("administrative", INDIVIDUAL, "Có giải pháp cải tiến thủ tục, nâng cao hiệu quả công tác được cơ quan công nhận."),
    ("commune", COLLECTIVE, "Tham gia tích cực xây dựng nông thôn mới, đô thị văn minh; vận động đoàn viên thực hiện "
                            "tốt các phong trào của địa phương."),
    ("commune", INDIVIDUAL, "Gương mẫu trong chuyên môn và phong trào địa phương; có cách làm hay được nhân rộng."),
]

LEADERSHIP_KEYWORDS = "\n".join(
    [
        "Giám đốc",
        "Hiệu trưởng",
        "Hiệu phó",
        "Trưởng phòng",
        "Trưởng khoa",
        "Trưởng trạm",
        "Trưởng ban",
        "Chánh văn phòng",
        "Chủ tịch",
        "Bí thư",
        "Chi cục trưởng",
        "Tổng giám đốc",
    ]
)


def seed(apps, schema_editor):
    Criterion = apps.get_model("models_awards", "Criterion")
    Threshold = apps.get_model("models_awards", "CreativeLabourThreshold")
    if not Criterion.objects.exists():
        Criterion.objects.bulk_create(
            Criterion(branch_kind=kind, subject=subject, text=text, order=order)
            for order, (kind, subject, text) in enumerate(CRITERIA, start=1)
        )
    if not Threshold.objects.exists():
        Threshold.objects.create(
            name="Bằng Lao động sáng tạo (Tổng LĐLĐ Việt Nam) — người lao động không giữ chức vụ lãnh đạo",
            single_solution_min_vnd=80_000_000,
            cumulative_min_vnd=120_000_000,
            cumulative_years=3,
            leadership_keywords=LEADERSHIP_KEYWORDS,
            is_current=True,
        )


class Migration(migrations.Migration):
    dependencies = [("models_awards", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
