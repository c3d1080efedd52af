"""Shipping documents: bills of lading, sea and air waybills, courier receipts, packing lists, delivery notes.

What the date rules rest on (RULES.md D001-D003, D007, D008): when the goods
were shipped on board (`shipped_on`) and when they were delivered
(`delivery_date`); and what X001/X002/X005 compare: the order the document
cites, the shipper and consignee, the pieces and packages. Title and label
words live in data/shipping_terms.json, carriers in data/carriers.json.
Party blocks ("Shipper\\nACME CO., LTD.\\nNo. 8 ...") give their first line as
the name.

How sure each value is: dates, numbers, parties and ports under their labels
are labeled; the shipper and consignee standing in for supplier and buyer, a
carrier known by its name outside a carrier label, the type a title names and a
tracking event's date are inferred; a numeric date read in a day/month order the
document does not settle is guessed (parts/certainty.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from evidence.extract.cells import label_field
from evidence.kinds import SHIPPING_DOCUMENT
from evidence.phrases import Named, find_named, phrases_pattern
from evidence.extract.labels import ISSUE_DATE_LABELS, Labeled, label_key
from evidence.extract.parts.cargo import check_digit_ok as check_digit_ok  # where callers have imported it from
from evidence.extract.parts.cargo import record_cargo
from evidence.extract.parts.parties import block_name, find_party, is_bank, name_under
from evidence.extract.reading import Reading, labeled_note, put, put_date, put_inferred, set_line_date, stand_in, top_lines
from evidence.extract.references import PO_LABELS, record_cited_order
from evidence.normalize.companies import has_personal_title
from evidence.normalize.identifiers import identifier_in, own_number
from evidence.reference_data import load_data
from evidence.records import INFERRED, LABELED, Document, Record, TextLine

_TITLE_LINES = 12
_ON_BOARD_LOOKAHEAD = 3  # an on-board stamp's date may sit a few lines under its heading
_VOYAGE = re.compile(r"^(?=.*\d)[A-Z0-9][A-Z0-9\-.]{1,9}$", re.IGNORECASE)
_ESTIMATES = {"etd", "eta"}
_SENDER_LABELS = ("from", "ship from", "sender")
_SHIPPER_LABELS = ("shipper", "shipper / exporter", "shipper/exporter", "exporter", "发货人", "托运人")
_CONSIGNEE_LABELS = {"consignee", "收货人"}
_CONSIGNEE_START = re.compile(r"^\s*(?:consignee|收货人)", re.IGNORECASE)
_BUYER_LABELS = ("buyer", "customer", "client", "sold to", "bill to", "买方")
#: Words of a label over the shipper's or the consignee's box ('Exporter / Shipper', '发货单位', '收货人').
_SHIPPER_WORDS = re.compile(r"shipper|consignor|发货|托运", re.IGNORECASE)
_CONSIGNEE_WORDS = re.compile(r"consignee|收货", re.IGNORECASE)
_NOT_A_PARTY = re.compile(r"^(?:same as|to (?:the )?order|as per|n/?a\b)", re.IGNORECASE)
#: Documents that state when goods left, and those that state when they arrived.
_SHIPS = ("bill_of_lading", "sea_waybill", "air_waybill", "courier")
_DELIVERS = ("courier", "delivery_note")


def extract(reading: Reading) -> Record:
    """Given a shipping document, return its Record (see the module docstring for the fields)."""
    doc = reading.source
    record = Record(kind=SHIPPING_DOCUMENT, path=doc.path)
    found = reading
    record_type(record, found)
    record_carrier(record, found)
    record_numbers(record, found)
    record_dates(record, found)
    record_parties(record, found)
    record_route(record, found)
    record_cargo(record, found)
    found.note_date_order(record)
    return record


# ---------------------------------------------------------------- type and carrier


def record_type(record: Record, found: Reading) -> None:
    """Set the document type from its title (the top lines first), else from its number's label."""
    titled = document_type(found.doc)
    if titled is not None:
        kind, line = titled
        titles = {title.source for title in top_lines(found.doc, _TITLE_LINES)}
        note = "from the title" if line.source in titles else "named in the text"
        record.set("document_type", kind, line.source, line.text, INFERRED, note)
        return
    for item in found.values("bl_number"):
        label = item.label.lower()
        kind = "bill_of_lading"
        if "awb" in label or "air" in label:
            kind = "air_waybill"
        elif "track" in label:
            kind = "courier"
        record.set("document_type", kind, item.source, item.label, INFERRED, f'from the label "{item.label.strip()}"')
        return
    record.notes.append("the document's title does not say which kind of shipping document it is")


def document_type(doc: Document) -> tuple[str, TextLine] | None:
    """Given a document, return the type its title names, with the title line."""
    for lines in (top_lines(doc, _TITLE_LINES), doc.lines):
        hits = []
        for index, line in enumerate(lines):
            for order, (kind, phrases) in enumerate(_types().items()):
                match = phrases_pattern(tuple(phrases)).search(line.text)  # type: ignore[union-attr]
                if match is not None:
                    hits.append((index, match.start(), order, kind, line))
        if hits:
            _, _, _, kind, line = min(hits, key=lambda hit: hit[:3])
            return kind, line
    return None


def record_carrier(record: Record, found: Reading) -> None:
    """Set the carrier: a known shipping line or courier (labeled, in the letterhead, or anywhere),
    else the carrier a label names. A courier's delivery receipt is of type courier.

    Only a carrier under a carrier label is labeled; one known by its name elsewhere is inferred,
    and so are its kind (from data/carriers.json) and a type decided from it.
    """
    labeled = found.values("carrier")
    candidates = [(item.value, item.source, LABELED, labeled_note(item)) for item in labeled]
    candidates += [(line.text, line.source, INFERRED, "from the letterhead") for line in top_lines(found.doc, _TITLE_LINES)]
    candidates += [(line.text, line.source, INFERRED, "named in the text") for line in found.doc.lines]
    for text, source, certainty, note in candidates:
        known = _carriers_named(text)
        if known:
            entry = next(e for e in _carriers() if e["name"] == known[0].name)
            record.set("carrier", entry["name"], source, text, certainty, note)
            record.set("carrier_kind", entry["kind"], source, text, INFERRED, "the carrier's kind in carriers.json")
            if entry["kind"] in ("courier", "post") and record.get("document_type") in (None, "delivery_note"):
                # A courier's proof of delivery is the courier's record, not a trucker's delivery note.
                record.fields.pop("document_type", None)
                record.set("document_type", "courier", source, text, INFERRED, "from the carrier, a courier")
            return
    for item in labeled:
        name = block_name(item.value)
        if name:
            record.set("carrier", name, item.source, item.value, LABELED, labeled_note(item))
            return


# ---------------------------------------------------------------- numbers


#: Labels that name one kind of number, so a short value under them is still that number.
_SPECIFIC_NUMBERS = ("packing_list_number", "delivery_note_number")


def record_numbers(record: Record, found: Reading) -> None:
    """Set the document's own number, the B/L it refers to, and the order, PO and PI it cites."""
    kind = record.get("document_type")
    own = {
        "delivery_note": ("delivery_note_number", "bl_number", "document_number"),
        "packing_list": ("packing_list_number", "document_number", "invoice_number"),
        "courier": ("bl_number", "delivery_note_number", "document_number"),
    }.get(kind, ("bl_number", "document_number"))
    for field in own:
        got = found.identifier(field)
        if got is None and field in _SPECIFIC_NUMBERS:
            got = found.first(field, own_number)  # a specific label's short number counts ("装箱单号: 6")
        if got is not None:
            put(record, "document_number", got)
            break
    for item in found.values("bl_number"):
        value = identifier_in(item.value)
        if value is not None and value != record.get("document_number") and _names_bl(item.label):
            record.set("bill_of_lading", value, item.source, item.value, LABELED, labeled_note(item))
            break
    record_cited_order(record, found)
    put(record, "po_number", found.identifier("contract_number", labels=PO_LABELS))
    put(record, "pi_number", found.identifier("pi_number"))


def _names_bl(label: str) -> bool:
    lowered = label.lower()
    return any(word in lowered for word in ("b/l", "bill of lading", "hbl", "mbl", "提单"))


# ---------------------------------------------------------------- dates


def record_dates(record: Record, found: Reading) -> None:
    """Set the shipped-on-board date (transport documents), the delivery date (delivery notes,
    courier receipts) and the document's own date (the issue date, else one of those)."""
    kind = record.get("document_type")
    if kind in _SHIPS or kind is None:
        put_date(record, "shipped_on", found, _labeled_date(found, "shipped_on", _terms()["shipped_labels"]))
        put_date(record, "shipped_on", found, _on_board_date(found))
    if kind in _DELIVERS or kind is None:
        put_date(record, "delivery_date", found, _labeled_date(found, "delivery_date", _terms()["delivery_labels"]))
    if kind == "courier":
        _put_event_date(record, "delivery_date", found, _event_date(found, "delivered"))
        _put_event_date(record, "shipped_on", found, _event_date(found, "shipped"))
    issue = tuple(ISSUE_DATE_LABELS) + tuple(_terms()["issue_labels"])
    put_date(record, "document_date", found, found.date("document_date", labels=issue) or found.date("document_date"))
    stand_in(record, "document_date", "shipped_on")
    stand_in(record, "document_date", "delivery_date")
    if "document_date" not in record.fields and (dates := found.dates()):
        set_line_date(record, "document_date", found, dates[0][0], dates[0][1], "the first date in the document")


def _put_event_date(record: Record, name: str, found: Reading, event: tuple[str, Labeled] | None) -> None:
    """Set the date of a tracking event: the event's word beside a date is no label of it, and which of
    several such lines counts is decided here, so it is inferred (guessed when its day/month order is)."""
    if event is not None:
        iso, item = event
        line = TextLine(item.value, item.source)
        set_line_date(record, name, found, iso, line, f'the {item.field} tracking event ("{item.label.strip()}")')


def _labeled_date(found: Reading, field: str, labels: list[str]) -> tuple[str, Labeled] | None:
    """The first date under a `field` label, or under one of `labels` filed as ship_by in
    labels.json ('Shipment date', 'Delivery date': an agreed date in a PI, an actual one here).
    An estimate ('ETD') is not a shipment."""
    keys = {label_key(label) for label in labels}
    for item in found.labeled:
        key = label_key(item.label)
        if (item.field == field and key not in _ESTIMATES) or (item.field == "ship_by" and key in keys):
            iso = found.date_of(item.value)
            if iso is not None:
                return iso, item
    return None


def _event_date(found: Reading, event: str) -> tuple[str, Labeled] | None:
    """The date of a tracking event ('2026-11-02 14:22  Delivered'): the latest line that names the
    event with a date on it (tracking histories list newest first or last; a later event wins)."""
    events = _terms()["tracking_events"]
    named, negated = phrases_pattern(tuple(events[event])), phrases_pattern(tuple(events["not"]))
    hits = []
    for line in found.doc.lines:
        match = named.search(line.text) if named is not None else None
        if match is None or (negated is not None and negated.search(line.text)):
            continue
        iso = found.date_of(line.text)
        if iso is not None:
            hits.append((iso, Labeled(event, match.group(0), line.text, line.source)))
    if not hits:
        return None
    return max(hits, key=lambda hit: hit[0]) if event == "delivered" else min(hits, key=lambda hit: hit[0])


def _on_board_date(found: Reading) -> tuple[str, Labeled] | None:
    """The date of an on-board notation: on its line after the words, or a few lines under them."""
    pattern = phrases_pattern(tuple(_terms()["on_board_phrases"]))
    lines = found.doc.lines
    for index, line in enumerate(lines):
        match = pattern.search(line.text) if pattern is not None else None
        if match is None:
            continue
        below = [other.text for other in lines[index + 1 : index + 1 + _ON_BOARD_LOOKAHEAD]]
        for candidate in [line.text[match.end() :], *below]:
            iso = found.date_of(candidate)
            if iso is not None:
                where = next((other for other in lines[index:] if candidate in other.text), line)
                return iso, Labeled("shipped_on", match.group(0), candidate, where.source)
    return None


# ---------------------------------------------------------------- parties and route


def record_parties(record: Record, found: Reading) -> None:
    """Set shipper, consignee and notify party; the shipper is the supplier, the consignee the buyer."""
    # The shipper is a company: a titled person under its label is the signatory ("SHIPPER: MR. LEE").
    shipper = _party(found.values("supplier_name", labels=_SHIPPER_LABELS), companies_only=True)
    # A waybill's "FROM:" box, beside its "TO:" box, names the shipper.
    shipper = shipper or _party(_sender_items(found), companies_only=True)
    consignee = _party(_consignee_items(found), keep_phrases=True)
    put(record, "shipper", shipper)
    put(record, "consignee", consignee)
    put(record, "notify_party", _party(found.values("notify_party"), keep_phrases=True))
    _put_party(record, "supplier_name", shipper or _party(found.values("supplier_name"), companies_only=True))
    buyer = consignee if consignee is not None and not _NOT_A_PARTY.match(consignee[0]) else None
    buyer = buyer or _party(found.values("buyer_name", labels=_BUYER_LABELS))
    # Under a letter of credit the goods are consigned or billed to a bank, which is no buyer.
    _put_party(record, "buyer_name", buyer if buyer is not None and not is_bank(buyer[0]) else None)
    # A label whose own value is no name (a bracket, another label) heads a block with the name under it.
    for shipper_items in (found.values("supplier_name", labels=_SHIPPER_LABELS), _sender_items(found)):
        _put_party(record, "supplier_name", name_under(found.doc, shipper_items))
    under = name_under(found.doc, _consignee_items(found))
    _put_party(record, "buyer_name", under if under is not None and not is_bank(under[0]) else None)
    if record.get("buyer_name") is None:
        # Any buyer label's block ("TO: (PLEASE PRINT)" over the name), as invoices read theirs: on a
        # transport document that label is the consignee's box as often as the buyer's.
        party = find_party(found.doc, "buyer_name", avoid=record.get("supplier_name"))
        if party is not None and not is_bank(party.name):
            record.set("buyer_name", party.name, party.source, party.name, INFERRED, "under a buyer or consignee label")


def _put_party(record: Record, name: str, found: tuple[str, Labeled] | None) -> None:
    """Set the supplier or buyer: labeled under a seller's or buyer's label; inferred when the shipper
    or consignee stands in for it (they need not be the seller and the buyer)."""
    if found is None:
        return
    label = found[1].label
    if label_key(label) in {label_key(word) for word in _SENDER_LABELS} or _SHIPPER_WORDS.search(label):
        put_inferred(record, name, found, f"the shipper, {labeled_note(found[1])}")
    elif _CONSIGNEE_WORDS.search(label):
        put_inferred(record, name, found, f"the consignee, {labeled_note(found[1])}")
    else:
        put(record, name, found)


def _sender_items(found: Reading) -> list[Labeled]:
    """The values under a waybill's sender label ("FROM:", "Ship from"), which labels.json files with the payer's."""
    return found.values("payer_name", labels=_SENDER_LABELS)


def _consignee_items(found: Reading) -> list[Labeled]:
    """The values under a consignee label. labels.json files a bare 'To' as a buyer label, so in
    'Consignee: TO ORDER' the consignee's value is read as 'ORDER' under 'TO': put it back together."""
    items = []
    for item in found.values("buyer_name"):
        key = label_key(item.label)
        if key in _CONSIGNEE_LABELS:
            items.append(item)
        elif key == "to" and _CONSIGNEE_START.match(found.line_text(item.source)):
            items.append(Labeled(item.field, "consignee", f"{item.label} {item.value}", item.source))
    return items


def _party(items: list[Labeled], keep_phrases: bool = False, companies_only: bool = False) -> tuple[str, Labeled] | None:
    """The first name among labeled values, from a block or a one-line value ('TO ORDER' only with `keep_phrases`).

    With `companies_only` a name with a personal title is passed over.
    """
    for item in items:
        value = re.sub(r"^\s*[(（][^()（）]*[)）]\s*", "", item.value).strip()
        if _NOT_A_PARTY.match(value):
            if keep_phrases:
                return value.splitlines()[0].strip(), item
            continue
        if not value or not value[0].isalnum() or label_field(value.splitlines()[0]) is not None:
            continue
        name = block_name(value)
        if name and not (companies_only and has_personal_title(name)):
            return name, item
    return None


def record_route(record: Record, found: Reading) -> None:
    """Set vessel, voyage, port of loading and port of discharge."""
    for field in ("port_of_loading", "port_of_discharge"):
        put(record, field, found.first(field, _place))
    vessel = found.first("vessel", lambda text: text.splitlines()[0].strip() or None)
    if vessel is not None:
        name, voyage = split_vessel(vessel[0], vessel[1].label)
        note = labeled_note(vessel[1])
        record.set("vessel", name, vessel[1].source, vessel[0], LABELED, note)
        if voyage:
            # Under 'Vessel / Voy.' the voyage is labeled too; under 'Vessel' it is only what follows the name.
            labeled = "voy" in vessel[1].label.lower() or "航次" in vessel[1].label
            certainty, note = (LABELED, note) if labeled else (INFERRED, f"after the vessel, {note}")
            record.set("voyage", voyage, vessel[1].source, vessel[0], certainty, note)
    put(record, "voyage", found.first("voyage", lambda text: text.split()[0] if text.split() else None))


def split_vessel(value: str, label: str) -> tuple[str, str | None]:
    """Given a vessel value ('CORAL BAYWIND / 2641S', 'ORIENT PROSPER 0426E'), return (vessel, voyage)."""
    if "/" in value:
        name, _, voyage = value.partition("/")
        voyage = voyage.strip()
        return name.strip(), voyage.split()[0] if voyage else None
    words = value.split()
    if len(words) > 1 and _VOYAGE.match(words[-1]) and ("voy" in label.lower() or "航次" in label):
        return " ".join(words[:-1]), words[-1]
    return value.strip(), None


def _place(text: str) -> str | None:
    first = text.splitlines()[0].strip(" ,;:")
    if not first or label_field(first) is not None:
        return None
    return first


# ---------------------------------------------------------------- data


@lru_cache(maxsize=1)
def _terms() -> dict[str, Any]:
    data: dict[str, Any] = load_data("shipping_terms.json")
    return data


@lru_cache(maxsize=1)
def _types() -> dict[str, list[str]]:
    return {kind: phrases for kind, phrases in _terms()["document_types"].items() if not kind.startswith("_")}


@lru_cache(maxsize=8192)
def _carriers_named(text: str) -> tuple[Named, ...]:
    # Every line of the document is searched for each carrier, and letterhead lines come twice.
    return tuple(find_named(text, _carriers()))


@lru_cache(maxsize=1)
def _carriers() -> tuple[dict[str, Any], ...]:
    return tuple(load_data("carriers.json")["carriers"])
