"""Shipping document extraction: B/Ls (lines, grids, Chinese), courier receipts, packing lists, then the samples."""

from __future__ import annotations

from typing import Any

import pytest

from evidence.extract.reading import Reading
from evidence.extract.kinds import shipping
from evidence.extract.kinds.shipping import check_digit_ok, split_vessel
from evidence.readers import read_path
from evidence.records import Document
from tests.conftest import SAMPLES, assert_fields, expected_documents, text_doc, valid_values

COSCO_BL = """\
COSCO SHIPPING LINES CO., LTD.
BILL OF LADING
B/L No.: COSU6289912340
Shipper: Ningbo Sunrise Houseware Co., Ltd.
No. 88 Jiangnan Road, Ningbo, China
Consignee: TO ORDER
Notify Party: Westfield Retail Group Ltd, 14 Harbour Road, Auckland, New Zealand
Ocean Vessel: COSCO SHIPPING ARIES   Voyage No.: 045E
Port of Loading: Ningbo, China
Port of Discharge: Auckland, New Zealand
Container No.: CSQU3054383 / Seal: CS889123
Number of Packages: 640 CTNS
Description of Goods: Stainless steel cookware sets, 3,200 SETS
Gross Weight: 9,840.00 KGS
PO No.: WRG-PO-5521
SHIPPED ON BOARD DATE: 18/09/2026
Place and Date of Issue: Ningbo, 18/09/2026
"""

DHL_POD = """\
DHL Express
Proof of Delivery
Waybill Number: 1234567890
Shipment picked up: 28 Oct 2026
Delivered: 02 Nov 2026 11:46
Signed for by: M. KOWALSKI
Pieces: 2
Weight: 14.5 kg
Destination: Warsaw, Poland
"""

FEDEX_TRACKING = """\
FedEx
Tracking details
Tracking number: 770012345678
Ship date: 10/28/2026
Delivered: Monday, 11/02/2026 at 3:15 PM
Signed for by: J.SMITH
Destination: LOS ANGELES, CA 90021 US
"""

CHINESE_BL = """\
海运提单 BILL OF LADING
提单号：SITGSHSE260914
托运人：宁波华美家居用品有限公司
收货人：TO ORDER OF SHIPPER
通知人：Blue Ocean Imports Pty Ltd
船名航次：SITC HAIPHONG 2614S
装货港：上海
卸货港：悉尼
件数：520箱
毛重：7,850 千克
装船日期：2026年9月14日
签发日期：2026年9月14日
订单号：2401122334455667
"""

PACKING_LIST = """\
Yiwu Starlight Gifts Co., Ltd.
PACKING LIST
Packing List No.: PL-2026-0917
Invoice No.: INV-2026-0917
Date: 2026-09-17
Shipper: Yiwu Starlight Gifts Co., Ltd.
Consignee: Maple Home Decor Inc.
Total: 120 CTNS  2,400 PCS  G.W. 1,560 KGS
"""


def _values(text: str, path: str = "shipping.pdf", tables: list[list[list[str | None]]] | None = None) -> dict[str, Any]:
    return valid_values(shipping.extract, text_doc(text, path, tables), "shipping_document")


def test_cosco_bill_of_lading() -> None:
    values = _values(COSCO_BL)
    assert values["document_type"] == "bill_of_lading"
    assert values["carrier"] == "COSCO"
    assert values["document_number"] == "COSU6289912340"
    assert values["shipper"] == values["supplier_name"] == "Ningbo Sunrise Houseware Co., Ltd."
    assert values["consignee"] == "TO ORDER"
    assert "buyer_name" not in values  # 'to order' names no buyer
    assert values["notify_party"] == "Westfield Retail Group Ltd"
    assert values["vessel"] == "COSCO SHIPPING ARIES" and values["voyage"] == "045E"
    assert values["port_of_loading"] == "Ningbo, China"
    assert values["port_of_discharge"] == "Auckland, New Zealand"
    assert values["container_numbers"] == ["CSQU3054383"]
    assert values["packages"] == 640
    assert values["quantity"] == 3200
    assert values["gross_weight"] == 9840
    assert values["po_number"] == "WRG-PO-5521"
    assert values["shipped_on"] == values["document_date"] == "2026-09-18"


def test_maersk_sea_waybill_as_grid() -> None:
    tables = [
        [["Shipper\nHangzhou Greenleaf Tea Co., Ltd.\nNo. 6 Longjing Road, Hangzhou", "Booking No.\n231887654"],
         ["Consignee\nTeaHouse Imports B.V.\nKeizersgracht 100, Amsterdam", "Sea Waybill No.\nMAEU231887654"],
         ["Vessel / Voyage\nMAERSK KENSINGTON / 243W", "Port of Loading\nShanghai, China"],
         ["Port of Discharge\nRotterdam, Netherlands", "Place of Delivery\nAmsterdam"]],
        [["Container / Seal", "Packages", "Description of Goods", "Gross Weight"],
         ["MSKU1234565 / ML-445566", "860 CARTONS", "GREEN TEA 8,600 BOXES", "10,320 KGS"]],
    ]
    text = "A.P. Moller - Maersk\nNON-NEGOTIABLE SEA WAYBILL\nShipped on board: 03 Sep 2026\nPlace and date of issue: Shanghai, 03 Sep 2026\n"
    values = _values(text, tables=tables)
    assert values["document_type"] == "sea_waybill"
    assert values["carrier"] == "Maersk"
    assert values["document_number"] == "MAEU231887654"
    assert values["supplier_name"] == "Hangzhou Greenleaf Tea Co., Ltd."
    assert values["buyer_name"] == "TeaHouse Imports B.V."
    assert values["vessel"] == "MAERSK KENSINGTON" and values["voyage"] == "243W"
    assert values["port_of_loading"] == "Shanghai, China"
    assert values["port_of_discharge"] == "Rotterdam, Netherlands"
    assert values["packages"] == 860
    assert values["gross_weight"] == 10320
    assert values["container_numbers"] == ["MSKU1234565"]
    assert values["shipped_on"] == "2026-09-03"


def test_dhl_proof_of_delivery() -> None:
    values = _values(DHL_POD)
    assert values["carrier"] == "DHL"
    assert values["document_type"] == "courier"
    assert values["document_number"] == "1234567890"
    assert values["shipped_on"] == "2026-10-28"
    assert values["delivery_date"] == "2026-11-02"
    assert values["packages"] == 2
    assert values["gross_weight"] == 14.5


def test_fedex_tracking_with_month_first_dates() -> None:
    values = _values(FEDEX_TRACKING)
    assert values["carrier"] == "FedEx"
    assert values["document_type"] == "courier"
    assert values["document_number"] == "770012345678"
    assert values["shipped_on"] == "2026-10-28"
    assert values["delivery_date"] == "2026-11-02"


UPS_HISTORY = """\
UPS
Shipment Progress
Tracking Number: 1Z999AA10123456784
11/02/2026 3:15 P.M.  DELIVERED  Front Door
11/02/2026 8:01 A.M.  Out For Delivery Today
10/29/2026 10:12 P.M. Departed from Facility  Shenzhen, China
10/28/2026 6:30 P.M.  Picked Up
"""


def test_courier_tracking_history() -> None:
    values = _values(UPS_HISTORY)
    assert values["carrier"] == "UPS" and values["document_type"] == "courier"
    assert values["document_number"] == "1Z999AA10123456784"
    assert values["delivery_date"] == "2026-11-02"
    assert values["shipped_on"] == "2026-10-28"


def test_chinese_bill_of_lading() -> None:
    values = _values(CHINESE_BL)
    assert values["document_type"] == "bill_of_lading"
    assert values["document_number"] == "SITGSHSE260914"
    assert values["shipper"] == "宁波华美家居用品有限公司"
    assert values["consignee"] == "TO ORDER OF SHIPPER"
    assert values["notify_party"] == "Blue Ocean Imports Pty Ltd"
    assert values["vessel"] == "SITC HAIPHONG" and values["voyage"] == "2614S"
    assert values["carrier"] == "SITC"
    assert values["port_of_loading"] == "上海" and values["port_of_discharge"] == "悉尼"
    assert values["packages"] == 520
    assert values["gross_weight"] == 7850
    assert values["shipped_on"] == values["document_date"] == "2026-09-14"
    assert values["order_number"] == "2401122334455667"


def test_packing_list_has_no_shipment_date() -> None:
    values = _values(PACKING_LIST)
    assert values["document_type"] == "packing_list"
    assert values["document_number"] == "PL-2026-0917"
    assert values["document_date"] == "2026-09-17"
    assert "shipped_on" not in values
    assert values["packages"] == 120
    assert values["quantity"] == 2400
    assert values["buyer_name"] == "Maple Home Decor Inc."


def test_bill_of_lading_without_on_board_date_has_no_shipped_on() -> None:
    values = _values("OCEAN BILL OF LADING\nB/L No.: ZIMUSHH3344551\nShipper: Acme Co., Ltd.\nPort of Loading: Shanghai\n")
    assert values["document_number"] == "ZIMUSHH3344551"
    assert "shipped_on" not in values


def test_empty_document_never_raises() -> None:
    record = shipping.extract(Reading.of(Document(path="x.pdf", sha256="0", size=0, filetype="pdf", reader="pdf")))
    assert record.values() == {"kind": "shipping_document"}


@pytest.mark.parametrize(
    ("value", "label", "expected"),
    [("CORAL BAYWIND / 2641S", "Vessel / Voyage", ("CORAL BAYWIND", "2641S")),
     ("ORIENT PROSPER 0426E", "OCEAN VESSEL / VOY. NO.", ("ORIENT PROSPER", "0426E")),
     ("EVER GIVEN", "Vessel", ("EVER GIVEN", None))],
)
def test_vessel_and_voyage(value: str, label: str, expected: tuple[str, str | None]) -> None:
    assert split_vessel(value, label) == expected


def test_container_check_digit() -> None:
    assert check_digit_ok("CSQU3054383") and check_digit_ok("MSKU1234565")
    assert not check_digit_ok("CSQU3054384")


# ---------------------------------------------------------------- samples


@pytest.mark.parametrize("bundle,entry", expected_documents("shipping_document"), ids=lambda v: v if isinstance(v, str) else v["path"])
def test_sample_shipping_documents(bundle: str, entry: dict[str, Any]) -> None:
    values = valid_values(shipping.extract, read_path(SAMPLES / bundle / entry["path"]), "shipping_document")
    assert_fields(values, entry["fields"], set())
