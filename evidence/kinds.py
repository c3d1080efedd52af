"""The kinds of document the tool recognises: the one list every other module uses.

Each kind is a string (kebab-free snake case, as in the JSON report and the
schemas); these constants name them so that a typo is an import error, not a
kind that silently never matches.
"""

from __future__ import annotations

PROFORMA_INVOICE = "proforma_invoice"
COMMERCIAL_INVOICE = "commercial_invoice"
CONTRACT = "contract"
INSPECTION_REPORT = "inspection_report"
PAYMENT_RECORD = "payment_record"
SHIPPING_DOCUMENT = "shipping_document"
MESSAGE_LOG = "message_log"
PHOTO = "photo"
CLAIM_MANIFEST = "claim_manifest"
UNKNOWN = "unknown"

#: Every kind, in the order reports list them.
KINDS: tuple[str, ...] = (
    PROFORMA_INVOICE,
    COMMERCIAL_INVOICE,
    CONTRACT,
    INSPECTION_REPORT,
    PAYMENT_RECORD,
    SHIPPING_DOCUMENT,
    MESSAGE_LOG,
    PHOTO,
    CLAIM_MANIFEST,
    UNKNOWN,
)
#: Kinds a buyer and supplier agree on: where the order's terms are set.
ORDER_TERMS: tuple[str, ...] = (PROFORMA_INVOICE, COMMERCIAL_INVOICE, CONTRACT)
