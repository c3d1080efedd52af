"""OCR: scans and pictures of documents read as text, with their confidence, and photos left photos.

The documents are drawn here with Pillow's own font, then scanned into an image-only
PDF or photographed (turned, on a desk, a camera's EXIF), so their true text is known.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from evidence import ocr
from evidence.bundle import describe
from evidence.cache import Cache
from evidence.classify import classify
from evidence.check import check_bundle
from evidence.facts import comparable
from evidence.ingest import process
from evidence.ocr.engine import Glyph, Reading, TextBox
from evidence.ocr.layout import ocr_page
from evidence.ocr.spacing import with_spaces
from evidence.records import INFERRED, LABELED, Basis, Source, Value
from evidence.writers.json_report import report_to_json
from tests.conftest import paper, photographed, scanned_pdf, text_doc
from tests.test_traps_photos import BILL_OF_LADING

INVOICE = """COMMERCIAL INVOICE
Invoice No.: NB-2026-0815
Invoice Date: 2026-10-02
Seller: Ningbo Harbour Kitchenware Co., Ltd.
Buyer: Kessler Kochwaren e.K., Mannheim
Description Qty Unit Price Amount
Enamel casserole dish 26 cm 860 pcs USD 9.50 USD 8,170.00
Total Amount: USD 8,170.00
"""


def _read(name: str, content: bytes):  # type: ignore[no-untyped-def]
    return process(describe(name, content))


# ---------------------------------------------------------------- without the engine


@pytest.mark.parametrize(("glued", "read"), [
    ("Montantrecu", "Montant recu"), ("Typedetransaction", "Type de transaction"), ("NETAPAYER", "NET A PAYER"),
    ("FACTUREN°:FA39273", "FACTURE N°:FA39273"), ("TotalAmount", "Total Amount"), ("NotifyParty", "Notify Party"),
    ("12 0ct 2026", "12 Oct 2026"), ("18 Nov2026", "18 Nov 2026"), ("Amount1200.00", "Amount 1200.00"),
    ("onorbefore15September 2026", "onorbefore15 September 2026"), ("USD9.50USD8,170.00", "USD 9.50 USD 8,170.00"),
])
def test_words_ocr_glued_or_misspelt_are_put_right(glued: str, read: str) -> None:
    assert with_spaces(glued) == read


@pytest.mark.parametrize("kept", [
    "Hamburg", "Portland", "Shenzhen", "Destinataire", "OumarOD", "CMAU7312209", "HASU4141410", "Khadim N",
    "Enamelware", "Consignee", "B0X12", "26cm", "100pcs", "TWD5PAQ3GEBPQEV", "SHIP2024AB",
])
def test_names_codes_and_words_are_left_as_they_are(kept: str) -> None:
    assert with_spaces(kept) == kept


def _box(text: str, x0: float, top: float, x1: float, bottom: float, confidence: float = 0.99) -> TextBox:
    step = (x1 - x0) / len(text)
    glyphs = tuple(Glyph(c, x0 + i * step, top, x0 + (i + 1) * step - 1, bottom) for i, c in enumerate(text))
    return TextBox(text, confidence, x0, top, x1, bottom, glyphs)


def test_boxes_on_a_sloping_line_are_one_line_and_stacked_boxes_are_never_interleaved() -> None:
    reading = Reading([
        _box("Invoice No.:", 100, 100, 300, 130), _box("CI-7", 320, 108, 420, 138, confidence=0.81),
        _box("Remark", 100, 200, 220, 240), _box("fragile", 130, 222, 260, 252),  # overlapping, half a line down
        _box("Date:", 100, 300, 180, 330),
    ], turns=0, width=1000, height=1400)
    page = ocr_page(reading, 1, "scan.jpg", scale=0.5)
    texts = [line.text for line in page.lines]
    assert texts[0] == "Invoice No.: CI-7"
    assert "Remark" in texts[1] and "fragile" in " ".join(texts[1:3]) and "Rfe" not in " ".join(texts)
    assert texts[-1] == "Date:"
    assert page.lines[0].source == Source("scan.jpg", page=1, line=1, ocr_confidence=0.81)
    assert page.width == 500 and page.height == 700
    assert [w.text for w in page.words[:3]] == ["Invoice", "No.:", "CI-7"]


def test_a_space_ocr_left_out_becomes_a_word_break() -> None:
    page = ocr_page(Reading([_box("TotalAmount:", 10, 10, 250, 40)], 0, 400, 100), 1, "r.png", scale=1.0)
    assert page.lines[0].text == "Total Amount:"
    assert [w.text for w in page.words] == ["Total", "Amount:"]


@pytest.mark.parametrize(("confidence", "certainty"), [(0.99, LABELED), (0.95, LABELED), (0.87, INFERRED)])
def test_a_value_read_by_ocr_below_sure_confidence_is_at_most_inferred(confidence: float, certainty: str) -> None:
    source = Source("scan.pdf", page=1, line=2, ocr_confidence=confidence)
    value = Value("CI-7", source, "Invoice No.: CI-7", LABELED, 'under "Invoice No."')
    basis = Basis("order_number", "CI-7", source, LABELED)
    assert value.certainty == certainty and basis.certainty == certainty
    if certainty == INFERRED:
        assert value.note == 'under "Invoice No."; read by OCR with confidence 0.87'
    assert Value("x", source, certainty="guessed").certainty == "guessed"  # never raised, only capped
    assert "(read by OCR, confidence" in str(source)


def test_without_the_engine_a_scanned_page_is_f002_with_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0110] = "CanoScan LiDE 400"
    paper(INVOICE).save(buffer, "JPEG", exif=exif)
    document, record = _read("scans/invoice.jpg", buffer.getvalue())
    [problem] = document.problems
    assert problem.code == "F002" and ocr.INSTALL_HINT in problem.reason and "scanned page" in problem.reason
    assert record.kind == "unknown"
    photo, photo_record = _read("photos/IMG_1.jpg", photographed(Image.new("RGB", (800, 600), (90, 60, 40))))
    assert photo.problems == [] and photo_record.kind == "photo"


# ---------------------------------------------------------------- with the engine


def test_a_scanned_invoice_is_read_like_a_text_pdf() -> None:
    document, record = _read("NB-2026-0815 scan.pdf", scanned_pdf(paper(INVOICE)))
    assert document.problems == [] and "pages 1 read by OCR" in document.metadata["ocr"]
    assert record.kind == "commercial_invoice"
    number = record.fields["document_number"]
    assert number.value == "NB-2026-0815"
    assert number.source.page == 1 and number.source.line == 2 and number.source.ocr_confidence is not None
    assert record.get("document_date") == "2026-10-02"
    assert record.get("order_total") == 8170


@pytest.mark.parametrize("angle", [0.0, 2.5, -3.0])
def test_a_page_photographed_a_little_turned_keeps_its_lines(angle: float) -> None:
    page = ocr.read_image(Image.open(io.BytesIO(photographed(paper(INVOICE), angle=angle))).convert("RGB"), "x.jpg")
    assert page.page is not None
    texts = [line.text.replace(" ", "") for line in page.page.lines]
    assert texts[:3] == ["COMMERCIALINVOICE", "InvoiceNo.:NB-2026-0815", "InvoiceDate:2026-10-02"]
    assert texts[-1] == "TotalAmount:USD8,170.00" and len(texts) == 8


def test_a_photographed_bill_of_lading_is_a_shipping_document() -> None:
    document, record = _read("IMG_20261014_090512.jpg", photographed(paper(BILL_OF_LADING), angle=2.5))
    assert record.kind == "shipping_document"
    assert record.get("document_number") == "XMN2610447"
    assert record.get("shipped_on") == "2026-10-12"
    assert record.get("port_of_loading") == "Xiamen, China"
    assert document.image is not None and document.image.camera_make == "samsung"


@pytest.mark.parametrize("turn", [Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_180, Image.Transpose.ROTATE_270])
def test_a_page_scanned_sideways_or_upside_down_is_read_upright(turn: Image.Transpose) -> None:
    page = paper(BILL_OF_LADING)
    upright = ocr.read_image(page, "bl.png")
    turned = ocr.read_image(page.transpose(turn), "bl.png")
    assert turned.turns in (1, 2, 3)
    assert [line.text for line in turned.page.lines] == [line.text for line in upright.page.lines]


def test_a_photo_of_cartons_with_their_shipping_marks_stays_a_photo() -> None:
    picture = Image.new("RGB", (2000, 1500), (150, 110, 70))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((500, 400, 1500, 1200), fill=(185, 140, 95))
    font = ImageFont.load_default(size=48)
    for index, mark in enumerate(("KESSLER", "MANNHEIM", "C/NO. 12/86", "MADE IN CHINA")):
        draw.text((620, 520 + index * 90), mark, fill=(30, 30, 30), font=font)
    document, record = _read("photos/IMG_3.jpg", photographed(picture, angle=0))
    assert record.kind == "photo" and document.problems == []
    # Four marks are fewer boxes than a page of a document has lines: not worth reading.
    assert document.image is not None and document.image.document is None and document.pages == []


def test_cartons_with_a_page_worth_of_marks_are_read_and_stay_a_photo() -> None:
    picture = Image.new("RGB", (2000, 1500), (150, 110, 70))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((500, 40, 1500, 1460), fill=(185, 140, 95))
    font = ImageFont.load_default(size=40)
    marks = ("KESSLER", "MANNHEIM", "C/NO. 12/86", "MADE IN CHINA", "N.W. 18 KG", "G.W. 19 KG", "KEEP DRY",
             "THIS SIDE UP", "ITEM 1150-OB", "24 PCS", "OCEAN BLUE", "FRAGILE", "STACK 5 MAX", "HANDLE WITH CARE")
    for index, mark in enumerate(marks):
        draw.text((620, 70 + index * 98), mark, fill=(30, 30, 30), font=font)
    document, record = _read("photos/IMG_4.jpg", photographed(picture, angle=0))
    assert record.kind == "photo" and document.problems == []
    assert document.image is not None and document.image.text_lines >= 12 and document.image.document is None


def test_a_blank_scan_is_f002_nothing_legible() -> None:
    document, record = _read("blank scan.pdf", scanned_pdf(Image.new("RGB", (1240, 1754), (250, 250, 250))))
    [problem] = document.problems
    assert problem.code == "F002" and "nothing legible" in problem.reason
    assert record.kind == "unknown"


def test_a_warm_run_reads_no_scan_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "CI scan.pdf").write_bytes(scanned_pdf(paper(INVOICE)))
    (folder / "claim.toml").write_text('claim_type = "quality"\n', encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    cold = report_to_json(check_bundle(folder, as_of=date(2026, 11, 23), cache=cache))

    def no_ocr(*args: object, **kwargs: object) -> None:
        raise AssertionError("OCR ran on a warm run")

    monkeypatch.setattr("evidence.ocr.engine.recognize", no_ocr)
    monkeypatch.setattr("evidence.ocr.recognize", no_ocr)
    assert report_to_json(check_bundle(folder, as_of=date(2026, 11, 23), cache=cache)) == cold
    assert "NB-2026-0815" in cold


def test_order_numbers_that_differ_only_in_look_alike_characters_agree() -> None:
    # Pillow's sans font draws I and l alike; OCR reads "CI-2026-0815" as "Cl-2026-0815".
    assert comparable("order_number", "CI-2026-0815") == comparable("order_number", "Cl-2026-O815")
    assert comparable("order_number", "CI-2026-0815") != comparable("order_number", "CI-2026-0816")


def test_words_ocr_glued_are_no_variable_names_of_a_blank_form() -> None:
    text = ("INVOICE\nInvoice Number: 42183017\nInvoice Date: August 3, 2014\n"
            "details are on theAccountActivityPage of your account\nwe write forYourUseOfServices this period\n"
            "Total for this invoice $4.11\n")
    typed = text_doc(text, "invoice.pdf")
    scanned = text_doc(text, "invoice.png")
    for line in scanned.pages[0].lines:
        line.source = replace(line.source, ocr_confidence=0.98)
    assert classify(typed).kind == "unknown"  # variable names in a typed form: a template
    assert classify(scanned).kind == "commercial_invoice"


def test_a_multi_page_tiff_scan_is_read_page_by_page() -> None:
    buffer = io.BytesIO()
    blank = Image.new("RGB", (1240, 1754), (255, 255, 255))
    terms = paper("Terms of the invoice\nPayment: 30% deposit, balance before shipment\nShipment by sea to Hamburg")
    paper(INVOICE).save(buffer, "TIFF", save_all=True, append_images=[blank, terms], compression="tiff_lzw")
    document, record = _read("scans/fax 2026-10-02.tif", buffer.getvalue())
    assert [page.number for page in document.pages] == [1, 2, 3]
    assert document.pages[0].lines[0].text == "COMMERCIAL INVOICE" and document.pages[1].lines == []
    assert document.pages[2].lines[0].source == Source("scans/fax 2026-10-02.tif", page=3, line=1,
                                                      ocr_confidence=document.pages[2].lines[0].source.ocr_confidence)
    assert document.problems == [] and "3 pages read by OCR" in document.metadata["ocr"]
    assert record.kind == "commercial_invoice" and record.get("document_number") == "NB-2026-0815"


def test_a_camera_photo_with_only_a_brand_on_it_is_not_read() -> None:
    picture = Image.new("RGB", (2000, 1500), (150, 110, 70))
    ImageDraw.Draw(picture).text((700, 700), "NORTHFIELD", fill=(30, 30, 30), font=ImageFont.load_default(size=60))
    document, record = _read("photos/IMG_9.jpg", photographed(picture, angle=0))
    assert record.kind == "photo" and document.pages == [] and "ocr" not in document.metadata
    # The same few words in a screenshot (a document by its shape) are read.
    screen = Image.new("RGB", (1080, 2400), (255, 255, 255))
    ImageDraw.Draw(screen).text((100, 300), "Payment received", fill=(0, 0, 0), font=ImageFont.load_default(size=50))
    buffer = io.BytesIO()
    screen.save(buffer, "PNG")
    shot, _ = _read("Screenshot_1.png", buffer.getvalue())
    assert shot.pages and shot.pages[0].lines[0].text == "Payment received"


def test_a_batch_worker_loads_the_engine_with_its_share_of_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    from evidence.ocr import engine

    made: list[dict[str, int]] = []

    class Recorder:
        def __init__(self, **options: int) -> None:
            made.append(options)
            self.text_cls = lambda crops: (crops, [], 0.0)

    monkeypatch.setattr(engine, "_engine_class", lambda: Recorder)
    monkeypatch.setattr(engine.os, "sched_getaffinity", lambda _: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(engine, "_THREADS", None)
    engine._engine.cache_clear()
    try:
        engine._engine()
        engine._engine.cache_clear()
        engine.share_cpus(2)
        engine._engine()
    finally:
        engine._engine.cache_clear()
    assert made == [{}, {"intra_op_num_threads": 2, "inter_op_num_threads": 1}]
