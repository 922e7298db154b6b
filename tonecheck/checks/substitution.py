"""Word substitutions: «щас» → «сейчас», «бабки» → «деньги», «напиши» → «напишите».

``lexicon`` maps a pattern atom (see ``tonecheck.pattern``) to a replacement:

- a lemma, inflected to the case, number, gender and person of the matched word («чекну» → «проверю»);
- ``=текст``, a literal kept as written except for capitalisation;
- ``~plur`` (grammemes after ``~``), the matched word itself re-inflected («напиши» → «напишите»).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from ..context import Context
from ..doc import Doc, Token
from ..finding import Hit, Suggestion
from ..fix import match_case
from ..morph import Analysis, Morph
from ..pattern import Atom, PatternError, compile_atom
from ..rule import Rule

KEYS = {"lexicon", "unless_next", "unless_prev", "best_only", "ambiguous_at_clause_start"}


@dataclass(frozen=True)
class Entry:
    key: str
    atom: Atom
    lemma: str | None = None
    literal: str | None = None
    reinflect: frozenset[str] | None = None


@dataclass(frozen=True)
class SubstitutionCheck:
    rule: Rule
    entries: tuple[Entry, ...]
    analyzer: Morph
    forms: dict[str, tuple[Entry, ...]]
    lemmas: dict[str, tuple[Entry, ...]]
    scan: tuple[Entry, ...]
    unless_next: Atom | None
    unless_prev: Atom | None
    clause_start: bool = False

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        words = doc.words
        safe = self.rule.fix_safety == "safe"
        for i, token in enumerate(words):
            entry = self._entry_for(token)
            if entry is None:
                continue
            if self.unless_next and i + 1 < len(words) and self.unless_next.matches(words[i + 1]):
                continue
            if self.unless_prev and i > 0 and self.unless_prev.matches(words[i - 1]):
                continue
            if self.clause_start and _ambiguous(entry.atom, token) and not _clause_start(doc, words, i):
                continue  # «Мы нашли заказ» is a past tense, «Нашли фото» an order
            replacement = self.replacement(entry, token, words[i - 1] if i else None)
            suggestions: tuple[Suggestion, ...] = ()
            if replacement and self.rule.fix_safety != "none":
                suggestions = (Suggestion(match_case(token.text, replacement), token.start, token.stop, safe),)
            yield Hit(token.start, token.stop, suggestions,
                      data={"replacement": replacement} if replacement else None)

    def _entry_for(self, token: Token) -> Entry | None:
        candidates = list(self.forms.get(token.lower, ()))
        for lemma in token.lemmas:
            candidates.extend(self.lemmas.get(lemma, ()))
        candidates.extend(self.scan)
        for entry in candidates:
            if entry.atom.matches(token):
                return entry
        return None

    def replacement(self, entry: Entry, token: Token, previous: Token | None = None) -> str | None:
        if entry.literal is not None:
            return entry.literal
        source = _reading(entry.atom, token, previous)
        if source is None:
            return None
        if entry.reinflect is not None:
            return self.analyzer.reinflect(source, entry.reinflect)
        assert entry.lemma is not None
        return self.analyzer.agree(entry.lemma, source)


def _ambiguous(atom: Atom, token: Token) -> bool:
    """Whether some reading of ``token`` is not the one the atom wants."""
    return any(not (atom.grammemes <= a.grammemes) for a in token.analyses[1:])


def _clause_start(doc: Doc, words: list[Token], i: int) -> bool:
    """First word of a sentence, or right after a comma, dash, colon or semicolon."""
    if i == 0 or words[i - 1].sentence != words[i].sentence:
        return True
    between = doc.text[words[i - 1].stop:words[i].start]
    return any(ch in between for ch in ",;:—–-(")


#: Prepositions that take only the prepositional case: «о тебе» is «о вас», not «о вам».
LOCATIVE_PREPOSITIONS = frozenset({"о", "об", "обо", "при"})


def _reading(atom: Atom, token: Token, previous: Token | None = None) -> Analysis | None:
    """The reading of ``token`` that the atom matched (the most probable one otherwise)."""
    readings = token.analyses[:1] if atom.best_only else token.analyses
    if previous is not None and previous.lower in LOCATIVE_PREPOSITIONS:
        readings = tuple(sorted(readings, key=lambda a: "loct" not in a.grammemes))
    for a in readings:
        if (not atom.lemmas or a.lemma in atom.lemmas) and atom.grammemes <= a.grammemes \
                and not (atom.negated & a.grammemes):
            return a
    return token.best


def compile(rule: Rule, analyzer: Morph) -> SubstitutionCheck:
    raw = rule.spec.get("lexicon")
    if not isinstance(raw, dict) or not raw:
        raise rule.error("lexicon", "ожидается непустой словарь «слово: замена»")
    entries = []
    for key, value in raw.items():
        where = f"lexicon.{key}"
        if not isinstance(key, str) or not isinstance(value, str):
            raise rule.error("lexicon", f"{where}: ключ и замена должны быть строками")
        try:
            atom = compile_atom(key, analyzer)
        except PatternError as exc:
            raise rule.error("lexicon", f"{where}: {exc}") from None
        if rule.spec.get("best_only"):
            atom = dataclasses.replace(atom, best_only=True)
        if value.startswith("="):
            entries.append(Entry(key, atom, literal=value[1:]))
        elif value.startswith("~"):
            grams = frozenset(g.strip() for g in value[1:].split(",") if g.strip())
            bad = analyzer.unknown_grammemes(grams)
            if bad or not grams:
                raise rule.error("lexicon", f"{where}: неизвестная граммема {', '.join(bad) or '(пусто)'}")
            entries.append(Entry(key, atom, reinflect=grams))
        else:
            lemma = value.lower().replace("ё", "е")
            if " " in lemma or not analyzer.is_known(lemma) or analyzer.inflect(lemma, frozenset({"nomn"})) is None:
                raise rule.error("lexicon", f"{where}: замену {value!r} нельзя склонять "
                                 "(её нет в словаре pymorphy3); для неизменяемой замены пишите «=текст»")
            entries.append(Entry(key, atom, lemma=lemma))
    forms: dict[str, list[Entry]] = {}
    lemmas: dict[str, list[Entry]] = {}
    scan: list[Entry] = []
    for entry in entries:
        if entry.atom.forms:
            for form in entry.atom.forms:
                forms.setdefault(form, []).append(entry)
        elif entry.atom.lemmas:
            for lemma in entry.atom.lemmas:
                lemmas.setdefault(lemma, []).append(entry)
        else:
            scan.append(entry)

    def atom_of(key: str) -> Atom | None:
        value = rule.spec.get(key)
        if value is None:
            return None
        try:
            return compile_atom(str(value), analyzer)
        except PatternError as exc:
            raise rule.error(key, str(exc)) from None

    return SubstitutionCheck(
        rule, tuple(entries), analyzer,
        {k: tuple(v) for k, v in forms.items()}, {k: tuple(v) for k, v in lemmas.items()}, tuple(scan),
        atom_of("unless_next"), atom_of("unless_prev"), bool(rule.spec.get("ambiguous_at_clause_start")),
    )
