"""Trade terms of a PI, contract or invoice: Incoterm, shipping date, payment terms and bank details.

The shipping date is either fixed ("Shipment on or before 15 October 2026",
"2026年10月15日前装船": `ship_by`) or a lead time counted from an event ("35 days
after receipt of deposit": `lead_time`), or vague ("about 30 days", "ASAP").
The payment method is read from the payment clauses and the bank block with
the phrase lists of data/payment_methods.json; a bank account is the
platform's when its beneficiary is the platform's collection entity
(data/platform_accounts.json).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict
from functools import lru_cache
from typing import Any

from evidence.extract.labels import Labeled
from evidence.extract.reading import Reading, from_note, label_note, labeled_note
from evidence.extract.parts.parties import company_name
from evidence.extract.parts.scan import clean_value, labels_in, terms, value_until_other
from evidence.extract.parts.sections import section_body
from evidence.normalize.companies import is_platform_account
from evidence.normalize.dates import date_in, find_dates, find_lead_time
from evidence.phrases import compile_phrases, literal_alternation
from evidence.reference_data import load_data
from evidence.records import INFERRED, LABELED, Document, Source, TextLine, Value

#: A deadline stated in prose: a shipping word, then "on or before / by / no later than" and a date.
_SHIP_WORDS = re.compile(
    r"\b(?:ship|ships|shipped|shipping|shipment|deliver|delivered|delivery|dispatch|loading|load)\b|装船|装运|出货|发货|交货|交期|船期",
    re.IGNORECASE,
)
_DEADLINE_WORDS = re.compile(
    r"\b(?:on or before|before|by|no later than|not later than|latest|until|prior to)\b|之前|以前|前|截止",
    re.IGNORECASE,
)
#: A SWIFT/BIC code after its label anywhere in a line; the code itself is upper case ("SWIFT transfer" is none).
_SWIFT = re.compile(
    r"(?i:\b(?:SWIFT|BIC)(?:\s*/\s*BIC)?(?:\s*(?:code|no\.?|address))?)\s*[:：#]?\s*"
    r"([A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\b"
)
_SWIFT_VALUE = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")
_IBAN = re.compile(r"\bIBAN\s*[:：]?\s*([A-Z]{2}\d{2}(?:\s?[A-Z0-9]{2,4}){3,8})\b")
_ACCOUNT = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{8,30}|\d[\d\s-]{4,}\d")
_BANK_FIELDS = ("beneficiary_name", "beneficiary_bank", "beneficiary_account", "swift")


# ------------------------------------------------------------------ Incoterm


def find_incoterm(ldoc: Reading) -> Value[str] | None:
    """Given a labeled document, return its Incoterm with the named place ("FOB Ningbo")."""
    labeled = [(item.value, item.source, LABELED, labeled_note(item)) for item in ldoc.values("incoterm")]
    lines = [(line.text, line.source, INFERRED, from_note("line", line.text)) for line in ldoc.doc.lines]
    bare: Value[str] | None = None
    for text, source, certainty, note in labeled + lines:
        found = incoterm_in(text, loose=certainty == LABELED)
        if found is None:
            continue
        rule, place = found
        if place:
            return Value(f"{rule} {place}", source, text, certainty, note)
        bare = bare or Value(rule, source, text, certainty, note)
    if bare is None:
        return None
    return _with_port(ldoc, bare)


def incoterm_in(text: str, loose: bool = False) -> tuple[str, str | None] | None:
    """Given text, return (Incoterm, named place or None); `loose` also reads lower-case terms."""
    match = _incoterm_pattern(loose).search(text)
    if match is None:
        return None
    rule = match.group(1).upper().replace(" ", "")
    rule = terms()["incoterm_aliases"].get(rule, rule)
    return rule, _place(text[match.end() :], loose)


def _place(text: str, loose: bool = False) -> str | None:
    """Given the text after an Incoterm, return the named place ("Ningbo" from " Ningbo, China").

    Outside a labeled value a place must be capitalised, so "FOB price" has none.
    """
    head = re.split(r"[,;，；()（）|/\n]|\s{2,}|\d", text.lstrip(" :-–"), maxsplit=1)[0]
    words: list[str] = []
    for word in head.split():
        if _place_stop().fullmatch(word.strip(".")) or not (
            word[0].isupper() or loose or re.match(r"[\u3400-\u9fff]", word)
        ):
            break
        words.append(word)
        if len(words) == 4:
            break
    cjk = re.match(r"^[\u3400-\u9fff]{2,6}", head.strip())
    place = " ".join(words) or (cjk.group(0) if cjk else "")
    return place.rstrip(".") or None


def _with_port(ldoc: Reading, bare: Value[str]) -> Value[str]:
    """Given an Incoterm without a place, return it with the port the document names for it."""
    origin = str(bare.value) in terms()["incoterm_origin_terms"]
    port = ldoc.text("port_of_loading" if origin else "port_of_discharge")
    if port is None:
        return bare
    place = _place(" " + port[0].split(",")[0])
    # The Incoterm is as sure as it was; the named place only completes it.
    return Value(f"{bare.value} {place}", bare.source, bare.text, bare.certainty, bare.note) if place else bare


@lru_cache(maxsize=2)
def _incoterm_pattern(loose: bool) -> re.Pattern[str]:
    rules = literal_alternation(terms()["incoterms"])
    return re.compile(rf"(?<![A-Za-z])({rules})(?![A-Za-z&])", re.IGNORECASE if loose else 0)


@lru_cache(maxsize=1)
def _place_stop() -> re.Pattern[str]:
    words = terms()["incoterm_place_stop"]
    return re.compile(literal_alternation(words), re.IGNORECASE)


# ------------------------------------------------------------------ shipping date


def find_ship_date(ldoc: Reading) -> dict[str, Value[Any]]:
    """Given a labeled document, return ship_by (ISO), lead_time and ship_date_text, as stated.

    A fixed date wins over a lead time; labeled clauses are read before prose.
    A deadline whose numeric date could be read day or month first gives only
    its clause: a guessed ship-by date would decide a late-shipment claim.
    """
    clauses = _labeled_ship_clauses(ldoc.doc) + _prose_ship_clauses(ldoc.doc)
    for text, label, line in clauses:
        date = _deadline_date(f"{label}: {text}" if label else text, ldoc.settled_order)
        if date is not None:
            clause, mark = _clause_with(text, date, ldoc.settled_order), _clause_mark(label, line)
            return {
                "ship_by": Value(date, line.source, line.text, *mark),
                "ship_date_text": Value(clause, line.source, line.text, *mark),
            }
    for text, label, line in clauses:
        lead = find_lead_time(text) or (find_lead_time(f"{label} {text}") if label else None)
        if lead is not None:
            value, mark = {key: val for key, val in asdict(lead).items() if val is not None}, _clause_mark(label, line)
            return {
                "lead_time": Value(value, line.source, line.text, *mark),
                "ship_date_text": Value(text, line.source, line.text, *mark),
            }
    for text, label, line in clauses:
        if _DEADLINE_WORDS.search(text) and any(found.ambiguous for found in find_dates(text, ldoc.settled_order)):
            return {"ship_date_text": Value(text, line.source, line.text, *_clause_mark(label, line))}
    return {}


def _clause_mark(label: str, line: TextLine) -> tuple[str, str]:
    """Given a shipping clause's label ('' in prose) and its line, return its (certainty, note)."""
    return (LABELED, label_note(label)) if label else (INFERRED, from_note("sentence", line.text))


def _clause_with(text: str, iso: str, order: str | None) -> str:
    """Given a shipping clause, return its sentence that holds the date `iso`."""
    for sentence in re.split(r"(?<=[.;。；])\s+(?=[A-Z\u3400-\u9fff])|[;；]\s*", text):
        if date_in(sentence, order) == iso:
            return sentence.strip()
    return text.strip()


def _labeled_ship_clauses(doc: Document) -> list[tuple[str, str, TextLine]]:
    """Given a Document, return the clause after each ship-date label, prefixed with the label.

    The label stays with its value because it is what makes "about 30 days" or
    "ASAP" a delivery time.
    """
    found = []
    lines = doc.lines
    for index, line in enumerate(lines):
        hits = [hit for hit in labels_in(line.text) if hit.field == "ship_by"]
        if not hits:
            continue
        value = _clause_after(line.text, hits[0].end)
        if not value and index + 1 < len(lines):
            value, line = _clause_after(lines[index + 1].text, 0), lines[index + 1]
        if value:
            found.append((value, hits[0].text, line))
    return found


def _clause_after(text: str, start: int) -> str:
    """Given a line and where a ship-date label ends, return the clause up to a label of another field."""
    return value_until_other(text, start, "ship_by")


def _prose_ship_clauses(doc: Document) -> list[tuple[str, str, TextLine]]:
    """Given a Document, return lines that speak of shipping or delivery (for prose deadlines and lead times)."""
    return [(line.text, "", line) for line in doc.lines if _SHIP_WORDS.search(line.text)]


def _deadline_date(text: str, order: str | None) -> str | None:
    """Given a shipping clause, return its deadline date as ISO, if it states one."""
    dates = [found for found in find_dates(text, order) if found.value is not None and not found.ambiguous]
    if not dates:
        return None
    if labels_in(text[:40]) or _DEADLINE_WORDS.search(text):
        return date_in(text[dates[0].start :], order)
    return None


# ------------------------------------------------------------------ payment


def find_payment_terms(ldoc: Reading) -> Value[str] | None:
    """Given a labeled document, return its payment terms as written (the first payment clause)."""
    for item in ldoc.values("payment_terms"):
        text = item.value.strip()
        if len(text) >= 2 and not labels_in(text[:12]) and _reads_as_terms(text):
            return Value(text, item.source, item.value, LABELED, labeled_note(item))
    section = section_body(ldoc.doc, "payment")
    if section is None:
        return None
    # A section's body under its heading is prose about payment, not a value after a label.
    return Value(section[0], section[1].source, section[0], INFERRED, "from the payment section")


def _reads_as_terms(text: str) -> bool:
    """Return True unless the value is a lone word after a title ("PAYMENT RECEIPT")."""
    if len(text.split()) > 1 or re.search(r"[\d%/\u3400-\u9fff]", text):
        return True
    return any(compile_phrases(tuple(p)).search(text) for p in _method_data()["methods"].values())


def find_bank_details(ldoc: Reading) -> dict[str, Value[str]]:
    """Given a labeled document, return beneficiary_name, beneficiary_bank, beneficiary_account and swift."""
    found: dict[str, Value[str]] = {}
    for field, parse in (
        ("beneficiary_name", _beneficiary),
        ("beneficiary_bank", _bank_name),
        ("beneficiary_account", _account),
        ("swift", _swift),
    ):
        hit = _first_bank_value(ldoc, field, parse)
        if hit is not None:
            found[field] = hit
    found.update({k: v for k, v in _loose_bank_codes(ldoc.doc).items() if k not in found})
    return found


def _first_bank_value(ldoc: Reading, field: str, parse: Callable[[str], str | None]) -> Value[str] | None:
    """Given a bank field, return the first value under its labels that `parse` accepts (header rows last)."""
    lines = ldoc.doc.lines
    for index, line in enumerate(lines):
        for hit in labels_in(line.text):
            if hit.field != field:
                continue
            value = value_until_other(line.text, hit.end, field)
            source = line.source
            if not value and index + 1 < len(lines) and not labels_in(lines[index + 1].text):
                value, source = clean_value(lines[index + 1].text), lines[index + 1].source
            parsed = parse(value) if value else None
            if parsed is not None:
                return Value(parsed, source, value, LABELED, label_note(hit.text))
    labeled = ldoc.first(field, parse)
    if labeled is None:
        return None
    return Value(labeled[0], labeled[1].source, labeled[1].value, LABELED, labeled_note(labeled[1]))


def _beneficiary(value: str) -> str | None:
    value = clean_value(value)
    name = company_name(value)
    if name is not None:
        return name
    head = re.split(r"\s*[,;，；]\s*|\s{2,}", value)[0].strip()
    if not head or any(ch.isdigit() for ch in head) or len(head.split()) > 6 or labels_in(head):
        return None
    return head


def _bank_name(value: str) -> str | None:
    value = clean_value(value)
    other_label = any(hit.field != "beneficiary_bank" for hit in labels_in(value[:15]))
    if not re.search(r"[A-Za-z\u3400-\u9fff]{2}", value) or other_label or value.endswith((":", "：")):
        return None
    if len(value.split()) == 1 and value.islower():
        return None  # "Bank information:" is a heading, not a bank
    return value[:120]


def _account(value: str) -> str | None:
    match = _ACCOUNT.search(value.upper())
    if match is None:
        return None
    digits = re.sub(r"[\s-]", "", match.group(0))
    return digits if sum(ch.isdigit() for ch in digits) >= 6 else None


def _swift(value: str) -> str | None:
    token = value.strip().split()[0].strip(".,;:") if value.strip() else ""
    return token if _SWIFT_VALUE.match(token) else None  # codes are written in capitals


def _loose_bank_codes(doc: Document) -> dict[str, Value[str]]:
    """Given a Document, return SWIFT and IBAN codes written mid-line ("... SWIFT HELADEF1GEL")."""
    found: dict[str, Value[str]] = {}
    for line in doc.lines:
        swift = _SWIFT.search(line.text)
        if swift and "swift" not in found and _SWIFT_VALUE.match(swift.group(1).upper()):
            note = _code_label_note(line.text, swift)
            found["swift"] = Value(swift.group(1).upper(), line.source, line.text, LABELED, note)
        iban = _IBAN.search(line.text)
        if iban and "beneficiary_account" not in found:
            note = _code_label_note(line.text, iban)
            found["beneficiary_account"] = Value(iban.group(1).replace(" ", ""), line.source, line.text, LABELED, note)
    return found


def _code_label_note(text: str, match: re.Match[str]) -> str:
    """Given a line and a code's match ("SWIFT: HELADEF1GEL"), return the note of its label (the text before it)."""
    return label_note(text[match.start() : match.start(1)].strip(" :：#"))


def bank_is_platform(bank: dict[str, Value[str]], context: str) -> bool:
    """Given bank details and the text of the bank block, return True if the account is the platform's."""
    name = str(bank["beneficiary_name"].value) if "beneficiary_name" in bank else ""
    bank_name = str(bank["beneficiary_bank"].value) if "beneficiary_bank" in bank else ""
    return is_platform_account(name, bank_name, context)


def find_payment_method(ldoc: Reading, bank: dict[str, Value[str]]) -> Value[str]:
    """Given a labeled document and its bank details, return its payment method and the phrase it rests on.

    In order: the platform's own account, or a payment clause naming the
    platform, make it `platform`; then the method the payment terms name
    ("Payment: PayPal"); then a bank account outside the platform
    (`bank_transfer_direct`); then the first method any payment clause names.
    """
    clauses = _payment_clauses(ldoc)
    context = " ".join(text for text, _ in clauses)
    if bank and bank_is_platform(bank, context):
        first = next(iter(bank.values()))
        return Value("platform", first.source, first.text, INFERRED, "the bank account is the platform's")
    labeled: dict[Source, Labeled] = {}
    for item in ldoc.values("payment_terms"):
        labeled.setdefault(item.source, item)
    named = _named_methods(clauses, labeled)
    if "platform" in named:
        return named["platform"]
    terms_clauses = [(item.value, _line_of(ldoc, item.source)) for item in ldoc.values("payment_terms")]
    in_terms = _named_methods([(text, line) for text, line in terms_clauses if line is not None], labeled)
    for method in _method_data()["precedence"]:
        if method in in_terms:
            return in_terms[method]
    if any(field in bank for field in ("beneficiary_account", "swift", "beneficiary_name")):
        first = next(iter(bank.values()))
        return Value("bank_transfer_direct", first.source, first.text, INFERRED, "a bank account outside the platform")
    for method in _method_data()["precedence"]:
        if method in named:
            return named[method]
    source = clauses[0][1].source if clauses else Source(ldoc.doc.path)
    return Value("unknown", source, "", INFERRED, "no payment method named")


def _line_of(ldoc: Reading, source: Source) -> TextLine | None:
    return next((line for line in ldoc.doc.lines if line.source == source), None)


def _payment_clauses(ldoc: Reading) -> list[tuple[str, TextLine]]:
    """Given a labeled document, return the lines that speak of paying, and the line after a bare label."""
    context = compile_phrases(tuple(_method_data()["context"]))
    labeled_lines = {item.source for item in ldoc.values("payment_terms")}
    lines = ldoc.doc.lines
    clauses = []
    for index, line in enumerate(lines):
        if line.source in labeled_lines or context.search(line.text) or _is_bank_line(line):
            clauses.append((line.text, line))
            if index + 1 < len(lines) and re.search(r"[^.。]\s*$", line.text):
                clauses.append((lines[index + 1].text, lines[index + 1]))
    return clauses


def _is_bank_line(line: TextLine) -> bool:
    return any(hit.field in _BANK_FIELDS for hit in labels_in(line.text))


def _named_methods(clauses: list[tuple[str, TextLine]], labeled: dict[Source, Labeled]) -> dict[str, Value[str]]:
    """Given payment clauses and the payment-terms values by line, return each method they name (not negated),
    with its first clause: labeled when the clause is a payment-terms value, else inferred from the sentence.

    Where phrases of two methods overlap, the longer one names the method
    ("西联汇款" is Western Union, not the "汇款" of a bank transfer).
    """
    named: dict[str, Value[str]] = {}
    for text, line in clauses:
        item = labeled.get(line.source)
        mark = (LABELED, labeled_note(item)) if item is not None else (INFERRED, from_note("sentence", text))
        for method in _methods_in(text):
            named.setdefault(method, Value(method, line.source, text, *mark))
    return named


def _methods_in(text: str) -> list[str]:
    matches = [
        (match.start(), match.end(), method)
        for method, phrases in _method_data()["methods"].items()
        for match in compile_phrases(tuple(phrases)).finditer(text)
        if not _negated(text, match.start())
    ]
    kept = [
        m for m in matches if not any(o[0] <= m[0] and m[1] <= o[1] and (o[1] - o[0]) > (m[1] - m[0]) for o in matches)
    ]
    return [method for _, _, method in sorted(kept)]


def _negated(text: str, start: int) -> bool:
    """Given text and where a method phrase starts, return True if a negation comes just before it."""
    data = _method_data()
    window = " ".join(re.split(r"\s+", text[:start].strip())[-int(data["negation_window"]) :])
    return bool(compile_phrases(tuple(data["negations"])).search(window))


def _method_data() -> dict[str, Any]:
    data: dict[str, Any] = load_data("payment_methods.json")
    return data
