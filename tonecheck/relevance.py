"""How well a reply addresses a customer's message: content terms, soft matching, one calibrated score.

A *term* is a content word (noun, verb, adjective, adverb, foreign word) reduced to its pymorphy3
lemma. Its weight says how informative it is: function words (from the lexicon) are left out, words
every support conversation uses count at a fraction, Latin-script words (brand and platform names)
at half, adjectives and adverbs at MODIFIER_WEIGHT (the noun or verb they modify names the topic), and
very frequent words of general Russian (navec's corpus counts) fade out.

A question term is *matched* by a reply term with the same lemma (1.0), the same stem (1.0: «трансляция»
/ «транслировать»), the same stem behind a prefix (0.7: «заблокировать» / «блокировка») or a close
navec vector (partly: «изменить» ~ «поменять»). From the matches:

- ``focus``: the weighted share of the question's terms matched by the best one or two adjacent reply
  sentences (an answer addresses the question in one place, not by scattered coincidences);
- ``sentence``: the cosine of the question's and the best reply sentence's mean vectors («вернуть
  деньги» and «возврат средств» are close although no word is shared);
- ``unrelated``: how much reply content matches nothing in the question (in terms).

One more signal is the shape of the exchange, not its words:

- ``mismatch``: the reply opens with «Да» or «Нет» while the message asks only open questions (a
  sentence that opens with «как», «почему», «сколько», … and no «ли» or other yes/no question) —
  «Как удалить канал?» is not answered by «Да, …». Indirect questions («Подскажите, как …») are not
  counted: a «Да, конечно» before the answer is natural there;
- ``no number``: the message asks «сколько» and the reply names no number (digits or a numeral);
- ``statement``: the message asks nothing (no «?», no «ли», no sentence opening with a question word)
  and tells what happened, with a verb — a complaint («Курьер нахамил мне и бросил коробку»). A good
  reply apologises and says what was done, in words the complaint never used, so such a message is
  judged more leniently. A heading without a verb («Правила размещения субтитров») names its topic and
  is judged as a question.

``relevance = σ(FOCUS·focus^1.5 + SENTENCE·max(0, sentence − SENTENCE_FLOOR) − ln(1 + unrelated)
− MISMATCH·mismatch − NO_NUMBER·no_number + STATEMENT·statement + BIAS)``.
The log term is the length calibration: a short reply carries little evidence either way and stays near
``σ(BIAS)``, above the threshold («Да, можно.» is an answer), while a long reply that never touches the
question sinks. ``BIAS = ln 2.5`` puts the threshold 0.5 where a reply with one or two words that match
nothing would be; FOCUS and the exponent were chosen on a small grid where the result is flat.
``MISMATCH = 2`` weighs a yes/no opening to an open question like about six words that match nothing:
a short «Да.» falls below the threshold, a reply that names the question's things stays above it
(the result is flat from 1.5 to 3); ``NO_NUMBER = 1`` is milder, since «Бесплатно.» or «До завтра.» may
answer «Сколько …?». These constants were chosen on one half of a held-out set of real and shuffled
support pairs and checked on the other half (docs/topic.md).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .doc import Doc, Sentence, Token
from .layout import chunks
from .pattern import Pattern, find
from .person import NAME_TAGS

if TYPE_CHECKING:
    import numpy as np

    from .morph import Morph
    from .vectors import Vectors

#: Parts of speech that never carry the topic (pronouns, prepositions, conjunctions, particles, …).
SKIP_POS = frozenset({"NPRO", "PREP", "CONJ", "PRCL", "INTJ", "NUMR", "PRED"})
#: Pronoun-like adjectives («такой», «свой», «весь»).
SKIP_GRAMMEMES = frozenset({"Apro"})
URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+\.(?:ru|com|рф|org|net|su)\b\S*",
                 re.IGNORECASE)

LEADING = frozenset({"а", "и", "но", "ну", "так"})  # words before a question word: «А как …», «Так где …»
LEXEME_FORMS = 4  # a word is represented by the vectors of its commonest forms
STEM = 4  # equal first letters that make two lemmas one stem
BARE_STEM = 5  # the same, compared after a verbal prefix is taken off
BARE_MATCH = 0.7
FLOOR = 0.5  # below this cosine two different words are unrelated; 1.0 counts as the same word
LATIN_WEIGHT = 0.5
MODIFIER_WEIGHT = 0.7  # adjectives and adverbs: the noun or verb they modify names the topic
MODIFIER_POS = frozenset({"ADJF", "ADJS", "COMP", "ADVB"})
FREQUENT = (6.0, 8.0)  # ln(total/count) below the first: weight 0.1; above the second: 1.0
MIN_WEIGHT = 0.1
PREFIXES = ("пере", "пред", "пре", "при", "про", "раз", "рас", "под", "над", "обо", "об", "от", "вы", "за",
            "на", "до", "по", "со", "вос", "воз", "из", "ис", "вз", "вс", "с", "у", "в")

# The score (see the module docstring); BIAS puts the off-topic threshold at relevance 0.5.
FOCUS = 12.0
FOCUS_POWER = 1.5
SENTENCE = 4.0
SENTENCE_FLOOR = 0.3  # mean-vector cosine that unrelated texts reach anyway
BIAS = 0.92  # ln(2.5): a reply of one or two words that match nothing still scores 0.5
MISMATCH = 2.0  # a «Да»/«Нет» reply to a message that asks only open questions
STATEMENT = 1.0  # a message that asks nothing («Курьер нахамил мне»): the reply answers in other words
NO_NUMBER = 1.0  # a reply without a number to «Сколько …?»
THRESHOLD = 0.5


@dataclass(frozen=True)
class Lexicon:
    """The topic rules' vocabulary (``rules/topic/_lexicon.yaml``)."""

    function_words: frozenset[str] = frozenset()
    generic_words: frozenset[str] = frozenset()
    generic_weight: float = 0.3
    service: tuple[Pattern, ...] = ()
    promo_words: frozenset[str] = frozenset()
    question_words: frozenset[str] = frozenset()  # lemmas that open an open question («как», «почему»)
    quantity_words: frozenset[str] = frozenset()  # lemmas that ask for a number («сколько»)
    yes_no_words: frozenset[str] = frozenset()  # a reply's first word that answers a yes/no question
    request_words: frozenset[str] = frozenset()  # lemmas that ask for something («хотеть», «просить»)


@dataclass(frozen=True, slots=True)
class Term:
    lemma: str
    sentence: int
    start: int
    stop: int
    weight: float


@dataclass(frozen=True)
class Side:
    """The distinct terms of one text: weights, unit vectors (zero rows when unknown), stem keys."""

    terms: tuple[Term, ...]
    lemmas: tuple[str, ...]
    weights: np.ndarray
    matrix: np.ndarray
    lexemes: np.ndarray  # (terms, LEXEME_FORMS, dim): vectors of each lemma's commonest forms
    sentences: dict[int, tuple[int, ...]]  # sentence index → indices into lemmas
    stems: tuple[str, ...]
    bare: tuple[frozenset[str], ...]
    open_questions: bool = False  # as a message: asks only open questions (see :func:`asks_open_only`)
    yes_no: bool = False  # as a reply: opens with «Да» or «Нет» (see :func:`opens_yes_no`)
    asks_number: bool = False  # as a message: asks «сколько»
    asks: bool = True  # as a message: asks something at all (see :func:`asks_anything`)
    has_number: bool = False  # as a reply: names a number (digits or a numeral)

    def __len__(self) -> int:
        return len(self.lemmas)


def service_spans(doc: Doc, lex: Lexicon) -> list[tuple[int, int]]:
    """Offsets of greetings, thanks, apologies, sign-offs and offers of help."""
    words = doc.words
    lemmas: set[str] = set()
    forms: set[str] = set()
    for token in words:
        lemmas.update(a.lemma for a in token.analyses)
        forms.add(token.lower)
    spans = []
    for pattern in lex.service:
        first_lemmas, first_forms, scan = pattern.anchors()
        if not scan and first_lemmas.isdisjoint(lemmas) and first_forms.isdisjoint(forms):
            continue  # its first word is nowhere in the text
        for i, end in find(pattern, doc, words):
            spans.append((words[i].start, words[end - 1].stop))
    return spans


#: The last lines of a reply where a sign-off on a line of its own starts the signature.
CLOSING_LINES = 4


def signature(doc: Doc, service: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """From a sign-off that fills a line of its own («С уважением,») near the end, to the end: the name,
    role and brand under it («Елена Смирнова / отдел клиентского сервиса») say nothing about the topic."""
    parts = chunks(doc)
    if len(parts) < 2:
        return []
    tail = parts[max(1, len(parts) - CLOSING_LINES)].start  # never the opening line (a greeting)
    view = doc.view
    for start, stop in sorted(service):
        if start < tail:
            continue
        line_start = view.rfind("\n", 0, start) + 1
        line_stop = view.find("\n", stop)
        line_stop = len(view) if line_stop < 0 else line_stop
        before, after = view[line_start:start], view[stop:line_stop]
        if not before.strip() and not any(ch.isalnum() for ch in after) and line_stop < len(view):
            return [(start, len(view))]
    return []


def asks_open_only(doc: Doc, lex: Lexicon) -> bool:
    """Whether the message asks open questions and no yes/no one.

    A question sentence ends with «?» (or is the message's unpunctuated last sentence); it is open when
    its first word after prepositions and conjunctions is a question word, yes/no otherwise or with «ли».
    """
    words = doc.words
    found = False
    for sentence, tokens in _sentence_words(doc):
        if any(t.lower == "ли" for t in tokens):
            return False
        end = doc.view[tokens[-1].stop:sentence.stop].strip()
        if not (end.startswith("?") or (not end and tokens[-1] is words[-1])):
            continue
        if _opens_question(tokens, lex):
            found = True
        elif end.startswith("?"):
            return False  # «Можно удалить канал?»: a yes/no question without «ли»
    return found


def _sentence_words(doc: Doc) -> Iterator[tuple[Sentence, list[Token]]]:
    """Each sentence with its word tokens (sentences without words left out)."""
    for sentence in doc.sentences:
        tokens = [t for t in doc.sentence_tokens(sentence) if t.is_word]
        if tokens:
            yield sentence, tokens


def _opens_question(tokens: list[Token], lex: Lexicon) -> bool:
    """Whether the first word after leading conjunctions and prepositions is a question word («А в каких …»)."""
    opener = next((t for t in tokens if t.lower not in LEADING and (t.best is None or t.best.pos != "PREP")), None)
    return opener is not None and bool(opener.lemmas & lex.question_words)


def asks_anything(doc: Doc, lex: Lexicon) -> bool:
    """Whether the message asks for something at all: a «?», «ли», a sentence opening with a question word,
    or a request (a verb in the imperative, a word of ``request_words``).

    «Курьер нахамил мне и бросил коробку» asks nothing: a good reply apologises and says what was done,
    in words the complaint never used.
    """
    if "?" in doc.view:
        return True
    if not any(t.best is not None and t.best.pos == "VERB" for t in doc.words):
        return True  # «Правила размещения субтитров»: a heading names its topic, it tells no story
    for _sentence, tokens in _sentence_words(doc):
        if any(t.lower == "ли" for t in tokens) or _opens_question(tokens, lex):
            return True
        if any((t.best is not None and "impr" in t.best.grammemes) or t.lemmas & lex.request_words for t in tokens):
            return True  # a request is asking too: «Подскажите, где найти чек», «хочу компенсацию»
    return False


def asks_number(doc: Doc, lex: Lexicon) -> bool:
    """Whether the message asks for a number («Сколько стоит …?»; not the exasperated «Сколько можно ждать?»)."""
    words = doc.words
    return any(not token.lemmas.isdisjoint(lex.quantity_words)
               and (i + 1 == len(words) or words[i + 1].lower != "можно")
               for i, token in enumerate(words))


def opens_yes_no(doc: Doc, lex: Lexicon) -> bool:
    """Whether the reply's first word outside service talk is «да» or «нет» standing alone («Да, можно»)."""
    if not any(token.lower in lex.yes_no_words for token in doc.words):
        return False  # the common case: no need to find the service talk
    hidden = service_spans(doc, lex)
    for token in doc.words:
        if any(a <= token.start < b for a, b in hidden) or (token.best and token.best.grammemes & NAME_TAGS):
            continue  # «Здравствуйте, Ольга! Да, …»
        if token.lower not in lex.yes_no_words:
            return False
        after = doc.view[token.stop:token.stop + 1]
        return not after or not after.isalnum()
    return False


def content_tokens(doc: Doc, lex: Lexicon) -> Iterator[tuple[Token, str]]:
    """Word tokens that may carry the topic, with their lemma (URLs, e-mails, service talk, the signature
    under a sign-off and people's names skipped: whom a reply addresses or who signs it is no topic)."""
    service = service_spans(doc, lex)
    hidden = [(m.start(), m.end()) for m in URL.finditer(doc.view)] + service + signature(doc, service)
    for token in doc.words:
        if any(a <= token.start < b for a, b in hidden):
            continue
        best = token.best
        if best is None or best.pos in SKIP_POS or best.grammemes & (SKIP_GRAMMEMES | NAME_TAGS):
            continue
        lemma = best.lemma if best.pos else token.lower
        if lemma in lex.function_words or len(lemma) < 2 or not any(ch.isalpha() for ch in lemma):
            continue
        yield token, lemma


def side(doc: Doc, lex: Lexicon, vec: Vectors) -> Side:
    """The terms of ``doc`` ready for matching."""
    import numpy as np

    terms: list[Term] = []
    forms: dict[str, str] = {}
    for token, lemma in content_tokens(doc, lex):
        latin = token.best is not None and token.best.pos is None
        w = weight(lemma, token.lower, vec, lex, latin)
        if token.best is not None and token.best.pos in MODIFIER_POS:
            w *= MODIFIER_WEIGHT
        terms.append(Term(lemma, token.sentence, token.start, token.stop, w))
        forms.setdefault(lemma, token.lower)
        if "-" in lemma:  # «QR-кода», «ТВ-приставка»: the last part is the head of the compound
            head = lemma.rsplit("-", 1)[1]
            parsed = doc.morph.parse(head) if doc.morph is not None and head else ()
            head = parsed[0].lemma if parsed else head
            if len(head) > 2 and head not in lex.function_words:
                terms.append(Term(head, token.sentence, token.start, token.stop,
                                  weight(head, head, vec, lex, latin)))
                forms.setdefault(head, head)
    lemmas: list[str] = []
    index: dict[str, int] = {}
    weights: list[float] = []
    sentences: dict[int, list[int]] = {}
    for term in terms:
        if term.lemma not in index:
            index[term.lemma] = len(lemmas)
            lemmas.append(term.lemma)
            weights.append(term.weight)
        ids = sentences.setdefault(term.sentence, [])
        if index[term.lemma] not in ids:
            ids.append(index[term.lemma])
    matrix = np.zeros((len(lemmas), vec.dim), dtype=np.float32)
    lexemes = np.zeros((len(lemmas), LEXEME_FORMS, vec.dim), dtype=np.float32)
    for i, lemma in enumerate(lemmas):
        v = vec.vector(lemma)
        if v is None:
            v = vec.vector(forms[lemma])
        if v is not None:
            matrix[i] = v
        for k, form in enumerate(commonest_forms(lemma, forms[lemma], doc.morph, vec)):
            lexemes[i, k] = vec.vector(form)
    return Side(
        terms=tuple(terms), lemmas=tuple(lemmas), weights=np.asarray(weights, dtype=np.float64),
        matrix=matrix,
        lexemes=lexemes,
        sentences={k: tuple(v) for k, v in sentences.items()},
        stems=tuple(lemma[:STEM] if len(lemma) > STEM else "" for lemma in lemmas),
        bare=tuple(bare_stems(lemma) for lemma in lemmas),
        open_questions=asks_open_only(doc, lex),
        yes_no=opens_yes_no(doc, lex),
        asks_number=asks_number(doc, lex),
        asks=asks_anything(doc, lex),
        has_number=any(token.text[0].isdigit() or (token.best is not None and token.best.pos == "NUMR")
                       for token in doc.tokens),
    )


@lru_cache(maxsize=100_000)
def commonest_forms(lemma: str, written: str, analyzer: Morph | None, vec: Vectors) -> tuple[str, ...]:
    """The LEXEME_FORMS forms of ``lemma`` most frequent in navec's corpus (with the written form)."""
    candidates = {lemma, written}
    if analyzer is not None and lemma.isalpha():
        candidates.update(analyzer.lexeme(lemma))
    known = sorted((c for c in candidates if vec.count(c) > 0), key=lambda c: (-vec.count(c), c))
    return tuple(known[:LEXEME_FORMS])


def weight(lemma: str, form: str, vec: Vectors, lex: Lexicon, latin: bool) -> float:
    """How informative a term is, 0.1..1 (see the module docstring)."""
    count = max(vec.count(lemma), vec.count(form))
    if count <= 0:
        w = 1.0
    else:
        lo, hi = FREQUENT
        w = min(1.0, max(MIN_WEIGHT, (math.log(vec.total / count) - lo) / (hi - lo)))
    if lemma in lex.generic_words:
        w *= lex.generic_weight
    if latin:
        w *= LATIN_WEIGHT
    return w


def bare_stems(lemma: str) -> frozenset[str]:
    """The lemma's stem and its stems with a prefix taken off («заблокировать» → «забло», «блоки»)."""
    out = {lemma[:BARE_STEM]} if len(lemma) > BARE_STEM else set()
    for prefix in PREFIXES:
        rest = lemma[len(prefix):]
        if lemma.startswith(prefix) and len(rest) > BARE_STEM:
            out.add(rest[:BARE_STEM])
    return frozenset(out)


def similarity(q: Side, r: Side) -> np.ndarray:
    """Match strength of every question term (rows) with every reply term (columns), 0..1."""
    import numpy as np

    # Words are compared form by form: «деньги» is close to «средства», not to the lemma «средство».
    nq, nr, k = len(q), len(r), LEXEME_FORMS
    flat = q.lexemes.reshape(nq * k, -1) @ r.lexemes.reshape(nr * k, -1).T
    cos = flat.reshape(nq, k, nr, k).max(axis=(1, 3))
    out = np.clip((cos - FLOOR) / (1.0 - FLOOR), 0.0, 1.0).astype(np.float64)
    by_lemma: dict[str, list[int]] = {}
    by_stem: dict[str, list[int]] = {}
    by_bare: dict[str, list[int]] = {}
    for j, (lemma, stem, bare) in enumerate(zip(r.lemmas, r.stems, r.bare, strict=True)):
        by_lemma.setdefault(lemma, []).append(j)
        if stem:
            by_stem.setdefault(stem, []).append(j)
        for key in bare:
            by_bare.setdefault(key, []).append(j)
    for i, (lemma, stem, bare) in enumerate(zip(q.lemmas, q.stems, q.bare, strict=True)):
        for key in bare:
            for j in by_bare.get(key, ()):
                out[i, j] = max(out[i, j], BARE_MATCH)
        for j in by_stem.get(stem, ()) if stem else ():
            out[i, j] = 1.0
        for j in by_lemma.get(lemma, ()):
            out[i, j] = 1.0
    return out


@dataclass(frozen=True)
class Comparison:
    """How a reply relates to a question; ``relevance`` is the calibrated 0..1 score."""

    relevance: float
    focus: float
    sentence: float
    unrelated: float
    matched: tuple[float, ...]  # per question term, its best match in the reply
    related: tuple[float, ...]  # per reply term, its best match in the question
    mismatch: bool = False  # a yes/no reply to open questions


def compare(q: Side, r: Side, vec: Vectors) -> Comparison:
    mismatch = q.open_questions and r.yes_no
    bias = (BIAS - MISMATCH * mismatch - NO_NUMBER * (q.asks_number and not r.has_number)
            + STATEMENT * (not q.asks))
    if not len(q):
        # Nothing in the message to be on or off topic about.
        return Comparison(_sigmoid(bias), 0.0, 0.0, 0.0, (), tuple(0.0 for _ in r.lemmas), mismatch)
    if not len(r):
        return Comparison(_sigmoid(bias), 0.0, 0.0, 0.0, tuple(0.0 for _ in q.lemmas), (), mismatch)
    s = similarity(q, r)
    total = float(q.weights.sum()) or 1.0
    focus = 0.0
    order = sorted(r.sentences)
    for k, sid in enumerate(order):
        cols = list(r.sentences[sid])
        if k + 1 < len(order):
            cols += r.sentences[order[k + 1]]
        focus = max(focus, float((s[:, cols].max(axis=1) * q.weights).sum()) / total)
    related = s.max(axis=0)
    unrelated = float(((1.0 - related) * r.weights).sum())
    sentence = 0.0
    qv = mean_vector(q, range(len(q)), vec)
    if qv is not None:
        for ids in r.sentences.values():
            sv = mean_vector(r, ids, vec)
            if sv is not None:
                sentence = max(sentence, float(qv @ sv))
    z = (FOCUS * focus ** FOCUS_POWER + SENTENCE * max(0.0, sentence - SENTENCE_FLOOR)
         - math.log1p(unrelated) + bias)
    return Comparison(_sigmoid(z), focus, sentence, unrelated,
                      tuple(float(x) for x in s.max(axis=1)), tuple(float(x) for x in related), mismatch)


def mean_vector(side: Side, ids: Sequence[int] | range, vec: Vectors) -> np.ndarray | None:
    """Weighted mean of the terms' vectors without the direction all Russian text shares, unit length."""
    import numpy as np

    ids = list(ids)
    if not ids:
        return None
    w = side.weights[ids, None].astype(np.float32)
    v = (side.lexemes[ids].sum(axis=1) * w).sum(axis=0)
    common = vec.common
    v = v - float(v @ common) * common
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else None


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))
