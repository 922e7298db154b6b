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
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from ..context import Context
from ..doc import Doc
from ..finding import Hit, Suggestion
from ..fix import deletion, match_case
from ..morph import Analysis, Morph
from ..rule import Rule

KEYS = {"lexemes", "prefixes", "unless", "replace"}
LEXEME_KEYS = {"root", "after", "prefixes", "extra_prefixes", "unless", "replace", "latin"}

#: What a letter-like character inside a Cyrillic word stands for; the first choice is the likeliest.
LOOKALIKES: dict[str, str] = {
    "a": "а", "b": "вбь", "c": "с", "d": "д", "e": "е", "f": "ф", "g": "дг", "h": "нх", "i": "и",
    "j": "й", "k": "к", "l": "л", "m": "м", "n": "пн", "o": "о", "p": "рп", "r": "гр", "s": "с",
    "t": "т", "u": "иуц", "v": "в", "w": "ш", "x": "х", "y": "уй", "z": "з",
    "0": "о", "1": "ил", "3": "з", "4": "ч", "6": "б", "8": "в", "9": "я", "@": "а", "$": "с", "€": "е",
    "ё": "е", "і": "и", "ї": "и", "є": "е", "ґ": "г", "ў": "у",
}
#: Latin letters that look exactly like Cyrillic ones, and signs that only obfuscation puts in words.
HOMOGLYPHS = frozenset("acekmopxyt" + "bh" + "0369@$")
OBFUSCATION = frozenset("013469@$€")
#: Transliteration, longest units first; «y» is decided by its neighbour in ``_translit``.
TRANSLIT: dict[str, str] = {
    "shch": "щ", "sch": "щ", "sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "ts": "ц", "ya": "я", "ja": "я",
    "yu": "ю", "ju": "ю", "yo": "е", "jo": "е", "ye": "е", "je": "е", "a": "а", "b": "б", "c": "ц",
    "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "й", "k": "к", "l": "л", "m": "м",
    "n": "н", "o": "о", "p": "п", "q": "к", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "w": "в",
    "x": "х", "y": "y", "z": "з", "'": "ь",
}
MASK = "*"  # a letter hidden on purpose: «х*й»; rules can match it as ``\*``
GLYPH = "a-z0-9а-яёіїєґў@$€" + re.escape(MASK)
SEPARATORS = r".\-_'`\"~+|/\\^•·"
SEPARATOR = re.compile(f"[{SEPARATORS}]")
PART = re.compile(f"[^{SEPARATORS}]+")
WORD = re.compile(f"[{GLYPH}]+(?:[{SEPARATORS}]+[{GLYPH}]+)*")
# Single letters spaced out: «х у й», «п, и, з, д, а», «б. л. я».
SPACED = re.compile(f"(?<![{GLYPH}])[{GLYPH}](?:[ \t,{SEPARATORS}]+[{GLYPH}](?![{GLYPH}])){{2,}}")
SPACE = re.compile("[ \t,]")  # what ``SPACED`` may read across that ``WORD`` does not
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
                       "\u2060-\u2064\u206a-\u206f\ufe00-\ufe0f\ufeff\u0300-\u036f\u0483-\u0489]")
CYRILLIC = re.compile("[а-яё]")
LATIN = re.compile("[a-z]")
PLAIN = re.compile("[а-я]+")
JOINED = re.compile(f"[а-я]{{2,}}(?:[{SEPARATORS}]+[а-я]{{2,}})+")
REPEAT = re.compile(r"(.)\1")
ONE_LETTER_WORDS = frozenset("аивскуоя")
NAMES = re.compile(r"(?<![^\s(\[])@[a-z0-9_][\w.]*|[a-z0-9._+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b"
                   r"|https?://\S+|www\.\S+")
MAX_READINGS = 32
CACHE_SIZE = 50_000
MISSING = object()
PREFIX_SIGNS = "[ъь]?"  # «объебать», «подъебнуть», misspelt «обьебать»
# Named groups, back-references, conditionals: see ``LexemeCheck.first``.
OWN_GROUPS = re.compile(r"\(\?P|\(\?\(|\\[1-9]")


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a written word: its letters and, for each, the offset in the original text."""

    text: str  # de-obfuscated, repeated letters collapsed
    plain: str  # de-obfuscated, letters as written (for the dictionary)
    offsets: tuple[int, ...]
    start: int  # the written word in the original text, separators included
    stop: int
    latin: bool = False  # read from a Latin-only word: only lexemes with ``latin: true`` match it

    @property
    def key(self) -> tuple[str, str, bool]:
        return (self.text, self.plain, self.latin)

    @property
    def forms(self) -> tuple[str, ...]:
        """Collapsed first («хууууй»), then as written: «пеше-еб» needs its double «е»."""
        return (self.text,) if self.text == self.plain else (self.text, self.plain)


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


def _variants(letters: list[str]) -> list[list[str]]:
    """The likeliest Cyrillic spellings of ``letters``, at most MAX_READINGS of them.

    A run of one sign is one letter repeated: «hhhyyy» has two choices to make, not six.
    """
    runs = [(ch, len(list(group))) for ch, group in itertools.groupby(letters)]
    options = [LOOKALIKES.get(ch, ch) for ch, _ in runs]
    ambiguous = [i for i, o in enumerate(options) if len(o) > 1]
    out = []
    for combo in itertools.islice(itertools.product(*(options[i] for i in ambiguous)), MAX_READINGS):
        chosen = [o[0] for o in options]
        for i, ch in zip(ambiguous, combo, strict=True):
            chosen[i] = ch
        out.append([ch for ch, (_, size) in zip(chosen, runs, strict=True) for _ in range(size)])
    return out


def _translit(letters: list[str], offsets: list[int]) -> Iterator[tuple[list[str], list[int]]]:
    """Latin transliteration read back as Cyrillic: «pizdec», «blyat», «huilo»; «y» has two readings."""
    units: list[tuple[str, int]] = []
    text = "".join(letters)
    i = 0
    while i < len(text):
        for size in (4, 3, 2, 1):
            cyr = TRANSLIT.get(text[i:i + size])
            if cyr is not None:
                if text[i:i + size] == "y":
                    cyr = "й" if i and text[i - 1] in "aeiou" else "ыу"
                units.append((cyr, offsets[i]))
                i += size
                break
        else:
            units.append((text[i], offsets[i]))
            i += 1
    ambiguous = [k for k, (cyr, _) in enumerate(units) if len(cyr) == 2 and cyr == "ыу"]
    for combo in itertools.islice(itertools.product("ыу", repeat=len(ambiguous)), MAX_READINGS):
        chosen = dict(zip(ambiguous, combo, strict=True))
        out: list[str] = []
        offs: list[int] = []
        for k, (cyr, off) in enumerate(units):
            for ch in chosen.get(k, cyr):
                out.append(ch)
                offs.append(off)
        yield out, offs


def _readings(letters: list[str], offsets: list[int], start: int, stop: int,
              latin: bool) -> Iterator[Reading]:
    """The reading of ``letters``; with masks («х*й», «бл*ядь»), also the one without them."""
    # Masks as separators: «п*и*з*д*а» alternates letters and stars.
    if len(letters) >= 5 and all(ch == MASK for ch in letters[1::2]) and MASK not in letters[::2]:
        letters, offsets = letters[::2], offsets[::2]
    yield _collapsed(letters, offsets, start, stop, latin)
    if MASK in letters and len(letters) > letters.count(MASK) + 1:
        kept = [(ch, off) for ch, off in zip(letters, offsets, strict=True) if ch != MASK]
        yield _collapsed([ch for ch, _ in kept], [off for _, off in kept], start, stop, latin)


def _collapsed(letters: list[str], offsets: list[int], start: int, stop: int, latin: bool) -> Reading:
    plain = "".join(letters)
    if not REPEAT.search(plain):
        return Reading(plain, plain, tuple(offsets), start, stop, latin)
    text: list[str] = []
    kept: list[int] = []
    for ch, off in zip(letters, offsets, strict=True):
        if text and text[-1] == ch:
            continue
        text.append(ch)
        kept.append(off)
    return Reading("".join(text), plain, tuple(kept), start, stop, latin)


def _spellings(clean: str, a: int, b: int, hyphenated: bool = False) -> Iterator[list[str]]:
    """Each Cyrillic variant of the glyphs in ``clean[a:b]``, separators dropped."""
    letters: list[str] = []
    fixed: list[bool] = []
    for piece in re.finditer(f"[{GLYPH}]+", clean[a:b]):
        chunk = piece.group()
        # A Latin word hyphenated to a Cyrillic one («Hyundai-сервис», «ebook-магазин») stays Latin;
        # look-alikes glued by other signs («xy.й», «nu3д.а», «му.dak») do not.
        keep = hyphenated and len(re.sub(r"(.)\1+", r"\1", chunk)) > 2 and not CYRILLIC.search(chunk) \
            and not any(ch in OBFUSCATION for ch in chunk)
        # A number is a number: «10-х годах» is not «лох»; a digit inside letters is a letter («6ля»).
        keep = keep or (chunk.isdigit() and len(set(chunk)) > 1)
        letters.extend(chunk)
        fixed.extend([keep] * len(chunk))
    for variant in _variants(letters):
        yield [p if f else v for v, p, f in zip(variant, letters, fixed, strict=True)]


def _word(clean: str, pos: Sequence[int], a: int, b: int) -> Word | None:
    span = clean[a:b]
    if PLAIN.fullmatch(span):  # most words: nothing to undo but repeated letters
        offsets = pos[a:b]
        return Word(offsets[0], offsets[-1] + 1, (_collapsed(list(span), list(offsets), offsets[0], offsets[-1] + 1,
                                                              False),))
    if JOINED.fullmatch(span):
        return _joined(clean, pos, a, b)
    return _mixed(clean, pos, a, b)


def _joined(clean: str, pos: Sequence[int], a: int, b: int) -> Word:
    """``_mixed`` for Cyrillic parts of two letters or more joined by separators («кто-то», «так.вот»):
    nothing to spell out or transliterate, so each part and then the whole are read directly."""
    readings: list[Reading] = []
    letters: list[str] = []
    offsets: list[int] = []
    for m in PART.finditer(clean, a, b):
        part = m.group()
        where = list(pos[m.start():m.end()])
        reading = _collapsed(list(part), where, where[0], where[-1] + 1, False)
        if len(reading.text) > 1:
            readings.append(reading)
        letters += part
        offsets += where
    whole = _collapsed(letters, offsets, pos[a], pos[b - 1] + 1, False)
    if all(r.text != whole.text for r in readings):
        readings.append(whole)
    return Word(pos[a], pos[b - 1] + 1, tuple(readings))


def _mixed(clean: str, pos: Sequence[int], a: int, b: int) -> Word | None:
    """A written word with anything beyond Cyrillic letters: look-alikes, digits, separators, masks."""
    span = clean[a:b]
    if not any(ch.isalpha() for ch in span):
        return None
    start, stop = pos[a], pos[b - 1] + 1
    readings: list[Reading] = []
    # Joined words are read part by part («какой-то-хуй», «суки.разве», «хуйло-курьер»: only the part
    # is the finding), then whole («пиз-да», «б-л-я», «п.и.з.д.а»).
    parts = _parts(span) if SEPARATOR.search(span) else []
    for pa, pb in parts:
        sub = _word(clean, pos, a + pa, a + pb)
        if sub is not None:
            readings += [r for r in sub.readings if len(r.text) > 1]
    seen = {r.text for r in readings}
    hyphenated = "-" in span and len(parts) > 1
    whole = [r for r in _whole(clean, pos, a, b, hyphenated) if r.text not in seen]
    # Letters spelt out before an ending («п.и.з.д.ец») are one word: read it whole first, so the
    # finding (and its fix) covers all of it, not the spelt-out part alone.
    spelt = any(SEPARATOR.search(span[pa:pb]) for pa, pb in parts)
    readings = whole + readings if spelt else readings + whole
    return Word(start, stop, tuple(readings)) if readings else None


def _parts(span: str) -> list[tuple[int, int]]:
    """Spans of the parts of a joined word; spelt-out letters stay together: «думать.т.в.а.р.и»."""
    out: list[tuple[int, int]] = []
    letters: list[tuple[int, int]] = []
    for m in PART.finditer(span):
        if len(m.group()) == 1:
            letters.append((m.start(), m.end()))
            continue
        if len(letters) > 1:
            out.append((letters[0][0], letters[-1][1]))
        letters = []
        out.append((m.start(), m.end()))
    if len(letters) > 1:
        out.append((letters[0][0], letters[-1][1]))
    return out if len(out) > 1 or (out and out[0] != (0, len(span))) else []


def _whole(clean: str, pos: Sequence[int], a: int, b: int, hyphenated: bool = False) -> list[Reading]:
    span = clean[a:b]
    cyrillic = bool(CYRILLIC.search(span))
    glyphs = [m.group() for m in re.finditer(f"[{GLYPH}]", span)]
    offsets = [pos[a + m.start()] for m in re.finditer(f"[{GLYPH}]", span)]
    start, stop = pos[a], pos[b - 1] + 1
    spellings: list[tuple[list[str], list[int], bool]] = []
    if cyrillic:
        spellings += [(letters, offsets, False) for letters in _spellings(clean, a, b, hyphenated)]
    else:
        # A Latin word is read as look-alikes only when nothing in it is plainly Latin («cyka», «e6aл»).
        if all(ch in HOMOGLYPHS for ch in glyphs) or (any(ch in OBFUSCATION for ch in glyphs)
                                                       and sum(ch.isalpha() for ch in glyphs) > 1):
            spellings += [(letters, offsets, True) for letters in _spellings(clean, a, b)]
        if len(glyphs) >= 3 and all("a" <= ch <= "z" for ch in glyphs):
            spellings += [(letters, offs, True) for letters, offs in _translit(glyphs, offsets)]
    readings: list[Reading] = []
    seen: set[str] = set()
    for letters, offs, latin in spellings:
        for reading in _readings(letters, offs, start, stop, latin):
            if reading.text not in seen:
                seen.add(reading.text)
                readings.append(reading)
    return readings


@lru_cache(maxsize=64)  # ``reading_keys`` and then ``read`` ask for the same text
def _spans(text: str) -> tuple[str, tuple[int, ...], tuple[tuple[int, int], ...]]:
    """The cleaned text, the original offset of each of its characters, and the spans of its words."""
    clean, pos = _clean(text)
    # Mentions, e-mail addresses and links are names, not words: «@totalpizdecy» is someone's login.
    for m in NAMES.finditer(clean):
        clean = clean[:m.start()] + " " * (m.end() - m.start()) + clean[m.end():]
    spans = [m.span() for m in WORD.finditer(clean)]
    for m in SPACED.finditer(clean):
        if not SPACE.search(m.group()):  # letters joined by separators only are one ``WORD`` already
            continue
        # Spelt-out letters may take in a one-letter word beside them: «а т р а х н у т», «т в а р и а».
        letters = [m.start() + g.start() for g in re.finditer(f"[{GLYPH}]", m.group())]
        first = [0] + [i for i in (1, 2) if all(clean[k] in ONE_LETTER_WORDS for k in letters[:i])]
        last = [len(letters)] + [len(letters) - i for i in (1, 2)
                                 if all(clean[k] in ONE_LETTER_WORDS for k in letters[-i:])]
        for i in first:
            for j in last:
                if j - i >= 3:
                    spans.append((letters[i], letters[j - 1] + 1))
    return clean, tuple(pos), tuple(spans)


@lru_cache(maxsize=256)
def read(text: str) -> tuple[Word, ...]:
    """The words of ``text`` as a person reads them, with offsets into ``text``."""
    clean, pos, spans = _spans(text)
    words: list[Word] = []
    for a, b in spans:
        word = _word(clean, pos, a, b)
        if word is not None:
            words.append(word)
    words.sort(key=lambda w: (w.start, w.stop))
    return tuple(words)


def reading_keys(text: str) -> frozenset[tuple[str, str, bool]]:
    """The keys of every reading of ``text`` (``Reading.key``): the suspects (``Suspicion.keys``) are
    those in which a root occurs. Most texts take the word-by-word path (``_fast_keys``), the rest ``_full_keys``."""
    keys = _fast_keys(text)
    return _full_keys(text) if keys is None else keys


def _fast_keys(text: str) -> frozenset[tuple[str, str, bool]] | None:
    """The keys from each written word alone, or None when the text needs ``_spans`` (see ``written``)."""
    spans = written(text)
    if spans is None:
        return None
    keys: set[tuple[str, str, bool]] = set()
    for span in spans:
        keys.update(_span_keys(span))
    return frozenset(keys)


def written(text: str) -> frozenset[str] | None:
    """The distinct written words (``WORD`` spans) of ``text`` when each may be read alone, else None.

    A word's readings depend on its letters only, so they are cached by word. The text needs the full
    path (``_spans``) when cleaning may move offsets (invisible characters, case changes that change
    length) or when letters are spelt out across spaces or commas («х у й», «п.и.з.д.а х»), which
    ``_spans`` reads as words of their own.
    """
    clean = _fast_clean(text)
    return None if clean is None else frozenset(WORD.findall(clean))


def _fast_clean(text: str) -> str | None:
    """The cleaned text when each written word may be read alone (see ``written``), else None."""
    clean = _simple(text)
    if clean is None or any(SPACE.search(m.group()) for m in SPACED.finditer(clean)):
        return None
    return clean


def _simple(text: str) -> str | None:
    """The cleaned text, names blanked as ``_spans`` does, when cleaning keeps every offset, else None."""
    lowered = text.lower()
    if len(lowered) != len(text) or INVISIBLE.search(lowered):
        return None
    clean = lowered.replace("ё", "е")
    if "@" in clean or "://" in clean or "www." in clean:
        clean = NAMES.sub(_blank, clean)
    return clean


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


def _span_keys(span: str) -> tuple[tuple[str, str, bool], ...]:
    """The reading keys of one ``WORD`` span (not cached: ``Suspicion`` keeps each word's verdict)."""
    key = _plain_key(span)
    if key is not None:
        return (key,)
    # Read without ``_span_word``'s cache: only the few words a rule may match keep their ``Word``.
    word = _word(span, range(len(span)), 0, len(span))
    return tuple(r.key for r in word.readings) if word is not None else ()


#: A span's reading as plain values (text, plain, offsets, start, stop, latin): nothing for the collector.
_RawReading = tuple[str, str, tuple[int, ...], int, int, bool]


@lru_cache(maxsize=4096)
def _span_word(span: str) -> tuple[int, int, tuple[_RawReading, ...]] | None:
    """One ``WORD`` span read alone, offsets from 0: its readings follow from its letters only."""
    word = _word(span, range(len(span)), 0, len(span))
    if word is None:
        return None
    return word.start, word.stop, tuple((r.text, r.plain, r.offsets, r.start, r.stop, r.latin) for r in word.readings)


def _shifted(word: tuple[int, int, tuple[_RawReading, ...]], by: int) -> Word:
    """The ``Word`` of ``_span_word`` read at offset ``by`` of a text whose cleaning kept every offset."""
    start, stop, readings = word
    return Word(start + by, stop + by, tuple(
        Reading(text, plain, tuple(o + by for o in offsets), a + by, b + by, latin)
        for text, plain, offsets, a, b, latin in readings))


def _full_keys(text: str) -> frozenset[tuple[str, str, bool]]:
    """The keys of the readings of every span ``_spans`` finds (they follow from the span's letters)."""
    clean, _pos, spans = _spans(text)
    keys: set[tuple[str, str, bool]] = set()
    for a, b in spans:
        keys.update(_span_keys(clean[a:b]))
    return frozenset(keys)


def _plain_key(span: str) -> tuple[str, str, bool] | None:
    """The key of the one reading of an all-Cyrillic word (``_word``'s first case), else None.

    Not cached: ``_span_keys`` keeps its answer."""
    if not PLAIN.fullmatch(span):
        return None
    if not REPEAT.search(span):  # most words: no letter to collapse
        return (span, span, False)
    return ("".join(ch for ch, _ in itertools.groupby(span)), span, False)


# ---------------------------------------------------------------- suspects


Key = tuple[str, str, bool]  # ``Reading.key``: (collapsed text, text as written, read from Latin)


@dataclass(frozen=True, slots=True)
class Suspects:
    """What one text holds for the lexeme rules: its suspect keys and the written words that carry them."""

    keys: frozenset[Key]
    by_span: dict[str, tuple[Key, ...]]  # suspect keys by written word (``WORD`` span of the cleaned text)
    clean: str | None  # the cleaned text when its words are read one by one (``_fast_clean``), else None


NO_SUSPECTS = Suspects(frozenset(), {}, None)


class Suspicion:
    """The readings of a text that hold a root of some lexeme rule, shared by all lexeme rules.

    A new word is tested once against the roots of every rule together, not once per rule, and its
    verdict is kept by its written form as plain strings (nothing for the garbage collector to walk).
    The roots, their expression and the verdicts are one ``_Roots`` replaced when a rule adds roots,
    never changed in place: a thread linting while another loads rules keeps a consistent set.
    """

    def __init__(self) -> None:
        self.current = _Roots(())
        self._lock = threading.Lock()

    @property
    def roots(self) -> tuple[str, ...]:
        return self.current.roots

    def watch(self, roots: Iterable[str]) -> None:
        """Add a rule's roots; verdicts given without them are forgotten."""
        with self._lock:
            known = self.current.roots
            new = [root for root in dict.fromkeys(roots) if root not in known]
            if new:
                self.current = _Roots((*known, *new))

    def keys(self, doc: Doc) -> frozenset[Key]:
        """The reading keys of ``doc.view`` (see ``reading_keys``) in which some rule's roots occur."""
        found = doc.memo.get("lexeme:suspects")  # every lexeme rule asks: the lookup is inlined
        if found is None:
            found = self._suspects(doc)
        return found.keys  # type: ignore[attr-defined, no-any-return]

    def words(self, doc: Doc) -> tuple[tuple[Word, tuple[Key, ...]], ...]:
        """The words ``read`` gives for ``doc.view`` that have a suspect reading, with their suspect keys,
        in the text's order: built once per text for all lexeme rules (most texts never need them)."""
        found = doc.memo.get("lexeme:words")
        if found is None:
            found = doc.memo["lexeme:words"] = _suspect_words(doc.view, self._suspects(doc))
        return found  # type: ignore[return-value]

    def _suspects(self, doc: Doc) -> Suspects:
        found = doc.memo.get("lexeme:suspects")
        if found is None:
            found = doc.memo["lexeme:suspects"] = self.current.suspects_of(doc.view)
        return found  # type: ignore[return-value]

    def _suspect(self, key: Key) -> bool:
        return self.current.suspect(key)


def _suspect_words(text: str, suspects: Suspects) -> tuple[tuple[Word, tuple[Key, ...]], ...]:
    """``Suspicion.words``: on the word-by-word path only the suspect words are read."""
    if not suspects.keys:
        return ()
    out: list[tuple[Word, tuple[Key, ...]]] = []
    if suspects.clean is None:
        for word in read(text):
            keys = tuple(r.key for r in word.readings if r.key in suspects.keys)
            if keys:
                out.append((word, keys))
        return tuple(out)
    for m in WORD.finditer(suspects.clean):
        span = m.group()
        found = suspects.by_span.get(span)
        if found:
            raw = _span_word(span)
            if raw is not None:
                out.append((_shifted(raw, m.start()), found))
    return tuple(out)


@dataclass
class _Roots:
    """The roots of all lexeme rules in the order rules added them, with what is derived from them."""

    roots: tuple[str, ...]
    #: Written words (``WORD`` spans) no reading of which holds a root: most words, so one set difference
    #: per text leaves only the others to look at.
    innocent: set[str] = field(default_factory=set)
    #: The suspect reading keys of the other written words seen.
    suspects: dict[str, tuple[Key, ...]] = field(default_factory=dict)
    #: Compiled on first use: rules load at every start of the command line.
    pattern: re.Pattern[str] | None = None

    def suspects_of(self, text: str) -> Suspects:
        """The suspect keys of ``text``'s written words; each new word is tested once and remembered."""
        clean = _fast_clean(text)
        if clean is None:
            full, _pos, spans = _spans(text)
            written = {full[a:b] for a, b in spans}
        else:
            written = set(WORD.findall(clean))
        by_span: dict[str, tuple[Key, ...]] = {}
        for span in written.difference(self.innocent):
            keys = self.suspects.get(span)
            if keys is None:
                keys = tuple(key for key in _span_keys(span) if self.suspect(key))
                self._remember(span, keys)
            if keys:
                by_span[span] = keys
        if not by_span:
            return NO_SUSPECTS  # most texts: nothing to keep
        return Suspects(frozenset(key for keys in by_span.values() for key in keys), by_span, clean)

    def _remember(self, span: str, keys: tuple[Key, ...]) -> None:
        if keys:
            if len(self.suspects) > CACHE_SIZE:
                self.suspects.clear()
            self.suspects[span] = keys
        else:
            if len(self.innocent) > CACHE_SIZE:
                self.innocent.clear()
            self.innocent.add(span)

    def suspect(self, key: Key) -> bool:
        pattern = self.pattern
        if pattern is None:
            pattern = self.pattern = re.compile(by_first_letter(self.roots))
        text, plain, _latin = key
        return bool(pattern.search(text) or (plain != text and pattern.search(plain)))


suspicion = Suspicion()

_LETTERS = frozenset("абвгдежзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz")


def by_first_letter(roots: Iterable[str]) -> str:
    """An alternation of ``roots`` in which the alternatives that begin with a plain letter are grouped
    by it: at each position the regex engine tries a couple dozen letters instead of every root."""
    groups: dict[str, dict[str, None]] = {}
    others: dict[str, None] = {}
    for root in roots:
        for alternative in _alternatives(root):
            if len(alternative) > 1 and alternative[0] in _LETTERS and alternative[1] not in "?*+{":
                groups.setdefault(alternative[0], {})[alternative[1:]] = None
            else:
                others[alternative] = None
    parts = [f"{letter}(?:{'|'.join(rests)})" for letter, rests in sorted(groups.items())]
    return "|".join(parts + [f"(?:{alternative})" for alternative in others])


def _alternatives(source: str) -> list[str]:
    """The top-level alternatives of a regular expression (``|`` outside groups and classes)."""
    out: list[str] = []
    depth, start, i, n = 0, 0, 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            i += 1
        elif ch == "[":  # skip the class; «]» right after «[» or «[^» is a member
            i += 2 if source.startswith("[^", i) else 1
            if i < n and source[i] == "]":
                i += 1
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(source[start:i])
            start = i + 1
        i += 1
    out.append(source[start:])
    return out


# ---------------------------------------------------------------- the check


@dataclass(frozen=True)
class Lexeme:
    root: str
    source: str  # prefixes, root and what follows, anchored at the word start
    unless_source: str | None
    replace: str | None  # None: delete; "=text": literal; else a lemma to inflect
    latin: bool = False  # also matches words written in Latin letters («blyat», «cyka»)

    # Compiled on first use: a word reaches them only after the rule's roots matched it, and the
    # prefix chain makes them the dearest part of loading the rules (each piece is checked at load).
    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source)

    @cached_property
    def unless(self) -> re.Pattern[str] | None:
        return re.compile(self.unless_source) if self.unless_source else None


@dataclass(frozen=True)
class LexemeCheck:
    rule: Rule
    lexemes: tuple[Lexeme, ...]
    unless: re.Pattern[str] | None
    analyzer: Morph
    # Verdicts by reading: the same words come back in every text.
    known: dict[tuple[str, str, bool], object] = field(default_factory=dict, compare=False, repr=False)
    # Suspect readings that are no lexeme of the rule: a text made only of them is cleared in one set test.
    clean: set[tuple[str, str, bool]] = field(default_factory=set, compare=False, repr=False)

    def __post_init__(self) -> None:
        suspicion.watch(lexeme.root for lexeme in self.lexemes)

    @cached_property
    def roots(self) -> re.Pattern[str]:
        """Any root anywhere: a quick test before the lexemes (compiled on first use, as they are)."""
        return re.compile(by_first_letter(lexeme.root for lexeme in self.lexemes))

    def run(self, doc: Doc, ctx: Context) -> Iterable[Hit]:
        # Only readings holding a root of some lexeme rule can match: most texts have none (and are
        # answered without a generator, as every lexeme rule asks about every text).
        keys = suspicion.keys(doc)
        if not keys or self.clean.issuperset(keys):
            return ()
        return self._hits(doc, keys)

    def _hits(self, doc: Doc, keys: frozenset[Key]) -> Iterator[Hit]:
        if len(self.clean) > CACHE_SIZE:
            self.clean.clear()
        for key in keys - self.clean:
            if self._verdict(key) is None:
                self.clean.add(key)
        if self.clean.issuperset(keys):
            return
        taken: list[tuple[int, int]] = []
        mine = keys - self.clean
        for word, suspects in suspicion.words(doc):
            if mine.isdisjoint(suspects):  # a word whose readings are all cleared can neither match nor take a span
                continue
            for reading in word.readings:
                if taken and any(reading.start < b and a < reading.stop for a, b in taken):
                    continue
                lexeme = self.match(reading)
                if lexeme is None or self._another_word(word, reading):
                    continue
                taken.append((reading.start, reading.stop))
                yield self._hit(doc, reading, lexeme)

    def match(self, reading: Reading) -> Lexeme | None:
        """The lexeme ``reading`` is a form of, if any."""
        return self._verdict(reading.key)

    def _verdict(self, key: tuple[str, str, bool]) -> Lexeme | None:
        found = self.known.get(key, MISSING)
        if found is MISSING:
            if len(self.known) > CACHE_SIZE:
                self.known.clear()
            found = self.known[key] = self._match_key(key)
        return found  # type: ignore[return-value]

    def _match_key(self, key: tuple[str, str, bool]) -> Lexeme | None:
        """The verdict on a reading's key: (collapsed text, text as written, read from Latin)."""
        text, plain, latin = key
        forms = (text,) if text == plain else (text, plain)
        for form in forms:
            if not self.roots.search(form) or (self.unless and self.unless.fullmatch(form)):
                continue
            found = self._lexeme(form, latin)
            if found is not None:
                return None if self._dictionary_word_elsewhere(forms) else found
        return None

    @cached_property
    def first(self) -> re.Pattern[str] | None:
        """All lexemes as one alternation, lexeme ``i`` in group ``_i``: one match finds the first lexeme
        whose expression matches, as the engine tries the alternatives in order. None when a lexeme has
        named groups or back-references of its own, which the alternation would clash with or renumber."""
        sources = [lexeme.source for lexeme in self.lexemes]
        if any(OWN_GROUPS.search(source) for source in sources):
            return None
        return re.compile("|".join(f"(?P<_{i}>{source})" for i, source in enumerate(sources)))

    def _lexeme(self, text: str, latin: bool = False) -> Lexeme | None:
        first = 0
        if self.first is not None:
            m = self.first.match(text)
            if m is None:
                return None
            # ``lastgroup`` is the group closed last: the lexeme's own, which holds any inner ones.
            first = int(m.lastgroup[1:])  # type: ignore[index]
            lexeme = self.lexemes[first]
            if (not latin or lexeme.latin) and not (lexeme.unless and lexeme.unless.fullmatch(text)):
                return lexeme
            first += 1  # the lexemes after it are tried one by one
        for lexeme in self.lexemes[first:]:
            if latin and not lexeme.latin:
                continue
            if lexeme.pattern.match(text) and not (lexeme.unless and lexeme.unless.fullmatch(text)):
                return lexeme
        return None

    def _another_word(self, word: Word, reading: Reading) -> bool:
        """The letters read by their look only are a dictionary word without our roots.

        Look-alikes are ambiguous: «hеpbhо» is «нервно», not «херьхо»; «Жopа» is «Жора». The first
        spelling of a word takes every look-alike by its look (h → н, b → в, u → и).
        """
        visual = next((r for r in word.readings if r.offsets[0] == reading.offsets[0]
                       and len(r.plain) == len(reading.plain) and not r.latin), None)
        if visual is None or visual.plain == reading.plain or not CYRILLIC.match(visual.plain):
            return False
        return self.analyzer.is_known(visual.plain) and not any(
            self.roots.search(a.lemma) for a in self.analyzer.parse(visual.plain) if a.known)

    def _dictionary_word_elsewhere(self, forms: tuple[str, ...]) -> bool:
        """pymorphy3 knows the word, and no root of the rule is in its lemmas («рубля» is «рубль»)."""
        for form in forms[::-1]:
            if not CYRILLIC.match(form) or not self.analyzer.is_known(form):
                continue
            # The lemma as spelt: «поддонка» is «поддонок», not «подонок».
            return not any(self.roots.search(a.lemma) for a in self.analyzer.parse(form) if a.known)
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
                suggestions = (deletion(doc.text, _subject(doc.text, reading.start, reading.stop),
                                        reading.stop, safe),)
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
        wanted = {_FAMILY.get(a.pos or "") for a in self.analyzer.parse(lemma) if a.lemma == lemma}
        same = [a for a in self.analyzer.parse(word) if _FAMILY.get(a.pos or "") in wanted]
        exact = [a for a in same if a.lemma == word]
        chosen = exact or same
        return chosen[0] if chosen else None


_FAMILY = {"NOUN": "N", "VERB": "V", "INFN": "V", "ADJF": "A", "PRTF": "A", "ADJS": "S", "PRTS": "S",
           "ADVB": "D"}


#: «Вы идиот, …»: a clause that is only a pronoun and the word deleted from it goes whole.
_ADDRESSED = re.compile(r"(?:^|(?<=[.!?…,;:—–\n(«\"]))\s*((?:ты|вы)\s+)$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s*(?:[.!?…,;:—–)»\"]|$)")


def _subject(text: str, start: int, stop: int) -> int:
    """Where to start deleting the word at ``start:stop``: at «ты»/«вы» right before it when the two
    make a clause of their own («Вы идиот, заказ в пути» → «Заказ в пути», not «Вы, заказ в пути»)."""
    before = _ADDRESSED.search(text, max(0, start - 8), start)
    if before is None or not _CLAUSE_END.match(text, stop):
        return start
    return before.start(1)


# ---------------------------------------------------------------- loading


def _error(rule: Rule, where: str, message: str) -> Exception:
    return rule.error("lexemes" if where.startswith("lexemes") else where, f"{where}: {message}")


def _regex(rule: Rule, where: str, value: Any) -> str:
    """A regular expression from the rule file: ё written as е, no doubled letters (they are collapsed)."""
    if not isinstance(value, str) or not value:
        raise _error(rule, where, "ожидается непустое регулярное выражение")
    value = value.lower().replace("ё", "е")
    doubled = re.search(r"([а-я])\1", re.sub(r"\[[^\]]*\]", "[]", value))
    if doubled:
        raise _error(rule, where, f"двойная буква «{doubled.group()}»: повторы схлопываются, пишите одну")
    try:
        re.compile(value)
    except re.error as exc:
        raise _error(rule, where, f"ошибка в выражении {value!r}: {exc}") from None
    return value


def _list(rule: Rule, where: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _error(rule, where, "ожидается список")
    return [_regex(rule, where, v) for v in value]


def _chain(prefixes: list[str]) -> str:
    """At most two prefixes, the second longer than a letter: «по-на-хуя», but not «на-с-у-хую»."""
    if not prefixes:
        return ""
    longer = [p for p in prefixes if not re.fullmatch(r"[а-я]", p)]
    second = f"(?:(?:{_alternation(longer)}){PREFIX_SIGNS})?" if longer else ""
    return f"(?:(?:{_alternation(prefixes)}){PREFIX_SIGNS}{second})?"


def _alternation(sources: list[str]) -> str:
    return "|".join(f"(?:{s})" for s in sources)


def _replace(rule: Rule, where: str, value: Any, analyzer: Morph) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _error(rule, where, "замена должна быть строкой")
    if value.startswith("="):
        return value
    lemma = value.lower().replace("ё", "е")
    if " " in lemma or not analyzer.is_known(lemma):
        raise _error(rule, where, f"замену {value!r} нельзя склонять (её нет в словаре pymorphy3); "
                     "для неизменяемой замены пишите «=текст»")
    return lemma


def compile(rule: Rule, analyzer: Morph) -> LexemeCheck:  # the kind protocol names it so
    raw = rule.spec.get("lexemes")
    if not isinstance(raw, list) or not raw:
        raise rule.error("lexemes", "ожидается непустой список лексем {root: …}")
    prefixes = _list(rule, "prefixes", rule.spec.get("prefixes"))
    default_replace = _replace(rule, "replace", rule.spec.get("replace"), analyzer)
    lexemes = []
    for n, item in enumerate(raw, 1):
        where = f"lexemes[{n}]"
        if isinstance(item, str):
            item = {"root": item}
        if not isinstance(item, dict):
            raise rule.error("lexemes", f"{where}: лексема — строка-корень или {{root: …}}")
        unknown = set(item) - LEXEME_KEYS
        if unknown:
            raise rule.error("lexemes", f"{where}: неизвестные поля {', '.join(sorted(unknown))}")
        root = _regex(rule, f"{where}.root", item.get("root"))
        after = _regex(rule, f"{where}.after", item["after"]) if "after" in item else ""
        own = _list(rule, f"{where}.prefixes", item["prefixes"]) if "prefixes" in item else prefixes
        own = own + _list(rule, f"{where}.extra_prefixes", item.get("extra_prefixes"))
        chain = _chain(own)
        source = f"{chain}(?:{root})(?:{after})"
        unless = _list(rule, f"{where}.unless", item.get("unless"))
        replace = _replace(rule, f"{where}.replace", item["replace"], analyzer) if "replace" in item \
            else default_replace
        latin = item.get("latin", False)
        if not isinstance(latin, bool):
            raise rule.error("lexemes", f"{where}.latin: ожидается true или false")
        lexemes.append(Lexeme(root, source, _alternation(unless) if unless else None, replace, latin))
    unless = _list(rule, "unless", rule.spec.get("unless"))
    return LexemeCheck(rule, tuple(lexemes),
                       re.compile(_alternation(unless)) if unless else None, analyzer)
