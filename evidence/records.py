"""Records with provenance: what readers produce and what extractors make of it.

A reader turns one file into one `Document`; an extractor turns a Document into
a `Record` of values, each with the `Source` (path, page, line or cell) it was
read from. The layers above (facts, rules, report, writers) only ever see these
dataclasses, never a library's own objects, so a reader can change its backend
without touching anything else.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any, Generic, TypeVar

from evidence.reference_data import load_data


@dataclass(frozen=True, order=True)
class Source:
    """Where a value sits: a path inside the bundle, plus page, line or cell.

    `page` is 1-based (a PDF page, a spreadsheet sheet's position). `line` is
    1-based within the page, or within the file for text without pages.
    `cell` is a spreadsheet reference such as ``"Sheet1!B7"``. `ocr_confidence`
    is set on a line read by OCR from an image or a scanned page: the engine's
    confidence in its least sure box, in [0, 1].
    """

    path: str
    page: int | None = None
    line: int | None = None
    cell: str | None = None
    ocr_confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        # Written out rather than `asdict`, which copies deeply: every line of a report has a source.
        data: dict[str, Any] = {"path": self.path}
        for key, value in (("page", self.page), ("line", self.line), ("cell", self.cell),
                           ("ocr_confidence", self.ocr_confidence)):
            if value is not None:
                data[key] = value
        return data

    def __str__(self) -> str:
        parts = [self.path]
        if self.page is not None:
            parts.append(f"p.{self.page}")
        if self.cell is not None:
            parts.append(self.cell)
        elif self.line is not None:
            parts.append(f"line {self.line}")
        text = ", ".join(parts)
        return text if self.ocr_confidence is None else f"{text} (read by OCR, confidence {self.ocr_confidence:.2f})"


@dataclass(frozen=True)
class Problem:
    """Why a file (or part of it) could not be read: becomes a finding later.

    `code` is a finding code from the catalog (F001 unreadable, F002 no text layer).
    `reason` is one sentence a user can act on. `partial` marks a file read in part
    within a limit (a PDF's first 500 pages): what was read is used, and the finding
    is at most minor.
    """

    code: str
    reason: str
    source: Source
    partial: bool = False


@dataclass
class TextLine:
    """One line of text as laid out in the document."""

    text: str
    source: Source


@dataclass
class Word:
    """A word with its box on the page, in PDF points from the top-left corner."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class Table:
    """A grid of cell texts; `None` marks an empty or merged-away cell."""

    rows: list[list[str | None]]
    source: Source


@dataclass
class Page:
    """One page of a PDF, one sheet of a workbook, or the body of a DOCX/text file."""

    number: int
    lines: list[TextLine] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    name: str | None = None
    width: float | None = None
    height: float | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class Message:
    """One message of an exported conversation.

    `timestamp` is an ISO 8601 string in the time zone the export shows (exports
    carry no zone, so none is invented); `None` when the export gives none.
    `channel` is where the conversation happened: platform, whatsapp, wechat,
    email or unknown. `system` marks lines the chat app wrote itself
    ("Messages are end-to-end encrypted").
    """

    timestamp: str | None
    sender: str | None
    text: str
    channel: str
    source: Source
    attachments: list[str] = field(default_factory=list)
    system: bool = False


@dataclass
class ImageInfo:
    """What an image file says about itself."""

    width: int
    height: int
    format: str
    captured_at: str | None = None
    camera_make: str | None = None
    camera_model: str | None = None
    software: str | None = None
    orientation: int | None = None
    gps: dict[str, float] | None = None
    #: What document the image shows ("a scanned page (...)", "a picture of a document (...)"); None for a
    #: photo of the goods. Decided by the reader from the file's facts and, with OCR, the text found in it.
    document: str | None = None
    #: Lines of text OCR found, and the share of the picture they cover; None when OCR did not run.
    text_lines: int | None = None
    text_area: float | None = None

    @property
    def megapixels(self) -> float:
        return self.width * self.height / 1_000_000


@dataclass
class Document:
    """Everything read from one file of a bundle.

    `reader` names the reader that produced it (pdf, xlsx, docx, image, whatsapp,
    email, ...). A file that could not be read at all still yields a Document,
    with its `problems` saying why.
    """

    path: str
    sha256: str
    size: int
    filetype: str
    reader: str
    pages: list[Page] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    image: ImageInfo | None = None
    problems: list[Problem] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        if self.pages:
            return "\n".join(page.text for page in self.pages)
        return "\n".join(m.text for m in self.messages)

    @property
    def lines(self) -> list[TextLine]:
        return [line for page in self.pages for line in page.lines]

    @property
    def readable(self) -> bool:
        return not any(p.code == "F001" and not p.partial for p in self.problems)

    def add_problem(self, code: str, reason: str, partial: bool = False, **where: Any) -> None:
        self.problems.append(Problem(code, reason, Source(self.path, **where), partial))


def document_to_dict(doc: Document, include_words: bool = False) -> dict[str, Any]:
    """Given a Document, return plain JSON-ready data in a stable key order."""
    return {
        "path": doc.path,
        "sha256": doc.sha256,
        "size": doc.size,
        "filetype": doc.filetype,
        "reader": doc.reader,
        "metadata": dict(sorted(doc.metadata.items())),
        "problems": [
            {"code": p.code, "reason": p.reason, "source": p.source.to_dict()} for p in doc.problems
        ],
        "pages": [_page_to_dict(page, include_words) for page in doc.pages],
        "messages": [_message_to_dict(m) for m in doc.messages],
        "image": _image_to_dict(doc.image) if doc.image else None,
    }


def _page_to_dict(page: Page, include_words: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"number": page.number}
    if page.name is not None:
        data["name"] = page.name
    if page.width is not None:
        data["width"], data["height"] = page.width, page.height
    data["lines"] = [{"text": ln.text, "source": ln.source.to_dict()} for ln in page.lines]
    data["tables"] = [{"rows": t.rows, "source": t.source.to_dict()} for t in page.tables]
    data["word_count"] = len(page.words)
    if include_words:
        data["words"] = [asdict(w) for w in page.words]
    return data


def _message_to_dict(message: Message) -> dict[str, Any]:
    data = asdict(message)
    data["source"] = message.source.to_dict()
    return data


def _image_to_dict(image: ImageInfo) -> dict[str, Any]:
    data = asdict(image)
    data["megapixels"] = round(image.megapixels, 2)
    return data


# ---------------------------------------------------------------- extracted records
# An extractor turns a Document of a known kind into a Record. Field names follow
# INTERFACE.md's fact names (order_number, order_total, ship_by, ...) plus the
# document's own `document_number` and `document_date`. Values are JSON-ready
# (str, int, float, bool, lists and dicts of them); dates are ISO strings and
# amounts are numbers, so a Record validates against its JSON Schema as it is.


T = TypeVar("T")

#: How a value was found, strongest first: read from a labeled field or cell ("Invoice No.: 4471");
#: worked out from layout or context (a letterhead, a sum of line items); or guessed (a day/month
#: order nothing in the document settles). A finding is only as strong as the weakest of these.
LABELED, INFERRED, GUESSED = "labeled", "inferred", "guessed"
CERTAINTIES = (LABELED, INFERRED, GUESSED)


def weakest(*certainties: str) -> str:
    """Given certainties, return the weakest of them (labeled when none is given)."""
    return max(certainties, key=CERTAINTIES.index, default=LABELED)


def ocr_ceiling(certainty: str, note: str, source: Source) -> tuple[str, str]:
    """A value read by OCR with less than data/ocr.json's `sure_confidence` is at most inferred:
    a misread digit must never raise a blocker alone. Returns the certainty and note it keeps."""
    confidence = source.ocr_confidence
    if confidence is None or certainty != LABELED or confidence >= _sure_confidence():
        return certainty, note
    said = f"read by OCR with confidence {confidence:.2f}"
    return INFERRED, f"{note}; {said}" if note else said


@lru_cache(maxsize=1)
def _sure_confidence() -> float:
    return float(load_data("ocr.json")["sure_confidence"])


def strongest(*certainties: str) -> str:
    """Given certainties, return the strongest of them (guessed when none is given)."""
    return min(certainties, key=CERTAINTIES.index, default=GUESSED)


@dataclass(frozen=True)
class Value(Generic[T]):
    """One extracted value, the text it was read from, where that text sits, and how sure it is.

    `certainty` is one of CERTAINTIES; `note` says how it was found (the label it was read
    under, the layout it was inferred from, or why it is a guess).
    """

    value: T
    source: Source
    text: str = ""
    certainty: str = INFERRED
    note: str = ""

    def __post_init__(self) -> None:
        certainty, note = ocr_ceiling(self.certainty, self.note, self.source)
        object.__setattr__(self, "certainty", certainty)
        object.__setattr__(self, "note", note)

    def to_dict(self) -> dict[str, Any]:
        data = {"value": self.value, "source": self.source.to_dict(), "text": self.text, "certainty": self.certainty}
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class Basis:
    """One value a finding was decided from: its name, value, source and certainty (`rests_on` in the report)."""

    name: str
    value: Any
    source: Source
    certainty: str = LABELED
    note: str = ""

    def __post_init__(self) -> None:
        certainty, note = ocr_ceiling(self.certainty, self.note, self.source)
        object.__setattr__(self, "certainty", certainty)
        object.__setattr__(self, "note", note)

    @classmethod
    def of(cls, name: str, found: Value) -> Basis:
        """Given a field name and its Value, return the Basis it gives a finding."""
        return cls(name, found.value, found.source, found.certainty, found.note)

    def to_dict(self) -> dict[str, Any]:
        data = {"name": self.name, "value": self.value, "source": self.source.to_dict(), "certainty": self.certainty}
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class Event:
    """Something a message shows happening: a complaint, an admission, a promise...

    `kind` is a kebab-case name from data/message_events.json; `actor` is
    buyer, supplier or unknown; `quote` is the message text the event rests on.
    """

    kind: str
    actor: str
    timestamp: str | None
    quote: str
    source: Source
    channel: str = "unknown"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "actor": self.actor,
            "timestamp": self.timestamp,
            "quote": self.quote,
            "channel": self.channel,
            "source": self.source.to_dict(),
        }


@dataclass
class Record:
    """Everything extracted from one document of one kind."""

    kind: str
    path: str
    confidence: float = 1.0
    fields: dict[str, Value] = field(default_factory=dict)
    items: list[dict[str, Value]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # what is wrong with the record itself (F005)
    #: Fee and charge lines outside the item table ('Packing charge: 300.00'): working evidence
    #: for the total, read loosely, so kept out of `values()` (the schema and the report's fields).
    charge_lines: list[Value] = field(default_factory=list)

    def set(
        self, name: str, value: Any, source: Source, text: str = "", certainty: str = INFERRED, note: str = ""
    ) -> None:
        """Record a field once: the first value found (in reading order) wins.

        `certainty` says how it was found: LABELED only when it was read under its label
        (`note` then names the label); a value worked out from layout or context stays INFERRED.
        """
        if value is not None and value != "" and name not in self.fields:
            self.fields[name] = Value(value, source, text, certainty, note)

    def keep(self, name: str, found: Value) -> None:
        """Record a field once from a Value, keeping its certainty and note."""
        if found.value is not None and found.value != "" and name not in self.fields:
            self.fields[name] = found

    def basis(self, name: str) -> Basis | None:
        """Return the field as a finding's Basis, or None when the record has no such field."""
        found = self.fields.get(name)
        return Basis.of(name, found) if found is not None else None

    def get(self, name: str, default: Any = None) -> Any:
        found = self.fields.get(name)
        return found.value if found is not None else default

    def values(self) -> dict[str, Any]:
        """Return the plain data a JSON Schema validates: kind, fields, items, events."""
        data: dict[str, Any] = {"kind": self.kind}
        data.update({name: v.value for name, v in sorted(self.fields.items())})
        if self.items:
            data["line_items"] = [{k: v.value for k, v in item.items()} for item in self.items]
        if self.events:
            data["events"] = [{"kind": e.kind, "actor": e.actor, "timestamp": e.timestamp} for e in self.events]
        return data

    def to_dict(self) -> dict[str, Any]:
        """Return the record with the provenance of every value, for `extract --format json`."""
        return {
            "kind": self.kind,
            "path": self.path,
            "confidence": self.confidence,
            "fields": {name: v.to_dict() for name, v in sorted(self.fields.items())},
            "line_items": [{k: v.to_dict() for k, v in item.items()} for item in self.items],
            "events": [e.to_dict() for e in self.events],
            "notes": list(self.notes),
            "charge_lines": [v.to_dict() for v in self.charge_lines],
            "problems": [{"code": p.code, "reason": p.reason, "source": p.source.to_dict()} for p in self.problems],
        }
