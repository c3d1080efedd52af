"""Traps for the M rules: conversations a careful reviewer would not flag, in the shapes real exports take.

An order of stainless-steel stockpots talked over with the supplier on WhatsApp (Android and
iOS exports), WeChat, e-mail and the Message Center, where everyday chat only sounds like a
complaint ("ten minutes late", "sorry for the late reply"), a settlement word is meant in
another sense ("we accept your proposal for the sample"), bank details belong to the
Trade Assurance order, and an apology or a "we will" is about something else than the goods.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.traps import Trap, assert_covered, assert_quiet, findings

CODES = ["M001", "M002", "M003", "M004", "M005", "M006", "M007"]

SUPPLIER = "Chen Jie Hengxin Kitchenware"
BUYER = "Anna Berger"
PI = """PROFORMA INVOICE
PI No.: HX-PI-2609-14
Date: 2026-09-02
Seller: Guangdong Hengxin Kitchenware Co., Ltd.
Buyer: Berger Küchenwelt GmbH
Item: Stainless steel stockpot 24 cm with glass lid, 800 pcs, USD 9.80/pc
Total: USD 7,840.00
Shipment: before 20 Oct 2026
Payment: 100% via Alibaba Trade Assurance
"""
PI_FILE = {"HX-PI-2609-14.txt": PI}
#: Two opening messages that make the sides plain.
OPENING = [
    ("s", "Dear Anna, PI HX-PI-2609-14 attached, 800 pcs stockpots 24 cm, please check."),
    ("b", "Thanks Chen, I paid on Alibaba Trade Assurance with card today."),
]
COMPLAINT = ("b", "The pots arrived yesterday, 64 pcs have dented lids and 12 glass lids are broken. Photos attached.")


def whatsapp_android(turns: list[tuple[str, str]], day: int = 3, month: int = 11) -> str:
    """Given (s|b, text) turns, return an Android export: 'dd/mm/yyyy, hh:mm - Name: text'."""
    names = {"s": SUPPLIER, "b": BUYER}
    head = f"{day:02d}/{month:02d}/2026, 08:58 - Messages and calls are end-to-end encrypted. No one outside of " \
           "this chat, not even WhatsApp, can read or listen to them. Tap to learn more.\n"
    return head + "".join(
        f"{day + i // 3:02d}/{month:02d}/2026, {9 + i % 3:02d}:{(7 * i) % 60:02d} - {names[who]}: {text}\n"
        for i, (who, text) in enumerate(turns)
    )


def whatsapp_ios(turns: list[tuple[str, str]], day: int = 3, month: int = 11) -> str:
    """Given (s|b, text) turns, return an iOS export: '[dd/mm/yyyy, hh:mm:ss] Name: text'."""
    names = {"s": SUPPLIER, "b": BUYER}
    return "".join(
        f"[{day + i // 3:02d}/{month:02d}/2026, {9 + i % 3:02d}:{(7 * i) % 60:02d}:{(13 * i) % 60:02d}] "
        f"{names[who]}: {text}\n"
        for i, (who, text) in enumerate(turns)
    )


def message_center(turns: list[tuple[str, str]], day: int = 3, month: int = 11) -> str:
    """Given (s|b, text) turns, return a Message Center CSV export."""
    names = {"s": f"{SUPPLIER} (Guangdong Hengxin Kitchenware)", "b": f"{BUYER} (Berger Küchenwelt)"}
    rows = [
        f'2026-{month:02d}-{day + i:02d} 10:{(11 * i) % 60:02d}:05,{names[who]},"{text}"'
        for i, (who, text) in enumerate(turns)
    ]
    return "time,sender,message\n" + "\n".join(rows) + "\n"


def eml(sender: str, to: str, subject: str, date: str, body: str) -> str:
    """Return a plain-text e-mail as a mail client saves it."""
    return (
        f"From: {sender}\nTo: {to}\nSubject: {subject}\nDate: {date}\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
        f"{body}\n"
    )


def chat(*turns: tuple[str, str], ios: bool = False) -> dict[str, str]:
    """The PI and a WhatsApp export of the turns."""
    if ios:
        return {**PI_FILE, "chat/WhatsApp Chat - Chen Jie/_chat.txt": whatsapp_ios(list(turns))}
    return {**PI_FILE, "chat/WhatsApp Chat with Chen Jie.txt": whatsapp_android(list(turns))}


def platform(*turns: tuple[str, str]) -> dict[str, str]:
    """The PI and a Message Center export of the turns."""
    return {**PI_FILE, "messages/MessageCenter_2451198830571234.csv": message_center(list(turns))}


#: WeChat's "select messages -> share": day lines, then each sender and time on its own line.
WECHAT = """陈杰 和 Anna Berger 在微信上的聊天记录如下，请查收。

—————  2026-10-28  —————

陈杰  09:12

Anna您好，货物已经在宁波港装柜了，提单号HXNB2610288

Anna Berger  09:30

好的，谢谢陈先生

—————  2026-11-12  —————

Anna Berger  16:40

陈先生，货到了，有64个锅盖凹陷，12个玻璃盖破损，照片已经发您了

陈杰  17:05

收到，我们马上和工厂核实，明天回复您
"""

EMAIL_COMPLAINT = eml(
    "Anna Berger <a.berger@berger-kuechenwelt.de>",
    "Chen Jie <chenjie@hengxin-kitchen.cn>",
    "Re: PI HX-PI-2609-14 / goods received",
    "Thu, 12 Nov 2026 16:20:11 +0100",
    "Dear Chen,\n\nthe container arrived on Tuesday. We opened 20 cartons: 64 pots have dented lids and 12 glass "
    "lids are broken. Photos of each carton are attached.\n\nPlease tell us how you will solve this.\n\n"
    "Best regards\nAnna Berger\nBerger Küchenwelt GmbH\n\n"
    "On Mon, 26 Oct 2026 at 10:02, Chen Jie <chenjie@hengxin-kitchen.cn> wrote:\n"
    "> Dear Anna, goods are loaded, please find the B/L draft attached.\n",
)

TRAPS = [
    # ---------------------------------------------------------------- M001: there is a message log
    Trap("M001", "an iOS WhatsApp export with media lines and a multi-line message", chat(
        *OPENING, ("s", "\u200eimage omitted"), COMPLAINT,
        ("s", "Sorry to hear this.\nPlease send the carton numbers,\nwe check with the packing team."),
        ios=True)),
    Trap("M001", "a Message Center CSV with Chinese column names", {
        **PI_FILE,
        "messages/聊天记录.csv": (
            "时间,发送人,内容\n"
            "2026-11-12 10:01:22,Anna Berger,\"64 pots have dented lids, 12 glass lids broken.\"\n"
            "2026-11-12 11:15:40,陈杰 (恒信厨具),\"收到，我们核实一下。\"\n")}),
    Trap("M001", "the complaint sent to the supplier by e-mail, the supplier's mail quoted below", {
        **PI_FILE, "mail/Re_ PI HX-PI-2609-14 goods received.eml": EMAIL_COMPLAINT}),
    Trap("M001", "a WeChat chat shared as text: day lines, sender and time lines", {
        **PI_FILE, "chat/微信聊天记录.txt": WECHAT}),
    # ---------------------------------------------------------------- M002: nothing key said only off the platform
    Trap("M002", "the complaint is in the Message Center; WhatsApp only repeats it in other words", {
        **platform(*OPENING, COMPLAINT),
        "chat/WhatsApp Chat with Chen Jie.txt": whatsapp_android([
            ("b", "Hi Chen, I wrote to you on Alibaba about the dented lids, please read it."),
            ("s", "Yes Anna, I read it, we are checking with the workshop."),
        ], day=14)}),
    Trap("M002", "arranging a factory visit on WhatsApp: running late, a delayed meeting", chat(
        *OPENING,
        ("s", "Anna, our driver waits for you at the hotel lobby at 9:00."),
        ("b", "On my way, I'm ten minutes late, sorry, heavy traffic."),
        ("s", "No problem. The meeting with our boss is delayed to 11:30, he is still on a call."),
        ("b", "Ok, see you soon."),
    )),
    Trap("M002", "a buyer's apology for a slow answer and a card payment that failed once", chat(
        *OPENING,
        ("b", "Sorry for my delayed answer, I was at the Ambiente fair all week."),
        ("b", "The card payment failed the first time, the bank blocked it. Second try went through."),
        ("s", "Received, thank you Anna. Production starts Monday."),
    )),
    Trap("M002", "a buyer's apology for answering late about the shipment documents", chat(
        *OPENING,
        ("b", "Apologies for my late response regarding the shipment documents, we were closed for the holidays."),
        ("b", "I'm a bit late for the container loading check tomorrow, please start without me."),
        ("s", "No problem, our QC will send you the loading photos."),
    )),
    Trap("M002", "the supplier's shipping date is in the Message Center as well as on WhatsApp", {
        **platform(*OPENING, ("s", "Production is finished, we will ship on 18 Oct 2026, vessel booked.")),
        "chat/WhatsApp Chat with Chen Jie.txt": whatsapp_android([
            ("s", "Anna, as I wrote on Alibaba: we will ship on 18 Oct 2026, vessel booked."),
            ("b", "Thank you Chen."),
        ], day=5, month=10)}),
    Trap("M002", "a message sent to the wrong chat and a link that will not open", chat(
        *OPENING,
        ("b", "Sorry, wrong photo, please ignore."),
        ("b", "Chen, the link to your catalogue is broken, I can't open the file."),
        ("s", "Sorry, here is the catalogue again as PDF."),
    )),
    Trap("M002", "the supplier gives the Trade Assurance order's own T/T details on WhatsApp", chat(
        ("s", "Dear Anna, the Trade Assurance order 2451198830571234 is created on Alibaba."),
        ("s", "If you prefer T/T, the bank details are on the order page: beneficiary Guangdong Hengxin "
              "Kitchenware Co., Ltd., Citibank N.A. Singapore, a virtual account for this order only."),
        ("b", "Thanks, I will pay by card on the order page."),
    )),
    # ---------------------------------------------------------------- M003: no request to pay outside the platform
    Trap("M003", "T/T details of a new Trade Assurance order link (Citibank account of the order)", chat(
        ("s", "Anna, I sent you a new order link on Alibaba for the 200 extra lids."),
        ("s", "You can pay it by bank transfer to the account shown in the order: Citibank N.A., "
              "beneficiary Guangdong Hengxin Kitchenware Co., Ltd., the account number is only for this order."),
        ("b", "Perfect, paid on the order page just now."),
    )),
    Trap("M003", "the supplier warns against fake bank details and asks to pay only on Alibaba", chat(
        *OPENING,
        ("s", "Please be careful: our bank account never changes. If anyone sends you new bank details in our "
              "name it is a scam. Only pay on the Alibaba order page."),
        ("b", "Thanks for the warning."),
    )),
    Trap("M003", "the buyer asks for PayPal and the supplier refuses it", chat(
        ("b", "Can I pay the sample fee by PayPal?"),
        ("s", "Sorry Anna, we don't accept PayPal. Please pay on the Trade Assurance order page by card."),
        ("b", "Ok, paid with card on Alibaba."),
    )),
    Trap("M003", "the supplier refunds the missing lids through the Alibaba order", chat(
        *OPENING, COMPLAINT,
        ("s", "We confirm 12 glass lids broken. We will refund USD 117.60 to your account through the Alibaba "
              "order, the money goes back to your card."),
    )),
    Trap("M003", "the supplier says it pays the platform's fee itself", chat(
        ("b", "Is there any extra charge if I pay through Trade Assurance?"),
        ("s", "No extra charge for you, the Alibaba fee is paid by us. You pay only USD 7,840 on the order page."),
        ("b", "Great, paid by card on Alibaba."),
    )),
    # ---------------------------------------------------------------- M004: no settlement accepted by the buyer
    Trap("M004", "the buyer accepts the supplier's proposal for the sample, before any problem", chat(
        ("s", "For the sample we propose the 24 cm pot with the thicker 0.8 mm base, sample fee USD 35."),
        ("b", "We accept your proposal for the sample, please send it by DHL."),
        ("s", "OK, sample sent, DHL 4471 2290 35."),
    )),
    Trap("M004", "a discount for the order agreed during price negotiation, before any problem", chat(
        ("s", "For 800 pcs we can give 3% discount, unit price USD 9.80."),
        ("b", "OK, we accept 3% discount, please send the PI."),
        ("s", "PI HX-PI-2609-14 attached."),
    )),
    Trap("M004", "after the complaint the buyer accepts a remake, not money", chat(
        *OPENING, COMPLAINT,
        ("s", "Sorry for this. We will remake the 64 lids and the 12 glass lids and send them by air."),
        ("b", "OK, we accept the remake. Please send them before 20 Dec."),
    )),
    Trap("M004", "the buyer agrees to wait for the supplier's compensation proposal", chat(
        *OPENING, COMPLAINT,
        ("s", "Sorry to hear that. We will check with the workshop and propose a compensation tomorrow."),
        ("b", "OK, waiting for your proposal."),
    )),
    Trap("M004", "after a discount offer the buyer accepts an invitation to the factory", chat(
        *OPENING, COMPLAINT,
        ("s", "Sorry for this. We can give 5% discount on this order, and you are welcome to visit our factory."),
        ("b", "We accept your invitation to visit the factory next week, then we discuss the solution."),
    )),
    Trap("M004", "'ok' to an offer, only to ask the boss", chat(
        *OPENING, COMPLAINT,
        ("s", "Sorry for this. Discount or replacement, which do you prefer?"),
        ("b", "Ok, I will ask my boss."),
    )),
    Trap("M004", "'fine' with a condition: a counter-offer, not an acceptance", chat(
        *OPENING, COMPLAINT,
        ("s", "We can give USD 200 compensation."),
        ("b", "Fine, but only if you also replace the 12 broken glass lids."),
    )),
    Trap("M004", "the buyer refuses a discount on the next order and keeps the claim", chat(
        *OPENING, COMPLAINT,
        ("s", "We can give you 5% discount on your next order."),
        ("b", "No, a discount on the next order does not solve this. We want the 76 lids replaced."),
    )),
    # ---------------------------------------------------------------- M005: the buyer did report the problem
    Trap("M005", "the buyer complains in Chinese on WeChat", {**PI_FILE, "chat/微信聊天记录.txt": WECHAT}),
    Trap("M005", "the buyer complains by e-mail, with the supplier's earlier mail quoted", {
        **PI_FILE, "mail/Re_ PI HX-PI-2609-14 goods received.eml": EMAIL_COMPLAINT}),
    Trap("M005", "the buyer reports handles that come off", chat(
        *OPENING, ("b", "Chen, the handles come off after two or three uses, the rivets are too short."),
        ("s", "Please send a video, we check."))),
    Trap("M005", "the buyer chases a shipment that is still not sent", chat(
        *OPENING, ("b", "Today is 3 Nov. The ETD was 20 Oct and you still have not sent the B/L or any tracking."),
        ("s", "Sorry, the vessel was full, we book the next one."))),
    Trap("M005", "the complaint is in the Message Center, the WhatsApp chat is only small talk", {
        **platform(*OPENING, COMPLAINT),
        "chat/WhatsApp Chat with Chen Jie.txt": whatsapp_android([
            ("s", "Happy new year Anna!"), ("b", "Happy new year Chen, all the best to your family."),
        ], day=1, month=12)}),
    # ---------------------------------------------------------------- M006: no admission of fault for the goods
    Trap("M006", "an apology for a wrong attachment, not for the goods", platform(
        *OPENING, COMPLAINT,
        ("s", "Sorry, our mistake, wrong invoice attached. Here is the correct commercial invoice HX-CI-2610-14."),
    )),
    Trap("M006", "a slip about a meeting time", chat(
        *OPENING,
        ("s", "Sorry my mistake, the video call is at 3 pm your time, not 2 pm."),
        ("b", "Ok, 3 pm then."),
    )),
    Trap("M006", "the supplier forgot to attach the PI", chat(
        ("s", "Sorry, my fault, I forgot to attach the PI. Here it is: HX-PI-2609-14.pdf"),
        ("b", "Got it, thanks."),
    )),
    Trap("M006", "a wrong price in the quotation, corrected before the order", chat(
        ("s", "Sorry, we made a mistake in the quotation, the price is USD 9.80 not 8.90."),
        ("b", "Ok, noted."),
    )),
    Trap("M006", "the supplier will check whether it is its fault", platform(
        *OPENING, COMPLAINT,
        ("s", "We will check whether it is our packing problem or the forwarder's, and reply on Friday."),
    )),
    Trap("M006", "the supplier denies the fault and blames the port", platform(
        *OPENING, COMPLAINT,
        ("s", "This is not our fault, the cartons were crushed at the port of Hamburg, see the survey."),
    )),
    Trap("M006", "the supplier repeats the buyer's words to dispute them", platform(
        *OPENING, COMPLAINT,
        ("s", "You said the dents are our fault, but the photos show the cartons were dropped."),
    )),
    # ---------------------------------------------------------------- M007: no commitment from the supplier
    Trap("M007", "we will check and reply", platform(
        *OPENING, COMPLAINT, ("s", "Sorry to hear this, we will check with the workshop and reply tomorrow."),
    )),
    Trap("M007", "a promise of nothing until the supplier's QC has looked", platform(
        *OPENING, COMPLAINT,
        ("s", "We promise nothing on a remake until our QC has checked the returned samples."),
    )),
    Trap("M007", "an offer that hangs on the buyer paying first", platform(
        *OPENING, ("s", "If you pay the balance today, we will ship tomorrow."),
    )),
    Trap("M007", "the supplier is running late for a meeting", chat(
        *OPENING, ("s", "I'll be 10 minutes late, sorry, the driver will pick you up at the hotel."),
    )),
    Trap("M007", "the buyer asks whether the supplier will replace the lids", platform(
        *OPENING, COMPLAINT, ("b", "Will you replace the 76 lids or refund them?"),
    )),
    Trap("M007", "the supplier will fix a link and send the corrected invoice", platform(
        *OPENING, ("s", "I will fix the link and send you the corrected invoice today."),
    )),
    Trap("M007", "a refund that waits for the buyer's next order", chat(
        ("b", "The sample fee is USD 35?"),
        ("s", "Yes, we will refund the sample fee when you place the bulk order."),
    )),
    Trap("M007", "the supplier says it cannot ship before the holiday", platform(
        *OPENING, ("s", "Sorry, we cannot ship before 8 Oct, the factory is closed for the National Day holiday."),
    )),
]


#: A buyer that makes things itself ("our production line", "our engineers") reads as the supplier:
#: the sides are scored from data/message_roles.json, which this suite does not change.
MANUFACTURING_BUYER = Trap("M005", "a buyer who runs its own production line reports defective parts", {
    "PI DC-2610-033.txt": PI.replace("Stainless steel stockpot 24 cm with glass lid", "AC motor 60 W for recliner"),
    "chat/WhatsApp Chat with Amy Zhou.txt": (
        "14/11/2026, 08:41 - Amy Zhou: Dear Piotr, the 500 motors arrived at your factory?\n"
        "14/11/2026, 09:02 - Piotr Kowalski: Yes. Our production line stopped this morning: 40 of the 500 motors "
        "do not start and 12 make a loud noise. Our engineers checked the wiring, it is correct.\n"
        "14/11/2026, 09:30 - Amy Zhou: Please send the video, I will ask our engineer.\n")})


@pytest.mark.parametrize("trap", TRAPS, ids=[trap.id for trap in TRAPS])
def test_trap_is_quiet(trap: Trap, tmp_path: Path) -> None:
    assert_quiet(trap, tmp_path)


@pytest.mark.xfail(strict=True, reason="a buyer speaking of its own production line and engineers scores as "
                   "much for the supplier as its defect report does for the buyer (conversation/roles.py)")
def test_a_manufacturing_buyers_complaint_is_recorded(tmp_path: Path) -> None:
    assert_quiet(MANUFACTURING_BUYER, tmp_path)


def test_a_wechat_export_is_wechat_not_the_message_center(tmp_path: Path) -> None:
    # The WeChat traps above are quiet because the complaint is read, not because the chat passes for
    # the platform's: the same complaint in WeChat alone is off the platform (M002).
    [finding] = findings("M002", {**PI_FILE, "chat/微信聊天记录.txt": WECHAT}, tmp_path)
    assert "only in WeChat chat/微信聊天记录.txt, line 15" in finding.message and "64个锅盖凹陷" in finding.message


def test_every_m_rule_has_traps() -> None:
    assert_covered(TRAPS, CODES)
