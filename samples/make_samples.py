#!/usr/bin/env python3
"""Regenerate the sample evidence bundles in samples/ (a dev-only script).

    python samples/make_samples.py            # rewrite samples/ in place
    python samples/make_samples.py --out DIR  # write the same tree under DIR

Needs fpdf2, openpyxl, python-docx and Pillow (``pip install -e .[samples]``) plus
two Debian font packages: fonts-wqy-microhei (CJK, for the bilingual documents) and
fonts-dejavu-core. The output is deterministic: fixed dates, fixed seeds, fixed
document metadata and normalised ZIP entries, so running it twice gives
byte-identical files with the same library and font versions
(samples/generated-with.json records them).

Layout of this file:
  1. constants, fonts, small formatting helpers
  2. the data model (Party, Item, Doc, Bundle) and the four bundle definitions:
     every value a document prints comes from these definitions, and so does the
     ground truth written to samples/expected/<bundle>.json
  3. renderers: one function per document layout (PDF, XLSX, DOCX, CSV, TXT, EML, JPEG), and
     scans: pages drawn with Pillow, then scanned (image-only PDF) or photographed (JPEG)
  4. main: write bundles, expected JSON and generated-with.json
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import math
import random
import re
import shutil
import sys
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import Decimal
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from functools import cache
from pathlib import Path
from typing import Any, Callable

try:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
except ImportError as exc:  # pragma: no cover - depends on the installation
    sys.exit(f"make_samples.py needs the samples extra ({exc.name} is missing): pip install -e '.[samples]'")

SAMPLES = Path(__file__).resolve().parent
BUNDLE_NAMES = ("strong-quality-claim", "weak-quality-claim", "off-platform-payment", "scanned-claim")
AS_OF = dt.date(2026, 11, 23)
ZIP_TIME = (2026, 11, 23, 0, 0, 0)

# --------------------------------------------------------------------------------------
# 1. fonts and formatting helpers
# --------------------------------------------------------------------------------------

FONT_FILES: dict[str, tuple[tuple[str, ...], str]] = {
    # key: (known paths, Debian package that installs it)
    "cjk": (
        (
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
        ),
        "fonts-wqy-microhei",
    ),
    "dejavu": (("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",), "fonts-dejavu-core"),
    "dejavu-bold": (("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",), "fonts-dejavu-core"),
    "dejavu-mono": (("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",), "fonts-dejavu-core"),
    "dejavu-serif": (("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",), "fonts-dejavu-core"),
}


def font_path(key: str) -> str:
    """The installed file for a font key, or exit naming the apt package to install."""
    paths, package = FONT_FILES[key]
    for candidate in paths:
        if Path(candidate).is_file():
            return candidate
    sys.exit(f"make_samples.py: font {Path(paths[0]).name} not found; install it with: apt-get install -y {package}")


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def d_iso(day: dt.date) -> str:
    return day.isoformat()


def d_long(day: dt.date) -> str:  # 15 October 2026
    return f"{day.day} {day:%B %Y}"


def d_abbr(day: dt.date) -> str:  # 12-Oct-2026
    return f"{day:%d-%b-%Y}"


def d_upper(day: dt.date) -> str:  # OCT. 12, 2026
    return f"{day:%b}".upper() + f". {day.day}, {day.year}"


def d_zh(day: dt.date) -> str:  # 2026年10月15日
    return f"{day.year}年{day.month}月{day.day}日"


def d_dmy(day: dt.date) -> str:  # 04/08/2026 (day first)
    return f"{day:%d/%m/%Y}"


def d_mdy(day: dt.date) -> str:  # 11/05/2026 (month first, US)
    return f"{day:%m/%d/%Y}"


_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _words_below_1000(n: int) -> str:
    parts = []
    if n >= 100:
        parts.append(f"{_ONES[n // 100]} hundred")
        n %= 100
    if n >= 20:
        parts.append(_TENS[n // 10] + (f" {_ONES[n % 10]}" if n % 10 else ""))
    elif n:
        parts.append(_ONES[n])
    return " ".join(parts)


def amount_in_words(value: Decimal, currency_words: str = "US dollars") -> str:
    """'SAY US DOLLARS FOURTEEN THOUSAND SEVEN HUNDRED ONLY' style text."""
    whole = int(value)
    cents = int((value - whole) * 100)
    groups = []
    for scale, name in ((1_000_000, "million"), (1_000, "thousand"), (1, "")):
        chunk = whole // scale % 1000
        if chunk:
            groups.append((_words_below_1000(chunk) + f" {name}").strip())
    text = f"say {currency_words} " + " ".join(groups or ["zero"])
    if cents:
        text += f" and cents {_words_below_1000(cents)}"
    return (text + " only").upper()


# --------------------------------------------------------------------------------------
# 2. data model and bundle definitions
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    name: str
    address: str
    contact: str
    title: str
    phone: str
    email: str
    name_zh: str = ""


@dataclass(frozen=True)
class Item:
    model: str
    description: str
    qty: int
    unit_price: Decimal
    description_zh: str = ""
    unit: str = "pcs"

    @property
    def amount(self) -> Decimal:
        return self.unit_price * self.qty

    def as_json(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "description": self.description,
            "quantity": self.qty,
            "unit": self.unit,
            "unit_price": float(self.unit_price),
            "amount": float(self.amount),
        }


@dataclass(frozen=True)
class Message:
    time: dt.datetime
    sender: str
    text: str
    tag: str = ""  # complaint | admission | promise | settlement | payment_request | apology | payment | ...


@dataclass
class Doc:
    """One file of a bundle: where it goes, its kind, how it is drawn, what it states.

    `fields` is the ground truth written to expected/<bundle>.json; renderers print
    these values (single source of truth). `data` holds presentation-only extras.
    """

    path: str
    kind: str
    render: Callable[["Doc", "Bundle", Path], None]
    fields: dict[str, Any]
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Bundle:
    name: str
    summary: str
    verdict: str
    verdict_reason: str
    claim: dict[str, Any]
    facts: dict[str, Any]
    findings: dict[str, str]  # code -> why it is designed in
    must_not_fire: dict[str, str]  # code -> why a correct tool stays quiet
    docs: list[Doc] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)  # how scans were made and what rests on OCR


def total_of(items: list[Item], charges: list[tuple[str, Decimal]] = ()) -> Decimal:
    return sum((i.amount for i in items), Decimal("0")) + sum((c for _, c in charges), Decimal("0"))


def qty_of(items: list[Item]) -> int:
    return sum(i.qty for i in items)


def window(delivery: dt.date) -> dict[str, Any]:
    closes = delivery + dt.timedelta(days=30)
    return {"claim_window_closes": d_iso(closes), "days_left": (closes - AS_OF).days}


# ---- bundle 1: strong quality claim ---------------------------------------------------

def strong_bundle() -> Bundle:
    order_no = "2381093617405528"
    supplier = Party(
        name="Ningbo Haoyu Drinkware Co., Ltd.",
        name_zh="宁波浩宇饮具有限公司",
        address="No. 88 Jinhai Road, Beilun District, Ningbo, Zhejiang 315800, China",
        contact="Zhou Xiaoyang (Sunny)",
        title="Sales Manager",
        phone="+86 574 8688 3021",
        email="sunny.zhou@haoyu-drinkware.example",
    )
    buyer = Party(
        name="Northfield Outdoor Supply LLC",
        address="2150 NW Industrial St, Portland, OR 97210, USA",
        contact="Megan Lowell",
        title="Purchasing Manager",
        phone="+1 503 555 0147",
        email="megan.lowell@northfield-outdoor.example",
    )
    items = [
        Item("HY-VB750-BK", "Double-wall vacuum bottle 750 ml, SUS304, powder coat Matte Black (Pantone Black 6 C), laser logo",
             2000, Decimal("4.85"), "304不锈钢双层真空保温瓶 750ml 哑光黑 激光logo"),
        Item("HY-VB750-SG", "Double-wall vacuum bottle 750 ml, SUS304, powder coat Sage Green (Pantone 5625 C), laser logo",
             1000, Decimal("4.85"), "304不锈钢双层真空保温瓶 750ml 鼠尾草绿 激光logo"),
    ]
    charges = [("Laser logo plate (one-time) / 激光镭雕版费", Decimal("150.00"))]
    total = total_of(items, charges)
    qty = qty_of(items)
    pi_date, order_date, contract_date, paid_on = (dt.date(2026, 8, 17), dt.date(2026, 8, 18),
                                                   dt.date(2026, 8, 19), dt.date(2026, 8, 20))
    ship_by, shipped_on, delivered = dt.date(2026, 10, 15), dt.date(2026, 10, 12), dt.date(2026, 11, 5)
    inspected, report_date = dt.date(2026, 11, 10), dt.date(2026, 11, 12)
    specs = [
        # (parameter EN, parameter ZH, requirement, tolerance, test method)
        ("Material (inner and outer wall)", "材质(内外胆)", "SUS304 (18/8) stainless steel", "-", "Mill certificate + XRF spot check"),
        ("Capacity", "容量", "750 ml", "±10 ml", "Water to brim at 20 °C, graduated cylinder"),
        ("Outer wall thickness", "外壁厚度", "0.50 mm", "±0.05 mm", "Micrometer at rim, 4 points"),
        ("Net weight (with lid)", "净重(含盖)", "320 g", "±5 g", "Electronic scale, 0.1 g"),
        ("Dimensions", "尺寸", "Ø74 × 265 mm", "±1.0 mm", "Vernier caliper"),
        ("Heat retention", "保温性能", "≥ 70 °C after 6 h", "min. 70 °C", "Fill 95 °C water, 20 °C ambient"),
        ("Lid closing torque", "盖子扭力", "1.5 - 2.0 N·m", "within range", "Torque meter"),
        ("Leak test", "防漏测试", "No leakage", "0 drops", "Hot water, inverted 24 h"),
        ("Coating adhesion", "涂层附着力", "ISO 2409 class 0-1", "max. class 1", "Cross-cut tape test"),
    ]
    aql = "ISO 2859-1, General Inspection Level II; AQL Critical 0 / Major 2.5 / Minor 4.0"
    aql_zh = "按ISO 2859-1 一般检验水平II级; AQL 致命0 / 主要2.5 / 次要4.0"
    common = {
        "order_number": order_no, "supplier_name": supplier.name, "buyer_name": buyer.name,
        "currency": "USD", "order_total": float(total), "quantity": qty, "incoterm": "FOB Ningbo",
        "ship_by": d_iso(ship_by), "payment_method": "platform",
    }
    beneficiary = "Alibaba.com Singapore E-Commerce Private Limited"
    bl_no, pod_no, report_no = "BHLNGB26100347", "CDC-DR-118406", "2611-PDX-004387"
    messages = [
        Message(dt.datetime(2026, 8, 17, 10, 2, 41), "Zhou Xiaoyang (Ningbo Haoyu Drinkware)",
                "Dear Megan, PI HY-PI-2026-0817 is attached: 3,000 pcs HY-VB750 (2,000 black, 1,000 sage green), USD 14,700.00 FOB Ningbo, ship before 15 Oct 2026."),
        Message(dt.datetime(2026, 8, 17, 22, 15, 9), "Megan Lowell (Northfield Outdoor Supply)",
                "Thanks Sunny. Specs confirmed as in the PI: wall thickness 0.50 mm ±0.05, net weight 320 g ±5 g, capacity 750 ml ±10 ml, AQL 2.5/4.0 Level II. Please create the Trade Assurance order."),
        Message(dt.datetime(2026, 8, 18, 9, 31, 55), "Zhou Xiaoyang (Ningbo Haoyu Drinkware)",
                "Trade Assurance order 2381093617405528 created, please pay on the order page. Contract HY-SC-260819 will follow for signature."),
        Message(dt.datetime(2026, 8, 20, 18, 44, 2), "Megan Lowell (Northfield Outdoor Supply)",
                "Contract signed and payment of USD 14,700.00 made through Trade Assurance today.", "payment"),
        Message(dt.datetime(2026, 10, 12, 16, 20, 37), "Zhou Xiaoyang (Ningbo Haoyu Drinkware)",
                "Goods shipped on board ORIENT PROSPER 0426E today, B/L BHLNGB26100347, 125 cartons."),
        Message(dt.datetime(2026, 11, 6, 9, 12, 18), "Megan Lowell (Northfield Outdoor Supply)",
                "Goods received 5 Nov. We measured 10 bottles from 4 cartons: outer wall 0.37-0.42 mm (contract 0.50 mm ±0.05), net weight 281-289 g (contract 320 g ±5 g). 3 of 20 bottles leak in the 24 h inverted test and 7 have dents. Photos attached. This does not meet contract HY-SC-260819.",
                "complaint"),
        Message(dt.datetime(2026, 11, 7, 10, 5, 44), "Zhou Xiaoyang (Ningbo Haoyu Drinkware)",
                "Sorry to hear this. We will check the production record and retained samples and reply by Monday."),
        Message(dt.datetime(2026, 11, 9, 15, 48, 26), "Zhou Xiaoyang (Ningbo Haoyu Drinkware)",
                "We checked, the wall thickness is 0.38mm, it is our production mistake. The steel coil for this batch was 0.40 mm instead of 0.50 mm and our QC missed it.",
                "admission"),
        Message(dt.datetime(2026, 11, 10, 8, 30, 3), "Megan Lowell (Northfield Outdoor Supply)",
                "Thank you for confirming. Bureau Veritas is inspecting the lot at our warehouse today; I will share the report."),
        Message(dt.datetime(2026, 11, 12, 17, 2, 59), "Megan Lowell (Northfield Outdoor Supply)",
                "Bureau Veritas report 2611-PDX-004387: FAIL, 23 major defects in 125 samples (allowed 7). We request a full remake of 3,000 pcs to contract specs or a full refund.",
                "complaint"),
        Message(dt.datetime(2026, 11, 13, 11, 26, 40), "Zhou Xiaoyang (Ningbo Haoyu Drinkware)",
                "We will remake all 3,000 pcs with 0.50 mm wall and ship before 20 Dec 2026 at our cost, including sea freight.",
                "promise"),
        Message(dt.datetime(2026, 11, 13, 19, 3, 12), "Megan Lowell (Northfield Outdoor Supply)",
                "Noted. I will record this through a Trade Assurance claim so the remake or refund is tracked on the platform."),
    ]
    bundle = Bundle(
        name="strong-quality-claim",
        summary="Quality claim ready to file: platform payment, bilingual PI and signed contract with measurable specs "
                "and AQL, Bureau Veritas report FAIL, B/L + delivery receipt, Message Center transcript with the "
                "supplier's admission and remake promise, dated photos; 12 days left in the 30-day window.",
        verdict="ready",
        verdict_reason="no blocker or major gap is designed in; only info findings (supplier admission and promise)",
        claim={"claim": "quality", "order_number": order_no, "as_of": d_iso(AS_OF),
               "coverage_limit": {"amount": 20000, "currency": "USD"},
               "complaint": "Outer wall 0.37-0.42 mm and net weight 281-289 g against contract 0.50 mm ±0.05 mm and 320 g ±5 g; leaks and dents; Bureau Veritas report FAIL.",
               "channels": {"messages/MessageCenter_2381093617405528.csv": "platform"}},
        facts={**common, "order_date": d_iso(order_date), "shipped_on": d_iso(shipped_on),
               "delivery_date": d_iso(delivered), "beneficiary_name": beneficiary,
               "inspection_company": "Bureau Veritas", "inspection_date": d_iso(inspected),
               "inspection_result": "fail", "coverage_limit": {"amount": 20000, "currency": "USD"},
               **window(delivered)},
        findings={
            "M006": "Message Center 2026-11-09: 'We checked, the wall thickness is 0.38mm, it is our production mistake.'",
            "M007": "Message Center 2026-11-13: supplier will remake all 3,000 pcs and ship before 20 Dec 2026.",
        },
        must_not_fire={
            "E001": "paid through Trade Assurance; the Citibank account belongs to the platform's collection entity",
            "E002": "beneficiary is the platform's designated collection account",
            "E004": "order total USD 14,700.00 is below the USD 20,000 coverage limit",
            "E007": "coverage limit is given in claim.toml",
            "D002": "12 days left on 2026-11-23 (window closes 2026-12-05)",
            "D007": "shipped 2026-10-12 before ship-by 2026-10-15; delivered after shipment; inspected after order",
            "S002": "all specs are measurable", "S003": "all figures have units and tolerances",
            "S005": "no approved sample", "S006": "AQL levels given in PI and contract",
            "I002": "Bureau Veritas is a recognized third party", "I003": "result is FAIL",
            "X001": "same order number everywhere", "X002": "3,000 pcs everywhere", "X003": "14,700.00 everywhere",
            "X005": "one supplier, one buyer", "M002": "all communication in the Message Center",
            "M004": "buyer accepted no settlement", "P002": "all photos dated", "P003": "all photos taken after delivery",
            "P004": "all photos >= 2 MP",
        },
    )
    ta_order = {"order_date": order_date, "paid_on": paid_on, "beneficiary": beneficiary}
    bundle.docs = [
        Doc("01_PI_HY-PI-2026-0817.pdf", "proforma_invoice", render_bilingual_pi,
            {"document_number": "HY-PI-2026-0817", "document_date": d_iso(pi_date), **common,
             "line_items": [i.as_json() for i in items],
             "charges": [{"description": c, "amount": float(a)} for c, a in charges]},
            {"supplier": supplier, "buyer": buyer, "items": items, "charges": charges, "specs": specs,
             "aql": aql, "aql_zh": aql_zh, "ship_by": ship_by, "port": "Ningbo, China",
             "packing": "24 pcs/carton, 5-ply export carton, each bottle in a white box",
             "packing_zh": "24只/箱, 五层出口纸箱, 单只白盒"}),
        Doc("02_SalesContract_HY-SC-260819.docx", "contract", render_contract_docx,
            {"document_number": "HY-SC-260819", "document_date": d_iso(contract_date), **common,
             "line_items": [i.as_json() for i in items],
             "charges": [{"description": c, "amount": float(a)} for c, a in charges], "quality_standard": aql,
             "signed_by": [supplier.contact, buyer.contact]},
            {"supplier": supplier, "buyer": buyer, "items": items, "charges": charges, "specs": specs,
             "aql": aql, "ship_by": ship_by, "pi_number": "HY-PI-2026-0817"}),
        Doc("03_TradeAssurance_order_payment.pdf", "payment_record", render_ta_receipt,
            {"document_number": "2026082091847730125", "document_date": d_iso(paid_on),
             "order_number": order_no, "supplier_name": supplier.name, "buyer_name": buyer.name,
             "currency": "USD", "order_total": float(total), "amount_paid": float(total),
             "quantity": qty, "payment_method": "platform", "beneficiary_name": beneficiary,
             "payment_date": d_iso(paid_on)},
            {**ta_order, "supplier": supplier, "buyer": buyer, "items": items, "charges": charges,
             "bank": "Citibank N.A., Singapore Branch", "swift": "CITISGSG",
             "account": "8856 0213 9904 7718", "ship_by": ship_by}),
        Doc("shipping/BL_BHLNGB26100347.pdf", "shipping_document", render_bl_grid_courier,
            {"document_number": bl_no, "document_date": d_iso(shipped_on), "order_number": order_no,
             "supplier_name": supplier.name, "buyer_name": buyer.name, "quantity": qty,
             "shipped_on": d_iso(shipped_on), "port_of_loading": "Ningbo, China",
             "port_of_discharge": "Seattle, WA, USA"},
            {"shipper": supplier, "consignee": buyer, "vessel": "ORIENT PROSPER", "voyage": "0426E",
             "carrier": "Blue Harbor Logistics (Ningbo) Co., Ltd.", "place_of_delivery": "Portland, OR, USA",
             "packages": "125 CTNS", "gross_weight": "1,312.50 KGS", "measurement": "10.600 CBM",
             "goods": "STAINLESS STEEL VACUUM BOTTLES 750ML\nHS CODE 9617.00\n2,000 PCS MATTE BLACK / 1,000 PCS SAGE GREEN",
             "marks": "NORTHFIELD\nPO 2381093617405528\nHY-VB750\nC/NO. 1-125\nMADE IN CHINA",
             "container": "CFS/CFS (LCL) TLLU 5126640 / SEAL BH2610775"}),
        Doc("shipping/Delivery_Receipt_CDC-DR-118406.pdf", "shipping_document", render_pod,
            {"document_number": pod_no, "document_date": d_iso(delivered), "order_number": order_no,
             "buyer_name": buyer.name, "quantity": qty, "delivery_date": d_iso(delivered),
             "bill_of_lading": bl_no},
            {"consignee": buyer, "delivered": dt.datetime(2026, 11, 5, 14, 20), "packages": 125,
             "weight_lb": "2,894 LB", "received_by": "R. Alvarez", "driver": "T. Nguyen",
             "pickup": "Expeditors CFS, 1015 SW 34th St, Renton, WA 98057"}),
        Doc("06_BV_inspection_report_2611-PDX-004387.pdf", "inspection_report", render_bv_report,
            {"document_number": report_no, "document_date": d_iso(report_date), "order_number": order_no,
             "supplier_name": supplier.name, "buyer_name": buyer.name, "quantity": qty,
             "inspection_company": "Bureau Veritas", "inspection_date": d_iso(inspected),
             "inspection_result": "fail", "sample_size": 125,
             "defects": {"critical": 0, "major": 23, "minor": 6},
             "allowed": {"critical": 0, "major": 7, "minor": 10}},
            {"supplier": supplier, "buyer": buyer, "inspector": "Daniel Whitcomb", "reviewer": "Priya Raman",
             "aql": aql, "product": "Double-wall vacuum bottle 750 ml, SUS304 (HY-VB750-BK / HY-VB750-SG)",
             "defect_list": [
                 ("Major", "Outer wall thickness below tolerance (0.37-0.42 mm vs 0.50 ±0.05 mm)", 10),
                 ("Major", "Dent on body, visible at 1 m", 7),
                 ("Major", "Leakage after 24 h inverted test", 3),
                 ("Major", "Powder coat peeling at base", 3),
                 ("Minor", "Light scratches on coating", 4),
                 ("Minor", "Laser logo off-centre > 1 mm", 2),
             ],
             "measurements": [
                 ("Outer wall thickness", "0.50 mm ±0.05", "0.37 - 0.42 mm", "10", "FAIL"),
                 ("Net weight (with lid)", "320 g ±5 g", "281 - 289 g", "10", "FAIL"),
                 ("Capacity", "750 ml ±10 ml", "748 - 756 ml", "10", "PASS"),
                 ("Dimensions", "Ø74 × 265 mm ±1.0", "Ø73.6-74.3 × 264.5-265.4 mm", "10", "PASS"),
                 ("Heat retention (6 h)", "≥ 70 °C", "58 - 62 °C", "5", "FAIL"),
                 ("Lid closing torque", "1.5 - 2.0 N·m", "1.6 - 1.9 N·m", "10", "PASS"),
                 ("Leak test (24 h inverted)", "no leakage", "3 of 20 leaked", "20", "FAIL"),
                 ("Coating adhesion ISO 2409", "class 0-1", "class 2 (3 pcs)", "5", "FAIL"),
             ]}),
        Doc("messages/MessageCenter_2381093617405528.csv", "message_log", render_message_center_csv,
            {"format": "message-center-csv", "channel": "platform", "order_number": order_no},
            {"messages": messages}),
    ]
    photo_specs = [
        ("photos/IMG_4471.JPG", draw_bottle_dent, dt.datetime(2026, 11, 6, 8, 52, 14), 4471),
        ("photos/IMG_4473.JPG", draw_caliper, dt.datetime(2026, 11, 6, 8, 55, 40), 4473),
        ("photos/IMG_4476.JPG", draw_scale, dt.datetime(2026, 11, 6, 9, 1, 5), 4476),
        ("photos/IMG_4479.JPG", draw_carton_label, dt.datetime(2026, 11, 6, 9, 6, 31), 4479),
    ]
    for path, draw, taken, seed in photo_specs:
        bundle.docs.append(photo_doc(path, draw, (2016, 1512), taken, ("Apple", "iPhone 14 Pro"), seed,
                                     {"order_number": order_no, "shipping_mark": "NORTHFIELD"}))
    bundle.docs.append(manifest_doc(bundle))
    return bundle


# ---- bundle 2: weak quality claim -----------------------------------------------------

def weak_bundle() -> Bundle:
    order_no = "2390517784620931"
    supplier = Party(
        name="Dehua Ruiyang Ceramics Co., Ltd.",
        name_zh="德化瑞阳陶瓷有限公司",
        address="No. 6 Chengdong Industrial Park, Dehua County, Quanzhou, Fujian 362500, China",
        contact="Grace Lin",
        title="Export Sales",
        phone="+86 138 5092 7716",
        email="grace@ruiyang-ceramics.example",
    )
    buyer = Party(
        name="Hartwell Kitchen Co. Ltd",
        address="Unit 4, Kingsweston Trade Park, Bristol BS11 9FG, United Kingdom",
        contact="Tom Hartwell",
        title="Director",
        phone="+44 117 496 0312",
        email="tom@hartwell-kitchen.example",
    )
    items = [
        Item("RY-M12", "Stoneware mug, reactive glaze Ocean Blue, high quality, premium finish. Size: 9 x 8.5", 8000,
             Decimal("1.15"), "炻瓷马克杯 窑变釉 海洋蓝 优质"),
        Item("RY-P27", "Stoneware dinner plate, good material, nice colour to match mug. Diameter 27cm", 3000,
             Decimal("1.60"), "炻瓷平盘 配套颜色"),
    ]
    total, qty = total_of(items), qty_of(items)
    fee = (total * Decimal("0.0295")).quantize(Decimal("0.01"))
    pi_date, paid_at = dt.date(2026, 7, 20), dt.datetime(2026, 7, 21, 23, 3, 12)  # GMT+8 = 16:03 in Bristol
    qc_date, shipped_on, delivered = dt.date(2026, 8, 24), dt.date(2026, 8, 29), dt.date(2026, 10, 18)
    beneficiary = "Alibaba.com Singapore E-Commerce Private Limited"
    common = {"order_number": order_no, "supplier_name": supplier.name, "buyer_name": buyer.name,
              "currency": "USD", "order_total": float(total), "quantity": qty, "incoterm": "FOB Xiamen"}
    g, t = "Grace Lin Ruiyang", "Tom Hartwell"
    messages = [
        Message(dt.datetime(2026, 7, 20, 9, 41), g, "Hello Tom, PI RY-20260720-03 attached, please check"),
        Message(dt.datetime(2026, 7, 20, 9, 42), g, "<Media omitted>"),
        Message(dt.datetime(2026, 7, 20, 10, 15), t, "Looks ok. Colour same as the sample you showed on the video call?"),
        Message(dt.datetime(2026, 7, 20, 10, 17), g, "Yes same ocean blue, high quality don't worry 😊"),
        Message(dt.datetime(2026, 7, 20, 10, 19), t, "When can you ship?"),
        Message(dt.datetime(2026, 7, 20, 10, 26), g, "About 30 days, we try faster"),
        Message(dt.datetime(2026, 7, 21, 16, 5), t, "Paid on Alibaba with card just now", "payment"),
        Message(dt.datetime(2026, 8, 30, 11, 20), g, "Goods shipped yesterday, B/L attached"),
        Message(dt.datetime(2026, 8, 30, 11, 20), g, "SBXMFXT2608291.pdf (file attached)"),
        Message(dt.datetime(2026, 10, 19, 8, 55), t, "Hi Grace, the container arrived at our warehouse yesterday (18 Oct)."),
        Message(dt.datetime(2026, 10, 19, 9, 2), t,
                "Honestly the colour looks cheap, not like the sample. The glaze looks dull and the plates feel light.",
                "complaint"),
        Message(dt.datetime(2026, 10, 19, 9, 3), t, "<Media omitted>"),
        Message(dt.datetime(2026, 10, 22, 14, 30), g, "Sorry for the late reply, we were very busy with the Canton Fair.",
                "apology"),
        Message(dt.datetime(2026, 10, 22, 14, 32), g,
                "Reactive glaze is handmade effect, every piece a little different colour, this is normal."),
        Message(dt.datetime(2026, 10, 22, 14, 40), t, "My customers expect a better finish for this price. What can you do?"),
        Message(dt.datetime(2026, 10, 23, 10, 5), g,
                "We can give 5% discount for this order, USD 700, refund to your Alibaba account."),
        Message(dt.datetime(2026, 10, 24, 18, 47), t, "ok, accept 5% discount for this order", "settlement"),
        Message(dt.datetime(2026, 10, 24, 18, 50), g, "Thank you Tom 🙏 we arrange the refund next week"),
        Message(dt.datetime(2026, 11, 20, 12, 15), t,
                "Grace the refund never came and my customer returned 200 mugs. I will open a Trade Assurance claim.",
                "complaint"),
    ]
    bundle = Bundle(
        name="weak-quality-claim",
        summary="Quality claim full of gaps: XLSX PI with subjective specs and a vague ship date, no contract, the "
                "supplier's own QC report saying PASS, WhatsApp complaint that is purely subjective and a 5% discount "
                "accepted, weak photos, and the 30-day window closed on 2026-11-17.",
        verdict="blocked",
        verdict_reason="D001 claim window expired (delivered 2026-10-18, as of 2026-11-23); also I002 inspection not "
                       "third-party, I003 passed, S002 subjective specs, M004 settlement accepted, E005 subjective complaint",
        claim={"claim": "quality", "order_number": order_no, "as_of": d_iso(AS_OF),
               "delivery_date": d_iso(delivered),
               "complaint": "The glaze colour looks cheap and dull, not what we expected; plates feel light.",
               "channels": {"chat/WhatsApp Chat with Grace Lin Ruiyang.txt": "whatsapp"}},
        facts={**common, "order_date": d_iso(dt.date(2026, 7, 21)), "ship_by": "about 30 days",
               "shipped_on": d_iso(shipped_on), "delivery_date": d_iso(delivered), "payment_method": "platform",
               "beneficiary_name": beneficiary, "inspection_company": supplier.name,
               "inspection_date": d_iso(qc_date), "inspection_result": "pass", "coverage_limit": None,
               **window(delivered)},
        findings={
            "D001": "delivered 2026-10-18 (claim.toml, WhatsApp 19/10); window closed 2026-11-17; as of 2026-11-23",
            "E005": "the complaint is purely subjective ('colour looks cheap', 'glaze looks dull', 'feel light')",
            "E007": "order total USD 14,000.00 above USD 10,000 and no coverage limit given",
            "S002": "PI specs: 'high quality', 'premium finish', 'good material', 'nice colour', '优质'",
            "S003": "'Size: 9 x 8.5' has no unit; 'Diameter 27cm' and 'Capacity 350ml' have no tolerance",
            "S006": "no AQL, test standard or defect definitions in the PI",
            "D005": "ship date only 'about 30 days' (交货期), no date and no deposit anchor",
            "I002": "inspection report issued by the supplier's own QC department",
            "I003": "the QC report says PASS / 合格",
            "M002": "the complaint and the discount agreement are only in WhatsApp",
            "M004": "buyer wrote 'ok, accept 5% discount for this order' on 24/10/2026",
            "P002": "photos/plates_stack.jpg has no EXIF capture date",
            "P003": "photos/IMG_20261012_153010.jpg was taken 2026-10-12, before delivery 2026-10-18",
            "P004": "photos/mug_closeup_small.jpg is 800 x 600 (0.48 MP)",
        },
        must_not_fire={
            "E001": "paid by card through the platform (payment record)",
            "E002": "beneficiary is the platform's collection entity",
            "E006": "card payment receipt present",
            "X003": "the 2.95% card fee is stated separately; order amount 14,000.00 matches the PI",
            "M006": "'Sorry for the late reply' is a polite apology, not an admission",
            "M005": "the buyer did report the problem (subjectively) on 19/10/2026",
            "I005": "result is clearly PASS",
            "D004": "a (vague) ship date is given, so D005 instead",
        },
    )
    wa_path = "chat/WhatsApp Chat with Grace Lin Ruiyang.txt"
    bundle.docs = [
        Doc("PI RY-20260720-03.xlsx", "proforma_invoice", render_xlsx_pi,
            {"document_number": "RY-20260720-03", "document_date": d_iso(pi_date), **common,
             "ship_by": "about 30 days", "payment_method": "platform",
             "line_items": [i.as_json() for i in items]},
            {"supplier": supplier, "buyer": buyer, "items": items, "port": "Xiamen",
             "specs": [("RY-M12 mug", "Size: 9 x 8.5, Capacity 350ml, 优质 high quality glaze, premium finish"),
                       ("RY-P27 plate", "Diameter 27cm, good material, nice colour to match mug"),
                       ("Colour 颜色", "Ocean Blue reactive glaze"),
                       ("Logo", "Hartwell stamp on bottom, underglaze")]}),
        Doc("payment/Alibaba_payment_receipt_20260721.pdf", "payment_record", render_card_receipt,
            {"document_number": "PAY-20260721-7105-4233", "document_date": d_iso(paid_at.date()),
             "order_number": order_no, "supplier_name": supplier.name, "buyer_name": buyer.name,
             "currency": "USD", "order_total": float(total), "amount_paid": float(total + fee),
             "transaction_fee": float(fee), "payment_method": "platform", "beneficiary_name": beneficiary,
             "payment_date": d_iso(paid_at.date())},
            {"paid_at": paid_at, "card": "Visa •••• 4417", "card_plain": "VISA ending 4417",
             "cardholder": "THOMAS HARTWELL", "fee_rate": "2.95%", "fee": fee, "total": total,
             "supplier": supplier, "buyer": buyer}),
        Doc("QC report RY QC-2608-117.pdf", "inspection_report", render_supplier_qc,
            {"document_number": "QC-2608-117", "document_date": d_iso(qc_date), "order_number": order_no,
             "supplier_name": supplier.name, "buyer_name": buyer.name, "quantity": qty,
             "inspection_company": supplier.name,
             "inspection_date": d_iso(qc_date), "inspection_result": "pass", "third_party": False},
            {"supplier": supplier, "buyer": buyer, "items": items, "inspector": "林美华 Lin Meihua",
             "approver": "陈建国 Chen Jianguo", "sample": "80 pcs (random)",
             "checks": [("外观 Appearance", "OK"), ("颜色 Colour vs sample", "OK"), ("尺寸 Size", "OK"),
                        ("釉面 Glaze", "OK, premium finish"), ("包装 Packing", "OK"), ("唛头 Shipping mark", "OK")]}),
        Doc("BL SBXMFXT2608291.pdf", "shipping_document", render_bl_list,
            {"document_number": "SBXMFXT2608291", "document_date": d_iso(shipped_on), "order_number": order_no,
             "supplier_name": supplier.name, "buyer_name": buyer.name, "quantity": qty,
             "shipped_on": d_iso(shipped_on), "port_of_loading": "Xiamen, China",
             "port_of_discharge": "Felixstowe, United Kingdom"},
            {"shipper": supplier, "consignee": buyer, "carrier": "Sea Breeze Freight (Xiamen) Ltd.",
             "vessel": "CAPE ALDER", "voyage": "112W", "packages": "375 CARTONS",
             "gross_weight": "6,180.00 KG", "measurement": "28.50 M3", "container": "TGHU 8841207 / 40'GP / SEAL SB0829114",
             "goods": "STONEWARE MUGS 8,000 PCS (250 CTNS) AND STONEWARE PLATES 3,000 PCS (125 CTNS), HS 6912.00"}),
        Doc(wa_path, "message_log", render_whatsapp_android,
            {"format": "whatsapp-android", "channel": "whatsapp"},
            {"messages": messages, "opening": dt.datetime(2026, 7, 20, 9, 41)}),
        photo_doc("photos/mug_closeup_small.jpg", draw_mug_closeup, (800, 600), dt.datetime(2026, 10, 19, 9, 1, 37),
                  ("samsung", "SM-A546B"), 601, {}),
        photo_doc("photos/plates_stack.jpg", draw_plate_stack, (2400, 1800), None, None, 602, {}),
        photo_doc("photos/IMG_20261012_153010.jpg", draw_mug_carton, (2000, 1500), dt.datetime(2026, 10, 12, 15, 30, 10),
                  ("samsung", "SM-A546B"), 603, {}),
    ]
    bundle.docs.append(manifest_doc(bundle))
    return bundle


# ---- bundle 3: off-platform payment, late shipment -----------------------------------

def offplatform_bundle() -> Bundle:
    order_no = "2412268031957740"
    supplier = Party(
        name="Zhongshan Brightway Lighting Technology Co., Ltd.",
        name_zh="中山明途照明科技有限公司",
        address="Building 3, No. 12 Tongji Road, Guzhen Town, Zhongshan, Guangdong 528421, China",
        contact="Kevin Chen",
        title="Sales Manager",
        phone="+86 760 2256 8813",
        email="kevin.chen@brightway-lighting.example",
    )
    buyer = Party(
        name="Kestrel Electrical Supplies Pty Ltd",
        address="48 Fairbank Road, Clayton South VIC 3169, Australia",
        contact="Daniel Okafor",
        title="Procurement Lead",
        phone="+61 3 9555 0188",
        email="daniel.okafor@kestrel-electrical.example",
    )
    pi_items = [
        Item("BW-PL6060-40", "LED panel light 595 x 595 x 10 mm, 40 W, 4000 K, 4,000 lm, CRI > 80, flicker-free driver, SAA/RCM", 4000, Decimal("9.60")),
        Item("BW-PL30120-40", "LED panel light 295 x 1195 x 10 mm, 40 W, 4000 K, 4,000 lm, CRI > 80, flicker-free driver, SAA/RCM", 1200, Decimal("10.40")),
    ]
    contract_items = [  # quantity gap designed in: 3,800 instead of 4,000 of the 600 x 600 panel
        Item("BW-PL6060-40", "LED panel light 595 x 595 x 10 mm, 40 W, 4000 K", 3800, Decimal("9.60")),
        Item("BW-PL30120-40", "LED panel light 295 x 1195 x 10 mm, 40 W, 4000 K", 1200, Decimal("10.40")),
    ]
    pi_total, pi_qty = total_of(pi_items), qty_of(pi_items)
    c_total, c_qty = total_of(contract_items), qty_of(contract_items)
    deposit = (pi_total * Decimal("0.30")).quantize(Decimal("0.01"))
    balance = pi_total - deposit
    pi_date, contract_date, deposit_on = dt.date(2026, 7, 31), dt.date(2026, 8, 4), dt.date(2026, 8, 4)
    lead_days = 35
    ship_by = deposit_on + dt.timedelta(days=lead_days)  # 2026-09-08
    inspected, shipped_on = dt.date(2026, 9, 22), dt.date(2026, 10, 9)
    person = "CHEN XIAOMING"
    bank = {"beneficiary": person, "address": "Flat 12B, 88 Fa Yuen Street, Mong Kok, Kowloon, Hong Kong",
            "bank": "The Hongkong and Shanghai Banking Corporation Limited", "bank_address": "1 Queen's Road Central, Hong Kong",
            "swift": "HSBCHKHHHKH", "account": "652-381907-838"}
    k, d = "Kevin Chen Brightway", "Daniel Okafor"
    messages = [
        Message(dt.datetime(2026, 7, 31, 16, 5, 40), k, "Hi Daniel, PI BW-PI-26-0731 attached, total USD 50,880 for 5,200 pcs"),
        Message(dt.datetime(2026, 7, 31, 16, 5, 52), k, "\u200eBW-PI-26-0731.pdf • \u200e1 page \u200edocument omitted"),
        Message(dt.datetime(2026, 7, 31, 18, 20, 3), d, "Thanks Kevin. I placed the Trade Assurance order 2412268031957740 on Alibaba just now."),
        Message(dt.datetime(2026, 8, 2, 10, 14, 27), k,
                "Dear Daniel, for this order please pay the 30% deposit by T/T to our new company account, then we can give you better price and start production faster. Alibaba fee is too high for us.",
                "payment_request"),
        Message(dt.datetime(2026, 8, 2, 10, 14, 45), k, "\u200eimage omitted"),
        Message(dt.datetime(2026, 8, 2, 10, 31, 9), d, "The account name is CHEN XIAOMING, is that your company?"),
        Message(dt.datetime(2026, 8, 2, 10, 33, 50), k,
                "Yes it is our boss account in Hong Kong, more fast. I send you the bank details by email also 👍",
                "payment_request"),
        Message(dt.datetime(2026, 8, 2, 14, 40, 2), d, "OK got the email."),
        Message(dt.datetime(2026, 8, 4, 11, 2, 18), d, "Deposit USD 15,264 sent by T/T today, slip attached", "payment"),
        Message(dt.datetime(2026, 8, 4, 11, 2, 31), d, "\u200eimage omitted"),
        Message(dt.datetime(2026, 8, 4, 15, 45, 0), k, "Received, thank you. Production starts now, shipment within 35 days 👍"),
        Message(dt.datetime(2026, 9, 1, 9, 12, 44), d, "Kevin, are we on track to ship by 8 September?"),
        Message(dt.datetime(2026, 9, 2, 17, 30, 16), k,
                "Sorry Daniel, the LED drivers came late, it is our fault, we did not order them in time. Production will finish around 20 Sep.",
                "admission"),
        Message(dt.datetime(2026, 9, 2, 19, 5, 51), d,
                "That is not acceptable. The contract says latest shipment date 8 September. We need these for a school project in October. Please ship as soon as possible.",
                "complaint"),
        Message(dt.datetime(2026, 9, 22, 18, 10, 33), d,
                "V-Trust says only 4,160 pcs were packed today and the shipping marks are wrong. Result is pending."),
        Message(dt.datetime(2026, 9, 22, 18, 25, 7), k, "We will fix the cartons and finish all 5,200 pcs, ship before 10 Oct, I promise.",
                "promise"),
        Message(dt.datetime(2026, 10, 5, 9, 40, 12), k, "Please pay the 70% balance to the same account so we can book the container.",
                "payment_request"),
        Message(dt.datetime(2026, 10, 6, 10, 1, 55), d, "Balance USD 35,616 sent to the same account. Please ship now.", "payment"),
        Message(dt.datetime(2026, 10, 9, 20, 15, 38), k, "Container loaded today, B/L attached."),
        Message(dt.datetime(2026, 10, 9, 20, 15, 49), k, "\u200eimage omitted"),
        Message(dt.datetime(2026, 10, 10, 8, 3, 27), d, "This is one month late. I will open a Trade Assurance claim for late shipment.",
                "complaint"),
        Message(dt.datetime(2026, 10, 10, 8, 30, 12), k, "Daniel please don't, we give you 3% discount on next order."),
    ]
    common = {"order_number": order_no, "supplier_name": supplier.name, "buyer_name": buyer.name,
              "currency": "USD", "incoterm": "FOB Zhongshan"}
    bundle = Bundle(
        name="off-platform-payment",
        summary="Late-shipment claim on an order paid off the platform: the supplier asked on WhatsApp and by e-mail "
                "for a T/T to a 'new company account' held by a person in Hong Kong, and the buyer paid; contract "
                "quantity (5,000) differs from the PI (5,200); shipped 31 days after the agreed date.",
        verdict="blocked",
        verdict_reason="E001 off-platform payment (T/T slip to CHEN XIAOMING at HSBC Hong Kong) and E002 personal beneficiary",
        claim={"claim": "late-shipment", "order_number": order_no, "as_of": d_iso(AS_OF),
               "coverage_limit": {"amount": 30000, "currency": "USD"},
               "complaint": "Agreed latest shipment date 8 September 2026; shipped on board 9 October 2026.",
               "channels": {"chat/_chat.txt": "whatsapp",
                            "mail/Re_ PI BW-PI-26-0731 deposit payment.eml": "email"}},
        facts={**common, "order_date": d_iso(pi_date), "order_total": float(pi_total), "quantity": pi_qty,
               "ship_by": d_iso(ship_by), "shipped_on": d_iso(shipped_on), "delivery_date": None,
               "payment_method": "bank_transfer_direct", "beneficiary_name": person,
               "inspection_company": "V-Trust", "inspection_date": d_iso(inspected),
               "inspection_result": "pending", "coverage_limit": {"amount": 30000, "currency": "USD"},
               "deposit_paid_on": d_iso(deposit_on), "deposit_amount": float(deposit), "days_late": (shipped_on - ship_by).days},
        findings={
            "E001": "T/T slip IMT2608040093517: USD 15,264.00 deposit paid by direct bank transfer; balance also by T/T (WhatsApp 06/10/2026)",
            "E002": "beneficiary CHEN XIAOMING is a private person, not the supplier",
            "E004": f"order total USD {money(pi_total)} exceeds the USD 30,000 coverage limit by USD {money(pi_total - 30000)}",
            "M003": "WhatsApp 02/08/2026 and 05/10/2026 and the 2026-08-02 e-mail ask for T/T to a 'new company account'",
            "M002": "payment instructions, the complaint and the new promised date are only in WhatsApp / e-mail",
            "X002": f"PI says {pi_qty:,} pcs (4,000 + 1,200), contract KES-PO-2608-112 says {c_qty:,} pcs (3,800 + 1,200)",
            "X003": f"PI total USD {money(pi_total)} vs contract total USD {money(c_total)} (follows from the quantity gap)",
            "M006": "WhatsApp 02/09/2026: 'it is our fault, we did not order them in time'",
            "M007": "WhatsApp 22/09/2026: 'finish all 5,200 pcs, ship before 10 Oct, I promise'",
        },
        must_not_fire={
            "D008": f"shipped on board {d_iso(shipped_on)}, {(shipped_on - ship_by).days} days after ship-by {d_iso(ship_by)}",
            "D005": "the lead time '35 days after receipt of deposit' is anchored on the deposit date 2026-08-04 shown by the T/T slip",
            "D006": "the buyer never agreed to a later date ('That is not acceptable ... ship as soon as possible')",
            "D007": "PI (deposit + 35 days) and contract agree on 2026-09-08",
            "E003": "Trade Assurance order number 2412268031957740 is in the PI, contract and chat",
            "E006": "T/T slip is a payment record",
            "M004": "the buyer did not accept the 3% discount offer",
            "M005": "the buyer complained about the delay on 02/09/2026 and 10/10/2026",
            "X001": "one order number everywhere",
            "S004": "the contract's specifications refer to the PI and repeat the same figures",
            "I003": "quality-only rule; result is PENDING anyway",
            "I004": "the report names this order, the product and the PI quantity 5,200 (the PI/contract gap is X002)",
        },
    )
    bundle.docs = [
        Doc("BW-PI-26-0731.pdf", "proforma_invoice", render_label_pi,
            {"document_number": "BW-PI-26-0731", "document_date": d_iso(pi_date), **common,
             "order_total": float(pi_total), "quantity": pi_qty,
             "ship_by": "35 days after receipt of deposit", "payment_terms": "30% T/T deposit, 70% balance before shipment",
             "payment_method": "platform", "line_items": [i.as_json() for i in pi_items]},
            {"supplier": supplier, "buyer": buyer, "items": pi_items, "lead_days": lead_days,
             "specs": [("Dimensions", "595 x 595 x 10 mm / 295 x 1195 x 10 mm, tolerance ±1 mm"),
                       ("Power", "40 W ±5%"), ("Luminous flux", "4,000 lm ±5% (100 lm/W)"),
                       ("Colour temperature", "4000 K ±200 K"), ("CRI", "Ra > 80"),
                       ("Driver", "isolated, flicker-free (< 5%), PF > 0.9, 220-240 V AC"),
                       ("Certification", "SAA / RCM (AS/NZS 60598), test report to be provided"),
                       ("Quality standard", "ISO 2859-1 Level II, AQL 0 / 2.5 / 4.0"),
                       ("Warranty", "3 years")]}),
        Doc("Purchase Contract KES-PO-2608-112.pdf", "contract", render_contract_pdf,
            {"document_number": "KES-PO-2608-112", "document_date": d_iso(contract_date), **common,
             "order_total": float(c_total), "quantity": c_qty, "ship_by": d_iso(ship_by),
             "payment_method": "platform", "line_items": [i.as_json() for i in contract_items],
             "signed_by": [buyer.contact, supplier.contact]},
            {"supplier": supplier, "buyer": buyer, "items": contract_items, "ship_by": ship_by,
             "pi_number": "BW-PI-26-0731", "lead_days": lead_days}),
        Doc("payment/NAB_IMT_confirmation_04082026.pdf", "payment_record", render_tt_slip,
            {"document_number": "IMT2608040093517", "document_date": d_iso(deposit_on), "currency": "USD",
             "amount_paid": float(deposit), "payment_method": "bank_transfer_direct", "beneficiary_name": person,
             "beneficiary_bank": bank["bank"], "swift": bank["swift"], "payment_date": d_iso(deposit_on),
             "payer": buyer.name},
            {**bank, "buyer": buyer, "rate": Decimal("0.6521"), "fee_aud": Decimal("30.00"),
             "time": dt.datetime(2026, 8, 4, 10, 47, 5)}),
        Doc("V-Trust PSI report VT260922-0815.pdf", "inspection_report", render_vtrust_report,
            {"document_number": "VT260922-0815", "document_date": d_iso(inspected), "order_number": order_no,
             "supplier_name": supplier.name, "buyer_name": buyer.name, "quantity": pi_qty,
             "inspection_company": "V-Trust", "inspection_date": d_iso(inspected),
             "inspection_result": "pending", "sample_size": 200, "quantity_presented": 4160,
             "defects": {"critical": 0, "major": 3, "minor": 9}, "allowed": {"critical": 0, "major": 10, "minor": 14}},
            {"supplier": supplier, "buyer": buyer, "items": pi_items, "inspector": "Huang Zhiwei",
             "pi_number": "BW-PI-26-0731"}),
        Doc("BL PCSZSML261009.pdf", "shipping_document", render_bl_sheet,
            {"document_number": "PCSZSML261009", "document_date": d_iso(shipped_on), "order_number": order_no,
             "supplier_name": supplier.name, "buyer_name": buyer.name, "quantity": pi_qty,
             "shipped_on": d_iso(shipped_on), "port_of_loading": "Zhongshan, China",
             "port_of_discharge": "Melbourne, Australia"},
            {"shipper": supplier, "consignee": buyer, "carrier": "Pacific Crest Shipping Agency Ltd.",
             "vessel": "CORAL BAYWIND", "voyage": "2641S", "packages": "1,300 CARTONS",
             "gross_weight": "14,950.00 KGS", "measurement": "58.500 CBM",
             "container": "PCIU 7731946 / 40'HC / SEAL PC2610093",
             "goods": "LED PANEL LIGHTS 40W\n4,000 PCS 600X600MM (1,000 CTNS)\n1,200 PCS 300X1200MM (300 CTNS)\nHS CODE 9405.11"}),
        Doc("chat/_chat.txt", "message_log", render_whatsapp_ios,
            {"format": "whatsapp-ios", "channel": "whatsapp"},
            {"messages": messages, "chat_name": k, "opening": dt.datetime(2026, 7, 31, 16, 2, 11)}),
        Doc("mail/Re_ PI BW-PI-26-0731 deposit payment.eml", "message_log", render_eml,
            {"format": "eml", "channel": "email", "document_date": "2026-08-02",
             "sender": f"{supplier.contact} <{supplier.email}>", "beneficiary_name": person,
             "payment_request": True},
            {**bank, "supplier": supplier, "buyer": buyer, "sent": dt.datetime(2026, 8, 2, 14, 26, 11,
             tzinfo=dt.timezone(dt.timedelta(hours=8))), "deposit": deposit, "pi_total": pi_total}),
        photo_doc("photos/production_20260922_101412.jpg", draw_panel_stacks, (2304, 1728),
                  dt.datetime(2026, 9, 22, 10, 14, 12), ("HUAWEI", "ELS-NX9"), 901, {"order_number": order_no}),
        photo_doc("photos/container_loading_20261009_164033.jpg", draw_container, (2304, 1728),
                  dt.datetime(2026, 10, 9, 16, 40, 33), ("HUAWEI", "ELS-NX9"), 902, {}),
    ]
    bundle.docs.append(manifest_doc(bundle))
    return bundle


# ---- bundle 4: scanned claim ----------------------------------------------------------

def scanned_bundle() -> Bundle:
    order_no = "2427735016648203"
    supplier = Party(
        name="Yongkang Tianrui Cookware Co., Ltd.",
        name_zh="永康天瑞炊具有限公司",
        address="No. 17 Huanghe Road, Economic Development Zone, Yongkang, Zhejiang 321300, China",
        contact="Chen Jing (Jessica)",
        title="Sales Manager",
        phone="+86 579 8723 5516",
        email="jessica@tianrui-cookware.example",
    )
    buyer = Party(
        name="Maple Crest Housewares Ltd.",
        address="88 Galaxy Blvd, Unit 6, Toronto, ON M9W 4Y6, Canada",
        contact="Laura Bennett",
        title="Purchasing Director",
        phone="+1 416 555 0183",
        email="laura.bennett@maplecrest-housewares.example",
    )
    items = [
        Item("TR-SP24", "Stainless steel stockpot 24 cm, 7.5 L, tri-ply base, glass lid", 1500, Decimal("8.40"),
             "不锈钢汤锅 24cm 7.5L 三层复合底 玻璃盖"),
        Item("TR-FP28", "Non-stick frying pan 28 cm, aluminium, induction base", 1200, Decimal("5.30"),
             "不粘煎锅 28cm 铝制 复底"),
    ]
    total, qty = total_of(items), qty_of(items)
    pi_no, contract_no, bl_no = "TR-PI-260727", "TR-SC-260729", "TRNGB26101407"
    pi_date, order_date, contract_date, paid_on = (dt.date(2026, 7, 27), dt.date(2026, 7, 28),
                                                   dt.date(2026, 7, 29), dt.date(2026, 7, 30))
    ship_by, shipped_on = dt.date(2026, 9, 15), dt.date(2026, 10, 14)
    beneficiary = "Alibaba.com Singapore E-Commerce Private Limited"
    specs = [
        # (parameter, requirement, tolerance)
        ("Stockpot TR-SP24 diameter", "24 cm", "±2 mm"),
        ("Stockpot capacity", "7.5 L", "±0.1 L"),
        ("Stockpot body thickness (SUS304)", "0.6 mm", "±0.05 mm"),
        ("Stockpot tri-ply base thickness", "5.0 mm", "±0.2 mm"),
        ("Frying pan TR-FP28 diameter", "28 cm", "±2 mm"),
        ("Frying pan body thickness (aluminium)", "3.0 mm", "±0.1 mm"),
        ("Frying pan net weight", "1.10 kg", "±30 g"),
    ]
    aql = "ISO 2859-1 Level II, AQL Critical 0 / Major 2.5 / Minor 4.0"
    common = {"order_number": order_no, "supplier_name": supplier.name, "buyer_name": buyer.name,
              "currency": "USD", "order_total": float(total), "quantity": qty, "incoterm": "FOB Ningbo"}
    j, lb = "Chen Jing (Yongkang Tianrui Cookware)", "Laura Bennett (Maple Crest Housewares)"
    messages = [
        Message(dt.datetime(2026, 7, 27, 10, 12, 5), j,
                f"Dear Laura, PI {pi_no} is attached as a scan with our company stamp. Please check, sign and send it back."),
        Message(dt.datetime(2026, 7, 27, 21, 40, 33), lb,
                "PI signed and scanned back to you. Please create the Trade Assurance order."),
        Message(dt.datetime(2026, 7, 28, 9, 5, 51), j,
                f"Trade Assurance order {order_no} created, please pay on the order page. Contract {contract_no} "
                "will come by courier with our stamp."),
        Message(dt.datetime(2026, 7, 30, 17, 22, 9), lb,
                "Contract signed. Paid in full through Trade Assurance today.", "payment"),
        Message(dt.datetime(2026, 9, 10, 11, 3, 40), j,
                "Laura, the tri-ply base discs from our material supplier arrived late, production needs more time."),
        Message(dt.datetime(2026, 9, 10, 20, 15, 2), lb,
                "That is not acceptable. The signed contract has a fixed latest shipment date. Please ship as soon as possible.",
                "complaint"),
        Message(dt.datetime(2026, 9, 16, 19, 48, 27), lb,
                "Our agent visited your factory today: the frying pans have no handles yet and no carton is packed. "
                "Photos attached. The goods are already late.", "complaint"),
        Message(dt.datetime(2026, 9, 28, 10, 31, 14), j,
                "We are very sorry, the delay is our fault: we started production late and did not order the base discs in time.",
                "admission"),
        Message(dt.datetime(2026, 9, 28, 10, 33, 50), j,
                "We promise to load all 2,700 pcs on the vessel of 14 Oct 2026.", "promise"),
        Message(dt.datetime(2026, 10, 14, 18, 2, 45), j,
                f"Goods loaded on board today, B/L {bl_no}, 370 cartons."),
        Message(dt.datetime(2026, 10, 15, 8, 47, 19), lb,
                "The goods shipped 29 days late. I will file a Trade Assurance claim for late shipment.", "complaint"),
    ]
    bundle = Bundle(
        name="scanned-claim",
        summary="Late-shipment claim whose PI exists only as a scanned, image-only PDF and whose signed contract only "
                "as a phone photo: the order number, supplier, total and the ship-by date 2026-09-15 must be read by "
                "OCR. A text Trade Assurance payment page, a text B/L (on board 2026-10-14, 29 days late), a Message "
                "Center transcript with the supplier's admission and promise, and dated factory photos.",
        verdict="ready",
        verdict_reason="no blocker or major gap is designed in: paid on the platform, ship-by 2026-09-15 in the scanned "
                       "PI and the photographed contract, on board 2026-10-14; only info findings (no inspection report "
                       "in a late-shipment claim, the supplier's admission and promise)",
        claim={"claim": "late-shipment", "order_number": order_no, "as_of": d_iso(AS_OF),
               "coverage_limit": {"amount": 30000, "currency": "USD"},
               "complaint": "Agreed shipment on or before 15 September 2026 (scanned PI and signed contract); "
                            "shipped on board 14 October 2026, 29 days late.",
               "channels": {f"messages/MessageCenter_{order_no}.csv": "platform"}},
        facts={**common, "order_date": d_iso(order_date), "ship_by": d_iso(ship_by), "shipped_on": d_iso(shipped_on),
               "delivery_date": None, "payment_method": "platform", "beneficiary_name": beneficiary,
               "inspection_company": None, "inspection_date": None, "inspection_result": None,
               "coverage_limit": {"amount": 30000, "currency": "USD"}, "days_late": (shipped_on - ship_by).days},
        findings={
            "I001": "no inspection report in the bundle; info for a late-shipment claim",
            "M006": "Message Center 2026-09-28: 'the delay is our fault: we started production late ...'",
            "M007": "Message Center 2026-09-28: 'We promise to load all 2,700 pcs on the vessel of 14 Oct 2026.'",
        },
        must_not_fire={
            "F002": "both scans carry legible text: OCR reads them (the PI at 200 dpi, the contract photo at 12 MP)",
            "F003": "the scanned PI reads as a proforma invoice and the contract photo as a contract",
            "D004": "the scanned PI ('Shipment date: on or before 15 September 2026') and the photographed contract "
                    "('Latest shipment date: 15 September 2026') state the ship-by date; nothing else does",
            "D005": "the ship-by date is a fixed date, not a lead time",
            "D006": "the buyer never agreed to a later date ('That is not acceptable ...')",
            "D007": "the scanned PI and the photographed contract agree on 2026-09-15",
            "D008": f"on board {d_iso(shipped_on)}, {(shipped_on - ship_by).days} days after ship-by {d_iso(ship_by)}",
            "E001": "paid through Trade Assurance to the platform's designated account",
            "E002": "beneficiary is the platform's collection entity",
            "E003": "the Trade Assurance order number is on every document",
            "E004": f"order total USD {money(total)} is below the USD 30,000 coverage limit",
            "E006": "the Trade Assurance payment page shows the order paid in full",
            "E007": "coverage limit is given in claim.toml",
            "S001": "the scanned PI gives measurable specifications", "S002": "no subjective wording",
            "S003": "every figure has a unit and a tolerance", "S004": "the contract refers to the PI's specifications",
            "S006": "AQL levels in the PI and the contract",
            "X001": f"one order number everywhere, and the contract cites the PI as {pi_no}",
            "X002": "2,700 pcs everywhere",
            "X003": f"USD {money(total)} everywhere, and the line items add up", "X004": "USD everywhere",
            "X005": "one supplier, one buyer (a space OCR leaves out of a name is formatting, not another entity)",
            "M001": "Message Center transcript present", "M002": "all communication in the Message Center",
            "M003": "no request to pay outside the platform", "M004": "the buyer accepted no settlement",
            "M005": "the buyer complained on 2026-09-10, 2026-09-16 and 2026-10-15",
            "P002": "all photos dated", "P004": "all photos >= 2 MP",
        },
    )
    bundle.notes = {
        "scans": {
            "PI_TR-PI-260727_scanned.pdf": "one A4 page drawn at 200 dpi, greyscale, skewed 0.6 degrees, speckle noise, "
                                           "embedded as a JPEG image: no text layer",
            "contract/IMG_5831.JPG": "3024x4032 iPhone photo (EXIF), page rotated about 1.2 degrees with perspective and "
                                     "a shadow on a dark desk, red company seal, JPEG quality 85",
        },
        "read_only_by_ocr": {"ship_by": "scanned PI and contract photo only",
                             "specifications": "scanned PI only",
                             "contract_number": contract_no, "pi_number": pi_no},
        "not_verified": "a value OCR reads with confidence below 0.95 is at most inferred: a blocker or major "
                        "finding resting on it (D007, D008, S004, X001, X002, X003, X005 on a misread) is reported "
                        "as info 'not verified', is no designed finding and does not change the verdict. Absence "
                        "findings (D004, S001, S006, F002) are never downgraded, so the scans are drawn legible: "
                        "body text 8.5-10.5 pt at 200 dpi (scan) and about 160 dpi (photo, as OCR sees it)",
        "ambiguous_glyphs": f"the PI number {pi_no} is printed in DejaVu Sans, where capital I and lower-case l "
                            "look alike; OCR may read 'TR-Pl-260727' (X001, then info 'not verified' when the "
                            "PI's own number is read below 0.95)",
    }
    pi_fields = {"document_number": pi_no, "document_date": d_iso(pi_date), **common, "ship_by": d_iso(ship_by),
                 "payment_method": "platform", "line_items": [i.as_json() for i in items],
                 "quality_standard": aql, "text_layer": False, "scan_dpi": 200}
    bundle.docs = [
        Doc("PI_TR-PI-260727_scanned.pdf", "proforma_invoice", render_scanned_pi, pi_fields,
            {"supplier": supplier, "buyer": buyer, "items": items, "specs": specs, "aql": aql, "ship_by": ship_by,
             "seed": 2607, "skew": -0.6}),
        Doc("contract/IMG_5831.JPG", "contract", render_contract_photo,
            {"document_number": contract_no, "document_date": d_iso(contract_date), **common,
             "ship_by": d_iso(ship_by), "payment_method": "platform", "line_items": [i.as_json() for i in items],
             "signed_by": [supplier.contact, buyer.contact], "width": 3024, "height": 4032,
             "captured_at": "2026-11-18T10:42:07", "camera_make": "Apple", "camera_model": "iPhone 15 Pro"},
            {"supplier": supplier, "buyer": buyer, "items": items, "ship_by": ship_by, "pi_number": pi_no,
             "aql": aql, "seed": 5831, "taken": dt.datetime(2026, 11, 18, 10, 42, 7),
             "camera": ("Apple", "iPhone 15 Pro")}),
        Doc(f"payment/TradeAssurance_order_{order_no}.pdf", "payment_record", render_ta_receipt,
            {"document_number": "2026073088210459317", "document_date": d_iso(paid_on),
             "order_number": order_no, "supplier_name": supplier.name, "buyer_name": buyer.name,
             "currency": "USD", "order_total": float(total), "amount_paid": float(total),
             "quantity": qty, "payment_method": "platform", "beneficiary_name": beneficiary,
             "payment_date": d_iso(paid_on)},
            {"order_date": order_date, "paid_on": paid_on, "beneficiary": beneficiary, "supplier": supplier,
             "buyer": buyer, "items": items, "charges": [], "bank": "Citibank N.A., Singapore Branch",
             "swift": "CITISGSG", "account": "8856 0213 7741 2096", "incoterm": "FOB Ningbo",
             "paid_time": "16:58 (GMT-4)"}),
        Doc(f"shipping/BL_{bl_no}.pdf", "shipping_document", render_bl_grid_courier,
            {"document_number": bl_no, "document_date": d_iso(shipped_on), "order_number": order_no,
             "supplier_name": supplier.name, "buyer_name": buyer.name, "quantity": qty,
             "shipped_on": d_iso(shipped_on), "port_of_loading": "Ningbo, China",
             "port_of_discharge": "Vancouver, BC, Canada"},
            {"shipper": supplier, "consignee": buyer, "vessel": "EVER LUCENT", "voyage": "1142E",
             "carrier": "Tianyuan Logistics (Ningbo) Co., Ltd.", "place_of_delivery": "Toronto, ON, Canada",
             "packages": "370 CTNS", "gross_weight": "5,214.00 KGS", "measurement": "31.200 CBM",
             "goods": "STAINLESS STEEL STOCKPOTS 24CM\nNON-STICK FRYING PANS 28CM\nHS CODE 7323.93 / 7615.10\n"
                      "1,500 PCS TR-SP24 (250 CTNS) / 1,200 PCS TR-FP28 (120 CTNS)",
             "marks": f"MAPLE CREST\nPO {order_no}\nTR-SP24 / TR-FP28\nC/NO. 1-370\nMADE IN CHINA",
             "container": "TGHU 8841207 / 40'GP / SEAL TY2610388"}),
        Doc(f"messages/MessageCenter_{order_no}.csv", "message_log", render_message_center_csv,
            {"format": "message-center-csv", "channel": "platform", "order_number": order_no},
            {"messages": messages}),
    ]
    for path, draw, taken, seed in (
        ("photos/20260916_101532.jpg", draw_unfinished_pans, dt.datetime(2026, 9, 16, 10, 15, 32), 916),
        ("photos/20260916_102247.jpg", draw_unpacked_stockpots, dt.datetime(2026, 9, 16, 10, 22, 47), 917),
    ):
        bundle.docs.append(photo_doc(path, draw, (2016, 1512), taken, ("samsung", "SM-S918B"), seed, {}))
    bundle.docs.append(manifest_doc(bundle))
    return bundle


def photo_doc(path: str, draw: Callable, size: tuple[int, int], taken: dt.datetime | None,
              camera: tuple[str, str] | None, seed: int, extra: dict[str, Any]) -> Doc:
    width, height = size
    fields = {"width": width, "height": height, "megapixels": round(width * height / 1e6, 2),
              "captured_at": taken.isoformat() if taken else None,
              "camera_make": camera[0] if camera else None, "camera_model": camera[1] if camera else None,
              "has_exif": camera is not None}
    return Doc(path, "photo", render_photo, fields, {"draw": draw, "seed": seed, "taken": taken,
                                                     "camera": camera, **extra})


def manifest_doc(bundle: Bundle) -> Doc:
    return Doc("claim.toml", "claim_manifest", render_claim_toml,
               {k: v for k, v in bundle.claim.items() if k != "channels"}, {})


def all_bundles() -> list[Bundle]:
    return [strong_bundle(), weak_bundle(), offplatform_bundle(), scanned_bundle()]


# --------------------------------------------------------------------------------------
# 3. renderers
# --------------------------------------------------------------------------------------

TZ_CN = dt.timezone(dt.timedelta(hours=8))


class PDF(FPDF):
    """FPDF whose multi-line text and tables are left-aligned unless told otherwise."""

    def multi_cell(self, *args, align="L", **kwargs):
        return super().multi_cell(*args, align=align, **kwargs)

    def table(self, *args, text_align="LEFT", **kwargs):
        self.set_fill_color(255, 255, 255)
        return super().table(*args, text_align=text_align, **kwargs)


def new_pdf(title: str, author: str, created: dt.datetime, creator: str, fonts: tuple[str, ...] = (),
            orientation: str = "P", margins: float = 15) -> PDF:
    """An A4 PDF with fixed metadata and the requested TTF fonts registered."""
    pdf = PDF(orientation=orientation, unit="mm", format="A4")
    pdf.set_creation_date(created if created.tzinfo else created.replace(tzinfo=TZ_CN))
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator(creator)
    pdf.set_margins(margins, margins, margins)
    pdf.set_auto_page_break(True, margin=margins)
    families = {"cjk": ("WQY", ("cjk", "cjk")), "dejavu": ("DejaVu", ("dejavu", "dejavu-bold")),
                "serif": ("DejaVuSerif", ("dejavu-serif", "dejavu-serif"))}
    for key in fonts:
        family, (regular, bold) = families[key]
        pdf.add_font(family, "", font_path(regular))
        pdf.add_font(family, "B", font_path(bold))  # WQY MicroHei has no bold face: same file
    return pdf


def at(day: dt.date, hour: int = 9, minute: int = 0, tz: dt.timezone = TZ_CN) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def line_out(pdf: FPDF, h: float, text: str, align: str = "L", w: float = 0) -> None:
    pdf.cell(w, h, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def label_value(pdf: FPDF, label: str, value: str, lw: float, h: float = 5.5, font: str = "Helvetica",
                size: float = 9, x: float | None = None, w: float = 0) -> None:
    """'Label: value' with the label in bold; the value wraps under itself."""
    if x is not None:
        pdf.set_x(x)
    x0 = pdf.get_x()
    pdf.set_font(font, "B", size)
    pdf.cell(lw, h, label)
    pdf.set_font(font, "", size)
    pdf.multi_cell(w or (pdf.w - pdf.r_margin - x0 - lw), h, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def png_bytes(img: Image.Image) -> io.BytesIO:
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=False)
    buf.seek(0)
    return buf


def stamp_png(name_zh: str, bottom: str, size: int = 360) -> io.BytesIO:
    """A red round company seal: name along the upper arc, a star, a line of text below."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    red = (205, 30, 36, 210)
    draw.ellipse([8, 8, size - 8, size - 8], outline=red, width=10)
    c = size / 2
    star = []
    for i in range(10):
        radius = 46 if i % 2 == 0 else 19
        angle = math.radians(90 + i * 36)
        star.append((c + radius * math.cos(angle), c - radius * math.sin(angle)))
    draw.polygon(star, fill=red)
    font = ImageFont.truetype(font_path("cjk"), int(size * 0.14), index=0)
    count, ring = len(name_zh), size / 2 - 52
    for i, char in enumerate(name_zh):
        theta = 200 - i * (220 / max(count - 1, 1))
        tile = Image.new("RGBA", (60, 60), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((30, 30), char, font=font, fill=red, anchor="mm")
        tile = tile.rotate(theta - 90, resample=Image.Resampling.BICUBIC, expand=True)
        px = c + ring * math.cos(math.radians(theta)) - tile.width / 2
        py = c - ring * math.sin(math.radians(theta)) - tile.height / 2
        img.alpha_composite(tile, (int(px), int(py)))
    small = ImageFont.truetype(font_path("cjk"), int(size * 0.1), index=0)
    draw.text((c, c + 78), bottom, font=small, fill=red, anchor="mm")
    return png_bytes(img)


def signature_png(seed: int, w: int = 420, h: int = 140, color: tuple[int, int, int] = (24, 40, 120)) -> io.BytesIO:
    """A hand-signature-like scribble (seeded, so always the same)."""
    rng = random.Random(seed)
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    loops = rng.randint(6, 9)
    step_x = (w - 90) / (loops * 2 * math.pi)
    heights = [rng.choice((0.8, 1.0, 1.6, 2.2)) for _ in range(loops)]
    points = []
    for step in range(loops * 60):
        t = step / 60 * 2 * math.pi
        loop = min(int(t / (2 * math.pi)), loops - 1)
        x = 30 + step_x * t + step_x * 1.5 * math.sin(t)  # loops at the top of each stroke
        y = h * 0.78 - h * 0.1 * heights[loop] * (1 - math.cos(t)) - 4 * t / (2 * math.pi)
        points.append((x + (h * 0.78 - y) * 0.25, y))  # slant to the right
    draw.line(points, fill=color + (235,), width=3, joint="curve")
    draw.line([(24, h * 0.8), (w * 0.5, h * 0.76), (w - 30, h * 0.7)], fill=color + (235,), width=3)
    return png_bytes(img)


# ---- proforma invoices ----------------------------------------------------------------

def render_bilingual_pi(doc: Doc, bundle: Bundle, path: Path) -> None:
    f, d = doc.fields, doc.data
    s, b = d["supplier"], d["buyer"]
    pi_date = dt.date.fromisoformat(f["document_date"])
    pdf = new_pdf(f"Proforma Invoice {f['document_number']}", s.name, at(pi_date, 10, 2), "WPS Office", ("cjk",))
    pdf.add_page()
    pdf.set_font("WQY", "", 18)
    line_out(pdf, 9, s.name_zh, "C")
    pdf.set_font("WQY", "", 11.5)
    line_out(pdf, 6, s.name.upper(), "C")
    pdf.set_font("WQY", "", 8)
    line_out(pdf, 4.5, f"地址 Add.: {s.address}", "C")
    line_out(pdf, 4.5, f"电话 Tel: {s.phone}    邮箱 E-mail: {s.email}", "C")
    pdf.set_draw_color(30, 60, 120)
    pdf.set_line_width(0.6)
    pdf.line(15, pdf.get_y() + 1.5, 195, pdf.get_y() + 1.5)
    pdf.ln(4)
    pdf.set_font("WQY", "", 16)
    line_out(pdf, 9, "形式发票    PROFORMA INVOICE", "C")
    pdf.ln(2)
    _pi_parties_block(pdf, doc, b, pi_date)
    _pi_items_table(pdf, doc)
    _pi_specs_table(pdf, d["specs"])
    _pi_terms(pdf, doc)
    _pi_signatures(pdf, s, b, pi_date)
    pdf.output(str(path))


def _pi_parties_block(pdf: FPDF, doc: Doc, b: Party, pi_date: dt.date) -> None:
    f = doc.fields
    top = pdf.get_y()
    pdf.set_font("WQY", "", 9)
    pdf.set_xy(15, top)
    pdf.multi_cell(95, 5, f"买方 Buyer:\n{b.name}\n{b.address}\n联系人 Attn: {b.contact}, {b.title}\n电话 Tel: {b.phone}",
                   border=1, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    left_bottom = pdf.get_y()
    rows = [("发票号 PI No.:", f["document_number"]), ("日期 Date:", f"{d_iso(pi_date)}"),
            ("信保订单号 TA Order No.:", f["order_number"]), ("贸易术语 Trade Terms:", f["incoterm"]),
            ("币种 Currency:", f["currency"])]
    pdf.set_xy(115, top)
    for label, value in rows:
        pdf.set_x(115)
        pdf.cell(40, 5, label, border="LTB")
        pdf.cell(40, 5, value, border="RTB", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(max(left_bottom, pdf.get_y()) + 4)


def _pi_items_table(pdf: FPDF, doc: Doc) -> None:
    d, f = doc.data, doc.fields
    items, charges = d["items"], d["charges"]
    pdf.set_font("WQY", "", 8.5)
    pdf.set_draw_color(90, 90, 90)
    pdf.set_line_width(0.2)
    heads = ["序号\nNo.", "型号\nModel", "品名及描述\nDescription", "数量\nQty (pcs)", "单价\nUnit Price (USD)",
             "金额\nAmount (USD)"]
    with pdf.table(col_widths=(10, 24, 78, 20, 24, 24), text_align=("CENTER", "CENTER", "LEFT", "RIGHT", "RIGHT", "RIGHT"),
                   line_height=4.6, headings_style=_heading_style(pdf, "WQY", (222, 232, 245))) as table:
        row = table.row()
        for head in heads:
            row.cell(head, align="CENTER")
        for n, item in enumerate(items, 1):
            row = table.row()
            for value in (str(n), item.model, f"{item.description}\n{item.description_zh}", f"{item.qty:,}",
                          f"{item.unit_price:.2f}", money(item.amount)):
                row.cell(value)
    subtotal = sum((i.amount for i in items), Decimal("0"))
    rows = [("合计数量 Total Quantity:", f"{f['quantity']:,} pcs"), ("小计 Subtotal:", money(subtotal))]
    rows += [(f"{label}:", money(value)) for label, value in charges]
    rows.append((f"总计 TOTAL ({f['incoterm']}) USD:", money(Decimal(str(f["order_total"])))))
    for label, value in rows:
        pdf.set_x(15)
        pdf.cell(132, 5.5, label, border=1, align="R")
        pdf.cell(48, 5.5, value, border=1, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    pdf.multi_cell(180, 5, "大写金额 Amount in words: " + amount_in_words(Decimal(str(f["order_total"]))),
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def _heading_style(pdf: FPDF, family: str, fill: tuple[int, int, int]):
    from fpdf.fonts import FontFace
    return FontFace(family=family, emphasis="BOLD", fill_color=fill)


def _pi_specs_table(pdf: FPDF, specs: list[tuple[str, ...]]) -> None:
    pdf.set_font("WQY", "", 10.5)
    line_out(pdf, 6, "技术规格 Technical Specifications")
    pdf.set_font("WQY", "", 8)
    with pdf.table(col_widths=(46, 48, 26, 60), line_height=4.4,
                   headings_style=_heading_style(pdf, "WQY", (235, 235, 235))) as table:
        row = table.row()
        for head in ("项目 Item", "要求 Requirement", "公差 Tolerance", "检验方法 Test method"):
            row.cell(head)
        for en, zh, req, tol, method in specs:
            row = table.row()
            for value in (f"{zh} {en}", req, tol, method):
                row.cell(value)
    pdf.ln(3)


def _pi_terms(pdf: FPDF, doc: Doc) -> None:
    f, d = doc.fields, doc.data
    ship_by = d["ship_by"]
    terms = [
        ("质量标准 Quality standard", f"{d['aql_zh']}\n{d['aql']}"),
        ("交货期 Ship Date", f"{d_zh(ship_by)}前装船 / Shipment on or before {d_long(ship_by)}"),
        ("装运港 Port of Loading", f"宁波 {d['port']}"),
        ("付款方式 Payment", f"100% 通过阿里巴巴信用保障订单支付 / 100% through Alibaba.com Trade Assurance order {f['order_number']}"),
        ("包装 Packing", f"{d['packing_zh']} / {d['packing']}"),
        ("验货 Inspection", "买方可委托第三方检验机构于出货前或到货后30天内验货 / Buyer may appoint a third-party "
                           "inspection company before shipment or within 30 days after delivery"),
        ("有效期 Validity", "15天 / 15 days"),
    ]
    pdf.set_font("WQY", "", 10.5)
    line_out(pdf, 6, "条款 Terms and Conditions")
    pdf.set_font("WQY", "", 8.5)
    for label, value in terms:
        pdf.set_x(15)
        pdf.cell(40, 4.8, label + ":")
        pdf.multi_cell(140, 4.8, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)


def _pi_signatures(pdf: FPDF, s: Party, b: Party, day: dt.date) -> None:
    if pdf.get_y() > 235:
        pdf.add_page()
    y = pdf.get_y()
    pdf.set_font("WQY", "", 9)
    pdf.text(15, y + 4, "卖方 Seller (盖章 stamp):")
    pdf.text(115, y + 4, "买方确认 Buyer confirmation:")
    pdf.image(stamp_png(s.name_zh, "业务专用章"), x=22, y=y + 6, w=34)
    pdf.image(signature_png(11), x=48, y=y + 20, w=40)
    pdf.image(signature_png(12), x=122, y=y + 18, w=42)
    pdf.line(15, y + 40, 95, y + 40)
    pdf.line(115, y + 40, 195, y + 40)
    pdf.text(15, y + 45, f"{s.contact}, {s.title}")
    pdf.text(115, y + 45, f"{b.contact}, {b.title}   {d_iso(day)}")


def render_label_pi(doc: Doc, bundle: Bundle, path: Path) -> None:
    """English-only PI made of 'Label: value' pairs, serif font, no ruled header."""
    f, d = doc.fields, doc.data
    s, b = d["supplier"], d["buyer"]
    day = dt.date.fromisoformat(f["document_date"])
    pdf = new_pdf(f"PI {f['document_number']}", s.contact, at(day, 15, 40), "Microsoft Word 2016", ("serif",))
    pdf.add_page()
    pdf.set_font("DejaVuSerif", "B", 14)
    line_out(pdf, 7, s.name)
    pdf.set_font("DejaVuSerif", "", 8.5)
    for text in (s.address, f"Tel: {s.phone}  |  Email: {s.email}"):
        line_out(pdf, 4.5, text)
    pdf.ln(6)
    pdf.set_font("DejaVuSerif", "B", 20)
    line_out(pdf, 10, "Proforma Invoice", "R")
    pdf.ln(3)
    font = "DejaVuSerif"
    pairs = [("PI No.", f["document_number"]), ("Date", d_long(day)), ("Alibaba.com Order No.", f["order_number"]),
             ("Customer", b.name), ("Address", b.address), ("Attention", f"{b.contact} ({b.email})")]
    for label, value in pairs:
        label_value(pdf, f"{label}:", value, 48, 5.5, font, 9.5)
    pdf.ln(4)
    for n, item in enumerate(d["items"], 1):
        pdf.set_font(font, "B", 10)
        line_out(pdf, 6, f"Item {n}: {item.model}")
        for label, value in (("Description", item.description), ("Quantity", f"{item.qty:,} {item.unit}"),
                             ("Unit price", f"USD {item.unit_price:.2f} {f['incoterm']}"),
                             ("Amount", f"USD {money(item.amount)}")):
            label_value(pdf, f"{label}:", value, 30, 5, font, 9, x=22)
        pdf.ln(1.5)
    total = Decimal(str(f["order_total"]))
    for label, value in (("Total quantity", f"{f['quantity']:,} pcs"), ("Total amount", f"USD {money(total)}"),
                         ("Amount in words", amount_in_words(total))):
        label_value(pdf, f"{label}:", value, 48, 5.5, font, 10)
    pdf.ln(4)
    pdf.set_font(font, "B", 11)
    line_out(pdf, 7, "Specifications")
    for label, value in d["specs"]:
        label_value(pdf, f"{label}:", value, 48, 5, font, 9)
    pdf.ln(4)
    pdf.set_font(font, "B", 11)
    line_out(pdf, 7, "Terms")
    terms = [("Price term", f"{f['incoterm']}, China"), ("Port of loading", "Zhongshan, Guangdong"),
             ("Delivery time", f"{d['lead_days']} days after receipt of deposit"),
             ("Payment", f["payment_terms"]),
             ("Payment channel", f"Alibaba.com Trade Assurance order {f['order_number']}"),
             ("Packing", "4 pcs per 5-ply carton, 600x600 / 300x1200 export cartons"),
             ("Validity", "This PI is valid for 10 days")]
    for label, value in terms:
        label_value(pdf, f"{label}:", value, 48, 5, font, 9)
    pdf.ln(8)
    pdf.set_font(font, "", 9)
    line_out(pdf, 5, "Best regards,")
    pdf.image(signature_png(31), x=pdf.get_x(), y=pdf.get_y(), w=38)
    pdf.ln(14)
    line_out(pdf, 5, f"{s.contact}, {s.title}")
    line_out(pdf, 5, s.name)
    pdf.output(str(path))


def render_xlsx_pi(doc: Doc, bundle: Bundle, path: Path) -> None:
    """Spreadsheet PI: company top-left, header block top-right, mixed 中文/English labels."""
    f, d = doc.fields, doc.data
    s, b = d["supplier"], d["buyer"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PI"
    bold, thin = Font(name="Arial", bold=True), Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for col, width in zip("ABCDEFG", (7, 11, 48, 12, 16, 16, 4)):
        ws.column_dimensions[col].width = width
    ws["A1"], ws["A1"].font = s.name_zh, Font(name="SimSun", size=16, bold=True)
    ws["A2"], ws["A2"].font = s.name.upper(), Font(name="Arial", size=11, bold=True)
    ws["A3"] = s.address
    ws["A4"] = f"Tel/WhatsApp: {s.phone}   Email: {s.email}"
    ws["E1"], ws["E1"].font = "PROFORMA INVOICE 形式发票", Font(name="Arial", size=13, bold=True, color="1F4E79")
    header = [("E2", "PI No. 编号:", "F2", f["document_number"]),
              ("E3", "Date 日期:", "F3", dt.date.fromisoformat(f["document_date"])),
              ("E4", "Order 订单号:", "F4", f["order_number"]),
              ("E5", "Valid 有效期:", "F5", "15 days")]
    for lcell, label, vcell, value in header:
        ws[lcell], ws[lcell].font = label, bold
        ws[vcell] = value
        ws[vcell].alignment = Alignment(horizontal="left")
    ws["F3"].number_format = "dd-mmm-yyyy"
    ws["A7"], ws["A7"].font = "To 买方:", bold
    ws["B7"], ws["B8"], ws["B9"] = b.name, b.address, f"Attn: {b.contact}  {b.email}"
    _xlsx_items(ws, d["items"], f, box, bold)
    _xlsx_terms(ws, d, f, bold)
    _xlsx_specs_sheet(wb, d["specs"], bold)
    props = wb.properties
    props.creator, props.lastModifiedBy, props.title = s.contact, s.contact, f"PI {f['document_number']}"
    props.created = dt.datetime(2026, 7, 20, 1, 35, 0)
    wb.save(path)
    normalize_zip(path, modified="2026-07-20T01:52:00Z")


def _xlsx_items(ws, items: list[Item], f: dict[str, Any], box: Border, bold: Font) -> None:
    heads = ["No. 序号", "Item 货号", "Description 品名/描述", "QTY 数量 (pcs)", "Unit Price 单价 (USD)", "Amount 金额 (USD)"]
    fill = PatternFill("solid", fgColor="DDEBF7")
    for col, head in enumerate(heads, 1):
        cell = ws.cell(row=11, column=col, value=head)
        cell.font, cell.fill, cell.border = bold, fill, box
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    row = 12
    for n, item in enumerate(items, 1):
        values = [n, item.model, f"{item.description}\n{item.description_zh}", item.qty, float(item.unit_price),
                  float(item.amount)]
        for col, value in enumerate(values, 1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.border = box
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=row, column=5).number_format = "0.00"
        ws.cell(row=row, column=6).number_format = "#,##0.00"
        ws.cell(row=row, column=4).number_format = "#,##0"
        ws.row_dimensions[row].height = 45
        row += 1
    ws.cell(row=row, column=3, value="TOTAL 合计 (FOB Xiamen)").font = bold
    ws.cell(row=row, column=4, value=f["quantity"]).number_format = "#,##0"
    total = ws.cell(row=row, column=6, value=f["order_total"])
    total.number_format, total.font = '"USD "#,##0.00', bold
    for col in range(1, 7):
        ws.cell(row=row, column=col).border = box


def _xlsx_terms(ws, d: dict[str, Any], f: dict[str, Any], bold: Font) -> None:
    terms = [("Terms 条款", ""),
             ("Price term 价格条款:", f"FOB {d['port']}"),
             ("交货期 Delivery:", f["ship_by"]),
             ("Payment 付款:", "100% by Alibaba.com Trade Assurance (credit card)"),
             ("Quality 质量:", "High quality, good material, premium finish 优质"),
             ("Packing 包装:", "export carton, mugs 32 pcs/ctn, plates 24 pcs/ctn"),
             ("Port of Loading 装运港:", d["port"]),
             ("Remark 备注:", "Colour may have small difference because of reactive glaze")]
    for offset, (label, value) in enumerate(terms):
        ws.cell(row=17 + offset, column=1, value=label).font = bold
        ws.cell(row=17 + offset, column=3, value=value)
    ws.cell(row=27, column=5, value="Grace Lin / 林").font = Font(name="Arial", italic=True)
    ws.cell(row=28, column=5, value=d["supplier"].name)


def _xlsx_specs_sheet(wb, specs: list[tuple[str, str]], bold: Font) -> None:
    ws = wb.create_sheet("Spec 规格")
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 70
    ws["A1"], ws["A1"].font = "Product spec 产品规格", Font(name="Arial", size=12, bold=True)
    for row, (label, value) in enumerate(specs, 3):
        ws.cell(row=row, column=1, value=label).font = bold
        ws.cell(row=row, column=2, value=value)


def normalize_zip(path: Path, modified: str) -> None:
    """Rewrite an OOXML zip with fixed entry times and a fixed dcterms:modified."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + modified.encode() + rb"\g<2>", data)
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)


# ---- contracts ------------------------------------------------------------------------

def render_contract_docx(doc: Doc, bundle: Bundle, path: Path) -> None:
    f, d = doc.fields, doc.data
    s, b = d["supplier"], d["buyer"]
    day = dt.date.fromisoformat(f["document_date"])
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Calibri", Pt(10)
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("SALES CONTRACT  销售合同")
    run.bold, run.font.size = True, Pt(16)
    meta = document.add_paragraph()
    meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
    meta.add_run(f"Contract No.: {f['document_number']}    Date: {d_long(day)}    "
                 f"Trade Assurance Order No.: {f['order_number']}")
    _docx_parties(document, s, b)
    _docx_article(document, "Article 1. Goods, Quantity and Price", "")
    _docx_goods_table(document, d["items"], d["charges"], f)
    _docx_article(document, "Article 2. Specifications",
                  "The goods shall conform to the following measurable specifications. A unit outside any "
                  "tolerance below is defective.")
    _docx_table(document, ["Parameter", "Requirement", "Tolerance", "Test method"],
                [(en, req, tol, method) for en, _zh, req, tol, method in d["specs"]], (4.2, 4.2, 2.8, 5.8))
    for heading, text in _contract_clauses(d, f):
        _docx_article(document, heading, text)
    _docx_signatures(document, s, b, day)
    core = document.core_properties
    core.author, core.last_modified_by, core.title = s.contact, b.contact, f"Sales Contract {f['document_number']}"
    core.created = dt.datetime(2026, 8, 19, 2, 10, 0)
    core.modified = dt.datetime(2026, 8, 20, 1, 38, 0)
    core.revision, core.comments, core.keywords = 3, "", f["order_number"]
    document.save(path)
    normalize_zip(path, modified="2026-08-20T01:38:00Z")


def _contract_clauses(d: dict[str, Any], f: dict[str, Any]) -> list[tuple[str, str]]:
    ship_by = d["ship_by"]
    return [
        ("Article 3. Quality Standard and Acceptance",
         f"Acceptance sampling per {d['aql']}. Critical defects: sharp edges, leakage, material other than SUS304. "
         "Major defects: any specification in Article 2 out of tolerance, dents visible at 1 m, coating peeling. "
         "Minor defects: light scratches, logo position deviation over 1 mm."),
        ("Article 4. Inspection",
         "The Buyer may appoint a recognized third-party inspection company (e.g. SGS, Bureau Veritas, Intertek, "
         "QIMA) to inspect the goods before shipment or within 30 days after delivery. If the inspection result is "
         "FAIL, the Seller shall remake the goods to specification or refund the Buyer in full, at the Seller's cost."),
        ("Article 5. Shipment",
         f"Ship Date: the Seller shall ship the goods on or before {d_long(ship_by)} ({d_iso(ship_by)}), "
         f"{f['incoterm']}, port of loading Ningbo, China; port of destination Seattle, WA, USA. Partial shipment "
         "and transshipment are not allowed."),
        ("Article 6. Payment",
         f"100% of the contract value, USD {money(Decimal(str(f['order_total'])))}, is paid by the Buyer through "
         f"Alibaba.com Trade Assurance order {f['order_number']}. No payment shall be made outside the platform."),
        ("Article 7. Packing and Marking",
         "Each bottle in a white box, 24 pcs per 5-ply export carton. Shipping mark: NORTHFIELD / PO number / "
         "HY-VB750 / C/NO. / MADE IN CHINA."),
        ("Article 8. Remedies",
         "Where the goods do not conform to this contract, the Seller shall, at the Buyer's choice, remake and ship "
         "conforming goods within 40 days or refund the price of the non-conforming goods."),
        ("Article 9. Disputes",
         "Disputes are settled through the Alibaba.com Trade Assurance dispute process. This contract is made in "
         f"English and Chinese; both texts are equally valid. It forms one agreement with PI {d['pi_number']}."),
    ]


def _docx_parties(document, s: Party, b: Party) -> None:
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for cell, role, party in ((table.rows[0].cells[0], "Seller 卖方", s), (table.rows[0].cells[1], "Buyer 买方", b)):
        para = cell.paragraphs[0]
        para.add_run(role + "\n").bold = True
        names = f"{party.name_zh}\n{party.name}" if party.name_zh else party.name
        para.add_run(f"{names}\n{party.address}\nRepresented by: {party.contact}, {party.title}\n"
                     f"Tel: {party.phone}  E-mail: {party.email}")
    document.add_paragraph()


def _docx_article(document, heading: str, text: str) -> None:
    para = document.add_paragraph()
    para.paragraph_format.space_before = Pt(8)
    run = para.add_run(heading)
    run.bold, run.font.color.rgb = True, RGBColor(0x1F, 0x3A, 0x68)
    if text:
        document.add_paragraph(text)


def _docx_table(document, heads: list[str], rows: list[tuple[str, ...]], widths: tuple[float, ...]):
    table = document.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, heads):
        cell.paragraphs[0].add_run(head).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.text = value
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)
    return table


def _docx_goods_table(document, items: list[Item], charges, f: dict[str, Any]) -> None:
    rows = [(item.model, item.description, f"{item.qty:,} pcs", f"USD {item.unit_price:.2f}", f"USD {money(item.amount)}")
            for item in items]
    rows += [("-", label, "1 lot", "", f"USD {money(value)}") for label, value in charges]
    rows.append(("", f"Total ({f['incoterm']})", f"{f['quantity']:,} pcs", "", f"USD {money(Decimal(str(f['order_total'])))}"))
    _docx_table(document, ["Model", "Description", "Quantity", "Unit price", "Amount"], rows, (2.8, 7.2, 2.2, 2.2, 2.6))
    document.add_paragraph("Total contract value: " + amount_in_words(Decimal(str(f["order_total"]))))


def _docx_signatures(document, s: Party, b: Party, day: dt.date) -> None:
    document.add_paragraph()
    table = document.add_table(rows=3, cols=2)
    for cell, text in zip(table.rows[0].cells, ("For and on behalf of the Seller", "For and on behalf of the Buyer")):
        cell.paragraphs[0].add_run(text).bold = True
    table.rows[1].cells[0].paragraphs[0].add_run().add_picture(signature_png(21), width=Cm(4))
    table.rows[1].cells[1].paragraphs[0].add_run().add_picture(signature_png(22), width=Cm(4))
    table.rows[2].cells[0].text = f"{s.contact}, {s.title}\n{s.name}\nDate: {d_iso(day)}"
    table.rows[2].cells[1].text = f"{b.contact}, {b.title}\n{b.name}\nDate: {d_iso(day + dt.timedelta(days=1))}"


def render_contract_pdf(doc: Doc, bundle: Bundle, path: Path) -> None:
    """Buyer's purchase contract, Times, numbered clauses, two signature blocks."""
    f, d = doc.fields, doc.data
    s, b = d["supplier"], d["buyer"]
    day, ship_by = dt.date.fromisoformat(f["document_date"]), d["ship_by"]
    pdf = new_pdf(f"Purchase Contract {f['document_number']}", b.contact, at(day, 11, 20, dt.timezone(dt.timedelta(hours=10))),
                  "Microsoft Word for Microsoft 365")
    pdf.add_page()
    pdf.set_font("Times", "B", 17)
    line_out(pdf, 9, "PURCHASE CONTRACT", "C")
    pdf.set_font("Times", "", 10.5)
    line_out(pdf, 6, f"Contract No. {f['document_number']}          Date: {d_long(day)}", "C")
    pdf.ln(4)
    for role, party in (("The Buyer", b), ("The Seller", s)):
        pdf.set_font("Times", "B", 10.5)
        pdf.cell(28, 5.5, role + ":")
        pdf.set_font("Times", "", 10.5)
        pdf.multi_cell(0, 5.5, f"{party.name}, {party.address} (represented by {party.contact}, {party.title})",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.multi_cell(0, 5.5, "The Buyer agrees to buy and the Seller agrees to sell the goods below on the following terms, "
                   f"under Alibaba.com Trade Assurance order No. {f['order_number']}.", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    _clause(pdf, "1. Commodity, quantity and price")
    pdf.set_font("Times", "", 10)
    with pdf.table(col_widths=(30, 70, 25, 25, 30), text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"),
                   line_height=5.5) as table:
        row = table.row()
        for head in ("Model", "Commodity", "Quantity", "Unit price", "Amount"):
            row.cell(head)
        for item in d["items"]:
            row = table.row()
            for value in (item.model, item.description, f"{item.qty:,} pcs", f"USD {item.unit_price:.2f}",
                          f"USD {money(item.amount)}"):
                row.cell(value)
        row = table.row()
        for value in ("", f"Total, {f['incoterm']}", f"{f['quantity']:,} pcs", "", f"USD {money(Decimal(str(f['order_total'])))}"):
            row.cell(value)
    pdf.ln(2)
    clauses = [
        ("2. Specifications", f"As per Seller's PI {d['pi_number']}: 40 W ±5%, 4,000 lm ±5%, 4000 K ±200 K, CRI > 80, "
                              "flicker-free isolated driver, SAA/RCM certified, dimensions ±1 mm. Warranty 3 years."),
        ("3. Quality and inspection", "ISO 2859-1 General Inspection Level II, AQL Critical 0 / Major 2.5 / Minor 4.0. "
                                      "The Buyer will appoint a third-party inspection company for a pre-shipment inspection."),
        ("4. Time of shipment", f"Latest shipment date: {d_long(ship_by)} ({d['lead_days']} days after the deposit). "
                                "Shipment after this date entitles the Buyer to claim under Trade Assurance."),
        ("5. Port of loading and destination", "Zhongshan, China to Melbourne, Australia."),
        ("6. Payment", f"30% deposit and 70% balance before shipment, paid through Alibaba.com Trade Assurance order "
                       f"No. {f['order_number']}."),
        ("7. Late delivery", "For each day of delay the Seller pays 0.5% of the contract value, up to 5%."),
        ("8. Packing and marks", "Export cartons, 4 pcs per carton; shipping marks per the Buyer's artwork KES-SM-03."),
        ("9. Governing terms", "This contract prevails over other documents where they differ."),
    ]
    for heading, text in clauses:
        _clause(pdf, heading)
        pdf.set_font("Times", "", 10.5)
        pdf.multi_cell(0, 5.2, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)
    _pdf_sign_blocks(pdf, [("THE BUYER", b, day, 41), ("THE SELLER", s, day, 42)], "Times")
    pdf.output(str(path))


def _clause(pdf: FPDF, heading: str) -> None:
    pdf.set_font("Times", "B", 11)
    line_out(pdf, 6.5, heading)


def _pdf_sign_blocks(pdf: FPDF, blocks: list[tuple[str, Party, dt.date, int]], font: str) -> None:
    if pdf.get_y() > 235:
        pdf.add_page()
    y = pdf.get_y() + 6
    for n, (role, party, day, seed) in enumerate(blocks):
        x = 15 + n * 95
        pdf.set_font(font, "B", 10)
        pdf.text(x, y, role)
        pdf.image(signature_png(seed), x=x, y=y + 2, w=40)
        pdf.line(x, y + 18, x + 75, y + 18)
        pdf.set_font(font, "", 9.5)
        pdf.text(x, y + 23, f"{party.contact}, {party.title}")
        pdf.text(x, y + 28, party.name)
        pdf.text(x, y + 33, f"Date: {d_long(day)}")
    pdf.set_y(y + 36)


# ---- payment records ------------------------------------------------------------------

def render_ta_receipt(doc: Doc, bundle: Bundle, path: Path) -> None:
    """A printed Trade Assurance order page showing the order paid to the platform account."""
    f, d = doc.fields, doc.data
    pdf = new_pdf(f"Order {f['order_number']} - Alibaba.com", "Alibaba.com", at(d["paid_on"], 23, 50),
                  "Chrome Print to PDF")
    pdf.add_page()
    pdf.set_fill_color(255, 106, 0)
    pdf.rect(0, 0, 210, 20, "F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Helvetica", "B", 16)
    pdf.text(15, 13, "Alibaba.com")
    pdf.set_font("Helvetica", "", 10)
    pdf.text(150, 13, "Trade Assurance  |  My Orders")
    pdf.set_text_color(34, 34, 34)
    pdf.set_y(28)
    pdf.set_font("Helvetica", "B", 14)
    line_out(pdf, 8, f"Order details  #{f['order_number']}")
    pdf.set_font("Helvetica", "", 9)
    line_out(pdf, 5, f"Order date: {d_abbr(d['order_date'])}    Status: Paid - Waiting for shipment    "
                     f"Trade Assurance: Protected")
    pdf.ln(4)
    _ta_section(pdf, "Supplier", [("Company", d["supplier"].name), ("Contact", d["supplier"].contact)])
    _ta_section(pdf, "Buyer", [("Company", d["buyer"].name), ("Contact", d["buyer"].contact)])
    _ta_section(pdf, "Products", [(i.model, f"{i.description}\n{i.qty:,} pieces x US ${i.unit_price:.2f} = "
                                            f"US ${money(i.amount)}") for i in d["items"]])
    total = Decimal(str(f["order_total"]))
    charges = [(label.split(" / ")[0], f"US ${money(value)}") for label, value in d["charges"]]
    product_total = sum((i.amount for i in d["items"]), Decimal("0"))
    _ta_section(pdf, "Order amount", [("Product total", f"US ${money(product_total)}"), *charges,
                                      ("Shipping", f"{d.get('incoterm', 'FOB Ningbo')} (buyer's forwarder)"),
                                      ("Total", f"US ${money(total)}")])
    _ta_section(pdf, "Payment", [
        ("Payment status", "Paid in full"),
        ("Amount paid", f"US ${money(Decimal(str(f['amount_paid'])))}"),
        ("Payment date", f"{d_abbr(d['paid_on'])} {d.get('paid_time', '09:41 (GMT-7)')}"),
        ("Payment method", "Bank transfer (T/T) to Alibaba.com designated account"),
        ("Beneficiary", d["beneficiary"]),
        ("Beneficiary bank", f"{d['bank']}  SWIFT {d['swift']}"),
        ("Beneficiary account", f"{d['account']} (virtual account assigned to this buyer)"),
        ("Transaction ID", f["document_number"]),
    ])
    shipping = [("Latest shipment date", d_abbr(d["ship_by"]))] if d.get("ship_by") else []  # a payment page may omit it
    _ta_section(pdf, "Shipping", [*shipping,
                                  ("Protection", "On-time shipment and product quality covered by Trade Assurance")])
    pdf.set_font("Helvetica", "", 7.5)
    pdf.set_text_color(120, 120, 120)
    line_out(pdf, 4, f"Printed {d_abbr(d['paid_on'])} 23:50  -  https://biz.alibaba.com/ta/detail.htm?orderId={f['order_number']}")
    pdf.output(str(path))


def _ta_section(pdf: FPDF, title: str, rows: list[tuple[str, str]]) -> None:
    pdf.set_fill_color(245, 245, 245)
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 7, "  " + title, fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 9)
    for label, value in rows:
        pdf.set_x(18)
        pdf.set_text_color(110, 110, 110)
        pdf.cell(52, 5.8, label)
        pdf.set_text_color(34, 34, 34)
        pdf.multi_cell(0, 5.8, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


def render_card_receipt(doc: Doc, bundle: Bundle, path: Path) -> None:
    """Platform card payment receipt (e-mail style), DejaVu Sans."""
    f, d = doc.fields, doc.data
    paid = d["paid_at"]
    pdf = new_pdf("Payment receipt", "Alibaba.com", dt.datetime.combine(paid.date(), paid.time(), TZ_CN),
                  "Alibaba.com", ("dejavu",))
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 12)
    pdf.set_text_color(255, 106, 0)
    line_out(pdf, 7, "Alibaba.com")
    pdf.set_text_color(30, 30, 30)
    pdf.set_font("DejaVu", "B", 18)
    pdf.ln(6)
    line_out(pdf, 10, "Payment successful")
    pdf.set_font("DejaVu", "", 10)
    line_out(pdf, 6, f"Dear {d['buyer'].contact}, we have received your payment for order {f['order_number']}.")
    pdf.ln(6)
    rows = [("Payment ID", f["document_number"]), ("Date", f"{paid:%d %b %Y, %H:%M} (GMT+8)"),
            ("Order number", f["order_number"]), ("Supplier", d["supplier"].name),
            ("Paid to", f["beneficiary_name"]), ("Payment method", f"{d['card']} ({d['cardholder']})"),
            ("Order amount", f"USD {money(d['total'])}"), (f"Transaction fee ({d['fee_rate']})", f"USD {money(d['fee'])}"),
            ("Total charged", f"USD {money(d['total'] + d['fee'])}")]
    pdf.set_draw_color(220, 220, 220)
    for label, value in rows:
        pdf.set_font("DejaVu", "", 10)
        pdf.cell(60, 8, label, border="B")
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(0, 8, value, border="B", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(8)
    pdf.set_font("DejaVu", "", 8.5)
    pdf.set_text_color(110, 110, 110)
    pdf.multi_cell(0, 4.5, "Your order is protected by Trade Assurance. Funds are held by Alibaba.com Singapore "
                   "E-Commerce Private Limited and released to the supplier according to the order terms. "
                   "The charge appears on your card statement as ALIBABA.COM SINGAPORE.",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.output(str(path))


def render_tt_slip(doc: Doc, bundle: Bundle, path: Path) -> None:
    """A bank's international money transfer confirmation (direct T/T)."""
    f, d = doc.fields, doc.data
    aest = dt.timezone(dt.timedelta(hours=10))
    when = d["time"].replace(tzinfo=aest)
    usd = Decimal(str(f["amount_paid"]))
    aud = (usd / d["rate"]).quantize(Decimal("0.01"))
    pdf = new_pdf("International Money Transfer confirmation", "National Australia Bank", when, "NAB Connect")
    pdf.add_page()
    pdf.set_fill_color(200, 16, 46)
    pdf.rect(15, 15, 14, 14, "F")
    pdf.set_font("Helvetica", "B", 15)
    pdf.set_xy(33, 15)
    pdf.cell(0, 7, "National Australia Bank Limited")
    pdf.set_font("Helvetica", "", 8)
    pdf.set_xy(33, 22)
    pdf.cell(0, 5, "ABN 12 004 044 937  AFSL and Australian Credit Licence 230686")
    pdf.set_y(38)
    pdf.set_font("Helvetica", "B", 13)
    line_out(pdf, 8, "International Money Transfer - Transaction Confirmation")
    pdf.set_font("Helvetica", "", 9)
    line_out(pdf, 5, f"Status: COMPLETED     Submitted {d_dmy(when.date())} {when:%H:%M:%S} AEST")
    pdf.ln(3)
    sections = [
        ("Transfer details", [("Reference number", f["document_number"]), ("Value date", d_dmy(when.date())),
                              ("Amount sent", f"USD {money(usd)}"), ("Exchange rate", f"1 AUD = {d['rate']} USD"),
                              ("Amount debited", f"AUD {money(aud)}"), ("Transfer fee", f"AUD {money(d['fee_aud'])}"),
                              ("Charges", "OUR (all charges paid by sender)")]),
        ("From", [("Account name", d["buyer"].name), ("BSB / Account", "083-170 / ****5521")]),
        ("Beneficiary", [("Beneficiary name", d["beneficiary"]), ("Beneficiary address", d["address"]),
                         ("Account number", d["account"]), ("Beneficiary bank", d["bank"]),
                         ("Bank address", d["bank_address"]), ("SWIFT / BIC", d["swift"]),
                         ("Country", "Hong Kong SAR")]),
        ("Message to beneficiary", [("Remittance information", "GOODS PAYMENT"), ("Purpose", "Purchase of goods")]),
    ]
    for title, rows in sections:
        pdf.set_font("Helvetica", "B", 10)
        pdf.set_text_color(200, 16, 46)
        line_out(pdf, 7, title)
        pdf.set_text_color(0, 0, 0)
        for label, value in rows:
            pdf.set_font("Helvetica", "", 9)
            pdf.cell(55, 5.6, label, border="B")
            pdf.set_font("Helvetica", "B", 9)
            pdf.cell(0, 5.6, value, border="B", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
    pdf.set_font("Helvetica", "", 7.5)
    pdf.multi_cell(0, 4, "Please check the beneficiary details. Funds sent overseas cannot be recalled once the "
                   "beneficiary bank has credited the account. Keep this confirmation for your records.",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.output(str(path))


# ---- shipping documents ---------------------------------------------------------------

BL_LABELS_CLASSIC = {
    "shipper": "SHIPPER / EXPORTER", "consignee": "CONSIGNEE", "notify": "NOTIFY PARTY",
    "vessel": "OCEAN VESSEL / VOY. NO.", "pol": "PORT OF LOADING", "pod": "PORT OF DISCHARGE",
    "delivery": "PLACE OF DELIVERY", "marks": "MARKS & NOS.", "packages": "NO. OF PKGS",
    "goods": "DESCRIPTION OF GOODS", "weight": "GROSS WEIGHT", "measure": "MEASUREMENT",
    "title": "BILL OF LADING", "number": "B/L NO.",
}
BL_LABELS_MODERN = {
    "shipper": "Shipper", "consignee": "Consignee (not negotiable unless consigned to order)",
    "notify": "Notify Party", "vessel": "Vessel / Voyage", "pol": "Port of Loading", "pod": "Port of Discharge",
    "delivery": "Place of Delivery", "marks": "Container / Seal / Marks", "packages": "Packages",
    "goods": "Description of Packages and Goods", "weight": "Gross Weight", "measure": "Measurement",
    "title": "OCEAN BILL OF LADING", "number": "Bill of Lading No.",
}


def render_bl_grid_courier(doc: Doc, bundle: Bundle, path: Path) -> None:
    on_board = dt.date.fromisoformat(doc.fields["shipped_on"])
    _bl_grid(doc, path, "Courier", BL_LABELS_CLASSIC,
             f"LADEN ON BOARD THE VESSEL\nDATE: {d_upper(on_board)}\nBY: {doc.data['carrier'].upper()}",
             f"NINGBO, {d_upper(on_board)}", "THREE (3)", "FREIGHT COLLECT")


def render_bl_sheet(doc: Doc, bundle: Bundle, path: Path) -> None:
    """A carrier's B/L copy laid out as two-column tables with an on-board stamp box."""
    f, d = doc.fields, doc.data
    s, c, lab = d["shipper"], d["consignee"], BL_LABELS_MODERN
    on_board = dt.date.fromisoformat(f["shipped_on"])
    pdf = new_pdf(f"B/L {f['document_number']}", d["carrier"], at(on_board, 19, 30), "ShipmentLink", margins=12)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(106, 8, d["carrier"].upper())
    pdf.set_font("Helvetica", "", 8)
    pdf.multi_cell(0, 4, f"{lab['number']}: {f['document_number']}\nBooking No.: ZSML2609187\n"
                   f"Export references: Alibaba.com order {f['order_number']}", border=1,
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 12)
    line_out(pdf, 7, f"{lab['title']} - COPY NOT NEGOTIABLE", "C")
    pdf.set_font("Helvetica", "", 8)
    pairs = [((lab["shipper"], f"{s.name}\n{s.address}"), (lab["consignee"], f"{c.name}\n{c.address}")),
             ((lab["notify"], f"Same as consignee - {c.contact}, {c.phone}"), ("Place of Receipt", "Zhongshan CY")),
             ((lab["vessel"], f"{d['vessel']} / {d['voyage']}"), (lab["pol"], f["port_of_loading"])),
             ((lab["pod"], f["port_of_discharge"]), (lab["delivery"], "Melbourne CY, Australia"))]
    with pdf.table(col_widths=(93, 93), line_height=4.2, first_row_as_headings=False) as table:
        for (l1, v1), (l2, v2) in pairs:
            row = table.row()
            row.cell(f"{l1}\n{v1}")
            row.cell(f"{l2}\n{v2}")
    pdf.ln(3)
    pdf.set_font("Helvetica", "", 8)
    with pdf.table(col_widths=(36, 24, 70, 28, 28), line_height=4.2,
                   headings_style=_heading_style(pdf, "Helvetica", (232, 232, 232))) as table:
        row = table.row()
        for head in (lab["marks"], lab["packages"], lab["goods"], lab["weight"], lab["measure"]):
            row.cell(head)
        row = table.row()
        for value in (d["container"], d["packages"], f"SAID TO CONTAIN:\n{d['goods']}\nTOTAL {f['quantity']:,} PCS\n"
                      "SHIPPER'S LOAD, COUNT AND SEAL", d["gross_weight"], d["measurement"]):
            row.cell(value)
    pdf.ln(4)
    y = pdf.get_y()
    pdf.set_draw_color(30, 60, 140)
    pdf.set_text_color(30, 60, 140)
    pdf.set_line_width(0.8)
    pdf.rect(120, y, 70, 22)
    pdf.rect(121.5, y + 1.5, 67, 19)
    pdf.set_font("Helvetica", "B", 10)
    pdf.set_xy(120, y + 3)
    pdf.multi_cell(70, 5, f"SHIPPED ON BOARD\n{on_board:%d %b %Y}".upper() + f"\n{d['vessel']} {d['voyage']}", align="C")
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.set_xy(12, y)
    pdf.set_font("Helvetica", "", 8.5)
    for label, value in (("Freight", "FREIGHT COLLECT - FOB ZHONGSHAN"), ("Freight payable at", "Destination"),
                         ("Place and date of issue", f"Zhongshan, {on_board:%d %b %Y}"),
                         ("Number of original B/L", "3/3 (THREE)")):
        label_value(pdf, label + ":", value, 38, 5, "Helvetica", 8.5, w=62)
    pdf.ln(8)
    pdf.image(signature_png(hash_seed(f["document_number"])), x=130, y=pdf.get_y(), w=40)
    pdf.set_y(pdf.get_y() + 16)
    pdf.set_x(120)
    pdf.set_font("Helvetica", "", 7.5)
    pdf.multi_cell(75, 3.6, f"Signed for the carrier by\n{d['carrier']} as agent", align="C")
    pdf.output(str(path))


def _bl_grid(doc: Doc, path: Path, font: str, labels: dict[str, str], on_board: str, issued: str,
             originals: str, freight: str) -> None:
    f, d = doc.fields, doc.data
    s, c = d["shipper"], d["consignee"]
    day = dt.date.fromisoformat(f["document_date"])
    pdf = new_pdf(f"B/L {f['document_number']}", d["carrier"], at(day, 18, 5), "CargoWise", margins=10)
    pdf.add_page()
    size = 7.6 if font == "Courier" else 7.8
    box = _bl_box_writer(pdf, font, size)
    box(10, 10, 100, 24, labels["shipper"], f"{s.name.upper()}\n{s.address.upper()}\nTEL {s.phone}")
    box(110, 10, 90, 12, labels["number"], f["document_number"], bold=True)
    pdf.set_font(font, "B", 15)
    pdf.set_xy(110, 22)
    pdf.multi_cell(90, 6, f"{labels['title']}\n{d['carrier'].upper()}", align="C")
    box(10, 34, 100, 22, labels["consignee"], f"{c.name.upper()}\n{c.address.upper()}")
    box(10, 56, 100, 16, labels["notify"], f"SAME AS CONSIGNEE\nATTN: {c.contact.upper()} {c.phone}")
    box(110, 46, 90, 26, "FOR DELIVERY OF GOODS PLEASE APPLY TO", f"{d['carrier']} / destination agent\n"
        f"REF: TRADE ASSURANCE ORDER {f['order_number']}")
    box(10, 72, 50, 12, labels["vessel"], f"{d['vessel']} {d['voyage']}")
    box(60, 72, 50, 12, labels["pol"], f["port_of_loading"].upper())
    box(110, 72, 45, 12, labels["pod"], f["port_of_discharge"].upper())
    box(155, 72, 45, 12, labels["delivery"], d.get("place_of_delivery", f["port_of_discharge"]).upper())
    pdf.rect(10, 84, 190, 96)
    for x, label in ((10, labels["marks"]), (55, labels["packages"]), (80, labels["goods"]),
                     (150, labels["weight"]), (175, labels["measure"])):
        pdf.set_font(font, "", 6.5)
        pdf.set_xy(x + 1, 85)
        pdf.cell(0, 3, label)
    pdf.line(10, 89, 200, 89)
    pdf.set_font(font, "", size)
    _bl_column(pdf, 11, 91, 43, d.get("marks", d["container"]))
    _bl_column(pdf, 56, 91, 23, d["packages"])
    _bl_column(pdf, 81, 91, 68, f"SAID TO CONTAIN:\n{d['goods']}\nTOTAL {f['quantity']:,} PCS\n\n{freight}\n"
               + ("SAID TO BE CONSOLIDATED CARGO (LCL)" if "LCL" in d["container"] else "SHIPPER'S LOAD, COUNT AND SEAL")
               + (f"\n{d['container']}" if "marks" in d else ""))
    _bl_column(pdf, 151, 91, 24, d["gross_weight"])
    _bl_column(pdf, 176, 91, 24, d["measurement"])
    box(10, 180, 95, 22, "SHIPPED ON BOARD", on_board, bold=True)
    box(105, 180, 50, 11, "PLACE AND DATE OF ISSUE", issued)
    box(155, 180, 45, 11, "NUMBER OF ORIGINAL B(S)/L", originals)
    box(105, 191, 95, 11, "FREIGHT PAYABLE AT", "DESTINATION")
    pdf.set_font(font, "", 6.5)
    pdf.set_xy(10, 205)
    pdf.multi_cell(120, 3.2, "RECEIVED by the Carrier the goods as specified above in apparent good order and condition "
                   "unless otherwise stated, to be transported to the place agreed. One original Bill of Lading, duly "
                   "endorsed, must be surrendered in exchange for the goods. In witness whereof the number of original "
                   "Bills of Lading stated above have been signed, one of which being accomplished the others to stand void.")
    pdf.image(signature_png(hash_seed(f["document_number"])), x=145, y=208, w=40)
    pdf.line(140, 226, 200, 226)
    pdf.set_font(font, "", 7)
    pdf.set_xy(140, 227)
    pdf.multi_cell(60, 3.5, f"SIGNED AS AGENT FOR THE CARRIER\n{d['carrier'].upper()}")
    pdf.output(str(path))


def _bl_box_writer(pdf: FPDF, font: str, size: float):
    def box(x: float, y: float, w: float, h: float, label: str, value: str, bold: bool = False) -> None:
        pdf.rect(x, y, w, h)
        pdf.set_font(font, "", 6.5)
        pdf.set_xy(x + 1, y + 0.8)
        pdf.cell(w - 2, 3, label)
        pdf.set_font(font, "B" if bold else "", size + (2 if bold else 0))
        pdf.set_xy(x + 1, y + 4.2)
        pdf.multi_cell(w - 2, 3.6, value)
    return box


def _bl_column(pdf: FPDF, x: float, y: float, w: float, text: str) -> None:
    pdf.set_xy(x, y)
    pdf.multi_cell(w, 3.8, text)


def hash_seed(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def render_bl_list(doc: Doc, bundle: Bundle, path: Path) -> None:
    """A forwarder's house B/L laid out as a list of fields, no grid."""
    f, d = doc.fields, doc.data
    s, c = d["shipper"], d["consignee"]
    on_board = dt.date.fromisoformat(f["shipped_on"])
    pdf = new_pdf(f"HBL {f['document_number']}", d["carrier"], at(on_board, 20, 12), "FreightDesk 4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 13)
    line_out(pdf, 7, d["carrier"].upper())
    pdf.set_font("Helvetica", "", 8)
    line_out(pdf, 4, "Room 1508, Xiangyu Building, Huli District, Xiamen, Fujian, China  |  NVOCC MOC-NV0718")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 16)
    line_out(pdf, 9, "HOUSE BILL OF LADING", "C")
    pdf.set_font("Helvetica", "", 10)
    line_out(pdf, 6, f"HBL No.: {f['document_number']}", "C")
    pdf.ln(4)
    rows = [
        ("Shipper", f"{s.name}, {s.address}"), ("Consignee", f"{c.name}, {c.address}"),
        ("Notify", f"{c.contact}, {c.phone}, {c.email}"),
        ("Vessel / Voyage", f"{d['vessel']} / {d['voyage']}"), ("Port of loading", f["port_of_loading"]),
        ("Port of discharge", f["port_of_discharge"]), ("Final destination", "Bristol, United Kingdom"),
        ("Container / seal", d["container"]), ("Packages", d["packages"]),
        ("Goods", d["goods"]), ("Total quantity", f"{f['quantity']:,} PCS"),
        ("Gross weight", d["gross_weight"]), ("Measurement", d["measurement"]),
        ("Buyer's order ref.", f"Alibaba.com order {f['order_number']}"),
        ("Freight", "COLLECT, as arranged (FOB Xiamen)"), ("Terms", "CY / CY"),
        ("On board date", f"{on_board:%d %b %Y}"), ("Place / date of issue", f"Xiamen, {on_board:%d %b %Y}"),
        ("Originals", "3 (three)"),
    ]
    for label, value in rows:
        label_value(pdf, label, value, 45, 6, "Helvetica", 9.5)
    pdf.ln(10)
    pdf.image(signature_png(51), x=130, y=pdf.get_y(), w=40)
    pdf.set_y(pdf.get_y() + 16)
    pdf.set_x(125)
    pdf.set_font("Helvetica", "", 8)
    pdf.multi_cell(70, 4, f"As carrier / NVOCC\n{d['carrier']}", align="C")
    pdf.output(str(path))


def render_pod(doc: Doc, bundle: Bundle, path: Path) -> None:
    """US trucker's delivery receipt with month-first dates."""
    f, d = doc.fields, doc.data
    c, when = d["consignee"], d["delivered"]
    pacific = dt.timezone(dt.timedelta(hours=-8))
    pdf = new_pdf(f"Delivery Receipt {f['document_number']}", "Cascade Drayage & Cartage Inc.",
                  when.replace(tzinfo=pacific) + dt.timedelta(minutes=45), "DispatchTrack")
    pdf.add_page()
    pdf.set_font("Times", "B", 16)
    line_out(pdf, 8, "CASCADE DRAYAGE & CARTAGE INC.")
    pdf.set_font("Times", "", 9)
    line_out(pdf, 4.5, "7720 N Burgard Way, Portland, OR 97203  -  USDOT 2841976  -  (503) 555-0199")
    pdf.ln(5)
    pdf.set_font("Times", "B", 14)
    line_out(pdf, 8, "DELIVERY RECEIPT / PROOF OF DELIVERY", "C")
    pdf.ln(2)
    pdf.set_font("Times", "", 10.5)
    rows = [("DR No.", f["document_number"]), ("Ocean B/L No.", f["bill_of_lading"]),
            ("Customer PO / Order", f["order_number"]), ("Pick-up", d["pickup"]),
            ("Consignee", f"{c.name}, {c.address}"),
            ("Appointment", f"{when:%a %b} {when.day}, {when.year}, 1:00-3:00 PM"),
            ("Delivered", f"{d_mdy(when.date())} {when:%I:%M %p}"),
            ("Pieces", f"{d['packages']} cartons ({f['quantity']:,} pcs per packing list)"),
            ("Weight", d["weight_lb"]), ("Driver", d["driver"])]
    for label, value in rows:
        label_value(pdf, f"{label}:", value, 45, 6.5, "Times", 10.5)
    pdf.ln(4)
    pdf.set_font("Times", "I", 9.5)
    pdf.multi_cell(0, 5, "Received the above described freight in apparent good order, except as noted. "
                   "Exceptions: NONE (cartons not opened at delivery; contents not inspected).",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    y = pdf.get_y()
    pdf.image(signature_png(61), x=20, y=y, w=38)
    pdf.line(15, y + 16, 95, y + 16)
    pdf.set_font("Times", "", 9.5)
    pdf.text(15, y + 21, f"Received by: {d['received_by']} (print)   {d_mdy(when.date())}")
    pdf.output(str(path))


# ---- inspection reports ---------------------------------------------------------------

def render_bv_report(doc: Doc, bundle: Bundle, path: Path) -> None:
    """Third-party inspection report, two pages, DejaVu Sans, red FAIL verdict box."""
    f, d = doc.fields, doc.data
    day, inspected = dt.date.fromisoformat(f["document_date"]), dt.date.fromisoformat(f["inspection_date"])
    pdf = new_pdf(f"Inspection Report {f['document_number']}", "Bureau Veritas Consumer Products Services",
                  at(day, 16, 30, dt.timezone(dt.timedelta(hours=-8))), "BV Inspection Suite", ("dejavu",))
    pdf.add_page()
    _bv_header(pdf, f)
    rows = [("Report No.", f["document_number"]), ("Report date", d_long(day)),
            ("Inspection type", "Final Random Inspection at destination (post-delivery)"),
            ("Inspection date", d_long(inspected)),
            ("Inspection place", f"{d['buyer'].name} warehouse, {d['buyer'].address}"),
            ("Client", d["buyer"].name), ("Supplier / manufacturer", d["supplier"].name),
            ("PO / Trade Assurance order", f["order_number"]), ("Product", d["product"]),
            ("Order quantity", f"{f['quantity']:,} pcs"), ("Lot inspected", f"{f['quantity']:,} pcs (125 cartons)"),
            ("Sampling plan", d["aql"]), ("Sample size", f"{f['sample_size']} pcs (code letter K)"),
            ("Inspector", d["inspector"])]
    pdf.set_font("DejaVu", "", 8.5)
    with pdf.table(col_widths=(55, 125), line_height=5, first_row_as_headings=False) as table:
        for label, value in rows:
            row = table.row()
            row.cell(label, style=_bold_face())
            row.cell(value)
    pdf.ln(5)
    _bv_result_box(pdf, f)
    _bv_defect_summary(pdf, f)
    pdf.add_page()
    _bv_header(pdf, f)
    _bv_defects_and_measurements(pdf, d)
    _bv_signoff(pdf, d, day)
    pdf.output(str(path))


def _bold_face():
    from fpdf.fonts import FontFace
    return FontFace(emphasis="BOLD")


def _bv_header(pdf: FPDF, f: dict[str, Any]) -> None:
    pdf.set_fill_color(0, 51, 102)
    pdf.rect(15, 12, 180, 14, "F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("DejaVu", "B", 13)
    pdf.text(19, 21, "BUREAU VERITAS")
    pdf.set_font("DejaVu", "", 8)
    pdf.text(80, 18, "Consumer Products Services - Inspection Report")
    pdf.text(80, 23, f"Report No. {f['document_number']}    Page {pdf.page_no()} of 2")
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(31)


def _bv_result_box(pdf: FPDF, f: dict[str, Any]) -> None:
    pdf.set_font("DejaVu", "B", 12)
    pdf.set_fill_color(200, 30, 30)
    pdf.set_text_color(255, 255, 255)
    pdf.cell(60, 10, "  OVERALL RESULT", fill=True)
    pdf.cell(40, 10, f["inspection_result"].upper(), fill=True, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "", 8.5)
    pdf.ln(2)
    pdf.multi_cell(0, 4.6, "The lot does not conform: major defects exceed the acceptance number at AQL 2.5, and the "
                   "measured wall thickness, net weight, heat retention and coating adhesion are outside the "
                   "specification of contract HY-SC-260819.", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def _bv_defect_summary(pdf: FPDF, f: dict[str, Any]) -> None:
    found, allowed = f["defects"], f["allowed"]
    with pdf.table(col_widths=(40, 30, 35, 35, 40), text_align="CENTER", line_height=6,
                   headings_style=_heading_style(pdf, "DejaVu", (220, 228, 238))) as table:
        row = table.row()
        for head in ("Defect class", "AQL", "Found", "Accept / Reject", "Verdict"):
            row.cell(head)
        for key, aql in (("critical", "0"), ("major", "2.5"), ("minor", "4.0")):
            row = table.row()
            verdict = "PASS" if found[key] <= allowed[key] else "FAIL"
            for value in (key.title(), aql, str(found[key]), f"{allowed[key]} / {allowed[key] + 1}", verdict):
                row.cell(value)


def _bv_defects_and_measurements(pdf: FPDF, d: dict[str, Any]) -> None:
    pdf.set_font("DejaVu", "B", 10)
    line_out(pdf, 7, "1. Defects found (sample of 125 pcs)")
    pdf.set_font("DejaVu", "", 8.5)
    with pdf.table(col_widths=(25, 125, 30), line_height=5,
                   headings_style=_heading_style(pdf, "DejaVu", (220, 228, 238))) as table:
        row = table.row()
        for head in ("Class", "Description", "Qty"):
            row.cell(head)
        for cls, text, count in d["defect_list"]:
            row = table.row()
            for value in (cls, text, str(count)):
                row.cell(value)
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 10)
    line_out(pdf, 7, "2. Measurements and on-site tests")
    pdf.set_font("DejaVu", "", 8.5)
    with pdf.table(col_widths=(42, 36, 50, 22, 30), line_height=5,
                   headings_style=_heading_style(pdf, "DejaVu", (220, 228, 238))) as table:
        row = table.row()
        for head in ("Check", "Requirement", "Measured", "Samples", "Result"):
            row.cell(head)
        for values in d["measurements"]:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(4)


def _bv_signoff(pdf: FPDF, d: dict[str, Any], day: dt.date) -> None:
    pdf.set_font("DejaVu", "", 8)
    pdf.multi_cell(0, 4.2, "This report reflects the findings at the time and place of inspection on the samples "
                   "drawn at random per ISO 2859-1. It does not release the supplier from its contractual obligations.",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    y = pdf.get_y()
    for x, seed, role, name in ((15, 71, "Inspector", d["inspector"]), (110, 72, "Reviewed by", d["reviewer"])):
        pdf.image(signature_png(seed), x=x, y=y, w=36)
        pdf.line(x, y + 14, x + 70, y + 14)
        pdf.text(x, y + 18, f"{role}: {name}   {d_iso(day)}")


def render_vtrust_report(doc: Doc, bundle: Bundle, path: Path) -> None:
    """Pre-shipment inspection report, Helvetica, checklist style with an amber PENDING verdict."""
    f, d = doc.fields, doc.data
    day = dt.date.fromisoformat(f["document_date"])
    pdf = new_pdf(f"PSI report {f['document_number']}", "V-Trust Inspection Service", at(day, 21, 10),
                  "V-Trust report system")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.set_text_color(0, 112, 60)
    pdf.cell(90, 10, "V-Trust")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Helvetica", "", 8)
    pdf.multi_cell(0, 4, "V-Trust Inspection Service\nThird-party quality control in China and Asia", align="R",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 13)
    line_out(pdf, 8, "INSPECTION REPORT - Pre-Shipment Inspection (PSI)")
    info = [("Report No.", f["document_number"], "Inspection date", d_abbr(day)),
            ("Client", d["buyer"].name, "Supplier", d["supplier"].name),
            ("PO / Alibaba order", f["order_number"], "PI No.", d["pi_number"]),
            ("Product", "LED panel light 40 W", "Order qty", f"{f['quantity']:,} pcs"),
            ("Presented qty", f"{f['quantity_presented']:,} pcs packed (80%)", "Inspector", d["inspector"]),
            ("Sampling", "ISO 2859-1 Level II", "Sample size", f"{f['sample_size']} pcs (code L)")]
    pdf.set_font("Helvetica", "", 8.5)
    with pdf.table(col_widths=(28, 62, 26, 64), line_height=5, first_row_as_headings=False) as table:
        for a, b_, c, e in info:
            row = table.row()
            row.cell(a, style=_bold_face())
            row.cell(b_)
            row.cell(c, style=_bold_face())
            row.cell(e)
    pdf.ln(5)
    pdf.set_fill_color(255, 176, 0)
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 11, f"Inspection result: {f['inspection_result'].upper()}", fill=True, align="C",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 8.5)
    pdf.multi_cell(0, 4.6, "Pending: final decision by the client. Production not finished at the time of inspection "
                   "and shipping marks differ from the client's artwork KES-SM-03.", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    checks = [("1", "Quantity", "Not conform", "4,160 of 5,200 pcs finished and packed; 1,040 pcs still on the line"),
              ("2", "Workmanship (AQL)", "Conform", _vt_aql_text(f)),
              ("3", "Product specification", "Conform", "40 W ±5% (39.2-40.6 W), 4,000 lm ±5%, 4000 K ±200 K on 8 pcs"),
              ("4", "Function and safety", "Conform", "Lighting test 200/200 OK; hi-pot 1,500 V 1 s on 8 pcs OK"),
              ("5", "Packing and marking", "Not conform", "Shipping marks do not show client's item code and PO"),
              ("6", "Carton drop test", "Conform", "ISTA 1A, 2 cartons, no damage")]
    with pdf.table(col_widths=(8, 42, 28, 102), line_height=5,
                   headings_style=_heading_style(pdf, "Helvetica", (214, 236, 222))) as table:
        row = table.row()
        for head in ("#", "Checkpoint", "Result", "Remarks"):
            row.cell(head)
        for values in checks:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(6)
    pdf.image(signature_png(81), x=15, y=pdf.get_y(), w=34)
    pdf.set_y(pdf.get_y() + 14)
    pdf.set_font("Helvetica", "", 8.5)
    line_out(pdf, 5, f"Inspector: {d['inspector']}    Date: {d_abbr(day)}    Zhongshan, Guangdong")
    pdf.output(str(path))


def _vt_aql_text(f: dict[str, Any]) -> str:
    found, allowed = f["defects"], f["allowed"]
    return (f"Critical {found['critical']} (Ac {allowed['critical']}), Major {found['major']} (Ac {allowed['major']}), "
            f"Minor {found['minor']} (Ac {allowed['minor']}) on {f['sample_size']} samples")


def render_supplier_qc(doc: Doc, bundle: Bundle, path: Path) -> None:
    """The supplier's own QC department report (not third-party), bilingual, says PASS."""
    f, d = doc.fields, doc.data
    s, day = d["supplier"], dt.date.fromisoformat(f["document_date"])
    pdf = new_pdf(f"出货检验报告 {f['document_number']}", "QC", at(day, 17, 0), "WPS Office", ("cjk",))
    pdf.add_page()
    pdf.set_font("WQY", "", 14)
    line_out(pdf, 8, f"{s.name_zh} 品质部", "C")
    pdf.set_font("WQY", "", 10)
    line_out(pdf, 6, f"{s.name} - QC Department", "C")
    pdf.set_font("WQY", "", 15)
    line_out(pdf, 10, "出货检验报告  Final Inspection Report", "C")
    pdf.ln(2)
    pdf.set_font("WQY", "", 9.5)
    rows = [("报告编号 Report No.", f["document_number"]), ("检验日期 Date", d_zh(day) + f" ({d_iso(day)})"),
            ("客户 Customer", d["buyer"].name), ("订单号 Order No.", f["order_number"]),
            ("产品 Products", " / ".join(f"{i.model} {i.qty:,} pcs" for i in d["items"])),
            ("数量 Quantity", f"{f['quantity']:,} pcs"), ("抽样 Sample", d["sample"])]
    for label, value in rows:
        pdf.cell(50, 7, label, border=1)
        pdf.cell(130, 7, value, border=1, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.cell(90, 7, "检验项目 Check item", border=1, align="C")
    pdf.cell(90, 7, "结果 Result", border=1, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for label, value in d["checks"]:
        pdf.cell(90, 7, label, border=1)
        pdf.cell(90, 7, value, border=1, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(5)
    pdf.set_font("WQY", "", 13)
    line_out(pdf, 9, "结论 Result: 合格 PASS  -  可以出货 OK to ship")
    pdf.set_font("WQY", "", 9.5)
    pdf.ln(6)
    y = pdf.get_y()
    pdf.text(15, y, f"检验员 Inspector: {d['inspector']}")
    pdf.text(110, y, f"审核 Approved: {d['approver']}")
    pdf.image(stamp_png(s.name_zh, "品质检验章"), x=150, y=y + 4, w=30)
    pdf.output(str(path))


# ---- message logs ---------------------------------------------------------------------

def _key_messages(messages: list[Message], lines: list[int]) -> list[dict[str, Any]]:
    return [{"line": line, "time": m.time.isoformat(), "sender": m.sender, "tag": m.tag, "text": m.text}
            for m, line in zip(messages, lines) if m.tag]


def _log_fields(doc: Doc, messages: list[Message], lines: list[int]) -> None:
    doc.fields.update({
        "message_count": len(messages),
        "participants": sorted({m.sender for m in messages}),
        "first_message": messages[0].time.isoformat(), "last_message": messages[-1].time.isoformat(),
        "key_messages": _key_messages(messages, lines),
    })


def render_message_center_csv(doc: Doc, bundle: Bundle, path: Path) -> None:
    """Alibaba Message Center transcript: UTF-8 with BOM, CRLF, header time,sender,message."""
    messages = doc.data["messages"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["time", "sender", "message"])
    for m in messages:
        writer.writerow([m.time.strftime("%Y-%m-%d %H:%M:%S"), m.sender, m.text])
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    _log_fields(doc, messages, list(range(2, len(messages) + 2)))


def render_whatsapp_android(doc: Doc, bundle: Bundle, path: Path) -> None:
    """WhatsApp Android export: 'dd/mm/yyyy, HH:MM - Name: text', LF line ends."""
    messages, opening = doc.data["messages"], doc.data["opening"]
    lines = [f"{opening:%d/%m/%Y, %H:%M} - Messages and calls are end-to-end encrypted. No one outside of this chat, "
             "not even WhatsApp, can read or listen to them. Tap to learn more."]
    numbers = []
    for m in messages:
        lines.append(f"{m.time:%d/%m/%Y, %H:%M} - {m.sender}: {m.text}")
        numbers.append(len(lines))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")
    _log_fields(doc, messages, numbers)


def render_whatsapp_ios(doc: Doc, bundle: Bundle, path: Path) -> None:
    """WhatsApp iOS export: '[dd/mm/yyyy, HH:MM:SS] Name: text', U+200E on system and media lines, CRLF."""
    messages, opening, chat = doc.data["messages"], doc.data["opening"], doc.data["chat_name"]
    lines = [f"[{opening:%d/%m/%Y, %H:%M:%S}] {chat}: \u200eMessages and calls are end-to-end encrypted. "
             "No one outside of this chat, not even WhatsApp, can read or listen to them."]
    numbers = []
    for m in messages:
        mark = "\u200e" if m.text.startswith("\u200e") else ""
        lines.append(f"{mark}[{m.time:%d/%m/%Y, %H:%M:%S}] {m.sender}: {m.text}")
        numbers.append(len(lines))
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8", newline="")
    _log_fields(doc, messages, numbers)


def render_eml(doc: Doc, bundle: Bundle, path: Path) -> None:
    """The supplier's e-mail with the off-platform bank details."""
    d = doc.data
    s, b = d["supplier"], d["buyer"]
    msg = EmailMessage(policy=SMTP)
    msg["From"] = f"{s.contact} <{s.email}>"
    msg["To"] = f"{b.contact} <{b.email}>"
    msg["Subject"] = "Re: PI BW-PI-26-0731 / deposit payment - new company account"
    msg["Date"] = format_datetime(d["sent"])
    msg["Message-ID"] = "<20260802142611.48213.kevin@brightway-lighting.example>"
    msg["In-Reply-To"] = "<SY4P282MB1034.daniel.okafor@kestrel-electrical.example>"
    msg["X-Mailer"] = "Foxmail 7.2.25"
    body = f"""Dear Daniel,

Thanks for your order. As talked on WhatsApp, please pay the 30% deposit
USD {money(d['deposit'])} (30% of USD {money(d['pi_total'])}) by T/T to our new company account
below. Alibaba charges us a high fee, so with T/T we can keep the better price
and start production faster. Please do NOT pay on the Alibaba order page, the
account there is under maintenance.

Beneficiary name: {d['beneficiary']}
Beneficiary address: {d['address']}
Account no.: {d['account']}
Bank name: {d['bank']}
Bank address: {d['bank_address']}
SWIFT code: {d['swift']}

In the transfer remark please only write "goods payment", no need to write
Alibaba or LED.

Please send us the bank slip after payment. Thank you!

Best regards,
Kevin Chen
Sales Manager
{s.name}
{s.address}
Tel: {s.phone}
"""
    msg.set_content(body, charset="utf-8", cte="quoted-printable")
    path.write_bytes(msg.as_bytes())
    doc.fields["subject"] = msg["Subject"]


# ---- claim manifest -------------------------------------------------------------------

def _toml_value(value: Any) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value  # a TOML local date
    return json.dumps(value, ensure_ascii=False)


def render_claim_toml(doc: Doc, bundle: Bundle, path: Path) -> None:
    lines = [f"# Claim manifest for the sample bundle {bundle.name} (written by samples/make_samples.py)"]
    for key, value in bundle.claim.items():
        if key != "channels":
            lines.append(f"{key} = {_toml_value(value)}")
    if bundle.claim.get("channels"):
        lines += ["", "[channels]"]
        lines += [f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(v)}" for k, v in bundle.claim["channels"].items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")


# ---- photos ---------------------------------------------------------------------------

def render_photo(doc: Doc, bundle: Bundle, path: Path) -> None:
    f, d = doc.fields, doc.data
    rng = random.Random(d["seed"])
    img = d["draw"](f["width"], f["height"], rng, d)
    img = add_grain(img, rng, 0.07)
    options: dict[str, Any] = {"quality": 80, "optimize": False, "progressive": False, "subsampling": 2}
    if d["camera"]:
        options["exif"] = photo_exif(d["camera"], d["taken"], f["width"], f["height"]).tobytes()
    img.save(path, "JPEG", **options)


def photo_exif(camera: tuple[str, str], taken: dt.datetime, width: int, height: int) -> Image.Exif:
    stamp = taken.strftime("%Y:%m:%d %H:%M:%S")
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0132] = camera[0], camera[1], stamp  # Make, Model, DateTime
    exif[0x0112] = 1  # orientation: top-left
    details = exif.get_ifd(0x8769)  # Exif IFD
    details[0x9003] = stamp  # DateTimeOriginal
    details[0x9004] = stamp  # DateTimeDigitized
    details[0xA002], details[0xA003] = width, height
    return exif


def add_grain(img: Image.Image, rng: random.Random, strength: float) -> Image.Image:
    """Seeded sensor-like noise: a quarter-size random image scaled up and blended in."""
    small = (max(1, img.width // 4), max(1, img.height // 4))
    noise = Image.frombytes("L", small, rng.randbytes(small[0] * small[1]))
    noise = noise.resize(img.size, Image.Resampling.BILINEAR).convert("RGB")
    return Image.blend(img, noise, strength)


def gradient(w: int, h: int, top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    column = Image.new("RGB", (1, 256))
    for y in range(256):
        t = y / 255
        column.putpixel((0, y), tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    return column.resize((w, h), Image.Resampling.BILINEAR)


def font(size: float, key: str = "dejavu-bold") -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(key), max(8, int(size)))


def soft_shadow(img: Image.Image, box: tuple[float, float, float, float], radius: float, alpha: int = 110) -> None:
    layer = Image.new("L", img.size, 0)
    ImageDraw.Draw(layer).ellipse(box, fill=alpha)
    layer = layer.filter(ImageFilter.GaussianBlur(radius))
    img.paste(Image.new("RGB", img.size, (20, 20, 20)), (0, 0), layer)


def draw_bottle(img: Image.Image, cx: float, top: float, bottom: float, width: float,
                body: tuple[int, int, int], label: str = "") -> None:
    """A vacuum bottle seen from the side: body, shoulder highlight, lid with loop."""
    draw = ImageDraw.Draw(img)
    s = width / 320
    soft_shadow(img, (cx - width * 0.7, bottom - 30 * s, cx + width * 0.8, bottom + 40 * s), 25 * s)
    draw.rounded_rectangle((cx - width / 2, top + 150 * s, cx + width / 2, bottom), radius=60 * s, fill=body)
    lighter = tuple(min(255, c + 45) for c in body)
    draw.rounded_rectangle((cx - width * 0.33, top + 200 * s, cx - width * 0.22, bottom - 60 * s), radius=15 * s,
                           fill=lighter)
    draw.rectangle((cx - width * 0.42, top + 95 * s, cx + width * 0.42, top + 160 * s), fill=(185, 188, 192))
    draw.rounded_rectangle((cx - width * 0.40, top + 10 * s, cx + width * 0.40, top + 105 * s), radius=25 * s,
                           fill=(30, 30, 32))
    draw.arc((cx - width * 0.2, top - 70 * s, cx + width * 0.2, top + 60 * s), 180, 360, fill=(30, 30, 32),
             width=int(22 * s))
    if label:
        draw.text((cx, top + 420 * s), label, font=font(34 * s), fill=tuple(min(255, c + 70) for c in body), anchor="mm")


def draw_ruler(img: Image.Image, x: float, top: float, bottom: float, width: float, px_per_cm: float) -> None:
    draw = ImageDraw.Draw(img)
    draw.rectangle((x, top, x + width, bottom), fill=(236, 200, 64), outline=(120, 100, 30), width=2)
    cm = 0
    while top + cm * px_per_cm < bottom - 5:
        y = bottom - cm * px_per_cm
        draw.line((x, y, x + width * 0.45, y), fill=(20, 20, 20), width=3)
        draw.text((x + width * 0.55, y), str(cm), font=font(width * 0.32), fill=(20, 20, 20), anchor="lm")
        for mm in range(1, 10):
            ym = y - mm * px_per_cm / 10
            if ym > top:
                draw.line((x, ym, x + width * (0.3 if mm == 5 else 0.18), ym), fill=(20, 20, 20), width=2)
        cm += 1


def draw_bottle_dent(w: int, h: int, rng: random.Random, data: dict[str, Any]) -> Image.Image:
    img = gradient(w, h, (214, 210, 202), (168, 162, 152))
    cx, s = w * 0.42, w / 2016
    draw_bottle(img, cx, h * 0.12, h * 0.9, 330 * s, (44, 46, 50), "NORTHFIELD")
    dent = Image.new("L", img.size, 0)
    ImageDraw.Draw(dent).ellipse((cx - 40 * s, h * 0.55, cx + 110 * s, h * 0.55 + 200 * s), fill=215)
    dent = dent.filter(ImageFilter.GaussianBlur(18 * s))
    img.paste(Image.new("RGB", img.size, (14, 14, 16)), (0, 0), dent)
    ImageDraw.Draw(img).arc((cx - 35 * s, h * 0.55 + 10 * s, cx + 105 * s, h * 0.55 + 195 * s), 200, 320,
                            fill=(120, 122, 128), width=int(8 * s))
    draw_ruler(img, w * 0.62, h * 0.1, h * 0.9, 110 * s, 44 * s)
    return img


def draw_caliper(w: int, h: int, rng: random.Random, data: dict[str, Any]) -> Image.Image:
    img = gradient(w, h, (96, 72, 52), (70, 52, 38))
    draw, s = ImageDraw.Draw(img), w / 2016
    cx, cy, r = w * 0.27, h * 0.56, 360 * s
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(176, 178, 184))
    draw.ellipse((cx - r + 9 * s, cy - r + 9 * s, cx + r - 9 * s, cy + r - 9 * s), fill=(90, 92, 96))
    draw.ellipse((cx - r + 22 * s, cy - r + 22 * s, cx + r - 22 * s, cy + r - 22 * s), fill=(200, 202, 206))
    draw.ellipse((cx - r + 34 * s, cy - r + 34 * s, cx + r - 34 * s, cy + r - 34 * s), fill=(28, 28, 30))
    bar_y = cy - r - 60 * s
    draw.rectangle((cx - 20 * s, bar_y, w * 0.97, bar_y + 95 * s), fill=(198, 200, 204), outline=(120, 120, 124), width=3)
    for i in range(0, 150):
        x = cx + 60 * s + i * 9.5 * s
        if x > w * 0.96:
            break
        draw.line((x, bar_y + 95 * s, x, bar_y + (60 if i % 10 == 0 else 75) * s), fill=(40, 40, 40), width=2)
    draw.polygon([(cx - 20 * s, bar_y), (cx + 40 * s, bar_y), (cx + 12 * s, cy - r + 30 * s), (cx - 8 * s, cy - r + 30 * s)],
                 fill=(188, 190, 194))
    body = (w * 0.50, bar_y - 110 * s, w * 0.80, bar_y + 170 * s)
    draw.rounded_rectangle(body, radius=30 * s, fill=(58, 58, 62))
    draw.rounded_rectangle((body[0] + 40 * s, body[1] + 40 * s, body[2] - 40 * s, body[1] + 190 * s), radius=10 * s,
                           fill=(172, 190, 160))
    draw.text((body[2] - 120 * s, body[1] + 115 * s), "0.38", font=font(130 * s, "dejavu-mono"), fill=(25, 30, 25), anchor="rm")
    draw.text((body[2] - 60 * s, body[1] + 150 * s), "mm", font=font(40 * s), fill=(25, 30, 25), anchor="mm")
    for n, label in enumerate(("ON/OFF", "ZERO", "mm/in")):
        bx = body[0] + 80 * s + n * 190 * s
        draw.ellipse((bx - 30 * s, body[3] - 70 * s, bx + 30 * s, body[3] - 10 * s), fill=(200, 60, 40) if n == 0 else (90, 90, 95))
        draw.text((bx, body[3] - 88 * s), label, font=font(24 * s), fill=(230, 230, 230), anchor="mm")
    draw.text((w * 0.62, bar_y + 130 * s + 120 * s), "HARDENED STAINLESS  0-150 mm", font=font(30 * s), fill=(210, 210, 210))
    return img


def draw_scale(w: int, h: int, rng: random.Random, data: dict[str, Any]) -> Image.Image:
    img = gradient(w, h, (226, 228, 230), (190, 192, 196))
    draw, s = ImageDraw.Draw(img), w / 2016
    soft_shadow(img, (w * 0.2, h * 0.78, w * 0.82, h * 0.95), 30 * s)
    draw.rounded_rectangle((w * 0.2, h * 0.62, w * 0.8, h * 0.9), radius=50 * s, fill=(245, 245, 245), outline=(200, 200, 200), width=3)
    draw.rounded_rectangle((w * 0.35, h * 0.80, w * 0.65, h * 0.885), radius=14 * s, fill=(30, 32, 34))
    draw.text((w * 0.6, h * 0.843), "284", font=font(105 * s, "dejavu-mono"), fill=(235, 240, 245), anchor="rm")
    draw.text((w * 0.615, h * 0.85), "g", font=font(60 * s), fill=(235, 240, 245), anchor="lm")
    draw.text((w * 0.27, h * 0.84), "TARE", font=font(32 * s), fill=(120, 120, 120), anchor="mm")
    draw.text((w * 0.73, h * 0.84), "UNIT", font=font(32 * s), fill=(120, 120, 120), anchor="mm")
    draw_bottle(img, w * 0.5, h * 0.08, h * 0.74, 300 * s, (118, 140, 112), "NORTHFIELD")
    return img


def draw_carton_label(w: int, h: int, rng: random.Random, data: dict[str, Any]) -> Image.Image:
    img = gradient(w, h, (184, 142, 92), (160, 120, 76))
    draw, s = ImageDraw.Draw(img), w / 2016
    for i in range(0, w, int(14 * s)):
        draw.line((i, 0, i, h), fill=(176, 134, 86), width=2)
    draw.rectangle((0, h * 0.05, w, h * 0.16), fill=(196, 170, 120))
    label = Image.new("RGB", (int(1100 * s), int(900 * s)), (248, 248, 244))
    ld = ImageDraw.Draw(label)
    ld.rectangle((8, 8, label.width - 8, label.height - 8), outline=(20, 20, 20), width=int(6 * s))
    lines = [data.get("shipping_mark", ""), f"PO: {data.get('order_number', '')}", "ITEM: HY-VB750-BK",
             "QTY: 24 PCS", "C/NO.: 37/125", "G.W. 10.5 KGS  N.W. 7.9 KGS", "MADE IN CHINA"]
    for n, text in enumerate(lines):
        ld.text((60 * s, (70 + n * 112) * s), text, font=font((90 if n == 0 else 62) * s, "dejavu-mono"), fill=(15, 15, 15))
    label = label.rotate(2.5, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(172, 130, 82))
    img.paste(label, (int(w * 0.22), int(h * 0.22)))
    return img


def draw_mug(img: Image.Image, cx: float, cy: float, size: float, rng: random.Random) -> None:
    """A stoneware mug with a patchy reactive glaze."""
    draw = ImageDraw.Draw(img)
    half = size / 2
    soft_shadow(img, (cx - half * 1.1, cy + half * 0.9, cx + half * 1.3, cy + half * 1.35), size * 0.05)
    draw.arc((cx + half * 0.55, cy - half * 0.5, cx + half * 1.35, cy + half * 0.6), 270, 90, fill=(46, 86, 128),
             width=int(size * 0.09))
    body = (cx - half, cy - half, cx + half * 0.9, cy + half * 1.1)
    draw.rounded_rectangle(body, radius=size * 0.12, fill=(44, 92, 140))
    patches = Image.new("RGB", img.size, (0, 0, 0))
    mask = Image.new("L", img.size, 0)
    pd, md = ImageDraw.Draw(patches), ImageDraw.Draw(mask)
    for _ in range(40):
        x, y = rng.uniform(body[0], body[2]), rng.uniform(body[1], body[3])
        r = rng.uniform(size * 0.03, size * 0.12)
        pd.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice([(96, 120, 140), (70, 60, 52), (30, 64, 104), (120, 140, 150)]))
        md.ellipse((x - r, y - r, x + r, y + r), fill=150)
    clip = Image.new("L", img.size, 0)
    ImageDraw.Draw(clip).rounded_rectangle(body, radius=size * 0.12, fill=255)
    mask = Image.composite(mask.filter(ImageFilter.GaussianBlur(size * 0.02)), Image.new("L", img.size, 0), clip)
    img.paste(patches, (0, 0), mask)
    draw.ellipse((body[0], body[1] - size * 0.07, body[2], body[1] + size * 0.07), fill=(214, 206, 190))


def draw_mug_closeup(w: int, h: int, rng: random.Random, data: dict[str, Any]) -> Image.Image:
    img = gradient(w, h, (232, 226, 214), (190, 180, 164))
    draw_mug(img, w * 0.45, h * 0.45, h * 0.62, rng)
    return img


def draw_plate_stack(w: int, h: int, rng: random.Random, data: dict[str, Any]) -> Image.Image:
    img = gradient(w, h, (222, 220, 216), (150, 146, 140))
    draw = ImageDraw.Draw(img)
    cx, cy, rx, ry = w * 0.5, h * 0.62, w * 0.3, h * 0.12
    soft_shadow(img, (cx - rx * 1.05, cy + ry * 0.2, cx + rx * 1.1, cy + ry * 2.6), 30)
    for n in range(12, -1, -1):
        y = cy + n * h * 0.013
        shade = rng.randint(-18, 18)
        draw.ellipse((cx - rx, y - ry, cx + rx, y + ry), fill=(40 + shade, 86 + shade, 132 + shade), outline=(30, 60, 90))
    draw.ellipse((cx - rx * 0.62, cy - ry * 0.62, cx + rx * 0.62, cy + ry * 0.62), fill=(64, 104, 140))
    for _ in range(30):
        x, y = rng.uniform(cx - rx * 0.8, cx + rx * 0.8), rng.uniform(cy - ry * 0.7, cy + ry * 0.7)
        r = rng.uniform(15, 50)
        draw.ellipse((x - r, y - r * 0.4, x + r, y + r * 0.4), fill=rng.choice([(92, 110, 126), (58, 70, 84), (110, 130, 140)]))
    return img.filter(ImageFilter.GaussianBlur(1.2))


def draw_mug_carton(w: int, h: int, rng: random.Random, data: dict[str, Any]) -> Image.Image:
    img = gradient(w, h, (176, 134, 84), (150, 112, 70))
    draw = ImageDraw.Draw(img)
    cols, rows = 8, 4
    cell = min(w * 0.8 / cols, h * 0.8 / rows)
    x0, y0 = (w - cols * cell) / 2, (h - rows * cell) / 2
    for r in range(rows):
        for c in range(cols):
            x, y = x0 + c * cell, y0 + r * cell
            draw.rectangle((x, y, x + cell, y + cell), outline=(120, 88, 52), width=6)
            pad = cell * 0.1
            draw.ellipse((x + pad, y + pad, x + cell - pad, y + cell - pad), fill=(44 + rng.randint(-15, 15), 92, 140))
            draw.ellipse((x + pad * 2, y + pad * 2, x + cell - pad * 2, y + cell - pad * 2), fill=(24, 50, 80))
    return img


def draw_panel_stacks(w: int, h: int, rng: random.Random, data: dict[str, Any]) -> Image.Image:
    img = gradient(w, h, (200, 204, 206), (128, 130, 128))
    draw, s = ImageDraw.Draw(img), w / 2304
    draw.rectangle((0, h * 0.62, w, h), fill=(112, 116, 112))
    for stack in range(4):
        x = w * 0.05 + stack * w * 0.16
        levels = 9 if stack < 3 else 4
        draw.rectangle((x, h * 0.86, x + w * 0.14, h * 0.9), fill=(140, 100, 60))
        for level in range(levels):
            y = h * 0.86 - (level + 1) * h * 0.055
            draw.rectangle((x, y, x + w * 0.14, y + h * 0.053), fill=(196, 160, 112), outline=(150, 118, 78), width=3)
            draw.rectangle((x + w * 0.02, y + h * 0.012, x + w * 0.07, y + h * 0.038), fill=(240, 240, 236))
    bench = (w * 0.7, h * 0.58, w * 0.98, h * 0.64)
    draw.rectangle(bench, fill=(90, 110, 140))
    for n in range(3):
        px = w * 0.72 + n * w * 0.085
        draw.rectangle((px, h * 0.50, px + w * 0.075, h * 0.58), fill=(236, 238, 240), outline=(170, 170, 170), width=3)
    board = (w * 0.62, h * 0.08, w * 0.97, h * 0.42)
    draw.rectangle(board, fill=(246, 246, 244), outline=(90, 90, 90), width=int(8 * s))
    marker = (30, 60, 160)
    for n, text in enumerate((f"PO {data.get('order_number', '')}", "LED PANEL 40W", "PACKED 4160 / 5200", "22/9")):
        draw.text((board[0] + 30 * s, board[1] + (40 + n * 105) * s), text, font=font(50 * s), fill=marker)
    return img


def draw_container(w: int, h: int, rng: random.Random, data: dict[str, Any]) -> Image.Image:
    img = gradient(w, h, (150, 186, 220), (226, 232, 236))
    draw, s = ImageDraw.Draw(img), w / 2304
    draw.rectangle((0, h * 0.8, w, h), fill=(150, 148, 140))
    box = (w * 0.1, h * 0.12, w * 0.9, h * 0.86)
    draw.rectangle(box, fill=(34, 82, 140))
    for i in range(int(box[0]), int(box[2]), int(36 * s)):
        draw.line((i, box[1], i, box[3]), fill=(26, 66, 116), width=int(8 * s))
    inner = (w * 0.22, h * 0.22, w * 0.78, h * 0.84)
    draw.rectangle(inner, fill=(30, 28, 26))
    rows, cols = 9, 8
    cw, ch = (inner[2] - inner[0]) / cols, (inner[3] - inner[1]) / rows
    for r in range(rows):
        for c in range(cols):
            if r < 2 and c > 4:
                continue  # the stow is not complete yet: top right corner empty
            x, y = inner[0] + c * cw, inner[1] + r * ch
            tone = rng.randint(-10, 10)
            draw.rectangle((x + 2, y + 2, x + cw - 2, y + ch - 2), fill=(190 + tone, 152 + tone, 104 + tone), outline=(120, 90, 60))
    draw.text((box[2] - 40 * s, box[1] + 50 * s), "PCIU 773194 6", font=font(70 * s), fill=(240, 240, 240), anchor="ra")
    draw.text((box[2] - 40 * s, box[1] + 140 * s), "45G1  MAX GROSS 32,500 KG", font=font(40 * s), fill=(230, 230, 230), anchor="ra")
    return img


# ---- scanned and photographed documents -----------------------------------------------

@cache
def _sheet_font(key: str, pixels: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(key), pixels, index=0)


class Sheet:
    """A sheet of paper drawn with Pillow: positions in millimetres from the top left, type sizes in points."""

    def __init__(self, dpi: float, size_mm: tuple[float, float] = (210, 297)) -> None:
        self.dpi, self.k = dpi, dpi / 25.4
        self.img = Image.new("RGB", (round(size_mm[0] * self.k), round(size_mm[1] * self.k)), (255, 255, 255))
        self.draw = ImageDraw.Draw(self.img)

    def font(self, pt: float, key: str = "dejavu") -> ImageFont.FreeTypeFont:
        return _sheet_font(key, max(6, round(pt * self.dpi / 72)))

    def text(self, x: float, y: float, text: str, pt: float = 9.5, key: str = "dejavu", anchor: str = "la",
             fill: tuple[int, int, int] = (24, 24, 24)) -> None:
        self.draw.text((x * self.k, y * self.k), text, font=self.font(pt, key), fill=fill, anchor=anchor)

    def width(self, text: str, pt: float, key: str = "dejavu") -> float:
        return self.draw.textlength(text, font=self.font(pt, key)) / self.k

    def wrap(self, text: str, width: float, pt: float, key: str = "dejavu") -> list[str]:
        lines: list[str] = []
        for word in text.split(" "):
            if lines and self.width(f"{lines[-1]} {word}", pt, key) <= width:
                lines[-1] += f" {word}"
            else:
                lines.append(word)
        return lines

    def paragraph(self, x: float, y: float, text: str, width: float, pt: float = 9.5, key: str = "dejavu",
                  leading: float = 1.45) -> float:
        """Write `text` wrapped to `width` mm; return the y under it."""
        for line in self.wrap(text, width, pt, key):
            self.text(x, y, line, pt, key)
            y += pt * leading * 25.4 / 72
        return y

    def line(self, x0: float, y0: float, x1: float, y1: float, mm: float = 0.3) -> None:
        k = self.k
        self.draw.line((x0 * k, y0 * k, x1 * k, y1 * k), fill=(40, 40, 40), width=max(1, round(mm * k)))

    def rect(self, x0: float, y0: float, x1: float, y1: float, mm: float = 0.3) -> None:
        k = self.k
        self.draw.rectangle((x0 * k, y0 * k, x1 * k, y1 * k), outline=(40, 40, 40), width=max(1, round(mm * k)))

    def overlay(self, png: io.BytesIO, x: float, y: float, w: float) -> None:
        """Paste a transparent PNG (a seal, a signature) `w` mm wide at (x, y)."""
        with Image.open(png) as src:
            mark = src.convert("RGBA")
        size = (round(w * self.k), round(w * self.k * mark.height / mark.width))
        mark = mark.resize(size, Image.Resampling.LANCZOS)
        self.img.paste(mark, (round(x * self.k), round(y * self.k)), mark)


def _grid(sheet: Sheet, xs: list[float], y0: float, heights: list[float]) -> list[float]:
    """Rule a table with column edges `xs` and row heights; return each row's top."""
    tops, y = [], y0
    for height in heights:
        tops.append(y)
        y += height
    for top in [*tops, y]:
        sheet.line(xs[0], top, xs[-1], top)
    for x in xs:
        sheet.line(x, y0, x, y)
    return tops


def draw_scanned_pi_sheet(sheet: Sheet, f: dict[str, Any], d: dict[str, Any]) -> None:
    """The PI page as the supplier printed, stamped and signed it (then the buyer countersigned it)."""
    s, b, t = d["supplier"], d["buyer"], sheet.text
    t(105, 12, s.name_zh, 17, "cjk", "mt")
    t(105, 22, s.name.upper(), 12, "dejavu-bold", "mt")
    t(105, 29.5, s.address, 8, anchor="mt")
    t(105, 34, f"Tel: {s.phone}    E-mail: {s.email}", 8, anchor="mt")
    sheet.line(15, 39.5, 195, 39.5, 0.6)
    t(105, 43, "形式发票   PROFORMA INVOICE", 16, "cjk", "mt")
    sheet.rect(15, 55, 108, 86)
    t(18, 57, "Buyer 买方:", 9, "cjk")
    y = 62.5
    for text in [b.name, *sheet.wrap(b.address, 86, 9), f"Attn: {b.contact}, {b.title}", f"Tel: {b.phone}"]:
        t(18, y, text, 9)
        y += 4.7
    sheet.rect(113, 55, 195, 86)
    rows = [("PI No.:", f["document_number"]), ("Date:", f["document_date"]), ("TA Order No.:", f["order_number"]),
            ("Trade Terms:", f["incoterm"]), ("Currency:", f["currency"])]
    for n, (label, value) in enumerate(rows):
        t(116, 57.5 + n * 5.6, label, 9, "dejavu-bold")
        t(147, 57.5 + n * 5.6, value, 9)
    xs = [15, 24, 45, 118, 140, 165, 195]
    tops = _grid(sheet, xs, 93, [10, 15, 15, 7, 7])
    for x0, x1, head in zip(xs, xs[1:], ("No.", "Model", "Description 品名", "Qty (pcs)", "Unit Price|(USD)",
                                         "Amount|(USD)")):
        for n, part in enumerate(head.split("|")):
            t((x0 + x1) / 2, tops[0] + 1.8 + n * 4, part, 8.5, "cjk", "mt")
    for row, (n, item) in zip(tops[1:3], enumerate(d["items"], 1)):
        t(19.5, row + 2, str(n), 8.5, anchor="ma")
        t(26, row + 2, item.model, 8.5)
        for k, part in enumerate([*sheet.wrap(item.description, 70, 8.5), item.description_zh][:3]):
            t(47, row + 1.6 + k * 4.1, part, 8.5, "cjk" if k == 2 or not part.isascii() else "dejavu")
        t(138, row + 2, f"{item.qty:,}", 8.5, anchor="ra")
        t(163, row + 2, f"{item.unit_price:.2f}", 8.5, anchor="ra")
        t(193, row + 2, money(item.amount), 8.5, anchor="ra")
    total = Decimal(str(f["order_total"]))
    t(116, tops[3] + 1.6, "Total Quantity 合计数量:", 8.5, "cjk", "ra")
    t(138, tops[3] + 1.6, f"{f['quantity']:,}", 8.5, "dejavu-bold", "ra")
    t(116, tops[4] + 1.6, f"TOTAL ({f['incoterm']}) USD:", 8.5, "dejavu-bold", "ra")
    t(193, tops[4] + 1.6, money(total), 8.5, "dejavu-bold", "ra")
    y = sheet.paragraph(15, tops[4] + 10, "Amount in words: " + amount_in_words(total), 180, 8.5)
    t(15, y + 3, "Technical Specifications 技术规格", 10.5, "cjk")
    xs = [15, 100, 140, 195]
    tops = _grid(sheet, xs, y + 10, [6.2] * (len(d["specs"]) + 1))
    for x, head in zip(xs, ("Parameter", "Requirement", "Tolerance")):
        t(x + 2, tops[0] + 1.3, head, 8.5, "dejavu-bold")
    for top, values in zip(tops[1:], d["specs"]):
        for x, value in zip(xs, values):
            t(x + 2, top + 1.3, value, 8.5)
    y = tops[-1] + 6.2 + 5
    t(15, y, "Terms and Conditions 条款", 10.5, "cjk")
    terms = [("Shipment date:", f"on or before {d_long(d['ship_by'])} ({d_iso(d['ship_by'])})"),
             ("Port of loading:", "Ningbo, China"),
             ("Payment:", f"100% through Alibaba.com Trade Assurance order {f['order_number']}"),
             ("Quality standard:", d["aql"]),
             ("Packing:", "TR-SP24 6 pcs/carton, TR-FP28 10 pcs/carton, 5-ply export cartons"),
             ("Validity:", "10 days")]
    y += 7
    for label, value in terms:
        t(15, y, label, 8.8, "dejavu-bold")
        y = sheet.paragraph(48, y, value, 147, 8.8)
        y += 0.7
    y += 4
    t(15, y, "Seller 卖方 (stamp):", 9, "cjk")
    t(115, y, "Buyer confirmation 买方确认:", 9, "cjk")
    sheet.overlay(stamp_png(s.name_zh, "合同专用章"), 20, y + 2, 30)
    sheet.overlay(signature_png(2607), 46, y + 12, 38)
    sheet.overlay(signature_png(2608, color=(20, 20, 30)), 122, y + 9, 40)
    sheet.line(15, y + 27, 95, y + 27)
    sheet.line(115, y + 27, 195, y + 27)
    t(15, y + 28.5, f"{s.contact}, {s.title}", 8.5)
    t(115, y + 28.5, f"{b.contact}, {f['document_date']}", 8.5)


def scan_effect(page: Image.Image, rng: random.Random, skew: float) -> Image.Image:
    """A flatbed scan of the printed page: greyscale, a little soft, a slight skew, the bed's grey in the
    corners it uncovers, and speckle noise."""
    grey = page.convert("L").filter(ImageFilter.GaussianBlur(0.6))
    grey = grey.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=206)
    noise = Image.frombytes("L", grey.size, rng.randbytes(grey.width * grey.height))
    grey = Image.blend(grey, noise, 0.07)
    return grey.point([min(255, round(v * 0.97 + 4)) for v in range(256)])


def render_scanned_pi(doc: Doc, bundle: Bundle, path: Path) -> None:
    """An image-only PDF: the PI drawn at 200 dpi, scanned (grey, skew, noise), embedded as a JPEG."""
    f, d = doc.fields, doc.data
    dpi = f["scan_dpi"]
    sheet = Sheet(dpi)
    draw_scanned_pi_sheet(sheet, f, d)
    scan = scan_effect(sheet.img, random.Random(d["seed"]), d["skew"])
    buf = io.BytesIO()
    scan.save(buf, "JPEG", quality=78, optimize=False, progressive=False, dpi=(dpi, dpi))
    buf.seek(0)
    day = dt.date.fromisoformat(f["document_date"])
    pdf = new_pdf("", "", at(day, 21, 37, dt.timezone(dt.timedelta(hours=-4))), "Epson Scan 2")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.image(buf, x=0, y=0, w=210, h=297)
    pdf.output(str(path))


def draw_contract_sheet(sheet: Sheet, f: dict[str, Any], d: dict[str, Any]) -> None:
    """The signed and stamped sales contract, one A4 page."""
    s, b, t = d["supplier"], d["buyer"], sheet.text
    day = dt.date.fromisoformat(f["document_date"])
    t(105, 16, "SALES CONTRACT  销售合同", 18, "cjk", "mt")
    t(105, 28, f"Contract No.: {f['document_number']}      Date: {d_long(day)}", 10.5, anchor="mt")
    t(105, 34.5, f"Trade Assurance Order No.: {f['order_number']}", 10.5, anchor="mt")
    y = 45
    for role, party in (("Seller:", s), ("Buyer:", b)):
        t(18, y, role, 10, "dejavu-bold")
        t(40, y, party.name, 10, "dejavu-bold")
        y = sheet.paragraph(40, y + 5.2, party.address, 152, 9.5)
        t(40, y, f"Represented by {party.contact}, {party.title}", 9.5)
        y += 9
    t(18, y, "1. Goods, quantity and price", 11, "dejavu-bold")
    xs = [18, 42, 118, 143, 166, 194]
    tops = _grid(sheet, xs, y + 6.5, [7, 12, 12, 7])
    for x, head in zip(xs, ("Model", "Description", "Quantity", "Unit price", "Amount")):
        t(x + 1.5, tops[0] + 1.5, head, 9, "dejavu-bold")
    for top, item in zip(tops[1:3], d["items"]):
        t(19.5, top + 1.5, item.model, 9)
        for k, part in enumerate(sheet.wrap(item.description, 73, 9)[:2]):
            t(43.5, top + 1.5 + k * 4.6, part, 9)
        t(141.5, top + 1.5, f"{item.qty:,} pcs", 9, anchor="ra")
        t(164.5, top + 1.5, f"USD {item.unit_price:.2f}", 9, anchor="ra")
        t(192.5, top + 1.5, f"USD {money(item.amount)}", 9, anchor="ra")
    total = Decimal(str(f["order_total"]))
    t(43.5, tops[3] + 1.5, f"Total, {f['incoterm']}", 9, "dejavu-bold")
    t(141.5, tops[3] + 1.5, f"{f['quantity']:,} pcs", 9, "dejavu-bold", "ra")
    t(192.5, tops[3] + 1.5, f"USD {money(total)}", 9, "dejavu-bold", "ra")
    y = sheet.paragraph(18, tops[3] + 11, "Total contract value: " + amount_in_words(total), 176, 9.5)
    clauses = [
        ("2. Specifications", [f"As in the Seller's Proforma Invoice {d['pi_number']}, which forms part of this contract.",
                               f"Quality standard: {d['aql']}."]),
        ("3. Shipment", [f"Latest shipment date: {d_long(d['ship_by'])}",
                         f"{f['incoterm']}, China to Vancouver, Canada. Partial shipment is not allowed."]),
        ("4. Payment", [f"100% of the contract value through Alibaba.com Trade Assurance order {f['order_number']}. "
                        "No payment outside the platform."]),
        ("5. Late shipment", ["For each day of delay the Seller pays 0.5% of the contract value, up to 5%. "
                              "After 30 days of delay the Buyer may cancel the order."]),
        ("6. Inspection", ["The Buyer may appoint a third-party inspection company before shipment."]),
    ]
    y += 3
    for heading, texts in clauses:
        t(18, y, heading, 11, "dejavu-bold")
        y += 6
        for text in texts:
            y = sheet.paragraph(18, y, text, 176, 9.5)
        y += 3
    y = max(y + 4, 222)
    for n, (role, party, seed) in enumerate((("THE SELLER", s, 5831), ("THE BUYER", b, 5832))):
        x = 18 + n * 92
        t(x, y, role, 10, "dejavu-bold")
        sheet.overlay(signature_png(seed), x + 6, y + 8, 42)
        sheet.line(x, y + 26, x + 78, y + 26)
        t(x, y + 28, f"{party.contact}, {party.title}", 9)
        t(x, y + 33, f"Date: {d_long(day)}", 9)
    sheet.overlay(stamp_png(s.name_zh, "合同专用章"), 40, y - 2, 34)


def _solve(matrix: list[list[float]], values: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the 8 x 8 system of a perspective transform)."""
    n = len(values)
    rows = [row[:] + [value] for row, value in zip(matrix, values)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(n):
            if r != col:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col])]
    return [rows[r][n] / rows[r][r] for r in range(n)]


def perspective_coefficients(dest: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    """Pillow's PERSPECTIVE data mapping each point of `dest` (the photo) to the same point of `src` (the page)."""
    matrix, values = [], []
    for (x, y), (u, v) in zip(dest, src):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        values.append(u)
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values.append(v)
    return _solve(matrix, values)


def render_contract_photo(doc: Doc, bundle: Bundle, path: Path) -> None:
    """A phone photo of the signed paper contract on a dark desk: turned about 1.2 degrees, in perspective,
    lit from the top left, with its shadow; JPEG quality 85 with the phone's EXIF."""
    f, d = doc.fields, doc.data
    rng = random.Random(d["seed"])
    sheet = Sheet(260)
    draw_contract_sheet(sheet, f, d)
    page = sheet.img
    w, h = f["width"], f["height"]
    photo = gradient(w, h, (78, 60, 47), (44, 34, 27))
    grain = ImageDraw.Draw(photo)
    for _ in range(140):  # the desk's wood grain
        x = rng.uniform(-200, w)
        tone = rng.randint(-12, 10)
        grain.line((x, 0, x + rng.uniform(150, 400), h), fill=(64 + tone, 49 + tone, 38 + tone), width=rng.randint(3, 14))
    quad = [(420.0, 442.0), (2660.0, 395.0), (2748.0, 3562.0), (366.0, 3612.0)]  # TL, TR, BR, BL: 1.2 degrees
    shadow = Image.new("L", (w, h), 0)
    ImageDraw.Draw(shadow).polygon([(x + 38, y + 52) for x, y in quad], fill=150)
    photo.paste(Image.new("RGB", (w, h), (12, 9, 7)), (0, 0), shadow.filter(ImageFilter.GaussianBlur(45)))
    coefficients = perspective_coefficients(quad, [(0, 0), (page.width, 0), (page.width, page.height), (0, page.height)])
    flat = page.transform((w, h), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC)
    mask = Image.new("L", page.size, 255).transform((w, h), Image.Transform.PERSPECTIVE, coefficients,
                                                       Image.Resampling.BILINEAR)
    light = gradient(w, h, (250, 244, 232), (196, 188, 174))  # warm desk lamp, falling off downwards
    lit = ImageChops.multiply(flat, light)
    hand = Image.new("L", (w, h), 0)  # the shadow of the phone and hand over the lower right
    ImageDraw.Draw(hand).ellipse((w * 0.55, h * 0.78, w * 1.25, h * 1.2), fill=95)
    lit.paste(Image.new("RGB", (w, h), (30, 26, 22)), (0, 0), hand.filter(ImageFilter.GaussianBlur(160)))
    photo.paste(lit, (0, 0), mask)
    photo = add_grain(photo, rng, 0.035)
    exif = photo_exif(d["camera"], d["taken"], w, h)
    photo.save(path, "JPEG", quality=85, optimize=False, progressive=False, subsampling=2, exif=exif.tobytes())


def draw_unfinished_pans(w: int, h: int, rng: random.Random, data: dict[str, Any]) -> Image.Image:
    """Frying pan bodies stacked on a factory bench, no handles fitted, no cartons."""
    img = gradient(w, h, (168, 172, 166), (116, 122, 114))
    draw, s = ImageDraw.Draw(img), w / 2016
    draw.rectangle((0, h * 0.55, w, h), fill=(128, 134, 124))  # floor
    draw.rectangle((w * 0.06, h * 0.5, w * 0.94, h * 0.58), fill=(92, 96, 104))  # bench top
    for leg in (0.09, 0.9):
        draw.rectangle((w * leg, h * 0.58, w * leg + 30 * s, h * 0.95), fill=(70, 72, 78))
    for stack in range(5):
        cx = w * (0.17 + stack * 0.165)
        for level in range(rng.randint(6, 9)):
            y = h * 0.5 - level * 26 * s
            draw.ellipse((cx - 150 * s, y - 48 * s, cx + 150 * s, y + 22 * s), fill=(36, 36, 40), outline=(96, 98, 104),
                         width=max(1, int(5 * s)))
        top = h * 0.5 - (level + 1) * 26 * s
        draw.ellipse((cx - 118 * s, top - 30 * s, cx + 118 * s, top + 10 * s), fill=(58, 58, 62))
        draw.ellipse((cx + 122 * s, top - 14 * s, cx + 140 * s, top + 2 * s), fill=(150, 152, 156))  # rivet holes, no handle
    for n in range(14):  # loose handles in a crate on the floor
        x = w * 0.2 + n * 38 * s
        draw.rounded_rectangle((x, h * 0.72, x + 24 * s, h * 0.86), radius=10 * s, fill=(24, 24, 26))
    draw.rectangle((w * 0.17, h * 0.7, w * 0.17 + 600 * s, h * 0.9), outline=(40, 90, 160), width=int(10 * s))
    return img.filter(ImageFilter.GaussianBlur(0.8))


def draw_unpacked_stockpots(w: int, h: int, rng: random.Random, data: dict[str, Any]) -> Image.Image:
    """Stockpots on a pallet beside flat, unfolded cartons: nothing packed yet."""
    img = gradient(w, h, (190, 188, 180), (128, 126, 118))
    draw, s = ImageDraw.Draw(img), w / 2016
    draw.rectangle((0, h * 0.6, w, h), fill=(134, 132, 124))
    draw.rectangle((w * 0.05, h * 0.78, w * 0.6, h * 0.84), fill=(150, 112, 70))  # pallet
    for row in range(2):
        for col in range(4):
            cx = w * (0.12 + col * 0.13) + row * 40 * s
            base = h * (0.78 - row * 0.02)
            top = base - 260 * s
            draw.rectangle((cx - 95 * s, top, cx + 95 * s, base), fill=(186, 190, 196))
            draw.rectangle((cx - 70 * s, top + 10 * s, cx - 45 * s, base - 10 * s), fill=(226, 230, 234))
            draw.ellipse((cx - 95 * s, top - 30 * s, cx + 95 * s, top + 30 * s), fill=(150, 154, 160))
            draw.ellipse((cx - 80 * s, top - 22 * s, cx + 80 * s, top + 22 * s), fill=(88, 90, 94))
    for n in range(9):  # flat cartons, still unfolded
        y = h * 0.84 - n * 16 * s
        tone = rng.randint(-8, 8)
        draw.rectangle((w * 0.65, y - 14 * s, w * 0.96, y), fill=(188 + tone, 146 + tone, 96 + tone), outline=(140, 104, 64))
    return img.filter(ImageFilter.GaussianBlur(0.8))


# --------------------------------------------------------------------------------------
# 4. expected ground truth and main
# --------------------------------------------------------------------------------------

def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def expected_record(bundle: Bundle, root: Path) -> dict[str, Any]:
    """The ground truth for one bundle, from the same data the documents were drawn from."""
    documents = []
    for doc in sorted(bundle.docs, key=lambda d: d.path):
        documents.append({"path": doc.path, "kind": doc.kind, "sha256": sha256_of(root / doc.path),
                          "fields": doc.fields})
    return {
        "bundle": bundle.name,
        "summary": bundle.summary,
        "claim_type": bundle.claim["claim"],
        "as_of": d_iso(AS_OF),
        "verdict": bundle.verdict,
        "verdict_reason": bundle.verdict_reason,
        "findings": sorted(bundle.findings),
        "finding_notes": dict(sorted(bundle.findings.items())),
        "must_not_fire": sorted(bundle.must_not_fire),
        "must_not_fire_notes": dict(sorted(bundle.must_not_fire.items())),
        "facts": bundle.facts,
        **({"ocr_notes": bundle.notes} if bundle.notes else {}),
        "documents": documents,
    }


def generator_versions() -> dict[str, Any]:
    """What the bytes of the generated files depend on; the regeneration test compares these."""
    from importlib.metadata import version
    from PIL import features

    fonts = sorted({font_path(key) for key in FONT_FILES})
    return {
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "packages": {name: version(name) for name in ("fpdf2", "fonttools", "pillow", "openpyxl", "python-docx")},
        "libjpeg": features.version("jpg"),
        "zlib": zlib.ZLIB_RUNTIME_VERSION,
        "fonts": {Path(p).name: sha256_of(Path(p)) for p in fonts},
    }


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8", newline="\n")


def build(out: Path) -> list[Path]:
    """Write every bundle, its expected JSON and generated-with.json under `out`."""
    for key in FONT_FILES:
        font_path(key)  # fail early, with the package name, before writing anything
    written = []
    (out / "expected").mkdir(parents=True, exist_ok=True)
    for bundle in all_bundles():
        root = out / bundle.name
        if root.exists():
            shutil.rmtree(root)
        for doc in bundle.docs:
            target = root / doc.path
            target.parent.mkdir(parents=True, exist_ok=True)
            doc.render(doc, bundle, target)
            written.append(target)
        expected = out / "expected" / f"{bundle.name}.json"
        write_json(expected, expected_record(bundle, root))
        written.append(expected)
    write_json(out / "generated-with.json", generator_versions())
    written.append(out / "generated-with.json")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate the sample evidence bundles deterministically.")
    parser.add_argument("--out", type=Path, default=SAMPLES, help="output folder (default: samples/ itself)")
    args = parser.parse_args(argv)
    written = build(args.out.resolve())
    total = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} files ({total / 1e6:.2f} MB) under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
