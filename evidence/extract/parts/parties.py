"""The parties of a PI, contract or invoice: seller and buyer as legal names.

A party is read from its label ("Seller:", "买方", "Bill to") when the value
there is a name, else from the lines under the label (a party block: the
Chinese name, then the English one, then the address). The seller may also be
the letterhead: the first top line that ends in a legal form (Co., Ltd.,
有限公司, GmbH...). Bilingual names keep the English one as the name and the
Chinese one as `local`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from evidence.extract.reading import top_lines
from evidence.extract.cells import label_field
from evidence.extract.labels import CELL, Labeled
from evidence.extract.parts.scan import before_labels, cells, cjk_share, labels_in, terms, value_after
from evidence.normalize.companies import company_key, is_platform_account
from evidence.phrases import alternation, compile_phrases, literal_alternation
from evidence.records import Document, Source, TextLine

_LOOKAHEAD = 4
_LETTERHEAD_LINES = 10
#: Words that make a value a sentence about a party, not its name ("The Buyer may appoint...").
_PROSE = re.compile(
    r"\b(?:may|shall|will|agrees?|agreed|must|should|confirm(?:s|ation)?|hereby|hereinafter|is|are|has|have|"
    r"stamp|seal|signature|signed|sign)\b|可|应|须|确认|盖章|签字",
    re.IGNORECASE,
)
_ADDRESS_START = re.compile(r"^\s*(?:no\.?\s*)?\d+[\s,]|^\s*(?:room|rm|unit|flat|building|bldg|floor)\b", re.IGNORECASE)
_PHONE = re.compile(r"\+?\d[\d\s\-()]{6,}\d")
_CONTACT = re.compile(r"@|https?://|www\.|\b(?:tel|fax|phone|mobile|e-?mail|add(?:ress)?)\b\.?\s*[:：]", re.IGNORECASE)


@dataclass(frozen=True)
class Party:
    """A party's name as written, its Chinese name when the document pairs one, and where it stands."""

    name: str
    source: Source
    local: str | None = None


def find_party(doc: Document, field: str, avoid: str | None = None) -> Party | None:
    """Given a Document and 'supplier_name' or 'buyer_name', return the party its labels name.

    `avoid` is a name the party must not be (the other party), compared by company key.
    """
    lines = doc.lines
    for index, line in enumerate(lines):
        # The first label of the field on a line; later ones are its twins or words of the value ("TO ORDER").
        hit = next((hit for hit in labels_in(line.text) if hit.field == field), None)
        if hit is None:
            continue
        party = _party_at(lines, index, value_after(line.text, hit.end, field), _column_of(line.text, hit.start))
        if party is not None and not _same(party.name, avoid):
            return party
    return None


def labeled_party(labeled: list[Labeled], field: str, avoid: str | None = None) -> Party | None:
    """Given labeled values (a header row's included), return the first that names a party of `field`."""
    for item in labeled:
        if item.field != field:
            continue
        party = company_in(item.value, item.source)
        name = party_name(item.value)
        if party is None and name is not None:
            party = Party(name, item.source)
        if party is not None and not _same(party.name, avoid):
            return party
    return None


def letterhead(doc: Document, avoid: str | None = None) -> Party | None:
    """Given a Document, return the company named in its letterhead (first top line with a legal form)."""
    lines = top_lines(doc, _LETTERHEAD_LINES)
    for index, line in enumerate(lines):
        if any(hit.field in ("buyer_name", "ship_to", "beneficiary_name") for hit in labels_in(line.text)):
            continue
        for cell in cells(line.text):
            party = company_in(without_name_label(before_labels(cell)), line.source)
            if party is not None and not _same(party.name, avoid) and not is_platform_account(party.name):
                return _paired(party, lines[index + 1 : index + 3])
    return None


def is_bank(name: str) -> bool:
    """Given a party name, return True when it is a bank's ("Federal Bank Ltd.", "中国银行").

    A bank stands where a buyer would under a letter of credit (the consignee or
    bill-to of a B/L) but is never the buyer of the goods.
    """
    return bool(_bank_words().search(name))


@lru_cache(maxsize=1)
def _bank_words() -> re.Pattern[str]:
    return compile_phrases(tuple(terms()["bank_words"]))


@lru_cache(maxsize=1)
def _not_a_party() -> re.Pattern[str]:
    return compile_phrases(tuple(terms()["not_a_party"]))


def preferred_casing(doc: Document, party: Party) -> Party:
    """Given a party written in capitals, return it as the document also writes it in mixed case, if it does."""
    if not party.name.isupper():
        return party
    key = company_key(party.name)
    for line in doc.lines:
        for cell in cells(line.text):
            found = company_in(before_labels(cell), line.source)
            if found is not None and not found.name.isupper() and company_key(found.name) == key:
                return Party(found.name, party.source, party.local)
    return party


def _party_at(lines: list[TextLine], index: int, value: str, column: int = 0) -> Party | None:
    """Given the line of a party label and its value, return the party (from the value or the block below).

    `column` is which of the side-by-side party blocks the label heads (0 for the
    first); its name is that many names along the line below ("SELLER  BUYER" over
    "ACME Co., Ltd.  Beta Inc.").
    """
    source = lines[index].source
    value = without_name_label(value)
    party = company_in(value, source) if is_name(value) else None
    if party is None and party_name(value) is not None:
        party = Party(str(party_name(value)), source)
    if party is not None:
        return party
    block = _block_below(lines, index)
    for offset, line in enumerate(block):
        text = without_name_label(line.text)
        found = companies_along(text, line.source) if column else []
        if column and len(found) > column:
            return found[column]
        party = company_in(before_labels(text), line.source)
        if party is None and _name_label().match(line.text):
            # "Name: Mr Smith": a name sub-label vouches for a name without a legal form.
            name = party_name(before_labels(text))
            party = Party(name, line.source) if name else None
        if party is None and not column:
            party = _name_beside(line)
        if party is not None and not column:
            return _paired(party, block[offset + 1 : offset + 2])
    return None


#: Where a name ends and the party it acts for begins ("ACME HOME C/O BETA", "TRANSIT SA P/C GAMMA").
_ON_BEHALF = re.compile(r"\s+(?:c/o|p/c)\s.*$", re.IGNORECASE)


def _name_beside(line: TextLine) -> Party | None:
    """Given a line of a party block, return the name after a name sub-label further along it.

    A side heading's block sits beside another one ("Navire : X   Dénomination : ACME"),
    so its sub-label stands after a column gap, not at the line's start.
    """
    match = next((m for m in _name_label().finditer(line.text) if m.start() > 0), None)
    if match is None:
        return None
    value = _ON_BEHALF.sub("", before_labels(line.text[match.end() :]))
    party = company_in(value, line.source)
    name = party.name if party else party_name(value)
    return Party(name, line.source) if name else None


def party_below(doc: Document, source: Source) -> Party | None:
    """Given a Document and the source of a party label whose own value is no name, return the party under it."""
    lines = doc.lines
    index = next((i for i, line in enumerate(lines) if line.source == source), None)
    return None if index is None else _party_at(lines, index, "")


def name_in_items(doc: Document, items: list[Labeled]) -> tuple[str, Labeled] | None:
    """Given labeled values of a party, return the first name they give, else the name under a label whose
    own value is no name ("Details of Importer (Consignee):" over "Name: ...")."""
    for item in items:
        name = block_name(item.value)
        if name:
            return name, item
    return name_under(doc, items)


def name_under(doc: Document, items: list[Labeled]) -> tuple[str, Labeled] | None:
    """Given labeled values of a party none of which is a name, return the name in the block under one's label."""
    for item in items:
        if is_name(item.value.splitlines()[0] if item.value.strip() else ""):
            continue
        party = party_below(doc, item.source)
        if party is not None:
            return party.name, Labeled(item.field, item.label, party.name, party.source)
    return None


def companies_along(text: str, source: Source) -> list[Party]:
    """Given a line of side-by-side party blocks, return the companies along it, left to right."""
    found: list[Party] = []
    rest = text.strip()
    while rest and len(found) < 4:
        party = company_in(rest, source)
        if party is None:
            break
        found.append(party)
        at = rest.find(party.name)
        rest = rest[at + len(party.name) :].strip(" ,;|") if at >= 0 else ""
    return found


def _column_of(text: str, hit_start: int) -> int:
    """Given a label line and where a party label starts on it, return how many other parties' labels precede it."""
    fields: list[str] = []
    for hit in labels_in(text):
        if hit.start >= hit_start:
            break
        if hit.field in ("supplier_name", "buyer_name", "ship_to") and (not fields or fields[-1] != hit.field):
            fields.append(hit.field)
    return len(fields)


def _block_below(lines: list[TextLine], index: int) -> list[TextLine]:
    """Given a party label's line index, return the lines of its block (until another party label)."""
    block = []
    for line in lines[index + 1 : index + 1 + _LOOKAHEAD]:
        fields = {hit.field for hit in labels_in(line.text) if hit.start == 0}
        if fields & {"supplier_name", "buyer_name", "beneficiary_name"}:
            break
        block.append(line)
    return block


def _paired(party: Party, following: list[TextLine]) -> Party:
    """Given a company and the lines after it, return it with its other-language twin, if one follows."""
    if party.local is not None or not following:
        return party
    twin = company_in(before_labels(cells(following[0].text)[0]), following[0].source)
    if twin is None or twin.local is not None or _is_chinese(twin.name) == _is_chinese(party.name):
        return party
    if _is_chinese(party.name):
        return Party(twin.name, twin.source, party.name)
    return Party(party.name, party.source, twin.name)


def company_in(text: str, source: Source) -> Party | None:
    """Given text, return the company it starts with; a Chinese and an English name side by side make one party."""
    runs = [
        run.strip()
        for run in re.split(r"(?<=[\u3400-\u9fff）)])\s+(?=[A-Za-z])|(?<=[A-Za-z.)])\s+(?=[\u3400-\u9fff])", text)
    ]
    names = [name for name in (company_name(run) for run in runs[:2]) if name is not None]
    if not names:
        return None
    chinese = next((name for name in names if _is_chinese(name)), None)
    english = next((name for name in names if not _is_chinese(name)), None)
    if english is None:
        return Party(str(chinese), source)
    return Party(english, source, chinese)


def _is_chinese(name: str) -> bool:
    return cjk_share(name) > 0.5


def party_name(value: str) -> str | None:
    """Given a labeled value, return the party name in it, or None when it is not a name."""
    value = value.strip(" ,;:：|")
    if not value or _PROSE.search(value) or _CONTACT.search(value) or _not_a_party().match(value):
        return None
    if not is_name(value):
        return None
    company = company_name(value)
    if company is not None:
        return company
    name = re.split(r"\s*[,;，；]\s*|\s{2,}", value)[0].strip()
    words = name.split()
    if not 1 <= len(words) <= 6 or _ADDRESS_START.search(name) or any(ch.isdigit() for ch in name):
        return None
    if not (name[0].isupper() or cjk_share(name) > 0.5) or labels_in(name):
        return None
    return name


def company_name(text: str) -> str | None:
    """Given text, return the company name it starts with (cut after the legal form), or None."""
    text = text.strip(" ,;:：|")
    if not text or _CONTACT.search(text[:40]) or _ADDRESS_START.search(text):
        return None
    end = _legal_form_end(text)
    if end is None:
        return None
    name = text[:end].strip(" ,;")
    words_before = name[: _first_suffix_start(name)].strip()
    if (
        len(words_before) < 2
        or _PROSE.search(name)
        # A brand in camel case ("eBay", "iRobot") starts with a small letter.
        or not (name[0].isupper() or name[0].isdigit() or cjk_share(name[:2]) > 0 or re.match(r"[a-z]{1,2}[A-Z]", name))
    ):
        return None
    return name


def _legal_form_end(text: str) -> int | None:
    """Given text, return where its name ends: after the first strong legal form (and forms glued to it)."""
    strong = [m for m in _suffixes().finditer(text) if not _weak().fullmatch(m.group(0).lower().strip())]
    if strong:
        end = strong[0].end()
        for match in _suffixes().finditer(text, end):
            if text[end : match.start()].strip(" ,.") != "":
                break
            end = match.end()
        return end
    if _weak().search(text) and len(text.split()) <= 8:
        return len(re.split(r"\s*[,;，；]\s*|\s{2,}", text)[0])
    return None


def _first_suffix_start(name: str) -> int:
    match = _suffixes().search(name)
    return match.start() if match else len(name)


def _same(name: str, other: str | None) -> bool:
    return other is not None and bool(company_key(name)) and company_key(name) == company_key(other)


@lru_cache(maxsize=1)
def _suffixes() -> re.Pattern[str]:
    """Legal forms: long or dotted ones in any case; short bare ones (AG, SA, Ltd) only capitalised."""
    data = terms()["company_suffixes"]
    latin = sorted(data["latin"], key=len, reverse=True)
    loose = alternation((s for s in latin if len(s) > 3 or not s.isalpha()), "any_blank", "none")
    strict = [re.escape(s.upper()) + "|" + re.escape(s.capitalize()) for s in latin if len(s) <= 3 and s.isalpha()]
    cjk = literal_alternation(data["cjk"])
    return re.compile(
        rf"(?<![A-Za-z])(?:(?i:{loose})|{'|'.join(strict)})(?![A-Za-z])|{cjk}",
    )


@lru_cache(maxsize=1)
def _weak() -> re.Pattern[str]:
    return compile_phrases(tuple(terms()["company_suffixes"]["weak"]))


# ------------------------------------------------------------------ party blocks of forms

#: A line that carries on a wrapped company name ("Zhongshan Brightway Lighting Technology" / "Co., Ltd.").
_WRAPPED_SUFFIX = re.compile(
    r"^(?:co\b|co\.|company\b|corp|ltd|limited|inc\b|inc\.|llc|pty|pte|gmbh|有限|股份|公司)", re.IGNORECASE
)
#: Where a one-line party block turns into its address or contact details.
_ADDRESS_CUT = re.compile(
    r"\s*[,，]\s*(?=\+|\d|no\.|room\b|rm\b|unit\b|flat\b|building\b|floor\b|tel\b|attn\b)|\s{2,}|\s+(?=\+\d)", re.I
)


def block_name(value: str) -> str | None:
    """Given a party value or block ("ACME CO., LTD.\\nNo. 8 Road..."), return the party's name.

    The name is the first line, joined to the next when a legal form wrapped
    onto it, and cut after its legal form or before its address; of a Chinese
    and English pair, the English one.
    """
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    # "NAME:" alone on its line heads the name on the next one; "Name: ACME Ltd" carries it.
    while lines and not without_name_label(lines[0]).strip(" :："):
        lines = lines[1:]
    if lines:
        lines[0] = without_name_label(lines[0])
    if not lines:
        return None
    first = lines[0]
    if len(lines) > 1 and company_name(first) is None and _WRAPPED_SUFFIX.match(lines[1]):
        first = f"{first} {lines[1]}"
    # A bilingual name ('宁波美达五金有限公司 Ningbo Meida Hardware Co., Ltd.') gives its English half,
    # as the other documents of an order usually do.
    paired = company_in(first, Source(""))
    name = (paired.name if paired else None) or party_name(first) or _ADDRESS_CUT.split(first)[0].strip(" ,;:")
    # Small print carried on after a party's label ("... by the shipper / and accepted for himself") starts
    # with a small word; a name without a legal form does not (a camel-case brand aside).
    if name and paired is None and name[0].islower() and not re.match(r"[a-z]{1,2}[A-Z]", name):
        return None
    return name if name and is_name(name) else None


# ------------------------------------------------------------------ what is not a name


#: More words than a company's name ever has ("Zhongshan Brightway Lighting Technology Co., Ltd." is 6).
_NAME_WORDS_MAX = 12


def is_name(text: str) -> bool:
    """Given a value where a name stands, return False when it is a label, heading or form text instead.

    A wrong party is worse than none (it raises a false mismatch later), so a
    value with no letter (")"), a box number with its label ("10. Remarks"), a
    label ("SHIP TO:", "Invoice No :"), a page header or a form's instruction
    ("Check if", "Questions to:") or a sentence of small print is no name: the
    name is missing.
    """
    text = re.sub(r"^\s*\(?\d{1,2}[.)]\s*", "", text).strip(" ,;|")
    if not any(ch.isalpha() for ch in text) or text.endswith((":", "：")):
        return False
    # A sentence of a form's small print ("hereby certifies that he is familiar with ...") is no name;
    # a long value with a legal form is a name followed by its address, cut later.
    if len(text.split()) > _NAME_WORDS_MAX and company_name(text) is None:
        return False
    if _not_a_name().match(text) or label_field(text) is not None:
        return False
    # A plural label ("BUYERS") is a heading too.
    if text[-1:] in "sS" and label_field(text[:-1]) is not None:
        return False
    # A name never starts with a small word ("and accepted for himself ..."), as `company_name`
    # also holds; a brand in camel case may ("eBay").
    first = text.split()[0]
    if first.isascii() and first.isalpha() and first.islower():
        return False
    # A phone number beside a contact's name ("Li Ming 13800138000") is contact details, not a party.
    return company_name(text) is not None or not _PHONE.search(text)


def without_name_label(text: str) -> str:
    """Given a line of a party block, return it without a leading name sub-label ("Company Name : ACME Ltd").

    A second sub-label on the line (the twin block beside it) ends the value.
    """
    match = _name_label().match(text)
    rest = text[match.end() :] if match else text
    twin = _name_label().search(rest, 1)
    return (rest[: twin.start()] if twin else rest).split(CELL)[0].strip()


@lru_cache(maxsize=1)
def _not_a_name() -> re.Pattern[str]:
    """Heading, label and instruction words a value may begin with, as whole words."""
    words = alternation(terms()["not_a_name"]["starts"], "any_blank", "none")
    return re.compile(rf"(?:{words})(?![A-Za-z])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _name_label() -> re.Pattern[str]:
    """A party block's name sub-label with its colon ("Company Name :", "NAME:", "名称：")."""
    words = alternation(terms()["not_a_name"]["name_labels"], "any_blank", "none")
    return re.compile(rf"\s*(?<![A-Za-z])(?:{words})\s*[:：]\s*", re.IGNORECASE)
