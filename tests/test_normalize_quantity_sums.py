"""normalize.quantity_sums: a goods count written as a sum or per product line is compared as its total."""

from __future__ import annotations

from decimal import Decimal

import pytest

from evidence.normalize.quantity_sums import goods_total


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("600 + 600 + 600 pcs", 1800),
        ("600pcs + 600pcs", 1200),
        ("1,200 + 800 sets", 2000),
        ("LED table lamp 300 pcs; power adaptor 300 pcs", 600),
        ("sage 600 pcs, sand 600 pcs, charcoal 600 pcs", 1800),
        ("台灯 300 件；适配器 300 件", 600),
        # A named total is the total; the lines beside it are not added to it.
        ("Total 600 pcs (lamp 300 pcs, adaptor 300 pcs)", 600),
        # Counts that are not one per product line: the first, as goods_count reads it.
        ("5,000 pcs", 5000),
        ("5,000 pcs, presented 4,800 pcs", 5000),
        ("5,000 pcs (50 cartons)", 5000),
        ("1200 pcs / 100 ctns", 1200),
        ("5000", 5000),
    ],
)
def test_goods_total(text: str, total: int) -> None:
    assert goods_total(text) == Decimal(total)


@pytest.mark.parametrize("text", ["2 + 3 cartons", "50 cartons", "to be confirmed"])
def test_no_goods_count(text: str) -> None:
    assert goods_total(text) is None
