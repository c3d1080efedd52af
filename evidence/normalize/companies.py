"""Company names: a key to compare them by, and the platform's own entities.

The names of the platform's collection entities and banks are in
data/platform_accounts.json.
"""

from __future__ import annotations

import re
from functools import lru_cache

from evidence.normalize import phrase_alternation
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
