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
        <location filename="../../ui/counter_window.py" line="147"/>
        <source>The station could not open its store: %1</source>
        <translation>Máy không mở được kho dữ liệu: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="186"/>
        <source>The station is still opening: try again in a moment.</source>
        <translation>Máy đang khởi động: vui lòng thử lại sau giây lát.</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="210"/>
        <source>New reception</source>
        <translation>Tiếp nhận mới</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="211"/>
        <source>waited too long</source>
        <translation>chờ quá lâu</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="236"/>
        <source>Dossier %1</source>
        <translation>Hồ sơ %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="250"/>
        <source>Exported to %1</source>
        <translation>Đã xuất ra %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="251"/>
        <location filename="../../ui/counter_window.py" line="374"/>
        <source>Day view</source>
        <translation>Tổng hợp trong ngày</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="269"/>
        <source>Close the reception</source>
        <translation>Đóng phiên tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="271"/>
        <source>This citizen's dossier is not submitted. Close the reception and discard what was read and scanned?</source>
        <translation>Hồ sơ của công dân này chưa được nộp. Đóng phiên tiếp nhận và bỏ toàn bộ dữ liệu đã đọc và đã quét?</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="342"/>
        <source>Readers: %1 · Scanners: %2 · Cameras: %3</source>
        <translation>Đầu đọc: %1 · Máy quét: %2 · Camera: %3</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="346"/>
        <source>Officer: %1</source>
        <translation>Cán bộ tiếp nhận: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="347"/>
        <source>No officer signed in</source>
        <translation>Chưa có cán bộ đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="350"/>
        <source>About</source>
        <translation>Giới thiệu</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="350"/>
        <source>Digitisation point, version %1</source>
        <translation>Điểm số hóa, phiên bản %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="356"/>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="364"/>
        <source>Digitisation point — counter</source>
        <translation>Điểm số hóa — quầy tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="365"/>
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="366"/>
        <source>Dossiers received at this station (Ctrl+L)</source>
        <translation>Hồ sơ đã tiếp nhận tại máy này (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="384"/>
        <source>Dossier &amp;list</source>
        <translation>&amp;Danh sách hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="385"/>
        <source>&amp;Search dossiers</source>
        <translation>&amp;Tìm hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="386"/>
        <source>&amp;Day view</source>
        <translation>Tổng hợp t&amp;rong ngày</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="387"/>
        <source>Ne&amp;xt tab</source>
        <translation>Thẻ &amp;kế tiếp</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="388"/>
        <source>&amp;Previous tab</source>
        <translation>Thẻ &amp;trước</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="389"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Làm mới</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="376"/>
        <source>Station %1 · center unit %2</source>
        <translation>Máy %1 · đơn vị %2</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="378"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="379"/>
        <source>&amp;New reception</source>
        <translation>Tiếp nhận &amp;mới</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="380"/>
        <source>&amp;Export the day as CSV…</source>
        <translation>&amp;Xuất số liệu trong ngày ra CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="381"/>
        <source>&amp;Close tab</source>
        <translation>Đó&amp;ng thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="382"/>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="383"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="390"/>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="391"/>
        <source>&amp;Help</source>
        <translation>T&amp;rợ giúp</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="392"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Phím tắt</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="393"/>
        <source>&amp;About</source>
        <translation>&amp;Giới thiệu</translation>
    </message>
</context>
<context>
    <name>DayView</name>
    <message>
        <location filename="../../ui/counter/day_view.py" line="80"/>
        <source>Counting the day's dossiers…</source>
        <translation>Đang tổng hợp hồ sơ trong ngày…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="93"/>
        <source>The day's figures could not be counted: %1</source>
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
        <translation>&amp;Ngày:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="146"/>
        <source>Export CSV…</source>
        <translation>Xuất CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/day_view.py" line="147"/>
        <source>Export the day's figures as CSV (Ctrl+E)</source>
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
    <name>DossierListModel</name>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="161"/>
        <source>Received</source>
        <translation>Tiếp nhận lúc</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="161"/>
        <source>Citizen</source>
        <translation>Công dân</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="161"/>
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="161"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="162"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="162"/>
        <source>Wait</source>
        <translation>Thời gian chờ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="162"/>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="202"/>
        <source>%1 — over the limit</source>
        <translation>%1 — quá thời hạn</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="207"/>
        <source>%1 h %2 min</source>
        <translation>%1 giờ %2 phút</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="208"/>
        <source>%1 min</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="212"/>
        <source>sending %1 %</source>
        <translation>đang gửi %1 %</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="213"/>
        <source>accepted</source>
        <translation>đã tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="213"/>
        <source>draft</source>
        <translation>bản nháp</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="213"/>
        <location filename="../../ui/counter/dossier_list.py" line="215"/>
        <source>queued</source>
        <translation>chờ gửi</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="213"/>
        <source>waiting for network</source>
        <translation>chờ kết nối mạng</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="214"/>
        <source>needs supplement</source>
        <translation>cần bổ sung</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="214"/>
        <source>conflict</source>
        <translation>xung đột dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_list.py" line="215"/>
        <source>rejected</source>
        <translation>bị từ chối</translation>
    </message>
</context>
<context>
    <name>DossierPanel</name>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="103"/>
        <source>Reading the dossiers…</source>
        <translation>Đang đọc danh sách hồ sơ…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="105"/>
        <source>No dossier matches.</source>
        <translation>Không có hồ sơ nào phù hợp.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="106"/>
        <source>No dossiers on this station yet.</source>
        <translation>Chưa có hồ sơ nào trên máy này.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/counter/dossier_panel.py" line="109"/>
        <source>%n dossier(s) shown. Enter or a double click opens one.</source>
        <translation>
            <numerusform>Đang hiển thị %n hồ sơ. Nhấn Enter hoặc nhấp đúp để mở.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="112"/>
        <source>The dossiers could not be read: %1</source>
        <translation>Không đọc được danh sách hồ sơ: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="115"/>
        <source>Dossiers received at this station</source>
        <translation>Hồ sơ đã tiếp nhận tại máy này</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="116"/>
        <source>&amp;Search:</source>
        <translation>&amp;Tìm:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="117"/>
        <source>ID number, name or dossier code</source>
        <translation>Số định danh, họ tên hoặc mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="118"/>
        <source>Search by ID number, name or dossier code (Ctrl+F)</source>
        <translation>Tìm theo số định danh, họ tên hoặc mã hồ sơ (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="119"/>
        <source>Search dossiers</source>
        <translation>Tìm hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="120"/>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="120"/>
        <source>All days</source>
        <translation>Tất cả các ngày</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="121"/>
        <source>Every state</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="128"/>
        <source>Which days</source>
        <translation>Ngày tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="129"/>
        <source>Today's dossiers or every day's</source>
        <translation>Hồ sơ hôm nay hoặc của mọi ngày</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="130"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="131"/>
        <source>Only the dossiers in this state</source>
        <translation>Chỉ các hồ sơ ở trạng thái này</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_panel.py" line="132"/>
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
</context>
<context>
    <name>DossierTab</name>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="70"/>
        <source>Reading the dossier…</source>
        <translation>Đang đọc hồ sơ…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="81"/>
        <source>The dossier could not be read: %1</source>
        <translation>Không đọc được hồ sơ: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="93"/>
        <source>Citizen: %1 (ID %2)</source>
        <translation>Công dân: %1 (số định danh %2)</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="95"/>
        <source>Procedure: %1</source>
        <translation>Thủ tục: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="96"/>
        <source>Received %1 by %2</source>
        <translation>Tiếp nhận lúc %1, cán bộ %2</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="97"/>
        <source>Receiving unit %1 · competent unit %2</source>
        <translation>Đơn vị tiếp nhận %1 · đơn vị có thẩm quyền %2</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="99"/>
        <source>State: %1</source>
        <translation>Trạng thái: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="100"/>
        <source>Dossier code of the province: %1</source>
        <translation>Mã hồ sơ của tỉnh: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="100"/>
        <source>not yet</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="101"/>
        <source>Reference: %1</source>
        <translation>Số tham chiếu: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/counter/dossier_tab.py" line="107"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n trang</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="108"/>
        <source>from the e-wallet</source>
        <translation>từ kho dữ liệu điện tử</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="109"/>
        <source>shown in original</source>
        <translation>đã xuất trình bản chính</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="110"/>
        <source>not provided</source>
        <translation>không nộp</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="127"/>
        <source>&amp;Components:</source>
        <translation>&amp;Thành phần hồ sơ:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="128"/>
        <source>Components of the dossier</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="129"/>
        <source>Hi&amp;story (audit log):</source>
        <translation>&amp;Lịch sử xử lý (nhật ký):</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="130"/>
        <source>History of the dossier</source>
        <translation>Lịch sử của hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="131"/>
        <source>When</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="131"/>
        <source>Who</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <location filename="../../ui/counter/dossier_tab.py" line="131"/>
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
        <translation>&amp;Thành phần khác:</translation>
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
        <location filename="../../ui/receipt_print.py" line="64"/>
        <source>Receipt of the dossier and appointment for the result</source>
        <translation>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="65"/>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="66"/>
        <source>Reference at this station</source>
        <translation>Mã tiếp nhận tại máy</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="68"/>
        <source>The official dossier code is given when the province's system receives the dossier.</source>
        <translation>Mã hồ sơ chính thức được cấp khi hệ thống của tỉnh nhận được hồ sơ.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="69"/>
        <source>Received at</source>
        <translation>Thời điểm tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="70"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="71"/>
        <source>Receiving unit</source>
        <translation>Đơn vị tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="72"/>
        <source>Deciding unit</source>
        <translation>Đơn vị giải quyết</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="73"/>
        <source>Expected result date</source>
        <translation>Ngày hẹn trả kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="74"/>
        <source>Not fixed</source>
        <translation>Chưa xác định</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="75"/>
        <source>Counted in working days; public holidays are not counted yet.</source>
        <translation>Tính theo ngày làm việc; chưa trừ các ngày nghỉ lễ.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="76"/>
        <source>Components of the dossier</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="77"/>
        <source>How provided</source>
        <translation>Hình thức nộp</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="78"/>
        <source>Pages</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="79"/>
        <source>Scanned at the station</source>
        <translation>Quét tại máy</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="80"/>
        <source>From the e-wallet</source>
        <translation>Lấy từ kho dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="81"/>
        <source>Original shown</source>
        <translation>Xuất trình bản chính</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="82"/>
        <source>Not provided</source>
        <translation>Không nộp</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="87"/>
        <source>To look up the dossier's status, scan the QR code in the top-left corner: it carries the dossier code and the date.</source>
        <translation>Để tra cứu tình trạng hồ sơ, hãy quét mã QR ở góc trên bên trái: mã chứa mã hồ sơ và ngày tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_print.py" line="90"/>
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
    <name>ReceptionTab</name>
    <message>
        <location filename="../../ui/counter/reception.py" line="329"/>
        <source>Waiting since first contact: %1</source>
        <translation>Thời gian chờ từ lúc tiếp xúc đầu tiên: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="332"/>
        <source>Alert: this citizen has waited %1, more than %2 minutes. Finish the reception first.</source>
        <translation>Cảnh báo: công dân này đã chờ %1, quá %2 phút. Hãy ưu tiên hoàn tất việc tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="344"/>
        <source>%1 h %2 min</source>
        <translation>%1 giờ %2 phút</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="345"/>
        <source>%1 min</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="359"/>
        <source>Queue ticket %1 recorded.</source>
        <translation>Đã ghi nhận số thứ tự %1.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="371"/>
        <source>Type the card's CAN: the last 6 digits of the 12-digit ID number.</source>
        <translation>Nhập mã CAN của thẻ: 6 chữ số cuối của số định danh 12 số.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="392"/>
        <source>Show the card's front to the camera.</source>
        <translation>Đưa mặt trước của thẻ vào camera.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="416"/>
        <source>ID number: %1</source>
        <translation>Số định danh: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="426"/>
        <source>Compare the person with the chip portrait, then confirm.</source>
        <translation>Đối chiếu người nộp với ảnh trong chip, rồi xác nhận.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="436"/>
        <source>Card not genuine</source>
        <translation>Thẻ không hợp lệ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="449"/>
        <source>You confirmed the person is the card holder.</source>
        <translation>Cán bộ đã xác nhận người nộp là chủ thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="450"/>
        <source>You found the person is not the card holder.</source>
        <translation>Cán bộ xác định người nộp không phải chủ thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="464"/>
        <source>The face matches the chip portrait.</source>
        <translation>Khuôn mặt khớp với ảnh trong chip.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="496"/>
        <source>Finding the competent unit…</source>
        <translation>Đang xác định đơn vị có thẩm quyền…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="537"/>
        <source>Competent unit: %1</source>
        <translation>Đơn vị có thẩm quyền: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="573"/>
        <source>Choose a component of the checklist first.</source>
        <translation>Hãy chọn một thành phần hồ sơ trong danh mục trước.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/counter/reception.py" line="607"/>
        <source>%n page(s) scanned.</source>
        <translation>
            <numerusform>Đã quét %n trang.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/counter/reception.py" line="641"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n trang</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="642"/>
        <source>from the e-wallet</source>
        <translation>từ kho dữ liệu điện tử</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="643"/>
        <source>shown in original</source>
        <translation>đã xuất trình bản chính</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="644"/>
        <source>missing</source>
        <translation>còn thiếu</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="644"/>
        <source>not provided</source>
        <translation>không nộp</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="645"/>
        <source>required</source>
        <translation>bắt buộc</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="646"/>
        <source>optional</source>
        <translation>không bắt buộc</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="664"/>
        <source>Completeness: choose the procedure first.</source>
        <translation>Kiểm tra tính đầy đủ: hãy chọn thủ tục trước.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="667"/>
        <source>Missing: %1</source>
        <translation>Còn thiếu: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/counter/reception.py" line="669"/>
        <source>%n page(s) flagged blank or blurred to check.</source>
        <translation>
            <numerusform>%n trang bị đánh dấu trống hoặc mờ cần kiểm tra.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="671"/>
        <source>Confirm the competent unit.</source>
        <translation>Hãy xác nhận đơn vị có thẩm quyền.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="673"/>
        <source>Confirm the person against the chip portrait.</source>
        <translation>Hãy đối chiếu người nộp với ảnh trong chip.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="676"/>
        <source>Complete: every required component is provided.</source>
        <translation>Đầy đủ: đã có mọi thành phần hồ sơ bắt buộc.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="676"/>
        <source>Not complete.</source>
        <translation>Chưa đầy đủ.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="714"/>
        <source>Storing the dossier…</source>
        <translation>Đang lưu hồ sơ…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="720"/>
        <source>The dossier is stored. Give the citizen the receipt.</source>
        <translation>Đã lưu hồ sơ. Hãy trao giấy tiếp nhận cho công dân.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="741"/>
        <source>Reference</source>
        <translation>Số tham chiếu</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="743"/>
        <location filename="../../ui/counter/reception.py" line="745"/>
        <source>Dossier code of the province</source>
        <translation>Mã hồ sơ của tỉnh</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="745"/>
        <source>not yet assigned</source>
        <translation>chưa được cấp</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="746"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="747"/>
        <source>Competent unit</source>
        <translation>Đơn vị có thẩm quyền</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="748"/>
        <source>Expected result</source>
        <translation>Ngày hẹn trả kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="765"/>
        <location filename="../../ui/counter/reception.py" line="911"/>
        <source>Reprint the receipt with the code</source>
        <translation>In lại giấy tiếp nhận có mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="766"/>
        <source>The province assigned the dossier code %1.</source>
        <translation>Tỉnh đã cấp mã hồ sơ %1.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="774"/>
        <source>Printing the receipt…</source>
        <translation>Đang in giấy tiếp nhận…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="781"/>
        <source>The receipt was printed.</source>
        <translation>Đã in giấy tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="784"/>
        <source>The receipt could not be printed: %1</source>
        <translation>Không in được giấy tiếp nhận: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="788"/>
        <source>No printer took the receipt: it is kept in the citizen's e-wallet on this station, to print later.</source>
        <translation>Không có máy in nhận giấy tiếp nhận: giấy được lưu trong kho dữ liệu điện tử của công dân trên máy này để in sau.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="886"/>
        <source>1. Citizen</source>
        <translation>1. Công dân</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="887"/>
        <source>2. Procedure and competent unit</source>
        <translation>2. Thủ tục và đơn vị có thẩm quyền</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="888"/>
        <source>3. Components and pages</source>
        <translation>3. Thành phần hồ sơ và các trang</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="889"/>
        <source>4. Completeness, consent and receipt</source>
        <translation>4. Kiểm tra đầy đủ, đồng ý và giấy tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="890"/>
        <source>&amp;Queue ticket:</source>
        <translation>&amp;Số thứ tự:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="891"/>
        <source>typed or scanned, then Enter</source>
        <translation>nhập hoặc quét, rồi nhấn Enter</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="892"/>
        <source>Card &amp;CAN:</source>
        <translation>Mã &amp;CAN của thẻ:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="893"/>
        <source>The last 6 digits of the ID number; Enter reads the card</source>
        <translation>6 chữ số cuối của số định danh; nhấn Enter để đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="895"/>
        <source>Read card</source>
        <translation>Đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="895"/>
        <source>Card QR by camera</source>
        <translation>Quét mã QR thẻ bằng camera</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="896"/>
        <source>Person matches portrait</source>
        <translation>Đúng người trong ảnh</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="896"/>
        <source>Does not match</source>
        <translation>Không đúng người</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="897"/>
        <source>Face check</source>
        <translation>Kiểm tra khuôn mặt</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="897"/>
        <source>Confirm unit</source>
        <translation>Xác nhận đơn vị</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="897"/>
        <source>Scan</source>
        <translation>Quét</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="898"/>
        <source>Shown in original</source>
        <translation>Xuất trình bản chính</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="898"/>
        <source>Clear component</source>
        <translation>Bỏ thành phần</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="899"/>
        <source>Submit dossier</source>
        <translation>Nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="899"/>
        <source>Print receipt</source>
        <translation>In giấy tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="900"/>
        <source>Request supplement</source>
        <translation>Yêu cầu bổ sung</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="900"/>
        <source>Refuse</source>
        <translation>Từ chối tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="901"/>
        <source>Finish</source>
        <translation>Kết thúc</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="912"/>
        <source>&amp;Procedure (search by name or code, Enter to choose):</source>
        <translation>&amp;Thủ tục (tìm theo tên hoặc mã, Enter để chọn):</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="913"/>
        <source>Procedures</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="914"/>
        <source>Competent &amp;unit:</source>
        <translation>Đơn vị có thẩm &amp;quyền:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="915"/>
        <source>Suggested from the citizen's address; any unit of the province</source>
        <translation>Gợi ý theo địa chỉ của công dân; có thể chọn bất kỳ đơn vị nào trong tỉnh</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="916"/>
        <source>Components of the dossier</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="917"/>
        <source>Ctrl+1 to Ctrl+9 choose a line; Ctrl+S scans into it</source>
        <translation>Ctrl+1 đến Ctrl+9 để chọn dòng; Ctrl+S để quét vào dòng đó</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="918"/>
        <source>&amp;Source:</source>
        <translation>Ng&amp;uồn:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="919"/>
        <source>Colou&amp;r:</source>
        <translation>&amp;Màu:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="937"/>
        <source>Consent given (Ctrl+Shift+A)</source>
        <translation>Công dân đã đồng ý (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="920"/>
        <source>Resolution:</source>
        <translation>Độ phân giải:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="807"/>
        <location filename="../../ui/counter/reception.py" line="811"/>
        <source>Refuse the dossier</source>
        <translation>Từ chối tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="807"/>
        <source>Ground for the refusal:</source>
        <translation>Căn cứ từ chối:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="812"/>
        <source>What exactly is wrong (printed on the slip):</source>
        <translation>Lý do cụ thể (in trên phiếu):</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="827"/>
        <source>Making the slip…</source>
        <translation>Đang lập phiếu…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="832"/>
        <source>The request for supplement is made.</source>
        <translation>Đã lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="833"/>
        <source>The refusal is made: the reception has ended.</source>
        <translation>Đã lập phiếu từ chối: phiên tiếp nhận đã kết thúc.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="834"/>
        <source>It was printed.</source>
        <translation>Phiếu đã được in.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="835"/>
        <source>No printer took it: print it again once a printer is ready.</source>
        <translation>Không có máy in nhận phiếu: hãy in lại khi máy in sẵn sàng.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="844"/>
        <source>The slip could not be made: %1</source>
        <translation>Không lập được phiếu: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="921"/>
        <source>Pa&amp;ges:</source>
        <translation>Số tr&amp;ang:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="922"/>
        <source>all</source>
        <translation>tất cả</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="923"/>
        <source>Pages to scan; "all" empties the feeder</source>
        <translation>Số trang cần quét; "tất cả" quét hết khay nạp giấy</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="924"/>
        <source>Flatbed</source>
        <translation>Mặt kính</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="924"/>
        <source>Feeder</source>
        <translation>Khay nạp giấy</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="925"/>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="925"/>
        <source>Grey</source>
        <translation>Xám</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="933"/>
        <source>The citizen heard it and &amp;agrees</source>
        <translation>Công dân đã nghe và đồng ý</translation>
    </message>
    <message>
        <location filename="../../ui/counter/reception.py" line="936"/>
        <source>Consent text</source>
        <translation>Nội dung đồng ý</translation>
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
