"""Character patterns over the text: «!!!», «???», «?!?!», repeated letters.

``replace`` is a template (``\\1`` for groups) or a mapping from the matched text, in lower case with
ё written as е, to its replacement: ``{тк: так как, мб: может быть}``; a match the mapping lacks
gets no fix.

``gate`` (optional) is a cheap expression, compiled with the same ``ignore_case``, that every text the
main one matches in must contain: ``([а-яё])\\1\\1`` before a long expression for stretched words. A text
it does not find is not scanned. The gate must hold wherever the regex matches; it may only spare a
scan that would find nothing.

``words: true`` declares that every match lies inside one word (a run of ``[\\w-]``) and is found in
that word alone too (what stands around a word may only forbid a match, never make one). Each word
is then searched once, its verdict kept; a text made only of words without a match is not scanned.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..context import Context
from ..doc import Doc
from ..finding import Hit, Suggestion
from ..fix import match_case
from ..morph import Morph
from ..prefilter import Requirement, possible, required
from ..rule import Rule

KEYS = {"regex", "replace", "ignore_case", "gate", "words"}
WORD = re.compile(r"[\w-]+")
CACHE_SIZE = 50_000


@dataclass(frozen=True)
class RegexCheck:
    rule: Rule
    regex: re.Pattern[str]
    replace: str | None
    mapping: dict[str, str] | None = None
    #: The rule's own cheap test (``gate``): a text it does not find is not scanned.
    gate: re.Pattern[str] | None = None
    #: Every match lies in one word and is found in it alone (``words: true``).
    words: bool = False
    #: The characters the regex cannot match without: a text lacking them is not scanned.
    needs: tuple[Requirement, ...] = field(init=False, compare=False, repr=False)
    #: Words the regex finds nothing in: the same words come back in every text.
    dull: set[str] = field(default_factory=set, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs", required(self.regex))
        if self.words:
            lively.watch(self.regex, self.gate)

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        if not possible(self.needs, doc.view):
            return
        if self.words and not self._has_word(doc):
            return
        if self.gate is not None and self.gate.search(doc.view) is None:
            return
        safe = self.rule.fix_safety == "safe"
        for m in self.regex.finditer(doc.view):
            suggestions: tuple[Suggestion, ...] = ()
            replacement = self._replacement(m)
            if replacement is not None and self.rule.fix_safety != "none":
                suggestions = (Suggestion(replacement, m.start(), m.end(), safe),)
            yield Hit(m.start(), m.end(), suggestions)

    def _has_word(self, doc: Doc) -> bool:
        """Whether some word of the text, taken alone, holds a match."""
        found = lively.words(doc)  # only these can hold a match of any ``words: true`` rule
        if not found or self.dull.issuperset(found):
            return False
        if len(self.dull) > CACHE_SIZE:
            self.dull.clear()
        search = self.regex.search
        for word in found - self.dull:
            if search(word) is None:
                self.dull.add(word)
        return not self.dull.issuperset(found)

    def _replacement(self, m: re.Match[str]) -> str | None:
        if self.mapping is not None:
            found = self.mapping.get(m.group(0).lower().replace("ё", "е"))
            return None if found is None else match_case(m.group(0), found)
        return None if self.replace is None else m.expand(self.replace)


def words(doc: Doc) -> frozenset[str]:
    """The distinct words (runs of ``[\\w-]``) of ``doc.view``, found once for all rules."""
    found = doc.memo.get("regex:words")
    if found is None:
        found = doc.memo["regex:words"] = frozenset(WORD.findall(doc.view))
    return found  # type: ignore[return-value]


class Lively:
    """The words of a text in which some ``words: true`` rule finds a match, shared by those rules.

    A new word is searched by the rules' expressions once for all of them; a word none finds anything
    in is kept (a plain string) in one set instead of one per rule. The expressions and that set are
    replaced together when a rule is added, never changed in place: a thread linting while another
    loads rules never files a word as dull under expressions it did not try.
    """

    def __init__(self) -> None:
        #: Each rule's gate (None without one) and expression: a gate holds in any text the expression
        #: matches in, a word too, and is cheaper; and the words none of them finds anything in.
        self.current: tuple[tuple[tuple[re.Pattern[str] | None, re.Pattern[str]], ...], set[str]] = ((), set())
        self._lock = threading.Lock()

    @property
    def patterns(self) -> tuple[tuple[re.Pattern[str] | None, re.Pattern[str]], ...]:
        return self.current[0]

    @property
    def dull(self) -> set[str]:
        return self.current[1]

    def watch(self, regex: re.Pattern[str], gate: re.Pattern[str] | None = None) -> None:
        """Add a rule's expression; words judged without it are judged again."""
        with self._lock:
            patterns = self.current[0]
            if (gate, regex) not in patterns:
                self.current = ((*patterns, (gate, regex)), set())

    def words(self, doc: Doc) -> frozenset[str]:
        """The words of ``doc`` (see ``words``) that some watched expression finds a match in."""
        found = doc.memo.get("regex:lively")
        if found is None:
            found = doc.memo["regex:lively"] = self._lively(words(doc))
        return found  # type: ignore[return-value]

    def _lively(self, found: frozenset[str]) -> frozenset[str]:
        patterns, dull = self.current
        if dull.issuperset(found):
            return frozenset()
        if len(dull) > CACHE_SIZE:
            dull.clear()
        out = []
        for word in found - dull:
            if any((g is None or g.search(word)) and p.search(word) for g, p in patterns):
                out.append(word)
            else:
                dull.add(word)
        return frozenset(out)


lively = Lively()


def compile(rule: Rule, analyzer: Morph) -> RegexCheck:
    source = rule.spec.get("regex")
    if not isinstance(source, str) or not source:
        raise rule.error("regex", "ожидается регулярное выражение")
    flags = re.IGNORECASE if rule.spec.get("ignore_case") else 0
    try:
        regex = re.compile(source, flags)
    except re.error as exc:
        raise rule.error("regex", f"ошибка в регулярном выражении: {exc}") from None
    gate = _gate(rule, flags)
    by_word = rule.spec.get("words", False)
    if not isinstance(by_word, bool):
        raise rule.error("words", "ожидается true или false")
    replace = rule.spec.get("replace")
    if isinstance(replace, dict):
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in replace.items()):
            raise rule.error("replace", "в словаре замен ключи и значения — строки")
        mapping = {k.lower().replace("ё", "е"): v for k, v in replace.items()}
        return RegexCheck(rule, regex, None, mapping, gate, by_word)
    if replace is not None and not isinstance(replace, str):
        raise rule.error("replace", "ожидается строка-шаблон или словарь «найденное: замена»")
    if replace is not None:
        try:
            for ref in re.findall(r"\\(\d+)", replace):
                if int(ref) > regex.groups:
                    raise re.error(f"нет группы {ref}")
        except re.error as exc:
            raise rule.error("replace", f"замена не подходит к выражению: {exc}") from None
    return RegexCheck(rule, regex, replace, None, gate, by_word)


def _gate(rule: Rule, flags: int) -> re.Pattern[str] | None:
    source = rule.spec.get("gate")
    if source is None:
        return None
    if not isinstance(source, str) or not source:
        raise rule.error("gate", "ожидается регулярное выражение")
    try:
        return re.compile(source, flags)
    except re.error as exc:
        raise rule.error("gate", f"ошибка в регулярном выражении: {exc}") from None
