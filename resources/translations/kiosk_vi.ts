<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>CameraPage</name>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="160"/>
        <source>Preview stopped</source>
        <translation>Đã dừng xem trước</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="161"/>
        <source>no camera</source>
        <translation>không có camera</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="161"/>
        <source>the camera is busy</source>
        <translation>camera đang bận</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="162"/>
        <source>the camera was lost</source>
        <translation>mất kết nối camera</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="162"/>
        <source>a frame was corrupt</source>
        <translation>một khung hình bị lỗi</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="164"/>
        <source>the video ended</source>
        <translation>video đã hết</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="164"/>
        <source>Sharpness: %1</source>
        <translation>Độ nét: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="171"/>
        <source>Hold a test card&apos;s front to the camera.</source>
        <translation>Đưa mặt trước của thẻ thử trước camera.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="173"/>
        <source>Looking for a QR code…</source>
        <translation>Đang tìm mã QR…</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="174"/>
        <source>The camera gave no picture: %1</source>
        <translation>Camera không cho hình: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="176"/>
        <source>No QR code found (%1 × %2 pixels, %3).</source>
        <translation>Không tìm thấy mã QR (%1 × %2 điểm ảnh, %3).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/diagnostics/camera_page.py" line="179"/>
        <source>QR found, %n characters, read in %1.</source>
        <translation>
            <numerusform>Đã tìm thấy mã QR, %n ký tự, đọc trong %1.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="185"/>
        <source>Loads the face model and encodes a sample face (not shown).</source>
        <translation>Nạp mô hình khuôn mặt và mã hóa một khuôn mặt mẫu (không hiển thị).</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="187"/>
        <source>Loading the face model…</source>
        <translation>Đang nạp mô hình khuôn mặt…</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="188"/>
        <source>The face model check failed: %1</source>
        <translation>Kiểm tra mô hình khuôn mặt không đạt: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="191"/>
        <source>Face model OK: loaded in %1, face found in %2, encoded in %3 (%4 values), threshold %5.</source>
        <translation>Mô hình khuôn mặt hoạt động tốt: nạp trong %1, tìm thấy khuôn mặt trong %2, mã hóa trong %3 (%4 giá trị), ngưỡng %5.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="197"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="197"/>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="199"/>
        <source>Camera in use (setting camera): %1</source>
        <translation>Camera đang dùng (thiết lập camera): %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="199"/>
        <source>the first camera</source>
        <translation>camera đầu tiên</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="200"/>
        <source>Preview (Ctrl+P)</source>
        <translation>Xem trước (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="202"/>
        <source>A coarse preview: enough to check light and framing, too coarse to recognise a face or read a code (Ctrl+P)</source>
        <translation>Hình xem trước thô: đủ để kiểm tra ánh sáng và khung hình, quá thô để nhận ra khuôn mặt hay đọc mã (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="203"/>
        <source>Coarse camera preview</source>
        <translation>Hình xem trước thô của camera</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="204"/>
        <source>QR test (Ctrl+Q)</source>
        <translation>Thử đọc mã QR (Ctrl+Q)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="206"/>
        <source>Look for a QR code in the camera&apos;s frames: only its length is shown (Ctrl+Q)</source>
        <translation>Tìm mã QR trong các khung hình của camera: chỉ hiển thị độ dài của mã (Ctrl+Q)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="207"/>
        <source>Face model check (Ctrl+F)</source>
        <translation>Kiểm tra mô hình khuôn mặt (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/camera_page.py" line="208"/>
        <source>Load the face model and encode a sample face (Ctrl+F)</source>
        <translation>Nạp mô hình khuôn mặt và mã hóa một khuôn mặt mẫu (Ctrl+F)</translation>
    </message>
</context>
<context>
    <name>CardScreen</name>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="140"/>
        <source>Your ID card</source>
        <translation>Thẻ căn cước của bạn</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="142"/>
        <source>Show the front of your card, with the QR code, to the camera. Then place the card on the reader and keep it there.</source>
        <translation>Đưa mặt trước của thẻ, có mã QR, vào camera. Sau đó đặt thẻ lên đầu đọc và giữ yên.</translation>
    </message>
</context>
<context>
    <name>CardTestPage</name>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="159"/>
        <source>Put a test card on the reader, type its CAN or read its keys from the camera, then start the test read.</source>
        <translation>Đặt thẻ thử lên đầu đọc, nhập mã CAN của thẻ hoặc lấy khóa truy cập qua camera, rồi bắt đầu đọc thử.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="160"/>
        <source>Looking for the card&apos;s QR code…</source>
        <translation>Đang tìm mã QR trên thẻ…</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="161"/>
        <source>The keys were read from the card&apos;s QR code: start the test read.</source>
        <translation>Đã lấy khóa truy cập từ mã QR trên thẻ: hãy bắt đầu đọc thử.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="162"/>
        <source>A CAN is 6 digits.</source>
        <translation>Mã CAN gồm 6 chữ số.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="163"/>
        <source>Type the test card&apos;s CAN, or read its keys from the camera first.</source>
        <translation>Hãy nhập mã CAN của thẻ thử, hoặc lấy khóa truy cập qua camera trước.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="164"/>
        <source>Reading the card…</source>
        <translation>Đang đọc thẻ…</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="167"/>
        <source>No card keys from the camera: %1</source>
        <translation>Không lấy được khóa truy cập qua camera: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="169"/>
        <source>The test read failed: %1</source>
        <translation>Đọc thử không thành công: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="173"/>
        <source>Read OK in %1 with %2, %3 commands (%4 extended-length), %5 bytes.</source>
        <translation>Đọc thành công trong %1 bằng %2, %3 lệnh (%4 lệnh độ dài mở rộng), %5 byte.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="176"/>
        <source>The card is proven genuine.</source>
        <translation>Thẻ đã được xác thực là thẻ thật.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="177"/>
        <source>The card is NOT proven genuine.</source>
        <translation>Thẻ CHƯA được xác thực là thẻ thật.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/diagnostics/card_test_page.py" line="180"/>
        <source>The card left the field %n time(s) and the reading went on.</source>
        <translation>
            <numerusform>Thẻ rời khỏi vùng đọc %n lần và việc đọc vẫn tiếp tục.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="185"/>
        <source>Opening the chip (PACE or BAC)</source>
        <translation>Mở chip (PACE hoặc BAC)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="186"/>
        <source>Chip authentication</source>
        <translation>Xác thực chip</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="187"/>
        <source>Active authentication</source>
        <translation>Xác thực chủ động</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="189"/>
        <source>Passive authentication</source>
        <translation>Xác thực thụ động</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="189"/>
        <source>passed</source>
        <translation>đạt</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="189"/>
        <source>failed</source>
        <translation>không đạt</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="189"/>
        <source>not done</source>
        <translation>chưa thực hiện</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="191"/>
        <source>unavailable</source>
        <translation>không khả dụng</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="191"/>
        <source>Passive authentication (data signed by the issuer)</source>
        <translation>Xác thực thụ động (dữ liệu do cơ quan cấp thẻ ký)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="192"/>
        <source>Chip authentication (not a copy)</source>
        <translation>Xác thực chip (không phải bản sao)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="194"/>
        <source>Active authentication (not a copy)</source>
        <translation>Xác thực chủ động (không phải bản sao)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="195"/>
        <source>Reading %1</source>
        <translation>Đọc %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="196"/>
        <source>Total</source>
        <translation>Tổng cộng</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="201"/>
        <source>Test card&apos;s &amp;CAN:</source>
        <translation>Mã &amp;CAN của thẻ thử:</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="202"/>
        <source>6 digits, hidden</source>
        <translation>6 chữ số, được ẩn</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="203"/>
        <source>Test card&apos;s CAN</source>
        <translation>Mã CAN của thẻ thử</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="204"/>
        <source>Keys from the camera</source>
        <translation>Lấy khóa qua camera</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="205"/>
        <source>Read the access keys from the QR code on the test card&apos;s front</source>
        <translation>Lấy khóa truy cập từ mã QR ở mặt trước thẻ thử</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="206"/>
        <source>Test read (Ctrl+R)</source>
        <translation>Đọc thử (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="207"/>
        <source>Read the test card once and time each step (Ctrl+R)</source>
        <translation>Đọc thẻ thử một lần và đo thời gian từng bước (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="208"/>
        <source>Step</source>
        <translation>Bước</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="208"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="209"/>
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="209"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="211"/>
        <source>The APDU trace appears here: header, sizes and status word of each command; data is never shown.</source>
        <translation>Nhật ký APDU hiện ở đây: phần đầu, kích thước và mã trạng thái của từng lệnh; không bao giờ hiển thị dữ liệu.</translation>
    </message>
</context>
<context>
    <name>ComponentsScreen</name>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="404"/>
        <source>Your documents</source>
        <translation>Giấy tờ của bạn</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="407"/>
        <source>Put the pages face up in the feeder&apos;s tray, top edge first, where the red arrow points. Then touch Scan.</source>
        <translation>Đặt các trang ngửa lên trong khay nạp giấy, mép trên vào trước, theo mũi tên đỏ. Sau đó chạm Quét.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="410"/>
        <source>Put the page face down on the glass, its top edge in the corner with the red arrow, and close the lid. Then touch Scan.</source>
        <translation>Úp mặt giấy xuống mặt kính, mép trên sát góc có mũi tên đỏ, rồi đóng nắp. Sau đó chạm Quét.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="411"/>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="412"/>
        <source>Documents of the procedure</source>
        <translation>Giấy tờ của thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="417"/>
        <source>From your e-wallet</source>
        <translation>Lấy từ kho dữ liệu của bạn</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/kiosk_screens.py" line="418"/>
        <source>Pages scanned: %n</source>
        <translation>
            <numerusform>Đã quét %n trang</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="421"/>
        <source>Required</source>
        <translation>Bắt buộc</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="423"/>
        <source>Optional</source>
        <translation>Không bắt buộc</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="424"/>
        <source>Scan</source>
        <translation>Quét</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="424"/>
        <source>Scan more</source>
        <translation>Quét thêm</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="426"/>
        <source>Use my copy of %1</source>
        <translation>Dùng bản của tôi ngày %1</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="432"/>
        <source>Page %1, to be checked: touch to see it</source>
        <translation>Trang %1, cần kiểm tra: chạm để xem</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="433"/>
        <source>Page %1: touch to see it</source>
        <translation>Trang %1: chạm để xem</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="488"/>
        <source>Your consent</source>
        <translation>Sự đồng ý của bạn</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="489"/>
        <source>I agree and submit</source>
        <translation>Tôi đồng ý và nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="490"/>
        <source>Consent text</source>
        <translation>Nội dung đồng ý</translation>
    </message>
</context>
<context>
    <name>CopySignatures</name>
    <message>
        <location filename="../../ui/counter/copy_signatures.py" line="87"/>
        <source>Copies made before the station signed them carry no signature.</source>
        <translation>Bản sao được tạo trước khi máy ký số các bản sao thì không có chữ ký số.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/copy_signatures.py" line="102"/>
        <location filename="../../ui/counter/copy_signatures.py" line="104"/>
        <source>Not checked</source>
        <translation>Chưa kiểm tra</translation>
    </message>
    <message>
        <location filename="../../ui/counter/copy_signatures.py" line="103"/>
        <source>Checking the signature…</source>
        <translation>Đang kiểm tra chữ ký số…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/copy_signatures.py" line="103"/>
        <source>Digitally signed, valid</source>
        <translation>Đã ký số hợp lệ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/copy_signatures.py" line="103"/>
        <source>Not signed</source>
        <translation>Chưa ký số</translation>
    </message>
    <message>
        <location filename="../../ui/counter/copy_signatures.py" line="104"/>
        <source>Signature NOT valid</source>
        <translation>Chữ ký số KHÔNG hợp lệ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/copy_signatures.py" line="108"/>
        <source>Digital &amp;signatures of the copies:</source>
        <translation>Chữ &amp;ký số trên các bản sao:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/copy_signatures.py" line="109"/>
        <source>Digital signatures of the copies</source>
        <translation>Chữ ký số trên các bản sao</translation>
    </message>
    <message>
        <location filename="../../ui/counter/copy_signatures.py" line="110"/>
        <source>Component</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/copy_signatures.py" line="110"/>
        <source>Signature</source>
        <translation>Chữ ký số</translation>
    </message>
    <message>
        <location filename="../../ui/counter/copy_signatures.py" line="110"/>
        <source>Signed by</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <location filename="../../ui/counter/copy_signatures.py" line="111"/>
        <source>Level</source>
        <translation>Mức</translation>
    </message>
    <message>
        <location filename="../../ui/counter/copy_signatures.py" line="111"/>
        <source>Signed at</source>
        <translation>Thời điểm ký</translation>
    </message>
    <message>
        <location filename="../../ui/counter/copy_signatures.py" line="112"/>
        <source>Vietnam time (UTC+7)</source>
        <translation>Giờ Việt Nam (UTC+7)</translation>
    </message>
    <message>
        <location filename="../../ui/counter/copy_signatures.py" line="114"/>
        <source>PAdES level: B-B basic, B-T with a timestamp, B-LT with a timestamp and revocation data</source>
        <translation>Mức PAdES: B-B cơ bản, B-T có dấu thời gian, B-LT có dấu thời gian và dữ liệu thu hồi chứng thư</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../../ui/counter_window.py" line="175"/>
        <source>The station could not open its store: %1</source>
        <translation>Máy không mở được kho dữ liệu: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="214"/>
        <source>The station is still opening: try again in a moment.</source>
        <translation>Máy đang khởi động: vui lòng thử lại sau giây lát.</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="238"/>
        <source>New reception</source>
        <translation>Tiếp nhận mới</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="239"/>
        <source>waited too long</source>
        <translation>chờ quá lâu</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="271"/>
        <source>Dossier %1</source>
        <translation>Hồ sơ %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="285"/>
        <source>Exported to %1</source>
        <translation>Đã xuất ra %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="286"/>
        <location filename="../../ui/counter_window.py" line="413"/>
        <source>Day view</source>
        <translation>Tổng hợp trong ngày</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="304"/>
        <source>Close the reception</source>
        <translation>Đóng phiên tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="306"/>
        <source>This citizen&apos;s dossier is not submitted. Close the reception and discard what was read and scanned?</source>
        <translation>Hồ sơ của công dân này chưa được nộp. Đóng phiên tiếp nhận và bỏ toàn bộ dữ liệu đã đọc và đã quét?</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="377"/>
        <source>Readers: %1 · Scanners: %2 · Cameras: %3</source>
        <translation>Đầu đọc: %1 · Máy quét: %2 · Camera: %3</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="381"/>
        <source>Officer: %1</source>
        <translation>Cán bộ tiếp nhận: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="382"/>
        <source>No officer signed in</source>
        <translation>Chưa có cán bộ đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="385"/>
        <source>About</source>
        <translation>Giới thiệu</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="385"/>
        <source>Digitisation point, version %1</source>
        <translation>Điểm số hóa, phiên bản %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="391"/>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="400"/>
        <source>Digitisation point — counter</source>
        <translation>Điểm số hóa — quầy tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="404"/>
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="405"/>
        <source>Dossiers received at this station (Ctrl+L)</source>
        <translation>Hồ sơ đã tiếp nhận tại máy này (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="423"/>
        <source>Dossier &amp;list</source>
        <translation>&amp;Danh sách hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="424"/>
        <source>&amp;Search dossiers</source>
        <translation>&amp;Tìm hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="425"/>
        <source>&amp;Day view</source>
        <translation>Tổng hợp t&amp;rong ngày</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="426"/>
        <source>Ne&amp;xt tab</source>
        <translation>Thẻ &amp;kế tiếp</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="427"/>
        <source>&amp;Previous tab</source>
        <translation>Thẻ &amp;trước</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="428"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Làm mới</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="415"/>
        <source>Station %1 · center unit %2</source>
        <translation>Máy %1 · đơn vị %2</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="417"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="418"/>
        <source>&amp;New reception</source>
        <translation>Tiếp nhận &amp;mới</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="419"/>
        <source>&amp;Export the day as CSV…</source>
        <translation>&amp;Xuất số liệu trong ngày ra CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="420"/>
        <source>&amp;Close tab</source>
        <translation>Đó&amp;ng thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="421"/>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="422"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="429"/>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="430"/>
        <source>&amp;Help</source>
        <translation>T&amp;rợ giúp</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="431"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Phím tắt</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="432"/>
        <source>&amp;About</source>
        <translation>&amp;Giới thiệu</translation>
    </message>
</context>
<context>
    <name>DayView</name>
    <message>
        <location filename="../../ui/counter/day_view.py" line="80"/>
        <source>Counting the day&apos;s dossiers…</source>
        <translation>Đang tổng hợp hồ sơ trong ngày…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="93"/>
        <source>The day&apos;s figures could not be counted: %1</source>
        <translation>Không tổng hợp được số liệu trong ngày: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="100"/>
        <location filename="../../ui/counter/day_view.py" line="110"/>
        <location filename="../../ui/counter/day_view.py" line="154"/>
        <source>Dossiers by procedure</source>
        <translation>Hồ sơ theo thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="101"/>
        <location filename="../../ui/counter/day_view.py" line="113"/>
        <location filename="../../ui/counter/day_view.py" line="155"/>
        <source>Dossiers by hour</source>
        <translation>Hồ sơ theo giờ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="115"/>
        <source>No dossier was received on this day.</source>
        <translation>Không có hồ sơ nào được tiếp nhận trong ngày này.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="120"/>
        <source>%1 s</source>
        <translation>%1 giây</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="121"/>
        <source>%1 h %2 min</source>
        <translation>%1 giờ %2 phút</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="122"/>
        <source>%1 min %2 s</source>
        <translation>%1 phút %2 giây</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="126"/>
        <source>Nothing to export yet.</source>
        <translation>Chưa có số liệu để xuất.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="129"/>
        <source>Export the day as CSV</source>
        <translation>Xuất số liệu trong ngày ra CSV</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="130"/>
        <source>CSV files (*.csv)</source>
        <translation>Tệp CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="139"/>
        <source>The file could not be written: %1</source>
        <translation>Không ghi được tệp: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="141"/>
        <source>Exported to %1</source>
        <translation>Đã xuất ra %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="145"/>
        <source>&amp;Day:</source>
        <translation>Ngà&amp;y:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="146"/>
        <source>Export CSV…</source>
        <translation>Xuất CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="147"/>
        <source>Export the day&apos;s figures as CSV (Ctrl+E)</source>
        <translation>Xuất số liệu trong ngày ra CSV (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="148"/>
        <source>Dossiers received:</source>
        <translation>Hồ sơ đã tiếp nhận:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="149"/>
        <source>Non-territorial (address outside the receiving unit):</source>
        <translation>Phi địa giới (địa chỉ ngoài đơn vị tiếp nhận):</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="150"/>
        <source>Median handling time:</source>
        <translation>Thời gian xử lý trung vị:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="151"/>
        <source>Over the %1-minute wait:</source>
        <translation>Chờ quá %1 phút:</translation>
    </message>
</context>
<context>
    <name>DiagnosticsContent</name>
    <message>
        <location filename="../../ui/diagnostics/content.py" line="124"/>
        <source>Looking for devices…</source>
        <translation>Đang tìm thiết bị…</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/content.py" line="126"/>
        <source>Cannot list devices: %1</source>
        <translation>Không liệt kê được thiết bị: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/diagnostics/content.py" line="128"/>
        <source>%n device(s) found</source>
        <translation>
            <numerusform>Tìm thấy %n thiết bị</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/content.py" line="132"/>
        <source>Station %1, center unit %2 — diagnostics</source>
        <translation>Máy %1, đơn vị %2 — chẩn đoán kỹ thuật</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/content.py" line="133"/>
        <source>Refresh devices (F5)</source>
        <translation>Làm mới thiết bị (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/content.py" line="135"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/content.py" line="136"/>
        <source>Card readers</source>
        <translation>Đầu đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/content.py" line="136"/>
        <source>Card test</source>
        <translation>Đọc thử thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/content.py" line="136"/>
        <source>Scanners</source>
        <translation>Máy quét</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/content.py" line="136"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/content.py" line="137"/>
        <source>Sync</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/content.py" line="137"/>
        <source>Doctor</source>
        <translation>Tự kiểm tra</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/content.py" line="138"/>
        <source>Logs</source>
        <translation>Nhật ký</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/content.py" line="141"/>
        <source>Go to %1 (Ctrl+%2)</source>
        <translation>Chuyển đến %1 (Ctrl+%2)</translation>
    </message>
</context>
<context>
    <name>DiagnosticsWindow</name>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="61"/>
        <source>Digitisation point — diagnostics</source>
        <translation>Điểm số hóa — chẩn đoán</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="62"/>
        <source>Technician: %1</source>
        <translation>Kỹ thuật viên: %1</translation>
    </message>
</context>
<context>
    <name>DoctorPage</name>
    <message>
        <location filename="../../ui/diagnostics/doctor_page.py" line="55"/>
        <source>ok</source>
        <translation>tốt</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/doctor_page.py" line="55"/>
        <source>warning</source>
        <translation>cảnh báo</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/doctor_page.py" line="56"/>
        <source>failed</source>
        <translation>không đạt</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/doctor_page.py" line="60"/>
        <source>Checks the readers, scanners, cameras, face model, endpoint, data folder, trust store and catalogs.</source>
        <translation>Kiểm tra đầu đọc thẻ, máy quét, camera, mô hình khuôn mặt, máy chủ tỉnh, thư mục dữ liệu, kho chứng thư tin cậy và danh mục.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/doctor_page.py" line="62"/>
        <source>Running the checks…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/doctor_page.py" line="63"/>
        <source>The checks could not run: %1</source>
        <translation>Không chạy được các bước kiểm tra: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/doctor_page.py" line="65"/>
        <source>Overall: %1</source>
        <translation>Kết quả chung: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/doctor_page.py" line="77"/>
        <source>Choose a check to read its detail and fix in full.</source>
        <translation>Chọn một mục kiểm tra để xem đầy đủ chi tiết và cách khắc phục.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/doctor_page.py" line="82"/>
        <source>Fix: %1</source>
        <translation>Cách khắc phục: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/doctor_page.py" line="86"/>
        <source>Run kiosk doctor (Ctrl+D)</source>
        <translation>Chạy kiosk doctor (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/doctor_page.py" line="87"/>
        <source>The same checks as `kiosk doctor` on the command line (Ctrl+D)</source>
        <translation>Các bước kiểm tra giống lệnh `kiosk doctor` trên dòng lệnh (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/doctor_page.py" line="88"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/doctor_page.py" line="88"/>
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/doctor_page.py" line="88"/>
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/doctor_page.py" line="88"/>
        <source>Fix</source>
        <translation>Cách khắc phục</translation>
    </message>
</context>
<context>
    <name>DossierListModel</name>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="167"/>
        <source>Received</source>
        <translation>Tiếp nhận lúc</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="167"/>
        <source>Citizen</source>
        <translation>Công dân</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="167"/>
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="167"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="168"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="168"/>
        <source>Wait</source>
        <translation>Thời gian chờ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="168"/>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="210"/>
        <source>%1 — over the limit</source>
        <translation>%1 — quá thời hạn</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="215"/>
        <source>%1 h %2 min</source>
        <translation>%1 giờ %2 phút</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="216"/>
        <source>%1 min</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="220"/>
        <source>sending %1 %</source>
        <translation>đang gửi %1 %</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="221"/>
        <source>accepted</source>
        <translation>đã tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="221"/>
        <source>draft</source>
        <translation>bản nháp</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="221"/>
        <location filename="../../ui/counter/dossier_list.py" line="223"/>
        <source>queued</source>
        <translation>chờ gửi</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="221"/>
        <source>waiting for network</source>
        <translation>chờ kết nối mạng</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="222"/>
        <source>needs supplement</source>
        <translation>cần bổ sung</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="222"/>
        <source>conflict</source>
        <translation>xung đột dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="223"/>
        <source>rejected</source>
        <translation>bị từ chối</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="224"/>
        <source>data altered or damaged</source>
        <translation>bị sửa đổi hoặc hỏng</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="232"/>
        <source>This dossier&apos;s stored data failed its integrity check: it was altered or damaged. It is kept as it is: it will not be sent to the province and it is not deleted. Call the technician (kiosk store check). You can go on with other dossiers.</source>
        <translation>Dữ liệu lưu trữ của hồ sơ này không vượt qua kiểm tra toàn vẹn: đã bị sửa đổi hoặc bị hỏng. Hồ sơ được giữ nguyên trạng: không gửi lên tỉnh và không bị xóa. Đề nghị báo kỹ thuật viên kiểm tra (lệnh kiosk store check). Có thể tiếp tục làm việc với các hồ sơ khác.</translation>
    </message>
</context>
<context>
    <name>DossierPanel</name>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="104"/>
        <source>Reading the dossiers…</source>
        <translation>Đang đọc danh sách hồ sơ…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="106"/>
        <source>No dossier matches.</source>
        <translation>Không có hồ sơ nào phù hợp.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="107"/>
        <source>No dossiers on this station yet.</source>
        <translation>Chưa có hồ sơ nào trên máy này.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/counter/dossier_panel.py" line="110"/>
        <source>%n dossier(s) shown. Enter or a double click opens one.</source>
        <translation>
            <numerusform>Đang hiển thị %n hồ sơ. Nhấn Enter hoặc nhấp đúp để mở.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="113"/>
        <source>The dossiers could not be read: %1</source>
        <translation>Không đọc được danh sách hồ sơ: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="116"/>
        <source>Dossiers received at this station</source>
        <translation>Hồ sơ đã tiếp nhận tại máy này</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="117"/>
        <source>&amp;Search:</source>
        <translation>Tìm &amp;kiếm:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="118"/>
        <source>ID number, name or dossier code</source>
        <translation>Số định danh, họ tên hoặc mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="119"/>
        <source>Search by ID number, name or dossier code (Ctrl+F)</source>
        <translation>Tìm theo số định danh, họ tên hoặc mã hồ sơ (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="120"/>
        <source>Search dossiers</source>
        <translation>Tìm hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="121"/>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="121"/>
        <source>All days</source>
        <translation>Tất cả các ngày</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="122"/>
        <source>Every state</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="129"/>
        <source>Which days</source>
        <translation>Ngày tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="130"/>
        <source>Today&apos;s dossiers or every day&apos;s</source>
        <translation>Hồ sơ hôm nay hoặc của mọi ngày</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="131"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="132"/>
        <source>Only the dossiers in this state</source>
        <translation>Chỉ các hồ sơ ở trạng thái này</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="133"/>
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
</context>
<context>
    <name>DossierTab</name>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="93"/>
        <source>Reading the dossier…</source>
        <translation>Đang đọc hồ sơ…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="152"/>
        <source>The dossier could not be read: %1</source>
        <translation>Không đọc được hồ sơ: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="167"/>
        <source>Citizen: %1 (ID %2)</source>
        <translation>Công dân: %1 (số định danh %2)</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="169"/>
        <source>Procedure: %1</source>
        <translation>Thủ tục: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="170"/>
        <source>Received %1 by %2</source>
        <translation>Tiếp nhận lúc %1, cán bộ %2</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="171"/>
        <source>Receiving unit %1 · competent unit %2</source>
        <translation>Đơn vị tiếp nhận %1 · đơn vị có thẩm quyền %2</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="173"/>
        <source>State: %1</source>
        <translation>Trạng thái: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="174"/>
        <source>Dossier code of the province: %1</source>
        <translation>Mã hồ sơ của tỉnh: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="174"/>
        <source>not yet</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="175"/>
        <source>Reference: %1</source>
        <translation>Số tham chiếu: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/counter/dossier_tab.py" line="181"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n trang</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="182"/>
        <source>from the e-wallet</source>
        <translation>từ kho dữ liệu điện tử</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="183"/>
        <source>shown in original</source>
        <translation>đã xuất trình bản chính</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="184"/>
        <source>not provided</source>
        <translation>không nộp</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="202"/>
        <source>&amp;Components:</source>
        <translation>Thành &amp;phần hồ sơ:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="203"/>
        <source>Components of the dossier</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="204"/>
        <source>Hi&amp;story (audit log):</source>
        <translation>&amp;Lịch sử xử lý (nhật ký):</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="205"/>
        <source>History of the dossier</source>
        <translation>Lịch sử của hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="206"/>
        <source>When</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="206"/>
        <source>Who</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="206"/>
        <source>What</source>
        <translation>Nội dung</translation>
    </message>
</context>
<context>
    <name>IdentityScreen</name>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="175"/>
        <source>Is this you?</source>
        <translation>Đây có phải là bạn?</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="176"/>
        <source>Yes, continue</source>
        <translation>Đúng, tiếp tục</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../ui/kiosk_window.py" line="248"/>
        <location filename="../../ui/kiosk_window.py" line="280"/>
        <source>This kiosk is not ready. Please see an officer.</source>
        <translation>Máy chưa sẵn sàng. Mời gặp cán bộ.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="312"/>
        <source>An officer has been called and will come to you.</source>
        <translation>Đã gọi cán bộ; cán bộ sẽ đến hỗ trợ bạn.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="600"/>
        <source>Reference</source>
        <translation>Mã tham chiếu</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="601"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="602"/>
        <source>Deciding office</source>
        <translation>Cơ quan giải quyết</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="603"/>
        <source>Expected result</source>
        <translation>Ngày hẹn trả kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="244"/>
        <source>Show the front of your card to the camera.</source>
        <translation>Đưa mặt trước của thẻ vào camera.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="592"/>
        <source>Storing your dossier…</source>
        <translation>Đang lưu hồ sơ của bạn…</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="606"/>
        <source>Printing your receipt…</source>
        <translation>Đang in giấy tiếp nhận…</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="622"/>
        <source>Take your receipt from the printer.</source>
        <translation>Mời nhận giấy tiếp nhận ở máy in.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="627"/>
        <source>Your receipt could not be printed here. It is kept with your dossier: an officer can print it for you.</source>
        <translation>Không in được giấy tiếp nhận tại đây. Giấy được giữ cùng hồ sơ của bạn: cán bộ có thể in cho bạn.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="640"/>
        <source>Dossier code of the province</source>
        <translation>Mã hồ sơ của tỉnh</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="731"/>
        <source>You can touch:</source>
        <translation>Bạn có thể chạm:</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/kiosk_window.py" line="752"/>
        <source>No activity: this session ends in %n second(s). Touch the screen to continue.</source>
        <translation>
            <numerusform>Không có thao tác: phiên làm việc sẽ kết thúc sau %n giây. Chạm vào màn hình để tiếp tục.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="789"/>
        <source>Digitisation point</source>
        <translation>Điểm số hóa</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="790"/>
        <source>Call an officer</source>
        <translation>Gọi cán bộ</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="791"/>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="792"/>
        <source>Repeat</source>
        <translation>Nghe lại</translation>
    </message>
</context>
<context>
    <name>LeftCardScreen</name>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="506"/>
        <source>Your card was taken off the reader</source>
        <translation>Thẻ của bạn đã được lấy ra khỏi đầu đọc</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="508"/>
        <source>Do you want to end your visit? If you do not answer, it ends by itself and nothing of yours stays on the kiosk.</source>
        <translation>Bạn có muốn kết thúc phiên làm việc không? Nếu bạn không trả lời, phiên sẽ tự kết thúc và không dữ liệu nào của bạn còn lại trên máy.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="509"/>
        <source>End my visit</source>
        <translation>Kết thúc phiên</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="510"/>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <location filename="../../ui/diagnostics/logs_page.py" line="43"/>
        <source>Export the logs</source>
        <translation>Xuất nhật ký</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/logs_page.py" line="44"/>
        <source>Zip archives (*.zip)</source>
        <translation>Tệp nén zip (*.zip)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/logs_page.py" line="73"/>
        <source>Log folder: %1</source>
        <translation>Thư mục nhật ký: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/logs_page.py" line="75"/>
        <source>Running the checks and writing %1…</source>
        <translation>Đang kiểm tra và ghi %1…</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/logs_page.py" line="77"/>
        <source>The archive could not be written: %1</source>
        <translation>Không ghi được tệp nén: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/logs_page.py" line="80"/>
        <source>Written: %1</source>
        <translation>Đã ghi: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/logs_page.py" line="85"/>
        <source>The archive holds the station&apos;s log files, masked again for personal data, and a manifest: station, version and the doctor&apos;s checks.</source>
        <translation>Tệp nén gồm các tệp nhật ký của máy, đã được che lại dữ liệu cá nhân một lần nữa, và một bản kê: mã máy, phiên bản và kết quả tự kiểm tra.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/logs_page.py" line="86"/>
        <source>Export the logs… (Ctrl+E)</source>
        <translation>Xuất nhật ký… (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/logs_page.py" line="87"/>
        <source>Write the redacted logs and the manifest as one .zip (Ctrl+E)</source>
        <translation>Ghi nhật ký đã che dữ liệu cá nhân và bản kê thành một tệp .zip (Ctrl+E)</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../ui/keyboard.py" line="63"/>
        <source>Space</source>
        <translation>Dấu cách</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="64"/>
        <source>Delete</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="65"/>
        <source>Clear</source>
        <translation>Xoá hết</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="66"/>
        <source>Delete the last letter</source>
        <translation>Xoá chữ cuối</translation>
    </message>
    <message>
        <location filename="../../ui/keyboard.py" line="67"/>
        <source>Clear the search</source>
        <translation>Xoá nội dung tìm kiếm</translation>
    </message>
</context>
<context>
    <name>PageEditor</name>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="136"/>
        <source>Pages of %1. %2</source>
        <translation>Các trang của %1. %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/counter/page_editor.py" line="137"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n trang</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="140"/>
        <source> (to check)</source>
        <translation> (cần kiểm tra)</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="141"/>
        <source>Page %1</source>
        <translation>Trang %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="159"/>
        <source>blank</source>
        <translation>trống</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="159"/>
        <source>blurred</source>
        <translation>mờ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="159"/>
        <source>glare</source>
        <translation>lóa sáng</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="257"/>
        <source>Earlier</source>
        <translation>Lên trước</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="257"/>
        <source>Later</source>
        <translation>Xuống sau</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="257"/>
        <source>Rotate right</source>
        <translation>Xoay phải</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="258"/>
        <source>Rotate left</source>
        <translation>Xoay trái</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="258"/>
        <source>Delete</source>
        <translation>Xóa trang</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="258"/>
        <source>Rescan</source>
        <translation>Quét lại</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="259"/>
        <source>Keep as is</source>
        <translation>Giữ nguyên</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="259"/>
        <source>Move page to</source>
        <translation>Chuyển trang sang</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="260"/>
        <source>Split from this page to</source>
        <translation>Tách từ trang này sang</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="260"/>
        <source>Merge all pages into</source>
        <translation>Gộp tất cả trang vào</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="266"/>
        <source>&amp;Other component:</source>
        <translation>Thành phần &amp;khác:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="267"/>
        <source>Other component</source>
        <translation>Thành phần khác</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="268"/>
        <source>Where Move, Split and Merge put the pages</source>
        <translation>Nơi nhận các trang khi chuyển, tách hoặc gộp</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="269"/>
        <source>Pages of the component</source>
        <translation>Các trang của thành phần hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/page_editor.py" line="270"/>
        <source>Drag to reorder, or Alt+Up/Down; R and Shift+R rotate; Del deletes</source>
        <translation>Kéo thả hoặc Alt+Lên/Xuống để sắp xếp; R và Shift+R để xoay; Del để xóa</translation>
    </message>
</context>
<context>
    <name>PageScreen</name>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="470"/>
        <source>Your page</source>
        <translation>Trang giấy của bạn</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="471"/>
        <source>Keep this page</source>
        <translation>Giữ trang này</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="472"/>
        <source>Scan it again</source>
        <translation>Quét lại</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="473"/>
        <source>Remove it</source>
        <translation>Bỏ trang này</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="474"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
</context>
<context>
    <name>PresenceScreen</name>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="195"/>
        <source>Is it you at the station?</source>
        <translation>Có phải bạn đang đứng trước máy?</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="196"/>
        <source>Look at the camera and follow the instructions.</source>
        <translation>Nhìn vào camera và làm theo hướng dẫn.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="197"/>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="198"/>
        <source>Use my fingerprint</source>
        <translation>Dùng vân tay của tôi</translation>
    </message>
</context>
<context>
    <name>ProcedureScreen</name>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="293"/>
        <source>What would you like to file?</source>
        <translation>Bạn muốn nộp hồ sơ gì?</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="294"/>
        <source>Touch the procedure, or search for it by its name.</source>
        <translation>Chạm vào thủ tục, hoặc tìm theo tên thủ tục.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="295"/>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="295"/>
        <source>Close the search</source>
        <translation>Đóng tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="297"/>
        <source>Procedures</source>
        <translation>Danh sách thủ tục</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="588"/>
        <source>How satisfied are you with this visit?</source>
        <translation>Bạn có hài lòng với lần làm thủ tục này không?</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="589"/>
        <source>Very satisfied</source>
        <translation>Rất hài lòng</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="589"/>
        <source>Satisfied</source>
        <translation>Hài lòng</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="590"/>
        <source>Neither satisfied nor dissatisfied</source>
        <translation>Bình thường</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="590"/>
        <source>Dissatisfied</source>
        <translation>Không hài lòng</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="591"/>
        <source>Very dissatisfied</source>
        <translation>Rất không hài lòng</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="593"/>
        <source>What went wrong? Touch one or more reasons, then Send.</source>
        <translation>Điều gì chưa tốt? Chạm một hoặc nhiều lý do, rồi chạm Gửi.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="594"/>
        <source>Send</source>
        <translation>Gửi</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="595"/>
        <source>Skip</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="596"/>
        <source>Satisfaction</source>
        <translation>Mức độ hài lòng</translation>
    </message>
</context>
<context>
    <name>ReadersPage</name>
    <message>
        <location filename="../../ui/diagnostics/readers_page.py" line="54"/>
        <source>no card</source>
        <translation>không có thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/readers_page.py" line="61"/>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/readers_page.py" line="62"/>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/readers_page.py" line="62"/>
        <location filename="../../ui/diagnostics/readers_page.py" line="66"/>
        <source>not stated</source>
        <translation>không nêu</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/readers_page.py" line="64"/>
        <source>reader: %1</source>
        <translation>đầu đọc: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/readers_page.py" line="67"/>
        <source>reader: %1, card: %2</source>
        <translation>đầu đọc: %1, thẻ: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/diagnostics/readers_page.py" line="69"/>
        <source>test read: %n extended-length command(s)</source>
        <translation>
            <numerusform>đọc thử: %n lệnh độ dài mở rộng</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/readers_page.py" line="73"/>
        <source>Reader</source>
        <translation>Đầu đọc</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/readers_page.py" line="73"/>
        <source>Card (ATR)</source>
        <translation>Thẻ (ATR)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/readers_page.py" line="73"/>
        <source>Protocols offered</source>
        <translation>Giao thức hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/readers_page.py" line="74"/>
        <source>In use</source>
        <translation>Đang dùng</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/readers_page.py" line="74"/>
        <source>Extended length</source>
        <translation>Độ dài mở rộng</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/readers_page.py" line="76"/>
        <source>The card test shows whether extended-length commands were used in a real reading. Cards are followed as they come and go.</source>
        <translation>Màn hình Đọc thử thẻ cho biết lệnh độ dài mở rộng có được dùng khi đọc thật hay không. Thẻ được theo dõi khi đặt vào và nhấc ra.</translation>
    </message>
</context>
<context>
    <name>ReceiptPrint</name>
    <message>
        <location filename="../../ui/receipt_print.py" line="66"/>
        <source>Receipt of the dossier and appointment for the result</source>
        <translation>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="67"/>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="68"/>
        <source>Reference at this station</source>
        <translation>Mã tiếp nhận tại máy</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="70"/>
        <source>The official dossier code is given when the province&apos;s system receives the dossier.</source>
        <translation>Mã hồ sơ chính thức được cấp khi hệ thống của tỉnh nhận được hồ sơ.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="71"/>
        <source>Received at</source>
        <translation>Thời điểm tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="72"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="73"/>
        <source>Receiving unit</source>
        <translation>Đơn vị tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="74"/>
        <source>Deciding unit</source>
        <translation>Đơn vị giải quyết</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="75"/>
        <source>Expected result date</source>
        <translation>Ngày hẹn trả kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="76"/>
        <source>Not fixed</source>
        <translation>Chưa xác định</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="77"/>
        <source>Counted in working days; public holidays are not counted yet.</source>
        <translation>Tính theo ngày làm việc; chưa trừ các ngày nghỉ lễ.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="78"/>
        <source>Components of the dossier</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="79"/>
        <source>How provided</source>
        <translation>Hình thức nộp</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="80"/>
        <source>Pages</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="81"/>
        <source>Scanned at the station</source>
        <translation>Quét tại máy</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="82"/>
        <source>From the e-wallet</source>
        <translation>Lấy từ kho dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="83"/>
        <source>Original shown</source>
        <translation>Xuất trình bản chính</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="84"/>
        <source>Not provided</source>
        <translation>Không nộp</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="89"/>
        <source>To look up the dossier&apos;s status, scan the QR code in the top-left corner: it carries the dossier code and the date.</source>
        <translation>Để tra cứu tình trạng hồ sơ, hãy quét mã QR ở góc trên bên trái: mã chứa mã hồ sơ và ngày tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="92"/>
        <source>Issued by %1 at %2</source>
        <translation>Do %1 cấp lúc %2</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="527"/>
        <source>Your dossier is received</source>
        <translation>Hồ sơ của bạn đã được tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="528"/>
        <source>Finish</source>
        <translation>Kết thúc</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="529"/>
        <source>Your receipt</source>
        <translation>Giấy tiếp nhận của bạn</translation>
    </message>
</context>
<context>
    <name>ReceptionTab</name>
    <message>
        <location filename="../../ui/counter/reception.py" line="330"/>
        <source>Waiting since first contact: %1</source>
        <translation>Thời gian chờ từ lúc tiếp xúc đầu tiên: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="333"/>
        <source>Alert: this citizen has waited %1, more than %2 minutes. Finish the reception first.</source>
        <translation>Cảnh báo: công dân này đã chờ %1, quá %2 phút. Hãy ưu tiên hoàn tất việc tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="345"/>
        <source>%1 h %2 min</source>
        <translation>%1 giờ %2 phút</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="346"/>
        <source>%1 min</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="360"/>
        <source>Queue ticket %1 recorded.</source>
        <translation>Đã ghi nhận số thứ tự %1.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="372"/>
        <source>Type the card&apos;s CAN: the last 6 digits of the 12-digit ID number.</source>
        <translation>Nhập mã CAN của thẻ: 6 chữ số cuối của số định danh 12 số.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="393"/>
        <source>Show the card&apos;s front to the camera.</source>
        <translation>Đưa mặt trước của thẻ vào camera.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="417"/>
        <source>ID number: %1</source>
        <translation>Số định danh: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="427"/>
        <source>Compare the person with the chip portrait, then confirm.</source>
        <translation>Đối chiếu người nộp với ảnh trong chip, rồi xác nhận.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="437"/>
        <source>Card not genuine</source>
        <translation>Thẻ không hợp lệ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="450"/>
        <source>You confirmed the person is the card holder.</source>
        <translation>Cán bộ đã xác nhận người nộp là chủ thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="451"/>
        <source>You found the person is not the card holder.</source>
        <translation>Cán bộ xác định người nộp không phải chủ thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="465"/>
        <source>The face matches the chip portrait.</source>
        <translation>Khuôn mặt khớp với ảnh trong chip.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="497"/>
        <source>Finding the competent unit…</source>
        <translation>Đang xác định đơn vị có thẩm quyền…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="538"/>
        <source>Competent unit: %1</source>
        <translation>Đơn vị có thẩm quyền: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="574"/>
        <source>Choose a component of the checklist first.</source>
        <translation>Hãy chọn một thành phần hồ sơ trong danh mục trước.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/counter/reception.py" line="608"/>
        <source>%n page(s) scanned.</source>
        <translation>
            <numerusform>Đã quét %n trang.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/counter/reception.py" line="642"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n trang</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="643"/>
        <source>from the e-wallet</source>
        <translation>từ kho dữ liệu điện tử</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="644"/>
        <source>shown in original</source>
        <translation>đã xuất trình bản chính</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="645"/>
        <source>missing</source>
        <translation>còn thiếu</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="645"/>
        <source>not provided</source>
        <translation>không nộp</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="646"/>
        <source>required</source>
        <translation>bắt buộc</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="647"/>
        <source>optional</source>
        <translation>không bắt buộc</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="666"/>
        <source>Completeness: choose the procedure first.</source>
        <translation>Kiểm tra tính đầy đủ: hãy chọn thủ tục trước.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="669"/>
        <source>Missing: %1</source>
        <translation>Còn thiếu: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/counter/reception.py" line="671"/>
        <source>%n page(s) flagged blank or blurred to check.</source>
        <translation>
            <numerusform>%n trang bị đánh dấu trống hoặc mờ cần kiểm tra.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="673"/>
        <source>Confirm the competent unit.</source>
        <translation>Hãy xác nhận đơn vị có thẩm quyền.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="675"/>
        <source>Confirm the person against the chip portrait.</source>
        <translation>Hãy đối chiếu người nộp với ảnh trong chip.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="678"/>
        <source>Complete: every required component is provided.</source>
        <translation>Đầy đủ: đã có mọi thành phần hồ sơ bắt buộc.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="678"/>
        <source>Not complete.</source>
        <translation>Chưa đầy đủ.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="717"/>
        <source>Storing the dossier…</source>
        <translation>Đang lưu hồ sơ…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="723"/>
        <source>The dossier is stored. Give the citizen the receipt.</source>
        <translation>Đã lưu hồ sơ. Hãy trao giấy tiếp nhận cho công dân.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="747"/>
        <source>Reference</source>
        <translation>Số tham chiếu</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="749"/>
        <location filename="../../ui/counter/reception.py" line="751"/>
        <source>Dossier code of the province</source>
        <translation>Mã hồ sơ của tỉnh</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="751"/>
        <source>not yet assigned</source>
        <translation>chưa được cấp</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="752"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="753"/>
        <source>Competent unit</source>
        <translation>Đơn vị có thẩm quyền</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="754"/>
        <source>Expected result</source>
        <translation>Ngày hẹn trả kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="771"/>
        <location filename="../../ui/counter/reception.py" line="917"/>
        <source>Reprint the receipt with the code</source>
        <translation>In lại giấy tiếp nhận có mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="772"/>
        <source>The province assigned the dossier code %1.</source>
        <translation>Tỉnh đã cấp mã hồ sơ %1.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="780"/>
        <source>Printing the receipt…</source>
        <translation>Đang in giấy tiếp nhận…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="787"/>
        <source>The receipt was printed.</source>
        <translation>Đã in giấy tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="790"/>
        <source>The receipt could not be printed: %1</source>
        <translation>Không in được giấy tiếp nhận: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="794"/>
        <source>No printer took the receipt: it is kept in the citizen&apos;s e-wallet on this station, to print later.</source>
        <translation>Không có máy in nhận giấy tiếp nhận: giấy được lưu trong kho dữ liệu điện tử của công dân trên máy này để in sau.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="813"/>
        <location filename="../../ui/counter/reception.py" line="817"/>
        <source>Refuse the dossier</source>
        <translation>Từ chối tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="813"/>
        <source>Ground for the refusal:</source>
        <translation>Căn cứ từ chối:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="818"/>
        <source>What exactly is wrong (printed on the slip):</source>
        <translation>Lý do cụ thể (in trên phiếu):</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="833"/>
        <source>Making the slip…</source>
        <translation>Đang lập phiếu…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="838"/>
        <source>The request for supplement is made.</source>
        <translation>Đã lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="839"/>
        <source>The refusal is made: the reception has ended.</source>
        <translation>Đã lập phiếu từ chối: phiên tiếp nhận đã kết thúc.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="840"/>
        <source>It was printed.</source>
        <translation>Phiếu đã được in.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="841"/>
        <source>No printer took it: print it again once a printer is ready.</source>
        <translation>Không có máy in nhận phiếu: hãy in lại khi máy in sẵn sàng.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="850"/>
        <source>The slip could not be made: %1</source>
        <translation>Không lập được phiếu: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="939"/>
        <source>The citizen heard it and &amp;agrees</source>
        <translation>Công dân đã nghe và đồng ý</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="892"/>
        <source>1. Citizen</source>
        <translation>1. Công dân</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="893"/>
        <source>2. Procedure and competent unit</source>
        <translation>2. Thủ tục và đơn vị có thẩm quyền</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="894"/>
        <source>3. Components and pages</source>
        <translation>3. Thành phần hồ sơ và các trang</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="895"/>
        <source>4. Completeness, consent and receipt</source>
        <translation>4. Kiểm tra đầy đủ, đồng ý và giấy tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="896"/>
        <source>&amp;Queue ticket:</source>
        <translation>&amp;Số thứ tự:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="897"/>
        <source>typed or scanned, then Enter</source>
        <translation>nhập hoặc quét, rồi nhấn Enter</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="898"/>
        <source>Card &amp;CAN:</source>
        <translation>Mã &amp;CAN của thẻ:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="899"/>
        <source>The last 6 digits of the ID number; Enter reads the card</source>
        <translation>6 chữ số cuối của số định danh; nhấn Enter để đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="901"/>
        <source>Read card</source>
        <translation>Đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="901"/>
        <source>Card QR by camera</source>
        <translation>Quét mã QR thẻ bằng camera</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="902"/>
        <source>Person matches portrait</source>
        <translation>Đúng người trong ảnh</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="902"/>
        <source>Does not match</source>
        <translation>Không đúng người</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="903"/>
        <source>Face check</source>
        <translation>Kiểm tra khuôn mặt</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="903"/>
        <source>Confirm unit</source>
        <translation>Xác nhận đơn vị</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="903"/>
        <source>Scan</source>
        <translation>Quét</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="904"/>
        <source>Shown in original</source>
        <translation>Xuất trình bản chính</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="904"/>
        <source>Clear component</source>
        <translation>Bỏ thành phần</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="905"/>
        <source>Submit dossier</source>
        <translation>Nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="905"/>
        <source>Print receipt</source>
        <translation>In giấy tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="906"/>
        <source>Request supplement</source>
        <translation>Yêu cầu bổ sung</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="906"/>
        <source>Refuse</source>
        <translation>Từ chối tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="907"/>
        <source>Finish</source>
        <translation>Kết thúc</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="918"/>
        <source>&amp;Procedure (search by name or code, Enter to choose):</source>
        <translation>T&amp;hủ tục (tìm theo tên hoặc mã, Enter để chọn):</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="919"/>
        <source>Procedures</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="920"/>
        <source>Competent &amp;unit:</source>
        <translation>Đơn vị có thẩm &amp;quyền:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="921"/>
        <source>Suggested from the citizen&apos;s address; any unit of the province</source>
        <translation>Gợi ý theo địa chỉ của công dân; có thể chọn bất kỳ đơn vị nào trong tỉnh</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="922"/>
        <source>Components of the dossier</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="923"/>
        <source>Ctrl+1 to Ctrl+9 choose a line; Ctrl+S scans into it</source>
        <translation>Ctrl+1 đến Ctrl+9 để chọn dòng; Ctrl+S để quét vào dòng đó</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="924"/>
        <source>&amp;Source:</source>
        <translation>Ng&amp;uồn:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="925"/>
        <source>Colou&amp;r:</source>
        <translation>&amp;Màu:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="926"/>
        <source>Resolution:</source>
        <translation>Độ phân giải:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="927"/>
        <source>Pa&amp;ges:</source>
        <translation>Số tr&amp;ang:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="928"/>
        <source>all</source>
        <translation>tất cả</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="929"/>
        <source>Pages to scan; &quot;all&quot; empties the feeder</source>
        <translation>Số trang cần quét; &quot;tất cả&quot; quét hết khay nạp giấy</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="930"/>
        <source>Flatbed</source>
        <translation>Mặt kính</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="930"/>
        <source>Feeder</source>
        <translation>Khay nạp giấy</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="931"/>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="931"/>
        <source>Grey</source>
        <translation>Xám</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="942"/>
        <source>Consent text</source>
        <translation>Nội dung đồng ý</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="943"/>
        <source>Consent given (Ctrl+Shift+A)</source>
        <translation>Công dân đã đồng ý (Ctrl+Shift+A)</translation>
    </message>
</context>
<context>
    <name>ScannersPage</name>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="86"/>
        <source>(inactive)</source>
        <translation>(không hoạt động)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="115"/>
        <source>Put a test sheet (not a citizen&apos;s document) on the flatbed, then start a test scan.</source>
        <translation>Đặt một tờ giấy thử (không phải giấy tờ của công dân) lên mặt kính, rồi bắt đầu quét thử.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="117"/>
        <source>No scanner is listed.</source>
        <translation>Không có máy quét nào.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="119"/>
        <source>Scanning a test page…</source>
        <translation>Đang quét trang thử…</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="120"/>
        <source>The scanner failed: %1</source>
        <translation>Máy quét gặp lỗi: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="123"/>
        <source>Scanned on %1 at %2 dpi: %3 × %4 pixels.</source>
        <translation>Đã quét trên %1 ở %2 dpi: %3 × %4 điểm ảnh.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="126"/>
        <source>The pipeline flagged: %1.</source>
        <translation>Khâu xử lý ảnh đánh dấu: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="130"/>
        <source>Pipeline, in all</source>
        <translation>Xử lý ảnh, tổng cộng</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="130"/>
        <source>Scanning (the scanner&apos;s time)</source>
        <translation>Quét (thời gian của máy quét)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="134"/>
        <source>Device</source>
        <translation>Thiết bị</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="134"/>
        <source>Model</source>
        <translation>Kiểu máy</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="134"/>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="135"/>
        <source>Option</source>
        <translation>Tùy chọn</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="135"/>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="135"/>
        <source>Accepts</source>
        <translation>Giá trị chấp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="136"/>
        <source>Step</source>
        <translation>Bước</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="136"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="137"/>
        <source>Show options</source>
        <translation>Xem tùy chọn</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="138"/>
        <source>The chosen scanner&apos;s options and the values each accepts</source>
        <translation>Các tùy chọn của máy quét đã chọn và giá trị mỗi tùy chọn chấp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="139"/>
        <source>&amp;Resolution (dpi):</source>
        <translation>Độ &amp;phân giải (dpi):</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="140"/>
        <source>Test scan (Ctrl+T)</source>
        <translation>Quét thử (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="141"/>
        <source>Scan one page from the flatbed and time each pipeline step (Ctrl+T)</source>
        <translation>Quét một trang trên mặt kính và đo thời gian từng bước xử lý ảnh (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/scanners_page.py" line="142"/>
        <source>The test page</source>
        <translation>Trang quét thử</translation>
    </message>
</context>
<context>
    <name>SignInGuard</name>
    <message>
        <location filename="../../ui/sign_in.py" line="115"/>
        <source>Sign &amp;out</source>
        <translation>Đăng &amp;xuất</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="116"/>
        <source>Sign out (Ctrl+Shift+L)</source>
        <translation>Đăng xuất (Ctrl+Shift+L)</translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <location filename="../../ui/sign_in.py" line="272"/>
        <source>This is a technician&apos;s account: technicians sign in in diagnostics mode.</source>
        <translation>Đây là tài khoản kỹ thuật viên: kỹ thuật viên đăng nhập ở chế độ chẩn đoán.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="273"/>
        <source>This is a counter officer&apos;s account: only technicians sign in here.</source>
        <translation>Đây là tài khoản cán bộ tiếp nhận: chỉ kỹ thuật viên đăng nhập tại đây.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="276"/>
        <source>Type your login.</source>
        <translation>Vui lòng nhập tên đăng nhập.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="277"/>
        <source>Type your password.</source>
        <translation>Vui lòng nhập mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="278"/>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="279"/>
        <source>Wrong login or password.</source>
        <translation>Sai tên đăng nhập hoặc mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="280"/>
        <source>This account is disabled. Ask the station&apos;s administrator.</source>
        <translation>Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên của trạm.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="282"/>
        <source>The lock is over: you can sign in again.</source>
        <translation>Đã hết thời gian tạm khóa: bạn có thể đăng nhập lại.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sign_in.py" line="285"/>
        <source>Too many wrong passwords: this account is locked. Try again in %n minute(s).</source>
        <translation>
            <numerusform>Nhập sai mật khẩu quá nhiều lần: tài khoản tạm bị khóa. Vui lòng thử lại sau %n phút.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="287"/>
        <source>Sign-in is not available: %1</source>
        <translation>Không thể đăng nhập: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="291"/>
        <source>Sign-in messages</source>
        <translation>Thông báo đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="294"/>
        <location filename="../../ui/sign_in.py" line="301"/>
        <location filename="../../ui/sign_in.py" line="302"/>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="295"/>
        <source>For counter officers</source>
        <translation>Dành cho cán bộ tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="296"/>
        <source>For technicians (diagnostics)</source>
        <translation>Dành cho kỹ thuật viên (chẩn đoán thiết bị)</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="297"/>
        <source>&amp;Login</source>
        <translation>&amp;Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="298"/>
        <source>&amp;Password</source>
        <translation>&amp;Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="299"/>
        <source>Login</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="300"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="83"/>
        <source>interrupted (the station stopped while sending)</source>
        <translation>bị gián đoạn (máy dừng khi đang gửi)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="85"/>
        <source>the province refuses this station&apos;s audit log (gone back or rewritten); dossiers stay queued: run &apos;kiosk audit verify&apos;</source>
        <translation>tỉnh từ chối nhật ký xử lý của trạm (bị lùi lại hoặc bị ghi lại); hồ sơ vẫn chờ gửi: chạy &apos;kiosk audit verify&apos;</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="87"/>
        <source>a dossier&apos;s stored data fails its integrity check (altered or damaged): it stays queued, not sent, not deleted: run &apos;kiosk store check&apos;</source>
        <translation>dữ liệu lưu trữ của một hồ sơ không vượt qua kiểm tra toàn vẹn (bị sửa đổi hoặc hỏng); hồ sơ vẫn chờ gửi, không được gửi đi, không bị xóa: chạy &apos;kiosk store check&apos;</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="88"/>
        <source>TLS: the secure connection failed</source>
        <translation>TLS: kết nối bảo mật không thành công</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="89"/>
        <source>something else answers in the province&apos;s place (a portal, a proxy)</source>
        <translation>một hệ thống khác trả lời thay cho tỉnh (cổng đăng nhập, proxy)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="90"/>
        <source>no answer in time</source>
        <translation>không có phản hồi kịp thời</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="90"/>
        <source>the connection failed</source>
        <translation>kết nối không thành công</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="91"/>
        <source>a file arrived damaged (sent again)</source>
        <translation>một tệp đến nơi bị hỏng (đã gửi lại)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="92"/>
        <source>the province asked the station to slow down</source>
        <translation>hệ thống của tỉnh yêu cầu máy gửi chậm lại</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="93"/>
        <source>the province&apos;s server failed</source>
        <translation>máy chủ của tỉnh gặp lỗi</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="94"/>
        <source>the province refused the request</source>
        <translation>hệ thống của tỉnh từ chối yêu cầu</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="95"/>
        <source>another error</source>
        <translation>lỗi khác</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="102"/>
        <source>Drafts</source>
        <translation>Bản nháp</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="102"/>
        <source>Ready</source>
        <translation>Sẵn sàng</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="102"/>
        <source>Queued</source>
        <translation>Đang chờ gửi</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="103"/>
        <source>Uploading</source>
        <translation>Đang tải lên</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="103"/>
        <source>Accepted</source>
        <translation>Đã tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="105"/>
        <source>Rejected</source>
        <translation>Bị từ chối</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="105"/>
        <source>Waiting to be sent</source>
        <translation>Hồ sơ chờ gửi</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="106"/>
        <source>Bytes waiting</source>
        <translation>Số byte chờ gửi</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="107"/>
        <source>Oldest waiting for</source>
        <translation>Hồ sơ chờ lâu nhất</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="109"/>
        <source>Last accepted</source>
        <translation>Lần tiếp nhận gần nhất</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="110"/>
        <source>Last error</source>
        <translation>Lỗi gần nhất</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="111"/>
        <source>Next attempt</source>
        <translation>Lần thử tiếp theo</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="115"/>
        <source>The store cannot be opened</source>
        <translation>Không mở được kho dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="118"/>
        <source>Endpoint: %1</source>
        <translation>Máy chủ tỉnh: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="118"/>
        <source>none configured</source>
        <translation>chưa cấu hình</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="121"/>
        <source>Testing the connection…</source>
        <translation>Đang kiểm tra kết nối…</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="122"/>
        <source>The test cannot run: %1</source>
        <translation>Không chạy được kiểm tra: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="125"/>
        <source>The province answers the pre-check over TLS: connection OK.</source>
        <translation>Hệ thống của tỉnh trả lời kiểm tra sơ bộ qua TLS: kết nối tốt.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="127"/>
        <source>The connection test failed at the step marked failed.</source>
        <translation>Kiểm tra kết nối dừng ở bước không đạt.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="130"/>
        <source>Name lookup</source>
        <translation>Phân giải tên miền</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="130"/>
        <source>TCP connection</source>
        <translation>Kết nối TCP</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="131"/>
        <source>TLS handshake</source>
        <translation>Bắt tay TLS</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="132"/>
        <source>Pre-check</source>
        <translation>Kiểm tra sơ bộ</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="132"/>
        <source>ok</source>
        <translation>tốt</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="132"/>
        <source>failed</source>
        <translation>không đạt</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="135"/>
        <source>Endpoint</source>
        <translation>Máy chủ tỉnh</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="135"/>
        <source>TLS version</source>
        <translation>Phiên bản TLS</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="136"/>
        <source>Cipher</source>
        <translation>Bộ mã hóa</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="136"/>
        <source>Server certificate</source>
        <translation>Chứng thư máy chủ</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="137"/>
        <source>Issued by</source>
        <translation>Cấp bởi</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="138"/>
        <source>Expires in</source>
        <translation>Hết hạn sau</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/diagnostics/sync_page.py" line="138"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n ngày</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="141"/>
        <source>Outbox</source>
        <translation>Hàng đợi gửi</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="141"/>
        <location filename="../../ui/diagnostics/sync_page.py" line="143"/>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="142"/>
        <source>Step</source>
        <translation>Bước</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="142"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="142"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="142"/>
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="143"/>
        <source>Connection</source>
        <translation>Kết nối</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="144"/>
        <source>Refresh the queue</source>
        <translation>Làm mới hàng đợi</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="145"/>
        <source>Test the connection (Ctrl+K)</source>
        <translation>Kiểm tra kết nối (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="147"/>
        <source>Name lookup, TCP, TLS with the station&apos;s certificate, then the province&apos;s pre-check, each timed (Ctrl+K)</source>
        <translation>Phân giải tên miền, TCP, TLS bằng chứng thư của máy, rồi kiểm tra sơ bộ với hệ thống của tỉnh, đo thời gian từng bước (Ctrl+K)</translation>
    </message>
</context>
<context>
    <name>TrainerPanel</name>
    <message>
        <location filename="../../ui/training_panel.py" line="188"/>
        <source>Choose a scenario to see its goal and the actions expected.</source>
        <translation>Chọn một tình huống để xem mục tiêu và các thao tác cần thực hiện.</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="190"/>
        <source>Time limit: %1 min</source>
        <translation>Thời gian cho phép: %1 phút</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="197"/>
        <source>(none)</source>
        <translation>(không có)</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="209"/>
        <source>The training station could not %1: %2</source>
        <translation>Máy đào tạo không thể %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="215"/>
        <source>start the scenario</source>
        <translation>bắt đầu tình huống</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="215"/>
        <source>stop the scenario</source>
        <translation>dừng tình huống</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="216"/>
        <source>put the card on the reader</source>
        <translation>đặt thẻ lên đầu đọc</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="216"/>
        <source>take the card off</source>
        <translation>nhấc thẻ ra</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="217"/>
        <source>change the network</source>
        <translation>thay đổi trạng thái mạng</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="217"/>
        <source>write the report</source>
        <translation>ghi báo cáo</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="223"/>
        <source>Write the trainee&apos;s name first.</source>
        <translation>Hãy nhập họ tên học viên trước.</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="233"/>
        <source>Choose a scenario first.</source>
        <translation>Hãy chọn một tình huống trước.</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="309"/>
        <source>Elapsed %1 of %2</source>
        <translation>Đã qua %1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="313"/>
        <source>over the time limit</source>
        <translation>quá thời gian cho phép</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="335"/>
        <source>happened</source>
        <translation>đã xảy ra</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="344"/>
        <source>Passed</source>
        <translation>Đạt</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="345"/>
        <source>Not passed</source>
        <translation>Chưa đạt</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="347"/>
        <source>Time: %1 (limit %2)</source>
        <translation>Thời gian: %1 (cho phép %2)</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="350"/>
        <source>Over the time limit.</source>
        <translation>Quá thời gian cho phép.</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="352"/>
        <source>Missing: %1</source>
        <translation>Còn thiếu: %1</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="354"/>
        <source>Must not happen, but did: %1</source>
        <translation>Thao tác không được làm nhưng đã xảy ra: %1</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="365"/>
        <source>Start a scenario first.</source>
        <translation>Hãy bắt đầu một tình huống trước.</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="390"/>
        <source>%1 has not finished a scenario yet: nothing to report.</source>
        <translation>%1 chưa hoàn thành tình huống nào: chưa có gì để báo cáo.</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="404"/>
        <source>Report written: %1 and %2</source>
        <translation>Đã ghi báo cáo: %1 và %2</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="430"/>
        <source>Training — trainer&apos;s panel</source>
        <translation>Đào tạo — bảng điều khiển của giảng viên</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="431"/>
        <source>&amp;Trainee&apos;s name</source>
        <translation>&amp;Họ tên học viên</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="432"/>
        <source>Full name of the officer being trained</source>
        <translation>Họ và tên cán bộ được đào tạo</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="433"/>
        <source>Trainee&apos;s name</source>
        <translation>Họ tên học viên</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="434"/>
        <location filename="../../ui/training_panel.py" line="435"/>
        <source>Scenarios</source>
        <translation>Tình huống</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="437"/>
        <source>Not loaded: %1</source>
        <translation>Không tải được: %1</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="439"/>
        <location filename="../../ui/training_panel.py" line="440"/>
        <source>Expected of the trainee</source>
        <translation>Học viên cần thực hiện</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="441"/>
        <location filename="../../ui/training_panel.py" line="442"/>
        <source>Must not happen</source>
        <translation>Không được làm</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="443"/>
        <source>Start</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="444"/>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="445"/>
        <source>The citizen&apos;s hands</source>
        <translation>Thao tác thay công dân</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="446"/>
        <source>Put the card on the reader</source>
        <translation>Đặt thẻ lên đầu đọc</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="447"/>
        <source>Take the card off</source>
        <translation>Nhấc thẻ ra</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="448"/>
        <source>Network down</source>
        <translation>Ngắt mạng</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="449"/>
        <source>Network back</source>
        <translation>Có mạng lại</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="450"/>
        <location filename="../../ui/training_panel.py" line="451"/>
        <source>Recorded events</source>
        <translation>Sự kiện đã ghi nhận</translation>
    </message>
    <message>
        <location filename="../../ui/training_panel.py" line="452"/>
        <source>Write report (PDF and CSV)</source>
        <translation>Ghi báo cáo (PDF và CSV)</translation>
    </message>
</context>
<context>
    <name>TrainingReport</name>
    <message>
        <location filename="../../ui/training_report.py" line="61"/>
        <source>Training report</source>
        <translation>Báo cáo kết quả đào tạo</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="63"/>
        <source>TRAINING REPORT — the citizens and dossiers in it are fictitious</source>
        <translation>BÁO CÁO ĐÀO TẠO — công dân và hồ sơ trong báo cáo là giả định</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="64"/>
        <source>Trainee</source>
        <translation>Học viên</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="64"/>
        <source>Date</source>
        <translation>Ngày lập</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="64"/>
        <source>Scenarios passed</source>
        <translation>Số tình huống đạt</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="65"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="65"/>
        <source>Summary</source>
        <translation>Tổng hợp</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="65"/>
        <source>Scenario</source>
        <translation>Tình huống</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="66"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="66"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="66"/>
        <source>Time limit</source>
        <translation>Thời gian cho phép</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="67"/>
        <source>Started</source>
        <translation>Bắt đầu lúc</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="67"/>
        <source>Expected action</source>
        <translation>Thao tác cần thực hiện</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="69"/>
        <source>Seconds</source>
        <translation>Giây</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="70"/>
        <source>done</source>
        <translation>đã làm</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="70"/>
        <source>missing</source>
        <translation>còn thiếu</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="70"/>
        <source>happened</source>
        <translation>đã xảy ra</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="71"/>
        <source>passed</source>
        <translation>Đạt</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="71"/>
        <source>not passed</source>
        <translation>Chưa đạt</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="74"/>
        <source>completed</source>
        <translation>hoàn thành</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="74"/>
        <source>stopped by the trainer</source>
        <translation>giảng viên dừng</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="75"/>
        <source>time ran out</source>
        <translation>hết giờ</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="75"/>
        <source>under way</source>
        <translation>đang diễn ra</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="116"/>
        <source>expected actions missing</source>
        <translation>còn thiếu thao tác cần thực hiện</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="118"/>
        <source>a forbidden action happened</source>
        <translation>có thao tác không được làm</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="120"/>
        <source>over the time limit</source>
        <translation>quá thời gian cho phép</translation>
    </message>
    <message>
        <location filename="../../ui/training_report.py" line="134"/>
        <source>Forbidden: %1</source>
        <translation>Không được làm: %1</translation>
    </message>
</context>
<context>
    <name>TrainingStrip</name>
    <message>
        <location filename="../../ui/training_mark.py" line="33"/>
        <source>TRAINING — not a real dossier</source>
        <translation>ĐÀO TẠO — không phải hồ sơ thật</translation>
    </message>
</context>
<context>
    <name>UnitScreen</name>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="306"/>
        <source>Which office decides?</source>
        <translation>Cơ quan nào giải quyết?</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="307"/>
        <source>Confirm this office</source>
        <translation>Xác nhận cơ quan này</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="308"/>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="308"/>
        <source>Close the search</source>
        <translation>Đóng tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="310"/>
        <source>Offices of the province</source>
        <translation>Các cơ quan trong tỉnh</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="104"/>
        <source>Welcome</source>
        <translation>Xin chào</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="106"/>
        <source>Show the front of your chip ID card (with the QR code) to the camera, then place the card on the reader.</source>
        <translation>Đưa mặt trước của thẻ căn cước (có mã QR) vào camera, sau đó đặt thẻ lên đầu đọc.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="107"/>
        <source>Larger text</source>
        <translation>Chữ lớn hơn</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="108"/>
        <source>High contrast</source>
        <translation>Tương phản cao</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="109"/>
        <source>Read aloud</source>
        <translation>Đọc to</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="110"/>
        <source>To hear the screens read aloud, hold the Start button or press the * key.</source>
        <translation>Để nghe đọc to màn hình, giữ nút Bắt đầu hoặc bấm phím *.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="111"/>
        <source>Start</source>
        <translation>Bắt đầu</translation>
    </message>
</context>
</TS>
