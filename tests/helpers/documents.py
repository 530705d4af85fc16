"""Generated document images for the page pipeline's tests and benchmark (deterministic, seeded).

A4 paper with Vietnamese text in a form-like layout (DejaVu, NFC), optionally a QR code, laid on a
darker scanner background with a border, turned by a known small angle and by quarter turns; blank
pages with scanner noise, near-blank pages (a signature only, one short line) and camera-like captures
with blur or glare. Every generator returns the truth the tests compare against.
"""

from __future__ import annotations

import math
import random
import unicodedata
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
A4_MM = (210.0, 297.0)
SCANNER_GREY = (62, 64, 66)

WORDS = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam độc lập tự do hạnh phúc tờ khai đăng ký thường trú "
    "họ và tên chữ đệm ngày tháng năm sinh giới tính dân tộc tôn giáo quốc tịch nơi đăng ký khai sinh "
    "quê quán nơi thường trú nơi ở hiện tại nghề nghiệp nơi làm việc số định danh cá nhân "
    "người đề nghị cơ quan tiếp nhận hồ sơ thủ tục hành chính giấy chứng nhận quyền sử dụng đất "
    "xã phường đặc khu tỉnh thành phố ủy ban nhân dân trung tâm phục vụ hành chính công "
    "kính gửi tôi xin cam đoan những lời khai trên là đúng sự thật và chịu trách nhiệm trước pháp luật "
    "ghi chú bản sao chứng thực từ bản chính được cấp lần đầu điện thoại thư điện tử mối quan hệ "
    "chủ hộ vợ chồng con đẻ cháu ruột ông bà nội ngoại anh chị em ruột thời hạn tạm trú lý do"
).split()
NAMES = ["Nguyễn Thị Hồng Nhung", "Trần Văn Đức", "Lê Hữu Phúc", "Phạm Ngọc Ánh", "Đặng Thu Hà",
         "Bùi Minh Quân", "Hoàng Đức Sơn", "Vũ Thị Hạnh", "Đỗ Văn Bình", "Hồ Thị Lan"]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def font(size_px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(FONT_DIR + name, max(6, size_px))


def a4_pixels(dpi: int) -> tuple[int, int]:
    """(width, height) of an A4 sheet at `dpi`."""
    return round(A4_MM[0] / 25.4 * dpi), round(A4_MM[1] / 25.4 * dpi)


def qr_modules(payload: str) -> np.ndarray:
    """The QR symbol as 0/255 modules, one pixel each (OpenCV's encoder: no extra package)."""
    return cv2.QRCodeEncoder.create().encode(payload)


@dataclass
class Paper:
    """A sheet as printed (RGB, upright) and what is on it."""

    image: np.ndarray
    dpi: int
    lines: list[str] = field(default_factory=list)  # the text as printed, NFC, in reading order
    qr_payload: str | None = None
    qr_box: tuple[int, int, int, int] | None = None  # x, y, w, h on the sheet


@dataclass
class Capture:
    """A sheet as the scanner or camera delivered it, with the truth the pipeline should find."""

    image: np.ndarray  # H×W×3 RGB uint8
    dpi: int
    paper: Paper
    angle: float = 0.0  # degrees the sheet was turned counter-clockwise on the glass (small)
    quarter_turns: int = 0  # extra counter-clockwise quarter turns (0..3)
    paper_box: tuple[int, int, int, int] | None = None  # x, y, w, h of the sheet in `image` (upright sheets)


def _sentence(rnd: random.Random, words: int) -> str:
    text = " ".join(rnd.choice(WORDS) for _ in range(words))
    return nfc(text[0].upper() + text[1:])


def text_page(dpi: int = 100, seed: int = 0, *, qr: str | None = None, points: float = 11.0,
              paragraphs: int = 3) -> Paper:
    """A form-like A4 page: a centred heading, labelled fields with dotted leaders, paragraphs of
    running text, a signature block, and optionally a QR code in the top right corner."""
    rnd = random.Random(seed)
    width, height = a4_pixels(dpi)
    img = Image.new("RGB", (width, height), (250, 250, 247))
    draw = ImageDraw.Draw(img)
    px = lambda mm: round(mm / 25.4 * dpi)  # noqa: E731
    size = round(points / 72 * dpi)
    body, bold, title = font(size), font(size, bold=True), font(round(size * 1.3), bold=True)
    ink = (20, 22, 30)
    lines: list[str] = []
    y = px(20)
    left, right = px(22), width - px(20)

    def centred(text: str, fnt, y: int) -> int:
        w = draw.textlength(text, font=fnt)
        draw.text(((width - w) / 2, y), text, font=fnt, fill=ink)
        lines.append(text)
        return y + round(fnt.size * 1.6)

    y = centred(nfc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), bold, y)
    y = centred(nfc("Độc lập - Tự do - Hạnh phúc"), bold, y) + px(6)
    y = centred(nfc(rnd.choice(["TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ", "ĐƠN ĐỀ NGHỊ CẤP BẢN SAO",
                                 "PHIẾU YÊU CẦU CHỨNG THỰC", "TỜ KHAI ĐĂNG KÝ KHAI SINH"])), title, y) + px(4)
    labels = ["Họ, chữ đệm và tên", "Ngày, tháng, năm sinh", "Số định danh cá nhân", "Nơi thường trú",
              "Nghề nghiệp", "Số điện thoại"]
    for label in labels:
        value = {
            "Họ, chữ đệm và tên": rnd.choice(NAMES),
            "Ngày, tháng, năm sinh": f"{rnd.randint(1, 28):02d}/{rnd.randint(1, 12):02d}/{rnd.randint(1950, 2005)}",
            "Số định danh cá nhân": "".join(str(rnd.randint(0, 9)) for _ in range(12)),
            "Số điện thoại": "09" + "".join(str(rnd.randint(0, 9)) for _ in range(8)),
        }.get(label, _sentence(rnd, 4))
        text = nfc(f"{label}: {value}")
        draw.text((left, y), text, font=body, fill=ink)
        end = left + draw.textlength(text, font=body) + px(2)
        if end < right:  # the dotted leader of a printed form, filled in by hand
            draw.line((end, y + size, right, y + size), fill=(120, 120, 120), width=max(1, dpi // 150))
        lines.append(text)
        y += round(size * 1.7)
    y += px(4)
    room = height - px(80)  # the signature block keeps the bottom of the sheet
    for _ in range(paragraphs):
        if y > room - size * 3:
            break
        words = _sentence(rnd, rnd.randint(40, 70)).split()
        line = ""
        for word in words:
            trial = f"{line} {word}".strip()
            if y > room:
                line = ""
                break
            if draw.textlength(trial, font=body) > right - left:
                draw.text((left, y), line, font=body, fill=ink)
                lines.append(line)
                y += round(size * 1.45)
                line = word
            else:
                line = trial
        if line:
            draw.text((left, y), line, font=body, fill=ink)
            lines.append(line)
            y += round(size * 1.45)
        y += px(3)
    # signature block, bottom right
    sign_x = width - px(85)
    sign_y = min(y + px(8), height - px(60))
    for text in (nfc(f"Ba Chẽ, ngày {rnd.randint(1, 28)} tháng {rnd.randint(1, 12)} năm 2025"),
                 nfc("NGƯỜI KÊ KHAI")):
        draw.text((sign_x, sign_y), text, font=body, fill=ink)
        lines.append(text)
        sign_y += round(size * 1.6)
    _signature(draw, (sign_x + px(10), sign_y + px(4)), dpi, rnd)
    paper = Paper(np.asarray(img).copy(), dpi, lines)
    if qr is not None:
        paper = with_qr(paper, qr)
    return paper


def with_qr(paper: Paper, payload: str, module_mm: float = 0.6) -> Paper:
    """The sheet with a QR code of `payload` in its top right corner (0.6 mm modules, quiet zone 4)."""
    modules = qr_modules(payload)
    module_px = max(2, round(module_mm / 25.4 * paper.dpi))
    symbol = cv2.resize(modules, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST)
    symbol = np.pad(symbol, 4 * module_px, constant_values=255)
    h, w = symbol.shape
    x = paper.image.shape[1] - w - round(12 / 25.4 * paper.dpi)
    y = round(10 / 25.4 * paper.dpi)
    image = paper.image.copy()
    image[y:y + h, x:x + w] = symbol[..., None]
    return Paper(image, paper.dpi, paper.lines, payload, (x, y, w, h))


def _signature(draw: ImageDraw.ImageDraw, origin: tuple[int, int], dpi: int, rnd: random.Random) -> None:
    """A handwritten-looking flourish about 45 × 15 mm: a few overlapping loops in blue ink."""
    x0, y0 = origin
    scale = dpi / 25.4
    points = []
    for i in range(240):
        t = i / 239
        x = x0 + (t * 45 + 3 * math.sin(t * 31)) * scale
        y = y0 + (7 + 6 * math.sin(t * 19 + rnd.random()) * (1 - 0.5 * t) + 2 * math.cos(t * 7)) * scale
        points.append((x, y))
    draw.line(points, fill=(25, 40, 120), width=max(2, round(0.5 * scale)), joint="curve")
    draw.line([(x0 + 5 * scale, y0 + 15 * scale), (x0 + 40 * scale, y0 + 13 * scale)],
              fill=(25, 40, 120), width=max(2, round(0.4 * scale)))


def blank_paper(dpi: int = 100, seed: int = 0) -> Paper:
    """A blank sheet: off-white with the faint unevenness and dust specks (0.1-0.3 mm) of a real scan.
    Drawn at 300 dpi at least, then reduced, so that dust keeps its physical size at any resolution."""
    rnd = np.random.default_rng(seed)
    draw_dpi = max(dpi, 300)
    width, height = a4_pixels(draw_dpi)
    shade = 246 + rnd.standard_normal((height, width), dtype=np.float32) * 1.5
    shade += np.linspace(-3, 3, width, dtype=np.float32)[None, :]  # uneven lamp
    image = np.clip(shade, 0, 255).astype(np.uint8)
    speck = max(1, round(0.1 / 25.4 * draw_dpi))
    for _ in range(int(rnd.integers(15, 40))):
        y, x = int(rnd.integers(0, height - 3 * speck)), int(rnd.integers(0, width - 3 * speck))
        image[y:y + speck * int(rnd.integers(1, 4)), x:x + speck * int(rnd.integers(1, 4))] = int(rnd.integers(90, 180))
    if draw_dpi != dpi:
        image = cv2.resize(image, a4_pixels(dpi), interpolation=cv2.INTER_AREA)
    return Paper(np.repeat(image[..., None], 3, axis=2), dpi, [])


def signature_only_paper(dpi: int = 100, seed: int = 0) -> Paper:
    """A blank sheet with nothing but a signature (must not be flagged blank)."""
    paper = blank_paper(dpi, seed)
    img = Image.fromarray(paper.image)
    width, height = img.size
    _signature(ImageDraw.Draw(img), (width // 2, round(height * 0.7)), dpi, random.Random(seed))
    return Paper(np.asarray(img).copy(), dpi, [])


def short_line_paper(dpi: int = 100, seed: int = 0, text: str = "Trang này để trống có chủ ý.") -> Paper:
    """A near-blank sheet with one short line of text (not blank)."""
    paper = blank_paper(dpi, seed)
    img = Image.fromarray(paper.image)
    line = nfc(text)
    ImageDraw.Draw(img).text((round(25 / 25.4 * dpi), round(40 / 25.4 * dpi)), line,
                             font=font(round(11 / 72 * dpi)), fill=(20, 22, 30))
    return Paper(np.asarray(img).copy(), dpi, [line])


def _noisy(image: np.ndarray, sigma: float, seed: int) -> np.ndarray:
    """Sensor noise (Gaussian, about `sigma` grey levels); OpenCV's generator stays quick at 300 dpi."""
    cv2.setRNGSeed(seed)
    noise = np.empty(image.shape, np.int16)
    cv2.randn(noise, 0, sigma)
    return cv2.add(image, noise, dtype=cv2.CV_8U)


def turn(image: np.ndarray, angle: float, fill: tuple[int, int, int]) -> np.ndarray:
    """`image` turned counter-clockwise by `angle` degrees on a canvas large enough, `fill` around it."""
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(math.ceil(h * sin + w * cos)), int(math.ceil(h * cos + w * sin))
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    return cv2.warpAffine(image, m, (nw, nh), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=fill)


def on_scanner(paper: Paper, *, angle: float = 0.0, quarter_turns: int = 0, border_mm: float = 8.0,
               background: tuple[int, int, int] = SCANNER_GREY, seed: int = 0, noise: float = 2.0) -> Capture:
    """The sheet as a flatbed delivers it: turned by `quarter_turns`·90° + `angle`° counter-clockwise,
    on a darker background with `border_mm` around it, plus sensor noise."""
    image = np.ascontiguousarray(np.rot90(paper.image, quarter_turns))
    if angle:
        image = turn(image, angle, background)
    border = round(border_mm / 25.4 * paper.dpi)
    image = cv2.copyMakeBorder(image, border, border, border, border, cv2.BORDER_CONSTANT, value=background)
    if noise:
        image = _noisy(image, noise, seed)
    box = None
    if not angle:
        h, w = np.rot90(paper.image, quarter_turns).shape[:2]
        box = (border, border, w, h)
    return Capture(image, paper.dpi, paper, angle, quarter_turns % 4, box)


def camera_capture(paper: Paper, *, blur: float = 0.0, glare: float = 0.0, seed: int = 0,
                   long_side: int = 1600) -> Capture:
    """The sheet as a phone or document camera sees it: scaled to `long_side`, on a wooden-brown table,
    under uneven light, optionally defocused (`blur`: Gaussian sigma in px) and with a specular glare
    spot (`glare`: its radius as a fraction of the page width)."""
    scale = long_side / max(paper.image.shape[:2])
    sheet = cv2.resize(paper.image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    sheet = (sheet.astype(np.float32) * 0.86).astype(np.uint8)  # room light: paper is not scanner white
    margin = round(0.06 * long_side)
    image = cv2.copyMakeBorder(sheet, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=(96, 70, 48))
    h, w = image.shape[:2]
    light = np.linspace(0.92, 1.05, w, dtype=np.float32)[None, :, None]
    image = np.clip(image.astype(np.float32) * light, 0, 255)
    if glare:
        cy, cx = margin + sheet.shape[0] * 0.35, margin + sheet.shape[1] * 0.6
        radius = glare * sheet.shape[1]
        yy, xx = np.mgrid[0:h, 0:w]
        spot = np.exp(-(((yy - cy) ** 2 + (xx - cx) ** 2) / (2 * (radius / 2) ** 2)))
        image = np.clip(image + spot[..., None] * 400.0, 0, 255)
    image = image.astype(np.uint8)
    if blur:
        image = cv2.GaussianBlur(image, (0, 0), blur)
    image = _noisy(image, 2.5, seed)
    dpi = round(paper.dpi * scale)
    return Capture(image, dpi, paper, 0.0, 0, (margin, margin, sheet.shape[1], sheet.shape[0]))
