"""Generate many varied evidence bundles for the batch benchmark, and one long PDF.

    python bench/make_bundles.py DIR [--bundles 200] [--seed 2026] [--workers N] [--force]
    python bench/make_bundles.py --long-pdf FILE [--pages 500]

Bundles. The three bundles of samples/make_samples.py (strong-quality-claim,
weak-quality-claim, off-platform-payment) are templates; bundle i of DIR is
template i % 3, rendered by the same renderers with its content varied by a
seeded random generator (the same seed and count give the same files):

* every identifier: order, PI, contract, B/L, report, payment and account
  numbers (those that encode a date follow the shifted date);
* the supplier's and the buyer's names (brand, Chinese name, contacts, e-mail
  addresses, phone numbers, model-number prefixes);
* quantities (one factor for the whole bundle) and unit prices (another), so
  line amounts, totals, deposits and fees are recomputed by the generator
  itself; in one bundle of three an extra line item is added;
* every date and time, moved by the same number of days (-11..+3, never 0), so
  each template keeps its designed story against --as-of 2026-11-23 (claim.toml
  keeps as_of = 2026-11-23);
* the photos' noise seed.

How: the template function is run twice, as is and with `Item` and `total_of`
patched to scale and extend the items; comparing the two object trees gives
old -> new pairs for every quantity and amount. Then every string of the varied
tree is rewritten in one pass (identifiers and names, dates in ISO, compact,
dd/mm/yyyy and "15 Oct 2026" forms, and numbers that are old quantities or
amounts), dates and datetimes are shifted, and the documents are rendered.
Text the renderers hard-code goes through the same names and numbers mapping
(FPDF text calls, Pillow text, the e-mail, the XML of DOCX/XLSX files), so a
document never shows the template's order number or company next to the new
ones. The new values are checked not to be old keys, so mapping twice is
harmless. Left as in the templates: carton counts and weights, which a
checker does not cross-check, and, where an item was added, the few chat lines
that list the template's items one by one (their totals are updated).

Every generated file has a distinct SHA-256 (checked after generation, also
against the committed samples), so a cache keyed by file hash is cold for each
bundle. A stamp file (.make_bundles.json) records count, seed and generator
versions: a second call with the same parameters does nothing.

Long PDF: the pages of the sample PDFs (samples/*/...pdf), imported again and
again with pypdfium2 until the document has --pages pages.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import importlib.util
import json
import os
import random
import re
import shutil
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GENERATOR = SAMPLES / "make_samples.py"
STAMP = ".make_bundles.json"
#: Bump when the variation below changes, so that old bundle folders are regenerated.
VARIATION_VERSION = 2
TEMPLATES = ("strong-quality-claim", "weak-quality-claim", "off-platform-payment")
BUNDLE_DIR = re.compile(r"^\d{4}-(?:" + "|".join(TEMPLATES) + ")$")

_GENERATOR_MODULE: Any = None


def generator() -> Any:
    """samples/make_samples.py as a module (loaded once per process, no __pycache__ in samples/)."""
    global _GENERATOR_MODULE
    if _GENERATOR_MODULE is None:
        spec = importlib.util.spec_from_file_location("make_samples", GENERATOR)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
        old, sys.dont_write_bytecode = sys.dont_write_bytecode, True
        try:
            spec.loader.exec_module(module)
        finally:
            sys.dont_write_bytecode = old
        _GENERATOR_MODULE = module
    return _GENERATOR_MODULE


# --------------------------------------------------------------------------------------
# names and identifiers
# --------------------------------------------------------------------------------------

SYLLABLES = [("Hao", "浩"), ("Yu", "宇"), ("Jin", "金"), ("Rui", "瑞"), ("Xin", "鑫"), ("Tai", "泰"),
             ("Long", "龙"), ("Feng", "丰"), ("Sheng", "盛"), ("Hua", "华"), ("Kai", "凯"), ("Yang", "阳"),
             ("Da", "达"), ("Fu", "福"), ("Tong", "通"), ("Hong", "宏"), ("Bo", "博"), ("Chang", "昌"),
             ("Wei", "伟"), ("Ming", "明"), ("Guang", "光"), ("Cheng", "诚"), ("Heng", "恒"), ("Xiang", "祥"),
             ("Jia", "嘉"), ("Yuan", "源"), ("Hui", "辉"), ("Tian", "天")]
CN_SURNAMES = ["Zhou", "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Xu", "Sun", "Ma",
               "Zhu", "Hu", "Guo", "He", "Gao", "Luo", "Song"]
CN_GIVEN = ["Xiaoyang", "Jianguo", "Lihua", "Haitao", "Yanping", "Xiaoli", "Weiming", "Jing", "Fang", "Lei",
            "Qiang", "Min", "Hongmei", "Zhiwei", "Xiaohong", "Yong", "Jun", "Tao", "Dan", "Ying"]
EN_NICKNAMES = ["Sunny", "Cherry", "Lucy", "Nancy", "Judy", "Candy", "Jenny", "Sophie", "Coco", "Vicky"]


def brand_cn(rng: random.Random) -> tuple[str, str, str]:
    """A two-syllable Chinese trade name: (Jinrui, 金瑞, JR)."""
    (a, a_zh), (b, b_zh) = rng.sample(SYLLABLES, 2)
    return a + b.lower(), a_zh + b_zh, a[0] + b[0]


def digits(rng: random.Random, n: int, first: str = "123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def phone_tail(rng: random.Random) -> str:
    return f"{digits(rng, 4)} {digits(rng, 4, '0123456789')}"


def cased(old: str, new: str) -> dict[str, str]:
    """Old -> new for a word as written, in upper case and in lower case."""
    return {old: new, old.upper(): new.upper(), old.lower(): new.lower()}


def strong_names(rng: random.Random, day: Callable[[dt.date], dt.date]) -> dict[str, str]:
    brand, brand_zh, prefix = brand_cn(rng)
    sur, given, nick = rng.choice(CN_SURNAMES), rng.choice(CN_GIVEN), rng.choice(EN_NICKNAMES)
    buyer = rng.choice(["Northfield", "Ridgeline", "Timberline", "Bluecreek", "Pinecrest", "Stonebridge",
                        "Highmark", "Westbrook", "Trailhead", "Redwood", "Clearwater", "Elkhorn"])
    first = rng.choice(["Megan", "Rachel", "Laura", "Emily", "Sarah", "Hannah", "Olivia", "Jessica", "Amanda", "Kelly"])
    last = rng.choice(["Lowell", "Bennett", "Carver", "Donovan", "Ellison", "Foster", "Garrison", "Hale", "Mercer", "Sutton"])
    pi, contract, paid = day(dt.date(2026, 8, 17)), day(dt.date(2026, 8, 19)), day(dt.date(2026, 8, 20))
    shipped, report = day(dt.date(2026, 10, 12)), day(dt.date(2026, 11, 12))
    return {
        "2381093617405528": "23" + digits(rng, 14, "0123456789"),
        "HY-PI-2026-0817": f"{prefix}-PI-{pi:%Y-%m%d}",
        "HY-SC-260819": f"{prefix}-SC-{contract:%y%m%d}",
        "2026082091847730125": f"{paid:%Y%m%d}" + digits(rng, 11),
        "BHLNGB26100347": f"BHLNGB{shipped:%y%m}" + digits(rng, 4, "0123456789"),
        "CDC-DR-118406": "CDC-DR-" + digits(rng, 6),
        "2611-PDX-004387": f"{report:%y%m}-PDX-00" + digits(rng, 4),
        "8856 0213 9904 7718": " ".join(digits(rng, 4) for _ in range(4)),
        "TLLU 5126640": "TLLU " + digits(rng, 7), "BH2610775": "BH" + digits(rng, 7),
        "HY": prefix, **cased("Haoyu", brand), "浩宇": brand_zh,
        "Zhou Xiaoyang": f"{sur} {given}", "Sunny": nick, "sunny.zhou": f"{nick.lower()}.{sur.lower()}",
        **cased("Northfield", buyer), "Megan Lowell": f"{first} {last}", "Megan": first,
        "megan.lowell": f"{first.lower()}.{last.lower()}",
        "+86 574 8688 3021": f"+86 574 {phone_tail(rng)}", "+1 503 555 0147": f"+1 503 555 01{digits(rng, 2, '0123456789')}",
    }


def weak_names(rng: random.Random, day: Callable[[dt.date], dt.date]) -> dict[str, str]:
    brand, brand_zh, prefix = brand_cn(rng)
    first = rng.choice(["Grace", "Vivian", "Cindy", "Amy", "Linda", "Coco", "Helen", "Joyce", "Wendy", "Iris"])
    sur, sur_zh = rng.choice([("Lin", "林"), ("Wu", "吴"), ("Huang", "黄"), ("Zheng", "郑"), ("Xu", "徐"),
                              ("Su", "苏"), ("Ye", "叶"), ("Cai", "蔡"), ("Chen", "陈"), ("Zhang", "张")])
    buyer = rng.choice(["Hartwell", "Ashby", "Whitmore", "Pennington", "Caldwell", "Fairfax", "Holloway", "Langley",
                        "Prescott", "Radcliffe"])
    short, full = rng.choice([("Tom", "Thomas"), ("Ben", "Benjamin"), ("Rob", "Robert"), ("Will", "William"),
                              ("Jim", "James"), ("Nick", "Nicholas"), ("Sam", "Samuel"), ("Matt", "Matthew"),
                              ("Andy", "Andrew"), ("Ed", "Edward")])
    pi, paid, qc, shipped = (day(dt.date(2026, 7, 20)), day(dt.date(2026, 7, 21)), day(dt.date(2026, 8, 24)),
                             day(dt.date(2026, 8, 29)))
    card = digits(rng, 4)
    return {
        "2390517784620931": "23" + digits(rng, 14, "0123456789"),
        "RY-20260720-03": f"{prefix}-{pi:%Y%m%d}-0{rng.randint(1, 9)}",
        "PAY-20260721-7105-4233": f"PAY-{paid:%Y%m%d}-{digits(rng, 4)}-{digits(rng, 4)}",
        "QC-2608-117": f"QC-{qc:%y%m}-{digits(rng, 3)}",
        "SBXMFXT2608291": f"SBXMFXT{shipped:%y%m}{digits(rng, 3)}",
        "TGHU 8841207": "TGHU " + digits(rng, 7), "SB0829114": f"SB{shipped:%m%d}" + digits(rng, 3),
        "•••• 4417": f"•••• {card}", "ending 4417": f"ending {card}",
        "RY": prefix, **cased("Ruiyang", brand), "瑞阳": brand_zh,
        "Grace Lin / 林": f"{first} {sur} / {sur_zh}", "Grace Lin": f"{first} {sur}", **cased("Grace", first),
        **cased("Hartwell", buyer), "Tom": short, "tom": short.lower(), **cased("Thomas", full),
        "+86 138 5092 7716": f"+86 138 {phone_tail(rng)}", "+44 117 496 0312": f"+44 117 496 0{digits(rng, 3, '0123456789')}",
    }


def offplatform_names(rng: random.Random, day: Callable[[dt.date], dt.date]) -> dict[str, str]:
    brand, prefix, brand_zh = rng.choice([
        ("Brightway", "BW", "明途"), ("Lumiway", "LW", "朗途"), ("Clearbeam", "CB", "清光"), ("Sunpeak", "SP", "阳峰"),
        ("Starlite", "SL", "星亮"), ("Glowmax", "GM", "辉迈"), ("Novabright", "NB", "新明"), ("Radiantek", "RT", "瑞光"),
        ("Brightstar", "BS", "明星"), ("Lumatec", "LT", "鲁美")])
    first = rng.choice(["Kevin", "Jason", "Eric", "Leo", "Frank", "Jack", "Tony", "Allen", "Peter", "Steven"])
    sur = rng.choice(["Chen", "Li", "Wang", "Zhang", "Liu", "Yang", "Zhao", "He", "Zhou", "Wu"])
    person = f"{rng.choice(CN_SURNAMES)} {rng.choice(CN_GIVEN)}".upper()
    bird = rng.choice(["Kestrel", "Osprey", "Falcon", "Harrier", "Merlin", "Condor", "Lorikeet", "Currawong",
                       "Jabiru", "Brolga"])
    b_first = rng.choice(["Daniel", "Liam", "Jack", "Noah", "Ethan", "Lucas", "Mason", "Oliver"])
    b_last = rng.choice(["Okafor", "Nguyen", "Patel", "Kowalski", "Fitzgerald", "Moretti", "Andersen", "Tran"])
    pi, deposit, inspected, shipped = (day(dt.date(2026, 7, 31)), day(dt.date(2026, 8, 4)), day(dt.date(2026, 9, 22)),
                                       day(dt.date(2026, 10, 9)))
    return {
        "2412268031957740": "24" + digits(rng, 14, "0123456789"),
        "BW-PI-26-0731": f"{prefix}-PI-{pi:%y-%m%d}",
        "KES-PO-2608-112": f"{bird[:3].upper()}-PO-{deposit:%y%m}-{digits(rng, 3)}",
        "KES-SM-03": f"{bird[:3].upper()}-SM-0{rng.randint(1, 9)}",
        "IMT2608040093517": f"IMT{deposit:%y%m%d}" + digits(rng, 7, "0123456789"),
        "04082026": f"{deposit:%d%m%Y}",
        "VT260922-0815": f"VT{inspected:%y%m%d}-0{digits(rng, 3)}",
        "PCSZSML261009": f"PCSZSML{shipped:%y%m%d}", "ZSML2609187": f"ZSML{shipped:%y%m}{digits(rng, 3)}",
        "652-381907-838": f"{digits(rng, 3)}-{digits(rng, 6)}-{digits(rng, 3)}",
        "PCIU 7731946": "PCIU " + digits(rng, 7), "PC2610093": f"PC{shipped:%y%m}" + digits(rng, 3),
        "BW": prefix, **cased("Brightway", brand), "明途": brand_zh,
        "Kevin Chen": f"{first} {sur}", "kevin.chen": f"{first.lower()}.{sur.lower()}", **cased("Kevin", first),
        "CHEN XIAOMING": person,
        "KES": bird[:3].upper(), **cased("Kestrel", bird), "Daniel Okafor": f"{b_first} {b_last}",
        **cased("Daniel", b_first), "daniel.okafor": f"{b_first.lower()}.{b_last.lower()}",
        "+86 760 2256 8813": f"+86 760 {phone_tail(rng)}", "+61 3 9555 0188": f"+61 3 9555 0{digits(rng, 3, '0123456789')}",
    }


# --------------------------------------------------------------------------------------
# the text mapping
# --------------------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
_MONTH_ALT = "|".join(f"{m[:3]}(?:{m[3:]})?" if len(m) > 3 else m for m in MONTHS)
DATE_PATTERNS = {
    "iso": r"(?<!\d)(?:20\d\d)-\d\d-\d\d(?!\d)",
    "compact": r"(?<!\d)20[23]\d(?:0[1-9]|1[0-2])[0-3]\d(?!\d)",
    "dmy": r"(?<![\d/])\d\d/\d\d/20\d\d(?![\d/])",
    "mon": rf"(?<![\w.])\d{{1,2}} (?:{_MONTH_ALT})\b(?:,? 20\d\d(?!\d))?",
}
#: A number: not part of a word, an identifier (12-34), a path or a phone number; not a measurement.
NUMBER = (r"(?<![\w.,\-/])(?<!\d )(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
          r"(?![\w\-/]|[.,]\d| \d)(?!\s?(?:(?:lm|W|K|mm|cm|ml|g|kg|KGS?|LB|V|h|s|N|CBM|M3|x)\b|[°%×]))")


def _key_pattern(key: str) -> str:
    """A key as a regex: ASCII word boundaries where the key starts or ends with an ASCII word character."""
    edge = re.compile(r"[A-Za-z0-9]")
    return ((r"(?<![A-Za-z0-9])" if edge.match(key[0]) else "") + re.escape(key)
            + (r"(?![A-Za-z0-9])" if edge.match(key[-1]) else ""))


class Mapping:
    """Old -> new text for one bundle: names and identifiers, dates (shifted), quantities and amounts."""

    def __init__(self, names: dict[str, str], shift: int, numbers: dict[Decimal, Decimal]):
        self.names, self.shift, self.numbers = names, shift, numbers
        keys = "|".join(_key_pattern(k) for k in sorted(names, key=len, reverse=True))
        dates = "|".join(f"(?P<{name}>{pattern})" for name, pattern in DATE_PATTERNS.items())
        self._names_only = re.compile(f"(?P<name>{keys})")
        self._render = re.compile(f"(?P<name>{keys})|(?P<num>{NUMBER})")
        self._full = re.compile(f"(?P<name>{keys})|{dates}|(?P<num>{NUMBER})")

    # -- the three passes ------------------------------------------------------------
    def full(self, text: str) -> str:
        """Names, dates and numbers: for the strings of the bundle's object tree (applied once)."""
        return self._full.sub(self._replace, text)

    def render(self, text: str) -> str:
        """Names and numbers, no dates: for text the renderers hard-code (safe to apply twice)."""
        return self._render.sub(self._replace, text) if isinstance(text, str) else text

    def names_only(self, text: str) -> str:
        """Names and identifiers: for XML inside DOCX/XLSX, where numbers are layout."""
        return self._names_only.sub(self._replace, text)

    def _replace(self, match: re.Match) -> str:
        kind, text = match.lastgroup, match.group()
        if kind == "name":
            return self.names[text]
        if kind == "num":
            return self._number(text)
        return self._date(kind, text)

    def _number(self, text: str) -> str:
        whole, _, frac = text.partition(".")
        new = self.numbers.get(Decimal(whole.replace(",", "") + ("." + frac if frac else "")))
        if new is None:
            return text
        places = len(frac) if frac or new == new.to_integral_value() else 2
        places = max(places, 0 if new == new.to_integral_value() else 2)
        comma = "," in whole or (len(whole) < 4 and new >= 1000)
        return f"{new:{',' if comma else ''}.{places}f}"

    def _date(self, kind: str, text: str) -> str:
        delta = dt.timedelta(days=self.shift)
        try:
            if kind == "iso":
                return (dt.date.fromisoformat(text) + delta).isoformat()
            if kind == "compact":
                return f"{dt.datetime.strptime(text, '%Y%m%d').date() + delta:%Y%m%d}"
            if kind == "dmy":
                return f"{dt.datetime.strptime(text, '%d/%m/%Y').date() + delta:%d/%m/%Y}"
        except ValueError:
            return text
        match = re.match(r"(\d{1,2}) ([A-Za-z]+)(,?) ?(\d{4})?", text)
        day, month_text, comma, year = match.groups()
        month = next(n for n, m in enumerate(MONTHS, 1) if month_text.lower().startswith(m[:3].lower()))
        try:
            new = dt.date(int(year or 2026), month, int(day)) + delta
        except ValueError:
            return text
        name = MONTHS[new.month - 1] if len(month_text) > 3 else MONTHS[new.month - 1][:3]
        return f"{new.day} {name}" + (f"{comma} {new.year}" if year else "")

    def idempotent(self) -> bool:
        """True when no new name or number is itself an old key (so mapping twice changes nothing)."""
        if any(self.names_only(new) != new for new in self.names.values()):
            return False
        old = set(self.numbers)
        return not any(new in old and new != key for key, new in self.numbers.items())


# --------------------------------------------------------------------------------------
# varying one bundle
# --------------------------------------------------------------------------------------

QTY_FACTORS = ["0.6", "0.7", "0.75", "0.8", "0.9", "1.1", "1.2", "1.25", "1.3", "1.4", "1.5"]
SHIFTS = [d for d in range(-11, 4) if d != 0]


def extra_items(ms: Any, template: str) -> list[Any]:
    """The line item added to some bundles (twice for the PI and the contract of the third template)."""
    Item = ms.Item
    if template == "strong-quality-claim":
        return [Item("HY-VB750-NV", "Double-wall vacuum bottle 750 ml, SUS304, powder coat Navy (Pantone 533 C), "
                     "laser logo", 600, Decimal("4.85"), "304不锈钢双层真空保温瓶 750ml 藏青色 激光logo")]
    if template == "weak-quality-claim":
        return [Item("RY-B15", "Stoneware bowl, reactive glaze Ocean Blue, good quality. Diameter 15cm", 2000,
                     Decimal("0.95"), "炻瓷碗 窑变釉 海洋蓝")]
    return [Item("BW-PL6060-36", "LED panel light 595 x 595 x 10 mm, 36 W, 4000 K, 3,600 lm, CRI > 80, "
                 "flicker-free driver, SAA/RCM", 800, Decimal("8.90")),
            Item("BW-PL6060-36", "LED panel light 595 x 595 x 10 mm, 36 W, 4000 K", 800, Decimal("8.90"))]


def varied_build(ms: Any, template: str, qty: Decimal, price: Decimal, extra: bool) -> tuple[Any, list[Any]]:
    """Run the template with Item scaled by the factors and, if `extra`, one more line item; return the bundle
    and the items added."""
    build = {"strong-quality-claim": ms.strong_bundle, "weak-quality-claim": ms.weak_bundle,
             "off-platform-payment": ms.offplatform_bundle}[template]
    original_item, original_total = ms.Item, ms.total_of
    extras = extra_items(ms, template) if extra else []
    added: list[Any] = []

    def scaled(model, description, qty_, unit_price, description_zh="", unit="pcs"):
        new_qty = Decimal(qty_) * qty
        assert new_qty == new_qty.to_integral_value(), (model, qty_, qty)
        new_price = (unit_price * price).quantize(Decimal("0.01"), ROUND_HALF_UP)
        return original_item(model, description, int(new_qty), new_price, description_zh, unit)

    def total_of(items, charges=()):
        if extras:
            item = extras.pop(0)
            added.append(scaled(item.model, item.description, item.qty, item.unit_price, item.description_zh))
            items.append(added[-1])
        return original_total(items, charges)

    ms.Item, ms.total_of = scaled, total_of
    try:
        return build(), added
    finally:
        ms.Item, ms.total_of = original_item, original_total


def _numbers(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    return Decimal(str(value))


def number_pairs(base: Any, varied: Any, pairs: dict[Decimal, set[Decimal]]) -> None:
    """Walk two trees built by the same code; collect old -> new for every number that differs."""
    old, new = _numbers(base), _numbers(varied)
    if old is not None and new is not None:
        if old != new:
            pairs.setdefault(old, set()).add(new)
        return
    if dataclasses.is_dataclass(base) and not isinstance(base, type):
        for f in dataclasses.fields(base):
            number_pairs(getattr(base, f.name), getattr(varied, f.name), pairs)
        if hasattr(base, "amount") and hasattr(varied, "amount"):  # Item.amount is a property
            number_pairs(base.amount, varied.amount, pairs)
    elif isinstance(base, dict) and isinstance(varied, dict):
        for key in base.keys() & varied.keys():
            number_pairs(base[key], varied[key], pairs)
    elif isinstance(base, (list, tuple)) and isinstance(varied, (list, tuple)):
        for a, b in zip(base, varied):
            number_pairs(a, b, pairs)


def derived_numbers(template: str, varied: Any) -> dict[Decimal, Decimal]:
    """Figures the templates write as literals but that follow from the varied ones."""
    facts = varied.facts
    total, qty = Decimal(str(facts["order_total"])), int(facts["quantity"])
    if template == "weak-quality-claim":  # the 5% discount offered on the order
        return {Decimal(700): (total * Decimal("0.05")).quantize(Decimal(1), ROUND_HALF_UP)}
    if template == "off-platform-payment":  # 80% packed at inspection; deposit 30% + balance 70%
        packed = int(Decimal(qty) * Decimal("0.8"))
        deposit = Decimal(str(facts["deposit_amount"]))
        return {Decimal(4160): Decimal(packed), Decimal(1040): Decimal(qty - packed), Decimal(35616): total - deposit}
    return {}


def remap_tree(value: Any, mapping: Mapping, extras: dict[Decimal, Decimal]) -> Any:
    """A copy of the object tree with every string mapped, every date shifted, derived literals replaced."""
    if isinstance(value, str):
        return mapping.full(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float, Decimal)):
        new = extras.get(Decimal(str(value)))
        return value if new is None else type(value)(new) if not isinstance(value, Decimal) else new
    if isinstance(value, dt.date):  # also datetime
        return value + dt.timedelta(days=mapping.shift)
    if isinstance(value, dict):
        return {remap_tree(k, mapping, extras): remap_tree(v, mapping, extras) for k, v in value.items()}
    if isinstance(value, list):
        return [remap_tree(v, mapping, extras) for v in value]
    if isinstance(value, tuple):
        return tuple(remap_tree(v, mapping, extras) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: remap_tree(getattr(value, f.name), mapping, extras)
                                             for f in dataclasses.fields(value) if f.init})
    return value  # renderers, drawing functions


def bundle_name(index: int) -> str:
    return f"{index:04d}-{TEMPLATES[index % len(TEMPLATES)]}"


def make_variant(index: int, seed: int) -> tuple[Any, Mapping]:
    """Bundle number `index`: the varied Bundle object and the mapping its renderers' text goes through."""
    ms = generator()
    template = TEMPLATES[index % len(TEMPLATES)]
    rng = random.Random(f"{seed}:{index}")
    base = {"strong-quality-claim": ms.strong_bundle, "weak-quality-claim": ms.weak_bundle,
            "off-platform-payment": ms.offplatform_bundle}[template]()
    names_of = {"strong-quality-claim": strong_names, "weak-quality-claim": weak_names,
                "off-platform-payment": offplatform_names}[template]
    extra = index % 3 == (index // 3) % 3  # one bundle in three, spread over the templates
    for _attempt in range(100):
        shift = rng.choice(SHIFTS)
        qty, price = Decimal(rng.choice(QTY_FACTORS)), Decimal(rng.randint(85, 120)) / 100
        names = names_of(rng, lambda day, shift=shift: day + dt.timedelta(days=shift))
        varied, added = varied_build(ms, template, qty, price, extra)
        pairs: dict[Decimal, set[Decimal]] = {}
        number_pairs(base, varied, pairs)
        if any(len(news) > 1 for news in pairs.values()):
            continue  # one old figure became two different new ones: draw again
        numbers = {old: news.pop() for old, news in pairs.items()
                   if old >= 100 or old != old.to_integral_value()}
        extras = derived_numbers(template, varied)
        numbers.update(extras)
        mapping = Mapping(names, shift, numbers)
        new_figures = {v for item in added for v in (Decimal(item.qty), item.unit_price, item.amount)}
        if mapping.idempotent() and not new_figures & set(numbers):  # an added item's figure is no old key
            break
    else:  # pragma: no cover - the lists above make this practically impossible
        raise RuntimeError(f"bundle {index}: no collision-free variation found")
    bundle = remap_tree(varied, mapping, extras)
    bundle.name = bundle_name(index)
    bundle.claim["as_of"] = ms.d_iso(ms.AS_OF)  # the check date stays the templates' one
    for doc in bundle.docs:
        if doc.kind == "claim_manifest":
            doc.fields["as_of"] = bundle.claim["as_of"]
        if doc.kind == "photo":
            doc.data["seed"] += 7919 * (index + 1)
    return bundle, mapping


# --------------------------------------------------------------------------------------
# rendering with the text layers
# --------------------------------------------------------------------------------------

_ACTIVE: Mapping | None = None


def _install_text_layers(ms: Any) -> None:
    """Route the text the renderers hard-code through the active bundle's mapping (once per process)."""
    if getattr(ms, "_bench_layers", False):
        return
    import fpdf
    from PIL import ImageDraw

    def mapped(position: int, name: str, method: Callable) -> Callable:
        def wrapper(self, *args, **kwargs):
            if _ACTIVE is not None:
                if name in kwargs:
                    kwargs[name] = _ACTIVE.render(kwargs[name])
                elif len(args) > position:
                    args = (*args[:position], _ACTIVE.render(args[position]), *args[position + 1:])
            return method(self, *args, **kwargs)
        return wrapper

    for attr, position, name in (("cell", 2, "text"), ("multi_cell", 2, "text"), ("text", 2, "text"),
                                 ("set_title", 0, "title"), ("set_author", 0, "author")):
        setattr(fpdf.FPDF, attr, mapped(position, name, getattr(fpdf.FPDF, attr)))
    ImageDraw.ImageDraw.text = mapped(1, "text", ImageDraw.ImageDraw.text)

    normalize_zip = ms.normalize_zip

    def remapped_zip(path: Path, modified: str) -> None:
        if _ACTIVE is not None:
            with zipfile.ZipFile(path) as src:
                entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
                for name, data in entries:
                    if name.endswith((".xml", ".rels")):
                        data = _ACTIVE.names_only(data.decode("utf-8")).encode("utf-8")
                    dst.writestr(name, data)
        normalize_zip(path, modified)

    class Message(ms.EmailMessage):
        def __setitem__(self, name, value):
            super().__setitem__(name, _ACTIVE.names_only(value) if _ACTIVE and isinstance(value, str) else value)

        def set_content(self, body, *args, **kwargs):
            super().set_content(_ACTIVE.render(body) if _ACTIVE else body, *args, **kwargs)

    ms.normalize_zip, ms.EmailMessage, ms._bench_layers = remapped_zip, Message, True


def render_bundle(index: int, seed: int, out: Path) -> str:
    """Render bundle `index` into out/<name>; return the name."""
    global _ACTIVE
    ms = generator()
    _install_text_layers(ms)
    bundle, mapping = make_variant(index, seed)
    final, tmp = out / bundle.name, out / f".tmp-{bundle.name}"
    shutil.rmtree(tmp, ignore_errors=True)
    _ACTIVE = mapping
    try:
        for doc in bundle.docs:
            target = tmp / doc.path
            target.parent.mkdir(parents=True, exist_ok=True)
            doc.render(doc, bundle, target)
    finally:
        _ACTIVE = None
    shutil.rmtree(final, ignore_errors=True)
    tmp.rename(final)
    return bundle.name


# --------------------------------------------------------------------------------------
# the folder of bundles, the stamp, the long PDF
# --------------------------------------------------------------------------------------

def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stamp_for(count: int, seed: int) -> dict[str, Any]:
    ms = generator()
    return {"bundles": count, "seed": seed, "variation": VARIATION_VERSION,
            "make_samples_sha256": _sha256(GENERATOR), "make_bundles_sha256": _sha256(Path(__file__)),
            "generator_versions": ms.generator_versions()}


def bundle_files(folder: Path) -> Iterator[Path]:
    for bundle in sorted(p for p in folder.iterdir() if p.is_dir() and BUNDLE_DIR.match(p.name)):
        yield from sorted(p for p in bundle.rglob("*") if p.is_file())


def pdf_files(folder: Path) -> list[Path]:
    """Every PDF of every generated bundle in `folder`."""
    return [p for p in bundle_files(folder) if p.suffix.lower() == ".pdf"]


def check_distinct(folder: Path) -> list[str]:
    """Problems: files with the same SHA-256 (among the bundles, or with a committed sample)."""
    seen: dict[str, Path] = {}
    for path in SAMPLES.glob("*/**/*"):
        if path.is_file() and path.parent != SAMPLES:
            seen[_sha256(path)] = path
    problems = []
    for path in bundle_files(folder):
        digest = _sha256(path)
        if digest in seen:
            problems.append(f"{path} has the same SHA-256 as {seen[digest]}")
        seen[digest] = path
    return problems


def ensure_bundles(folder: Path, count: int = 200, seed: int = 2026, workers: int | None = None,
                   force: bool = False, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Make `folder` hold exactly bundles 0..count-1 for `seed`; skip when its stamp says so already."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = stamp_for(count, seed)
    stamp_path = folder / STAMP
    existing = sorted(p.name for p in folder.iterdir() if p.is_dir() and BUNDLE_DIR.match(p.name))
    names = [bundle_name(i) for i in range(count)]
    if not force and stamp_path.is_file() and existing == names:
        recorded = json.loads(stamp_path.read_text(encoding="utf-8"))
        if {k: v for k, v in recorded.items() if k != "seconds"} == wanted:
            log(f"{count} bundles already in {folder} (seed {seed}); generation skipped")
            return recorded
    stamp_path.unlink(missing_ok=True)
    for name in existing:  # only folders this script names
        shutil.rmtree(folder / name)
    for tmp in folder.glob(".tmp-*"):  # left by an interrupted generation
        if BUNDLE_DIR.match(tmp.name[len(".tmp-"):]):
            shutil.rmtree(tmp)
    workers = workers or os.cpu_count() or 1
    log(f"generating {count} bundles into {folder} with {workers} process(es) ...")
    start = time.perf_counter()
    if workers == 1:
        for i in range(count):
            render_bundle(i, seed, folder)
    else:
        generator()  # loaded before the fork, so the workers inherit it
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(render_bundle, range(count), [seed] * count, [folder] * count, chunksize=4))
    seconds = time.perf_counter() - start
    problems = check_distinct(folder)
    if problems:
        raise RuntimeError("generated files are not all distinct:\n  " + "\n  ".join(problems[:20]))
    files = list(bundle_files(folder))
    log(f"generated {count} bundles, {len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB "
        f"in {seconds:.0f} s; all SHA-256 distinct")
    stamp = {**wanted, "seconds": round(seconds, 1)}
    stamp_path.write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    return stamp


def sample_pdfs() -> list[Path]:
    return sorted(p for p in SAMPLES.glob("*/**/*.pdf") if p.is_file())


def text_sample_pdfs() -> list[Path]:
    """The sample PDFs whose every page has a text layer (pdfium finds characters on it): no scans."""
    import pypdfium2

    def has_text(path: Path) -> bool:
        pdf = pypdfium2.PdfDocument(path)
        try:
            return all(pdf[index].get_textpage().count_chars() > 0 for index in range(len(pdf)))
        finally:
            pdf.close()

    return [pdf for pdf in sample_pdfs() if has_text(pdf)]


def build_long_pdf(path: Path, pages: int = 500, sources: list[Path] | None = None) -> Path:
    """A PDF of `pages` pages made of the sample PDFs' pages, repeated; kept if it already has that many."""
    import pypdfium2

    if path.is_file():
        try:
            existing = pypdfium2.PdfDocument(path)
            ok = len(existing) == pages
            existing.close()
            if ok:
                return path
        except pypdfium2.PdfiumError:
            pass
    sources = sources or sample_pdfs()
    if not sources:
        raise RuntimeError("no PDF to build the long PDF from")
    out = pypdfium2.PdfDocument.new()
    opened = [pypdfium2.PdfDocument(p) for p in sources]
    try:
        while len(out) < pages:
            for src in opened:
                take = min(len(src), pages - len(out))
                if take <= 0:
                    break
                out.import_pages(src, pages=list(range(take)))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        out.save(tmp)
        tmp.replace(path)
    finally:
        out.close()
        for src in opened:
            src.close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, help="where the bundles go")
    parser.add_argument("--bundles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, default=None, help="generator processes (default: CPU count)")
    parser.add_argument("--force", action="store_true", help="regenerate even when the stamp matches")
    parser.add_argument("--long-pdf", type=Path, help="write the long PDF here")
    parser.add_argument("--pages", type=int, default=500, help="pages of the long PDF")
    args = parser.parse_args(argv)
    if args.folder is None and args.long_pdf is None:
        parser.error("give a folder for the bundles, --long-pdf FILE, or both")
    if args.folder is not None:
        ensure_bundles(args.folder, args.bundles, args.seed, args.workers, args.force)
    if args.long_pdf is not None:
        build_long_pdf(args.long_pdf, args.pages)
        print(f"wrote {args.long_pdf} ({args.pages} pages, {args.long_pdf.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
