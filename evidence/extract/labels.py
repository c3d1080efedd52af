"""Find 'label: value' pairs in a document's lines, whatever the layout.

Labels per field come from data/labels.json (English, Chinese and the European
invoice languages). A label counts where a label would stand: at the start of
a line or cell, or right before a colon. Its value is the text after it, up to
the next label on the line or the end of its cell; a label alone at the end of
a line takes the next line. Bilingual pairs ("发票号 PI No.: X") share one value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from evidence.phrases import PhraseList, memoized_list
from evidence.reference_data import load_data
from evidence.records import Document, Page, Source, TextLine

GENERIC = "document_number"  # 'No.', '编号': the field of a bilingual twin label wins over it
CELL = " | "  # how the XLSX and DOCX readers join the cells of a row
_SEPARATORS = " \t:：#.|/-–=>"
_COLON_AFTER = re.compile(r"\s*(?:[:：#]|No\.?\s*[:：])")
_GAP_BEFORE = re.compile(r"(?:^|\|\s*|\s{2,}|[\(（/]\s*)$")
#: A label of a number with words before its mark ("P.O.NO.", "Invoice No"), not a bare "No." or "#".
_NUMBER_LABEL = re.compile(r"(?i:.*[A-Za-z\u4e00-\u9fff][\s.]*(?:no\.?|nr\.?|n°|number|#))")
#: What follows it: one token with three digits or more ("051490", "INV-2026/08").
_NUMBER_AFTER = re.compile(
    r"[ \t]+(?=[A-Za-z0-9\-/#]*\d[A-Za-z\-/#]*\d[A-Za-z\-/#]*\d)[A-Za-z0-9\-/#.]*[A-Za-z0-9](?:[ \t,;]|$)"
)
#: A lower-case word right before the label: the label is inside a sentence.
_PROSE_BEFORE = re.compile(r"(?<![A-Za-z])[a-z]+\s+$")
#: Labels of a document's own date, before a bare 'Date' that may be any date.
ISSUE_DATE_LABELS = (
    "report date",
    "date of report",
    "issue date",
    "date of issue",
    "issued on",
    "报告日期",
    "place and date of issue",
    "place / date of issue",
    "签发日期",
)
#: A capital cut off its word by letter spacing in the PDF text layer ("F actuurnummer:").
_SPLIT_CAPITAL = re.compile(r"(?<![A-Za-z])([A-Z]) (?=[a-z]{3,})")
#: A form's label cell spread to its width with spaces between Chinese characters ("发  货 单 位").
#: A number cut at a line break after one of its hyphens, and the rest of it on the next line.
_NUMBER_CUT = re.compile(r"\d-\s*$")
_NUMBER_REST = re.compile(r"\s*(\d[\w\-/]*)\s*")
#: A label's last letters wrapped to the start of the next line ("er" of "Manufactur/er").
_WRAPPED_TAIL = re.compile(r"([a-z]{1,4})(?:\s+|$)")
_FIRST_WORD = re.compile(r"[A-Z][A-Za-z]{3,}")
#: Words that start a wrapped sentence, not a wrapped label ("Ship" / "to Hamburg" is no "Ship to").
_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "is", "no", "of", "on", "or", "the", "to"})
_SPREAD_CJK = re.compile(r"(?<=[\u3400-\u9fff]) +(?=[\u3400-\u9fff])")
#: A note in brackets, never part of a label: "Consignee (not negotiable unless consigned to order)".
BRACKETED = re.compile(r"\([^()]*\)|（[^（）]*）")


@dataclass(frozen=True)
class Labeled:
    """A value found after a label, with where it sits."""

    field: str
    label: str
    value: str
    source: Source



@dataclass(frozen=True)
class _Hit:
    field: str
    text: str
    start: int
    end: int


def labeled_values(doc: Document) -> list[Labeled]:
    """Given a Document, return every labeled value in reading order."""
    found: list[Labeled] = []
    lines = doc.lines
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        found.extend(line_to_labeled(line, following))
    return found


def line_to_labeled(line: TextLine, following: TextLine | None = None) -> list[Labeled]:
    """Given a line (and the line after it), return the labeled values it holds."""
    hits = find_labels(line.text)
    found: list[Labeled] = []
    twin: _Hit | None = None
    for position, hit in enumerate(hits):
        end = hits[position + 1].start if position + 1 < len(hits) else len(line.text)
        value = _cell_value(line.text[hit.end:end])
        if not value and position + 1 < len(hits) and not line.text[hit.end:end].strip(_SEPARATORS + " "):
            twin = twin or hit  # the first half of a bilingual label: its twin carries the value
            continue
        field = twin.field if twin and hit.field == GENERIC else hit.field
        twin = None
        source = line.source
        if not value and position + 1 == len(hits) and following is not None and not find_labels(following.text):
            value, source = _cell_value(following.text), following.source
        if value:
            found.append(Labeled(field, hit.text, value, source))
    return found


@memoized_list
def find_labels(text: str) -> list[_Hit]:
    """Given a line, return the label occurrences that stand where labels stand."""
    hits = [_Hit(m.tag, m.text, m.start, m.end) for m in _labels().find(text, keep=_stands_as_label)]
    return sorted(hits, key=lambda h: h.start)


def _stands_as_label(text: str, start: int, end: int) -> bool:
    # A label that is an everyday word ("To:") stands only where a field starts: "Send goods to:"
    # and "Questions to:" end a sentence, they do not label the buyer.
    if text[start:end].lower() in _everyday_labels():
        return _gap_before(text, start)
    if _COLON_AFTER.match(text, end):
        return True
    # "Purchaser X Ltd P.O.NO. 051490": a number label before a number stands anywhere on a
    # line of fields, but not in a sentence ("as per our invoice no. 4567", "... order No. 123.").
    if _NUMBER_LABEL.fullmatch(text, start, end) and _NUMBER_AFTER.match(text, end):
        return not _PROSE_BEFORE.search(text, 0, start) or _gap_before(text, start)
    return _gap_before(text, start)


def _gap_before(text: str, start: int) -> bool:
    before = text[:start]
    # Chinese labels follow English ones directly in bilingual layouts ("Date 日期:").
    return bool(_GAP_BEFORE.search(before)) or before.rstrip().endswith("|")


def _cell_value(text: str) -> str:
    """Given the text after a label, return its value: separators stripped, one cell only."""
    value = text.strip().lstrip(_SEPARATORS).strip()
    if value.startswith("No.") or value.lower().startswith("no "):
        value = value[3:].lstrip(_SEPARATORS).strip()
    return value.split(CELL)[0].strip().rstrip("|").strip()


@lru_cache(maxsize=1)
def _labels() -> PhraseList:
    data = load_data("labels.json")
    return PhraseList((field, text) for field, synonyms in data.items() if not field.startswith("_") for text in synonyms)


@lru_cache(maxsize=8192)
def label_key(label: str) -> str:
    """Given a label as written ('Date of Issue:'), return it for comparison ('date of issue').

    A note in brackets is dropped: 'Consignee (not negotiable...)' is 'consignee'.
    """
    return re.sub(r"[\s\-.:：#]+", " ", BRACKETED.sub(" ", label).lower()).strip()


def repaired(doc: Document) -> Document:
    """Given a Document, return a copy whose lines have split label words rejoined.

    Letter-spaced PDF text puts a space after a word's first capital
    ("F actuurnummer: 993548900"), and a narrow label column wraps a label's
    last letters onto the next line ("Manufactur Hangzhou ..." / "er Eastern
    ..."). A line is rejoined only where that makes a label appear, so prose
    ("A bottle") is left alone. Sources are kept.
    """
    return replace(doc, pages=[_repaired_page(page) for page in doc.pages])


def _repaired_page(page: Page) -> Page:
    lines = [_repaired_line(line) for line in page.lines]
    for index in range(len(lines) - 1):
        lines[index], lines[index + 1] = _unwrapped_label(lines[index], lines[index + 1])
        lines[index], lines[index + 1] = _unwrapped_number(lines[index], lines[index + 1])
    return replace(page, lines=lines)


def _unwrapped_number(line: TextLine, following: TextLine) -> tuple[TextLine, TextLine]:
    """Given two lines, return them with a number cut after its hyphen at the line's end made whole again
    ("order 24558103-" / "72219904, as per ..." is order 24558103-72219904)."""
    if not _NUMBER_CUT.search(line.text):
        return line, following
    rest = _NUMBER_REST.match(following.text)
    if rest is None:
        return line, following
    return (TextLine(line.text.rstrip() + rest.group(1), line.source),
            TextLine(following.text[rest.end():], following.source))


def _unwrapped_label(line: TextLine, following: TextLine) -> tuple[TextLine, TextLine]:
    """Given two lines, return them with a label's wrapped tail moved back to its head, if one was wrapped."""
    tail = _WRAPPED_TAIL.match(following.text)
    head = _FIRST_WORD.match(line.text)
    if tail is None or head is None or tail.group(1) in _SMALL_WORDS:
        return line, following
    joined = head.group(0) + tail.group(1) + line.text[head.end():]
    hits = find_labels(joined)
    if not hits or hits[0].start != 0 or hits[0].end < tail.end(1) + head.end() or find_labels(line.text[: head.end()]):
        return line, following
    return TextLine(joined, line.source), TextLine(following.text[tail.end():], following.source)


def _repaired_line(line: TextLine) -> TextLine:
    text = CELL.join(_joined_cell(cell) for cell in line.text.split(CELL)) if _SPREAD_CJK.search(line.text) else line.text
    if _SPLIT_CAPITAL.search(text):
        joined = _SPLIT_CAPITAL.sub(r"\1", text)
        if len(find_labels(joined)) > len(find_labels(text)):
            text = joined
    return line if text == line.text else TextLine(text, line.source)


def _joined_cell(cell: str) -> str:
    """Given a cell, return it with spread Chinese characters closed up when that makes it one label.

    A name spread the same way ("彭 竞") is no label and is left as written.
    """
    joined = _SPREAD_CJK.sub("", cell)
    if joined == cell:
        return cell
    hits = find_labels(joined.strip())
    whole = hits and hits[0].start == 0 and max(hit.end for hit in hits) >= len(joined.strip())
    return joined if whole else cell


@lru_cache(maxsize=1)
def _everyday_labels() -> frozenset[str]:
    """Labels that are also everyday words (data/labels.json `_everyday_words`): they count only where a field starts."""
    return frozenset(word.lower() for word in load_data("labels.json")["_everyday_words"]["words"])
