"""The OCR engine: RapidOCR's PP-OCRv4 models on onnxruntime, loaded once per process.

Why this engine: it installs with pip (the detection, direction and recognition
models ship inside the `rapidocr-onnxruntime` wheel, 16 MB), runs on the CPU
with nothing downloaded at run time, and reads Chinese and Latin script, the
two scripts of most claim documents. It returns each text box with its
confidence and the box of every character, which the layout needs for words
and columns.

The engine is imported only when an image or a scanned page needs it, so a
bundle of text PDFs never pays for loading it. When it is not installed,
`available()` says so and readers report the file as F002 with the install
command.

Pages sideways or upside down: the engine reads a tall box turned a quarter
counter-clockwise and lets its direction model turn a box upside down when it
reads better that way, each box on its own. When most boxes of a page are tall,
or most were turned upside down, the page lies that way: it is turned upright
and read again, so its lines run top to bottom and left to right.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from typing import Any

from PIL import Image

from evidence.readers.progress import ocr_pass

PACKAGE = "rapidocr-onnxruntime"
INSTALL_HINT = "pip install rapidocr-onnxruntime"
#: A box this much taller than wide is text running sideways.
SIDEWAYS_RATIO = 1.5
#: The direction model turns a box upside down when it is at least this sure (the engine's own threshold).
FLIP_SCORE = 0.9
#: Quarter turns counter-clockwise, as Pillow turns an image.
_TURNS = {1: Image.Transpose.ROTATE_90, 2: Image.Transpose.ROTATE_180, 3: Image.Transpose.ROTATE_270}
#: The quick look for text is taken on a copy this many pixels on its long side.
GLANCE_PIXELS = 960
#: A picture shows nothing to read when, on a grey copy FLAT_SIDE pixels across, fewer than FLAT_SHARE
#: of its pixels differ from its median shade by more than FLAT_CONTRAST levels (of 255). Three
#: lines of a signature block on an A4 page are about 0.5 % of such a copy.
FLAT_SIDE, FLAT_CONTRAST, FLAT_SHARE = 256, 48, 0.001
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Glyph:
    """One recognised character and its box, in pixels of the image given."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class TextBox:
    """One box of text the engine found: its text, confidence in [0, 1], box and characters."""

    text: str
    confidence: float
    x0: float
    top: float
    x1: float
    bottom: float
    glyphs: tuple[Glyph, ...] = ()
    #: The box's corners as the engine found them (top left, top right, bottom right, bottom left):
    #: on a photo they slope with the page.
    quad: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class Reading:
    """What OCR found in one image: the boxes, upright, and the quarter turns applied to get there."""

    boxes: list[TextBox]
    turns: int
    width: int
    height: int

    @property
    def mean_confidence(self) -> float:
        return sum(box.confidence for box in self.boxes) / len(self.boxes) if self.boxes else 0.0


def available() -> bool:
    """True when the OCR engine is installed (it is imported to find out)."""
    return _engine_class() is not None


def engine_version() -> str:
    """The engine's name and version ('rapidocr-onnxruntime 1.4.4'), or 'none' when it is missing."""
    if not available():
        return "none"
    try:
        return f"{PACKAGE} {metadata.version(PACKAGE)}"
    except metadata.PackageNotFoundError:  # pragma: no cover - imported from a source tree
        return f"{PACKAGE} (unknown version)"


def recognize(image: Image.Image) -> Reading:
    """Given an RGB image, upright, sideways or upside down, return the text boxes OCR finds in it, upright."""
    boxes, flipped = _boxes(image)
    sideways = _sideways(boxes)
    if not sideways and not flipped:
        return Reading(boxes, 0, image.width, image.height)
    # The engine reads a tall box turned a quarter counter-clockwise; its direction model then says
    # whether that came out upside down. Together they say which way the page lies.
    turns = {(True, True): 3, (True, False): 1, (False, True): 2}[(sideways, flipped)]
    turned = image.transpose(_TURNS[turns])
    ocr_pass()  # the second pass has a budget of its own
    return Reading(_boxes(turned)[0], turns, turned.width, turned.height)


def glance(image: Image.Image, read: bool = False) -> list[str]:
    """A quick look (detection, on a copy at most GLANCE_PIXELS on its long side): the boxes of text
    there are, each with what it says when `read` ('' otherwise).

    Most photos of goods have none or a few (a brand, a shipping mark), and detection on a small
    copy costs a tenth of reading the whole image; reading a few boxes of it adds little. A blank
    or flat image (a placeholder, a photo of a plain box side) is not even looked at.
    """
    if _flat(image):
        return []
    small = image.copy()
    small.thumbnail((GLANCE_PIXELS, GLANCE_PIXELS))
    engine = _engine()
    with _LOCK:
        result, _ = engine(small, use_cls=False, use_rec=read)
    return [str(box[1]) if read else "" for box in result or []]


def _flat(image: Image.Image) -> bool:
    """Hardly a pixel of a small grey copy stands out from the page's own shade (the median)."""
    small = image.convert("L")
    small.thumbnail((FLAT_SIDE, FLAT_SIDE))
    counts = small.histogram()
    total, seen = sum(counts), 0
    median = next(level for level, count in enumerate(counts) if (seen := seen + count) * 2 >= total)
    standing_out = sum(count for level, count in enumerate(counts) if abs(level - median) > FLAT_CONTRAST)
    return standing_out < FLAT_SHARE * total


def _sideways(boxes: list[TextBox]) -> bool:
    """Most boxes of three characters or more are tall (a lone '1' is tall on any page)."""
    words = [box for box in boxes if len(box.text.strip()) >= 3]
    tall = sum(1 for box in words if (box.bottom - box.top) > SIDEWAYS_RATIO * (box.x1 - box.x0))
    return tall > len(words) / 2


def _boxes(image: Image.Image) -> tuple[list[TextBox], bool]:
    """The boxes OCR reads in the image as it lies, and whether the direction model finds most of them upside down."""
    engine = _engine()
    with _LOCK:  # one onnxruntime session is not meant to be called from two threads at once
        _VERDICTS.clear()
        # Every box comes back, however unsure (text_score 0): the page's orientation is told from all of
        # them, and what is legible is decided by the caller (data/ocr.json `legible_confidence`).
        result, _ = engine(image, return_word_box=True, text_score=0.0)
        flipped = sum(1 for label, score in _VERDICTS if "180" in str(label) and score > FLIP_SCORE)
    boxes = [box for raw in (result or []) if (box := _text_box(raw)) is not None]
    return boxes, flipped > len(_VERDICTS) / 2


def _text_box(raw: list[Any]) -> TextBox | None:
    quad, text, confidence = raw[0], str(raw[1]), float(raw[2])
    if not text.strip():
        return None
    xs, ys = [float(p[0]) for p in quad], [float(p[1]) for p in quad]
    corners = tuple((x, y) for x, y in zip(xs, ys, strict=True))
    return TextBox(text, confidence, min(xs), min(ys), max(xs), max(ys), _glyphs(raw, text), corners)


def _glyphs(raw: list[Any], text: str) -> tuple[Glyph, ...]:
    """The characters' boxes, when the engine gave one per character of the text."""
    if len(raw) < 5:
        return ()
    quads, chars = raw[3], raw[4]  # [box, text, confidence, character boxes, characters, their confidences]
    if len(quads) != len(chars) or "".join(chars) != text:
        return ()
    glyphs = []
    for quad, char in zip(quads, chars, strict=True):
        xs, ys = [float(p[0]) for p in quad], [float(p[1]) for p in quad]
        glyphs.append(Glyph(char, min(xs), min(ys), max(xs), max(ys)))
    return tuple(glyphs)


@lru_cache(maxsize=1)
def _engine_class() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except Exception:  # noqa: BLE001 - missing, or its native libraries fail to load: OCR is unavailable
        return None
    return RapidOCR


#: Threads each of the engine's models may use; None: onnxruntime's own choice (every core).
_THREADS: int | None = None


def share_cpus(processes: int) -> None:
    """Say that `processes` processes may read by OCR at once (a batch's workers), before the engine loads.

    Each then gets its share of the cores: two workers whose engines each used every core ran
    slower together than one alone, their threads contending. The text read is the same with
    any number of threads.
    """
    global _THREADS
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    _THREADS = max(1, cores // max(1, processes))


@lru_cache(maxsize=1)
def _engine() -> Any:
    engine_class = _engine_class()
    if engine_class is None:
        raise RuntimeError(f"the OCR engine is not installed ({INSTALL_HINT})")
    threads = {} if _THREADS is None else {"intra_op_num_threads": _THREADS, "inter_op_num_threads": 1}
    engine = engine_class(**threads)
    classify = engine.text_cls

    def keep_verdicts(crops: Any) -> Any:
        # The direction model's verdicts, box by box, tell a page upside down, or which way a sideways
        # page is turned: they are kept here, and the page is turned as a whole (`recognize`). The
        # boxes are read as they lie: turned one by one, some upright lines came out upside down,
        # unreadable, and were dropped (a sample page lost its order date and prices that way).
        _, verdicts, elapsed = classify(crops)
        _VERDICTS[:] = verdicts
        return crops, verdicts, elapsed

    engine.text_cls = keep_verdicts
    return engine


_VERDICTS: list[Any] = []
