"""The page's geometry: which part of the delivered image is the sheet, by how much it is turned, and
how many quarter turns bring it upright. One affine warp renders it at any scale, so the steps can
measure on a small copy and the full page is resampled once; undoing a step renders without it."""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

from .steps.crop import PaperRect

STRAIGHT = 0.05  # degrees: below this the page is cut out without resampling


@dataclass(frozen=True)
class Geometry:
    width: int  # of the delivered image, pixels
    height: int
    rect: PaperRect | None = None  # the sheet (crop step); None: the whole image
    angle: float = 0.0  # degrees CCW the content is turned (deskew step); it is turned back by this
    quarter_turns: int = 0  # CCW quarter turns that bring the page upright (orientation step)

    def region(self) -> tuple[float, float, float, float]:
        """Centre and size of the part of the image kept."""
        if self.rect is None:
            return self.width / 2, self.height / 2, float(self.width), float(self.height)
        return self.rect.cx, self.rect.cy, self.rect.width, self.rect.height

    def output_size(self, scale: float = 1.0) -> tuple[int, int]:
        _, _, w, h = self.region()
        w, h = max(1, round(w * scale)), max(1, round(h * scale))
        return (h, w) if self.quarter_turns % 2 else (w, h)

    def matrix(self, scale: float = 1.0) -> np.ndarray:
        """2×3 affine matrix from the delivered image (scaled by `scale`) to the output."""
        cx, cy, w, h = (v * scale for v in self.region())
        w, h = max(1, round(w)), max(1, round(h))
        m = np.vstack([cv2.getRotationMatrix2D((cx, cy), -self.angle, 1.0), [0, 0, 1]])
        m[0, 2] += w / 2 - cx
        m[1, 2] += h / 2 - cy
        k = self.quarter_turns % 4
        turn = {0: [[1, 0, 0], [0, 1, 0]], 1: [[0, 1, 0], [-1, 0, w - 1]],
                2: [[-1, 0, w - 1], [0, -1, h - 1]], 3: [[0, -1, h - 1], [1, 0, 0]]}[k]
        return (np.vstack([turn, [0, 0, 1]]) @ m)[:2]

    def render(self, image: np.ndarray, scale: float = 1.0, size: tuple[int, int] | None = None,
               interpolation: int = cv2.INTER_LINEAR) -> np.ndarray:
        """The page cut out of `image` (the delivered image resized by `scale`), straight and upright.
        `size` (width, height) asks for a pixel more or less than `scale` gives: a layer whose size is
        rounded up so that it is never below its resolution. INTER_NEAREST turns at half the cost, each
        pixel a sample of `image` at most half a pixel away."""
        size = size or self.output_size(scale)
        if abs(self.angle) < STRAIGHT:  # cut and turn by quarters: no resampling at all
            cx, cy, _, _ = (v * scale for v in self.region())
            w, h = (size[1], size[0]) if self.quarter_turns % 2 else size
            x0, y0 = round(cx - w / 2), round(cy - h / 2)
            pad = max(0, -x0, -y0, x0 + w - image.shape[1], y0 + h - image.shape[0])
            if pad:
                border = [255] * (image.shape[2] if image.ndim == 3 else 1)
                image = cv2.copyMakeBorder(image, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=border)
                x0, y0 = x0 + pad, y0 + pad
            out = image[y0:y0 + h, x0:x0 + w]
            k = self.quarter_turns % 4
            rotate = {1: cv2.ROTATE_90_COUNTERCLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_CLOCKWISE}
            return cv2.rotate(out, rotate[k]) if k else np.ascontiguousarray(out)
        matrix = self.matrix(scale)
        natural = self.output_size(scale)
        if size != natural:  # stretched by at most a pixel: output pixel centres (x + 0.5) * s - 0.5
            sx, sy = size[0] / natural[0], size[1] / natural[1]
            stretch = np.array([[sx, 0, 0.5 * sx - 0.5], [0, sy, 0.5 * sy - 0.5], [0, 0, 1]])
            matrix = (stretch @ np.vstack([matrix, [0, 0, 1]]))[:2]
        fill = (255, 255, 255) if image.ndim == 3 else 255
        return cv2.warpAffine(image, matrix, size, flags=interpolation, borderMode=cv2.BORDER_CONSTANT,
                              borderValue=fill)

    def map_points(self, points: np.ndarray, scale: float = 1.0) -> np.ndarray:
        """Points (N×2, x y) of the delivered image resized by `scale` → output coordinates."""
        pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        return pts @ self.matrix(scale)[:, :2].T + self.matrix(scale)[:, 2]

    def without(self, step: str) -> "Geometry":
        """The geometry with one step undone ("crop", "deskew" or "orientation")."""
        if step == "crop":
            return replace(self, rect=None)
        if step == "deskew":
            return replace(self, angle=0.0)
        if step == "orientation":
            return replace(self, quarter_turns=0)
        raise ValueError(f"'{step}' does not change the page's geometry (crop, deskew, orientation do)")

    def to_dict(self) -> dict:
        rect = self.rect
        return {
            "width": self.width, "height": self.height, "angle": self.angle, "quarter_turns": self.quarter_turns,
            "rect": None if rect is None else {"cx": round(rect.cx, 1), "cy": round(rect.cy, 1),
                                               "width": round(rect.width, 1), "height": round(rect.height, 1),
                                               "angle": round(rect.angle, 2)},
        }
