"""Blank-page flags, camera quality warnings, barcodes with both decoders, thumbnails and summaries."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest

from drivers.scanner.pipeline import ALL_STEPS, process_page
from drivers.scanner.steps.barcodes import ENGINES, find_barcodes
from tests.helpers.documents import (
    blank_paper, camera_capture, on_scanner, short_line_paper, signature_only_paper, text_page,
)

# looks like a CCCD's QR (ID | old ID | name | birth | sex | address | issue date), made up
QR_PAYLOAD = "001190012345|123456789|Nguyễn Thị Hồng Nhung|12031990|Nữ|Thôn Đồng Tâm, Xã Ba Chẽ, Quảng Ninh|01072021"


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("angle", [0.0, 2.5])
def test_blank_page_with_scanner_noise_is_flagged(seed, angle):
    page = process_page(on_scanner(blank_paper(100, seed), angle=angle, seed=seed).image, 100)
    assert "blank" in page.flags
    assert page.flags["blank"]["ink_mm2"] == page.step("blank").values["ink_mm2"] < 3
    assert page.image is not None and page.encoded is not None  # flagged, never dropped


@pytest.mark.parametrize("make", [signature_only_paper, short_line_paper], ids=["signature", "one-line"])
@pytest.mark.parametrize("dpi", [100, 200])
def test_near_blank_pages_are_not_blank(make, dpi):
    page = process_page(on_scanner(make(dpi, 1), angle=1.0).image, dpi)
    assert "blank" not in page.flags
    assert page.step("blank").values["ink_mm2"] > 20


def test_signature_alone_does_not_turn_or_skew_the_page():
    page = process_page(on_scanner(signature_only_paper(100, 2)).image, 100)
    assert page.geometry.quarter_turns == 0 and page.geometry.angle == 0.0
    assert page.step("deskew").values["angle"] is None


def test_text_page_is_not_blank():
    page = process_page(on_scanner(text_page(100, 1)).image, 100)
    assert "blank" not in page.flags and page.step("blank").values["ink_mm2"] > 500


@pytest.mark.parametrize("blur, glare, flags", [
    (0.0, 0.0, set()), (3.0, 0.0, {"blurred"}), (0.0, 0.12, {"glare"}), (3.0, 0.12, {"blurred", "glare"}),
])
def test_camera_captures_get_blur_and_glare_warnings(blur, glare, flags):
    capture = camera_capture(text_page(150, 2, paragraphs=2), blur=blur, glare=glare, seed=1)
    page = process_page(capture.image, capture.dpi, source="camera")
    assert set(page.flags) == flags
    values = page.step("quality").values
    assert {"laplacian_var", "glare_share"} <= set(values)


def test_scanner_pages_are_not_checked_for_blur_or_glare():
    capture = camera_capture(text_page(150, 2, paragraphs=1), blur=3.0, glare=0.12)
    page = process_page(capture.image, capture.dpi, source="flatbed")
    assert page.step("quality") is None and not ({"blurred", "glare"} & set(page.flags))


def qr_capture(dpi: int = 200, angle: float = 3.0, quarter_turns: int = 1):
    paper = text_page(dpi, seed=6, qr=QR_PAYLOAD, paragraphs=1)
    return on_scanner(paper, angle=angle, quarter_turns=quarter_turns)


@pytest.mark.parametrize("engine", ENGINES)
def test_qr_payload_is_decoded_by_both_engines(engine):
    capture = qr_capture()
    page = process_page(capture.image, capture.dpi, barcode_engine=engine)
    assert [b.kind.lower().replace("-", "").replace("code", "") for b in page.barcodes] == ["qr"]
    code = page.barcodes[0]
    assert code.content.decode("utf-8") == QR_PAYLOAD
    # positioned on the upright page where it was printed: the top right corner
    x, y, w, h = capture.paper.qr_box
    centre = np.mean(code.points, axis=0)
    assert centre == pytest.approx((x + w / 2, y + h / 2), abs=0.02 * capture.dpi)


def test_both_engines_read_the_same_page_directly():
    gray = cv2.cvtColor(qr_capture(150, 0.0, 0).image, cv2.COLOR_RGB2GRAY)
    found = {engine: find_barcodes(gray, engine) for engine in ENGINES}
    assert all(len(codes) == 1 and codes[0].content == QR_PAYLOAD.encode() for codes in found.values())
    with pytest.raises(ValueError, match="unknown barcode engine"):
        find_barcodes(gray, "zbarcam")


def test_barcode_content_stays_out_of_summary_and_repr():
    capture = qr_capture()
    page = process_page(capture.image, capture.dpi)
    text = json.dumps(page.summary(), ensure_ascii=False) + repr(page) + repr(page.barcodes[0])
    for secret in ("001190012345", "Nguyễn", "Đồng Tâm"):
        assert secret not in text
    assert page.summary()["barcodes"][0]["bytes"] == len(QR_PAYLOAD.encode())


def test_summary_is_json_and_lists_every_step_with_timings():
    page = process_page(on_scanner(text_page(100, 3), angle=2.0).image, 100)
    summary = json.loads(json.dumps(page.summary()))
    assert [s["name"] for s in summary["steps"]] == [s for s in ALL_STEPS if s != "quality"]
    assert summary["timings_ms"]["total"] > 0 and all(v >= 0 for v in summary["timings_ms"].values())
    assert summary["original_size"] == [page.original_size[0], page.original_size[1]]


def test_thumbnail_is_a_small_jpeg_of_the_upright_page():
    page = process_page(on_scanner(text_page(100, 3), quarter_turns=1).image, 100)
    thumb = cv2.imdecode(np.frombuffer(page.thumbnail, np.uint8), cv2.IMREAD_COLOR)
    assert page.thumbnail[:2] == b"\xff\xd8" and thumb.shape[1] == 240
    assert thumb.shape[0] > thumb.shape[1]  # portrait, like the page once turned upright


def test_steps_can_be_left_out():
    page = process_page(on_scanner(text_page(100, 3), angle=2.0).image, 100, steps=("crop", "thumbnail"),
                        keep_image=False)
    assert [s.name for s in page.steps] == ["crop", "thumbnail"]
    assert page.image is None and page.encoded is None and page.geometry.angle == pytest.approx(2.0, abs=0.5)


def test_generated_documents_are_deterministic():
    first = on_scanner(text_page(100, 4, qr="x"), angle=2.0, quarter_turns=1, seed=4)
    second = on_scanner(text_page(100, 4, qr="x"), angle=2.0, quarter_turns=1, seed=4)
    assert np.array_equal(first.image, second.image) and first.paper.lines == second.paper.lines
    assert not np.array_equal(first.image, on_scanner(text_page(100, 5, qr="x"), angle=2.0, quarter_turns=1,
                                                      seed=4).image)


@pytest.mark.parametrize("seed", range(6))
def test_odd_images_are_processed_without_crashing(seed):
    """Tiny, empty, black, white, noisy or striped images at any resolution: a page, never an exception."""
    from drivers.scanner.pdf import pdf_bytes

    rnd = np.random.default_rng(seed)
    for i in range(12):
        h, w = int(rnd.integers(16, 200)), int(rnd.integers(16, 200))
        shape = (h, w, 3) if i % 2 else (h, w)
        image = [rnd.integers(0, 256, shape, dtype=np.uint8), np.zeros(shape, np.uint8),
                 np.full(shape, 255, np.uint8), np.tile((np.arange(w) % 7 * 36).astype(np.uint8), (h, 1))
                 .reshape((h, w) + (1,) * (len(shape) - 2)).repeat(shape[2] if len(shape) == 3 else 1, axis=-1)
                 .reshape(shape)][i % 4]
        dpi = int(rnd.choice([50, 75, 150, 300, 1200]))
        page = process_page(np.ascontiguousarray(image), dpi, source=("flatbed", "adf", "camera")[i % 3])
        json.dumps(page.summary())
        assert pdf_bytes([page], require_compliant=False).pages == 1
