"""The customer as a person: the parts of the name they gave, every declined form, and their gender."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .morph import Analysis, Morph, morph

NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
#: The six cases a name is declined in; the clipped vocative («Тань») is familiar, not a form of the name.
NAME_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# Patronymic and surname endings name the gender when the first name does not (Саша, Женя).
FEMININE_ENDINGS = ("вна", "чна", "шна", "ова", "ева", "ина", "ына", "ская", "цкая")
MASCULINE_ENDINGS = ("вич", "ич", "ов", "ев", "ин", "ын", "ский", "цкий")
_PART = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


def norm(word: str) -> str:
    """Lower case with ё as е: the spelling forms are compared in."""
    return word.lower().replace("ё", "е")


_DEVOICED = str.maketrans("бвгджз", "пфктшс")


def variant(word: str) -> str:
    """A spelling key under which Наталия = Наталья, Софья = София and Ахмед = Ахмет (a final voiced
    consonant sounds voiceless, so names are spelt either way)."""
    key = norm(word).replace("ия", "ья").replace("ии", "ьи").replace("ию", "ью")
    return key[:-1] + key[-1:].translate(_DEVOICED)


def declined(reading: Analysis, analyzer: Morph) -> set[str]:
    """All singular case forms of one reading of a name, normalised."""
    forms = {norm(reading.word)}
    for case in NAME_CASES:
        form = analyzer.reinflect(reading, frozenset({case, "sing"}))
        if form:
            forms.add(norm(form))
    return forms


def name_readings(word: str, analyzer: Morph, tags: frozenset[str] = NAME_TAGS) -> list[Analysis]:
    """Nominative readings of ``word`` as a first name, surname or patronymic."""
    return [a for a in analyzer.parse(norm(word)) if tags & a.grammemes and "nomn" in a.grammemes]


def gender_of(readings: list[Analysis]) -> str | None:
    genders = {g for a in readings for g in ("masc", "femn") if g in a.grammemes}
    if any("ms-f" in a.grammemes for a in readings):
        return None
    return genders.pop() if len(genders) == 1 else None


def distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, or ``limit + 1`` as soon as it is surely larger than ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


@dataclass(frozen=True)
class Person:
    """The customer's name as given: «Анна», «Игорь Викторович», «Смирнова Анна», «Мария-Луиза»."""

    given: str  # first name as written, capitalised; "" when only a surname was given
    patronymic: str
    surname: str
    gender: str | None  # "masc", "femn" or None when the name does not tell
    forms: frozenset[str]  # every declined form of every part, normalised
    given_forms: frozenset[str]
    latin: bool  # written in Latin letters: forms in the Cyrillic text cannot be checked

    @property
    def salutation(self) -> str:
        """How a greeting names the customer: first name and patronymic, or the surname alone."""
        parts = [p for p in (self.given, self.patronymic) if p]
        return " ".join(parts) if parts else self.surname

    @property
    def given_key(self) -> str:
        return norm(self.given)

    def is_form(self, word: str) -> bool:
        return norm(word) in self.forms

    def nearest(self, word: str) -> tuple[str, int] | None:
        """The closest form of a name part to a misspelled ``word``, and the edit distance."""
        key = norm(word)
        best: tuple[str, int] | None = None
        for form in self.forms:
            limit = 1 if len(form) <= 6 else 2
            d = distance(key, form, limit)
            if d <= limit and (best is None or d < best[1]):
                best = (form, d)
        return best


def _capitalise(part: str) -> str:
    return "-".join(p[:1].upper() + p[1:].lower() for p in part.split("-"))


@lru_cache(maxsize=256)
def parse_person(name: str, analyzer: Morph | None = None) -> Person | None:
    """Split a customer's name into given name, patronymic and surname; None when it has no letters."""
    analyzer = analyzer or morph()
    parts = _PART.findall(name)
    if not parts:
        return None
    latin = not any("а" <= ch <= "я" or ch == "ё" for ch in name.lower())
    given = patronymic = surname = ""
    forms: set[str] = set()
    given_forms: set[str] = set()
    genders: list[str | None] = []
    for part in parts:
        patr = name_readings(part, analyzer, frozenset({"Patr"}))
        first = name_readings(part, analyzer, frozenset({"Name"}))
        surn = name_readings(part, analyzer, frozenset({"Surn"}))
        is_given = False
        if patr and not patronymic:
            patronymic, readings = _capitalise(part), patr
        elif first and not given:
            given, readings, is_given = _capitalise(part), first, True
        elif surn and not surname:
            surname, readings = _capitalise(part), surn
        elif not given:
            # A name the dictionary does not know (Айгерим, John): the first such part is the first name.
            given, readings, is_given = _capitalise(part), [], True
        else:
            surname, readings = surname or _capitalise(part), []
        part_forms = {norm(part)}
        for reading in readings:
            part_forms |= declined(reading, analyzer)
        if "-" in part:  # Мария-Луиза: «Мария» alone still names her
            for piece in part.split("-"):
                part_forms.add(norm(piece))
                for reading in name_readings(piece, analyzer):
                    part_forms |= declined(reading, analyzer)
        forms |= part_forms
        if is_given:
            given_forms = part_forms
        genders.append(gender_of(readings) or _gender_by_ending(norm(part), bool(patr or surn)))
    known = [g for g in genders if g]
    gender = known[0] if known and all(g == known[0] for g in known) else None
    return Person(given, patronymic, surname, gender, frozenset(forms), frozenset(given_forms), latin)


def _gender_by_ending(word: str, family: bool) -> str | None:
    """Gender read from a patronymic or surname ending; first names are left to the dictionary."""
    if not family:
        return None
    if word.endswith(FEMININE_ENDINGS):
        return "femn"
    if word.endswith(MASCULINE_ENDINGS):
        return "masc"
    return None
