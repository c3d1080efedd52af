"""Sections of a PI or contract: a heading line and the lines under it.

Contracts number their clauses ("Article 4. Inspection", "7. Late delivery",
"第六条 付款方式", "六、付款"); PIs put short headings over blocks
("技术规格 Technical Specifications", "Terms"). A section runs from its heading
to the next one. Extractors ask for the body of the section whose title names
what they want (payment, inspection, specifications, penalties).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from evidence.extract.parts.scan import terms
from evidence.phrases import compile_phrases
from evidence.records import Document, TextLine

_NUMBERED = re.compile(
    r"^\s*(?:(?:article|clause|section|art\.)\s*\d{1,2}[.:)]?"
    r"|\d{1,2}(?:\.\d{1,2})?\s*[.)、．]"
    r"|第[一二三四五六七八九十百\d]+条"
    r"|[一二三四五六七八九十]+\s*[、.．])\s*(?P<title>.+?)\s*[:：]?\s*$",
    re.IGNORECASE,
)
_MAX_TITLE_WORDS = 8
_MAX_TITLE_CHARS = 60

#: Title words of the sections extractors ask for.
TOPICS: dict[str, tuple[str, ...]] = {
    "payment": (
        "payment",
        "payment terms",
        "terms of payment",
        "付款",
        "付款方式",
        "支付",
        "结算",
        "zahlung",
        "paiement",
    ),
    "inspection": (
        "inspection",
        "quality and inspection",
        "inspection and acceptance",
        "检验",
        "验货",
        "质量与检验",
        "检验与验收",
    ),
    "quality": (
        "quality",
        "quality standard",
        "quality and acceptance",
        "acceptance",
        "quality standard and acceptance",
        "质量",
        "质量标准",
        "验收",
    ),
    "penalty": (
        "late delivery",
        "delay",
        "penalty",
        "penalties",
        "liquidated damages",
        "breach",
        "breach of contract",
        "违约",
        "违约责任",
        "违约金",
        "延迟交货",
        "罚则",
    ),
    "specs_heading": tuple(terms()["section_headings"]["specs"]),
    "signature": ("signature", "signatures", "signed", "签字", "签章", "签字盖章"),
}


@dataclass
class Section:
    """A heading and the lines under it, up to the next heading."""

    title: str
    heading: TextLine
    lines: list[TextLine] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(line.text.strip() for line in self.lines if line.text.strip())


def split_sections(doc: Document) -> list[Section]:
    """Given a Document, return its sections in reading order (lines before the first heading are left out)."""
    sections: list[Section] = []
    for line in doc.lines:
        title = heading_title(line.text)
        if title is not None:
            sections.append(Section(title, line))
        elif sections:
            sections[-1].lines.append(line)
    return sections


def heading_title(text: str) -> str | None:
    """Given a line, return its title if the line is a section heading, else None."""
    numbered = _NUMBERED.match(text)
    if numbered:
        title = numbered.group("title").strip()
        if (
            _short(title)
            and not re.search(r"[.。]\s*$|\d[\d,.]*\s*$", title)
            and re.search(r"[A-Za-z\u3400-\u9fff]", title)
        ):
            return title
        return None
    plain = text.strip().rstrip(":：").strip()
    starts_like_title = bool(plain) and not plain[0].islower() and not plain.endswith((".", "。"))
    if starts_like_title and _short(plain) and _known_heading(plain):
        return plain
    return None


def section_body(doc: Document, topic: str) -> tuple[str, TextLine] | None:
    """Given a Document and a topic of TOPICS, return the text of the first section about it and its first line."""
    for section in topic_sections(doc, topic):
        if section.lines:
            return section.text, section.lines[0]
    return None


def topic_sections(doc: Document, topic: str) -> list[Section]:
    """Given a Document and a topic of TOPICS, return the sections whose title names it."""
    pattern = compile_phrases(TOPICS[topic])
    return [section for section in split_sections(doc) if pattern.search(section.title)]


def _short(title: str) -> bool:
    return 0 < len(title) <= _MAX_TITLE_CHARS and len(title.split()) <= _MAX_TITLE_WORDS


def _known_heading(text: str) -> bool:
    """Return True when known heading phrases make up most of a short line."""
    covered = sum(len(match.group(0)) for match in _headings().finditer(text))
    letters = len(re.sub(r"[\s/|:：()（）&,]", "", text))
    return letters > 0 and covered / letters >= 0.6


@lru_cache(maxsize=1)
def _headings() -> re.Pattern[str]:
    data = terms()["section_headings"]
    return compile_phrases(tuple(data["specs"] + data["other"]))
