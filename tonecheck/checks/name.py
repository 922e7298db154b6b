"""The customer's name in the reply: missing from the opening, misspelled, or someone else's.

``problem`` picks what a rule reports:

- ``missing``: the name is known but neither the greeting nor the first sentence uses it (in any case
  form, as a placeholder, or in a familiar form, which FM010 reports);
- ``misspelled``: the customer is addressed with a near miss («Ана», «Наталия» for Наталья), in lower
  case or in capitals;
- ``other``: the reply addresses a different person («Здравствуйте, Пётр!» to Ефим).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..address import Address, AddressBook, addresses, book_for, capitalised
from ..context import Context
from ..doc import Doc, Token
from ..finding import Hit, Suggestion
from ..layout import chunks, opening, words_between
from ..morph import Morph
from ..person import NAME_TAGS, Person, parse_person, variant
from ..rule import Rule

KEYS = {"problem", "address"}
PROBLEMS = ("missing", "misspelled", "other")


def proper(word: str) -> str:
    """A name as it is written: «мария-луиза», «АННА» → «Мария-Луиза», «Анна»."""
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


@dataclass(frozen=True)
class NameCheck:
    rule: Rule
    problem: str
    book: AddressBook
    analyzer: Morph

    def run(self, doc: Doc, ctx: Context) -> Iterable[Hit]:
        person = parse_person(ctx.customer_name, self.analyzer) if ctx.customer_name else None
        if person is None:  # most replies are linted without the customer's name
            return ()
        return self._run(doc, ctx, person)

    def _run(self, doc: Doc, ctx: Context, person: Person) -> Iterator[Hit]:
        found = addresses(doc, self.book, person)
        if self.problem == "missing":
            yield from self._missing(doc, ctx, person, found)
        elif self.problem == "misspelled":
            for address in found:
                yield from self._misspelled(address, person)
        else:
            for address in found:
                yield from self._other(address, person)

    # ------------------------------------------------------------ missing

    def _missing(self, doc: Doc, ctx: Context, person: Person, found: list[Address]) -> Iterator[Hit]:
        if ctx.followup:
            return
        start, stop = opening(doc)
        if stop <= start:
            return
        if any(a < stop for a, _ in doc.placeholders):  # «{{ customer.first_name }}» stands for the name
            return
        if any(address.opening for address in found):  # a name is there: right, misspelled or wrong
            return
        previous: Token | None = None
        for word in words_between(doc, start, stop):
            initial = previous is None or previous.sentence != word.sentence
            if self._names_customer(word, person, initial):
                return
            previous = word
        yield Hit(
            start,
            stop,
            self._add_name(doc, person),
            message=f"Имя клиента ({person.salutation}) не названо ни в приветствии, ни в первой фразе",
        )

    def _names_customer(self, word: Token, person: Person, initial: bool) -> bool:
        if not capitalised(word):
            return False
        if initial and word.best is not None and not NAME_TAGS & word.best.grammemes:
            return False  # «Надежда есть…»: a capital letter that only starts the sentence
        if person.latin:  # «John» is written «Джон» in the reply: any name counts
            return any("Name" in a.grammemes for a in word.analyses)
        return person.is_form(word.text) or self.book.is_same_person(self.book.keys(word), person)

    def _add_name(self, doc: Doc, person: Person) -> tuple[Suggestion, ...]:
        """«Здравствуйте!» → «Здравствуйте, Анна!» when the reply opens with a bare greeting."""
        parts = chunks(doc)
        if not parts or len(parts[0].words) > 3 or self.rule.fix_safety == "none":
            return ()
        first = parts[0]
        after = doc.text[first.stop : first.stop + 1]
        if after not in ("!", ".") or "," in doc.text[first.start : first.stop]:
            return ()
        return (Suggestion(f", {person.salutation}", first.stop, first.stop, self.rule.fix_safety == "safe"),)

    # ------------------------------------------------------------ misspelled

    def _misspelled(self, address: Address, person: Person) -> Iterator[Hit]:
        safe = self.rule.fix_safety == "safe"
        for word in address.words:
            if person.is_form(word.text):
                if word.text != proper(word.text):
                    how = "капсом" if word.text.isupper() else "со строчной буквы"
                    yield Hit(
                        word.start,
                        word.stop,
                        (Suggestion(proper(word.text), word.start, word.stop, safe),),
                        message=f"Имя клиента написано {how}: «{word.text}»",
                    )
                continue
            if person.latin or self.book.is_same_person(self.book.keys(word, address=True), person):
                continue
            near = self._near_miss(word, person)
            if near is not None:
                yield Hit(
                    word.start,
                    word.stop,
                    (Suggestion(proper(near), word.start, word.stop, False),),
                    message=f"Имя клиента написано с ошибкой: «{word.text}» вместо «{proper(near)}»",
                )

    def _near_miss(self, word: Token, person: Person) -> str | None:
        """The customer's form that ``word`` misspells: an unknown word one or two letters off, or a
        spelling variant of a known name (Наталия for Наталья)."""
        key = variant(word.text)
        for form in person.forms:
            if variant(form) == key:
                return form
        if any(a.known and NAME_TAGS & a.grammemes for a in word.analyses):
            return None  # a real name (Инна, Мария): another person, not a typo
        near = person.nearest(word.text)
        return near[0] if near else None

    # ------------------------------------------------------------ other

    def _other(self, address: Address, person: Person) -> Iterator[Hit]:
        if person.latin or not (person.given or person.patronymic):
            return
        for word in address.words:
            if not capitalised(word) or person.is_form(word.text):
                continue
            keys = self.book.keys(word, address=True)
            if self.book.is_same_person(keys, person) or self._near_miss(word, person):
                continue
            # A name in an address is singular and nominative; «Инн» (genitive plural of Инна) is not one.
            grams = {
                g
                for a in word.analyses
                if a.known and "sing" in a.grammemes and a.grammemes & {"nomn", "voct"}
                for g in a.grammemes
            }
            wrong_given = "Name" in grams and bool(person.given)
            wrong_patronymic = "Patr" in grams and bool(person.patronymic)
            if wrong_given or wrong_patronymic:
                fix = (
                    (Suggestion(person.salutation, address.start, address.stop, False),)
                    if self.rule.fix_safety != "none"
                    else ()
                )
                yield Hit(
                    address.start,
                    address.stop,
                    fix,
                    message=f"Обращение к другому человеку: «{address_text(address)}», "
                    f"а клиента зовут {person.salutation}",
                )
                return


def address_text(address: Address) -> str:
    return " ".join(w.text for w in address.words)


def compile(rule: Rule, analyzer: Morph) -> NameCheck:
    problem = rule.spec.get("problem")
    if problem not in PROBLEMS:
        raise rule.error("problem", f"ожидается одно из {', '.join(PROBLEMS)}")
    return NameCheck(rule, problem, book_for(rule), analyzer)
