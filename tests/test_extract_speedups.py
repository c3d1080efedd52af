"""The memo and anchor helpers that speed extraction up must not change what finders return."""

from evidence.phrases import anchor_positions, memoized_list, phrase_anchor, positions_present


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


def test_positions_present_keeps_list_order_and_tests_each_anchor_once():
    phrases = ["invoice number", "date of issue", "invoice date", "发票号"]
    anchors = anchor_positions([phrase_anchor(p) for p in phrases])
    assert anchors == {"invoice": (0, 2), "date": (1,), "发票号": (3,)}
    assert positions_present(anchors, "invoice date: 5 may") == [0, 1, 2]
    assert positions_present(anchors, "发票号: 12") == [3]
    assert positions_present(anchors, "total") == []
