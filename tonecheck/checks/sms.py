"""SMS length in billing segments: GSM-7 fits 160 characters (153 per part of a long message); one
Cyrillic letter switches the whole message to UCS-2: 70 characters (67 per part).

A template's placeholders are counted as the customer will get them: a typical value in their place
(``placeholder_lengths`` by the placeholder's name, ``{{ customer.first_name }}`` → 10 characters;
``Config.options["sms_placeholder_lengths"]`` adds or changes names), Jinja blocks and comments as
nothing. The encoding is decided by the template's own text; the length is then an estimate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..context import Context
from ..doc import Doc
from ..errors import ConfigError
from ..finding import Hit
from ..morph import Morph
from ..rule import Rule
from ..template import placeholder_name

KEYS = {"limit", "placeholder_lengths"}
#: ``Config.options`` keys this kind reads.
OPTIONS = {"sms_placeholder_lengths"}
DEFAULT_LENGTH = "default"
#: Template logic and comments (``{% if %}``, ``{# … #}``) print nothing.
_SILENT = re.compile(r"^\{[%#]")
#: A filler that is one unit in either encoding: the encoding is the template text's own.
_FILLER = "x"

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
    return segments_of(text, encoding_of(text))


def parts_word(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "часть"
    return "части" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "частей"


def segments_of(text: str, encoding: str) -> Segments:
    """How ``text`` is split when the encoding is already known (a template's estimate)."""
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


def encoding_of(text: str) -> str:
    return "GSM-7" if all(ch in GSM_BASIC or ch in GSM_EXTENDED for ch in text) else "UCS-2"


@dataclass(frozen=True, slots=True)
class Estimate:
    """The SMS as sent: ``text`` with typical values for placeholders, ``origin[i]`` the file offset of ``text[i]``."""

    text: str
    origin: tuple[int, ...]
    encoding: str
    placeholders: int


def typical_length(name: str, lengths: Mapping[str, int]) -> int:
    """A placeholder's typical value length by its name: the whole name, its last part, or its ending."""
    last = name.rsplit(".", 1)[-1]
    for key in (name, last):
        if key in lengths:
            return lengths[key]
    endings = [key for key in lengths if key != DEFAULT_LENGTH and last.endswith(key)]
    if endings:
        return lengths[max(endings, key=len)]
    return lengths.get(DEFAULT_LENGTH, 10)


def estimate(doc: Doc, lengths: Mapping[str, int]) -> Estimate:
    """Placeholders replaced by fillers of their typical length, blocks and comments dropped."""
    text, at = doc.text, 0
    pieces: list[str] = []
    origin: list[int] = []
    literal = []
    for start, stop in doc.placeholders:
        if start < at:  # nested in a placeholder already replaced
            continue
        pieces.append(text[at:start])
        literal.append(text[at:start])
        origin.extend(range(at, start))
        raw = text[start:stop]
        width = 0 if _SILENT.match(raw) else typical_length(placeholder_name(raw), lengths)
        pieces.append(_FILLER * width)
        origin.extend([start] * width)
        at = stop
    pieces.append(text[at:])
    literal.append(text[at:])
    origin.extend(range(at, len(text)))
    joined = "".join(pieces)
    # Trim as the message is sent, keeping the map in step.
    lead = len(joined) - len(joined.lstrip())
    body = joined.strip()
    return Estimate(body, tuple(origin[lead : lead + len(body)]), encoding_of("".join(literal).strip()),
                    len(doc.placeholders))


@dataclass(frozen=True)
class SmsCheck:
    rule: Rule
    limit: int
    lengths: Mapping[str, int] = field(default_factory=dict)

    def _measure(self, doc: Doc) -> tuple[Segments, Estimate | None]:
        if not doc.placeholders:
            return segments(doc.text.strip()), None
        est = estimate(doc, self.lengths)
        return segments_of(est.text, est.encoding), est

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        seg, est = self._measure(doc)
        if seg.count <= self.limit:
            return
        message = (f"SMS займёт {seg.count} {parts_word(seg.count)} (больше {self.limit}): {seg.units} символов "
                   f"в кодировке {seg.encoding}, по {PART[seg.encoding]} в части")
        if est is None:
            offset = len(doc.text) - len(doc.text.lstrip())
            start, stop = offset + seg.boundaries[self.limit - 1], offset + len(doc.text.strip())
        else:
            start, stop = est.origin[seg.boundaries[self.limit - 1]], len(doc.text.rstrip())
            message = message.replace("займёт", "займёт примерно", 1) + (
                " — это оценка: заполнители посчитаны по типичной длине значения (имя — "
                f"{typical_length('name', self.lengths)} символов)")
        yield Hit(start, stop, message=message,
                  data={"segments": seg.count, "encoding": seg.encoding, "length": seg.units,
                        "estimate": est is not None})

    def measure(self, doc: Doc, ctx: Context) -> dict[str, Any]:
        seg, est = self._measure(doc)
        return {"sms_segments": seg.count, "sms_encoding": seg.encoding, "sms_length": seg.units,
                "sms_estimate": est is not None}


def _lengths(raw: Any) -> dict[str, int] | None:
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 0 for k, v in raw.items()
    ):
        return None
    return {k.lower(): v for k, v in raw.items()}


def compile(rule: Rule, analyzer: Morph, options: Mapping[str, Any] | None = None) -> SmsCheck:
    limit = rule.spec.get("limit", 2)
    if not isinstance(limit, int) or limit < 1:
        raise rule.error("limit", "ожидается целое число частей ≥ 1")
    lengths = _lengths(rule.spec.get("placeholder_lengths", {}))
    if lengths is None:
        raise rule.error("placeholder_lengths", "ожидается словарь «имя заполнителя: длина значения» (целое ≥ 0)")
    raw = (options or {}).get("sms_placeholder_lengths")
    if raw is not None:
        extra = _lengths(raw)
        if extra is None:
            raise ConfigError(
                f"sms_placeholder_lengths: ожидается таблица «имя заполнителя = длина значения» (целое ≥ 0), "
                f"получено {raw!r}")
        lengths = {**lengths, **extra}
    return SmsCheck(rule, limit, lengths)
