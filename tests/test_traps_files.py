"""Traps for the F rules: files a careful reviewer opens, reads and places without trouble.

A bundle for an order of bamboo cutting boards, as buyers really hand it over: text PDFs,
files saved by Windows Notepad in UTF-16 or by a Chinese PC in GBK, a JPEG with a phone's
trailer after its image data, a WeChat chat shared as text, a tracking page and a PayPal
receipt saved from the browser, two photos that share a name in different folders, a
revised PI beside the first one, and a claim manifest that uses every field it may.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidence.bundle import open_bundle
from evidence.ingest import ingest
from evidence.records import Document, Record
from tests.conftest import jpeg, write_files
from tests.traps import MANIFEST, Trap, assert_covered, assert_quiet

CODES = ["F001", "F002", "F003", "F004", "F005"]

PI_LINES = [
    "PROFORMA INVOICE",
    "PI No.: MZ-PI-2608-31    Date: 2026-08-21",
    "Seller: Fujian Muzhu Bamboo Products Co., Ltd.",
    "Buyer: Holt & Sons Kitchen Supplies Ltd",
    "Bamboo cutting board 38 x 25 x 1.8 cm, 2,400 pcs, USD 3.15/pc, USD 7,560.00",
    "Total: USD 7,560.00 FOB Xiamen",
    "Shipment: within 35 days after deposit",
    "Payment: Alibaba Trade Assurance",
]
PI_TEXT = "\n".join(PI_LINES) + "\n"
PI_REVISED = PI_TEXT.replace("2,400 pcs, USD 3.15/pc, USD 7,560.00", "2,600 pcs, USD 3.10/pc, USD 8,060.00").replace(
    "Total: USD 7,560.00", "Total: USD 8,060.00").replace("Date: 2026-08-21", "Date: 2026-08-24")
RECEIPT = """Alibaba.com Trade Assurance
Payment receipt
Order number: 2450917736610285
Paid on: 2026-08-25
Amount paid: USD 7,560.00
Payment method: Visa credit card ending 4417
Supplier: Fujian Muzhu Bamboo Products Co., Ltd.
"""
ORDER = {"MZ-PI-2608-31.txt": PI_TEXT, "payment receipt 2450917736610285.txt": RECEIPT}


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer (Helvetica), its cross-reference table written as a generator writes it."""
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    stream = "BT /F1 10 Tf 14 TL 56 790 Td " + " ".join(f"({line}) Tj T*" for line in escaped) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def camera_photo(taken: str = "2026:10:30 15:12:09", size: tuple[int, int] = (4000, 3000),
                 color: tuple[int, int, int] = (176, 132, 80)) -> bytes:
    return jpeg(size, taken=taken, make="Xiaomi", model="Redmi Note 13 Pro", color=color)


#: WeChat's "select messages -> share" text: day lines, then each sender and time on its own line.
WECHAT = """林晓梅 和 Daniel Holt 在微信上的聊天记录如下，请查收。

—————  2026-10-30  —————

Daniel Holt  15:20

Xiaomei, the boards arrived today. 310 of 2,400 boards are cracked along the glue line and 96 are mouldy.

林晓梅  15:41

Sorry to hear this. Please send photos of the cartons, we check with the workshop.
"""
TRACKING = """DHL Express – Track a shipment
Waybill: 4471229035
Shipment Details
Origin Service Area: XIAMEN - CHINA MAINLAND
Destination Service Area: MANCHESTER - UNITED KINGDOM
Status: Delivered
Delivered on Friday, October 30, 2026 at 11:42 Local time, MANCHESTER - UK
Signed for by: D.HOLT
Pieces: 1   Weight: 2.4 kg
Shipment history
October 30, 2026 11:42 Delivered - Signed for by: D.HOLT
October 29, 2026 07:10 With delivery courier
October 27, 2026 21:33 Departed Facility in HONG KONG - HONG KONG SAR
"""
PAYPAL = """PayPal
Receipt for your payment
You sent a payment of $48.00 USD to Fujian Muzhu Bamboo Products Co., Ltd.
Transaction date: 12 Aug 2026 09:14:22 BST
Transaction ID: 7KH23915AB0468723
Payment sent to: sales@muzhubamboo.cn
Description: sample fee, 2 cutting boards, DHL
Amount: $48.00 USD
Fee: $0.00 USD
Total: $48.00 USD
Funding source: Visa x-4417
"""
SLIP = """ING Bank N.V.
Payment confirmation - SEPA / international transfer
Ordering customer: Holt & Sons Kitchen Supplies Ltd
Beneficiary: Fujian Muzhu Bamboo Products Co., Ltd.
Beneficiary bank: Bank of China, Xiamen Branch, SWIFT BKCHCNBJ73A
Amount: EUR 1.234,56
Execution date: 25-08-2026
Reference: PI MZ-PI-2608-31 sample order
"""
MESSAGE_CENTER_JSON = json.dumps({
    "channel": "platform",
    "order_number": "2450917736610285",
    "participants": [{"name": "Daniel Holt", "role": "buyer"}, {"name": "Lin Xiaomei", "role": "supplier",
                                                               "company": "Fujian Muzhu Bamboo Products"}],
    "messages": [
        {"timestamp": "2026-10-30T15:25:11+00:00", "sender": "Daniel Holt",
         "text": "310 of 2,400 boards are cracked along the glue line.", "attachments": ["IMG_2210.jpg"]},
        {"timestamp": "2026-10-31 08:02:47", "sender": "Lin Xiaomei", "text": "Received, we check."},
    ],
}, ensure_ascii=False, indent=2)
FULL_MANIFEST = """claim = "quality"
order_number = "2450917736610285"
as_of = 2026-11-23
delivery_date = 2026-10-30
dispute_opened = 2026-11-10
complaint = "310 of 2,400 boards cracked along the glue line (photos), 96 mouldy."
coverage_limit = { amount = 20000, currency = "USD" }

[channels]
"chat/WeChat Lin Xiaomei.txt" = "wechat"
"""
#: A phone JPEG with a vendor trailer after the end-of-image marker (Samsung writes one).
TRAILED = camera_photo() + b"\x00\x00SEFH" + b"\x01" * 64 + b"SEFT"

TRAPS = [
    # ---------------------------------------------------------------- F001: every file can be read
    Trap("F001", "a PI saved by Windows Notepad as 'Unicode' (UTF-16 with a byte-order mark)", {
        "MZ-PI-2608-31.txt": b"\xff\xfe" + PI_TEXT.replace("\n", "\r\n").encode("utf-16-le"),
        "payment receipt 2450917736610285.txt": RECEIPT}),
    Trap("F001", "a WeChat chat saved in GBK by a Chinese PC", {
        **ORDER, "chat/微信聊天记录.txt": WECHAT.encode("gbk")}),
    Trap("F001", "a phone JPEG with a vendor trailer after its image data", {
        **ORDER, "photos/20261030_151209.jpg": TRAILED}),
    Trap("F001", "a Message Center CSV saved by Excel: byte-order mark, semicolons, CRLF", {
        **ORDER, "messages/Message Center.csv": "\ufefftime;sender;message\r\n"
                                                "30/10/2026 15:25;Daniel Holt;310 of 2,400 boards are cracked.\r\n"
                                                "31/10/2026 08:02;Lin Xiaomei (Muzhu Bamboo);Received, we check.\r\n"}),
    Trap("F001", "a text PDF as a generator writes it", {**ORDER, "MZ-PI-2608-31.pdf": text_pdf(PI_LINES)}),
    # ---------------------------------------------------------------- F002: text can be read
    Trap("F002", "a readable text PDF of the PI", {"MZ-PI-2608-31.pdf": text_pdf(PI_LINES),
                                                   "payment receipt 2450917736610285.txt": RECEIPT}),
    Trap("F002", "a phone photo of the goods is no document image", {
        **ORDER, "photos/IMG_20261030_151209.jpg": camera_photo()}),
    Trap("F002", "a photo of the goods forwarded through WhatsApp (no EXIF, 4:3)", {
        **ORDER, "IMG-20261030-WA0007.jpg": jpeg((1600, 1200))}),
    Trap("F002", "a phone photo taken in the tall full-screen mode, with its camera EXIF", {
        **ORDER, "photos/IMG_20261030_151300.jpg": camera_photo(size=(1800, 4000))}),
    # ---------------------------------------------------------------- F003: every file is placed
    Trap("F003", "a WeChat chat shared as text", {**ORDER, "chat/WeChat Lin Xiaomei.txt": WECHAT}),
    Trap("F003", "a DHL tracking page saved as text", {**ORDER, "DHL tracking 4471229035.txt": TRACKING}),
    Trap("F003", "a PayPal receipt for the sample fee saved as text", {
        **ORDER, "PayPal receipt sample fee.txt": PAYPAL}),
    Trap("F003", "a Message Center JSON log", {**ORDER, "messages/2450917736610285.json": MESSAGE_CENTER_JSON}),
    Trap("F003", "a scanned page (a document image) is F002's, not an unplaced file", {
        **ORDER, "scans/packing list.jpg": jpeg((2480, 3508), color=(240, 240, 236))}),
    # ---------------------------------------------------------------- F004: no two files are the same bytes
    Trap("F004", "two photos called IMG_0001.jpg in different folders", {
        **ORDER, "photos/carton 1/IMG_0001.jpg": camera_photo(),
        "photos/carton 2/IMG_0001.jpg": camera_photo(taken="2026:10:30 15:14:51", color=(150, 110, 70))}),
    Trap("F004", "the first PI and the revised PI saved as 'PI (1)'", {
        "MZ-PI-2608-31.txt": PI_TEXT, "MZ-PI-2608-31 (1).txt": PI_REVISED,
        "payment receipt 2450917736610285.txt": RECEIPT}),
    Trap("F004", "two WhatsApp exports both named _chat.txt, one per contact", {
        **ORDER,
        "WhatsApp Lin Xiaomei/_chat.txt": "[30/10/2026, 15:20:11] Daniel Holt: The boards arrived, 310 are cracked.\n"
                                          "[30/10/2026, 15:41:02] Lin Xiaomei: Sorry to hear this, we check.\n",
        "WhatsApp Forwarder/_chat.txt": "[27/10/2026, 09:02:45] Daniel Holt: Any ETA for the cutting boards?\n"
                                        "[27/10/2026, 09:30:18] Ben (Northgate Freight): Delivery Friday morning.\n"}),
    Trap("F004", "the same scene photographed twice, a second apart", {
        **ORDER, "photos/IMG_20261030_151209.jpg": camera_photo(),
        "photos/IMG_20261030_151210.jpg": camera_photo(taken="2026:10:30 15:12:10", color=(177, 132, 80))}),
    # ---------------------------------------------------------------- F005: structured inputs match their schemas
    Trap("F005", "a claim manifest that uses every field", {**ORDER, "chat/WeChat Lin Xiaomei.txt": WECHAT},
         manifest=FULL_MANIFEST),
    Trap("F005", "a Message Center JSON log with participants, zones and attachments", {
        **ORDER, "messages/2450917736610285.json": MESSAGE_CENTER_JSON}),
    Trap("F005", "a PI written with US$, thousands separators and a per-piece price", {
        "MZ-PI-2608-31.txt": PI_TEXT.replace("USD 3.15/pc", "US$3.15 per pc").replace("Total: USD 7,560.00",
                                                                                   "TOTAL AMOUNT: US$ 7,560.00"),
        "payment receipt 2450917736610285.txt": RECEIPT}),
    Trap("F005", "a euro transfer confirmation with a decimal comma and a day-first date", {
        **ORDER, "payment/ING payment confirmation.txt": SLIP}),
]


@pytest.mark.parametrize("trap", TRAPS, ids=[trap.id for trap in TRAPS])
def test_trap_is_quiet(trap: Trap, tmp_path: Path) -> None:
    assert_quiet(trap, tmp_path)


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("chat/WeChat Lin Xiaomei.txt", WECHAT, "message_log"),
    ("chat/微信聊天记录.txt", WECHAT.encode("gbk"), "message_log"),
    ("DHL tracking 4471229035.txt", TRACKING, "shipping_document"),
    ("PayPal receipt sample fee.txt", PAYPAL, "payment_record"),
    ("messages/2450917736610285.json", MESSAGE_CENTER_JSON, "message_log"),
    ("payment/ING payment confirmation.txt", SLIP, "payment_record"),
    ("MZ-PI-2608-31.pdf", text_pdf(PI_LINES), "proforma_invoice"),
])
def test_the_traps_files_are_read_as_what_they_are(name: str, content: str | bytes, kind: str, tmp_path: Path) -> None:
    # F003 and F005 stay quiet on these because each is read as its kind, with its values.
    _, records = read_bundle(tmp_path, {name: content})
    [record] = [r for r in records if r.path == name]
    assert record.kind == kind and (record.fields or record.events)


def test_a_tracking_page_with_from_and_to_lines_is_a_shipping_document(tmp_path: Path) -> None:
    page = TRACKING.replace("Origin Service Area:", "From:").replace("Destination Service Area:", "To:")
    _, records = read_bundle(tmp_path, {"DHL tracking.txt": page})
    assert [r.kind for r in records if r.path == "DHL tracking.txt"] == ["shipping_document"]


def read_bundle(tmp_path: Path, files: dict[str, str | bytes]) -> tuple[list[Document], list[Record]]:
    """Write the files as a bundle and return what ingest reads from it."""
    return ingest(open_bundle(write_files(tmp_path / "bundle", {"claim.toml": MANIFEST, **files})))


def test_every_f_rule_has_traps() -> None:
    assert_covered(TRAPS, CODES)
