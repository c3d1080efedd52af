"""S: specifications. Rules about what the PI and contract say the goods must be."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from evidence.findings import Finding
from evidence.kinds import CLAIM_MANIFEST, COMMERCIAL_INVOICE, CONTRACT, PAYMENT_RECORD, PROFORMA_INVOICE
from evidence.normalize.quantities import find_measures, to_base
from evidence.normalize.specs import attribute_key, expected_kind, find_subjective, parse_spec_line
from evidence.records import Event, Record, Source
from evidence.rules.registry import RULES, rule
from evidence.wording import clipped

if TYPE_CHECKING:
    from evidence.rules.context import Context

#: Record kinds that state the agreed specification.
SPEC_KINDS = (PROFORMA_INVOICE, CONTRACT)
#: Unit kinds of a dimension, weight or capacity figure.
MEASURED_KINDS = frozenset({"length", "mass", "volume"})
#: How much of a spec line or a quoted message a finding shows.
SPEC_CHARS = 160
_DIMENSION_FIGURES = re.compile(r"\d\s*[x×*X]\s*\d")
_LETTER = re.compile(r"[^\W\d_]")


@rule(
    "S001",
    "specs-missing",
    "minor",
    "The PI and contract give no product specification beyond a product name.",
    "Get the supplier to confirm a written specification (material, dimensions, weight, "
    "capacity, colour with tolerances) as a PI amendment or in the order chat before filing.",
)
def specs_missing(ctx: Context) -> Iterator[Finding]:
    """What it checks: at least one PI or contract states a specification: a
    specification line, or a line item describing more than the product name
    (a measured figure or a recognised attribute such as material or colour).

    Why it matters: a quality claim argues that the goods differ from what was
    agreed; with nothing agreed beyond "ceramic mug", there is nothing to differ from.
    """
    records = _spec_records(ctx)
    if not records or any(_specs(r) or _items_specify(r) for r in records):
        return
    names = ", ".join(r.path for r in records)
    yield RULES["S001"].finding(
        f"{names} {_verb(records, 'gives', 'give')} no product specification beyond the product name",
        *(_record_source(r) for r in records),
    )


@rule(
    "S002",
    "subjective-spec",
    "minor",
    "A specification is worded subjectively or unmeasurably ('high quality', 'premium', 'as usual').",
    "Replace subjective wording with measurable criteria (material grade, dimensions with tolerance, "
    "Pantone colour, test standard) agreed in writing with the supplier.",
)
def subjective_spec(ctx: Context) -> Iterator[Finding]:
    """What it checks: the specification lines and line-item descriptions of the
    PI and contract for subjective or unmeasurable phrases ("high quality",
    "good material", "nice colour", "premium", "优质", "as usual").

    Why it matters: nobody can show that goods fail "high quality"; a reviewer
    gives such a specification no weight and the supplier will argue the goods meet it.
    """
    for record in _spec_records(ctx):
        phrases: list[str] = []
        sources: list[Source] = []
        spec_field = record.fields.get("specs")
        for spec in _specs(record):
            # The extractor's reading stands when it gives one: it knows a brand or model name from a judgment.
            said = spec.get("subjective")
            found = [str(p) for p in said] if isinstance(said, list) else find_subjective(str(spec.get("text") or ""))
            if found and spec_field is not None and spec_field.source not in sources:
                sources.append(spec_field.source)
            phrases.extend(found)
        for item in record.items:
            for name in ("description", "description_local"):
                value = item.get(name)
                if value is None:
                    continue
                found = find_subjective(str(value.value))
                if found and value.source not in sources:
                    sources.append(value.source)
                phrases.extend(found)
        unique = _unique(phrases)
        if unique:
            quoted = ", ".join(f"'{p}'" for p in unique)
            yield RULES["S002"].finding(f"{record.path} specifies the goods subjectively: {quoted}", *sources)


@rule(
    "S003",
    "spec-without-unit-or-tolerance",
    "minor",
    "A dimension, weight or capacity figure has no unit, or the dimensions have no tolerance at all.",
    "Have the supplier confirm the unit of every figure and a tolerance for each dimension "
    "(e.g. '27 cm ±0.5 cm') in writing.",
)
def spec_without_unit_or_tolerance(ctx: Context) -> Iterator[Finding]:
    """What it checks: every dimension, weight or capacity figure of the PI's and
    contract's specifications carries a unit ("Size: 9 x 8.5" does not), and the
    specification gives a tolerance for its measured figures somewhere (a figure
    with "±", or a general tolerance line).

    Why it matters: "9 x 8.5" may be cm or inches; and without a tolerance any
    deviation can be called acceptable, so a measured shortfall proves little.
    """
    this = RULES["S003"]
    records = _spec_records(ctx)
    measured: list[tuple[Record, dict[str, Any]]] = []
    toleranced = False
    for record in records:
        source = _specs_source(record)
        for spec in _specs(record):
            if spec.get("tolerance") or spec.get("key") == "tolerance":
                toleranced = True
            if _lacks_unit(spec):
                yield this.finding(
                    f"{record.path} gives '{_spec_text(spec)}' with no unit", source
                )
            elif spec.get("unit") and _expects(spec) in MEASURED_KINDS:
                measured.append((record, spec))
    if measured and not toleranced:
        figures = ", ".join(_unique([f"'{_spec_text(s)}'" for _, s in measured]))
        paths = _unique([r.path for r, _ in measured])
        sources = _unique([_specs_source(r) for r, _ in measured])
        verb = "gives" if len(paths) == 1 else "give"
        yield this.finding(f"{', '.join(paths)} {verb} no tolerance for any measured figure: {figures}", *sources)


@rule(
    "S004",
    "specs-conflict",
    "major",
    "The PI and contract (or an agreed amendment in messages) disagree on a specification.",
    "Establish which specification governs (the later signed document or the agreed amendment) "
    "and claim against that one, citing it explicitly.",
)
def specs_conflict(ctx: Context) -> Iterator[Finding]:
    """What it checks: each measured attribute (capacity, thickness, weight,
    diameter...) that both the PI and the contract specify has the same value in
    both, after converting units (750 ml = 0.75 L); and that a change agreed in
    messages ("ok, agree to change capacity to 700 ml") matches the documents.

    Why it matters: where the documents disagree, the supplier picks the one the
    goods meet; a reviewer must first decide which governs.
    """
    this = RULES["S004"]
    records = _spec_records(ctx)
    pis = [r for r in records if r.kind == PROFORMA_INVOICE]
    contracts = [r for r in records if r.kind == CONTRACT]
    for pi in pis:
        for contract in contracts:
            for key, product, left, right in _pairs(pi, contract):
                if _base(left) != _base(right):
                    what = f"{key} of {product}" if product else key
                    yield this.finding(
                        f"{pi.path} and {contract.path} disagree on {what}: "
                        f"'{_spec_text(left)}' vs '{_spec_text(right)}'",
                        _specs_source(pi),
                        _specs_source(contract),
                        rests_on=[pi.basis("specs"), contract.basis("specs")],
                    )
    for record in ctx.records:
        for event in record.events:
            if event.kind == "spec-change-agreed":
                yield from _amendment_conflicts(records, event)


@rule(
    "S005",
    "sample-approved",
    "minor",
    "The buyer approved a pre-production sample.",
    "Compare the bulk goods with the approved sample; claim only differences from the sample "
    "(or from measurable specs), not design points the sample already showed.",
)
def sample_approved(ctx: Context) -> Iterator[Finding]:
    """What it checks: messages in which the buyer approves a (pre-production) sample.
    An approval that names only another order's references or models ("the sample for
    order FX-PI-260611 was approved") is not this order's.

    Why it matters: once a sample is approved it becomes the reference; design,
    colour or feel complaints are not covered where the bulk matches the sample.
    """
    ours = _order_references(ctx)
    for record in ctx.records:
        for event in record.events:
            if event.kind == "sample-approved" and event.actor != "supplier" and not _names_another_order(
                str(event.quote or ""), ours
            ):
                when = f" on {event.timestamp}" if event.timestamp else ""
                yield RULES["S005"].finding(
                    f"{event.source.path}: the buyer approved a sample{when}: \"{clipped(event.quote, SPEC_CHARS)}\"",
                    event.source,
                )


@rule(
    "S006",
    "no-quality-standard",
    "minor",
    "No acceptance criteria (AQL levels, test standard or defect definitions) in the PI or contract.",
    "Use a recognised standard in the inspection (ISO 2859-1 AQL 2.5/4.0) and ask the supplier "
    "to confirm it in writing; cite defect classes the inspection report applies.",
)
def no_quality_standard(ctx: Context) -> Iterator[Finding]:
    """What it checks: the PI or contract states acceptance criteria: AQL levels,
    a test standard (ISO/ASTM/GB/EN...), or defect definitions.

    Why it matters: without agreed criteria, whether a defect rate is acceptable
    is the supplier's word against the buyer's; an inspection has no agreed yardstick.
    """
    records = _spec_records(ctx)
    if not records or any(_has_standard(r) for r in records):
        return
    names = ", ".join(r.path for r in records)
    yield RULES["S006"].finding(
        f"{names} {_verb(records, 'states', 'state')} no AQL levels, test standard or defect definitions",
        *(_record_source(r) for r in records),
    )


# ---------------------------------------------------------------- helpers

#: A reference as messages cite an order or a product: a code of letters and digits joined by
#: dashes ("FX-PI-260611", "BW-K17"), or a platform order number (12 to 20 digits).
_CITED = re.compile(r"\b(?=[A-Z0-9-]*\d)[A-Z0-9]+(?:-[A-Z0-9]+)+\b|(?<!\d)\d{12,20}(?!\d)")
#: The kinds whose references and models are the order's, and the fields that hold them.
_ORDER_KINDS = (*SPEC_KINDS, COMMERCIAL_INVOICE, PAYMENT_RECORD, CLAIM_MANIFEST)
_REFERENCE_FIELDS = ("order_number", "order_reference", "pi_number", "po_number", "contract_number")


def _ref(value: Any) -> str:
    return re.sub(r"[\s\-_/.#:]", "", str(value)).upper()


def _order_references(ctx: Context) -> set[str]:
    """The order's own references and model codes, as two documents must agree on them."""
    found: set[str] = set()
    for record in ctx.records:
        if record.kind not in _ORDER_KINDS:
            continue
        names = _REFERENCE_FIELDS + (("document_number",) if record.kind in SPEC_KINDS else ())
        found.update(_ref(record.get(name)) for name in names if record.get(name))
        found.update(_ref(item["model"].value) for item in record.items if item.get("model") is not None)
        found.update(_ref(spec["product"]) for spec in _specs(record) if spec.get("product"))
    return found


def _names_another_order(quote: str, ours: set[str]) -> bool:
    """Whether a message cites order references or models, none of them this order's."""
    cited = {_ref(code) for code in _CITED.findall(quote) if re.search(r"[A-Z]", code) or code.isdigit()}
    return bool(cited and ours) and not cited & ours


def _spec_records(ctx: Context) -> list[Record]:
    return [r for r in ctx.records if r.kind in SPEC_KINDS]


def _specs(record: Record) -> list[dict[str, Any]]:
    value = record.get("specs")
    return [s for s in value if isinstance(s, dict)] if isinstance(value, list) else []


def _specs_source(record: Record) -> Source:
    found = record.fields.get("specs")
    return found.source if found is not None else Source(record.path)


def _record_source(record: Record) -> Source:
    """Where the record's terms are read: its quality clause, specification, number, else the file."""
    for name in ("quality_standard", "specs", "document_number", "order_number"):
        found = record.fields.get(name)
        if found is not None:
            return found.source
    return Source(record.path)


def _verb(records: list[Record], one: str, many: str) -> str:
    return one if len(records) == 1 else many


def _spec_text(spec: dict[str, Any]) -> str:
    return clipped(str(spec.get("text") or spec.get("value") or ""), SPEC_CHARS)


def _unique(values: list[Any]) -> list[Any]:
    seen: set[Any] = set()
    kept = []
    for value in values:
        mark = value.lower() if isinstance(value, str) else value
        if mark not in seen:
            seen.add(mark)
            kept.append(value)
    return kept


def _items_specify(record: Record) -> bool:
    """Return True if a line item says more than a product name: a measured figure or a known attribute."""
    for item in record.items:
        for name in ("description", "description_local", "specification"):
            value = item.get(name)
            if value is None:
                continue
            text = str(value.value)
            if any(m.value is not None and m.unit for m in find_measures(text)):
                return True
            parts = [p for p in re.split(r"[,;/，；、\n]", text) if p.strip()]
            if len(parts) > 1 and any(parse_spec_line(p).key for p in parts):
                return True
    return False


def _expects(spec: dict[str, Any]) -> str | None:
    key = spec.get("key")
    if not isinstance(key, str):
        return None
    return expected_kind(key)


def _lacks_unit(spec: dict[str, Any]) -> bool:
    """A dimension, weight or capacity figure (or a 'Size: 9 x 8.5') written with no unit."""
    if spec.get("number") is None or spec.get("unit"):
        return False
    tolerance = spec.get("tolerance")
    if tolerance and _LETTER.search(str(tolerance)):
        return False  # "dimensions ±1 mm": the figure is the tolerance's
    if _expects(spec) in MEASURED_KINDS:
        return True
    return spec.get("key") == "size" and bool(_DIMENSION_FIGURES.search(str(spec.get("value") or "")))


def _base(spec: dict[str, Any]) -> tuple[Decimal, str] | None:
    try:
        return to_base(Decimal(str(spec["number"])), str(spec["unit"]))
    except (KeyError, ValueError, InvalidOperation, TypeError):
        return None


def _comparable(record: Record) -> dict[tuple[str, str | None], list[dict[str, Any]]]:
    found: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for spec in _specs(record):
        if spec.get("key") and spec.get("number") is not None and spec.get("unit") and _base(spec) is not None:
            found.setdefault((spec["key"], spec.get("product")), []).append(spec)
    return found


def _pairs(pi: Record, contract: Record) -> Iterator[tuple[str, str | None, dict[str, Any], dict[str, Any]]]:
    """Yield (key, product, PI spec, contract spec) for attributes both state once for the same product."""
    left, right = _comparable(pi), _comparable(contract)
    for (key, product), specs in left.items():
        match = right.get((key, product))
        if match is None:
            # One side may not name products: compare when the attribute is unambiguous on both.
            lefts = [s for (k, _), v in left.items() if k == key for s in v]
            rights = [s for (k, _), v in right.items() if k == key for s in v]
            if len(lefts) == 1 and len(rights) == 1:
                yield key, product or rights[0].get("product"), lefts[0], rights[0]
            continue
        if len(specs) == 1 and len(match) == 1 and _base(specs[0])[1] == _base(match[0])[1]:  # type: ignore[index]
            yield key, product, specs[0], match[0]


def _amendment_conflicts(records: list[Record], event: Event) -> Iterator[Finding]:
    """Findings where an agreed change in a message names a measured attribute with another value."""
    quote = str(event.quote or "")
    measures = [m for m in find_measures(quote) if m.value is not None and m.unit]
    if not measures:
        return
    reported: set[str] = set()
    for record in records:
        for spec in _specs(record):
            base = _base(spec) if spec.get("key") and spec.get("unit") else None
            if base is None or not _mentions(quote, spec):
                continue
            for measure in measures:
                try:
                    agreed = to_base(measure.value, measure.unit)  # type: ignore[arg-type]
                except ValueError:
                    continue
                if agreed[1] == base[1] and agreed != base and record.path not in reported:
                    reported.add(record.path)
                    yield RULES["S004"].finding(
                        f"{event.source.path} agrees a change \"{clipped(quote, SPEC_CHARS)}\" but {record.path} "
                        f"says '{_spec_text(spec)}'",
                        event.source,
                        _specs_source(record),
                        rests_on=[record.basis("specs")],
                    )


def _mentions(quote: str, spec: dict[str, Any]) -> bool:
    """Return True if the quote names the spec's attribute (its label or a word of the same key)."""
    words = re.findall(r"[^\W\d_]+(?:\s+[^\W\d_]+)?", quote)
    key = spec.get("key")
    label = str(spec.get("attribute") or "").lower()
    if label and label in quote.lower():
        return True
    return any(attribute_key(w) == key for w in words) or any(attribute_key(w) == key for w in quote.split())


def _has_standard(record: Record) -> bool:
    if record.get("aql") or record.get("test_standards") or record.get("defect_definitions"):
        return True
    standard = str(record.get("quality_standard") or "")
    return bool(re.search(r"\bAQL\b|\b(?:ISO|ASTM|GB|EN|IEC|ANSI|BS|DIN|JIS)\s*/?\s*\d", standard, re.IGNORECASE))
