"""Extractors: one module per document kind, each turning a Document into a Record.

An extractor is ``extract(reading: Reading) -> Record``: every kind reads the
same Reading of its document (extract/reading.py), built with the layouts its
module names in `LAYOUTS` (default: a form's cells, then its lines). It never raises on odd
content: what it cannot find it leaves out (the rules then say what is
missing). What kinds share lives in `parts/`; label synonyms in data/labels.json.
"""

from __future__ import annotations

from importlib import import_module

from evidence.classify import Classification, classify
from evidence.kinds import (
    CLAIM_MANIFEST,
    COMMERCIAL_INVOICE,
    CONTRACT,
    INSPECTION_REPORT,
    MESSAGE_LOG,
    PAYMENT_RECORD,
    PHOTO,
    PROFORMA_INVOICE,
    SHIPPING_DOCUMENT,
)
from evidence.extract.reading import FORM_LAYOUTS, Reading
from evidence.extract.cells import cite_value_cells
from evidence.readers.workbook import document_view
from evidence.records import Document, Event, Problem, Record, Source, Value
from evidence.schemas import schema_names, validate

#: Registry: document kind -> module (under evidence.extract.kinds) whose `extract` reads it.
EXTRACTOR_MODULES: dict[str, str] = {
    PROFORMA_INVOICE: "invoice",
    COMMERCIAL_INVOICE: "invoice",
    CONTRACT: "contract",
    INSPECTION_REPORT: "inspection",
    PAYMENT_RECORD: "payment",
    SHIPPING_DOCUMENT: "shipping",
    MESSAGE_LOG: "messages",
    PHOTO: "photo",
    CLAIM_MANIFEST: "manifest",
}


#: Document kind -> the schema its record must match (the manifest is validated as it is read).
SCHEMA_FOR_KIND: dict[str, str] = {
    PROFORMA_INVOICE: "proforma_invoice",
    COMMERCIAL_INVOICE: "commercial_invoice",
    CONTRACT: "contract",
    INSPECTION_REPORT: "inspection_report",
    PAYMENT_RECORD: "payment_record",
    SHIPPING_DOCUMENT: "shipping_document",
    MESSAGE_LOG: "message_record",
    PHOTO: "photo",
}


def extract(doc: Document, classification: Classification | None = None) -> Record:
    """Given a read Document, return its Record (kind from `classification`, else classified here).

    A record that fails its JSON Schema carries an F005 problem; the Document is not changed.
    """
    found = classification or classify(doc)
    module_name = EXTRACTOR_MODULES.get(found.kind)
    if module_name is None or not doc.readable:
        return Record(kind=found.kind, path=doc.path, confidence=found.confidence)
    module = import_module(f"evidence.extract.kinds.{module_name}")
    record: Record = module.extract(Reading.of(document_view(doc), getattr(module, "LAYOUTS", FORM_LAYOUTS)))
    record.kind, record.confidence = found.kind, found.confidence
    cite_value_cells(doc, record)  # a spreadsheet value cites its own cell, not its row's first
    record.problems.extend(schema_problems(record))
    return record


def schema_problems(record: Record) -> list[Problem]:
    """Given a Record, return its F005 problem when it fails its kind's JSON Schema (first error only)."""
    name = SCHEMA_FOR_KIND.get(record.kind)
    if name is None or name not in schema_names():
        return []
    errors = validate(record.values(), name)
    if not errors:
        return []
    first = errors[0]
    reason = (f"{record.path}: the extracted {record.kind} record does not match "
              f"{name}.schema.json at {first.path}: {first.message}")
    return [Problem("F005", reason, Source(record.path))]


__all__ = ["EXTRACTOR_MODULES", "Event", "Record", "Value", "extract"]
