"""Fee and charge lines a PI, contract or invoice writes outside its item table.

'Packing charge: 300.00' under the subtotal is a charge the line-item reader
does not take (it is not a row of the table), yet it is part of what the total
adds up. Each such line is read once, here, with its one amount and where it
sits, so that the rules (X003) weigh it without reading the document again.

A line counts when it names a fee, charge or cost (or a phrase of
invoice_terms.json `charge_words`), a tax (`tax_words`) or a discount (taken off:
its amount is negative), is not a total line, and holds exactly one amount: a
line with two figures is a table row or a sentence, not one charge.
The test is loose (a clause 'within 30 days ... at the Seller's cost' gives 30);
that is tolerable because X003 uses these amounts only to explain a gap between
the items and the total, never to report one.
"""

from __future__ import annotations

import re

from evidence.extract.parts.scan import phrase_pattern
from evidence.normalize import json_number
from evidence.normalize.money import find_amounts
from evidence.records import INFERRED, TextLine, Value

_CHARGE_LINE = re.compile(r"charge|fee|cost|费", re.IGNORECASE)
#: A total or subtotal line, in the languages invoices arrive in, or an amount with or without tax
#: ('Totaal exclusief BTW', 'Bedrag incl. BTW', 'Summe inkl. MwSt'): no charge of its own.
_TOTAL_LINE = re.compile(
    r"total|totaal|summe|gesamt|合计|总计|\b(?:incl|excl|inkl|exkl|including|excluding|inclusief|exclusief|hors)\b",
    re.IGNORECASE,
)
#: A discount is taken off the total: 'Discount (repeat order): -500.00', 'Less rebate 500.00'.
_DISCOUNT_LINE = re.compile(r"discount|rebate|折扣|优惠", re.IGNORECASE)


def find_charge_lines(lines: list[TextLine], currency: str | None) -> list[Value]:
    """Given a document's lines and its currency, return each fee or charge line's amount, with its line."""
    found = []
    for line in lines:
        amount = _charge_amount(line.text, currency)
        if amount is not None:
            found.append(Value(amount, line.source, line.text, INFERRED))  # read loosely: never labeled
    return found


def _charge_amount(text: str, currency: str | None) -> int | float | None:
    """Given a line, return the one amount of a fee, charge or tax line (a discount's as negative), else None."""
    if _TOTAL_LINE.search(text):
        return None
    discount = bool(_DISCOUNT_LINE.search(text))
    named = _CHARGE_LINE.search(text) or phrase_pattern("charge_words").search(text) or _tax_line(text)
    if not (discount or named):
        return None
    # Figures without a currency mark count: 'Packing charge: 300.00' in a USD invoice is USD 300.
    amounts = find_amounts(text, currency, bare=True)
    if len(amounts) != 1:
        return None
    amount = json_number(amounts[0].amount)
    return -abs(amount) if discount else amount


def _tax_line(text: str) -> bool:
    """A tax line ('VAT 13%: 3,250.00', 'IGST @18% 4,500.00') adds to the total like a charge."""
    return bool(phrase_pattern("tax_words").search(text))
