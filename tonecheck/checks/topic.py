"""Staying on topic: does the reply address the customer's message? (needs ``customer_message``)

One kind, three tests chosen by the rule's ``test`` field:

- ``reply``: the reply as a whole is off topic (relevance below ``threshold``);
- ``questions``: the message asks several questions and the reply answers some but not this one;
- ``drift``: a sentence about something else than the question and the rest of the answer (an
  advertisement in the middle of it); service talk never counts.

The relevance model lives in :mod:`tonecheck.relevance`; word vectors load on the first message.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import relevance
from ..context import Context
from ..doc import Doc, customer_doc
from ..errors import RuleError
from ..finding import Hit
from ..morph import Morph
from ..pattern import PatternError, compile_pattern
from ..relevance import Comparison, Lexicon, Side
from ..rule import Rule, read_yaml

KEYS = {"test", "lexicon", "threshold", "min_weight", "promo_threshold"}
TESTS = ("reply", "questions", "drift")
DEFAULT_THRESHOLD = {"reply": relevance.THRESHOLD, "questions": 0.3, "drift": 0.15}
ANSWERED = 0.5  # a question counts as answered from this share of its terms on
MATCHED = 0.5  # a term counts as touched from this match strength on
NAMED_TERMS = 3  # how many missing key terms the off-topic message names


@dataclass(frozen=True)
class Analysis:
    """A reply measured against one customer message."""

    message: Doc
    question: Side
    reply: Side
    comparison: Comparison


_cache: OrderedDict[tuple[str, str, int], Analysis] = OrderedDict()
_cache_lock = threading.Lock()
_CACHE_SIZE = 64


def analyse(doc: Doc, message: str, lexicon: Lexicon) -> Analysis:
    """Compare ``doc`` with ``message``; shared by the three tests of one lint call (and cached)."""
    key = (doc.view, message, id(lexicon))
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    from ..vectors import vectors

    vec = vectors()
    message_doc = customer_doc(message, doc.morph)
    question = relevance.side(message_doc, lexicon, vec)
    reply = relevance.side(doc, lexicon, vec)
    result = Analysis(message_doc, question, reply, relevance.compare(question, reply, vec))
    with _cache_lock:
        _cache[key] = result
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return result


@dataclass(frozen=True)
class TopicCheck:
    rule: Rule
    test: str
    lexicon: Lexicon
    threshold: float
    min_weight: float
    promo_threshold: float

    def measure(self, doc: Doc, ctx: Context) -> dict[str, Any]:
        if not ctx.customer_message:
            return {}
        return {"relevance": round(analyse(doc, ctx.customer_message, self.lexicon).comparison.relevance, 4)}

    def run(self, doc: Doc, ctx: Context) -> Iterable[Hit]:
        if not ctx.customer_message or not doc.words:  # most replies are linted without the message
            return ()
        return self._run(doc, ctx.customer_message)

    def _run(self, doc: Doc, message: str) -> Iterator[Hit]:
        analysis = analyse(doc, message, self.lexicon)
        if self.test == "reply":
            yield from self._off_topic(doc, analysis)
        elif self.test == "questions":
            yield from self._unanswered(doc, analysis)
        else:
            yield from self._drift(doc, analysis)

    def _off_topic(self, doc: Doc, a: Analysis) -> Iterator[Hit]:
        c = a.comparison
        if c.relevance >= self.threshold:
            return
        missing = _missing_terms(a, range(len(a.question)))
        message = self.rule.message
        if missing:
            message += ": ни слова о " + ", ".join(f"«{t}»" for t in missing)
        yield Hit(doc.words[0].start, doc.words[-1].stop, message=message,
                  data={"relevance": round(c.relevance, 4), "missing": missing})

    def _unanswered(self, doc: Doc, a: Analysis) -> Iterator[Hit]:
        questions = []
        for sentence in a.message.sentences:
            text = a.message.sentence_text(sentence).strip()
            ids = a.question.sentences.get(sentence.index, ())
            if text.endswith("?") and ids:
                questions.append((text, ids, _coverage(a, ids)))
        if len(questions) < 2 or max(cov for _, _, cov in questions) < ANSWERED:
            return
        for text, ids, cov in questions:
            if cov < self.threshold:
                shown = text if len(text) <= 80 else text[:79] + "…"
                yield Hit(doc.words[0].start, doc.words[-1].stop,
                          message=f"{self.rule.message}: «{shown}»",
                          data={"question": text, "coverage": round(cov, 4),
                                "missing": _missing_terms(a, ids)})

    def _drift(self, doc: Doc, a: Analysis) -> Iterator[Hit]:
        c = a.comparison
        reply = a.reply
        if c.relevance < relevance.THRESHOLD or len(reply.sentences) < 2:
            return
        from ..vectors import vectors

        vec = vectors()
        on_topic = [sid for sid, ids in reply.sentences.items() if max(c.related[i] for i in ids) >= MATCHED]
        if not on_topic:
            return
        question = relevance.mean_vector(a.question, range(len(a.question)), vec)
        anchor_ids = sorted({i for sid in on_topic for i in reply.sentences[sid]})
        anchor = relevance.mean_vector(reply, anchor_ids, vec)
        for sid, ids in sorted(reply.sentences.items()):
            # Drifting means leaving the topic: only after the answer has been on it.
            weight = float(reply.weights[list(ids)].sum())
            if sid in on_topic or sid < min(on_topic) or weight < self.min_weight:
                continue
            if _shares_stem(reply, ids, anchor_ids):
                continue
            sv = relevance.mean_vector(reply, ids, vec)
            if sv is None:
                continue
            closeness = max(float(sv @ v) for v in (question, anchor) if v is not None)
            # Advertising is the commonest drift: a sentence that sells is judged more strictly.
            promo = any(reply.lemmas[i] in self.lexicon.promo_words for i in ids)
            if closeness < (max(self.threshold, self.promo_threshold) if promo else self.threshold):
                sentence = doc.sentences[sid]
                yield Hit(sentence.start, sentence.stop, data={"closeness": round(closeness, 4)})


def _coverage(a: Analysis, ids: tuple[int, ...] | range) -> float:
    weights = a.question.weights
    total = sum(float(weights[i]) for i in ids)
    if total <= 0:
        return 1.0
    return sum(float(weights[i]) * a.comparison.matched[i] for i in ids) / total


def _missing_terms(a: Analysis, ids: tuple[int, ...] | range) -> list[str]:
    """The customer's most informative words (as written) that the reply never touches."""
    q = a.question
    first: dict[str, str] = {}
    for term in q.terms:
        first.setdefault(term.lemma, a.message.text[term.start:term.stop].lower())
    untouched = [i for i in ids if a.comparison.matched[i] < MATCHED]
    untouched.sort(key=lambda i: -float(q.weights[i]))
    return [first[q.lemmas[i]] for i in untouched[:NAMED_TERMS]]


def _shares_stem(side: Side, ids: tuple[int, ...], others: list[int]) -> bool:
    stems = {side.stems[i] for i in others if side.stems[i]} | {side.lemmas[i] for i in others}
    return any(side.lemmas[i] in stems or (side.stems[i] and side.stems[i] in stems) for i in ids)


# ---------------------------------------------------------------- loading

_lexicons: dict[Path, Lexicon] = {}
_lexicons_lock = threading.Lock()


def load_lexicon(path: Path, analyzer: Morph) -> Lexicon:
    """Read and validate a topic lexicon file once per process."""
    path = path.resolve()
    with _lexicons_lock:
        if path not in _lexicons:
            _lexicons[path] = _read_lexicon(path, analyzer)
        return _lexicons[path]


def _read_lexicon(path: Path, analyzer: Morph) -> Lexicon:
    data, lines = read_yaml(path)
    where = str(path)
    if not isinstance(data, dict):
        raise RuleError(where, 1, None, "словарь темы должен быть YAML-словарём")
    known = {"function_words", "generic_words", "generic_weight", "service_talk", "promo_words", "question_words",
             "quantity_words", "yes_no_words", "request_words"}
    for key in data:
        if key not in known:
            raise RuleError(where, lines.get(str(key)), str(key),
                            f"неизвестное поле; известны: {', '.join(sorted(known))}")

    def words(key: str) -> frozenset[str]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
            raise RuleError(where, lines.get(key), key, "ожидается список слов")
        return frozenset(w.strip().lower().replace("ё", "е") for w in value)

    generic_weight = data.get("generic_weight", 0.3)
    if not isinstance(generic_weight, (int, float)) or not 0 <= generic_weight <= 1:
        raise RuleError(where, lines.get("generic_weight"), "generic_weight", "ожидается число от 0 до 1")
    service = []
    raw = data.get("service_talk", [])
    if not isinstance(raw, list):
        raise RuleError(where, lines.get("service_talk"), "service_talk", "ожидается список шаблонов")
    for source in raw:
        if not isinstance(source, str):
            raise RuleError(where, lines.get("service_talk"), "service_talk",
                            f"шаблон должен быть строкой: {source!r}")
        try:
            service.append(compile_pattern(source, analyzer))
        except PatternError as exc:
            raise RuleError(where, lines.get("service_talk"), "service_talk", str(exc)) from None
    return Lexicon(words("function_words"), words("generic_words"), float(generic_weight), tuple(service),
                   words("promo_words"), words("question_words"), words("quantity_words"),
                   words("yes_no_words"), words("request_words"))


def compile(rule: Rule, analyzer: Morph) -> TopicCheck:
    test = rule.spec.get("test")
    if test not in TESTS:
        raise rule.error("test", f"ожидается одно из: {', '.join(TESTS)}")
    name = rule.spec.get("lexicon", "_lexicon.yaml")
    if not isinstance(name, str) or not name:
        raise rule.error("lexicon", "ожидается имя файла словаря рядом с правилом")
    path = Path(rule.path).parent / name
    if not path.is_file():
        raise rule.error("lexicon", f"файл словаря не найден: {path}")
    threshold = rule.spec.get("threshold", DEFAULT_THRESHOLD[test])
    if not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1:
        raise rule.error("threshold", "ожидается число от 0 до 1")
    min_weight = rule.spec.get("min_weight", 3.0)
    if not isinstance(min_weight, (int, float)) or min_weight < 0:
        raise rule.error("min_weight", "ожидается неотрицательное число")
    promo_threshold = rule.spec.get("promo_threshold", 0.0)
    if not isinstance(promo_threshold, (int, float)) or not 0 <= promo_threshold <= 1:
        raise rule.error("promo_threshold", "ожидается число от 0 до 1")
    return TopicCheck(rule, test, load_lexicon(path, analyzer), float(threshold), float(min_weight),
                      float(promo_threshold))
