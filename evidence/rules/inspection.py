"""I: inspection. Whether the bundle has a third-party inspection report for this order, and its verdict."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from evidence.findings import Finding
from evidence.kinds import (
    CLAIM_MANIFEST,
    CONTRACT,
    INSPECTION_REPORT,
    ORDER_TERMS,
    PAYMENT_RECORD,
    PROFORMA_INVOICE,
)
from evidence.records import Basis, Record, Source, Value
from evidence.rules.registry import RULES, rule
from evidence.wording import counted

if TYPE_CHECKING:
    from evidence.rules.context import Context

KIND = INSPECTION_REPORT
#: Records that state what the order is (its number, references, quantity); never the report itself.
ORDER_KINDS = (CLAIM_MANIFEST, *ORDER_TERMS, PAYMENT_RECORD)
QUANTITY_KINDS = ORDER_TERMS
#: The fields in which the order documents state a reference of the order.
ORDER_REFERENCE_FIELDS = ("order_number", "order_reference", "pi_number", "po_number", "contract_number")
#: The records whose own number is a reference of the order (a PI's or contract's number, not an invoice's).
ORDER_NUMBERED_KINDS = (PROFORMA_INVOICE, CONTRACT)
#: A model/article code as written in a product line: letters and digits joined by dashes ("HY-VB750-BK").
MODEL_CODE = re.compile(r"\b[A-Z0-9]+(?:-[A-Z0-9]+)+\b")


def _reports(ctx: Context) -> list[Record]:
    return sorted((r for r in ctx.records if r.kind == KIND), key=lambda r: r.path)


def _where(record: Record, *names: str) -> Source:
    """The source of the first of `names` the record states, else the record's file."""
    for name in names:
        value = record.fields.get(name)
        if value is not None:
            return value.source
    return Source(record.path)


def _ref(value: Any) -> str:
    """A reference as two documents must agree on it: no spaces, dashes, slashes or dots; upper case."""
    return re.sub(r"[\s\-_/.#:]", "", str(value)).upper()


@rule(
    "I001",
    "inspection-missing",
    "info",
    "No inspection report of any kind is in the bundle.",
    "Add an inspection report for this order from a recognized third-party inspection company "
    "(SGS, Bureau Veritas, Intertek, QIMA, TUV, V-Trust, HQTS...); for goods already received, "
    "book a post-delivery inspection of the goods as they are now.",
)
def inspection_missing(ctx: Context) -> Iterator[Finding]:
    """What it checks: the bundle holds at least one inspection report (a supplier's own QC
    report or a report for another order still counts here; I002 and I004 say why it is weak).

    Why it matters: a quality claim needs an inspection report from a recognized third
    party to show, objectively, that the goods differ from the order's specification.
    """
    if _reports(ctx):
        return
    where = [Source(d.path) for d in ctx.documents[:1]] or [Source(".")]
    yield RULES["I001"].finding(
        f"no inspection report among the bundle's {counted(len(ctx.documents), 'document')}", *where,
    )


@rule(
    "I002",
    "inspector-not-third-party",
    "major",
    "The inspection report is issued by the supplier itself or by a party not recognized as an inspection company.",
    "Get the goods inspected by a recognized third-party inspection company (SGS, Bureau Veritas, "
    "Intertek, QIMA, TUV, V-Trust, HQTS...); the supplier's own QC report does not count as proof.",
)
def inspector_not_third_party(ctx: Context) -> Iterator[Finding]:
    """What it checks: each inspection report's issuer is a recognized third-party inspection
    company, not the supplier's own QC department or an unknown party.

    Why it matters: the platform needs an independent report; a supplier certifying its own
    goods proves nothing against the supplier, and an unknown "inspector" carries no weight.
    """
    for record in _reports(ctx):
        company = record.get("inspection_company")
        where = _where(record, "inspection_company", "issued_by_supplier")
        if record.get("issued_by_supplier") is True:
            who = f" ({company})" if company else ""
            yield RULES["I002"].finding(
                f"{record.path} is the supplier's own QC report{who}, not a third-party inspection", where,
                rests_on=[record.basis("issued_by_supplier")],
            )
        elif record.get("inspection_company_recognized") is not True:
            who = f"issued by {company}, which is not" if company else "names no issuer that is"
            # No recognized company is named anywhere on the report: that holds whoever the issuer is.
            yield RULES["I002"].finding(f"{record.path} {who} a recognized inspection company", where)


@rule(
    "I003",
    "inspection-passed",
    "major",
    "The inspection report's overall result is PASS / conforming.",
    "A report that passed the goods works against a quality claim: explain what the inspection "
    "did not cover (a defect found after delivery, an item outside its sample), or get a new "
    "inspection of the goods as received.",
)
def inspection_passed(ctx: Context) -> Iterator[Finding]:
    """What it checks: whether an inspection report in the bundle passed the goods.

    Why it matters: the supplier will point to the passing report as proof the goods
    conformed; a quality claim must show why it does not settle the question.
    """
    for record in _reports(ctx):
        if str(record.get("inspection_result", "")).lower() != "pass":
            continue
        text = str(record.get("result_text") or "").strip()
        quoted = f': "{text}"' if text else ""
        yield RULES["I003"].finding(
            f"{record.path} passed the goods{quoted}", _where(record, "inspection_result"),
            rests_on=[record.basis("inspection_result")],
        )


def _order_values(ctx: Context, kinds: tuple[str, ...], names: tuple[str, ...]) -> list[tuple[Any, Source]]:
    found = []
    for record in sorted((r for r in ctx.records if r.kind in kinds), key=lambda r: r.path):
        for name in names:
            value = record.fields.get(name)
            if value is not None and value.value not in (None, ""):
                found.append((value.value, value.source))
    return found


def _mismatch(ours: Value, theirs: list[tuple[Any, Source]], key: Callable[[Any], Any]) -> bool:
    """Whether the order documents state the value and the report's differs from all of them.

    A reference is compared as extracted and as written (the extractor may cut a
    reference written with spaces, "2456 7812 3456 7890", at its first space).
    """
    if not theirs:
        return False
    keys = {key(v) for v, _ in theirs}
    return key(ours.value) not in keys and (key is not _ref or not ours.text or _ref(ours.text) not in keys)


def _shown(value: Value) -> str:
    return value.text.strip() if value.text and _ref(value.text).startswith(_ref(value.value)) else str(value.value)


def _quantity(value: Any) -> float | None:
    try:
        return round(float(value), 2)
    except (TypeError, ValueError):
        return None


def _order_references(ctx: Context) -> list[tuple[Any, Source]]:
    """Every reference the order documents give the order: any of them identifies it (RULES.md I004)."""
    found = _order_values(ctx, ORDER_KINDS, ORDER_REFERENCE_FIELDS)
    return found + _order_values(ctx, ORDER_NUMBERED_KINDS, ("document_number",))


def _wrong_order(ctx: Context, record: Record) -> Iterator[tuple[str, list[Source], list[Basis | None]]]:
    """The ways a report names another order: (what it says, sources of the report and the order).

    A reference the report gives (order, PI or PO/contract number) is another order's only when
    it is none of the order's references: a report may name the order by its PI number under
    "Order No." or by the buyer's PO.
    """
    known = _order_references(ctx)
    orders = _order_values(ctx, ORDER_KINDS, ("order_number",))
    pis = _order_values(ctx, (PROFORMA_INVOICE,), ("document_number", "pi_number"))
    refs = _order_values(ctx, ORDER_TERMS, ("po_number", "contract_number"))
    refs += _order_values(ctx, (CONTRACT,), ("document_number",))
    for name, what, theirs in (("order_number", "order", orders), ("pi_number", "PI", pis),
                               ("po_number", "PO/contract", refs)):
        ours = record.fields.get(name)
        if ours is not None and theirs and _mismatch(ours, known, _ref):
            yield (f"{what} {_shown(ours)}, not {theirs[0][0]}", [ours.source, theirs[0][1]],
                   [Basis.of(name, ours), ctx.basis_at(name, theirs[0][1])])
    product = record.fields.get("product")
    models = _order_models(ctx)
    named = _model_codes(str(product.value)) if product is not None else set()
    if product is not None and models and named and not named & set(models):
        written = sorted(value for value, _ in models.values())
        first = next(iter(models.values()))[1]
        yield (f"product {product.value}, not the order's {'model' if len(written) == 1 else 'models'} {', '.join(written)}", [product.source, first],
               [Basis.of("product", product)])
    quantities = [(v, s) for v, s in _order_values(ctx, QUANTITY_KINDS, ("quantity",)) if _quantity(v) is not None]
    quantities += _lines_quantity(ctx, named)
    quantity = record.fields.get("quantity")
    if quantity is not None and _quantity(quantity.value) is not None and _mismatch(quantity, quantities, _quantity):
        yield (f"quantity {quantity.value}, not {quantities[0][0]}", [quantity.source, quantities[0][1]],
               [Basis.of("quantity", quantity), ctx.basis_at("quantity", quantities[0][1])])


def _lines_quantity(ctx: Context, named: set[str]) -> list[tuple[Any, Source]]:
    """The quantity of the order's product lines a report names by model (a report on one line of the order)."""
    found = []
    for record in sorted((r for r in ctx.records if r.kind in QUANTITY_KINDS), key=lambda r: r.path):
        lines = [item for item in record.items if item.get("model") is not None
                 and _ref(item["model"].value) in named and item.get("quantity") is not None]
        if lines and {_ref(item["model"].value) for item in lines} == named and len(lines) < len(record.items):
            total = sum(_quantity(item["quantity"].value) or 0 for item in lines)
            found.append((total, lines[0]["quantity"].source))
    return found


def _model_codes(text: str) -> set[str]:
    """The model codes a text names (with a letter and a digit, so "USB-C" or "2026-10" are not codes)."""
    codes = (m.group(0) for m in MODEL_CODE.finditer(text))
    return {_ref(c) for c in codes if re.search(r"[A-Z]", c) and re.search(r"\d", c)}


def _order_models(ctx: Context) -> dict[str, tuple[str, Source]]:
    """The order's model codes (PI, contract, invoice line items): key -> (as written, where stated)."""
    models: dict[str, tuple[str, Source]] = {}
    for record in sorted((r for r in ctx.records if r.kind in QUANTITY_KINDS), key=lambda r: r.path):
        for item in record.items:
            model = item.get("model")
            if model is not None and model.value:
                models.setdefault(_ref(model.value), (str(model.value), model.source))
    return models


@rule(
    "I004",
    "inspection-wrong-order",
    "major",
    "The inspection report names another order/PO number, product or quantity than the order.",
    "Add the inspection report for this order, or get the inspection company to correct the "
    "report's order details in writing; a report for other goods proves nothing about these.",
)
def inspection_wrong_order(ctx: Context) -> Iterator[Finding]:
    """What it checks: the order number, PI and PO/contract references, the product's model
    codes and the quantity an inspection report names match the order's (PI, contract,
    invoice, payment, manifest); references are compared without spaces, dashes and case,
    and the report's quantity need only match one of the order documents.

    Why it matters: a report for another order, PO or lot says nothing about the goods
    claimed for, and the supplier will say so.
    """
    for record in _reports(ctx):
        for what, sources, bases in _wrong_order(ctx, record):
            order_doc = sources[1].path if len(sources) > 1 else "the order"
            yield RULES["I004"].finding(f"{record.path} names {what} as in {order_doc}", *sources, rests_on=bases)


@rule(
    "I005",
    "inspection-result-unclear",
    "minor",
    "No clear overall result (PASS / FAIL / PENDING) can be read from the inspection report.",
    "Ask the inspection company for the report's overall conclusion in writing (PASS, FAIL or "
    "PENDING), or add the report's summary page.",
)
def inspection_result_unclear(ctx: Context) -> Iterator[Finding]:
    """What it checks: each inspection report states one overall result: PASS, FAIL or PENDING.

    Why it matters: a report whose verdict must be inferred from its checkpoints, or
    that contradicts itself, invites the supplier to read it its own way.
    """
    for record in _reports(ctx):
        if record.get("inspection_result"):
            continue
        why = next((n for n in record.notes if "result" in n), "no overall result was found")
        yield RULES["I005"].finding(f"{record.path}: {why}", Source(record.path))
