"""Parties from more layouts: spread label cells, small print after a party label, and what is never a name.

Each capability has a firing case (the party is read) and a must-not case.
"""

from __future__ import annotations

from evidence.extract.kinds.shipping import extract as extract_shipping
from evidence.extract.reading import Reading
from evidence.records import Document
from tests.conftest import text_doc


def _shipping(doc: Document) -> dict[str, object]:
    record = extract_shipping(Reading.of(doc))
    return {name: record.get(name) for name in ("supplier_name", "buyer_name") if record.get(name) is not None}


# ---------------------------------------------------------------- a form's label spread to its cell's width


def test_a_spread_chinese_label_cell_is_read_as_its_label() -> None:
    doc = text_doc("装箱单\n货  物  名  称 | 保温材料 | 发  货 单 位 | 南京远山保温材料有限公司\n发货日期 | 2024/3/5")
    assert _shipping(doc) == {"supplier_name": "南京远山保温材料有限公司"}


def test_a_spread_name_is_left_as_written() -> None:
    doc = text_doc("装箱单\n备  注 | 王 明 | 运输方式 | 汽运")
    lines = [line.text for line in Reading.of(doc).doc.lines]
    assert "备注 | 王 明 | 运输方式 | 汽运" in lines
    assert _shipping(doc) == {}
