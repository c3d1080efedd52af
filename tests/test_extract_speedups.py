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
