"""Writes procedures_commune.json (kept as code so the comments on each entry survive).

    .venv/bin/python -m kiosk.catalogs.generate_procedures

HONESTY NOTE: written on 2026-11-25 offline, without access to the National Public Service Portal
(dichvucong.gov.vn). Except where an entry says otherwise, codes, names, components, fees and
processing times are FROM MEMORY of the portal and of the laws cited, NOT CHECKED against the
portal: `verified` is false on every entry. Check each against the portal (the `source` link) and
the province's current list (decisions of the provincial People's Committee after 1 July 2025)
before relying on it. Code 1.001193 (birth registration) was given by the issue.
"""

import json

from kiosk.resources import CATALOGS

PORTAL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={}"
TODAY = "2026-11-25"

CIVIL = "Hộ tịch"
CERT = "Chứng thực"
RESIDENCE = "Cư trú"


def p(code, name, name_en, field, components, fee_vnd, fee_text, days, time_text, legal, note=""):
    return {
        "code": code, "name": name, "name_en": name_en, "field": field, "level": "commune",
        "components": [{"name": n, "required": r} for n, r in components],
        "fee": {"vnd": fee_vnd, "text": fee_text},
        "processing_time": {"working_days": days, "text": time_text},
        "legal_basis": legal,
        "source": {"portal_code": code, "url": PORTAL.format(code), "retrieved": None,
                   "verified": False, "origin": "from memory" + (f"; {note}" if note else "")},
    }


FORM = "Tờ khai theo mẫu"
AUTH = ("Văn bản ủy quyền (nếu nộp thay)", False)

PROCEDURES = [
    p("1.001193", "Đăng ký khai sinh", "Birth registration", CIVIL,
      [("Tờ khai đăng ký khai sinh", True), ("Giấy chứng sinh hoặc giấy tờ thay giấy chứng sinh", True), AUTH],
      0, "Miễn lệ phí khi đăng ký đúng hạn", 0, "Ngay trong ngày tiếp nhận hồ sơ",
      "Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP", "code given by the issue"),
    p("1.000656", "Đăng ký khai tử", "Death registration", CIVIL,
      [("Tờ khai đăng ký khai tử", True), ("Giấy báo tử hoặc giấy tờ thay giấy báo tử", True), AUTH],
      0, "Miễn lệ phí khi đăng ký đúng hạn", 0, "Ngay trong ngày tiếp nhận hồ sơ",
      "Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP"),
    p("1.000894", "Đăng ký kết hôn", "Marriage registration", CIVIL,
      [("Tờ khai đăng ký kết hôn", True),
       ("Giấy xác nhận tình trạng hôn nhân (nếu cư trú ở nơi khác)", False)],
      0, "Miễn lệ phí đăng ký kết hôn trong nước", 0,
      "Ngay trong ngày; 05 ngày làm việc nếu cần xác minh", "Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP"),
    p("1.004746", "Đăng ký lại khai sinh", "Re-registration of a birth", CIVIL,
      [("Tờ khai đăng ký lại khai sinh", True), ("Bản sao giấy tờ, tài liệu có nội dung về khai sinh", True), AUTH],
      None, "Theo mức thu của Hội đồng nhân dân tỉnh", 5, "05 ngày làm việc",
      "Nghị định 123/2015/NĐ-CP"),
    p("1.004837", "Đăng ký lại kết hôn", "Re-registration of a marriage", CIVIL,
      [("Tờ khai đăng ký lại kết hôn", True), ("Bản sao giấy chứng nhận kết hôn đã cấp trước đây (nếu có)", False)],
      None, "Theo mức thu của Hội đồng nhân dân tỉnh", 5, "05 ngày làm việc", "Nghị định 123/2015/NĐ-CP",
      "code least certain"),
    p("1.005461", "Đăng ký lại khai tử", "Re-registration of a death", CIVIL,
      [("Tờ khai đăng ký lại khai tử", True), ("Bản sao giấy tờ liên quan đến việc khai tử (nếu có)", False), AUTH],
      None, "Theo mức thu của Hội đồng nhân dân tỉnh", 5, "05 ngày làm việc", "Nghị định 123/2015/NĐ-CP",
      "code least certain"),
    p("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "Certificate of marital status", CIVIL,
      [("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", True),
       ("Giấy tờ chứng minh đã ly hôn hoặc người kia đã chết (nếu đã có vợ/chồng)", False), AUTH],
      None, "Theo mức thu của Hội đồng nhân dân tỉnh", 3, "03 ngày làm việc", "Nghị định 123/2015/NĐ-CP"),
    p("1.001022", "Đăng ký nhận cha, mẹ, con", "Recognition of father, mother or child", CIVIL,
      [("Tờ khai đăng ký nhận cha, mẹ, con", True), ("Chứng cứ chứng minh quan hệ cha, mẹ, con", True), AUTH],
      None, "Theo mức thu của Hội đồng nhân dân tỉnh", 3, "03 ngày làm việc", "Luật Hộ tịch 2014"),
    p("1.000689", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con",
      "Birth registration together with recognition of a parent", CIVIL,
      [("Tờ khai đăng ký khai sinh và nhận cha, mẹ, con", True), ("Giấy chứng sinh", True),
       ("Chứng cứ chứng minh quan hệ cha, mẹ, con", True), AUTH],
      0, "Miễn lệ phí khai sinh; lệ phí nhận cha, mẹ, con theo mức thu của tỉnh", 3, "03 ngày làm việc",
      "Nghị định 123/2015/NĐ-CP"),
    p("1.004859", "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
      "Change, correction or completion of civil status information", CIVIL,
      [("Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", True),
       ("Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung", True), AUTH],
      None, "Theo mức thu của Hội đồng nhân dân tỉnh", 3, "03 ngày làm việc", "Luật Hộ tịch 2014"),
    p("1.004884", "Đăng ký giám hộ", "Registration of guardianship", CIVIL,
      [("Tờ khai đăng ký giám hộ", True), ("Văn bản cử người giám hộ hoặc giấy tờ chứng minh điều kiện giám hộ đương nhiên", True)],
      None, "Theo mức thu của Hội đồng nhân dân tỉnh", 3, "03 ngày làm việc", "Luật Hộ tịch 2014"),
    p("1.004845", "Đăng ký chấm dứt giám hộ", "Termination of guardianship", CIVIL,
      [("Tờ khai đăng ký chấm dứt giám hộ", True), ("Giấy tờ làm căn cứ chấm dứt giám hộ", True)],
      None, "Theo mức thu của Hội đồng nhân dân tỉnh", 2, "02 ngày làm việc", "Luật Hộ tịch 2014",
      "code least certain"),
    p("1.003583", "Cấp bản sao trích lục hộ tịch", "Copy of a civil status extract", CIVIL,
      [("Tờ khai cấp bản sao trích lục hộ tịch", True), AUTH],
      8000, "8.000 đồng/bản sao trích lục (Thông tư 281/2016/TT-BTC)", 0, "Ngay trong ngày",
      "Nghị định 123/2015/NĐ-CP"),
    p("1.004772", "Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân",
      "Birth registration for a person who already holds personal papers", CIVIL,
      [("Tờ khai đăng ký khai sinh", True), ("Bản sao giấy tờ cá nhân có thông tin về khai sinh", True), AUTH],
      None, "Theo mức thu của Hội đồng nhân dân tỉnh", 5, "05 ngày làm việc", "Nghị định 123/2015/NĐ-CP",
      "code least certain"),
    p("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp hoặc chứng nhận",
      "Certified copy from an original issued by a Vietnamese authority", CERT,
      [("Bản chính giấy tờ, văn bản làm cơ sở chứng thực", True), ("Bản sao cần chứng thực", True)],
      2000, "2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang, tối đa 200.000 đồng/bản", 0,
      "Ngay trong ngày (ngày làm việc tiếp theo nếu nhận sau 15 giờ)", "Nghị định 23/2015/NĐ-CP"),
    p("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", "Certification of a signature", CERT,
      [("Giấy tờ, văn bản sẽ ký", True)],
      10000, "10.000 đồng/trường hợp", 0, "Ngay trong ngày", "Nghị định 23/2015/NĐ-CP"),
    p("2.001035", "Chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên dịch thuật",
      "Certification of a translator's signature", CERT,
      [("Bản dịch đính kèm giấy tờ cần dịch", True), ("Bằng cấp chứng minh trình độ dịch", True)],
      10000, "10.000 đồng/trường hợp", 0, "Ngay trong ngày", "Nghị định 23/2015/NĐ-CP"),
    p("2.001019", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
      "Certification of a contract about movable property", CERT,
      [("Dự thảo hợp đồng, giao dịch", True), ("Bản sao giấy chứng nhận quyền sở hữu tài sản", True)],
      50000, "50.000 đồng/hợp đồng, giao dịch", 2, "02 ngày làm việc", "Nghị định 23/2015/NĐ-CP"),
    p("2.000913", "Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch",
      "Certification of an amendment or cancellation of a contract", CERT,
      [("Dự thảo văn bản sửa đổi, bổ sung, hủy bỏ", True), ("Hợp đồng, giao dịch đã được chứng thực", True)],
      30000, "30.000 đồng/hợp đồng, giao dịch", 2, "02 ngày làm việc", "Nghị định 23/2015/NĐ-CP"),
    p("2.000908", "Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực",
      "Certified copy of a certified contract", CERT,
      [("Đơn hoặc phiếu yêu cầu cấp bản sao", True)],
      2000, "2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang, tối đa 200.000 đồng/bản", 2, "02 ngày làm việc",
      "Nghị định 23/2015/NĐ-CP"),
    p("1.004194", "Đăng ký thường trú", "Registration of permanent residence", RESIDENCE,
      [("Tờ khai thay đổi thông tin cư trú (CT01)", True), ("Giấy tờ chứng minh chỗ ở hợp pháp", True),
       ("Văn bản đồng ý của chủ hộ / chủ sở hữu chỗ ở (nếu có)", False)],
      20000, "Theo Thông tư 75/2022/TT-BTC (giảm khi nộp trực tuyến)", 7, "07 ngày làm việc",
      "Luật Cư trú 2020; Nghị định 62/2021/NĐ-CP", "handled by the commune police"),
    p("1.004222", "Đăng ký tạm trú", "Registration of temporary residence", RESIDENCE,
      [("Tờ khai thay đổi thông tin cư trú (CT01)", True), ("Giấy tờ chứng minh chỗ ở hợp pháp", True)],
      15000, "Theo Thông tư 75/2022/TT-BTC (giảm khi nộp trực tuyến)", 3, "03 ngày làm việc",
      "Luật Cư trú 2020; Nghị định 62/2021/NĐ-CP", "handled by the commune police"),
    p("1.004206", "Xác nhận thông tin về cư trú", "Confirmation of residence information", RESIDENCE,
      [("Tờ khai thay đổi thông tin cư trú (CT01)", True)],
      0, "Không thu lệ phí", 1, "01 ngày làm việc (có thể lâu hơn nếu cần xác minh)",
      "Luật Cư trú 2020; Thông tư 55/2021/TT-BCA", "handled by the commune police; code least certain"),
]

DATA = {
    "catalog": "commune-level administrative procedures (selection of the most common)",
    "version": "2026-11-25.1",
    "retrieved": TODAY,
    "source": "National Public Service Portal (dichvucong.gov.vn), procedure codes (mã thủ tục)",
    "honesty": (
        "Written offline from memory; nothing here was checked against the portal. Every entry has "
        "source.verified = false and source.retrieved = null until someone checks it. Fees marked "
        "vnd = null are set by each province's People's Council. Code 1.001193 was given by the issue."
    ),
    "procedures": PROCEDURES,
}

if __name__ == "__main__":
    out = CATALOGS / "procedures_commune.json"
    out.write_text(json.dumps(DATA, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{out}: {len(PROCEDURES)} procedures")
