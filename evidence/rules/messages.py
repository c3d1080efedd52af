"""M: messages and communication. What the buyer-supplier conversation shows, and where it happened.

The message-log extractor finds the events (complaint, supplier-admission,
supplier-promise, off-platform-payment-request, settlement-accepted, ...), each
with its actor, the quoted message and its source line; these rules weigh them.
A message log's channel is the one claim.toml's `channels` gives for its file,
else the channel the reader detected.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from evidence.findings import Finding
from evidence.kinds import CLAIM_MANIFEST, MESSAGE_LOG
from evidence.records import Event, Record, Source
from evidence.rules.registry import RULES, rule
from evidence.wording import clipped

if TYPE_CHECKING:
    from evidence.rules.context import Context

LOG_KIND = MESSAGE_LOG
PLATFORM = "platform"
OFF_PLATFORM_CHANNELS = frozenset({"whatsapp", "wechat", "email"})
CHANNEL_NAMES = {"platform": "Message Center", "whatsapp": "WhatsApp", "wechat": "WeChat", "email": "e-mail"}
QUOTE_CHARS = 120
UNKNOWN = "unknown"  # an actor or channel the reader could not tell (not a document kind)
#: Event kinds that are a key agreement or the complaint (M002), and how a message names them.
KEY_KINDS = {
    "complaint": "the complaint",
    "off-platform-payment-request": "payment instructions",
    "supplier-promise": "the supplier's promise",
    "extension-agreed": "the new shipping date",
    "settlement-accepted": "the settlement",
    "spec-change-agreed": "the specification change",
    "sample-approved": "the sample approval",
}


# ---------------------------------------------------------------- helpers


def message_logs(ctx: Context) -> list[Record]:
    """Given the context, return its message logs that hold at least one message, by path."""
    logs = [r for r in ctx.records if r.kind == LOG_KIND and r.get("message_count", 1)]
    return sorted(logs, key=lambda r: r.path)


def manifest_channels(ctx: Context) -> dict[str, str]:
    """Given the context, return claim.toml's `channels` (file path -> channel), lower-cased."""
    manifest = next((r for r in ctx.records if r.kind == CLAIM_MANIFEST), None)
    channels = manifest.get("channels") if manifest else None
    if not isinstance(channels, dict):
        return {}
    return {str(path).strip("/"): str(channel).strip().lower() for path, channel in channels.items()}


def channel_of(event: Event, log: Record, channels: dict[str, str]) -> str:
    """Given an event of a log, return its channel: the manifest's for the file, else the detected one."""
    return channels.get(log.path.strip("/")) or event.channel or log.get("channel", UNKNOWN) or UNKNOWN


def log_events(ctx: Context, kind: str, actors: frozenset[str]) -> Iterator[tuple[Record, Event]]:
    """Yield (log, event) for every event of `kind` said by one of `actors`, in file and line order."""
    for log in message_logs(ctx):
        for event in log.events:
            if event.kind == kind and event.actor in actors:
                yield log, event


def quote(text: str) -> str:
    """Given a message, return it on one line, at most QUOTE_CHARS long."""
    return clipped(text, QUOTE_CHARS)


def cite(event: Event, log: Record, channels: dict[str, str]) -> str:
    """Given an event, return 'WhatsApp chat/x.txt line 14 (2026-09-02)' for a finding's message."""
    channel = CHANNEL_NAMES.get(channel_of(event, log, channels), "")
    where = str(event.source)
    when = f" ({event.timestamp[:10]})" if event.timestamp else ""
    return f"{channel} {where}{when}".strip()


def _side(event: Event, role: str) -> str:
    """Given an event, return who said it: 'the buyer', or a hedge when the side is unclear."""
    return f"the {role}" if event.actor == role else "a sender whose side is unclear"


# ---------------------------------------------------------------- rules


@rule(
    "M001",
    "no-message-log",
    "major",
    "No exported communication with the supplier is in the bundle.",
    "Export the conversation with the supplier from the Message Center (and any WhatsApp / WeChat "
    "/ e-mail thread) and add it to the bundle: it shows the complaint and the supplier's answers.",
)
def no_message_log(ctx: Context) -> Iterator[Finding]:
    """What it checks: the bundle holds at least one message log (Message Center export,
    WhatsApp / WeChat chat, e-mail) with messages in it.

    Why it matters: the platform's Message Center is the official record of the order;
    the complaint, the supplier's admissions and promises are evidence only if the
    conversation is in the claim.
    """
    if message_logs(ctx):
        return
    manifest = next((r for r in ctx.records if r.kind == CLAIM_MANIFEST), None)
    where = Source(manifest.path) if manifest else (Source(ctx.documents[0].path) if ctx.documents else Source("."))
    yield RULES["M001"].finding("no message log (Message Center export, chat or e-mail) is in the bundle", where)


@rule(
    "M002",
    "off-platform-communication",
    "minor",
    "A key agreement or the complaint appears only in WhatsApp / WeChat / e-mail, not in the Message Center.",
    "Repeat the complaint and the key agreements (dates, amounts, specifications, payment) in the "
    "platform's Message Center and ask the supplier to confirm them there; keep the chat as supporting evidence.",
)
def off_platform_communication(ctx: Context) -> Iterator[Finding]:
    """What it checks: each key agreement (a specification change, a shipping date, a
    settlement amount, payment instructions) and the complaint that the messages show
    also appears in a Message Center log, not only in WhatsApp, WeChat or e-mail.

    Why it matters: the platform treats its Message Center as the official record of the
    order; what was said only elsewhere is harder to prove and easier for the supplier to deny.
    """
    channels = manifest_channels(ctx)
    on_platform: set[str] = set()
    elsewhere: dict[str, tuple[Record, Event]] = {}
    for log in message_logs(ctx):
        for event in log.events:
            if event.kind not in KEY_KINDS:
                continue
            channel = channel_of(event, log, channels)
            if channel == PLATFORM:
                on_platform.add(event.kind)
            elif channel in OFF_PLATFORM_CHANNELS:
                elsewhere.setdefault(event.kind, (log, event))
    for kind, (log, event) in elsewhere.items():
        if kind in on_platform:
            continue
        yield RULES["M002"].finding(
            f"only in {cite(event, log, channels)}, not in the Message Center ({KEY_KINDS[kind]}): "
            f"\"{quote(event.quote)}\"",
            event.source,
        )


@rule(
    "M003",
    "off-platform-payment-request",
    "major",
    "A message from the supplier asks for payment outside the platform.",
    "Do not pay outside Trade Assurance; pay only on the order page. If you already did, say so "
    "when filing and report the request to the platform: off-platform payments are not protected.",
)
def off_platform_payment_request(ctx: Context) -> Iterator[Finding]:
    """What it checks: no message from the supplier asks the buyer to pay outside the
    platform (T/T to another account, PayPal, Western Union...), whether or not the buyer paid.
    Bank details printed on a PI are not a request.

    Why it matters: only payments made through the platform are covered; a supplier's
    "better price" or "faster production" for paying direct is the classic trap.
    """
    channels = manifest_channels(ctx)
    for log, event in log_events(ctx, "off-platform-payment-request", frozenset({"supplier", UNKNOWN})):
        yield RULES["M003"].finding(
            f"{_side(event, 'supplier')} asks for payment outside the platform in {cite(event, log, channels)}: "
            f"\"{quote(event.quote)}\"",
            event.source,
        )


@rule(
    "M004",
    "settlement-accepted",
    "major",
    "The buyer accepted a partial refund, discount or compensation, or said the problem was acceptable.",
    "Check whether the settlement was meant as final; if it was not paid or not final, say so in "
    "writing in the Message Center before filing, and claim only what it does not cover.",
)
def settlement_accepted(ctx: Context) -> Iterator[Finding]:
    """What it checks: no message shows the buyer accepting a partial refund, discount or
    compensation for the defect or delay, or saying the problem is acceptable. A supplier
    agreeing to the buyer's request is not the buyer accepting; a new ship date is D006
    and a discount for paying off-platform is M003.

    Why it matters: accepting a settlement can waive the rest of the claim.
    """
    channels = manifest_channels(ctx)
    for log, event in log_events(ctx, "settlement-accepted", frozenset({"buyer", UNKNOWN})):
        yield RULES["M004"].finding(
            f"{_side(event, 'buyer')} accepted a settlement in {cite(event, log, channels)}: \"{quote(event.quote)}\"",
            event.source,
        )


@rule(
    "M005",
    "complaint-not-recorded",
    "major",
    "No message shows the buyer reporting the problem to the supplier.",
    "Report the problem to the supplier in the Message Center now, with measurements, photos and "
    "the inspection result, and add the exported conversation to the bundle.",
)
def complaint_not_recorded(ctx: Context) -> Iterator[Finding]:
    """What it checks: the message logs hold a message in which the buyer reports the
    defect or the delay to the supplier. (With no message log at all, M001 says so.)

    Why it matters: the platform expects the buyer to have raised the problem with the
    supplier; a claim with no recorded complaint looks like the supplier was never told.
    """
    logs = message_logs(ctx)
    if not logs or any(True for _ in log_events(ctx, "complaint", frozenset({"buyer", UNKNOWN}))):
        return
    yield RULES["M005"].finding(
        f"no message from the buyer reports the problem to the supplier in {', '.join(log.path for log in logs)}",
        *(Source(log.path) for log in logs),
    )


@rule(
    "M006",
    "supplier-admission",
    "info",
    "The supplier admits the fault for the defect or the delay.",
    "Cite this message in the claim: the supplier's own admission is strong evidence.",
)
def supplier_admission(ctx: Context) -> Iterator[Finding]:
    """What it checks: a message in which the supplier admits the fault for the defect or
    the delay ("it is our production mistake"); a polite apology such as "sorry for the
    late reply" is not an admission.

    Why it matters: the supplier's admission, above all in the Message Center, supports the claim.
    """
    channels = manifest_channels(ctx)
    for log, event in log_events(ctx, "supplier-admission", frozenset({"supplier"})):
        yield RULES["M006"].finding(
            f"the supplier admits the fault in {cite(event, log, channels)}: \"{quote(event.quote)}\"",
            event.source,
        )


@rule(
    "M007",
    "supplier-promise",
    "info",
    "The supplier commits to a date, remake, replacement or refund.",
    "Cite this message in the claim, and hold the supplier to it in the Message Center.",
)
def supplier_promise(ctx: Context) -> Iterator[Finding]:
    """What it checks: a message in which the supplier commits to a shipping date, a
    remake, a replacement or a refund.

    Why it matters: a written promise shows what the supplier itself accepted it owes,
    and a broken one supports the claim.
    """
    channels = manifest_channels(ctx)
    for log, event in log_events(ctx, "supplier-promise", frozenset({"supplier"})):
        yield RULES["M007"].finding(
            f"the supplier commits in {cite(event, log, channels)}: \"{quote(event.quote)}\"",
            event.source,
        )
