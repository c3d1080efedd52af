"""Shared test helpers: where the external corpus, the samples and the fixtures are, and the small
builders several test files use (a Document from text, the samples' expected JSON, field checks)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont

from evidence import ocr
from evidence.readers.text import text_to_page
from evidence.extract.reading import Reading
from evidence.records import Document, Record, Source, Table
from evidence.schemas import validate

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
EXTERNAL = ROOT.parent / "shared" / "external"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

needs_external = pytest.mark.skipif(not EXTERNAL.is_dir(), reason="../shared/external is not beside the checkout")


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The CLI caches read files by default: keep the tests' cache out of the user's."""
    os.environ["EVIDENCE_CACHE_DIR"] = str(tmp_path_factory.mktemp("evidence-cache"))


@pytest.fixture(autouse=True, scope="session")
def _ocr_each_image_once() -> Iterator[None]:
    """OCR gives the same boxes for the same pixels: each image is recognised once per test session.

    A dozen test modules check the scanned sample bundle, each reading its scans afresh (a few
    seconds of OCR a page); the answer for pixels already seen is taken from this memo instead.
    """
    seen: dict[tuple[str, tuple[int, int], str], Any] = {}
    recognize = ocr.recognize

    def recognize_once(image: Image.Image) -> Any:
        key = (hashlib.sha256(image.tobytes()).hexdigest(), image.size, image.mode)
        if key not in seen:
            seen[key] = recognize(image)
        return seen[key]

    patch = pytest.MonkeyPatch()
    patch.setattr(ocr, "recognize", recognize_once)
    yield
    patch.undo()


# ---------------------------------------------------------------- bundles on disk


@pytest.fixture()
def bundle(tmp_path: Path) -> Path:
    """A copy of the weak-quality-claim sample, free to change (a test's own `bundle` parameter wins)."""
    target = tmp_path / "bundle"
    shutil.copytree(SAMPLES / "weak-quality-claim", target)
    return target


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write each file under `folder` (text as UTF-8), making the folders it needs; return `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return folder


def jpeg(size: tuple[int, int], taken: str | None = None, make: str | None = None, model: str | None = None,
         software: str | None = None, color: tuple[int, int, int] = (180, 170, 150)) -> bytes:
    """Given a size and EXIF values, return the bytes of a plain-colour JPEG carrying them."""
    exif = Image.Exif()
    if make:
        exif[0x010F] = make
    if model:
        exif[0x0110] = model
    if software:
        exif[0x0131] = software
    if taken:
        exif.get_ifd(0x8769)[0x9003] = taken
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", exif=exif, quality=70)
    return buffer.getvalue()


def paper(text: str, size: tuple[int, int] = (1240, 1754), font_size: int = 30,
          background: tuple[int, int, int] = (255, 255, 255)) -> Image.Image:
    """A page of `text` drawn in black at about 150 dpi (Pillow's own scalable font): what a scan shows."""
    page = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=font_size)
    for index, line in enumerate(text.strip("\n").splitlines()):
        draw.text((90, 110 + index * font_size * 1.6), line, fill=(20, 20, 20), font=font)
    return page


def photographed(page: Image.Image, angle: float = 2.0, taken: str | None = "2026:10:14 09:05:12",
                 make: str = "samsung", model: str = "SM-S911B") -> bytes:
    """The page photographed with a phone: turned a little, on a dark desk, a camera's JPEG and EXIF."""
    desk = Image.new("RGB", (int(page.width * 1.25), int(page.height * 1.2)), (70, 55, 40))
    turned = page.rotate(angle, expand=True, fillcolor=(70, 55, 40), resample=Image.Resampling.BICUBIC)
    desk.paste(turned, ((desk.width - turned.width) // 2, (desk.height - turned.height) // 2))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = make, model
    if taken:
        exif.get_ifd(0x8769)[0x9003] = taken
    buffer = io.BytesIO()
    desk.save(buffer, "JPEG", exif=exif, quality=85)
    return buffer.getvalue()


def scanned_pdf(*pages: Image.Image, dpi: int = 150) -> bytes:
    """A PDF of page images and no text layer: what a scanner's 'scan to PDF' gives."""
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", resolution=dpi, save_all=True, append_images=list(pages[1:]))
    return buffer.getvalue()


# ---------------------------------------------------------------- documents from text


def text_doc(text: str, path: str = "doc.pdf", tables: list[list[list[str | None]]] | None = None) -> Document:
    """A one-page PDF Document whose numbered lines are `text`, with `tables` (rows of cells) on its page."""
    page = text_to_page(text, path)
    page.tables = [Table(rows, Source(path, page=1)) for rows in tables or []]
    return Document(path=path, sha256="0", size=len(text), filetype="pdf", reader="pdf", pages=[page])


def valid_values(extract: Callable[[Reading], Record], doc: Document, schema: str) -> dict[str, Any]:
    """What the kind extractor `extract` finds in `doc`, asserted valid against `schema`."""
    record = extract(Reading.of(doc))
    assert validate(record.values(), schema) == []
    return record.values()


# ---------------------------------------------------------------- the samples' ground truth


def expected_json(bundle: str) -> dict[str, Any]:
    """samples/expected/<bundle>.json: the truth the generator drew that sample bundle from."""
    return json.loads((SAMPLES / "expected" / f"{bundle}.json").read_text(encoding="utf-8"))


def expected_bundles() -> list[dict[str, Any]]:
    """Every samples/expected/*.json, in file-name order."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((SAMPLES / "expected").glob("*.json"))]


def expected_documents(*kinds: str) -> list[tuple[str, dict[str, Any]]]:
    """(bundle name, expected document) for every sample document of one of `kinds`."""
    return [(data["bundle"], doc) for data in expected_bundles() for doc in data["documents"] if doc["kind"] in kinds]


def assert_fields(values: dict[str, Any], expected: dict[str, Any], skip: set[str]) -> None:
    """Every expected field is extracted; texts compare ignoring case, numbers as numbers."""
    for name, want in expected.items():
        if name in skip:
            continue
        got = values.get(name)
        if isinstance(want, str):
            assert isinstance(got, str) and got.casefold() == want.casefold(), (name, got, want)
        elif isinstance(want, (int, float)) and not isinstance(want, bool):
            assert got == pytest.approx(want), (name, got, want)
        else:
            assert got == want, (name, got, want)
