"""Token patterns shared by rule kinds.

A phrase pattern is written as words separated by spaces::

    вы сами? виноватый          lemma match (any form); ``?`` makes an element optional
    =щас                        exact form (lower case, ё = е)
    скидон*                     form prefix
    <VERB,2per,sing>            any word with these grammemes
    написать<impr,sing>         lemma with grammemes
    ждать|ожидать               alternatives
    надо ... читать             a gap of up to three words inside one sentence

Each pattern word is lemmatised with pymorphy3 when the rule loads, so «виноваты» in a pattern
matches «виноват», «виноватые», «виноватых».
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .doc import Doc, Token
from .morph import Morph

GAP = "..."
GAP_WIDTH = 3
_ATOM = re.compile(r"^(?P<body>=?[\w\-ё*]*?)(?:<(?P<grams>[\w,\- ]+)>)?$", re.IGNORECASE)


class PatternError(ValueError):
    """A pattern that cannot be compiled; the message says why."""


@dataclass(frozen=True, slots=True)
class Atom:
    lemmas: frozenset[str] = frozenset()
    forms: frozenset[str] = frozenset()
    prefix: str = ""
    grammemes: frozenset[str] = frozenset()
    negated: frozenset[str] = frozenset()
    best_only: bool = False  # judge grammemes by the most probable reading only

    def matches(self, token: Token) -> bool:
        if not token.is_word:
            return False
        if self.best_only:
            return self._matches_best(token)
        lower = token.lower
        if self.forms and lower in self.forms:
            return self._grams_ok(token, None)
        if self.prefix and lower.startswith(self.prefix):
            return self._grams_ok(token, None)
        if self.lemmas:
            return any(a.lemma in self.lemmas and self._analysis_ok(a.grammemes) for a in token.analyses)
        if not self.forms and not self.prefix:
            return self._grams_ok(token, None)
        return False

    def _matches_best(self, token: Token) -> bool:
        best = token.best
        if best is None:
            return False
        lower = token.lower
        if (self.forms and lower not in self.forms) or (self.prefix and not lower.startswith(self.prefix)):
            return False
        if self.lemmas and best.lemma not in self.lemmas:
            return False
        return self._analysis_ok(best.grammemes)

    def _analysis_ok(self, grams: frozenset[str]) -> bool:
        return self.grammemes <= grams and not (self.negated & grams)

    def _grams_ok(self, token: Token, _lemma: str | None) -> bool:
        if not self.grammemes and not self.negated:
            return True
        return any(self._analysis_ok(a.grammemes) for a in token.analyses)


@dataclass(frozen=True, slots=True)
class Element:
    atoms: tuple[Atom, ...]
    optional: bool = False
    gap: bool = False

    def matches(self, token: Token) -> bool:
        return any(atom.matches(token) for atom in self.atoms)


@dataclass(frozen=True, slots=True)
class Pattern:
    source: str
    elements: tuple[Element, ...]
    anchor: tuple[frozenset[str], frozenset[str], bool] = (frozenset(), frozenset(), True)
    required: tuple[frozenset[str], ...] = ()

    def __post_init__(self) -> None:
        # Computed once: every lint call consults them.
        object.__setattr__(self, "anchor", self.anchors())
        object.__setattr__(self, "required", self.requirements())

    def anchors(self) -> tuple[frozenset[str], frozenset[str], bool]:
        """Lemmas and forms the first element needs, and whether it must be scanned token by token."""
        first = next(e for e in self.elements if not e.gap)
        lemmas: set[str] = set()
        forms: set[str] = set()
        scan = first.optional
        for atom in first.atoms:
            lemmas |= atom.lemmas
            forms |= atom.forms
            if atom.prefix or not (atom.lemmas or atom.forms):
                scan = True
        return frozenset(lemmas), frozenset(forms), scan

    def requirements(self) -> tuple[frozenset[str], ...]:
        """For each required element made of lemmas and forms only, the keys one of which must occur."""
        out = []
        for element in self.elements:
            if element.gap or element.optional:
                continue
            if all((a.lemmas or a.forms) and not a.prefix for a in element.atoms):
                out.append(frozenset().union(*(a.lemmas | a.forms for a in element.atoms)))
        return tuple(out)

    def match_at(self, doc: Doc, words: list[Token], i: int) -> int | None:
        """Index past the last matched word when the pattern matches from ``words[i]``, else None."""
        return _match(self.elements, 0, words, i, words[i].sentence if i < len(words) else -1)


def _match(elements: tuple[Element, ...], e: int, words: list[Token], i: int, sent: int) -> int | None:
    if e == len(elements):
        return i
    element = elements[e]
    if element.gap:
        for skip in range(GAP_WIDTH + 1):
            if skip and (i + skip - 1 >= len(words) or words[i + skip - 1].sentence != sent):
                break
            end = _match(elements, e + 1, words, i + skip, sent)
            if end is not None:
                return end
        return None
    if i < len(words) and words[i].sentence == sent and element.matches(words[i]):
        end = _match(elements, e + 1, words, i + 1, sent)
        if end is not None:
            return end
    if element.optional:
        return _match(elements, e + 1, words, i, sent)
    return None


def compile_atom(text: str, analyzer: Morph) -> Atom:
    m = _ATOM.match(text.strip())
    if not m:
        raise PatternError(f"непонятный элемент шаблона {text!r}")
    body = m.group("body").lower().replace("ё", "е")
    grams: set[str] = set()
    negated: set[str] = set()
    for g in (m.group("grams") or "").split(","):
        g = g.strip()
        if not g:
            continue
        if g.startswith("-"):
            negated.add(g[1:])
        else:
            grams.add(g)
    bad = analyzer.unknown_grammemes(grams | negated)
    if bad:
        raise PatternError(f"неизвестная граммема {', '.join(bad)} в {text!r}")
    if body.startswith("="):
        return Atom(forms=frozenset({body[1:]}), grammemes=frozenset(grams), negated=frozenset(negated))
    if body.endswith("*"):
        if len(body) < 4:
            raise PatternError(f"слишком короткий префикс {text!r}")
        return Atom(prefix=body[:-1], grammemes=frozenset(grams), negated=frozenset(negated))
    if not body:
        if not grams:
            raise PatternError(f"пустой элемент шаблона {text!r}")
        return Atom(grammemes=frozenset(grams), negated=frozenset(negated))
    lemmas = {a.lemma for a in analyzer.parse(body)} or {body}
    # A pattern word written in its dictionary form means that lemma only, not every homonym's.
    if body in lemmas:
        lemmas = {body}
    return Atom(lemmas=frozenset(lemmas), grammemes=frozenset(grams), negated=frozenset(negated))


def compile_element(part: str, analyzer: Morph) -> Element:
    """One pattern word: alternatives separated by ``|``, optional when it ends with ``?``."""
    optional = part.endswith("?") and len(part) > 1
    part = part[:-1] if optional else part
    atoms = tuple(compile_atom(alt, analyzer) for alt in part.split("|"))
    return Element(atoms, optional=optional)


def compile_pattern(source: str, analyzer: Morph) -> Pattern:
    elements = []
    for part in source.split():
        if part == GAP:
            elements.append(Element((), gap=True))
            continue
        elements.append(compile_element(part, analyzer))
    if not any(not e.gap for e in elements):
        raise PatternError(f"пустой шаблон {source!r}")
    if elements[0].gap or elements[-1].gap:
        raise PatternError(f"шаблон не может начинаться или заканчиваться «...»: {source!r}")
    return Pattern(source, tuple(elements))


#: Every key some compiled lookup looks for (it only grows): a Doc is intersected with them once, and
#: each lookup then searches that handful instead of the whole vocabulary. Replaced, never changed in
#: place, so a thread linting while another loads rules never sees a set change under it.
_WATCHED: frozenset[str] = frozenset()
_WATCHING = threading.Lock()


def watch(keys: Iterable[str]) -> None:
    """Declare keys a rule looks up in ``relevant(doc)``."""
    global _WATCHED
    with _WATCHING:
        _WATCHED = _WATCHED | frozenset(keys)


def relevant(doc: Doc) -> frozenset[str]:
    """The keys of ``doc.vocabulary`` that some rule watches (see ``watch``)."""
    watched = _WATCHED
    cached = doc.memo.get("pattern:relevant")
    if cached is None or cached[0] is not watched:  # type: ignore[index]
        cached = doc.memo["pattern:relevant"] = (watched, doc.vocabulary & watched)
    return cached[1]  # type: ignore[index]


def rarest(requirements: tuple[frozenset[str], ...]) -> frozenset[str]:
    """The requirement least likely to occur: the one whose shortest word is longest («в» is everywhere)."""
    return max(requirements, key=lambda keys: min(map(len, keys)))


@dataclass(frozen=True)
class Lookup:
    """Patterns by the words of their rarest requirement: a text brings up only those it may match.

    ``candidates(doc)`` is the positions, in order, of the patterns worth a ``find`` over ``doc.words``
    (those without a requirement always are); the others cannot match.
    """

    by_key: dict[str, tuple[int, ...]]
    keys: frozenset[str]
    always: tuple[int, ...]

    @classmethod
    def of(cls, requirements: Iterable[tuple[frozenset[str], ...]]) -> Lookup:
        by_key: dict[str, list[int]] = {}
        always = []
        for n, required in enumerate(requirements):
            if not required:
                always.append(n)
                continue
            for key in rarest(required):
                by_key.setdefault(key, []).append(n)
        watch(by_key)
        return cls({k: tuple(v) for k, v in by_key.items()}, frozenset(by_key), tuple(always))

    def candidates(self, doc: Doc) -> list[int]:
        present = self.keys.intersection(relevant(doc))
        if not present:
            return list(self.always)
        chosen = set(self.always)
        for key in present:
            chosen.update(self.by_key[key])
        return sorted(chosen)


def find(pattern: Pattern, doc: Doc, words: list[Token],
         anchors: tuple[frozenset[str], frozenset[str], bool] | None = None,
         requirements: tuple[frozenset[str], ...] | None = None) -> Iterator[tuple[int, int]]:
    """Non-overlapping (first word index, past-last word index) matches of ``pattern``."""
    lemmas, forms, scan = anchors or pattern.anchor
    if words is doc.words:
        keys = doc.vocabulary
        # Cheap rejection: some required word occurs nowhere in the text.
        if any(keys.isdisjoint(req) for req in (pattern.required if requirements is None else requirements)):
            return
    if scan:
        candidates: Iterable[int] = range(len(words))
    elif words is doc.words:
        index = doc.index
        found = {i for key in lemmas | forms for i in index.get(key, ())}
        if not found:
            return
        candidates = sorted(found)
    else:
        candidates = [i for i, t in enumerate(words) if t.lower in forms or not lemmas.isdisjoint(t.lemmas)]
    after = 0
    for i in candidates:
        if i < after:
            continue
        end = pattern.match_at(doc, words, i)
        if end is not None and end > i:
            yield i, end
            after = end
