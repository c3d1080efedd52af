"""Product specifications and acceptance criteria of a PI or contract.

Specifications come from a specification table (a header such as "Item |
Requirement | Tolerance | Test method"), else from the lines of a
specification section, plus any line elsewhere labeled with a specification
attribute ("Material:", "Quality 质量:"). Each line is read by
`normalize.specs.parse_spec_line`, so rules see the unit, tolerance and
subjective wording of every item.

The quality standard is the sentence that names the acceptance sampling (AQL,
ISO 2859, ANSI Z1.4, GB/T 2828); its AQL levels are also read into numbers.
"""

from __future__ import annotations

import re
from decimal import Decimal
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from evidence.extract.parts.item_headers import header_roles
from evidence.extract.parts.scan import CELL_SPLIT, cjk_share, split_languages, terms
from evidence.extract.parts.sections import topic_sections
from evidence.extract.parts.spec_columns import column_specs
from evidence.extract.reading import column_note, from_note, label_note
from evidence.normalize import json_number
from evidence.normalize.specs import SpecItem, parse_spec_line, split_label
from evidence.phrases import compile_phrases
from evidence.records import CERTAINTIES, INFERRED, LABELED, Document, Source, Table, TextLine, Value, weakest

_AQL_VALUES = (
    "0",
    "0.010",
    "0.015",
    "0.025",
    "0.040",
    "0.065",
    "0.10",
    "0.15",
    "0.25",
    "0.40",
    "0.65",
    "1.0",
    "1.5",
    "2.5",
    "4.0",
    "6.5",
    "10",
)
_AQL_NUMBER = re.compile(r"(?<![\d.])(\d{1,2}(?:\.\d{1,3})?)(?![\d.]*\s*(?:%|mm|cm|kg|g\b|pcs))")
_SEVERITY = {
    "critical": re.compile(r"(?:critical|crit\.?|cr|致命)\s*(?:defects?)?\s*[:=：]?\s*(\d+(?:\.\d+)?)", re.IGNORECASE),
    "major": re.compile(r"(?:major|maj\.?|ma|主要|严重)\s*(?:defects?)?\s*[:=：]?\s*(\d+(?:\.\d+)?)", re.IGNORECASE),
    "minor": re.compile(r"(?:minor|min\.?|mi|次要|轻微)\s*(?:defects?)?\s*[:=：]?\s*(\d+(?:\.\d+)?)", re.IGNORECASE),
}
_LEVEL = re.compile(
    r"(?:level|水平)\s*(I{1,3}|S-?[1-4]|[1-3])\b|(?<![A-Za-z])(?:G-?|GL-?)(I{1,3})(?![A-Za-z])|(I{1,3})\s*级",
    re.IGNORECASE,
)
_DEFECT_WORDS = re.compile(
    r"\b(?:critical|major|minor)\s+defects?\b|致命缺陷|严重缺陷|主要缺陷|轻微缺陷|次要缺陷", re.IGNORECASE
)
_SENTENCE = re.compile(r"(?<=[.。])\s+(?=[A-Z\u3400-\u9fff])")


@dataclass(frozen=True)
class Spec:
    """One specification item, where it was read, and how sure it is (records.CERTAINTIES, with a note)."""

    item: SpecItem
    source: Source
    product: str | None = None
    method: str | None = None
    certainty: str = INFERRED
    note: str = ""

    def to_value(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "attribute": self.item.attribute,
            "value": self.item.value,
            "unit": self.item.unit,
            "tolerance": self.item.tolerance,
            "subjective": list(self.item.subjective),
        }
        if self.item.number is not None:
            data["number"] = json_number(self.item.number)
        if self.item.key:
            data["key"] = self.item.key
        if self.item.sample_reference:
            data["sample_reference"] = list(self.item.sample_reference)
        if self.product:
            data["product"] = self.product
        if self.method:
            data["test_method"] = self.method
        data["text"] = self.item.text
        return data


def find_specs(doc: Document, skip: set[Source] | None = None) -> list[Spec]:
    """Given a Document, return its specification items: table rows, section lines, labeled attribute lines.

    `skip` holds the sources of line-item rows (their descriptions are not spec lines).
    """
    found = [spec for table in doc_tables(doc) for spec in _table_specs(table)]
    sections = topic_sections(doc, "specs_heading")
    standard = compile_phrases(tuple(terms()["quality_standard"]["markers"]))
    if not found:
        found = [
            spec
            for section in sections
            for line in _unwrapped(section.lines)
            if not standard.search(line.text)
            for spec in _line_specs(line)
        ]
    skip = set(skip or ()) | {line.source for section in sections for line in section.lines}
    seen = {(s.item.attribute, s.item.value) for s in found}
    for line in doc.lines:
        if line.source in skip or standard.search(line.text):
            continue
        for spec in _attribute_line_specs(line):
            if (spec.item.attribute, spec.item.value) not in seen:
                seen.add((spec.item.attribute, spec.item.value))
                found.append(spec)
    # An attribute column's header labels its cells ('Capacity (ml) | 500').
    found += [Spec(c.item, c.source, c.product, certainty=LABELED, note=column_note(c.item.attribute))
              for c in column_specs(doc) if (c.item.attribute, c.item.value) not in seen]
    return found


def item_column_specs(rows: list[tuple[str, str, Source]], column: str = "") -> list[Spec]:
    """Given (product, specification text, source) of line items, return their specification items.

    `column` is the note of the item table's specification column: its cells are labeled by it.
    """
    specs = []
    for product, text, source in rows:
        for clause in _clauses(text):
            item = parse_spec_line(clause)
            if _says_something(item):
                specs.append(Spec(item, source, product or None, certainty=LABELED, note=column or "under its column"))
    return specs


def specs_mark(specs: list[Spec]) -> tuple[str, str]:
    """Given specification items, return the (certainty, note) of them all: the weakest one's."""
    least = max(specs, key=lambda spec: CERTAINTIES.index(spec.certainty))
    return least.certainty, least.note


def doc_tables(doc: Document) -> list[Table]:
    return [table for page in doc.pages for table in page.tables]


def _table_specs(table: Table) -> list[Spec]:
    """Given a table, return its rows as specification items if its header names spec columns."""
    if not table.rows:
        return []
    header = [cell or "" for cell in table.rows[0]]
    roles = _spec_columns(header)
    if roles is None:
        return []
    specs = []
    note = column_note(header[roles["requirement"]])
    for row in table.rows[1:]:
        cells = [cell or "" for cell in row]
        spec = _row_spec(cells, roles, table.source, note)
        if spec is not None:
            specs.append(spec)
    return specs


def _spec_columns(header: list[str]) -> dict[str, int] | None:
    """Given a header row, return the columns of attribute, requirement, tolerance and method, or None."""
    pattern = compile_phrases(tuple(terms()["spec_table_headers"]))
    named = [index for index, cell in enumerate(header) if pattern.search(cell)]
    if len(named) < 2 or _item_header(header):
        return None
    roles = {"attribute": 0, "requirement": 1 if len(header) > 1 else 0}
    for index, cell in enumerate(header):
        lowered = cell.lower()
        if re.search(r"toleran|公差|允差", lowered):
            roles["tolerance"] = index
        elif re.search(r"method|检验方法|测试方法|test", lowered):
            roles["method"] = index
        elif index > 0 and re.search(r"requirement|specification|value|standard|要求|规格|参数|标准", lowered):
            roles["requirement"] = index
    return roles


def _item_header(header: list[str]) -> bool:
    return header_roles(header) is not None


def _row_spec(cells: list[str], roles: dict[str, int], source: Source, note: str) -> Spec | None:
    attribute = _english(cells[roles["attribute"]])
    requirement = _english(_cell(cells, roles.get("requirement")))
    tolerance = _cell(cells, roles.get("tolerance")).strip()
    if not attribute or not requirement:
        return None
    text = f"{attribute}: {requirement}"
    if tolerance and tolerance not in ("-", "/", "—", "N/A", "n/a"):
        text += f" {tolerance}" if re.search(r"[±+\-]|min|max|≥|≤|以上|以下", tolerance) else f" ({tolerance})"
    method = _cell(cells, roles.get("method")).strip() or None
    return Spec(parse_spec_line(text), source, method=method, certainty=LABELED, note=note)


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _english(cell: str) -> str:
    """Given a (possibly bilingual, multi-line) cell, return its English text, else the cell."""
    english, chinese = split_languages(cell)
    if english and chinese:
        return english
    mixed = re.sub(r"^[\u3400-\u9fff（）()\s]+(?=[A-Za-z])", "", " ".join(cell.split()))
    return mixed if english else " ".join(cell.split())


def _unwrapped(lines: list[TextLine]) -> list[TextLine]:
    """Given section lines, return them with wrapped lines joined (a line ending in a comma goes on)."""
    joined: list[TextLine] = []
    for line in lines:
        if joined and (joined[-1].text.rstrip().endswith((",", "，")) or line.text[:1].islower()):
            joined[-1] = TextLine(f"{joined[-1].text.rstrip()} {line.text.strip()}", joined[-1].source)
        else:
            joined.append(line)
    return joined


def _line_specs(line: TextLine) -> list[Spec]:
    """Given a line of a specification section, return its items (a product's list of specs gives several)."""
    parts = line.text.split(CELL_SPLIT)
    product = parts[0].strip() if len(parts) > 1 and ":" not in parts[0] else None
    body = CELL_SPLIT.join(parts[1:]) if product else line.text
    label, value = split_label(body)
    if label is not None and parse_spec_line(body).key is None and (len(label.split()) > 3 or re.search(r"\d", label)):
        product, body = label, value  # "As per Seller's PI BW-PI-26-0731: 40 W ±5%, 4,000 lm ±5%, ..."
    clauses = _clauses(body)
    # A line of a specification section is read under the section's heading, not a label of its own.
    note = "from the specification section"
    specs = [Spec(parse_spec_line(clause), line.source, product, note=note) for clause in clauses]
    return [spec for spec in specs if _says_something(spec.item)]


def _clauses(text: str) -> list[str]:
    """Given a spec line, return its clauses when it lists several specs ("Size: 9 x 8.5, Capacity 350ml").

    A labeled line ("Driver: isolated, flicker-free, PF > 0.9") stays whole
    unless a later clause names an attribute of its own.
    """
    parts = [part.strip() for part in re.split(r",\s+(?![±+]|tolerance|公差)|[;；，]\s*", text) if part.strip()]
    if len(parts) < 2:
        return [text.strip()]
    if split_label(text)[0] is not None:
        named = [p for p in parts[1:] if parse_spec_line(p).key is not None]
        return parts if named else [text.strip()]
    informative = [p for p in parts if _says_something(parse_spec_line(p))]
    return parts if len(informative) >= 2 else [text.strip()]


def _attribute_line_specs(line: TextLine) -> list[Spec]:
    """Given any line, return it as a spec item if it is labeled with a specification attribute."""
    for cell in [line.text] if CELL_SPLIT not in line.text else [line.text.replace(CELL_SPLIT, " ", 1)]:
        attribute, _value = split_label(cell)
        if attribute is None:
            continue
        item = parse_spec_line(cell)
        if item.key is not None and item.key not in ("model", "brand", "packing", "logo") and _says_something(item):
            return [Spec(item, line.source, certainty=LABELED, note=label_note(attribute))]
    return []


def _says_something(item: SpecItem) -> bool:
    return bool(item.number is not None or item.subjective or item.sample_reference or (item.attribute and item.value))


# ------------------------------------------------------------------ acceptance criteria


def find_quality_standard(doc: Document) -> Value[str] | None:
    """Given a Document, return the sentence naming its acceptance sampling (AQL, ISO 2859...), English first."""
    sentences = _standard_sentences(doc)
    if not sentences:
        return None
    english = [s for s in sentences if cjk_share(s[0]) < 0.3]
    text, line, label = (english or sentences)[0]
    if label:
        return Value(text, line.source, line.text, LABELED, label_note(label))
    return Value(text, line.source, line.text, INFERRED, from_note("sentence", text))


def quality_aql(standard: Value[str]) -> Value[dict[str, Any]] | None:
    """Given the quality-standard sentence, return its AQL levels, as sure as the sentence.

    Figures without their classes ("AQL 0/2.5/4.0") are read as critical, major, minor by
    their order: a convention, so they are inferred at best.
    """
    levels = parse_aql(str(standard.value))
    if levels is None:
        return None
    rest = _after_aql(str(standard.value)) or ""
    if _named_levels(rest) or not _bare_levels(rest):
        return Value(levels, standard.source, standard.text, standard.certainty, standard.note)
    certainty = weakest(standard.certainty, INFERRED)
    return Value(levels, standard.source, standard.text, certainty, "aql figures read as critical/major/minor by order")


def _standard_sentences(doc: Document) -> list[tuple[str, TextLine, str]]:
    """Given a Document, return the sentences naming acceptance sampling, with their line and label ('' for none)."""
    markers = compile_phrases(tuple(terms()["quality_standard"]["markers"]))
    found = []
    for line in doc.lines:
        if not markers.search(line.text):
            continue
        label = re.match(r"^[^:：]{0,40}(?=[:：])", line.text) if _label_start(line.text) else None
        body = re.sub(r"^[^:：]{0,40}[:：]\s*", "", line.text) if label else line.text
        for sentence in _SENTENCE.split(body):
            if markers.search(sentence):
                found.append((sentence.strip().rstrip("."), line, label.group(0).strip() if label else ""))
    return found


def _label_start(text: str) -> bool:
    return bool(compile_phrases(tuple(terms()["quality_standard"]["labels"])).match(text.strip()))


def parse_aql(text: str) -> dict[str, Any] | None:
    """Given a quality-standard sentence, return its AQL levels {critical, major, minor, level}, or None."""
    rest = _after_aql(text)
    if rest is None:
        return None
    found = _named_levels(rest) or _bare_levels(rest)
    level = _LEVEL.search(text)
    if level:
        found["level"] = next(group for group in level.groups() if group).upper()
    return found or None


def _after_aql(text: str) -> str | None:
    """Given a quality-standard sentence, return it from its AQL word on (None without one)."""
    start = re.search(r"aql|抽样|acceptance quality", text, re.IGNORECASE)
    return text[start.start() :] if start else None


def _named_levels(text: str) -> dict[str, Any]:
    """Given text after "AQL", return the levels it names by class ("Critical 0 / Major 2.5")."""
    found: dict[str, Any] = {}
    for severity, pattern in _SEVERITY.items():
        match = pattern.search(text)
        if match:
            found[severity] = as_number_text(match.group(1))
    return found


def _bare_levels(text: str) -> dict[str, Any]:
    """Given text after "AQL", return "0/2.5/4.0" as critical/major/minor (two figures: major/minor)."""
    figures = [m.group(1) for m in _AQL_NUMBER.finditer(text[:40])]
    figures = [f for f in figures if _is_aql_value(f)][:3]
    names = {1: ["major"], 2: ["major", "minor"], 3: ["critical", "major", "minor"]}.get(len(figures), [])
    return {name: as_number_text(figure) for name, figure in zip(names, figures, strict=False)}


def _is_aql_value(figure: str) -> bool:
    try:
        return any(float(figure) == float(value) for value in _AQL_VALUES)
    except ValueError:
        return False


def as_number_text(figure: str) -> int | float:
    """Given a figure as written ('2.5', '4.0'), return it as a JSON number."""
    return json_number(Decimal(figure))


def find_defect_definitions(doc: Document) -> Value[str] | None:
    """Given a Document, return its sentences that define critical/major/minor defects."""
    found = []
    first: TextLine | None = None
    for line in doc.lines:
        for sentence in _SENTENCE.split(line.text):
            if _DEFECT_WORDS.search(sentence) and re.search(r"[:：]", sentence):
                found.append(sentence.strip())
                first = first or line
    if not found or first is None:
        return None
    return Value(" ".join(found), first.source, first.text, INFERRED, from_note("sentence", found[0]))


def find_test_standards(doc: Document) -> list[str]:
    """Given a Document, return the test and product standards it cites ("ISO 2409", "AS/NZS 60598"), in order."""
    seen: list[str] = []
    for line in doc.lines:
        for match in _standard_pattern().finditer(line.text):
            code = " ".join(match.group(0).split()).rstrip(".,:;-/")
            if code not in seen:
                seen.append(code)
    return seen


@lru_cache(maxsize=1)
def _standard_pattern() -> re.Pattern[str]:
    return re.compile(str(terms()["test_standard_pattern"]))
