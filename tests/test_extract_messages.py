"""Message-log extraction: sides, fields and the events a conversation shows.

Cases are written the way buyers and suppliers really write (EN and ZH), each
kind with messages that must count and look-alikes that must not: a polite
apology is no admission, a discount offered and refused is no settlement, a
supplier asking for a later date is no extension until the buyer agrees.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from evidence.extract.reading import Reading
from evidence.extract.kinds.messages import extract, full_timestamp, own_words
from evidence.readers import read_path
from evidence.readers.messages import parse_chat_text
from evidence.records import Document, Message, Record, Source
from evidence.schemas import validate
from tests.conftest import FIXTURES, SAMPLES, expected_bundles, expected_documents, expected_json

SUPPLIER = "Lily Wang (Yiwu Jiali Trading Co., Ltd.)"
BUYER = "Mark Evans"
SIDES = {"S": SUPPLIER, "B": BUYER}
#: Two opening messages that make the sides plain, so a case tests its own message only.
OPENING = [
    ("S", "Dear Mark, PI attached, please check. Our factory starts production after the deposit."),
    ("B", "Thanks Lily, our order is confirmed. When can you ship?"),
]


def log(*pairs: tuple[str, str], channel: str = "whatsapp", opening: bool = True) -> Record:
    """Given (side or sender, text) pairs, return the record of a chat made of them."""
    rows = [*OPENING, *pairs] if opening else list(pairs)
    messages = [
        Message(
            timestamp=f"2026-10-{day:02d}T10:{day:02d}",
            sender=SIDES.get(who, who),
            text=text,
            channel=channel,
            source=Source("chat/log.txt", line=day),
        )
        for day, (who, text) in enumerate(rows, start=1)
    ]
    doc = Document(path="chat/log.txt", sha256="", size=0, filetype="text", reader="whatsapp", messages=messages)
    return extract(Reading.of(doc))


def kinds_at(record: Record, line: int) -> set[str]:
    return {e.kind for e in record.events if e.source.line == line}


def events(record: Record) -> list[tuple[int | None, str, str]]:
    return [(e.source.line, e.kind, e.actor) for e in record.events]


CASE_LINE = len(OPENING) + 1
COMPLAINT = ("B", "The glaze is dull and 30 pcs arrived broken.")

# (side, message, kind, counts?)
SINGLE_MESSAGES = [
    # complaint: the buyer reports a defect, a shortfall or a delay
    ("B", "The handles crack under 5 kg load, the contract says 10 kg.", "complaint", True),
    ("B", "We measured: wall thickness is only 0.38 mm.", "complaint", True),
    ("B", "Goods not shipped yet, it is already 2 weeks past the ship date!", "complaint", True),
    ("B", "37 of 1,200 kettles arrived with cracked handles. Photos attached.", "complaint", True),
    ("B", "The colour is not the same as the approved sample.", "complaint", True),
    ("B", "Why are the goods still not shipped?", "complaint", True),
    ("B", "Hi Jason, any news? Today is 16 Sep and no shipping notice.", "complaint", True),
    ("B", "When the container arrived, 30 cartons were broken.", "complaint", True),
    ("B", "货物破损严重，质量问题很大", "complaint", True),
    ("B", "到现在还没发货，已经延误两周了", "complaint", True),
    ("B", "厚度只有0.38mm，和合同不一样", "complaint", True),
    ("B", "Sorry for the late reply, I was travelling.", "complaint", False),
    ("B", "Please pack well to avoid damage during transport.", "complaint", False),
    ("B", "Received the goods, no damage, everything is fine. Thank you!", "complaint", False),
    ("B", "Photos are in the folder photos/cracks on the shared drive.", "complaint", False),
    ("B", "收到货了，没有破损，谢谢", "complaint", False),
    ("S", "The handles crack if the customer overloads them.", "complaint", False),
    # supplier-admission: the supplier admits the fault
    ("S", "We checked, the wall thickness is 0.38mm, it is our production mistake.", "supplier-admission", True),
    ("S", "Sorry Mark, it is our fault, we did not order the drivers in time.", "supplier-admission", True),
    ("S", "We are very sorry, this was caused by our worker's mistake.", "supplier-admission", True),
    ("S", "I am sorry, our QC did not check carefully.", "supplier-admission", True),
    ("S", "是我们的问题，质检漏检了", "supplier-admission", True),
    ("S", "非常抱歉，这是我们工厂的失误", "supplier-admission", True),
    ("S", "查过了，是我们密封圈的问题，我们会补发200个给您", "supplier-admission", True),
    ("S", "我们这边没有问题，是运输的问题", "supplier-admission", False),
    ("S", "Sorry for the late reply, we were very busy with the Canton Fair.", "supplier-admission", False),
    ("S", "Sorry for the inconvenience, we will check with the workshop.", "supplier-admission", False),
    ("S", "Sorry to hear this. We will check the production record and reply by Monday.", "supplier-admission", False),
    ("S", "This is not our fault, the forwarder damaged the cartons.", "supplier-admission", False),
    ("S", "If it is our mistake, we will take responsibility.", "supplier-admission", False),
    ("S", "不好意思，回复晚了", "supplier-admission", False),
    ("S", "这不是我们的问题，是运输造成的", "supplier-admission", False),
    ("B", "Sorry, it is our mistake, we sent the wrong drawing.", "supplier-admission", False),
    # supplier-promise: the supplier commits to a date, remake, replacement or refund
    ("S", "We will remake all 3,000 pcs and ship before 20 Dec 2026 at our cost.", "supplier-promise", True),
    ("S", "We will fix the cartons and finish all 5,200 pcs, ship before 10 Oct, I promise.", "supplier-promise", True),
    ("S", "We will refund USD 500 to your account next week.", "supplier-promise", True),
    ("S", "We will send you a replacement for the broken pieces free of charge.", "supplier-promise", True),
    ("S", "Production starts Sep 8, we ship by Oct 10 as in the contract.", "supplier-promise", True),
    ("S", "我们会重新生产，保证11月20日前发货", "supplier-promise", True),
    ("S", "我们会安排补发37件，运费由我方承担。", "supplier-promise", True),
    ("S", "我们下周三前发货", "supplier-promise", True),
    ("S", "We will try our best to ship as soon as possible.", "supplier-promise", False),
    ("S", "Production will finish around 20 Sep.", "supplier-promise", False),
    ("S", "If you pay the balance today, we will ship tomorrow.", "supplier-promise", False),
    ("S", "Sorry, we cannot ship by Oct 20, the material is late.", "supplier-promise", False),
    ("S", "We won't refund, the colour difference is normal.", "supplier-promise", False),
    ("S", "We will send the inspection report before shipment.", "supplier-promise", False),
    ("S", "我们会和工厂核实，请给我们3个工作日。", "supplier-promise", False),
    ("S", "我们尽量下周发货", "supplier-promise", False),
    ("B", "You will remake all of them and ship by Dec 20, right? We will refund our customer.", "supplier-promise", False),
    # off-platform-payment-request: the supplier asks to pay outside the platform
    ("S", "Please pay the 30% deposit by T/T to our new company account, then we can give you better price.", "off-platform-payment-request", True),
    ("S", "Please pay the 70% balance to the same account so we can book the container.", "off-platform-payment-request", True),
    ("S", "Alibaba fee is too high for us, can you pay by PayPal?", "off-platform-payment-request", True),
    ("S", "Our bank account has changed, kindly arrange the balance to the new account below.", "off-platform-payment-request", True),
    ("S", "Better price if you pay by bank transfer directly.", "off-platform-payment-request", True),
    ("S", "We received your deposit, thanks. Please pay the balance to the same account.", "off-platform-payment-request", True),
    ("S", "这次不走信保，直接打款到我们公司账户，价格可以便宜", "off-platform-payment-request", True),
    ("S", "麻烦直接转到我们老板的账户，这样快一点", "off-platform-payment-request", True),
    ("S", "For this order you can transfer to our Hong Kong company. Account info below.", "off-platform-payment-request", True),
    ("S", "Please pay to the following account. Beneficiary: Alibaba.com Singapore E-Commerce Private Limited, Citibank.", "off-platform-payment-request", False),
    ("S", "Trade Assurance order created, please pay on the order page.", "off-platform-payment-request", False),
    ("S", "Please pay through Trade Assurance, the bank info is on the Alibaba order page.", "off-platform-payment-request", False),
    ("S", "We don't accept PayPal, please pay with card on Alibaba.", "off-platform-payment-request", False),
    ("S", "We can give 5% discount, refund to your Alibaba account.", "off-platform-payment-request", False),
    ("S", "请在阿里巴巴平台上通过信保订单付款，谢谢！", "off-platform-payment-request", False),
    ("B", "Can I pay by PayPal to your personal account?", "off-platform-payment-request", False),
    # off-platform-payment-made: the buyer says the money went outside
    ("B", "I sent the deposit by T/T to the account you gave.", "off-platform-payment-made", True),
    ("B", "Balance USD 35,616 sent to the same account. Please ship now.", "off-platform-payment-made", True),
    ("B", "Money sent via Western Union, MTCN attached.", "off-platform-payment-made", True),
    ("B", "尾款已经转到你给的账户了", "off-platform-payment-made", True),
    ("B", "Paid the 30% deposit through Trade Assurance.", "off-platform-payment-made", False),
    ("B", "I will not pay to your personal account.", "off-platform-payment-made", False),
    ("S", "Deposit received in our company account, thank you.", "off-platform-payment-made", False),
    # platform-payment
    ("B", "Paid on Alibaba with card just now", "platform-payment", True),
    ("B", "Contract signed and payment of USD 14,700.00 made through Trade Assurance today.", "platform-payment", True),
    ("B", "已通过信保付款，请安排生产", "platform-payment", True),
    ("S", "Please pay on the Alibaba order page.", "platform-payment", False),
    ("S", "Please do NOT pay on the Alibaba order page, the account there is under maintenance.", "platform-payment", False),
    # extension-agreed: the buyer accepts a later shipping date
    ("B", "ok, we accept shipment by Nov 5", "extension-agreed", True),
    ("B", "We agree to postpone the shipment to 10 Nov.", "extension-agreed", True),
    ("B", "OK, you can ship by Nov 10 at the latest.", "extension-agreed", True),
    ("B", "同意延期到11月10日发货", "extension-agreed", True),
    ("B", "That is not acceptable. The contract says latest shipment date 8 September.", "extension-agreed", False),
    ("B", "We cannot accept any delay, ship by Oct 20 as agreed.", "extension-agreed", False),
    ("B", "Can we ship by Nov 5? My customer asks.", "extension-agreed", False),
    ("B", "不同意延期，请按合同时间发货", "extension-agreed", False),
    ("S", "Sorry, we need to postpone the shipment to Nov 10.", "extension-agreed", False),
    # settlement-accepted: the buyer accepts a discount, partial refund or compensation
    ("B", "ok, accept 5% discount for this order", "settlement-accepted", True),
    ("B", "OK, we accept the compensation of USD 300.", "settlement-accepted", True),
    ("B", "We agree to the 10% discount.", "settlement-accepted", True),
    ("B", "我们接受5%的折扣", "settlement-accepted", True),
    ("B", "We don't accept the discount, we want a remake.", "settlement-accepted", False),
    ("B", "Can you accept 5%? That is our offer.", "settlement-accepted", False),
    ("B", "我们不接受5%的折扣", "settlement-accepted", False),
    ("S", "OK, accept 5% discount for this order, we will refund next week.", "settlement-accepted", False),
    # sample-approved
    ("B", "Sample approved, please go ahead with mass production.", "sample-approved", True),
    ("B", "The pre-production sample is approved.", "sample-approved", True),
    ("B", "Please go ahead with mass production as the sample.", "sample-approved", True),
    ("B", "样品确认OK，可以安排大货", "sample-approved", True),
    ("B", "Colour same as the sample you showed on the video call?", "sample-approved", False),
    ("B", "The sample is not good, the colour is too dark.", "sample-approved", False),
    ("B", "Please send the sample for approval first.", "sample-approved", False),
    ("B", "The bulk colour is not the same as the approved sample.", "sample-approved", False),
    ("S", "Please approve the sample so we can start mass production.", "sample-approved", False),
    # spec-change-agreed (a side saying it agrees to a changed specification)
    ("B", "We agree to change the handle material to PP.", "spec-change-agreed", True),
    ("S", "OK, we will change the colour to navy as you requested.", "spec-change-agreed", True),
    ("B", "同意改为灰色", "spec-change-agreed", True),
    ("B", "Specs confirmed as in the PI: wall thickness 0.50 mm ±0.05.", "spec-change-agreed", False),
    ("S", "The steel coil for this batch was 0.40 mm instead of 0.50 mm.", "spec-change-agreed", False),
    ("B", "Please confirm the change of colour before production.", "spec-change-agreed", False),
    # order-placed: a Trade Assurance order number
    ("B", "I placed the Trade Assurance order 2412268031957740 on Alibaba just now.", "order-placed", True),
    ("S", "Trade Assurance order 2381093617405528 created, please pay on the order page.", "order-placed", True),
    ("B", "TA order No.: 2381-0093", "order-placed", True),
    ("B", "信保订单号：2381093617405528", "order-placed", True),
    ("B", "Our PO 45001234 is attached.", "order-placed", False),
    ("S", "PI HY-PI-2026-0817 is attached, contract HY-SC-260819 follows.", "order-placed", False),
]


@pytest.mark.parametrize(
    ("side", "text", "kind", "counts"),
    SINGLE_MESSAGES,
    ids=[f"{kind}-{'yes' if counts else 'no'}-{text[:32]}" for _, text, kind, counts in SINGLE_MESSAGES],
)
def test_one_message(side: str, text: str, kind: str, counts: bool) -> None:
    # A settlement is one only after a complaint: before it, a discount is price negotiation.
    before = [COMPLAINT] if kind == "settlement-accepted" else []
    record = log(*before, (side, text))
    assert (kind in kinds_at(record, CASE_LINE + len(before))) is counts, events(record)


def test_a_discount_accepted_before_any_complaint_is_price_negotiation() -> None:
    assert log(("B", "OK, we accept 3% discount.")).events == []
    assert log(("S", "We can give you 3% discount for 5000 pcs"), ("B", "OK")).events == []
    assert log(("B", "We accept 30% deposit and 70% balance before shipment.")).events == []
    record = log(("S", "Sorry for the delay, we can give you USD 200 compensation."), ("B", "OK"))
    assert events(record) == [(CASE_LINE + 1, "settlement-accepted", "buyer")]


def test_opening_shows_no_events_and_clear_sides() -> None:
    record = log()
    assert record.events == []
    assert (record.get("buyer"), record.get("supplier")) == (BUYER, SUPPLIER)


# ---------------------------------------------------------------- replies read against the proposal


def test_ok_after_a_discount_offer_is_a_settlement() -> None:
    record = log(("B", "The glaze is dull."), ("S", "We can give 5% discount for this order."), ("B", "OK, agreed."))
    assert kinds_at(record, CASE_LINE + 2) == {"settlement-accepted"}


def test_discount_offered_then_refused_is_no_settlement() -> None:
    record = log(("B", "The handles crack."), ("S", "We can offer 3% discount."), ("B", "no, we want a remake"))
    assert not any(e.kind == "settlement-accepted" for e in record.events)


def test_refusal_in_chinese_is_no_settlement() -> None:
    record = log(("B", "收到货了，有30个破损"), ("S", "我们给您5%的补偿"), ("B", "不行，太少了，我们要求重做"))
    assert not any(e.kind == "settlement-accepted" for e in record.events)


def test_chinese_ok_after_a_compensation_offer() -> None:
    record = log(("B", "收到货了，有30个破损"), ("S", "不好意思，我们给您5%的补偿可以吗？"), ("B", "可以"))
    assert kinds_at(record, CASE_LINE + 2) == {"settlement-accepted"}


def test_its_ok_to_a_late_reply_is_no_settlement() -> None:
    record = log(("B", "The handles crack."), ("S", "Sorry for the late reply."), ("B", "It's ok"))
    assert [kind for _, kind, _ in events(record)] == ["complaint"]


def test_a_new_date_is_acceptable_is_an_extension_not_a_settlement() -> None:
    record = log(("B", "The handles crack."), ("S", "We will ship on Nov 5, is it acceptable?"), ("B", "Yes, acceptable."))
    assert kinds_at(record, CASE_LINE + 2) == {"extension-agreed"}
    assert record.get("agreed_ship_dates")[0]["date"] == "2026-11-05"


def test_the_problem_is_acceptable_after_a_complaint() -> None:
    record = log(
        ("B", "The colour is different from the sample."),
        ("S", "Reactive glaze is handmade effect, this is normal."),
        ("B", "fine, we can accept it"),
    )
    assert kinds_at(record, CASE_LINE + 2) == {"settlement-accepted"}


def test_acceptable_without_a_complaint_is_nothing() -> None:
    record = log(("S", "The unit price is USD 3.10."), ("B", "OK, this is acceptable."))
    assert not any(e.kind == "settlement-accepted" for e in record.events)


def test_ok_to_an_off_platform_discount_is_no_settlement() -> None:
    record = log(("B", "The cartons are damaged."), ("S", "If you pay by T/T to our account we give you 3% discount"), ("B", "OK"))
    assert not any(e.kind == "settlement-accepted" for e in record.events)
    assert "off-platform-payment-request" in kinds_at(record, CASE_LINE + 1)


def test_ok_to_a_remake_is_no_settlement() -> None:
    record = log(("B", "The goods are broken."), ("S", "We will remake and ship before Dec 20."), ("B", "OK"))
    assert not any(e.kind in ("settlement-accepted", "extension-agreed") for e in record.events)


def test_ok_after_a_new_date_request_is_an_extension_with_that_date() -> None:
    record = log(("B", "Goods not shipped yet?"), ("S", "Sorry, material is late, can we ship on Nov 5 instead?"), ("B", "OK"))
    assert kinds_at(record, CASE_LINE + 2) == {"extension-agreed"}
    assert [d["date"] for d in record.get("agreed_ship_dates")] == ["2026-11-05"]


def test_no_problem_to_a_late_reply_is_no_agreement() -> None:
    record = log(("B", "The goods are late."), ("S", "Sorry for the delay in reply, we will send the video tomorrow."), ("B", "No problem"))
    assert [kind for _, kind, _ in events(record)] == ["complaint"]


def test_thanks_after_a_new_date_request_is_not_agreement() -> None:
    record = log(("S", "Sorry, we need one more week, can we ship on Nov 12?"), ("B", "Ok thanks, let me check with my customer."))
    assert not any(e.kind == "extension-agreed" for e in record.events)


def test_supplier_asking_for_a_later_date_alone_is_no_extension() -> None:
    record = log(("S", "Sorry, the LED drivers came late, it is our fault. Production will finish around 20 Sep."),
                 ("B", "That is not acceptable. Please ship as soon as possible."))
    assert not any(e.kind == "extension-agreed" for e in record.events)
    assert kinds_at(record, CASE_LINE) == {"supplier-admission"}
    assert kinds_at(record, CASE_LINE + 1) == {"complaint"}


def test_chinese_extension_agreed_by_reply() -> None:
    record = log(("S", "不好意思，原材料晚到了，能否推迟到11月10号发货？"), ("B", "好吧，那就11月10号发货吧"))
    assert kinds_at(record, CASE_LINE + 1) == {"extension-agreed"}
    assert record.get("agreed_ship_dates")[0]["date"] == "2026-11-10"


def test_spec_change_agreed_by_reply_either_way() -> None:
    record = log(("S", "Could we use 304 steel instead of 316?"), ("B", "Yes, that's fine."))
    assert kinds_at(record, CASE_LINE + 1) == {"spec-change-agreed"}
    record = log(("S", "能否改成灰色？"), ("B", "可以"))
    assert kinds_at(record, CASE_LINE + 1) == {"spec-change-agreed"}
    record = log(("S", "Can we use 0.45 mm steel instead of 0.50 mm?"), ("B", "No, keep 0.50 mm as in the contract."))
    assert not any(e.kind == "spec-change-agreed" for e in record.events)


def test_sample_ok_by_reply_to_sample_photos() -> None:
    record = log(("S", "Golden sample is ready, photos attached, please confirm."), ("B", "OK, good."))
    assert kinds_at(record, CASE_LINE + 1) == {"sample-approved"}


def test_reply_only_reads_the_other_sides_messages_since_the_last_answer() -> None:
    record = log(
        ("S", "We can give 3% discount."),
        ("B", "No, 3% is too low."),
        ("S", "We will check with our boss."),
        ("B", "OK"),
    )
    assert not any(e.kind == "settlement-accepted" for e in record.events)


def test_settlement_the_buyer_asked_for_is_a_settlement_from_the_suppliers_yes() -> None:
    record = log(("B", "Can you give us 10% discount for the defects?"), ("S", "OK, we agree to 10% discount."))
    assert events(record)[-1] == (CASE_LINE + 1, "settlement-accepted", "supplier")


def test_off_platform_payment_by_tt_counts_after_the_suppliers_request() -> None:
    record = log(("S", "Please pay the deposit by T/T to our new company account."), ("B", "Deposit USD 15,264 sent by T/T today, slip attached"))
    assert kinds_at(record, CASE_LINE + 1) == {"off-platform-payment-made"}
    # Without such a request, a T/T may have gone to the platform's own collection account.
    record = log(("B", "Deposit USD 15,264 sent by T/T today, slip attached"))
    assert "off-platform-payment-made" not in kinds_at(record, CASE_LINE)
    record = log(("S", "这次付款请不走信保，直接打款到我们公司账户"), ("B", "好的，我已经电汇了"))
    assert kinds_at(record, CASE_LINE + 1) == {"off-platform-payment-made"}


# ---------------------------------------------------------------- dates


def test_date_promises_resolve_dates_without_a_year() -> None:
    record = log(("S", "We will fix the cartons, ship before 10 Oct, I promise."))
    assert [d["date"] for d in record.get("date_promises")] == ["2026-10-10"]
    assert record.get("date_promises")[0]["source"] == {"path": "chat/log.txt", "line": CASE_LINE}


def test_a_yearless_date_soon_after_new_year_is_next_year() -> None:
    messages = [
        Message("2026-12-20T09:00", SUPPLIER, "Dear Mark, PI attached. Our factory is busy.", "wechat", Source("c.txt", line=1)),
        Message("2026-12-21T09:00", BUYER, "When can you ship our order?", "wechat", Source("c.txt", line=2)),
        Message("2026-12-22T09:00", SUPPLIER, "We will ship before Jan 10.", "wechat", Source("c.txt", line=3)),
    ]
    record = extract(Reading.of(Document("c.txt", "", 0, "text", "transcript", messages=messages)))
    assert record.get("date_promises")[0]["date"] == "2027-01-10"
    assert record.get("channel") == "wechat"


def test_only_the_shipping_date_of_a_sentence_is_promised() -> None:
    record = log(("S", "Hello Mark! Production starts Sep 8, we ship by Oct 10 as in the contract."))
    assert [d["date"] for d in record.get("date_promises")] == ["2026-10-10"]


def test_chinese_promised_date() -> None:
    record = log(("S", "是我们的问题，我们会重新生产，保证11月20日前发货"))
    assert kinds_at(record, CASE_LINE) == {"supplier-admission", "supplier-promise"}
    assert record.get("date_promises")[0]["date"] == "2026-11-20"


# ---------------------------------------------------------------- who is who


def test_events_only_count_from_the_side_allowed_to_say_them() -> None:
    record = log(("S", "ok, accept 5% discount"), ("B", "We will remake all and ship by Oct 20."), ("B", "It is our fault."))
    assert record.events == []


def test_sides_from_message_center_company_names() -> None:
    record = log(
        ("Zhou Xiaoyang (Ningbo Haoyu Drinkware)", "Goods shipped on board today."),
        ("Megan Lowell (Northfield Outdoor Supply)", "Thanks, noted."),
        opening=False,
    )
    assert record.get("supplier") == "Zhou Xiaoyang (Ningbo Haoyu Drinkware)"
    assert record.get("buyer") == "Megan Lowell (Northfield Outdoor Supply)"


def test_sides_from_chinese_content() -> None:
    record = log(("王经理", "您好，您的订单我们工厂已经安排生产了"), ("李先生", "好的，什么时候发货？"), opening=False)
    assert (record.get("supplier"), record.get("buyer")) == ("王经理", "李先生")


def test_sides_stated_by_the_log_win() -> None:
    messages = [
        Message("2026-09-03T10:15:22", "Chen Jie", "Hello Laura.", "platform", Source("log.json", line=3)),
        Message("2026-09-03T10:21:05", "Laura Mendez", "Hi Chen.", "platform", Source("log.json", line=9)),
    ]
    doc = Document("log.json", "", 0, "json", "messages", messages=messages, metadata={"supplier": "Chen Jie"})
    record = extract(Reading.of(doc))
    assert (record.get("supplier"), record.get("buyer")) == ("Chen Jie", "Laura Mendez")


def test_unclear_sides_are_left_out_and_noted() -> None:
    record = log(("Anna", "Hello"), ("Ben", "Hi, how are you?"), opening=False)
    assert record.get("buyer") is None and record.get("supplier") is None
    assert any("could not tell buyer from supplier" in note for note in record.notes)


def test_unknown_side_keeps_actor_unknown() -> None:
    record = log(("Anna", "The cups leak."), ("Ben", "Hello"), ("Anna", "ok, accept 5% discount for this order"), opening=False)
    assert events(record) == [(1, "complaint", "unknown"), (3, "settlement-accepted", "unknown")]


def test_whatsapp_export_text() -> None:
    text = (
        "12/09/2026, 09:14 - Messages and calls are end-to-end encrypted. Tap to learn more.\n"
        "12/09/2026, 09:15 - Chen Jie (Brightway): Hello Laura! Production starts now, we ship by Oct 10.\n"
        "13/09/2026, 16:05 - Laura Mendez: OK. I paid the deposit on Alibaba.\n"
        "20/10/2026, 09:12 - Laura Mendez: 37 of 1,200 kettles arrived with cracked handles.\n"
        "20/10/2026, 11:45 - Chen Jie (Brightway): We checked, it is our packing mistake. We will send 37 new pcs.\n"
    )
    parsed = parse_chat_text(text, "chat/WhatsApp Chat.txt")
    assert parsed is not None
    reader, messages = parsed
    doc = Document("chat/WhatsApp Chat.txt", "", len(text), "text", reader, messages=messages)
    record = extract(Reading.of(doc))
    assert record.get("format") == "whatsapp-android"
    assert record.get("message_count") == 4
    assert record.get("first_message") == "2026-09-12T09:15:00"
    assert (record.get("supplier"), record.get("buyer")) == ("Chen Jie (Brightway)", "Laura Mendez")
    assert events(record) == [
        (2, "supplier-promise", "supplier"),
        (3, "platform-payment", "buyer"),
        (4, "complaint", "buyer"),
        (5, "supplier-admission", "supplier"),
        (5, "supplier-promise", "supplier"),
    ]


def test_email_quoted_reply_is_not_the_senders_words() -> None:
    body = (
        "Subject: Re: shipment\n\nDear Tom,\n\nThank you, we are checking with the workshop.\n\nBest regards,\nLily\n"
        "Sales Manager, Ningbo Hengda Housewares Co., Ltd.\n\n"
        "> On Wed, 2 Sep 2026 at 17:40, Tom Berger wrote:\n> The handles crack, we want a remake."
    )
    assert "crack" not in own_words(body)
    messages = [Message("2026-09-03T10:15:00+08:00", "Lily Zhang <lily@hengda.example>", body, "email", Source("m.eml", line=1))]
    record = extract(Reading.of(Document("m.eml", "", 0, "eml", "email", messages=messages)))
    assert record.events == []
    assert record.get("document_date") == "2026-09-03"
    assert record.get("first_message") == "2026-09-03T10:15:00+08:00"


def test_subject_of_a_reply_is_the_other_sides() -> None:
    assert own_words("Subject: Re: Damaged goods on arrival\n\nDear Tom, we will check.") == "Dear Tom, we will check."
    assert own_words("Subject: Damaged goods on arrival\n\nLily, 412 cups dented.").startswith("Subject: Damaged")


def test_long_message_quotes_the_sentence() -> None:
    filler = "We have checked every step of production with the team and the workshop leaders. " * 5
    record = log(("S", filler + "It is our production mistake."))
    quote = record.events[0].quote
    assert len(quote) <= 300 and "our production mistake" in quote


def test_full_timestamp() -> None:
    assert full_timestamp("2026-07-20T09:41") == "2026-07-20T09:41:00"
    assert full_timestamp("2026-10-12 09:40") == "2026-10-12T09:40:00"
    assert full_timestamp("2026-08-02T14:26:11+08:00") == "2026-08-02T14:26:11+08:00"


def test_records_validate_against_the_schema() -> None:
    record = log(*[(side, text) for side, text, _, _ in SINGLE_MESSAGES[:40]])
    assert validate(record.values(), "message_record") == []
    assert validate({"kind": "message_log", "channel": "sms", "message_count": 1}, "message_record") != []
    bad_event = {"kind": "message_log", "channel": "email", "message_count": 1,
                 "events": [{"kind": "gossip", "actor": "buyer", "timestamp": None}]}
    assert validate(bad_event, "message_record") != []


# ---------------------------------------------------------------- the sample bundles

#: Tags of expected key messages -> the event kinds that show them.
TAG_KINDS = {
    "complaint": {"complaint"},
    "admission": {"supplier-admission"},
    "promise": {"supplier-promise"},
    "payment_request": {"off-platform-payment-request"},
    "settlement": {"settlement-accepted"},
    "payment": {"platform-payment", "off-platform-payment-made"},
}
TAG_SIDES = {
    "complaint": "buyer", "settlement": "buyer", "payment": "buyer",
    "admission": "supplier", "promise": "supplier", "payment_request": "supplier",
}
#: Codes that fire on their event alone, whatever the claim type.
ALWAYS_FROM_MESSAGES = {"M003", "M004", "M006", "M007", "D006", "S005"}
#: Finding code -> the event kind it rests on (and the side that must say it).
FINDING_KINDS = {
    "M003": ("off-platform-payment-request", "supplier"),
    "M004": ("settlement-accepted", "buyer"),
    "M006": ("supplier-admission", "supplier"),
    "M007": ("supplier-promise", "supplier"),
    "M005": ("complaint", "buyer"),
    "D006": ("extension-agreed", "buyer"),
    "S005": ("sample-approved", "buyer"),
    "S004": ("spec-change-agreed", "buyer"),
}


def _message_docs(expected: dict[str, Any]) -> list[dict[str, Any]]:
    return [d for d in expected["documents"] if d["kind"] == "message_log"]


def _bundle_records(expected: dict[str, Any]) -> list[Record]:
    return [extract(Reading.of(read_path(SAMPLES / expected["bundle"] / d["path"]))) for d in _message_docs(expected)]


SAMPLE_LOGS = expected_documents("message_log")


@pytest.mark.parametrize(("bundle", "expected"), SAMPLE_LOGS, ids=[f"{b}/{d['path']}" for b, d in SAMPLE_LOGS])
def test_sample_message_log_fields(bundle: str, expected: dict[str, Any]) -> None:
    record = extract(Reading.of(read_path(SAMPLES / bundle / expected["path"])))
    fields = expected["fields"]
    for name in ("format", "channel", "message_count", "participants", "first_message", "last_message",
                 "order_number", "document_date", "sender", "beneficiary_name", "payment_request", "subject"):
        if name in fields:
            assert record.get(name) == fields[name], name
    assert validate(record.values(), "message_record") == []


@pytest.mark.parametrize(("bundle", "expected"), SAMPLE_LOGS, ids=[f"{b}/{d['path']}" for b, d in SAMPLE_LOGS])
def test_sample_key_messages(bundle: str, expected: dict[str, Any]) -> None:
    record = extract(Reading.of(read_path(SAMPLES / bundle / expected["path"])))
    for key in expected["fields"].get("key_messages", []):
        found = kinds_at(record, key["line"])
        if key["tag"] == "apology":
            assert "supplier-admission" not in found, key
            continue
        assert found & TAG_KINDS[key["tag"]], key
        side = record.get("buyer") if TAG_SIDES[key["tag"]] == "buyer" else record.get("supplier")
        assert side == key["sender"], key
        assert {e.actor for e in record.events if e.source.line == key["line"]} == {TAG_SIDES[key["tag"]]}


@pytest.mark.parametrize("expected", expected_bundles(), ids=lambda e: e["bundle"])
def test_sample_findings_are_supported_and_traps_avoided(expected: dict[str, Any]) -> None:
    """Every M/D/S finding designed in has its event; every one that must not fire has none.

    The findings list of a sample is complete, so a message finding it leaves out
    must find no event either (M005 is the other way round: it fires on a missing complaint).
    """
    found = {(e.kind, e.actor) for record in _bundle_records(expected) for e in record.events}
    kinds = {kind for kind, _ in found}
    for code, (kind, actor) in FINDING_KINDS.items():
        fires = code in expected["findings"]
        if code == "M005":
            assert ((kind, actor) in found) is not fires, code
        elif fires:
            assert (kind, actor) in found, code
        elif code in expected["must_not_fire"] or code in ALWAYS_FROM_MESSAGES:
            assert kind not in kinds, code


def test_sample_off_platform_payment_is_in_the_chat() -> None:
    expected = expected_json("off-platform-payment")
    kinds = [e.kind for record in _bundle_records(expected) for e in record.events]
    assert kinds.count("off-platform-payment-made") == 2
    assert "platform-payment" not in kinds


def test_sample_order_numbers_match_the_facts() -> None:
    for expected in expected_bundles():
        numbers = {n for record in _bundle_records(expected) for n in record.get("order_numbers", [])}
        assert numbers <= {expected["facts"]["order_number"]}
        if "E003" in expected["must_not_fire"] and expected["bundle"] != "weak-quality-claim":
            assert numbers == {expected["facts"]["order_number"]}


def test_sample_promise_dates() -> None:
    strong = extract(Reading.of(read_path(SAMPLES / "strong-quality-claim/messages/MessageCenter_2381093617405528.csv")))
    assert [d["date"] for d in strong.get("date_promises")] == ["2026-12-20"]
    off = extract(Reading.of(read_path(SAMPLES / "off-platform-payment/chat/_chat.txt")))
    assert [d["date"] for d in off.get("date_promises")] == ["2026-10-10"]
    assert off.get("agreed_ship_dates") is None


def test_fixture_logs_validate(tmp_path: Path) -> None:
    for path in sorted((FIXTURES / "chats").iterdir()) + sorted((FIXTURES / "email").iterdir()):
        doc = read_path(path)
        if doc.messages:
            assert validate(extract(Reading.of(doc)).values(), "message_record") == [], path.name


def test_an_emails_participants_are_its_people_by_name_with_its_recipients(tmp_path: Path) -> None:
    from evidence.readers import read_path

    mail = tmp_path / "order.eml"
    mail.write_text(
        "From: Mira Holt <mira@harbourline.example>\n"
        "To: orders@northwind.example, \"Sun, Lei\" <lei.sun@northwind.example>\n"
        "Subject: PO 7781 delivery\n"
        "Date: Tue, 3 Nov 2026 09:12:00 +0000\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        "Please confirm the delivery date for PO 7781.\n",
        encoding="utf-8",
    )
    record = extract(Reading.of(read_path(mail)))
    assert record.get("participants") == ["Mira Holt", "Sun, Lei", "orders@northwind.example"]


def test_a_system_sender_written_by_an_export_tool_is_no_participant(tmp_path: Path) -> None:
    from evidence.readers import read_path

    chat = (
        "[03/11/2026, 09:12:01] Mira: Samples shipped today\n"
        "[03/11/2026, 09:13:40] Lei: Thanks, received tracking\n"
        "[03/11/2026, 09:15:02] System: You added Tomas\n"
    )
    (tmp_path / "chat.txt").write_text(chat, encoding="utf-8")
    record = extract(Reading.of(read_path(tmp_path / "chat.txt")))
    assert record.get("participants") == ["Lei", "Mira"]
    assert record.get("message_count") == 3
