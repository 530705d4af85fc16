"""Quality warnings for camera captures: blur (variance of the Laplacian) and glare (saturated
highlights). Scanners light the page evenly and in focus, so these are measured for the camera only."""

from __future__ import annotations

import cv2
import numpy as np

WORK_LONG_SIDE = 1000  # pixels: blur is measured at a fixed scale so captures of any size compare
BLUR_BELOW = 90.0  # variance of the Laplacian of the inked tiles: generated sharp pages 240-1800, σ=3 px blur ~30
GLARE_LEVEL = 250  # grey level of a saturated highlight
GLARE_ABOVE = 0.01  # share of the page washed out by highlights
GLARE_MIN_BLOB = 0.001  # a highlight smaller than this share of the page is a white mark, not glare


def measure_blur(gray: np.ndarray) -> dict:
    """{"laplacian_var": sharpness, "blurred": below the threshold}. Only the tiles with marks count:
    an empty margin is smooth whether in focus or not."""
    scale = WORK_LONG_SIDE / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    lap = cv2.Laplacian(small, cv2.CV_32F)
    tile = 32
    h, w = (s - s % tile for s in lap.shape)
    if h == 0 or w == 0:  # smaller than one tile: the whole image is the tile
        tiles = np.array([lap.var()])
    else:
        tiles = lap[:h, :w].reshape(h // tile, tile, w // tile, tile).var(axis=(1, 3))
    busy = tiles[tiles >= np.percentile(tiles, 50)]
    value = float(np.median(busy)) if busy.size else 0.0
    return {"laplacian_var": round(value, 1), "blurred": value < BLUR_BELOW}


def measure_glare(gray: np.ndarray) -> dict:
    """{"glare_share": share of the page in large saturated highlights, "glare": above the threshold}."""
    scale = WORK_LONG_SIDE / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    hot = (small >= GLARE_LEVEL).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(hot, connectivity=8)
    areas = stats[1:, cv2.CC_STAT_AREA]
    share = float(areas[areas >= GLARE_MIN_BLOB * small.size].sum()) / small.size
    return {"glare_share": round(share, 4), "glare": share > GLARE_ABOVE}
