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
        <source>Hold a test card's front to the camera.</source>
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
        <source>Look for a QR code in the camera's frames: only its length is shown (Ctrl+Q)</source>
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
        <source>Looking for the card's QR code…</source>
        <translation>Đang tìm mã QR trên thẻ…</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="161"/>
        <source>The keys were read from the card's QR code: start the test read.</source>
        <translation>Đã lấy khóa truy cập từ mã QR trên thẻ: hãy bắt đầu đọc thử.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="162"/>
        <source>A CAN is 6 digits.</source>
        <translation>Mã CAN gồm 6 chữ số.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="163"/>
        <source>Type the test card's CAN, or read its keys from the camera first.</source>
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
        <source>Test card's &amp;CAN:</source>
        <translation>Mã &amp;CAN của thẻ thử:</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="202"/>
        <source>6 digits, hidden</source>
        <translation>6 chữ số, được ẩn</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="203"/>
        <source>Test card's CAN</source>
        <translation>Mã CAN của thẻ thử</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="204"/>
        <source>Keys from the camera</source>
        <translation>Lấy khóa qua camera</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/card_test_page.py" line="205"/>
        <source>Read the access keys from the QR code on the test card's front</source>
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
        <source>Put the pages face up in the feeder's tray, top edge first, where the red arrow points. Then touch Scan.</source>
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
        <location filename="../../ui/kiosk_screens.py" line="486"/>
        <source>Your consent</source>
        <translation>Sự đồng ý của bạn</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="487"/>
        <source>I agree and submit</source>
        <translation>Tôi đồng ý và nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="488"/>
        <source>Consent text</source>
        <translation>Nội dung đồng ý</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../../ui/counter_window.py" line="89"/>
        <source>draft</source>
        <translation>bản nháp</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="89"/>
        <source>ready</source>
        <translation>sẵn sàng</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="89"/>
        <source>waiting to be sent</source>
        <translation>chờ gửi</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="90"/>
        <source>sending</source>
        <translation>đang gửi</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="90"/>
        <source>accepted</source>
        <translation>đã tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="91"/>
        <source>rejected</source>
        <translation>bị từ chối</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="114"/>
        <source>Readers: %1 · Scanners: %2 · Cameras: %3</source>
        <translation>Đầu đọc: %1 · Máy quét: %2 · Camera: %3</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="118"/>
        <source>About</source>
        <translation>Giới thiệu</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="118"/>
        <source>Digitisation point, version %1</source>
        <translation>Điểm số hóa, phiên bản %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="121"/>
        <source>Digitisation point — counter</source>
        <translation>Điểm số hóa — quầy tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="122"/>
        <source>Dossiers received at this station</source>
        <translation>Hồ sơ đã tiếp nhận tại máy này</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="123"/>
        <source>Received</source>
        <translation>Tiếp nhận lúc</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="123"/>
        <source>Citizen</source>
        <translation>Công dân</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="123"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="124"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="124"/>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="125"/>
        <source>No dossiers on this station yet.</source>
        <translation>Chưa có hồ sơ nào trên máy này.</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="131"/>
        <source>Station %1 · center unit %2</source>
        <translation>Máy %1 · đơn vị %2</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="132"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="133"/>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="134"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="135"/>
        <source>&amp;Refresh devices</source>
        <translation>&amp;Làm mới thiết bị</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="136"/>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="137"/>
        <source>&amp;Help</source>
        <translation>T&amp;rợ giúp</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="138"/>
        <source>&amp;About</source>
        <translation>&amp;Giới thiệu</translation>
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
        <location filename="../../ui/diagnostics_window.py" line="41"/>
        <source>Digitisation point — diagnostics</source>
        <translation>Điểm số hóa — chẩn đoán</translation>
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
        <location filename="../../ui/kiosk_window.py" line="244"/>
        <location filename="../../ui/kiosk_window.py" line="276"/>
        <source>This kiosk is not ready. Please see an officer.</source>
        <translation>Máy chưa sẵn sàng. Mời gặp cán bộ.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="307"/>
        <source>An officer has been called and will come to you.</source>
        <translation>Đã gọi cán bộ; cán bộ sẽ đến hỗ trợ bạn.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="593"/>
        <source>Reference</source>
        <translation>Mã tham chiếu</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="594"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="595"/>
        <source>Deciding office</source>
        <translation>Cơ quan giải quyết</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="596"/>
        <source>Expected result</source>
        <translation>Ngày hẹn trả kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="240"/>
        <source>Show the front of your card to the camera.</source>
        <translation>Đưa mặt trước của thẻ vào camera.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="599"/>
        <source>Printing your receipt…</source>
        <translation>Đang in giấy tiếp nhận…</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="614"/>
        <source>Take your receipt from the printer.</source>
        <translation>Mời nhận giấy tiếp nhận ở máy in.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="619"/>
        <source>Your receipt could not be printed here. It is kept with your dossier: an officer can print it for you.</source>
        <translation>Không in được giấy tiếp nhận tại đây. Giấy được giữ cùng hồ sơ của bạn: cán bộ có thể in cho bạn.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="632"/>
        <source>Dossier code of the province</source>
        <translation>Mã hồ sơ của tỉnh</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="720"/>
        <source>You can touch:</source>
        <translation>Bạn có thể chạm:</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/kiosk_window.py" line="741"/>
        <source>No activity: this session ends in %n second(s). Touch the screen to continue.</source>
        <translation>
            <numerusform>Không có thao tác: phiên làm việc sẽ kết thúc sau %n giây. Chạm vào màn hình để tiếp tục.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="778"/>
        <source>Digitisation point</source>
        <translation>Điểm số hóa</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="779"/>
        <source>Call an officer</source>
        <translation>Gọi cán bộ</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="780"/>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="781"/>
        <source>Repeat</source>
        <translation>Nghe lại</translation>
    </message>
</context>
<context>
    <name>LeftCardScreen</name>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="504"/>
        <source>Your card was taken off the reader</source>
        <translation>Thẻ của bạn đã được lấy ra khỏi đầu đọc</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="506"/>
        <source>Do you want to end your visit? If you do not answer, it ends by itself and nothing of yours stays on the kiosk.</source>
        <translation>Bạn có muốn kết thúc phiên làm việc không? Nếu bạn không trả lời, phiên sẽ tự kết thúc và không dữ liệu nào của bạn còn lại trên máy.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="507"/>
        <source>End my visit</source>
        <translation>Kết thúc phiên</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="508"/>
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
        <source>The archive holds the station's log files, masked again for personal data, and a manifest: station, version and the doctor's checks.</source>
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
        <location filename="../../ui/kiosk_screens.py" line="586"/>
        <source>How satisfied are you with this visit?</source>
        <translation>Bạn có hài lòng với lần làm thủ tục này không?</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="587"/>
        <source>Very satisfied</source>
        <translation>Rất hài lòng</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="587"/>
        <source>Satisfied</source>
        <translation>Hài lòng</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="588"/>
        <source>Neither satisfied nor dissatisfied</source>
        <translation>Bình thường</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="588"/>
        <source>Dissatisfied</source>
        <translation>Không hài lòng</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="589"/>
        <source>Very dissatisfied</source>
        <translation>Rất không hài lòng</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="591"/>
        <source>What went wrong? Touch one or more reasons, then Send.</source>
        <translation>Điều gì chưa tốt? Chạm một hoặc nhiều lý do, rồi chạm Gửi.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="592"/>
        <source>Send</source>
        <translation>Gửi</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="593"/>
        <source>Skip</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="594"/>
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
        <location filename="../../ui/receipt_print.py" line="63"/>
        <source>Receipt of the dossier and appointment for the result</source>
        <translation>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="64"/>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="65"/>
        <source>Reference at this station</source>
        <translation>Mã tiếp nhận tại máy</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="67"/>
        <source>The official dossier code is given when the province's system receives the dossier.</source>
        <translation>Mã hồ sơ chính thức được cấp khi hệ thống của tỉnh nhận được hồ sơ.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="68"/>
        <source>Received at</source>
        <translation>Thời điểm tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="69"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="70"/>
        <source>Receiving unit</source>
        <translation>Đơn vị tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="71"/>
        <source>Deciding unit</source>
        <translation>Đơn vị giải quyết</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="72"/>
        <source>Expected result date</source>
        <translation>Ngày hẹn trả kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="73"/>
        <source>Not fixed</source>
        <translation>Chưa xác định</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="74"/>
        <source>Counted in working days; public holidays are not counted yet.</source>
        <translation>Tính theo ngày làm việc; chưa trừ các ngày nghỉ lễ.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="75"/>
        <source>Components of the dossier</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="76"/>
        <source>How provided</source>
        <translation>Hình thức nộp</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="77"/>
        <source>Pages</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="78"/>
        <source>Scanned at the station</source>
        <translation>Quét tại máy</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="79"/>
        <source>From the e-wallet</source>
        <translation>Lấy từ kho dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="80"/>
        <source>Original shown</source>
        <translation>Xuất trình bản chính</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="81"/>
        <source>Not provided</source>
        <translation>Không nộp</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="86"/>
        <source>To look up the dossier's status, scan the QR code in the top-left corner: it carries the dossier code and the date.</source>
        <translation>Để tra cứu tình trạng hồ sơ, hãy quét mã QR ở góc trên bên trái: mã chứa mã hồ sơ và ngày tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="89"/>
        <source>Issued by %1 at %2</source>
        <translation>Do %1 cấp lúc %2</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="525"/>
        <source>Your dossier is received</source>
        <translation>Hồ sơ của bạn đã được tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="526"/>
        <source>Finish</source>
        <translation>Kết thúc</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_screens.py" line="527"/>
        <source>Your receipt</source>
        <translation>Giấy tiếp nhận của bạn</translation>
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
        <source>Put a test sheet (not a citizen's document) on the flatbed, then start a test scan.</source>
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
        <source>Scanning (the scanner's time)</source>
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
        <source>The chosen scanner's options and the values each accepts</source>
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
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="83"/>
        <source>interrupted (the station stopped while sending)</source>
        <translation>bị gián đoạn (máy dừng khi đang gửi)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="84"/>
        <source>TLS: the secure connection failed</source>
        <translation>TLS: kết nối bảo mật không thành công</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="85"/>
        <source>something else answers in the province's place (a portal, a proxy)</source>
        <translation>một hệ thống khác trả lời thay cho tỉnh (cổng đăng nhập, proxy)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="86"/>
        <source>no answer in time</source>
        <translation>không có phản hồi kịp thời</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="86"/>
        <source>the connection failed</source>
        <translation>kết nối không thành công</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="87"/>
        <source>a file arrived damaged (sent again)</source>
        <translation>một tệp đến nơi bị hỏng (đã gửi lại)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="88"/>
        <source>the province asked the station to slow down</source>
        <translation>hệ thống của tỉnh yêu cầu máy gửi chậm lại</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="89"/>
        <source>the province's server failed</source>
        <translation>máy chủ của tỉnh gặp lỗi</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="90"/>
        <source>the province refused the request</source>
        <translation>hệ thống của tỉnh từ chối yêu cầu</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="91"/>
        <source>another error</source>
        <translation>lỗi khác</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="98"/>
        <source>Drafts</source>
        <translation>Bản nháp</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="98"/>
        <source>Ready</source>
        <translation>Sẵn sàng</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="98"/>
        <source>Queued</source>
        <translation>Đang chờ gửi</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="99"/>
        <source>Uploading</source>
        <translation>Đang tải lên</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="99"/>
        <source>Accepted</source>
        <translation>Đã tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="101"/>
        <source>Rejected</source>
        <translation>Bị từ chối</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="101"/>
        <source>Waiting to be sent</source>
        <translation>Hồ sơ chờ gửi</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="102"/>
        <source>Bytes waiting</source>
        <translation>Số byte chờ gửi</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="103"/>
        <source>Oldest waiting for</source>
        <translation>Hồ sơ chờ lâu nhất</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="105"/>
        <source>Last accepted</source>
        <translation>Lần tiếp nhận gần nhất</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="106"/>
        <source>Last error</source>
        <translation>Lỗi gần nhất</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="107"/>
        <source>Next attempt</source>
        <translation>Lần thử tiếp theo</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="111"/>
        <source>The store cannot be opened</source>
        <translation>Không mở được kho dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="114"/>
        <source>Endpoint: %1</source>
        <translation>Máy chủ tỉnh: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="114"/>
        <source>none configured</source>
        <translation>chưa cấu hình</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="117"/>
        <source>Testing the connection…</source>
        <translation>Đang kiểm tra kết nối…</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="118"/>
        <source>The test cannot run: %1</source>
        <translation>Không chạy được kiểm tra: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="121"/>
        <source>The province answers the pre-check over TLS: connection OK.</source>
        <translation>Hệ thống của tỉnh trả lời kiểm tra sơ bộ qua TLS: kết nối tốt.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="123"/>
        <source>The connection test failed at the step marked failed.</source>
        <translation>Kiểm tra kết nối dừng ở bước không đạt.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="126"/>
        <source>Name lookup</source>
        <translation>Phân giải tên miền</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="126"/>
        <source>TCP connection</source>
        <translation>Kết nối TCP</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="127"/>
        <source>TLS handshake</source>
        <translation>Bắt tay TLS</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="128"/>
        <source>Pre-check</source>
        <translation>Kiểm tra sơ bộ</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="128"/>
        <source>ok</source>
        <translation>tốt</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="128"/>
        <source>failed</source>
        <translation>không đạt</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="131"/>
        <source>Endpoint</source>
        <translation>Máy chủ tỉnh</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="131"/>
        <source>TLS version</source>
        <translation>Phiên bản TLS</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="132"/>
        <source>Cipher</source>
        <translation>Bộ mã hóa</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="132"/>
        <source>Server certificate</source>
        <translation>Chứng thư máy chủ</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="133"/>
        <source>Issued by</source>
        <translation>Cấp bởi</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="134"/>
        <source>Expires in</source>
        <translation>Hết hạn sau</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/diagnostics/sync_page.py" line="134"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n ngày</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="137"/>
        <source>Outbox</source>
        <translation>Hàng đợi gửi</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="137"/>
        <location filename="../../ui/diagnostics/sync_page.py" line="139"/>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="138"/>
        <source>Step</source>
        <translation>Bước</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="138"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="138"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="138"/>
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="139"/>
        <source>Connection</source>
        <translation>Kết nối</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="140"/>
        <source>Refresh the queue</source>
        <translation>Làm mới hàng đợi</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="141"/>
        <source>Test the connection (Ctrl+K)</source>
        <translation>Kiểm tra kết nối (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics/sync_page.py" line="143"/>
        <source>Name lookup, TCP, TLS with the station's certificate, then the province's pre-check, each timed (Ctrl+K)</source>
        <translation>Phân giải tên miền, TCP, TLS bằng chứng thư của máy, rồi kiểm tra sơ bộ với hệ thống của tỉnh, đo thời gian từng bước (Ctrl+K)</translation>
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
