"""SMS length in billing segments: GSM-7 fits 160 characters (153 per part of a long message); one
Cyrillic letter switches the whole message to UCS-2: 70 characters (67 per part)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..context import Context
from ..doc import Doc
from ..finding import Hit
from ..morph import Morph
from ..rule import Rule

KEYS = {"limit"}

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
    "abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = frozenset("^{}\\[~]|€\f")  # two septets each
SINGLE = {"GSM-7": 160, "UCS-2": 70}
PART = {"GSM-7": 153, "UCS-2": 67}


@dataclass(frozen=True, slots=True)
class Segments:
    encoding: str
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    count: int
    boundaries: tuple[int, ...]  # character offsets where parts 2, 3, … begin


def _unit(ch: str, encoding: str) -> int:
    if encoding == "GSM-7":
        return 2 if ch in GSM_EXTENDED else 1
    return 2 if ord(ch) > 0xFFFF else 1


def segments(text: str) -> Segments:
    """How an SMS with ``text`` is split and billed."""
    encoding = "GSM-7" if all(ch in GSM_BASIC or ch in GSM_EXTENDED for ch in text) else "UCS-2"
    units = sum(_unit(ch, encoding) for ch in text)
    if units <= SINGLE[encoding]:
        return Segments(encoding, units, 1 if text else 0, ())
    part, used, boundaries = PART[encoding], 0, []
    for i, ch in enumerate(text):
        width = _unit(ch, encoding)
        if used + width > part:  # a character is never split between two parts
            boundaries.append(i)
            used = 0
        used += width
    return Segments(encoding, units, len(boundaries) + 1, tuple(boundaries))


def parts_word(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "часть"
    return "части" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "частей"


@dataclass(frozen=True)
class SmsCheck:
    rule: Rule
    limit: int

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        text = doc.text.strip()
        seg = segments(text)
        if seg.count <= self.limit:
            return
        offset = len(doc.text) - len(doc.text.lstrip())
        start = offset + seg.boundaries[self.limit - 1]
        yield Hit(
            start,
            offset + len(text),
            message=(
                f"SMS займёт {seg.count} {parts_word(seg.count)} (больше {self.limit}): {seg.units} символов "
                f"в кодировке {seg.encoding}, по {PART[seg.encoding]} в части"
            ),
            data={"segments": seg.count, "encoding": seg.encoding, "length": seg.units},
        )

    def measure(self, doc: Doc, ctx: Context) -> dict[str, Any]:
        seg = segments(doc.text.strip())
        return {"sms_segments": seg.count, "sms_encoding": seg.encoding, "sms_length": seg.units}


def compile(rule: Rule, analyzer: Morph) -> SmsCheck:
    limit = rule.spec.get("limit", 2)
    if not isinstance(limit, int) or limit < 1:
        raise rule.error("limit", "ожидается целое число частей ≥ 1")
    return SmsCheck(rule, limit)
