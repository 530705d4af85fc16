<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../../ui/counter_window.py" line="88" />
        <source>draft</source>
        <translation>bản nháp</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="88" />
        <source>ready</source>
        <translation>sẵn sàng</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="88" />
        <source>waiting to be sent</source>
        <translation>chờ gửi</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="89" />
        <source>sending</source>
        <translation>đang gửi</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="89" />
        <source>accepted</source>
        <translation>đã tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="90" />
        <source>rejected</source>
        <translation>bị từ chối</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="107" />
        <source>Readers: %1 · Scanners: %2 · Cameras: %3</source>
        <translation>Đầu đọc: %1 · Máy quét: %2 · Camera: %3</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="111" />
        <source>About</source>
        <translation>Giới thiệu</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="111" />
        <source>Digitisation point, version %1</source>
        <translation>Điểm số hóa, phiên bản %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="114" />
        <source>Digitisation point — counter</source>
        <translation>Điểm số hóa — quầy tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="115" />
        <source>Dossiers received at this station</source>
        <translation>Hồ sơ đã tiếp nhận tại máy này</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="116" />
        <source>Received</source>
        <translation>Tiếp nhận lúc</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="116" />
        <source>Citizen</source>
        <translation>Công dân</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="116" />
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="117" />
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="117" />
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="118" />
        <source>No dossiers on this station yet.</source>
        <translation>Chưa có hồ sơ nào trên máy này.</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="124" />
        <source>Station %1 · center unit %2</source>
        <translation>Máy %1 · đơn vị %2</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="125" />
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="126" />
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="127" />
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="128" />
        <source>&amp;Refresh devices</source>
        <translation>&amp;Làm mới thiết bị</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="129" />
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="130" />
        <source>&amp;Help</source>
        <translation>T&amp;rợ giúp</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="131" />
        <source>&amp;About</source>
        <translation>&amp;Giới thiệu</translation>
    </message>
</context>
<context>
    <name>DiagnosticsWindow</name>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="63" />
        <source>no card</source>
        <translation>không có thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="76" />
        <source>Looking for devices…</source>
        <translation>Đang tìm thiết bị…</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="78" />
        <source>Cannot list devices: %1</source>
        <translation>Không liệt kê được thiết bị: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/diagnostics_window.py" line="80" />
        <source>%n device(s) found</source>
        <translation>
            <numerusform>Tìm thấy %n thiết bị</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="83" />
        <source>Digitisation point — diagnostics</source>
        <translation>Điểm số hóa — chẩn đoán</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="85" />
        <source>Station %1, center unit %2</source>
        <translation>Máy %1, đơn vị %2</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="86" />
        <source>Refresh (F5)</source>
        <translation>Làm mới (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="87" />
        <source>Card readers (PC/SC)</source>
        <translation>Đầu đọc thẻ (PC/SC)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="87" />
        <source>Scanners (SANE)</source>
        <translation>Máy quét (SANE)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="89" />
        <source>Cameras</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="89" />
        <source>Reader</source>
        <translation>Đầu đọc</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="89" />
        <source>Card (ATR)</source>
        <translation>Thẻ (ATR)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="90" />
        <source>Device</source>
        <translation>Thiết bị</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="90" />
        <source>Model</source>
        <translation>Kiểu máy</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="90" />
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="91" />
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_window.py" line="92" />
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message numerus="yes">
        <location filename="../../ui/kiosk_window.py" line="114" />
        <source>No activity: this session ends in %n second(s). Touch the screen to continue.</source>
        <translation>
            <numerusform>Không có thao tác: phiên làm việc sẽ kết thúc sau %n giây. Chạm vào màn hình để tiếp tục.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="132" />
        <source>Digitisation point</source>
        <translation>Điểm số hóa</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="133" />
        <source>Welcome</source>
        <translation>Xin chào</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="134" />
        <source>Place your chip ID card on the reader to begin.</source>
        <translation>Đặt thẻ căn cước gắn chip lên đầu đọc để bắt đầu.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="135" />
        <source>Start</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="136" />
        <source>Your session</source>
        <translation>Phiên làm việc của bạn</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="138" />
        <source>Your card is on the reader. Keep it there until you finish.</source>
        <translation>Thẻ của bạn đang trên đầu đọc. Hãy để nguyên thẻ cho đến khi hoàn tất.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="140" />
        <source>Place your chip ID card on the reader.</source>
        <translation>Đặt thẻ căn cước gắn chip lên đầu đọc.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_window.py" line="141" />
        <source>Finish</source>
        <translation>Kết thúc</translation>
    </message>
</context>
</TS>