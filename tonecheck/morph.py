"""The one place that imports pymorphy3: parses, inflection and grammeme checks behind caches."""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import pymorphy3

_INFINITIVE = ("ть", "ться", "чь", "чься", "ти", "тись")
_ADJECTIVE = ("ый", "ий", "ой")

#: Grammemes a replacement copies from the word it replaces.
AGREEMENT = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2",
             "sing", "plur", "masc", "femn", "neut", "1per", "2per", "3per",
             "pres", "past", "futr", "impr", "indc", "excl", "incl")
CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2"})

#: What the built-in rules ask of pymorphy3 while they load (the readings of some 1750 words, the forms
#: of the replacements they check), computed ahead of time by ``scripts/update_paradigms.py``: parsing
#: them was a fifth of building a Linter. Used only when written by the same pymorphy3 and dictionary
#: (``Morph.version``); the answers are the ones pymorphy3 gives, other words are parsed as before.
READINGS = Path(__file__).resolve().parent / "data" / "readings.json"


class Analysis(NamedTuple):
    """One reading of a word: lemma, part of speech and grammemes (a named tuple: cheap to build)."""

    word: str
    lemma: str
    pos: str | None
    grammemes: frozenset[str]
    score: float
    known: bool
    #: Used only inside this module: the pymorphy3 Parse, or (word, n) — the n-th parse of ``word``,
    #: parsed again when needed rather than kept: a Parse is a nest of objects the garbage collector
    #: would walk for every word a long-running process has cached.
    raw: Any

    def has(self, grammemes: frozenset[str]) -> bool:
        return grammemes <= self.grammemes


class Morph:
    """A thread-safe, cached facade over pymorphy3's Russian (and lazily Ukrainian) analyzers."""

    def __init__(self, shipped: bool = True) -> None:
        self._ru = pymorphy3.MorphAnalyzer(lang="ru")
        self._uk: pymorphy3.MorphAnalyzer | None = None
        self._lock = threading.Lock()
        self._tags: dict[str, tuple[str | None, frozenset[str]]] = {}
        #: Letters a dictionary word may spell otherwise («е» for «ё»): a word without them has one spelling.
        self._fuzzy = frozenset(key.decode() for key in self._ru.char_substitutes or {})
        self.parse = lru_cache(maxsize=50_000)(self._parse)
        self.inflect = lru_cache(maxsize=50_000)(self._inflect)
        self.word = lru_cache(maxsize=50_000)(self._word)
        self.token = lru_cache(maxsize=50_000)(self._token)
        self.lexeme = lru_cache(maxsize=50_000)(self._lexeme)
        self.paradigm = lru_cache(maxsize=10_000)(self._paradigm)
        self._reinflect = lru_cache(maxsize=50_000)(self._reinflect_raw)  # keyed by the pymorphy3 Parse
        #: From ``READINGS``: rows of ``_parse`` by word, ``_inflect``'s answers by its arguments.
        self._shipped: dict[str, list[list[Any]]] = {}
        self._inflections: dict[tuple[str, frozenset[str], str | None], str | None] = {}
        if shipped:
            self._load_shipped()

    def _load_shipped(self) -> None:
        try:
            data = json.loads(READINGS.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if data.get("version") != self.version:
            return
        for tag, pos in data["tags"].items():  # the pairs ``_tag`` would make, shared with live parses
            self._tags[tag] = (pos, frozenset(tag.replace(" ", ",").split(",")))
        self._shipped = data["parses"]
        self._inflections = {(lemma, frozenset(filter(None, grammemes.split(","))), pos): form
                             for lemma, grammemes, pos, form in data["inflections"]}

    def _parse(self, word: str) -> tuple[Analysis, ...]:
        rows = self._shipped.pop(word, None)  # popped: from now on the parse cache holds the readings
        if rows is not None:
            return tuple(Analysis(form, lemma, *self._tags[tag], score, known, (word, n))
                         for form, lemma, tag, score, known, n in rows)
        out = []
        known: dict[str, bool] = {}  # Parse.is_known looks the form up again for every reading of it
        for n, p in enumerate(self._ru.parse(word)):
            pos, grammemes = self._tag(p.tag)
            if p.word not in known:
                known[p.word] = p.is_known
            out.append(Analysis(p.word, p.normal_form.replace("ё", "е"), pos, grammemes, p.score,
                                known[p.word], (word, n)))
        # «к» is also an abbreviation of «как», «те» an archaic «тебе»: such readings only when nothing
        # else fits.
        plain = tuple(a for a in out if "Abbr" not in a.grammemes and "Arch" not in a.grammemes)
        return plain or tuple(out)

    def _tag(self, tag: Any) -> tuple[str | None, frozenset[str]]:
        """Part of speech and grammemes of a pymorphy3 tag as plain strings, one pair per distinct tag.

        pymorphy3 builds a new tag object for every guessed word and a new grammeme object on every
        ``tag.POS``; readings share these pairs instead (fewer objects kept, plain ``str`` comparisons).
        """
        key = str(tag)
        found = self._tags.get(key)
        if found is None:
            pos = tag.POS
            found = self._tags[key] = (None if pos is None else str(pos), frozenset(map(str, tag.grammemes)))
        return found

    def _word(self, lower: str) -> tuple[tuple[Analysis, ...], frozenset[str]]:
        """Readings of a lower-case word and the set of their lemmas."""
        analyses = self.parse(lower)
        return analyses, frozenset(a.lemma for a in analyses)

    def _token(self, text: str) -> tuple[tuple[Analysis, ...], str, frozenset[str], bool, tuple[str, ...]]:
        """What ``Doc`` keeps of a token's text: its readings, lower case (ё as е), lemmas, whether it is
        a word, and the keys ``Doc.index`` files it under (lemmas and lower case).

        One cache entry per text, holding everything: a long-running process keeps fewer objects for
        the garbage collector to walk than with an entry per question.
        """
        lower = text.lower().replace("ё", "е")
        if not any(ch.isalpha() for ch in lower):
            return (), lower, frozenset(), False, ()
        analyses = self.parse(lower)
        lemmas = frozenset(a.lemma for a in analyses)
        return analyses, lower, lemmas, True, tuple(lemmas | {lower})

    def _lexeme(self, lemma: str) -> tuple[str, ...]:
        """Every form of ``lemma`` (its most probable dictionary reading), lower case, ё as е."""
        for p in self._ru.parse(lemma):
            if p.is_known and p.normal_form.replace("ё", "е") == lemma:
                return tuple(dict.fromkeys(f.word.replace("ё", "е") for f in p.lexeme))
        return (lemma,)

    def lemmas(self, word: str) -> frozenset[str]:
        return frozenset(a.lemma for a in self.parse(word.lower()))

    def is_known(self, word: str) -> bool:
        # What pymorphy3's word_is_known does, without its layers of calls (a hot path of respellings).
        word, words = word.lower(), self._ru.dictionary.words
        if self._fuzzy.isdisjoint(word):  # one spelling: one lookup, not a search over spellings
            return word in words
        return bool(words.similar_keys(word, self._ru.char_substitutes))

    def is_prefix(self, prefix: str) -> bool:
        """Whether some dictionary word starts with ``prefix`` (lower case; «е» may stand for «ё»)."""
        has_prefix = self._ru.dictionary.words.has_keys_with_prefix
        if has_prefix(prefix):
            return True  # as written: most prefixes
        first, *rest = prefix.split("е")
        spellings = [first] if rest and has_prefix(first) else []
        for part in rest:  # each «е» read both ways, keeping the spellings some word begins with
            spellings = [s + letter + part for s in spellings for letter in "её" if has_prefix(s + letter + part)]
        return bool(spellings)

    def known_prefix(self, text: str, start: int = 0) -> int:
        """A length ``n`` such that no dictionary word begins with ``text[:n + 1]``: the longest start of
        ``text`` that some dictionary word begins with, given that ``text[:start]`` is one (``len(text)``
        when ``text`` itself is one)."""
        low, high = start, len(text) + 1  # text[:high] begins no word; past the end that holds vacuously
        while high - low > 1:
            middle = (low + high) // 2
            if self.is_prefix(text[:middle]):
                low = middle
            else:
                high = middle
        return low

    def begins_word(self, prefix: str) -> bool:
        """Whether some dictionary word starts with ``prefix`` and is longer («позавтр» → «позавтракать»)."""
        prefix = prefix.lower()
        # The word list repeats a key once per paradigm, so a few keys are read to pass the word itself.
        return any(key != prefix for key in itertools.islice(self._ru.dictionary.words.iterkeys(prefix), 32))

    def _candidates(self, lemma: str, pos: str | None) -> tuple[Analysis, ...]:
        """The readings ``inflect`` starts from: of ``lemma`` itself (of ``pos`` first), else any."""
        candidates = [a for a in self.parse(lemma) if a.lemma == lemma.replace("ё", "е")]
        if pos:
            candidates = [a for a in candidates if a.pos == pos] or candidates
        return tuple(candidates) or self.parse(lemma)

    def can_inflect(self, lemma: str, grammemes: frozenset[str], pos: str | None = None) -> bool:
        """Whether ``inflect`` finds a form; a reading that already carries the grammemes settles it
        without building the paradigm (rule loading asks this of every replacement)."""
        steps = _relaxations(grammemes)
        if any(step <= a.grammemes for a in self._candidates(lemma, pos) for step in steps):
            return True
        return self.inflect(lemma, grammemes, pos) is not None

    def _inflect(self, lemma: str, grammemes: frozenset[str], pos: str | None = None) -> str | None:
        """The form of ``lemma`` that carries ``grammemes``, or None when there is none."""
        if (lemma, grammemes, pos) in self._inflections:
            return self._inflections[lemma, grammemes, pos]
        for analysis in self._candidates(lemma, pos):
            for wanted in _relaxations(grammemes):
                raw = self._source(analysis.raw)
                form = raw.inflect(set(wanted)) if wanted else raw
                if form is not None:
                    return str(form.word)
        return None

    def _paradigm(self, lemma: str, grammemes: frozenset[str] = frozenset()) -> tuple[Analysis, ...]:
        """The forms of ``lemma`` that carry ``grammemes``, from the dictionary or, for a word it
        does not know («чекнуть», «пофиксить»), from the paradigm pymorphy3 predicts for it."""
        lemma = lemma.lower().replace("ё", "е")
        readings = [p for p in self._ru.parse(lemma) if p.normal_form.replace("ё", "е") == lemma]
        # A dictionary form ending in -ть is an infinitive, in -ый an adjective, else a noun in nomn.
        wanted = "INFN" if lemma.endswith(_INFINITIVE) else "ADJF" if lemma.endswith(_ADJECTIVE) else "NOUN"
        def rank(p: Any) -> tuple[int, bool]:
            return (0 if wanted == p.tag.POS else 1), wanted != "INFN" and "nomn" not in p.tag.grammemes

        readings.sort(key=rank)
        for p in readings:
            forms = tuple(
                Analysis(f.word.replace("ё", "е"), lemma, *self._tag(f.tag), 1.0, f.is_known, f)
                for f in p.lexeme if grammemes <= f.tag.grammemes
            )
            if forms:
                return forms
        return ()

    def agree(self, replacement: str, source: Analysis) -> str | None:
        """Inflect ``replacement`` (a lemma) to the case, number, gender and person of ``source``."""
        wanted = frozenset(g for g in AGREEMENT if g in source.grammemes)
        return self.inflect(replacement, wanted, None)

    def reinflect(self, source: Analysis, grammemes: frozenset[str]) -> str | None:
        """``source`` with some grammemes changed (e.g. ``{"plur"}``: «напиши» → «напишите»)."""
        return self._reinflect(source.raw, frozenset(grammemes))

    def _reinflect_raw(self, raw: Any, grammemes: frozenset[str]) -> str | None:
        form = self._source(raw).inflect(set(grammemes))
        return None if form is None else str(form.word)

    def _source(self, raw: Any) -> Any:
        """The pymorphy3 Parse behind ``Analysis.raw``."""
        if type(raw) is tuple:  # (word, n): the n-th parse of word (pymorphy3 parses deterministically)
            if len(raw) == 3:  # (lemma, grammemes, n): the n-th form of ``paradigm(lemma, grammemes)``
                lemma, grammemes, n = raw
                return self.paradigm(lemma, frozenset(grammemes))[n].raw
            word, n = raw
            return self._ru.parse(word)[n]
        return raw

    @property
    def version(self) -> str:
        """pymorphy3 and its dictionary: what a table computed from them ahead of time depends on."""
        meta = self._ru.dictionary.meta
        return f"pymorphy3 {pymorphy3.__version__}; {meta.get('source')} {meta.get('source_revision')}, " \
               f"compiled {meta.get('compiled_at')}"

    def shipped_table(self, words: Iterable[str],
                      inflections: Iterable[tuple[str, frozenset[str], str | None]]) -> dict[str, Any]:
        """What ``READINGS`` holds for these words and ``inflect`` questions, as pymorphy3 answers them
        (ask an analyzer built with ``shipped=False``)."""
        assert not self._shipped and not self._inflections, "answers from pymorphy3, not from a table"
        tags: dict[str, str | None] = {}
        parses: dict[str, list[list[Any]]] = {}
        for word in sorted(set(words)):
            parsed = self._ru.parse(word)
            parses[word] = []
            for a in self.parse(word):
                n = a.raw[1]
                tag = str(parsed[n].tag)
                assert frozenset(tag.replace(" ", ",").split(",")) == a.grammemes, tag  # what loading assumes
                tags[tag] = a.pos
                parses[word].append([a.word, a.lemma, tag, a.score, a.known, n])
        asked = sorted({(lemma, ",".join(sorted(grammemes)), pos or "") for lemma, grammemes, pos in inflections})
        return {
            "version": self.version,
            "tags": dict(sorted(tags.items())),
            "parses": parses,
            "inflections": [[lemma, grammemes, pos or None,
                             self.inflect(lemma, frozenset(filter(None, grammemes.split(","))), pos or None)]
                            for lemma, grammemes, pos in asked],
        }

    def unknown_grammemes(self, grammemes: set[str] | frozenset[str]) -> list[str]:
        """Grammemes OpenCorpora does not define (a typo in a rule file)."""
        known = self._ru.TagClass.KNOWN_GRAMMEMES
        return sorted(g for g in grammemes if g not in known)

    def uk_known(self, word: str) -> bool:
        """Whether the Ukrainian dictionary knows ``word`` (loaded on first use)."""
        if self._uk is None:
            with self._lock:
                if self._uk is None:
                    self._uk = pymorphy3.MorphAnalyzer(lang="uk")
                    self._restore_ru_grammemes()
        return self._uk.word_is_known(word.lower())


    def _restore_ru_grammemes(self) -> None:
        # pymorphy3 shares one Tag class between languages and loading the Ukrainian dictionary resets
        # its grammemes (Russian «excl», «Infr» become unknown); put the Russian ones back.
        path = Path(self._ru.dictionary.path) / "grammemes.json"
        self._ru.TagClass._init_grammemes(json.loads(path.read_text(encoding="utf-8")))


def _relaxations(grammemes: frozenset[str]) -> list[frozenset[str]]:
    """The wanted grammemes (with future and present swapped across aspects), then without gender,
    then without person/tense, then case only."""
    steps = [grammemes]
    # A perfective future is an imperfective present and back («доведём» → «сообщаем»).
    if "futr" in grammemes:
        steps.append(grammemes - {"futr"} | {"pres"})
    elif "pres" in grammemes:
        steps.append(grammemes - {"pres"} | {"futr"})
    no_gender = grammemes - {"masc", "femn", "neut"}
    steps.append(no_gender)
    steps.append(no_gender - {"1per", "2per", "3per", "pres", "past", "futr", "indc"})
    steps.append(frozenset(grammemes & CASES) | (grammemes & {"plur"}))
    steps.append(frozenset(grammemes & CASES))
    seen: list[frozenset[str]] = []
    for step in steps:
        if step not in seen:
            seen.append(step)
    return seen


_shared: Morph | None = None
_shared_lock = threading.Lock()


def morph() -> Morph:
    """The process-wide analyzer (dictionaries load once)."""
    global _shared
    if _shared is None:
        with _shared_lock:
            if _shared is None:
                _shared = Morph()
    return _shared
