"""Shouting in capitals: a word or a run of words in CAPS; acronyms and abbreviations are fine."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter, not_

from ..context import Context
from ..doc import Doc, Token
from ..finding import Hit, Suggestion
from ..morph import Morph
from ..rule import Rule

KEYS = {"allowed", "min_letters"}
_TEXT = attrgetter("text")


@dataclass(frozen=True)
class CapsCheck:
    rule: Rule
    allowed: frozenset[str]
    min_letters: int

    #: Verdicts with ``min_letters`` by the word as written: the same words come back in every text.
    _verdicts: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def shouted(self, token: Token, min_letters: int | None = None) -> bool:
        if token.text.islower():  # most words: no cache entry needed to rule them out
            return False
        if min_letters is not None and min_letters != self.min_letters:
            return self._shouted(token, min_letters)  # only next to a shouted word: rare, not cached
        verdict = self._verdicts.get(token.text)
        if verdict is None:
            if len(self._verdicts) > 100_000:
                self._verdicts.clear()
            verdict = self._verdicts[token.text] = self._shouted(token, self.min_letters)
        return verdict

    def _shouted(self, token: Token, needed: int) -> bool:
        if token.text.islower():  # most words: a lower-case letter, so not all of them are capitals
            return False
        letters = [ch for ch in token.text if ch.isalpha()]
        # Latin capitals in Russian text are brands, keys and formats (RUTUBE, SHIFT, MPEG), not a raised voice.
        if not token.is_cyrillic:
            return False
        if len(letters) < needed or not all(ch.isupper() for ch in letters):
            return False
        if token.text.upper() in self.allowed or any(part in self.allowed for part in token.text.split("-")):
            return False
        # Abbreviations pymorphy3 knows (ООО, МФЦ) are written in capitals on purpose.
        return not any("Abbr" in a.grammemes for a in token.analyses if a.known)

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        words = doc.words
        # Most texts shout nowhere: lower-case words, told apart in C, and the cached verdicts of the
        # others rule them out at once.
        capitals = list(compress(words, map(not_, map(str.islower, map(_TEXT, words)))))
        verdicts = list(map(self._verdicts.get, map(_TEXT, capitals)))
        if True not in verdicts and (None not in verdicts or not any(map(self.shouted, capitals))):
            return
        safe = self.rule.fix_safety == "safe"
        i = 0
        while i < len(words):
            if not self.shouted(words[i]):
                i += 1
                continue
            # Short capitalised words («МЫ НЕ») belong to a shouted run but never start one.
            while i > 0 and words[i - 1].sentence == words[i].sentence and self.shouted(words[i - 1], 1):
                i -= 1
            j = i
            while j + 1 < len(words) and self.shouted(words[j + 1], 1):
                j += 1
            start, stop = words[i].start, words[j].stop
            original = doc.text[start:stop]
            lowered = original.lower()
            first_in_sentence = i == 0 or words[i - 1].sentence != words[i].sentence
            lowered = _restore_caps(doc, words[i:j + 1], lowered, start, first_in_sentence)
            suggestions = (Suggestion(lowered, start, stop, safe),) if self.rule.fix_safety != "none" else ()
            yield Hit(start, stop, suggestions)
            i = j + 1


def _restore_caps(doc: Doc, words: list[Token], lowered: str, base: int, first: bool) -> str:
    """Capitalise the sentence start and proper names inside a lower-cased span."""
    chars = list(lowered)
    for k, token in enumerate(words):
        proper = any(g in token.best.grammemes for g in ("Name", "Surn", "Patr", "Geox", "Orgn")) \
            if token.best else False
        if (k == 0 and first) or proper or (k > 0 and token.sentence != words[k - 1].sentence):
            chars[token.start - base] = chars[token.start - base].upper()
    return "".join(chars)


def compile(rule: Rule, analyzer: Morph) -> CapsCheck:
    allowed = rule.spec.get("allowed", [])
    if not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed):
        raise rule.error("allowed", "ожидается список слов")
    min_letters = rule.spec.get("min_letters", 3)
    if not isinstance(min_letters, int) or min_letters < 2:
        raise rule.error("min_letters", "ожидается целое число ≥ 2")
    return CapsCheck(rule, frozenset(a.upper() for a in allowed), min_letters)
