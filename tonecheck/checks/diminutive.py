"""Familiar forms of a name in an address: «Танюша», «Саня», the clipped vocative «Тань».

With the customer's name known, a short or familiar form of it («Таня» to Татьяна) is reported and
replaced with the name the customer gave, in the same case. Without it, only clearly familiar forms
(from the address book, or a Name with a diminutive suffix, or a clipped vocative) are reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..address import AddressBook, addresses, book_for, capitalised
from ..context import Context
from ..doc import Doc, Token
from ..finding import Hit, Suggestion
from ..morph import CASES, Morph
from ..person import Person, norm, parse_person
from ..rule import Rule
from .name import proper

KEYS = {"address", "suffixes"}


@dataclass(frozen=True)
class DiminutiveCheck:
    rule: Rule
    book: AddressBook
    suffixes: tuple[str, ...]
    analyzer: Morph

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        person = parse_person(ctx.customer_name, self.analyzer) if ctx.customer_name else None
        if person is not None and (person.latin or not person.given):
            person = None
        for address in addresses(doc, self.book, person):
            for word in address.words:
                if capitalised(word) and self.familiar(word, person):
                    target = self.full_name(word, person)
                    fix: tuple[Suggestion, ...] = ()
                    if target and self.rule.fix_safety != "none":
                        safe = person is not None and self.rule.fix_safety == "safe"
                        fix = (Suggestion(target, word.start, word.stop, safe),)
                    hint = f": лучше «{target}»" if target else ""
                    yield Hit(
                        word.start, word.stop, fix, message=f"Фамильярная форма имени «{word.text}»{hint}"
                    )

    def familiar(self, word: Token, person: Person | None) -> bool:
        if _clipped_vocative(word):
            return True
        keys = self.book.keys(word, address=True)
        if person is not None:
            if self.book.is_familiar_of(keys, person):
                return True
            if not self._suffixed(word):
                return False
            # A diminutive the book does not list («Айгулечка»): it must grow from the customer's name.
            return any(key[:3] == person.given_key[:3] for key in keys)
        return bool(keys & self.book.familiar_forms) or self._suffixed(word)

    def _suffixed(self, word: Token) -> bool:
        lemmas = {a.lemma for a in word.analyses if "Name" in a.grammemes} or {word.lower}
        return any(
            lemma.endswith(self.suffixes) and len(lemma) > max(map(len, self.suffixes)) for lemma in lemmas
        )

    def full_name(self, word: Token, person: Person | None) -> str | None:
        """The name to use instead, declined like ``word``: the customer's, or the book's only full name."""
        if person is not None:
            target = person.given
        else:
            genders = {
                g
                for a in word.analyses
                if "Name" in a.grammemes
                for g in ("masc", "femn")
                if g in a.grammemes
            }
            fulls = set().union(
                *(self.book.full.get(k, frozenset()) for k in self.book.keys(word, address=True))
            )
            fulls = {f for f in fulls if not genders or self._gender(f) in genders}
            if len(fulls) != 1:
                return None
            target = self.book.spelling[fulls.pop()]
        case = next(
            (c for a in word.analyses for c in CASES if c in a.grammemes and "Name" in a.grammemes), "nomn"
        )
        case = "nomn" if case == "voct" else case
        form = self.analyzer.inflect(norm(target), frozenset({case, "sing"}), "NOUN")
        return proper(form) if form else target

    def _gender(self, name: str) -> str | None:
        genders = {
            g
            for a in self.analyzer.parse(name)
            if "Name" in a.grammemes
            for g in ("masc", "femn")
            if g in a.grammemes and "nomn" in a.grammemes
        }
        return genders.pop() if len(genders) == 1 else None


def _clipped_vocative(word: Token) -> bool:
    """«Тань», «Саш», «Оль»: the colloquial vocative, a name cut after its stem."""
    if any("Name" in a.grammemes and "nomn" in a.grammemes for a in word.analyses):
        return False  # «Лев» is a name of its own, not a clipped «Лёва»
    return any(
        "Name" in a.grammemes
        and "voct" in a.grammemes
        and a.lemma.endswith(("а", "я"))
        and word.lower in (a.lemma[:-1], a.lemma[:-1] + "ь")  # Маш from Маша, Оль from Оля
        for a in word.analyses
    )


def compile(rule: Rule, analyzer: Morph) -> DiminutiveCheck:
    suffixes = rule.spec.get("suffixes", [])
    if not isinstance(suffixes, list) or not all(isinstance(s, str) and s for s in suffixes):
        raise rule.error("suffixes", "ожидается список суффиксов (например, [ечка, юша])")
    return DiminutiveCheck(rule, book_for(rule), tuple(norm(s) for s in suffixes), analyzer)
