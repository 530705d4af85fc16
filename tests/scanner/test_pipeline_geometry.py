"""Crop, deskew and orientation on generated pages with known borders, angles and quarter turns."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from drivers.scanner.pipeline import PagePipeline, PageError, process_page, render_page
from tests.helpers.documents import a4_pixels, camera_capture, on_scanner, text_page

GEOMETRY = ("crop", "deskew", "orientation")


@pytest.mark.parametrize("angle", [-14.2, -9.7, -5.25, -2.3, -0.6, 0.4, 1.7, 4.15, 8.8, 13.6])
def test_known_skew_is_found_within_0_3_degrees(angle):
    paper = text_page(100, seed=int(abs(angle) * 10), paragraphs=2)
    page = process_page(on_scanner(paper, angle=angle, seed=3).image, 100, steps=GEOMETRY)
    assert page.geometry.angle == pytest.approx(angle, abs=0.3)
    assert page.step("deskew").applied
    assert page.step("deskew").values["angle"] == page.geometry.angle  # what the UI shows is what was done


@pytest.mark.parametrize("quarter_turns", [0, 1, 2, 3])
@pytest.mark.parametrize("angle", [0.0, 3.3, -6.1])
def test_each_rotation_is_detected_and_undone(quarter_turns, angle):
    paper = text_page(100, seed=quarter_turns * 7 + int(angle), paragraphs=2)
    page = process_page(on_scanner(paper, angle=angle, quarter_turns=quarter_turns).image, 100, steps=GEOMETRY)
    found = page.step("orientation").values
    assert (page.geometry.quarter_turns + quarter_turns) % 4 == 0, found
    assert found["rotation"] == page.geometry.quarter_turns * 90
    assert page.step("orientation").applied == (quarter_turns != 0)
    assert found["lines_vertical"] == bool(quarter_turns % 2)
    width, height = a4_pixels(100)
    assert page.image.shape[1] == pytest.approx(width, abs=3) and page.image.shape[0] == pytest.approx(height, abs=3)


def test_upright_page_matches_the_printed_sheet():
    paper = text_page(100, seed=5, paragraphs=2)
    page = process_page(on_scanner(paper, angle=0.0, quarter_turns=2, noise=0).image, 100, steps=GEOMETRY)
    h, w = paper.image.shape[:2]
    want = paper.image[10:h - 10, 10:w - 10].astype(np.int16)
    # the crop may start a pixel or two off: the best alignment within ±2 px matches the printed sheet
    diffs = [np.mean(np.abs(page.image[10 + dy:h - 10 + dy, 10 + dx:w - 10 + dx].astype(np.int16) - want))
             for dy in range(-2, 3) for dx in range(-2, 3)]
    assert min(diffs) < 2


@pytest.mark.parametrize("dpi", [100, 200])
def test_borders_are_cropped_to_within_a_few_pixels(dpi):
    capture = on_scanner(text_page(dpi, seed=2, paragraphs=1), border_mm=11, seed=1)
    page = process_page(capture.image, dpi, steps=("crop",))
    crop = page.step("crop")
    assert crop.applied
    scale = min(1.0, 100 / dpi)  # the working scale
    got = np.array(crop.values["box"]) * scale
    assert np.abs(got - np.array(capture.paper_box) * scale).max() <= 3, (crop.values, capture.paper_box)
    assert page.image.shape[:2] == pytest.approx(capture.paper.image.shape[:2], abs=3 / scale)


def test_skewed_sheet_is_cut_to_its_own_size():
    capture = on_scanner(text_page(100, seed=9, paragraphs=2), angle=7.5, border_mm=15)
    page = process_page(capture.image, 100, steps=GEOMETRY)
    rect = page.geometry.rect
    assert rect.angle == pytest.approx(7.5, abs=0.5)
    assert (rect.width, rect.height) == pytest.approx(a4_pixels(100), abs=3)
    # no scanner background left along the edges of the result
    inner = page.image[4:-4, 4:-4]
    assert min(inner[:, 0].mean(), inner[:, -1].mean(), inner[0].mean(), inner[-1].mean()) > 200


def test_camera_capture_is_cropped_from_the_table():
    capture = camera_capture(text_page(150, seed=4, paragraphs=2))
    page = process_page(capture.image, capture.dpi, source="camera", steps=GEOMETRY)
    scale = 100 / capture.dpi
    got = np.array(page.step("crop").values["box"]) * scale
    assert np.abs(got - np.array(capture.paper_box) * scale).max() <= 3


def test_a_page_that_fills_the_frame_is_not_cropped():
    paper = text_page(100, seed=1, paragraphs=1)
    page = process_page(paper.image, 100, steps=GEOMETRY)
    assert not page.step("crop").applied and page.step("crop").values["reason"]
    assert page.image.shape == paper.image.shape


def test_each_geometry_step_can_be_undone():
    capture = on_scanner(text_page(100, seed=3, paragraphs=2), angle=4.0, quarter_turns=1)
    page = process_page(capture.image, 100, steps=GEOMETRY)
    values = {s.name: s.values for s in page.steps}
    assert values["crop"]["box"] and values["deskew"]["angle"] and values["orientation"]["rotation"] == 270

    no_turn = page.geometry.without("orientation")
    assert render_page(capture.image, no_turn).shape[:2] == page.image.shape[1::-1]  # width and height swap
    assert no_turn.angle == page.geometry.angle and no_turn.rect == page.geometry.rect

    no_skew = render_page(capture.image, page.geometry.without("deskew"))
    no_crop = render_page(capture.image, page.geometry.without("crop"))
    assert no_crop.shape[:2][::-1] == capture.image.shape[:2]  # the whole delivered image again
    assert no_skew.shape == page.image.shape and not np.array_equal(no_skew, page.image)

    # redo with the person's choice: the steps' measurements are replaced by the given geometry
    again = process_page(capture.image, 100, geometry=page.geometry.without("deskew"))
    assert np.array_equal(again.image, no_skew)
    assert again.step("geometry").values["angle"] == 0.0


def test_everything_at_once_is_undone():
    capture = on_scanner(text_page(100, seed=8, paragraphs=1), angle=-2.0, quarter_turns=3)
    page = process_page(capture.image, 100, steps=GEOMETRY)
    plain = page.geometry.without("crop").without("deskew").without("orientation")
    assert np.array_equal(render_page(capture.image, plain), capture.image)


def test_grey_pages_are_processed_as_grey():
    capture = on_scanner(text_page(100, seed=1, paragraphs=1), angle=2.0, quarter_turns=2)
    grey = capture.image[..., 1].copy()
    page = process_page(grey, 100)
    assert page.image.ndim == 2 and (page.geometry.quarter_turns + 2) % 4 == 0
    assert page.encoded.colour is False


@pytest.mark.parametrize("image, dpi, source, message", [
    (np.zeros((100, 100, 4), np.uint8), 100, "flatbed", "H×W×3"),
    (np.zeros((100, 100), np.float32), 100, "flatbed", "8-bit"),
    (np.zeros((8, 8), np.uint8), 100, "flatbed", "too small"),
    (np.zeros((100, 100), np.uint8), 20, "flatbed", "dpi"),
    (np.zeros((100, 100), np.uint8), 100, "fax", "source"),
])
def test_bad_input_gets_a_clear_error(image, dpi, source, message):
    with pytest.raises(PageError, match=message):
        process_page(image, dpi, source=source)


def shared_blocks() -> set[str]:
    return {p.name for p in Path("/dev/shm").glob("psm_*")}


def test_worker_pool_gives_the_same_pages_as_in_process():
    captures = [on_scanner(text_page(100, seed=s, paragraphs=1), angle=a, quarter_turns=k, seed=s)
                for s, (a, k) in enumerate([(1.5, 0), (-3.0, 1), (0.0, 2)])]
    before = shared_blocks()
    with PagePipeline(workers=2) as pipeline:
        futures = [pipeline.submit(c.image, 100, keep_image=True) for c in captures]
        light = pipeline.submit(captures[0].image, 100)
        pages = [f.result(timeout=120) for f in futures]
        assert light.result(timeout=120).image is None
        with pytest.raises(PageError, match="too small"):
            pipeline.submit(np.zeros((4, 4), np.uint8), 100)
        failing = pipeline.submit(captures[0].image, 100, steps=("crop", "sharpen"))
        with pytest.raises(PageError, match="unknown pipeline steps: sharpen"):
            failing.result(timeout=120)
    for capture, page in zip(captures, pages):
        local = process_page(capture.image, 100)
        assert page.geometry == local.geometry
        assert np.array_equal(page.image, local.image)
        assert [layer.data for layer in page.encoded.layers] == [layer.data for layer in local.encoded.layers]
    assert shared_blocks() <= before  # every page's shared memory was given back


def test_a_sheet_reaching_past_the_image_is_padded_with_white():
    from drivers.scanner.geometry import Geometry
    from drivers.scanner.steps.crop import PaperRect

    image = np.zeros((80, 100, 3), np.uint8)
    out = Geometry(100, 80, PaperRect(50, 40, 120, 100, 0.0)).render(image)
    assert out.shape == (100, 120, 3)
    assert out[:10].min() == 255 and out[:, :10].min() == 255 and out[10:90, 10:110].max() == 0


def test_reductions_give_the_asked_size():
    from drivers.scanner.reduce import reduced, reduced_to

    image = np.random.default_rng(0).integers(0, 256, (900, 630, 3), dtype=np.uint8)
    assert reduced(image, 1 / 3).shape == (300, 210, 3)
    assert reduced(image, 1.0) is image
    assert reduced_to(image, (37, 51)).shape == (51, 37, 3)
    flat = np.full((600, 600), 200, np.uint8)
    assert int(reduced(flat, 0.3).min()) == 200 == int(reduced(flat, 0.3).max())
