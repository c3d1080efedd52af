"""Amounts of money as documents write them: "US$12,345.00", "EUR 1.234,56", "人民币 8600 元".

An amount needs a currency mark next to it (a code, a symbol or a name from
``data/currencies.json``, before or after the figure). A mark between two
figures belongs to the one after it ("5,000 USD 12,500.00" is USD 12,500.00);
figures with a unit ("5,000 pcs"), percentages, dates and figures glued to
words ("PO12345") are never amounts. Bare figures count only when the caller
asks with ``bare=True`` and gives a currency hint (an amount column of a table).

Separators: where a figure has both marks, the last one is the decimal mark;
a single mark followed by three digits is read by the currency's usual
decimal mark ("€1.234" is 1234, "$1.234" is 1.234; see
`evidence.normalize.parse_number`).

Ambiguous marks: "$" and "dollars" are USD, "¥", "￥" and "元" are CNY, unless
the caller's `currency_hint` is another currency that uses the mark (JPY for
"¥", HKD for "$"); "kr" has no currency without a hint.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from evidence.normalize import NUMBER, cjk_to_int, fold_width, parse_number
from evidence.reference_data import load_data
from evidence.normalize.dates import find_dates
from evidence.normalize.quantities import QUANTITY_KINDS, unit_alternation
from evidence.phrases import literal_alternation, memoized_list, phrase_alternation

#: What may stand between a currency mark and its figure: "USD: 100", "USD -100",
#: "USD (100)", and a mark in a label: "Total (USD): 100", "金额（美元）：100".
_PREFIX_GAP = re.compile(r"\s*\)?\s*(?:[:=]\s*)?[-(]?\s*")
_SUFFIX_GAP = re.compile(r"\)?\s*")
_TOKEN_JOIN = re.compile(r"\s*")


@dataclass(frozen=True)
class Money:
    """An amount found in text: `amount` is negative for "(1,234.00)" or "-USD 100".

    `currency` is an ISO 4217 code, or None for a mark that names no single
    currency ("kr" without a hint). `text`, `start`, `end` locate the amount
    with its marks in the text as given.
    """

    amount: Decimal
    currency: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int
    value: Decimal
    before: int | None  # index of the currency mark right before, if any
    after: int | None  # index of the currency mark right after, if any


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    text: str


@memoized_list
def find_amounts(text: str, currency_hint: str | None = None, bare: bool = False) -> list[Money]:
    """Given a line of text, return every amount of money in it, left to right.

    `currency_hint` (an ISO code) settles ambiguous marks and, with
    ``bare=True``, is the currency of figures that have no mark at all.
    """
    folded = fold_width(text)
    hint = currency_code(currency_hint) if currency_hint else None
    marks = _marks(folded)
    figures = list(_figures(folded, marks, hint))
    # A mark between two figures belongs to the one after it ("5,000 USD 12,500.00"),
    # unless the line writes marks after figures throughout ("0,75 € 0,75 €").
    before_first = _assign(figures, marks, hint, suffix_first=False)
    after_first = _assign(figures, marks, hint, suffix_first=True)
    chosen = after_first if _marked(after_first) > _marked(before_first) else before_first
    found = []
    for figure, used in zip(figures, chosen, strict=True):
        money = _figure_to_money(folded, text, figure, used, marks, hint, bare)
        if money is not None:
            found.append(money)
    return found


def parse_amount(text: str, decimal_mark: str | None = None) -> Decimal | None:
    """Given a single value ("12,345.00", "12.345,00", "1'234.50", "USD 1,234", "(50.00)"), return it, or None.

    A currency mark before or after is allowed and sets the decimal mark its
    currency usually uses, unless `decimal_mark` is given.
    """
    folded = fold_width(text).strip()
    negative = folded.startswith("(") and folded.endswith(")")
    rest = folded[1:-1].strip() if negative else folded
    currency = None
    for mark in _marks(rest):
        if mark.start == 0 or mark.end == len(rest):
            currency = currency or normalize_currency(mark.text)
    rest = _token_pattern().sub(" ", rest).strip()
    if rest.startswith("-"):
        negative, rest = True, rest[1:].strip()
    value = parse_number(rest, decimal_mark or _decimal_mark_of(currency))
    if value is None:
        return None
    return -value if negative else value


def normalize_currency(token: str, hint: str | None = None) -> str | None:
    """Given a currency mark as written ("US$", "rmb", "人民币", "¥", "€"), return its ISO code, or None.

    An ambiguous mark ("$", "¥", "元", "kr") gives `hint` when the hint is a
    currency that uses it, else the mark's default (USD for "$", CNY for "¥").
    """
    entry = _currency_index().get(_token_key(token))
    if entry is None:
        return None
    if isinstance(entry, str):
        return entry
    hinted = currency_code(hint) if hint else None
    if hinted in entry["candidates"]:
        return hinted
    default: str | None = entry["default"]
    return default


def currency_code(token: str) -> str | None:
    """Given a mark that names one currency ("usd", "RMB", "US$", "欧元"), return its ISO code, or None."""
    entry = _currency_index().get(_token_key(token))
    return entry if isinstance(entry, str) else None


def amount_in_words(text: str) -> Decimal | None:
    """Given an amount written out, return its value, or None.

    English: "SAY US DOLLARS TWELVE THOUSAND THREE HUNDRED FORTY FIVE ONLY",
    "... AND CENTS FIFTY", "... AND FIFTY CENTS", "... POINT FIVE", "... AND 50/100".
    Chinese capitals: "人民币捌仟陆佰元整", "壹万贰仟叁佰肆拾伍元陆角柒分".
    """
    folded = fold_width(text)
    chinese = _chinese_amount(folded)
    if chinese is not None:
        return chinese
    return _english_amount(folded)


# ---------------------------------------------------------------- marks and figures


@memoized_list
def _marks(text: str) -> list[_Mark]:
    """Given text, return its currency marks, adjacent ones ("RMB ¥", "USD $") joined into one."""
    joined: list[_Mark] = []
    for match in _token_pattern().finditer(text):
        if joined and _TOKEN_JOIN.fullmatch(text, joined[-1].end, match.start()):
            last = joined.pop()
            joined.append(_Mark(last.start, match.end(), text[last.start : match.end()]))
        else:
            joined.append(_Mark(match.start(), match.end(), match.group()))
    return joined


def _mark_currency(mark: _Mark, hint: str | None) -> str | None:
    """Given a (possibly joined) mark, return its currency: an unambiguous part wins over "$" or "¥"."""
    parts = [m.group() for m in _token_pattern().finditer(mark.text)]
    certain = [normalize_currency(p) for p in parts if isinstance(_currency_index().get(_token_key(p)), str)]
    if certain:
        return certain[0]
    return normalize_currency(parts[0], hint) if parts else None


def _figures(text: str, marks: list[_Mark], hint: str | None) -> Iterator[_Figure]:
    """Given text and its marks, return the figures that may be amounts, with the marks beside them."""
    dates = [(d.start, d.end) for d in find_dates(text)]
    for match in _figure_pattern().finditer(text):
        start, end = match.span()
        number = match["num"]
        if " " in number and not _space_grouping_ok(text, number, end, marks):
            start += number.rfind(" ") + 1
            number = number[number.rfind(" ") + 1 :]
        before = next(
            (i for i, m in enumerate(marks) if m.end <= start and _PREFIX_GAP.fullmatch(text, m.end, start)), None
        )
        after = next(
            (i for i, m in enumerate(marks) if m.start >= end and _SUFFIX_GAP.fullmatch(text, end, m.start)), None
        )
        if _not_an_amount(text, start, end, before, dates):
            continue
        beside = before if before is not None else after
        currency = _mark_currency(marks[beside], hint) if beside is not None else None
        value = parse_number(number, _decimal_mark_of(currency))
        if value is None:
            continue
        scale = _scale(match["scale"])
        yield _Figure(start, end, value * scale if scale != 1 else value, before, after)


def _not_an_amount(text: str, start: int, end: int, before: int | None, dates: list[tuple[int, int]]) -> bool:
    if any(s < end and start < e for s, e in dates):
        return True
    if start and text[start - 1].isascii() and text[start - 1].isalpha() and before is None:
        return True  # glued to a word: "PO12345", "SUS304"
    return bool(_not_money_after().match(text, end))


def _space_grouping_ok(text: str, number: str, end: int, marks: list[_Mark]) -> bool:
    """Given a space-grouped figure, return True if its style confirms the grouping ("1 234,56 €")."""
    if re.search(r",(?:\d+|-+)$", number):
        return True
    suffix = next((m for m in marks if m.start >= end and _SUFFIX_GAP.fullmatch(text, end, m.start)), None)
    return suffix is not None and _decimal_mark_of(normalize_currency(suffix.text)) == ","


def _assign(
    figures: list[_Figure], marks: list[_Mark], hint: str | None, suffix_first: bool
) -> list[tuple[int | None, int | None]]:
    """Given figures and marks, return for each figure the (mark before, mark after) it takes."""
    taken: set[int] = set()
    chosen: list[tuple[int | None, int | None]] = []
    for index, figure in enumerate(figures):
        later_prefixes = {f.before for f in figures[index + 1 :] if f.before is not None}
        before = figure.before if figure.before is not None and figure.before not in taken else None
        after = figure.after if figure.after is not None and figure.after not in taken else None
        if not suffix_first and after in later_prefixes:
            after = None
        # Both sides only when they agree ("人民币 8600 元"); else the preferred side.
        both = before is not None and after is not None
        if both and _mark_currency(marks[before], hint) != _mark_currency(marks[after], hint):  # type: ignore[index]
            before, after = (None, after) if suffix_first else (before, None)
        taken.update(i for i in (before, after) if i is not None)
        chosen.append((before, after))
    return chosen


def _marked(chosen: list[tuple[int | None, int | None]]) -> int:
    return sum(1 for before, after in chosen if before is not None or after is not None)


def _figure_to_money(
    folded: str,
    text: str,
    figure: _Figure,
    used: tuple[int | None, int | None],
    marks: list[_Mark],
    hint: str | None,
    bare: bool,
) -> Money | None:
    """Given a figure and the marks it takes, return the amount it is, or None."""
    before, after = used
    start = marks[before].start if before is not None else figure.start
    end = marks[after].end if after is not None else figure.end
    if before is not None or after is not None:
        currency = _mark_currency(marks[before if before is not None else after], hint)  # type: ignore[index]
    elif bare and hint and not _bare_excluded(folded, figure.start):
        currency = hint
    else:
        return None
    start, end, negative = _sign(folded, start, end, figure)
    amount = -figure.value if negative else figure.value
    return Money(amount, currency, text[start:end], start, end)


def _sign(text: str, start: int, end: int, figure: _Figure) -> tuple[int, int, bool]:
    """Given an amount's span, return it widened to a minus sign or parentheses, and whether it is negative.

    Parentheses make an amount negative only when they hold the figure itself
    ("(1,234.00) USD", "USD (1,234.00)"); "(Rs 1939)" is an aside.
    """
    opening = re.search(r"\(\s*$", text[: figure.start])
    closing = re.match(r"\s*\)", text[figure.end :])
    if opening and closing:
        return min(start, opening.start()), max(end, figure.end + closing.end()), True
    minus = re.search(r"-\s*$", text[: figure.start])
    if minus and minus.start() >= start:
        return start, end, True  # "USD -100"
    lead = re.search(r"-\s*$", text[:start])
    if lead and not re.search(r"[0-9A-Za-z]\s*-\s*$", text[:start]):
        return lead.start(), end, True  # "-USD 100", "-100 USD"
    return start, end, False


def _bare_excluded(text: str, start: int) -> bool:
    """Given a bare figure's start, return True if a label or a phone prefix ("+86 ") says it is not an amount."""
    return bool(_bare_label_pattern().search(text, 0, start))


@lru_cache(maxsize=1)
def _bare_label_pattern() -> re.Pattern[str]:
    labels = phrase_alternation(load_data("currencies")["bare_not_after"]["labels"])
    return re.compile(rf"(?:\+[\d\s()-]*|(?i:{labels})\s*[:.#]?)\s*$")


def _scale(word: str | None) -> Decimal:
    if not word:
        return Decimal(1)
    scales = load_data("currencies")["scales"]
    key = word.strip().lower()
    for group in ("spaced", "attached", "chinese"):
        if key in scales[group]:
            return Decimal(scales[group][key])
    return Decimal(1)


def _decimal_mark_of(currency: str | None) -> str | None:
    if currency is None:
        return None
    entry = load_data("currencies")["currencies"].get(currency)
    return entry["decimal_mark"] if entry else None


# ---------------------------------------------------------------- patterns


@lru_cache(maxsize=1)
def _currency_index() -> dict[str, Any]:
    """Return lower-case mark -> ISO code, or -> the ambiguous entry for shared marks."""
    data = load_data("currencies")
    index: dict[str, Any] = {}
    for code, entry in data["currencies"].items():
        for token in [code, *entry["codes"], *entry["symbols"], *entry["names"]["en"], *entry["names"]["zh"]]:
            index[_token_key(token)] = code
    for token, entry in data["ambiguous"].items():
        if not token.startswith("_"):
            index[_token_key(token)] = entry
    return index


def _token_key(token: str) -> str:
    return re.sub(r"\s+", " ", fold_width(token).strip().lower())


@lru_cache(maxsize=1)
def _token_pattern() -> re.Pattern[str]:
    data = load_data("currencies")
    parts: list[tuple[str, str]] = []
    for entry in data["currencies"].values():
        for code in entry["codes"]:
            cases = [code, code.lower()] if entry.get("lowercase", True) else [code]
            parts += [(case, rf"(?<![A-Za-z]){case}(?![A-Za-z])") for case in cases]
        parts += [(symbol, _exact(symbol)) for symbol in entry["symbols"]]
        parts += [(name, _named(name)) for name in entry["names"]["en"] + entry["names"]["zh"]]
    parts += [(token, _named(token)) for token in data["ambiguous"] if not token.startswith("_")]
    parts.sort(key=lambda part: len(part[0]), reverse=True)
    return re.compile("|".join(regex for _, regex in parts))


def _exact(symbol: str) -> str:
    head = r"(?<![A-Za-z])" if symbol[0].isascii() and symbol[0].isalpha() else ""
    tail = r"(?![A-Za-z])" if symbol[-1].isascii() and symbol[-1].isalpha() else ""
    return head + re.escape(symbol) + tail


def _named(name: str) -> str:
    body = r"\s+".join(re.escape(word) for word in name.split())
    if not name.isascii():
        return body
    head = r"(?<![A-Za-z])" if name[0].isalpha() else ""
    tail = r"(?![A-Za-z])" if name[-1].isalpha() else ""
    return f"{head}(?i:{body}){tail}"


@lru_cache(maxsize=1)
def _figure_pattern() -> re.Pattern[str]:
    scales = load_data("currencies")["scales"]
    spaced = phrase_alternation(k for k in scales["spaced"] if not k.startswith("_"))
    attached = literal_alternation(scales["attached"])
    chinese = literal_alternation(scales["chinese"])
    scale = rf"(?P<scale>\s+(?i:{spaced})|(?i:{attached})(?![A-Za-z])|\s*(?:{chinese}))"
    return re.compile(
        rf"(?<![0-9.,'])(?<![0-9][-/~])(?P<num>{NUMBER}(?:[.,]-{{1,2}})?)(?![0-9]|[.,'][0-9]|[-/:~][0-9])"
        rf"{scale}?"
    )


@lru_cache(maxsize=1)
def _not_money_after() -> re.Pattern[str]:
    """Return the pattern of what, right after a figure, makes it a percentage or a quantity."""
    return re.compile(rf"\s*(?:%|(?i:percent|per\s+cent)(?![A-Za-z])|{unit_alternation(QUANTITY_KINDS)})")


# ---------------------------------------------------------------- amounts in words

_CN_AMOUNT = re.compile(
    r"(?P<yuan>[零壹贰叁肆伍陆柒捌玖拾佰仟万亿一二三四五六七八九十百千两〇]+)(?:美|港|日|澳|加|欧|新台币|新加坡)?[元圆]"
    r"(?:(?P<jiao>[零壹贰叁肆伍陆柒捌玖一二三四五六七八九])角)?"
    r"(?:零?(?P<fen>[壹贰叁肆伍陆柒捌玖一二三四五六七八九])分)?"
)


def _chinese_amount(text: str) -> Decimal | None:
    match = _CN_AMOUNT.search(text)
    if match is None:
        return None
    yuan = cjk_to_int(match["yuan"])
    if yuan is None:
        return None
    jiao = cjk_to_int(match["jiao"]) if match["jiao"] else 0
    fen = cjk_to_int(match["fen"]) if match["fen"] else 0
    return Decimal(yuan) + Decimal(jiao or 0) / 10 + Decimal(fen or 0) / 100


def _english_amount(text: str) -> Decimal | None:
    words_data = load_data("currencies")["words"]
    lowered = text.lower().replace("-", " ")
    fraction = re.search(r"\b(\d{1,2})\s*/\s*100\b", lowered)
    tokens = re.findall(r"[a-z]+", lowered)
    if not any(t in words_data["units"] for t in tokens):
        return None
    whole_words, cent_words, point_words = _split_words(tokens, words_data)
    whole = _words_to_int(whole_words, words_data)
    if whole is None:
        return None
    value = Decimal(whole)
    if point_words:
        digits = "".join(str(words_data["units"][w]) for w in point_words if words_data["units"].get(w, 99) < 10)
        value += Decimal(f"0.{digits}") if digits else 0
    elif cent_words:
        value += Decimal(_words_to_int(cent_words, words_data) or 0) / 100
    elif fraction:
        value += Decimal(fraction.group(1)) / 100
    return value


def _split_words(tokens: list[str], data: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """Given lower-case words, return (whole-part words, cents words, words after "point")."""
    numeric = set(data["units"]) | set(data["scales"]) | {"and"}
    if any(t in data["point"] for t in tokens):
        at = next(i for i, t in enumerate(tokens) if t in data["point"])
        return tokens[:at], [], [t for t in tokens[at + 1 :] if t in data["units"]]
    if any(t in data["cents"] for t in tokens):
        at = next(i for i, t in enumerate(tokens) if t in data["cents"])
        after = _leading(tokens[at + 1 :], numeric)
        if any(t in data["units"] for t in after):
            return tokens[:at], after, []
        before = tokens[:at]
        split = max((i for i, t in enumerate(before) if t == "and"), default=len(before))
        return before[:split], before[split + 1 :], []
    return tokens, [], []


def _leading(tokens: list[str], allowed: set[str]) -> list[str]:
    out = []
    for token in tokens:
        if token not in allowed:
            break
        out.append(token)
    return out


def _words_to_int(tokens: list[str], data: dict[str, Any]) -> int | None:
    total = current = 0
    seen = False
    for token in tokens:
        if token in data["units"]:
            current += data["units"][token]
            seen = True
        elif token == "hundred":
            current = (current or 1) * 100
            seen = True
        elif token in data["scales"]:
            total += (current or 1) * data["scales"][token]
            current, seen = 0, True
    return total + current if seen else None


# ---------------------------------------------------------------- money in a value


def amount_in(text: str, hint: str | None = None) -> Money | None:
    """Given a value, return its largest amount of money (totals often follow subtotals)."""
    amounts = find_amounts(text, hint, bare=hint is not None)
    return max(amounts, key=lambda m: m.amount) if amounts else None


def currency_in(text: str) -> str | None:
    """Given a value ('USD', 'US$ 4.85', '人民币', 'FCFA'), return the first currency it names as an ISO code."""
    # The marks of data/currencies.json first, so a mark longer or shorter than three letters
    # ("FCFA", "Rs.", "₹") is read whole; then any three-letter run that is a code ("USDOLLAR").
    for mark in _marks(fold_width(text)):
        code = _mark_currency(mark, None)
        if code:
            return code
    for token in re.findall(r"[A-Za-z]{3}|[$€£¥￥]|US\$|RMB|人民币|美元", text):
        code = normalize_currency(token)
        if code:
            return code
    return None
