"""What the intake tells the person at the station, by event code: plain Vietnamese and English, and the
next thing to do. Front ends show these texts; the command line prints the English ones. No text holds
personal data (values are never formatted into them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    vi: str
    en: str
    next_vi: str = ""
    next_en: str = ""

    def text(self, language: str) -> str:
        return self.vi if language == "vi" else self.en

    def next(self, language: str) -> str:
        return self.next_vi if language == "vi" else self.next_en


M = Message
MESSAGES: dict[str, Message] = {
    # the card
    "card.reading": M("Đang đọc thẻ căn cước…", "Reading the ID card…", "Giữ yên thẻ trên đầu đọc.",
                      "Keep the card still on the reader."),
    "card.lifted": M("Thẻ đã bị nhấc ra khỏi đầu đọc.", "The card was lifted off the reader.",
                     "Đặt lại thẻ lên đầu đọc và giữ yên.", "Put the card back on the reader and keep it still."),
    "card.not_back": M("Thẻ không được đặt lại kịp thời; dữ liệu đã đọc không được giữ.",
                       "The card was not put back in time; nothing read is kept.",
                       "Đặt thẻ lên đầu đọc để đọc lại.", "Place the card on the reader to read it again."),
    "card.wrong_key": M("Không mở được thẻ bằng mã đã cho.", "The card does not open with the key given.",
                        "Chụp lại mặt trước của thẻ (mã QR) hoặc nhập lại mã.",
                        "Photograph the card's front (its QR code) again, or type the key again."),
    "card.no_qr": M("Không tìm thấy mã QR của thẻ trong ảnh.", "No QR code of the card was found in the image.",
                    "Đưa mặt trước của thẻ vào camera, phẳng và rõ nét.",
                    "Hold the card's front flat and sharp in front of the camera."),
    "card.altered": M("Dữ liệu trên thẻ không khớp với chữ ký của cơ quan cấp.",
                      "The card's data does not match what its issuer signed.",
                      "Không chấp nhận thẻ này; mời gặp cán bộ.", "Do not accept this card; please see an officer."),
    "card.unreadable": M("Không đọc được thẻ.", "The card could not be read.",
                         "Đặt lại thẻ lên đầu đọc; nếu vẫn lỗi, mời gặp cán bộ.",
                         "Place the card on the reader again; if it fails again, please see an officer."),
    "card.no_reader": M("Không thấy đầu đọc thẻ.", "No card reader was found.",
                        "Mời gặp cán bộ hỗ trợ kỹ thuật.", "Please call an officer for technical help."),
    "card.not_genuine": M("Không chứng minh được thẻ là thẻ thật.", "The card could not be proven genuine.",
                          "Mời gặp cán bộ.", "Please see an officer."),
    "card.genuine": M("Thẻ đã được xác thực là thẻ thật do Nhà nước cấp.",
                      "The card is proven genuine, issued by the State.",
                      "Tiếp tục kiểm tra người nộp hồ sơ.", "Go on to check the person at the station."),
    # presence
    "presence.recorded": M("Đã ghi nhận kiểm tra người nộp.", "The presence check is recorded."),
    "presence.failed": M("Người trước máy chưa được xác nhận là chủ thẻ.",
                         "The person at the station is not confirmed as the card holder.",
                         "Mời gặp cán bộ để xác nhận.", "Please see an officer to confirm."),
    # the face check: guidance while it runs, then its outcome
    "face.face_camera": M("Nhìn thẳng vào camera.", "Look straight at the camera."),
    "face.hold_still": M("Giữ yên.", "Hold still."),
    "face.turn_left": M("Từ từ quay đầu sang trái.", "Slowly turn your head to your left."),
    "face.turn_right": M("Bây giờ quay đầu sang phải.", "Now turn your head to your right."),
    "face.presence_passed": M("Cảm ơn. Đang so khớp khuôn mặt…", "Thank you. Comparing your face…"),
    "face.no_face": M("Chưa thấy khuôn mặt.", "No face is seen yet.",
                      "Đứng trước camera, nhìn thẳng vào màn hình.", "Stand in front of the camera and look at the screen."),
    "face.several_faces": M("Camera thấy nhiều người.", "The camera sees more than one person.",
                            "Chỉ một người đứng trước camera.", "Only one person in front of the camera, please."),
    "face.too_small": M("Khuôn mặt ở quá xa.", "Your face is too far away.", "Lại gần camera hơn.",
                        "Come closer to the camera."),
    "face.too_dark": M("Ảnh quá tối.", "The picture is too dark.", "Đứng ra chỗ sáng hơn hoặc bật thêm đèn.",
                       "Move to more light, or turn a light on."),
    "face.turned_away": M("Khuôn mặt chưa nhìn thẳng vào camera.", "Your face is not turned to the camera.",
                          "Nhìn thẳng vào camera.", "Look straight at the camera."),
    "face.corrupt_frame": M("Ảnh từ camera bị lỗi.", "A picture from the camera is damaged.",
                            "Giữ yên; máy sẽ thử lại.", "Hold still; the station tries again."),
    "face.matched": M("Khuôn mặt khớp với ảnh trên thẻ.", "Your face matches the card's portrait."),
    "face.mismatch": M("Khuôn mặt không khớp với ảnh trên thẻ.", "Your face does not match the card's portrait.",
                       "Mời gặp cán bộ để đối chiếu.", "Please see an officer to compare."),
    "face.presence_failed": M("Chưa nhận ra cử động quay đầu.", "The head turn was not seen.",
                              "Thử lại, hoặc mời gặp cán bộ.", "Try again, or please see an officer."),
    "face.no_portrait": M("Thẻ không có ảnh chân dung để so khớp.", "The card holds no portrait to compare with.",
                          "Mời gặp cán bộ để đối chiếu.", "Please see an officer to compare."),
    "face.portrait_unreadable": M("Không đọc được ảnh chân dung trên thẻ.", "The card's portrait cannot be read.",
                                  "Mời gặp cán bộ để đối chiếu.", "Please see an officer to compare."),
    "face.portrait_no_face": M("Không tìm thấy khuôn mặt trong ảnh trên thẻ.",
                               "No face is found in the card's portrait.",
                               "Mời gặp cán bộ để đối chiếu.", "Please see an officer to compare."),
    "face.model_missing": M("Máy chưa cài mô hình nhận dạng khuôn mặt.", "The face model is not installed.",
                            "Mời gặp cán bộ; báo kỹ thuật viên.", "Please see an officer; tell the technician."),
    "face.unavailable": M("Máy này không kiểm tra khuôn mặt.", "This station does not check faces.",
                          "Mời gặp cán bộ để đối chiếu.", "Please see an officer to compare."),
    # the camera
    "camera.missing": M("Không thấy camera.", "No camera is connected.",
                        "Mời gặp cán bộ; báo kỹ thuật viên.", "Please see an officer; tell the technician."),
    "camera.busy": M("Camera đang bận hoặc không mở được.", "The camera is busy or cannot be opened.",
                     "Mời gặp cán bộ; báo kỹ thuật viên.", "Please see an officer; tell the technician."),
    "camera.lost": M("Camera bị ngắt kết nối.", "The camera was disconnected.",
                     "Thử lại khi camera hoạt động, hoặc mời gặp cán bộ.",
                     "Try again when the camera works again, or see an officer."),
    "camera.corrupt_frame": M("Ảnh từ camera bị lỗi.", "A picture from the camera is damaged."),
    "camera.ended": M("Video đã hết.", "The video has ended."),
    "camera.streaming": M("Camera đang hoạt động.", "The camera is working."),
    # the fingerprint reader
    "fingerprint.place_finger": M("Đặt ngón tay lên đầu đọc vân tay.", "Place your finger on the fingerprint reader."),
    "fingerprint.matched": M("Vân tay khớp.", "Your fingerprint matches."),
    "fingerprint.mismatch": M("Vân tay không khớp.", "Your fingerprint does not match.",
                              "Mời gặp cán bộ để đối chiếu.", "Please see an officer to compare."),
    "fingerprint.no_finger": M("Chưa thấy ngón tay trên đầu đọc.", "No finger on the reader.",
                               "Đặt ngón tay lên đầu đọc và giữ yên.", "Place your finger on the reader and hold it still."),
    "fingerprint.poor_quality": M("Vân tay chưa rõ.", "The fingerprint is not clear enough.",
                                  "Lau khô ngón tay, đặt lại và ấn nhẹ.", "Dry your finger, place it again and press gently."),
    "fingerprint.no_device": M("Không thấy đầu đọc vân tay.", "No fingerprint reader is connected.",
                               "Mời gặp cán bộ để đối chiếu.", "Please see an officer to compare."),
    "fingerprint.no_reference": M("Không có mẫu vân tay để so khớp.", "There is no fingerprint to compare with.",
                                  "Mời gặp cán bộ để đối chiếu.", "Please see an officer to compare."),
    "fingerprint.device_error": M("Đầu đọc vân tay báo lỗi.", "The fingerprint reader reported a problem.",
                                  "Mời gặp cán bộ để đối chiếu.", "Please see an officer to compare."),
    "fingerprint.plugin": M("Đầu đọc vân tay chưa được cài đặt đúng.", "The fingerprint reader is not set up right.",
                            "Mời gặp cán bộ; báo kỹ thuật viên.", "Please see an officer; tell the technician."),
    "fingerprint.unavailable": M("Máy này không có đầu đọc vân tay.", "This station has no fingerprint reader.",
                                 "Mời gặp cán bộ để đối chiếu.", "Please see an officer to compare."),
    # procedure and units
    "procedure.chosen": M("Đã chọn thủ tục.", "The procedure is chosen.", "Xác nhận đơn vị giải quyết.",
                          "Confirm the unit that decides."),
    "procedure.unknown": M("Không có thủ tục này trong danh mục.", "This procedure is not in the catalog.",
                           "Chọn thủ tục khác.", "Choose another procedure."),
    "unit.suggested": M("Đơn vị giải quyết được gợi ý theo nơi thường trú trên thẻ.",
                        "The deciding unit is suggested from the permanent address on the card.",
                        "Xác nhận hoặc chọn đơn vị khác trong tỉnh.", "Confirm it or choose another unit of the province."),
    "unit.not_found": M("Không xác định được đơn vị theo nơi thường trú.",
                        "No unit could be found from the permanent address.",
                        "Chọn đơn vị giải quyết trong tỉnh.", "Choose the deciding unit of the province."),
    "unit.outside_province": M("Nơi thường trú thuộc tỉnh khác.", "The permanent address is in another province.",
                               "Chọn đơn vị giải quyết trong tỉnh.", "Choose the deciding unit of the province."),
    "unit.confirmed": M("Đã xác nhận đơn vị giải quyết.", "The deciding unit is confirmed."),
    "unit.wrong": M("Đơn vị này không thuộc tỉnh của trung tâm.", "This unit is not in the centre's province.",
                    "Chọn một đơn vị trong tỉnh.", "Choose a unit of the province."),
    # components
    "scan.started": M("Đang quét…", "Scanning…", "Không mở nắp máy quét.", "Do not open the scanner lid."),
    "scan.page": M("Đã quét một trang.", "A page is scanned."),
    "scan.ended": M("Đã quét xong.", "Scanning is finished.", "Kiểm tra các trang.", "Check the pages."),
    "scan.problem": M("Máy quét báo lỗi.", "The scanner reported a problem."),
    "page.blank": M("Trang này có vẻ để trống.", "This page looks blank.",
                    "Giữ lại nếu đúng là trang trống, hoặc quét lại.", "Keep it if it is meant to be empty, or scan it again."),
    "page.blurred": M("Trang này có vẻ bị mờ.", "This page looks blurred.",
                      "Quét lại, hoặc giữ lại nếu vẫn đọc được.", "Scan it again, or keep it if it can still be read."),
    "page.confirmed": M("Đã giữ lại trang.", "The page is kept."),
    "page.unconfirmed": M("Có trang để trống hoặc bị mờ chưa được xác nhận.",
                          "A blank or blurred page has not been checked yet.",
                          "Xem lại các trang được đánh dấu.", "Look again at the marked pages."),
    "component.done": M("Thành phần hồ sơ đã đủ.", "The component is provided."),
    "component.cleared": M("Đã bỏ thành phần hồ sơ.", "The component is cleared."),
    "component.wallet": M("Dùng lại giấy tờ trong kho dữ liệu của công dân.",
                          "A document from the citizen's e-wallet is reused."),
    "component.split": M("Đã tách các trang sang thành phần hồ sơ khác.",
                         "The pages were split off into another component."),
    "component.merged": M("Đã gộp các trang vào thành phần hồ sơ khác.",
                          "The pages were merged into another component."),
    "component.original": M("Đã ghi nhận xuất trình bản chính.", "Shown in original: recorded."),
    "component.missing": M("Còn thiếu thành phần hồ sơ bắt buộc.", "Required components are missing.",
                           "Quét hoặc chọn giấy tờ còn thiếu.", "Scan or choose the missing documents."),
    # consent and submit
    "consent.given": M("Đã đồng ý.", "Consent is given."),
    "consent.missing": M("Chưa có sự đồng ý của công dân.", "The citizen has not consented yet.",
                         "Đọc và xác nhận nội dung đồng ý.", "Read and accept the consent text."),
    "submit.done": M("Hồ sơ đã được tiếp nhận trên máy và sẽ được gửi lên hệ thống của tỉnh.",
                     "The dossier is received on the station and will be sent to the province.",
                     "Nhận giấy tiếp nhận.", "Take the receipt."),
    "submit.failed": M("Không lưu được hồ sơ; không có gì bị mất.", "The dossier could not be stored; nothing is lost.",
                       "Mời gặp cán bộ.", "Please see an officer."),
    "receipt.kept": M("Giấy tiếp nhận đã được lưu vào kho dữ liệu của bạn trên máy.",
                      "The receipt is kept in your e-wallet on the station."),
    "receipt.not_kept": M("Không lưu được giấy tiếp nhận vào kho dữ liệu của bạn.",
                          "The receipt could not be kept in your e-wallet.", "Mời gặp cán bộ.",
                          "Please see an officer."),
    # the slips other than the receipt: the request for supplement and the refusal
    "supplement.requested": M("Đã lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.",
                              "The request for supplement is made.", "In phiếu và giao cho công dân.",
                              "Print the slip and hand it to the citizen."),
    "supplement.nothing": M("Không có thành phần hồ sơ nào cần bổ sung.", "No component needs a supplement.",
                            "Chọn thành phần hồ sơ cần bổ sung, hoàn thiện.", "Choose the components to be completed."),
    "supplement.unknown_component": M("Thành phần này không có trong danh mục hồ sơ của thủ tục.",
                                      "This component is not on the procedure's checklist.",
                                      "Chọn một thành phần trong danh mục.", "Choose a component of the checklist."),
    "refusal.issued": M("Đã lập phiếu từ chối tiếp nhận giải quyết hồ sơ.",
                        "The refusal slip is made.", "In phiếu và giao cho công dân.",
                        "Print the slip and hand it to the citizen."),
    "refusal.no_reason": M("Chưa ghi lý do từ chối.", "No reason for the refusal is written.",
                           "Ghi rõ lý do từ chối tiếp nhận hồ sơ.", "Write why the dossier is refused."),
    "refusal.unknown_basis": M("Căn cứ từ chối không có trong danh sách.", "This ground for refusal is not in the list.",
                               "Chọn một căn cứ trong danh sách.", "Choose a ground from the list."),
    # the queue ticket the wait started with (counter)
    "ticket.set": M("Đã ghi nhận số thứ tự.", "The queue ticket is recorded."),
    "ticket.invalid": M("Số thứ tự không hợp lệ.", "The queue ticket is not valid.",
                        "Nhập số thứ tự in trên phiếu (từ 1 đến 20 ký tự).",
                        "Type the number printed on the ticket (1 to 20 characters)."),
    "step.order": M("Bước này chưa thể làm lúc này.", "This step cannot be done yet."),
    # the rating, after the submit
    "rating.done": M("Cảm ơn ông/bà đã đánh giá.", "Thank you for your rating."),
    "rating.invalid": M("Đánh giá chưa hợp lệ.", "The rating is not valid.",
                        "Chọn mức hài lòng từ 1 đến 5; chỉ chọn lý do khi mức từ 3 trở xuống.",
                        "Choose a score from 1 to 5; reasons only at 3 or below."),
    "rating.twice": M("Lượt nộp hồ sơ này đã được đánh giá.", "This visit is already rated."),
    "rating.failed": M("Không lưu được đánh giá; hồ sơ không bị ảnh hưởng.",
                       "The rating could not be stored; the dossier is not affected."),
    # the end
    "ended": M("Phiên làm việc đã kết thúc; dữ liệu trên máy đã được xoá.",
               "The session has ended; its data is wiped from the station."),
}


def message(code: str) -> Message:
    return MESSAGES[code]
