"""Dates and lead times as suppliers and inspection companies write them."""

from __future__ import annotations

from datetime import date

import pytest

from evidence.normalize.dates import DateMatch, document_order, find_dates, find_lead_time, parse_date, resolve

SEP5 = date(2026, 9, 5)


def only(text: str, order: str | None = None) -> DateMatch:
    found = find_dates(text, order)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- forms read without doubt


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("2026-09-05", "ymd"),
        ("2026/9/5", "ymd"),
        ("2026.09.05", "ymd"),
        ("2026-09-05T10:15:00", "ymd"),
        ("2026年9月5日", "ymd"),
        ("2026 年 9 月 5 日", "ymd"),
        ("２０２６年９月５日", "ymd"),
        ("２０２６－０９－０５", "ymd"),
        ("2026年09月05号", "ymd"),
        ("二〇二六年九月五日", "ymd"),
        ("5 Sep 2026", None),
        ("5th September, 2026", None),
        ("the 5th of September 2026", None),
        ("Sept. 5th, 2026", None),
        ("September 5, 2026", None),
        ("SEPTEMBER 5 2026", None),
        ("Sep-05-2026", None),
        ("05-Sep-26", None),
        ("05-SEP-2026", None),
        ("5.Sep.2026", None),
        ("2026-Sep-05", None),
    ],
)
def test_unambiguous_forms(text: str, order: str | None) -> None:
    found = only(text)
    assert (found.value, found.ambiguous, found.order) == (SEP5, False, order)
    assert found.text.strip() in text


@pytest.mark.parametrize(
    ("text", "expected", "order"),
    [
        ("25/09/2026", date(2026, 9, 25), "dmy"),
        ("09/25/2026", date(2026, 9, 25), "mdy"),
        ("25.09.26", date(2026, 9, 25), "dmy"),
        ("13-01-2027", date(2027, 1, 13), "dmy"),
        ("12/31/2026", date(2026, 12, 31), "mdy"),
    ],
)
def test_a_field_above_twelve_settles_the_order(text: str, expected: date, order: str) -> None:
    found = only(text)
    assert (found.value, found.ambiguous, found.order) == (expected, False, order)
    # A document order that says otherwise cannot turn an impossible reading into a date.
    other = "mdy" if order == "dmy" else "dmy"
    assert only(text, other).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TOTAL AMOUNT DUE ON August 3 , 2014", [date(2014, 8, 3)]),
        ("billing period July 1 - July 31 , 2014", [date(2014, 7, 31)]),  # not 1 July 2031
        ("ETD: 2026.9.5-2026.9.10", [date(2026, 9, 5), date(2026, 9, 10)]),
        ("2026/09/05~2026/09/30", [date(2026, 9, 5), date(2026, 9, 30)]),
        ("2026年9月5日至2026年10月5日", [date(2026, 9, 5), date(2026, 10, 5)]),
        ("Sat, 05 Sep 2026 10:15:00 +0800", [SEP5]),
        ("Dated the 5th day of September, 2026", [SEP5]),
        ("OYO 4189 Resort, 31/12/2017 01/01/2018 1", [date(2017, 12, 31), date(2018, 1, 1)]),
        ("Zahlungsziel 21.05.14", [date(2014, 5, 21)]),
    ],
)
def test_dates_in_running_text(text: str, expected: list[date]) -> None:
    assert [m.value for m in find_dates(text)] == expected


def test_positions_are_offsets_in_the_original_text() -> None:
    text = "Invoice date：２０２６年９月５日, ETD Sept. 30, 2026"
    found = find_dates(text)
    assert [f.value for f in found] == [SEP5, date(2026, 9, 30)]
    assert [text[f.start : f.end] for f in found] == ["２０２６年９月５日", "Sept. 30, 2026"]


# ---------------------------------------------------------------- day/month ambiguity


@pytest.mark.parametrize("text", ["05/09/2026", "5-9-2026", "05.09.2026", "05/09/26"])
def test_ambiguous_without_order_is_flagged_and_read_day_first(text: str) -> None:
    found = only(text)
    assert found.ambiguous is True
    assert (found.value, found.order) == (SEP5, "dmy")


@pytest.mark.parametrize(
    ("order", "expected"),
    [("dmy", date(2026, 9, 5)), ("mdy", date(2026, 5, 9))],
)
def test_ambiguous_with_order(order: str, expected: date) -> None:
    found = only("Date: 05/09/2026", order)
    assert (found.value, found.ambiguous, found.order) == (expected, False, order)


def test_same_day_either_way_is_not_ambiguous() -> None:
    found = only("05/05/2026")
    assert (found.value, found.ambiguous, found.order) == (date(2026, 5, 5), False, None)


def test_parse_date_never_guesses() -> None:
    assert parse_date("05/09/2026") is None
    assert parse_date("05/09/2026", "mdy") == date(2026, 5, 9)
    assert parse_date("05/09/2026", "dmy") == SEP5


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Date: 25/08/2026", "Ship by 05/09/2026"], "dmy"),
        (["Date: 08/25/2026", "Ship by 09/05/2026"], "mdy"),
        (["Date: 25/08/2026", "Paid 08/26/2026"], None),  # contradicts itself
        (["Date: 05/09/2026", "2026-09-25", "5 Sep 2026"], None),  # no numeric evidence
        ([], None),
    ],
)
def test_document_order(texts: list[str], expected: str | None) -> None:
    assert document_order(texts) == expected


def test_resolve_rereads_only_ambiguous_matches() -> None:
    found = find_dates("PI date 05/09/2026, deposit 25/09/2026, ETD 2026-10-01")
    resolved = resolve(found, "mdy")
    assert [m.value for m in resolved] == [date(2026, 5, 9), date(2026, 9, 25), date(2026, 10, 1)]
    assert not any(m.ambiguous for m in resolved)
    assert resolve(found, None) == found


def test_bad_order_is_a_usage_error() -> None:
    with pytest.raises(ValueError):
        find_dates("05/09/2026", "ydm")


# ---------------------------------------------------------------- not dates


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2026",
        "2026-02-30",
        "30/13/2026",
        "2026年2月30日",
        "31 Sept 2026",
        "Version 1.2.26",
        "firmware v1.05.09.2026",
        "PI-2026-09-05",
        "Order 2026-09-05-001",
        "Tel: 0755-2345-6789",
        "+86 138 1234 5678",
        "Total USD 1,234.56",
        "Meeting 10:15",
        "20260905",
        "Sep 2026",
        "Sep 5, 26 pcs",
        "5 Sep",
        "HS 8418.10.00",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20260905", SEP5),
        (" 2026-09-05 00:00:00 ", SEP5),
        ("5 Sep 2026", SEP5),
        ("2026年9月5日", SEP5),
        ("20261305", None),
        ("n/a", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


# ---------------------------------------------------------------- lead times


@pytest.mark.parametrize(
    ("text", "days", "kind", "anchor", "vague", "low"),
    [
        ("within 35 days after deposit", 35, "calendar", "deposit", False, None),
        ("35 days after receipt of 30% deposit", 35, "calendar", "deposit", False, None),
        ("Delivery time: 30-35 working days after payment", 35, "working", "payment", False, 30),
        ("Lead time: 30 ~ 35 business days upon receipt of payment", 35, "working", "receipt_of_payment", False, 30),
        ("Delivery: 30 days after receipt of payment", 30, "calendar", "receipt_of_payment", False, None),
        ("Shipment within 2 months after order confirmation", 60, "calendar", "order", False, None),
        ("Production: 25 days after PP sample approval", 25, "calendar", "sample_approval", False, None),
        ("Ship within 10 days after receiving the balance payment", 10, "calendar", "balance", False, None),
        ("Delivery within 45 calendar days from contract signing", 45, "calendar", "contract", False, None),
        ("Delivery: 35 days, after receipt of deposit", 35, "calendar", "deposit", False, None),
        ("lead time 25 days", 25, "calendar", "unknown", False, None),
        ("Delivery: 4 weeks", 28, "calendar", "unknown", False, None),
        ("交货期：收到定金后35天", 35, "calendar", "deposit", False, None),
        ("30天内交货", 30, "calendar", "unknown", False, None),
        ("合同签订之日起30个工作日内交货", 30, "working", "contract", False, None),
        ("下单后三十五天发货", 35, "calendar", "order", False, None),
        ("交期：１个月", 30, "calendar", "unknown", False, None),
        ("交货期：付款后25-30个工作日", 30, "working", "payment", False, 25),
        ("交货时间：收到30%定金后30天内", 30, "calendar", "deposit", False, None),
        ("生产周期：确认样品后20天", 20, "calendar", "sample_approval", False, None),
        ("Delivery: 20 days after the PP sample is confirmed", 20, "calendar", "sample_approval", False, None),
        (
            "Lead Time: 15 working days for samples, 30-35 days for mass production",
            35,
            "calendar",
            "unknown",
            False,
            30,
        ),
        ("Sample lead time 7 days; mass production 30 days after deposit", 30, "calendar", "deposit", False, None),
        ("about 30 days", 30, "calendar", "unknown", True, None),
        ("around 4 weeks after deposit", 28, "calendar", "deposit", True, None),
        ("Delivery: approx. 20-25 days", 25, "calendar", "unknown", True, 20),
        ("交货期：30天左右", 30, "calendar", "unknown", True, None),
        ("约30天交货", 30, "calendar", "unknown", True, None),
        (
            "Payment: 30% deposit, balance before shipment. Delivery: 35 days after deposit",
            35,
            "calendar",
            "deposit",
            False,
            None,
        ),
        (
            "30% deposit, 70% balance within 7 days after B/L copy; delivery 40 days after deposit",
            40,
            "calendar",
            "deposit",
            False,
            None,
        ),
    ],
)
def test_lead_time(text: str, days: int, kind: str, anchor: str, vague: bool, low: int | None) -> None:
    found = find_lead_time(text)
    assert found is not None
    assert (found.days, found.kind, found.anchor, found.vague, found.low) == (days, kind, anchor, vague, low)
    assert found.text in text


@pytest.mark.parametrize(
    "text", ["Delivery: ASAP", "Shipment: as soon as possible", "尽快发货", "交货期：待定", "Delivery date: TBD"]
)
def test_vague_lead_time_without_a_figure(text: str) -> None:
    found = find_lead_time(text)
    assert found is not None
    assert (found.days, found.vague) == (None, True)


@pytest.mark.parametrize(
    "text",
    [
        "Please reply ASAP",
        "Balance within 7 days after B/L copy",
        "Payment: T/T 30 days after invoice",
        "Quotation valid for 30 days",
        "Warranty: 12 months",
        "质保期：12个月",
        "9月5日交货",
        "Delivery date: 2026-09-05",
        "Deposit 30%",
        "Sample lead time: 7 days",
        "交货日期：2026年10月10日前",
        "",
    ],
)
def test_not_lead_times(text: str) -> None:
    assert find_lead_time(text) is None


# ---------------------------------------------------------------- a document's day/month order


def test_an_unambiguous_date_settles_the_order() -> None:
    from evidence.normalize.date_order import decide_date_order

    assert decide_date_order(["Invoice date 04/08/2026", "Due 25/08/2026"]) == ("dmy", False)


def test_a_month_name_beside_the_same_date_settles_the_order() -> None:
    from evidence.normalize.date_order import decide_date_order

    assert decide_date_order(["Date: 11/05/2026", "Shipped Nov 5, 2026"]) == ("mdy", False)


def test_where_the_document_comes_from_is_a_guess() -> None:
    from evidence.normalize.date_order import decide_date_order

    assert decide_date_order(["Dover, DE 19901, USA", "Date: 04/08/2026"]) == ("mdy", True)
    # A German postcode is not a US state and ZIP code.
    assert decide_date_order(["DE 99199 Erfurt", "Date: 04/08/2026"]) == ("dmy", True)


#: Every origin cue of document_hints.json, each at least once, some side by side.
ORIGIN_CUES_TEXT = {
    "mdy": "Dover, DE 19901, USA. U.S.A. United States USDOT 123456; 9:00 EST/PDT, GMT-5 and UTC-04:00. "
           "Manila, Philippines. Austin, TX 78701-1234",
    "dmy": "Sydney, Australia (AEST, AEDT); New Zealand; United Kingdom, U.K., England, Ireland, Hong Kong, "
           "Singapore, Malaysia, India, Pakistan, South Africa, Nigeria, Kenya, UAE, Dubai, Saudi Arabia, "
           "Germany, France, Italy, Spain, Netherlands, Belgium, Poland, Brazil, Mexico, Chile, Argentina; "
           "GMT+8, UTC+1, BST, CET, CEST; IBAN, BSB, ABN, VAT",
}


@pytest.mark.parametrize("order", ["mdy", "dmy"])
def test_one_scan_counts_each_origin_cue_as_a_scan_of_its_own_does(order: str) -> None:
    import re

    from evidence.normalize.date_order import _origin_cues
    from evidence.reference_data import load_data

    cues = load_data("document_hints.json")["date_order_cues"][order]
    text = ORIGIN_CUES_TEXT[order]
    alone = [len(re.findall(cue, text)) for cue in cues]
    assert all(alone), [cue for cue, n in zip(cues, alone) if not n]  # the text holds every cue
    assert len(_origin_cues(order).findall(text)) == sum(alone)


def test_no_order_is_needed_without_an_ambiguous_date() -> None:
    from evidence.normalize.date_order import decide_date_order

    assert decide_date_order(["Date: 2026-08-04"]) == (None, False)


def test_month_names_of_other_languages_read_as_english() -> None:
    from evidence.normalize.dates import english_months

    assert english_months("7. Mai 2014") == "7. May 2014"
    assert english_months("Maison") == "Maison"  # only whole words
