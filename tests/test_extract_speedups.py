"""The memo and anchor helpers that speed extraction up must not change what finders return."""

from evidence.phrases import PhraseList, memoized_list


def test_memoized_list_runs_once_per_argument_and_hands_out_copies():
    calls = []

    @memoized_list
    def words(text: str) -> list[str]:
        calls.append(text)
        return text.split()

    first = words("a b")
    first.append("changed")
    assert words("a b") == ["a", "b"]
    assert words("c") == ["c"]
    assert calls == ["a b", "c"]
    words.cache_clear()
    words("a b")
    assert calls == ["a b", "c", "a b"]


def test_phrase_list_finds_longest_first_without_overlaps():
    phrases = PhraseList([("number", "invoice number"), ("date", "date of issue"), ("date", "invoice date"),
                          ("number", "发票号"), ("generic", "invoice")])
    found = phrases.find("Invoice Date: 5 May, invoice no. 12")
    assert [(m.tag, m.text, m.start) for m in found] == [("date", "Invoice Date", 0), ("generic", "invoice", 21)]
    assert [m.tag for m in phrases.find("发票号: 12")] == ["number"]
    assert phrases.find("total") == []


def test_phrase_list_keep_vetoes_an_occurrence_by_its_span():
    phrases = PhraseList([("date", "invoice date"), ("generic", "invoice")])
    text = "invoice: 12, invoice date 5 May"
    assert [(m.tag, m.start) for m in phrases.find(text)] == [("date", 13), ("generic", 0)]
    before_colon = phrases.find(text, keep=lambda text, start, end: text[end:end + 1] == ":")
    assert [(m.tag, m.start) for m in before_colon] == [("generic", 0)]


def _variants(phrase: str) -> list[str]:
    """A phrase as a document may write it: in a sentence, in capitals, hyphenated, with a long s."""
    return [f"The goods are {phrase}.", phrase.upper(), phrase.replace(" ", "-").title(), phrase.replace("s", "\u017f"),
            f"x{phrase}y"]


def test_subjective_phrases_found_by_anchor_are_those_every_pattern_finds(monkeypatch):
    from evidence.normalize import specs
    from evidence.reference_data import load_data

    entries = load_data("subjective_phrases")["phrases"]
    texts = [variant for entry in entries for variant in _variants(entry["phrase"])]
    by_anchor = [specs.find_phrases.__wrapped__(text) for text in texts]
    # Without anchors every entry's pattern is tried on every text, as before the anchors.
    monkeypatch.setattr(specs, "_phrase_entries", lambda: [(entry, None) for entry in entries])
    assert sum(map(len, by_anchor)) > len(entries)
    assert by_anchor == [specs.find_phrases.__wrapped__(text) for text in texts]


def test_out_of_scope_complaints_found_by_anchor_are_those_every_pattern_finds():
    from evidence.normalize.complaints import MEASURED, complaint_out_of_scope
    from evidence.phrases import phrase_to_pattern
    from evidence.reference_data import load_data

    data = load_data("out_of_scope.json")

    def first(phrases: list[str], text: str) -> str | None:
        return next((m.group(0) for p in phrases if (m := phrase_to_pattern(p).search(text))), None)

    def by_every_pattern(text: str) -> tuple[str, str] | None:
        for kind in ("ip", "approved-sample"):
            if found := first(data["phrases"].get(kind, []), text):
                return kind, found
        if MEASURED.search(text) or first(data["objective_cues"], text):
            return None
        found = first(data["phrases"].get("subjective", []), text)
        return ("subjective", found) if found else None

    phrases = [p for listed in [*data["phrases"].values(), data["objective_cues"]] for p in listed]
    texts = [variant for phrase in phrases for variant in _variants(phrase)]
    assert any(by_every_pattern(text) for text in texts)
    for text in texts:
        assert complaint_out_of_scope(text) == by_every_pattern(text), text
