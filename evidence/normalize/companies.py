"""Company names: a key to compare them by, and the platform's own entities.

The names of the platform's collection entities and banks are in
data/platform_accounts.json.
"""

from __future__ import annotations

import re
from functools import lru_cache

from evidence.phrases import phrase_alternation
from evidence.reference_data import load_data

_COMPANY_SUFFIX = re.compile(
    r"\b(co\.?,?\s*ltd\.?|company\s+limited|limited|ltd\.?|llc|inc\.?|corp\.?|corporation|gmbh|"
    r"pty\.?\s*ltd\.?|s\.?a\.?|b\.?v\.?|plc|有限公司|有限责任公司|股份有限公司|公司|厂)",
    re.IGNORECASE,
)


def company_key(name: str) -> str:
    """Given a company name, return a key that ignores case, punctuation and legal suffixes."""
    key = _COMPANY_SUFFIX.sub(" ", name.lower())
    return re.sub(r"[^0-9a-z\u4e00-\u9fff]+", " ", key).strip()


def is_platform_account(name: str, bank: str = "", context: str = "") -> bool:
    """Given a beneficiary's name (and its bank and the text around them), return True for the platform's account.

    The platform's collection entities are known by name; a platform bank
    counts only with words that say the account is the platform's (`context`).
    """
    if name and _platform_pattern("beneficiary_names").search(name):
        return True
    return bool(bank and _platform_pattern("banks").search(bank) and _platform_pattern("bank_context").search(context))


@lru_cache(maxsize=None)
def _platform_pattern(key: str) -> re.Pattern[str]:
    return re.compile(phrase_alternation(tuple(load_data("platform_accounts.json")[key])), re.IGNORECASE)


def is_person(name: str) -> bool:
    """Given a beneficiary name, return True when it reads as a private person, not a company.

    A personal title decides; else any legal form or business word makes it a
    company; else two to four name words ('CHEN XIAOMING', 'Li Wei') or two to
    four Chinese characters make it a person.
    """
    cues = load_data("payment_channels.json")["person_cues"]
    lowered = name.strip().lower()
    words = [word for word in re.split(r"[\s,]+", lowered) if word]
    if has_personal_title(name):
        return True
    business = cues["business_words"]
    # A business word counts in the plural too ('XYZ SUPPLIERS', 'ACME TRADERS').
    if any(word.strip(".()") in business or word.strip(".()").removesuffix("s") in business for word in words):
        return False
    if any(w in name for w in business if not w.isascii()):
        return False
    if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name.strip()):
        return True
    return 2 <= len(words) <= 4 and all(re.fullmatch(r"[a-z][a-z'\-]*\.?", word) for word in words)


def has_personal_title(name: str) -> bool:
    """Given a name, return True when it starts with a personal title ("Mr. Li", "MR.ABEL ROCKSAWL", "Dr Wang").

    A titled name is a person: a signatory or contact, never a company.
    """
    lowered = name.strip().lower()
    first = re.split(r"[\s,]+|(?<=\.)", lowered, maxsplit=1)[0]
    titles = load_data("payment_channels.json")["person_cues"]["titles"]
    return first in titles or any(lowered.startswith(title) for title in titles if not title.isascii())
