"""The committed sample bundles: regenerable byte for byte, and consistent with their ground truth.

samples/expected/<bundle>.json is the ground truth the generator (samples/make_samples.py)
drew every document from; later golden-report and extraction tests build on it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from tests.conftest import SAMPLES, expected_json

BUNDLES = ("strong-quality-claim", "weak-quality-claim", "off-platform-payment", "scanned-claim")
KINDS = {"proforma_invoice", "commercial_invoice", "contract", "inspection_report", "payment_record",
         "shipping_document", "message_log", "photo", "claim_manifest"}


def documents():
    for bundle in BUNDLES:
        for doc in expected_json(bundle)["documents"]:
            yield bundle, doc


def generated_files(root: Path) -> dict[str, bytes]:
    """Every file the generator writes under root, by relative path."""
    files = {"generated-with.json": (root / "generated-with.json").read_bytes()}
    for folder in (*BUNDLES, "expected"):
        for path in (root / folder).rglob("*"):
            if path.is_file():
                files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


# ---- regeneration (needs the samples extra and the fonts) -----------------------------

@pytest.fixture(scope="module")
def generator():
    for module in ("fpdf", "openpyxl", "docx"):
        pytest.importorskip(module)
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    old, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # keep samples/ free of __pycache__
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = old
    for paths, package in module.FONT_FILES.values():
        if not any(Path(p).is_file() for p in paths):
            pytest.skip(f"font for the samples not installed (apt-get install {package})")
    return module


def test_regenerated_samples_are_byte_identical(generator, tmp_path):
    recorded = json.loads((SAMPLES / "generated-with.json").read_text(encoding="utf-8"))
    installed = generator.generator_versions()
    if installed != recorded:
        pytest.skip(f"samples were generated with {recorded}, this machine has {installed}")
    subprocess.run([sys.executable, "-B", str(SAMPLES / "make_samples.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    committed, fresh = generated_files(SAMPLES), generated_files(tmp_path)
    assert sorted(fresh) == sorted(committed)
    differing = [name for name in committed if committed[name] != fresh[name]]
    assert differing == []


# ---- the committed files against their ground truth -----------------------------------

def test_expected_lists_every_file_with_its_hash():
    for bundle in BUNDLES:
        listed = {doc["path"]: doc["sha256"] for doc in expected_json(bundle)["documents"]}
        present = {p.relative_to(SAMPLES / bundle).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                   for p in (SAMPLES / bundle).rglob("*") if p.is_file()}
        assert present == listed, bundle


def test_expected_records_are_well_formed():
    for bundle in BUNDLES:
        record = expected_json(bundle)
        assert record["verdict"] in {"ready", "weak", "blocked"}
        assert not set(record["findings"]) & set(record["must_not_fire"])
        assert all(len(code) == 4 and code[0] in "EDSIXMPF" for code in record["findings"])
        assert {doc["kind"] for doc in record["documents"]} <= KINDS


def test_designed_verdicts():
    assert expected_json("strong-quality-claim")["verdict"] == "ready"
    assert expected_json("strong-quality-claim")["facts"]["days_left"] == 12
    assert "D001" in expected_json("weak-quality-claim")["findings"]
    assert {"E001", "E002", "X002"} <= set(expected_json("off-platform-payment")["findings"])
    scanned = expected_json("scanned-claim")
    assert scanned["verdict"] == "ready" and scanned["claim_type"] == "late-shipment"
    assert {"D004", "D008", "F002"} <= set(scanned["must_not_fire"])


@pytest.mark.parametrize("bundle,doc", [(b, d) for b, d in documents() if d["path"].endswith(".pdf")],
                         ids=lambda v: v["path"] if isinstance(v, dict) else v)
def test_pdf_text_holds_its_document_number(bundle, doc):
    text = pdf_text(SAMPLES / bundle / doc["path"])
    if doc["fields"].get("text_layer") is False:  # a scan: the number is in the picture only
        assert text.strip() == ""
        return
    assert doc["fields"]["document_number"] in text
    assert "(cid:" not in text


def test_scanned_documents_are_images_only():
    """scanned-claim's PI is a page image in a PDF (200 dpi, no text) and its contract a phone photo."""
    record = expected_json("scanned-claim")
    docs = {doc["path"]: doc for doc in record["documents"]}
    pi = SAMPLES / "scanned-claim" / "PI_TR-PI-260727_scanned.pdf"
    with pdfplumber.open(pi) as pdf:
        assert len(pdf.pages) == 1 and pdf.pages[0].chars == []
        image = pdf.pages[0].images[0]
        assert round(image["srcsize"][0] / (float(pdf.pages[0].width) / 72)) == docs[pi.name]["fields"]["scan_dpi"]
    contract = docs["contract/IMG_5831.JPG"]
    assert contract["kind"] == "contract"
    with Image.open(SAMPLES / "scanned-claim" / contract["path"]) as photo:
        exif = photo.getexif()
        assert photo.size == (contract["fields"]["width"], contract["fields"]["height"])
    assert (exif[0x010F], exif[0x0110]) == (contract["fields"]["camera_make"], contract["fields"]["camera_model"])
    assert exif.get_ifd(0x8769)[0x9003] == contract["fields"]["captured_at"].replace("-", ":").replace("T", " ")


def test_every_pdf_is_described():
    described = {(b, d["path"]) for b, d in documents()}
    for bundle in BUNDLES:
        for path in (SAMPLES / bundle).rglob("*.pdf"):
            assert (bundle, path.relative_to(SAMPLES / bundle).as_posix()) in described


def test_bilingual_pi_has_real_chinese_text():
    text = pdf_text(SAMPLES / "strong-quality-claim" / "01_PI_HY-PI-2026-0817.pdf")
    assert "形式发票" in text
    assert "PROFORMA INVOICE" in text
    assert "宁波浩宇饮具有限公司" in text


def test_line_items_add_up_to_the_stated_total():
    for bundle, doc in documents():
        fields = doc["fields"]
        if "line_items" not in fields:
            continue
        items = sum(Decimal(str(i["amount"])) for i in fields["line_items"])
        charges = sum(Decimal(str(c["amount"])) for c in fields.get("charges", []))
        assert items + charges == Decimal(str(fields["order_total"])), doc["path"]
        assert sum(i["quantity"] for i in fields["line_items"]) == fields["quantity"], doc["path"]


def test_photo_metadata_matches_expected():
    for bundle, doc in documents():
        if doc["kind"] != "photo":
            continue
        fields = doc["fields"]
        with Image.open(SAMPLES / bundle / doc["path"]) as image:
            exif = image.getexif()
            assert image.size == (fields["width"], fields["height"])
        taken = exif.get_ifd(0x8769).get(0x9003)
        if fields["captured_at"] is None:
            assert taken is None and 0x010F not in exif
        else:
            assert taken == fields["captured_at"].replace("-", ":").replace("T", " ")
            assert exif[0x010F] == fields["camera_make"] and exif[0x0110] == fields["camera_model"]


def test_claim_manifests_match_expected():
    for bundle in BUNDLES:
        manifest = tomllib.loads((SAMPLES / bundle / "claim.toml").read_text(encoding="utf-8"))
        record = expected_json(bundle)
        assert manifest["claim"] == record["claim_type"]
        assert manifest["as_of"].isoformat() == record["as_of"]
        assert manifest["order_number"] == record["facts"]["order_number"]
        for path in manifest.get("channels", {}):
            assert (SAMPLES / bundle / path).is_file()


def test_key_messages_sit_on_the_stated_lines():
    for bundle, doc in documents():
        if doc["kind"] != "message_log" or "key_messages" not in doc["fields"]:
            continue
        raw = (SAMPLES / bundle / doc["path"]).read_text(encoding="utf-8-sig")
        lines = raw.splitlines()
        for message in doc["fields"]["key_messages"]:
            assert message["text"] in lines[message["line"] - 1], (doc["path"], message["line"])
