<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
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
    <name>DiagnosticsWindow</name>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="70"/>
        <source>no card</source>
        <translation>không có thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="83"/>
        <source>Looking for devices…</source>
        <translation>Đang tìm thiết bị…</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="85"/>
        <source>Cannot list devices: %1</source>
        <translation>Không liệt kê được thiết bị: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/diagnostics_window.py" line="87"/>
        <source>%n device(s) found</source>
        <translation>
            <numerusform>Tìm thấy %n thiết bị</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="90"/>
        <source>Digitisation point — diagnostics</source>
        <translation>Điểm số hóa — chẩn đoán</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="92"/>
        <source>Station %1, center unit %2</source>
        <translation>Máy %1, đơn vị %2</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="93"/>
        <source>Refresh (F5)</source>
        <translation>Làm mới (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="94"/>
        <source>Card readers (PC/SC)</source>
        <translation>Đầu đọc thẻ (PC/SC)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="94"/>
        <source>Scanners (SANE)</source>
        <translation>Máy quét (SANE)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="96"/>
        <source>Cameras</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="96"/>
        <source>Reader</source>
        <translation>Đầu đọc</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="96"/>
        <source>Card (ATR)</source>
        <translation>Thẻ (ATR)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="97"/>
        <source>Device</source>
        <translation>Thiết bị</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="97"/>
        <source>Model</source>
        <translation>Kiểu máy</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="97"/>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="98"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="99"/>
        <source>Source</source>
        <translation>Nguồn</translation>
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
    <name>SignInPanel</name>
    <message>
        <location filename="../../ui/sign_in.py" line="188"/>
        <source>This is a technician's account: technicians sign in in diagnostics mode.</source>
        <translation>Đây là tài khoản kỹ thuật viên: kỹ thuật viên đăng nhập ở chế độ chẩn đoán.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="189"/>
        <source>This is a counter officer's account: only technicians sign in here.</source>
        <translation>Đây là tài khoản cán bộ tiếp nhận: chỉ kỹ thuật viên đăng nhập tại đây.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="192"/>
        <source>Type your login.</source>
        <translation>Vui lòng nhập tên đăng nhập.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="193"/>
        <source>Type your password.</source>
        <translation>Vui lòng nhập mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="194"/>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="195"/>
        <source>Wrong login or password.</source>
        <translation>Sai tên đăng nhập hoặc mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="196"/>
        <source>This account is disabled. Ask the station's administrator.</source>
        <translation>Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên của trạm.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="198"/>
        <source>The lock is over: you can sign in again.</source>
        <translation>Đã hết thời gian tạm khóa: bạn có thể đăng nhập lại.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sign_in.py" line="201"/>
        <source>Too many wrong passwords: this account is locked. Try again in %n minute(s).</source>
        <translation><numerusform>Nhập sai mật khẩu quá nhiều lần: tài khoản tạm bị khóa. Vui lòng thử lại sau %n phút.</numerusform></translation></message>
    <message>
        <location filename="../../ui/sign_in.py" line="203"/>
        <source>Sign-in is not available: %1</source>
        <translation>Không thể đăng nhập: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="207"/>
        <source>Sign-in messages</source>
        <translation>Thông báo đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="210"/>
        <location filename="../../ui/sign_in.py" line="217"/>
        <location filename="../../ui/sign_in.py" line="218"/>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="211"/>
        <source>For counter officers</source>
        <translation>Dành cho cán bộ tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="212"/>
        <source>For technicians (diagnostics)</source>
        <translation>Dành cho kỹ thuật viên (chẩn đoán thiết bị)</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="213"/>
        <source>&amp;Login</source>
        <translation>&amp;Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="214"/>
        <source>&amp;Password</source>
        <translation>&amp;Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="215"/>
        <source>Login</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="216"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
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
