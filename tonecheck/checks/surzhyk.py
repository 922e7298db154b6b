"""Ukrainian words in a Russian reply («дякую», «будь ласка», «тиждень»), with the Russian word to use.

Three ways to find one:

- ``lexicon``: phrase patterns (see ``tonecheck.pattern``) with the Russian replacement;
- a word with a letter only Ukrainian has (і, ї, є, ґ) that pymorphy3's Ukrainian dictionary knows;
- a word the Russian dictionary does not know and the Ukrainian one does, with a Ukrainian ending
  (``endings``: the infinitive «-ти», «-емо», «-ння»…) and at least ``min_length`` letters.

Words with a capital inside a sentence are names and brands, and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import attrgetter

from ..context import Context
from ..doc import Doc, Token
from ..finding import Hit, Suggestion
from ..fix import match_case
from ..morph import Morph
from ..pattern import Lookup, Pattern, PatternError, compile_pattern, find
from ..rule import Rule

KEYS = {"lexicon", "endings", "min_length"}
UKRAINIAN_LETTERS = re.compile(r"[іїєґ]", re.IGNORECASE)
CYRILLIC_WORD = re.compile(r"^[а-яёіїєґ'’-]+$", re.IGNORECASE)
_LOWER = attrgetter("lower")


@dataclass(frozen=True)
class SurzhykCheck:
    rule: Rule
    lexicon: tuple[tuple[Pattern, str], ...]
    endings: tuple[str, ...]
    min_length: int
    analyzer: Morph
    #: The lexicon entries a text may match, found by their rarest required word.
    lookup: Lookup = field(init=False, compare=False, repr=False)
    #: A Ukrainian letter or ending: what every suspect word has (``_suspect``), searched in C.
    maybe: re.Pattern[str] = field(init=False, compare=False, repr=False)
    #: Whether a lower-case word may be Ukrainian, before its capitals and the Ukrainian dictionary are asked.
    _suspects: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lookup", Lookup.of(pattern.required for pattern, _ in self.lexicon))
        # The letters ignore case like ``UKRAINIAN_LETTERS``; the endings do not, like ``str.endswith``.
        ending = "|(?:" + "|".join(map(re.escape, self.endings)) + r")\Z" if self.endings else ""
        object.__setattr__(self, "maybe", re.compile(f"(?i:{UKRAINIAN_LETTERS.pattern}){ending}"))

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        words = doc.words
        taken: set[int] = set()
        for n in self.lookup.candidates(doc):
            pattern, russian = self.lexicon[n]
            for i, end in find(pattern, doc, words):
                if taken & set(range(i, end)):
                    continue
                taken.update(range(i, end))
                start, stop = words[i].start, words[end - 1].stop
                original = doc.text[start:stop]
                fix = (
                    (Suggestion(match_case(original, russian), start, stop, self.rule.fix_safety == "safe"),)
                    if self.rule.fix_safety != "none"
                    else ()
                )
                yield Hit(
                    start,
                    stop,
                    fix,
                    message=f"Украинское «{original}» в русском тексте: по-русски «{russian}»",
                    data={"replacement": russian},
                )
        # Most texts have no word with a Ukrainian letter or ending: one C-level search each rules them out.
        maybe = list(map(self.maybe.search, map(_LOWER, words)))
        if not any(maybe):
            return
        suspects = self._suspects
        for i, word in enumerate(words):
            if maybe[i] is None or i in taken:
                continue
            suspect = suspects.get(word.lower)
            if suspect is None:
                suspect = suspects[word.lower] = self._suspect(word.lower)
            if not suspect or not self._ukrainian(word, words[i - 1] if i else None):
                continue
            yield Hit(word.start, word.stop, message=f"Украинское слово «{word.text}» в русском тексте")

    def _suspect(self, lower: str) -> bool:
        """What ``_ukrainian`` asks of the word alone, short of the Ukrainian dictionary (loaded lazily)."""
        if len(self._suspects) > 50_000:
            self._suspects.clear()
        if not CYRILLIC_WORD.match(lower) or len(lower) < 2:
            return False
        if UKRAINIAN_LETTERS.search(lower):
            return True
        return len(lower) >= self.min_length and lower.endswith(self.endings) and not self.analyzer.is_known(lower)

    def _ukrainian(self, word: Token, previous: Token | None) -> bool:
        text = word.text
        if not CYRILLIC_WORD.match(text) or len(text) < 2:
            return False
        sentence_start = previous is None or previous.sentence != word.sentence
        if text[:1].isupper() and (not sentence_start or text.isupper()):
            return False  # a name, a brand or an abbreviation
        lower = word.lower
        if UKRAINIAN_LETTERS.search(lower):
            return self.analyzer.uk_known(lower)
        return (
            len(lower) >= self.min_length
            and lower.endswith(self.endings)
            and not self.analyzer.is_known(lower)
            and self.analyzer.uk_known(lower)
        )


def compile(rule: Rule, analyzer: Morph) -> SurzhykCheck:
    raw = rule.spec.get("lexicon")
    if not isinstance(raw, dict) or not raw:
        raise rule.error("lexicon", "ожидается словарь «украинское слово: русское»")
    lexicon = []
    for source, russian in raw.items():
        if not isinstance(source, str) or not isinstance(russian, str) or not russian.strip():
            raise rule.error("lexicon", f"lexicon.{source}: ключ и замена должны быть строками")
        try:
            lexicon.append((compile_pattern(source, analyzer), russian.strip()))
        except PatternError as exc:
            raise rule.error("lexicon", f"lexicon.{source}: {exc}") from None
    # Longer phrases first, so «будь ласка» wins over a single «будь».
    lexicon.sort(key=lambda item: -len(item[0].elements))
    endings = rule.spec.get("endings", [])
    if not isinstance(endings, list) or not all(isinstance(e, str) and e for e in endings):
        raise rule.error("endings", "ожидается список окончаний")
    min_length = rule.spec.get("min_length", 5)
    if not isinstance(min_length, int) or min_length < 2:
        raise rule.error("min_length", "ожидается целое число ≥ 2")
    return SurzhykCheck(rule, tuple(lexicon), tuple(e.lower() for e in endings), min_length, analyzer)
