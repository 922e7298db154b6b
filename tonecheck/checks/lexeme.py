"""Words found by their roots in the text as a person reads it: «п.и.з.д.а», «xyй», «з@е6али», «бляяя».

The text is first *read* (see ``read``): invisible characters dropped, letters lower-cased with ё = е,
Latin and digit look-alikes inside Cyrillic words turned into Cyrillic letters (x → х, 6 → б, @ → а),
separators inside a word (п.и.з.д, б-л-я) and between single letters (х у й) removed, repeated letters
collapsed (хуууй → хуй). Every letter of a reading keeps its offset in the original text.

A rule lists ``lexemes``. Each is a ``root`` (a regular expression over the reading) with what may
stand before it (``prefixes``, chained: «на-ху-й», «от-ъ-еб-ись») and after it (``after``: the rest of
the word must begin with this expression; ``$`` is the end of the word), and exceptions (``unless``:
whole words). A word pymorphy3 knows whose lemmas the lexeme does not match (рубля → рубль) is left
alone. The fix deletes the word, tidying commas and capitals, or puts ``replace`` in its place.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..context import Context
from ..doc import Doc
from ..finding import Hit, Suggestion
from ..fix import match_case
from ..morph import Analysis, Morph
from ..rule import Rule

KEYS = {"lexemes", "prefixes", "unless", "replace"}
LEXEME_KEYS = {"root", "after", "prefixes", "extra_prefixes", "unless", "replace"}

#: What a letter-like character inside a Cyrillic word stands for; the first choice is the likeliest.
LOOKALIKES: dict[str, str] = {
    "a": "а", "b": "бьв", "c": "с", "d": "д", "e": "е", "f": "ф", "g": "дг", "h": "хн", "i": "и",
    "j": "й", "k": "к", "l": "л", "m": "мт", "n": "пн", "o": "о", "p": "рп", "r": "гр", "s": "с",
    "t": "т", "u": "иуц", "v": "в", "w": "ш", "x": "х", "y": "уй", "z": "з",
    "0": "о", "3": "з", "4": "ч", "6": "б", "8": "в", "9": "я", "@": "а", "$": "с", "€": "е",
    "ё": "е", "і": "и", "ї": "и", "є": "е", "ґ": "г", "ў": "у",
}
MASK = "*"  # a letter hidden on purpose: «х*й»; rules can match it as ``\*``
GLYPH = "a-z0-9а-яёіїєґў@$€" + re.escape(MASK)
SEPARATORS = r".\-_'`\"~+|/\\^•·"
WORD = re.compile(f"[{GLYPH}]+(?:[{SEPARATORS}]+[{GLYPH}]+)*")
# Single letters spaced out: «х у й», «п, и, з, д, а», «б. л. я».
SPACED = re.compile(f"(?<![{GLYPH}])[{GLYPH}](?:[ \t,{SEPARATORS}]+[{GLYPH}](?![{GLYPH}])){{2,}}")
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
                       "\u2060-\u2064\u206a-\u206f\ufe00-\ufe0f\ufeff\u0300-\u036f\u0483-\u0489]")
CYRILLIC = re.compile("[а-яё]")
MAX_READINGS = 8
PREFIX_SIGNS = "[ъь]?"  # «объебать», «подъебнуть», misspelt «обьебать»


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a written word: its letters and, for each, the offset in the original text."""

    text: str  # de-obfuscated, repeated letters collapsed
    plain: str  # de-obfuscated, letters as written (for the dictionary)
    offsets: tuple[int, ...]
    start: int  # the written word in the original text, separators included
    stop: int


@dataclass(frozen=True, slots=True)
class Word:
    """A written word and its readings, the likeliest first."""

    start: int
    stop: int
    readings: tuple[Reading, ...]


def _clean(text: str) -> tuple[str, list[int]]:
    """Lower-cased text without invisible characters, and the original offset of each character."""
    lowered = text.lower()
    if len(lowered) == len(text) and not INVISIBLE.search(text):
        return lowered.replace("ё", "е"), list(range(len(text)))
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if INVISIBLE.match(ch):
            # A combining mark may belong to the letter: и + ◌̆ is й.
            if chars and unicodedata.category(ch) == "Mn":
                composed = unicodedata.normalize("NFC", chars[-1] + ch)
                if len(composed) == 1:
                    chars[-1] = composed.lower()
            continue
        low = ch.lower()
        chars.append(low[0] if len(low) != 1 else low)
        offsets.append(i)
    return "".join(chars).replace("ё", "е"), offsets


def _variants(letters: list[str], cyrillic: bool) -> list[list[str]]:
    """The likeliest spellings of ``letters`` in Cyrillic, at most MAX_READINGS of them."""
    if not cyrillic:
        return [letters]
    options = [LOOKALIKES.get(ch, ch) for ch in letters]
    ambiguous = [i for i, o in enumerate(options) if len(o) > 1]
    if not ambiguous:
        return [[o for o in options]]
    out = []
    for combo in itertools.product(*(options[i] for i in ambiguous)):
        variant = [o[0] for o in options]
        for i, ch in zip(ambiguous, combo):
            variant[i] = ch
        out.append(variant)
        if len(out) == MAX_READINGS:
            break
    return out


def _reading(letters: list[str], offsets: list[int], start: int, stop: int) -> Reading:
    # Masks as separators: «п*и*з*д*а» alternates letters and stars.
    if len(letters) >= 5 and all(ch == MASK for ch in letters[1::2]) and MASK not in letters[::2]:
        letters, offsets = letters[::2], offsets[::2]
    text: list[str] = []
    kept: list[int] = []
    for ch, off in zip(letters, offsets):
        if text and text[-1] == ch:
            continue
        text.append(ch)
        kept.append(off)
    return Reading("".join(text), "".join(letters), tuple(kept), start, stop)


def _segment_letters(clean: str, pos: list[int], a: int, b: int, cyrillic: bool) -> Iterator[list[str]]:
    """Each variant of the letters in ``clean[a:b]``, separators dropped."""
    letters: list[str] = []
    for piece in re.finditer(f"[{GLYPH}]+", clean[a:b]):
        chunk = list(piece.group())
        # A Latin word inside a Cyrillic one («Hyundai-сервис») stays Latin; single letters follow the word.
        if cyrillic and len(chunk) > 1 and not CYRILLIC.search(piece.group()):
            chunk = [f"\x00{ch}" for ch in chunk]
        letters.extend(chunk)
    plain = [ch[1:] if ch.startswith("\x00") else ch for ch in letters]
    fixed = [ch.startswith("\x00") for ch in letters]
    for variant in _variants(plain, cyrillic):
        yield [p if f else v for v, p, f in zip(variant, plain, fixed)]


def _word(clean: str, pos: list[int], a: int, b: int) -> Word | None:
    span = clean[a:b]
    cyrillic = bool(CYRILLIC.search(span))
    if not cyrillic and not any(ch.isalpha() for ch in span):
        return None
    glyph_at = [a + m.start() for m in re.finditer(f"[{GLYPH}]", span)]
    offsets = [pos[i] for i in glyph_at]
    start, stop = pos[a], pos[b - 1] + 1
    readings: list[Reading] = []
    seen: set[str] = set()
    for letters in _segment_letters(clean, pos, a, b, cyrillic):
        reading = _reading(letters, offsets, start, stop)
        if reading.text not in seen:
            seen.add(reading.text)
            readings.append(reading)
    # Parts of a hyphenated word are words too: «какой-то-хуй».
    if "-" in span:
        for part in re.finditer(r"[^-]+", span):
            pa, pb = a + part.start(), a + part.end()
            if sum(ch.isalnum() for ch in part.group()) < 2 or (pa, pb) == (a, b):
                continue
            sub = _word(clean, pos, pa, pb)
            if sub is not None:
                readings.extend(r for r in sub.readings if r.text not in seen)
    return Word(start, stop, tuple(readings)) if readings else None


@lru_cache(maxsize=256)
def read(text: str) -> tuple[Word, ...]:
    """The words of ``text`` as a person reads them, with offsets into ``text``."""
    clean, pos = _clean(text)
    words: list[Word] = []
    for m in WORD.finditer(clean):
        word = _word(clean, pos, m.start(), m.end())
        if word is not None:
            words.append(word)
    for m in SPACED.finditer(clean):
        if re.search(r"[ \t,]", m.group()):
            word = _word(clean, pos, m.start(), m.end())
            if word is not None:
                words.append(word)
    words.sort(key=lambda w: (w.start, w.stop))
    return tuple(words)


# ---------------------------------------------------------------- the check


@dataclass(frozen=True)
class Lexeme:
    root: str
    pattern: re.Pattern[str]  # prefixes, root and what follows, anchored at the word start
    unless: re.Pattern[str] | None
    replace: str | None  # None: delete; "=text": literal; else a lemma to inflect


@dataclass(frozen=True)
class LexemeCheck:
    rule: Rule
    lexemes: tuple[Lexeme, ...]
    roots: re.Pattern[str]  # any root anywhere: a quick test before the lexemes
    unless: re.Pattern[str] | None
    analyzer: Morph

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        taken: list[tuple[int, int]] = []
        for word in read(doc.view):
            for reading in word.readings:
                if any(reading.start < b and a < reading.stop for a, b in taken):
                    continue
                lexeme = self.match(reading)
                if lexeme is None:
                    continue
                taken.append((reading.start, reading.stop))
                yield self._hit(doc, reading, lexeme)

    def match(self, reading: Reading) -> Lexeme | None:
        """The lexeme ``reading`` is a form of, if any."""
        text = reading.text
        if not self.roots.search(text) or (self.unless and self.unless.fullmatch(text)):
            return None
        found = self._lexeme(text)
        if found is None or self._dictionary_word_elsewhere(reading):
            return None
        return found

    def _lexeme(self, text: str) -> Lexeme | None:
        for lexeme in self.lexemes:
            if lexeme.pattern.match(text) and not (lexeme.unless and lexeme.unless.fullmatch(text)):
                return lexeme
        return None

    def _dictionary_word_elsewhere(self, reading: Reading) -> bool:
        """pymorphy3 knows the word and none of its lemmas is a word of this rule («рубля» is «рубль»)."""
        for form in dict.fromkeys((reading.plain, reading.text)):
            if not CYRILLIC.match(form) or not self.analyzer.is_known(form):
                continue
            lemmas = {_collapse(a.lemma) for a in self.analyzer.parse(form) if a.known}
            return not any(self._lexeme(lemma) for lemma in lemmas)
        return False

    def _hit(self, doc: Doc, reading: Reading, lexeme: Lexeme) -> Hit:
        start, stop = reading.offsets[0], reading.offsets[-1] + 1
        suggestions: tuple[Suggestion, ...] = ()
        if self.rule.fix_safety != "none":
            safe = self.rule.fix_safety == "safe"
            replacement = self._replacement(reading, lexeme)
            if replacement:
                suggestions = (Suggestion(match_case(doc.text[start:stop], replacement),
                                          reading.start, reading.stop, safe),)
            else:
                suggestions = (deletion(doc.text, reading.start, reading.stop, safe),)
        return Hit(start, stop, suggestions, data={"reading": reading.text})

    def _replacement(self, reading: Reading, lexeme: Lexeme) -> str | None:
        if not lexeme.replace:
            return None
        if lexeme.replace.startswith("="):
            return lexeme.replace[1:]
        source = self._source(reading.plain, lexeme.replace)
        return None if source is None else self.analyzer.agree(lexeme.replace, source)

    def _source(self, word: str, lemma: str) -> Analysis | None:
        """The reading of ``word`` to inflect ``lemma`` after: same part of speech, dictionary form first.

        Guesses for unknown words are shaky; with no reading of the right part of speech the word is
        deleted rather than replaced by a wrong form.
        """
        wanted = {_FAMILY.get(a.pos) for a in self.analyzer.parse(lemma) if a.lemma == lemma}
        same = [a for a in self.analyzer.parse(word) if _FAMILY.get(a.pos) in wanted]
        exact = [a for a in same if a.lemma == word]
        return (exact or same or [None])[0]


_FAMILY = {"NOUN": "N", "VERB": "V", "INFN": "V", "ADJF": "A", "PRTF": "A", "ADJS": "S", "PRTS": "S",
           "ADVB": "D"}


SENTENCE_END = ".!?…\n"
TRAILING = ",;:!?.…—–-"


def deletion(text: str, start: int, stop: int, safe: bool = False) -> Suggestion:
    """Delete ``text[start:stop]`` with the commas and spaces that would be left hanging.

    «Блять, опять» → «Опять»; «Я, блин, не знаю» → «Я не знаю»; «не знаю, блин.» → «не знаю.»
    """
    n = len(text)
    left = start
    while left > 0 and text[left - 1] in " \t":
        left -= 1
    right = stop
    while right < n and text[right] in " \t":
        right += 1
    if left == 0 or text[left - 1] in SENTENCE_END:
        k = right
        while k < n and (text[k] in TRAILING or text[k] in " \t"):
            k += 1
        if k < n and text[k].isalpha():
            return Suggestion(text[k].upper(), start, k + 1, safe)
        return Suggestion("", start, k, safe)
    if text[left - 1] == ",":
        if right < n and text[right] == ",":
            return Suggestion("", left - 1, right + 1, safe)
        return Suggestion("", left - 1, stop, safe)
    if left < start:
        return Suggestion("", left, stop, safe)
    return Suggestion("", start, right, safe)


# ---------------------------------------------------------------- loading


def _collapse(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word.lower().replace("ё", "е"))


def _source(rule: Rule, where: str, value: Any) -> str:
    """A regular expression from the rule file: ё written as е, no doubled letters (they are collapsed)."""
    if not isinstance(value, str) or not value:
        raise rule.error("lexemes" if "." in where else where, f"{where}: ожидается непустое регулярное выражение")
    value = value.lower().replace("ё", "е")
    doubled = re.search(r"([а-я])\1", value)
    if doubled:
        raise rule.error("lexemes" if "." in where else where,
                         f"{where}: двойная буква «{doubled.group()}» — повторы букв схлопываются, пишите одну")
    try:
        re.compile(value)
    except re.error as exc:
        raise rule.error("lexemes" if "." in where else where, f"{where}: ошибка в выражении {value!r}: {exc}") from None
    return value


def _list(rule: Rule, where: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise rule.error("lexemes" if "." in where else where, f"{where}: ожидается список")
    return [_source(rule, where, v) for v in value]


def _alternation(sources: list[str]) -> str:
    return "|".join(f"(?:{s})" for s in sources)


def _replace(rule: Rule, where: str, value: Any, analyzer: Morph) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise rule.error("lexemes" if "." in where else where, f"{where}: замена должна быть строкой")
    if value.startswith("="):
        return value
    lemma = value.lower().replace("ё", "е")
    if " " in lemma or not analyzer.is_known(lemma):
        raise rule.error("lexemes" if "." in where else where,
                         f"{where}: замену {value!r} нельзя склонять (её нет в словаре pymorphy3); "
                         "для неизменяемой замены пишите «=текст»")
    return lemma


def compile(rule: Rule, analyzer: Morph) -> LexemeCheck:  # noqa: A001 - the kind protocol
    raw = rule.spec.get("lexemes")
    if not isinstance(raw, list) or not raw:
        raise rule.error("lexemes", "ожидается непустой список лексем {root: …}")
    prefixes = _list(rule, "prefixes", rule.spec.get("prefixes"))
    default_replace = _replace(rule, "replace", rule.spec.get("replace"), analyzer)
    lexemes = []
    roots = []
    for n, item in enumerate(raw, 1):
        where = f"lexemes[{n}]"
        if isinstance(item, str):
            item = {"root": item}
        if not isinstance(item, dict):
            raise rule.error("lexemes", f"{where}: лексема — строка-корень или {{root: …}}")
        unknown = set(item) - LEXEME_KEYS
        if unknown:
            raise rule.error("lexemes", f"{where}: неизвестные поля {', '.join(sorted(unknown))}")
        root = _source(rule, f"{where}.root", item.get("root"))
        after = _source(rule, f"{where}.after", item["after"]) if "after" in item else ""
        own = _list(rule, f"{where}.prefixes", item["prefixes"]) if "prefixes" in item else prefixes
        own = own + _list(rule, f"{where}.extra_prefixes", item.get("extra_prefixes"))
        chain = f"(?:(?:{_alternation(own)}){PREFIX_SIGNS})*" if own else ""
        pattern = re.compile(f"{chain}(?:{root})(?:{after})")
        unless = _list(rule, f"{where}.unless", item.get("unless"))
        replace = _replace(rule, f"{where}.replace", item["replace"], analyzer) if "replace" in item \
            else default_replace
        lexemes.append(Lexeme(root, pattern, re.compile(_alternation(unless)) if unless else None, replace))
        roots.append(root)
    unless = _list(rule, "unless", rule.spec.get("unless"))
    return LexemeCheck(rule, tuple(lexemes), re.compile(_alternation(roots)),
                       re.compile(_alternation(unless)) if unless else None, analyzer)
