"""Respellings: a word the dictionary does not know that becomes a known word through listed rewrites.

«кажеца» → «кажется», «харашо» → «хорошо», «жызнь» → «жизнь»: ``rewrites`` lists how the colloquial
spelling differs from the standard one, as ``[regex, replacement]`` pairs applied to the lower-case
word, or ``[regex, replacement, min_length]`` for a rewrite that only words that long may use (a
vowel swap makes a dictionary word out of almost any short word). Each candidate applies up to
``max_edits`` rewrites, one occurrence at a time; the first candidate the dictionary knows as an
ordinary word (not a name, a place or an abbreviation; a candidate with a space, every part of it) is
the suggestion: fewer edits win, then the
rewrites listed first. Words matching ``skip``, words shorter than ``min_length``, capitalised
words inside a sentence (probable names) and short abbreviations («СНИЛС», «выкл.») are left alone.

Optional narrowing and widening:

- ``parts_of_speech``: a candidate counts only with a dictionary reading of one of these parts of speech
  (``[ADJF]``: «полнометражка» is a respelling of «полнометражный», not of any word at all);
- ``followed_by``: a regex the text right after the word must match (``…``: a word cut off by an ellipsis);
- ``complete: true``: the word (or a rewrite of it) also counts when a longer dictionary word begins with
  it — «позавтр…» is the start of «позавтракать»; such a finding has no replacement to offer, and
  ``rewrites`` may then be left out;
- ``proper_unknown: true``: a lower-case word the dictionary knows only as a name, a place or an
  abbreviation counts as unknown too — «инте…», «ска…», «пос…» are cut-off words, not «Инта» or «СКА»;
- ``word``: a regex the lower-case word must match instead of the default (Cyrillic letters and
  hyphens): a rule about Latin look-alike letters inside Russian words («всë», «нe») lets them in.
  Such a rule reads word tokens that touch glued back together, because razdel cuts a word where the
  alphabet changes («н» + «e»), around the unknown words one of its rewrites can apply to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..context import Context
from ..doc import Doc, Token
from ..finding import Hit, Suggestion
from ..fix import match_case
from ..morph import Morph
from ..prefilter import first_item, first_letters, last_letters, letters
from ..rule import Rule

MISSING = object()
KEYS = {"rewrites", "max_edits", "min_length", "skip", "parts_of_speech", "followed_by", "complete", "word",
        "proper_unknown"}
#: Readings that do not make a candidate a real word: names, places, abbreviations, typos.
NOT_WORDS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Init", "Erro", "LATN", "UNKN"})
CYRILLIC_WORD = re.compile(r"^[а-яё]+(?:-[а-яё]+)*$")
ABBREVIATION_LENGTH = 5
#: A lower-case abbreviation without vowels, such as «м», «г», «ст», «пр».
ABBREVIATION = re.compile(r"^[бвгджзклмнпрстфхцчшщ]{1,3}$")
#: A replacement that only copies groups (``\\1``) and literal text; anything else goes to ``Match.expand``.
SIMPLE_TEMPLATE = re.compile(r"(?:[^\\]|\\[1-9](?!\d))*")


@dataclass(frozen=True)
class Rewrite:
    regex: re.Pattern[str]
    replacement: str
    min_length: int = 0
    #: The replacement split into literal text and group numbers, or None for ``Match.expand``
    #: (which parses the template again on every call: most of the cost of trying rewrites).
    parts: tuple[str | int, ...] | None = None
    #: Sets of letters the word must share one with each of, or the regex cannot match: most of the ~55
    #: rewrites have nothing to hold on to in a given word, and a letter table skips them without a scan.
    needs: tuple[frozenset[str], ...] = ()
    #: For a regex anchored at the end (``тся$``): the letters one of which the word must end with.
    ends: frozenset[str] | None = None
    #: The letters one of which starts every match (None: any): a search told to rewrite only near the
    #: start of a word skips a rewrite whose letters are all further on.
    starts: frozenset[str] | None = None
    #: How many letters at the start of every match the replacement writes back (``([бв])`` → ``\\1\\1``,
    #: ``с(?=н)`` → ``ст``: one): a candidate first differs from the word that much later.
    keeps: int = 0

    #: ``expand`` specialised once for the shape of ``parts`` (tens of thousands of calls per new text).
    expand: Callable[[re.Match[str]], str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "expand", _expander(self.replacement, self.parts))


def _expander(replacement: str, parts: tuple[str | int, ...] | None) -> Callable[[re.Match[str]], str]:
    """What a match is replaced with: ``'и'``, ``'\\1'``, ``'\\1и'``, ``'с\\1'``, ``'\\1\\1'`` without a join; the rest
    by parts."""
    if parts is None:
        return lambda m: m.expand(replacement)
    texts = [p for p in parts if isinstance(p, str)]
    groups = [p for p in parts if isinstance(p, int)]
    shape = "".join("t" if isinstance(p, str) else "g" for p in parts)
    text, group = (texts or [""])[0], (groups or [0])[0]
    if shape in ("", "t"):
        return lambda m: text
    if shape == "g":
        return lambda m: m.group(group) or ""
    if shape == "gt":
        return lambda m: (m.group(group) or "") + text
    if shape == "tg":
        return lambda m: text + (m.group(group) or "")
    if shape == "gg":  # a doubled letter: «клас» → «класс»
        second = groups[1]
        return lambda m: (m.group(group) or "") + (m.group(second) or "")
    return lambda m: "".join([p if isinstance(p, str) else m.group(p) or "" for p in parts])


@dataclass(frozen=True)
class RespellingCheck:
    rule: Rule
    rewrites: tuple[Rewrite, ...]
    analyzer: Morph
    max_edits: int = 1
    min_length: int = 3
    skip: re.Pattern[str] | None = None
    parts_of_speech: frozenset[str] = frozenset()
    followed_by: re.Pattern[str] | None = None
    complete: bool = False
    word: re.Pattern[str] = CYRILLIC_WORD
    #: A lower-case word known only as a name, place or abbreviation is a candidate too.
    proper_unknown: bool = False
    #: Any rewrite's regex, or None when one has a backreference: a word it misses cannot be respelt.
    gate: re.Pattern[str] | None = None
    #: A respelling is a guess: the engine drops it where another rule of the category flags the word.
    fallback: bool = True
    _cache: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)
    _letters: LetterTable = field(init=False, repr=False, compare=False)
    #: Whether every rewrite only appends letters (``$``): then no candidate can be a word unless some
    #: dictionary word starts with the word as written — one lookup instead of the whole search.
    appends: bool = field(init=False, repr=False, compare=False)

    @property
    def fallback_rank(self) -> int:
        """Fewer rewrites allowed, surer guess: «изза» split in one step beats a two-step respelling."""
        return self.max_edits

    def __post_init__(self) -> None:
        object.__setattr__(self, "_letters", LetterTable.of(self.rewrites))
        object.__setattr__(self, "appends", all(r.regex.pattern == "$" for r in self.rewrites))

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        words = doc.words
        if self.word is not CYRILLIC_WORD:
            yield from self._glued(doc)
            return
        for i in self._positions(doc):
            token = words[i]
            if self.followed_by is not None and not self.followed_by.match(doc.view, token.stop):
                continue
            # Most unknown words offer no rewrite a hold: one search over them all spares the candidate checks.
            if self.gate is not None and not self.complete and not self.gate.search(token.lower):
                continue
            if not self._candidate(doc, token, words[i - 1] if i else None):
                continue
            if (hit := self._hit(token.text, token.start, token.stop)) is not None:
                yield hit

    def _positions(self, doc: Doc) -> list[int]:
        """The words worth a look: unknown ones, and with ``proper_unknown`` lower-case names and abbreviations."""
        # A known word is never a candidate; a text without the required continuation has none at all.
        if not self.proper_unknown or (self.followed_by is not None and not self.followed_by.search(doc.view)):
            return doc.unknown
        return [i for i, token in enumerate(doc.words) if not _ordinary(token)]

    def _glued(self, doc: Doc) -> Iterator[Hit]:
        """Hits on runs of word tokens with nothing between them, around the unknown words a rewrite can hold."""
        words = doc.words
        done = -1
        for u in doc.unknown:
            # A run holds an unknown piece («e» in «н» + «e», «всë»): only those worth gluing around.
            if u < done or (self.gate is not None and not self.gate.search(words[u].lower)):
                continue
            i, j = u, u + 1
            while i > 0 and words[i].start == words[i - 1].stop:
                i -= 1
            while j < len(words) and words[j].start == words[j - 1].stop:
                j += 1
            done = j
            first, stop = words[i], words[j - 1].stop
            # A run of several tokens is no dictionary word, whatever its first piece («н» + «e») reads as.
            run = first if j == i + 1 else first._replace(text=doc.text[first.start:stop], stop=stop, analyses=())
            previous = words[i - 1] if i else None
            if self._candidate(doc, run, previous) and (hit := self._hit(run.text, run.start, run.stop)):
                yield hit

    def _hit(self, text: str, start: int, stop: int) -> Hit | None:
        lower = text.lower().replace("ё", "е")
        standard = self.standard(lower)
        if standard is None:
            return None
        suggestions: tuple[Suggestion, ...] = ()
        if self.rule.fix_safety != "none" and standard != lower:
            suggestions = (Suggestion(match_case(text, standard), start, stop, self.rule.fix_safety == "safe"),)
        return Hit(start, stop, suggestions, data={"replacement": standard} if standard != lower else None)

    def _candidate(self, doc: Doc, token: Token, previous: Token | None) -> bool:
        lower = token.text.lower()
        if len(lower) < self.min_length or not self.word.match(lower):
            return False
        if self.skip is not None and self.skip.search(lower):
            return False
        # A dot right after the word is an abbreviation's, unless the rule asked for what follows (an ellipsis).
        dotted = self.followed_by is None and doc.text[token.stop:token.stop + 1] == "."
        if len(lower) <= ABBREVIATION_LENGTH and (token.text.isupper() or dotted):
            return False  # «СНИЛС», «выкл.»: an abbreviation, not a clipped or misspelt word
        # A reply that opens with an @mention starts its sentence after the handle: «@anna Харашо».
        starts_sentence = (previous is None or previous.sentence != token.sentence
                           or (previous.start > 0 and doc.text[previous.start - 1] == "@"))
        # «ст. м. Купчино»: a dot after a consonant-only abbreviation ends no sentence, the name is a name.
        if starts_sentence and previous is not None and ABBREVIATION.match(previous.text):
            starts_sentence = doc.text[previous.stop:previous.stop + 1] != "."
        if token.text[0].isupper() and not starts_sentence and not token.text.isupper():
            return False
        return not (_ordinary(token) if self.proper_unknown else any(a.known for a in token.analyses))

    def standard(self, word: str) -> str | None:
        """The dictionary word that ``word`` respells, or None."""
        if self.appends and not self.analyzer.is_prefix(word):
            return None  # every candidate starts with the word itself, and no dictionary word does
        found = self._cache.get(word, MISSING)
        if found is MISSING:
            if len(self._cache) > 50_000:
                self._cache.clear()
            # Returned from the local name: another thread may clear the cache in between.
            found = self._cache[word] = self._search(word)
        return found  # type: ignore[return-value]

    def _search(self, word: str) -> str | None:
        if self.complete and self.analyzer.begins_word(word):
            return word  # the start of a longer word: nothing to rewrite, and no single ending to add
        # Breadth first over the number of edits; within one depth the rewrites listed first win. A
        # frontier word keeps the rewrites it took, where the last one began and its parent's bound.
        frontier: dict[str, tuple[tuple[int, ...], int, int]] = {word: ((), 0, len(word))}
        seen = {word}
        is_word, known = self._is_word, self.analyzer.is_known
        for depth in range(self.max_edits):
            last = depth == self.max_edits - 1  # nothing follows the last depth: keep only words
            found: list[tuple[tuple[int, ...], str]] = []
            completed: list[tuple[tuple[int, ...], str]] = []
            following: dict[str, tuple[tuple[int, ...], int, int]] = {}
            for current, (used, began, parent_bound) in frontier.items():
                # A rewrite keeps the text before it: past the parent's bound, the parent's dead end stays;
                # before it, the parent's known start up to the rewrite stays.
                bound = parent_bound if began > parent_bound else self._bound(current, began)
                # At the last depth only a word counts, and a rewrite past the bound makes none.
                for index, start, candidate in _edits(current, self.rewrites, self._letters,
                                                      bound if last else len(current)):
                    if candidate in seen:
                        continue
                    seen.add(candidate)
                    if start > bound:  # keeps current[:bound + 1], which begins no dictionary word
                        following[candidate] = (tuple(sorted((*used, index))), start, bound)
                    # Most candidates are no words: one lookup rejects them before the readings are read.
                    elif (" " in candidate or known(candidate)) and is_word(candidate):
                        found.append((tuple(sorted((*used, index))), candidate))
                    elif self.complete and self.analyzer.begins_word(candidate):
                        completed.append((tuple(sorted((*used, index))), word))
                    elif not last:
                        following[candidate] = (tuple(sorted((*used, index))), start, bound)
            if found or completed:
                return min(found or completed)[1]
            frontier = following
        return None

    def _bound(self, text: str, start: int) -> int:
        """A length such that no candidate keeping ``text[:bound + 1]`` is a word or begins one, given
        that ``text[:start]`` begins a word."""
        if self.max_edits == 1:
            return len(text)  # a one-edit search tries a few candidates: the lookups would cost more
        bound = self.analyzer.known_prefix(text, start)
        # A space ends the first part of a split candidate, which may be a whole word; upper case is
        # looked up lowered.
        if " " in text[:bound + 1] or text != text.lower():
            return len(text)
        return bound

    def _is_word(self, candidate: str) -> bool:
        if " " in candidate:  # a merged spelling split in two («незнаю» → «не знаю»): each part a word
            return all(self._is_word(part) or (len(part) == 1 and self.analyzer.is_known(part))
                       for part in candidate.split(" "))
        if len(candidate) < 2 or not self.analyzer.is_known(candidate):
            return False
        pos = self.parts_of_speech
        return any(a.known and not (a.grammemes & NOT_WORDS) and (not pos or a.pos in pos)
                   for a in self.analyzer.parse(candidate))


def _ordinary(token: Token) -> bool:
    """Whether ``token`` reads as an ordinary word; lower-case «инте» (Инта) and «ска» (СКА) do not."""
    if not token.text.islower():
        return any(a.known for a in token.analyses)
    return any(a.known and not (a.grammemes & NOT_WORDS) for a in token.analyses)


def _edits(word: str, rewrites: tuple[Rewrite, ...], table: LetterTable,
           limit: int) -> Iterator[tuple[int, int, str]]:
    """Every word made by applying one rewrite at one place up to ``limit``, with the rewrite's index and
    where the new word first may differ from ``word``."""
    for index in table.applicable(word, limit):
        rewrite = rewrites[index]
        if len(word) < rewrite.min_length:
            continue
        for m in rewrite.regex.finditer(word):
            start = m.start() + rewrite.keeps
            if start > limit:
                break  # matches come left to right
            yield index, start, word[:m.start()] + rewrite.expand(m) + word[m.end():]


@dataclass(frozen=True)
class LetterTable:
    """Which rewrites a word's letters let apply, as bit masks: the rest cannot match it.

    A rewrite may need several sets of letters (``тся$``: «т», «с» and «я»). Each letter maps to one mask
    with a block of bits per set — block ``n`` holds the rewrites whose ``n``-th set has the letter — so
    a word's letters are looked up once, and the blocks are then ANDed.
    """

    #: Bits in a block: one per rewrite.
    width: int
    #: The most sets a rewrite needs.
    blocks: int
    #: Letter → its mask; ``""`` → in block ``n``, the rewrites with fewer than ``n + 1`` sets.
    letters: dict[str, int]
    #: Last letter of the word → the rewrites anchored at the end that it lets apply, and all the others;
    #: ``""`` → the others alone.
    ends: dict[str, int]
    #: Letter → the rewrites whose matches may start with it; ``""`` → those that may start anywhere.
    starts: dict[str, int]

    @classmethod
    def of(cls, rewrites: tuple[Rewrite, ...]) -> LetterTable:
        width, blocks = len(rewrites), max((len(r.needs) for r in rewrites), default=0)
        letters: dict[str, int] = {"": 0}
        ends: dict[str, int] = {"": 0}
        starts: dict[str, int] = {"": 0}
        for index, rewrite in enumerate(rewrites):
            for n in range(blocks):
                bit = 1 << (n * width + index)
                for ch in rewrite.needs[n] if n < len(rewrite.needs) else ("",):
                    letters[ch] = letters.get(ch, 0) | bit
            if rewrite.ends is None:
                ends[""] |= 1 << index
            for ch in rewrite.ends or ():
                ends[ch] = ends.get(ch, 0) | 1 << index
            for ch in rewrite.starts if rewrite.starts is not None else ("",):
                starts[ch] = starts.get(ch, 0) | 1 << index
        for ch in ends:
            ends[ch] |= ends[""]
        return cls(width, blocks, letters, ends, starts)

    def applicable(self, word: str, limit: int) -> tuple[int, ...]:
        """Indices, in order, of the rewrites that may apply to ``word`` at a place up to ``limit``."""
        mask = self.letters[""]
        for ch in set(word):
            mask |= self.letters.get(ch, 0)
        allowed = self.ends.get(word[-1:], self.ends[""])
        for n in range(self.blocks):
            allowed &= mask >> (n * self.width)
        if limit < len(word) - 1:  # a match starting up to limit starts with a letter of word[:limit + 1]
            begins = self.starts[""]
            for ch in set(word[:limit + 1]):
                begins |= self.starts.get(ch, 0)
            allowed &= begins
        found = _INDICES.get(allowed)
        if found is None:  # the same few letter sets come back word after word
            if len(_INDICES) > 4096:
                _INDICES.clear()
            found = _INDICES[allowed] = tuple(i for i in range(allowed.bit_length()) if allowed >> i & 1)
        return found


#: Bit mask of rewrites → their indices in order (see ``LetterTable.applicable``).
_INDICES: dict[int, tuple[int, ...]] = {}


@lru_cache(maxsize=256)
def _compile(source: str) -> re.Pattern[str]:
    return re.compile(source)


def compile(rule: Rule, analyzer: Morph) -> RespellingCheck:
    complete = rule.spec.get("complete", False)
    if not isinstance(complete, bool):
        raise rule.error("complete", "ожидается true или false")
    raw = rule.spec.get("rewrites", [] if complete else None)
    if not isinstance(raw, list) or not (raw or complete):
        raise rule.error("rewrites", "ожидается непустой список пар [шаблон, замена]")
    rewrites = []
    for item in raw:
        if not (isinstance(item, list) and len(item) in (2, 3) and all(isinstance(x, str) for x in item[:2])
                and (len(item) == 2 or isinstance(item[2], int))):
            raise rule.error("rewrites", f"каждая перестройка — [шаблон, замена] или [шаблон, замена, длина]: {item!r}")
        regex = _regex(rule, "rewrites", item[0])
        if any(int(ref) > regex.groups for ref in re.findall(r"\\(\d+)", item[1])):
            raise rule.error("rewrites", f"в замене {item[1]!r} ссылка на группу, которой нет в {item[0]!r}")
        rewrites.append(Rewrite(regex, item[1], item[2] if len(item) == 3 else 0, _parts(item[1]),
                                letters(regex), last_letters(regex),
                                first_letters(regex), _keeps(regex, _parts(item[1]))))
    skip = rule.spec.get("skip")
    max_edits = rule.spec.get("max_edits", 1)
    min_length = rule.spec.get("min_length", 3)
    for key, value in (("max_edits", max_edits), ("min_length", min_length)):
        if not isinstance(value, int) or value < 1 or (key == "max_edits" and value > 3):
            raise rule.error(key, "ожидается целое число (max_edits — от 1 до 3)")
    pos = rule.spec.get("parts_of_speech", [])
    if not isinstance(pos, list) or not all(isinstance(p, str) for p in pos):
        raise rule.error("parts_of_speech", "ожидается список частей речи OpenCorpora: [ADJF, INFN]")
    if unknown := analyzer.unknown_grammemes(set(pos)):
        raise rule.error("parts_of_speech", f"неизвестные части речи: {', '.join(unknown)}")
    followed_by = rule.spec.get("followed_by")
    word = rule.spec.get("word")
    proper_unknown = rule.spec.get("proper_unknown", False)
    if not isinstance(proper_unknown, bool):
        raise rule.error("proper_unknown", "ожидается true или false")
    return RespellingCheck(rule, tuple(rewrites), analyzer, max_edits, min_length,
                           _regex(rule, "skip", skip) if skip is not None else None, frozenset(pos),
                           _regex(rule, "followed_by", followed_by) if followed_by is not None else None,
                           complete, _regex(rule, "word", word) if word is not None else CYRILLIC_WORD,
                           proper_unknown, _gate([r.regex for r in rewrites]))


def _gate(regexes: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One alternation of the rewrites' regexes; None when a backreference would change its meaning."""
    if not regexes or any(re.search(r"\\[1-9]|\(\?P=", r.pattern) for r in regexes):
        return None
    try:
        return re.compile("|".join(f"(?:{source})" for source in dict.fromkeys(r.pattern for r in regexes)))
    except re.error:  # an inline flag such as (?i) may only open a whole expression
        return None


def _keeps(regex: re.Pattern[str], parts: tuple[str | int, ...] | None) -> int:
    """1 when the replacement starts with what every match starts with (the one-letter group it opens
    with, or its first literal letter), else 0."""
    lead = first_item(regex)
    if not parts or lead is None:
        return 0
    kind, value = lead
    if kind == "group":
        return int(parts[0] == value)
    return int(isinstance(parts[0], str) and parts[0][:1] == value)


def _parts(replacement: str) -> tuple[str | int, ...] | None:
    """``'с\\1'`` → ``('с', 1)``; None when the template has other escapes (``\\g<1>``, ``\\n``)."""
    if not SIMPLE_TEMPLATE.fullmatch(replacement):
        return None
    return tuple(int(p) if i % 2 else p for i, p in enumerate(re.split(r"\\([1-9])", replacement)) if p)


def _regex(rule: Rule, key: str, source: object) -> re.Pattern[str]:
    try:
        return _compile(str(source))
    except re.error as exc:
        raise rule.error(key, f"ошибка в регулярном выражении {source!r}: {exc}") from None
