"""The phrase compiler: how each option forgives spacing, case, edges and order."""

from __future__ import annotations

import json
import re

from evidence.phrases import (
    PhraseList,
    alternation,
    compile_cues,
    compile_phrases,
    cue_regex,
    find_named,
    literal_alternation,
    marker_alternation,
    phrase_alternation,
    phrase_regex,
    phrase_to_pattern,
    phrases_pattern,
)


def _found(regex: str, text: str, flags: int = re.IGNORECASE) -> str | None:
    match = re.search(regex, text, flags)
    return match.group(0) if match else None


# ---------------------------------------------------------------- spacing


def test_layout_gap_forgives_blanks_hyphens_dots_and_nothing() -> None:
    pattern = phrase_to_pattern("pro forma invoice")
    for text in ("PRO-FORMA  INVOICE", "PROFORMA INVOICE", "Pro.Forma Invoice"):
        assert pattern.search(text) is not None, text


def test_layout_gap_lets_a_final_dot_go() -> None:
    assert _found(phrase_regex("invoice no.", "layout"), "Invoice No 12") == "Invoice No"
    assert _found(phrase_regex("invoice no.", "layout"), "Invoice No. 12") == "Invoice No."


def test_hyphen_gap_needs_a_blank_or_hyphen() -> None:
    regex = phrase_regex("high quality", "hyphen", "word")
    assert _found(regex, "a high-quality cup") == "high-quality"
    assert _found(regex, "highquality") is None


def test_blank_gap_takes_blanks_only() -> None:
    regex = phrase_regex("new account", "blank", "word")
    assert _found(regex, "our new \t account") == "new \t account"
    assert _found(regex, "new-account") is None


def test_any_blank_gap_takes_no_blank_too() -> None:
    regex = phrase_regex("a. m.", "any_blank", "none")
    assert _found(regex, "10:15 a.m.") == "a.m."
    assert _found(regex, "10:15 a.\u202fm.") == "a.\u202fm."


def test_exact_gap_takes_the_phrase_as_written() -> None:
    regex = phrase_regex("sales manager", "exact", "none")
    assert _found(regex, "Sales Manager") == "Sales Manager"
    assert _found(regex, "Sales  Manager") is None


# ---------------------------------------------------------------- case


def test_compiled_patterns_ignore_case() -> None:
    assert compile_phrases(("lead time",)).search("LEAD TIME") is not None
    assert phrase_to_pattern("invoice").search("INVOICE") is not None


def test_acronyms_match_only_as_written() -> None:
    pattern = phrases_pattern(("Ocean Network Express",), ("ONE",))
    assert pattern is not None
    assert pattern.search("carrier: ONE") is not None
    assert pattern.search("one original bill of lading") is None
    assert pattern.search("ocean network express") is not None


def test_a_short_name_is_found_only_through_its_acronyms() -> None:
    entries = [{"name": "ONE", "acronyms": ["ONE"]}, {"name": "Maersk Line", "aliases": ["Maersk"]}]
    assert [n.name for n in find_named("One original via maersk", entries)] == ["Maersk Line"]
    assert [n.name for n in find_named("ONE / MAERSK", entries)] == ["ONE", "Maersk Line"]


# ---------------------------------------------------------------- edges


def test_always_edges_keep_latin_phrases_whole() -> None:
    assert phrase_to_pattern("pi").search("shipping") is None
    assert phrase_to_pattern("pi").search("PI: 7") is not None


def test_always_edges_hold_even_at_a_symbol() -> None:
    assert _found(phrase_regex("p/o #", "layout", "always"), "p/o #x") is None
    assert _found(phrase_regex("p/o #", "layout", "word"), "p/o #x") == "p/o #"


def test_word_edges_only_where_the_phrase_ends_in_a_letter_or_digit() -> None:
    regex = phrase_alternation(["no."])
    assert _found(regex, "no.123") == "no."
    assert _found(regex, "piano.") is None


def test_no_edges_for_markers() -> None:
    assert _found(marker_alternation(["am", "pm"]), "10:15am") == "am"


def test_chinese_phrases_have_no_word_edges() -> None:
    assert _found(phrase_regex("发票", "layout", "always"), "形式发票号") == "发票"
    assert _found(phrase_alternation(["交货期"]), "预计交货期30天") == "交货期"


# ---------------------------------------------------------------- order


def test_alternation_puts_the_longest_phrase_first() -> None:
    regex = alternation(["invoice", "invoice date"], "hyphen", "none")
    assert _found(regex, "invoice date: 1 May") == "invoice date"


def test_literal_alternation_puts_the_longest_word_first() -> None:
    assert _found(literal_alternation(["Sep", "Sept"]), "Sept 5") == "Sept"


def test_alternation_can_keep_the_given_order() -> None:
    regex = alternation(["invoice", "invoice date"], "hyphen", "none", longest_first=False)
    assert _found(regex, "invoice date") == "invoice"


def test_cues_keep_their_order() -> None:
    pattern = compile_cues(["ok", "ok thanks"])
    assert pattern is not None
    assert pattern.search("ok thanks").group(0) == "ok"


# ---------------------------------------------------------------- cue syntax


def test_cue_wildcard_takes_any_ending() -> None:
    assert _found(cue_regex("crack*"), "two cracked cups") == "cracked"
    assert _found(phrase_regex("crack*", "blank", "word"), "cracked") is None


def test_cue_raw_regex_is_used_as_is() -> None:
    assert cue_regex(r"re:\bpi\s*\d+") == r"\bpi\s*\d+"


def test_no_cues_compile_to_none() -> None:
    assert compile_cues(None) is None
    assert compile_cues({"_about": ["note"]}) is None
    assert phrases_pattern(()) is None


def test_a_phrase_list_finds_a_phrase_written_with_a_letter_the_pattern_takes_for_another() -> None:
    # Case-blind patterns take the long s for an s; the anchor test must not skip such a line.
    found = PhraseList([("shipper", "shipper")]).find("ſhipper: ACME Trading")
    assert [(m.tag, m.start, m.end) for m in found] == [("shipper", 0, 7)]


# ---------------------------------------------------------------- shared edges


def _data_phrase_lists() -> list[tuple[str, ...]]:
    """Every list of phrases in the shipped data files (labels, titles, terms, units, names...), one tuple each."""
    from importlib import resources

    found: list[tuple[str, ...]] = []

    def walk(value: object) -> None:
        if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
            found.append(tuple(item for item in value if item.strip() and not item.startswith("re:")))
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for entry in sorted(resources.files("evidence.data").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            walk(json.loads(entry.read_text(encoding="utf-8")))
    return [phrases for phrases in found if phrases]


def _variants(phrase: str) -> list[str]:
    """Ways a text holds a phrase: as written, shouting, hyphenated, glued to words, digits or case twins."""
    return [phrase, phrase.upper(), phrase.replace(" ", "-"), f"x{phrase}", f"{phrase}1", f"1{phrase}y",
            f"\u017f{phrase}", f"{phrase}\u0131", f"({phrase}).", f"no. {phrase}: 12"]


def test_alternatives_sharing_their_edges_match_as_each_with_its_own_edges() -> None:
    # Hoisting the word edges out of neighbouring alternatives ('E(?:a|b)F' for 'EaF|EbF') must find the
    # same spans in every text: checked on every phrase list shipped, in texts built from its own phrases.
    lists = _data_phrase_lists()
    assert len(lists) > 50
    for phrases in lists:
        ordered = sorted(dict.fromkeys(phrases), key=len, reverse=True)
        separate = re.compile("|".join(f"(?:{phrase_regex(p)})" for p in ordered), re.IGNORECASE)
        separate_words = re.compile("(?:" + "|".join(phrase_regex(p, "hyphen", "word") for p in ordered) + ")",
                                    re.IGNORECASE)
        shared = phrases_pattern(tuple(phrases))
        shared_words = compile_phrases(tuple(phrases))
        texts = [variant for phrase in ordered[:60] for variant in _variants(phrase)]
        texts.append(" / ".join(ordered[:60]))
        for text in texts:
            assert [m.span() for m in shared.finditer(text)] == [m.span() for m in separate.finditer(text)], text
            assert [m.span() for m in shared_words.finditer(text)] == [
                m.span() for m in separate_words.finditer(text)], text
