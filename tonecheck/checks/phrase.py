"""Lemma phrases: «вы сами виноваты», «надо было ... читать», with an optional rewrite.

In ``replace`` a lemma in braces is inflected like the matched word of the same part of speech:
``{match: произвести оплату, replace: "{оплатить}"}`` turns «произведите оплату» into «оплатите»,
``{match: денежный средство, replace: "{деньги}"}`` turns «денежных средств» into «денег».
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..context import Context
from ..doc import Doc, Token
from ..finding import Hit, Suggestion
from ..fix import deletion, match_case
from ..morph import AGREEMENT, Analysis, Morph
from ..pattern import Lookup, Pattern, PatternError, compile_pattern, find
from ..rule import Rule

KEYS = {"patterns", "unless", "sentence_start"}
SLOT = re.compile(r"\{([^{}]+)\}")
#: Parts of speech a braced lemma may take its form from, by the lemma's own part of speech.
KINSHIP = {
    "VERB": {"VERB", "INFN", "GRND", "PRTF", "PRTS"}, "INFN": {"VERB", "INFN", "GRND", "PRTF", "PRTS"},
    "NOUN": {"NOUN"}, "ADJF": {"ADJF", "ADJS", "PRTF", "PRTS", "NPRO"}, "NPRO": {"NPRO", "NOUN"},
}
POS_ORDER = ("VERB", "INFN", "NOUN", "ADJF", "NPRO", "GRND", "PRTF", "PRTS", "ADJS")
#: Parts of speech that a braced verb or adjective keeps from its source («произведя» → «оплатив»).
KEPT_POS = frozenset({"INFN", "GRND", "PRTF", "PRTS", "ADJS", "COMP"})


@dataclass(frozen=True)
class Slot:
    lemma: str
    kin: frozenset[str]


@dataclass(frozen=True)
class Entry:
    pattern: Pattern
    replacement: str | None
    anchors: tuple[frozenset[str], frozenset[str], bool]
    unless: tuple[Pattern, ...] = ()
    requirements: tuple[frozenset[str], ...] = ()
    slots: tuple[Slot, ...] = ()

    def rewrite(self, analyzer: Morph, matched: list[Token]) -> str | None:
        """The replacement with every braced lemma inflected; None when one cannot be."""
        assert self.replacement is not None
        if not self.slots:
            return self.replacement
        forms = []
        for slot in self.slots:
            source = _source(matched, slot.kin, self.pattern)
            if source is None:
                return None
            wanted = frozenset(g for g in AGREEMENT if g in source.grammemes)
            if source.pos in KEPT_POS:
                wanted |= {source.pos}
            form = analyzer.inflect(slot.lemma, wanted, None)
            if form is None:
                return None
            forms.append(form)
        parts = iter(forms)
        return SLOT.sub(lambda _m: next(parts), self.replacement)


def _source(matched: list[Token], kin: frozenset[str], pattern: Pattern) -> Analysis | None:
    """The reading of the first matched word of a kindred part of speech (pattern lemmas first)."""
    lemmas = {lemma for e in pattern.elements for atom in e.atoms for lemma in atom.lemmas}
    for token in matched:
        readings = [a for a in token.analyses if a.pos in kin]
        if readings:
            # The pattern's own lemma first, then finite verbs and nouns before participles («доводим»).
            return min(readings, key=lambda a: (a.lemma not in lemmas, POS_ORDER.index(a.pos)))
    return None


@dataclass(frozen=True)
class PhraseCheck:
    rule: Rule
    entries: tuple[Entry, ...]
    unless: tuple[Pattern, ...]
    sentence_start: bool
    analyzer: Morph | None = None
    #: The entries a text may match, found by their rarest required word.
    lookup: Lookup = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lookup", Lookup.of(e.requirements for e in self.entries))

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        chosen = self.lookup.candidates(doc)
        if not chosen:
            return
        words = doc.words
        safe = self.rule.fix_safety == "safe"
        taken: list[tuple[int, int]] = []
        for n in chosen:  # rule-file order: earlier entries win overlaps
            entry = self.entries[n]
            for i, end in find(entry.pattern, doc, words, entry.anchors, entry.requirements):
                if self.sentence_start and not _starts_sentence(doc, words, i):
                    continue
                if self.unless and self._excused(doc, words, i, self.unless):
                    continue
                if entry.unless and self._excused(doc, words, i, entry.unless):
                    continue
                start, stop = words[i].start, words[end - 1].stop
                if any(start < b and a < stop for a, b in taken):
                    continue
                taken.append((start, stop))
                suggestions: tuple[Suggestion, ...] = ()
                rewrite = None
                if entry.replacement is not None and self.rule.fix_safety != "none":
                    rewrite = entry.rewrite(self.analyzer, words[i:end]) if self.analyzer else entry.replacement
                if rewrite is not None:
                    repl = match_case(doc.text[start:stop], rewrite)
                    # A deleted phrase takes its commas and capital along: «Блин, заказ…» → «Заказ…».
                    suggestions = (Suggestion(repl, start, stop, safe) if repl
                                   else deletion(doc.text, start, stop, safe),)
                yield Hit(words[i].start, words[end - 1].stop, suggestions)

    @staticmethod
    def _excused(doc: Doc, words: list, i: int, unless: tuple[Pattern, ...]) -> bool:
        """Whether the sentence of ``words[i]`` contains one of the ``unless`` patterns."""
        sent = doc.sentences[words[i].sentence]
        sent_words = [w for w in doc.tokens[sent.first:sent.last] if w.is_word]
        return any(any(True for _ in find(p, doc, sent_words)) for p in unless)


def _starts_sentence(doc: Doc, words: list, i: int) -> bool:
    return i == 0 or words[i - 1].sentence != words[i].sentence


def compile(rule: Rule, analyzer: Morph) -> PhraseCheck:
    raw = rule.spec.get("patterns")
    if not isinstance(raw, list) or not raw:
        raise rule.error("patterns", "ожидается непустой список шаблонов")
    entries = []
    for item in raw:
        extra: list = []
        if isinstance(item, str):
            source, replacement = item, None
        elif isinstance(item, dict) and isinstance(item.get("match"), str) \
                and set(item) <= {"match", "replace", "unless"}:
            source, replacement, extra = item["match"], item.get("replace"), item.get("unless") or []
            if replacement is not None and not isinstance(replacement, str):
                raise rule.error("patterns", f"replace должен быть строкой: {item!r}")
        else:
            raise rule.error("patterns", f"шаблон — строка или {{match, replace, unless}}: {item!r}")
        try:
            pattern = compile_pattern(source, analyzer)
        except PatternError as exc:
            raise rule.error("patterns", str(exc)) from None
        entries.append(Entry(pattern, replacement, pattern.anchors(), _patterns(rule, "patterns", extra, analyzer),
                             pattern.requirements(), _slots(rule, replacement, analyzer)))
    unless = _patterns(rule, "unless", rule.spec.get("unless", []) or [], analyzer)
    return PhraseCheck(rule, tuple(entries), unless, bool(rule.spec.get("sentence_start", False)), analyzer)


def _slots(rule: Rule, replacement: str | None, analyzer: Morph) -> tuple[Slot, ...]:
    """The braced lemmas of a replacement; one that cannot be inflected is an error at load time."""
    slots = []
    for lemma in SLOT.findall(replacement or ""):
        lemma = lemma.strip().lower().replace("ё", "е")
        readings = [a for a in analyzer.parse(lemma) if a.pos in KINSHIP]
        readings.sort(key=lambda a: a.lemma != lemma)  # «деньги» is a form of the lemma «деньга»
        if not readings or not analyzer.is_known(lemma):
            raise rule.error("patterns", f"в замене {replacement!r}: «{lemma}» нельзя склонять — это не "
                             "словарная начальная форма глагола, существительного или прилагательного")
        slots.append(Slot(lemma, frozenset(KINSHIP[readings[0].pos or ""])))
    return tuple(slots)


def _patterns(rule: Rule, key: str, sources: list, analyzer: Morph) -> tuple[Pattern, ...]:
    if not isinstance(sources, list):
        raise rule.error(key, "unless: ожидается список шаблонов")
    out = []
    for source in sources:
        try:
            out.append(compile_pattern(str(source), analyzer))
        except PatternError as exc:
            raise rule.error(key, str(exc)) from None
    return tuple(out)
