"""Lemma phrases: «вы сами виноваты», «надо было ... читать», with an optional rewrite."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..context import Context
from ..doc import Doc
from ..finding import Hit, Suggestion
from ..fix import match_case
from ..morph import Morph
from ..pattern import Pattern, PatternError, compile_pattern, find
from ..rule import Rule

KEYS = {"patterns", "unless", "sentence_start"}


@dataclass(frozen=True)
class Entry:
    pattern: Pattern
    replacement: str | None
    anchors: tuple[frozenset[str], frozenset[str], bool]
    unless: tuple[Pattern, ...] = ()
    requirements: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True)
class PhraseCheck:
    rule: Rule
    entries: tuple[Entry, ...]
    unless: tuple[Pattern, ...]
    sentence_start: bool

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        words = doc.words
        safe = self.rule.fix_safety == "safe"
        taken: list[tuple[int, int]] = []
        for entry in self.entries:
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
                if entry.replacement is not None and self.rule.fix_safety != "none":
                    repl = match_case(doc.text[start:stop], entry.replacement)
                    if not repl:
                        start, stop = _widen_for_deletion(doc.text, start, stop)
                    suggestions = (Suggestion(repl, start, stop, safe),)
                yield Hit(words[i].start, words[end - 1].stop, suggestions)

    @staticmethod
    def _excused(doc: Doc, words: list, i: int, unless: tuple[Pattern, ...]) -> bool:
        """Whether the sentence of ``words[i]`` contains one of the ``unless`` patterns."""
        sent = doc.sentences[words[i].sentence]
        sent_words = [w for w in doc.tokens[sent.first:sent.last] if w.is_word]
        return any(any(True for _ in find(p, doc, sent_words)) for p in unless)


def _starts_sentence(doc: Doc, words: list, i: int) -> bool:
    return i == 0 or words[i - 1].sentence != words[i].sentence


def _widen_for_deletion(text: str, start: int, stop: int) -> tuple[int, int]:
    """Take one neighbouring space along when a phrase is deleted."""
    if stop < len(text) and text[stop] == " ":
        return start, stop + 1
    if start > 0 and text[start - 1] == " ":
        return start - 1, stop
    return start, stop


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
                             pattern.requirements()))
    unless = _patterns(rule, "unless", rule.spec.get("unless", []) or [], analyzer)
    return PhraseCheck(rule, tuple(entries), unless, bool(rule.spec.get("sentence_start", False)))


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
