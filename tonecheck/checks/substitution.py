"""Word substitutions: «щас» → «сейчас», «бабки» → «деньги», «напиши» → «напишите».

``lexicon`` maps a pattern atom (see ``tonecheck.pattern``) to a replacement:

- a lemma, inflected to the case, number, gender and person of the matched word («чекну» → «проверю»);
- ``=текст``, a literal kept as written except for capitalisation;
- ``~plur`` (grammemes after ``~``), the matched word itself re-inflected («напиши» → «напишите»).

A value may also be a mapping ``{to: замена, unless_prev: …, unless_next: …}``: the entry is skipped
when the previous or next word matches that pattern element (alternatives with ``|``), e.g.
``типа: {to: =вроде, unless_prev: <ADJF,gent>|<NUMR>}`` leaves «нового типа» alone. The rule-level
``unless_prev`` and ``unless_next`` take the same elements and apply to every entry; with
``skip_quoted: true`` a word alone in quotes (a button label: нажмите «Ок») is left alone.

A key written as a lemma the dictionary does not know («чекнуть», «пофиксить») also matches every
form of the paradigm pymorphy3 predicts for it («пофиксим», «чекнула»), and those forms carry their
own grammemes for the agreement of the replacement.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..context import Context
from ..doc import Doc, Token
from ..finding import Hit, Suggestion
from ..fix import match_case
from ..morph import Analysis, Morph
from ..pattern import Atom, Element, PatternError, compile_atom, compile_element, relevant, watch
from ..rule import Rule

KEYS = {"lexicon", "unless_next", "unless_prev", "best_only", "ambiguous_at_clause_start", "skip_quoted"}
OPENING_QUOTES = frozenset("«\"“„'")
CLOSING_QUOTES = frozenset("»\"”“'")
ENTRY_KEYS = {"to", "unless_prev", "unless_next"}
MISSING = object()


@dataclass(frozen=True)
class Entry:
    key: str
    atom: Atom
    lemma: str | None = None
    literal: str | None = None
    reinflect: frozenset[str] | None = None
    paradigm: dict[str, Analysis] = field(default_factory=dict)  # generated forms of an unknown lemma
    unless_prev: Element | None = None
    unless_next: Element | None = None

    def matches(self, token: Token) -> bool:
        return token.lower in self.paradigm or self.atom.matches(token)

    def excused(self, words: list[Token], i: int) -> bool:
        return bool(
            (self.unless_prev and i > 0 and self.unless_prev.matches(words[i - 1]))
            or (self.unless_next and i + 1 < len(words) and self.unless_next.matches(words[i + 1]))
        )


@dataclass(frozen=True)
class SubstitutionCheck:
    rule: Rule
    entries: tuple[Entry, ...]
    analyzer: Morph
    forms: dict[str, tuple[Entry, ...]]
    lemmas: dict[str, tuple[Entry, ...]]
    scan: tuple[Entry, ...]
    unless_next: Element | None
    unless_prev: Element | None
    clause_start: bool = False
    skip_quoted: bool = False
    keys: frozenset[str] = frozenset()  # every form and lemma an entry looks for
    #: Grammemes every entry needs, when every entry is a grammeme-only atom («<VERB,2per,sing>»), and
    #: whether the best reading must carry them: other words need no cache entry.
    needs: frozenset[str] = frozenset()
    needs_best: bool = False
    _entries: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def candidates(self, doc: Doc) -> list[int]:
        """Positions in ``doc.words`` worth testing: found through the Doc's index unless some entry scans."""
        if self.scan:
            return list(range(len(doc.words)))
        hits = self.keys.intersection(relevant(doc))
        if not hits:
            return []
        index = doc.index
        return sorted({i for key in hits for i in index[key]})

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        words = doc.words
        safe = self.rule.fix_safety == "safe"
        for i in self.candidates(doc):
            token = words[i]
            entry = self._entry_for(token)
            if entry is None or entry.excused(words, i):
                continue
            if len(token.text) == 1 and _spelt_out(doc.text, token.start, token.stop):
                continue  # «б.л.я», «т.е.»: a letter of an abbreviation or a disguised word
            if self.skip_quoted and _quoted(doc, token):
                continue
            if self.unless_next and i + 1 < len(words) and self.unless_next.matches(words[i + 1]):
                continue
            if self.unless_prev and i > 0 and self.unless_prev.matches(words[i - 1]):
                continue
            if self.clause_start and _ambiguous(entry.atom, token) and not _clause_start(doc, words, i):
                continue  # «Мы нашли заказ» is a past tense, «Нашли фото» an order
            replacement = self.replacement(entry, token, words[i - 1] if i else None)
            suggestions: tuple[Suggestion, ...] = ()
            if replacement and self.rule.fix_safety != "none":
                suggestions = (Suggestion(match_case(token.text, replacement), token.start, token.stop, safe),)
            yield Hit(token.start, token.stop, suggestions,
                      data={"replacement": replacement} if replacement else None)

    def _entry_for(self, token: Token) -> Entry | None:
        """The first entry matching the word (cached by its lower case, which its readings follow from)."""
        if self.needs and not _carries(token, self.needs, self.needs_best):
            return None  # no entry can match: a new word costs a set test, not a cache entry
        found = self._entries.get(token.lower, MISSING)
        if found is MISSING:
            if len(self._entries) > 50_000:
                self._entries.clear()
            found = self._entries[token.lower] = self._first_entry(token)
        return found  # type: ignore[return-value]

    def _first_entry(self, token: Token) -> Entry | None:
        candidates = list(self.forms.get(token.lower, ()))
        for lemma in token.lemmas:
            candidates.extend(self.lemmas.get(lemma, ()))
        candidates.extend(self.scan)
        for entry in candidates:
            if entry.matches(token):
                return entry
        return None

    def replacement(self, entry: Entry, token: Token, previous: Token | None = None) -> str | None:
        if entry.literal is not None:
            return entry.literal
        source = entry.paradigm.get(token.lower) or _reading(entry.atom, token, previous)
        if source is None:
            return None
        if entry.reinflect is not None:
            return self.analyzer.reinflect(source, entry.reinflect)
        assert entry.lemma is not None
        return self.analyzer.agree(entry.lemma, source)


_JOINERS = ".-_*/"


def _spelt_out(text: str, start: int, stop: int) -> bool:
    """Whether the letter at ``text[start:stop]`` is glued by «.», «-», «_», «*» or «/» to another letter."""
    after = text[stop:stop + 2]
    before = text[max(0, start - 2):start]
    return (len(after) == 2 and after[0] in _JOINERS and after[1].isalpha()) or \
        (len(before) == 2 and before[1] in _JOINERS and before[0].isalpha())


def _quoted(doc: Doc, token: Token) -> bool:
    """Whether the word stands alone in quotes, like a button label: нажмите «Ок»."""
    tokens = doc.tokens
    before = tokens[token.index - 1].text if token.index > 0 else ""
    after = tokens[token.index + 1].text if token.index + 1 < len(tokens) else ""
    return before[-1:] in OPENING_QUOTES and after[:1] in CLOSING_QUOTES and bool(before) and bool(after)


def _carries(token: Token, grammemes: frozenset[str], best_only: bool) -> bool:
    """Whether the best reading (or, unless ``best_only``, some reading) of ``token`` has ``grammemes``."""
    if best_only:
        return bool(token.analyses) and grammemes <= token.analyses[0].grammemes
    return any(grammemes <= a.grammemes for a in token.analyses)


def _ambiguous(atom: Atom, token: Token) -> bool:
    """Whether some reading of ``token`` is not the one the atom wants."""
    return any(not (atom.grammemes <= a.grammemes) for a in token.analyses[1:])


def _clause_start(doc: Doc, words: list[Token], i: int) -> bool:
    """First word of a sentence, or right after a comma, dash, colon or semicolon."""
    if i == 0 or words[i - 1].sentence != words[i].sentence:
        return True
    between = doc.text[words[i - 1].stop:words[i].start]
    return any(ch in between for ch in ",;:—–-(")


#: Prepositions that take only the prepositional case: «о тебе» is «о вас», not «о вам».
LOCATIVE_PREPOSITIONS = frozenset({"о", "об", "обо", "при"})


def _reading(atom: Atom, token: Token, previous: Token | None = None) -> Analysis | None:
    """The reading of ``token`` that the atom matched (the most probable one otherwise)."""
    readings = token.analyses[:1] if atom.best_only else token.analyses
    if previous is not None and previous.lower in LOCATIVE_PREPOSITIONS:
        readings = tuple(sorted(readings, key=lambda a: "loct" not in a.grammemes))
    for a in readings:
        if (not atom.lemmas or a.lemma in atom.lemmas) and atom.grammemes <= a.grammemes \
                and not (atom.negated & a.grammemes):
            return a
    return token.best


def compile(rule: Rule, analyzer: Morph) -> SubstitutionCheck:
    raw = rule.spec.get("lexicon")
    if not isinstance(raw, dict) or not raw:
        raise rule.error("lexicon", "ожидается непустой словарь «слово: замена»")
    entries = []
    for key, value in raw.items():
        where = f"lexicon.{key}"
        unless: dict[str, Element | None] = {"unless_prev": None, "unless_next": None}
        if isinstance(value, dict):
            extra = set(value) - ENTRY_KEYS
            if extra or not isinstance(value.get("to"), str):
                raise rule.error("lexicon", f"{where}: ожидается {{to: замена, unless_prev: …, unless_next: …}}, "
                                 f"лишние поля: {', '.join(map(str, sorted(extra))) or 'нет'}")
            for name in unless:
                if value.get(name) is not None:
                    unless[name] = _element(rule, "lexicon", f"{where}.{name}", value[name], analyzer)
            value = value["to"]
        if not isinstance(key, str) or not isinstance(value, str):
            raise rule.error("lexicon", f"{where}: ключ и замена должны быть строками")
        try:
            atom = compile_atom(key, analyzer)
        except PatternError as exc:
            raise rule.error("lexicon", f"{where}: {exc}") from None
        if rule.spec.get("best_only"):
            atom = dataclasses.replace(atom, best_only=True)
        paradigm = _paradigm(key, atom, analyzer)
        if paradigm:
            atom = dataclasses.replace(atom, lemmas=frozenset({next(iter(paradigm.values())).lemma}))
        prev, nxt = unless.get("unless_prev"), unless.get("unless_next")
        if value.startswith("="):
            entries.append(Entry(key, atom, literal=value[1:], paradigm=paradigm, unless_prev=prev, unless_next=nxt))
        elif value.startswith("~"):
            grams = frozenset(g.strip() for g in value[1:].split(",") if g.strip())
            bad = analyzer.unknown_grammemes(grams)
            if bad or not grams:
                raise rule.error("lexicon", f"{where}: неизвестная граммема {', '.join(bad) or '(пусто)'}")
            entries.append(Entry(key, atom, reinflect=grams, paradigm=paradigm, unless_prev=prev, unless_next=nxt))
        else:
            lemma = value.lower().replace("ё", "е")
            if " " in lemma or not analyzer.is_known(lemma) or not analyzer.can_inflect(lemma, frozenset({"nomn"})):
                raise rule.error("lexicon", f"{where}: замену {value!r} нельзя склонять "
                                 "(её нет в словаре pymorphy3); для неизменяемой замены пишите «=текст»")
            entries.append(Entry(key, atom, lemma=lemma, paradigm=paradigm, unless_prev=prev, unless_next=nxt))
    forms: dict[str, list[Entry]] = {}
    lemmas: dict[str, list[Entry]] = {}
    scan: list[Entry] = []
    for entry in entries:
        for form in entry.paradigm:
            forms.setdefault(form, []).append(entry)
        if entry.atom.forms:
            for form in entry.atom.forms:
                forms.setdefault(form, []).append(entry)
        elif entry.atom.lemmas:
            for lemma in entry.atom.lemmas:
                lemmas.setdefault(lemma, []).append(entry)
        else:
            scan.append(entry)

    watch(forms)
    watch(lemmas)

    def element_of(key: str) -> Element | None:
        value = rule.spec.get(key)
        return None if value is None else _element(rule, key, key, value, analyzer)

    needs: frozenset[str] = frozenset()
    if all(not (e.paradigm or e.atom.forms or e.atom.lemmas or e.atom.prefix) for e in entries):
        needs = frozenset.intersection(*(e.atom.grammemes for e in entries))
    return SubstitutionCheck(
        rule, tuple(entries), analyzer,
        {k: tuple(v) for k, v in forms.items()}, {k: tuple(v) for k, v in lemmas.items()}, tuple(scan),
        element_of("unless_next"), element_of("unless_prev"), bool(rule.spec.get("ambiguous_at_clause_start")),
        bool(rule.spec.get("skip_quoted")), frozenset(forms) | frozenset(lemmas),
        needs, all(e.atom.best_only for e in entries),
    )


def _element(rule: Rule, field_name: str, where: str, value: object, analyzer: Morph) -> Element:
    try:
        return compile_element(str(value), analyzer)
    except PatternError as exc:
        raise rule.error(field_name, f"{where}: {exc}") from None


#: The paradigms of the built-in lexicons' unknown words, computed ahead of time by
#: ``scripts/update_paradigms.py``: pymorphy3 predicting some 260 lexemes was a sixth of the CLI's
#: cold start. Used only when written by the same pymorphy3 and dictionary (``Morph.version``);
#: otherwise, and for words of your own rules, paradigms are computed as before.
SHIPPED = Path(__file__).resolve().parent.parent / "data" / "paradigms.json"


@lru_cache(maxsize=4)
def shipped(version: str) -> dict[str, list[list]]:
    try:
        data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("paradigms", {}) if data.get("version") == version else {}


def paradigm_key(body: str, atom: Atom) -> str:
    return f"{body}|{','.join(sorted(atom.grammemes))}|{','.join(sorted(atom.negated))}"


def unknown_lemma(key: str, analyzer: Morph) -> str | None:
    """The lemma of a lexicon key the dictionary does not know (its paradigm is predicted), or None."""
    body = key.split("<", 1)[0].strip().lower().replace("ё", "е")
    if not body or body[0] == "=" or body.endswith("*") or analyzer.is_known(body):
        return None
    return body


def _paradigm(key: str, atom: Atom, analyzer: Morph) -> dict[str, Analysis]:
    """Forms of a lemma key the dictionary does not know, as pymorphy3 would inflect it.

    Forms that are dictionary words of another lemma are left out, so «юзать» cannot claim a word
    it only happens to share a spelling with.
    """
    body = unknown_lemma(key, analyzer)
    if body is None:
        return {}
    rows = shipped(analyzer.version).get(paradigm_key(body, atom))
    if rows is not None:
        grammemes = tuple(sorted(atom.grammemes))
        sets: dict[str, frozenset[str]] = {}  # one set per tag, as Morph shares them
        out: dict[str, Analysis] = {}
        # A row: form, part of speech, its grammemes joined by commas, whether the dictionary knows the
        # form, its position in ``Morph.paradigm`` (the lemma is the key's word; a generated form's
        # score is 1.0).
        for word, pos, tag, known, n in rows:
            if tag not in sets:
                sets[tag] = frozenset(filter(None, tag.split(",")))
            out[word] = Analysis(word, body, pos, sets[tag], 1.0, known, (body, grammemes, n))
        return out
    return {word: form for word, (_, form) in live_paradigm(body, atom, analyzer).items()}


def live_paradigm(body: str, atom: Atom, analyzer: Morph) -> dict[str, tuple[int, Analysis]]:
    """``_paradigm`` computed with pymorphy3, each form with its position in ``Morph.paradigm``."""
    out: dict[str, tuple[int, Analysis]] = {}
    for n, form in enumerate(analyzer.paradigm(body, atom.grammemes)):
        if atom.negated & form.grammemes:
            continue
        if analyzer.is_known(form.word) and body not in analyzer.lemmas(form.word):
            continue
        out.setdefault(form.word, (n, form))
    return out
