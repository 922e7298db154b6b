"""Personal data that must not be sent: card numbers, passwords, passports, СНИЛС, ИНН, phones, e-mails.

A rule of this kind names a ``detector``, which finds candidates by their shape and checks what can
be checked (Luhn for cards, check digits for СНИЛС and ИНН, the series of a passport); the words
around them are data in the rule file:

- ``context``: regexes of which one must occur within ``window`` characters before the value, when
  ``require_context`` says so (``always``; ``unshaped`` — only for bare digits, not for a value
  written in its own format like ``123-456-789 01``; ``never``);
- ``unless``: regexes that, just before the value, show it is something else («заказ №», «трек»);
- ``allow``: regexes that the normalised value (digits, or a lower-cased address) may match to be
  left alone (toll-free numbers, role mailboxes like ``support@``);
- ``keep``: how many trailing digits the masking fix leaves visible («**** **** **** 5679»).

The ``after-trigger`` detector finds a value right after a trigger phrase: ``triggers`` (regexes),
``separator`` (what may stand between) and ``value`` (the value's regex) — passwords, one-time
codes, CVV. Values listed in the ``privacy_allow`` option (phones, e-mails, domains, numbers: the
company's own) are never reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..context import Context
from ..doc import Doc
from ..errors import ConfigError
from ..finding import Hit, Suggestion
from ..morph import Morph
from ..prefilter import Requirement, possible, required
from ..rule import Rule

KEYS = {"detector", "context", "require_context", "window", "unless", "allow", "keep",
        "triggers", "separator", "value"}
REQUIRE = ("always", "unshaped", "never")

#: A candidate: the value's span and whether it is written in its own distinctive format.
Candidate = tuple[int, int, bool]

# ---------------------------------------------------------------- check digits


def digits(text: str) -> str:
    return "".join(ch for ch in text if "0" <= ch <= "9")


def luhn(number: str) -> bool:
    """The Luhn checksum of bank card numbers."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def inn_valid(number: str) -> bool:
    """ИНН: 10 digits (organisation) or 12 (person) with their check digits."""
    def check(weights: tuple[int, ...]) -> int:
        return sum(w * int(d) for w, d in zip(weights, number[:len(weights)], strict=True)) % 11 % 10

    if len(number) == 10:
        return check((2, 4, 10, 3, 5, 9, 4, 6, 8)) == int(number[9])
    if len(number) == 12:
        return (check((7, 2, 4, 10, 3, 5, 9, 4, 6, 8)) == int(number[10])
                and check((3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)) == int(number[11]))
    return False


def snils_valid(number: str) -> bool:
    """СНИЛС: 9 digits and a two-digit checksum (numbers up to 001-001-998 carry none)."""
    if len(number) != 11 or int(number[:9]) <= 1001998:
        return False
    total = sum(int(d) * (9 - i) for i, d in enumerate(number[:9]))
    return total % 101 % 100 == int(number[9:])


def passport_series_valid(series: str, today: date | None = None) -> bool:
    """A Russian passport series: a region code (01–99) and the two-digit year the blank was printed."""
    if len(series) != 4 or series[:2] == "00":
        return False
    year = int(series[2:])
    now = (today or date.today()).year % 100
    return year >= 97 or year <= now + 1


def account_key_valid(account: str, bik: str) -> bool:
    """The control key of a Russian bank account, checked against the bank's БИК."""
    weights = (7, 1, 3) * 8
    return sum(int(d) * w % 10 for d, w in zip(bik[-3:] + account, weights[:23], strict=True)) % 10 == 0


# ---------------------------------------------------------------- shapes

_SEP = r"[ \u00a0-]"
# Not a piece of a longer run of digit groups («… 1234 5678 …» is one number, not two).
_FROM = r"(?<![\w+/.,-])(?<!\d[ \u00a0-])"
_TO = r"(?![\w/]|[.,-]\d|[ \u00a0-]\d)"
_CARD = re.compile(
    rf"{_FROM}(?:\d{{4}}(?:{_SEP}\d{{4}}){{2,3}}(?:{_SEP}\d{{1,3}})?|\d{{4}}{_SEP}\d{{6}}{_SEP}\d{{4,5}}"
    r"|\d{13,19})(?![\w/]|[.,-]\d)"
)
_PASSPORT = re.compile(_FROM + r"(\d{2} ?\d{2})[ \u00a0,]*(?:№|N|номер|#)?[ \u00a0:]*(\d{6})" + _TO)
_SNILS_SHAPED = re.compile(_FROM + r"\d{3}-\d{3}-\d{3}[ \u00a0-]\d{2}" + _TO)
_SNILS_BARE = re.compile(_FROM + r"(?:\d{3} \d{3} \d{3} \d{2}|\d{11})" + _TO)
_INN = re.compile(_FROM + r"(?:\d{12}|\d{10})" + _TO)
_PHONE = re.compile(
    _FROM + r"(?:(?:\+7|8|7)[ \u00a0-]?\(?\d{3}\)?[ \u00a0-]?\d{3}[ \u00a0-]?\d{2}[ \u00a0-]?\d{2}"
    r"|\+(?!7)\d{1,3}[ \u00a0-]?\(?\d{2,4}\)?(?:[ \u00a0-]?\d{2,4}){2,3})" + _TO
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zа-я]{2,}(?![\w-])", re.IGNORECASE)
_ACCOUNT = re.compile(
    _FROM + r"(?:\d{20}|\d{5}[ .\u00a0-]?\d{3}[ .\u00a0-]?\d[ .\u00a0-]?\d{4}[ .\u00a0-]?\d{7})" + _TO
)
_DIGIT = re.compile(r"\d")
_BIK = re.compile(r"бик\W{0,3}(04\d{7})(?!\d)", re.IGNORECASE)


#: The word «карта» just before a number: «номер карты 4276 …», «карта: …».
_CARD_WORD = re.compile(r"карт\w*\W{0,3}(?:№|номер\w*)?\W{0,3}$", re.IGNORECASE)
_CARD_WORD_REACH = 24


def _cards(view: str) -> Iterator[Candidate]:
    for m in _CARD.finditer(view):
        number = digits(m.group())
        grouped = not m.group().isdigit()
        # Cards start with 2–6 (Мир, Visa, Mastercard, Maestro, UnionPay, Amex, JCB) and pass Luhn; a number
        # written in groups right after «карта» is one too, mistyped or not: still a card's digits to hide.
        if 13 <= len(number) <= 19 and number[0] in "23456" and (
                luhn(number) or (grouped and _CARD_WORD.search(view, max(0, m.start() - _CARD_WORD_REACH),
                                                                m.start()))):
            yield m.start(), m.end(), grouped


def _passports(view: str) -> Iterator[Candidate]:
    for m in _PASSPORT.finditer(view):
        if passport_series_valid(digits(m.group(1))) and int(m.group(2)) > 0:
            yield m.start(), m.end(), False


def _snils(view: str) -> Iterator[Candidate]:
    for shaped, regex in ((True, _SNILS_SHAPED), (False, _SNILS_BARE)):
        for m in regex.finditer(view):
            if snils_valid(digits(m.group())):
                yield m.start(), m.end(), shaped


def _inns(view: str) -> Iterator[Candidate]:
    for m in _INN.finditer(view):
        if inn_valid(m.group()):
            yield m.start(), m.end(), False


def _phones(view: str) -> Iterator[Candidate]:
    for m in _PHONE.finditer(view):
        yield m.start(), m.end(), True


def _emails(view: str) -> Iterator[Candidate]:
    for m in _EMAIL.finditer(view):
        yield m.start(), m.end(), True


def _accounts(view: str) -> Iterator[Candidate]:
    banks = [m.group(1) for m in _BIK.finditer(view)]
    for m in _ACCOUNT.finditer(view):
        number = digits(m.group())
        # With a БИК in the text the account's control key can be checked; a typo is not an account.
        if banks and not any(account_key_valid(number, bik) for bik in banks):
            continue
        yield m.start(), m.end(), False


SHAPES: dict[str, Callable[[str], Iterator[Candidate]]] = {
    "card": _cards, "passport": _passports, "snils": _snils, "inn": _inns, "phone": _phones,
    "email": _emails, "account": _accounts,
}
#: The fewest digits a match of each shape holds (a phone abroad: «+1 23 45 67»): a text with fewer is skipped.
FEWEST_DIGITS = {"card": 12, "passport": 10, "snils": 11, "inn": 10, "phone": 7, "email": 0, "account": 20}
DETECTORS = (*SHAPES, "after-trigger")


# ---------------------------------------------------------------- masking


def mask(value: str, keep: int = 0, *, email: bool = False, whole: bool = False) -> str:
    """``value`` with its digits starred (its mailbox for an e-mail, all of it if ``whole``), same length."""
    if email and "@" in value:
        local, _, domain = value.partition("@")
        return local[:1] + "*" * (len(local) - 1) + "@" + domain
    total = sum(ch.isdigit() for ch in value)
    if whole or not total:
        return "".join("*" if not ch.isspace() else ch for ch in value)
    out, seen = [], 0
    for ch in value:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen > total - keep else "*")
        else:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class Allowed:
    """The company's own contacts and numbers, from the ``privacy_allow`` option."""

    numbers: frozenset[str]
    addresses: frozenset[str]
    domains: frozenset[str]

    @classmethod
    def parse(cls, raw: Any) -> Allowed:
        if raw is None:
            raw = []
        if isinstance(raw, str) or not isinstance(raw, (list, tuple)) or \
                not all(isinstance(i, str) for i in raw):
            raise ConfigError("privacy_allow: ожидается список телефонов, адресов, доменов или номеров")
        numbers, addresses, domains = set(), set(), set()
        for item in raw:
            item = item.strip().lower()
            if "@" in item.lstrip("@"):
                addresses.add(item)
            elif re.search(r"[a-zа-я]", item):
                domains.add(item.lstrip("@").lstrip("."))
            elif len(digits(item)) >= 5:
                numbers.add(_phone_key(digits(item)))
        return cls(frozenset(numbers), frozenset(addresses), frozenset(domains))

    def covers(self, value: str) -> bool:
        lower = value.lower()
        if "@" in lower:
            domain = lower.rsplit("@", 1)[1]
            within = any(domain == d or domain.endswith(f".{d}") for d in self.domains)
            return within or lower in self.addresses
        return _phone_key(digits(value)) in self.numbers


def _phone_key(number: str) -> str:
    # +7 916…, 8 916… and 916… are the same Russian number.
    return number[-10:] if len(number) == 11 and number[0] in "78" else number


# ---------------------------------------------------------------- the check


@dataclass(frozen=True)
class PrivacyCheck:
    rule: Rule
    detector: str
    context: tuple[re.Pattern[str], ...]
    require_context: str
    window: int
    unless: tuple[re.Pattern[str], ...]
    allow: tuple[re.Pattern[str], ...]
    keep: int
    triggers: tuple[re.Pattern[str], ...]
    value: re.Pattern[str] | None
    allowed: Allowed
    #: For each trigger, the literals it cannot match without (``tonecheck.prefilter``).
    gates: tuple[tuple[Requirement, ...], ...] = field(init=False, compare=False, repr=False)
    #: Whether the value cannot match without a digit (codes, CVV; not passwords).
    value_needs_digit: bool = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "gates", tuple(map(required, self.triggers)))
        needs = required(self.value) if self.value is not None else ()
        object.__setattr__(self, "value_needs_digit", any(r.pattern == r"\d" for r in needs))

    def run(self, doc: Doc, ctx: Context) -> Iterable[Hit]:
        # Most replies hold no digit and no «@»: then nothing is searched and no generator is made.
        count, at = _marks(doc)
        if self.detector == "email":
            possible_here = at
        elif self.detector == "after-trigger":
            possible_here = count > 0 or not self.value_needs_digit
        else:
            possible_here = count >= FEWEST_DIGITS[self.detector]
        return self._hits(doc, count > 0) if possible_here else ()

    def _hits(self, doc: Doc, digit: bool) -> Iterator[Hit]:
        view = doc.view
        for start, end, shaped in self.candidates(view, digit):
            text = doc.text[start:end]
            before = view[max(0, start - self.window):start]
            if any(rx.search(before) for rx in self.unless):
                continue
            need = self.require_context == "always" or (self.require_context == "unshaped" and not shaped)
            if need and not any(rx.search(before) for rx in self.context):
                continue
            key = text.lower() if self.detector == "email" else digits(text)
            if any(rx.search(key) for rx in self.allow) or self.allowed.covers(text):
                continue
            masked = mask(text, self.keep, email=self.detector == "email",
                          whole=self.detector == "after-trigger")
            fixable = self.rule.fix_safety != "none"
            suggestions = (Suggestion(masked, start, end, safe=False),) if fixable else ()
            yield Hit(start, end, suggestions, data={"masked": masked})

    def candidates(self, view: str, digits: bool | None = None) -> Iterator[Candidate]:
        """Candidate values in ``view``; ``digits``, when known, says whether the view has any digit."""
        if digits is None:
            digits = _DIGIT.search(view) is not None
        if self.detector != "after-trigger":
            # Every shape but an e-mail is made of digits: most replies have none and are done at once.
            if ("@" in view) if self.detector == "email" else digits:
                yield from SHAPES[self.detector](view)
            return
        assert self.value is not None
        if self.value_needs_digit and not digits:
            return  # a code or CVV is digits: without any, no trigger needs looking for
        taken = -1
        for trigger, gate in zip(self.triggers, self.gates, strict=True):
            if not possible(gate, view):
                continue
            for m in trigger.finditer(view):
                v = self.value.match(view, m.end())
                if v and v.end() > v.start() and v.start() >= taken:
                    start, end = v.span(1)
                    taken = end
                    yield start, end, True


def _marks(doc: Doc) -> tuple[int, bool]:
    """How many digits the view has and whether it has an «@», found once per text for all the privacy rules."""
    marks = doc.memo.get("privacy:marks")
    if marks is None:
        marks = doc.memo["privacy:marks"] = (len(_DIGIT.findall(doc.view)), "@" in doc.view)
    return marks  # type: ignore[return-value]


def _regexes(rule: Rule, key: str) -> tuple[re.Pattern[str], ...]:
    raw = rule.spec.get(key, []) or []
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(r, str) for r in raw):
        raise rule.error(key, "ожидается список регулярных выражений")
    out = []
    for source in raw:
        try:
            out.append(re.compile(source, re.IGNORECASE))
        except re.error as exc:
            raise rule.error(key, f"ошибка в выражении {source!r}: {exc}") from None
    return tuple(out)


def compile(rule: Rule, analyzer: Morph, options: Mapping[str, Any] | None = None) -> PrivacyCheck:
    detector = rule.spec.get("detector")
    if detector not in DETECTORS:
        raise rule.error("detector", f"ожидается один из {', '.join(DETECTORS)}")
    require = rule.spec.get("require_context", "never")
    if require not in REQUIRE:
        raise rule.error("require_context", f"ожидается одно из {', '.join(REQUIRE)}")
    context = _regexes(rule, "context")
    if require != "never" and not context:
        raise rule.error("context", "нужны слова контекста, раз он обязателен")
    window = rule.spec.get("window", 40)
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise rule.error("window", "ожидается целое число символов ≥ 1")
    keep = rule.spec.get("keep", 0)
    if isinstance(keep, bool) or not isinstance(keep, int) or not 0 <= keep <= 6:
        raise rule.error("keep", "ожидается целое число от 0 до 6")
    triggers: tuple[re.Pattern[str], ...] = ()
    value = None
    if detector == "after-trigger":
        triggers = _regexes(rule, "triggers")
        if not triggers:
            raise rule.error("triggers", "нужен список выражений-триггеров")
        separator = rule.spec.get("separator", r"\s*[:=—–-]?\s*")
        source = rule.spec.get("value")
        if not isinstance(separator, str) or not isinstance(source, str) or not source:
            raise rule.error("value", "нужны строки separator и value")
        try:
            value = re.compile(f"(?:{separator})({source})", re.IGNORECASE)
        except re.error as exc:
            raise rule.error("value", f"ошибка в выражении: {exc}") from None
    else:
        for key in ("triggers", "separator", "value"):
            if key in rule.spec:
                raise rule.error(key, "бывает только у детектора after-trigger")
    allowed = Allowed.parse((options or {}).get("privacy_allow"))
    return PrivacyCheck(rule, detector, context, require, window, _regexes(rule, "unless"),
                        _regexes(rule, "allow"), keep, triggers, value, allowed)
