"""Amounts, currencies and separators as PIs, contracts and bank slips write them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from evidence.normalize import parse_number
from evidence.normalize.money import amount_in_words, find_amounts, normalize_currency, parse_amount


def amounts(text: str, **options: object) -> list[tuple[Decimal, str | None, str]]:
    return [(m.amount, m.currency, m.text) for m in find_amounts(text, **options)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "amount", "currency", "written"),
    [
        ("Total: US$12,345.00", "12345.00", "USD", "US$12,345.00"),
        ("USD 12345", "12345", "USD", "USD 12345"),
        ("12,345.00 USD", "12345.00", "USD", "12,345.00 USD"),
        ("$ 1,234.5", "1234.5", "USD", "$ 1,234.5"),
        ("Amount: usd 980", "980", "USD", "usd 980"),
        ("ＵＳＤ １２，３４５．００", "12345.00", "USD", "ＵＳＤ １２，３４５．００"),
        ("¥8,600.00", "8600.00", "CNY", "¥8,600.00"),
        ("￥8600", "8600", "CNY", "￥8600"),
        ("RMB 8600", "8600", "CNY", "RMB 8600"),
        ("CNY8,600", "8600", "CNY", "CNY8,600"),
        ("RMB¥8,600.00", "8600.00", "CNY", "RMB¥8,600.00"),
        ("合计：人民币 8600 元", "8600", "CNY", "人民币 8600 元"),
        ("总价8600元", "8600", "CNY", "8600元"),
        ("共计8.6万元", "86000", "CNY", "8.6万元"),
        ("总额：美元12,345.00", "12345.00", "USD", "美元12,345.00"),
        ("EUR 1.234,56", "1234.56", "EUR", "EUR 1.234,56"),
        ("1 234,56 €", "1234.56", "EUR", "1 234,56 €"),
        ("€1.234", "1234", "EUR", "€1.234"),
        ("1.234 €", "1234", "EUR", "1.234 €"),
        ("$1.234", "1.234", "USD", "$1.234"),
        ("1.234,- EUR", "1234", "EUR", "1.234,- EUR"),
        ("Summe: 12.345,00 €", "12345.00", "EUR", "12.345,00 €"),
        ("£2,500.00", "2500.00", "GBP", "£2,500.00"),
        ("HK$ 3,000", "3000", "HKD", "HK$ 3,000"),
        ("A$1,200", "1200", "AUD", "A$1,200"),
        ("CHF 1'234.50", "1234.50", "CHF", "CHF 1'234.50"),
        ("₹1,23,456.00", "123456.00", "INR", "₹1,23,456.00"),
        ("Rs. 4,500", "4500", "INR", "Rs. 4,500"),
        ("1.234,56 zł", "1234.56", "PLN", "1.234,56 zł"),
        ("₩1,500,000", "1500000", "KRW", "₩1,500,000"),
        ("AED 3,675", "3675", "AED", "AED 3,675"),
        ("USD 1.2 million", "1200000", "USD", "USD 1.2 million"),
        ("USD 3k", "3000", "USD", "USD 3k"),
        ("500 US dollars", "500", "USD", "500 US dollars"),
        ("(1,234.00) USD", "-1234.00", "USD", "(1,234.00) USD"),
        ("Credit note USD (1,234.00)", "-1234.00", "USD", "USD (1,234.00)"),
        ("Discount: -USD 100", "-100", "USD", "-USD 100"),
        ("Refund USD -250.50", "-250.50", "USD", "USD -250.50"),
    ],
)
def test_one_amount(text: str, amount: str, currency: str, written: str) -> None:
    assert amounts(text) == [(Decimal(amount), currency, written)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5,000 pcs x US$2.50 = US$12,500.00", [("2.50", "USD"), ("12500.00", "USD")]),
        ("Qty 5,000 USD 12,500.00", [("12500.00", "USD")]),  # the mark belongs to the figure after it
        ("Total: 12,345.00 USD 5,000 pcs", [("12345.00", "USD")]),
        ("单价：¥12.5/个，总价：¥62,500.00", [("12.5", "CNY"), ("62500.00", "CNY")]),
        ("Deposit 30% USD 3,780.00 paid on 05/09/2026", [("3780.00", "USD")]),
        ("Item 3 120.00 USD", [("120.00", "USD")]),  # a space-grouped figure needs a euro-style amount
        # A line that writes marks after figures keeps them there.
        ("Justificatif PDF 1 0,75 € 0,75 €", [("0.75", "EUR"), ("0.75", "EUR")]),
        ("Papier 0 3,50 € 0 €", [("3.50", "EUR"), ("0", "EUR")]),
        ("iPad Air 1 € 399,00 21% € 399,00", [("399.00", "EUR"), ("399.00", "EUR")]),
        ("Sarl au capital de 10 000€", [("10000", "EUR")]),
        # Parentheses around a mark and figure are an aside, not a negative amount.
        ("Paid through Cash At Hotel (Rs 1939) Rs 1939", [("1939", "INR"), ("1939", "INR")]),
        ("Total (USD): 12,345.00", [("12345.00", "USD")]),
        ("金额（美元）：12,345.00", [("12345.00", "USD")]),
        ("RMB8600.00元", [("8600.00", "CNY")]),
        ("2.50 USD/pc", [("2.50", "USD")]),
    ],
)
def test_several_amounts(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m[0], m[1]) for m in amounts(text)] == [(Decimal(a), c) for a, c in expected]


@pytest.mark.parametrize(
    ("text", "hint", "currency"),
    [
        ("¥8,600.00", None, "CNY"),
        ("¥8,600.00", "CNY", "CNY"),
        ("¥8,600.00", "JPY", "JPY"),
        ("¥8,600.00", "EUR", "CNY"),  # a hint the mark cannot mean is ignored
        ("8600元", "JPY", "JPY"),
        ("$100", None, "USD"),
        ("$100", "AUD", "AUD"),
        ("$100", "RMB", "USD"),
        ("USD 100", "HKD", "USD"),  # an unambiguous mark ignores the hint
        ("RMB ¥8,600", "JPY", "CNY"),  # the code beside the sign settles it
        ("kr 100", None, None),
        ("kr 100", "SEK", "SEK"),
    ],
)
def test_ambiguous_marks_and_hints(text: str, hint: str | None, currency: str | None) -> None:
    found = find_amounts(text, hint)
    assert len(found) == 1
    assert found[0].currency == currency


@pytest.mark.parametrize(
    "text",
    [
        "Deposit 30%",
        "30 % T/T in advance",
        "Quantity: 5,000 pcs",
        "5000PCS",
        "N.W. 12.5 kg",
        "120 CTNS",
        "Date: 2026-09-05",
        "05/09/2026",
        "Tel: +86 755 1234 5678",
        "Mobile 138-1234-5678",
        "HS Code: 8418.10.00",
        "PO12345",
        "Model SUS304",
        "Total 12,345.00",  # no currency mark at all
        "Capacity 750 ml",
    ],
)
def test_not_money(text: str) -> None:
    assert find_amounts(text) == []


def test_bare_figures_only_when_asked_with_a_hint() -> None:
    assert find_amounts("12,345.00") == []
    assert find_amounts("12,345.00", "USD") == []
    assert find_amounts("12,345.00", bare=True) == []
    assert amounts("12,345.00", currency_hint="USD", bare=True) == [(Decimal("12345.00"), "USD", "12,345.00")]


@pytest.mark.parametrize(
    "text",
    ["30%", "5,000 pcs", "Tel 12345678", "No. 2381", "+86 7551234", "2026-09-05", "HS code 841810"],
)
def test_bare_mode_still_rejects_non_money(text: str) -> None:
    assert find_amounts(text, "USD", bare=True) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,345.00", "12345.00"),
        ("12.345,00", "12345.00"),
        ("12345", "12345"),
        ("1'234.50", "1234.50"),
        ("1 234,56", "1234.56"),
        ("1,234", "1234"),
        ("1.234", "1.234"),  # a lone full stop is a decimal mark unless the currency says otherwise
        ("0,75", "0.75"),
        ("0.125", "0.125"),
        ("1,234,567.89", "1234567.89"),
        ("1.234.567", "1234567"),
        ("1,23,456.00", "123456.00"),
        ("1.234,-", "1234"),
        ("USD 1,234.00", "1234.00"),
        ("EUR 1.234", "1234"),
        ("(50.00)", "-50.00"),
        ("-5.00", "-5.00"),
        ("１２，３４５．００", "12345.00"),
    ],
)
def test_parse_amount(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "12 5", "1,2345,6", "12.", "USD", "5 pcs"])
def test_parse_amount_rejects(text: str) -> None:
    assert parse_amount(text) is None


def test_decimal_mark_hint() -> None:
    assert parse_number("1.234", ",") == Decimal("1234")
    assert parse_number("1.234", ".") == Decimal("1.234")
    assert parse_amount("1.234", decimal_mark=",") == Decimal("1234")


@pytest.mark.parametrize(
    ("token", "hint", "expected"),
    [
        ("USD", None, "USD"),
        ("usd", None, "USD"),
        ("US$", None, "USD"),
        ("美元", None, "USD"),
        ("美金", None, "USD"),
        ("RMB", None, "CNY"),
        ("人民币", None, "CNY"),
        ("元", None, "CNY"),
        ("¥", None, "CNY"),
        ("￥", "JPY", "JPY"),
        ("円", None, "JPY"),
        ("€", None, "EUR"),
        ("欧元", None, "EUR"),
        ("£", None, "GBP"),
        ("HK$", None, "HKD"),
        ("港币", None, "HKD"),
        ("A$", None, "AUD"),
        ("C$", None, "CAD"),
        ("₹", None, "INR"),
        ("Rs", None, "INR"),
        ("zł", None, "PLN"),
        ("CHF", None, "CHF"),
        ("S$", None, "SGD"),
        ("₩", None, "KRW"),
        ("AED", None, "AED"),
        ("$", "CAD", "CAD"),
        ("dollars", None, "USD"),
        ("kr", None, None),
        ("pcs", None, None),
        ("", None, None),
    ],
)
def test_normalize_currency(token: str, hint: str | None, expected: str | None) -> None:
    assert normalize_currency(token, hint) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SAY US DOLLARS TWELVE THOUSAND THREE HUNDRED FORTY FIVE ONLY", "12345"),
        ("SAY TOTAL USD ONE HUNDRED AND TWENTY THOUSAND FIVE HUNDRED AND CENTS FIFTY ONLY", "120500.50"),
        ("US DOLLARS ONE THOUSAND AND FIFTY CENTS ONLY", "1000.50"),
        ("Say US Dollars Nine Hundred Ninety-Nine and 50/100 only", "999.50"),
        ("SAY USD SEVEN POINT FIVE ONLY", "7.5"),
        ("ONE MILLION TWO HUNDRED THOUSAND", "1200000"),
        ("人民币捌仟陆佰元整", "8600"),
        ("壹万贰仟叁佰肆拾伍元陆角柒分", "12345.67"),
        ("大写：壹万零伍元整", "10005"),
        ("总金额：USD 12,600.00（大写：壹万贰仟陆佰美元整）", "12600"),
    ],
)
def test_amount_in_words(text: str, expected: str) -> None:
    assert amount_in_words(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "SAY US DOLLARS ONLY", "Thank you", "人民币"])
def test_amount_in_words_rejects(text: str) -> None:
    assert amount_in_words(text) is None
