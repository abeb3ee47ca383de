"""A signature drawn with a finger, kept as strokes rather than pixels: it belongs to the
visit (wiped with it), survives the pad being rebuilt at another size, and becomes the PNG
the record keeps only when it is submitted."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw

Point = tuple[float, float]
Stroke = tuple[Point, ...]


@dataclass(frozen=True)
class Signature:
    strokes: tuple[Stroke, ...] = ()
    width: float = 0.0  # the pad's size when the strokes were drawn, in its pixels
    height: float = 0.0

    @property
    def empty(self) -> bool:
        return not any(len(stroke) > 1 for stroke in self.strokes)

    def add(self, stroke: Stroke, width: float, height: float) -> Signature:
        """One more stroke, drawn on a pad of width × height; earlier strokes are rescaled to
        that pad first, so they all share one frame."""
        if len(stroke) < 2 or width <= 0 or height <= 0:
            return self
        earlier = self.fitted(width, height).strokes if self.strokes else ()
        return Signature((*earlier, tuple(stroke)), float(width), float(height))

    def fitted(self, width: float, height: float) -> Signature:
        """The same signature on a pad of another size: scaled evenly to fit, centred."""
        if not self.strokes or (width, height) == (self.width, self.height):
            return Signature(self.strokes, float(width), float(height))
        scale = min(width / self.width, height / self.height)
        dx = (width - self.width * scale) / 2
        dy = (height - self.height * scale) / 2
        strokes = tuple(tuple((x * scale + dx, y * scale + dy) for x, y in stroke)
                        for stroke in self.strokes)
        return Signature(strokes, float(width), float(height))

    def png(self, pen: int = 6) -> bytes:
        """Black ink on white, whatever the screen's colours, as the record keeps it."""
        size = (max(1, round(self.width)), max(1, round(self.height)))
        image = Image.new("L", size, 255)
        draw = ImageDraw.Draw(image)
        for stroke in self.strokes:
            if len(stroke) > 1:
                draw.line(stroke, fill=0, width=pen, joint="curve")
                for x, y in (stroke[0], stroke[-1]):  # round ends, as a pen leaves them
                    draw.ellipse((x - pen / 2, y - pen / 2, x + pen / 2, y + pen / 2), fill=0)
        out = io.BytesIO()
        image.save(out, "PNG")
        return out.getvalue()
