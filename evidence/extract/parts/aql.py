"""AQL sampling plans and defect counts, as inspection reports write them.

A plan is the AQL per defect class and the inspection level ("General
Inspection Level II; AQL Critical 0 / Major 2.5 / Minor 4.0", "AQL 0/2.5/4.0",
"一般检验水平 II"). Defect counts come from a summary table (a class per row
with Found / Accept columns, or a class per column), from a text line laid out
like one, or from running text ("Critical 0 (Ac 0), Major 3 (Ac 10)",
"Defects found: Major 5, Minor 12"). Class and column words live in
data/inspection_terms.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from evidence.extract.reading import Reading, column_note, from_note, label_note
from evidence.phrases import literal_alternation, phrases_pattern, required_phrases_pattern
from evidence.reference_data import load_data
from evidence.records import INFERRED, LABELED, Record, Source, Table, TextLine, Value, weakest

CLASSES = ("critical", "major", "minor")
_FIGURE = r"\d+(?:[.,]\d+)?"
_NONE_ALLOWED = r"not\s+allowed|n/?a|none|不允许"
_ROW_FIGURES = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:\s*/\s*\d+)?(?![\w.])")
#: Column role -> the key of its header words in data/inspection_terms.json.
_COLUMN_WORDS = {
    "class": "class_column_words",
    "aql": "aql_column_words",
    "allowed": "allowed_words",
    "found": "found_words",
}
_LINE_TABLE_ROWS = 4  # class rows expected right under a defect table's header line


@dataclass(frozen=True)
class Counts:
    """Defects found per class, the acceptance numbers and AQL levels a table gives beside them.

    `certainty` says how sure the figures are: read under a table's headers, or worked out
    from text; `notes` says where each column role's figures were read (found, allowed, aql),
    `note` where any other was.
    """

    defects: dict[str, int]
    allowed: dict[str, int]
    levels: dict[str, float]
    source: Source
    text: str
    certainty: str = INFERRED
    note: str = ""
    notes: dict[str, str] = field(default_factory=dict)

    def value(self, role: str, figures: dict[str, Any]) -> Value[dict[str, Any]]:
        """Given a column role and its figures by class, return them as a Value with this table's certainty."""
        return Value(figures, self.source, self.text, self.certainty, self.notes.get(role, self.note))


def record_sampling(record: Record, found: Reading) -> None:
    """Set `aql` ({critical, major, minor, level}), `defects` and `allowed` ({critical, major, minor})."""
    counts = defect_counts(found)
    plan = aql_plan(found)
    if plan is None and counts is not None and counts.levels:
        plan = counts.value("aql", dict(counts.levels))
    if plan is not None:
        record.keep("aql", plan)
    if counts is not None:
        record.keep("defects", counts.value("found", counts.defects))
        if counts.allowed:
            record.keep("allowed", counts.value("allowed", counts.allowed))


# ---------------------------------------------------------------- plan


def aql_plan(found: Reading) -> Value[dict[str, Any]] | None:
    """Given a report, return its AQL levels per class and inspection level, on the levels' line (else the level's).

    Levels named by class ("Major 2.5") and a named level ("Inspection Level II") are labeled;
    bare figures ("AQL 0/2.5/4.0") are read as critical, major, minor by their order: inferred.
    """
    lines = found.doc.lines
    levels = next(((found_levels, line) for line in lines if (found_levels := aql_levels(line.text))), None)
    level = next(((found_level, line) for line in lines if (found_level := _inspection_level(line.text))), None)
    plan: dict[str, Any] = dict(levels[0]) if levels else {}
    marks = [_levels_mark(levels[1].text)] if levels else []
    if level is not None:
        plan["level"] = level[0]
        marks.append(_level_mark(level[1].text))
    where = levels[1] if levels else level[1] if level else None
    if where is None:
        return None
    certainty = weakest(*(mark[0] for mark in marks))
    note = next(mark[1] for mark in marks if mark[0] == certainty)
    return Value(plan, where.source, where.text, certainty, note)


def _levels_mark(text: str) -> tuple[str, str]:
    """Given the line of the AQL levels, return their (certainty, note): labeled when each class names its level."""
    word = _aql_word().search(text)
    rest = text[word.end() :] if word else text
    if class_pairs(rest):
        return LABELED, label_note(word.group(0)) if word else ""
    return INFERRED, "aql figures read as critical/major/minor by order"


def _level_mark(text: str) -> tuple[str, str]:
    """Given the line of the inspection level, return its (certainty, note): labeled after its words."""
    match = _level_pattern().search(text)
    words = _level_words().search(text, match.start(), match.end()) if match and match.group("level") else None
    if words is not None:
        return LABELED, label_note(words.group(0))
    return INFERRED, from_note("line", text)  # a bare 'G-II' mark


def aql_levels(text: str) -> dict[str, float]:
    """Given a line, return the AQL per class it states after an AQL word ('AQL 0/2.5/4.0' too)."""
    word = _aql_word().search(text)
    if word is None:
        return {}
    rest = text[word.end() :]
    pairs = class_pairs(rest)
    if pairs and not any(ac is not None for _, _, ac in pairs):
        return {name: float(value) for name, value, _ in pairs}
    if pairs:
        return {}
    slashed = re.search(rf"({_FIGURE})\s*/\s*({_FIGURE})(?:\s*/\s*({_FIGURE}))?", rest)
    if slashed is None:
        return {}
    figures = [_decimal(f) for f in slashed.groups() if f is not None]
    names = CLASSES if len(figures) == 3 else CLASSES[1:]
    return {name: float(value) for name, value in zip(names, figures)}


def _inspection_level(text: str) -> str | None:
    match = _level_pattern().search(text)
    if match is None:
        return None
    level = (match.group("level") or match.group("g")).upper()
    return level.replace("S", "S-").replace("--", "-")


# ---------------------------------------------------------------- defects


def defect_counts(found: Reading) -> Counts | None:
    """Given a report, return its defect counts: from a table, a table-like text block, or running text."""
    for page in found.doc.pages:
        for table in page.tables:
            counts = table_counts(table)
            if counts is not None:
                return counts
    lines = found.doc.lines
    for index, line in enumerate(lines):
        counts = _line_table_counts(line, lines[index + 1 : index + 1 + _LINE_TABLE_ROWS])
        if counts is not None:
            return counts
    return next((counts for line in lines if (counts := _running_counts(line)) is not None), None)


def table_counts(table: Table) -> Counts | None:
    """Given a table, return the defect counts it holds (classes as rows or as columns), or None."""
    rows = [[(cell or "").strip() for cell in row] for row in table.rows]
    if len(rows) < 2:
        return None
    return _counts_by_row(rows, table.source) or _counts_by_column(rows, table.source)


def _counts_by_row(rows: list[list[str]], source: Source) -> Counts | None:
    """A class per row ('Major | 2.5 | 23 | 7 / 8'); a class seen twice is a defect list: summed."""
    # The leftmost column of a role wins: later ones are read first and overwritten.
    roles = {role: index for index, cell in reversed(list(enumerate(rows[0]))) if (role := column_role(cell))}
    if "found" not in roles:
        return None
    tally = _Tally()
    for row in rows[1:]:
        name = _row_class(row)
        if name is not None:
            tally.add(name, {role: row[index] for role, index in roles.items() if index < len(row)})
    headers = {role: column_note(rows[0][index]) for role, index in roles.items()}
    return tally.counts(source, " | ".join(rows[0]), mark=(LABELED, headers))


def _counts_by_column(rows: list[list[str]], source: Source) -> Counts | None:
    """A class per column ('Defects | Critical | Major | Minor', then 'Found | 0 | 5 | 12')."""
    classes = {index: name for index, cell in enumerate(rows[0]) if (name := class_of(cell))}
    if len(classes) < 2:
        return None
    tally = _Tally()
    labels: dict[str, str] = {}
    for row in rows[1:]:
        role = column_role(row[0]) if row else None
        if role is None:
            continue
        labels.setdefault(role, label_note(row[0]))  # the row's label cell ("Found") beside its figures
        for index, name in classes.items():
            if index < len(row):
                tally.add(name, {role: row[index]})
    return tally.counts(source, " | ".join(rows[0]), mark=(LABELED, labels))


@dataclass
class _Tally:
    """Counts being read from a table: defects found (summed over a defect list), acceptance numbers, AQLs."""

    defects: dict[str, int] = field(default_factory=dict)
    allowed: dict[str, int] = field(default_factory=dict)
    levels: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, cells: dict[str, str]) -> None:
        """Given a class and its cells by column role, add what they say."""
        found = _first_int(cells.get("found", ""))
        if found is not None:
            self.defects[name] = self.defects.get(name, 0) + found
        accept = _first_int(cells.get("allowed", ""))
        if accept is not None:
            self.allowed.setdefault(name, accept)
        level = re.search(_FIGURE, cells.get("aql", ""))
        if level is not None:
            self.levels.setdefault(name, float(_decimal(level.group(0))))

    def counts(self, source: Source, text: str, mark: tuple[str, dict[str, str]], least: int = 1) -> Counts | None:
        """Return the counts when at least `least` classes have a defect figure.

        `mark` is their certainty and the note of each column role.
        """
        if len(self.defects) < least:
            return None
        certainty, notes = mark
        return Counts(self.defects, self.allowed, self.levels, source, text, certainty, notes=notes)


def _line_table_counts(header: TextLine, rows: list[TextLine]) -> Counts | None:
    """A defect table read as text: a header line naming its columns, then a line per class."""
    columns = _header_columns(header.text)
    numeric = [role for role in columns if role in ("aql", "found", "allowed")]
    if "found" not in numeric or len(numeric) < 2:
        return None
    tally = _Tally()
    for row in rows:
        name = class_of(row.text)
        figures = _ROW_FIGURES.findall(row.text[_class_end(row.text) :])
        if name is not None and len(figures) >= len(numeric):
            tally.add(name, dict(zip(numeric, figures)))
    # The figures of a row are matched to the header's columns by their order along the line.
    note = from_note("table read as text", header.text)
    return tally.counts(header.source, header.text, mark=(INFERRED, dict.fromkeys(_COLUMN_WORDS, note)), least=2)


def _header_columns(text: str) -> list[str]:
    """Given a header line, return the roles of the columns it names, left to right."""
    found: list[tuple[str, int, int]] = []
    for role in ("class", "aql", "allowed", "found"):
        for match in _column_pattern(role).finditer(text):
            if not any(s < match.end() and match.start() < e for _, s, e in found):
                found.append((role, match.start(), match.end()))
    return [role for role, _, _ in sorted(found, key=lambda item: item[1])]


def _running_counts(line: TextLine) -> Counts | None:
    """Defects in running text: 'Major 3 (Ac 10)', or class/figure pairs on a line about defects found."""
    pairs = class_pairs(line.text)
    if len(pairs) < 2:
        return None
    with_ac = [pair for pair in pairs if pair[2] is not None]
    note = from_note("sentence", line.text)
    if with_ac:
        defects = {name: int(value) for name, value, _ in with_ac}
        allowed = {name: int(ac) for name, _, ac in with_ac if ac is not None}
        return Counts(defects, allowed, {}, line.source, line.text, INFERRED, note)
    if _aql_word().search(line.text) or not _found_cue().search(line.text):
        return None
    if any(value != value.to_integral_value() for _, value, _ in pairs):
        return None
    return Counts({name: int(value) for name, value, _ in pairs}, {}, {}, line.source, line.text, INFERRED, note)


# ---------------------------------------------------------------- classes and columns


def class_pairs(text: str) -> list[tuple[str, Decimal, Decimal | None]]:
    """Given text, return (class, figure, acceptance number or None) for each 'Major 2.5' / 'Major: 3 (Ac 10)'."""
    pairs = []
    for match in _pair_pattern().finditer(text):
        name = class_of(match.group("cls"))
        if name is None:
            continue
        figure = match.group("num")
        value = Decimal(0) if re.fullmatch(_NONE_ALLOWED, figure, re.I) else _decimal(figure)
        accept = Decimal(match.group("ac")) if match.group("ac") else None
        pairs.append((name, value, accept))
    return pairs


def class_of(text: str) -> str | None:
    """Given a cell or line, return the defect class it starts with."""
    match = _class_pattern().match(text.strip())
    if match is None:
        return None
    return next(name for name in CLASSES if match.group(name) is not None)


def _class_end(text: str) -> int:
    stripped = len(text) - len(text.lstrip())
    match = _class_pattern().match(text.strip())
    return stripped + match.end() if match else 0


def _row_class(row: list[str]) -> str | None:
    for cell in [cell for cell in row if cell][:2]:
        name = class_of(cell)
        if name is not None:
            return name
    return None


def column_role(cell: str) -> str | None:
    """Given a header cell, return its role: class, aql, allowed or found (None for others)."""
    text = cell.strip()
    for role in ("class", "aql", "allowed", "found"):
        match = _column_pattern(role).match(text)
        if match is not None and not re.search(r"[A-Za-z]{3,}", text[match.end() :].split("(")[0]):
            return role
    return None


def _first_int(text: str) -> int | None:
    match = re.search(r"(?<![\d.])\d+(?![\d.]*\d)", text)
    return int(match.group(0)) if match else None


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


# ---------------------------------------------------------------- patterns from data


@lru_cache(maxsize=1)
def inspection_terms() -> dict[str, Any]:
    """Return data/inspection_terms.json (the inspection extractor reads it too)."""
    data: dict[str, Any] = load_data("inspection_terms.json")
    return data


@lru_cache(maxsize=1)
def _class_bodies() -> dict[str, str]:
    """Return, per defect class, the pattern of the words naming it (abbreviations as whole words)."""
    bodies = {}
    for name in CLASSES:
        entry = inspection_terms()["defect_classes"][name]
        words = phrases_pattern(tuple(entry["words"]))
        body = words.pattern if words is not None else ""
        if entry["abbreviations"]:
            body += rf"|(?<![A-Za-z]){literal_alternation(entry['abbreviations'])}\.?(?![A-Za-z])"
        bodies[name] = body
    return bodies


@lru_cache(maxsize=1)
def _class_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{name}>{body})" for name, body in _class_bodies().items()), re.IGNORECASE)


@lru_cache(maxsize=1)
def _pair_pattern() -> re.Pattern[str]:
    classes = "|".join(f"(?:{body})" for body in _class_bodies().values())
    return re.compile(
        rf"(?P<cls>{classes})(?:\s*defects?|\s*缺陷)?(?:\s*found)?\s*(?:\(\s*aql\s*\))?\s*[:：=]?\s*"
        rf"(?P<num>{_FIGURE}|{_NONE_ALLOWED})(?![\d.])"
        rf"(?:\s*\(\s*(?:ac|accept(?:ed)?|allowed|max\.?)\s*[:=]?\s*(?P<ac>\d+)[^)]*\))?",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _aql_word() -> re.Pattern[str]:
    return required_phrases_pattern(tuple(inspection_terms()["aql_words"]))


@lru_cache(maxsize=1)
def _found_cue() -> re.Pattern[str]:
    return required_phrases_pattern(tuple(inspection_terms()["found_cues"]["phrases"]))


@lru_cache(maxsize=None)
def _column_pattern(role: str) -> re.Pattern[str]:
    return required_phrases_pattern(tuple(inspection_terms()[_COLUMN_WORDS[role]]))


@lru_cache(maxsize=1)
def _level_words() -> re.Pattern[str]:
    return required_phrases_pattern(tuple(inspection_terms()["inspection_level"]["words"]))


@lru_cache(maxsize=1)
def _level_pattern() -> re.Pattern[str]:
    entry = inspection_terms()["inspection_level"]
    words = _level_words()
    levels = literal_alternation(entry["levels"])
    # 'General Inspection Level II', 'Level: S-4', or a bare 'G-II' / 'GII'.
    named = rf"(?:{words.pattern})\s*[:：]?\s*(?:G-?)?(?P<level>{levels})(?![A-Za-z0-9])"
    return re.compile(rf"{named}|(?<![A-Za-z])G-?(?P<g>III|II|I)(?![A-Za-z])", re.IGNORECASE)
