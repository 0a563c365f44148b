"""A planted corpus for the novelty check: one original, its near-copies, and unrelated initiatives that share
the programme's everyday words."""

ORIGINAL = {
    "title": "Sổ liên lạc điện tử giữa nhà trường và phụ huynh",
    "problem": (
        "Trước đây giáo viên chủ nhiệm phải viết sổ liên lạc giấy cho từng học sinh mỗi tuần. "
        "Phụ huynh thường nhận thông tin chậm từ 5 đến 7 ngày. "
        "Nhiều sổ bị thất lạc hoặc học sinh tự ý sửa điểm."
    ),
    "solution": (
        "Nhà trường xây dựng nhóm Zalo riêng cho từng lớp và một bảng tính dùng chung trên Google Sheets. "
        "Giáo viên cập nhật điểm số, nhận xét và số buổi vắng của học sinh vào cuối mỗi ngày học. "
        "Phụ huynh được cấp quyền xem riêng dòng của con mình bằng tài khoản cá nhân. "
        "Ban giám hiệu theo dõi tổng hợp toàn trường qua một trang báo cáo tự động."
    ),
    "application_summary": (
        "Giải pháp được áp dụng tại 32 lớp của trường từ tháng 9 năm 2021. "
        "Thời gian giáo viên dành cho sổ liên lạc giảm từ 3 giờ xuống còn 40 phút mỗi tuần. "
        "Tỷ lệ phụ huynh phản hồi đúng hạn tăng lên 95%."
    ),
}


def reordered():
    """The same sentences in another order, in other fields, under a reworded title."""
    def flip(text):
        parts = [p.strip() for p in text.split(". ") if p.strip()]
        return ". ".join(reversed([p.rstrip(".") for p in parts])) + "."

    return {
        "title": "Ứng dụng sổ liên lạc điện tử cho phụ huynh học sinh",
        "problem": flip(ORIGINAL["application_summary"]),
        "solution": flip(ORIGINAL["solution"]),
        "application_summary": flip(ORIGINAL["problem"]),
    }


def without_diacritics():
    from initiatives.text import fold

    return {key: fold(value).capitalize() for key, value in ORIGINAL.items()}


def one_number_changed():
    copy = dict(ORIGINAL)
    copy["application_summary"] = copy["application_summary"].replace("32 lớp", "35 lớp")
    return copy


def pasted_text():
    """What a copier pastes into an attached file: the original's problem, solution and application."""
    return "\n".join(ORIGINAL[k] for k in ("problem", "solution", "application_summary"))


PASTED_INTO_PDF = {  # the fields are almost empty; the text is in the attached PDF (data/pasted-copy.pdf)
    "title": "Giải pháp trao đổi thông tin với gia đình học sinh",
    "problem": "Xem tệp đính kèm.",
    "solution": "",
    "application_summary": "",
}

UNRELATED = [
    {
        "title": "Cải tiến quy trình tiếp nhận bệnh nhân tại khoa khám bệnh",
        "problem": "Người bệnh phải chờ lấy số thứ tự từ sáng sớm. Khu vực chờ thường xuyên quá tải vào thứ Hai.",
        "solution": (
            "Trung tâm y tế triển khai đặt lịch khám qua tổng đài và tin nhắn. "
            "Điều dưỡng phân luồng người bệnh theo mức độ ưu tiên ngay tại cổng. "
            "Phần mềm quản lý bệnh viện tự động gọi số theo từng phòng khám."
        ),
        "application_summary": "Áp dụng từ tháng 3 năm 2022, thời gian chờ trung bình giảm 45 phút.",
    },
    {
        "title": "Máy gieo hạt lúa cải tiến kéo tay",
        "problem": "Gieo sạ bằng tay tốn nhiều công và mật độ không đều. Lượng giống hao hụt lớn.",
        "solution": (
            "Tổ kỹ thuật chế tạo máy gieo hàng từ ống nhựa và bánh xe sắt. "
            "Mỗi ống có lỗ định lượng để hạt rơi đều theo hàng. "
            "Một người kéo có thể gieo một sào trong 20 phút."
        ),
        "application_summary": "Hợp tác xã áp dụng trên 120 ha vụ Đông Xuân, tiết kiệm 30% lượng giống.",
    },
    {
        "title": "Số hóa hồ sơ đoàn viên công đoàn cơ sở",
        "problem": "Hồ sơ đoàn viên lưu trên giấy, khó tra cứu khi cần xét khen thưởng. Nhiều hồ sơ bị ẩm mốc.",
        "solution": (
            "Ban chấp hành quét toàn bộ hồ sơ và nhập thông tin vào phần mềm quản lý đoàn viên. "
            "Mỗi đoàn viên có mã số riêng để tra cứu nhanh. "
            "Dữ liệu được sao lưu hằng tháng ra ổ cứng ngoài."
        ),
        "application_summary": "Áp dụng tại công đoàn cơ sở từ năm 2022 với 250 đoàn viên.",
    },
    {
        "title": "Tổ chức lớp học kỹ năng cho giáo viên trẻ",
        "problem": "Giáo viên mới ra trường còn lúng túng khi quản lý lớp học đông học sinh.",
        "solution": (
            "Nhà trường tổ chức lớp bồi dưỡng kỹ năng vào chiều thứ Bảy hằng tháng. "
            "Giáo viên có kinh nghiệm hướng dẫn cách xử lý tình huống sư phạm. "
            "Mỗi giáo viên trẻ được phân công một người kèm cặp trong năm đầu."
        ),
        "application_summary": "Đã tổ chức 10 buổi cho 18 giáo viên trẻ của trường từ năm học 2021-2022.",
    },
]
