"""Spam score, modelled on SpamAssassin: named signals with points, summed and compared with a threshold.

A rule of this kind lists its ``signals`` in YAML; each is one of

- ``phrase``: lemma patterns (see ``tonecheck.pattern``), «бесплатно», «без вложений», «жми ... ссылка»;
- ``regex``: character patterns over the text: links, runs of «!», money amounts; an optional ``gate``
  (one expression, or a list with one or null per regex) is a cheap expression every match contains,
  searched first: a text without it is not scanned;
- ``caps``: the share of capital letters among all letters;
- ``emoji``: emoji per word;
- ``mixed-script``: words that mix Cyrillic with Latin or Greek look-alikes («CРОЧHO», «д0ллaP0B»);
- ``combo``: SpamAssassin's meta rules, points when signals from each of the ``requires`` groups have
  scored (an offer of easy money *and* «пиши в лс»), or ``at_least`` N of the listed signals have.

A signal scores ``points`` once it has ``min_count`` matches, ``each`` more for every further match, at
most ``max``; the sum is multiplied by the channel's factor (``channel_factor``, per signal
``channels``). The rule fires once the score reaches ``threshold`` (``spam_threshold`` in the config
options overrides it). Words written with look-alike letters are read back as Cyrillic
(``homoglyphs``) before the phrase signals look at them, so «зapаб0тoк» still counts as «заработок».
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property, reduce
from operator import or_
from typing import Any, NamedTuple

from ..context import CHANNELS, Context
from ..doc import Doc, Token
from ..errors import ConfigError
from ..finding import Hit
from ..morph import Morph
from ..pattern import Pattern, PatternError, compile_pattern, find
from ..prefilter import Requirement, possible, required
from ..rule import NAME, Rule

KEYS = {"threshold", "channel_factor", "homoglyphs", "signals"}
SIGNAL_KINDS = ("phrase", "regex", "caps", "emoji", "mixed-script", "combo")
SIGNAL_KEYS = {
    "name", "description", "kind", "points", "each", "max", "min_count", "channels",
    "patterns", "regex", "gate", "min_share", "min_letters", "requires", "at_least",
}
DEFAULT_THRESHOLD = 5.0
#: Runs of letters and digits: razdel splits «CРОЧHO» at every change of script, this does not.
_RUN = re.compile(r"[^\W_]+")
#: Runs that cannot be disguised: all Cyrillic, or all ASCII letters and digits.
_PLAIN = re.compile(r"[а-яёА-ЯЁ]+|[A-Za-z0-9]+")
#: Where a run stops being plain: a letter of another script, or Cyrillic touching Latin or a digit (the
#: latter written from the Latin letter or digit, so that the search skips to those without trying each position).
_FOREIGN = re.compile(r"[^\WA-Za-z0-9а-яёА-ЯЁ_]")
_TOUCHING = re.compile(r"[A-Za-z0-9](?:(?<=[а-яёА-ЯЁ].)|[а-яёА-ЯЁ])")
#: Every character that may be a capital: anything but ASCII non-capitals and lower-case Russian letters.
_MAYBE_CAPITAL = re.compile(r"[^\x00-\x40\x5b-\x7fа-яё]")
#: A word without the emoji or «‼» that razdel leaves glued to it («лс‼», «ЛС😉»).
_CORE = re.compile(r"[^\W_](?:[\w'-]*[^\W_])?")
#: Unicode blocks of letters styled as bold, italic, circled or full-width («𝗸𝗼𝗱», «ｓａｌｅ»).
STYLED = frozenset({"MATHEMATICAL", "FULLWIDTH", "CIRCLED", "PARENTHESIZED", "SQUARED", "NEGATIVE"})
_EMOJI = re.compile(
    "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF\u3030\u303D\u3297\u3299]"
)


@dataclass(frozen=True)
class Signal:
    """One named spam rule: how it matches and how many points it is worth."""

    name: str
    description: str
    kind: str
    points: float
    each: float = 0.0
    max: float = 0.0
    min_count: int = 1
    channels: Mapping[str, float] = field(default_factory=dict)
    patterns: tuple[Pattern, ...] = ()
    needs: tuple[tuple[Need, ...], ...] = ()
    #: Ids of ``patterns``: a signal none of whose patterns is a candidate for the text is skipped.
    ids: frozenset[int] = frozenset()
    regexes: tuple[re.Pattern[str], ...] = ()
    #: For each regex, the characters it cannot match without (``tonecheck.prefilter``).
    gates: tuple[tuple[Requirement, ...], ...] = ()
    #: For each regex, the rule file's own cheap expression (``gate``) every match contains, or None.
    written_gates: tuple[re.Pattern[str] | None, ...] = ()
    min_share: float = 0.0
    min_letters: int = 0
    requires: tuple[frozenset[str], ...] = ()
    at_least: int = 0

    def fires(self, scored: set[str]) -> bool:
        """A combo: every ``requires`` group has a scored signal, or ``at_least`` of them all have."""
        if self.at_least:
            return len(scored & frozenset().union(*self.requires)) >= self.at_least
        return all(group & scored for group in self.requires)

    @cached_property
    def by_id(self) -> dict[int, tuple[Pattern, tuple[Need, ...]]]:
        """Each pattern and its needs by the pattern's id (as ``ids`` and the index name them)."""
        return {id(p): (p, n) for p, n in zip(self.patterns, self.needs, strict=True)}

    def score(self, count: int) -> float:
        if count < self.min_count:
            return 0.0
        return min(self.max, self.points + self.each * (count - self.min_count))


class Need(NamedTuple):
    """A word a pattern requires: one of these lemmas or forms, or a form starting with one of ``prefixes``."""

    lemmas: frozenset[str]
    forms: frozenset[str]
    prefixes: frozenset[str]
    #: The prefixes as searches (``Starts``); None without prefixes.
    starts: Starts | None


class Starts(NamedTuple):
    """Form prefixes as two searches: anywhere in the lower-case view, and at the start of a key."""

    #: Over ``Scan.lowered``: a cheap first test, no word can start with a prefix the view lacks.
    anywhere: re.Pattern[str]
    #: Over ``Scan.lines``, after a newline: the exact test.
    at_start: re.Pattern[str]


class Scan:
    """What the signals read: the view, its words with look-alike letters read back, mixed words.

    A plain class with slots, its counts computed on first use: one is built for every text, and
    ``functools.cached_property`` (a lock per read on Python 3.11) cost more than the counts themselves.
    """

    __slots__ = ("_letters", "_lines", "_lowered", "_upper", "doc", "keys", "maybe_capitals", "mixed", "words")

    def __init__(self, doc: Doc, words: list[Token], mixed: list[tuple[int, int]], maybe_capitals: str) -> None:
        self.doc = doc
        self.words = words
        self.mixed = mixed
        #: The characters of the view that may be capitals (``_MAYBE_CAPITAL``), in order: a few, against every
        #: character of the view. Foreign letters and emoji are among them (not ASCII, not а-яё).
        self.maybe_capitals = maybe_capitals
        #: Every lemma and every lower-cased form of the words: patterns needing an absent word are skipped.
        self.keys: AbstractSet[str] = doc.vocabulary if words is doc.words else frozenset().union(
            *[token.lemmas for token in words], [t.lower for t in words])
        self._letters: int | None = None
        self._upper: int | None = None
        self._lines: str | None = None
        self._lowered: str | None = None

    @property
    def letters(self) -> int:
        if self._letters is None:
            self._letters = sum(map(str.isalpha, self.doc.view))
        return self._letters

    @property
    def upper(self) -> int:
        if self._upper is None:
            # Every capital is among them (``_MAYBE_CAPITAL`` leaves out only ASCII non-capitals and а-яё).
            self._upper = sum(map(str.isupper, self.maybe_capitals))
        return self._upper

    @property
    def lines(self) -> str:
        """The keys each after a newline, for the prefix tests (one regex search instead of a loop over words)."""
        if self._lines is None:
            self._lines = "\n" + "\n".join(self.keys)
        return self._lines

    @property
    def lowered(self) -> str:
        """The view in lower case, ё written as е, as ``Token.lower`` writes a word."""
        if self._lowered is None:
            self._lowered = self.doc.view.lower().replace("ё", "е")
        return self._lowered

    def starting(self, starts: Starts) -> bool:
        """Whether a key starts with one of the prefixes (a lemma may bring a pattern up in vain, never lose one)."""
        # The Doc's words are pieces of the view, their forms pieces of ``lowered``: a prefix it lacks starts
        # none of them (prefixes match forms only). Words read back from a disguise are not in the view.
        if self.words is self.doc.words and starts.anywhere.search(self.lowered) is None:
            return False
        return starts.at_start.search(self.lines) is not None

    def may_match(self, needs: tuple[Need, ...]) -> bool:
        """Whether every word the pattern cannot do without may occur in the text (lemmas and forms alike)."""
        keys = self.keys
        for lemmas, forms, _, starts in needs:
            if keys.isdisjoint(lemmas) and keys.isdisjoint(forms) and (starts is None or not self.starting(starts)):
                return False
        return True


def _starts(prefixes: frozenset[str]) -> Starts | None:
    if not prefixes:
        return None
    alternatives = "|".join(map(re.escape, sorted(prefixes)))
    # After a newline, so that the search jumps from line to line of ``Scan.lines``.
    return Starts(re.compile(alternatives), re.compile("\n(?:" + alternatives + ")"))


def _needs(pattern: Pattern) -> tuple[Need, ...]:
    """The pattern's required elements that name their words (not just grammemes)."""
    out = []
    for element in pattern.elements:
        named = all(a.lemmas or a.forms or a.prefix for a in element.atoms)
        if element.gap or element.optional or not named:
            continue
        lemmas = frozenset().union(*(a.lemmas for a in element.atoms))
        forms = frozenset().union(*(a.forms for a in element.atoms))
        prefixes = frozenset(a.prefix for a in element.atoms if a.prefix)
        out.append(Need(lemmas, forms, prefixes, _starts(prefixes)))
    return tuple(out)


@dataclass(frozen=True)
class PatternIndex:
    """Phrase patterns by the words of their rarest need: a text brings up only the patterns it may match.

    Lemmas and forms share one table (a form found as a lemma only brings up a pattern in vain, never
    loses one); the patterns whose rarest need is met by a form prefix come up together when any of
    those prefixes starts a word.
    """

    by_key: Mapping[str, tuple[int, ...]]
    keys: frozenset[str]
    prefixed: tuple[int, ...]
    starts: Starts | None
    always: frozenset[int]  # patterns that need no named word: always tried

    @classmethod
    def of(cls, signals: tuple[Signal, ...]) -> PatternIndex:
        by_key: dict[str, list[int]] = {}
        prefixed: list[int] = []
        prefixes: set[str] = set()
        always: set[int] = set()
        for signal in signals:
            for pattern, needs in zip(signal.patterns, signal.needs, strict=True):
                if not needs:
                    always.add(id(pattern))
                    continue
                need = max(needs, key=lambda n: min(map(len, n.lemmas | n.forms | n.prefixes)))
                for key in need.lemmas | need.forms:
                    by_key.setdefault(key, []).append(id(pattern))
                if need.prefixes:
                    prefixed.append(id(pattern))
                    prefixes |= need.prefixes
        return cls({k: tuple(v) for k, v in by_key.items()}, frozenset(by_key), tuple(prefixed),
                   _starts(frozenset(prefixes)), frozenset(always))

    def candidates(self, scan: Scan) -> set[int]:
        """Ids of the patterns whose rarest need may occur in the text."""
        out = set(self.always)
        for key in self.keys.intersection(scan.keys):
            out.update(self.by_key[key])
        if self.starts is not None and scan.starting(self.starts):
            out.update(self.prefixed)
        return out


class _Bits(dict[str, int]):
    """Character → bits of the one-character requirements it meets, filled in as new characters come."""

    def __init__(self, singles: tuple[Requirement, ...]) -> None:
        super().__init__()
        self.singles = singles

    def __missing__(self, ch: str) -> int:
        bits = self[ch] = sum(1 << i for i, single in enumerate(self.singles) if single.fullmatch(ch))
        return bits


def _literal(requirement: Requirement) -> str | None:
    """The string a requirement looks for, when it is one (not a class of characters or ``\\d``)."""
    if requirement.pattern.startswith("[") or requirement.pattern == r"\d":
        return None
    string = re.sub(r"\\(.)", r"\1", requirement.pattern, flags=re.DOTALL)
    return string if re.escape(string) == requirement.pattern else None


def _common(requirement: Requirement) -> bool:
    """A one-character requirement nearly every text meets: one a space or some letter meets."""
    return any(map(requirement.fullmatch, " abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя"))


def _characters(requirements: list[Requirement]) -> re.Pattern[str] | None:
    """One character class holding every character the one-character ``requirements`` accept (None without any)."""
    if not requirements:
        return None
    inner = "".join(r.pattern[1:-1] if r.pattern.startswith("[") else r.pattern for r in requirements)
    flags = reduce(or_, (r.flags & re.IGNORECASE for r in requirements), 0)
    return re.compile("[" + inner + "]", flags)


@dataclass(frozen=True)
class Gates:
    """The prefilter requirements of every regex signal, tested together once per text.

    A requirement of one character (a class, ``\\d``, one letter) is met by the text when one of the
    text's characters meets it, so it becomes a bit: the bits of each character are found once for all
    texts. A requirement nearly every text meets (a space, a common letter) is taken as met without
    looking; the characters of the others are picked out of the text by one class search. A longer
    literal also needs each of its characters, and then a search.
    """

    bits: _Bits
    #: Per regex of a regex signal: the bits it needs, and (signal position, searches it needs, regex).
    signals: tuple[tuple[int, tuple[int, tuple[Requirement, ...], re.Pattern[str]]], ...]
    #: The bits of the requirements taken as met, and the class of the characters the others accept.
    common: int
    finder: re.Pattern[str] | None
    #: The regexes whose bits a set of present bits meets: few sets recur, so each is worked out once.
    plans: dict[int, tuple[tuple[int, tuple[Requirement, ...], re.Pattern[str]], ...]] = field(
        default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, signals: tuple[Signal, ...]) -> Gates:
        singles: dict[tuple[str, int], int] = {}  # (pattern, flags) → bit

        def bit(requirement: Requirement) -> int:
            key = (requirement.pattern, requirement.flags)
            return 1 << singles.setdefault(key, len(singles))

        out = []
        for position, signal in enumerate(signals):
            if signal.kind != "regex":
                continue
            for regex, gate, written in zip(signal.regexes, signal.gates, signal.written_gates, strict=True):
                # The written gate holds wherever the regex matches: what the gate requires, the regex does too.
                # It is searched first, as its author made it cheap (a slow literal like «гарант» comes after).
                need, searches = 0, [] if written is None else [written]
                for requirement in gate + (() if written is None else required(written)):
                    string = _literal(requirement)
                    if string is None or len(string) == 1:
                        need |= bit(requirement)
                        continue
                    for ch in string:
                        need |= bit(re.compile(re.escape(ch), requirement.flags))
                    searches.append(requirement)
                # Built once: plans share these tuples rather than make new ones for every text.
                out.append((need, (position, tuple(searches), regex)))
        compiled = tuple(re.compile(p, f) for p, f in singles)
        common = sum(1 << i for i, single in enumerate(compiled) if _common(single))
        rare = [single for i, single in enumerate(compiled) if not common & (1 << i)]
        return cls(_Bits(compiled), tuple(out), common, _characters(rare))

    def runnable(self, view: str) -> dict[int, list[re.Pattern[str]]]:
        """Positions of the regex signals that may match ``view``, with their regexes that may."""
        present = self.common
        if self.finder is not None:
            present |= reduce(or_, map(self.bits.__getitem__, set(self.finder.findall(view))), 0)
        plan = self.plans.get(present)
        if plan is None:
            if len(self.plans) > 4096:  # many characters mixed in many ways: keep the memory bounded
                self.plans.clear()
            plan = self.plans[present] = tuple(item for need, item in self.signals if present & need == need)
        out: dict[int, list[re.Pattern[str]]] = {}
        for position, searches, regex in plan:
            if not searches or possible(searches, view):
                out.setdefault(position, []).append(regex)
        return out


@dataclass(frozen=True)
class Contribution:
    signal: Signal
    points: float
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Result:
    score: float
    threshold: float
    contributions: tuple[Contribution, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 2),
            "threshold": self.threshold,
            "rules": [
                {"name": c.signal.name, "points": round(c.points, 2), "description": c.signal.description}
                for c in self.contributions
            ],
        }


@dataclass(frozen=True)
class SpamCheck:
    rule: Rule
    signals: tuple[Signal, ...]
    threshold: float
    channel_factor: Mapping[str, float]
    homoglyphs: Mapping[str, str]
    analyzer: Morph
    index: PatternIndex = field(init=False, repr=False, compare=False)
    gates: Gates = field(init=False, repr=False, compare=False)
    #: The phrase signal of each pattern id, and the positions of the combos.
    owners: Mapping[int, int] = field(init=False, repr=False, compare=False)
    #: The needs of each pattern id (``Signal.needs``).
    needs: Mapping[int, tuple[Need, ...]] = field(init=False, repr=False, compare=False)
    #: Positions of the caps, emoji, mixed-script and combo signals, by kind.
    kinds: Mapping[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)
    #: The fewest capitals any caps signal can score with.
    fewest_capitals: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", PatternIndex.of(self.signals))
        object.__setattr__(self, "gates", Gates.of(self.signals))
        object.__setattr__(self, "owners", {key: position for position, signal in enumerate(self.signals)
                                            for key in signal.ids})
        object.__setattr__(self, "needs", {id(p): n for signal in self.signals
                                           for p, n in zip(signal.patterns, signal.needs, strict=True)})
        object.__setattr__(self, "kinds", {kind: tuple(p for p, s in enumerate(self.signals) if s.kind == kind)
                                           for kind in ("caps", "emoji", "mixed-script", "combo")})
        object.__setattr__(self, "fewest_capitals", min(
            (s.min_share * s.min_letters for s in self.signals if s.kind == "caps"), default=0.0))

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        result = self.evaluate(doc, ctx)
        if result.score < self.threshold or not result.contributions:
            return
        spans = [s for c in result.contributions for s in c.spans]
        start = min(s for s, _ in spans)
        end = max(e for _, e in spans)
        message = f"{self.rule.message}: {result.score:.1f} при пороге {self.threshold:.1f}"
        yield Hit(start, end, message=message,
                  data={"score": round(result.score, 2), "threshold": self.threshold})

    def measure(self, doc: Doc, ctx: Context) -> dict[str, Any]:
        result = self.evaluate(doc, ctx)
        return {"spam": result.to_dict(), "spam_score": round(result.score, 2)}

    def evaluate(self, doc: Doc, ctx: Context) -> Result:
        """The score of ``doc`` (kept in ``doc.memo``: ``run`` and ``measure`` both ask for it)."""
        key = f"spam:{self.rule.code}:{ctx.channel}"
        result = doc.memo.get(key)
        if not isinstance(result, Result):
            result = doc.memo[key] = self._evaluate(doc, ctx)
        return result

    def _evaluate(self, doc: Doc, ctx: Context) -> Result:
        view = doc.view
        scan = self.scan(doc)
        # Only the signals that may score are counted: regexes the prefilter lets through, phrases with a
        # candidate pattern, caps, emoji and mixed words when the text has any; combos once a signal scored.
        counted: list[tuple[int, int, list[tuple[int, int]]]] = []  # position, count, spans
        for position, regexes in self.gates.runnable(view).items():
            spans = [m.span() for rx in regexes for m in rx.finditer(view) if m.end() > m.start()]
            if spans:
                spans = _disjoint(spans)
                counted.append((position, len(spans), spans))
        # Candidates that lack a word they need are dropped here, so that their signal is not visited at all.
        candidates = {key for key in self.index.candidates(scan) if scan.may_match(self.needs[key])}
        live = {self.owners[key] for key in candidates}
        if scan.mixed:
            live.update(self.kinds["mixed-script"])
        if _EMOJI.search(scan.maybe_capitals) is not None:  # every emoji is there (none is ASCII or а-яё)
            live.update(self.kinds["emoji"])
        # Counting the capitals costs more than counting what may be one: a text with few is done at that.
        if len(scan.maybe_capitals) >= self.fewest_capitals and scan.upper >= self.fewest_capitals:
            live.update(self.kinds["caps"])
        for position in live:
            count, spans = _count(self.signals[position], scan, candidates)
            if count:
                counted.append((position, count, spans))
        if not counted:  # most texts: what the sums below make of nothing, without making them
            return Result(0, self.threshold, ())
        base = self.channel_factor.get(ctx.channel, 1.0)
        scored: list[tuple[int, Contribution]] = []
        for position, count, spans in counted:
            signal = self.signals[position]
            points = signal.score(count) * signal.channels.get(ctx.channel, base)
            if points > 0:
                scored.append((position, Contribution(signal, points, tuple(spans))))
        if scored:
            # A combo requires only signals declared above it, never another combo.
            names = {c.signal.name for _, c in scored}
            for position in self.kinds["combo"]:
                signal = self.signals[position]
                points = signal.score(int(signal.fires(names))) * signal.channels.get(ctx.channel, base)
                if points > 0:
                    scored.append((position, Contribution(signal, points, ())))
        # By points, ties in the order of the rule file.
        scored.sort(key=lambda pc: (-pc[1].points, pc[0]))
        contributions = tuple(c for _, c in scored)
        return Result(sum(c.points for c in contributions), self.threshold, contributions)

    def scan(self, doc: Doc) -> Scan:
        """The words the phrases read: disguised words read back, emoji and «‼» glued to a word cut off."""
        view = doc.view
        capitals = "".join(_MAYBE_CAPITAL.findall(view))
        # Every character ``_FOREIGN`` accepts (not ASCII, not а-яё) may be a capital: looked for among those.
        odd = _FOREIGN.search(capitals) is not None or _TOUCHING.search(view) is not None
        mixed = [(m.start(), m.end()) for m in _RUN.finditer(view)
                 if not _PLAIN.fullmatch(m.group()) and self.disguised(m.group())] if odd else []
        # Nothing to read back (words all alphanumeric, or hyphenated): the Doc's own words and index. The
        # vocabulary holds every word in lower case, and lower case keeps a character that is not a letter
        # or digit one (``test_lower_case_keeps_what_is_not_alphanumeric``): all alphanumeric, all plain.
        if not mixed and ("".join(doc.vocabulary).isalnum()
                          or not any(_glued(t.text) for t in doc.words if not t.text.isalnum())):
            return Scan(doc, doc.words, mixed, capitals)
        words: list[Token] = []
        runs = iter(mixed)
        run = next(runs, None)
        changed = bool(mixed)
        for token in doc.words:
            while run is not None and run[1] <= token.start:
                run = next(runs, None)
            if run is not None and token.stop > run[0]:
                if not words or words[-1].start != run[0]:
                    words.append(self._read_back(doc, token, run, self.plain(doc.view[run[0]:run[1]])))
                continue
            core = _CORE.search(token.text)
            if core is not None and core.group() != token.text:  # as ``_glued`` tells
                span = (token.start + core.start(), token.start + core.end())
                token = self._read_back(doc, token, span, core.group().lower())
                changed = True
            words.append(token)
        # Hyphenated words («кто-то») are not alphanumeric but read as they are: the Doc's words again.
        return Scan(doc, words if changed else doc.words, mixed, capitals)

    def plain(self, run: str) -> str:
        """A disguised word read back: NFKC unstyles letters («𝗸» → «k»), the table makes them Cyrillic."""
        return "".join(self.homoglyphs.get(ch, ch) for ch in unicodedata.normalize("NFKC", run)).lower()

    def disguised(self, run: str) -> bool:
        """A word in disguise: styled letters, or a Russian word written partly in Latin, Greek or digits.

        An English word with a stray Cyrillic letter («Аndroid», a keyboard slip) is not: it has more
        foreign letters than Cyrillic ones and does not read back as a Russian word.
        """
        kind = _mixture(run)
        if kind == "mostly-foreign":
            return self.analyzer.is_known(self.plain(run))
        return kind is not None

    def _read_back(self, doc: Doc, token: Token, run: tuple[int, int], plain: str) -> Token:
        plain = plain.replace("ё", "е")
        analyses, lemmas = self.analyzer.word(plain)
        return Token(token.index, plain, run[0], run[1], token.sentence, analyses, lower=plain, lemmas=lemmas,
                     is_word=True)


def _glued(word: str) -> bool:
    """Whether razdel left emoji or «‼» glued to the word: its core is shorter (a hyphen inside is no glue)."""
    core = _CORE.search(word)
    return core is not None and core.group() != word


def _script(ch: str) -> str:
    if "0" <= ch <= "9":
        return "DIGIT"
    return unicodedata.name(ch, "?").split(" ", 1)[0]


def _mixture(run: str) -> str | None:
    """How a run of letters mixes scripts: "styled", "mixed", "mostly-foreign", "digits", or None."""
    if any(_script(ch) in STYLED for ch in run if ch.isalnum()):
        return "styled"
    scripts = [_script(ch) for ch in run]
    cyrillic = scripts.count("CYRILLIC")
    if not cyrillic or cyrillic == len(scripts):
        return None
    foreign = scripts.count("LATIN") + scripts.count("GREEK")
    if foreign:
        return "mixed" if cyrillic >= foreign else "mostly-foreign"
    # «з0лот0», but not a model name like «7600х3д»
    letters = sum(ch.isalpha() for ch in run)
    inner = any(ch.isdigit() and run[i].isalpha() and run[i + 2].isalpha() for i, ch in enumerate(run[1:-1]))
    return "digits" if letters >= 4 and inner else None


def _count(signal: Signal, scan: Scan, candidates: set[int]) -> tuple[int, list[tuple[int, int]]]:
    """Matches of a phrase, caps, emoji or mixed-script signal (regexes are run by ``_evaluate``)."""
    doc = scan.doc
    if signal.kind == "phrase":
        spans: list[tuple[int, int]] = []
        words = scan.words
        for key in signal.ids.intersection(candidates):  # any order: the spans are sorted below
            pattern, needs = signal.by_id[key]
            if scan.may_match(needs):
                spans += [(words[i].start, words[end - 1].stop) for i, end in find(pattern, doc, words)]
        spans = _disjoint(spans)
        return len(spans), spans
    if signal.kind == "mixed-script":
        return len(scan.mixed), list(scan.mixed)
    if signal.kind == "caps":
        # Too few capitals even for the fewest letters allowed, or for one letter a word (each of the Doc's
        # words holds a letter, ``Token.is_word``): the letters need not be counted.
        if scan.upper < signal.min_share * signal.min_letters or scan.upper < signal.min_share * len(doc.words) \
                or scan.letters < signal.min_letters or scan.upper < signal.min_share * scan.letters:
            return 0, []
        shouted = [(t.start, t.stop) for t in scan.words if sum(ch.isupper() for ch in t.text) > 1]
        return 1, shouted or [(0, len(doc.text))]
    # emoji: how many per word
    emoji = [(m.start(), m.end()) for m in _EMOJI.finditer(doc.view)]
    if len(emoji) / max(1, len(scan.words)) < signal.min_share:
        return 0, []
    return len(emoji), emoji


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in text order without overlaps: two patterns matching the same words count once."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


# ---------------------------------------------------------------- loading


def _number(rule: Rule, where: str, value: Any, *, low: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < low:
        raise rule.error("signals", f"{where}: ожидается число ≥ {low:g}, получено {value!r}")
    return float(value)


def _factors(rule: Rule, key: str, raw: Any) -> dict[str, float]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise rule.error(key, "ожидается словарь канал: множитель")
    out = {}
    for channel, factor in raw.items():
        if channel not in CHANNELS:
            raise rule.error(key, f"неизвестный канал {channel!r}; известны: {', '.join(CHANNELS)}")
        out[channel] = _number(rule, f"{key}.{channel}", factor)
    return out


def _signal(rule: Rule, raw: Any, index: int, analyzer: Morph, known: dict[str, str]) -> Signal:
    """One entry of ``signals``; ``known`` maps the names declared above it to their kinds."""
    where = f"сигнал №{index + 1}"
    if not isinstance(raw, dict):
        raise rule.error("signals", f"{where}: ожидается словарь")
    unknown = set(raw) - SIGNAL_KEYS
    if unknown:
        raise rule.error("signals", f"{where}: неизвестные поля {', '.join(sorted(map(str, unknown)))}")
    name = raw.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        raise rule.error("signals", f"{where}: имя {name!r} должно быть в kebab-case")
    where = f"сигнал {name}"
    description = raw.get("description")
    if not isinstance(description, str) or not description.strip():
        raise rule.error("signals", f"{where}: нужно описание (description)")
    kind = raw.get("kind", "phrase")
    if kind not in SIGNAL_KINDS:
        raise rule.error("signals", f"{where}: неизвестный вид {kind!r}; известны: {', '.join(SIGNAL_KINDS)}")
    points = _number(rule, f"{where}: points", raw.get("points"))
    each = _number(rule, f"{where}: each", raw.get("each", 0.0))
    cap = _number(rule, f"{where}: max", raw.get("max", points), low=points)
    min_count = raw.get("min_count", 1)
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise rule.error("signals", f"{where}: min_count — целое число ≥ 1")
    patterns: list[Pattern] = []
    needs: list[tuple[Need, ...]] = []
    regexes: list[re.Pattern[str]] = []
    written_gates: list[re.Pattern[str] | None] = []
    if kind == "phrase":
        sources = raw.get("patterns")
        if not isinstance(sources, list) or not sources:
            raise rule.error("signals", f"{where}: нужен непустой список patterns")
        for source in sources:
            try:
                patterns.append(compile_pattern(str(source), analyzer))
                needs.append(_needs(patterns[-1]))
            except PatternError as exc:
                raise rule.error("signals", f"{where}: {exc}") from None
    elif "patterns" in raw:
        raise rule.error("signals", f"{where}: patterns бывают только у вида phrase")
    if kind == "regex":
        sources = raw.get("regex")
        sources = [sources] if isinstance(sources, str) else sources
        if not isinstance(sources, list) or not sources:
            raise rule.error("signals", f"{where}: нужно регулярное выражение (regex)")
        for source in sources:
            try:
                regexes.append(re.compile(str(source), re.IGNORECASE))
            except re.error as exc:
                raise rule.error("signals", f"{where}: ошибка в выражении {source!r}: {exc}") from None
        written_gates = _written_gates(rule, where, raw.get("gate"), len(regexes))
    elif "regex" in raw or "gate" in raw:
        raise rule.error("signals", f"{where}: regex и gate бывают только у вида regex")
    min_share = raw.get("min_share", 0.0)
    if kind in ("caps", "emoji"):
        min_share = _number(rule, f"{where}: min_share", min_share)
        if not 0 < min_share <= (1 if kind == "caps" else 100):
            raise rule.error("signals", f"{where}: min_share должен быть больше нуля")
    requires: list[frozenset[str]] = []
    if kind == "combo":
        groups = raw.get("requires")
        if not isinstance(groups, list) or not groups or not all(
            isinstance(g, list) and g and all(isinstance(n, str) for n in g) for g in groups
        ):
            raise rule.error("signals", f"{where}: requires — непустой список групп имён сигналов")
        for group in groups:
            for other in group:
                if other not in known:
                    raise rule.error("signals", f"{where}: requires: {other!r} — не сигнал, объявленный выше")
        requires = [frozenset(g) for g in groups]
    elif "requires" in raw or "at_least" in raw:
        raise rule.error("signals", f"{where}: requires и at_least бывают только у вида combo")
    at_least = raw.get("at_least", 0)
    if isinstance(at_least, bool) or not isinstance(at_least, int) or at_least < 0:
        raise rule.error("signals", f"{where}: at_least — целое число ≥ 1")
    min_letters = raw.get("min_letters", 0)
    if isinstance(min_letters, bool) or not isinstance(min_letters, int) or min_letters < 0:
        raise rule.error("signals", f"{where}: min_letters — целое число ≥ 0")
    return Signal(name, description.strip(), kind, points, each, cap, min_count,
                  _factors(rule, "signals", raw.get("channels")), tuple(patterns),
                  tuple(needs), frozenset(map(id, patterns)), tuple(regexes), tuple(map(required, regexes)),
                  tuple(written_gates), float(min_share), min_letters, tuple(requires), at_least)


def _written_gates(rule: Rule, where: str, raw: Any, count: int) -> list[re.Pattern[str] | None]:
    """``gate``: one expression for every regex of the signal, or a list with one (or null) per regex."""
    if raw is None:
        return [None] * count
    sources = [raw] * count if isinstance(raw, str) else raw
    if not isinstance(sources, list) or len(sources) != count:
        raise rule.error("signals", f"{where}: gate — выражение или список той же длины, что regex")
    out: list[re.Pattern[str] | None] = []
    for source in sources:
        if source is None:
            out.append(None)
            continue
        if not isinstance(source, str) or not source:
            raise rule.error("signals", f"{where}: gate — регулярное выражение или null, получено {source!r}")
        try:
            out.append(re.compile(source, re.IGNORECASE))  # the flags of the regexes it stands guard for
        except re.error as exc:
            raise rule.error("signals", f"{where}: ошибка в gate {source!r}: {exc}") from None
    return out


def threshold_option(options: Mapping[str, Any] | None, default: float) -> float:
    """``spam_threshold`` from the config options, checked."""
    value = (options or {}).get("spam_threshold", default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ConfigError(f"spam_threshold: ожидается положительное число, получено {value!r}")
    return float(value)


def compile(rule: Rule, analyzer: Morph, options: Mapping[str, Any] | None = None) -> SpamCheck:
    raw = rule.spec.get("signals")
    if not isinstance(raw, list) or not raw:
        raise rule.error("signals", "ожидается непустой список сигналов")
    signals: list[Signal] = []
    known: dict[str, str] = {}
    for i, item in enumerate(raw):
        signal = _signal(rule, item, i, analyzer, {n: k for n, k in known.items() if k != "combo"})
        if signal.name in known:
            raise rule.error("signals", f"сигнал {signal.name} объявлен дважды")
        known[signal.name] = signal.kind
        signals.append(signal)
    default = rule.spec.get("threshold", DEFAULT_THRESHOLD)
    if isinstance(default, bool) or not isinstance(default, (int, float)) or default <= 0:
        raise rule.error("threshold", "ожидается положительное число")
    homoglyphs = rule.spec.get("homoglyphs", {}) or {}
    if not isinstance(homoglyphs, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) == len(v) == 1 for k, v in homoglyphs.items()
    ):
        raise rule.error("homoglyphs", "ожидается словарь буква: кириллическая буква")
    return SpamCheck(rule, tuple(signals), threshold_option(options, float(default)),
                     _factors(rule, "channel_factor", rule.spec.get("channel_factor")),
                     {str(k): str(v) for k, v in homoglyphs.items()}, analyzer)
