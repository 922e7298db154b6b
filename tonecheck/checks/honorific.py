"""«Уважаемый/Уважаемая» that does not agree in gender with the name after it («Уважаемый Анна»)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..address import AddressBook, book_for
from ..context import Context
from ..doc import Doc, Token
from ..finding import Hit, Suggestion
from ..fix import match_case
from ..morph import Morph
from ..person import Person, norm, parse_person
from ..rule import Rule

KEYS = {"address"}
GENDERS = ("masc", "femn")


@dataclass(frozen=True)
class HonorificCheck:
    rule: Rule
    book: AddressBook
    analyzer: Morph

    def run(self, doc: Doc, ctx: Context) -> Iterable[Hit]:
        # No «уважаемый» in any form anywhere: nothing to agree (the vocabulary holds every word's lemmas).
        if self.book.honorifics.isdisjoint(doc.vocabulary):
            return ()
        return self._run(doc, ctx)

    def _run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        person = parse_person(ctx.customer_name, self.analyzer) if ctx.customer_name else None
        words = doc.words
        for i, word in enumerate(words[:-1]):
            if not word.lemmas & self.book.honorifics:
                continue
            adjective = {
                g
                for a in word.analyses
                if a.pos == "ADJF" and "sing" in a.grammemes and a.grammemes & {"nomn", "voct"}
                for g in GENDERS
                if g in a.grammemes
            }
            noun = words[i + 1]
            if len(adjective) != 1 or noun.index != word.index + 1:
                continue  # «Уважаемые», or something between the adjective and the noun
            wanted = self._gender(noun, words[i + 2] if i + 2 < len(words) else None, person)
            if wanted is None or wanted in adjective:
                continue
            lemma = next(iter(word.lemmas & self.book.honorifics))
            form = self.analyzer.inflect(lemma, frozenset({"nomn", "sing", wanted}), "ADJF")
            fix = (
                (
                    Suggestion(
                        match_case(word.text, form), word.start, word.stop, self.rule.fix_safety == "safe"
                    ),
                )
                if form and self.rule.fix_safety != "none"
                else ()
            )
            message = f"«{word.text}» не согласовано с «{noun.text}»"
            if form:
                message += f": нужно «{match_case(word.text, form)}»"
            yield Hit(word.start, word.stop, fix, message=message)

    def _gender(self, noun: Token, after: Token | None, person: Person | None) -> str | None:
        """The gender the noun (or name) demands, or None when it allows either or is not a noun."""
        readings = [
            a
            for a in noun.analyses
            if a.pos == "NOUN" and "sing" in a.grammemes and a.grammemes & {"nomn", "voct"}
        ]
        genders = {g for a in readings for g in GENDERS if g in a.grammemes}
        either = any("ms-f" in a.grammemes for a in readings)
        if either or not genders:
            # Саша, Женя: the patronymic after the name, or the customer's own gender, decides.
            if after is not None and after.index == noun.index + 1:
                patr = {
                    g
                    for a in after.analyses
                    if "Patr" in a.grammemes and "nomn" in a.grammemes
                    for g in GENDERS
                    if g in a.grammemes
                }
                if len(patr) == 1:
                    return patr.pop()
            if (
                person is not None
                and person.gender
                and (
                    person.is_form(noun.text)
                    or self.book.is_same_person(self.book.keys(noun, address=True), person)
                )
            ):
                return person.gender
            return None
        return genders.pop() if len(genders) == 1 else None


def compile(rule: Rule, analyzer: Morph) -> HonorificCheck:
    book = book_for(rule)
    for lemma in book.honorifics:
        if analyzer.inflect(norm(lemma), frozenset({"nomn", "sing", "femn"}), "ADJF") is None:
            raise rule.error("address", f"прилагательное {lemma!r} нельзя склонять")
    return HonorificCheck(rule, book, analyzer)
