"""Where a reply addresses someone by name («Здравствуйте, Анна!», «Уважаемый Игорь Викторович,»).

The vocabulary (salutation adjectives, sign-off words, names with their short and familiar forms) is
data: a YAML file that the name rules point to with ``address: <file>``, loaded once per path.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from .doc import Doc, Token
from .errors import RuleError
from .layout import line_of, opening
from .person import NAME_TAGS, Person, norm
from .rule import Rule, read_yaml

#: What may follow a name that is an address: «Анна!», «Анна,», «Анна.», «Анна?».
AFTER = ("!", ",", ".", "?", "…", ")")
_TEXT = attrgetter("text")
_FIRST = itemgetter(0)  # a word's text is never empty


@dataclass(frozen=True)
class AddressBook:
    honorifics: frozenset[str]
    leaders: frozenset[str]
    signoffs: frozenset[str]
    short: dict[str, frozenset[str]]  # full name → short forms, all normalised
    familiar: dict[str, frozenset[str]]  # full name → familiar forms
    full: dict[str, frozenset[str]]  # short or familiar form → the full names it stands for
    spelling: dict[str, str]  # normalised → as written in the file («татьяна» → «Татьяна»)
    familiar_forms: frozenset[str] = frozenset()  # every familiar form, of any name

    def keys(self, token: Token, address: bool = False) -> frozenset[str]:
        """The name keys of a word: its spelling and the lemmas of its singular name readings; in an
        address only the nominative ones («Александр» is not a form of Александра there)."""
        wanted = {"nomn", "voct"} if address else {"sing"}
        keys = {token.lower}
        keys.update(
            a.lemma
            for a in token.analyses
            if "Name" in a.grammemes and "plur" not in a.grammemes and a.grammemes & wanted
        )
        if not any(a.known for a in token.analyses):
            keys.update(a.lemma for a in token.analyses)
        return frozenset(keys)

    def relatives(self, name: str) -> frozenset[str]:
        """Every name of the same person as ``name``: full, short and familiar forms (normalised)."""
        key = norm(name)
        fulls = {key} if key in self.short else set(self.full.get(key, ()))
        out = {key}
        for full in fulls:
            out |= {full} | self.short.get(full, frozenset()) | self.familiar.get(full, frozenset())
        return frozenset(out)

    def is_familiar_of(self, keys: frozenset[str], person: Person) -> bool:
        """Whether a word with these name keys is a short or familiar form of the customer's first name."""
        given = person.given_key
        if not given or keys & person.given_forms:
            return False
        if given in self.short:  # the customer gave the full name: short forms are familiar too
            return bool(keys & (self.short[given] | self.familiar[given]))
        # The customer gave a short form (Таня): only the familiar forms of its full names are too familiar.
        return any(keys & self.familiar.get(full, frozenset()) for full in self.full.get(given, ()))

    def is_same_person(self, keys: frozenset[str], person: Person) -> bool:
        given = person.given_key
        return bool(given) and bool(keys & self.relatives(given))


def _words(value: Any, rule_path: str, line: int | None, key: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleError(rule_path, line, key, "ожидается список слов")
    return frozenset(norm(v.strip()) for v in value)


@lru_cache(maxsize=8)
def load_book(path: Path) -> AddressBook:
    """Read and validate an address book; errors name the file, line and field."""
    data, lines = read_yaml(path)
    where = str(path)
    if not isinstance(data, dict):
        raise RuleError(where, 1, None, "ожидается YAML-словарь")
    for key in data:
        if key not in ("honorifics", "leaders", "signoffs", "names"):
            raise RuleError(where, lines.get(str(key)), str(key), "неизвестное поле")
    short: dict[str, frozenset[str]] = {}
    familiar: dict[str, frozenset[str]] = {}
    full: dict[str, set[str]] = {}
    spelling: dict[str, str] = {}
    names = data.get("names") or {}
    if not isinstance(names, dict):
        raise RuleError(
            where, lines.get("names"), "names", "ожидается словарь «Имя: {short: […], familiar: […]}»"
        )
    for name, forms in names.items():
        field = f"names.{name}"
        if not isinstance(name, str) or not isinstance(forms, dict) or set(forms) - {"short", "familiar"}:
            raise RuleError(where, lines.get("names"), field, "ожидается {short: […], familiar: […]}")
        key = norm(name)
        short[key] = _words(forms.get("short") or [], where, lines.get("names"), f"{field}.short")
        familiar[key] = _words(forms.get("familiar") or [], where, lines.get("names"), f"{field}.familiar")
        if not familiar[key] and not short[key]:
            raise RuleError(where, lines.get("names"), field, "нет ни краткой, ни фамильярной формы")
        spelling[key] = name
        for form in short[key] | familiar[key]:
            full.setdefault(form, set()).add(key)
    return AddressBook(
        honorifics=_words(data.get("honorifics") or [], where, lines.get("honorifics"), "honorifics"),
        leaders=_words(data.get("leaders") or [], where, lines.get("leaders"), "leaders"),
        signoffs=_words(data.get("signoffs") or [], where, lines.get("signoffs"), "signoffs"),
        short=short,
        familiar=familiar,
        full={k: frozenset(v) for k, v in full.items()},
        spelling=spelling,
        familiar_forms=frozenset().union(*familiar.values()),
    )


def book_for(rule: Rule) -> AddressBook:
    """The address book a rule names in its ``address`` field, relative to the rule file."""
    value = rule.spec.get("address")
    if not isinstance(value, str) or not value:
        raise rule.error("address", "ожидается путь к файлу с данными об обращении (например, _address.yaml)")
    path = (Path(rule.path).parent / value).resolve()
    if not path.is_file():
        raise rule.error("address", f"файл {value!r} не найден рядом с правилом")
    return load_book(path)


@dataclass(frozen=True)
class Address:
    """Name words in the position of an address: «Анна Петровна» in «Здравствуйте, Анна Петровна!»."""

    words: tuple[Token, ...]
    start: int
    stop: int
    opening: bool  # inside the reply's opening lines
    honorific: Token | None  # «Уважаемая» right before the name


def capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _candidate(token: Token, person: Person | None) -> bool:
    if person is not None and person.is_form(token.text):
        return True  # the customer's name even in lower case, to report the capitalisation
    if not capitalised(token) or not token.is_cyrillic or (len(token.text) > 1 and token.text.isupper()):
        return False  # lower case, Latin, or an abbreviation (ИНН is not Инна)
    if any(NAME_TAGS & a.grammemes for a in token.analyses) or not any(a.known for a in token.analyses):
        return True
    # «Ана» is a dictionary word, but one letter off the customer's «Анна»: a misspelled name.
    return person is not None and person.nearest(token.text) is not None


def _candidates(words: list[Token], person: Person | None) -> list[bool]:
    if person is not None:
        return [_candidate(w, person) for w in words]
    # Without a customer only a capitalised word can be a name: capitals are found in C, and only
    # those words are asked the rest.
    capital = list(map(str.isupper, map(_FIRST, map(_TEXT, words))))
    if True not in capital:
        return capital
    return [upper and _candidate(word, None) for upper, word in zip(capital, words, strict=True)]


def addresses(doc: Doc, book: AddressBook, person: Person | None = None) -> list[Address]:
    """Name runs that address someone: after a comma, a greeting or «Уважаемый», or opening a sentence,
    and followed by «!», «,», «.» or a line break. Signatures («С уважением, Ирина») are left out.

    Kept in ``doc.memo``: the name rules and the diminutive rule all ask for the same book and person.
    """
    known = doc.memo.setdefault("addresses", [])
    for seen_book, seen_person, found in known:  # type: ignore[attr-defined]
        if seen_book is book and seen_person is person:
            return found  # type: ignore[no-any-return]
    found = _addresses(doc, book, person)
    known.append((book, person, found))  # type: ignore[attr-defined]
    return found


def _addresses(doc: Doc, book: AddressBook, person: Person | None) -> list[Address]:
    words, tokens = doc.words, doc.tokens
    candidate = _candidates(words, person)
    if True not in candidate:
        return []
    zone = opening(doc)
    out: list[Address] = []
    i = 0
    while i < len(words):
        if not candidate[i] or norm(words[i].text) in book.honorifics:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(words)
            and words[j + 1].index == words[j].index + 1
            and words[j + 1].sentence == words[i].sentence
            and candidate[j + 1]
        ):
            j += 1
        run = tuple(words[i : j + 1])
        i = j + 1
        first, last = run[0], run[-1]
        prev = tokens[first.index - 1] if first.index > 0 else None
        after = tokens[last.index + 1] if last.index + 1 < len(tokens) else None
        prev_word = prev if prev is not None and prev.is_word else None
        lemmas = prev_word.lemmas | {prev_word.lower} if prev_word else frozenset()
        opens = prev is None or prev.sentence != first.sentence or "\n" in doc.text[prev.stop : first.start]
        leads = prev is not None and (prev.text == "," or bool(lemmas & (book.honorifics | book.leaders)))
        closes = (
            after is None
            or after.text.startswith(AFTER)
            or "\n" in doc.text[last.stop : after.start]
            or after.sentence != last.sentence
        )
        if opens and not leads and after is not None and not after.text.startswith((",", "!")):
            closes = False  # «Анна, …» or «Анна!» opens a sentence; «Макс. попыток» does not
        if not (opens or leads) or not closes or not _nominative(run):
            continue
        if _signature(doc, book, run):
            continue
        honorific = prev_word if prev_word is not None and lemmas & book.honorifics else None
        out.append(Address(run, first.start, last.stop, first.start < zone[1], honorific))
    return out


def _nominative(run: tuple[Token, ...]) -> bool:
    """An address is in the nominative (or the vocative «Тань»); «коллеге, Петру» is not one."""
    head = run[0]
    if not any(a.known for a in head.analyses):
        return True
    return any(a.grammemes & {"nomn", "voct"} or "Fixd" in a.grammemes for a in head.analyses)


def _signature(doc: Doc, book: AddressBook, run: tuple[Token, ...]) -> bool:
    """«С уважением, Ирина», or a name alone on one of the last lines under a sign-off."""
    first = run[0]
    before = [w for w in doc.words if w.stop <= first.start]
    if before and before[-1].sentence == first.sentence and before[-1].lemmas & book.signoffs:
        return True
    line_start, line_stop = line_of(doc, first.start)
    if doc.text[line_start : first.start].strip() or line_start == 0:
        return False
    above = doc.text[:line_start].rstrip()
    if above.endswith(","):
        return True
    below = doc.text[line_stop:].strip()
    line = doc.text[line_start:line_stop].rstrip()
    # One of the last two lines, none of them a sentence: «Ирина», «Ирина, служба поддержки».
    return "\n" not in below and not line.endswith((".", "!", "?")) and not below.endswith((".", "!", "?"))
