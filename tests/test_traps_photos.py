"""Traps for the P rules: bundles whose photos a careful reviewer would accept, made as phones and scanners make them.

A delivery of enamel casserole dishes received on 5 November 2026, and the pictures a buyer
really adds: phone photos with their EXIF capture date, a video of the unboxing, a photo
taken on the evening of the delivery day, full-size originals. Beside them, images that are
not photos of the goods at all: a scanned delivery receipt, a phone screenshot of the
payment page. The P rules weigh photos of the goods; a document's image is none.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import jpeg, paper, photographed
from tests.traps import Trap, assert_covered, assert_quiet, findings

CODES = ["P001", "P002", "P003", "P004"]

DELIVERY_RECEIPT = """DELIVERY RECEIPT
Receipt No.: RHL-DR-2611-0457
Carrier: Rhein Haulage GmbH
Consignee: Kessler Kochwaren e.K., Mannheim
Goods: 86 cartons enamel casserole dish 26 cm
Delivered on: 05 November 2026
Received in good order except 4 cartons crushed, signed K. Kessler
"""
DELIVERED = {"Delivery receipt RHL-DR-2611-0457.txt": DELIVERY_RECEIPT}
BILL_OF_LADING = """BILL OF LADING
B/L No.: XMN2610447
Shipper: Fujian Dehua Enamelware Co., Ltd.
Consignee: Kessler Kochwaren e.K., Mannheim
Port of loading: Xiamen, China
Port of discharge: Hamburg, Germany
Vessel / Voyage: CMA CGM TROCADERO 0FM4HW1MA
Container No.: CMAU 7312209 / Seal No. C4471190
86 cartons enamel casserole dish 26 cm
Shipped on board: 12 Oct 2026
ETA Hamburg: 18 Nov 2026
"""
#: A minimal MP4 (ISO base media) and QuickTime header: what a phone's video starts with.
MP4 = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\x00\x00\x00\x08free" + b"\x00" * 512
MOV = b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  " + b"\x00\x00\x00\x08wide" + b"\x00" * 512


def phone(size: tuple[int, int] = (4000, 3000), taken: str | None = "2026:11:06 10:41:07",
          make: str = "samsung", model: str = "SM-S911B") -> bytes:
    """A phone camera's JPEG: its make, model and capture date in EXIF."""
    return jpeg(size, taken=taken, make=make, model=model, color=(120, 60, 40))


def image(size: tuple[int, int], fmt: str = "JPEG", *, digitized: str | None = None, stamp: str | None = None,
          taken: str | None = None, make: str | None = None, model: str | None = None,
          software: str | None = None, comment: str | None = None, dpi: int | None = None) -> bytes:
    """Any image with exactly the EXIF tags given (DateTimeOriginal, DateTimeDigitized, IFD0 DateTime...)."""
    exif = Image.Exif()
    for tag, value in ((0x010F, make), (0x0110, model), (0x0131, software), (0x0132, stamp)):
        if value:
            exif[tag] = value
    details = exif.get_ifd(0x8769)
    for tag, value in ((0x9003, taken), (0x9004, digitized), (0x9286, comment)):
        if value:
            details[tag] = value
    buffer = io.BytesIO()
    options: dict[str, object] = {"exif": exif.tobytes()} if len(exif) or details else {}
    if dpi:
        options["dpi"] = (dpi, dpi)
    Image.new("RGB", size, (238, 236, 230)).save(buffer, fmt, **options)
    return buffer.getvalue()


def scanned(stamp: str) -> bytes:
    """An A4 page scanned at 200 dpi by a flatbed scanner: its name in EXIF and the time of the scan."""
    return image((1654, 2339), make="Canon", model="CanoScan LiDE 400", software="ScanGear", stamp=stamp, dpi=200)


SCANNED_RECEIPT = scanned("2026:11:09 15:02:44")
#: An A4 page scanned by a document scanner whose driver writes no EXIF at all.
SCANNED_PAGE = image((2480, 3508), dpi=300)
#: A phone screenshot of the payment page: portrait, screen-shaped, PNG, no camera.
SCREENSHOT = image((1080, 2400), "PNG")
#: An iPhone screenshot: PNG with the capture time and "Screenshot" as its comment, no camera.
IPHONE_SCREENSHOT = image((1179, 2556), "PNG", taken="2026:10:02 18:20:51", comment="Screenshot")
#: A small screenshot of the chat forwarded through a messenger: JPEG, screen-shaped, no EXIF.
SMALL_SCREENSHOT = image((591, 1280))

TRAPS = [
    # ---------------------------------------------------------------- P001: there is a photo or a video
    Trap("P001", "only a video of the unboxing (MP4)", {**DELIVERED, "photos/unboxing.mp4": MP4}),
    Trap("P001", "only an iPhone video (QuickTime .MOV)", {**DELIVERED, "media/IMG_7730.MOV": MOV}),
    Trap("P001", "photos in a nested folder with upper-case extensions", {
        **DELIVERED, "photos/carton 3/IMG_0412.JPG": phone(), "photos/carton 3/IMG_0413.JPEG": phone()}),
    Trap("P001", "a photo forwarded through WhatsApp, its EXIF stripped", {
        **DELIVERED, "IMG-20261106-WA0014.jpg": image((1600, 1200))}),
    Trap("P001", "a photo of the chipped rim circled in Paint and saved as PNG, its EXIF lost", {
        **DELIVERED, "photos/chipped rim marked.png": image((1920, 1440), "PNG")}),
    Trap("P001", "a WebP photo saved by a phone gallery", {
        **DELIVERED, "photos/dish_chipped.webp": image((2048, 1536), "WEBP", make="Google", model="Pixel 8",
                                                       taken="2026:11:06 09:02:11")}),
    # ---------------------------------------------------------------- P002: every photo of the goods is dated
    Trap("P002", "phone photos straight from the camera roll", {
        **DELIVERED, "photos/IMG_20261106_104107.jpg": phone(), "photos/IMG_20261106_104233.jpg": phone()}),
    Trap("P002", "a camera that writes only the digitised time", {
        **DELIVERED, "photos/DSC_0412.JPG": image((4928, 3264), make="NIKON CORPORATION", model="NIKON D5300",
                                                  digitized="2026:11:06 11:15:40")}),
    Trap("P002", "a video of the goods beside a dated photo: a video has no EXIF date to check", {
        **DELIVERED, "photos/unboxing.mp4": MP4, "photos/IMG_20261106_104107.jpg": phone()}),
    Trap("P002", "a scanned delivery receipt beside the photos is a document, not an undated photo", {
        **DELIVERED, "photos/IMG_20261106_104107.jpg": phone(), "scans/delivery receipt signed.jpg": SCANNED_PAGE}),
    Trap("P002", "a phone screenshot of the payment page is a document, not an undated photo", {
        **DELIVERED, "photos/IMG_20261106_104107.jpg": phone(), "payment/Screenshot_20261002-182051.png": SCREENSHOT}),
    # ---------------------------------------------------------------- P003: no photo of the goods before delivery
    Trap("P003", "a photo taken late on the delivery day", {
        **DELIVERED, "photos/IMG_20261105_215012.jpg": phone(taken="2026:11:05 21:50:12")}),
    Trap("P003", "photos taken in the days after delivery, when the cartons were opened", {
        **DELIVERED, "photos/20261107_083000.jpg": phone(taken="2026:11:07 08:30:00"),
        "photos/20261112_140509.jpg": phone(taken="2026:11:12 14:05:09")}),
    Trap("P003", "loading photos beside a bill of lading: shipped on board is no delivery", {
        "BL XMN2610447.txt": BILL_OF_LADING,
        "photos/loading_20261011_163015.jpg": phone(taken="2026:10:11 16:30:15")}),
    Trap("P003", "an unset camera clock (1 Jan 2000) is no date before delivery", {
        **DELIVERED, "photos/PICT0007.JPG": image((3264, 2448), make="KODAK", model="EASYSHARE C183",
                                                  taken="2000:01:01 00:00:00")}),
    Trap("P003", "a packing list scanned before delivery is a document, not an early photo", {
        **DELIVERED, "photos/IMG_20261106_104107.jpg": phone(), "packing list scan.jpg": scanned("2026:10:12 09:31:20")}),
    Trap("P003", "an iPhone screenshot of the order page taken before delivery", {
        **DELIVERED, "photos/IMG_20261106_104107.jpg": phone(), "order page.png": IPHONE_SCREENSHOT}),
    # ---------------------------------------------------------------- P004: photos are full size
    Trap("P004", "full-size 12 MP phone photos", {**DELIVERED, "photos/IMG_20261106_104107.jpg": phone()}),
    Trap("P004", "a photo sent through WhatsApp at its standard 1600 x 1200", {
        **DELIVERED, "IMG-20261106-WA0014.jpg": image((1600, 1200))}),
    Trap("P004", "a panorama of the pallets", {
        **DELIVERED, "photos/PANO_20261106_1102.jpg": phone(size=(8000, 1800))}),
    Trap("P004", "a video has no pixels to count", {**DELIVERED, "photos/unboxing.mp4": MP4}),
    Trap("P004", "a small screenshot of the chat is a document, not a low-resolution photo", {
        **DELIVERED, "photos/IMG_20261106_104107.jpg": phone(), "chat screenshot.jpg": SMALL_SCREENSHOT}),
]


@pytest.mark.parametrize("trap", TRAPS, ids=[trap.id for trap in TRAPS])
def test_trap_is_quiet(trap: Trap, tmp_path: Path) -> None:
    assert_quiet(trap, tmp_path)


def test_a_photographed_bill_of_lading_is_no_photo_of_the_goods(tmp_path: Path) -> None:
    # A B/L photographed on a desk with a phone, dated before delivery: OCR reads it as a B/L,
    # so it is no early photo of the goods (P003) and it counts as no photo at all (P001).
    bill = photographed(paper(BILL_OF_LADING), taken="2026:10:14 09:05:12")
    trap = Trap("P003", "a B/L photographed with a phone before delivery", {
        **DELIVERED, "photos/IMG_20261014_090512.jpg": bill})
    assert_quiet(trap, tmp_path)
    assert [f.code for f in findings("P001", trap.files, tmp_path / "p")] == ["P001"]


@pytest.mark.parametrize(("name", "content"), [
    ("scans/delivery receipt signed.jpg", SCANNED_PAGE), ("packing list scan.jpg", SCANNED_RECEIPT),
    ("payment/Screenshot_20261002-182051.png", SCREENSHOT), ("order page.png", IPHONE_SCREENSHOT),
    ("chat screenshot.jpg", SMALL_SCREENSHOT),
])
def test_a_document_image_left_out_of_the_photos_is_reported_as_unreadable(name: str, content: bytes,
                                                                           tmp_path: Path) -> None:
    # What the P traps do not weigh is not dropped: it is a document, and these drawn ones have no
    # text OCR can read (F002); with no photo of the goods beside it the bundle has none (P001).
    [unreadable] = findings("F002", {**DELIVERED, name: content}, tmp_path / "f")
    assert unreadable.message.startswith(f"{name} is an image of a ")
    assert "OCR recognised nothing legible" in unreadable.message
    assert [f.code for f in findings("P001", {**DELIVERED, name: content}, tmp_path / "p")] == ["P001"]


def test_every_p_rule_has_traps() -> None:
    assert_covered(TRAPS, CODES)
